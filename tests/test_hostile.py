"""Hostile input never reaches the reader: escaped text, no running script, CSV without formulas, safe outputs."""

import csv
import io
import json
import os
import re
import shutil
import threading
from html import unescape
from html.parser import HTMLParser

import pytest

from figures.errors import FiguresError
from figures.export import spreadsheet_safe, table_csv
from figures.rates import load_ecb_rates
from figures.report import ReportParameters, build_report, check_out_dir, write_atomically
from figures.tabulate import comparison_table
from helpers import ROOT, claim, write_figures

CY2018 = ("2018-01-01", "2018-12-31")
SCRIPT_NAME = "<script>alert(1)</script><img src=x onerror=alert(2)>"
HOSTILE_TEXTS = {
    "company": SCRIPT_NAME,
    "wording": "</script><script>alert(3)</script><!--",
    "note": "[click](javascript:alert(4)) <iframe src=javascript:alert(5)></iframe> <style>body{display:none}</style>",
    "source": '"><svg onload=alert(6)>, =HYPERLINK("http://127.0.0.1/x")',
    "period_note": "@SUM(1+1)*cmd|' /C calc'!A0",
}
NARRATIVE = (
    "# <script>alert(7)</script>\n\n"
    "A [link](javascript:alert(8)) and <img src=x onerror=alert(9)> and <b onclick=alert(10)>bold</b>.\n\n"
    '<a href="javascript:alert(11)">raw link</a>\n'
)


def hostile_comparison(folder):
    folder.mkdir(parents=True)
    rows = [
        claim("r", HOSTILE_TEXTS["company"], "revenue", *CY2018, 12.5, "billion", "USD", **_texts()),
        claim("g", HOSTILE_TEXTS["company"], "revenue_growth", *CY2018, 7, "percent", "USD", **_texts()),
        claim("o", "=cmd|' /C calc'!A0", "revenue", *CY2018, 3, "billion", "EUR"),
    ]
    write_figures(folder / "claims.csv", rows)
    (folder / "narrative").mkdir()
    (folder / "narrative" / "en.md").write_text(NARRATIVE, encoding="utf-8")
    return folder


def _attributes(html):
    """(tag, attribute name) of every element of the page, as a browser's parser reads them."""
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend((tag, name) for name, _ in attrs)
            found.append((tag, ""))

    Parser().feed(html)
    return found


def _texts():
    return {key: value for key, value in HOSTILE_TEXTS.items() if key != "company"}


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = hostile_comparison(tmp_path_factory.mktemp("hostile") / "case")
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    out = tmp_path_factory.mktemp("hostile-report")
    html_path, csv_path = build_report(out, ReportParameters(comparison=str(folder), currency="GBP"))
    after = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    assert after == before  # the inputs are never changed
    return html_path.read_text(encoding="utf-8"), csv_path.read_text(encoding="utf-8"), out


def test_hostile_text_reaches_the_page_escaped_everywhere(hostile_report):
    html = hostile_report[0]
    assert "<script>alert" not in html and "<img src=x" not in html and "<iframe" not in html
    assert all(src.startswith("data:image/png;base64,") for src in re.findall(r'<img[^>]*src="([^"]*)"', html))
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, flags=re.IGNORECASE)
    assert not [name for tag, name in _attributes(html) if name.startswith("on")]  # no event handler at all
    assert not [tag for tag, _ in _attributes(html) if tag in ("iframe", "object", "embed", "svg", "form", "base")]
    for tag in ("<svg", "<b onclick", "<style>body"):
        assert tag not in html, tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the title and the heading show it as text
    title = html.split("<title>")[1].split("</title>")[0]
    assert "&lt;script&gt;" in title and "<" not in title


def test_the_only_script_element_is_the_json_ld_data_block(hostile_report):
    html = hostile_report[0]
    assert html.count("<script") == 1 and '<script type="application/ld+json">' in html
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and ">" not in block
    reviews = json.loads(block)
    assert any(review["claimReviewed"] == HOSTILE_TEXTS["wording"] for review in reviews)


