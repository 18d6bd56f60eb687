"""The previous-and-current chart: each company's latest period beside the same period a year before (reported,
or implied by the stated growth), never beside a period of another length."""

from __future__ import annotations

from figures import i18n
from figures.charts import layout
from figures.charts.layout import (
    WIDTH_IN,
    Chart,
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
    _tick_size,
    _tick_text,
    table_colours,
)
from figures.charts.words import _alt, _inferred, _millions, _short_period, _source_line
from figures.formats import METHOD_LABELS, amount_m, basis_label, period_text
from figures.i18n import N_, tr
from figures.periods import period_kind, same_period_a_year_earlier
from figures.table import ComparisonTable
from figures.tabulate import selected


@_noting_missing_glyphs
def prior_current_chart(
    table: ComparisonTable,
    currency: str,
    method: str,
    basis: str = "reported",
    *,
    locale: str = "en",
    width_in: float = WIDTH_IN,
) -> Chart | None:
    """Previous period beside the current one, in `currency`: reported, or implied by the stated growth.

    None when no company has a previous period.

    >>> from figures.tabulate import comparison_table
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
    figure, axes = _figure(
        locale,
        len(groups),
        row_in=0.5,
        side_by_side=_side_by_side_fits(groups, locale, widths, width_in=width_in),
        width_in=width_in,
    )
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
        ).format(currency=currency, basis=basis_label(table, basis, locale), method=tr(METHOD_LABELS[method], locale)),
        _source_line(table, basis, locale) + " " + note,
    )
    alt = tr("Bar chart of revenue in {currency} million by period, {basis}.", locale).format(
        currency=currency, basis=basis_label(table, basis, locale)
    )
    return layout._chart(figure, _alt(alt, described, locale))
