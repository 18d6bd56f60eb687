"""Charts over time: each company's revenue year by year, and the exchange rates behind the translations."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from figures import i18n
from figures.charts import layout
from figures.charts.layout import (
    DPI,
    MUTED,
    TITLE_CHARS,
    TITLE_Y,
    WIDTH_IN,
    Chart,
    _AxisFormatter,
    _footer,
    _label_bar,
    _noting_missing_glyphs,
    _RateFormatter,
    _two_lines,
    _wrap,
    table_colours,
)
from figures.charts.words import (
    _alt,
    _full_stop,
    _growth,
    _history_text,
    _rate_text,
    _revenue_histories,
    _short_period,
    _source_line,
    _tick_month,
)
from figures.choices import METHODS
from figures.formats import METHOD_LABELS, amount_m, basis_label, percent, period_text, rates_text
from figures.i18n import tr
from figures.rates import RateTable
from figures.table import ComparisonTable


@_noting_missing_glyphs
def revenue_history_chart(
    table: ComparisonTable, currency: str, method: str, *, locale: str = "en", width_in: float = WIDTH_IN
) -> Chart | None:
    """Each company's revenue over three or more years as reported, beside the same years in `currency`.

    For each company whose reported group revenue covers three or more periods in its reporting
    currency (not the common currency), one row of two panels: left, the revenue as reported;
    right, each year translated into `currency` by `method`. Each bar carries its value and the
    growth over the previous year: the gap between the two panels' growth is the exchange rate's
    doing. Convenience translations are not years of their own. None when no company qualifies.

    >>> from figures.tabulate import comparison_table
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
    # Two panels a company, side by side; on a phone's width, one above the other.
    columns = 2 if width_in >= WIDTH_IN else 1
    height = 1.0 + 2.3 * len(histories) * (3 - columns)
    figure = Figure(figsize=(width_in, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    grid = figure.subplots(len(histories) * (3 - columns), columns, squeeze=False).reshape(len(histories), 2)
    in_currency = tr("{currency} million", locale)
    described = []
    for (company, own, years), (left, right) in zip(histories, grid, strict=True):
        colour = colours[company]
        ticks = [_two_lines(_short_period(year, locale)) for year in years]
        fontsize = 8 if len(years) <= 6 else 7
        panels = ((left, own, "value", {}), (right, currency, "common", {"alpha": 0.45, "hatch": "//"}))
        for axes, unit, column, style in panels:
            axes.spines[["top", "right"]].set_visible(False)
            axes.yaxis.set_major_formatter(_AxisFormatter(locale))
            for x, (previous, year) in enumerate(zip([None, *years], years, strict=False)):
                axes.bar(x, year[column], width=0.6, color=colour, edgecolor=colour, **style)
                growth = _growth(previous, year, column)
                label = amount_m(year[column], locale) if len(years) <= 7 else ""
                label = "\n".join(filter(None, (label, None if growth is None else percent(growth, locale))))
                _label_bar(axes, x, year[column], label, fontsize=fontsize, offset=2)
            axes.set_xticks(range(len(years)), ticks, fontsize=fontsize + 1)
            axes.set_xlabel(_years_ending(years, locale), fontsize=8, color=MUTED)
            axes.set_ylabel(in_currency.format(currency=unit), fontsize=9)
            axes.tick_params(axis="y", labelsize=fontsize + 1)
            axes.margins(y=0.3)
        for axes, title, unit in (
            (left, tr("{company}: {currency} million, as reported", locale), own),
            (right, tr("{company}: {currency} million, translated", locale), currency),
        ):
            text = title.format(company=company, currency=unit)
            axes.set_title(
                _wrap(text, 46, fontsize=9, max_in=width_in / columns - 0.3), loc="left", fontsize=9, y=TITLE_Y
            )
        described.append(_history_text(company, own, currency, years, locale))
    figure.suptitle(
        _wrap(
            tr(
                "Revenue by year as reported, and in {currency} million\neach year translated at the {method}",
                locale,
            ).format(currency=currency, method=tr(METHOD_LABELS[method], locale)),
            TITLE_CHARS,
            max_in=width_in - 0.4,
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
    return layout._chart(figure, f"{alt} {' '.join(described)}")


@_noting_missing_glyphs
def rate_history_chart(
    table: ComparisonTable,
    rates: RateTable,
    currency: str,
    basis: str = "reported",
    *,
    locale: str = "en",
    width_in: float = WIDTH_IN,
) -> Chart | None:
    """Daily rates behind each translation into `currency`, with the average, closing and spot marked.

    >>> from figures.tabulate import comparison_table
    >>> from figures.rates import load_ecb_rates
    >>> rate_history_chart(comparison_table(), load_ecb_rates(), "EUR", "article").alt.split("; ")[0]
    'Line chart of daily exchange rates. USD to EUR average 0.8553 over Apr 2017–Mar 2018 (inferred)'
    """
    revenue = table.rows[
        (table.rows["basis"] == basis)
        & (table.rows["metric"] == "revenue")
        & table.rows["fx_method"].isin(METHODS)
        & (table.rows["currency"] == currency)
        & (table.rows["component"] == "")
    ]
    revenue = revenue[revenue["fx_from_currency"] != currency]
    if revenue.empty:
        return None
    spot = table.spot_date
    bases = sorted(revenue["fx_from_currency"].unique())
    figure = Figure(figsize=(width_in, 2.6 + 1.6 * len(bases)), dpi=DPI, layout="constrained")
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
        if len(bases) > 1 or len(table.rows["company"].unique()) > 2:
            axes.set_title(
                _wrap(behind[-1], TITLE_CHARS + 8, max_in=width_in - 0.4),
                loc="left",
                fontsize=8,
                color=MUTED,
                y=TITLE_Y,
            )
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
        _date_ticks(axes, DATE_TICKS if width_in >= WIDTH_IN else NARROW_DATE_TICKS, locale)
        axes.spines[["top", "right"]].set_visible(False)
    figure.suptitle(
        _wrap(
            tr(
                "Daily ECB rates into {currency} behind {basis}\n"
                "line = average over each period, triangle = closing, dot = spot",
                locale,
            ).format(currency=currency, basis=basis_label(table, basis, locale)),
            TITLE_CHARS + 8,
            fontsize=10,
            max_in=width_in - 0.4,
        ),
        fontsize=10,
        x=0.01,
        ha="left",
    )
    footer = rates_text(table.rates_source, locale) + "."
    if width_in < WIDTH_IN:  # on two lines or more
        _footer(figure, footer, minimum_in=0.04 * figure.get_figheight())
    else:
        figure.text(0.01, 0.0, footer, fontsize=7, color=MUTED, ha="left", va="bottom")
        figure.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))
    alt = tr("Line chart of daily exchange rates.", locale)
    return layout._chart(figure, f"{_alt(alt, described, locale)} {_full_stop(i18n.semicolons(behind, locale))}")


DATE_TICKS, NARROW_DATE_TICKS = 7, 4
"""The most dates a daily-rate chart's time axis names, at a desktop's width (7.5 inches) and at a phone's (4): room
for the longest month names ("janv. 2018", "sept. 2018") with space between them."""
_TICK_MONTHS = (1, 2, 3, 6, 12, 24, 36, 60, 120)
"""Steps between the axis's dates, in months: a month, a quarter, half a year, a year, then years."""


def _date_ticks(axes, most: int, locale: str) -> None:
    """The time axis's dates: the shortest step of `_TICK_MONTHS` that names at most `most` dates over the axis's
    span; month and year in the reader's words ("Jul 2017", "juil. 2017"), or the year alone for a step of two
    years or more ("2010"), as over a decade of rates.

    >>> from matplotlib.figure import Figure
    >>> axes = Figure().subplots()
    >>> _ = axes.plot([dt.date(2008, 1, 1), dt.date(2019, 7, 1)], [1, 2])
    >>> _date_ticks(axes, 6, "en")
    >>> [axes.xaxis.get_major_formatter()(tick, 0) for tick in axes.get_xticks() if _in_view(axes, tick)]
    ['2010', '2013', '2016', '2019']
    >>> _ = axes.set_xlim(dt.date(2016, 3, 1), dt.date(2018, 8, 1))
    >>> _date_ticks(axes, 6, "fr")
    >>> [axes.xaxis.get_major_formatter()(tick, 0) for tick in axes.get_xticks() if _in_view(axes, tick)]
    ['juil. 2016', 'janv. 2017', 'juil. 2017', 'janv. 2018', 'juil. 2018']
    """
    low, high = sorted(axes.get_xlim())
    for months in _TICK_MONTHS:
        if months < 12:
            locator = mdates.MonthLocator(bymonth=range(1, 13, months))
        else:
            locator = mdates.YearLocator(base=months // 12, month=1, day=1)
        ticks = locator.tick_values(mdates.num2date(low), mdates.num2date(high))
        if sum(low <= tick <= high for tick in ticks) <= most:
            break
    axes.xaxis.set_major_locator(locator)
    if months > 12:
        axes.xaxis.set_major_formatter(lambda value, _: str(mdates.num2date(value).year))
    else:
        axes.xaxis.set_major_formatter(lambda value, _: _tick_month(value, locale))


def _in_view(axes, tick: float) -> bool:
    """Whether a tick of the x axis lies within the axis's view (a locator gives one or two beyond it)."""
    low, high = sorted(axes.get_xlim())
    return low <= tick <= high


def _years_ending(years: list[dict[str, object]], locale: str) -> str:
    """When the years end: one day of the year, or the earliest and latest (a 52/53-week year moves).

    >>> import datetime as dt
    >>> ends = [dt.date(2022, 9, 24), dt.date(2023, 9, 30), dt.date(2024, 9, 28)]
    >>> _years_ending([{"period_end": end} for end in ends], "en"), _years_ending([{"period_end": ends[0]}], "en")
    ('years ending 24 Sep to 30 Sep', 'years ending 24 Sep')
    """
    days = sorted({(year["period_end"].month, year["period_end"].day) for year in years})
    first, last = (i18n.date(dt.date(2000, *day), locale, "day_month") for day in (days[0], days[-1]))
    if first == last:
        return tr("years ending {end}", locale).format(end=first)
    return tr("years ending {first} to {last}", locale).format(first=first, last=last)
