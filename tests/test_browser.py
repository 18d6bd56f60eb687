"""The exported report as a reader meets it: headless Chromium (Debian's) driven by Playwright.

Every network request the page attempts is refused and counted. Set FIGURES_REQUIRE_BROWSER=1
(as .ci/run does) to make a missing Chromium a failure instead of a skip.
"""

import base64
import csv
import io
import os
import re
import shutil

import pytest

from figures.report import ReportParameters, build_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not os.path.exists(CHROMIUM):
    if os.environ.get("FIGURES_REQUIRE_BROWSER"):
        raise RuntimeError(f"the browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", params=["en", "fr"])
def report(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"report-{request.param}")
    html_path, csv_path = build_report(out, ReportParameters(locale=request.param))
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    return request.param, html_path.read_text(encoding="utf-8"), csv_path.read_text(encoding="utf-8"), rows


@pytest.fixture(scope="module")
def opened(browser, report):
    locale, html, csv_text, rows = report
    context = browser.new_context(viewport={"width": 1000, "height": 900}, device_scale_factor=2)
    attempted = []

    def refuse(route):
        attempted.append(route.request.url)
        route.abort()

    context.route("**/*", refuse)
    page = context.new_page()
    logged = []  # console errors (a blocked inline style is one) and uncaught page errors
    page.on("console", lambda message: message.type == "error" and logged.append(message.text))
    page.on("pageerror", lambda error: logged.append(str(error)))
    page.set_content(html, wait_until="load")
    page.logged = logged
    yield locale, page, attempted, csv_text, rows
    context.close()


def test_the_page_logs_no_console_error_and_numbers_align_right(opened):
    _, page, _, _, _ = opened
    assert page.logged == []
    # The revenue column of the first table stands right, by the page's own stylesheet; the company column left.
    aligned = page.evaluate(
        """() => { const row = document.querySelector("table.figures-table tbody tr");
                   return [...row.cells].map(cell => getComputedStyle(cell).textAlign); }"""
    )
    assert aligned[0] == "left" and aligned[2] == "right", aligned


def test_no_request_is_attempted(opened):
    _, page, attempted, _, _ = opened
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(200)
    assert attempted == []


def test_every_chart_renders_sharp_with_alt_text(opened):
    _, page, _, _, _ = opened
    images = page.evaluate(
        "[...document.images].map(i => ({alt: i.alt, complete: i.complete, natural: i.naturalWidth,"
        " shown: i.getBoundingClientRect().width}))"
    )
    assert len(images) == 10  # as in test_report: nine charts and Alibaba's three reported years
    for image in images:
        assert image["complete"] and image["natural"] > 0
        assert len(image["alt"]) > 40
        assert image["natural"] >= 2 * image["shown"] - 1  # two device pixels per CSS pixel


def test_no_code_is_visible(opened):
    _, page, _, _, _ = opened
    text = page.inner_text("body")
    for code in ("import ", "comparison_table(", "present.show", "rate_table =", "figures_path"):
        assert code not in text


def test_the_contents_links_all_land(opened):
    _, page, _, _, _ = opened
    targets = page.evaluate("[...document.querySelectorAll('nav.toc a')].map(a => a.getAttribute('href'))")
    assert len(targets) > 10
    for target in targets:
        assert page.query_selector(target) is not None, target


def test_the_csv_download_is_the_csv(opened):
    _, page, _, csv_text, _ = opened
    href = page.get_attribute("#csv-download", "href")
    assert href.startswith("data:text/csv;charset=utf-8;base64,")
    assert base64.b64decode(href.split(",", 1)[1]).decode("utf-8") == csv_text


