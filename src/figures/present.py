"""Reader-facing tables and labels drawn from the comparison table, and how notebooks show them."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pandas as pd

from figures.normalise import selected
from figures.periods import months_between
from figures.provenance import short_source

METHOD_LABELS = {
    "average": "average rate over each period",
    "closing": "closing rate at each period's end",
    "spot": "spot rate of one date",
    "none": "as stated",
}


def period_label(start: dt.date, end: dt.date) -> str:
    """A period as a reader says it.

    >>> period_label(dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    'Jan–Dec 2017'
    >>> period_label(dt.date(2017, 4, 1), dt.date(2018, 3, 31))
    'Apr 2017–Mar 2018'
    """
    if start.year == end.year:
        return f"{start:%b}–{end:%b} {end.year}"
    return f"{start:%b %Y}–{end:%b %Y}"


def amount_m(value: float) -> str:
    """Millions to the nearest million, thousands separated.

    >>> amount_m(34128.37)
    '34,128'
    """
    return f"{value:,.0f}"


def percent(value: float, *, signed: bool = True) -> str:
    """A percentage to one decimal.

    >>> percent(48.2129), percent(-3.05)
    ('+48.2%', '-3.0%')
    """
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def rate(value: float) -> str:
    """An exchange rate to six significant digits.

    >>> rate(0.8553476533)
    '0.855348'
    """
    return f"{value:.6g}"


BASIS_LABELS = {"reported": "the companies' reported figures", "article": "the article's figures"}
RECOMMENDED_BASIS = "reported"


def summary(table: pd.DataFrame, currency: str, method: str, basis: str = RECOMMENDED_BASIS) -> pd.DataFrame:
    """One row per company: latest revenue in the common currency, growth as stated and recomputed."""
    chosen = selected(table, currency, method, basis)
    rows = []
    for company, group in chosen.groupby("company", sort=True):
        current = _current_revenue(group)
        same_period = (table["company"] == company) & (table["period_end"] == current["period_end"])
        stated = table[
            same_period
            & (table["basis"] == basis)
            & (table["metric"] == "revenue_growth")
            & (table["fx_method"] == "none")
            & (table["derivation"] == "stated in the source")
        ]
        growth = group[(group["metric"] == "revenue_growth") & (group["period_end"] == current["period_end"])]
        rows.append(
            {
                "Company": company,
                "Period": _period_text(current),
                f"Revenue, {currency} m": amount_m(current["value"]) + (" (approx.)" if current["approximate"] else ""),
                "Growth as stated": _growth_text(stated),
                f"Growth in {currency}": _growth_text(growth),
            }
        )
    return pd.DataFrame(rows)


def period_offset(table: pd.DataFrame) -> str:
    """A sentence on how the companies' latest fiscal periods line up.

    >>> from figures.normalise import comparison_table
    >>> print(period_offset(comparison_table()))
    Alibaba Group's period (FY2018, Apr 2017–Mar 2018) ends 3 months after Bolloré Group's (2017, Jan–Dec 2017):
    the two overlap for 9 months.
    """
    revenue = table[(table["metric"] == "revenue") & (table["fx_method"] == "none") & (table["component"] == "")]
    latest = revenue.sort_values("period_end").groupby("company").tail(1).sort_values("period_end")
    if len(latest) != 2:
        return ""
    early, late = latest.to_dict("records")
    offset = months_between(early["period_end"], late["period_end"])
    if offset == 0:
        return f"{late['company']} and {early['company']} report on the same period ({_period_text(late)})."
    overlap = 12 - offset
    return (
        f"{late['company']}'s period ({_period_text(late)}) ends {offset} months after {early['company']}'s"
        f" ({_period_text(early)}): the two overlap for {overlap} months."
    )


def reconciliation_table(reconciled: pd.DataFrame) -> pd.DataFrame:
    """The article's claims beside the reported figures they come from, with difference and verdict."""
    rows = []
    for row in reconciled.to_dict("records"):
        percent_metric = row["unit"] == "percent"

        def show(value, currency, percent_metric=percent_metric):
            if value is None:
                return "–"
            return f"{value:g}% ({currency})" if percent_metric else f"{amount_m(value)} {currency} m"

        difference = row["difference"]
        rows.append(
            {
                "Company": row["company"],
                "Claim": row["claim_text"],
                "Period": period_label(row["period_start"], row["period_end"]),
                "Article": show(row["claim_value"], row["claim_currency"]),
                "Reported": show(row["reported_value"], row["reported_currency"]),
                "Difference": "–"
                if difference is None
                else (f"{difference:+g} pp" if percent_metric else f"{difference:+,.0f} m"),
                "Verdict": row["verdict"],
                "Caveats": row["caveats"] or "–",
            }
        )
    return pd.DataFrame(rows)


def growth_explanation(table: pd.DataFrame, currency: str, method: str, basis: str = RECOMMENDED_BASIS) -> str:
    """Markdown: for each company, growth in its reporting currency, the rates, and growth in `currency`."""
    growth = selected(table, currency, method, basis)
    growth = growth[growth["metric"] == "revenue_growth"]
    lines = []
    for company, group in growth.groupby("company", sort=True):
        row = group.sort_values("period_end").iloc[-1]
        own = table[
            (table["company"] == company)
            & (table["basis"] == basis)
            & (table["metric"] == "revenue_growth")
            & (table["fx_method"] == "none")
            & (table["period_end"] == row["period_end"])
        ]
        # The growth recomputed from the same revenues, so that the two figures are comparable.
        recomputed = own[own["derivation"].str.startswith(("recomputed", "implied"))]
        own_row = (recomputed if not recomputed.empty else own).iloc[0]
        if row["fx_from_currency"] == currency:
            lines.append(
                f"- **{company}** reports in {currency}: growth is {percent(row['value'])} whatever the rates."
            )
            continue
        lines.append(
            f"- **{company}**: {percent(own_row['value'])} in {own_row['currency']}. The {method} rate went from"
            f" {rate(row['fx_rate_prior'])} to {rate(row['fx_rate'])} {currency} per {row['fx_from_currency']}"
            f" between the two years, so in {currency} the growth is {percent(row['value'])}."
        )
    return "\n".join(lines)


def article_figures_table(table: pd.DataFrame) -> pd.DataFrame:
    """The figures as the source states them, with period, wording and note."""
    stated = table[
        (table["basis"] == "article") & (table["fx_method"] == "none") & (table["derivation"] == "stated in the source")
    ]
    return pd.DataFrame(
        {
            "Company": stated["company"],
            "Figure": stated["metric"].map({"revenue": "Revenue", "revenue_growth": "Revenue growth"}),
            "Period": [
                period_label(s, e) + (" (inferred)" if inferred else "")
                for s, e, inferred in zip(
                    stated["period_start"], stated["period_end"], stated["period_inferred"], strict=True
                )
            ],
            "Value": [
                f"{amount_m(v)} {c} m" if m == "revenue" else f"{percent(v)} ({c})"
                for v, c, m in zip(stated["value"], stated["currency"], stated["metric"], strict=True)
            ],
        }
    ).reset_index(drop=True)


def provenance_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Each loaded figure as printed, where it was published, how its period was set, and its note."""
    return pd.DataFrame(
        {
            "Figure": figures["figure_id"],
            "As printed": figures["wording"],
            "Source": [
                short_source(source, published)
                for source, published in zip(figures["source"], figures["published"], strict=True)
            ],
            "Period": figures["period_note"],
            "Note": figures["note"],
            "Data row": [
                f"{Path(path).name}, row {row}"
                for path, row in zip(figures["source_file"], figures["source_row"], strict=True)
            ],
        }
    )


def method_table(table: pd.DataFrame, currency: str, basis: str = RECOMMENDED_BASIS) -> pd.DataFrame:
    """Each company's latest revenue in `currency` under every method, with the rate used."""
    rows = []
    translated = table[
        (table["basis"] == basis)
        & (table["currency"] == currency)
        & (table["metric"] == "revenue")
        & (table["fx_method"] != "none")
    ]
    for company, group in translated.groupby("company", sort=True):
        latest = group["period_end"].max()
        for row in group[group["period_end"] == latest].to_dict("records"):
            rows.append(
                {
                    "Company": company,
                    "Period": _period_text(row),
                    "Method": row["fx_method"],
                    "Stated in": row["fx_from_currency"],
                    f"Rate, {currency} per unit stated": rate(row["fx_rate"]),
                    f"Revenue, {currency} m": amount_m(row["value"]),
                    "Fixings used": row["fx_rate_detail"],
                }
            )
    return pd.DataFrame(rows)


def growth_table(table: pd.DataFrame, currency: str, basis: str = RECOMMENDED_BASIS) -> pd.DataFrame:
    """Growth as stated beside growth recomputed in `currency`, by method, for the latest period."""
    growth = table[(table["metric"] == "revenue_growth") & (table["basis"] == basis)]
    rows = []
    for company, group in growth.groupby("company", sort=True):
        group = group[group["period_end"] == group["period_end"].max()]
        stated = group[(group["fx_method"] == "none") & (group["derivation"] == "stated in the source")]
        recomputed = group[group["currency"] == currency].set_index("fx_method")["value"]
        row = {"Company": company, "Period": _period_text(group.iloc[0]), "As stated": _growth_text(stated)}
        for method in ("average", "closing", "spot"):
            row[f"In {currency}, {method}"] = percent(recomputed[method]) if method in recomputed else "–"
        rows.append(row)
    return pd.DataFrame(rows)


def fallback_figures(table: pd.DataFrame) -> list[str]:
    """The translated figures whose live rate failed and which use the ECB rates instead."""
    fell_back = table[table["fx_rate_source"].str.contains("(fallback: live source failed", regex=False)]
    return [
        f"{figure_id} ({', '.join(sorted(set(group['fx_method'])))})"
        for figure_id, group in fell_back.groupby("figure_id", sort=True)
    ]


def rates_notice(table: pd.DataFrame) -> str:
    """Markdown saying which rates the numbers use and, if the live source failed, what fell back."""
    fallbacks = table.attrs.get("fallbacks", [])
    if not fallbacks:
        return f"**Rates used:** {table.attrs['rates_source']}."
    figures = ", ".join(fallback_figures(table))
    return (
        f"**The live rate source failed** ({'; '.join(fallbacks)}). These figures use the embedded ECB"
        f" reference rates instead, marked in the CSV's `fx_rate_source`: {figures}."
    )


def live_log_summary(log: pd.DataFrame) -> pd.DataFrame:
    """One row per live address: how many dates were asked, answered for another day, cached."""
    rows = []
    for url, group in log.groupby("url", sort=True):
        rows.append(
            {
                "Address": url,
                "Dates asked": len(group),
                "From": str(min(group["asked"])),
                "To": str(max(group["asked"])),
                "Answered with another day's rates": int((group["asked"] != group["rates_of"]).sum()),
                "Fetched": f"{min(group['fetched_at'])} to {max(group['fetched_at'])}",
            }
        )
    return pd.DataFrame(rows)


def show_markdown(text: str) -> None:
    """Display markdown generated from the data."""
    from IPython.display import Markdown, display

    display(Markdown(text))


def _current_revenue(group: pd.DataFrame) -> dict[str, object]:
    revenue = group[(group["metric"] == "revenue") & (group["component"] == "")]
    return revenue.sort_values("period_end").iloc[-1].to_dict()


def _period_text(row) -> str:
    label = period_label(row["period_start"], row["period_end"])
    if row.get("fiscal_label"):
        label = f"{row['fiscal_label']}, {label}"
    return label + (" (inferred)" if row.get("period_inferred") else "")


def _growth_text(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "–"
    row = rows.iloc[0]
    return f"{percent(row['value'])} in {row['currency']}"


def show_png(png: bytes, alt: str, width_px: int) -> None:
    """Display a PNG in a notebook with its alternative text, at `width_px` CSS pixels."""
    from IPython.display import display

    display(
        {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt},
        raw=True,
        metadata={"image/png": {"width": width_px, "alt": alt}},
    )


def show_chart(chart) -> None:
    """Display a `figures.charts.Chart`; a missing chart (nothing to draw) says so."""
    if chart is None:
        from IPython.display import Markdown, display

        display(Markdown("*Nothing to draw: every figure is already in the common currency.*"))
        return
    show_png(chart.png, chart.alt, chart.width_px)


def show_table(frame: pd.DataFrame) -> None:
    """Display a table without its index, the same way in JupyterLab and in the report."""
    from IPython.display import HTML, display

    display(HTML(frame.to_html(index=False, escape=True, border=0, classes="figures-table")))
