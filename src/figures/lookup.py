"""Questions asked of the comparison table: a company's latest revenue, its growth as stated and as recomputed."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from figures.table import ComparisonTable

STATED = "stated in the source"
"""The derivation of a figure as its source states it: the one definition of the words, for every module."""


def records_of(table: ComparisonTable, company: str) -> list[dict[str, object]]:
    """A company's rows as records, in the table's order: the questions below filter these in Python,
    which for a company's few hundred rows is many times faster than a DataFrame mask.

    >>> from figures.tabulate import comparison_table
    >>> {row["company"] for row in records_of(comparison_table(), "Bolloré Group")}
    {'Bolloré Group'}
    """
    return table.records_by_company.get(company, [])


def _first(records: list[dict[str, object]], **equal) -> dict[str, object] | None:
    return next((row for row in records if all(row[key] == value for key, value in equal.items())), None)


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def rows_of(table: ComparisonTable, company: str) -> pd.DataFrame:
    """A company's rows of `table`, split once per table: the questions below ask of one company at a time.

    >>> from figures.tabulate import comparison_table
    >>> set(rows_of(comparison_table(), "Bolloré Group")["company"])
    {'Bolloré Group'}
    """
    return table.company_rows(company)


def companies(table: ComparisonTable) -> list[str]:
    """Every company of the table, sorted.

    >>> from figures.tabulate import comparison_table
    >>> companies(comparison_table())
    ['Alibaba Group', 'Bolloré Group']
    """
    return sorted(table.by_company)


def bases(table: ComparisonTable) -> list[str]:
    """The bases the table holds figures on, the recommended one (`reported`) first.

    >>> from figures.tabulate import comparison_table
    >>> bases(comparison_table()), bases(comparison_table(reported=False))
    (['reported', 'article'], ['article'])
    """
    present = set(table.rows["basis"])
    return [basis for basis in ("reported", "article") if basis in present]


def headline_basis(table: ComparisonTable, company: str) -> str:
    """The basis a company's headline rests on: its reported figures where it has any, else the claims.

    >>> from figures.tabulate import comparison_table
    >>> company = "Alibaba Group"
    >>> headline_basis(comparison_table(), company), headline_basis(comparison_table(reported=False), company)
    ('reported', 'article')
    """
    mine = rows_of(table, company)
    own = mine[(mine["basis"] == "reported") & (mine["metric"] == "revenue")]
    return "reported" if not own.empty else "article"


def latest_revenue(table: ComparisonTable, company: str, basis: str) -> dict[str, object] | None:
    """A company's latest group revenue as stated on `basis`, in its own currency, or None.

    >>> from figures.tabulate import comparison_table
    >>> latest_revenue(comparison_table(), "Bolloré Group", "reported")["value"]
    18325.0
    """
    return _latest_stated(table, company, basis, "revenue")


def latest_growth(table: ComparisonTable, company: str, basis: str) -> dict[str, object] | None:
    """A company's latest group revenue growth as stated on `basis`, or None: what a claims file without any
    amount still says.

    >>> from figures.tabulate import comparison_table
    >>> latest_growth(comparison_table(), "Bolloré Group", "article")["value"]
    82.0
    """
    return _latest_stated(table, company, basis, "revenue_growth")


def _latest_stated(table: ComparisonTable, company: str, basis: str, metric: str) -> dict[str, object] | None:
    """A company's group figure of `metric` as stated on `basis` that ends last (the longest of those ending that
    day, the first in the table's order among equals), or None."""
    stated = [
        row
        for row in records_of(table, company)
        if row["basis"] == basis
        and row["metric"] == metric
        and row["fx_method"] == "none"
        and row["derived"] == "stated"
        and _blank(row["component"])
    ]
    if not stated:
        return None
    # The one ending last; of those ending that day, the longest (a half year, not the quarter ending with it).
    return max(stated, key=lambda row: (row["period_end"], row["period_end"] - row["period_start"]))


def translated(table: ComparisonTable, row: dict[str, object], currency: str, method: str) -> dict[str, object] | None:
    """The translation of a stated row into `currency` by `method`, or None.

    >>> from figures.tabulate import comparison_table
    >>> table = comparison_table()
    >>> round(translated(table, latest_revenue(table, "Bolloré Group", "reported"), "USD", "average")["value"])
    20701
    """
    return _first(
        records_of(table, row["company"]),
        figure_id=row["figure_id"],
        basis=row["basis"],
        currency=currency,
        fx_method=method,
        metric=row["metric"],
    )


def stated_growth(table: ComparisonTable, company: str, basis: str, end: dt.date) -> dict[str, object] | None:
    """The growth rate the source states for a company's period ending `end`, or None.

    >>> from figures.tabulate import comparison_table
    >>> import datetime as dt
    >>> stated_growth(comparison_table(), "Alibaba Group", "article", dt.date(2018, 3, 31))["currency"]
    'USD'
    """
    return _first(
        records_of(table, company),
        period_end=end,
        basis=basis,
        metric="revenue_growth",
        fx_method="none",
        derived="stated",
    )


def own_growth(table: ComparisonTable, company: str, basis: str, end: dt.date) -> dict[str, object] | None:
    """Growth in the company's own currency, recomputed from the same revenues when possible.

    >>> from figures.tabulate import comparison_table
    >>> import datetime as dt
    >>> row = own_growth(comparison_table(), "Alibaba Group", "reported", dt.date(2018, 3, 31))
    >>> round(row["value"], 1), row["currency"]
    (58.1, 'CNY')
    """
    own = [
        row
        for row in records_of(table, company)
        if row["basis"] == basis
        and row["metric"] == "revenue_growth"
        and row["fx_method"] == "none"
        and row["period_end"] == end
    ]
    recomputed = [row for row in own if row["derived"] in ("recomputed", "implied")]
    return (recomputed or own or [None])[0]


def growth_in(
    table: ComparisonTable, company: str, basis: str, end: dt.date, currency: str, method: str
) -> dict[str, object] | None:
    """Growth recomputed in `currency` by `method` for a company's period ending `end`, or None.

    >>> from figures.tabulate import comparison_table
    >>> import datetime as dt
    >>> row = growth_in(comparison_table(), "Alibaba Group", "reported", dt.date(2018, 3, 31), "EUR", "average")
    >>> round(row["value"], 1)
    50.6
    """
    return _first(
        records_of(table, company),
        basis=basis,
        metric="revenue_growth",
        period_end=end,
        currency=currency,
        fx_method=method,
    )


def reported_rows(table: ComparisonTable, company: str, end: dt.date, metric: str) -> pd.DataFrame:
    """A company's reported rows of one metric for the period ending `end`, as stated or derived.

    >>> from figures.tabulate import comparison_table
    >>> import datetime as dt
    >>> rows = reported_rows(comparison_table(), "Bolloré Group", dt.date(2017, 12, 31), "revenue_change_scope")
    >>> rows["value"].tolist()
    [7383.0]
    """
    mine = rows_of(table, company)
    return mine[
        (mine["period_end"] == end)
        & (mine["basis"] == "reported")
        & (mine["fx_method"] == "none")
        & (mine["metric"] == metric)
    ]
