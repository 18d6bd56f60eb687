"""Periods: what the text says of a figure's period, and the dates that follow from it and the publication date.

A `Period` is what the words say, in the same shape in every language: how many months (a quarter, a half,
nine months counted from the start of a year, a year), which one of the year, the year or fiscal-year label,
whether it is fiscal, or the day it ended. `resolve_period` turns it into dates with the publication date
and, where it is known, the company's fiscal year end; whatever the words leave open is inferred and said so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from figures.extract.fiscal_calendar import (
    add_months,
    describe_year_end,
    fiscal_end,
    fiscal_start,
    last_year,
    month_end,
    quarter_end_before,
    year_before,
)
from figures.extract.language import Grammar, PeriodPattern, ordinal
from figures.extract.sentences import clean, overlap

STALE_DAYS = 100
"""A calendar quarter, half or nine months named without its year that ended longer ago than this before
publication is not what results news reports: the period is read as the fiscal one that ended last."""
YEAR_STALE_DAYS = 122
"""A year's results are due within four months of its end (the EU's Transparency Directive; the ASX and the SEC
ask for less): a text naming no period, published longer than this after the last calendar year, does not report
that year's results."""
MIN_REPORTING_DAYS = 14
"""A year's results are not published sooner than this after it ends: a text naming no period, published too
long after the last calendar year for results news, reports the fiscal year ended at the last quarter end at
least this long before publication."""


def _recent_year_end(published: dt.date) -> dt.date:
    """The last quarter end at least `MIN_REPORTING_DAYS` before `published`.

    >>> _recent_year_end(dt.date(2023, 8, 15)), _recent_year_end(dt.date(2018, 7, 3))
    (datetime.date(2023, 6, 30), datetime.date(2018, 3, 31))
    """
    return quarter_end_before(published - dt.timedelta(days=MIN_REPORTING_DAYS - 1))


@dataclass(frozen=True)
class Period:
    """What the text says of a figure's period (None where it says nothing).

    `months` is its length (3, 6, 9, 12; None for "the period" of the sentence before), `number` which one of
    its year (the second quarter: 2; nine months count from the start: 1), `year` the calendar year or the
    fiscal year's label (the year it ends in), `fiscal` whether the words say fiscal; `end` the month and day
    it ended where the words name them, `start_month` the first month of a range, `rel` a year relative to
    publication ("last", "this", "current", "just_ended"), `weeks` its length where counted in weeks.

    >>> Period(3, "second quarter of 2018", number=2, year=2018).kind
    'quarter'
    """

    months: int | None
    wording: str
    number: int | None = None
    year: int | None = None
    fiscal: bool = False
    end: tuple[int, int | None] | None = None
    end_year: int | None = None
    start_month: int | None = None
    start_year: int | None = None
    rel: str | None = None
    weeks: int | None = None
    context: bool = False
    split: bool = False  # a fiscal year named by two years ("2023/24")
    supplied: bool = False  # its year supplied by the reader: a year after the one it is compared with
    to_date: bool = False  # the year so far, to its `end` ("au 31 mars 2023"): from the fiscal year's start

    @property
    def kind(self) -> str:
        return {3: "quarter", 6: "half", 9: "nine months", 12: "year"}.get(self.months or 0, "period")

    @property
    def complete(self) -> bool:
        """Whether the words fix the dates without the publication date (a year, or an end with its year)."""
        if self.end is not None:
            return self.end_year is not None
        return self.year is not None


@dataclass(frozen=True)
class Mention:
    """A period named in the text, where; `compared` for the previous period a figure is compared with."""

    start: int
    end: int
    period: Period
    compared: bool = False


