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

import pandas as pd

from figures import i18n
from figures.chart_layout import (
    Chart,
    _company_axis,
    _company_rows,
    _figure,
    _finish,
    _fit_labels,
    _is_horizontal,
    _label_bar,
    _label_end,
    _noting_missing_glyphs,
    _png,
    _rows_top_down,
    _side_by_side_fits,
    _tick_size,
    _tick_text,
    company_colours,
    table_colours,
)
from figures.chart_words import _alt, _inferred, _latest_revenue, _millions, _short_period, _source_line
from figures.choices import METHODS
from figures.history_charts import bridge_chart, rate_history_chart, revenue_history_chart
from figures.i18n import N_, tr
from figures.normalise import selected
from figures.periods import period_kind, same_period_a_year_earlier
from figures.present import BASIS_LABELS, METHOD_LABELS, amount_m, percent, period_text

__all__ = [
    "Chart",
    "bridge_chart",
    "company_colours",
    "growth_chart",
    "prior_current_chart",
    "rate_history_chart",
    "revenue_chart",
    "revenue_history_chart",
    "table_colours",
]


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
    shorter = _shorter_periods(bars)
    fits = _side_by_side_fits(bars, locale, single=True)
    figure, axes = _figure(locale, len(bars), row_in=0.40, side_by_side=fits)
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
            currency=currency, basis=tr(BASIS_LABELS[basis], locale), method=tr(METHOD_LABELS[method], locale)
        ),
        _source_line(table, basis, locale)
        + " "
        + tr("Black bars: range across the average, closing and spot methods (spot: {spot}).", locale).format(
            spot=i18n.date(table.attrs["spot_date"], locale)
        )
        + _lengths_note(bars, shorter, locale),
    )
    alt = tr("Bar chart of revenue in {currency} million, {method}, {basis}.", locale).format(
        currency=currency, method=tr(METHOD_LABELS[method], locale), basis=tr(BASIS_LABELS[basis], locale)
    )
    return Chart(_png(figure), _alt(alt, described, locale) + _lengths_note(bars, shorter, locale))


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
    groups = []
    for company, rows in revenue.groupby("company", sort=True):
        records = rows.to_dict("records")
        # The latest period (the longest of those ending that day), beside the same period a year before: a half
        # year beside the half year before, never beside the last full year.
        current = max(records, key=lambda row: (row["period_end"], row["period_end"] - row["period_start"]))
        previous = same_period_a_year_earlier(current, records)
        groups.append({"company": company, "rows": [current] if previous is None else [previous, current]})
    if not any(len(group["rows"]) == 2 for group in groups):
        return None
    for group in groups:
        group.update(group["rows"][-1])
        group["value"] = group["rows"][-1]["value"]
        end = i18n.date(group["period_end"], locale, "day_month")
        ending = {
            "year": N_("years ending {end}"),
            "half year": N_("half years ending {end}"),
            "quarter": N_("quarters ending {end}"),
            "nine months": N_("nine months ending {end}"),
        }.get(period_kind(group["period_start"], group["period_end"]), N_("periods ending {end}"))
        group["tick"] = tr(ending, locale).format(end=end)
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
