import datetime as dt
import json

import pytest

from figures.errors import FiguresError
from figures.load import load_figures
from helpers import article_rows, claim, write_figures


def test_article_figures_match_the_facts_sheet():
    # FACTS.md: Alibaba +58 % to 39,9 milliards de dollars; Bolloré +82 % to about 18,3 milliards d'euros.
    figures = load_figures().set_index("figure_id")
    assert figures.loc["alibaba_revenue", "value"] == pytest.approx(39.9 * 1000)
    assert figures.loc["alibaba_revenue", ["unit", "currency"]].tolist() == ["million", "USD"]
    assert figures.loc["alibaba_revenue_growth", "value"] == 58
    assert figures.loc["bollore_revenue", "value"] == pytest.approx(18.3 * 1000)
    assert figures.loc["bollore_revenue", "currency"] == "EUR"
    assert bool(figures.loc["bollore_revenue", "approximate"]) is True
    assert figures.loc["bollore_revenue_growth", "value"] == 82


def test_periods_alibaba_fiscal_year_is_inferred_bollore_calendar_year_is_stated():
    figures = load_figures().set_index("figure_id")
    alibaba = figures.loc["alibaba_revenue"]
    assert (alibaba["period_start"], alibaba["period_end"]) == (dt.date(2017, 4, 1), dt.date(2018, 3, 31))
    assert bool(alibaba["period_inferred"]) is True
    bollore = figures.loc["bollore_revenue"]
    assert (bollore["period_start"], bollore["period_end"]) == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    assert bool(bollore["period_inferred"]) is False
    assert set(figures["published"]) == {dt.date(2018, 7, 3)}


def test_every_figure_keeps_its_provenance():
    figures = load_figures()
    assert figures["source"].str.contains("Xinhua").all()
    assert list(figures["source_row"]) == [1, 2, 3, 4]
    assert figures.loc[0, "wording"] == "39,9 milliards de dollars"


def _with(row_number: int, **changes: str) -> list[dict[str, str]]:
    rows = article_rows()
    rows[row_number - 1].update(changes)
    return rows


@pytest.mark.parametrize(
    ("rows", "row", "column", "expected"),
    [
        (_with(1, currency="XYZ"), 1, "currency", "ISO 4217"),
        (_with(3, value="-18.3"), 3, "value", "positive amount"),
        (_with(3, value=""), 3, "value", "a value"),
        (_with(1, value="39,9"), 1, "value", "decimal point"),
        (_with(2, value="-100"), 2, "value", "above -100"),
        (_with(4, metric="profit"), 4, "metric", "revenue, revenue_growth"),
        (_with(1, period_end="2018-02-30"), 1, "period_end", "YYYY-MM-DD"),
        (_with(1, period_end="2016-03-31"), 1, "period_end", "on or after period_start"),
        (_with(2, unit="billion"), 2, "unit", "percent"),
        # Bolloré's 2017 published on 31 December 2017: the year had not ended (the same day is refused too).
        (
            _with(3, published="2017-12-31"),
            3,
            "published",
            "a date after the period it reports (period_end 2017-12-31)",
        ),
        (_with(1, unit="lakh"), 1, "unit", "million, billion"),
        (_with(1, approximate="maybe"), 1, "approximate", "true or false"),
        (_with(2, figure_id="alibaba_revenue"), 2, "figure_id", "unique figure_id"),
        (
            _with(3, company="Alibaba Group", period_start="2017-04-01", period_end="2018-03-31"),
            3,
            "metric",
            "one figure per",
        ),
        # Issue 19: text that lies about itself, and numbers in Python's syntax rather than a file's.
        (_with(3, company="Bollor\u00e9\u202e Group"), 3, "company", "one line of visible text, found a bidirectional"),
        (_with(3, company="\u200b\u200b"), 3, "company", "found an invisible character (U+200B ZERO WIDTH SPACE)"),
        (_with(3, company="Bolloré\nGroup"), 3, "company", "one line of visible text, found a line break (U+000A)"),
        (_with(2, wording="58\x9b%"), 2, "wording", "found a control character (U+009B)"),
        (_with(4, figure_id="bollore\u2060growth"), 4, "figure_id", "found an invisible character (U+2060"),
        (_with(1, currency="US\u200bD"), 1, "currency", "found an invisible character"),
        (_with(1, source="Xinhua\tFrance"), 1, "source", "found a control character (U+0009)"),
        (_with(1, note="two lines\n\u202eand an override"), 1, "note", "visible text, found a bidirectional"),
        (_with(3, company="\u0410libaba Group"), 3, "company", "'Аlibaba Group' looks like 'Alibaba Group' on row 1"),
        (_with(4, company="Alibaba\u200b Group"), 4, "company", "found an invisible character"),
        (_with(4, company="AIibaba Group"), 4, "company", "'AIibaba Group' looks like 'Alibaba Group' on row 1"),
        (_with(1, value="39_9"), 1, "value", "a number: digits, one decimal point, an optional sign and exponent"),
        (_with(1, value="nan"), 1, "value", "a number: digits"),
        (_with(1, value="Infinity"), 1, "value", "a number: digits"),
        (_with(1, value="\u0663\u0669.\u0669"), 1, "value", "a number: digits"),  # Arabic-Indic digits
        (_with(1, value="３９.９"), 1, "value", "a number: digits"),  # fullwidth digits
        (_with(1, value="39.9.1"), 1, "value", "a number: digits"),
        (_with(1, value="+-39.9"), 1, "value", "a number: digits"),
    ],
)
def test_bad_input_names_file_row_column_and_expectation(tmp_path, rows, row, column, expected):
    path = write_figures(tmp_path / "bad.csv", rows)
    with pytest.raises(FiguresError) as raised:
        load_figures(path)
    error = raised.value
    assert (error.path, error.row, error.column) == (str(path), row, column)
    assert expected in str(error) and str(path) in str(error) and f"row {row}" in str(error)


