"""Periods: the `Period` type that names a period by its kind and dates, and fiscal-period arithmetic (the previous
period, back-to-back revenues, the offset between year ends)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from figures import i18n
from figures.i18n import N_, tr


def one_year_earlier(day: dt.date) -> dt.date:
    """The same day a year before (28 February for a 29 February).

    >>> one_year_earlier(dt.date(2018, 3, 31)), one_year_earlier(dt.date(2016, 2, 29))
    (datetime.date(2017, 3, 31), datetime.date(2015, 2, 28))
    """
    return (pd.Timestamp(day) - pd.DateOffset(years=1)).date()


def period_a_year_earlier(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The same period a year before: the same dates a year earlier, but for a year of weeks the 52 weeks ending the
    day before it starts (a 53-week year always follows a 52-week one; before a 52-week year, 52 is the common
    length, 53 the rare one).

    >>> period_a_year_earlier(dt.date(2018, 1, 1), dt.date(2018, 6, 30))
    (datetime.date(2017, 1, 1), datetime.date(2017, 6, 30))
    >>> period_a_year_earlier(dt.date(2020, 9, 27), dt.date(2021, 10, 2))  # 53 weeks: 52 before it
    (datetime.date(2019, 9, 29), datetime.date(2020, 9, 26))
    """
    if weeks_long(start, end):
        before_end = start - dt.timedelta(days=1)
        return before_end - dt.timedelta(days=7 * 52 - 1), before_end
    return one_year_earlier(start), one_year_earlier(end)


def is_group_revenue(record: dict[str, object]) -> bool:
    """A revenue of the whole group in its own currency: not a translation, not a component.

    >>> is_group_revenue({"metric": "revenue", "translated_from": "", "component": ""})
    True
    >>> is_group_revenue({"metric": "revenue", "translated_from": "fy2018_rmb", "component": ""})
    False
    """
    return record["metric"] == "revenue" and not record.get("translated_from") and not record.get("component")


def consecutive_revenues(records: list[dict[str, object]]) -> Iterator[tuple[dict[str, object], dict[str, object]]]:
    """(current, previous) group revenues of the same company and currency, the previous being the same period a
    year earlier: back-to-back years (a 52/53-week year included), or a half year, quarter or nine months beside the
    same one a year before, never beside a period of another length.

    >>> def revenue(name, start, end):
    ...     return {"figure_id": name, "company": "A", "metric": "revenue", "currency": "EUR",
    ...             "period_start": start, "period_end": end}
    >>> D = dt.date
    >>> pairs = consecutive_revenues([revenue("2017", D(2017, 1, 1), D(2017, 12, 31)),
    ...                               revenue("2016", D(2016, 1, 1), D(2016, 12, 31)),
    ...                               revenue("H1 2018", D(2018, 1, 1), D(2018, 6, 30)),
    ...                               revenue("H1 2017", D(2017, 1, 1), D(2017, 6, 30))])
    >>> [(current["figure_id"], previous["figure_id"]) for current, previous in pairs]
    [('2017', '2016'), ('H1 2018', 'H1 2017')]
    """
    revenues = [r for r in records if is_group_revenue(r)]
    by_company: dict[tuple, list[dict[str, object]]] = {}
    for record in revenues:
        by_company.setdefault((record["company"], record["currency"]), []).append(record)
    for current in sorted(revenues, key=lambda r: (r["company"], r["period_end"], r["period_start"])):
        others = [r for r in by_company[current["company"], current["currency"]] if r is not current]
        previous = same_period_a_year_earlier(current, others)
        # Of as long a period, give or take a week (a 53-week year): a year is not compared with a quarter.
        if previous is not None and abs(_days(previous) - _days(current)) <= 7:
            yield current, previous


def _days(record: dict[str, object]) -> int:
    return (record["period_end"] - record["period_start"]).days


def months_between(earlier_end: dt.date, later_end: dt.date) -> int:
    """Whole months from one period end to another.

    >>> months_between(dt.date(2017, 12, 31), dt.date(2018, 3, 31))
    3
    """
    return (later_end.year - earlier_end.year) * 12 + later_end.month - earlier_end.month


PERIOD_KINDS = ("quarter", "half year", "nine months", "year")
"""The lengths a revenue figure covers, by its days (a 13-week quarter, a 52/53-week year included)."""
_KIND_DAYS = {"quarter": (84, 98), "half year": (175, 190), "nine months": (266, 280), "year": (357, 373)}


def period_kind(start: dt.date, end: dt.date) -> str:
    """What a period is by its length: a quarter, a half year, nine months, a year; else "period".

    >>> period_kind(dt.date(2024, 1, 1), dt.date(2024, 6, 30)), period_kind(dt.date(2023, 10, 2), dt.date(2024, 9, 28))
    ('half year', 'year')
    >>> period_kind(dt.date(2024, 1, 1), dt.date(2024, 3, 31)), period_kind(dt.date(2024, 1, 1), dt.date(2024, 8, 31))
    ('quarter', 'period')
    """
    days = (end - start).days + 1
    return next((kind for kind, (low, high) in _KIND_DAYS.items() if low <= days <= high), "period")


