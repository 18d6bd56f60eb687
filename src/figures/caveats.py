"""Caveats as rules: each finds one kind of trap in the comparison table and states it with its numbers.

Each rule is a small function with a stable code and a one-line description, like a linter's; it
returns the caveats it finds, each with its numbers, a template in English (translated at display
time) and a rank. `detect` asks every rule and orders what fired, the one that matters most first.
A new caveat is a new rule, never a sentence about a particular company.

Ranks compare within tiers: tier 2 holds the caveats measured in points of growth or percent of
revenue (how far a reader's number is from the one the caveat points to), tier 1 the structural
ones (periods, currencies), tier 0 the notices (approximate figures).
"""

from __future__ import annotations

from collections.abc import Iterator

from figures import (
    lookup,
    period_caveats,  # noqa: F401  (the rules on periods, registered on import)
)
from figures.caveat import RULES, Caveat, Rule, rule
from figures.i18n import N_
from figures.table import ComparisonTable

__all__ = ["GROWTH_GAP_PP", "RULES", "Caveat", "Rule", "detect", "rule"]

GROWTH_GAP_PP = 1.0
"""Growth in the common currency this far (percentage points) from the growth in the company's own
currency is worth a caveat."""


def detect(table: ComparisonTable, currency: str, method: str) -> list[Caveat]:
    """Every caveat the rules find in `table` for a report in `currency` by `method`, most important first.

    >>> from figures.tabulate import comparison_table
    >>> [caveat.code for caveat in detect(comparison_table(), "EUR", "average")][:3]
    ['scope-change', 'growth-currency-moved', 'convenience-translation']
    """
    found = [caveat for each in RULES for caveat in each.detect(table, currency, method)]
    found.sort(key=lambda caveat: (-caveat.rank[0], -caveat.rank[1], caveat.code, caveat.company or ""))
    return found


