"""`figures report --pdf`: the page printed by headless Chromium, read back with pypdf (pages, text, page numbers).

Needs Chromium (Debian's); skipped without it unless FIGURES_REQUIRE_BROWSER=1, as the other browser tests.
"""

import datetime as dt
import io
import os
import re
import shutil

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
