"""The growth chart: each company's growth as stated and recomputed in the common currency."""

from __future__ import annotations

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
    _label_bar,
    _label_end,
    _noting_missing_glyphs,
    _rows_top_down,
    _side_by_side_fits,
    table_colours,
)
from figures.charts.words import _alt, _source_line
from figures.formats import METHOD_LABELS, basis_label, percent, period_text
from figures.i18n import tr
from figures.table import ComparisonTable
from figures.tabulate import selected


@_noting_missing_glyphs
def growth_chart(
    table: ComparisonTable,
    currency: str,
    method: str,
    basis: str = "reported",
    *,
    locale: str = "en",
    width_in: float = WIDTH_IN,
) -> Chart | None:
    """Growth as stated beside growth recomputed in `currency`, per company, latest period.

    A company whose growth is not stated shows the growth of its own reported revenues instead.

    >>> from figures.tabulate import comparison_table
    >>> "+58.0% as stated in CNY, +50.6% recomputed in EUR" in growth_chart(comparison_table(), "EUR", "average").alt
    True
    """
    growth = table.rows[
        (table.rows["metric"] == "revenue_growth") & (table.rows["basis"] == basis) & (table.rows["component"] == "")
    ]
    growth = growth[growth["period_end"] == growth.groupby("company")["period_end"].transform("max")]
    # Each company's growth in its own currency: as stated, else as recomputed from its revenues.
    own = growth[growth["fx_method"] == "none"]
    own = own.assign(stated=own["derived"] == "stated")
    own = own.sort_values(["company", "stated"], ascending=[True, False])
    own = own.drop_duplicates("company").set_index("company")
    common = selected(table, currency, method, rows=growth).drop_duplicates("company").set_index("company")
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
    figure, axes = _figure(
        locale,
        len(bars),
        row_in=0.5,
        side_by_side=_side_by_side_fits(bars, locale, widths, width_in=width_in),
        width_in=width_in,
    )
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
            basis=basis_label(table, basis, locale), currency=currency, method=tr(METHOD_LABELS[method], locale)
        ),
        _source_line(table, basis, locale)
        + " "
        + tr("Recomputed: both years translated, each at its own rate.", locale),
    )
    alt = tr("Bar chart of revenue growth in percent, {basis}.", locale).format(basis=basis_label(table, basis, locale))
    return layout._chart(figure, _alt(alt, described, locale))
