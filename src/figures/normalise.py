"""Normalise figures into common currencies: one tidy table of every number the report shows.

Each revenue figure is translated into every common currency by every method; the prior year
implied by a growth figure is derived and translated the same way; growth is then recomputed in
each common currency from the two translated years. Every row keeps the rate, its dates, its
source and how the number was derived, so each can be checked by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from figures.choices import COMMON_CURRENCIES, METHODS
from figures.errors import FiguresError
from figures.load import load_figures
from figures.provenance import short_source
from figures.rates import AppliedRate, RateTable, load_ecb_rates

TABLE_COLUMNS = (
    "company",
    "metric",
    "period_start",
    "period_end",
    "basis",
    "currency",
    "value",
    "unit",
    "fx_method",
    "fx_rate",
    "fx_rate_source",
    "fx_rate_detail",
    "fx_from_currency",
    "fx_first_fixing",
    "fx_last_fixing",
    "fx_fixing_days",
    "fx_missing_date_policy",
    "fx_rate_prior",
    "fx_rate_prior_detail",
    "derivation",
    "figure_id",
    "approximate",
    "period_inferred",
    "source_file",
    "source_row",
)


def comparison_table(
    figures: pd.DataFrame | str | Path | None = None,
    *,
    spot_date: dt.date | str | None = None,
    rates: RateTable | None = None,
) -> pd.DataFrame:
    """Every figure as stated, translated, implied and recomputed, one row per number.

    `spot_date` defaults to the figures' publication date (the latest, if they differ).

    >>> table = comparison_table()
    >>> row = table.query("figure_id == 'bollore_revenue' and currency == 'USD' and fx_method == 'average'")
    >>> round(row["value"].item(), 1), round(row["fx_rate"].item(), 4)
    (20673.2, 1.1297)
    """
    if not isinstance(figures, pd.DataFrame):
        figures = load_figures(figures)
    rates = load_ecb_rates() if rates is None else rates
    spot = default_spot_date(figures) if spot_date is None else _as_date(spot_date)
    rows = list(_stated_rows(figures))
    for revenue, growth in _revenue_with_growth(figures):
        current_rows = list(_translated_rows(revenue, rates, spot, derivation="translated"))
        rows.extend(current_rows)
        if growth is None:
            continue
        prior = _implied_prior(revenue, growth)
        prior_rows = list(_translated_rows(prior, rates, spot, derivation=prior["derivation"]))
        rows.append(_stated(prior))
        rows.extend(prior_rows)
        rows.extend(_growth_rows(growth, current_rows, prior_rows))
    table = pd.DataFrame.from_records(rows, columns=list(TABLE_COLUMNS))
    table.attrs["spot_date"] = spot
    table.attrs["rates_source"] = rates.source
    table.attrs["fallbacks"] = list(getattr(rates, "fallbacks", []))
    table.attrs["published"] = default_spot_date(figures)
    table.attrs["source_citations"] = sorted(set(figures["source"]))
    table.attrs["figure_sources"] = "; ".join(
        sorted({short_source(s, p) for s, p in zip(figures["source"], figures["published"], strict=True)})
    )
    return table


def default_spot_date(figures: pd.DataFrame) -> dt.date:
    """The figures' publication date: the date a reader of the source met the numbers."""
    return max(figures["published"])


def selected(table: pd.DataFrame, currency: str, method: str) -> pd.DataFrame:
    """The rows the report's headline uses: figures in `currency` by `method`."""
    check_choice(currency, method)
    return table[(table["currency"] == currency) & (table["fx_method"] == method)]


def check_choice(currency: str, method: str) -> None:
    if currency not in COMMON_CURRENCIES:
        raise FiguresError(f"expected a common currency among {', '.join(COMMON_CURRENCIES)}, found {currency!r}")
    if method not in METHODS:
        raise FiguresError(f"expected a method among {', '.join(METHODS)}, found {method!r}")


def _stated_rows(figures: pd.DataFrame) -> Iterator[dict[str, object]]:
    for figure in figures.to_dict("records"):
        yield _stated({**figure, "derivation": "stated in the source"})


def _stated(figure: dict[str, object]) -> dict[str, object]:
    return {
        **_identity_columns(figure),
        "currency": figure["currency"],
        "value": figure["value"],
        "fx_method": "none",
        "fx_rate_source": "",
        "fx_rate_detail": "",
        "derivation": figure["derivation"],
    }


