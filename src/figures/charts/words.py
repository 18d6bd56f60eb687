"""The words of the charts: alternative texts, short periods, units, rates and the source line, in the
report's locale (`figures.charts`)."""

from __future__ import annotations

import datetime as dt
import math

import matplotlib.dates as mdates
import pandas as pd

from figures import i18n
from figures.formats import amount_m, percent, period_text, rates_text, reported_sources_text
from figures.i18n import tr
from figures.periods import Period, period_kind
from figures.table import ComparisonTable
from figures.tabulate import selected


def _revenue_histories(
    table: ComparisonTable, currency: str, method: str
) -> list[tuple[str, str, list[dict[str, object]]]]:
    """(company, reporting currency, years) for each company with three or more reported years: years only, never a
    half year or a quarter among them (a half year in a line of years would read as a collapse)."""
    revenue = table.rows[
        (table.rows["basis"] == "reported") & (table.rows["metric"] == "revenue") & (table.rows["component"] == "")
    ]
    translated = selected(table, currency, method, rows=revenue)
    stated = revenue[(revenue["fx_method"] == "none") & (revenue["derived"] == "stated")]
    years = [period_kind(s, e) == "year" for s, e in zip(stated["period_start"], stated["period_end"], strict=True)]
    stated = stated[pd.Series(years, index=stated.index, dtype=bool)]
    histories = []
    for company, rows in stated.groupby("company", sort=True):
        # The reporting currency: the one with the most years (the latest year's, on a tie).
        counts = rows.groupby("currency")["period_end"].agg(["nunique", "max"])
        own = counts.sort_values(["nunique", "max"], ascending=False).index[0]
        if own == currency:
            continue
        rows = rows[rows["currency"] == own].sort_values("period_end").drop_duplicates("period_end", keep="last")
        common = translated[(translated["company"] == company) & (translated["fx_from_currency"] == own)]
        common = common.drop_duplicates(["period_start", "period_end"])
        years = rows.merge(
            common[["period_start", "period_end", "value", "fx_rate"]].rename(
                columns={"value": "common", "fx_rate": "common_rate"}
            ),
            on=["period_start", "period_end"],
        )
        if len(years) >= 3:
            histories.append((company, own, years.to_dict("records")))
    return histories


def _history_text(company: str, own: str, currency: str, years: list[dict[str, object]], locale: str) -> str:
    """One company's years in the alternative text: each value in both currencies, with its growth."""
    unit = tr("{currency} million", locale)
    parts = []
    for previous, year in zip([None, *years], years, strict=False):
        approx = f" ({tr('approx.', locale)})" if year["approximate"] else ""
        values = {
            "period": period_text(year, locale),
            "own_amount": f"{amount_m(year['value'], locale)} {unit.format(currency=own)}{approx}",
            "amount": f"{amount_m(year['common'], locale)} {unit.format(currency=currency)}",
        }
        if _growth(previous, year, "value") is None:
            parts.append(tr("{period}: {own_amount}, {amount}", locale).format(**values))
        else:
            values["own_growth"] = percent(_growth(previous, year, "value"), locale)
            values["growth"] = percent(_growth(previous, year, "common"), locale)
            parts.append(tr("{period}: {own_amount} ({own_growth}), {amount} ({growth})", locale).format(**values))
    heading = tr("{company} in {own} and in {currency}.", locale).format(company=company, own=own, currency=currency)
    return f"{heading} {_full_stop(i18n.semicolons(parts, locale))}"


def _growth(previous: dict[str, object] | None, year: dict[str, object], column: str) -> float | None:
    """Growth in percent of `column` over the previous year, if that year is the one just before.

    >>> import datetime as dt
    >>> y2016 = {"period_end": dt.date(2016, 12, 31), "value": 100.0}
    >>> y2017 = {"period_start": dt.date(2017, 1, 1), "value": 110.0}
    >>> _growth(y2016, y2017, "value"), _growth(None, y2017, "value")
    (10.000000000000009, None)
    """
    if previous is None or previous["period_end"] != year["period_start"] - dt.timedelta(days=1):
        return None
    return (year[column] / previous[column] - 1) * 100


