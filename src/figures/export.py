"""What a report holds besides its sections: the page's context (title, summary, sources), CSV, claim reviews."""

from __future__ import annotations

import pandas as pd

from figures import i18n
from figures.formats import METHOD_LABELS, claims_words, rate_source_text, rates_text
from figures.i18n import N_, tr
from figures.paths import ECB_RATES
from figures.provenance import read_sidecar
from figures.rates import ecb_sidecar
from figures.table import ComparisonTable

PAGE_LABELS = (
    N_("Common currency"),
    N_("Translation"),
    N_("Data"),
    N_("Summary"),
    N_("Contents"),
    N_("Appendix"),
    N_("Method"),
    N_("Sources"),
    N_("Data"),
    N_("Download the CSV of every number in this report"),
    N_(
        "Every number in this report is a row of this CSV, which also gives the rate, fixing dates,"
        " source and method behind each translated figure."
    ),
    N_("The live rate source failed:"),
    N_("These figures use the embedded ECB reference rates instead:"),
)
"""The page's own words, in the template, each translated for the reader's locale."""
TITLE_COMPANIES = 4
"""The title names up to this many companies; beyond, the first ones and how many more."""


def report_exports(ctx) -> dict[str, object]:
    """What a build writes beside the page, and the page's context: the CSV and the typed table it is written from
    (the workbook's too), the claim reviews, the live log.

    >>> from figures.context import build_context
    >>> exports = report_exports(build_context())
    >>> exports["csv"].splitlines()[0].split(",")[:2], exports["live_log_csv"], exports["title"][:25]
    (['company', 'metric'], None, 'Revenue in a common curre')
    """
    from figures.claimreview import claims_json, json_ld_block

    rates = ctx.rates
    log = rates.fetch_log() if hasattr(rates, "fetch_log") else None
    reviews = claim_reviews_for(ctx)
    frame = csv_frame(ctx.table, ctx.currency, ctx.method)
    return {
        **page_context(
            ctx.table, rates, currency=ctx.currency, method=ctx.method, locale=ctx.locale, found=ctx.caveats
        ),
        "csv": _csv_text(frame),
        "typed": frame,
        "live_log": log,
        "claims_json": claims_json(reviews),
        "json_ld": json_ld_block(reviews),
        "live_log_csv": None if log is None else log.to_csv(index=False, lineterminator="\n"),
    }


def claim_reviews_for(ctx) -> list[dict]:
    """Each claim of the build's comparison reviewed against its reported figures.

    >>> from figures.context import build_context
    >>> [review["reviewRating"]["alternateName"] for review in claim_reviews_for(build_context())]
    ['rounded', 'consistent', 'rounded', 'consistent']
    """
    from figures.claimreview import claim_reviews
    from figures.errors import MissingSidecar

    try:
        url = read_sidecar(ctx.case.claims).get("url") or None
    except MissingSidecar:  # a claims file without a sidecar has no address to give; a corrupt one fails
        url = None
    return claim_reviews(ctx.reconciliation, ctx.figures, ctx.reported, source_url=url)


def page_context(
    table, rate_table=None, *, currency: str = "EUR", method: str = "average", locale: str = "en", found=None
) -> dict[str, object]:
    """Title, summary, data date, method and sources of the page, in `locale`.

    >>> from figures.tabulate import comparison_table
    >>> context = page_context(comparison_table(), locale="fr")
    >>> context["title"], context["lang"]
    ("Chiffre d'affaires dans une devise commune\\xa0: Alibaba Group et Bolloré Group", 'fr')
    """
    from babel.lists import format_list

    from figures.present import fallback_figures
    from figures.summary import headline

    rates_sidecar = _ecb_provenance(rate_table)
    rates = tr("ECB reference rates to {last} (accessed {accessed})", locale).format(
        last=i18n.date(_date(rates_sidecar["last_date"]), locale),
        accessed=i18n.date(_date(rates_sidecar["date_accessed"]), locale),
    )
    if hasattr(rate_table, "fetch_log"):
        log = rate_table.fetch_log()
        if log.empty:
            rates = tr("{source}, nothing fetched; fallback {ecb}", locale).format(
                source=rate_source_text(rate_table.origin, locale), ecb=rates
            )
        else:
            rates = tr("{source}, fetched {span}; fallback {ecb}", locale).format(
                source=rate_source_text(rate_table.origin, locale),
                span=f"{min(log['fetched_at'])} – {max(log['fetched_at'])}",
                ecb=rates,
            )
    companies = sorted(table.rows["company"].unique())
    if len(companies) > TITLE_COMPANIES:
        more = tr("{count} more", locale).format(count=len(companies) - TITLE_COMPANIES + 1)
        companies = [*companies[: TITLE_COMPANIES - 1], more]
    joined = format_list(companies, locale=locale)
    return {
        "lang": locale,
        "title": tr("Revenue in a common currency: {companies}", locale).format(companies=joined),
        "currency": currency,
        "method_line": tr("{method} method (spot date {date})", locale).format(
            method=tr(method, locale), date=i18n.date(table.spot_date, locale)
        ),
        "data_date": _data_date(table, rates, locale),
        "summary": headline(table, currency, method, locale=locale, found=found),
        "footnotes": [
            tr("Figures: {sources}.", locale).format(sources=i18n.semicolons(table.source_citations, locale)),
            tr("Translated at the {method}; see the appendix for the rates and the method.", locale).format(
                method=tr(METHOD_LABELS[method], locale)
            ),
        ],
        "method_notes": method_notes(table, locale),
        "fallbacks": list(table.fallbacks),
        "fallback_figures": fallback_figures(table, locale),
        "sources": [
            *table.source_citations,
            f"{rates_sidecar['citation']}, {rates_sidecar['url']}. {rates_sidecar['licence']}",
        ],
        "labels": {key: tr(key, locale) for key in PAGE_LABELS},
    }


