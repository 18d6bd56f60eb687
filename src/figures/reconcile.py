"""Reconcile a source's claims with the reported figures they come from: difference and verdict.

A claim matches the reported figure of the same company, metric and period; for an amount, in
the same currency (a dollar claim matches the company's dollar translation); for a growth rate the
company does not report, the growth of its reported revenues over the period and the year before. The verdict follows
from the claim's own precision, half a unit of its last printed digit (39.9 billion: 50 million):
`consistent` when equal, `rounded` when within that, `inconsistent` beyond it.
"""

from __future__ import annotations

import pandas as pd

from figures.i18n import N_
from figures.periods import consecutive_revenues

VERDICTS = (N_("consistent"), N_("rounded"), N_("inconsistent"), N_("no reported figure"))
"""The verdicts, shown through `figures.i18n.tr`."""


def reconcile(figures: pd.DataFrame, reported: pd.DataFrame | None) -> pd.DataFrame:
    """One row per claim: the claim, the reported figure it comes from, the difference, the verdict.

    Without reported figures (`reported` None), every claim is left without one.

    >>> from figures.load import load_figures, load_reported
    >>> table = reconcile(load_figures(), load_reported())
    >>> first = table.iloc[0]
    >>> first["claim_id"], first["reported_id"], float(first["difference"]), first["verdict"]
    ('alibaba_revenue', 'alibaba_revenue_fy2018_usd', 2.0, 'rounded')
    """
    rows = []
    for claim in figures.to_dict("records"):
        match = None if reported is None else _match(claim, reported)
        row = {
            "company": claim["company"],
            "metric": claim["metric"],
            "period_start": claim["period_start"],
            "period_end": claim["period_end"],
            "claim_id": claim["figure_id"],
            "claim_text": claim.get("wording") or claim["stated_text"],
            "claim_value": float(claim["value"]),
            "claim_currency": claim["currency"],
            "unit": claim["unit"],
            "tolerance": half_unit(claim),
            "reported_id": None,
            "reported_value": None,
            "reported_currency": None,
            "difference": None,
            "verdict": "no reported figure",
            "caveats": [],
        }
        if match is not None:
            difference = float(round(claim["value"] - match["value"], 9))
            row.update(
                reported_id=match["figure_id"],
                reported_value=float(match["value"]),
                reported_currency=match["currency"],
                difference=difference,
                verdict=_verdict(difference, row["tolerance"]),
                caveats=_caveats(claim, match),
            )
        rows.append(row)
    return pd.DataFrame(rows)


def reconciliation_rows(figures: pd.DataFrame, reported: pd.DataFrame) -> list[dict[str, object]]:
    """The differences as rows of the comparison table (`basis` "reconciliation").

    >>> from figures.load import load_figures, load_reported
    >>> [(row["figure_id"], row["value"]) for row in reconciliation_rows(load_figures(), load_reported())][:2]
    [('alibaba_revenue', 2.0), ('alibaba_revenue_growth', 0.0)]
    """
    rows = []
    for row in reconcile(figures, reported).to_dict("records"):
        if row["difference"] is None or pd.isna(row["difference"]):  # pandas holds a missing one as NaN
            continue
        rows.append(
            {
                "company": row["company"],
                "metric": row["metric"],
                "period_start": row["period_start"],
                "period_end": row["period_end"],
                "basis": "reconciliation",
                "currency": row["claim_currency"],
                "value": row["difference"],
                "unit": "percentage points" if row["unit"] == "percent" else row["unit"],
                "fx_method": "none",
                "fx_rate_source": "",
                "fx_rate_detail": "",
                "fx_from_currency": row["claim_currency"],
                "fx_provider": "",
                "fx_fell_back": False,
                "derivation": f"{row['claim_id']} minus {row['reported_id']}: {row['verdict']}",
                "derived": "difference",
                "verdict": row["verdict"],
                "figure_id": row["claim_id"],
            }
        )
    return rows


