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
from figures.present import METHOD_LABELS, amount_m, percent, period_label
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


def revenue_chart(table: pd.DataFrame, currency: str, method: str) -> Chart:
    """Current-period revenue per company in `currency`, with the range spanned by all methods."""
    chosen = _latest_revenue(selected(table, currency, method))
    everyone = table[(table["currency"] == currency) & (table["metric"] == "revenue") & (table["fx_method"] != "none")]
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
        f"Revenue in {currency} million, translated at the {METHOD_LABELS[method]}",
        _source_line(table) + f" Black bars: range across the {', '.join(METHODS)} methods"
        f" (spot: {table.attrs['spot_date']}).",
    )
    alt = f"Bar chart of revenue in {currency} million, {METHOD_LABELS[method]}. " + "; ".join(described) + "."
    return Chart(_png(figure), alt)


def growth_chart(table: pd.DataFrame, currency: str, method: str) -> Chart:
    """Growth as stated beside growth recomputed in `currency`, per company."""
    growth = table[table["metric"] == "revenue_growth"]
    stated = growth[growth["fx_method"] == "none"].sort_values("company")
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
        f"Revenue growth: as stated, and recomputed in {currency} ({METHOD_LABELS[method]})",
        _source_line(table) + " Recomputed: both years translated, each at its own rate.",
    )
    return Chart(_png(figure), f"Bar chart of revenue growth in percent. {'; '.join(described)}.")


def prior_current_chart(table: pd.DataFrame, currency: str, method: str) -> Chart:
    """Previous period (implied by the stated growth) beside the current period, in `currency`."""
    revenue = selected(table, currency, method)
    revenue = revenue[revenue["metric"] == "revenue"].sort_values(["company", "period_end"])
    colours = company_colours(list(revenue["company"].unique()))
    figure, axes = _figure()
    described, ticks = [], []
    for x, (company, group) in enumerate(revenue.groupby("company", sort=True)):
        group = group.tail(2)
        offsets = (-0.15, 0.15) if len(group) == 2 else (0.0,)
        for offset, row in zip(offsets, group.to_dict("records"), strict=True):
            is_prior = row["figure_id"].endswith("__prior_implied")
            axes.bar(x + offset, row["value"], width=0.28, color=colours[company], alpha=0.45 if is_prior else 1.0)
            axes.annotate(
                f"{amount_m(row['value'])}\n{_period(row)}",
                (x + offset, row["value"]),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8.5,
            )
            kind = "previous period implied by the stated growth" if is_prior else "current period"
            described.append(f"{company} {kind} ({_period(row)}): {amount_m(row['value'])}")
        ticks.append(company)
    axes.set_xticks(range(len(ticks)), ticks)
    axes.set_ylabel(f"{currency} million")
    axes.margins(y=0.2)
    _finish(
        figure,
        axes,
        f"Previous and current period revenue in {currency} million ({METHOD_LABELS[method]})",
        _source_line(table) + " Pale bars: previous period implied by the stated growth, revenue / (1 + growth).",
    )
    return Chart(_png(figure), f"Bar chart of revenue in {currency} million by period. {'; '.join(described)}.")


def rate_history_chart(table: pd.DataFrame, rates: RateTable, currency: str) -> Chart | None:
    """Daily rates behind each translation into `currency`, with the average, closing and spot marked."""
    revenue = table[(table["metric"] == "revenue") & (table["fx_method"] != "none") & (table["currency"] == currency)]
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
        f"Daily ECB reference rates into {currency}: line = average over each period, triangle = closing, dot = spot",
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
    return period_label(row["period_start"], row["period_end"])


def _source_line(table: pd.DataFrame) -> str:
    stated = table.attrs["figure_sources"]
    return f"Sources: {stated}; {table.attrs['rates_source']}."


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No software tag: the bytes depend on the drawing only.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
