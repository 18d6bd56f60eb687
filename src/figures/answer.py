"""The sentence readers come for, first: who is larger and who grew faster in the common currency, and whether that
ranking holds with the other translation methods and in the other currencies of measurement.

Every word follows from the numbers printed beside it: two amounts that print alike are "about the same size", two
rates that print alike "the same rate"; revenues of periods of different lengths (a quarter beside a year) are not
ranked by size at all; a fall is never called growth.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.lists import format_list

from figures import i18n, lookup
from figures.choices import METHODS
from figures.formats import amount_m, md, percent
from figures.i18n import N_, tr
from figures.periods import Period, period_kind
from figures.table import ComparisonTable

__all__ = ["Standing", "amount_printer", "answer", "by_size", "period_name", "standings"]

RATE_PHRASES = {
    "average": N_("at the average rate"),
    "closing": N_("at the closing rate"),
    "spot": N_("at the spot rate"),
}
"""How the text names each translation method (as a place in a sentence: "at the closing rate")."""


@dataclass(frozen=True)
class Standing:
    """One company's latest revenue and growth, as the summary states them: each keyed by (currency, method), and its
    growth in its own currency. A company whose claims give growth only has no revenue.

    >>> Standing("Alpha SE", "year", "2018", {("EUR", "average"): 10_000.0}, {}, None).revenue_m["EUR", "average"]
    10000.0
    """

    company: str
    kind: str
    """What its revenue's period is: "quarter", "half year", "nine months", "year" or "period"."""
    period: str
    """The period as the summary says it after an amount ("in FY2018", "in 2017", "in H1 2024, Jan–Jun")."""
    revenue_m: dict[tuple[str, str], float]
    growth_pct: dict[tuple[str, str], float]
    own_growth_pct: float | None
    own_currency: str = ""
    """The currency its own growth is measured in (its reporting currency)."""


def standings(table: ComparisonTable, currencies: list[str], *, locale: str = "en") -> list[Standing]:
    """Every company's standing in each of `currencies` by each method, in the order of `lookup.companies`.

    >>> from figures.tabulate import comparison_table
    >>> alibaba, bollore = standings(comparison_table(), ["EUR", "CNY"])
    >>> round(alibaba.revenue_m["EUR", "average"]), round(bollore.growth_pct["EUR", "average"], 1), alibaba.period
    (32299, 82.0, 'in FY2018')
    """
    found = []
    for company in lookup.companies(table):
        basis = lookup.headline_basis(table, company)
        current = lookup.latest_revenue(table, company, basis) or lookup.latest_growth(table, company, basis)
        if current is None:
            continue
        has_revenue = current["metric"] == "revenue"
        end = current["period_end"]
        revenue, growth = {}, {}
        for currency in currencies:
            for method in METHODS:
                if has_revenue and (row := lookup.translated(table, current, currency, method)) is not None:
                    revenue[currency, method] = row["value"]
                if (row := lookup.growth_in(table, company, basis, end, currency, method)) is not None:
                    growth[currency, method] = row["value"]
        own = lookup.own_growth(table, company, basis, end)
        found.append(
            Standing(
                company=company,
                kind=period_kind(current["period_start"], end),
                period=period_name(current, locale),
                revenue_m=revenue,
                growth_pct=growth,
                own_growth_pct=None if own is None else own["value"],
                own_currency="" if own is None else own["currency"],
            )
        )
    return found


def period_name(row: dict[str, object], locale: str = "en") -> str:
    """A period as the summary says it after an amount: "in" the company's fiscal label or a calendar year, else
    in its kind and months (`figures.periods.Period.label_in`).

    >>> import datetime as dt
    >>> period_name({"fiscal_label": "", "period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 6, 30)})
    'in H1 2024, Jan–Jun'
    >>> period_name({"fiscal_label": "FY2018", "period_start": dt.date(2017, 4, 1), "period_end": dt.date(2018, 3, 31)})
    'in FY2018'
    """
    period = Period.of(row)
    if period.fiscal_label:
        return tr("in {label}", locale).format(label=period.fiscal_label)
    if period.calendar_part() == "Y":
        return tr("in {label}", locale).format(label=period.end.year)
    return period.label_in(locale)


