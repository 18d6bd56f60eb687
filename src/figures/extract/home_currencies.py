"""Known home currencies: companies that report in a dollar other than the US one (or in US dollars though
based elsewhere), from their annual reports.

A bare "$" in "Woolworths had a total $33.2 billion in sales" is Australian: the reader knows the company, the
text need not say so. The table (`home_currencies.csv`: the name, other names separated by "|", the ISO 4217
code the company reports in, and the report that says so) settles such a "$" where the text's places do not
(`amounts.local_currency`); the draft says so on the figure.

>>> known_currency("Woolworths Group Limited")[:2]
('Woolworths', 'AUD')
>>> known_currency("Adventure Works") is None
True
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import NamedTuple

from figures.extract.names import core_key


class HomeCurrency(NamedTuple):
    company: str
    currency: str
    source: str


def _key(name: str) -> str:
    return core_key(name.replace(",", " ").split())


@cache
def _table() -> dict[str, HomeCurrency]:
    text = resources.files("figures.extract").joinpath("home_currencies.csv").read_text(encoding="utf-8")
    found: dict[str, HomeCurrency] = {}
    for row in csv.DictReader(text.splitlines()):
        entry = HomeCurrency(row["company"], row["currency"], row["source"])
        for name in [row["company"], *filter(None, row["aliases"].split("|"))]:
            found[_key(name)] = entry
    return found


def known_currency(company: str) -> HomeCurrency | None:
    """The currency the table gives for a company, by any of its names (without legal forms)."""
    return _table().get(_key(company))
