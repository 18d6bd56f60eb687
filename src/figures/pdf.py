"""The report as a PDF: the page printed by headless Chromium (driven by Playwright), with the page's print style.

The page's own stylesheet makes the print: A4, numbered pages (`@page` margin boxes), headings kept with what
follows, no chart or table row split. Chromium is found at `$FIGURES_CHROMIUM`, else as `chromium` (or
`chromium-browser`, `google-chrome`) on the PATH, else at /usr/bin/chromium.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

from figures.errors import FiguresError

CHROMIUM_ENV = "FIGURES_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking")
PRINT_TIMEOUT_MS = 120_000
"""How long Chromium may take to open the page or print it before the build fails (never hangs)."""
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


def find_chromium() -> Path:
    """The Chromium to print with: `$FIGURES_CHROMIUM`, else the first of `CHROMIUM_NAMES` on the PATH, else
    /usr/bin/chromium.

    Raises:
        FiguresError: none of these exists, in one line that says how to get one.

    >>> import os
    >>> os.environ["FIGURES_CHROMIUM"] = "/nonexistent/chromium"
    >>> find_chromium()
    Traceback (most recent call last):
    figures.errors.FiguresError: no Chromium to print the PDF with at /nonexistent/chromium (FIGURES_CHROMIUM): ...
    >>> del os.environ["FIGURES_CHROMIUM"]
    """
    given = os.environ.get(CHROMIUM_ENV)
    if given:
        if not (Path(given).is_file() and os.access(given, os.X_OK)):
            raise FiguresError(
                f"no Chromium to print the PDF with at {given} ({CHROMIUM_ENV}): set it to Chromium's executable"
            )
        return Path(given)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    if os.access("/usr/bin/chromium", os.X_OK):
        return Path("/usr/bin/chromium")
    raise FiguresError(
        f"no Chromium to print the PDF with: install it (apt-get install chromium) or set {CHROMIUM_ENV} to its path"
    )


def print_pdf(page_html: str, *, dated: dt.date) -> bytes:
    """`page_html` printed to PDF by headless Chromium, with no network (the page needs none), dated `dated`.

    The PDF's creation and modification dates are `dated` (the data's date, as the page's header gives it), so
    that the same page prints to the same bytes.

    Raises:
        FiguresError: no Chromium, no Playwright, or Chromium failed; in one line.

    >>> pdf = print_pdf("<!DOCTYPE html><title>t</title><p>Revenue", dated=dt.date(2018, 7, 3))  # doctest: +SKIP
    >>> pdf.startswith(b"%PDF-"), b"/CreationDate (D:20180703000000+00'00')" in pdf  # doctest: +SKIP
    (True, True)
    """
    chromium = find_chromium()
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise FiguresError("--pdf needs Playwright to drive Chromium: pip install 'figures[pdf]'") from None
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=list(CHROMIUM_FLAGS))
            try:
                context = browser.new_context(offline=True)
                context.route("**/*", lambda route: route.abort())  # the page loads nothing; if it tried, nothing
                page = context.new_page()
                page.set_default_timeout(PRINT_TIMEOUT_MS)
                page.set_content(page_html, wait_until="load")
                pdf = page.pdf(prefer_css_page_size=True, print_background=True, tagged=True, outline=True)
            finally:
                browser.close()
    except PlaywrightError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise FiguresError(f"Chromium ({chromium}) could not print the PDF: {first}") from None
    return fixed_dates(pdf, dated)


def fixed_dates(pdf: bytes, dated: dt.date) -> bytes:
    """The PDF with its creation and modification dates set to `dated`, written in as many bytes as before (so
    that the cross-reference table's offsets still hold).

    >>> fixed_dates(b"<< /CreationDate (D:20261206024345+00'00') /ModDate (D:20261206024345+00'00') >>",
    ...             dt.date(2018, 7, 3))
    b"<< /CreationDate (D:20180703000000+00'00') /ModDate (D:20180703000000+00'00') >>"
    """
    stamp = dated.strftime("%Y%m%d000000").encode("ascii")

    def same_length(match: re.Match) -> bytes:
        text = match.group(0)
        start = text.index(b"(D:") + 3
        return text[:start] + stamp + text[start + 14 :]

    return _PDF_DATE.sub(same_length, pdf)
