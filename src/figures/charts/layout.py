"""How the charts are laid out and drawn: the palette, figure sizes, labels that fit, wrapped titles,
footers, and the PNG bytes; a `Chart` is what each chart function returns (`figures.charts`)."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import io
import itertools
import math
import re
import textwrap
import warnings
from dataclasses import dataclass

import matplotlib
from babel.numbers import format_compact_decimal
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import Formatter, MaxNLocator
from PIL import Image

from figures import i18n
from figures.charts.words import _inferred, _short_period
from figures.formats import md, period_text
from figures.i18n import tr
from figures.table import ComparisonTable

PALETTE = (
    # Okabe & Ito: blue, orange, bluish green, reddish purple, sky blue, vermillion.
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    # Tol's muted: indigo, wine, green, sand, purple; and Tol's brown. Chosen among Tol's colours
    # for the largest least CIEDE2000 distance to the six above, also under simulated
    # protanopia, deuteranopia and tritanopia (Tol's teal #44AA99 is too close to bluish green).
    "#332288",
    "#882255",
    "#117733",
    "#DDCC77",
    "#AA4499",
    "#661100",
)
RISE, FALL, MUTED = "#009E73", "#D55E00", "#7f7f7f"
DPI = 200
WIDTH_IN = 7.5
NARROW_IN = 4.0
"""A phone's rendering: shown about 350 CSS pixels wide, its text as large as the wide one's at 750."""
HEIGHT_IN = 4.2  # side by side; horizontal bars grow with the companies
TITLE_CHARS = 80  # what fits on one line of a title at 11 pt across WIDTH_IN
SIDE_BY_SIDE = 4  # at most this many companies stand side by side; more lie as horizontal bars
TITLE_Y = 1.0
"""Where an axes' title sits: given, so matplotlib skips its search for tick labels on top (none has
any), a search that costs a tenth of a many-panel chart; the place and the bytes are the same."""


@dataclass(frozen=True)
class Chart:
    """A rendered chart: PNG bytes (drawn at twice the display size) and its alternative text; `narrow`, the same
    chart drawn for a phone's width (`NARROW_IN`), where there is one.

    >>> Chart(b"\\x89PNG", "A bar chart.").width_px
    750
    """

    png: bytes
    alt: str
    width_px: int = int(WIDTH_IN * DPI / 2)
    note: str = ""  # markdown for under the chart: the characters its font could not draw, if any
    narrow: Chart | None = None


def _chart(figure: Figure, alt: str) -> Chart:
    """The figure drawn, as a `Chart` as wide on the page as the figure is (half its pixels)."""
    return Chart(_png(figure), alt, width_px=round(figure.get_figwidth() * DPI / 2))


_MISSING_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")
_missing: set[str] = set()  # characters the chart being drawn has no glyph for, as `_png` found them


def _noting_missing_glyphs(draw):
    """A chart function whose chart notes the characters of its text that the font cannot draw.

    matplotlib warns of each one (as a box, it draws); the warning would reach the page only when
    the chart is drawn in the build's own process, with a file path, so the chart says it instead,
    the same wherever it is drawn. One chart at a time per process, as matplotlib itself requires
    (it is not thread-safe): the warnings are caught process-wide. Builds draw one at a time, and
    each worker process one chart at a time.
    """
    signature = inspect.signature(draw)

    @functools.wraps(draw)
    def drawing(*args, **kwargs):
        _missing.clear()
        # The settings a fresh process starts with, whatever style the caller chose: same data, same chart.
        with warnings.catch_warnings(), matplotlib.rc_context():
            matplotlib.rc_file_defaults()
            warnings.filterwarnings("ignore", message=_MISSING_GLYPH.pattern)  # measured text: `_png` counts
            chart = draw(*args, **kwargs)
        if chart is None or not _missing:
            return chart
        locale = signature.bind(*args, **kwargs).arguments.get("locale", "en")
        characters = " ".join(md(character) for character in sorted(_missing))
        note = tr(
            "The chart's font has no glyph for {characters}: they show as empty boxes; the text and the tables"
            " give every name in full.",
            locale,
        ).format(characters=characters)
        return dataclasses.replace(chart, note=note)

    return drawing


def company_colours(companies: list[str]) -> dict[str, str]:
    """The same colour for the same company in every chart: twelve colours, then they repeat.

    >>> company_colours(["Bolloré Group", "Alibaba Group"])
    {'Alibaba Group': '#0072B2', 'Bolloré Group': '#E69F00'}
    """
    return {company: PALETTE[i % len(PALETTE)] for i, company in enumerate(sorted(set(companies)))}


def table_colours(table: ComparisonTable) -> dict[str, str]:
    """Colours from every company of the table, so that a company keeps its colour in a chart
    that lacks another company.

    >>> from figures.tabulate import comparison_table
    >>> table_colours(comparison_table())
    {'Alibaba Group': '#0072B2', 'Bolloré Group': '#E69F00'}
    """
    return company_colours(list(table.rows["company"].unique()))


def _figure(
    locale: str, count: int = 1, *, side_by_side: bool = True, row_in: float = 0.5, width_in: float = WIDTH_IN
) -> tuple[Figure, object]:
    """One axes: bars side by side (`count` up to SIDE_BY_SIDE, labels fitting), else horizontal rows."""
    horizontal = count > SIDE_BY_SIDE or not side_by_side
    height = max(HEIGHT_IN, 1.9 + row_in * count) if horizontal else HEIGHT_IN
    figure = Figure(figsize=(width_in, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)  # to measure text before drawing; savefig draws with Agg either way
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    (axes.xaxis if horizontal else axes.yaxis).set_major_formatter(_AxisFormatter(locale))
    axes.set_label("horizontal" if horizontal else "vertical")
    return figure, axes


def _is_horizontal(axes) -> bool:
    return axes.get_label() == "horizontal"


def _rows_top_down(count: int) -> range:
    """y positions from the top row down."""
    return range(count - 1, -1, -1)


def _side_by_side_fits(
    items: list[dict[str, object]], locale: str, labels=(), *, single: bool = False, width_in: float = WIDTH_IN
) -> bool:
    """Whether `items` side by side leave room for their axis labels and the bars' value labels.

    `single`: one bar per item, its label beside the bar; else two bars per item, labels above.
    """
    count = len(items)
    if count > SIDE_BY_SIDE:
        return False
    if count <= 2 and width_in >= WIDTH_IN:
        return True  # the layout every two-company chart has had
    slot = (width_in - 1.2) / (count + 0.5 if single else (count - 0.42) * 1.1) * DPI
    ticks = [_tick_text(item["company"], _tick_period(item, locale, count)) for item in items]
    fits_ticks = max(_text_width(tick, _tick_size(count)) for tick in ticks) < 0.95 * slot
    if single:
        return fits_ticks and max(_text_width(item["label"], 10, "bold") for item in items) < 0.6 * slot
    return fits_ticks and max([_text_width(label, 9) for label in labels if label] or [0]) < 0.29 * slot


@functools.cache
def _renderer():
    """A renderer to measure text with, the one savefig draws with (Agg, at DPI)."""
    return FigureCanvasAgg(Figure(dpi=DPI)).get_renderer()


@functools.lru_cache(maxsize=4096)
def _text_width(text: str, fontsize: float, weight: str | int = "normal") -> float:
    """The width in pixels (at DPI) of the widest line of `text`."""
    renderer = _renderer()
    font = FontProperties(size=fontsize, weight=weight)
    return max(renderer.get_text_width_height_descent(line, font, ismath=False)[0] for line in text.split("\n"))


def _label_end(axes, x: float, y: float, text: str, *, fontsize: float = 9, fontweight: str = "normal"):
    """A label at the end of a horizontal bar, outside it: right of a rise, left of a fall."""
    ha, offset = ("left", 4) if x >= 0 else ("right", -4)
    return axes.annotate(
        text,
        (x, y),
        xytext=(offset, 0),
        textcoords="offset points",
        ha=ha,
        va="center",
        fontsize=fontsize,
        fontweight=fontweight,
    )


def _fit_labels(figure: Figure, axes, labels: list[tuple[object, float]], low: float, high: float) -> None:
    """Widen the value axis of horizontal bars until every label at a bar's end fits inside the axes.

    The axes' width is estimated from the figure's and the row labels' (no layout pass: drawing
    stays one pass however many companies); a label that still overflowed would only narrow the axes.
    """
    rows = max((_text_width(text.get_text(), 9) for text in axes.get_yticklabels()), default=0.0)
    # Left: row labels, their pad and the figure's pad; right: the last value tick's overhang and the pad.
    width = figure.get_figwidth() * DPI - rows - (0.18 + 0.35) * DPI
    right, left = [], []
    for text, end in labels:
        share = (_text_width(text.get_text(), text.get_fontsize(), text.get_fontweight()) + 4 / 72 * DPI) / width
        (right if text.get_ha() == "left" else left).append((end, share + 0.01))
    low, high = min(low, 0.0), max(high, 0.0)
    start, stop = low, high if high > low else low + 1
    for _ in range(60):  # a fixed point: each label's share of the axis is fixed in pixels
        span = stop - start
        stop = max([high] + [end + share * span for end, share in right])
        start = min([low] + [end - share * span for end, share in left])
    axes.set_xlim(start, stop)


def _company_rows(axes, items: list[dict[str, object]], locale: str, key: str | None = None) -> None:
    """Company names with a short period as the labels of horizontal rows, top down."""
    labels = [
        _tick_text(item["company"], item[key] if key else _short_period(item, locale) + _inferred(item, locale, " ("))
        for item in items
    ]
    axes.set_yticks(list(_rows_top_down(len(items))), labels, fontsize=9)
    axes.set_ylim(-0.6, len(items) - 0.4)
    axes.tick_params(axis="y", length=0)


def _label_bar(axes, x: float, y: float, text: str, *, fontsize: float = 9, offset: float = 4) -> None:
    """A label above a bar (below it, for a bar going down)."""
    va, offset = ("bottom", offset) if y >= 0 else ("top", -offset)
    axes.annotate(text, (x, y), xytext=(0, offset), textcoords="offset points", ha="center", va=va, fontsize=fontsize)


def _company_axis(axes, rows: list[dict[str, object]], locale: str) -> None:
    labels = [_tick_text(row["company"], _tick_period(row, locale, len(rows))) for row in rows]
    axes.set_xticks(range(len(labels)), labels, fontsize=_tick_size(len(rows)))


def _tick_size(count: int) -> float:
    """Company labels under side-by-side bars: 10 points, 9 beyond two companies."""
    return 10 if count <= 2 else 9


def _tick_period(item: dict[str, object], locale: str, count: int) -> str:
    """The period under a company's name: its fiscal label and months, on two lines beyond two companies."""
    if item.get("tick"):
        return item["tick"]
    text = period_text(item, locale)
    return text.replace(", ", "\n", 1).replace(" (", "\n(") if count > 2 else text


