"""Which facts are a company's revenue: the concept, in a stated order; the latest filing for each period;
the reporting currency and the convenience translations beside it; the kind and fiscal name of each period."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, DecimalException
from pathlib import Path

from figures.errors import FiguresError
from figures.filings.facts import Fact
from figures.periods import period_kind

REVENUE_CONCEPTS = (
    "us-gaap:Revenues",
    "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax",
    "us-gaap:RevenueFromContractWithCustomerIncludingAssessedTax",
    "us-gaap:SalesRevenueNet",
    "ifrs-full:Revenue",
    "ifrs-full:RevenueFromContractsWithCustomers",
)
"""The standards' revenue concepts, the order an analyst takes them in: the total first (US GAAP `Revenues`,
IFRS `Revenue`, which include revenue from other sources such as rent or interest), then revenue from
contracts with customers (ASC 606, IFRS 15), then the pre-2018 US GAAP total. For each period the first
concept the filings report is taken, and named in the row."""

MAX_REVENUE_DIGITS = 20
"""A revenue has fewer digits than this in its unit (10^20, a hundred billion billion): more is a misread scale."""


@dataclass(frozen=True)
class Chosen:
    """A period's revenue: the fact taken (the latest filing's), its kind and fiscal name, the concept's rank
    among its standard's concepts in `REVENUE_CONCEPTS` (1 = first), the earlier filings' different values,
    and, for a convenience translation, the reporting-currency fact of the same filing it translates.

    >>> Chosen.__dataclass_fields__.keys() >= {"fact", "kind", "label", "rank", "earlier", "translates"}
    True
    """

    fact: Fact
    kind: str
    label: str
    rank: int
    earlier: tuple[Fact, ...] = ()
    translates: Fact | None = None


def choose_revenues(facts: list[Fact], path: str | Path) -> list[Chosen]:
    """The revenue of every period the facts cover, reporting currency first, then its convenience translations.

    Raises:
        FiguresError: naming `path` and the fact: no revenue fact at all, a revenue fact in a unit that is no
            currency or not positive, or two different values for the same concept and period in one filing.

    >>> from figures.filings.companyfacts import read_companyfacts
    >>> from figures.paths import ROOT
    >>> path = ROOT / "tests/filings/alibaba_companyfacts_revenues.json"
    >>> chosen = choose_revenues(read_companyfacts(path), path)
    >>> [(c.label, str(c.fact.value_millions), c.fact.currency) for c in chosen if c.fact.end.year == 2018]
    [('FY2018', '250266', 'CNY'), ('FY2018', '39898', 'USD')]
    """
    revenue = [fact for fact in facts if fact.concept in REVENUE_CONCEPTS]
    if not revenue:
        raise FiguresError(
            f"expected a revenue fact over a period ({', '.join(REVENUE_CONCEPTS)}), found none", path=path
        )
    for fact in revenue:
        if fact.currency is None:
            raise FiguresError(
                f"{fact.describe()}: expected a revenue in a currency (an ISO 4217 unit), found unit {fact.unit!r}",
                path=path,
            )
        if fact.value <= 0:
            raise FiguresError(f"{fact.describe()}: expected a positive revenue, found {fact.value}", path=path)
        if fact.value.adjusted() >= MAX_REVENUE_DIGITS:
            raise FiguresError(
                f"{fact.describe()}: expected a revenue of fewer than {MAX_REVENUE_DIGITS} digits, found"
                f" {fact.value:.3E}",
                path=path,
            )
    revenue = _one_fact_per_filing(revenue, path)
    revenue = [fact for fact in revenue if period_kind(fact.start, fact.end) != "period"]
    currencies = Counter(currency for currency, _ in {(f.currency, (f.start, f.end)) for f in revenue})
    reporting = min(currencies, key=lambda code: (-currencies[code], code))
    year_end_month = _year_end_month([f for f in revenue if f.currency == reporting])
    primary, translations = [], []
    for (start, end), candidates in sorted(_by_period(revenue).items()):
        own = [f for f in candidates if f.currency == reporting]
        if not own:
            continue  # a period only translated: nothing it translates
        rank, latest, earlier = _latest_of_first_concept(own, path)
        kind = period_kind(start, end)
        label = fiscal_label(start, end, kind, year_end_month)
        primary.append(Chosen(latest, kind, label, rank, earlier))
        for currency in sorted({f.currency for f in candidates} - {reporting}):
            ranked = [f for f in candidates if f.currency == currency and f.concept == latest.concept]
            if not ranked:
                continue
            translation = max(ranked, key=_filed)
            _refuse_disagreeing_ties(ranked, translation, path)
            same_filing = [f for f in own if f.concept == latest.concept and f.filing == translation.filing]
            if same_filing:
                translations.append(Chosen(translation, kind, label, rank, translates=same_filing[0]))
    return primary + translations


def _one_fact_per_filing(revenue: list[Fact], path) -> list[Fact]:
    """The revenue facts with each filing's duplicates (a concept, period and unit tagged twice, as a statement and a
    note or the management report do) reduced to the most precise one, the last of equals; refused when two are not
    consistent: different values that do not agree when rounded to the lower precision (XBRL's rule for duplicates,
    half to even), or different values with no precision given.

    >>> from figures.filings.inline import read_inline
    >>> from figures.paths import ROOT
    >>> facts = read_inline(ROOT / "tests/filings/sap_2022_income_statement_de.xhtml")
    >>> revenue = [f for f in facts if f.concept == "ifrs-full:Revenue"]
    >>> from dataclasses import replace
    >>> again = [replace(f, context=f"{f.context} again") for f in revenue]
    >>> [f.context for f in _one_fact_per_filing(revenue + again, "sap")]
    ['CYTD again', 'PYTD again', 'P2YTD again']
    """
    groups: dict[tuple, list[Fact]] = {}
    for fact in revenue:
        groups.setdefault((fact.concept, fact.start, fact.end, fact.unit, fact.filing), []).append(fact)
    kept = set()
    for facts in groups.values():
        best = max(reversed(facts), key=_precision)  # max keeps the first of equals: the last in the filing
        order = {id(fact): index for index, fact in enumerate(facts)}
        for fact in facts:
            if not _consistent(best, fact):
                first, second = sorted((best, fact), key=lambda f: order[id(f)])
                raise FiguresError(
                    f"{fact.describe()}: expected one value for a concept and period in one filing, found"
                    f" {first.value} and {second.value}" + _decimals_said(first, second),
                    path=path,
                )
        kept.add(id(best))
    return [fact for fact in revenue if id(fact) in kept]


def _precision(fact: Fact) -> float:
    """How precise a fact is: its decimals, INF (exact) the most precise, none given the least."""
    return float("-inf") if fact.decimals is None else fact.decimals


def _consistent(one: Fact, other: Fact) -> bool:
    """Whether two values of one fact agree: equal, or equal when rounded half to even to the fewer decimals.

    >>> fact = Fact("c", Decimal(30871000000), "EUR", "EUR", dt.date(2022, 1, 1), dt.date(2022, 12, 31), -6, "", None)
    >>> from dataclasses import replace
    >>> _consistent(fact, replace(fact, value=Decimal(30900000000), decimals=-8))
    True
    >>> _consistent(fact, replace(fact, value=Decimal(30800000000), decimals=-8))
    False
    >>> _consistent(fact, replace(fact, value=Decimal(30900000000), decimals=None))
    False
    """
    if one.value == other.value:
        return True
    if one.decimals is None or other.decimals is None or min(one.decimals, other.decimals) == math.inf:
        return False  # no precision given, or both exact: different values disagree
    try:
        step = Decimal(1).scaleb(-int(min(one.decimals, other.decimals)))
        return one.value.quantize(step, ROUND_HALF_EVEN) == other.value.quantize(step, ROUND_HALF_EVEN)
    except DecimalException:  # decimals too far from the value's digits to round to: not shown to agree
        return False


def _decimals_said(first: Fact, second: Fact) -> str:
    if first.decimals == second.decimals or first.decimals is None or second.decimals is None:
        return ""
    said = [("INF" if d == math.inf else d) for d in (first.decimals, second.decimals)]
    return f" (decimals {said[0]} and {said[1]}, not equal at the lower precision)"


def _by_period(facts: list[Fact]) -> dict[tuple[dt.date, dt.date], list[Fact]]:
    periods: dict[tuple[dt.date, dt.date], list[Fact]] = {}
    for fact in facts:
        periods.setdefault((fact.start, fact.end), []).append(fact)
    return periods


def _filed(fact: Fact) -> tuple:
    return (fact.filing.filed, fact.filing.accession) if fact.filing else (dt.date.min, "")


def _latest_of_first_concept(facts: list[Fact], path) -> tuple[int, Fact, tuple[Fact, ...]]:
    """The first concept's rank in its standard, its latest filing's fact and the earlier different values; refused
    when the latest date is two filings' (two reports of one period end, whose date is that end: which came later is
    not known) and their values disagree, rather than one taken by its name."""
    rank = min(REVENUE_CONCEPTS.index(f.concept) for f in facts)
    same = sorted((f for f in facts if f.concept == REVENUE_CONCEPTS[rank]), key=_filed)
    tied = [f for f in same if f.filing.filed == same[-1].filing.filed]
    latest = max(reversed(tied), key=_precision) if tied else same[-1]
    _refuse_disagreeing_ties(tied, latest, path)
    same = [f for f in same if f is not latest] + [latest]
    prefix = latest.concept.split(":")[0] + ":"
    rank_in_standard = [c for c in REVENUE_CONCEPTS if c.startswith(prefix)].index(latest.concept)
    earlier, values = [], {latest.value}
    for fact in reversed(same[:-1]):  # the most recent different value first, each value once
        if fact.value not in values:
            values.add(fact.value)
            earlier.append(fact)
    return rank_in_standard + 1, latest, tuple(earlier)


def _filing_named(fact: Fact) -> str:
    filing = fact.filing
    return filing.accession if filing.is_report else f"Form {filing.form} accession {filing.accession}"


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _refuse_disagreeing_ties(facts: list[Fact], latest: Fact, path) -> None:
    """Refuse a fact of another filing of the same date as `latest`'s that disagrees with it: which is the later is
    not known (two reports of one period end, dated by that end), and a name is no reason to prefer one."""
    for fact in facts:
        if fact.filing.filed == latest.filing.filed and fact.filing != latest.filing and not _consistent(fact, latest):
            first, second = sorted((fact, latest), key=_filed)
            raise FiguresError(
                f"{latest.concept} {latest.start} to {latest.end} in {latest.unit}: expected one value from filings of"
                " the same date"
                f" ({latest.filing.filed}), found {_plain(first.value_millions)} million in {_filing_named(first)}"
                f" and {_plain(second.value_millions)} million in {_filing_named(second)}: which is the later is"
                " not known, import the one to trust",
                path=path,
            )


def _year_end_month(facts: list[Fact]) -> int:
    ends = Counter(f.end.month for f in facts if period_kind(f.start, f.end) == "year")
    return max(ends, key=lambda month: (ends[month], month)) if ends else 12


def fiscal_label(start: dt.date, end: dt.date, kind: str, year_end_month: int) -> str:
    """The company's name for a period: its fiscal year (the calendar year when years end in December, else
    FY and the year in which the fiscal year ends), preceded by the quarter, half or nine months.

    >>> fiscal_label(dt.date(2017, 4, 1), dt.date(2018, 3, 31), "year", 3)
    'FY2018'
    >>> fiscal_label(dt.date(2025, 2, 1), dt.date(2025, 4, 30), "quarter", 1)
    'Q1 FY2026'
    >>> fiscal_label(dt.date(2024, 1, 1), dt.date(2024, 6, 30), "half year", 12)
    'H1 2024'
    """
    year_end = _month_end(end.year, year_end_month)
    if year_end + dt.timedelta(days=7) < end:  # a 52/53-week year may end a few days past the month
        year_end = _month_end(end.year + 1, year_end_month)
    name = str(year_end.year) if year_end_month == 12 else f"FY{year_end.year}"
    year_start = _month_end(year_end.year - 1, year_end_month) + dt.timedelta(days=1)
    months_in = round(((end - year_start).days + 1) / 30.44)
    prefix = {"quarter": f"Q{max(1, min(4, months_in // 3))} ", "half year": "H1 " if months_in <= 6 else "H2 "}
    return prefix.get(kind, "9M " if kind == "nine months" else "") + name


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])
