"""Build the report: one build context, its sections rendered between the notebooks' prose, one HTML file and a CSV.

The notebooks are the report's outline: their markdown cells are its prose (in every language), and each
code cell shows one section, `story.NAME(ctx)`. The builder reads that outline and renders each named
section from its own build context (`figures.context`), the very values the notebooks display, running no
notebook code. The CSV is the context's table, so it holds every number the report shows. Files are
written next to their final place and renamed into it only once everything succeeded (`figures.atomic`),
so a failed build leaves any previous report.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from figures.atomic import write_atomically
from figures.errors import FiguresError
from figures.parameters import ReportParameters
from figures.paths import NOTEBOOK_DIR

__all__ = [
    "NOTEBOOKS",
    "ReportParameters",
    "build_report",
    "check_out_dir",
    "page_body",
    "validate",
    "write_atomically",
]

NOTEBOOKS = (
    "01_article_figures.ipynb",
    "02_rates_and_methods.ipynb",
    "03_article_and_reports.ipynb",
    "04_comparison.ipynb",
)
HTML_NAME = "comparison.html"
CSV_NAME = "comparison.csv"
XLSX_NAME = "comparison.xlsx"
PDF_NAME = "comparison.pdf"
CLAIMS_NAME = "claims.json"
LIVE_LOG_NAME = "live_rates.csv"
REPORT_FILES = (HTML_NAME, CSV_NAME, XLSX_NAME, PDF_NAME, CLAIMS_NAME, LIVE_LOG_NAME)
SECTION_CELL = re.compile(r"story\.(?P<name>[a-z_]+)\(ctx\)")
"""A notebook cell that shows a section: exactly `story.NAME(ctx)`."""
OUTLINE_TAGS = ("parameters", "setup")
"""Code cells that set up a notebook's context and show nothing."""


def build_report(
    out_dir: str | Path,
    parameters: ReportParameters,
    *,
    warn: Callable[[str], None] | None = None,
    pdf: bool = False,
) -> tuple[Path, Path]:
    """Build one context and write `comparison.html`, `comparison.csv`, `comparison.xlsx` and `claims.json` into
    `out_dir`; with `pdf`, `comparison.pdf` too (the page printed by headless Chromium, `figures.pdf`).

    `warn` is given each warning about the build's inputs, one line each (`BuildContext.input_warnings`); with
    `parameters.strict`, any such warning fails the build.

    Raises:
        FiguresError: bad input, a folder that cannot take the report, a section that failed, with `strict` a
            warning about the inputs, or (with `pdf`) no Chromium to print with; the folder is left as it was.

    >>> import tempfile
    >>> html_path, csv_path = build_report(tempfile.mkdtemp(), ReportParameters(locale="fr"))
    >>> html_path.name, csv_path.name, '<html lang="fr">' in html_path.read_text(encoding="utf-8")
    ('comparison.html', 'comparison.csv', True)
    """
    from figures import story
    from figures.charts.pool import ChartPool
    from figures.context import build_context
    from figures.export import report_exports
    from figures.render import render_page
    from figures.spreadsheet import table_xlsx

    if pdf:
        from figures.pdf import find_chromium, print_pdf

        find_chromium()  # no Chromium: refused before anything is built

    parameters = parameters.with_absolute_paths()
    out_dir = check_out_dir(out_dir, parameters)  # a folder that cannot take the report: refused first
    with _progress_on_terminal(), ChartPool() as charts:
        ctx = build_context(parameters, charts=charts)
        for warning in ctx.input_warnings:
            if warn is not None:
                warn(warning)
        if parameters.strict and ctx.input_warnings:
            count = len(ctx.input_warnings)
            raise FiguresError(
                f"{count} warning{'s' if count > 1 else ''} about the inputs (--strict): no report written"
            )
        charts.prefetch(story.chart_calls(ctx))  # every chart drawn on every core while the tables are made
        body = page_body(ctx)
        exports = report_exports(ctx)
    page = render_page(body, exports)
    dated = ctx.table.published  # the data's date: the workbook's and the PDF's, never the build's
    files = {
        HTML_NAME: page.encode("utf-8"),
        CSV_NAME: exports["csv"].encode("utf-8"),
        XLSX_NAME: table_xlsx(exports["typed"], dated=dated, live_log=exports["live_log"]),
        CLAIMS_NAME: exports["claims_json"].encode("utf-8"),
    }
    if pdf:
        files[PDF_NAME] = print_pdf(page, dated=dated)
    if exports["live_log_csv"] is not None:
        files[LIVE_LOG_NAME] = exports["live_log_csv"].encode("utf-8")
    # A report is its files together: one an earlier build left and this one does not write goes.
    write_atomically(out_dir, files, remove=[name for name in REPORT_FILES if name not in files])
    return out_dir / HTML_NAME, out_dir / CSV_NAME


