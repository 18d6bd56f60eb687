"""Time-to-report as a ratio against a floor: an empty notebook executed in a kernel and exported.

Prints `report_vs_floor: <ratio>`, the median over several runs of a full `build_report` (load,
translate, compute the sections from one build context, render the page, write HTML and CSV) divided
by the median of the cheapest Jupyter execution: a notebook with no cells run in a fresh kernel
(nbclient), its page rendered and written the same way. Both are measured in one process after a
warm-up build, so interpreter start-up and first imports count in neither.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat

from figures.atomic import write_atomically
from figures.context import build_context
from figures.export import report_exports
from figures.notebooks import execute
from figures.render import render_page
from figures.report import HTML_NAME, ReportParameters, build_report
from timing import median_seconds

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def main() -> None:
    parameters = ReportParameters()
    context = report_exports(build_context(parameters))
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        build_report(out, parameters)  # warm-up: imports, caches, first kernel start

        def floor() -> None:
            notebook = execute(nbformat.v4.new_notebook())
            page = render_page(str(len(notebook.cells)), context)
            write_atomically(out / "floor", {HTML_NAME: page.encode("utf-8")})

        floor_s = median_seconds(floor, RUNS)
        report_s = median_seconds(lambda: build_report(out, parameters), RUNS)
    print(f"floor_seconds: {floor_s:.3f}")
    print(f"report_seconds: {report_s:.3f}")
    print(f"report_vs_floor: {report_s / floor_s:.2f}")


if __name__ == "__main__":
    main()
