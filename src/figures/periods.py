"""Fiscal-period arithmetic: the previous period, back-to-back revenues, the offset between year ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pandas as pd


def one_year_earlier(day: dt.date) -> dt.date:
    """The same day a year before (28 February for a 29 February).

    >>> one_year_earlier(dt.date(2018, 3, 31)), one_year_earlier(dt.date(2016, 2, 29))
    (datetime.date(2017, 3, 31), datetime.date(2015, 2, 28))
    """
    return (pd.Timestamp(day) - pd.DateOffset(years=1)).date()


def is_group_revenue(record: dict[str, object]) -> bool:
    """A revenue of the whole group in its own currency: not a translation, not a component.

    >>> is_group_revenue({"metric": "revenue", "translated_from": "", "component": ""})
    True
    >>> is_group_revenue({"metric": "revenue", "translated_from": "fy2018_rmb", "component": ""})
    False
    """
    return record["metric"] == "revenue" and not record.get("translated_from") and not record.get("component")


def consecutive_revenues(records: list[dict[str, object]]) -> Iterator[tuple[dict[str, object], dict[str, object]]]:
    """(current, previous) group revenues of the same company and currency for back-to-back periods.

    >>> def revenue(name, start, end):
    ...     return {"figure_id": name, "company": "A", "metric": "revenue", "currency": "EUR",
    ...             "period_start": start, "period_end": end}
    >>> pairs = consecutive_revenues([revenue("2017", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
    ...                               revenue("2016", dt.date(2016, 1, 1), dt.date(2016, 12, 31))])
    >>> [(current["figure_id"], previous["figure_id"]) for current, previous in pairs]
    [('2017', '2016')]
    """
    revenues = [r for r in records if is_group_revenue(r)]
    by_end: dict[tuple, list[dict[str, object]]] = {}
    for record in revenues:
        by_end.setdefault((record["company"], record["currency"], record["period_end"]), []).append(record)
    for current in sorted(revenues, key=lambda r: (r["company"], r["period_end"])):
        before = by_end.get((current["company"], current["currency"], current["period_start"] - dt.timedelta(days=1)))
        # Of as long a period, give or take a week (a 53-week year): a year is not compared with a quarter.
        alike = [r for r in before or [] if abs(_days(r) - _days(current)) <= 7]
        if alike:
            yield current, alike[0]


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
    """52 or 53 for a retailer's year of whole weeks that ends on no month's last day; else None.

    >>> weeks_long(dt.date(2023, 10, 1), dt.date(2024, 9, 28)), weeks_long(dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    (52, None)
    >>> weeks_long(dt.date(2020, 9, 27), dt.date(2021, 10, 2))
    53
    """
    days = (end - start).days + 1
    month_end = (end + dt.timedelta(days=1)).day == 1
    return days // 7 if days in (364, 371) and not month_end else None


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
