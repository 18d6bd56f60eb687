"""Side-by-side charts in a common currency, each carrying its units, periods and source.

Each chart function returns a `Chart`: the PNG bytes (drawn at twice their display size, sharp on
high-density screens) and an alternative text that states what the chart shows, numbers included;
or None when there is nothing to draw. Colours are twelve colour-blind-safe colours (Okabe & Ito's,
then six of Tol's), one per company of the whole table, the same in every chart; values are labelled
on the bars rather than in a legend. Up to four companies stand side by side; more, or labels too
wide to stand side by side, lie as horizontal bars, largest on top, the figure growing with the
companies. Figures are drawn without pyplot: nothing global is touched. Every chart takes `locale`
for its words, numbers and dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
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
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import Formatter
from PIL import Image

from figures import i18n
from figures.choices import METHODS
from figures.i18n import tr
from figures.normalise import selected
from figures.present import BASIS_LABELS, METHOD_LABELS, amount_m, md, percent, period_text, source_text
from figures.rates import RateTable

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
HEIGHT_IN = 4.2  # side by side; horizontal bars grow with the companies
TITLE_CHARS = 80  # what fits on one line of a title at 11 pt across WIDTH_IN
SIDE_BY_SIDE = 4  # at most this many companies stand side by side; more lie as horizontal bars
TITLE_Y = 1.0
"""Where an axes' title sits: given, so matplotlib skips its search for tick labels on top (none has
any), a search that costs a tenth of a many-panel chart; the place and the bytes are the same."""


@dataclass(frozen=True)
class Chart:
    """A rendered chart: PNG bytes (drawn at twice the display size) and its alternative text.

    >>> Chart(b"\\x89PNG", "A bar chart.").width_px
    750
    """

    png: bytes
    alt: str
    width_px: int = int(WIDTH_IN * DPI / 2)
    note: str = ""  # markdown for under the chart: the characters its font could not draw, if any


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


def table_colours(table: pd.DataFrame) -> dict[str, str]:
    """Colours from every company of the table, so that a company keeps its colour in a chart
    that lacks another company.

    >>> from figures.normalise import comparison_table
    >>> table_colours(comparison_table())
    {'Alibaba Group': '#0072B2', 'Bolloré Group': '#E69F00'}
    """
    return company_colours(list(table["company"].unique()))


@_noting_missing_glyphs
def revenue_chart(
    table: pd.DataFrame, currency: str, method: str, basis: str = "reported", *, locale: str = "en"
) -> Chart | None:
    """Latest revenue per company in `currency`, with the range spanned by the three methods.

    >>> from figures.normalise import comparison_table
    >>> revenue_chart(comparison_table(), "EUR", "average").alt.split(". ")[1].split("; ")[0]
    'Alibaba Group (FY2018, Apr 2017–Mar 2018): 32,299 (range 32,299 to 32,306 across methods)'
    >>> print(revenue_chart(comparison_table(reported=False), "EUR", "average", "reported"))
    None
    """
    chosen = _latest_revenue(selected(table, currency, method, basis))
    if chosen.empty:
        return None
    everyone = table[
        (table["basis"] == basis)
        & (table["currency"] == currency)
        & (table["metric"] == "revenue")
        & table["fx_method"].isin(METHODS)
    ]
    bars = []
    for row in chosen.to_dict("records"):
        methods = everyone[(everyone["company"] == row["company"]) & (everyone["period_end"] == row["period_end"])]
        low, high = methods["value"].min(), methods["value"].max()
        low, high = (row["value"], row["value"]) if pd.isna(low) else (low, high)
        label = amount_m(row["value"], locale) + (f" ({tr('approx.', locale)})" if row["approximate"] else "")
        bars.append({**row, "low": low, "high": high, "label": label})
    colours = table_colours(table)
    fits = _side_by_side_fits(bars, locale, single=True)
    figure, axes = _figure(locale, len(bars), row_in=0.40, side_by_side=fits)
    if _is_horizontal(axes):
        bars.sort(key=lambda bar: -bar["value"])
        labels = []
        for y, bar in zip(_rows_top_down(len(bars)), bars, strict=True):
            axes.barh(y, bar["value"], height=0.6, color=colours[bar["company"]])
            axes.hlines(y, bar["low"], bar["high"], color="black", linewidth=1.2)
            axes.vlines([bar["low"], bar["high"]], y - 0.12, y + 0.12, color="black", linewidth=1.2)
            end = max(bar["value"], bar["high"])
            labels.append((_label_end(axes, end, y, bar["label"], fontweight="bold"), end))
        _company_rows(axes, bars, locale)
        axes.set_xlabel(_millions(currency, locale))
        _fit_labels(figure, axes, labels, 0.0, max(bar["high"] for bar in bars))
    else:
        for x, bar in enumerate(bars):
            low, high = bar["low"], bar["high"]
            axes.bar(x, bar["value"], width=0.55, color=colours[bar["company"]])
            axes.vlines(x, low, high, color="black", linewidth=1.2)
            axes.hlines([low, high], x - 0.08, x + 0.08, color="black", linewidth=1.2)
            axes.annotate(bar["label"], (x + 0.3, bar["value"]), va="center", ha="left", fontsize=10, fontweight="bold")
        _company_axis(axes, bars, locale)
        axes.set_ylabel(_millions(currency, locale))
        axes.set_xlim(-0.6, len(bars) - 0.1)
    described = [
        tr("{company} ({period}): {value} (range {low} to {high} across methods)", locale).format(
            company=bar["company"],
            period=period_text(bar, locale),
            value=amount_m(bar["value"], locale),
            low=amount_m(bar["low"], locale),
            high=amount_m(bar["high"], locale),
        )
        for bar in bars
    ]
    _finish(
        figure,
        axes,
        tr("Revenue in {currency} million: {basis}\ntranslated at the {method}", locale).format(
            currency=currency, basis=tr(BASIS_LABELS[basis], locale), method=tr(METHOD_LABELS[method], locale)
        ),
        _source_line(table, basis, locale)
        + " "
        + tr("Black bars: range across the average, closing and spot methods (spot: {spot}).", locale).format(
            spot=i18n.date(table.attrs["spot_date"], locale)
        ),
    )
    alt = tr("Bar chart of revenue in {currency} million, {method}, {basis}.", locale).format(
        currency=currency, method=tr(METHOD_LABELS[method], locale), basis=tr(BASIS_LABELS[basis], locale)
    )
    return Chart(_png(figure), _alt(alt, described, locale))


@_noting_missing_glyphs
def growth_chart(
    table: pd.DataFrame, currency: str, method: str, basis: str = "reported", *, locale: str = "en"
) -> Chart | None:
    """Growth as stated beside growth recomputed in `currency`, per company, latest period.

    A company whose growth is not stated shows the growth of its own reported revenues instead.

    >>> from figures.normalise import comparison_table
    >>> "+58.0% as stated in CNY, +50.6% recomputed in EUR" in growth_chart(comparison_table(), "EUR", "average").alt
    True
    """
    growth = table[(table["metric"] == "revenue_growth") & (table["basis"] == basis) & (table["component"] == "")]
    growth = growth[growth["period_end"] == growth.groupby("company")["period_end"].transform("max")]
    # Each company's growth in its own currency: as stated, else as recomputed from its revenues.
    own = growth[growth["fx_method"] == "none"]
    own = own.assign(stated=own["derived"] == "stated")
    own = own.sort_values(["company", "stated"], ascending=[True, False])
    own = own.drop_duplicates("company").set_index("company")
    common = selected(growth, currency, method).drop_duplicates("company").set_index("company")
    companies = sorted(set(own.index) | set(common.index))
    if not companies:
        return None
    bars = []
    for company in companies:
        row = (own if company in own.index else common).loc[company].to_dict()
        bar = {**row, "company": company, "stated": bool(row.get("stated")), "own": None, "common": None}
        if company in own.index:
            bar["own"] = row["value"]
            word = (
                f"{tr('stated', locale)} ({row['currency']})"
                if bar["stated"]
                else f"{tr('in', locale)} {row['currency']}"
            )
            bar["own_label"] = f"{percent(row['value'], locale)}\n{word}"
        if company in common.index:
            bar["common"] = common.loc[company, "value"]
            bar["common_label"] = f"{percent(bar['common'], locale)}\n{tr('in', locale)} {currency}"
        bars.append(bar)
    colours = table_colours(table)
    widths = [bar.get(key, "") for bar in bars for key in ("own_label", "common_label")]
    figure, axes = _figure(locale, len(bars), row_in=0.5, side_by_side=_side_by_side_fits(bars, locale, widths))
    if _is_horizontal(axes):
        bars.sort(key=lambda bar: -(bar["common"] if bar["common"] is not None else bar["own"]))
        labels, values = [], [0.0]
        for y, bar in zip(_rows_top_down(len(bars)), bars, strict=True):
            colour = colours[bar["company"]]
            if bar["own"] is not None:
                axes.barh(y + 0.19, bar["own"], height=0.36, color=colour)
                text = bar["own_label"].replace("\n", " ")
                labels.append((_label_end(axes, bar["own"], y + 0.19, text, fontsize=8), bar["own"]))
                values.append(bar["own"])
            if bar["common"] is not None:
                axes.barh(y - 0.19, bar["common"], height=0.36, color=colour, alpha=0.45, hatch="//", edgecolor=colour)
                text = bar["common_label"].replace("\n", " ")
                labels.append((_label_end(axes, bar["common"], y - 0.19, text, fontsize=8), bar["common"]))
                values.append(bar["common"])
        _company_rows(axes, bars, locale)
        axes.set_xlabel(tr("growth over the previous period, %", locale))
        axes.axvline(0, color="black", linewidth=0.8)
        _fit_labels(figure, axes, labels, min(values), max(values))
    else:
        for x, bar in enumerate(bars):
            colour = colours[bar["company"]]
            if bar["own"] is not None:
                axes.bar(x - 0.15, bar["own"], width=0.28, color=colour)
                _label_bar(axes, x - 0.15, bar["own"], bar["own_label"])
            if bar["common"] is not None:
                axes.bar(x + 0.15, bar["common"], width=0.28, color=colour, alpha=0.45, hatch="//", edgecolor=colour)
                _label_bar(axes, x + 0.15, bar["common"], bar["common_label"])
        _company_axis(axes, bars, locale)
        axes.set_ylabel(tr("growth over the previous period, %", locale))
        axes.axhline(0, color="black", linewidth=0.8)
        axes.margins(y=0.25)
    described = []
    for bar in bars:
        parts = []
        if bar["own"] is not None:
            text = tr(
                "{company} ({period}): {growth} as stated in {currency}"
                if bar["stated"]
                else "{company} ({period}): {growth} in {currency}",
                locale,
            )
            parts.append(
                text.format(
                    company=bar["company"],
                    period=period_text(bar, locale),
                    growth=percent(bar["own"], locale),
                    currency=bar["currency"],
                )
            )
        if bar["common"] is not None:
            text = tr("{growth} recomputed in {currency}", locale).format(
                growth=percent(bar["common"], locale), currency=currency
            )
            if not parts:
                label = f"{bar['company']} ({period_text(bar, locale)})"
                text = tr("{label}: {value}", locale).format(label=label, value=text)
            parts.append(text)
        described.append(", ".join(parts))
    _finish(
        figure,
        axes,
        tr("Revenue growth: {basis}\nas stated, and recomputed in {currency} ({method})", locale).format(
            basis=tr(BASIS_LABELS[basis], locale), currency=currency, method=tr(METHOD_LABELS[method], locale)
        ),
        _source_line(table, basis, locale)
        + " "
        + tr("Recomputed: both years translated, each at its own rate.", locale),
    )
    alt = tr("Bar chart of revenue growth in percent, {basis}.", locale).format(basis=tr(BASIS_LABELS[basis], locale))
    return Chart(_png(figure), _alt(alt, described, locale))


@_noting_missing_glyphs
def prior_current_chart(
    table: pd.DataFrame, currency: str, method: str, basis: str = "reported", *, locale: str = "en"
) -> Chart | None:
    """Previous period beside the current one, in `currency`: reported, or implied by the stated growth.

    None when no company has a previous period.

    >>> from figures.normalise import comparison_table
    >>> "Bolloré Group previous period, reported (2016, Jan–Dec 2016): 10,070" in prior_current_chart(
    ...     comparison_table(), "EUR", "average").alt
    True
    """
    revenue = selected(table, currency, method, basis)
    revenue = revenue[(revenue["metric"] == "revenue") & (revenue["component"] == "")]
    revenue = revenue.sort_values(["company", "period_end"]).drop_duplicates(["company", "period_end"], keep="last")
    groups = [
        {"company": company, "rows": group.tail(2).to_dict("records")}
        for company, group in revenue.groupby("company", sort=True)
    ]
    if not any(len(group["rows"]) == 2 for group in groups):
        return None
    for group in groups:
        group.update(group["rows"][-1])
        group["value"] = group["rows"][-1]["value"]
        end = i18n.date(group["period_end"], locale, "day_month")
        group["tick"] = tr("years ending {end}", locale).format(end=end)
        for row in group["rows"]:
            period = _short_period(row, locale) + _inferred(row, locale, "\n(")
            row["label"] = f"{amount_m(row['value'], locale)}\n{period}"
    colours = table_colours(table)
    widths = [row["label"] for group in groups for row in group["rows"]]
    figure, axes = _figure(locale, len(groups), row_in=0.5, side_by_side=_side_by_side_fits(groups, locale, widths))
    horizontal = _is_horizontal(axes)
    if horizontal:
        groups.sort(key=lambda group: -group["value"])
    labels, values = [], [0.0]
    for position, group in zip(_rows_top_down(len(groups)) if horizontal else range(len(groups)), groups, strict=True):
        offsets = (-0.15, 0.15) if len(group["rows"]) == 2 else (0.0,)
        for offset, row in zip(offsets, group["rows"], strict=True):
            alpha = 0.45 if offset < 0 else 1.0
            colour = colours[group["company"]]
            if horizontal:
                y = position - offset * 1.3  # the previous period above the current one
                axes.barh(y, row["value"], height=0.36, color=colour, alpha=alpha)
                text = f"{amount_m(row['value'], locale)} ({_short_period(row, locale)}{_inferred(row, locale, ', ')})"
                labels.append((_label_end(axes, row["value"], y, text, fontsize=8), row["value"]))
                values.append(row["value"])
            else:
                axes.bar(position + offset, row["value"], width=0.28, color=colour, alpha=alpha)
                _label_bar(axes, position + offset, row["value"], row["label"])
    if horizontal:
        _company_rows(axes, groups, locale, key="tick")
        axes.set_xlabel(_millions(currency, locale))
        _fit_labels(figure, axes, labels, min(values), max(values))
    else:
        ticks = [_tick_text(group["company"], group["tick"]) for group in groups]
        axes.set_xticks(range(len(groups)), ticks, fontsize=_tick_size(len(groups)))
        axes.set_ylabel(_millions(currency, locale))
        axes.margins(y=0.2)
    described = []
    for group in sorted(groups, key=lambda group: group["company"]):
        for index, row in enumerate(group["rows"]):
            if index == 0 and len(group["rows"]) == 2:
                implied = row["derived"] == "implied"
                kind = tr(
                    "previous period implied by the stated growth" if implied else "previous period, reported", locale
                )
            else:
                kind = tr("current period", locale)
            label = f"{group['company']} {kind} ({period_text(row, locale)})"
            described.append(tr("{label}: {value}", locale).format(label=label, value=amount_m(row["value"], locale)))
    note = tr(
        "Pale bars: previous period implied by the stated growth, revenue / (1 + growth)."
        if basis == "article"
        else "Pale bars: previous period as reported. Each period at its own rate.",
        locale,
    )
    _finish(
        figure,
        axes,
        tr(
            "Previous and current period revenue in {currency} million: {basis}\n"
            "each period translated at the {method}",
            locale,
        ).format(currency=currency, basis=tr(BASIS_LABELS[basis], locale), method=tr(METHOD_LABELS[method], locale)),
        _source_line(table, basis, locale) + " " + note,
    )
    alt = tr("Bar chart of revenue in {currency} million by period, {basis}.", locale).format(
        currency=currency, basis=tr(BASIS_LABELS[basis], locale)
    )
    return Chart(_png(figure), _alt(alt, described, locale))


@_noting_missing_glyphs
def revenue_history_chart(table: pd.DataFrame, currency: str, method: str, *, locale: str = "en") -> Chart | None:
    """Each company's revenue over three or more years as reported, beside the same years in `currency`.

    For each company whose reported group revenue covers three or more periods in its reporting
    currency (not the common currency), one row of two panels: left, the revenue as reported;
    right, each year translated into `currency` by `method`. Each bar carries its value and the
    growth over the previous year: the gap between the two panels' growth is the exchange rate's
    doing. Convenience translations are not years of their own. None when no company qualifies.

    >>> from figures.normalise import comparison_table
    >>> chart = revenue_history_chart(comparison_table(), "EUR", "average")
    >>> print(chart.alt.split(". ", 2)[2].replace("; ", ";\\n"))
    FY2016, Apr 2015–Mar 2016: 101,143 CNY million, 14,422 EUR million;
    FY2017, Apr 2016–Mar 2017: 158,273 CNY million (+56.5%), 21,443 EUR million (+48.7%);
    FY2018, Apr 2017–Mar 2018: 250,266 CNY million (+58.1%), 32,299 EUR million (+50.6%).
    >>> print(revenue_history_chart(comparison_table(), "CNY", "average"))
    None
    """
    histories = _revenue_histories(table, currency, method)
    if not histories:
        return None
    colours = table_colours(table)
    figure = Figure(figsize=(WIDTH_IN, 1.0 + 2.3 * len(histories)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    grid = figure.subplots(len(histories), 2, squeeze=False)
    in_currency = tr("{currency} million", locale)
    described = []
    for (company, own, years), (left, right) in zip(histories, grid, strict=True):
        colour = colours[company]
        ticks = [_two_lines(_short_period(year, locale)) for year in years]
        fontsize = 8 if len(years) <= 6 else 7
        panels = ((left, own, "value", {}), (right, currency, "common", {"alpha": 0.45, "hatch": "//"}))
        for axes, unit, column, style in panels:
            axes.spines[["top", "right"]].set_visible(False)
            axes.yaxis.set_major_formatter(lambda value, _: i18n.number(value, locale))
            for x, (previous, year) in enumerate(zip([None, *years], years, strict=False)):
                axes.bar(x, year[column], width=0.6, color=colour, edgecolor=colour, **style)
                growth = _growth(previous, year, column)
                label = amount_m(year[column], locale) if len(years) <= 7 else ""
                label = "\n".join(filter(None, (label, None if growth is None else percent(growth, locale))))
                _label_bar(axes, x, year[column], label, fontsize=fontsize, offset=2)
            axes.set_xticks(range(len(years)), ticks, fontsize=fontsize + 1)
            end = i18n.date(years[-1]["period_end"], locale, "day_month")
            axes.set_xlabel(tr("years ending {end}", locale).format(end=end), fontsize=8, color=MUTED)
            axes.set_ylabel(in_currency.format(currency=unit), fontsize=9)
            axes.tick_params(axis="y", labelsize=fontsize + 1)
            axes.margins(y=0.3)
        for axes, title, unit in (
            (left, tr("{company}: {currency} million, as reported", locale), own),
            (right, tr("{company}: {currency} million, translated", locale), currency),
        ):
            text = title.format(company=company, currency=unit)
            axes.set_title(_wrap(text, 46, fontsize=9, max_in=WIDTH_IN / 2 - 0.3), loc="left", fontsize=9, y=TITLE_Y)
        described.append(_history_text(company, own, currency, years, locale))
    figure.suptitle(
        _wrap(
            tr(
                "Revenue by year as reported, and in {currency} million\neach year translated at the {method}",
                locale,
            ).format(currency=currency, method=tr(METHOD_LABELS[method], locale)),
            TITLE_CHARS,
        ),
        fontsize=11,
        x=0.01,
        ha="left",
    )
    footer = (
        _source_line(table, "reported", locale)
        + " "
        + tr(
            "Under each value: growth over the previous year. The gap between the growth as reported and in"
            " {currency} is what the exchange rate did.",
            locale,
        ).format(currency=currency)
    )
    _footer(figure, footer, minimum_in=0.3)
    alt = tr(
        "Bar charts of revenue by year, as reported and translated into {currency} million at the {method}.", locale
    ).format(currency=currency, method=tr(METHOD_LABELS[method], locale))
    return Chart(_png(figure), f"{alt} {' '.join(described)}")


@_noting_missing_glyphs
def rate_history_chart(
    table: pd.DataFrame, rates: RateTable, currency: str, basis: str = "reported", *, locale: str = "en"
) -> Chart | None:
    """Daily rates behind each translation into `currency`, with the average, closing and spot marked.

    >>> from figures.normalise import comparison_table
    >>> from figures.rates import load_ecb_rates
    >>> rate_history_chart(comparison_table(), load_ecb_rates(), "EUR", "article").alt.split("; ")[0]
    'Line chart of daily exchange rates. USD to EUR average 0.8553 over Apr 2017–Mar 2018 (inferred)'
    """
    revenue = table[
        (table["basis"] == basis)
        & (table["metric"] == "revenue")
        & table["fx_method"].isin(METHODS)
        & (table["currency"] == currency)
        & (table["component"] == "")
    ]
    revenue = _without_attrs(revenue[revenue["fx_from_currency"] != currency])
    if revenue.empty:
        return None
    spot = table.attrs["spot_date"]
    bases = sorted(revenue["fx_from_currency"].unique())
    figure = Figure(figsize=(WIDTH_IN, 2.6 + 1.6 * len(bases)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    described, behind = [], []
    for index, base in enumerate(bases):
        axes = figure.add_subplot(len(bases), 1, index + 1)
        rows = revenue[revenue["fx_from_currency"] == base]
        companies = sorted(rows["company"].unique())
        behind.append(
            i18n.elide(tr("Figures translated from {base}: {companies}", locale), {"base": base}, locale).format(
                base=base, companies=", ".join(companies)
            )
        )
        if len(bases) > 1 or len(table["company"].unique()) > 2:
            axes.set_title(_wrap(behind[-1], TITLE_CHARS + 8), loc="left", fontsize=8, color=MUTED, y=TITLE_Y)
        start, end = min(rows["period_start"]), max(max(rows["period_end"]), spot)
        daily = rates.daily_rates(base, currency, start, end)
        axes.plot(daily.index, daily.to_numpy(), color=MUTED, linewidth=0.8)
        averages = rows[rows["fx_method"] == "average"].drop_duplicates(["period_start", "period_end"])
        for row in averages.to_dict("records"):
            axes.hlines(
                row["fx_rate"],
                pd.Timestamp(row["period_start"]),
                pd.Timestamp(row["period_end"]),
                color="black",
                linewidth=2,
            )
            described.append(
                tr("{base} to {currency} average {rate} over {period}", locale).format(
                    base=base,
                    currency=currency,
                    rate=_rate_text(row["fx_rate"], locale),
                    period=period_text(row, locale, fiscal=False),
                )
            )
        closings = rows[rows["fx_method"] == "closing"].drop_duplicates(["fx_last_fixing"])
        for row in closings.to_dict("records"):
            axes.plot(pd.Timestamp(row["fx_last_fixing"]), row["fx_rate"], "v", color="black", markersize=6)
            described.append(
                tr("closing {rate} on {date}", locale).format(
                    rate=_rate_text(row["fx_rate"], locale), date=i18n.date(row["fx_last_fixing"], locale)
                )
            )
        spot_row = rows[rows["fx_method"] == "spot"].iloc[0]
        # The fixing's own day: a spot date without a fixing (a Saturday) takes the one before.
        spot_rate, spot_fixing = spot_row["fx_rate"], spot_row["fx_first_fixing"]
        axes.plot(pd.Timestamp(spot_fixing), spot_rate, "o", color="black", markersize=5)
        described.append(
            tr("spot {rate} on {date}", locale).format(
                rate=_rate_text(spot_rate, locale), date=i18n.date(spot_fixing, locale)
            )
        )
        axes.set_ylabel(tr("{currency} per {base}", locale).format(currency=currency, base=base))
        axes.yaxis.set_major_formatter(_RateFormatter(locale))
        # Ticks in January and July (quarterly on short spans): room for the longest month names.
        months = (1, 7) if (end - start).days > 540 else (1, 4, 7, 10)
        axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=months))
        axes.xaxis.set_major_formatter(lambda value, _: _tick_month(value, locale))
        axes.spines[["top", "right"]].set_visible(False)
    figure.suptitle(
        _wrap(
            tr(
                "Daily ECB rates into {currency} behind {basis}\n"
                "line = average over each period, triangle = closing, dot = spot",
                locale,
            ).format(currency=currency, basis=tr(BASIS_LABELS[basis], locale)),
            TITLE_CHARS + 8,
        ),
        fontsize=10,
        x=0.01,
        ha="left",
    )
    figure.text(
        0.01,
        0.0,
        source_text(table.attrs["rates_source"], locale) + ".",
        fontsize=7,
        color=MUTED,
        ha="left",
        va="bottom",
    )
    figure.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))
    alt = tr("Line chart of daily exchange rates.", locale)
    return Chart(_png(figure), f"{_alt(alt, described, locale)} {_full_stop(i18n.semicolons(behind, locale))}")


@_noting_missing_glyphs
def bridge_chart(table: pd.DataFrame, *, locale: str = "en") -> Chart | None:
    """Waterfall from the previous year's revenue to the current one, for each company with a bridge.

    >>> from figures.normalise import comparison_table
    >>> alt = bridge_chart(comparison_table()).alt
    >>> alt.split(". ")[1]
    'Bolloré Group, in EUR million'
    >>> for step in alt.split(". ", 2)[2].split("; "):
    ...     print(step)
    2016 (approx.): 10,070
    organic growth 5.9% (reported 6%): +1,032
    change of scope: +7,383
    currency: -160
    2017: 18,325.
    """
    steps = table[(table["basis"] == "reported") & (table["fx_method"] == "none")]
    bridges = steps[steps["metric"] == "revenue_change_organic"].sort_values(["company", "period_end"])
    if bridges.empty:
        return None
    figure = Figure(figsize=(WIDTH_IN, 4.4 * len(bridges)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    colours = table_colours(table)
    described = []
    for index, organic in enumerate(bridges.to_dict("records")):
        axes = figure.add_subplot(len(bridges), 1, index + 1)
        axes.spines[["top", "right"]].set_visible(False)
        axes.yaxis.set_major_formatter(lambda value, _: i18n.number(value, locale))
        company, end = organic["company"], organic["period_end"]
        mine = steps[(steps["company"] == company) & (steps["currency"] == organic["currency"])]
        revenue = mine[(mine["metric"] == "revenue") & (mine["component"] == "")].sort_values("period_end")
        current = revenue[revenue["period_end"] == end].iloc[0]
        previous = revenue[revenue["period_end"] < end].iloc[-1]
        same_year = mine[mine["period_end"] == end]

        def amount(metric, same_year=same_year):
            rows = same_year[same_year["metric"] == metric]
            return float(rows["value"].iloc[0]) if not rows.empty else 0.0

        organic_rates = same_year[same_year["metric"] == "revenue_growth_organic"].sort_values("derivation")
        organic_label = tr("organic growth", locale)
        if len(organic_rates) == 2:  # recomputed, then stated
            recomputed, stated = organic_rates["value"]
            organic_label += "\n" + tr("{recomputed} (reported {stated})", locale).format(
                recomputed=percent(recomputed, locale, signed=False),
                stated=i18n.percent(stated, locale, signed=False, decimals=0 if float(stated).is_integer() else 1),
            )
        approx = f" ({tr('approx.', locale)})" if previous["approximate"] else ""
        labels = [
            f"{previous['fiscal_label'] or period_text(previous, locale)}{approx}",
            organic_label,
            tr("change of scope", locale),
            tr("currency", locale),
            f"{current['fiscal_label'] or period_text(current, locale)}",
        ]
        values = [
            previous["value"],
            organic["value"],
            amount("revenue_change_scope"),
            amount("revenue_change_currency"),
            current["value"],
        ]
        # A company whose colour is the rise's or the fall's: its totals are outlined.
        outline = {"edgecolor": "black", "linewidth": 0.8} if colours[company] in (RISE, FALL) else {}
        level = values[0]
        steps_text = []
        for x, (label, value) in enumerate(zip(labels, values, strict=True)):
            total = x in (0, len(values) - 1)
            bottom = 0 if total else (level if value >= 0 else level + value)
            height = value if total else abs(value)
            colour = colours[company] if total else (RISE if value >= 0 else FALL)
            axes.bar(x, height, bottom=bottom, width=0.6, color=colour, **(outline if total else {}))
            text = amount_m(value, locale) if total else i18n.signed_number(value, locale)
            _label_bar(axes, x, bottom + height, text, fontsize=9, offset=3)
            if not total:
                level += value
            steps_text.append(tr("{label}: {value}", locale).format(label=label.replace("\n", " "), value=text))
        described.append(
            tr("{company}, in {currency} million. {steps}", locale).format(
                company=company, currency=organic["currency"], steps=i18n.semicolons(steps_text, locale)
            )
        )
        axes.set_xticks(range(len(labels)), labels)
        axes.set_ylabel(_millions(organic["currency"], locale))
        axes.set_title(
            _wrap(
                tr("{company}: from {previous} to {current} revenue, {currency} million", locale).format(
                    company=company,
                    previous=period_text(previous, locale),
                    current=period_text(current, locale),
                    currency=organic["currency"],
                )
            ),
            loc="left",
            fontsize=11,
            y=TITLE_Y,
        )
    footer = (
        _source_line(table, "reported", locale)
        + " "
        + tr("Organic growth is the residual: current - previous - scope - currency.", locale)
    )
    figure.text(0.01, 0.0, footer, fontsize=7, color=MUTED, ha="left", va="bottom", wrap=True)
    bottom = max(0.06, _footer_height_in(figure, footer) / figure.get_figheight())
    figure.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    sentence = tr("Waterfall chart of the revenue bridge.", locale)
    return Chart(_png(figure), _alt(sentence, described, locale, sentences=True))


def _revenue_histories(
    table: pd.DataFrame, currency: str, method: str
) -> list[tuple[str, str, list[dict[str, object]]]]:
    """(company, reporting currency, years) for each company with three or more reported years."""
    revenue = table[(table["basis"] == "reported") & (table["metric"] == "revenue") & (table["component"] == "")]
    translated = _without_attrs(selected(revenue, currency, method))  # `selected` reads the table's currencies
    stated = _without_attrs(revenue[(revenue["fx_method"] == "none") & (revenue["derived"] == "stated")])
    histories = []
    for company, rows in stated.groupby("company", sort=True):
        # The reporting currency: the one with the most years (the latest year's, on a tie).
        counts = rows.groupby("currency")["period_end"].agg(["nunique", "max"])
        own = counts.sort_values(["nunique", "max"], ascending=False).index[0]
        if own == currency:
            continue
        rows = rows[rows["currency"] == own].sort_values("period_end").drop_duplicates("period_end", keep="last")
        common = translated[(translated["company"] == company) & (translated["fx_from_currency"] == own)]
        common = common.drop_duplicates(["period_start", "period_end"])
        years = rows.merge(
            common[["period_start", "period_end", "value", "fx_rate"]].rename(
                columns={"value": "common", "fx_rate": "common_rate"}
            ),
            on=["period_start", "period_end"],
        )
        if len(years) >= 3:
            histories.append((company, own, years.to_dict("records")))
    return histories


def _history_text(company: str, own: str, currency: str, years: list[dict[str, object]], locale: str) -> str:
    """One company's years in the alternative text: each value in both currencies, with its growth."""
    unit = tr("{currency} million", locale)
    parts = []
    for previous, year in zip([None, *years], years, strict=False):
        approx = f" ({tr('approx.', locale)})" if year["approximate"] else ""
        values = {
            "period": period_text(year, locale),
            "own_amount": f"{amount_m(year['value'], locale)} {unit.format(currency=own)}{approx}",
            "amount": f"{amount_m(year['common'], locale)} {unit.format(currency=currency)}",
        }
        if _growth(previous, year, "value") is None:
            parts.append(tr("{period}: {own_amount}, {amount}", locale).format(**values))
        else:
            values["own_growth"] = percent(_growth(previous, year, "value"), locale)
            values["growth"] = percent(_growth(previous, year, "common"), locale)
            parts.append(tr("{period}: {own_amount} ({own_growth}), {amount} ({growth})", locale).format(**values))
    heading = tr("{company} in {own} and in {currency}.", locale).format(company=company, own=own, currency=currency)
    return f"{heading} {_full_stop(i18n.semicolons(parts, locale))}"


