"""The report's opening, from the data: the answer (who is larger, who grew faster), each company's size and growth,
largest first, then the caveat that matters most."""

from __future__ import annotations

import pandas as pd

from figures import i18n, lookup
from figures.answer import answer, by_size, standings
from figures.caveats import Caveat, detect
from figures.formats import amount_m, md, percent, period_label, period_text
from figures.i18n import N_, tr
from figures.periods import Period
from figures.table import ComparisonTable


def headline(
    table: ComparisonTable, currency: str, method: str, *, locale: str = "en", found: list[Caveat] | None = None
) -> list[str]:
    """Markdown lines: the answer first (`figures.answer`), then each company's latest revenue in `currency` and its
    growth, the largest first, then the top caveat.

    `found` are the caveats the rules found in `table` (found here when not given).

    Each company's line rests on its reported figures where it has any, else on the claims.

    >>> from figures.tabulate import comparison_table
    >>> first, alibaba, bollore, caveat = headline(comparison_table(), "EUR", "average")
    >>> first.split(". ")[0]
    '**Alibaba Group** is larger than **Bolloré Group** in EUR: €32.3B in FY2018 against €18.3B in 2017'
    >>> alibaba
    '**Alibaba Group**: €32.3B of revenue in FY2018 (Apr 2017–Mar 2018), +50.6% in EUR (+58.1% in CNY).'
    >>> caveat.split(":** ", 1)[1]
    "Bolloré Group's +82.0% is mostly a change of scope (+7,383 EUR m); its organic growth was +5.9% (reported: +6.0%)."
    """
    lines = [line] if (line := answer(table, currency, method, locale=locale)) else []
    lines += [
        line
        for company in by_size_order(table, currency, method)
        if (line := company_line(table, company, currency, method, locale))
    ]
    caveat = top_caveat(table, currency, method, found=found)
    if caveat is not None:
        lines.append(f"**{tr('The caveat that matters most:', locale)}** {caveat.text(locale, markdown=True)}")
    return lines


def by_size_order(table: ComparisonTable, currency: str, method: str) -> list[str]:
    """The companies, largest latest revenue in `currency` first; those without an amount after, by name.

    >>> from figures.tabulate import comparison_table
    >>> by_size_order(comparison_table(), "EUR", "average")
    ['Alibaba Group', 'Bolloré Group']
    """
    ordered = [s.company for s in by_size(standings(table, [currency]), currency, method)]
    return ordered + [company for company in lookup.companies(table) if company not in ordered]


def company_line(table: ComparisonTable, company: str, currency: str, method: str, locale: str = "en") -> str:
    """One company's size and growth in `currency`, with its growth in its own currency beside; "" without revenue.

    >>> from figures.tabulate import comparison_table
    >>> company_line(comparison_table(reported=False), "Bolloré Group", "USD", "average")
    '**Bolloré Group**: $20.7B of revenue in 2017 (Jan–Dec 2017, approx.), +85.7% in USD (+82.0% in EUR).'
    """
    basis = lookup.headline_basis(table, company)
    current = lookup.latest_revenue(table, company, basis)
    if current is None:
        return _growth_line(table, company, basis, currency, method, locale)
    common = lookup.translated(table, current, currency, method)
    if common is None:
        return ""
    period = period_label(current["period_start"], current["period_end"], locale)
    if current["approximate"]:
        period += f", {tr('approx.', locale)}"
    # A year named as the company names it, or a calendar year; any other period only by its months
    # (a year to January 2023 is "2022" to some companies and "2023" to others).
    label = current["fiscal_label"] or _calendar_year(current["period_start"], current["period_end"])
    if label and not period.startswith(label):
        template = N_("**{company}**: {amount} of revenue in {label} ({period})")
    else:  # a half, quarter or year by its months and kind ("in the quarter to Sep 2019, Jul–Sep"), said once
        template = N_("**{company}**: {amount} of revenue {period}")
        period = Period.of(current).label_in(locale)
        if current["approximate"]:
            period += f", {tr('approx.', locale)}"
    text = tr(template, locale).format(
        company=md(company),
        amount=i18n.compact_amount(common["value"], currency, locale),
        label=md(label),
        period=period,
    )
    growth = lookup.growth_in(table, company, basis, current["period_end"], currency, method)
    own = lookup.own_growth(table, company, basis, current["period_end"])
    if growth is not None:
        text += ", " + _growth(growth["value"], currency, locale)
        if own is not None and own["currency"] != currency:
            text += f" ({_growth(own['value'], own['currency'], locale)})"
    elif own is not None:
        text += ", " + _growth(own["value"], own["currency"], locale)
    return i18n.one_full_stop(text + ".")


