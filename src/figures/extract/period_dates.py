"""Period dates: the days a `Period` covers, from the publication date and, where it is known, the company's fiscal
year end; whatever the words leave open is inferred and said so (`resolve_period`)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import replace
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
from figures.extract.periods import Period

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