def _growth(previous: dict[str, object] | None, year: dict[str, object], column: str) -> float | None:
    """Growth in percent of `column` over the previous year, if that year is the one just before.

    >>> import datetime as dt
    >>> y2016 = {"period_end": dt.date(2016, 12, 31), "value": 100.0}
    >>> y2017 = {"period_start": dt.date(2017, 1, 1), "value": 110.0}
    >>> _growth(y2016, y2017, "value"), _growth(None, y2017, "value")
    (10.000000000000009, None)
    """
    if previous is None or previous["period_end"] != year["period_start"] - dt.timedelta(days=1):
        return None
    return (year[column] / previous[column] - 1) * 100


def _alt(sentence: str, described: list[str], locale: str, *, sentences: bool = False) -> str:
    """A sentence, then the items it introduces (a list, or `sentences`), ending with one full stop.

    >>> _alt("A chart.", ["A: 1", "B: 2"], "en"), _alt("A chart.", [], "en"), _alt("A chart.", ["Acme Inc."], "en")
    ('A chart. A: 1; B: 2.', 'A chart.', 'A chart. Acme Inc.')
    """
    items = [item for item in described if item]
    if not items:
        return sentence
    if sentences:
        items = [item.removesuffix(".") if index < len(items) - 1 else item for index, item in enumerate(items)]
    text = ". ".join(items) if sentences else i18n.semicolons(items, locale)
    return f"{sentence} {_full_stop(text)}"