def test_malformed_csv_row_with_extra_field(tmp_path):
    path = tmp_path / "malformed.csv"
    lines = write_figures(tmp_path / "good.csv", article_rows()).read_text(encoding="utf-8").splitlines()
    lines[2] += ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FiguresError, match=r"malformed.csv, row 2: expected 15 fields as in the header, found 16"):
        load_figures(path)


@pytest.mark.parametrize("bad", [2, 4])  # a row in the middle, the last row
def test_a_broken_quote_names_its_row(tmp_path, bad):
    # Line 1 is the header; row n is line n + 1. Row 1's note holds a quoted line break, so lines and
    # rows part further: the row named is the row counted, not the line the reader stopped on.
    rows = article_rows()
    rows[0]["note"] = "two\nlines"
    lines = write_figures(tmp_path / "good.csv", rows).read_text(encoding="utf-8").splitlines()
    bad_line = bad + 1 + 1  # the header, and row 1's extra line
    lines[bad_line - 1] = lines[bad_line - 1].replace(",false,", ',"false"x,', 1)
    path = tmp_path / "broken.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FiguresError, match=rf"broken.csv, row {bad}: expected well-formed CSV"):
        load_figures(path)


def test_missing_column_missing_file_and_empty_file(tmp_path):
    missing_column = tmp_path / "nocurrency.csv"
    rows = article_rows()
    for row in rows:
        del row["currency"]
    missing_column.write_text(",".join(rows[0]) + "\n", encoding="utf-8")
    with pytest.raises(FiguresError, match="expected the column 'currency' in the header"):
        load_figures(missing_column)
    with pytest.raises(FiguresError, match="no such file"):
        load_figures(tmp_path / "absent.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(FiguresError, match="empty file"):
        load_figures(empty)
    only_header = write_figures(tmp_path / "header.csv", [])
    with pytest.raises(FiguresError, match="at least one figure"):
        load_figures(only_header)


def test_loading_never_changes_the_input(tmp_path):
    path = write_figures(tmp_path / "figures.csv", article_rows())
    before = path.read_bytes()
    load_figures(path)
    assert path.read_bytes() == before


def test_reported_figures_match_the_facts_sheet():
    from figures.load import load_reported

    reported = load_reported().set_index("figure_id")
    # FACTS.md: RMB 250,266 m, 158,273 m, 101,143 m; EUR 18,325 m; about EUR 10.07 bn; scope +7,383; currency -160.
    assert reported.loc["alibaba_revenue_fy2018", ["value", "currency"]].tolist() == [250_266, "CNY"]
    assert reported.loc["alibaba_revenue_fy2017", "value"] == 158_273
    assert reported.loc["alibaba_revenue_fy2016", "value"] == 101_143
    assert reported.loc["bollore_revenue_2017", "value"] == 18_325
    assert reported.loc["bollore_revenue_2016", "value"] == pytest.approx(10_070)
    assert bool(reported.loc["bollore_revenue_2016", "approximate"]) is True
    assert reported.loc["bollore_revenue_change_currency_2017", "value"] == -160
    translation = reported.loc["alibaba_revenue_fy2018_usd"]
    assert (translation["fx_rate"], translation["fx_rate_unit"]) == (6.2726, "CNY per USD")
    assert translation["fx_rate_date"] == dt.date(2018, 3, 30)


@pytest.mark.parametrize(
    ("figure_id", "changes", "column", "expected"),
    [
        ("bollore_revenue_2017", {"value": "-18325"}, "value", "positive amount"),
        ("alibaba_revenue_fy2018_usd", {"fx_rate_unit": "EUR per USD"}, "fx_rate_unit", "'CNY per USD'"),
        ("alibaba_revenue_fy2018_usd", {"fx_rate_unit": "USD per CNY"}, "fx_rate_unit", "per USD'"),
        ("alibaba_revenue_fy2018_usd", {"translated_from": "nothing"}, "translated_from", "same company and period"),
        ("alibaba_revenue_fy2018_usd", {"fx_rate": "0"}, "fx_rate", "positive rate"),
        ("alibaba_revenue_fy2018_usd", {"fx_rate_date": ""}, "fx_rate_date", "as for every convenience translation"),
        ("bollore_revenue_growth_organic_2017", {"unit": "million"}, "unit", "percent"),
    ],
)
def test_bad_reported_rows_are_named(tmp_path, figure_id, changes, column, expected):
    import csv

    from figures.load import load_reported
    from helpers import ROOT

    with (ROOT / "data" / "reported_figures.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    number = next(i for i, row in enumerate(rows, start=1) if row["figure_id"] == figure_id)
    rows[number - 1].update(changes)
    path = tmp_path / "reported.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(FiguresError, match=expected) as raised:
        load_reported(path)
    assert (raised.value.row, raised.value.column) == (number, column)


def test_a_publication_the_day_after_the_period_ends_loads(tmp_path):
    rows = _with(3, published="2018-01-01")  # the first day a 2017 figure can have been published
    assert load_figures(write_figures(tmp_path / "ok.csv", rows)).loc[2, "published"] == dt.date(2018, 1, 1)


@pytest.mark.parametrize(
    ("value", "millions"), [("39.9", 39_900.0), ("+39.9", 39_900.0), ("3.99e1", 39_900.0), ("40.", 40_000.0)]
)
def test_a_number_may_have_a_sign_a_decimal_point_and_an_exponent(tmp_path, value, millions):
    figures = load_figures(write_figures(tmp_path / "ok.csv", _with(1, value=value)))
    assert figures.loc[0, "value"] == millions


def test_every_cell_is_read_in_nfc(tmp_path):
    rows = _with(3, company="Bollore\u0301 Group")  # e and a combining acute accent
    rows[3]["company"] = "Bolloré Group"  # the precomposed é: the same company
    figures = load_figures(write_figures(tmp_path / "nfd.csv", rows))
    assert list(figures["company"]) == ["Alibaba Group", "Alibaba Group", "Bolloré Group", "Bolloré Group"]


def _header_and_rows(path, header):
    rows = article_rows()
    lines = [",".join(header)]
    lines += [",".join(f'"{row.get(name, "")}"' for name in header) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_duplicated_column_is_refused(tmp_path):
    header = [*article_rows()[0], "value"]  # the last `value` would win
    path = _header_and_rows(tmp_path / "twice.csv", header)
    with pytest.raises(FiguresError) as raised:
        load_figures(path)
    assert (raised.value.row, raised.value.column) == (0, "value")
    assert (
        str(raised.value) == f"{path}, row 0, column 'value': expected each column once in the header, found it twice"
    )


def test_an_unknown_column_is_refused(tmp_path):
    header = [*list(article_rows()[0])[:7], "valeur", *list(article_rows()[0])[7:]]
    path = _header_and_rows(tmp_path / "unknown.csv", header)
    with pytest.raises(
        FiguresError, match=r"row 0, column 'valeur': expected only the columns of an? article"
    ) as raised:
        load_figures(path)
    assert "found 'valeur'" in str(raised.value)


def test_a_file_beyond_two_mebibytes_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(694 * 1024 * 1024)  # sparse: the size of the million-row file, no disk used
    with pytest.raises(FiguresError) as raised:
        load_figures(path)
    assert str(raised.value) == (
        f"{path}: expected a file of at most 2,097,152 bytes (2 MiB, 1,000 figures at most; more than a report can"
        " show), found 727,711,744 bytes"
    )


def _many_rows(count):
    return [
        claim(f"c{number}", f"Company {number}", "revenue", "2017-01-01", "2017-12-31", 1.5, "billion", "EUR")
        for number in range(1, count + 1)
    ]


def test_a_thousand_figures_load_and_the_next_is_refused(tmp_path):
    at_limit = write_figures(tmp_path / "limit.csv", _many_rows(1_000))
    assert len(load_figures(at_limit)) == 1_000
    beyond = write_figures(tmp_path / "beyond.csv", _many_rows(1_001))
    assert beyond.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(FiguresError) as raised:
        load_figures(beyond)
    assert (raised.value.row, raised.value.column) == (1_001, None)
    assert "expected at most 1,000 figures in a file (more than a report can show), found more" in str(raised.value)


def test_a_reported_company_that_looks_like_a_claims_company_is_refused(tmp_path):
    from figures.load import check_look_alike_companies, load_reported
    from helpers import reported, write_reported

    claims = load_figures()
    rows = [reported("r1", "Alibaba Gr\u03bfup", "revenue", "2017-04-01", "2018-03-31", 250266, "million", "CNY")]
    path = write_reported(tmp_path / "reported.csv", rows)
    with pytest.raises(FiguresError) as raised:
        check_look_alike_companies(claims, load_reported(path))
    assert (raised.value.path, raised.value.row, raised.value.column) == (str(path), 1, "company")
    assert "'Alibaba Grοup' looks like 'Alibaba Group' on row 1 of" in str(raised.value)


@pytest.mark.parametrize(("recorded", "kind"), [("press_release", "press_release"), ("", "other"), (None, "other")])
def test_claims_carry_the_kind_of_source_their_sidecar_records(tmp_path, recorded, kind):
    from figures.case import refresh_sidecar

    path = write_figures(tmp_path / "claims.csv", article_rows())
    sidecar_file = refresh_sidecar(path)
    if recorded is not None:
        sidecar = json.loads(sidecar_file.read_text(encoding="utf-8")) | {"source_kind": recorded}
        sidecar_file.write_text(json.dumps(sidecar), encoding="utf-8")
    else:
        sidecar_file.unlink()
    assert load_figures(path).attrs["source_kind"] == kind
    assert load_figures().attrs["source_kind"] == "article"  # data/article_figures.csv: the Xinhua article


def test_a_kind_of_source_the_report_does_not_know_is_refused(tmp_path):
    from figures.case import refresh_sidecar

    path = write_figures(tmp_path / "claims.csv", article_rows())
    sidecar_file = refresh_sidecar(path)
    sidecar = json.loads(sidecar_file.read_text(encoding="utf-8")) | {"source_kind": "blog post"}
    sidecar_file.write_text(json.dumps(sidecar), encoding="utf-8")
    with pytest.raises(FiguresError) as refused:
        load_figures(path)
    assert str(refused.value) == (
        f"{sidecar_file}: expected 'source_kind' among article, press_release, other, found 'blog post'"
    )
