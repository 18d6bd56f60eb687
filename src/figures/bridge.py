"""Growth bridges: previous revenue → organic growth → change of scope → currency → current revenue.

A company that reports the revenue added by changes of scope and by exchange rates gets a bridge
between two consecutive years. Organic growth is the residual, current − previous − scope −
currency, and is checked against the organic growth rate the company reports, which is measured
on the previous year at the current scope: residual / (previous + scope).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from figures.periods import consecutive_revenues


@dataclass(frozen=True)
class Bridge:
    """The steps from one year's revenue to the next, in the reporting currency (millions).

    >>> from figures.load import load_reported
    >>> [label for label, _ in growth_bridges(load_reported())[0].steps]
    ['previous year', 'organic growth', 'change of scope', 'currency', 'current year']
    """

    company: str
    currency: str
    previous: dict[str, object]
    current: dict[str, object]
    scope_m: float
    currency_effect_m: float
    organic_m: float
    organic_percent: float
    reported_organic_percent: float | None
    approximate: bool

    @property
    def steps(self) -> list[tuple[str, float]]:
        """(label, millions) from the previous year to the current one."""
        return [
            ("previous year", self.previous["value"]),
            ("organic growth", self.organic_m),
            ("change of scope", self.scope_m),
            ("currency", self.currency_effect_m),
            ("current year", self.current["value"]),
        ]


def growth_bridges(reported: pd.DataFrame) -> list[Bridge]:
    """One bridge per company and year that has a scope or currency effect and both revenues.

    >>> from figures.load import load_reported
    >>> [(b.company, b.organic_m, round(b.organic_percent, 2)) for b in growth_bridges(load_reported())]
    [('Bolloré Group', 1032.0, 5.91)]
    """
    records = reported.to_dict("records")
    bridges = []
    for current, previous in consecutive_revenues(records):
        same_year = [
            r
            for r in records
            if r["company"] == current["company"]
            and (r["period_start"], r["period_end"]) == (current["period_start"], current["period_end"])
        ]
        effects = {
            r["metric"]: r for r in same_year if r["metric"] in ("revenue_change_scope", "revenue_change_currency")
        }
        if not effects:
            continue
        scope = effects.get("revenue_change_scope", {}).get("value", 0.0)
        currency = effects.get("revenue_change_currency", {}).get("value", 0.0)
        organic = current["value"] - previous["value"] - scope - currency
        reported_organic = [r["value"] for r in same_year if r["metric"] == "revenue_growth_organic"]
        bridges.append(
            Bridge(
                company=current["company"],
                currency=current["currency"],
                previous=previous,
                current=current,
                scope_m=scope,
                currency_effect_m=currency,
                organic_m=organic,
                organic_percent=organic / (previous["value"] + scope) * 100,
                reported_organic_percent=reported_organic[0] if reported_organic else None,
                approximate=bool(previous["approximate"] or current["approximate"]),
            )
        )
    return bridges


def bridge_rows(reported: pd.DataFrame) -> list[dict[str, object]]:
    """The derived steps of each bridge as rows of the comparison table.

    >>> from figures.load import load_reported
    >>> [(row["metric"], round(row["value"], 2)) for row in bridge_rows(load_reported())]
    [('revenue_change_organic', 1032.0), ('revenue_growth_organic', 5.91)]
    """
    rows = []
    for bridge in growth_bridges(reported):
        current = bridge.current
        common = {
            "company": bridge.company,
            "period_start": current["period_start"],
            "period_end": current["period_end"],
            "basis": "reported",
            "currency": bridge.currency,
            "fx_method": "none",
            "fx_rate_source": "",
            "fx_rate_detail": "",
            "fx_provider": "",
            "fx_fell_back": False,
            "fx_from_currency": bridge.currency,
            "approximate": bridge.approximate,
            "figure_id": f"{current['figure_id']}__bridge",
        }
        rows.append(
            {
                **common,
                "metric": "revenue_change_organic",
                "value": bridge.organic_m,
                "unit": "million",
                "derivation": "residual: current - previous - change of scope - currency effect",
                "derived": "residual",
            }
        )
        rows.append(
            {
                **common,
                "metric": "revenue_growth_organic",
                "value": bridge.organic_percent,
                "unit": "percent",
                "derivation": "recomputed: organic change / (previous year + change of scope)",
                "derived": "recomputed",
            }
        )
    return rows
