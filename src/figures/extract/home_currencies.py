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

from functools import cache
from typing import NamedTuple

from figures.extract.fiscal_years import company_key, company_table


class HomeCurrency(NamedTuple):
    company: str
    currency: str
    source: str


def _home_currency(row: dict[str, str]) -> HomeCurrency:
    return HomeCurrency(row["company"], row["currency"], row["source"])


@cache
def _table() -> dict[str, HomeCurrency]:
    return company_table("home_currencies.csv", _home_currency)


def known_currency(company: str) -> HomeCurrency | None:
    """The currency the table gives for a company, by any of its names (without legal forms)."""
    return _table().get(company_key(company))
