"""A comparison folder that names its filings (`filings.json`): imported at build time into a reported figures file.

    {"filings": [{"file": "valeo-2014.zip", "company": "Valeo"}, ...], "accessed": "2026-12-06"}

Each `file` is relative to the folder (and must stay inside it); `company`, required, is the name the claims give the
company (a filing names it only by CIK or LEI); one company's filings must all be one entity's. No other key is taken
(a misspelt one is refused, not ignored). `accessed` is the date the filings were obtained, not after today (else the
newest file's modification date), so that two builds of the same folder write the same sidecar. The imported file
lives in the user's cache folder (`paths.user_cache_dir()`, made 0700, refused when another user owns it), keyed by the
filings' SHA-256, the importer's code and the ixbrlparse version: nothing is written into the comparison.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from figures.errors import FiguresError

FILINGS_NAME = "filings.json"
IMPORTER_MODULES = ("periods.py", "load.py", "provenance.py")
"""The modules outside `filings/` whose code decides an imported file (besides `filings/*.py`): in the cache's key."""


DOCUMENT_KEYS = ("filings", "accessed")
ENTRY_KEYS = ("file", "company")
SHAPE = '{"filings": [{"file": NAME, "company": NAME}, ...], "accessed": "YYYY-MM-DD"}'


def import_named_filings(folder: str | Path) -> Path | None:
    """The reported figures imported from the filings `folder/filings.json` names, or None without that file.

    Raises:
        FiguresError: naming filings.json, the entry and the key: not the documented shape, an unknown key, no filing,
            a filing without `company`, a file outside the folder or missing, an `accessed` date that is no date or
            after today, one company's filings of two entities; or naming a filing, as `figures import` would.
    """
    from figures.filings.limits import read_limited
    from figures.filings.rows import MixedEntities, import_filings, write_facts
    from figures.paths import user_cache_dir

    folder = Path(folder)
    listing = folder / FILINGS_NAME
    if not listing.is_file():
        return None
    groups, accessed = _read_listing(folder, listing)
    paths = [p for group in groups.values() for p in group]
    digest = hashlib.sha256(_importer_digest())
    digest.update(read_limited(listing))
    for path in paths:
        digest.update(hashlib.sha256(read_limited(path)).digest())
    out_dir = _private_folder(_private_folder(user_cache_dir()) / "imported") / digest.hexdigest()[:32]
    out = out_dir / "reported.csv"
    if out.is_file():
        return out
    date = accessed or dt.date.fromtimestamp(max(p.stat().st_mtime for p in paths))
    imported, companies = [], {}
    for company, group in groups.items():
        try:
            facts = import_filings(group)
        except MixedEntities as error:
            said = " and ".join(f"{entity} ({', '.join(files)})" for entity, files in sorted(error.entities.items()))
            raise FiguresError(
                f"company {company!r}: expected the filings of one entity, found {said}: give each company its own"
                " name (an entry per filing, each with its company)",
                path=listing,
            ) from None
        entity = facts[0].filing.entity if facts else ""
        if entity in companies:
            other, other_files = companies[entity]
            raise FiguresError(
                f"{entity}: expected one company name for one entity, found {other!r} ({', '.join(other_files)}) and"
                f" {company!r} ({', '.join(p.name for p in group)}): one filer's figures are one company's",
                path=listing,
            )
        companies[entity] = (company, [p.name for p in group])
        imported.append((company, group, facts))
    parts = []
    for company, group, facts in imported:
        part = out_dir / f"part{len(parts)}.csv"
        write_facts(facts, group, part, company=company, accessed=date)
        parts.append(part)
    _concatenate(parts, out, date)
    return out


def _importer_digest() -> bytes:
    """The SHA-256 of the importer's code (its own, and the modules that read periods, check the rows and write the
    sidecar) and of the ixbrlparse version: an import cached by an earlier version of either is not reused."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"ixbrlparse {version('ixbrlparse')}".encode())
    package = Path(__file__).parent
    for module in [*sorted(package.glob("*.py")), *(package.parent / name for name in IMPORTER_MODULES)]:
        digest.update(module.read_bytes())
    return digest.digest()


def _private_folder(folder: Path) -> Path:
    """`folder`, created readable by the user alone (0700) when new; refused when another user owns it (a cache
    someone else could have filled is not trusted).

    >>> import tempfile
    >>> oct(_private_folder(Path(tempfile.mkdtemp()) / "cache").stat().st_mode & 0o777)
    '0o700'
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        owner = folder.stat().st_uid
    except OSError as error:
        raise FiguresError(
            f"expected a cache folder for the imported filings, {error.strerror or error}", path=folder
        ) from None
    if owner != os.getuid() or not folder.is_dir():
        raise FiguresError(
            "expected a cache folder of your own (the imported filings are trusted from it), found one another user"
            " owns, or no folder: set FIGURES_CACHE_DIR to one of yours",
            path=folder,
        )
    return folder