def _growth_line(table: ComparisonTable, company: str, basis: str, currency: str, method: str, locale: str) -> str:
    """A company with a growth rate and no revenue: its growth in `currency` (from the two periods' rates) and as
    stated; "" without either."""
    stated = lookup.latest_growth(table, company, basis)
    if stated is None:
        return ""
    end = stated["period_end"]
    period = period_label(stated["period_start"], end, locale)
    growth = lookup.growth_in(table, company, basis, end, currency, method)
    shown = _growth(stated["value"], stated["currency"], locale)
    if growth is not None and stated["currency"] != currency:
        shown = f"{_growth(growth['value'], currency, locale)} ({shown})"
    return tr("**{company}**: revenue growth of {growth} over {period}; no revenue amount is given.", locale).format(
        company=md(company), growth=shown, period=period
    )


def caveat_list(
    table: ComparisonTable, currency: str, method: str, *, locale: str = "en", found: list[Caveat] | None = None
) -> str:
    """Markdown: every caveat the rules find, most important first, one bullet each; "" when none.

    >>> from figures.tabulate import comparison_table
    >>> print(caveat_list(comparison_table(reported=False), "EUR", "average").splitlines()[0])
    - Alibaba Group's growth is +58.0% in USD but +48.2% in EUR: the currency moved.
    """
    caveats = detect(table, currency, method) if found is None else found
    return "\n".join(
        f"- {caveat.text(locale, markdown=True, standalone=True).replace(chr(10), ' ')}" for caveat in caveats
    )


def summary(
    table: ComparisonTable, currency: str, method: str, basis: str, *, locale: str = "en"
) -> pd.DataFrame | None:
    """One row per company: latest revenue in `currency` on `basis`, growth as stated and recomputed.

    None when the table has no figures on `basis`.

    >>> from figures.tabulate import comparison_table
    >>> summary(comparison_table(), "EUR", "average", "reported").iloc[0].tolist()
    ['Alibaba Group', 'FY2018, Apr 2017–Mar 2018', '32,299', '+58.0% in CNY', '+50.6% in EUR']
    >>> summary(comparison_table(reported=False), "EUR", "average", "reported") is None
    True
    """
    rows = []
    for company in by_size_order(table, currency, method):
        current = lookup.latest_revenue(table, company, basis)
        common = None if current is None else lookup.translated(table, current, currency, method)
        if common is None:
            current = lookup.latest_growth(table, company, basis)  # a growth rate given without an amount
            if current is None:
                continue
        end = current["period_end"]
        stated = lookup.stated_growth(table, company, basis, end)
        growth = lookup.growth_in(table, company, basis, end, currency, method)
        approx = f" ({tr('approx.', locale)})" if common is not None and current["approximate"] else ""
        rows.append(
            {
                tr("Company", locale): company,
                tr("Period", locale): period_text(current, locale),
                tr("Revenue, {currency} m", locale).format(currency=currency): "–"
                if common is None
                else amount_m(common["value"], locale) + approx,
                tr("Growth as stated", locale): "–"
                if stated is None
                else _growth(stated["value"], stated["currency"], locale),
                tr("Growth in {currency}", locale).format(currency=currency): "–"
                if growth is None
                else _growth(growth["value"], currency, locale),
            }
        )
    return pd.DataFrame(rows) if rows else None


def top_caveat(
    table: ComparisonTable, currency: str, method: str, *, found: list[Caveat] | None = None
) -> Caveat | None:
    """The caveat that matters most, or None.

    >>> from figures.tabulate import comparison_table
    >>> top_caveat(comparison_table(), "EUR", "average").code
    'scope-change'
    """
    caveats = detect(table, currency, method) if found is None else found
    return caveats[0] if caveats else None


def _calendar_year(start, end) -> str:
    """The year, for a period from 1 January to 31 December of it; else "".

    >>> from datetime import date
    >>> _calendar_year(date(2022, 1, 1), date(2022, 12, 31)), _calendar_year(date(2022, 2, 1), date(2023, 1, 31))
    ('2022', '')
    """
    return str(end.year) if Period(start, end).calendar_part() == "Y" else ""


def _growth(value: float, currency: str, locale: str) -> str:
    return tr("{growth} in {currency}", locale).format(growth=percent(value, locale), currency=currency)