def by_size(found: list[Standing], currency: str, method: str) -> list[Standing]:
    """Largest revenue first (in `currency` by `method`); companies without one after, in their order.

    >>> a = Standing("A", "year", "2023", {("EUR", "average"): 5.0}, {}, None)
    >>> b = Standing("B", "year", "2023", {("EUR", "average"): 9.0}, {}, None)
    >>> [s.company for s in by_size([a, b, Standing("C", "year", "2023", {}, {}, None)], "EUR", "average")]
    ['B', 'A', 'C']
    """
    key = (currency, method)
    sized = sorted((s for s in found if key in s.revenue_m), key=lambda s: -s.revenue_m[key])
    return sized + [s for s in found if key not in s.revenue_m]


def answer(table: ComparisonTable, currency: str, method: str, *, locale: str = "en") -> str:
    """Markdown: who is larger and who grew faster in `currency` by `method`, and whether each ranking holds at the
    other methods' rates, measured in the table's other currencies and (growth) in each company's own currency; ""
    with fewer than two companies to set side by side.

    >>> from figures.tabulate import comparison_table
    >>> import re
    >>> for part in re.split(r"(?<=[.;]) ", answer(comparison_table(), "EUR", "average")): print(part)
    **Alibaba Group** is larger than **Bolloré Group** in EUR: €32.3B in FY2018 against €18.3B in 2017.
    **Bolloré Group** grew faster than **Alibaba Group** in EUR: +82.0% against +50.6%.
    Both rankings hold at the closing and spot rates and in CNY and USD;
    the one by growth also in each company's own currency.
    """
    others = [c for c in table.currencies if c != currency]
    found = standings(table, [currency, *others], locale=locale)
    key = (currency, method)
    sized = [s for s in found if key in s.revenue_m]
    if len({s.kind for s in sized}) > 1:
        size_sentence, sized = _unlike_lengths(sized, locale), []
    else:
        size_sentence = _size_sentence(sized, key, locale)
    growing = [s for s in found if key in s.growth_pct]
    growth_sentence = _growth_sentence(growing, key, locale)
    sentences = [s for s in (size_sentence, growth_sentence) if s]
    if not sentences:
        return ""
    places = [("method", m, (currency, m)) for m in METHODS if m != method]
    places += [("currency", c, (c, method)) for c in others]
    size_held = growth_held = None
    if len(sized) >= 2:

        def size_of(standing: Standing, where: tuple[str, str]) -> float | None:
            return standing.revenue_m.get(where)

        def show_size(value: float, where: tuple[str, str]) -> str:
            return amount_printer([s.revenue_m[where] for s in sized if where in s.revenue_m], where[0], locale)(value)

        size_held, changes = _compare(sized, key, places, size_of, show_size)
        sentences += [_changed(place, N_("the ranking by size"), ranking, locale) for place, ranking in changes]
    if len(growing) >= 2:

        def growth_of(standing: Standing, where: tuple[str, str]) -> float | None:
            return standing.own_growth_pct if where == ("own", "") else standing.growth_pct.get(where)

        def show_growth(value: float, where: tuple[str, str]) -> str:
            return percent(value, locale)

        own = [("own", "", ("own", ""))]
        growth_held, changes = _compare(growing, key, places + own, growth_of, show_growth)
        sentences += [_changed(place, N_("the ranking by growth"), ranking, locale) for place, ranking in changes]
    sentences += _holds(size_held, growth_held, locale)
    return " ".join(i18n.one_full_stop(sentence) for sentence in sentences)


def amount_printer(values_m: list[float], currency: str, locale: str):
    """How to print amounts set side by side: compactly ("€32.3B"), unless two of them would print alike there
    while their millions differ; then all in millions ("8,847 GBP m"), so that a ranking never rests on a tie
    the rounding made (and the same order reads the same in every currency).

    >>> amount_printer([32_299.0, 18_325.0], "EUR", "en")(32_299.0)
    '€32.3B'
    >>> amount_printer([8_847.0, 8_824.0], "GBP", "en")(8_824.0)
    '8,824 GBP m'
    """
    compact = [i18n.compact_amount(value, currency, locale) for value in values_m]
    millions = [round(value) for value in values_m]
    if len(set(compact)) < len(set(millions)):
        return lambda value: tr("{amount} {currency} m", locale).format(
            amount=amount_m(value, locale), currency=currency
        )
    return lambda value: i18n.compact_amount(value, currency, locale)


