"""What a build warns about its own inputs, one line each: files that no longer match their sidecars, live rates
that fell back to the ECB's, figures the rate data cannot translate.

The report's reader sees the fallback and the untranslated figures on the page; these lines are for the person
who builds it, on the terminal (`figures report` prints each on stderr; `--strict` fails on any).
"""

from __future__ import annotations

import hashlib
import shlex
from pathlib import Path

from figures.errors import MissingSidecar
from figures.provenance import checksum_matches, read_sidecar, sidecar_path
from figures.table import ComparisonTable


def input_warnings(inputs: list[Path | None], table: ComparisonTable) -> list[str]:
    """One line for each thing about the build's inputs that its builder should know: each of `inputs`
    (the claims and reported figures files, None where a comparison has none) that no longer matches its
    sidecar or has none, each reason the live rates fell back to the ECB's, the figures left untranslated.

    Raises:
        FiguresError: a sidecar that is there but unreadable or wrong (as `read_sidecar`).

    >>> from figures.case import open_comparison
    >>> case = open_comparison()
    >>> input_warnings([case.claims, case.reported], case.table())
    []
    """
    warnings = [warning for path in inputs if path is not None and (warning := sidecar_warning(path))]
    fallen = _fallback_figures(table)
    for reason in table.fallbacks:
        warnings.append(
            f"the live rate source failed ({reason}), so these figures use the ECB's embedded rates instead: {fallen}"
            " (marked in comparison.csv's fx_rate_source)"
        )
    if table.untranslated:
        untranslated = "; ".join(table.untranslated)
        warnings.append(f"not translated, for want of rates over their periods: {untranslated}")
    return warnings


def sidecar_warning(path: Path) -> str | None:
    """A line naming `path` if it no longer matches the checksum its sidecar records, or has no sidecar, with
    the one command that records it; None when it matches.

    >>> import tempfile
    >>> from figures.case import new_comparison
    >>> claims = new_comparison(Path(tempfile.mkdtemp()) / "case")[0]
    >>> sidecar_warning(claims) is None
    True
    >>> _ = claims.write_text("figure_id,company\\n", encoding="utf-8")
    >>> print(sidecar_warning(claims))
    /.../claims.csv: changed since its sidecar claims.csv.meta.json recorded it ... `figures sidecar /.../claims.csv`
    """
    command = f"figures sidecar {shlex.quote(_shown(path))}"
    try:
        sidecar = read_sidecar(path)
    except MissingSidecar:
        return (
            f"{_shown(path)}: no provenance sidecar ({sidecar_path(path).name}), so the report cannot say where its"
            f" figures come from; write one with `{command}`, then fill in its source"
        )
    payload = path.read_bytes()
    if checksum_matches(payload, sidecar):
        return None
    return (
        f"{_shown(path)}: changed since its sidecar {sidecar_path(path).name} recorded it (SHA-256"
        f" {str(sidecar['sha256'])[:12]}…, now {hashlib.sha256(payload).hexdigest()[:12]}…); once the file is as you"
        f" mean it, record it with `{command}`"
    )


def _shown(path: Path) -> str:
    """A path as the builder can type it: relative to the current folder when inside it, else absolute."""
    absolute = Path(path).resolve()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def _fallback_figures(table: ComparisonTable) -> str:
    from figures.present import fallback_figures

    return ", ".join(fallback_figures(table)) or "no figure"
