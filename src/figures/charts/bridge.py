"""The growth bridge of a reported year: organic growth, change of scope and currency effect, step by step."""

from __future__ import annotations

import textwrap

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from figures import i18n
from figures.charts import layout
from figures.charts.layout import (
    DPI,
    FALL,
    MUTED,
    RISE,
    TITLE_Y,
    WIDTH_IN,
    Chart,
    _AxisFormatter,
    _footer_height_in,
    _label_bar,
    _noting_missing_glyphs,
    _wrap,
    table_colours,
)
from figures.charts.words import (
    _alt,
    _millions,
    _source_line,
)
from figures.formats import amount_m, percent, period_text
from figures.i18n import tr
from figures.table import ComparisonTable


@_noting_missing_glyphs
def bridge_chart(table: ComparisonTable, *, locale: str = "en", width_in: float = WIDTH_IN) -> Chart | None:
    """Waterfall from the previous year's revenue to the current one, for each company with a bridge.

    >>> from figures.tabulate import comparison_table
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
    steps = table.rows[(table.rows["basis"] == "reported") & (table.rows["fx_method"] == "none")]
    bridges = steps[steps["metric"] == "revenue_change_organic"].sort_values(["company", "period_end"])
    if bridges.empty:
        return None
    figure = Figure(figsize=(width_in, 4.4 * len(bridges)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    colours = table_colours(table)
    described = []
    for index, organic in enumerate(bridges.to_dict("records")):
        axes = figure.add_subplot(len(bridges), 1, index + 1)
        axes.spines[["top", "right"]].set_visible(False)
        axes.yaxis.set_major_formatter(_AxisFormatter(locale))
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
        if width_in < WIDTH_IN:  # a phone's width: each step's name on lines of its own, a size smaller
            axes.set_xticks(range(len(labels)), [_narrow_label(label) for label in labels], fontsize=8)
        else:
            axes.set_xticks(range(len(labels)), labels)
        axes.set_ylabel(_millions(organic["currency"], locale))
        axes.set_title(
            _wrap(
                tr("{company}: from {previous} to {current} revenue, {currency} million", locale).format(
                    company=company,
                    previous=period_text(previous, locale),
                    current=period_text(current, locale),
                    currency=organic["currency"],
                ),
                max_in=width_in - (0.4 if width_in >= WIDTH_IN else 1.2),  # narrow: beside the value axis
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
    return layout._chart(figure, _alt(sentence, described, locale, sentences=True))


def _narrow_label(label: str, width: int = 10) -> str:
    """A step's label in lines of at most `width` characters.

    >>> print(_narrow_label("organic growth\\n5.9% (reported 6%)"))
    organic
    growth
    5.9%
    (reported
    6%)
    """
    return "\n".join(line for part in label.split("\n") for line in textwrap.wrap(part, width) or [part])
