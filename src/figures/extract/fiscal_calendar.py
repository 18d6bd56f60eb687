"""Calendar arithmetic of fiscal years: a year's last and first day (a 52/53-week year by its weekday rule, a year
ending with February on the 29th in a leap year), months added to a day, the last whole year before a day."""

from __future__ import annotations

import calendar
import datetime as dt


def quarter_end_before(day: dt.date) -> dt.date:
    """The last quarter end (31 March, 30 June, 30 September, 31 December) strictly before `day`."""
    month = (day.month - 1) // 3 * 3
    year = day.year
    if month == 0:
        month, year = 12, year - 1
    return month_end(year, month, None)


WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}


def fiscal_end(year: int, year_end: tuple) -> dt.date:
    """The last day of a fiscal year: a year ending on 28 February ends on the 29th in a leap year (it is the
    month's end: Südzucker); a 52/53-week year (month, day, rule) ends on the weekday its rule gives: "last
    Saturday" of the month (Apple) or the "nearest Sunday" to the day (Morrisons).

    >>> fiscal_end(2021, (9, 30, "last Saturday")), fiscal_end(2020, (1, 31, "nearest Sunday"))
    (datetime.date(2021, 9, 25), datetime.date(2020, 2, 2))
    """
    month, day = year_end[:2]
    last = calendar.monthrange(year, month)[1]
    if len(year_end) > 2:
        which, weekday = year_end[2].lower().split()
        target = WEEKDAYS[weekday]
        if which == "last":
            end = dt.date(year, month, last)
            return end - dt.timedelta(days=(end.weekday() - target) % 7)
        nominal = dt.date(year, month, min(day, last))
        back = (nominal.weekday() - target) % 7
        return nominal - dt.timedelta(days=back) if back <= 3 else nominal + dt.timedelta(days=7 - back)
    return dt.date(year, month, last if (month, day) == (2, 28) else min(day, last))


def fiscal_start(year: int, year_end: tuple) -> dt.date:
    """The first day of the fiscal year that ends in `year`: the day after the previous one's end."""
    if len(year_end) > 2:
        return fiscal_end(year - 1, year_end) + dt.timedelta(days=1)
    return year_before(fiscal_end(year, year_end))


def month_end(year: int, month: int, day: int | None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, last) if day else last)


def last_year(published: dt.date, year_end: tuple[int, int] | None) -> tuple[dt.date, dt.date]:
    """The last whole year ended by `published`: the fiscal year where its end is known, else the calendar year.

    >>> last_year(dt.date(2018, 7, 3), (3, 31)), last_year(dt.date(2018, 7, 3), None)[0]
    ((datetime.date(2017, 4, 1), datetime.date(2018, 3, 31)), datetime.date(2017, 1, 1))
    """
    if not year_end:
        return dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31)
    year = published.year
    end = fiscal_end(year, year_end)
    if end > published:
        year, end = year - 1, fiscal_end(year - 1, year_end)
    return fiscal_start(year, year_end), end


def year_before(end: dt.date) -> dt.date:
    """The first day of the twelve months that end on `end`."""
    return add_months(end + dt.timedelta(days=1), -12)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def describe_year_end(year_end: tuple) -> str:
    if len(year_end) > 2:  # "the last Saturday of September", "the Sunday nearest 31 January"
        which, weekday = year_end[2].split()
        if which.lower() == "last":
            return f"the last {weekday} of {calendar.month_name[year_end[0]]}"
        return f"the {weekday} nearest {year_end[1]} {calendar.month_name[year_end[0]]}"
    return f"{year_end[1]} {calendar.month_name[year_end[0]]}"
