"""A section of the report as a value: a heading and its blocks (markdown, tables, charts), or nothing.

A section is computed by the package (`figures.story`) and shown as it is: a notebook displays it (its
`_ipython_display_`, one output per block, as JupyterLab and nbval see them), and the report builder renders
the very same outputs into the page (`figures.render`), without running any notebook. A section exists only
with its data: no heading over an empty table or a missing chart.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import pandas as pd

from figures.present import md

Output = dict[str, dict]
"""One display output, as a notebook stores it: {"data": {mime type: content}, "metadata": {...}}."""


@dataclass(frozen=True)
class Section:
    """A heading (none: the notebook's own prose heads it) and blocks: markdown text, DataFrames, charts.

    >>> Section("Growth", (None, "", pd.DataFrame())).outputs()  # nothing to show: no heading either
    []
    >>> [list(output["data"]) for output in Section("Growth", ("Some *text*.",)).outputs()]
    [['text/markdown', 'text/plain'], ['text/markdown', 'text/plain']]
    """

    title: str | None
    blocks: tuple = ()
    level: int = 2

    def shown(self) -> list:
        """The blocks with something to show.

        >>> Section("Growth", ("", None, "Text.")).shown()
        ['Text.']
        """
        return [block for block in self.blocks if not is_empty(block)]

    def outputs(self) -> list[Output]:
        """The section as display outputs: the heading (if any), then each block's.

        >>> [output["data"]["text/markdown"] for output in Section("Growth", ("Text.",)).outputs()]
        ['## Growth', 'Text.']
        """
        shown = self.shown()
        if not shown:
            return []
        outputs = [_markdown(f"{'#' * self.level} {md(self.title)}")] if self.title else []
        for block in shown:
            if isinstance(block, str):
                outputs.append(_markdown(block))
            elif isinstance(block, pd.DataFrame):
                outputs.append(table_output(block))
            else:
                outputs += chart_outputs(block)
        return outputs

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for output in self.outputs():
            display(output["data"], raw=True, metadata=output["metadata"])

    def _repr_html_(self) -> str:
        from figures.render import outputs_html

        return outputs_html(self.outputs())


class Sections(list):
    """Several sections shown one after the other (one notebook cell, several headings).

    >>> len(Sections([Section("A", ("x",)), Section("B", ("y",))]).outputs())
    4
    """

    def outputs(self) -> list:
        """Every section's outputs, in order.

        >>> Sections([Section("A", ())]).outputs()
        []
        """
        return [output for section in self for output in section.outputs()]

    def _ipython_display_(self) -> None:
        for section in self:
            section._ipython_display_()


def table_output(frame: pd.DataFrame) -> Output:
    """A table without its index, the same in JupyterLab and in the report.

    >>> table_output(pd.DataFrame({"Company": ["Bolloré Group"]}))["data"]["text/html"].split()[:3]
    ['<table', 'class="dataframe', 'figures-table">']
    """
    html = frame.to_html(index=False, escape=True, border=0, classes="figures-table")
    return {"data": {"text/html": html, "text/plain": frame.to_string(index=False)}, "metadata": {}}


def chart_outputs(chart) -> list[Output]:
    """A `figures.charts.Chart` as its image (with its alternative text and width) and its note, if any.

    >>> from figures.charts import Chart
    >>> [output["metadata"] for output in chart_outputs(Chart(b"PNG", "A bar chart."))]
    [{'image/png': {'width': 750, 'alt': 'A bar chart.'}}]
    """
    if chart is None:
        return []
    png = base64.b64encode(chart.png).decode("ascii")
    image = {
        "data": {"image/png": png, "text/plain": chart.alt},
        "metadata": {"image/png": {"width": chart.width_px, "alt": chart.alt}},
    }
    return [image, _markdown(chart.note)] if chart.note else [image]


def _markdown(text: str) -> Output:
    return {"data": {"text/markdown": text, "text/plain": text}, "metadata": {}}


def is_empty(block) -> bool:
    """Whether a section's block has nothing to show: None, blank markdown, a table without rows.

    >>> is_empty(None), is_empty("  "), is_empty(pd.DataFrame()), is_empty("Text.")
    (True, True, True, False)
    """
    if block is None:
        return True
    if isinstance(block, str):
        return not block.strip()
    if isinstance(block, pd.DataFrame):
        return block.empty
    return False