def test_the_page_forbids_scripts_connections_and_foreign_styles(hostile_report):
    html = hostile_report[0]
    policy = unescape(html.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0])
    for directive in ("default-src 'none'", "script-src 'none'", "img-src data:", "connect-src 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy


def test_the_csv_has_no_formula_and_plain_numbers(hostile_report):
    rows = list(csv.DictReader(io.StringIO(hostile_report[1])))
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) or column in ("value", "fx_rate"), (column, cell)
            if cell.startswith("-"):
                float(cell)  # a negative number, never text
    companies = {row["company"] for row in rows}
    assert "'=cmd|' /C calc'!A0" in companies  # neutralised with a quote, as OWASP recommends
    for row in rows:
        float(row["value"])  # every value a plain number


def test_spreadsheet_safe_by_hand():
    # OWASP: prefix a cell that starts with =, +, -, @, tab or carriage return with a single quote.
    assert [spreadsheet_safe(x) for x in ("=1", "+1", "-1", "@x", "\tx", "\rx", "x=1")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@x",
        "'\tx",
        "'\rx",
        "x=1",
    ]
    assert spreadsheet_safe(-1.5) == -1.5


def test_numbers_stay_numbers_in_the_csv():
    text = table_csv(comparison_table(), "EUR", "average")
    rows = list(csv.DictReader(io.StringIO(text)))
    negative = [row for row in rows if row["metric"] == "revenue_change_currency"]
    assert negative and negative[0]["value"] == "-160"  # FACTS.md: currency movements took off EUR 160 m


# The page in a browser: nothing runs, nothing is requested, the hostile text shows as text.


def test_in_a_browser_nothing_runs_and_the_text_shows(hostile_report):
    from test_browser import CHROMIUM, FLAGS

    if not os.path.exists(CHROMIUM):
        if os.environ.get("FIGURES_REQUIRE_BROWSER"):
            raise RuntimeError(f"the browser tests need Chromium at {CHROMIUM}")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    html = hostile_report[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context()
        attempted, dialogs, violations = [], [], []

        def refuse(route):
            attempted.append(route.request.url)
            route.abort()

        context.route("**/*", refuse)
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: violations.append(message.text))
        page.set_content(html, wait_until="load")
        for link in page.query_selector_all("main a"):
            link.click(no_wait_after=True)
        page.wait_for_timeout(300)
        text = page.inner_text("body")
        ran = page.evaluate("typeof window.__figures_ran")
        styles = page.evaluate("getComputedStyle(document.body).display")
        browser.close()
    assert dialogs == [] and attempted == [] and ran == "undefined"
    assert styles != "none"  # the injected <style> did not apply
    assert SCRIPT_NAME in text and "<script>alert(7)</script>" in text
    assert not [v for v in violations if "alert" in v]


# The outputs: refused folders change nothing; concurrent builds leave one whole report.


def test_out_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FiguresError, match="expected a folder for the report, found a file"):
        build_report(target, ReportParameters())
    assert target.read_text(encoding="utf-8") == "mine"


def test_out_inside_the_inputs_is_refused():
    before = sorted(p.name for p in (ROOT / "data").iterdir())
    with pytest.raises(FiguresError, match="where the inputs are"):
        build_report(ROOT / "data" / "reports", ReportParameters())
    assert sorted(p.name for p in (ROOT / "data").iterdir()) == before


def test_out_that_would_replace_an_input_is_refused(tmp_path):
    claims = write_figures(tmp_path / "comparison.csv", [claim("a", "Alpha", "revenue", *CY2018, 1, "billion", "GBP")])
    with pytest.raises(FiguresError, match="would not replace"):
        check_out_dir(tmp_path, ReportParameters(figures_path=str(claims)))


def test_a_read_only_folder_is_refused_and_left_alone(tmp_path, monkeypatch):
    # Tests run as root, for whom permission bits do not stop a write: the check asks os.access.
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(FiguresError, match="read-only"):
        build_report(tmp_path / "out", ReportParameters())
    assert not (tmp_path / "out").exists()


