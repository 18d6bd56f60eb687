"""The exported report: self-contained, no code, reproducible, and every number traceable to the CSV."""

import csv
import io
import re
import subprocess
import sys
import threading
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest

from figures.errors import FiguresError
from figures.report import ReportParameters, build_report, write_atomically
from helpers import ROOT, article_rows, claim, write_figures

REQUIRED_CSV_COLUMNS = [
    "company",
    "metric",
    "period_start",
    "period_end",
    "basis",
    "currency",
    "value",
    "fx_method",
    "fx_rate",
    "fx_rate_source",
]


class _Page(HTMLParser):
    """Collects tables (rows of cell texts), image attributes and visible text."""

    def __init__(self):
        super().__init__()
        self.tables, self.images, self.text, self._cell = [], [], [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "img":
            self.images.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    first = build_report(tmp_path_factory.mktemp("first"), ReportParameters())
    # The second in a process of its own, as a user rebuilds: nothing this process memoised is reused.
    out = tmp_path_factory.mktemp("second")
    subprocess.run([sys.executable, "-m", "figures", "report", "--out", str(out)], check=True, capture_output=True)
    return first, (out / first[0].name, out / first[1].name)


@pytest.fixture(scope="module")
def page(built):
    parser = _Page()
    parser.feed(built[0][0].read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def rows(built):
    return list(csv.DictReader(io.StringIO(built[0][1].read_text(encoding="utf-8"))))


def test_two_builds_are_byte_identical(built):
    (html_a, csv_a), (html_b, csv_b) = built
    assert html_a.read_bytes() == html_b.read_bytes()
    assert csv_a.read_bytes() == csv_b.read_bytes()


def test_html_is_self_contained(built):
    html = built[0][0].read_text(encoding="utf-8")
    # The claim reviews are a JSON-LD data block, which browsers never run; no other script.
    html = html.replace('<script type="application/ld+json">', "<data-block>", 1)
    for forbidden in ("<script", "<link", "<iframe", "@import", "url(", 'src="http', "src='http", "<object"):
        assert forbidden not in html.lower(), forbidden
    assert all(src.startswith("data:image/png;base64,") for src in re.findall(r'<img[^>]*src="([^"]*)"', html))


def test_html_shows_no_code(built):
    html = built[0][0].read_text(encoding="utf-8")
    for code in ("comparison_table(", "present.show", "import ", "figures_path =", "In&nbsp;["):
        assert code not in html, code


def test_every_image_has_alt_text(page):
    # Two rate histories, the bridge, six comparison charts, and Alibaba's three reported years.
    assert len(page.images) == 10
    assert all(len(image.get("alt", "")) > 40 for image in page.images)


def test_title_data_date_and_sources(page):
    text = " ".join(page.text)
    assert "Revenue in a common currency: Alibaba Group and Bolloré Group" in text
    # The article's date, then the latest company report's: read from the data file, not the code.
    with (ROOT / "data" / "reported_figures.csv").open(encoding="utf-8") as stream:
        latest = max(row["published"] for row in csv.DictReader(stream) if row["published"])
    assert latest == "2018-07-27"
    assert "figures as published on 3 July 2018; company reports to 27 July 2018;" in text
    assert "ECB reference rates to 30 October 2026" in text
    assert "Xinhua (French edition)" in text and "European Central Bank" in text
    assert not re.search(r"\d{2}:\d{2}:\d{2}", text), "a build time leaked into the report"


def test_csv_has_the_required_columns_and_both_bases(rows):
    assert set(REQUIRED_CSV_COLUMNS) <= set(rows[0])
    assert {row["basis"] for row in rows} == {"article", "reported", "reconciliation"}
    stated = [row for row in rows if row["fx_method"] == "none" and row["basis"] == "article"]
    assert {row["metric"] for row in stated} == {"revenue", "revenue_growth"}
    for company in ("Alibaba Group", "Bolloré Group"):
        for currency in ("EUR", "USD", "CNY"):
            for method in ("average", "closing", "spot"):
                for basis in ("article", "reported"):
                    assert any(
                        r["company"] == company
                        and r["currency"] == currency
                        and r["fx_method"] == method
                        and r["basis"] == basis
                        and r["metric"] == "revenue"
                        and r["period_end"] in ("2017-12-31", "2018-03-31")
                        for r in rows
                    ), (company, currency, method, basis)
    company = [r for r in rows if r["fx_method"] == "company"]
    assert {r["figure_id"] for r in company} == {"alibaba_revenue_fy2018_usd", "alibaba_revenue_fy2017_usd"}


@pytest.mark.parametrize(("index", "basis"), [(0, "reported"), (1, "article")])
def test_summary_numbers_match_the_csv(page, rows, index, basis):
    summary = page.tables[index]
    header, body = summary[0], summary[1:]
    assert header == ["Company", "Period", "Revenue, EUR m", "Growth as stated", "Growth in EUR"]
    for cells in body:
        company = cells[0]
        mine = [r for r in rows if r["company"] == company and r["basis"] == basis and r["currency"] == "EUR"]
        mine = [r for r in mine if r["fx_method"] == "average" and r["period_end"] in ("2017-12-31", "2018-03-31")]
        revenue = [r for r in mine if r["metric"] == "revenue" and not r["component"]]
        assert len(revenue) == 1
        assert cells[2].split(" ")[0] == f"{float(revenue[0]['value']):,.0f}"
        growth = [r for r in mine if r["metric"] == "revenue_growth"]
        assert cells[4] == f"{float(growth[0]['value']):+.1f}% in EUR"


def test_every_number_in_the_reports_tables_is_in_the_csv(page, rows, built):
    columns = ("value", "fx_rate", "fx_rate_prior", "fx_fixing_days")
    numbers = [float(r[c]) for r in rows for c in columns if r[c]]
    csv_text = built[0][1].read_text(encoding="utf-8")
    quoted = {"Note", "Claim", "As printed"}  # the sources' own words, in their own number format
    checked = 0
    for table in page.tables:
        header = table[0]
        for cells in table[1:]:
            for name, cell in zip(header, cells, strict=True):
                if name in quoted:
                    continue
                # Dates (2017-04-03), years in period labels (Apr 2017–Mar 2018) and fiscal labels
                # (FY2018) are labels, not figures.
                text = re.sub(r"\d{4}-\d{2}-\d{2}|\b(FY)?(19|20)\d{2}\b", " ", cell)
                for token in re.findall(r"[+-]?\d[\d,]*(?:\.\d+)?", text):
                    decimals = len(token.split(".")[1]) if "." in token else 0
                    shown = float(token.replace(",", ""))
                    in_numbers = any(round(n, decimals) == shown or f"{n:.6g}" == token for n in numbers)
                    assert in_numbers or token.lstrip("+") in csv_text, f"{token!r} in {cells} is not in the CSV"
                    checked += 1
    assert checked > 60  # the tables were found and read


def test_a_failed_build_keeps_the_previous_report(built, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    for path in built[0]:
        (out / path.name).write_bytes(path.read_bytes())
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    rows = article_rows()
    rows[2]["value"] = "-18.3"
    bad = write_figures(tmp_path / "bad.csv", rows)
    inputs_before = bad.read_bytes()
    with pytest.raises(FiguresError, match="positive amount"):
        build_report(out, ReportParameters(figures_path=str(bad)))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert bad.read_bytes() == inputs_before


def test_atomic_write_leaves_nothing_behind_when_a_file_fails(tmp_path):
    (tmp_path / "comparison.html").write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomically(tmp_path, {"comparison.html": b"new", "comparison.csv": None})
    assert [p.name for p in tmp_path.iterdir()] == ["comparison.html"]
    assert (tmp_path / "comparison.html").read_text(encoding="utf-8") == "old"


def test_report_files_are_readable_by_others(built):
    assert all(Path(p).stat().st_mode & 0o044 for p in built[0])


def test_each_build_in_one_process_asks_the_live_source_afresh(tmp_path, monkeypatch):
    # As two `figures report --rates live` runs would: the second build is not handed the first's failure.
    from forex_server import ForexServer

    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path / "cache"))
    with ForexServer("500") as server:
        monkeypatch.setenv("FIGURES_FOREX_URL", server.url)
        for build in (1, 2):
            html_path, _ = build_report(tmp_path / f"out{build}", ReportParameters(rates="live"))
            assert server.requests == build
            assert "The live rate source failed" in html_path.read_text(encoding="utf-8")


def test_two_builds_at_once_in_one_process_both_succeed(built, tmp_path):
    # The second waits for the first (the rate tables and the charts drawn ahead are the process's).
    outcomes = {}

    def build(name):
        try:
            outcomes[name] = build_report(tmp_path / name, ReportParameters())
        except Exception as error:  # reported by the assertion below
            outcomes[name] = error

    threads = [threading.Thread(target=build, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = built[0][0].read_bytes()
    assert [outcomes[name][0].read_bytes() == expected for name in ("a", "b")] == [True, True], outcomes


def test_the_callers_matplotlib_style_changes_no_chart(built, tmp_path, monkeypatch):
    import matplotlib
    import matplotlib.style

    with matplotlib.rc_context():
        matplotlib.style.use("ggplot")
        matplotlib.rcParams["font.size"] = 14
        html_path, _ = build_report(tmp_path / "styled", ReportParameters())
        assert matplotlib.rcParams["font.size"] == 14  # and the caller's settings are theirs again
    assert html_path.read_bytes() == built[0][0].read_bytes()


def test_warnings_made_errors_by_the_caller_do_not_stop_a_build(tmp_path):
    # Chart workers draw a name with no glyph in the font (a UserWarning): in a kernel's filters, not the caller's.
    folder = tmp_path / "case"
    folder.mkdir()
    write_figures(
        folder / "claims.csv",
        [claim("s", "ソニーグループ", "revenue", "2018-04-01", "2019-03-31", "8665.7", "billion", "JPY")],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        html_path, _ = build_report(tmp_path / "out", ReportParameters(comparison=str(folder), currency="USD"))
    html = html_path.read_text(encoding="utf-8")
    assert "ソニーグループ" in html
    # The reader is told, under each chart with the name, which characters show as boxes; no warning
    # (with this machine's file paths) reaches the page.
    # グ U+30B0, ソ U+30BD, ニ U+30CB, プ U+30D7, ル U+30EB, ー U+30FC: in code-point order.
    assert "The chart's font has no glyph for グ ソ ニ プ ル ー: they show as empty boxes" in html
    assert "Glyph" not in html and "UserWarning" not in html and 'class="stream"' not in html


def test_a_chart_stuck_in_its_worker_fails_the_build_instead_of_hanging_it(monkeypatch):
    from figures import charts
    from figures.charts import pool as drawing
    from figures.charts.pool import ChartPool
    from figures.tabulate import comparison_table

    monkeypatch.setattr(drawing, "CHART_TIMEOUT_S", 0.001)  # no chart is drawn that fast
    call = (comparison_table(), "EUR", "average", "article")
    with ChartPool(workers=2) as pool:
        pool.prefetch([(charts.revenue_chart, call, {})])
        with pytest.raises(FiguresError, match=r"a chart took more than 0\.001 s to draw in a worker process"):
            pool.draw(charts.revenue_chart, *call)


def test_a_build_runs_no_notebook_code(tmp_path):
    # The notebooks are the outline: a cell that is not `story.NAME(ctx)` is refused, never run.
    import json

    from figures.context import build_context
    from figures.report import page_body

    marker = tmp_path / "ran"
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "source": f"open({str(marker)!r}, 'w')"}]}
    (tmp_path / "x.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(FiguresError, match=r"x\.ipynb: expected a set-up cell or `story\.NAME\(ctx\)` of a section"):
        page_body(build_context(), ("x.ipynb",), directory=tmp_path)
    assert not marker.exists()


def test_every_notebook_cell_is_prose_set_up_or_one_section():
    from figures.context import build_context
    from figures.report import page_body

    assert "<h3>Growth in a common currency</h3>" in page_body(build_context())  # every notebook cell read


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_default_report_says_what_it_said_before_it_was_built_from_values(built, locale, tmp_path):
    # Recorded from the report as the notebooks' execution built it (commit 8628c52), before the sections
    # became values rendered without running the notebooks: the same words, numbers and alt texts, the same CSV.
    from helpers import page_text

    expected = ROOT / "tests" / "expected"
    html_path, csv_path = built[0] if locale == "en" else build_report(tmp_path, ReportParameters(locale=locale))
    assert page_text(html_path.read_text(encoding="utf-8")) == (expected / f"report-default-{locale}.txt").read_text(
        encoding="utf-8"
    )
    assert csv_path.read_bytes() == (expected / "report-default.csv").read_bytes()


def test_a_section_that_fails_fails_the_build_in_one_line_with_its_traceback_kept(tmp_path, monkeypatch):
    from figures import report, story

    def growth(ctx):
        return {}["no such figure"]

    monkeypatch.setattr(report, "DEBUG_LOG", tmp_path / "debug.log")
    monkeypatch.setitem(story.SECTIONS, "growth", growth)
    with pytest.raises(FiguresError) as raised:
        build_report(tmp_path / "out", ReportParameters())
    assert str(raised.value) == (
        f"the section growth failed: KeyError: 'no such figure' (traceback in {tmp_path / 'debug.log'})"
    )
    assert 'return {}["no such figure"]' in (tmp_path / "debug.log").read_text(encoding="utf-8")
    assert not (tmp_path / "out").exists()  # nothing written


def test_sources_of_different_dates_are_told_as_a_range(tmp_path):
    from figures.export import _data_date
    from figures.tabulate import comparison_table

    rows = article_rows()
    for row in rows[2:]:
        row["published"] = "2018-06-01"  # Bolloré's figures from another, earlier source
    table = comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False)
    assert _data_date(table, "rates", "en") == "figures as published from 1 June 2018 to 3 July 2018; rates"
    assert _data_date(table, "taux", "fr") == "chiffres publiés du 1er juin 2018 au 3 juillet 2018\xa0; taux"
    # One date for all: "on" that day.
    table = comparison_table(write_figures(tmp_path / "one.csv", article_rows()), reported=False)
    assert _data_date(table, "rates", "en") == "figures as published on 3 July 2018; rates"