def mentions(g: Grammar, text: str, start: int, end: int, excluded: list[tuple[int, int]]) -> list[Mention]:
    """The periods named between `start` and `end`, leaving out those given for comparison ("from the same
    period of 2019") and those inside `excluded` spans (dates, amounts).

    >>> from figures.extract.language import grammar
    >>> text = "Sales rose in the second quarter of 2024 from the same period of 2023."
    >>> [(m.period.wording, m.compared) for m in mentions(grammar("en"), text, 0, len(text), [])]
    [('the second quarter of 2024', False), ('2023', True)]
    """
    found: list[Mention] = []
    compared: list[tuple[int, int]] = []  # previous periods: their words are no other period's
    for entry in g.periods:
        for match in entry.pattern.finditer(text, start, end):
            span = match.span()
            if any(overlap(span, (m.start, m.end)) for m in found):
                continue
            if any(s <= span[0] and span[1] <= e for s, e in excluded):
                continue
            # "par rapport au premier semestre l'an passé": a period right after a compared one is compared too.
            after_compared = any(
                e <= span[0] and re.fullmatch(r"[\s,]*(?:de|of|des|du)?\s*", text[e : span[0]]) for _, e in compared
            )
            # "von 393,6 Millionen Euro im ersten Halbjahr 2017 auf 352,7 Millionen": the period of the earlier one
            between = g.compared_from.search(text[max(start, span[0] - 80) : span[0]]) and g.compared_to.match(
                text, span[1], end
            )
            if after_compared or between or g.comparison_before.search(text[max(start, span[0] - 80) : span[0]]):
                compared.append(span)
                period = period_of(g, entry, match)
                if period is not None:
                    found.append(Mention(span[0], span[1], period, compared=True))
                continue
            period = period_of(g, entry, match)
            if period is not None:
                found.append(Mention(span[0], span[1], period))
    return sorted(found, key=lambda m: m.start)


