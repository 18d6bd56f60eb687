"""A comparison is its data: a folder with the claims, optionally the reported figures and a narrative.

Layout of a comparison folder (`figures new DIR` writes it):

    claims.csv            what a source states (the figures-file format of data/article_figures.csv)
    reported.csv          optional: what the companies reported (the format of data/reported_figures.csv)
    narrative/en.md       optional: what only a person can say about this case, in markdown, per locale
    filings.json          optional: the companies' filings, imported as the reported figures when reported.csv has none
    *.meta.json           a provenance sidecar beside each CSV

The default case lives in `data/` (article_figures.csv, reported_figures.csv, narrative/).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from figures.errors import FiguresError, MissingSidecar
from figures.load import ARTICLE, MAX_BYTES, REPORTED, Schema, load_figures, load_reported
from figures.paths import ARTICLE_FIGURES, DATA_DIR, REPORTED_FIGURES
from figures.provenance import read_sidecar, sidecar_path
from figures.table import ComparisonTable
from figures.text_policy import narrative_text

CLAIMS_NAME = "claims.csv"
REPORTED_NAME = "reported.csv"
NARRATIVE_DIR = "narrative"
MAX_NARRATIVE_BYTES = 1024 * 1024
"""A narrative's size, 1 MiB: a short book, far beyond what a report's section holds; refused before it is read."""


@dataclass(frozen=True)
class Comparison:
    """Where one comparison's files are: the claims, the reported figures (or None) and the narrative folder.

    >>> case = open_comparison()
    >>> case.claims.name, case.reported.name, bool(case.narrative("en"))
    ('article_figures.csv', 'reported_figures.csv', True)
    """

    claims: Path
    reported: Path | None
    narrative_dir: Path | None = None

    def narrative(self, locale: str) -> str:
        """The comparison's own words in `locale` (markdown), else in English, else "".

        A case written in one language keeps its words in a report in another: they are the
        person's, not the code's, and dropping them would lose what only they say.

        >>> open_comparison().narrative("fr").startswith("Les affirmations"), open_comparison().narrative("de")[:18]
        (True, 'The claims checked')
        """
        return self.narrative_in(locale)[0]

    def narrative_in(self, locale: str) -> tuple[str, str]:
        """The narrative as `narrative` finds it, and the language it is written in ("" without one).

        Control characters (NUL, ESC...) and the bidirectional controls that reach past a character are
        dropped (`figures.text_policy.narrative_text`): the text is a person's, kept otherwise as written.

        >>> open_comparison().narrative_in("de")[1]
        'en'
        """
        if self.narrative_dir is None:
            return "", ""
        for language in dict.fromkeys((locale, "en")):
            path = self.narrative_dir / f"{language}.md"
            try:
                with path.open("rb") as stream:
                    payload = stream.read(MAX_NARRATIVE_BYTES + 1)
                if len(payload) > MAX_NARRATIVE_BYTES:
                    raise FiguresError(
                        f"expected a narrative of at most {MAX_NARRATIVE_BYTES:,} bytes (1 MiB), found more", path=path
                    )
                text = narrative_text(payload.decode("utf-8-sig")).strip()
            except FileNotFoundError:
                continue
            except (OSError, UnicodeDecodeError) as error:
                raise FiguresError(f"expected a readable UTF-8 markdown file, {error}", path=path) from None
            if text:
                return text, language
        return "", ""

    def table(self, **choices) -> ComparisonTable:
        """The comparison table of this case; `choices` are those of `figures.tabulate.comparison_table`.

        Computed afresh each time: a build asks once, through its context (`figures.context`).

        >>> open_comparison().table(currency="GBP").currencies
        ('CNY', 'EUR', 'GBP', 'USD')
        """
        from figures.tabulate import comparison_table

        reported = False if self.reported is None else self.reported
        return comparison_table(self.claims, reported=reported, **choices)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None  # the loader says what is wrong with the file


def open_comparison(
    folder: str | Path | None = None,
    *,
    figures_path: str | Path | None = None,
    reported_path: str | Path | None = None,
) -> Comparison:
    """The comparison in `folder` (default: the default case in data/), with files given one by one overriding it.

    A claims file given alone (`figures_path`) keeps the default reported figures, limited to its
    companies, and has no narrative: another case's words never reach this one's report.

    >>> open_comparison(figures_path="other.csv").narrative("en")
    ''
    >>> open_comparison("no/such/folder")
    Traceback (most recent call last):
    figures.errors.FiguresError: no/such/folder/claims.csv: expected a comparison folder with claims.csv, ...
    """
    if folder is None:
        if figures_path is not None:
            return Comparison(Path(figures_path), Path(reported_path) if reported_path else REPORTED_FIGURES)
        return Comparison(
            ARTICLE_FIGURES, Path(reported_path) if reported_path else REPORTED_FIGURES, DATA_DIR / NARRATIVE_DIR
        )
    folder = Path(folder)
    claims = Path(figures_path) if figures_path else folder / CLAIMS_NAME
    if not claims.is_file():
        raise FiguresError(
            f"expected a comparison folder with {CLAIMS_NAME}, found none (`figures new {folder}` writes one)",
            path=claims,
        )
    reported = Path(reported_path) if reported_path else folder / REPORTED_NAME
    if not reported_path and not _has_rows(reported):
        # `figures new` writes a header-only reported.csv: a case may have none, or name its filings instead
        from figures.filings.named import import_named_filings

        reported = import_named_filings(folder)
    return Comparison(claims, reported, folder / NARRATIVE_DIR)


def _has_rows(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            payload = stream.read(MAX_BYTES + 1)  # never more: a larger file is the loader's to refuse
        lines = payload.decode("utf-8-sig", errors="strict" if len(payload) <= MAX_BYTES else "ignore").splitlines()
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError) as error:
        raise FiguresError(f"expected a readable UTF-8 CSV file, {error}", path=path) from None
    return len(payload) > MAX_BYTES or any(line.strip(" ,") for line in lines[1:])


def new_comparison(folder: str | Path) -> list[Path]:
    """Write a new comparison's empty files: headers, sidecars to fill in, and narrative files.

    Refuses a folder that already holds a comparison, so nothing is ever overwritten.

    >>> import tempfile
    >>> written = new_comparison(Path(tempfile.mkdtemp()) / "case")
    >>> [path.name for path in written]
    ['claims.csv', 'claims.csv.meta.json', 'reported.csv', 'reported.csv.meta.json', 'en.md', 'fr.md']
    >>> new_comparison(written[0].parent)
    Traceback (most recent call last):
    figures.errors.FiguresError: ...claims.csv: expected a new folder, found an existing comparison file
    """
    folder = Path(folder)
    planned = {
        folder / CLAIMS_NAME: (ARTICLE, ARTICLE_FIGURES),
        folder / REPORTED_NAME: (REPORTED, REPORTED_FIGURES),
    }
    narratives = [folder / NARRATIVE_DIR / f"{locale}.md" for locale in ("en", "fr")]
    for path in [*planned, *(sidecar_path(p) for p in planned), *narratives]:
        if path.exists():
            raise FiguresError("expected a new folder, found an existing comparison file", path=path)
    written = []
    for path, (schema, example) in planned.items():
        payload = _header(schema, example).encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)
        sidecar = sidecar_path(path)
        sidecar.write_text(json.dumps(_sidecar(path, payload, example), indent=2, ensure_ascii=False) + "\n", "utf-8")
        written += [path, sidecar]
    for path in narratives:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
        written.append(path)
    return written


def refresh_sidecar(path: str | Path) -> Path:
    """Check a claims or reported figures file and record its size and SHA-256 in its sidecar; return the sidecar.

    The command a build's warning names once a user's file no longer matches its sidecar (`figures sidecar
    FILE`). Only the checksum and size change; a file without a sidecar gets a new one, its provenance fields
    empty to fill in, as `figures new` writes them. Only a file the loader accepts is recorded.

    Raises:
        FiguresError: the file is neither a claims file nor a reported figures file, or one of its rows is wrong.

    >>> import tempfile
    >>> claims = new_comparison(Path(tempfile.mkdtemp()) / "case")[0]
    >>> _ = claims.write_bytes(ARTICLE_FIGURES.read_bytes())
    >>> refresh_sidecar(claims).name, read_sidecar(claims)["size_bytes"] == len(claims.read_bytes())
    ('claims.csv.meta.json', True)
    """
    path = Path(path)
    example = _validated_kind(path)
    payload = path.read_bytes()
    try:
        sidecar = read_sidecar(path)
        sidecar.update(sha256=hashlib.sha256(payload).hexdigest(), size_bytes=len(payload))
    except MissingSidecar:
        sidecar = _sidecar(path, payload, example)
    target = sidecar_path(path)
    target.write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def _validated_kind(path: Path) -> Path:
    """The example file of `path`'s kind (claims or reported figures), once the loader has accepted it."""
    try:
        load_figures(path)
        return ARTICLE_FIGURES
    except FiguresError as as_claims:
        if as_claims.row != 0:  # the header of a claims file: a row of it is wrong
            raise
    try:
        load_reported(path)
        return REPORTED_FIGURES
    except FiguresError as as_reported:
        if as_reported.row != 0:
            raise
    raise FiguresError(
        f"expected a claims file (the columns of {ARTICLE_FIGURES.name}) or a reported figures file (those of"
        f" {REPORTED_FIGURES.name}), found other columns",
        path=path,
        row=0,
    )


def _header(schema: Schema, example: Path) -> str:
    """The example file's header (its column order, which people copy rows from), checked against the schema."""
    with example.open(encoding="utf-8-sig", newline="") as stream:
        columns = next(csv.reader(stream))
    assert set(schema.columns) <= set(columns), f"{example} lacks columns of its schema"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(columns)
    return buffer.getvalue()


def _sidecar(path: Path, payload: bytes, example: Path) -> dict[str, object]:
    codebook = read_sidecar(example)["columns"]
    # Claims name their kind of source (article, press_release, other): the report calls them by it.
    kind = {"source_kind": ""} if example == ARTICLE_FIGURES else {}
    return {
        "file": path.name,
        "title": "",
        "producer": "",
        "citation": "",
        "url": "",
        "date_accessed": "",
        "licence": "",
        "description": "",
        **kind,
        "columns": codebook,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size_bytes": len(payload),
    }