@rule("scope-change", "Growth that comes mostly or partly from a change of scope, against organic growth.")
def scope_change(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """Growth against the change of scope a company reports for the same year.

    >>> from figures.tabulate import comparison_table
    >>> [c.company for c in scope_change(comparison_table(), "EUR", "average")]
    ['Bolloré Group']
    """
    for company in lookup.companies(table):
        current = lookup.latest_revenue(table, company, "reported")
        if current is None:
            continue
        end = current["period_end"]
        growth = _reported_growth(table, company, end)
        scope = lookup.reported_rows(table, company, end, "revenue_change_scope")
        if growth is None or scope.empty:
            continue
        organic = lookup.reported_rows(table, company, end, "revenue_growth_organic")
        recomputed = organic[organic["derived"] == "recomputed"]
        stated = organic[organic["derived"] == "stated"]
        scope_row = scope.iloc[0]
        fields = {
            "company": ("text", company),
            "growth": ("percent", growth["value"]),
            "scope": ("change", scope_row["value"]),
            "currency": ("text", scope_row["currency"]),
        }
        if recomputed.empty:
            share = scope_row["value"] / current["value"] * 100
            yield Caveat(
                "scope-change",
                company,
                (2, abs(share)),
                N_("{company}'s {growth} includes a change of scope of {scope} {currency} m."),
                fields,
            )
            continue
        organic_value = recomputed["value"].iloc[0]
        causes = _causes(table, company, end, current["value"], scope_row["value"])
        if causes is None or causes[0]["scope"] == 0:
            continue
        parts, currency_m = causes
        share = scope_share(parts)
        template = (
            {
                "mostly": N_(
                    "{company}'s {growth} is mostly a change of scope ({scope} {currency} m); its organic growth was"
                    " {organic}"
                ),
                "partly": N_(
                    "{company}'s {growth} is partly a change of scope ({scope} {currency} m); its organic growth was"
                    " {organic}"
                ),
                "against": N_(
                    "{company}'s {growth} comes despite a change of scope of {scope} {currency} m; its organic growth"
                    " was {organic}"
                ),
            }[share],
        )
        fields["organic"] = ("percent", organic_value)
        if not stated.empty:
            template += (N_(" (reported: {stated})"),)
            fields["stated"] = ("percent", stated["value"].iloc[0])
        largest = max(parts, key=lambda cause: abs(parts[cause]))
        if largest == "currency":
            template += (N_("; the currency effect ({effect} {currency} m) moved it most"),)
            fields["effect"] = ("change", currency_m)
        elif largest == "organic":
            template += (N_("; organic growth moved it most"),)
        # Ranked by the points of growth the change of scope accounts for.
        yield Caveat("scope-change", company, (2, abs(parts["scope"])), (*template, "."), fields)


def _causes(
    table: ComparisonTable, company: str, end, current_m: float, scope_m: float
) -> tuple[dict[str, float], float] | None:
    """A reported year's growth split into its causes, each in points of the previous year's revenue:
    organic (the bridge's residual), change of scope and currency; with the currency effect in millions."""
    organic = lookup.reported_rows(table, company, end, "revenue_change_organic")
    if organic.empty:
        return None
    effect = lookup.reported_rows(table, company, end, "revenue_change_currency")
    currency_m = float(effect["value"].iloc[0]) if not effect.empty else 0.0
    organic_m = float(organic["value"].iloc[0])
    previous_m = current_m - organic_m - scope_m - currency_m
    if previous_m <= 0:
        return None
    points = {
        cause: m / previous_m * 100
        for cause, m in (("organic", organic_m), ("scope", scope_m), ("currency", currency_m))
    }
    return points, currency_m


def scope_share(parts: dict[str, float]) -> str:
    """How a change of scope stands in a growth split into causes (points of the previous year's revenue):
    "mostly" when it outweighs organic growth and currency together, "partly" when it moves the same way as
    the growth without that, "against" when it moves the other way.

    >>> scope_share({"organic": 10.2, "scope": 73.3, "currency": -1.6})  # Bolloré 2017: +82 %
    'mostly'
    >>> scope_share({"organic": 7.0, "scope": -1.0, "currency": -8.0})  # a fall of 2 points, mostly currency
    'partly'
    >>> scope_share({"organic": 7.0, "scope": -1.0, "currency": 0.0})
    'against'
    """
    others = sum(abs(value) for cause, value in parts.items() if cause != "scope")
    if abs(parts["scope"]) > others:
        return "mostly"
    return "partly" if parts["scope"] * sum(parts.values()) > 0 else "against"


@rule("organic-growth", "Growth far from the organic growth the company reports, with no change of scope given.")
def organic_growth(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """Growth in a company's own currency at least `GROWTH_GAP_PP` points from the organic growth it
    reports for the same year, where it gives no change of scope (`scope-change` covers that).

    >>> from figures.tabulate import comparison_table
    >>> list(organic_growth(comparison_table(), "EUR", "average"))  # Bolloré gives its change of scope
    []
    """
    for company in lookup.companies(table):
        current = lookup.latest_revenue(table, company, "reported")
        if current is None:
            continue
        end = current["period_end"]
        if not lookup.reported_rows(table, company, end, "revenue_change_scope").empty:
            continue
        organic = lookup.reported_rows(table, company, end, "revenue_growth_organic")
        organic = organic[organic["derived"] == "stated"]
        growth = _reported_growth(table, company, end)
        if growth is None or organic.empty:
            continue
        gap = growth["value"] - organic["value"].iloc[0]
        if abs(gap) < GROWTH_GAP_PP:
            continue
        yield Caveat(
            "organic-growth",
            company,
            (1, abs(gap)),
            N_(
                "{company}'s growth is {growth} in {own_currency}; its organic growth, as the company reports it,"
                " was {organic}."
            ),
            {
                "company": ("text", company),
                "growth": ("percent", growth["value"]),
                "own_currency": ("text", growth["currency"]),
                "organic": ("percent", organic["value"].iloc[0]),
            },
        )


def _reported_growth(table: ComparisonTable, company: str, end) -> dict[str, object] | None:
    """A company's growth to the period ending `end` on its reported figures: as it states it, else recomputed."""
    return lookup.stated_growth(table, company, "reported", end) or lookup.own_growth(table, company, "reported", end)


@rule("growth-currency-moved", "Growth in the common currency far from growth in the company's own currency.")
def growth_currency_moved(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """Growth in `currency` at least `GROWTH_GAP_PP` points from growth in the company's own currency.

    >>> from figures.tabulate import comparison_table
    >>> [c.company for c in growth_currency_moved(comparison_table(), "EUR", "average")]
    ['Alibaba Group']
    >>> list(growth_currency_moved(comparison_table(), "EUR", "spot"))  # one rate for both years
    []
    """
    for company in lookup.companies(table):
        basis = lookup.headline_basis(table, company)
        # The latest revenue's period, or with growth rates alone, the latest growth's.
        current = lookup.latest_revenue(table, company, basis) or lookup.latest_growth(table, company, basis)
        if current is None:
            continue
        own = lookup.own_growth(table, company, basis, current["period_end"])
        common = lookup.growth_in(table, company, basis, current["period_end"], currency, method)
        if own is None or common is None or own["currency"] == currency:
            continue
        gap = common["value"] - own["value"]
        if abs(gap) < GROWTH_GAP_PP:
            continue
        yield Caveat(
            "growth-currency-moved",
            company,
            (2, abs(gap)),
            N_("{company}'s growth is {own} in {own_currency} but {growth} in {currency}: the currency moved."),
            {
                "company": ("text", company),
                "own": ("percent", own["value"]),
                "own_currency": ("text", own["currency"]),
                "growth": ("percent", common["value"]),
                "currency": ("text", currency),
            },
        )


@rule("convenience-translation", "A reported amount that is a convenience translation at one day's rate.")
def convenience_translation(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """A reported amount for the latest period that is the company's translation at one day's rate.

    >>> from figures.tabulate import comparison_table
    >>> [c.fields["rate"] for c in convenience_translation(comparison_table(), "EUR", "average")]
    [('rate', 6.2726)]
    """
    translations = table.rows[(table.rows["basis"] == "reported") & (table.rows["fx_method"] == "company")]
    for company in sorted(translations["company"].unique()):
        current = lookup.latest_revenue(table, company, "reported")
        if current is None:
            continue
        mine = translations[
            (translations["company"] == company) & (translations["period_end"] == current["period_end"])
        ]
        for row in mine.to_dict("records"):
            at_method = lookup.translated(table, current, row["currency"], method)
            reproduced = table.translation_gaps.get(row["figure_id"])  # beyond rounding only
            fields = {
                "company": ("text", company),
                "amount": ("amount", row["value"]),
                "currency": ("text", row["currency"]),
                "source_amount": ("amount", current["value"]),
                "source_currency": ("text", current["currency"]),
                "rate": ("rate", 1 / row["fx_rate"]),
                "date": ("date", row["fx_first_fixing"]),
            }
            template = (
                N_(
                    "{company}'s {amount} {currency} m is a convenience translation of {source_amount}"
                    " {source_currency} m at {rate} {source_currency} per {currency} on {date}"
                ),
            )
            if reproduced is not None:
                template += (N_(" (at that rate, {source_amount} {source_currency} m gives {reproduced})"),)
                fields["reproduced"] = ("amount", reproduced)
            template += (N_(", not revenue earned in {currency}"),)
            gap = 0.0
            if at_method is not None:
                gap = (row["value"] / at_method["value"] - 1) * 100
                template += (N_("; at the {method} rate it is {other} {currency} m ({gap})"),)
                fields |= {
                    "method": ("term", method),
                    "other": ("amount", at_method["value"]),
                    "gap": ("percent", gap),
                }
            yield Caveat("convenience-translation", company, (2, abs(gap)), (*template, "."), fields)


@rule("growth-paired-currency", "A growth rate set beside an amount in another currency than it was measured in.")
def growth_paired_currency(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """A claimed growth rate whose currency (the amount's beside it) is not the one it was measured in.

    >>> from figures.tabulate import comparison_table
    >>> [c.fields["currency"] for c in growth_paired_currency(comparison_table(), "EUR", "average")]
    [('text', 'CNY')]
    """
    claims = table.rows[
        (table.rows["basis"] == "article")
        & (table.rows["metric"] == "revenue_growth")
        & (table.rows["fx_method"] == "none")
        & (table.rows["derived"] == "stated")
    ]
    for claim in claims.to_dict("records"):
        measured = lookup.own_growth(table, claim["company"], "reported", claim["period_end"])
        if measured is None or measured["currency"] == claim["currency"]:
            continue
        fields = {
            "company": ("text", claim["company"]),
            "growth": ("percent", claim["value"]),
            "claim_currency": ("text", claim["currency"]),
            "currency": ("text", measured["currency"]),
        }
        template = (
            N_(
                "The source sets {company}'s {growth} beside an amount in {claim_currency}; it was measured in"
                " {currency}"
            ),
        )
        in_claim = lookup.growth_in(table, claim["company"], "reported", claim["period_end"], claim["currency"], method)
        gap = 0.0
        if in_claim is not None:
            gap = in_claim["value"] - claim["value"]
            template += (N_(" (in {claim_currency}, {method} rate: {other})"),)
            fields |= {"method": ("term", method), "other": ("percent", in_claim["value"])}
        yield Caveat("growth-paired-currency", claim["company"], (1, abs(gap)), (*template, "."), fields)


@rule("claim-mismatch", "A claim that differs from the reported figure by more than its rounding.")
def claim_mismatch(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """A claim further from its reported figure than half a unit of its last printed digit.

    >>> from figures.tabulate import comparison_table
    >>> list(claim_mismatch(comparison_table(), "EUR", "average"))  # the article's claims all reconcile
    []
    """
    differences = table.rows[(table.rows["basis"] == "reconciliation") & (table.rows["verdict"] == "inconsistent")]
    for row in differences.to_dict("records"):
        claim = table.rows[(table.rows["figure_id"] == row["figure_id"]) & (table.rows["basis"] == "article")]
        claim = claim[(claim["fx_method"] == "none") & (claim["derived"] == "stated")].iloc[0]
        is_growth = row["unit"] == "percentage points"
        reported = claim["value"] - row["value"]
        gap = row["value"] if is_growth else row["value"] / reported * 100
        kind = "percent" if is_growth else "amount"
        yield Caveat(
            "claim-mismatch",
            row["company"],
            (2, abs(gap)),
            N_(
                "{company}: the source's growth ({claim_value}) differs from the reported growth ({reported}) by"
                " {difference}, more than its rounding explains."
            )
            if is_growth
            else N_(
                "{company}: the source's revenue ({claim_value} {currency} m) differs from the reported revenue"
                " ({reported} {currency} m) by {difference} {currency} m, more than its rounding explains."
            ),
            {
                "company": ("text", row["company"]),
                "currency": ("text", row["currency"]),
                "claim_value": (kind, claim["value"]),
                "reported": (kind, reported),
                "difference": ("pp" if is_growth else "change", row["value"]),
            },
        )


@rule("approximate", "A figure the source or the company gives as approximate.")
def approximate(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """Every stated figure given as approximate, on either basis.

    >>> from figures.tabulate import comparison_table
    >>> [c.fields["value"] for c in approximate(comparison_table(), "EUR", "average")]
    [('amount', 18300.0), ('amount', 10070.0)]
    """
    rows = table.rows[
        (table.rows["fx_method"] == "none")
        & (table.rows["derived"] == "stated")
        & table.rows["approximate"].astype(bool)
        & table.rows["basis"].isin(["article", "reported"])
    ]
    for row in rows.sort_values(["company", "basis", "period_end"]).to_dict("records"):
        yield Caveat(
            "approximate",
            row["company"],
            (0, 0.0),
            N_("{company}'s {figure} for {period} is approximate ({value} {currency} m, {basis}).")
            if row["unit"] == "million"
            else N_("{company}'s {figure} for {period} is approximate ({value}, {basis})."),
            {
                "company": ("text", row["company"]),
                "figure": ("term", N_("revenue") if row["metric"] == "revenue" else N_("growth")),
                "period": ("period", row),
                "value": ("amount" if row["unit"] == "million" else "percent", row["value"]),
                "currency": ("text", row["currency"]),
                "basis": (
                    "term",
                    N_("the companies' reported figures") if row["basis"] == "reported" else N_("the claims"),
                ),
            },
        )