def _full_stop(text: str) -> str:
    """`text` ending with one full stop: a company name may end it with its own ("Nestlé S.A.").

    >>> _full_stop("Figures translated from CHF: Nestlé S.A."), _full_stop("from USD: Acme")
    ('Figures translated from CHF: Nestlé S.A.', 'from USD: Acme.')
    """
    return text if text.endswith(".") else f"{text}."


def _figure(locale: str, count: int = 1, *, side_by_side: bool = True, row_in: float = 0.5) -> tuple[Figure, object]:
    """One axes: bars side by side (`count` up to SIDE_BY_SIDE, labels fitting), else horizontal rows."""
    horizontal = count > SIDE_BY_SIDE or not side_by_side
    height = max(HEIGHT_IN, 1.9 + row_in * count) if horizontal else HEIGHT_IN
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)  # to measure text before drawing; savefig draws with Agg either way
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    (axes.xaxis if horizontal else axes.yaxis).set_major_formatter(lambda value, _: i18n.number(value, locale))
    axes.set_label("horizontal" if horizontal else "vertical")
    return figure, axes


def _is_horizontal(axes) -> bool:
    return axes.get_label() == "horizontal"


def _rows_top_down(count: int) -> range:
    """y positions from the top row down."""
    return range(count - 1, -1, -1)


