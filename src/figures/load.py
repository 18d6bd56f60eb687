"""Load and validate a figures file at the boundary, so the code after it can trust its rows."""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

import pandas as pd
from babel.numbers import list_currencies

from figures.errors import FiguresError
from figures.paths import ARTICLE_FIGURES, display_path

METRICS = ("revenue", "revenue_growth")
REVENUE_SCALE_TO_MILLIONS = {"thousand": 0.001, "million": 1.0, "billion": 1000.0}
COLUMNS = (
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
OPTIONAL_TEXT = ("period_note", "wording", "note")
ISO_4217 = frozenset(list_currencies())


def load_figures(path: str | Path | None = None) -> pd.DataFrame:
    """Read a figures file (default: the article's) into one validated row per figure.

    Revenue comes out in millions of its currency (`unit` "million"), growth in percent; the
    figure as printed stays in `stated_value` and `stated_unit`. `source_file` and `source_row`
    let later errors point back at the row.

    >>> figures = load_figures()
    >>> first = figures.iloc[0]
    >>> first["figure_id"], float(first["stated_value"]), first["stated_unit"], float(first["value"]), first["unit"]
    ('alibaba_revenue', 39.9, 'billion', 39900.0, 'million')
    """
    path = Path(ARTICLE_FIGURES if path is None else path)
    rows = _read_rows(path)
    records = [_validate_row(path, number, row) for number, row in rows]
    _check_unique(path, records)
    figures = pd.DataFrame.from_records(records)
    figures.attrs["path"] = str(path)
    return figures


def _read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FiguresError("expected a figures file (CSV), found no such file", path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise FiguresError(f"expected a readable UTF-8 CSV file, {error}", path=path) from None
    reader = csv.reader(text.splitlines())
    try:
        header = next(reader)
    except StopIteration:
        raise FiguresError("expected a header row, found an empty file", path=path) from None
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise FiguresError(f"expected the columns {', '.join(missing)} in the header", path=path, row=0)
    rows = []
    try:
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise FiguresError(
                    f"expected {len(header)} fields as in the header, found {len(cells)}", path=path, row=number
                )
            rows.append((number, dict(zip(header, (cell.strip() for cell in cells), strict=True))))
    except csv.Error as error:
        raise FiguresError(f"expected well-formed CSV, {error}", path=path, row=reader.line_num) from None
    if not rows:
        raise FiguresError("expected at least one figure, found only the header", path=path)
    return rows


def _validate_row(path: Path, number: int, row: dict[str, str]) -> dict[str, object]:
    def fail(column: str, expected: str) -> FiguresError:
        return FiguresError(f"expected {expected}, found {row[column]!r}", path=path, row=number, column=column)

    for column in COLUMNS:
        if column not in OPTIONAL_TEXT and not row[column]:
            raise fail(column, "a value")
    metric = row["metric"]
    if metric not in METRICS:
        raise fail("metric", f"one of {', '.join(METRICS)}")
    start = _parse_date(row, "period_start", fail)
    end = _parse_date(row, "period_end", fail)
    if end < start:
        raise fail("period_end", f"a date on or after period_start ({start})")
    try:
        stated_value = float(row["value"])
    except ValueError:
        hint = " (use a decimal point, not a comma)" if "," in row["value"] else ""
        raise fail("value", f"a number{hint}") from None
    if not math.isfinite(stated_value):
        raise fail("value", "a finite number")
    unit = row["unit"]
    if metric == "revenue":
        if unit not in REVENUE_SCALE_TO_MILLIONS:
            raise fail("unit", f"one of {', '.join(REVENUE_SCALE_TO_MILLIONS)} for revenue")
        if stated_value <= 0:
            raise fail("value", "a positive amount")
        # Rounded so that 39.9 billion is 39,900 million exactly, not 39,900.000000000004.
        value, value_unit = round(stated_value * REVENUE_SCALE_TO_MILLIONS[unit], 9), "million"
    else:
        if unit != "percent":
            raise fail("unit", "percent for revenue_growth")
        if stated_value <= -100:
            raise fail("value", "a growth above -100 percent")
        value, value_unit = stated_value, "percent"
    currency = row["currency"]
    if currency not in ISO_4217:
        raise fail("currency", "an ISO 4217 currency code such as EUR, USD or CNY")
    return {
        "figure_id": row["figure_id"],
        "company": row["company"],
        "metric": metric,
        "period_start": start,
        "period_end": end,
        "period_inferred": _parse_bool(row, "period_inferred", fail),
        "period_note": row["period_note"],
        "value": value,
        "unit": value_unit,
        "currency": currency,
        "approximate": _parse_bool(row, "approximate", fail),
        "stated_value": stated_value,
        "stated_unit": unit,
        "wording": row["wording"],
        "source": row["source"],
        "published": _parse_date(row, "published", fail),
        "note": row["note"],
        "source_file": display_path(path),
        "source_row": number,
    }


def _parse_date(row: dict[str, str], column: str, fail) -> dt.date:
    try:
        return dt.date.fromisoformat(row[column])
    except ValueError:
        raise fail(column, "a date as YYYY-MM-DD") from None


def _parse_bool(row: dict[str, str], column: str, fail) -> bool:
    value = row[column].lower()
    if value not in ("true", "false"):
        raise fail(column, "true or false")
    return value == "true"


def _check_unique(path: Path, records: list[dict[str, object]]) -> None:
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
        key = (record["company"], record["metric"], record["period_start"], record["period_end"])
        first = seen_figures.setdefault(key, row)
        if first != row:
            raise FiguresError(
                f"expected one figure per company, metric and period; row {first} gives the same {record['metric']}"
                f" of {record['company']} for {record['period_start']} to {record['period_end']}",
                path=path,
                row=row,
                column="metric",
            )