def test_summary_numbers_match_the_csv(opened):
    locale, page, _, _, rows = opened
    lines = page.inner_text("section.summary").replace("\u202f", " ").replace("\xa0", " ").splitlines()
    found, shown = 0, []
    for company in ("Alibaba Group", "Bolloré Group"):
        line = next(line for line in lines if re.match(rf"{company} ?:", line))
        mine = [
            r
            for r in rows
            if r["company"] == company
            and r["basis"] == "reported"
            and r["currency"] == "EUR"
            and r["fx_method"] == "average"
            and r["period_end"] in ("2017-12-31", "2018-03-31")
        ]
        revenue = next(float(r["value"]) for r in mine if r["metric"] == "revenue" and not r["component"])
        growth = next(float(r["value"]) for r in mine if r["metric"] == "revenue_growth")
        if locale == "en":
            billions = float(re.search(r"€(\d+\.\d)B", line).group(1))
            shown_growth = float(re.search(r"([+-]\d+\.\d)% in EUR", line).group(1))
        else:
            billions = float(re.search(r"(\d+,\d) Md €", line).group(1).replace(",", "."))
            shown_growth = float(re.search(r"([+-]\d+,\d) % en EUR", line).group(1).replace(",", "."))
        assert billions == round(revenue / 1000, 1)
        assert shown_growth == round(growth, 1)
        shown.append((billions, shown_growth))
        found += 1
    # The answer first: Alibaba the larger, Bolloré the faster, with the same numbers as the companies' lines.
    (alibaba_bn, alibaba_growth), (bollore_bn, bollore_growth) = shown
    assert alibaba_bn > bollore_bn and bollore_growth > alibaba_growth
    number = (lambda value: f"{value:.1f}") if locale == "en" else (lambda value: f"{value:.1f}".replace(".", ","))
    answer = [line for line in lines if line.strip()][1]  # under the heading
    assert answer.startswith("Alibaba Group") and "Bolloré Group" in answer
    for value in (alibaba_bn, bollore_bn, bollore_growth, alibaba_growth):
        assert number(value) in answer, (value, answer)
    caveat = next(line for line in lines if "matters most" in line or "compte le plus" in line)
    scope = next(float(r["value"]) for r in rows if r["metric"] == "revenue_change_scope")
    shown_scope = re.search(r"\+(\d[\d, ]*) (EUR m|M EUR)", caveat).group(1)
    assert float(shown_scope.replace(",", "").replace(" ", "")) == scope
    assert found == 2


def test_the_french_report_is_in_french(opened):
    locale, page, _, _, _ = opened
    lang = page.evaluate("document.documentElement.lang")
    text = page.inner_text("body")
    if locale == "en":
        assert lang == "en" and "Summary" in text and "32,299" in text
        return
    assert lang == "fr"
    assert "Synthèse" in text and "Sommaire" in text and "Annexe" in text
    assert "32,3\xa0Md\xa0€" in text  # « Md€ » units, decimal comma
    assert "+50,6\xa0%" in text  # percent with a no-break space
    assert "32\u202f299" in text  # thousands separated by a narrow no-break space
    assert "avr. 2017–mars 2018" in text and "3 juillet 2018" in text
    assert "Revenue" not in page.inner_text("section.summary")


PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def phone_reports(tmp_path_factory):
    """The default report and a three-company one (test_report_cases' three groups, in GBP), as HTML."""
    from test_report_cases import three_groups

    default_html, _ = build_report(tmp_path_factory.mktemp("phone-default"), ReportParameters())
    case = three_groups(tmp_path_factory.mktemp("phone-case") / "case")
    three_html, _ = build_report(
        tmp_path_factory.mktemp("phone-three"), ReportParameters(comparison=str(case), currency="GBP")
    )
    return {"default": default_html.read_text(encoding="utf-8"), "three": three_html.read_text(encoding="utf-8")}