def period_of(g: Grammar, entry: PeriodPattern, match: re.Match[str]) -> Period | None:
    """The period one match of a `[[periods]]` pattern names."""
    parts = {key: value for key, value in match.groupdict().items() if value}
    wording = clean(match.group(0))
    fiscal = any(key.startswith("fiscal") for key in parts)
    year = _year(parts.get("year") or parts.get("year2") or parts.get("year3") or parts.get("year4"), parts.get("yy"))
    year_end = parts.get("year_end") or parts.get("year_end2") or parts.get("year_end4")
    split = False
    if year is not None and year_end:
        if _split_year_end(year, year_end) - year > 1:
            return None  # "le plan 2023-2026": several years, not one fiscal year
        year = _split_year_end(year, year_end)
        fiscal = split = True
    rel = entry.rel or parts.get("rel", "").lower() or None
    if rel is None and g.current_year.search(wording):
        rel = "current"  # "in den ersten sechs Monaten des laufenden Geschäftsjahrs"
    number = entry.number
    if parts.get("number") or parts.get("number2"):
        number = int(parts.get("number") or parts["number2"])
    elif parts.get("order"):
        order = parts["order"].lower()
        number = ordinal(g.code, order) if entry.kind == "quarter" else (1 if _first_half(order) else 2)
    kind = entry.kind
    months_of = g.months
    if kind in ("quarter", "half"):
        months = 3 if kind == "quarter" else 6
        end = None
        if parts.get("month"):  # "premier semestre, clos fin décembre"
            day_text = parts.get("day")
            end = (
                months_of[parts["month"].lower().rstrip(".")],
                1 if day_text == "1er" else int(day_text) if day_text else None,
            )
        end_year = _year(parts.get("end_year"))
        if end is not None and end_year is None and split and number:
            # "premier semestre de son exercice décalé 2017/18 (clos fin septembre)": the year begins in 2017; its
            # first half ends in September of the year it begins in, unless the half runs over the new year.
            end_year = year - 1 if end[0] - months * number + 1 >= 1 else year
        return Period(months, wording, number=number, year=year, fiscal=fiscal, rel=rel, end=end, end_year=end_year)
    if kind == "months":
        # "the first three quarters", "die ersten drei Quartale", "les trois premiers trimestres": nine months
        months = 9 if parts.get("quarters") else g.month_counts.get(parts.get("count", "").lower())
        first = bool(parts.get("first")) or months == 9
        if not months or (not first and year is None and not fiscal):
            return None  # "a total three-month revenue": a length, not which months
        return Period(months, wording, number=1, year=year, fiscal=fiscal, rel=rel)
    if kind == "fiscal_year":
        return Period(12, wording, year=year, fiscal=True, rel=rel, split=split)
    if kind == "year":
        return Period(12, wording, year=year, rel=rel)
    if kind == "just_ended":  # "quarterly revenue": the quarter ended last; "annual sales": the last year
        return Period(entry.months, wording, rel="last" if entry.months == 12 else "just_ended")
    if kind == "context":
        return Period(entry.months, wording, context=True)
    if kind == "same":  # "im selben Zeitraum 2018": the compared period's kind, in this year (`claim_periods`)
        return Period(None, wording, year=year, rel="same")
    if kind == "season":
        first, last = g.seasons[parts["season"].lower()]
        return Period((last - first) % 12 + 1, wording, end=(last, None), start_month=first)
    if kind == "range":
        first = months_of.get(parts["from_month"].lower().rstrip("."))
        last = months_of.get((parts.get("to_month") or parts["from_month"]).lower().rstrip("."))
        if first is None or last is None:
            return None
        months = (last - first) % 12 + 1
        start_year = _year(parts.get("from_year"))
        end_year = year if year is not None else (start_year + (last < first) if start_year is not None else None)
        return Period(months, wording, end=(last, None), end_year=end_year, start_month=first, start_year=start_year)
    if kind == "to_date":  # "indicateurs d'activité au 31 mars 2023": the year so far, to a quarter's end
        month = months_of.get(parts["month"].lower().rstrip("."))
        day_text = parts.get("day")
        day = 1 if day_text == "1er" else int(day_text) if day_text else None
        if month is None or month % 3 or (day is not None and day < 28):
            return None
        return Period(month, wording, end=(month, day), end_year=_year(parts.get("end_year")), to_date=True)
    if kind == "ended":
        if parts.get("holiday"):  # "the 26 weeks to Christmas Day"
            month, day = g.holidays[re.sub(r"\s+", " ", parts["holiday"].lower())]
        else:
            month = months_of.get(parts["month"].lower().rstrip("."))
            if month is None:
                return None
            day_text = parts.get("day") or parts.get("day_first")
            day = 1 if day_text == "1er" else int(day_text) if day_text else None
        what = re.sub(r"[\s-]+", " ", parts.get("what", "").lower())
        weeks = int(parts["weeks"]) if parts.get("weeks") else None
        months = g.ended_lengths.get(what) or g.ended_lengths.get(what.split(" ")[-1]) or entry.months
        months = None if weeks else months
        if weeks:
            months = round(weeks / 52 * 12)
        end_year = _year(parts.get("end_year") or parts.get("holiday_year"))
        if end_year is None and parts.get("fy_year"):
            end_year = _split_year_end(_year(parts["fy_year"]), parts.get("fy_end") or parts["fy_year"])
        if parts.get("fy_year"):  # "Geschäftsjahr 2016/17 (per Ende März)": a fiscal year's label
            fiscal, year = True, end_year
        if parts.get("order") and months in (3, 6):  # "premier semestre, clos fin décembre"
            number = (
                ordinal(g.code, parts["order"].lower())
                if months == 3
                else (1 if _first_half(parts["order"].lower()) else 2)
            )
        return Period(
            months, wording, number=number, year=year, end=(month, day), end_year=end_year, weeks=weeks, fiscal=fiscal
        )
    return None


def _first_half(word: str) -> bool:
    return word in ("first", "1st", "premier", "1er", "ersten", "erste", "1.")


def _year(text: str | None, short: str | None = None) -> int | None:
    value = text or short
    if not value:
        return None
    number = int(value.lstrip("'’"))
    if number >= 100:
        return number
    return 1900 + number if number >= 50 else 2000 + number  # FY '99 is 1999; FY24 is 2024


def _split_year_end(year: int, year_end: str) -> int:
    """The year a split year ends in: 2023/24 and 2023-2024 end in 2024."""
    end = int(year_end)
    if end < 100:
        end = year // 100 * 100 + end
        if end < year:
            end += 100
    return end if end >= year else year


# ---------------------------------------------------------------------------------------------------------------
# Dates


class Resolved(NamedTuple):
    """A period's dates, whether they were inferred, and how they were established."""

    start: dt.date
    end: dt.date
    inferred: bool
    note: str


