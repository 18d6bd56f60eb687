"""The draft: an extraction as a claims file with its provenance sidecar, checked by the loader, written whole."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

from figures.errors import FiguresError
from figures.extract.article import iso_date
from figures.extract.claims import extract
from figures.extract.results import Claim, Extraction
from figures.extract.sentences import _CONTROL, clean
from figures.text_policy import visible_text

HEADER = (
    "figure_id",
    "company",
    "metric",
    "period_start",
    "period_end",
    "period_inferred",
    "period_note",
    "value",
    "unit",
    "currency",
    "approximate",
    "wording",
    "source",
    "published",
    "note",
)
"""The columns of a claims file, in the order of data/article_figures.csv."""
UNNAMED = "[company not named in the text]"
"""The company of a draft's row where the text names none: a draft still loads and builds, and says so."""
LICENCE = "Short quotations of figures for commentary; the article itself is not stored, only the words quoted."


def row(extraction: Extraction, claim: Claim) -> dict[str, str]:
    """A draft row whose every cell passes the loader's text policy (figures.text_policy): a web page's soft
    hyphen or a hard-wrapped line inside the words quoted would otherwise stop the draft from loading."""
    from figures.load import MULTILINE_COLUMNS

    return {
        column: visible_text(text, one_line=column not in MULTILINE_COLUMNS)
        for column, text in _row(extraction, claim).items()
    }


def _row(extraction: Extraction, claim: Claim) -> dict[str, str]:
    article = extraction.article
    flags = extraction.review_flags(claim)
    note = " ".join(
        [f"From the text: “{claim.sentence}”", *claim.notes, *([f"Review: {'; '.join(flags)}."] if flags else [])]
    )
    value = format(claim.value, "f")
    return {
        "figure_id": claim.figure_id,
        "company": claim.company or UNNAMED,
        "metric": claim.metric,
        "period_start": claim.period_start.isoformat() if claim.period_start else "",
        "period_end": claim.period_end.isoformat() if claim.period_end else "",
        "period_inferred": "true" if claim.period_inferred else "false",
        "period_note": claim.period_note,
        "value": value,
        "unit": claim.unit,
        "currency": claim.currency,
        "approximate": "true" if claim.approximate else "false",
        "wording": _CONTROL.sub(" ", article.text[claim.start : claim.end]),
        "source": clean(extraction.source),
        "published": article.published.isoformat() if article.published else "",
        "note": clean(note),
    }


