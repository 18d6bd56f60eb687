"""Known fiscal year ends: companies whose year does not end on 31 December, from their annual reports.

A reader who sees "Walmart's fourth quarter" knows it ends in January; the text rarely says so. The table
(`fiscal_year_ends.csv`, one row per company: its name, other names separated by "|", the month and day its
year ends, for a company counting 52 or 53 weeks the weekday rule that moves that end ("last Saturday" of the
month, "nearest Sunday" to the day), and the report that says so) gives the extractor that knowledge; the
quarters of a 52/53-week year are of 13 weeks. A period dated from the table is inferred, never stated by the
text.

>>> known_year_end("Walmart Inc.").year_end, known_year_end("Apple Inc").year_end
((1, 31), (9, 30, 'last Saturday'))
>>> known_year_end("Adventure Works") is None
True
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import NamedTuple, TypeVar

from figures.extract.names import core_key

T = TypeVar("T")


class FiscalYearEnd(NamedTuple):
    company: str
    month: int
    day: int
    source: str
    week_rule: str = ""  # a 52/53-week year: "last Saturday" (of the month), "nearest Sunday" (to the day)

    @property
    def year_end(self) -> tuple:
        """(month, day), or (month, day, rule) for a 52/53-week year, as `periods` reads a year end."""
        return (self.month, self.day, self.week_rule) if self.week_rule else (self.month, self.day)


def company_key(name: str) -> str:
    """A company's key in the tables of known companies: its name without legal forms, as `names.core_key`."""
    return core_key(name.replace(",", " ").split())


def company_table(filename: str, entry: Callable[[dict[str, str]], T]) -> dict[str, T]:
    """A package table of known companies (columns `company`, `aliases` separated by "|", and its own): each row's
    `entry`, keyed by every name of the company."""
    text = resources.files("figures.extract").joinpath(filename).read_text(encoding="utf-8")
    found: dict[str, T] = {}
    for row in csv.DictReader(text.splitlines()):
        value = entry(row)
        for name in [row["company"], *filter(None, row["aliases"].split("|"))]:
            found[company_key(name)] = value
    return found


def _year_end(row: dict[str, str]) -> FiscalYearEnd:
    month, day = (int(part) for part in row["year_end"].split("-"))
    return FiscalYearEnd(row["company"], month, day, row["source"], row.get("week_rule") or "")


@cache
def _table() -> dict[str, FiscalYearEnd]:
    return company_table("fiscal_year_ends.csv", _year_end)


def known_year_end(company: str) -> FiscalYearEnd | None:
    """The fiscal year end the table gives for a company, by any of its names (without legal forms)."""
    return _table().get(company_key(company))