def _tick_text(company: str, period: str, width: int = 30) -> str:
    """A company's name over its period, long names wrapped."""
    return f"{textwrap.fill(company, width)}\n{period}"


def _two_lines(text: str, width: int = 10) -> str:
    """A label longer than `width` broken at the space nearest its middle.

    >>> _two_lines("year to Mar 2016"), _two_lines("FY2016")
    ('year to\\nMar 2016', 'FY2016')
    """
    spaces = [i for i, char in enumerate(text) if char == " "]
    if len(text) <= width or not spaces:
        return text
    middle = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return f"{text[:middle]}\n{text[middle + 1 :]}"


def _wrap(title: str, width: int = TITLE_CHARS, *, fontsize: float = 11, max_in: float = WIDTH_IN - 0.4) -> str:
    """`_wrap_chars`, narrowed until every line fits `max_in` inches at `fontsize`, as drawn.

    >>> print(_wrap("Rheinwerk Holdings AG: from 2022, Jan–Dec 2022 to 2023, Jan–Dec 2023 revenue, EUR million"))
    Rheinwerk Holdings AG: from 2022, Jan–Dec 2022
    to 2023, Jan–Dec 2023 revenue, EUR million
    """
    wrapped = _wrap_chars(title, width)
    while width > 20 and _text_width(wrapped, fontsize) > max_in * DPI:
        width -= 4
        wrapped = _wrap_chars(title, width)
    return wrapped