def draft_csv(extraction: Extraction) -> bytes:
    """The draft claims file's bytes: the header of data/article_figures.csv and one row per claim.

    >>> found = extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01")
    >>> header, row = draft_csv(found).decode().splitlines()
    >>> header.split(",")[:4]
    ['figure_id', 'company', 'metric', 'period_start']
    >>> row.split(",")[:4]
    ['acme_group_revenue_1', 'Acme Group', 'revenue', '2017-01-01']
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(extraction.rows())
    return buffer.getvalue().encode("utf-8")


def extractor_version() -> str:
    """What made the draft: this module's package version and trafilatura's.

    >>> extractor_version().startswith("figures.extract ")
    True
    """
    from importlib.metadata import PackageNotFoundError, version

    import figures

    try:
        own = version("figures")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        own = figures.__version__
    try:
        trafilatura = version("trafilatura")
    except PackageNotFoundError:  # pragma: no cover
        trafilatura = "absent"
    return f"figures.extract {own}; trafilatura {trafilatura}"


def draft_sidecar(extraction: Extraction, out: Path, payload: bytes, accessed: dt.date) -> dict[str, object]:
    """The provenance sidecar of a draft: the fields every data file's sidecar has, and the article's checksum.

    >>> found = extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01")
    >>> sidecar = draft_sidecar(found, Path("claims.csv"), b"x", dt.date(2018, 3, 2))
    >>> sidecar["file"], sidecar["size_bytes"], sidecar["article_sha256"] == found.article.sha256
    ('claims.csv', 1, True)
    """
    from figures.paths import ARTICLE_FIGURES
    from figures.provenance import read_sidecar

    try:
        columns = read_sidecar(ARTICLE_FIGURES)["columns"]
    except FiguresError:
        columns = {name: {"definition": "", "unit": ""} for name in HEADER}
    article = extraction.article
    published = article.published.isoformat() if article.published else ""
    return {
        "file": out.name,
        "title": f"Draft claims extracted from {article.title or article.name}",
        "producer": f"{extraction.source} (claims drafted by {extractor_version()}; to be reviewed by a person)",
        "citation": f"{extraction.source}, {published}",
        "url": article.url,
        "source_kind": "article",
        "published": published,
        "date_accessed": accessed.isoformat(),
        "licence": LICENCE,
        "description": (
            "Draft: one row per revenue or revenue-growth figure the article states, found automatically. Each row"
            " keeps the words it comes from (wording) and its sentence (note); review every row, and every note"
            " that says 'Review', before building a report on it."
        ),
        "status": "draft",
        "article_file": article.name,
        "article_sha256": article.sha256,
        "article_size_bytes": article.size_bytes,
        "article_format": "html" if article.html else "text",
        "published_from": article.published_from,
        "language": article.language,
        "language_from": article.language_from,
        "extractor": extractor_version(),
        "claims": len(extraction.claims),
        "flagged": extraction.flagged,
        "left_out": len(extraction.left_out),
        "columns": columns,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size_bytes": len(payload),
    }


def write_draft(
    path_or_text: str | Path | bytes,
    out: str | Path,
    *,
    lang: str | None = None,
    published: str | dt.date | None = None,
    source: str | None = None,
    accessed: str | dt.date | None = None,
    review: str | Path | None = None,
    reported: str | Path | bool | None = None,
    force: bool = False,
) -> list[Path]:
    """Extract an article's claims and write the draft claims file, its sidecar and, with `review`, the
    review page; return the paths written. Nothing is written when no claim is found, and an existing
    file is kept unless `force`.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "claims.csv"
    >>> [p.name for p in write_draft("Acme Group's revenue rose 12% to $3.4 billion in 2017.", out,
    ...                              published="2018-03-01", source="Test Wire", accessed="2018-03-02")]
    ['claims.csv', 'claims.csv.meta.json']
    """
    check_targets(out, review, force=force)
    extraction = extract(path_or_text, lang=lang, published=published, source=source, reported=reported)
    return save_draft(extraction, out, accessed=accessed, review=review, force=force)


def check_targets(out: str | Path, review: str | Path | None = None, *, force: bool = False) -> None:
    """Refuse to write a draft over a folder, into data/ (its reviewed files stay as they are), or over an
    existing file unless `force`.

    >>> from figures.paths import ARTICLE_FIGURES
    >>> check_targets(ARTICLE_FIGURES, force=True)
    Traceback (most recent call last):
    figures.errors.FiguresError: ...article_figures.csv: expected a draft outside the data folder ...
    """
    from figures.paths import DATA_DIR
    from figures.provenance import sidecar_path

    out = Path(out)
    for target in [out, sidecar_path(out)] + ([Path(review)] if review else []):
        if target.resolve().is_relative_to(DATA_DIR.resolve()):
            raise FiguresError(
                "expected a draft outside the data folder (its reviewed files are kept as they are)", path=target
            )
        if target.is_dir():
            raise FiguresError("expected a file name, found a folder", path=target)
        if target.exists() and not force:
            raise FiguresError("expected a new file, found an existing one (--force replaces it)", path=target)


def save_draft(
    extraction: Extraction,
    out: str | Path,
    *,
    accessed: str | dt.date | None = None,
    review: str | Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Write an extraction as a draft claims file with its sidecar (and the review page), checked by the
    loader first so that a draft always loads; return the paths written.

    >>> import tempfile
    >>> found = extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01")
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in save_draft(found, folder / "claims.csv", accessed="2018-03-02", review=folder / "r.html")]
    ['claims.csv', 'claims.csv.meta.json', 'r.html']
    """
    from figures.atomic import write_atomically
    from figures.extract.review import render_review
    from figures.load import load_figures
    from figures.provenance import sidecar_path

    out = Path(out)
    check_targets(out, review, force=force)
    accessed_date = accessed if isinstance(accessed, dt.date) else iso_date(accessed) if accessed else dt.date.today()
    payload = draft_csv(extraction)
    sidecar = json.dumps(draft_sidecar(extraction, out, payload, accessed_date), indent=2, ensure_ascii=False)
    check = out.parent / f".{out.name}.check.csv"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        check.write_bytes(payload)
        load_figures(check)
    except FiguresError as error:
        raise FiguresError(f"the draft would not load ({error.message}); please report this article") from None
    except OSError as error:
        raise FiguresError(f"could not write the draft: {error.strerror or error}", path=out) from None
    finally:
        check.unlink(missing_ok=True)
    files = {out.name: payload, sidecar_path(out).name: (sidecar + "\n").encode("utf-8")}
    write_atomically(out.parent, files)
    written = [out, sidecar_path(out)]
    if review:
        review = Path(review)
        write_atomically(review.parent, {review.name: render_review(extraction).encode("utf-8")})
        written.append(review)
    return written