def _compare(members, key, places, value_of, show):
    """Where a ranking is the same as at `key` (the places, in order) and where it differs (place and ranking); a
    place where every company's figure is the one at `key` tests nothing and is left out (EUR companies in EUR, where
    every method gives the same amount)."""
    first = _ranking(members, lambda s: value_of(s, key), lambda v: show(v, key))
    at_key = {s.company: value_of(s, key) for s in members}
    held, changes = [], []
    for place in places:
        where = place[2]
        if any(value_of(s, where) is None for s in members):
            continue
        if where[0] in (key[0], "own") and all(abs(value_of(s, where) - at_key[s.company]) < 1e-9 for s in members):
            continue
        ranking = _ranking(members, lambda s, where=where: value_of(s, where), lambda v, where=where: show(v, where))
        if [group for group, _ in ranking] == [group for group, _ in first]:
            held.append(place)
        else:
            changes.append((place, ranking))
    return held, changes


def _ranking(members: list[Standing], value_of, show) -> list[tuple[frozenset[str], str]]:
    """Companies from the highest value down, as a reader sees them: those whose values print alike form one group.

    >>> a = Standing("A", "year", "2023", {}, {}, 10.04)
    >>> b = Standing("B", "year", "2023", {}, {}, 10.01)
    >>> c = Standing("C", "year", "2023", {}, {}, 12.0)
    >>> [(sorted(group), shown) for group, shown in _ranking([a, b, c], lambda s: s.own_growth_pct, "{:.1f}".format)]
    [(['C'], '12.0'), (['A', 'B'], '10.0')]
    """
    groups: dict[str, set[str]] = {}
    for standing in sorted(members, key=lambda s: -value_of(s)):
        groups.setdefault(show(value_of(standing)), set()).add(standing.company)
    return [(frozenset(names), shown) for shown, names in groups.items()]


def _names(names: frozenset[str], locale: str) -> str:
    return format_list([f"**{md(name)}**" for name in sorted(names)], locale=locale)


def _changed(place: tuple, name: str, ranking: list[tuple[frozenset[str], str]], locale: str) -> str:
    """ "At the closing rate, the ranking by size is different: …": a place where a ranking differs, with its
    numbers."""
    order = ", ".join(f"{_names(group, locale)} ({shown})" for group, shown in ranking)
    text = tr("{place}, {ranking} is different: {order}.", locale).format(
        place=_place(place, locale), ranking=tr(name, locale), order=order
    )
    return text[0].upper() + text[1:]


def _place(place: tuple, locale: str) -> str:
    """A place as the text names it: "at the closing rate", "in CNY", "in each company's own currency"."""
    kind, name, _ = place
    if kind == "method":
        return tr(RATE_PHRASES[name], locale)
    if kind == "currency":
        return tr("in {currency}", locale).format(currency=name)
    return tr("in each company's own currency", locale)


def _where(places: list[tuple], locale: str) -> str:
    """Places grouped: "at the closing and spot rates and in CNY and USD"."""
    methods = [tr(name, locale) for kind, name, _ in places if kind == "method"]
    currencies = [name for kind, name, _ in places if kind == "currency"]
    parts = []
    if len(methods) == 1:
        parts.append(tr("at the {methods} rate", locale).format(methods=methods[0]))
    elif methods:
        parts.append(tr("at the {methods} rates", locale).format(methods=format_list(methods, locale=locale)))
    if currencies:
        parts.append(tr("in {currency}", locale).format(currency=format_list(currencies, locale=locale)))
    if any(kind == "own" for kind, _, _ in places):
        parts.append(tr("in each company's own currency", locale))
    return format_list(parts, locale=locale)


def _holds(size_held: list | None, growth_held: list | None, locale: str) -> list[str]:
    """Where the rankings hold: both at once where they hold at the same places (growth's own currency apart)."""
    if size_held and growth_held:
        common = [place for place in growth_held if place[0] != "own"]
        if common == size_held:
            text = tr("Both rankings hold {places}", locale).format(places=_where(size_held, locale))
            if len(common) < len(growth_held):
                text += tr("; the one by growth also in each company's own currency", locale)
            return [text + "."]
    held = [(N_("The ranking by size"), size_held), (N_("The ranking by growth"), growth_held)]
    return [
        tr("{ranking} holds {places}.", locale).format(ranking=tr(name, locale), places=_where(places, locale))
        for name, places in held
        if places
    ]


def _unlike_lengths(sized: list[Standing], locale: str) -> str:
    from figures.period_caveats import LENGTHS

    kinds = format_list([f"**{md(s.company)}** {tr(LENGTHS[s.kind], locale)}" for s in sized], locale=locale)
    return tr(
        "Their revenues cover periods of different lengths ({kinds}): they are not ranked by size.", locale
    ).format(kinds=kinds)