def page_body(ctx, names: tuple[str, ...] = NOTEBOOKS, directory: Path = NOTEBOOK_DIR) -> str:
    """The page's body: each notebook's prose, and in place of each code cell the section it shows.

    Raises:
        FiguresError: a notebook cell that is neither set-up nor `story.NAME(ctx)` of a known section.

    >>> from figures.context import build_context
    >>> body = page_body(build_context())
    >>> body.count("<h2>"), '<h3>At a glance</h3>' in body  # (a notebook's headings one level down)
    (4, True)
    """
    from figures import story
    from figures.render import kept_with_next, output_blocks, prose

    parts = []
    for name in names:
        for cell in json.loads((directory / name).read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                parts.append(prose(cell, ctx.locale))
            elif cell["cell_type"] == "code":
                section = section_name(cell, name)
                shown = None if section is None else _computed(story.SECTIONS[section], ctx)
                if shown is not None:
                    parts.extend(output_blocks(shown.outputs()))
    return "\n".join(kept_with_next([part for part in parts if part]))


DEBUG_LOG = Path(tempfile.gettempdir()) / "figures-debug.log"
"""Where a failed section's whole traceback goes (the build's error is one line that names this file)."""


def _computed(section, ctx):
    """A section's value; a failure that is not bad input becomes one line, its traceback kept in `DEBUG_LOG`.

    >>> _computed(lambda ctx: 1 / 0, None)
    Traceback (most recent call last):
    figures.errors.FiguresError: the section <lambda> failed: ZeroDivisionError: division by zero (traceback in ...)
    """
    try:
        return section(ctx)
    except FiguresError:
        raise
    except Exception as error:
        with DEBUG_LOG.open("a", encoding="utf-8") as log:
            log.write(f"--- section {section.__name__}\n{traceback.format_exc()}")
        message = f"the section {section.__name__} failed: {type(error).__name__}: {error} (traceback in {DEBUG_LOG})"
        raise FiguresError(message) from error


def section_name(cell: dict, notebook: str = "") -> str | None:
    """The section a notebook's code cell shows, or None for its set-up cells.

    Raises:
        FiguresError: the cell is neither.

    >>> section_name({"cell_type": "code", "source": "story.growth(ctx)", "metadata": {}})
    'growth'
    >>> section_name({"cell_type": "code", "source": "import os", "metadata": {}}, "x.ipynb")
    Traceback (most recent call last):
    figures.errors.FiguresError: x.ipynb: expected a set-up cell or `story.NAME(ctx)` of a section, found 'import os'
    """
    from figures import story

    if set(cell.get("metadata", {}).get("tags", [])) & set(OUTLINE_TAGS):
        return None
    source = "".join(cell["source"]).strip()
    shown = SECTION_CELL.fullmatch(source)
    if shown is None or shown.group("name") not in story.SECTIONS:
        message = f"expected a set-up cell or `story.NAME(ctx)` of a section, found {source[:60]!r}"
        raise FiguresError(message, path=notebook or None)
    return shown.group("name")


def check_out_dir(out_dir: str | Path, parameters: ReportParameters | None = None) -> Path:
    """The report's folder, refused where writing would be wrong: a file, among the inputs, read-only.

    Checked before anything runs, so that a refused build changes nothing; with `parameters`, also that
    no report file would replace one of the comparison's inputs.

    >>> from figures.paths import DATA_DIR
    >>> check_out_dir(DATA_DIR / "reports")
    Traceback (most recent call last):
    figures.errors.FiguresError: .../data/reports: expected a folder outside .../data, where the inputs are ...
    """
    from figures.paths import DATA_DIR

    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise FiguresError("expected a folder for the report, found a file", path=out_dir)
    for inputs in (DATA_DIR.resolve(), NOTEBOOK_DIR.resolve()):
        if out.is_relative_to(inputs):
            raise FiguresError(
                f"expected a folder outside {inputs}, where the inputs are (a report never writes among them)",
                path=out_dir,
            )
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise FiguresError(f"expected a folder for the report, but {existing} is a file", path=out_dir)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise FiguresError(f"expected a folder the report can be written to, {existing} is read-only", path=out_dir)
    if parameters is not None:
        from figures.case import open_comparison  # pandas: only once the cheap checks passed

        case = open_comparison(
            parameters.comparison, figures_path=parameters.figures_path, reported_path=parameters.reported_path
        )
        for source in (case.claims, case.reported):
            if source is not None and source.resolve() in {out / name for name in REPORT_FILES}:
                raise FiguresError(f"expected a folder where the report would not replace {source}", path=out_dir)
    return out


def validate(parameters: ReportParameters) -> None:
    """Fail fast on bad input: the figures file, the choices, the dates (by building the context, once).

    Raises:
        FiguresError: what is wrong, in one line.

    >>> validate(ReportParameters(locale="de"))
    Traceback (most recent call last):
    figures.errors.FiguresError: expected a locale among en, fr, found 'de'
    """
    from figures.context import build_context

    build_context(parameters.with_absolute_paths())


@contextlib.contextmanager
def _progress_on_terminal():
    previous = os.environ.get("FIGURES_PROGRESS")
    os.environ["FIGURES_PROGRESS"] = "terminal"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["FIGURES_PROGRESS"]
        else:
            os.environ["FIGURES_PROGRESS"] = previous
