"""Periods: what the text says of a figure's period, and the dates that follow from it and the publication date."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from figures.extract.language import Grammar, ordinal
from figures.extract.sentences import clause_of, clean, overlap


@dataclass(frozen=True)
class Period:
    """What the text says of a figure's period; a figure whose text says nothing has None.

    >>> Period("quarter", "second quarter of 2018", 2018, number=2)
    Period(kind='quarter', wording='second quarter of 2018', year=2018, number=2, month=None, day=None, fiscal=False)
    """

    kind: str  # year, fiscal, year_ended, quarter, quarter_ended, half, half_ended, last_year
    wording: str
    year: int | None = None
    number: int | None = None
    month: int | None = None
    day: int | None = None
    fiscal: bool = False


def mention(g: Grammar, text: str, figure, start: int, end: int, clauses, date_spans) -> Period | None:
    """The period stated nearest to `figure` in its sentence (its own clause first), or None."""
    mentions: list[tuple[int, int, Period]] = []
    for kind, pattern in g.periods:
        for m in pattern.finditer(text, start, end):
            span = m.span()
            if any(overlap(span, (s, e)) for s, e, _ in mentions):
                continue
            if any(s <= span[0] and span[1] <= e for s, e in date_spans):
                continue
            if kind == "year" and g.year_excluded_before.search(text[max(start, span[0] - 40) : span[0]]):
                continue
            period = _period_of(g, kind, m)
            if period is not None:
                mentions.append((span[0], span[1], period))
    mentions = [m for m in mentions if not overlap((m[0], m[1]), (figure.start, figure.end))]
    if not mentions:
        return None
    clause = clause_of(clauses, figure.start)

    def distance(mention):
        s, e, _ = mention
        gap = figure.start - e if e <= figure.start else s - figure.end
        return (not (clause[0] <= s < clause[1]), gap)

    return min(mentions, key=distance)[2]


def _period_of(g: Grammar, kind: str, m) -> Period | None:
    parts = m.groupdict()
    wording = clean(m.group(0))
    year = _year(parts.get("year"), parts.get("yy"))
    fiscal = bool(parts.get("fiscal"))
    if kind == "year":
        return Period("year", wording, year)
    if kind == "last_year":
        return Period("last_year", wording)
    if kind == "fiscal":
        end_year = _year(parts.get("year_end")) if parts.get("year_end") else year
        if end_year is not None and year is not None and end_year < year:
            end_year = year // 100 * 100 + end_year % 100
        return Period("fiscal", wording, end_year, fiscal=True)
    month = g.months.get((parts.get("month") or "").lower().rstrip("."))
    day_text = parts.get("day") or parts.get("day_first")  # September 30, or 30 September
    day = int(day_text) if day_text else None
    if kind in ("quarter_ended", "half_ended", "year_ended"):
        return Period(kind, wording, year, month=month, day=day)
    number = int(parts["number"]) if parts.get("number") else None
    if number is None and parts.get("order"):
        number = ordinal(g.code, parts["order"]) if kind == "quarter" else ordinal_half(parts["order"])
    return Period(kind, wording, year, number=number, fiscal=fiscal)


def ordinal_half(word: str) -> int:
    """1 for a first half, 2 for a second.

    >>> ordinal_half("premier"), ordinal_half("2nd"), ordinal_half("zweiten")
    (1, 2, 2)
    """
    return 1 if word.lower() in ("first", "1st", "premier", "1er", "ersten", "1.") else 2


def _year(text: str | None, short: str | None = None) -> int | None:
    value = text or short
    if not value:
        return None
    value = value.lstrip("'")
    number = int(value)
    return 2000 + number if number < 100 else number


def resolve_period(
    period: Period | None, published: dt.date, year_end: tuple[int, int] | None
) -> tuple[dt.date, dt.date, bool, str]:
    """The dates of a period as the text states it; what it leaves open inferred and said so.

    `year_end` is the company's fiscal year end (month, day) where known from its reported figures.

    >>> resolve_period(Period("year", "en 2017", 2017), dt.date(2018, 7, 3), None)[:3]
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31), False)
    >>> start, end, inferred, note = resolve_period(None, dt.date(2018, 7, 3), (3, 31))
    >>> start, end, inferred
    (datetime.date(2017, 4, 1), datetime.date(2018, 3, 31), True)
    >>> resolve_period(Period("fiscal", "fiscal 2018", 2018, fiscal=True), dt.date(2018, 7, 3), None)[2:]
    (True, 'The text says “fiscal 2018” but not when the fiscal year ends; taken as the calendar year 2018: review.')
    """
    known = year_end is not None and year_end != (12, 31)
    calendar_note = f" The company's fiscal year ends on {_day_month(year_end)} (reported figures)." if year_end else ""
    if period is None:
        start, end = _last_year(published, year_end)
        if year_end:
            note = (
                f"The text names no period; inferred as the company's fiscal year from {start} to {end}, the last"
                f" one ended before the publication date ({published}), from its reported figures: review."
            )
        else:
            note = (
                f"The text names no period; inferred as {start.year}, the last full calendar year before the"
                f" publication date ({published}): review."
            )
        return start, end, True, note
    said = f"“{period.wording}”"
    if period.kind == "year":
        note = f"Stated by the text ({said}): the calendar year {period.year}."
        if known:
            note += calendar_note + " Review whether the text means the fiscal year."
        return dt.date(period.year, 1, 1), dt.date(period.year, 12, 31), False, note
    if period.kind == "last_year":
        start, end = _last_year(published, year_end)
        relative = f"Stated by the text ({said}), relative to the publication date ({published}):"
        note = f"{relative} the company's last fiscal year.{calendar_note}" if year_end else f"{relative} {start.year}."
        return start, end, False, note
    if period.kind == "fiscal":
        if year_end:
            end = _fiscal_end(period.year, year_end)
            return _year_before(end), end, False, f"Stated by the text ({said}).{calendar_note}"
        return (
            dt.date(period.year, 1, 1),
            dt.date(period.year, 12, 31),
            True,
            (
                f"The text says {said} but not when the fiscal year ends; taken as the calendar year {period.year}:"
                " review."
            ),
        )
    if period.kind in ("quarter_ended", "half_ended", "year_ended"):
        months = {"quarter_ended": 3, "half_ended": 6}.get(period.kind, 12)
        inferred = period.year is None or period.month is None
        month = period.month or 12
        if period.year is not None:
            end = _month_end(period.year, month, period.day)
        else:
            end = _month_end(published.year, month, period.day)
            if end > published:
                end = _month_end(published.year - 1, month, period.day)
        month_end = end == _month_end(end.year, end.month, None)
        # From the day after a month's end; else from the day after the same day `months` before (a year to
        # 28 February 2016, a leap year, from 1 March 2015).
        start = (
            _add_months(end + dt.timedelta(days=1), -months)
            if month_end
            else _add_months(end, -months) + dt.timedelta(days=1)
        )
        note = f"Stated by the text ({said})."
        if inferred:
            note = (
                f"The text says {said} without the year; taken as the last one ended before the publication date"
                f" ({published}): review."
            )
        elif not month_end:
            # A period ending mid-month (a retailer's 12-, 13- or 16-week quarter, a 52-week year): the
            # text gives its end, not its start.
            inferred = True
            note = (
                f"The text says {said}, not when it began; taken as {months} months from {start}, which a period"
                " counted in weeks may not be: review."
            )
        return start, end, inferred, note
    # quarter or half
    months = 3 if period.kind == "quarter" else 6
    number = period.number or 1
    label = "quarter" if period.kind == "quarter" else "half"
    if period.fiscal and year_end and period.year is not None:
        fiscal_start = _year_before(_fiscal_end(period.year, year_end))
        start = _add_months(fiscal_start, months * (number - 1))
        end = _add_months(start, months) - dt.timedelta(days=1)
        return start, end, False, f"Stated by the text ({said}): the company's fiscal {label}.{calendar_note}"
    if period.year is not None:
        start = dt.date(period.year, months * (number - 1) + 1, 1)
        end = _add_months(start, months) - dt.timedelta(days=1)
        if period.fiscal:
            return (
                start,
                end,
                True,
                (f"The text says {said} but not when the fiscal year ends; taken as the calendar {label}: review."),
            )
        return start, end, False, f"Stated by the text ({said}): the calendar {label}."
    year = published.year
    start = dt.date(year, months * (number - 1) + 1, 1)
    while _add_months(start, months) - dt.timedelta(days=1) >= published:
        year -= 1
        start = dt.date(year, months * (number - 1) + 1, 1)
    end = _add_months(start, months) - dt.timedelta(days=1)
    return (
        start,
        end,
        True,
        (
            f"The text says {said} without the year; taken as the last calendar {label} of that number ended before the"
            f" publication date ({published}): review."
        ),
    )


def _fiscal_end(year: int, year_end: tuple[int, int]) -> dt.date:
    month, day = year_end
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _month_end(year: int, month: int, day: int | None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, last) if day else last)


def _last_year(published: dt.date, year_end: tuple[int, int] | None) -> tuple[dt.date, dt.date]:
    """The last whole year ended by `published`: the fiscal year where its end is known, else the calendar year.

    >>> _last_year(dt.date(2018, 7, 3), (3, 31)), _last_year(dt.date(2018, 7, 3), None)[0]
    ((datetime.date(2017, 4, 1), datetime.date(2018, 3, 31)), datetime.date(2017, 1, 1))
    """
    if not year_end:
        return dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31)
    end = _fiscal_end(published.year, year_end)
    if end > published:
        end = _fiscal_end(published.year - 1, year_end)
    return _year_before(end), end


def _year_before(end: dt.date) -> dt.date:
    """The first day of the twelve months that end on `end`."""
    return _add_months(end + dt.timedelta(days=1), -12)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _day_month(year_end: tuple[int, int]) -> str:
    return f"{year_end[1]} {calendar.month_name[year_end[0]]}"