def weeks_long(start: dt.date, end: dt.date) -> int | None:
    """52 or 53 for a retailer's year of whole weeks (364 or 371 days, which no year of whole months has, even one
    that happens to end on a month's last day); else None.

    >>> weeks_long(dt.date(2023, 10, 1), dt.date(2024, 9, 28)), weeks_long(dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    (52, None)
    >>> weeks_long(dt.date(2020, 9, 27), dt.date(2021, 10, 2)), weeks_long(dt.date(2022, 10, 2), dt.date(2023, 9, 30))
    (53, 52)
    """
    days = (end - start).days + 1
    return days // 7 if days in (364, 371) else None


def same_period_a_year_earlier(current: dict[str, object], candidates: list[dict[str, object]]) -> dict | None:
    """Among `candidates`, the period of the same length a year before `current` (a week either way: a 52/53-week
    year, a 13-week quarter); never a longer or shorter period, never merely the one before.

    >>> half = {"period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 6, 30)}
    >>> year = {"period_start": dt.date(2023, 1, 1), "period_end": dt.date(2023, 12, 31)}
    >>> earlier = {"period_start": dt.date(2023, 1, 1), "period_end": dt.date(2023, 6, 30)}
    >>> same_period_a_year_earlier(half, [year]), same_period_a_year_earlier(half, [year, earlier]) is earlier
    (None, True)
    """
    week = dt.timedelta(days=7)
    start, end = one_year_earlier(current["period_start"]), one_year_earlier(current["period_end"])
    for row in candidates:
        if abs(row["period_end"] - end) <= week and abs(row["period_start"] - start) <= week:
            return row
    return None


def _month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


