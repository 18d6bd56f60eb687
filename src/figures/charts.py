"""Side-by-side charts in a common currency, each carrying its units, periods and source.

Each chart function returns a `Chart`: the PNG bytes and an alternative text that states what the
chart shows, numbers included. Figures are drawn without pyplot, so nothing global is touched.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from figures.choices import METHODS
from figures.normalise import selected
from figures.present import BASIS_LABELS, METHOD_LABELS, amount_m, percent, period_label
from figures.rates import RateTable

# Okabe & Ito's colour-blind-safe palette; companies take colours in name order, in every chart.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
MUTED = "#7f7f7f"
DPI = 200
WIDTH_IN = 7.5


@dataclass(frozen=True)
class Chart:
    """A rendered chart: PNG bytes (drawn at twice the display size) and its alternative text."""

    png: bytes
    alt: str
    width_px: int = int(WIDTH_IN * DPI / 2)


def company_colours(companies: list[str]) -> dict[str, str]:
    """The same colour for the same company in every chart."""
    return {company: PALETTE[i % len(PALETTE)] for i, company in enumerate(sorted(companies))}


def revenue_chart(table: pd.DataFrame, currency: str, method: str, basis: str = "reported") -> Chart:
    """Latest revenue per company in `currency`, with the range spanned by the three methods."""
    chosen = _latest_revenue(selected(table, currency, method, basis))
    everyone = table[
        (table["basis"] == basis)
        & (table["currency"] == currency)
        & (table["metric"] == "revenue")
        & table["fx_method"].isin(METHODS)
    ]
    colours = company_colours(list(chosen["company"]))
    figure, axes = _figure()
    described = []
    for x, row in enumerate(chosen.to_dict("records")):
        methods = everyone[(everyone["company"] == row["company"]) & (everyone["period_end"] == row["period_end"])]
        low, high = methods["value"].min(), methods["value"].max()
        axes.bar(x, row["value"], width=0.55, color=colours[row["company"]])
        axes.vlines(x, low, high, color="black", linewidth=1.2)
        axes.hlines([low, high], x - 0.08, x + 0.08, color="black", linewidth=1.2)
        label = amount_m(row["value"]) + (" (approx.)" if row["approximate"] else "")
        axes.annotate(label, (x + 0.3, row["value"]), va="center", ha="left", fontsize=10, fontweight="bold")
        described.append(
            f"{row['company']} ({_period(row)}): {amount_m(row['value'])}"
            f" (range {amount_m(low)} to {amount_m(high)} across methods)"
        )
    _company_axis(axes, chosen)
    axes.set_ylabel(f"{currency} million")
    axes.set_xlim(-0.6, len(chosen) - 0.1)
    _finish(
        figure,
        axes,
        f"Revenue in {currency} million: {BASIS_LABELS[basis]}\ntranslated at the {METHOD_LABELS[method]}",
        _source_line(table, basis) + f" Black bars: range across the {', '.join(METHODS)} methods"
        f" (spot: {table.attrs['spot_date']}).",
    )
    alt = (
        f"Bar chart of revenue in {currency} million, {METHOD_LABELS[method]}, {BASIS_LABELS[basis]}. "
        + "; ".join(described)
        + "."
    )
    return Chart(_png(figure), alt)


def growth_chart(table: pd.DataFrame, currency: str, method: str, basis: str = "reported") -> Chart:
    """Growth as stated beside growth recomputed in `currency`, per company, latest period."""
    growth = table[(table["metric"] == "revenue_growth") & (table["basis"] == basis)]
    growth = growth[growth["period_end"] == growth.groupby("company")["period_end"].transform("max")]
    stated = growth[(growth["fx_method"] == "none") & (growth["derivation"] == "stated in the source")]
    stated = stated.sort_values("company")
    recomputed = selected(growth, currency, method).set_index("company")["value"]
    colours = company_colours(list(stated["company"]))
    figure, axes = _figure()
    described = []
    for x, row in enumerate(stated.to_dict("records")):
        colour = colours[row["company"]]
        axes.bar(x - 0.15, row["value"], width=0.28, color=colour)
        axes.annotate(
            f"{percent(row['value'])}\nstated ({row['currency']})",
            (x - 0.15, row["value"]),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
        )
        text = f"{row['company']} ({_period(row)}): {percent(row['value'])} as stated in {row['currency']}"
        if row["company"] in recomputed:
            value = recomputed[row["company"]]
            axes.bar(x + 0.15, value, width=0.28, color=colour, alpha=0.45, hatch="//", edgecolor=colour)
            axes.annotate(
                f"{percent(value)}\nin {currency}",
                (x + 0.15, value),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=9,
            )
            text += f", {percent(value)} recomputed in {currency}"
        described.append(text)
    _company_axis(axes, stated)
    axes.set_ylabel("growth over the previous period, %")
    axes.axhline(0, color="black", linewidth=0.8)
    axes.margins(y=0.25)
    _finish(
        figure,
        axes,
        f"Revenue growth: {BASIS_LABELS[basis]}\nas stated, and recomputed in {currency} ({METHOD_LABELS[method]})",
        _source_line(table, basis) + f" {BASIS_LABELS[basis].capitalize()}. Recomputed: both years translated,"
        " each at its own rate.",
    )
    alt = f"Bar chart of revenue growth in percent, {BASIS_LABELS[basis]}. {'; '.join(described)}."
    return Chart(_png(figure), alt)


def prior_current_chart(table: pd.DataFrame, currency: str, method: str, basis: str = "reported") -> Chart:
    """Previous period beside the current one, in `currency`: reported, or implied by the stated growth."""
    revenue = selected(table, currency, method, basis)
    revenue = revenue[(revenue["metric"] == "revenue") & (revenue["component"] == "")]
    revenue = revenue.sort_values(["company", "period_end"])
    colours = company_colours(list(revenue["company"].unique()))
    figure, axes = _figure()
    described, ticks = [], []
    for x, (company, group) in enumerate(revenue.groupby("company", sort=True)):
        group = group.tail(2)
        offsets = (-0.15, 0.15) if len(group) == 2 else (0.0,)
        for offset, row in zip(offsets, group.to_dict("records"), strict=True):
            is_prior = offset < 0
            implied = row["derivation"].startswith("implied")
            axes.bar(x + offset, row["value"], width=0.28, color=colours[company], alpha=0.45 if is_prior else 1.0)
            axes.annotate(
                f"{amount_m(row['value'])}\n{row['fiscal_label'] or _period(row)}",
                (x + offset, row["value"]),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8.5,
            )
            previous = "previous period implied by the stated growth" if implied else "previous period, reported"
            kind = previous if is_prior else "current period"
            described.append(f"{company} {kind} ({_period(row)}): {amount_m(row['value'])}")
        ticks.append(f"{company}\nyears ending {group['period_end'].iloc[-1]:%-d %b}")
    axes.set_xticks(range(len(ticks)), ticks)
    axes.set_ylabel(f"{currency} million")
    axes.margins(y=0.2)
    _finish(
        figure,
        axes,
        f"Previous and current period revenue in {currency} million: {BASIS_LABELS[basis]}\n"
        f"each period translated at the {METHOD_LABELS[method]}",
        _source_line(table, basis)
        + (
            " Pale bars: previous period implied by the stated growth, revenue / (1 + growth)."
            if basis == "article"
            else " Pale bars: previous period as reported. Each period at its own rate."
        ),
    )
    alt = f"Bar chart of revenue in {currency} million by period, {BASIS_LABELS[basis]}. {'; '.join(described)}."
    return Chart(_png(figure), alt)


def rate_history_chart(table: pd.DataFrame, rates: RateTable, currency: str, basis: str = "reported") -> Chart | None:
    """Daily rates behind each translation into `currency`, with the average, closing and spot marked."""
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
            described.append(f"{base} to {currency} average {row['fx_rate']:.4f} over {_period(row)}")
        for row in rows[rows["fx_method"] == "closing"].to_dict("records"):
            axes.plot(pd.Timestamp(row["fx_last_fixing"]), row["fx_rate"], "v", color="black", markersize=6)
            described.append(f"closing {row['fx_rate']:.4f} on {row['fx_last_fixing']}")
        spot_rate = rows[rows["fx_method"] == "spot"]["fx_rate"].iloc[0]
        axes.plot(pd.Timestamp(spot), spot_rate, "o", color="black", markersize=5)
        described.append(f"spot {spot_rate:.4f} on {spot}")
        axes.set_ylabel(f"{currency} per {base}")
        axes.spines[["top", "right"]].set_visible(False)
    figure.suptitle(
        f"Daily ECB rates into {currency} behind {BASIS_LABELS[basis]}\n"
        "line = average over each period, triangle = closing, dot = spot",
        fontsize=10,
        x=0.01,
        ha="left",
    )
    figure.text(0.01, 0.0, table.attrs["rates_source"] + ".", fontsize=7, color=MUTED, ha="left", va="bottom")
    figure.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))
    return Chart(_png(figure), f"Line chart of daily exchange rates. {'; '.join(described)}.")


def _figure() -> tuple[Figure, object]:
    figure = Figure(figsize=(WIDTH_IN, 4.2), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    return figure, axes


def _company_axis(axes, rows: pd.DataFrame) -> None:
    labels = [
        f"{row['company']}\n{_period(row)}" + (" (inferred)" if row["period_inferred"] else "")
        for row in rows.to_dict("records")
    ]
    axes.set_xticks(range(len(labels)), labels)


def _finish(figure: Figure, axes, title: str, footer: str) -> None:
    axes.set_title(title, loc="left", fontsize=11)
    figure.text(0.01, 0.0, footer, fontsize=7, color=MUTED, ha="left", va="bottom", wrap=True)
    figure.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))


def _latest_revenue(rows: pd.DataFrame) -> pd.DataFrame:
    revenue = rows[rows["metric"] == "revenue"].sort_values(["company", "period_end"])
    return revenue.groupby("company", sort=True).tail(1)


def _period(row: dict[str, object]) -> str:
    label = period_label(row["period_start"], row["period_end"])
    return f"{row['fiscal_label']}, {label}" if row.get("fiscal_label") else label


def _source_line(table: pd.DataFrame, basis: str = "article") -> str:
    stated = table.attrs["figure_sources"] if basis == "article" else table.attrs.get("reported_sources", "")
    return f"Sources: {stated}; {table.attrs['rates_source']}."


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No software tag: the bytes depend on the drawing only.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def bridge_chart(table: pd.DataFrame) -> Chart | None:
    """Waterfall from the previous year's revenue to the current one, for each company with a bridge."""
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
        axes.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
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
        organic_label = "organic growth"
        if len(organic_rates) == 2:  # recomputed, then stated
            recomputed, stated = organic_rates["value"]
            organic_label += f"\n{recomputed:.1f}% (reported {stated:g}%)"
        labels = [
            f"{previous['fiscal_label'] or _period(previous)}" + (" (approx.)" if previous["approximate"] else ""),
            organic_label,
            "change of scope",
            "currency",
            f"{current['fiscal_label'] or _period(current)}",
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
            colour = colours[company] if total else ("#009E73" if value >= 0 else "#D55E00")
            axes.bar(x, height, bottom=bottom, width=0.6, color=colour)
            text = amount_m(value) if total else f"{value:+,.0f}"
            axes.annotate(
                text,
                (x, bottom + height),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=9,
            )
            if not total:
                level += value
            described.append(f"{label.replace(chr(10), ' ')}: {text}")
        axes.set_xticks(range(len(labels)), labels)
        axes.set_ylabel(f"{organic['currency']} million")
        axes.set_title(
            f"{company}: from {_period(previous)} to {_period(current)} revenue, {organic['currency']} million",
            loc="left",
            fontsize=11,
        )
    figure.text(
        0.01,
        0.0,
        _source_line(table, "reported") + " Organic growth is the residual: current - previous - scope - currency.",
        fontsize=7,
        color=MUTED,
        ha="left",
        va="bottom",
        wrap=True,
    )
    figure.get_layout_engine().set(rect=(0, 0.06, 1, 0.94))
    return Chart(_png(figure), f"Waterfall chart of the revenue bridge. {'; '.join(described)}.")
