"""`comparison.xlsx`: the CSV's table as a workbook, typed (numbers, dates, true/false), with its codebook.

Written with XlsxWriter, which writes the same bytes for the same table: the document's dates and the zip
entries' times are the data's date, never the time of the build (measured against openpyxl, whose zip entries
carry the time of writing; see the README). Text cells are neutralised as in the CSV
(`figures.export.spreadsheet_safe`), and always written as text, never read as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers

import numpy as np
import pandas as pd

from figures.codebook import COMPARISON_CODEBOOK
from figures.errors import FiguresError
from figures.export import spreadsheet_safe

DATE_FORMAT = "yyyy-mm-dd"
NUMBER_FORMATS = {
    "value": "#,##0.0##",
    "fx_rate": "0.000000",
    "fx_rate_prior": "0.000000",
    "fx_fixing_days": "0",
    "source_row": "0",
}
"""Each numeric column's display format; the cell holds the exact number either way."""
DEFAULT_NUMBER_FORMAT = "0.########"
COLUMN_WIDTHS = {"company": 22, "derivation": 60, "fx_rate_source": 40, "fx_rate_detail": 40, "source_file": 30}
CODEBOOK_SHEET = "codebook"


def table_xlsx(frame: pd.DataFrame, *, dated: dt.date, live_log: pd.DataFrame | None = None) -> bytes:
    """The workbook: the comparison sheet (`frame`, the CSV's table), the live rates fetched (if any), the codebook.

    Each cell keeps its type: a number is a number with a display format, a date a date, a true/false a boolean,
    an empty cell empty; text starting like a formula gets a leading quote, as in the CSV. `dated` is the
    workbook's date (created and modified, and its zip entries' times).

    >>> from figures.export import csv_frame
    >>> from figures.tabulate import comparison_table
    >>> xlsx = table_xlsx(csv_frame(comparison_table(), "EUR", "average"), dated=dt.date(2018, 7, 3))
    >>> xlsx[:2], xlsx == table_xlsx(csv_frame(comparison_table(), "EUR", "average"), dated=dt.date(2018, 7, 3))
    (b'PK', True)
    """
    import xlsxwriter

    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    when = dt.datetime.combine(dated, dt.time())
    workbook.set_properties({"title": "comparison", "created": when, "comment": "figures: comparison.csv, typed"})
    formats = _Formats(workbook)
    _write_sheet(workbook.add_worksheet("comparison"), frame, formats)
    if live_log is not None:
        _write_sheet(workbook.add_worksheet("live rates"), live_log, formats)
    codebook = pd.DataFrame(
        [
            (column, definition.replace("`", ""), unit.replace("`", ""))
            for column, definition, unit in COMPARISON_CODEBOOK
        ],
        columns=["column", "definition", "unit"],
    )
    sheet = workbook.add_worksheet(CODEBOOK_SHEET)
    _write_sheet(sheet, codebook, formats)
    sheet.set_column(1, 1, 90, formats.wrapped)
    workbook.close()
    return stream.getvalue()


class _Formats:
    """The workbook's cell formats, each made once."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.header = workbook.add_format({"bold": True, "bottom": 1})
        self.date = workbook.add_format({"num_format": DATE_FORMAT})
        self.wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
        self._numbers: dict[str, object] = {}

    def number(self, column: str):
        pattern = NUMBER_FORMATS.get(column, DEFAULT_NUMBER_FORMAT)
        if pattern not in self._numbers:
            self._numbers[pattern] = self.workbook.add_format({"num_format": pattern})
        return self._numbers[pattern]


def _write_sheet(sheet, frame: pd.DataFrame, formats: _Formats) -> None:
    for column, name in enumerate(frame.columns):
        sheet.write_string(0, column, str(name), formats.header)
        sheet.set_column(column, column, COLUMN_WIDTHS.get(name, max(10, min(len(str(name)) + 2, 24))))
    for row, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        for column, (name, value) in enumerate(zip(frame.columns, values, strict=True)):
            _write_cell(sheet, row, column, name, value, formats)
    sheet.freeze_panes(1, 1)  # the header and the company stay in view
    if len(frame):
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)


EXCEL_MAX_CHARS = 32_767
"""The most characters a spreadsheet cell holds (Excel's limit, which XlsxWriter enforces)."""
STRING_TRUNCATED = -2
"""What XlsxWriter's `write_string` returns when it cut a string to `EXCEL_MAX_CHARS`."""


def _write_cell(sheet, row: int, column: int, name: str, value, formats: _Formats) -> None:
    """One cell by the type of its value: blank, boolean, number, date or text (made safe)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return
    if isinstance(value, bool | np.bool_):
        sheet.write_boolean(row, column, bool(value))
    elif isinstance(value, numbers.Real):  # Python's and numpy's (an Int64 column's cells are numpy integers)
        sheet.write_number(row, column, float(value), formats.number(name))
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), formats.date)
    elif isinstance(value, dt.datetime | pd.Timestamp):
        sheet.write_datetime(row, column, pd.Timestamp(value).to_pydatetime().replace(tzinfo=None), formats.date)
    elif str(value) and sheet.write_string(row, column, spreadsheet_safe(str(value))) == STRING_TRUNCATED:
        raise FiguresError(
            f"comparison.xlsx, row {row + 1}, column {name!r}: expected text of at most {EXCEL_MAX_CHARS:,} characters"
            f" (a spreadsheet cell's limit), found {len(str(value)):,}: the workbook would cut it"
        )