def _side_by_side_fits(items: list[dict[str, object]], locale: str, labels=(), *, single: bool = False) -> bool:
    """Whether `items` side by side leave room for their axis labels and the bars' value labels.

    `single`: one bar per item, its label beside the bar; else two bars per item, labels above.
    """
    count = len(items)
    if count > SIDE_BY_SIDE:
        return False
    if count <= 2:
        return True  # the layout every two-company chart has had
    slot = (WIDTH_IN - 1.2) / (count + 0.5 if single else (count - 0.42) * 1.1) * DPI
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
    axes.set_title(_wrap(title), loc="left", fontsize=11, y=TITLE_Y)
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


def _without_attrs(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` (a new frame) without the table's attrs, which pandas deep-copies into every frame made from it.

    For a chart's many small selections, where nothing reads them: a tenth of a many-panel chart.
    """
    rows.attrs = {}
    return rows


def _latest_revenue(rows: pd.DataFrame) -> pd.DataFrame:
    revenue = rows[(rows["metric"] == "revenue") & (rows["component"] == "")].sort_values(["company", "period_end"])
    return revenue.groupby("company", sort=True).tail(1)


def _short_period(row: dict[str, object], locale: str) -> str:
    """A label short enough for a bar: the fiscal label, the year, or the month the year ends.

    >>> import datetime as dt
    >>> _short_period({"period_start": dt.date(2016, 4, 1), "period_end": dt.date(2017, 3, 31)}, "en")
    'year to Mar 2017'
    """
    if row.get("fiscal_label"):
        return row["fiscal_label"]
    start, end = row["period_start"], row["period_end"]
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(end.year)
    return tr("year to {end}", locale).format(end=i18n.date(end, locale, "month_year"))


def _inferred(row: dict[str, object], locale: str, before: str) -> str:
    """`before` and "inferred" for a period the source does not name (as every other label of it says), else "".

    >>> _inferred({"period_inferred": True}, "fr", "\\n("), _inferred({"period_inferred": False}, "en", " (")
    ('\\n(déduite)', '')
    """
    if not row.get("period_inferred"):
        return ""
    return f"{before}{tr('inferred', locale)}{')' if before.endswith('(') else ''}"


def _millions(currency: str, locale: str) -> str:
    return tr("{currency} million", locale).format(currency=currency)


class _RateFormatter(Formatter):
    """Rates on an axis with three decimals, or as many as tell the ticks apart (yen: 0.0075)."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.ticks: list[float] = []

    def set_locs(self, locs) -> None:
        self.ticks = list(locs)

    def __call__(self, value: float, pos=None) -> str:
        steps = [abs(b - a) for a, b in itertools.pairwise(self.ticks) if b != a]
        decimals = max(3, -math.floor(math.log10(min(steps)))) if steps else 3
        return i18n.number(value, self.locale, decimals)


def _rate_text(value: float, locale: str) -> str:
    """A rate in the alternative text: four decimals, or four significant digits when smaller (yen, won).

    >>> _rate_text(0.85534765, "en"), _rate_text(0.000766104, "en"), _rate_text(0.000736, "fr")
    ('0.8553', '0.0007661', '0,0007360')
    """
    return i18n.number(value, locale, max(4, 3 - math.floor(math.log10(abs(value)))) if value else 4)


def _tick_month(value: float, locale: str) -> str:
    return i18n.date(mdates.num2date(value).date(), locale, "month_year")


def _source_line(table: pd.DataFrame, basis: str, locale: str) -> str:
    stated = table.attrs["figure_sources"] if basis == "article" else table.attrs.get("reported_sources", "")
    return tr("Sources: {stated}; {rates}.", locale).format(
        stated=source_text(stated, locale), rates=source_text(table.attrs["rates_source"], locale)
    )


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
