"""Filings to a reported figures file: the rows (in `data/reported_figures.csv`'s columns), the provenance
sidecar naming every filing read and its SHA-256, checked by the loader and written whole."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
from decimal import Decimal
from pathlib import Path

from figures.choices import FILINGS_ACCEPTED
from figures.errors import FiguresError
from figures.filings.choose import REVENUE_CONCEPTS, Chosen, choose_revenues
from figures.filings.companyfacts import COMPANYFACTS, companyfacts_facts
from figures.filings.facts import Fact
from figures.filings.limits import read_json

HEADER = (
    *("figure_id", "company", "metric", "component", "period_start", "period_end", "fiscal_label", "value"),
    *("unit", "currency", "approximate", "translated_from", "fx_rate", "fx_rate_unit", "fx_rate_date"),
    *("fx_rate_source", "source", "published", "note"),
)
"""The columns of a reported figures file, in order (as `data/reported_figures.csv`)."""
_INLINE = (".xhtml", ".html", ".htm", ".xbrl", ".xml")
ACCEPTED = FILINGS_ACCEPTED
"""The filings `figures import` reads, in words, as a refusal names them (and the command's help)."""


class MixedEntities(FiguresError):
    """Filings of more than one entity in one import: `entities` maps each entity (CIK, LEI) to its files' names."""

    def __init__(self, entities: dict[str, list[str]]) -> None:
        self.entities = entities
        said = " and ".join(f"{entity} ({', '.join(files)})" for entity, files in sorted(entities.items()))
        super().__init__(
            f"expected the filings of one company, found {said}: one reported file is one company's figures,"
            " import them one at a time"
        )


def import_filings(paths: list[str | Path]) -> list[Fact]:
    """Every fact of the filings given, read by format: an SEC companyfacts JSON, xBRL-JSON, inline XBRL (an ESEF
    report's .xhtml), an XBRL instance (.xml, .xbrl) or a report package (zip); all of one entity.

    Raises:
        FiguresError: naming the file: larger than the filing limit, not XBRL, or a fact that does not parse;
            `MixedEntities` naming each entity and its files when the filings are not all one entity's.

    >>> from figures.paths import ROOT
    >>> len(import_filings([ROOT / "tests/filings/alibaba_companyfacts_revenues.json"]))
    36
    >>> len(import_filings([ROOT / "tests/filings/valeo_2014_income_statement.xhtml"]))
    4
    """
    from figures.filings.inline import read_inline
    from figures.filings.package import read_package
    from figures.filings.xbrl_json import is_xbrl_json, xbrl_json_facts

    facts = []
    for path in map(Path, paths):
        suffix = path.suffix.lower()
        if suffix == ".zip":
            facts += read_package(path)
        elif suffix in _INLINE:
            facts += read_inline(path)
        elif suffix == ".json":  # read and parsed once, then read as the JSON it says it is
            payload, document = read_json(path, COMPANYFACTS)
            read = xbrl_json_facts if is_xbrl_json(document) else companyfacts_facts
            facts += read(path, payload, document)
        else:
            raise FiguresError(f"expected a filing: {ACCEPTED}; found a {_kind(path)}", path=path)
    entities: dict[str, list[str]] = {}
    for fact in facts:
        files = entities.setdefault(fact.filing.entity, [])
        if fact.filing.file not in files:
            files.append(fact.filing.file)
    if len(entities) > 1:
        raise MixedEntities(entities)
    return facts


def _kind(path: Path) -> str:
    """What a file that is no filing seems to be, from its first bytes, for the refusal.

    >>> import tempfile
    >>> pdf = Path(tempfile.mkdtemp()) / "report.pdf"
    >>> _ = pdf.write_bytes(b"%PDF-1.7")
    >>> _kind(pdf)
    'PDF (.pdf)'
    """
    from figures.filings.limits import check_size

    try:
        check_size(path.stat().st_size, path)
        with path.open("rb") as stream:
            head = stream.read(8)  # what it seems to be: its first bytes, not the whole file
    except OSError as error:
        raise FiguresError(f"expected a readable filing, {error.strerror or error}", path=path) from None
    kind = "PDF" if head.startswith(b"%PDF") else "file of another kind"
    return f"{kind} ({path.suffix.lower() or 'no extension'})"


def reported_rows(chosen: list[Chosen], company: str) -> list[dict[str, str]]:
    """The rows of a reported figures file: each period's revenue, then the convenience translations.

    >>> from figures.paths import ROOT
    >>> from figures.filings.companyfacts import read_companyfacts
    >>> path = ROOT / "tests/filings/alibaba_companyfacts_revenues.json"
    >>> rows = reported_rows(choose_revenues(read_companyfacts(path), path), "Alibaba Group")
    >>> [r["figure_id"] for r in rows if r["period_end"] == "2018-03-31"]
    ['alibaba_group_revenue_fy2018', 'alibaba_group_revenue_fy2018_usd']
    """
    slug = re.sub(r"[^a-z0-9]+", "_", company.lower()).strip("_") or "company"
    ids = {}
    rows = []
    for item in chosen:
        fact = item.fact
        figure_id = f"{slug}_revenue_{re.sub(r'[^a-z0-9]+', '_', item.label.lower())}"
        row = dict.fromkeys(HEADER, "")
        row.update(
            figure_id=figure_id,
            company=company,
            metric="revenue",
            period_start=fact.start.isoformat(),
            period_end=fact.end.isoformat(),
            fiscal_label=item.label,
            value=_plain(fact.value_millions),
            unit="million",
            currency=fact.currency,
            approximate="false",
            source=f"{fact.filing.cite(company)}; {fact.concept}",
            published=_published(fact),
        )
        if item.translates is None:
            ids[(fact.start, fact.end)] = figure_id
            row["note"] = _note(item)
        else:
            source = item.translates
            row["figure_id"] = f"{figure_id}_{fact.currency.lower()}"
            row.update(
                translated_from=ids[(fact.start, fact.end)],
                fx_rate=f"{source.value / fact.value:.4f}",
                fx_rate_unit=f"{source.currency} per {fact.currency}",
                fx_rate_date=fact.end.isoformat(),
                fx_rate_source=f"implied by the filing's {source.currency} and {fact.currency} values of"
                f" {fact.concept}",
                note=(
                    f"A convenience translation tagged in the filing ({fact.concept} in {fact.currency}), not revenue"
                    f" earned in {fact.currency}; rate dated at the period's end (the filing's text gives its date)."
                ),
            )
        rows.append(row)
    return rows


def _published(fact: Fact) -> str:
    # a report read from its file (ESEF, an XBRL instance) does not say when it was published: left empty, not guessed
    return "" if fact.filing.is_report else fact.filing.filed.isoformat()


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _note(item: Chosen) -> str:
    fact = item.fact
    standard = fact.concept.split(":")[0]
    order = "first" if item.rank == 1 else f"number {item.rank}"
    if fact.decimals is None:
        precision = "not given" if fact.filing.is_report else "not given (companyfacts drops decimals)"
    else:
        precision = "exact (decimals INF)" if fact.decimals == math.inf else f"decimals {fact.decimals}"
    parts = [
        f"{fact.concept}, {order} of the {standard} revenue concepts in the stated order",
        f"{item.kind}",
        f"context {fact.context or 'not named'}",
        f"precision {precision}",
    ]
    for earlier in item.earlier:
        filing = earlier.filing
        if filing.is_report:  # its date is its latest period end, not when it was filed
            said = f"{filing.form} {filing.accession}, period ending {filing.filed}"
        else:
            said = f"Form {filing.form} {filing.accession} filed {filing.filed}"
        parts.append(f"earlier value {_plain(earlier.value_millions)} million in {said}")
    return "; ".join(parts) + "."


def write_reported(
    paths: list[str | Path],
    out: str | Path,
    *,
    company: str | None = None,
    accessed: dt.date | None = None,
    force: bool = False,
) -> list[Path]:
    """Import the filings' revenues and write them as a reported figures file with its sidecar, checked by the
    loader first; return the paths written. An existing file is kept unless `force`.

    >>> import tempfile
    >>> from figures.paths import ROOT
    >>> out = Path(tempfile.mkdtemp()) / "reported.csv"
    >>> [p.name for p in write_reported([ROOT / "tests/filings/alibaba_companyfacts_revenues.json"], out,
    ...                                 company="Alibaba Group", accessed=dt.date(2026, 1, 2))]
    ['reported.csv', 'reported.csv.meta.json']
    """
    from figures.paths import DATA_DIR
    from figures.provenance import sidecar_path

    out = Path(out)
    for target in (out, sidecar_path(out)):
        if target.resolve().is_relative_to(DATA_DIR.resolve()):
            raise FiguresError("expected a file outside the data folder (its files are kept as they are)", path=target)
        if target.is_dir():
            raise FiguresError("expected a file name, found a folder", path=target)
        if target.exists() and not force:
            raise FiguresError("expected a new file, found an existing one (--force replaces it)", path=target)
    return write_facts(import_filings(paths), paths, out, company=company, accessed=accessed)


def write_facts(
    facts: list[Fact], paths: list[str | Path], out: str | Path, *, company: str | None, accessed: dt.date | None
) -> list[Path]:
    """Write the facts `import_filings(paths)` read as a reported figures file with its sidecar (`write_reported`,
    once the files are read and the target checked). An `accessed` date after today is refused."""
    from figures.atomic import write_atomically
    from figures.load import load_reported
    from figures.provenance import sidecar_path

    out = Path(out)
    if accessed is not None and accessed > dt.date.today():
        raise FiguresError(
            f"accessed date (--accessed) {accessed}: expected the date the filings were obtained, found a date after"
            f" today ({dt.date.today()})"
        )
    chosen = choose_revenues(facts, ", ".join(str(p) for p in paths))
    filings = {f.filing.file: f.filing for f in facts if f.filing}
    company = company or next(iter(filings.values())).entity_name
    rows = reported_rows(chosen, company)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    payload = buffer.getvalue().encode("utf-8")
    check = out.parent / f".{out.name}.check.csv"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        check.write_bytes(payload)
        load_reported(check)
    except FiguresError as error:  # a safety net: the temporary file is no name to give the reader
        where = f" (row {error.row - 1}, column {error.column!r})" if error.row and error.column else ""
        raise FiguresError(
            f"the revenue imported makes no reported figures file{where}: {error.message}",
            path=", ".join(str(p) for p in paths),
        ) from None
    except OSError as error:
        raise FiguresError(f"could not write the figures: {error.strerror or error}", path=out) from None
    finally:
        check.unlink(missing_ok=True)
    sidecar = _sidecar(out, payload, chosen, paths, accessed or dt.date.today(), company)
    files = {out.name: payload, sidecar_path(out).name: (json.dumps(sidecar, indent=2) + "\n").encode("utf-8")}
    write_atomically(out.parent, files)
    return [out, sidecar_path(out)]


def _sidecar(
    out: Path, payload: bytes, chosen: list[Chosen], paths, accessed: dt.date, company: str
) -> dict[str, object]:
    from figures.paths import REPORTED_FIGURES
    from figures.provenance import read_sidecar

    columns = read_sidecar(REPORTED_FIGURES)["columns"]
    filings = []
    for path in map(Path, paths):
        data = path.read_bytes()
        filings.append({"file": path.name, "sha256": hashlib.sha256(data).hexdigest(), "size_bytes": len(data)})
    entities = sorted({c.fact.filing.entity for c in chosen})
    listed = {c.fact.filing.entity for c in chosen if not c.fact.filing.is_report}  # in the SEC's companyfacts
    ciks = [e.removeprefix("CIK ") for e in sorted(listed) if e.startswith("CIK ")]
    return {
        "file": out.name,
        "title": f"Revenue as reported in the XBRL filings of {company}",
        "producer": f"{company} ({', '.join(entities)}), through their XBRL filings",
        "citation": "; ".join(sorted({c.fact.filing.cite(company) for c in chosen})),
        "url": " ".join(f"https://data.sec.gov/api/xbrl/companyfacts/CIK{int(cik):010d}.json" for cik in ciks),
        "date_accessed": accessed.isoformat(),
        "licence": "Figures from public company filings, quoted for analysis.",
        "description": (
            "Imported by `figures import`: one row per period (year, half year, nine months, quarter) with the"
            " revenue of the latest filing that reports it, then the convenience translations tagged beside it."
            " Each row's source names the filing and the concept; its note the concept's place in the stated"
            " order, the period's kind, the context, the precision and any earlier different value."
        ),
        "revenue_concepts_order": list(REVENUE_CONCEPTS),
        "concepts_chosen": sorted({c.fact.concept for c in chosen}),
        "filings": filings,
        "columns": columns,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size_bytes": len(payload),
    }