def _size_sentence(sized: list[Standing], key: tuple[str, str], locale: str) -> str:
    """Who is larger (two companies) or the largest and the smallest (more), with the amounts and periods."""
    if len(sized) < 2:
        return ""
    currency = key[0]
    printer = amount_printer([s.revenue_m[key] for s in sized], currency, locale)
    ranking = _ranking(sized, lambda s: s.revenue_m[key], printer)
    period = {s.company: md(s.period) for s in sized}

    def amounts(group: frozenset[str], shown: str) -> str:
        if alike:
            return shown
        return format_list([f"{shown} {period[name]}" for name in sorted(group)], locale=locale)

    alike = len(set(period.values())) == 1
    ending = f" {next(iter(period.values()))}" if alike else ""
    if len(ranking) == 1:
        names = _names(ranking[0][0], locale)
        if alike:
            return tr("{names} are about the same size in {currency}: {amount} each{period}.", locale).format(
                names=names, currency=currency, amount=ranking[0][1], period=ending
            )
        return tr("{names} are about the same size in {currency}: {amounts}.", locale).format(
            names=names, currency=currency, amounts=amounts(*ranking[0])
        )
    (top, top_shown), (bottom, bottom_shown) = ranking[0], ranking[-1]
    values = {
        "currency": currency,
        "larger": _names(top, locale),
        "smaller": _names(bottom, locale),
        "a": amounts(top, top_shown),
        "b": amounts(bottom, bottom_shown),
        "period": ending,
    }
    if len(sized) == 2:
        return tr("{larger} is larger than {smaller} in {currency}: {a} against {b}{period}.", locale).format(**values)
    template = N_("In {currency}, the largest is {larger} ({a}), the smallest {smaller} ({b}){period}.")
    if len(top) > 1 or len(bottom) > 1:
        template = N_(
            "In {currency}, the largest revenue is that of {larger} ({a}),"
            " the smallest that of {smaller} ({b}){period}."
        )
    return tr(template, locale).format(**values)


def _growth_sentence(growing: list[Standing], key: tuple[str, str], locale: str) -> str:
    """Who grew faster (two companies: "fell less" when both fell, "grew … while … fell" across zero), or the
    highest and the lowest growth (more), with the rates."""
    if len(growing) < 2:
        return ""
    currency = key[0]
    ranking = _ranking(growing, lambda s: s.growth_pct[key], lambda v: percent(v, locale))
    signs = [_printed_sign(shown) for _, shown in ranking]
    values = {"currency": currency}
    if len(ranking) == 1:
        template = {
            1: N_("{names} grew at the same rate in {currency}: {rate}."),
            -1: N_("{names} fell at the same rate in {currency}: {rate}."),
            0: N_("{names} were flat in {currency}: {rate}."),
        }[signs[0]]
        return tr(template, locale).format(names=_names(ranking[0][0], locale), rate=ranking[0][1], **values)
    (top, top_shown), (bottom, bottom_shown) = ranking[0], ranking[-1]
    values |= {"a": _names(top, locale), "b": _names(bottom, locale), "ra": top_shown, "rb": bottom_shown}
    if len(growing) > 2:
        template = N_("In {currency}, the highest growth is {ra} ({a}), the lowest {rb} ({b}).")
    elif signs[0] > 0 and signs[-1] > 0:
        template = N_("{a} grew faster than {b} in {currency}: {ra} against {rb}.")
    elif signs[0] < 0 and signs[-1] < 0:
        template = N_("{a} fell less than {b} in {currency}: {ra} against {rb}.")
    elif signs[0] > 0 and signs[-1] < 0:
        template = N_("In {currency}, {a} grew ({ra}) while {b} fell ({rb}).")
    elif signs[0] > 0:
        template = N_("In {currency}, {a} grew ({ra}) while {b} was flat ({rb}).")
    else:
        template = N_("In {currency}, {a} was flat ({ra}) while {b} fell ({rb}).")
    return tr(template, locale).format(**values)


def _printed_sign(shown: str) -> int:
    """+1, -1 or 0 for a rate as printed: what prints as zero ("+0.0%") is neither growth nor a fall.

    >>> _printed_sign("+0.0%"), _printed_sign("-1,5\u00a0%"), _printed_sign("+2.0%")
    (0, -1, 1)
    """
    if not any(digit in "123456789" for digit in shown):
        return 0
    return -1 if shown.lstrip().startswith(("-", "\u2212")) else 1
