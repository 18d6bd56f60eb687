"""A section of the report as a value: a heading and its blocks (markdown, tables, charts), or nothing.

A section is computed by the package (`figures.story`) and shown as it is: a notebook displays it (its
`_ipython_display_`, one output per block, as JupyterLab and nbval see them), and the report builder renders
the very same outputs into the page (`figures.render`), without running any notebook. A section exists only
with its data: no heading over an empty table or a missing chart.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass

import pandas as pd

from figures.formats import md

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
    return {"data": {"text/html": table_html(frame), "text/plain": frame.to_string(index=False)}, "metadata": {}}


_NUMBER = re.compile(
    r"[+\-−]?(?:\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+|\d{1,3})(?:[.,]\d+)?(?:[\u202f\u00a0 ]?(?:%|pp|pts?))?(?=$|[\s(])"
)
"""A number as the tables print it (Babel's groups in English or French, a sign, a unit of percent), at the
start of a cell: "34,128", "+58.0% in USD", "−1,5 pt", "18 300 (approx.)"; not a year ("2017, Jan–Dec")."""


def numeric_column(cells: pd.Series) -> bool:
    """Whether every filled cell of a column opens with a number (a dash "–" stands for none): such a column
    stands right, by the class `num` the page's stylesheet aligns.

    >>> numeric_column(pd.Series(["34,128", "18,300 (approx.)", "–"])), numeric_column(pd.Series(["+58.0% in CNY"]))
    (True, True)
    >>> numeric_column(pd.Series(["2017, Jan–Dec 2017", "34,128"])), numeric_column(pd.Series(["Alibaba", ""]))
    (False, False)
    """
    filled = [str(cell).strip() for cell in cells if not _blank(cell) and str(cell).strip() not in ("", "–")]
    return bool(filled) and all(_NUMBER.match(cell) for cell in filled)


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, float) and cell != cell)


WORDY_CELL = 17
"""A cell this long or longer in a column of numbers is words around a number ("39,9 milliards de dollars",
a claim as printed): it may wrap at its spaces. A shorter one ("39,900 USD m", "+58.0% in CNY") never wraps."""


def _column_mark(cells: pd.Series) -> str:
    """The class of a column's header and cells: `num` for a column of numbers (standing right, never
    wrapped), `num words` for one of numbers among words (standing right, wrapping at spaces), else none.

    >>> _column_mark(pd.Series(["39,900 USD m", "+58.0% in CNY"])), _column_mark(pd.Series(["Alibaba"]))
    (' class="num"', '')
    >>> _column_mark(pd.Series(["39,9 milliards de dollars", "58 %"]))
    ' class="num words"'
    """
    if not numeric_column(cells):
        return ""
    wordy = any(len(str(cell).strip()) >= WORDY_CELL for cell in cells if not _blank(cell))
    return ' class="num words"' if wordy else ' class="num"'


def table_html(frame: pd.DataFrame) -> str:
    """The table as HTML with no style attribute (the page's policy refuses inline styles): every cell
    escaped, the columns of numbers marked `num` in their header and cells (`num words` where their cells are
    words around a number, which may wrap).

    >>> print(table_html(pd.DataFrame({"Company": ["A<b>"], "Revenue, EUR m": ["1,200"]})))
    <table class="dataframe figures-table">
      <thead>
        <tr>
          <th>Company</th>
          <th class="num">Revenue, EUR m</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>A&lt;b&gt;</td>
          <td class="num">1,200</td>
        </tr>
      </tbody>
    </table>
    """
    marks = [_column_mark(frame.iloc[:, i]) for i in range(frame.shape[1])]
    lines = ['<table class="dataframe figures-table">', "  <thead>", "    <tr>"]
    lines += [f"      <th{mark}>{html.escape(str(name))}</th>" for name, mark in zip(frame.columns, marks, strict=True)]
    lines += ["    </tr>", "  </thead>", "  <tbody>"]
    for row in frame.itertuples(index=False):
        lines.append("    <tr>")
        lines += [
            f"      <td{mark}>{'' if _blank(cell) else html.escape(str(cell))}</td>"
            for cell, mark in zip(row, marks, strict=True)
        ]
        lines.append("    </tr>")
    lines += ["  </tbody>", "</table>"]
    return "\n".join(lines)


NARROW_MEDIA = "(max-width: 40em)"
"""Where the page shows a chart's phone rendering: a viewport up to 640 CSS pixels wide."""


def chart_outputs(chart) -> list[Output]:
    """A `figures.charts.Chart` as HTML: its image with its alternative text and width (and its rendering for a
    phone's width, chosen by the browser), then its note, if any.

    HTML, so that the alternative text goes wherever the output goes (JupyterLab, nbconvert, papermill), which
    an image output's metadata does not. The image is a `data:` URI: the output needs no other file.

    Raises:
        ValueError: a chart without alternative text.

    >>> from figures.charts import Chart
    >>> [output] = chart_outputs(Chart(b"PNG", "A <bar> chart."))
    >>> print(output["data"]["text/html"])
    <img src="data:image/png;base64,UE5H" alt="A &lt;bar&gt; chart." width="750">
    >>> output["data"]["text/plain"], output["metadata"]
    ('A <bar> chart.', {'figures': {'chart': True}})
    >>> [output] = chart_outputs(Chart(b"PNG", "A chart.", narrow=Chart(b"png", "A chart.", 400)))
    >>> print(output["data"]["text/html"].replace("><", ">\\n<"))
    <picture>
    <source media="(max-width: 40em)" srcset="data:image/png;base64,cG5n" width="400">
    <img src="data:image/png;base64,UE5H" alt="A chart." width="750">
    </picture>
    """
    if chart is None:
        return []
    if not chart.alt.strip():
        raise ValueError("every chart needs alternative text; this one has none")
    image = f'<img src="{_data_uri(chart.png)}" alt="{html.escape(chart.alt)}" width="{chart.width_px}">'
    if chart.narrow is not None:
        narrow = chart.narrow
        source = f'<source media="{NARROW_MEDIA}" srcset="{_data_uri(narrow.png)}" width="{narrow.width_px}">'
        image = f"<picture>{source}{image}</picture>"
    shown = {"data": {"text/html": image, "text/plain": chart.alt}, "metadata": {"figures": {"chart": True}}}
    return [shown, _markdown(chart.note)] if chart.note else [shown]


def is_chart(output: Output) -> bool:
    """Whether a display output is a chart (`chart_outputs`).

    >>> from figures.charts import Chart
    >>> is_chart(chart_outputs(Chart(b"PNG", "A chart."))[0]), is_chart(_markdown("Text."))
    (True, False)
    """
    return bool(output.get("metadata", {}).get("figures", {}).get("chart"))


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


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