def resolve_period(
    period: Period | None, published: dt.date, year_end: tuple[int, int] | None, calendar_years: bool = False
) -> Resolved:
    """The dates of a period as the text states it; what it leaves open inferred and said so.

    `year_end` is the company's fiscal year end (month, day) where known (its reported figures, or the text);
    `calendar_years` says that the language names a fiscal year by one year where it is the calendar year
    ("Geschäftsjahr 2020", "exercice 2023"), as it names one of another end by two ("2023/24").

    >>> resolve_period(Period(12, "en 2017", year=2017), dt.date(2018, 7, 3), None)[:3]
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31), False)
    >>> resolve_period(None, dt.date(2018, 7, 3), (3, 31))[:3]
    (datetime.date(2017, 4, 1), datetime.date(2018, 3, 31), True)
    >>> resolve_period(Period(3, "Q3 FY24", number=3, year=2024, fiscal=True), dt.date(2024, 2, 8), (3, 31))[:3]
    (datetime.date(2023, 10, 1), datetime.date(2023, 12, 31), False)
    """
    known = year_end is not None and year_end != (12, 31)
    fiscal_note = f" The company's fiscal year ends on {describe_year_end(year_end)}." if known else ""
    if period is None:
        start, end = last_year(published, year_end)
        if year_end is None and (published - end).days > YEAR_STALE_DAYS:
            end = _recent_year_end(published)
            start = year_before(end)
            note = (
                f"The text names no period; the last calendar year ended too long before the publication date"
                f" ({published}) for results news, so inferred as the fiscal year ended last before it (at least"
                f" {MIN_REPORTING_DAYS} days before), from {start} to {end}: review."
            )
            return Resolved(start, end, True, note)
        if known:
            note = (
                f"The text names no period; inferred as the company's fiscal year from {start} to {end}, the last"
                f" one ended before the publication date ({published}): review."
            )
        else:
            note = (
                f"The text names no period; inferred as {start.year}, the last full calendar year before the"
                f" publication date ({published}): review."
            )
        return Resolved(start, end, True, note)
    if period.rel == "compared":  # a year after the period the text compares the figure with: inferred
        resolved = resolve_period(replace(period, rel=None), published, year_end, calendar_years)
        note = f"The text names no period; taken as {period.wording}: review."
        return Resolved(resolved.start, resolved.end, True, note)
    if period.supplied:  # "au premier semestre par rapport à la même période de 2012": 2013, inferred
        resolved = resolve_period(replace(period, supplied=False), published, year_end, calendar_years)
        return resolved._replace(inferred=True, note=resolved.note + " Its year is not in its sentence: review.")
    said = f"“{period.wording}”"
    if period.end is not None:
        return _ended(period, published, said)
    months = period.months or 12
    if months == 12 and not period.fiscal and period.rel is None:
        note = f"Stated by the text ({said}): the calendar year {period.year}."
        if known:
            note += fiscal_note + " Review whether the text means the fiscal year."
        return Resolved(dt.date(period.year, 1, 1), dt.date(period.year, 12, 31), False, note)
    if period.rel in ("last", "this") and months == 12:
        return _relative_year(period, published, year_end, said, fiscal_note)
    if period.rel in ("last", "this") and period.number and not period.fiscal and not known:
        # "the first quarter of last year": of the calendar year before the one of publication
        year = published.year - (period.rel == "last")
        resolved = _calendar(replace(period, year=year, rel=None), published, said)
        note = f"The text says {said}, relative to the publication date ({published}): {year}. Review."
        return Resolved(resolved.start, resolved.end, True, note)
    if period.rel == "just_ended":
        # "last month": the month before publication; "the quarter": the last quarter ended before it
        end = published.replace(day=1) - dt.timedelta(days=1) if months == 1 else quarter_end_before(published)
        start = add_months(end + dt.timedelta(days=1), -months)
        note = f"The text says {said}: the {period.kind} ended last before the publication date ({published}): review."
        return Resolved(start, end, True, note)
    if (
        calendar_years
        and months == 12
        and period.fiscal
        and not period.split
        and period.year is not None
        and year_end is None
        and dt.date(period.year, 12, 31) <= published
    ):
        note = (
            f"Stated by the text ({said}): a fiscal year named by one year, taken as the calendar year {period.year}."
        )
        return Resolved(dt.date(period.year, 1, 1), dt.date(period.year, 12, 31), False, note)
    fiscal = period.fiscal or period.rel == "current" or known
    if fiscal:
        return _fiscal(period, published, year_end, said, fiscal_note)
    return _calendar(period, published, said)