def _wrap_chars(title: str, width: int = TITLE_CHARS) -> str:
    """Titles wrapped to the figure's width, whatever the language's length: after a colon, or in lines of
    even length.

    >>> print(_wrap_chars("Previous and current period revenue in EUR million: the companies' reported figures"))
    Previous and current period revenue in EUR million:
    the companies' reported figures

    >>> print(_wrap_chars("Chiffre d'affaires de la période précédente et de la période en cours, en millions de EUR"))
    Chiffre d'affaires de la période précédente et de
    la période en cours, en millions de EUR
    """
    lines = []
    for line in title.split("\n"):
        wrapped = textwrap.wrap(line, width) or [line]
        colon = line.find(": ")
        if len(wrapped) == 2 and len(line) / 3 <= colon < width and len(line) - colon - 2 <= width:
            wrapped = [line[: colon + 1], line[colon + 2 :]]  # two lines: break after the colon
        else:  # as few lines as at the full width, but as even as they come: no word left alone
            for narrower in range(-(-len(line) // len(wrapped)), width):
                if len(even := textwrap.wrap(line, narrower)) == len(wrapped):
                    wrapped = even
                    break
        lines += wrapped
    return "\n".join(lines)


def _finish(figure: Figure, axes, title: str, footer: str) -> None:
    width_in = figure.get_figwidth()
    if width_in < WIDTH_IN:  # a phone's width: the title over the whole figure, not only over the axes
        figure.suptitle(_wrap(title, max_in=width_in - 0.2), fontsize=11, x=0.01, ha="left")
    else:
        axes.set_title(_wrap(title), loc="left", fontsize=11, y=TITLE_Y)
    if width_in < WIDTH_IN and _is_horizontal(axes):
        axes.xaxis.set_major_locator(MaxNLocator(nbins=4))  # value ticks that leave room for their labels
    _footer(figure, footer, minimum_in=0.07 * HEIGHT_IN)


def _footer(figure: Figure, footer: str, *, minimum_in: float) -> None:
    """The footer at the bottom, with the room its wrapped lines take kept free of the axes."""
    figure.text(0.01, 0.0, footer, fontsize=7, color=MUTED, ha="left", va="bottom", wrap=True)
    bottom = max(minimum_in, _footer_height_in(figure, footer)) / figure.get_figheight()
    figure.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))


