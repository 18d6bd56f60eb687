"""Reader-facing tables and notices drawn from the comparison table, in the reader's locale.

Every function takes `locale` ("en" by default, or "fr"): words come from `figures.i18n`, numbers, periods and
names from `figures.formats`. The sections (`figures.story`) show them; nothing here displays anything.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from figures import i18n, lookup
from figures.formats import (
    THE_CLAIMS,
    ClaimsWords,
    amount_m,
    md,
    percent,
    period_label,
    period_text,
    rate,
    rates_text,
)
from figures.i18n import N_, tr
from figures.provenance import short_source
from figures.table import ComparisonTable
from figures.tabulate import fell_back, selected

RECOMMENDED_BASIS = "reported"


def reconciliation_table(
    reconciled: pd.DataFrame, *, locale: str = "en", claims: ClaimsWords = THE_CLAIMS
) -> pd.DataFrame:
    """The claims beside the reported figures they come from, with difference and verdict; the claims' column
    is named by their source (`claims`, `claims_words`).

    >>> from figures.load import load_figures, load_reported
    >>> from figures.reconcile import reconcile
    >>> reconciliation_table(reconcile(load_figures(), load_reported())).iloc[2, 3:7].tolist()
    ['18,300 EUR m', '18,325 EUR m', '-25 m', 'rounded']
    """
    rows = []
    for row in reconciled.to_dict("records"):
        is_percent = row["unit"] == "percent"

        def show(value, currency, is_percent=is_percent):
            if value is None or pd.isna(value):
                return "–"
            if is_percent:
                return f"{percent(value, locale, signed=False)} ({currency})"
            return f"{amount_m(value, locale)} {currency} {tr('m', locale)}"

        difference = row["difference"]
        if difference is None or pd.isna(difference):
            shown_difference = "–"
        elif is_percent:
            shown_difference = (
                f"{i18n.signed_number(difference, locale, 1 if difference % 1 else 0)} {tr('pp', locale)}"
            )
        else:
            shown_difference = f"{i18n.signed_number(difference, locale)} {tr('m', locale)}"
        rows.append(
            {
                tr("Company", locale): row["company"],
                tr("Claim", locale): row["claim_text"],
                tr("Period", locale): period_label(row["period_start"], row["period_end"], locale),
                tr(claims.column, locale): show(row["claim_value"], row["claim_currency"]),
                tr("Reported", locale): show(row["reported_value"], row["reported_currency"]),
                tr("Difference", locale): shown_difference,
                tr("Verdict", locale): tr(row["verdict"], locale),
                tr("Caveats", locale): i18n.semicolons(
                    [_caveat(key, params, locale) for key, params in row["caveats"]], locale
                )
                or "–",
            }
        )
    return pd.DataFrame(rows)


def growth_explanation(
    table: ComparisonTable, currency: str, method: str, basis: str = RECOMMENDED_BASIS, *, locale: str = "en"
) -> str:
    """Markdown: for each company, growth in its reporting currency, the rates, and growth in `currency`.

    >>> from figures.tabulate import comparison_table
    >>> print(growth_explanation(comparison_table(), "EUR", "average").splitlines()[1])
    - **Bolloré Group** reports in EUR: growth is +82.0% whatever the rates.
    """
    growth = selected(table, currency, method, basis)
    growth = growth[growth["metric"] == "revenue_growth"]
    lines = []
    for company, group in growth.groupby("company", sort=True):
        row = group.sort_values("period_end").iloc[-1]
        if row["fx_from_currency"] == currency:
            lines.append(
                tr("- **{company}** reports in {currency}: growth is {growth} whatever the rates.", locale).format(
                    company=md(company), currency=currency, growth=percent(row["value"], locale)
                )
            )
            continue
        own = lookup.own_growth(table, company, basis, row["period_end"])
        lines.append(
            tr(
                "- **{company}**: {own} in {own_currency}. The {method} rate went from {before} to {after}"
                " {currency} per {source} between the two years, so in {currency} the growth is {growth}.",
                locale,
            ).format(
                company=md(company),
                own=percent(own["value"], locale),
                own_currency=own["currency"],
                method=tr(method, locale),
                before=rate(row["fx_rate_prior"], locale),
                after=rate(row["fx_rate"], locale),
                currency=currency,
                source=row["fx_from_currency"],
                growth=percent(row["value"], locale),
            )
        )
    return "\n".join(lines)


def article_figures_table(table: ComparisonTable, *, locale: str = "en") -> pd.DataFrame:
    """The figures as the source states them, with their periods.

    >>> from figures.tabulate import comparison_table
    >>> article_figures_table(comparison_table()).iloc[0].tolist()
    ['Alibaba Group', 'Revenue', 'Apr 2017–Mar 2018 (inferred)', '39,900 USD m']
    """
    stated = table.rows[
        (table.rows["basis"] == "article") & (table.rows["fx_method"] == "none") & (table.rows["derived"] == "stated")
    ]
    rows = []
    for row in stated.to_dict("records"):
        is_revenue = row["metric"] == "revenue"
        value = (
            f"{amount_m(row['value'], locale)} {row['currency']} {tr('m', locale)}"
            if is_revenue
            else f"{percent(row['value'], locale)} ({row['currency']})"
        )
        rows.append(
            {
                tr("Company", locale): row["company"],
                tr("Figure", locale): tr("Revenue" if is_revenue else "Revenue growth", locale),
                tr("Period", locale): period_text(row, locale),
                tr("Value", locale): value,
            }
        )
    return pd.DataFrame(rows)


def provenance_table(figures: pd.DataFrame, *, locale: str = "en") -> pd.DataFrame:
    """Each loaded figure as printed, where it was published, how its period was set, and its note.

    The notes are the data file's own words, in its language.

    >>> from figures.load import load_figures
    >>> provenance_table(load_figures()).iloc[0, [0, 1, 5]].tolist()
    ['alibaba_revenue', '39,9 milliards de dollars', 'article_figures.csv, row 1']
    """
    return pd.DataFrame(
        {
            tr("Figure", locale): figures["figure_id"],
            tr("As printed", locale): figures["wording"],
            tr("Source", locale): [
                short_source(source, published)
                for source, published in zip(figures["source"], figures["published"], strict=True)
            ],
            tr("Period", locale): figures["period_note"],
            tr("Note", locale): figures["note"],
            tr("Data row", locale): [
                tr("{file}, row {row}", locale).format(file=Path(path).name, row=row)
                for path, row in zip(figures["source_file"], figures["source_row"], strict=True)
            ],
        }
    )


def method_table(
    table: ComparisonTable, currency: str, basis: str = RECOMMENDED_BASIS, *, locale: str = "en"
) -> pd.DataFrame:
    """Each company's latest revenue in `currency` under every method, with the rate used.

    >>> from figures.tabulate import comparison_table
    >>> method_table(comparison_table(), "USD").iloc[3].tolist()[2:]
    ['company', 'CNY', '0.159424', '39,898', '6.2726 CNY per USD on 30 March 2018']
    """
    rows = []
    translated = table.rows[
        (table.rows["basis"] == basis)
        & (table.rows["currency"] == currency)
        & (table.rows["metric"] == "revenue")
        & (table.rows["fx_method"] != "none")
    ]
    for company, group in translated.groupby("company", sort=True):
        latest = group["period_end"].max()
        for row in group[group["period_end"] == latest].to_dict("records"):
            rows.append(
                {
                    tr("Company", locale): company,
                    tr("Period", locale): period_text(row, locale),
                    tr("Method", locale): tr(row["fx_method"], locale),
                    tr("Stated in", locale): row["fx_from_currency"],
                    tr("Rate, {currency} per unit stated", locale).format(currency=currency): rate(
                        row["fx_rate"], locale
                    ),
                    tr("Revenue, {currency} m", locale).format(currency=currency): amount_m(row["value"], locale),
                    tr("Fixings used", locale): fixings_text(row, table.spot_date, locale),
                }
            )
    return pd.DataFrame(rows)


def fixings_text(row: dict[str, object], spot_date: dt.date, locale: str = "en") -> str:
    """Which fixings make up a row's rate, from the row's own columns.

    >>> row = {"fx_method": "closing", "fx_rate_source": "ECB", "fx_first_fixing": dt.date(2018, 3, 29),
    ...        "fx_last_fixing": dt.date(2018, 3, 29), "fx_fixing_days": 1, "period_end": dt.date(2018, 3, 31),
    ...        "fx_missing_date_policy": "previous"}
    >>> fixings_text(row, dt.date(2018, 7, 3), "fr").replace("\\xa0", " ")
    'fixing BCE du 29 mars 2018 (aucun le 31 mars 2018 ; règle : précédent)'
    """
    method = row["fx_method"]
    if row["fx_rate_source"] == "identity":
        return tr("same currency", locale)
    if method == "company":
        unit = tr("{source} per {target}", locale).format(source=row["fx_from_currency"], target=row["currency"])
        return tr("{rate} {unit} on {date}", locale).format(
            rate=rate(1 / row["fx_rate"], locale), unit=unit, date=i18n.date(row["fx_first_fixing"], locale)
        )
    provider = N_("live") if row.get("fx_provider") == "live" else N_("ECB")
    provider = tr(provider, locale)
    if method == "average":
        return tr("mean of {days} daily {provider} fixings, {first} to {last}", locale).format(
            days=row["fx_fixing_days"],
            provider=provider,
            first=i18n.date(row["fx_first_fixing"], locale),
            last=i18n.date(row["fx_last_fixing"], locale),
        )
    asked = row["period_end"] if method == "closing" else spot_date
    text = tr("{provider} fixing of {date}", locale).format(
        provider=provider, date=i18n.date(row["fx_first_fixing"], locale)
    )
    if row["fx_first_fixing"] != asked:
        text += " " + tr("(none on {asked}; policy: {policy})", locale).format(
            asked=i18n.date(asked, locale), policy=tr(row["fx_missing_date_policy"], locale)
        )
    return text


def growth_table(
    table: ComparisonTable, currency: str, basis: str = RECOMMENDED_BASIS, *, locale: str = "en"
) -> pd.DataFrame:
    """Growth as stated beside growth recomputed in `currency`, by method, for the latest period.

    >>> from figures.tabulate import comparison_table
    >>> growth_table(comparison_table(), "USD").iloc[0].tolist()
    ['Alibaba Group', 'FY2018, Apr 2017–Mar 2018', '+58.0% in CNY', '+60.7%', '+73.2%', '+58.1%']
    """
    growth = table.rows[(table.rows["metric"] == "revenue_growth") & (table.rows["basis"] == basis)]
    rows = []
    for company, group in growth.groupby("company", sort=True):
        group = group[group["period_end"] == group["period_end"].max()]
        stated = group[(group["fx_method"] == "none") & (group["derived"] == "stated")]
        recomputed = group[group["currency"] == currency].set_index("fx_method")["value"]
        row = {
            tr("Company", locale): company,
            tr("Period", locale): period_text(group.iloc[0], locale),
            tr("As stated", locale): _growth_text(stated, locale),
        }
        for method in ("average", "closing", "spot"):
            header = tr("In {currency}, {method}", locale).format(currency=currency, method=tr(method, locale))
            row[header] = percent(recomputed[method], locale) if method in recomputed else "–"
        rows.append(row)
    return pd.DataFrame(rows)


def fallback_figures(table: ComparisonTable, locale: str = "en") -> list[str]:
    """The translated figures whose live rate failed and which use the ECB rates instead: by figure id
    and methods, as the CSV has them, or in one phrase when every translated figure did.

    >>> from figures.tabulate import comparison_table
    >>> fallback_figures(comparison_table())
    []
    """
    fallen = fell_back(table.rows)
    if fallen.any() and fallen.all():
        return [tr("every translated figure", locale)]
    return [
        f"{figure_id} ({', '.join(sorted(set(group['fx_method'])))})"
        for figure_id, group in table.rows.loc[fallen[fallen].index].groupby("figure_id", sort=True)
    ]


def rates_notice(table: ComparisonTable, *, locale: str = "en") -> str:
    """Markdown saying which rates the numbers use and, if the live source failed, what fell back.

    >>> from figures.tabulate import comparison_table
    >>> rates_notice(comparison_table()).startswith("**Rates used:** European Central Bank")
    True
    """
    fallbacks = table.fallbacks
    if not fallbacks:
        return f"**{tr('Rates used:', locale)}** {md(rates_text(table.rates_source, locale))}."
    return tr(
        "**The live rate source failed** ({reasons}). These figures use the embedded ECB reference rates"
        " instead, marked in the CSV's `fx_rate_source`: {figures}.",
        locale,
    ).format(
        reasons=i18n.semicolons([md(reason) for reason in fallbacks], locale),  # the live source's words, as text
        figures=", ".join(fallback_figures(table, locale)),
    )


def live_log_summary(log: pd.DataFrame, *, locale: str = "en") -> pd.DataFrame:
    """One row per live address: how many dates were asked, and how many were answered for another day.

    >>> log = pd.DataFrame({"asked": [dt.date(2018, 6, 30)], "rates_of": [dt.date(2018, 6, 29)],
    ...                     "url": ["http://127.0.0.1/api/2018-06-30"], "fetched_at": ["2026-11-26T07:00:00+00:00"]})
    >>> print(*live_log_summary(log).iloc[0, 1:5])
    1 2018-06-30 2018-06-30 1
    """
    rows = []
    for url, group in log.groupby("url", sort=True):
        rows.append(
            {
                tr("Address", locale): url,
                tr("Dates asked", locale): len(group),
                tr("From", locale): str(min(group["asked"])),
                tr("To", locale): str(max(group["asked"])),
                tr("Answered with another day's rates", locale): int((group["asked"] != group["rates_of"]).sum()),
                tr("Fetched", locale): f"{min(group['fetched_at'])} – {max(group['fetched_at'])}",
            }
        )
    return pd.DataFrame(rows)


def _caveat(code: str, params: dict[str, object], locale: str) -> str:
    from figures.caveat import CLAIM_NOTES

    params = dict(params)
    if "rate" in params:
        params["rate"] = rate(params["rate"], locale)
    if "date" in params:
        params["date"] = i18n.date(params["date"], locale)
    return tr(CLAIM_NOTES[code], locale).format(**params)


def _growth_text(rows: pd.DataFrame, locale: str = "en") -> str:
    if rows.empty:
        return "–"
    row = rows.iloc[0]
    return tr("{growth} in {currency}", locale).format(growth=percent(row["value"], locale), currency=row["currency"])