def _ended(period: Period, published: dt.date, said: str) -> Resolved:
    """A period named by its last day (or by its months): 'year to 1 February 2020', 'April-June'."""
    month, day = period.end
    year = period.end_year
    inferred = year is None
    if year is None:
        year = published.year
        if month_end(year, month, day) > published:
            year -= 1
    end = month_end(year, month, day)
    if period.start_month is not None:
        start_year = period.start_year if period.start_year is not None else year - (period.start_month > month)
        start = dt.date(start_year, period.start_month, 1)
    elif period.weeks:
        start = end - dt.timedelta(weeks=period.weeks) + dt.timedelta(days=1)
    else:
        months = period.months or 3
        at_month_end = end == month_end(end.year, end.month, None)
        # From the day after a month's end; else from the day after the same day `months` before (a year to
        # 28 February 2016, a leap year, from 1 March 2015).
        start = (
            add_months(end + dt.timedelta(days=1), -months)
            if at_month_end
            else add_months(end, -months) + dt.timedelta(days=1)
        )
    if inferred:
        note = (
            f"The text says {said} without the year; taken as the last one ended before the publication date"
            f" ({published}): review."
        )
    else:
        note = f"Stated by the text ({said})."
        if period.weeks:
            note += f" {period.weeks} weeks."
        elif period.start_month is None and end != month_end(end.year, end.month, None):
            note += (
                f" It ends mid-month (a period counted in weeks): its start is taken as {period.months or 3} months"
                " before, which may be a few days off."
            )
    return Resolved(start, end, inferred, note)


def _relative_year(period, published, year_end, said, fiscal_note) -> Resolved:
    if period.rel == "last":
        start, end = last_year(published, year_end)
        relative = f"The text says {said}, relative to the publication date ({published}):"
        note = (
            f"{relative} the company's last fiscal year.{fiscal_note}" if fiscal_note else f"{relative} {start.year}."
        )
        return Resolved(start, end, True, note + " To review.")
    start, end = dt.date(published.year, 1, 1), dt.date(published.year, 12, 31)
    return Resolved(start, end, True, f"The text says {said}: {published.year}, the year of publication: review.")


