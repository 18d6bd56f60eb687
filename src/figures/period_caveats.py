"""Caveat rules on periods: latest periods that end in different months, that differ in length, that differ in
weeks (a 53-week year beside a 52-week one), and claims whose period the source does not name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from figures import lookup
from figures.caveat import Caveat, rule
from figures.i18n import N_
from figures.periods import Period, period_kind, same_period_a_year_earlier
from figures.table import ComparisonTable


@rule("fiscal-year-ends", "Companies whose latest periods end in different months.")
def fiscal_year_ends(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """Latest periods that end in different months: by how many, and how long they overlap.

    >>> from figures.tabulate import comparison_table
    >>> [c.fields["offset"] for c in fiscal_year_ends(comparison_table(), "EUR", "average")]
    [('months', 3)]
    """
    latest = []
    for company in lookup.companies(table):
        basis = lookup.headline_basis(table, company)
        # The latest revenue's period, or with growth rates alone, the latest growth's.
        row = lookup.latest_revenue(table, company, basis) or lookup.latest_growth(table, company, basis)
        if row is not None:
            latest.append(row)
    if len(latest) < 2:
        return
    latest.sort(key=lambda row: (row["period_end"], row["company"]))
    early, late = latest[0], latest[-1]
    offset = _months(early["period_end"], late["period_end"])
    if offset == 0:
        return
    fields = {
        "late": ("text", late["company"]),
        "late_period": ("period", late),
        "early": ("text", early["company"]),
        "early_period": ("period", early),
        "offset": ("months", offset),
        "overlap": ("months", _overlap_months(early, late)),
    }
    if len(latest) == 2:
        template = (
            N_(
                "{late}'s period ({late_period}) ends {offset} after {early}'s ({early_period}):"
                "\nthe two overlap for {overlap}."
            )
            if fields["overlap"][1] > 0
            else N_(
                "{late}'s period ({late_period}) ends {offset} after {early}'s ({early_period}):"
                "\nthe two do not overlap."
            )
        )
    else:
        by_end: dict[dt.date, list[dict[str, object]]] = {}
        for row in latest:
            by_end.setdefault(row["period_end"], []).append(row)
        template = N_(
            "The latest periods end on {count} different dates: {ends}. The latest ends {offset} after the earliest;"
            " the two overlap for {overlap}."
        )
        if fields["overlap"][1] == 0:
            template = N_(
                "The latest periods end on {count} different dates: {ends}. The latest ends {offset} after the"
                " earliest; the two do not overlap."
            )
        fields["count"] = ("int", len(by_end))
        fields["ends"] = ("groups", [(rows[0], [row["company"] for row in rows]) for _, rows in sorted(by_end.items())])
    yield Caveat("fiscal-year-ends", None, (1, float(offset)), template, fields)


def _overlap_months(one: dict[str, object], other: dict[str, object]) -> int:
    """Whole months two periods have in common (none for a half year after the year it follows).

    >>> D = dt.date
    >>> year = {"period_start": D(2017, 1, 1), "period_end": D(2017, 12, 31)}
    >>> fiscal = {"period_start": D(2017, 4, 1), "period_end": D(2018, 3, 31)}
    >>> half = {"period_start": D(2018, 1, 1), "period_end": D(2018, 6, 30)}
    >>> _overlap_months(year, fiscal), _overlap_months(year, half)
    (9, 0)
    """
    start = max(one["period_start"], other["period_start"])
    end = min(one["period_end"], other["period_end"])
    return _months(start - dt.timedelta(days=1), end) if start <= end else 0


def _months(earlier: dt.date, later: dt.date) -> int:
    """Days between two dates in months of 30.44 days, rounded: calendar months for month ends (31 December to 31
    March: 3), and the truth for years of weeks (31 December to 2 February: 1, not the calendar's 2).

    >>> _months(dt.date(2018, 12, 31), dt.date(2019, 3, 31)), _months(dt.date(2018, 12, 31), dt.date(2019, 2, 2))
    (3, 1)
    """
    return round((later - earlier).days / 30.4375)


LENGTHS = {
    "quarter": N_("a quarter"),
    "half year": N_("a half year"),
    "nine months": N_("nine months"),
    "year": N_("a year"),
    "period": N_("another length"),
}
"""How a caveat names a period's length (`figures.periods.period_kind`)."""


@rule("period-lengths", "Latest revenues over periods of different lengths: a half year or a quarter beside a year.")
def period_lengths(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """Latest revenues of different lengths, each company with its period: their amounts do not compare.

    >>> from figures.tabulate import comparison_table
    >>> list(period_lengths(comparison_table(), "EUR", "average"))  # two years
    []
    """
    by_length: dict[str, list[tuple[str, dict[str, object]]]] = {}
    days = []
    for company in lookup.companies(table):
        row = lookup.latest_revenue(table, company, lookup.headline_basis(table, company))
        if row is not None:
            kind = period_kind(row["period_start"], row["period_end"])
            by_length.setdefault(kind, []).append((company, row))
            days.append((row["period_end"] - row["period_start"]).days + 1)
    if len(by_length) < 2:
        return
    order = [kind for kind in LENGTHS if kind in by_length]
    lengths = [(LENGTHS[kind], by_length[kind]) for kind in order]
    yield Caveat(
        "period-lengths",
        None,
        (1, float(max(days) - min(days)) / 30),
        N_(
            "The latest revenues cover periods of different lengths: {lengths}. Amounts over different lengths do"
            " not compare as they stand."
        ),
        {"lengths": ("lengths", lengths)},
    )


@rule("period-inferred", "A claim whose period the source does not name.")
def period_inferred(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """A revenue claim whose period the source does not name.

    >>> from figures.tabulate import comparison_table
    >>> [c.company for c in period_inferred(comparison_table(), "EUR", "average")]
    ['Alibaba Group']
    """
    claims = table.rows[
        (table.rows["basis"] == "article")
        & (table.rows["metric"] == "revenue")
        & (table.rows["fx_method"] == "none")
        & (table.rows["derived"] == "stated")
        & table.rows["period_inferred"].astype(bool)
    ]
    for claim in claims.to_dict("records"):
        yield Caveat(
            "period-inferred",
            claim["company"],
            (1, 0.0),
            N_("The source names no period for {company}'s revenue; {period} is inferred."),
            {"company": ("text", claim["company"]), "period": ("period", {**claim, "period_inferred": False})},
        )


@rule("week-count", "Growth between a year of 53 weeks and one of 52: the extra week alone moves it about 1.9 points.")
def week_count(table: ComparisonTable, currency: str, method: str) -> Iterator[Caveat]:
    """A latest year of 53 weeks after one of 52 (or of 52 after 53), with its growth on as many weeks: at an even
    weekly pace, (1 + growth) x weeks before / weeks - 1 (with no growth given, the weeks alone: 53/52 - 1 = +1.9
    points). A year before of unknown length is known for a 53-week year only: two never follow each other in a
    52/53-week calendar.

    >>> from figures.tabulate import comparison_table
    >>> list(week_count(comparison_table(), "EUR", "average"))  # years of months
    []
    """
    for company in lookup.companies(table):
        basis = lookup.headline_basis(table, company)
        current = lookup.latest_revenue(table, company, basis)
        if current is None or (weeks := Period.of(current).weeks) is None or Period.of(current).kind != "year":
            continue
        stated = [
            row
            for row in lookup.records_of(table, company)
            if row["basis"] == basis
            and row["metric"] == "revenue"
            and row["fx_method"] == "none"
            and row["derived"] == "stated"
            and row["currency"] == current["currency"]
            and not row["component"]
        ]
        before = same_period_a_year_earlier(current, [row for row in stated if row is not current])
        weeks_before = Period.of(before).weeks if before is not None else (52 if weeks == 53 else None)
        if weeks_before is None or weeks_before == weeks:
            continue
        growth = lookup.own_growth(table, company, basis, current["period_end"])
        fields = {
            "company": ("text", company),
            "end": ("date", current["period_end"]),
            "weeks": ("int", weeks),
            "weeks_before": ("int", weeks_before),
        }
        if growth is not None:
            # On as many weeks: this year's revenue scaled to the weeks of the year before, at an even pace.
            like_pct = ((1 + growth["value"] / 100) * weeks_before / weeks - 1) * 100
            moved_pp = growth["value"] - like_pct
            fields |= {"growth": ("percent", growth["value"]), "like": ("percent", like_pct)}
            template = N_(
                "{company}'s year to {end} has {weeks} weeks, the one before {weeks_before}: on as many weeks, at an"
                " even weekly pace, its growth of {growth} would be about {like}."
            )
        else:
            moved_pp = (weeks / weeks_before - 1) * 100  # flat weekly sales: the weeks alone make the growth
            fields["effect"] = ("pp", moved_pp)
            template = N_(
                "{company}'s year to {end} has {weeks} weeks, the one before {weeks_before}: at an even weekly"
                " pace the difference alone moves its growth by about {effect}."
            )
        yield Caveat("week-count", company, (2, abs(moved_pp)), template, fields)