def test_a_write_that_fails_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    (tmp_path / "comparison.html").write_bytes(b"old")

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(FiguresError, match="could not write the report: Permission denied"):
        write_atomically(tmp_path, {"comparison.html": b"new", "comparison.csv": b"new"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["comparison.html"]
    assert (tmp_path / "comparison.html").read_bytes() == b"old"


def test_concurrent_writes_leave_one_whole_report(tmp_path):
    def build(tag):
        for _ in range(40):
            write_atomically(
                tmp_path,
                {"comparison.html": tag, "comparison.csv": tag, "claims.json": tag},
                remove=["live_rates.csv"] if tag == b"a" else [],
            )
            if tag == b"b":
                write_atomically(tmp_path, {"live_rates.csv": tag})
            seen = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.startswith(".")}
            core = {seen.get(name) for name in ("comparison.html", "comparison.csv", "claims.json")}
            results.append(len(core))

    results: list[int] = []
    threads = [threading.Thread(target=build, args=(tag,)) for tag in (b"a", b"b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Reads race with renames, so only the final state is a whole report; the end state must be one build's.
    final = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert len({final[name] for name in ("comparison.html", "comparison.csv", "claims.json")}) == 1
    assert not [name for name in final if name.endswith(".partial")]


# The ECB snapshot: tampered data or sidecar is refused, naming the file and how to regenerate it.


@pytest.fixture
def snapshot(tmp_path):
    for name in ("ecb_eurofxref_hist.csv", "ecb_eurofxref_hist.csv.meta.json"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    return tmp_path / "ecb_eurofxref_hist.csv"


def _edit_sidecar(snapshot, **changes):
    path = snapshot.with_name(snapshot.name + ".meta.json")
    sidecar = json.loads(path.read_text(encoding="utf-8"))
    sidecar.update(changes)
    path.write_text(json.dumps(sidecar), encoding="utf-8")


def test_a_changed_rate_is_refused(snapshot):
    text = snapshot.read_text(encoding="utf-8")
    snapshot.write_text(text.replace("1.1665", "1.1666", 1), encoding="utf-8")
    with pytest.raises(FiguresError, match=r"ecb_eurofxref_hist\.csv: .*SHA-256.*update_ecb_snapshot\.py"):
        load_ecb_rates(str(snapshot))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"sha256": "0" * 64}, "SHA-256"),
        ({"size_bytes": 12}, "12 bytes"),
        ({"sha256": "not a digest"}, "64 hexadecimal digits"),
        ({"size_bytes": "many"}, "whole number of bytes"),
        ({"currencies": ["USD", "USD"]}, "distinct currency codes"),
        ({"currencies": ["usd"]}, "ISO 4217 codes"),
        ({"last_date": "yesterday"}, "YYYY-MM-DD"),
    ],
)
def test_a_tampered_sidecar_is_refused(snapshot, changes, expected):
    _edit_sidecar(snapshot, **changes)
    with pytest.raises(FiguresError, match=r"update_ecb_snapshot\.py") as error:
        load_ecb_rates(str(snapshot))
    assert expected in str(error.value) and "ecb_eurofxref_hist.csv" in str(error.value)


def test_a_sidecar_listing_other_currencies_is_refused(snapshot):
    path = snapshot.with_name(snapshot.name + ".meta.json")
    codes = json.loads(path.read_text(encoding="utf-8"))["currencies"]
    _edit_sidecar(snapshot, currencies=[codes[1], codes[0], *codes[2:]])
    with pytest.raises(FiguresError, match="as the sidecar lists them"):
        load_ecb_rates(str(snapshot))


def test_a_sidecar_that_is_not_json_is_refused(snapshot):
    snapshot.with_name(snapshot.name + ".meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(FiguresError, match=r"meta\.json, row 1: expected JSON"):
        load_ecb_rates(str(snapshot))


def test_the_workbook_has_no_formula_and_neutralises_text_as_the_csv(hostile_report):
    from openpyxl import load_workbook

    sheet = load_workbook(hostile_report[2] / "comparison.xlsx")["comparison"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)  # no formula anywhere
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert "'=cmd|' /C calc'!A0" in texts and "=cmd|' /C calc'!A0" not in texts
    assert not [text for text in texts if text.startswith(("=", "+", "-", "@", "\t", "\r"))]
