"""`figures report --pdf`: the page printed by headless Chromium, read back with pypdf (pages, text, page numbers).

Needs Chromium (Debian's); skipped without it unless FIGURES_REQUIRE_BROWSER=1, as the other browser tests.
"""

import datetime as dt
import io
import itertools
import os
import re
import shutil
import unicodedata

import pytest

from figures.errors import FiguresError
from figures.report import ReportParameters, build_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
if not HAVE_CHROMIUM and os.environ.get("FIGURES_REQUIRE_BROWSER"):
    raise RuntimeError(f"the PDF tests need Chromium at {CHROMIUM} (apt-get install chromium)")
needs_chromium = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if not HAVE_CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from pypdf import PdfReader

    out = tmp_path_factory.mktemp("pdf")
    html_path, _ = build_report(out, ReportParameters(), pdf=True)
    pdf = (out / "comparison.pdf").read_bytes()
    return html_path, pdf, PdfReader(io.BytesIO(pdf))


@needs_chromium
def test_the_pdf_is_written_beside_the_page_on_a4_pages(printed):
    html_path, pdf, reader = printed
    assert (html_path.parent / "comparison.pdf").is_file() and pdf.startswith(b"%PDF-")
    assert 8 <= len(reader.pages) <= 30  # about fifteen A4 pages for the default comparison
    width, height = (float(side) for side in reader.pages[0].mediabox[2:])
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points, by the page's @page rule


@needs_chromium
def test_the_first_page_holds_the_summary_and_every_page_its_number(printed):
    _, _, reader = printed
    first = reader.pages[0].extract_text()
    assert "Summary" in first and "Alibaba Group" in first and "€32.3B" in first and "+50.6% in EUR" in first
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        lines = [line.strip() for line in page.extract_text().splitlines()]
        assert f"{number} / {total}" in lines, (number, lines[:3], lines[-3:])


@needs_chromium
def test_the_pdf_is_dated_by_the_data_and_prints_the_same_bytes(printed):
    from figures.pdf import print_pdf

    html_path, pdf, reader = printed
    assert reader.metadata["/CreationDate"] == "D:20180703000000+00'00'"  # the article's date, not the build's
    assert print_pdf(html_path.read_text(encoding="utf-8"), dated=dt.date(2018, 7, 3)) == pdf
    assert not re.search(rb"/(CreationDate|ModDate) \(D:20(?!180703000000)", pdf)


def _words(text: str) -> str:
    """Text as pypdf reads it back, compared by its words: ligatures ("ﬁ") undone, any run of spaces and line
    breaks one space (a cell's line wrapped at a space reads as the space)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pages_holding(reader, header: str) -> str:
    """The text of the pages that print a table's header row (each page a long table runs over repeats it)."""
    pages = [text for text in (_words(page.extract_text()) for page in reader.pages) if header in text]
    assert pages, header
    return "\n".join(pages)


@needs_chromium
def test_no_number_unit_or_word_is_split_inside_a_table_cell(printed):
    """The trial's PDF read "39,90" above "0 USD m", "Aliba" above "ba Grou" above "p": every table cell may
    wrap at its spaces only, and a number with its unit not at all."""
    _, _, reader = printed
    claims = _pages_holding(reader, "Company Claim Period Article Reported Difference Verdict Caveats")
    for whole in (
        "39,900 USD m",
        "39,898 USD m",
        "18,300 EUR m",
        "18,325 EUR m",
        "+2 m",
        "-25 m",
        "58.0% (USD)",
        "58.0% (CNY)",
        "82.0% (EUR)",
        "+0 pp",
        "Alibaba Group",
        "Bolloré Group",
        "rounded",
        "consistent",
        "39,9 milliards de dollars",
        "18,3 milliards d'euros",
        "Difference",
        "Verdict",
        "Caveats",
    ):
        assert whole in claims, whole
    method = _pages_holding(reader, "Company Period Method Stated in Rate, EUR per unit stated Revenue, EUR m")
    for whole in (
        "average CNY 0.129058 32,299",
        "closing CNY 0.129086 32,306",
        "spot CNY 0.129064 32,300",
        "mean of 253 daily ECB fixings, 3 April 2017 to 29 March 2018",
    ):
        assert whole in method, whole
    glance = _pages_holding(reader, "Company Period Revenue, EUR m Growth as stated Growth in EUR")
    for whole in ("32,299", "+58.0% in CNY", "+50.6%", "18,325", "+82.0% in EUR"):
        assert whole in glance, whole


