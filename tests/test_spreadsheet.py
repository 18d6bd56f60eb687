"""comparison.xlsx: the CSV's table typed (numbers, dates, booleans), with its codebook; the same bytes every build."""

import csv
import datetime as dt
import io
import math
import time

import pytest

from figures.codebook import COMPARISON_CODEBOOK
from figures.report import ReportParameters, build_report
from helpers import ROOT


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    first = tmp_path_factory.mktemp("xlsx-first")
    _, csv_path = build_report(first, ReportParameters())
    time.sleep(2.1)  # zip entries keep time in two-second steps: a clock in the bytes would show
    second = tmp_path_factory.mktemp("xlsx-second")
    build_report(second, ReportParameters())
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    return first / "comparison.xlsx", second / "comparison.xlsx", rows


def test_two_builds_write_the_same_bytes(two_builds):
    first, second, _ = two_builds
    assert first.read_bytes()[:2] == b"PK"
    assert first.read_bytes() == second.read_bytes()


def test_the_workbook_is_dated_by_the_data_not_the_build(two_builds):
    from openpyxl import load_workbook

    properties = load_workbook(two_builds[0]).properties
    assert properties.created == dt.datetime(2018, 7, 3)  # the article's publication, the data's date


def test_one_sheet_for_the_table_and_one_for_its_codebook(two_builds):
    from openpyxl import load_workbook

    workbook = load_workbook(two_builds[0])
    assert workbook.sheetnames == ["comparison", "codebook"]
    codebook = [[cell.value for cell in row] for row in workbook["codebook"].iter_rows()]
    assert codebook[0] == ["column", "definition", "unit"]
    assert [row[0] for row in codebook[1:]] == two_builds[2][0]  # every column of the CSV, in order
    by_column = {row[0]: row[1:] for row in codebook[1:]}
    assert by_column["value"][1] == "as unit"  # markdown marks dropped
    assert by_column["fx_fixing_days"] == ["number of fixing days averaged (1 for closing and spot)", "days"]


def test_every_cell_is_the_csv_cell_typed(two_builds):
    from openpyxl import load_workbook

    sheet = load_workbook(two_builds[0])["comparison"]
    got = [[cell for cell in row] for row in sheet.iter_rows()]
    header, *rows = two_builds[2]
    assert [cell.value for cell in got[0]] == header
    assert len(got) == len(rows) + 1 == 155  # 154 rows of the default comparison, as the CSV has
    kinds = set()
    for cells, row in zip(got[1:], rows, strict=True):
        for cell, (column, text) in zip(cells, zip(header, row, strict=True), strict=True):
            if text == "":
                assert cell.value is None, (column, cell.value)
            elif column in ("period_start", "period_end", "fx_first_fixing", "fx_last_fixing"):
                assert cell.is_date and cell.number_format == "yyyy-mm-dd"
                assert cell.value == dt.datetime.fromisoformat(text), (column, text)
                kinds.add("date")
            elif text in ("True", "False"):
                assert cell.value is (text == "True"), (column, text)
                kinds.add("bool")
            elif column in ("value", "fx_rate", "fx_rate_prior", "fx_fixing_days", "source_row"):
                # To 16 significant digits, as XlsxWriter writes a number (Excel shows 15).
                assert isinstance(cell.value, int | float), (column, text)
                assert math.isclose(cell.value, float(text), rel_tol=1e-15), (column, text)
                assert cell.number_format != "General"
                kinds.add("number")
            else:
                assert cell.value == text, (column, text)
                kinds.add("text")
    assert kinds == {"date", "bool", "number", "text"}


def test_a_number_keeps_its_format_and_its_exact_value(two_builds):
    from openpyxl import load_workbook

    sheet = load_workbook(two_builds[0])["comparison"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, (cell for cell in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    alibaba = next(
        row
        for row in rows
        if row["company"].value == "Alibaba Group"
        and row["basis"].value == "article"
        and row["fx_method"].value == "none"
        and row["metric"].value == "revenue"
    )
    assert alibaba["value"].value == 39900 and alibaba["value"].number_format == "#,##0.0##"
    assert alibaba["period_end"].value == dt.datetime(2018, 3, 31)
    assert alibaba["period_inferred"].value is True and alibaba["source_row"].value == 1


def test_the_readme_codebook_is_the_packages_word_for_word():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("`reports/comparison.csv`: every number")[1].split("\n\n")[1]
    rows = [line.strip().strip("|").split(" | ") for line in table.splitlines()[2:]]
    assert [tuple(cell.strip() for cell in row) for row in rows] == list(COMPARISON_CODEBOOK)


def test_text_longer_than_a_cell_holds_is_refused_not_cut():
    import pandas as pd

    from figures.errors import FiguresError
    from figures.spreadsheet import table_xlsx

    fits = pd.DataFrame({"company": ["A"], "derivation": ["x" * 32_767]})  # Excel's limit, exactly
    assert table_xlsx(fits, dated=dt.date(2018, 7, 3))[:2] == b"PK"
    too_long = pd.DataFrame({"company": ["A"], "derivation": ["x" * 32_768]})
    with pytest.raises(FiguresError, match=r"row 2, column 'derivation': expected text of at most 32,767 characters"):
        table_xlsx(too_long, dated=dt.date(2018, 7, 3))