def _alt(sentence: str, described: list[str], locale: str, *, sentences: bool = False) -> str:
    """A sentence, then the items it introduces (a list, or `sentences`), ending with one full stop.

    >>> _alt("A chart.", ["A: 1", "B: 2"], "en"), _alt("A chart.", [], "en"), _alt("A chart.", ["Acme Inc."], "en")
    ('A chart. A: 1; B: 2.', 'A chart.', 'A chart. Acme Inc.')
    """
    items = [item for item in described if item]
    if not items:
        return sentence
    if sentences:
        items = [item.removesuffix(".") if index < len(items) - 1 else item for index, item in enumerate(items)]
    text = ". ".join(items) if sentences else i18n.semicolons(items, locale)
    return f"{sentence} {_full_stop(text)}"


def _full_stop(text: str) -> str:
    """`text` ending with one full stop: a company name may end it with its own ("Nestlé S.A.").

    >>> _full_stop("Figures translated from CHF: Nestlé S.A."), _full_stop("from USD: Acme")
    ('Figures translated from CHF: Nestlé S.A.', 'from USD: Acme.')
    """
    return text if text.endswith(".") else f"{text}."


def _latest_revenue(rows: pd.DataFrame) -> pd.DataFrame:
    """Each company's latest group revenue: the one ending last, and of those ending that day the longest (a half
    year, not the quarter that ends with it), as the summary takes it."""
    revenue = rows[(rows["metric"] == "revenue") & (rows["component"] == "")]
    revenue = revenue.assign(_days=revenue["period_end"] - revenue["period_start"])
    revenue = revenue.sort_values(["company", "period_end", "_days"], kind="stable")
    return revenue.groupby("company", sort=True).tail(1).drop(columns="_days")


def _short_period(row: dict[str, object], locale: str) -> str:
    """A label short enough for a bar: the fiscal label, the year, "H1 2024", "quarter to Jun 2024"
    (`figures.periods.Period.short`).

    >>> import datetime as dt
    >>> _short_period({"period_start": dt.date(2016, 4, 1), "period_end": dt.date(2017, 3, 31)}, "en")
    'year to Mar 2017'
    """
    return Period.of(row).short(locale)


def _inferred(row: dict[str, object], locale: str, before: str) -> str:
    """`before` and "inferred" for a period the source does not name (as every other label of it says), else "".

    >>> _inferred({"period_inferred": True}, "fr", "\\n("), _inferred({"period_inferred": False}, "en", " (")
    ('\\n(déduite)', '')
    """
    if not row.get("period_inferred"):
        return ""
    return f"{before}{tr('inferred', locale)}{')' if before.endswith('(') else ''}"


def _millions(currency: str, locale: str) -> str:
    return tr("{currency} million", locale).format(currency=currency)


def _rate_text(value: float, locale: str) -> str:
    """A rate in the alternative text: four decimals, or four significant digits when smaller (yen, won).

    >>> _rate_text(0.85534765, "en"), _rate_text(0.000766104, "en"), _rate_text(0.000736, "fr")
    ('0.8553', '0.0007661', '0,0007360')
    """
    return i18n.number(value, locale, max(4, 3 - math.floor(math.log10(abs(value)))) if value else 4)


def _tick_month(value: float, locale: str) -> str:
    return i18n.date(mdates.num2date(value).date(), locale, "month_year")


def _source_line(table: ComparisonTable, basis: str, locale: str) -> str:
    stated = table.figure_sources if basis == "article" else reported_sources_text(table.reported_sources, locale)
    return tr("Sources: {stated}; {rates}.", locale).format(stated=stated, rates=rates_text(table.rates_source, locale))