def _headings_and_what_follows(page_html: str) -> list[tuple[str, str]]:
    """Each heading of the page (h2, h3, or a paragraph of bold words only: a table's title) with the first
    two words of the text block after it."""
    import lxml.html

    leaves = {"h1", "h2", "h3", "h4", "p", "li", "th", "td", "dt", "dd", "pre"}
    root = lxml.html.fromstring(page_html)
    blocks = [e for e in root.iter() if e.tag in leaves and not any(a.tag in leaves for a in e.iterancestors())]
    blocks = [block for block in blocks if _words(block.text_content())]
    pairs = []
    for block, after in itertools.pairwise(blocks):
        text = _words(block.text_content())
        title = block.tag == "p" and len(block) == 1 and block[0].tag == "strong" and _words(block[0].text_content())
        if block.tag in ("h2", "h3") or title == text:
            pairs.append((text, " ".join(_words(after.text_content()).split()[:2])))
    return pairs


def _together(pages: list[str], heading: str, after: str) -> int:
    """How often a page holds `heading` and then `after` (a list item's number may stand between them)."""
    pattern = re.escape(heading) + r" (?:\d+\. )?" + re.escape(after)
    return sum(len(re.findall(pattern, page)) for page in pages)


@needs_chromium
def test_every_heading_is_printed_on_the_page_of_what_follows_it(printed):
    """The trial's PDF ended page 6 with "On the companies' reported figures", its table on page 7."""
    html_path, _, reader = printed
    pages = [_words(page.extract_text()) for page in reader.pages]
    pairs = _headings_and_what_follows(html_path.read_text(encoding="utf-8"))
    assert len(pairs) > 25 and ("On the companies' reported figures", "Company") in pairs
    for heading, after in set(pairs):
        assert _together(pages, heading, after) >= pairs.count((heading, after)), (heading, after)


@needs_chromium
def test_a_table_title_is_never_left_at_a_page_bottom_wherever_it_falls():
    """Forty titled tables after paragraphs of varying length, so that titles fall at every height of a page
    (without `kept_with_next`, three of the forty end a page): each title is printed with its table's first row."""
    import pandas as pd
    from pypdf import PdfReader

    from figures.context import build_context
    from figures.export import report_exports
    from figures.pdf import print_pdf
    from figures.render import kept_with_next, outputs_html, render_page
    from figures.section import table_output

    blocks = []
    for k in range(1, 41):
        filler = "Words that move the next title down the page. " * (k % 7 * 3 + 1)
        blocks.append(f'<div class="output prose"><p>{filler}</p>\n</div>')
        blocks.append(f'<div class="output prose"><p><strong>Title number {k}</strong></p>\n</div>')
        rows = pd.DataFrame({"Company": [f"Row{k} first", "Other"], "Revenue, EUR m": ["1,200", "3,400"]})
        blocks.append(outputs_html([table_output(rows)]))
    page = render_page("\n".join(kept_with_next(blocks)), report_exports(build_context()))
    reader = PdfReader(io.BytesIO(print_pdf(page, dated=dt.date(2018, 7, 3))))
    pages = [_words(page.extract_text()) for page in reader.pages]
    assert len(pages) > 5
    apart = [k for k in range(1, 41) if _together(pages, f"Title number {k}", f"Company Revenue, EUR m Row{k}") != 1]
    assert apart == []


def test_without_chromium_pdf_is_refused_in_one_line_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("FIGURES_CHROMIUM", str(tmp_path / "no-chromium"))
    out = tmp_path / "report"
    with pytest.raises(FiguresError) as refused:
        build_report(out, ReportParameters(), pdf=True)
    message = str(refused.value)
    assert "\n" not in message and "no Chromium" in message and "FIGURES_CHROMIUM" in message
    assert not out.exists() or list(out.iterdir()) == []


def test_the_cli_says_so_in_one_line_and_exits_1(tmp_path, monkeypatch, capsys):
    from figures.cli import main

    monkeypatch.setenv("FIGURES_CHROMIUM", str(tmp_path / "no-chromium"))
    assert main(["report", "--pdf", "--out", str(tmp_path / "report")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("figures: error: no Chromium to print the PDF with") and error.count("\n") == 1