@pytest.mark.parametrize("case", ["default", "three"])
def test_on_a_phone_the_page_never_scrolls_sideways_and_tables_scroll_in_their_frame(browser, phone_reports, case):
    context = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    page = context.new_page()
    logged = []
    page.on("console", lambda message: message.type == "error" and logged.append(message.text))
    page.set_content(phone_reports[case], wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("document.body.scrollWidth") <= 390
    frames = page.evaluate(
        """() => [...document.querySelectorAll('table')].map(table => {
             const frame = table.parentElement;
             return {framed: frame.classList.contains('table-frame'), right: frame.getBoundingClientRect().right,
                     scrolls: frame.scrollWidth > frame.clientWidth};
           })"""
    )
    assert frames and all(frame["framed"] and frame["right"] <= 390 for frame in frames)
    assert any(frame["scrolls"] for frame in frames)  # at least one table is wider than a phone: it scrolls inside
    # Scrolled sideways, a wide table keeps its company column where it was.
    kept = page.evaluate(
        """() => { const frames = [...document.querySelectorAll('.table-frame')];
                   const frame = frames.find(f => f.scrollWidth > f.clientWidth);
                   const cell = frame.querySelector('tbody td');
                   const before = cell.getBoundingClientRect().left;
                   frame.scrollLeft = frame.scrollWidth;
                   return [before, cell.getBoundingClientRect().left, frame.scrollLeft]; }"""
    )
    assert kept[2] > 0 and abs(kept[0] - kept[1]) < 1, kept
    assert logged == []
    context.close()


@pytest.mark.parametrize("case", ["default", "three"])
def test_on_a_phone_each_chart_is_its_narrow_rendering_at_nearly_its_own_size(browser, phone_reports, case):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    page.set_content(phone_reports[case], wait_until="load")
    images = page.evaluate(
        "[...document.images].map(i => ({alt: i.alt, natural: i.naturalWidth, wide: i.src.length,"
        " chosen: i.currentSrc.length, shown: i.getBoundingClientRect().width}))"
    )
    assert len(images) == {"default": 10, "three": 4}[case]
    for image in images:
        assert image["chosen"] != image["wide"]  # the <source> for a narrow viewport, not the 750 px chart
        assert image["natural"] == 800  # drawn 4 inches wide at 200 dpi: 400 CSS pixels at two device pixels each
        # Shown at 90 % of its own size or more: its text as large as the wide chart's at a desktop's 750 pixels.
        assert image["shown"] >= 0.9 * image["natural"] / 2, image
        assert len(image["alt"]) > 40
    context.close()


def test_print_keeps_headings_with_what_follows_and_splits_no_chart_or_row(opened):
    _, page, _, _, _ = opened
    page.emulate_media(media="print")
    try:
        styles = page.evaluate(
            """() => { const style = selector => getComputedStyle(document.querySelector(selector));
                       return {h2: style('main h2').breakAfter, h3: style('main h3').breakAfter,
                               figure: style('figure').breakInside, row: style('tbody tr').breakInside,
                               frame: style('.table-frame').overflowX, keep: style('main .keep').breakInside}; }"""
        )
    finally:
        page.emulate_media(media="screen")
    assert styles == {
        "h2": "avoid",
        "h3": "avoid",
        "figure": "avoid",
        "row": "avoid",
        "frame": "visible",
        "keep": "avoid",
    }


A4_TEXT_WIDTH = 680  # CSS pixels between the @page rule's 15 mm side margins on A4 (180 mm at 96 per inch)


@pytest.mark.parametrize("case", ["default", "three"])
def test_in_print_every_table_fits_the_page_and_numbers_never_wrap(browser, phone_reports, case):
    context = browser.new_context(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
    page = context.new_page()
    page.set_content(phone_reports[case], wait_until="load")
    page.emulate_media(media="print")
    tables = page.evaluate(
        """() => [...document.querySelectorAll('.table-frame')].map(frame => ({
             wide: frame.scrollWidth, room: frame.clientWidth,
             wrapped: [...frame.querySelectorAll('td.num:not(.words)')].filter(cell =>
                 getComputedStyle(cell).whiteSpace !== 'nowrap').length,
             breaks: [...frame.querySelectorAll('td, th')].filter(cell => {
                 const style = getComputedStyle(cell);
                 return style.overflowWrap === 'anywhere' || style.wordBreak === 'break-all'; }).length}))"""
    )
    context.close()
    assert tables
    for table in tables:
        assert table["wide"] <= table["room"] <= A4_TEXT_WIDTH, table  # no column cut off at the page's edge
        assert table["wrapped"] == 0 and table["breaks"] == 0, table