def _identity_columns(figure: dict[str, object]) -> dict[str, object]:
    return {
        "company": figure["company"],
        "metric": figure["metric"],
        "period_start": figure["period_start"],
        "period_end": figure["period_end"],
        "basis": "article",
        "unit": figure["unit"],
        "fx_from_currency": figure["currency"],
        "figure_id": figure["figure_id"],
        "approximate": figure["approximate"],
        "period_inferred": figure["period_inferred"],
        "source_file": figure["source_file"],
        "source_row": figure["source_row"],
    }


def _revenue_with_growth(figures: pd.DataFrame) -> Iterator[tuple[dict[str, object], dict[str, object] | None]]:
    """Each revenue figure with the growth figure for the same company and period, if any."""
    records = figures.to_dict("records")
    growth_by_key = {
        (g["company"], g["period_start"], g["period_end"]): g for g in records if g["metric"] == "revenue_growth"
    }
    for revenue in records:
        if revenue["metric"] == "revenue":
            yield revenue, growth_by_key.get((revenue["company"], revenue["period_start"], revenue["period_end"]))


def _implied_prior(revenue: dict[str, object], growth: dict[str, object]) -> dict[str, object]:
    """The previous period's revenue that the stated growth implies: revenue / (1 + growth)."""
    return {
        **revenue,
        "period_start": _one_year_earlier(revenue["period_start"]),
        "period_end": _one_year_earlier(revenue["period_end"]),
        "value": revenue["value"] / (1 + growth["value"] / 100),
        "derivation": f"implied: {revenue['figure_id']} / (1 + {growth['figure_id']} / 100)",
        "figure_id": f"{revenue['figure_id']}__prior_implied",
    }


def _translated_rows(
    figure: dict[str, object], rates: RateTable, spot: dt.date, *, derivation: str
) -> Iterator[dict[str, object]]:
    for currency in COMMON_CURRENCIES:
        for method in METHODS:
            applied = _apply(figure, rates, currency, method, spot)
            yield {
                **_identity_columns(figure),
                "currency": currency,
                "value": figure["value"] * applied.rate,
                "fx_method": method,
                "fx_rate": applied.rate,
                "fx_rate_source": applied.source,
                "fx_rate_detail": applied.describe(),
                "fx_first_fixing": applied.first_fixing,
                "fx_last_fixing": applied.last_fixing,
                "fx_fixing_days": applied.fixing_days,
                "fx_missing_date_policy": applied.missing_policy,
                "derivation": derivation if derivation == "translated" else f"{derivation}, translated",
            }


def _apply(figure: dict[str, object], rates: RateTable, currency: str, method: str, spot: dt.date) -> AppliedRate:
    base, start, end = figure["currency"], figure["period_start"], figure["period_end"]
    column = "currency" if base not in rates.currencies else "published" if method == "spot" else "period_end"
    try:
        if method == "average":
            return rates.average_rate(base, currency, start, end)
        if method == "closing":
            return rates.closing_rate(base, currency, end)
        return rates.rate_on(base, currency, spot)
    except FiguresError as error:
        raise FiguresError(
            f"{error.message} (translating {figure['figure_id']} into {currency} by the {method} method)",
            path=figure["source_file"],
            row=figure["source_row"],
            column=column,
        ) from None


def _growth_rows(
    growth: dict[str, object], current_rows: list[dict[str, object]], prior_rows: list[dict[str, object]]
) -> Iterator[dict[str, object]]:
    for current, prior in zip(current_rows, prior_rows, strict=True):
        yield {
            **_identity_columns(growth),
            "currency": current["currency"],
            "value": (current["value"] / prior["value"] - 1) * 100,
            "fx_method": current["fx_method"],
            "fx_rate": current["fx_rate"],
            "fx_rate_source": current["fx_rate_source"],
            "fx_rate_detail": current["fx_rate_detail"],
            "fx_first_fixing": current["fx_first_fixing"],
            "fx_last_fixing": current["fx_last_fixing"],
            "fx_fixing_days": current["fx_fixing_days"],
            "fx_missing_date_policy": current["fx_missing_date_policy"],
            "fx_rate_prior": prior["fx_rate"],
            "fx_rate_prior_detail": prior["fx_rate_detail"],
            "derivation": f"recomputed in {current['currency']}: translated revenue / translated prior year - 1",
        }


def _one_year_earlier(day: dt.date) -> dt.date:
    return (pd.Timestamp(day) - pd.DateOffset(years=1)).date()


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FiguresError(f"expected a spot date as YYYY-MM-DD, found {value!r}") from None