@dataclass(frozen=True)
class Period:
    """A period a figure covers: its dates, and what follows from them once (its kind, its weeks, whether it is a
    calendar year, half or quarter), named the same way by every label, sentence, table, chart and alt text.

    >>> Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30)).kind, Period(dt.date(2023, 10, 1), dt.date(2024, 9, 28)).weeks
    ('half year', 52)
    """

    start: dt.date
    end: dt.date
    fiscal_label: str = ""

    @classmethod
    def of(cls, row) -> Period:
        """The period of a table row or record (its `period_start`, `period_end` and, if any, `fiscal_label`).

        >>> Period.of({"period_start": dt.date(2017, 4, 1), "period_end": dt.date(2018, 3, 31), "fiscal_label": "FY18"})
        Period(start=datetime.date(2017, 4, 1), end=datetime.date(2018, 3, 31), fiscal_label='FY18')
        """
        label = row.get("fiscal_label") if hasattr(row, "get") else None
        return cls(row["period_start"], row["period_end"], label if isinstance(label, str) else "")

    @property
    def kind(self) -> str:
        """ "quarter", "half year", "nine months", "year" or "period" (`period_kind`)."""
        return period_kind(self.start, self.end)

    @property
    def weeks(self) -> int | None:
        """52 or 53 for a year of whole weeks, 13 or 14 for such a quarter; else None."""
        if self.kind == "year":
            return weeks_long(self.start, self.end)
        days = (self.end - self.start).days + 1
        return days // 7 if self.kind == "quarter" and days in (91, 98) and not _month_end(self.end) else None

    @property
    def whole_months(self) -> bool:
        return self.start.day == 1 and _month_end(self.end)

    def calendar_part(self) -> str:
        """The part of the calendar it is: "Q1" to "Q4", "H1", "H2", "9M" (January to September) or "Y"; else "".

        >>> D = dt.date
        >>> Period(D(2024, 7, 1), D(2024, 9, 30)).calendar_part(), Period(D(2024, 2, 1), D(2024, 7, 31)).calendar_part()
        ('Q3', '')
        """
        if not self.whole_months or self.start.year != self.end.year:
            return ""
        month = self.start.month
        if self.kind == "quarter" and month in (1, 4, 7, 10):
            return f"Q{(month + 2) // 3}"
        if self.kind == "half year" and month in (1, 7):
            return f"H{1 if month == 1 else 2}"
        if self.kind == "nine months" and month == 1:
            return "9M"
        return "Y" if self.kind == "year" and month == 1 else ""

    def months(self, locale: str = "en") -> str:
        """The months it spans.

        >>> D = dt.date
        >>> Period(D(2017, 1, 1), D(2017, 12, 31)).months(), Period(D(2017, 4, 1), D(2018, 3, 31)).months("fr")
        ('Jan–Dec 2017', 'avr. 2017–mars 2018')
        """
        start, end = self.start, self.end
        if start.year == end.year:
            return f"{i18n.date(start, locale, 'month')}–{i18n.date(end, locale, 'month')} {end.year}"
        return f"{i18n.date(start, locale, 'month_year')}–{i18n.date(end, locale, 'month_year')}"

    def short(self, locale: str = "en") -> str:
        """A name short enough for a chart's bar or tick: the fiscal label, the calendar year, "H1 2024", "quarter to
        Jun 2024" (a company's fiscal quarters are not the calendar's), "half year to Mar 2024", "52 weeks to 28
        September 2024", "year to Mar 2017".

        >>> for start, end in (((2024, 1, 1), (2024, 6, 30)), ((2024, 4, 1), (2024, 6, 30)),
        ...                    ((2023, 10, 1), (2024, 3, 31)), ((2023, 10, 1), (2024, 9, 28)),
        ...                    ((2024, 1, 1), (2024, 9, 30)), ((2016, 4, 1), (2017, 3, 31))):
        ...     print(Period(dt.date(*start), dt.date(*end)).short())
        H1 2024
        quarter to Jun 2024
        half year to Mar 2024
        52 weeks to 28 September 2024
        nine months to Sep 2024
        year to Mar 2017
        """
        if self.fiscal_label:
            return self.fiscal_label
        part, end = self.calendar_part(), self.end
        if part == "Y":
            return str(end.year)
        if part in ("H1", "H2"):
            return tr("H{half} {year}", locale).format(half=part[1], year=end.year)
        if self.weeks:
            return tr("{weeks} weeks to {end}", locale).format(weeks=self.weeks, end=i18n.date(end, locale))
        return {
            "year": tr("year to {end}", locale),
            "half year": tr("half year to {end}", locale),
            "quarter": tr("quarter to {end}", locale),
            "nine months": tr("nine months to {end}", locale),
        }.get(self.kind, tr("period to {end}", locale)).format(end=i18n.date(end, locale, "month_year"))

    def label(self, locale: str = "en") -> str:
        """The period as a table or a sentence names it: a year by its months ("Jan–Dec 2017", "Apr 2017–Mar
        2018"), a year or quarter of whole weeks by its weeks and end day, a half, quarter or nine months by its
        kind, then its months after a comma (a label often stands in brackets).

        >>> for start, end in (((2017, 1, 1), (2017, 12, 31)), ((2017, 4, 1), (2018, 3, 31)),
        ...                    ((2024, 1, 1), (2024, 6, 30)), ((2024, 4, 1), (2024, 6, 30)),
        ...                    ((2023, 10, 1), (2024, 3, 31)), ((2023, 10, 1), (2024, 9, 28)),
        ...                    ((2024, 1, 1), (2024, 9, 30)), ((2024, 3, 31), (2024, 6, 29))):
        ...     print(Period(dt.date(*start), dt.date(*end)).label())
        Jan–Dec 2017
        Apr 2017–Mar 2018
        H1 2024, Jan–Jun
        quarter to Jun 2024, Apr–Jun
        half year to Mar 2024, Oct 2023–Mar 2024
        52 weeks to 28 September 2024
        nine months to Sep 2024, Jan–Sep
        13 weeks to 29 June 2024
        """
        part = self.calendar_part()
        if (self.kind == "year" and not self.weeks) or self.kind == "period":
            return self.months(locale)
        if self.weeks:
            return tr("{weeks} weeks to {end}", locale).format(weeks=self.weeks, end=i18n.date(self.end, locale))
        short = Period(self.start, self.end).short(locale)
        if part:
            span = f"{i18n.date(self.start, locale, 'month')}–{i18n.date(self.end, locale, 'month')}"
            return f"{short}, {span}"
        return f"{short}, {self.months(locale)}"

    def label_in(self, locale: str = "en") -> str:
        """The period after "in", as a sentence says it: "in Apr 2017–Mar 2018", "in H1 2024, Jan–Jun", "in the
        quarter to Sep 2019, Jul–Sep", "in the 52 weeks to 28 September 2024".

        >>> for start, end in (((2017, 4, 1), (2018, 3, 31)), ((2024, 1, 1), (2024, 6, 30)),
        ...                    ((2019, 7, 1), (2019, 9, 30)), ((2023, 10, 1), (2024, 9, 28))):
        ...     print(Period(dt.date(*start), dt.date(*end)).label_in())
        in Apr 2017–Mar 2018
        in H1 2024, Jan–Jun
        in the quarter to Sep 2019, Jul–Sep
        in the 52 weeks to 28 September 2024
        """
        end = self.end
        if self.weeks:
            return tr("in the {weeks} weeks to {end}", locale).format(weeks=self.weeks, end=i18n.date(end, locale))
        if (self.kind == "year" and not self.weeks) or self.kind == "period":
            return tr("in {months}", locale).format(months=self.months(locale))
        part = self.calendar_part()
        span = (
            f"{i18n.date(self.start, locale, 'month')}–{i18n.date(end, locale, 'month')}"
            if part
            else self.months(locale)
        )
        if part in ("H1", "H2"):
            return tr("in {half}, {months}", locale).format(half=self.short(locale), months=span)
        template = {
            "quarter": N_("in the quarter to {end}, {months}"),
            "half year": N_("in the half year to {end}, {months}"),
            "nine months": N_("in the nine months to {end}, {months}"),
        }[self.kind]
        return tr(template, locale).format(end=i18n.date(end, locale, "month_year"), months=span)
