"""In the kernel: hand the report builder the table the notebooks showed, as CSV, and the page's context.

Kept apart from `figures.report` so that the kernel imports nothing the builder alone needs.
"""

from __future__ import annotations

from figures.paths import ECB_RATES
from figures.provenance import read_sidecar

EXPORT_MIME = "application/vnd.figures.export+json"


EXPORT_CODE = "from figures.export import export_for_report\nexport_for_report(table, currency, method, rate_table)"


def export_for_report(table, currency: str, method: str, rate_table=None) -> None:
    """In the kernel: hand the builder the CSV and the page's context, computed from `table`."""
    from IPython.display import display

    log = rate_table.fetch_log() if hasattr(rate_table, "fetch_log") else None
    context = {**page_context(table, rate_table), "currency": currency, "method": method}
    display(
        {
            EXPORT_MIME: {
                **context,
                "csv": table_csv(table, currency, method),
                "live_log_csv": None if log is None else log.to_csv(index=False, lineterminator="\n"),
            }
        },
        raw=True,
    )


def page_context(table, rate_table=None) -> dict[str, object]:
    """Title, data date and sources of the page, from the table and the rates it was built with."""
    rates_sidecar = read_sidecar(ECB_RATES)
    ecb = f"ECB reference rates to {rates_sidecar['last_date']} (accessed {rates_sidecar['date_accessed']})"
    if hasattr(rate_table, "fetch_log"):
        log = rate_table.fetch_log()
        span = "no live rate used" if log.empty else f"fetched {min(log['fetched_at'])} to {max(log['fetched_at'])}"
        ecb = f"{rate_table.source}, {span}; fallback {ecb}"
    from figures.present import fallback_figures

    return {
        "title": f"Revenue in a common currency: {' and '.join(sorted(table['company'].unique()))}",
        "fallbacks": table.attrs.get("fallbacks", []),
        "fallback_figures": fallback_figures(table),
        "spot_date": table.attrs["spot_date"].isoformat(),
        "data_date": f"figures as published on {table.attrs['published']}; {ecb}",
        "sources": [
            *table.attrs["source_citations"],
            f"{rates_sidecar['citation']}, {rates_sidecar['url']}. {rates_sidecar['licence']}",
        ],
    }


def table_csv(table, currency: str, method: str) -> str:
    """The comparison table as CSV; `selected` marks the rows in the report's currency and method."""
    frame = table.copy()
    chosen = (frame["currency"] == currency) & (frame["fx_method"] == method)
    frame.insert(frame.columns.get_loc("fx_method") + 1, "selected", chosen)
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.10g")
