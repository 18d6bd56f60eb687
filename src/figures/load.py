"""Load and validate figures files at the boundary, so the code after it can trust their rows.

Two kinds of file share one validator: the figures a source (an article) states, and the
figures the companies reported, with their convenience translations. Each kind is a `Schema`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from babel.numbers import list_currencies

from figures.errors import FiguresError
from figures.paths import ARTICLE_FIGURES, REPORTED_FIGURES, display_path
from figures.provenance import source_kind
from figures.text_policy import normalised, skeleton, text_problem

REVENUE_SCALE_TO_MILLIONS = {"thousand": 0.001, "million": 1.0, "billion": 1000.0, "trillion": 1_000_000.0}
ISO_4217 = frozenset(list_currencies())
AMOUNT, CHANGE, PERCENT = "a positive amount", "an amount", "a percentage"
RATE_UNIT = re.compile(r"([A-Z]{3}) per ([A-Z]{3})")
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""A number as a figures file writes it: ASCII digits, one decimal point, an optional sign and exponent; not
Python's wider syntax (`39_9`, `nan`, `inf`, other scripts' digits)."""
MULTILINE_COLUMNS = frozenset({"note"})
"""The one free-text column that may hold line breaks; every other cell is one line (figures.text_policy)."""
MAX_ROWS = 1_000
"""Figures a file may hold: the report shows every one in its tables and every company in its charts (twelve
colours), and a thousand rows is already more than a reader follows."""
MAX_BYTES = 2 * 1024 * 1024
"""A file's size, 2 MiB: a thousand rows of 2 KiB each, long notes included. Refused before it is read."""
MAX_AMOUNT_M = 1e10
"""Ten quadrillion units of any currency: above every revenue ever reported, even in the currencies of
smallest unit (the largest groups report a few hundred trillion won or rupiah); beyond, a typo."""
MIN_AMOUNT_M = 1e-6
"""One unit of the currency: no smaller amount is a company's revenue."""
EARLIEST_DATE, LATEST_DATE = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
"""Dates a figure may carry: far beyond any rate data, yet never near the calendar's ends."""
MAX_RATE = 1e7
"""A company's own exchange rate, either way round: the weakest currencies quote tens of thousands per
dollar, so ten million is a typo."""
MAX_GROWTH_PERCENT = 10_000.0
"""A hundredfold in one year: beyond, a misplaced decimal point rather than growth."""


@dataclass(frozen=True)
class Schema:
    """What one kind of figures file holds: its columns, its metrics and what makes a row unique.

    >>> sorted(REPORTED.metrics)[:2], ARTICLE.basis
    (['revenue', 'revenue_change_currency'], 'article')
    """

    basis: str
    columns: tuple[str, ...]
    may_be_empty: tuple[str, ...]
    metrics: dict[str, str]
    key: tuple[str, ...]


_COMMON = ("figure_id", "company", "metric", "period_start", "period_end", "value", "unit", "currency", "approximate")
ARTICLE = Schema(
    basis="article",
    columns=(*_COMMON, "period_inferred", "period_note", "wording", "source", "published", "note"),
    may_be_empty=("period_note", "wording", "note"),
    metrics={"revenue": AMOUNT, "revenue_growth": PERCENT},
    key=("company", "metric", "period_start", "period_end"),
)
TRANSLATION = ("translated_from", "fx_rate", "fx_rate_unit", "fx_rate_date", "fx_rate_source")
REPORTED = Schema(
    basis="reported",
    columns=(*_COMMON, "component", "fiscal_label", *TRANSLATION, "source", "published", "note"),
    may_be_empty=("component", "fiscal_label", *TRANSLATION, "published", "note"),
    metrics={
        "revenue": AMOUNT,
        "revenue_growth": PERCENT,
        "revenue_growth_organic": PERCENT,
        "revenue_change_scope": CHANGE,
        "revenue_change_currency": CHANGE,
        "revenue_contribution": AMOUNT,
    },
    key=("company", "metric", "component", "period_start", "period_end", "currency"),
)


def load_figures(path: str | Path | None = None) -> pd.DataFrame:
    """Read a figures file of what a source states (default: the article's), one row per figure.

    Amounts come out in millions of their currency (`unit` "million"), growth in percent; the
    figure as printed stays in `stated_value`, `stated_unit` and `stated_text`. `source_file` and
    `source_row` let later errors point back at the row. `attrs["source_kind"]` is the kind of source its
    sidecar records (`figures.provenance.source_kind`: article, press_release or other).

    >>> figures = load_figures()
    >>> first = figures.iloc[0]
    >>> first["figure_id"], float(first["stated_value"]), first["stated_unit"], float(first["value"]), first["unit"]
    ('alibaba_revenue', 39.9, 'billion', 39900.0, 'million')
    """
    path = Path(ARTICLE_FIGURES if path is None else path)
    figures = _load(path, ARTICLE)
    figures.attrs["source_kind"] = source_kind(path)  # how the report names the claims: "the article's figures"
    return figures