def _ecb_provenance(rate_table) -> dict:
    """The sidecar of the ECB history behind `rate_table` (the live source's fallback for live rates): the embedded
    snapshot's, or the updated copy's."""
    ecb = getattr(rate_table, "fallback", rate_table)
    return getattr(ecb, "provenance", None) or ecb_sidecar(ECB_RATES)


def _data_date(table: ComparisonTable, rates: str, locale: str) -> str:
    """How recent the data is: the figures' publication (a range where their sources appeared on different days),
    the latest company report's (if any), the rates."""
    last = table.published
    first = table.published_first
    if first == last:
        when = tr("on {date}", locale).format(date=i18n.date(last, locale))
    else:
        when = tr("from {first} to {last}", locale).format(first=i18n.date(first, locale), last=i18n.date(last, locale))
    reported = table.reported_published
    if reported is None:
        return tr("figures as published {when}; {rates}", locale).format(when=when, rates=rates)
    return tr("figures as published {when}; company reports to {reported}; {rates}", locale).format(
        when=when, reported=i18n.date(reported, locale), rates=rates
    )


def method_notes(table: ComparisonTable, locale: str = "en") -> list[str]:
    """The method in a few sentences, for the report's appendix.

    >>> from figures.tabulate import comparison_table
    >>> method_notes(comparison_table())[2].startswith("Dates without a fixing")
    True
    """
    notes = [
        tr(
            "Rates: {rates}. The ECB quotes each currency per euro; the rate between two other currencies is"
            " the cross rate through the euro on the same day.",
            locale,
        ).format(rates=rates_text(table.rates_source, locale)),
        tr(
            "Methods: average, the mean of the daily rates over the fixing days of each figure's own period"
            " (IAS 21's approximation for income); closing, the last fixing on or before the period's end;"
            " spot, the fixing of {spot}.",
            locale,
        ).format(spot=i18n.date(table.spot_date, locale)),
        tr(
            "Dates without a fixing (weekends, TARGET holidays) take the last fixing before them; averages"
            " count fixing days only; a fixing more than seven days away is refused.",
            locale,
        ),
        tr(claims_words(table).bases, locale)
        + " "
        + tr("Growth in a common currency compares both years, each translated at its own rate.", locale)
        if "reported" in set(table.rows["basis"])
        else tr(
            "One basis: the claims as the source states them (the comparison has no reported figures). Growth in"
            " a common currency compares both years, each translated at its own rate.",
            locale,
        ),
    ]
    if table.untranslated:
        notes.append(
            tr("Not translated, for want of ECB rates over their periods: {items}.", locale).format(
                items=i18n.semicolons(table.untranslated, locale)
            )
        )
    return notes


def table_csv(table: ComparisonTable, currency: str, method: str) -> str:
    """The comparison table as CSV; `selected` marks the rows in the report's currency and method.

    Numbers are exact (the shortest text that reads back as the same float), so a number the page
    shows rounded rounds the same from here.

    >>> from figures.tabulate import comparison_table
    >>> table_csv(comparison_table(), "EUR", "average").splitlines()[0].split(",")[:8]
    ['company', 'metric', 'component', 'period_start', 'period_end', 'fiscal_label', 'basis', 'currency']
    """
    return _csv_text(csv_frame(table, currency, method))


def _csv_text(typed: pd.DataFrame) -> str:
    """`csv_frame`'s table as CSV text, its text cells made safe for spreadsheets (a copy: `typed` is left as is)."""
    frame = typed.copy()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column]):
            frame[column] = frame[column].map(spreadsheet_safe)
    # Each number exactly, in the fewest digits that give it back: a value the page rounds rounds the
    # same from the CSV (139,285,751 from 139285750.54; ten digits, 139285750.5, gave 139,285,750).
    return frame.to_csv(index=False, lineterminator="\n", float_format=_exact)


def csv_frame(table: ComparisonTable, currency: str, method: str) -> pd.DataFrame:
    """The table the CSV (and the workbook's comparison sheet) holds: the comparison table and `selected`, which
    marks the rows in the report's currency and method; values still typed.

    >>> from figures.tabulate import comparison_table
    >>> frame = csv_frame(comparison_table(), "EUR", "average")
    >>> list(frame.columns[10:13]), int(frame["selected"].sum()) > 0
    (['fx_method', 'selected', 'fx_rate'], True)
    """
    frame = table.rows.copy()
    chosen = (frame["currency"] == currency) & (frame["fx_method"] == method)
    frame.insert(frame.columns.get_loc("fx_method") + 1, "selected", chosen)
    return frame


def _exact(value: float) -> str:
    """The shortest text that reads back as exactly `value` (Python's own `repr` of a float), no ".0".

    >>> _exact(139285750.54021284), _exact(18300.0), _exact(-160.0), _exact(0.1)
    ('139285750.54021284', '18300', '-160', '0.1')
    """
    return repr(float(value)).removesuffix(".0")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def spreadsheet_safe(value):
    """A text cell a spreadsheet would run as a formula, neutralised with a leading quote (OWASP).

    Numbers and other values pass unchanged, so numeric columns stay plain numbers.

    >>> spreadsheet_safe("=1+2"), spreadsheet_safe("@SUM(A1)"), spreadsheet_safe("Alpha"), spreadsheet_safe(-3.5)
    ("'=1+2", "'@SUM(A1)", 'Alpha', -3.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)