def _read_listing(folder: Path, listing: Path) -> tuple[dict[str, list[Path]], dt.date | None]:
    """The filings grouped by company name, and the `accessed` date if given, from a checked `filings.json`."""
    from figures.filings.limits import read_limited

    try:
        document = json.loads(read_limited(listing))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise FiguresError(f"expected JSON, {SHAPE}, found a file that is not JSON", path=listing) from None
    if not isinstance(document, dict) or not isinstance(document.get("filings"), list):
        raise FiguresError(f"expected {SHAPE}, found no list of filings", path=listing)
    _known_keys(document, DOCUMENT_KEYS, "", listing)
    if not document["filings"]:
        raise FiguresError(f"expected at least one filing in 'filings', found none: {SHAPE}", path=listing)
    groups: dict[str, list[Path]] = {}
    listed: dict[Path, str] = {}
    for number, entry in enumerate(document["filings"], start=1):
        where = f"filing {number}"
        if not isinstance(entry, dict):
            raise FiguresError(f'{where}: expected {{"file": NAME, "company": NAME}}, found {entry!r}', path=listing)
        _known_keys(entry, ENTRY_KEYS, f"{where}: ", listing)
        if not isinstance(entry.get("file"), str) or not entry["file"].strip():
            raise FiguresError(f"{where}: expected 'file', the filing's name in the folder, found none", path=listing)
        where = f"filing {number} ({entry['file']})"
        company = entry.get("company")
        if not isinstance(company, str) or not company.strip():
            raise FiguresError(
                f"{where}: expected 'company', the name the claims give the company (a filing names it by its CIK or"
                " LEI, which no claim uses), found none",
                path=listing,
            )
        path = (folder / entry["file"]).resolve()
        if not path.is_relative_to(folder.resolve()):
            raise FiguresError(f"{where}: expected a filing inside the comparison folder", path=listing)
        if not path.is_file():
            raise FiguresError(f"{where}: expected the filing in the folder, found none", path=listing)
        if path in listed:
            raise FiguresError(
                f"{where}: expected each filing once, found it also as {listed[path]}: one filing is one company's",
                path=listing,
            )
        listed[path] = where + (f" for {company.strip()!r}" if company else "")
        groups.setdefault(company.strip(), []).append(path)
    return groups, _accessed(document.get("accessed"), listing)


def _known_keys(mapping: dict, allowed: tuple[str, ...], where: str, listing: Path) -> None:
    """Refuse a key not in `allowed` (a misspelt one, which would otherwise be ignored), naming the closest.

    >>> _known_keys({"compnay": "SAP"}, ENTRY_KEYS, "filing 1: ", Path("filings.json"))
    Traceback (most recent call last):
    figures.errors.FiguresError: filings.json: filing 1: unknown key 'compnay' (did you mean company?): expected ...
    """
    from figures.choices import did_you_mean

    for key in mapping:
        if key not in allowed:
            expected = " and ".join(repr(k) for k in allowed)
            raise FiguresError(
                f"{where}unknown key {key!r}{did_you_mean(str(key), allowed)}: expected {expected}", path=listing
            )


def _accessed(value: object, listing: Path) -> dt.date | None:
    """The `accessed` date of filings.json: None when absent, refused when no ISO date or after today.

    >>> _accessed("2026-01-02", Path("filings.json")), _accessed(None, Path("filings.json"))
    (datetime.date(2026, 1, 2), None)
    >>> _accessed("2999-01-01", Path("filings.json"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    figures.errors.FiguresError: filings.json: 'accessed' 2999-01-01: expected the date the filings were obtained, ...
    """
    if value is None:
        return None
    try:
        date = dt.date.fromisoformat(str(value))
    except ValueError:
        raise FiguresError(f"'accessed': expected a date YYYY-MM-DD, found {value!r}", path=listing) from None
    if date > dt.date.today():
        raise FiguresError(
            f"'accessed' {date}: expected the date the filings were obtained, found a date after today"
            f" ({dt.date.today()})",
            path=listing,
        )
    return date


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
            sidecar["url"] = " ".join(url for url in (sidecar["url"], meta["url"]) if url)
            sidecar["filings"] += meta["filings"]
            sidecar["concepts_chosen"] = sorted(set(sidecar["concepts_chosen"]) | set(meta["concepts_chosen"]))
    payload = "".join(lines).encode("utf-8")
    sidecar.update(file=out.name, date_accessed=accessed.isoformat(), sha256=hashlib.sha256(payload).hexdigest())
    sidecar["size_bytes"] = len(payload)
    files = {out.name: payload, sidecar_path(out).name: (json.dumps(sidecar, indent=2) + "\n").encode("utf-8")}
    write_atomically(out.parent, files)
