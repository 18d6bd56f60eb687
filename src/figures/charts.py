"""Side-by-side charts in a common currency, each carrying its units, periods and source.

Each chart function returns a `Chart`: the PNG bytes (drawn at twice their display size, sharp on
high-density screens) and an alternative text that states what the chart shows, numbers included.
Colours are Okabe & Ito's colour-blind-safe palette, one per company in every chart; values are
labelled on the bars rather than in a legend. Figures are drawn without pyplot: nothing global
is touched. Every chart takes `locale` for its words, numbers and dates.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from figures import i18n
from figures.choices import METHODS
from figures.i18n import tr
from figures.normalise import selected
from figures.present import BASIS_LABELS, METHOD_LABELS, amount_m, percent, period_text
from figures.rates import RateTable

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
RISE, FALL, MUTED = "#009E73", "#D55E00", "#7f7f7f"
DPI = 200
WIDTH_IN = 7.5
TITLE_CHARS = 80  # what fits on one line of a title at 11 pt across WIDTH_IN


@dataclass(frozen=True)
class Chart:
    """A rendered chart: PNG bytes (drawn at twice the display size) and its alternative text.

    >>> Chart(b"\\x89PNG", "A bar chart.").width_px
    750
    """

    png: bytes
    alt: str
    width_px: int = int(WIDTH_IN * DPI / 2)


def company_colours(companies: list[str]) -> dict[str, str]:
    """The same colour for the same company in every chart.

    >>> company_colours(["Bolloré Group", "Alibaba Group"])
    {'Alibaba Group': '#0072B2', 'Bolloré Group': '#E69F00'}
    """
    return {company: PALETTE[i % len(PALETTE)] for i, company in enumerate(sorted(companies))}


def revenue_chart(table: pd.DataFrame, currency: str, method: str, basis: str = "reported", *, locale: str = "en"):
    """Latest revenue per company in `currency`, with the range spanned by the three methods.

    >>> from figures.normalise import comparison_table
    >>> revenue_chart(comparison_table(), "EUR", "average").alt.split(". ")[1].split("; ")[0]
    'Alibaba Group (FY2018, Apr 2017–Mar 2018): 32,299 (range 32,299 to 32,306 across methods)'
    """
    chosen = _latest_revenue(selected(table, currency, method, basis))
    everyone = table[
        (table["basis"] == basis)
        & (table["currency"] == currency)
        & (table["metric"] == "revenue")
        & table["fx_method"].isin(METHODS)
    ]
    colours = company_colours(list(chosen["company"]))
    figure, axes = _figure(locale)
    described = []
    for x, row in enumerate(chosen.to_dict("records")):
        methods = everyone[(everyone["company"] == row["company"]) & (everyone["period_end"] == row["period_end"])]
        low, high = methods["value"].min(), methods["value"].max()
        axes.bar(x, row["value"], width=0.55, color=colours[row["company"]])
        axes.vlines(x, low, high, color="black", linewidth=1.2)
        axes.hlines([low, high], x - 0.08, x + 0.08, color="black", linewidth=1.2)
        label = amount_m(row["value"], locale) + (f" ({tr('approx.', locale)})" if row["approximate"] else "")
        axes.annotate(label, (x + 0.3, row["value"]), va="center", ha="left", fontsize=10, fontweight="bold")
        described.append(
            tr("{company} ({period}): {value} (range {low} to {high} across methods)", locale).format(
                company=row["company"],
                period=period_text(row, locale),
                value=amount_m(row["value"], locale),
                low=amount_m(low, locale),
                high=amount_m(high, locale),
            )
        )
    _company_axis(axes, chosen, locale)
    axes.set_ylabel(_millions(currency, locale))
    axes.set_xlim(-0.6, len(chosen) - 0.1)
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
    return Chart(_png(figure), f"{alt} {'; '.join(described)}.")


def growth_chart(table: pd.DataFrame, currency: str, method: str, basis: str = "reported", *, locale: str = "en"):
    """Growth as stated beside growth recomputed in `currency`, per company, latest period.

    >>> from figures.normalise import comparison_table
    >>> "+58.0% as stated in CNY, +50.6% recomputed in EUR" in growth_chart(comparison_table(), "EUR", "average").alt
    True
    """
    growth = table[(table["metric"] == "revenue_growth") & (table["basis"] == basis)]
    growth = growth[growth["period_end"] == growth.groupby("company")["period_end"].transform("max")]
    stated = growth[(growth["fx_method"] == "none") & (growth["derivation"] == "stated in the source")]
    stated = stated.sort_values("company")
    recomputed = selected(growth, currency, method).set_index("company")["value"]
    colours = company_colours(list(stated["company"]))
    figure, axes = _figure(locale)
    described = []
    for x, row in enumerate(stated.to_dict("records")):
        colour = colours[row["company"]]
        axes.bar(x - 0.15, row["value"], width=0.28, color=colour)
        _label_bar(
            axes, x - 0.15, row["value"], f"{percent(row['value'], locale)}\n{tr('stated', locale)} ({row['currency']})"
        )
        text = tr("{company} ({period}): {growth} as stated in {currency}", locale).format(
            company=row["company"],
            period=period_text(row, locale),
            growth=percent(row["value"], locale),
            currency=row["currency"],
        )
        if row["company"] in recomputed:
            value = recomputed[row["company"]]
            axes.bar(x + 0.15, value, width=0.28, color=colour, alpha=0.45, hatch="//", edgecolor=colour)
            _label_bar(axes, x + 0.15, value, f"{percent(value, locale)}\n{tr('in', locale)} {currency}")
            text += ", " + tr("{growth} recomputed in {currency}", locale).format(
                growth=percent(value, locale), currency=currency
            )
        described.append(text)
    _company_axis(axes, stated, locale)
    axes.set_ylabel(tr("growth over the previous period, %", locale))
    axes.axhline(0, color="black", linewidth=0.8)
    axes.margins(y=0.25)
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
    return Chart(_png(figure), f"{alt} {'; '.join(described)}.")


def prior_current_chart(
    table: pd.DataFrame, currency: str, method: str, basis: str = "reported", *, locale: str = "en"
):
    """Previous period beside the current one, in `currency`: reported, or implied by the stated growth.

    >>> from figures.normalise import comparison_table
    >>> "Bolloré Group previous period, reported (2016, Jan–Dec 2016): 10,070" in prior_current_chart(
    ...     comparison_table(), "EUR", "average").alt
    True
    """
    revenue = selected(table, currency, method, basis)
    revenue = revenue[(revenue["metric"] == "revenue") & (revenue["component"] == "")]
    revenue = revenue.sort_values(["company", "period_end"])
    colours = company_colours(list(revenue["company"].unique()))
    figure, axes = _figure(locale)
    described, ticks = [], []
    for x, (company, group) in enumerate(revenue.groupby("company", sort=True)):
        group = group.tail(2)
        offsets = (-0.15, 0.15) if len(group) == 2 else (0.0,)
        for offset, row in zip(offsets, group.to_dict("records"), strict=True):
            is_prior = offset < 0
            implied = row["derivation"].startswith("implied")
            axes.bar(x + offset, row["value"], width=0.28, color=colours[company], alpha=0.45 if is_prior else 1.0)
            _label_bar(
                axes,
                x + offset,
                row["value"],
                f"{amount_m(row['value'], locale)}\n{_short_period(row, locale)}",
            )
            if is_prior:
                kind = "previous period implied by the stated growth" if implied else "previous period, reported"
            else:
                kind = "current period"
            described.append(
                f"{company} {tr(kind, locale)} ({period_text(row, locale)}): {amount_m(row['value'], locale)}"
            )
        end = i18n.date(group["period_end"].iloc[-1], locale, "day_month")
        ticks.append(f"{company}\n{tr('years ending {end}', locale).format(end=end)}")
    axes.set_xticks(range(len(ticks)), ticks)
    axes.set_ylabel(_millions(currency, locale))
    axes.margins(y=0.2)
    note = (
        "Pale bars: previous period implied by the stated growth, revenue / (1 + growth)."
        if basis == "article"
        else "Pale bars: previous period as reported. Each period at its own rate."
    )
    _finish(
        figure,
        axes,
        tr(
            "Previous and current period revenue in {currency} million: {basis}\n"
            "each period translated at the {method}",
            locale,
        ).format(currency=currency, basis=tr(BASIS_LABELS[basis], locale), method=tr(METHOD_LABELS[method], locale)),
        _source_line(table, basis, locale) + " " + tr(note, locale),
    )
    alt = tr("Bar chart of revenue in {currency} million by period, {basis}.", locale).format(
        currency=currency, basis=tr(BASIS_LABELS[basis], locale)
    )
    return Chart(_png(figure), f"{alt} {'; '.join(described)}.")


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
    revenue = revenue[revenue["fx_from_currency"] != currency]
    if revenue.empty:
        return None
    spot = table.attrs["spot_date"]
    bases = sorted(revenue["fx_from_currency"].unique())
    figure = Figure(figsize=(WIDTH_IN, 2.6 + 1.6 * len(bases)), dpi=DPI, layout="constrained")
    described = []
    for index, base in enumerate(bases):
        axes = figure.add_subplot(len(bases), 1, index + 1)
        rows = revenue[revenue["fx_from_currency"] == base]
        start, end = min(rows["period_start"]), max(max(rows["period_end"]), spot)
        daily = rates.daily_rates(base, currency, start, end)
        axes.plot(daily.index, daily.to_numpy(), color=MUTED, linewidth=0.8)
        for row in rows[rows["fx_method"] == "average"].to_dict("records"):
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
                    rate=i18n.number(row["fx_rate"], locale, 4),
                    period=period_text(row, locale, fiscal=False),
                )
            )
        for row in rows[rows["fx_method"] == "closing"].to_dict("records"):
            axes.plot(pd.Timestamp(row["fx_last_fixing"]), row["fx_rate"], "v", color="black", markersize=6)
            described.append(
                tr("closing {rate} on {date}", locale).format(
                    rate=i18n.number(row["fx_rate"], locale, 4), date=i18n.date(row["fx_last_fixing"], locale)
                )
            )
        spot_rate = rows[rows["fx_method"] == "spot"]["fx_rate"].iloc[0]
        axes.plot(pd.Timestamp(spot), spot_rate, "o", color="black", markersize=5)
        described.append(
            tr("spot {rate} on {date}", locale).format(
                rate=i18n.number(spot_rate, locale, 4), date=i18n.date(spot, locale)
            )
        )
        axes.set_ylabel(tr("{currency} per {base}", locale).format(currency=currency, base=base))
        axes.yaxis.set_major_formatter(lambda value, _: i18n.number(value, locale, 3))
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
    figure.text(0.01, 0.0, table.attrs["rates_source"] + ".", fontsize=7, color=MUTED, ha="left", va="bottom")
    figure.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))
    alt = tr("Line chart of daily exchange rates.", locale)
    return Chart(_png(figure), f"{alt} {'; '.join(described)}.")


def bridge_chart(table: pd.DataFrame, *, locale: str = "en") -> Chart | None:
    """Waterfall from the previous year's revenue to the current one, for each company with a bridge.

    >>> from figures.normalise import comparison_table
    >>> for step in bridge_chart(comparison_table()).alt.split(". ", 1)[1].split("; "):
    ...     print(step)
    2016 (approx.): 10,070
    organic growth 5.9% (reported 6%): +1,032
    change of scope: +7,383
    currency: -160
    2017: 18,325.
    """
    steps = table[(table["basis"] == "reported") & (table["fx_method"] == "none")]
    bridges = steps[steps["metric"] == "revenue_change_organic"]
    if bridges.empty:
        return None
    figure = Figure(figsize=(WIDTH_IN, 4.4 * len(bridges)), dpi=DPI, layout="constrained")
    colours = company_colours(list(table["company"].unique()))
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
                stated=i18n.percent(stated, locale, signed=False, decimals=0),
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
        level = values[0]
        for x, (label, value) in enumerate(zip(labels, values, strict=True)):
            total = x in (0, len(values) - 1)
            bottom = 0 if total else (level if value >= 0 else level + value)
            height = value if total else abs(value)
            colour = colours[company] if total else (RISE if value >= 0 else FALL)
            axes.bar(x, height, bottom=bottom, width=0.6, color=colour)
            text = amount_m(value, locale) if total else i18n.signed_number(value, locale)
            _label_bar(axes, x, bottom + height, text, fontsize=9, offset=3)
            if not total:
                level += value
            described.append(f"{label.replace(chr(10), ' ')}: {text}")
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
        )
    figure.text(
        0.01,
        0.0,
        _source_line(table, "reported", locale)
        + " "
        + tr("Organic growth is the residual: current - previous - scope - currency.", locale),
        fontsize=7,
        color=MUTED,
        ha="left",
        va="bottom",
        wrap=True,
    )
    figure.get_layout_engine().set(rect=(0, 0.06, 1, 0.94))
    return Chart(_png(figure), f"{tr('Waterfall chart of the revenue bridge.', locale)} {'; '.join(described)}.")


def _figure(locale: str) -> tuple[Figure, object]:
    figure = Figure(figsize=(WIDTH_IN, 4.2), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.yaxis.set_major_formatter(lambda value, _: i18n.number(value, locale))
    return figure, axes


def _label_bar(axes, x: float, y: float, text: str, *, fontsize: float = 9, offset: float = 4) -> None:
    axes.annotate(
        text, (x, y), xytext=(0, offset), textcoords="offset points", ha="center", va="bottom", fontsize=fontsize
    )


def _company_axis(axes, rows: pd.DataFrame, locale: str) -> None:
    labels = [f"{row['company']}\n{period_text(row, locale)}" for row in rows.to_dict("records")]
    axes.set_xticks(range(len(labels)), labels)


def _wrap(title: str, width: int = TITLE_CHARS) -> str:
    """Titles wrapped to the figure's width, whatever the language's length.

    >>> print(_wrap("Chiffre d'affaires de la période précédente et de la période en cours, en millions de EUR"))
    Chiffre d'affaires de la période précédente et de la période en cours, en
    millions de EUR
    """
    return "\n".join(textwrap.fill(line, width) for line in title.split("\n"))


def _finish(figure: Figure, axes, title: str, footer: str) -> None:
    axes.set_title(_wrap(title), loc="left", fontsize=11)
    figure.text(0.01, 0.0, footer, fontsize=7, color=MUTED, ha="left", va="bottom", wrap=True)
    figure.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))


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


def _millions(currency: str, locale: str) -> str:
    return tr("{currency} million", locale).format(currency=currency)


def _tick_month(value: float, locale: str) -> str:
    return i18n.date(mdates.num2date(value).date(), locale, "month_year")


def _source_line(table: pd.DataFrame, basis: str, locale: str) -> str:
    stated = table.attrs["figure_sources"] if basis == "article" else table.attrs.get("reported_sources", "")
    return tr("Sources: {stated}; {rates}.", locale).format(stated=stated, rates=table.attrs["rates_source"])


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No software tag: the bytes depend on the drawing only.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