def _calendar(period: Period, published: dt.date, said: str) -> Resolved:
    """A quarter, half or nine months of a calendar year; without its year, the last one ended before
    publication, or, where that is stale for news, the fiscal one that ended last."""
    months, number = period.months or 3, period.number or 1
    label = period.kind
    if period.year is not None:
        start = dt.date(period.year, months * (number - 1) + 1 if months <= 6 else 1, 1)
        end = add_months(start, months) - dt.timedelta(days=1)
        return Resolved(start, end, False, f"Stated by the text ({said}): the calendar {label} of {period.year}.")
    first_month = months * (number - 1) + 1 if months <= 6 else 1
    year = published.year
    while add_months(dt.date(year, first_month, 1), months) - dt.timedelta(days=1) >= published:
        year -= 1
    start = dt.date(year, first_month, 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    if (published - end).days > STALE_DAYS:
        end = quarter_end_before(published)
        start = add_months(end + dt.timedelta(days=1), -months)
        note = (
            f"The text says {said} without the year; the calendar {label} ended too long before the publication"
            f" date ({published}) for results news, so taken as the fiscal {label} ended last before it,"
            f" from {start} to {end}: review."
        )
        return Resolved(start, end, True, note)
    note = (
        f"The text says {said} without the year; taken as the last calendar {label} of that number ended before"
        f" the publication date ({published}): review."
    )
    return Resolved(start, end, True, note)


def _fiscal(period, published, year_end, said, fiscal_note) -> Resolved:
    """A fiscal quarter, half, nine months or year: from the company's fiscal year end where known, else from
    the publication date (the one that ended last before it, in the labelled year)."""
    months, number = period.months or 12, period.number or 1
    inferred_end = year_end is None
    if inferred_end:
        candidates = [(month, calendar.monthrange(2001, month)[1]) for month in range(1, 13)]
    else:
        candidates = [year_end]
    options = []
    for candidate in candidates:
        for fiscal_year in _fiscal_years(period.year, published):
            year_end_date = fiscal_end(fiscal_year, candidate)
            year_start = fiscal_start(fiscal_year, candidate)
            if len(candidate) > 2 and months < 12:
                # a 52/53-week year: quarters of 13 weeks counted back from its end (the first takes a 53rd week)
                parts = 12 // months if months <= 6 else 1
                left = (parts - number) if months <= 6 else 1  # periods of its length after this one
                weeks = months * 13 // 3 if months <= 6 else 13
                end = year_end_date - dt.timedelta(weeks=weeks * left)
                first = months > 6 or number == 1
                start = year_start if first else end - dt.timedelta(weeks=months * 13 // 3, days=-1)
            else:
                offset = months * (number - 1) if months <= 6 else 0
                start = add_months(year_start, offset)
                end = add_months(start, months) - dt.timedelta(days=1) if months < 12 else year_end_date
            if end > published:
                continue
            if period.rel == "current" and months < 12 and year_end_date < published:
                continue  # of the fiscal year still running: the part of it that ended last
            options.append((_likelihood(end, published, inferred_end), end, start, candidate))

    if not options and months == 12 and period.year is not None and period.split:
        # "Für das laufende Geschäftsjahr 2018/19" (published May 2018) before the figures: a year not yet
        # ended, so the figures reported are of the one before it.
        earlier = _fiscal(replace(period, year=period.year - 1), published, year_end, said, fiscal_note)
        note = (
            f"The text names {said}, a fiscal year not ended by the publication date ({published}); taken as the"
            f" one before it, from {earlier.start} to {earlier.end}: review."
        )
        return Resolved(earlier.start, earlier.end, True, note)
    if not options:  # a label in the future: take the calendar reading, flagged
        return _calendar(replace(period, fiscal=False), published, said)
    _, end, start, chosen_end = max(options)
    label = period.kind
    if inferred_end:
        note = (
            f"The text says {said} but not when the fiscal year ends; taken as the fiscal {label} ended last before"
            f" the publication date ({published}), from {start} to {end} (a year ending"
            f" {describe_year_end(chosen_end)}): review."
        )
        return Resolved(start, end, True, note)
    if period.year is None:
        note = (
            f"The text says {said} without the year; taken as the last fiscal {label} ended before the publication"
            f" date ({published}).{fiscal_note} Review."
        )
        return Resolved(start, end, True, note)
    return Resolved(start, end, False, f"Stated by the text ({said}): the company's fiscal {label}.{fiscal_note}")


def _fiscal_years(label: int | None, published: dt.date) -> list[int]:
    """The fiscal years (by the calendar year they end in) a label may name; all recent ones without it."""
    if label is not None:
        return [label]
    return [published.year - 1, published.year, published.year + 1]


def _likelihood(end: dt.date, published: dt.date, any_year_end: bool) -> tuple[bool, bool, dt.date]:
    """How likely a period ending on `end` is what news published on `published` reports: ended at most about
    three months before (results take that long), then at a quarter's end where the year end is a guess
    (most fiscal years end with a quarter), then the latest."""
    days = (published - end).days
    return 0 <= days <= STALE_DAYS, not any_year_end or end.month % 3 == 0, end


def year_end_of(period: Period) -> tuple[int, int] | None:
    """The fiscal year end a period named by its end implies: a fiscal year to 31 March ends on 31 March; a
    first half to 31 December, on 30 June; a fourth fiscal quarter to 30 November, on 30 November.

    >>> year_end_of(Period(12, "year ended March 31", end=(3, 31)))
    (3, 31)
    >>> year_end_of(Period(6, "premier semestre clos fin décembre", number=1, end=(12, None)))
    (6, 30)
    """
    if period.end is None or period.months is None or period.months % 3 or period.weeks:
        return None
    month, day = period.end
    if period.months == 12:
        after = 0
    elif period.number is not None:
        after = 12 - period.months * period.number if period.months <= 6 else 12 - period.months
    else:
        return None
    end_month = (month - 1 + after) % 12 + 1
    last = calendar.monthrange(2001, end_month)[1]
    if day is not None and day < 28:
        return None  # a 52/53-week calendar: its year end moves from year to year
    return end_month, last