def load_reported(path: str | Path | None = None) -> pd.DataFrame:
    """Read a file of reported figures (default: the companies' own), with convenience translations.

    >>> reported = load_reported().set_index("figure_id")
    >>> float(reported.loc["alibaba_revenue_fy2018_usd", "fx_rate"]), reported.loc["bollore_revenue_2016", "value"]
    (6.2726, np.float64(10070.0))
    """
    return _load(Path(REPORTED_FIGURES if path is None else path), REPORTED)


def _load(path: Path, schema: Schema) -> pd.DataFrame:
    rows = _read_rows(path, schema)
    records = [_validate_row(path, schema, number, row) for number, row in rows]
    _check_unique(path, schema, records)
    _check_translations(path, records)
    figures = pd.DataFrame.from_records(records)
    figures.attrs["path"] = display_path(path)  # as outputs record it
    figures.attrs["file"] = str(path)  # as errors name it: where the user can open it
    return figures


def _read_rows(path: Path, schema: Schema) -> list[tuple[int, dict[str, str]]]:
    text = _read_bounded(path)
    # The csv module splits the records itself: a quoted cell may hold a line break (or U+2028).
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise FiguresError("expected a header row, found an empty file", path=path) from None
    except csv.Error as error:
        raise FiguresError(f"expected a well-formed CSV header, {error}", path=path, row=0) from None
    _check_header(path, schema, header)
    rows: list[tuple[int, dict[str, str]]] = []
    number = 0  # rows are counted from the first after the header, as every error names them
    try:
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) == MAX_ROWS:
                raise FiguresError(
                    f"expected at most {MAX_ROWS:,} figures in a file (more than a report can show), found more",
                    path=path,
                    row=number,
                )
            if len(cells) != len(header):
                hint = (
                    " (a decimal comma? write 39.9, or quote the cell)"
                    if len(cells) > len(header) and any(re.fullmatch(r"\d+", cell.strip()) for cell in cells)
                    else ""
                )
                raise FiguresError(
                    f"expected {len(header)} fields as in the header, found {len(cells)}{hint}", path=path, row=number
                )
            rows.append((number, dict(zip(header, (normalised(cell.strip()) for cell in cells), strict=True))))
    except csv.Error as error:
        # The row the reader was reading: the one after the last it read whole (line_num counts the
        # header's line and the lines of quoted line breaks).
        raise FiguresError(f"expected well-formed CSV, {error}", path=path, row=number + 1) from None
    if not rows:
        raise FiguresError("expected at least one figure, found only the header", path=path)
    return rows