def _footer_height_in(figure: Figure, footer: str, fontsize: float = 7) -> float:
    """The height of the footer wrapped to the figure's width: lines of `fontsize` points, plus a gap."""
    room = 0.97 * figure.get_figwidth() * DPI
    space = _text_width("a a", fontsize) - _text_width("aa", fontsize)
    lines, used = 1, 0.0
    for word in footer.split(" "):
        width = sum(_text_width(char, fontsize) for char in word)
        if used and used + space + width > room:
            lines, used = lines + 1, width
        else:
            used += (space if used else 0.0) + width
    return lines * fontsize * 1.2 / 72 + 0.03


class _TickFormatter(Formatter):
    """A tick formatter in a locale that sees every tick before it writes one (its decimals follow the step)."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.ticks: list[float] = []

    def set_locs(self, locs) -> None:
        self.ticks = list(locs)

    def steps(self) -> list[float]:
        """The distances between neighbouring ticks, zero left out."""
        return [abs(b - a) for a, b in itertools.pairwise(self.ticks) if b != a]


class _AxisFormatter(_TickFormatter):
    """Amounts or percents on a value axis: as many decimals as the step between ticks needs (2.5, not "2" and
    "3"), and in compact units once the ticks reach a million ("2M", not "2,000,000" run together on a yen axis).

    >>> formatter = _AxisFormatter("en")
    >>> formatter.set_locs([-10.0, -7.5, -5.0, -2.5, 0.0]); [formatter(tick) for tick in formatter.ticks]
    ['-10.0', '-7.5', '-5.0', '-2.5', '0.0']
    >>> formatter.set_locs([0.0, 2_000_000.0, 4_000_000.0]); [formatter(tick) for tick in formatter.ticks]
    ['0', '2M', '4M']
    >>> formatter.set_locs([0.0, 150_000.0, 300_000.0]); formatter(300_000.0)
    '300,000'
    """

    def __call__(self, value: float, pos=None) -> str:
        steps = self.steps()
        step = min(steps) if steps else 1.0
        if max((abs(tick) for tick in self.ticks), default=0.0) >= 1_000_000:
            return format_compact_decimal(value, locale=self.locale, fraction_digits=_decimals(step / 1_000_000))
        return i18n.number(value, self.locale, _decimals(step))


def _decimals(step: float) -> int:
    """The fewest decimals that write a step exactly (2.5: 1; 0.25: 2; 1,000: 0), at most 3."""
    return next((places for places in range(3) if abs(round(step, places) - step) <= 1e-9 * max(step, 1)), 3)


class _RateFormatter(_TickFormatter):
    """Rates on an axis with three decimals, or as many as tell the ticks apart (yen: 0.0075)."""

    def __call__(self, value: float, pos=None) -> str:
        steps = self.steps()
        decimals = max(3, -math.floor(math.log10(min(steps)))) if steps else 3
        return i18n.number(value, self.locale, decimals)


def _png(figure: Figure) -> bytes:
    """The figure as a PNG of its pixels: RGB, since a chart is opaque; no software tag, so the bytes
    depend on the drawing only. matplotlib would write RGBA, a quarter more data to compress."""
    raw = io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        engine = figure.get_layout_engine()
        if engine is not None:
            # The layout once, here: savefig would walk every artist once more to run it before drawing.
            engine.execute(figure)
            figure.set_layout_engine("none")
        figure.savefig(raw, format="rgba", dpi=DPI)
    for warning in caught:
        if found := _MISSING_GLYPH.match(str(warning.message)):
            _missing.add(chr(int(found.group(1))))
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    size_px = figure.canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", size_px, raw.getbuffer(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="png", dpi=(DPI, DPI))
    return buffer.getvalue()