def _match(claim: dict[str, object], reported: pd.DataFrame) -> dict[str, object] | None:
    same = reported[
        (reported["company"] == claim["company"])
        & (reported["metric"] == claim["metric"])
        & (reported["period_start"] == claim["period_start"])
        & (reported["period_end"] == claim["period_end"])
        & (reported["component"] == "")
    ]
    if claim["metric"] == "revenue":
        same = same[same["currency"] == claim["currency"]]
    if same.empty and claim["metric"] == "revenue_growth":
        return _recomputed_growth(claim, reported)
    return None if same.empty else same.iloc[0].to_dict()


def _recomputed_growth(claim: dict[str, object], reported: pd.DataFrame) -> dict[str, object] | None:
    """Without a reported growth rate: the growth of the company's group revenue over the claim's
    period and the period that ends the day before it starts (as the summary pairs them: 52-week
    years too), in the claim's currency if the company reports in it, else in the one it reports in;
    as a match whose figure is the period's revenue. None without both periods.

    >>> import datetime as dt
    >>> from figures.load import load_reported
    >>> claim = {"company": "Alibaba Group", "currency": "USD",
    ...          "period_start": dt.date(2017, 4, 1), "period_end": dt.date(2018, 3, 31)}
    >>> match = _recomputed_growth(claim, load_reported())
    >>> match["figure_id"], match["currency"], round(match["value"], 2), match["recomputed_from"]
    ('alibaba_revenue_fy2018', 'CNY', 58.12, 'alibaba_revenue_fy2017')
    """
    mine = reported[reported["company"] == claim["company"]].to_dict("records")
    pairs = [
        (current, previous)
        for current, previous in consecutive_revenues(mine)
        if (current["period_start"], current["period_end"]) == (claim["period_start"], claim["period_end"])
        and previous["value"]
    ]
    if not pairs:
        return None
    current, previous = min(pairs, key=lambda pair: (pair[0]["currency"] != claim["currency"], pair[0]["currency"]))
    growth = (current["value"] / previous["value"] - 1) * 100
    approximate = bool(current["approximate"] or previous["approximate"])
    return {**current, "value": growth, "approximate": approximate, "recomputed_from": previous["figure_id"]}


def half_unit(figure: dict[str, object]) -> float:
    """Half a unit of a figure's last printed digit, in the unit of its `value`: its rounding.

    >>> half_unit({"stated_text": "39.9", "stated_value": 39.9, "value": 39_900.0})
    50.0
    """
    text = str(figure["stated_text"])
    decimals = len(text.split(".")[1]) if "." in text else 0
    scale = figure["value"] / figure["stated_value"] if figure["stated_value"] else 1.0
    return 0.5 * 10.0**-decimals * scale


def _verdict(difference: float, tolerance: float) -> str:
    if difference == 0:
        return "consistent"
    return "rounded" if abs(difference) <= tolerance * (1 + 1e-9) else "inconsistent"


def _caveats(claim: dict[str, object], match: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    """Caveats as (code, fields): the code one of `figures.caveat.CLAIM_NOTES`, whose sentence shows the fields
    in any locale."""
    caveats: list[tuple[str, dict[str, object]]] = []
    if match["currency"] != claim["currency"]:
        caveats.append(("growth-paired-currency", {"currency": match["currency"], "claim_currency": claim["currency"]}))
    if match.get("translated_from"):
        source, target = match["fx_rate_unit"].split(" per ")
        fields = {"rate": match["fx_rate"], "source": source, "target": target, "date": match["fx_rate_date"]}
        caveats.append(("convenience-translation", fields))
    if match.get("recomputed_from"):
        caveats.append(("growth-recomputed", {"current": match["figure_id"], "previous": match["recomputed_from"]}))
    if claim["approximate"]:
        caveats.append(("approximate", {}))
    if match["approximate"]:
        caveats.append(("approximate-reported", {}))
    return caveats