def _read_bounded(path: Path) -> str:
    """The file's text, refused at once beyond MAX_BYTES: its size is asked first, and no more is ever read."""
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            payload = b"" if size > MAX_BYTES else stream.read(MAX_BYTES + 1)
        if max(size, len(payload)) > MAX_BYTES:
            raise FiguresError(
                f"expected a file of at most {MAX_BYTES:,} bytes (2 MiB, {MAX_ROWS:,} figures at most; more than a"
                f" report can show), found {'more' if size <= MAX_BYTES else f'{size:,} bytes'}",
                path=path,
            )
        return payload.decode("utf-8-sig")
    except FileNotFoundError:
        raise FiguresError("expected a figures file (CSV), found no such file", path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise FiguresError(f"expected a readable UTF-8 CSV file, {error}", path=path) from None


def _check_header(path: Path, schema: Schema, header: list[str]) -> None:
    """Every column of the schema, once, and no other: a second `value` would be read instead of the first."""
    missing = [name for name in schema.columns if name not in header]
    if missing:
        hint = " (the file seems separated by semicolons; figures files use commas)" if ";" in ",".join(header) else ""
        names = ", ".join(repr(name) for name in missing)
        raise FiguresError(
            f"expected the column{'s' if len(missing) > 1 else ''} {names} in the header{hint}", path=path, row=0
        )
    for index, name in enumerate(header):
        if name in header[:index]:
            raise FiguresError("expected each column once in the header, found it twice", path=path, row=0, column=name)
        if name not in schema.columns:
            raise FiguresError(
                f"expected only the columns of a {schema.basis} figures file ({', '.join(schema.columns)}),"
                f" found {name!r}",
                path=path,
                row=0,
                column=name,
            )


def _validate_row(path: Path, schema: Schema, number: int, row: dict[str, str]) -> dict[str, object]:
    def fail(column: str, expected: str) -> FiguresError:
        return FiguresError(f"expected {expected}, found {row[column]!r}", path=path, row=number, column=column)

    for column in schema.columns:
        if column not in schema.may_be_empty and not row[column]:
            raise fail(column, "a value")
    for column, cell in row.items():
        one_line = column not in MULTILINE_COLUMNS
        problem = text_problem(cell, one_line=one_line)
        if problem:
            raise FiguresError(
                f"expected {'one line of ' if one_line else ''}visible text, found {problem} in {cell!r}",
                path=path,
                row=number,
                column=column,
            )
    metric = row["metric"]
    if metric not in schema.metrics:
        raise fail("metric", f"one of {', '.join(schema.metrics)}")
    start = _parse_date(row, "period_start", fail)
    end = _parse_date(row, "period_end", fail)
    if end < start:
        raise fail("period_end", f"a date on or after period_start ({start})")
    stated_value = _parse_number(row, "value", fail)
    value, unit = _normalise_value(row, schema.metrics[metric], stated_value, fail)
    currency = row["currency"]
    if currency not in ISO_4217:
        raise fail("currency", "an ISO 4217 currency code such as EUR, USD or CNY")
    record: dict[str, object] = {column: row[column] for column in schema.columns}
    record.update(
        {
            "basis": schema.basis,
            "period_start": start,
            "period_end": end,
            "value": value,
            "unit": unit,
            "approximate": _parse_bool(row, "approximate", fail),
            "stated_value": stated_value,
            "stated_unit": row["unit"],
            "stated_text": row["value"],
            "published": _published(row, end, fail),
            "source_file": display_path(path),
            "source_row": number,
        }
    )
    if "period_inferred" in row:
        record["period_inferred"] = _parse_bool(row, "period_inferred", fail)
    if row.get("translated_from"):
        record.update(_translation(row, fail))
    elif "translated_from" in row:
        record.update({"fx_rate": math.nan, "fx_rate_date": None})
    return record


def _published(row: dict[str, str], end, fail):
    """The publication date, never before the end of the period it reports: a figure for a period not yet over
    is a forecast or a typo, not a claim to check."""
    if not row["published"]:
        return None
    published = _parse_date(row, "published", fail)
    if published <= end:
        raise fail("published", f"a date after the period it reports (period_end {end})")
    return published


def _normalise_value(row: dict[str, str], kind: str, stated: float, fail) -> tuple[float, str]:
    unit = row["unit"]
    if kind == PERCENT:
        if unit != "percent":
            raise fail("unit", f"percent for {row['metric']}")
        if not -100 < stated <= MAX_GROWTH_PERCENT:
            raise fail("value", f"a growth above -100 percent and at most {MAX_GROWTH_PERCENT:,.0f} percent")
        return stated, "percent"
    if unit not in REVENUE_SCALE_TO_MILLIONS:
        raise fail("unit", f"one of {', '.join(REVENUE_SCALE_TO_MILLIONS)} for {row['metric']}")
    if kind == AMOUNT and stated <= 0:
        raise fail("value", "a positive amount")
    # Rounded so that 39.9 billion is 39,900 million exactly, not 39,900.000000000004.
    millions = round(stated * REVENUE_SCALE_TO_MILLIONS[unit], 9)
    if abs(millions) > MAX_AMOUNT_M:
        raise fail("value", f"an amount of at most {MAX_AMOUNT_M:,.0f} million (more than any company has reported)")
    if kind == AMOUNT and millions < MIN_AMOUNT_M:
        raise fail("value", "an amount of at least one unit of the currency")
    return millions, "million"


def _translation(row: dict[str, str], fail) -> dict[str, object]:
    for column in TRANSLATION:
        if not row[column]:
            raise fail(column, "a value, as for every convenience translation")
    rate = _parse_number(row, "fx_rate", fail)
    if not 1 / MAX_RATE <= rate <= MAX_RATE:
        raise fail("fx_rate", f"a positive rate from {1 / MAX_RATE:g} to {MAX_RATE:g}")
    match = RATE_UNIT.fullmatch(row["fx_rate_unit"])
    if not match or match.group(2) != row["currency"]:
        raise fail("fx_rate_unit", f"'<source currency> per {row['currency']}'")
    return {"fx_rate": rate, "fx_rate_date": _parse_date(row, "fx_rate_date", fail)}


def _parse_number(row: dict[str, str], column: str, fail) -> float:
    if not NUMBER.fullmatch(row[column]):
        hint = " (use a decimal point, not a comma)" if "," in row[column] else ""
        raise fail(column, f"a number: digits, one decimal point, an optional sign and exponent{hint}")
    number = float(row[column])
    if not math.isfinite(number):
        raise fail(column, "a finite number")
    return number


def _parse_date(row: dict[str, str], column: str, fail) -> dt.date:
    try:
        day = dt.date.fromisoformat(row[column])
    except ValueError:
        raise fail(column, "a date as YYYY-MM-DD") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise fail(column, f"a date from {EARLIEST_DATE} to {LATEST_DATE}")
    return day


def _parse_bool(row: dict[str, str], column: str, fail) -> bool:
    value = row[column].lower()
    if value not in ("true", "false"):
        raise fail(column, "true or false")
    return value == "true"


def _check_unique(path: Path, schema: Schema, records: list[dict[str, object]]) -> None:
    _check_look_alikes(path, records, {})
    seen_ids: dict[object, int] = {}
    seen_figures: dict[tuple[object, ...], int] = {}
    for record in records:
        row = record["source_row"]
        first = seen_ids.setdefault(record["figure_id"], row)
        if first != row:
            raise FiguresError(
                f"expected a unique figure_id, {record['figure_id']!r} is also on row {first}",
                path=path,
                row=row,
                column="figure_id",
            )
        first = seen_figures.setdefault(tuple(record[column] for column in schema.key), row)
        if first != row:
            raise FiguresError(
                f"expected one figure per {', '.join(schema.key)}; row {first} gives the same {record['metric']}"
                f" of {record['company']} for {record['period_start']} to {record['period_end']}",
                path=path,
                row=row,
                column="metric",
            )


def _check_look_alikes(path: Path, records, known: dict[str, tuple[str, str]]) -> None:
    """Company names that differ but look alike (the same UTS #39 skeleton) are refused: the page would show two
    companies under one name. `known` holds the names seen already: skeleton -> (name, where)."""
    for record in records:
        name = str(record["company"])
        seen = known.setdefault(skeleton(name), (name, f"row {record['source_row']}"))
        if seen[0] != name:
            raise FiguresError(
                f"expected company names that do not look alike, {name!r} looks like {seen[0]!r} on {seen[1]}",
                path=path,
                row=int(record["source_row"]),
                column="company",
            )


def check_look_alike_companies(figures: pd.DataFrame, reported: pd.DataFrame) -> None:
    """Refuse a reported company whose name looks like, but is not, a claims company's: it would not be matched,
    and the reader could not tell the two apart.

    >>> claims, reported = load_figures(), load_reported()
    >>> check_look_alike_companies(claims, reported)  # the same names: nothing to say
    >>> reported.loc[0, "company"] = "\u0410libaba Group"  # a Cyrillic A
    >>> check_look_alike_companies(claims, reported)
    Traceback (most recent call last):
    figures.errors.FiguresError: ...reported_figures.csv, row 1, column 'company': expected company names
    that do not look alike, 'Аlibaba Group' looks like 'Alibaba Group' on row 1 of ...article_figures.csv
    """
    known: dict[str, tuple[str, str]] = {}
    for name, row in zip(figures["company"], figures["source_row"], strict=True):
        known.setdefault(skeleton(str(name)), (str(name), f"row {row} of {figures.attrs.get('file', 'the claims')}"))
    path = Path(reported.attrs.get("file", "reported figures"))
    _check_look_alikes(path, reported[["company", "source_row"]].to_dict("records"), known)


def _check_translations(path: Path, records: list[dict[str, object]]) -> None:
    by_id = {record["figure_id"]: record for record in records}
    for record in records:
        if not record.get("translated_from"):
            continue
        source = by_id.get(record["translated_from"])
        expected_unit = None if source is None else f"{source['currency']} per {record['currency']}"
        if source is None or (source["company"], source["period_start"], source["period_end"]) != (
            record["company"],
            record["period_start"],
            record["period_end"],
        ):
            raise FiguresError(
                "expected the figure_id of a figure of the same company and period in this file",
                path=path,
                row=record["source_row"],
                column="translated_from",
            )
        if record["fx_rate_unit"] != expected_unit:
            raise FiguresError(
                f"expected {expected_unit!r}, found {record['fx_rate_unit']!r}",
                path=path,
                row=record["source_row"],
                column="fx_rate_unit",
            )
