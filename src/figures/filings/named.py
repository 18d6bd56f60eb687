"""A comparison folder that names its filings (`filings.json`): imported at build time into a reported figures file.

    {"filings": [{"file": "valeo-2014.zip", "company": "Valeo"}, ...], "accessed": "2026-12-06"}

Each `file` is relative to the folder (and must stay inside it); `company` names the rows (else the filer's name);
`accessed` is the date the filings were obtained (else the newest file's modification date), so that two builds of
the same folder write the same sidecar. The imported file lives in the temporary folder, keyed by the filings'
SHA-256: nothing is written into the comparison.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from pathlib import Path

from figures.errors import FiguresError

FILINGS_NAME = "filings.json"


def import_named_filings(folder: str | Path) -> Path | None:
    """The reported figures imported from the filings `folder/filings.json` names, or None without that file.

    Raises:
        FiguresError: naming filings.json: not the documented shape, a file outside the folder or missing; or
            naming a filing, as `figures import` would.
    """
    from figures.filings.limits import read_limited
    from figures.filings.rows import write_reported

    folder = Path(folder)
    listing = folder / FILINGS_NAME
    if not listing.is_file():
        return None
    try:
        document = json.loads(read_limited(listing))
        entries = document["filings"]
        groups: dict[str, list[Path]] = {}
        for entry in entries:
            path = (folder / str(entry["file"])).resolve()
            if not path.is_relative_to(folder.resolve()):
                raise FiguresError(
                    f"expected a filing inside the comparison folder, found {entry['file']!r}", path=listing
                )
            if not path.is_file():
                raise FiguresError(f"expected the filing {entry['file']!r}, found none", path=listing)
            groups.setdefault(str(entry.get("company") or ""), []).append(path)
        accessed = document.get("accessed")
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise FiguresError(
            'expected {"filings": [{"file": NAME, "company": NAME}, ...]} (a JSON list of filings)', path=listing
        ) from None
    paths = [p for group in groups.values() for p in group]
    digest = hashlib.sha256(read_limited(listing))
    for path in paths:
        digest.update(hashlib.sha256(read_limited(path)).digest())
    out_dir = Path(tempfile.gettempdir()) / "figures-imported" / digest.hexdigest()[:32]
    out = out_dir / "reported.csv"
    if out.is_file():
        return out
    date = dt.date.fromisoformat(accessed) if accessed else dt.date.fromtimestamp(max(p.stat().st_mtime for p in paths))
    parts = []
    for company, group in groups.items():
        part = out_dir / f"part{len(parts)}.csv"
        write_reported(group, part, company=company or None, accessed=date, force=True)
        parts.append(part)
    _concatenate(parts, out, date)
    return out


def _concatenate(parts: list[Path], out: Path, accessed: dt.date) -> None:
    """One reported file (and sidecar) from the per-company parts, their sidecars' filings and citations joined."""
    from figures.atomic import write_atomically
    from figures.provenance import sidecar_path

    lines, sidecar = [], None
    for part in parts:
        text = part.read_text(encoding="utf-8").splitlines(keepends=True)
        lines += text if not lines else text[1:]
        meta = json.loads(sidecar_path(part).read_text(encoding="utf-8"))
        if sidecar is None:
            sidecar = meta
        else:
            for key in ("title", "producer", "citation"):
                sidecar[key] = f"{sidecar[key]}; {meta[key]}"
            sidecar["filings"] += meta["filings"]
            sidecar["concepts_chosen"] = sorted(set(sidecar["concepts_chosen"]) | set(meta["concepts_chosen"]))
    payload = "".join(lines).encode("utf-8")
    sidecar.update(file=out.name, date_accessed=accessed.isoformat(), sha256=hashlib.sha256(payload).hexdigest())
    sidecar["size_bytes"] = len(payload)
    files = {out.name: payload, sidecar_path(out).name: (json.dumps(sidecar, indent=2) + "\n").encode("utf-8")}
    write_atomically(out.parent, files)
