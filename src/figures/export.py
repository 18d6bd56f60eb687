"""In the kernel: hand the report builder the table the notebooks showed, as CSV, and the page's context.

Kept apart from `figures.report` so that the kernel imports nothing the builder alone needs.
"""

from __future__ import annotations

from figures import i18n
from figures.i18n import tr
from figures.paths import ECB_RATES
from figures.present import METHOD_LABELS
from figures.provenance import read_sidecar

EXPORT_MIME = "application/vnd.figures.export+json"
EXPORT_CODE = (
    "from figures.export import export_for_report\nexport_for_report(table, currency, method, rate_table, locale)"
)


def export_for_report(table, currency: str, method: str, rate_table=None, locale: str = "en") -> None:
    """In the kernel: hand the builder the CSV and the page's context, computed from `table`.

    >>> from figures.normalise import comparison_table
    >>> export_for_report(comparison_table(), "EUR", "average")  # outside a kernel, the payload is printed
    {'application/vnd.figures.export+json': {...}}
    """
    from IPython.display import display

    log = rate_table.fetch_log() if hasattr(rate_table, "fetch_log") else None
    context = {**page_context(table, rate_table, currency=currency, method=method, locale=locale)}
    payload = {
        **context,
        "csv": table_csv(table, currency, method),
        "live_log_csv": None if log is None else log.to_csv(index=False, lineterminator="\n"),
    }
    display({EXPORT_MIME: payload}, raw=True)


def page_context(
    table, rate_table=None, *, currency: str = "EUR", method: str = "average", locale: str = "en"
) -> dict[str, object]:
    """Title, summary, data date, method and sources of the page, in `locale`.

    >>> from figures.normalise import comparison_table
    >>> context = page_context(comparison_table(), locale="fr")
    >>> context["title"], context["lang"]
    ("Chiffre d'affaires dans une devise commune\\xa0: Alibaba Group et Bolloré Group", 'fr')
    """
    from figures.present import fallback_figures, headline

    rates_sidecar = read_sidecar(ECB_RATES)
    rates = tr("ECB reference rates to {last} (accessed {accessed})", locale).format(
        last=i18n.date(_date(rates_sidecar["last_date"]), locale),
        accessed=i18n.date(_date(rates_sidecar["date_accessed"]), locale),
    )
    if hasattr(rate_table, "fetch_log"):
        log = rate_table.fetch_log()
        span = "–" if log.empty else f"{min(log['fetched_at'])} – {max(log['fetched_at'])}"
        rates = tr("{source}, fetched {span}; fallback {ecb}", locale).format(
            source=rate_table.source, span=span, ecb=rates
        )
    companies = sorted(table["company"].unique())
    joined = f" {tr('and', locale)} ".join(companies)
    return {
        "lang": locale,
        "title": tr("Revenue in a common currency: {companies}", locale).format(companies=joined),
        "currency": currency,
        "method_line": tr("{method} method (spot date {date})", locale).format(
            method=tr(method, locale), date=i18n.date(table.attrs["spot_date"], locale)
        ),
        "data_date": tr("figures as published on {published}; {rates}", locale).format(
            published=i18n.date(table.attrs["published"], locale), rates=rates
        ),
        "summary": headline(table, currency, method, locale=locale),
        "footnotes": [
            tr("Figures: {sources}.", locale).format(sources="; ".join(table.attrs["source_citations"])),
            tr("Translated at the {method}; see the appendix for the rates and the method.", locale).format(
                method=tr(METHOD_LABELS[method], locale)
            ),
        ],
        "method_notes": method_notes(table, locale),
        "fallbacks": table.attrs.get("fallbacks", []),
        "fallback_figures": fallback_figures(table),
        "sources": [
            *table.attrs["source_citations"],
            f"{rates_sidecar['citation']}, {rates_sidecar['url']}. {rates_sidecar['licence']}",
        ],
        "labels": {
            key: tr(key, locale)
            for key in (
                "Common currency",
                "Translation",
                "Data as of",
                "Summary",
                "Contents",
                "Appendix",
                "Method",
                "Sources",
                "Data",
                "Download the CSV of every number in this report",
                "Every number in this report is a row of this CSV, which also gives the rate, fixing dates,"
                " source and method behind each translated figure.",
                "The live rate source failed:",
                "These figures use the embedded ECB reference rates instead:",
            )
        },
    }


def method_notes(table, locale: str = "en") -> list[str]:
    """The method in a few sentences, for the report's appendix.

    >>> from figures.normalise import comparison_table
    >>> method_notes(comparison_table())[2].startswith("Dates without a fixing")
    True
    """
    return [
        tr(
            "Rates: {rates}. The ECB quotes each currency per euro; the rate between two other currencies is"
            " the cross rate through the euro on the same day.",
            locale,
        ).format(rates=table.attrs["rates_source"]),
        tr(
            "Methods: average, the mean of the daily rates over the fixing days of each figure's own period"
            " (IAS 21's approximation for income); closing, the last fixing on or before the period's end;"
            " spot, the fixing of {spot}.",
            locale,
        ).format(spot=i18n.date(table.attrs["spot_date"], locale)),
        tr(
            "Dates without a fixing (weekends, TARGET holidays) take the last fixing before them; averages"
            " count fixing days only; a fixing more than seven days away is refused.",
            locale,
        ),
        tr(
            "Two bases: the companies' reported figures (recommended) and the article's. Growth in a common"
            " currency compares both years, each translated at its own rate.",
            locale,
        ),
    ]


def table_csv(table, currency: str, method: str) -> str:
    """The comparison table as CSV; `selected` marks the rows in the report's currency and method.

    >>> from figures.normalise import comparison_table
    >>> table_csv(comparison_table(), "EUR", "average").splitlines()[0].split(",")[:8]
    ['company', 'metric', 'component', 'period_start', 'period_end', 'fiscal_label', 'basis', 'currency']
    """
    frame = table.copy()
    chosen = (frame["currency"] == currency) & (frame["fx_method"] == method)
    frame.insert(frame.columns.get_loc("fx_method") + 1, "selected", chosen)
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.10g")


def _date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)
