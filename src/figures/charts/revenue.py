"""The revenue chart: each company's latest revenue in the common currency, with the range the three methods span;
a shorter period beside years hatched and said to be so."""

from __future__ import annotations

import pandas as pd

from figures import i18n
from figures.charts import layout
from figures.charts.layout import (
    WIDTH_IN,
    Chart,
    _company_axis,
    _company_rows,
    _figure,
    _finish,
    _fit_labels,
    _is_horizontal,
    _label_end,
    _noting_missing_glyphs,
    _rows_top_down,
    _side_by_side_fits,
    table_colours,
)
from figures.charts.words import _alt, _latest_revenue, _millions, _source_line
from figures.choices import METHODS
from figures.formats import METHOD_LABELS, amount_m, basis_label, period_text
from figures.i18n import tr
from figures.periods import period_kind
from figures.table import ComparisonTable
from figures.tabulate import selected


@_noting_missing_glyphs
def revenue_chart(
    table: ComparisonTable,
    currency: str,
    method: str,
    basis: str = "reported",
    *,
    locale: str = "en",
    width_in: float = WIDTH_IN,
) -> Chart | None:
    """Latest revenue per company in `currency`, with the range spanned by the three methods.

    >>> from figures.tabulate import comparison_table
    >>> revenue_chart(comparison_table(), "EUR", "average").alt.split(". ")[1].split("; ")[0]
    'Alibaba Group (FY2018, Apr 2017–Mar 2018): 32,299 (range 32,299 to 32,306 across methods)'
    >>> print(revenue_chart(comparison_table(reported=False), "EUR", "average", "reported"))
    None
    """
    chosen = _latest_revenue(selected(table, currency, method, basis))
    if chosen.empty:
        return None
    everyone = table.rows[
        (table.rows["basis"] == basis)
        & (table.rows["currency"] == currency)
        & (table.rows["metric"] == "revenue")
        & table.rows["fx_method"].isin(METHODS)
    ]
    bars = []
    for row in chosen.to_dict("records"):
        methods = everyone[
            (everyone["company"] == row["company"])
            & (everyone["period_end"] == row["period_end"])
            & (everyone["period_start"] == row["period_start"])  # the same period only, never the quarter in a half
        ]
        low, high = methods["value"].min(), methods["value"].max()
        low, high = (row["value"], row["value"]) if pd.isna(low) else (low, high)
        label = amount_m(row["value"], locale) + (f" ({tr('approx.', locale)})" if row["approximate"] else "")
        bars.append({**row, "low": low, "high": high, "label": label})
    colours = table_colours(table)
    shorter = _shorter_periods(bars)
    fits = _side_by_side_fits(bars, locale, single=True, width_in=width_in)
    figure, axes = _figure(locale, len(bars), row_in=0.40, side_by_side=fits, width_in=width_in)
    if _is_horizontal(axes):
        bars.sort(key=lambda bar: -bar["value"])
        labels = []
        for y, bar in zip(_rows_top_down(len(bars)), bars, strict=True):
            axes.barh(y, bar["value"], height=0.6, color=colours[bar["company"]], **_hatch(bar, shorter))
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
            axes.bar(x, bar["value"], width=0.55, color=colours[bar["company"]], **_hatch(bar, shorter))
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
            currency=currency, basis=basis_label(table, basis, locale), method=tr(METHOD_LABELS[method], locale)
        ),
        _source_line(table, basis, locale)
        + " "
        + tr("Black bars: range across the average, closing and spot methods (spot: {spot}).", locale).format(
            spot=i18n.date(table.spot_date, locale)
        )
        + _lengths_note(bars, shorter, locale),
    )
    alt = tr("Bar chart of revenue in {currency} million, {method}, {basis}.", locale).format(
        currency=currency, method=tr(METHOD_LABELS[method], locale), basis=basis_label(table, basis, locale)
    )
    return layout._chart(figure, _alt(alt, described, locale) + _lengths_note(bars, shorter, locale))


_KIND_ORDER = ("period", "quarter", "half year", "nine months", "year")


def _shorter_periods(bars: list[dict[str, object]]) -> set[str]:
    """The companies whose bar covers a shorter period than the longest bar's (a quarter beside years): none when
    every bar is as long.

    >>> import datetime as dt
    >>> year = {"company": "A", "period_start": dt.date(2023, 1, 1), "period_end": dt.date(2023, 12, 31)}
    >>> half = {"company": "B", "period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 6, 30)}
    >>> _shorter_periods([year, half]), _shorter_periods([year, {**year, "company": "C"}])
    ({'B'}, set())
    """
    kinds = {bar["company"]: period_kind(bar["period_start"], bar["period_end"]) for bar in bars}
    longest = max(kinds.values(), key=_KIND_ORDER.index, default="year")
    return {company for company, kind in kinds.items() if kind != longest}


def _hatch(bar: dict[str, object], shorter: set[str]) -> dict[str, object]:
    """Bar styling that marks a shorter period: hatched in white over the company's colour."""
    return {"hatch": "///", "edgecolor": "white", "linewidth": 0} if bar["company"] in shorter else {}


def _lengths_note(bars: list[dict[str, object]], shorter: set[str], locale: str) -> str:
    """ " Hatched bars cover shorter periods than the others (…): their amounts do not compare." or ""."""
    if not shorter:
        return ""
    from figures.period_caveats import LENGTHS

    marked = [
        f"{bar['company']}, {tr(LENGTHS[period_kind(bar['period_start'], bar['period_end'])], locale)}"
        for bar in bars
        if bar["company"] in shorter
    ]
    return " " + tr(
        "Hatched bars cover shorter periods than the others ({marked}): their amounts do not compare.", locale
    ).format(marked=i18n.semicolons(marked, locale))
