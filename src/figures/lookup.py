"""Questions asked of the comparison table: a company's latest revenue, its growth as stated and as recomputed."""

from __future__ import annotations

import datetime as dt
import weakref

import pandas as pd

STATED = "stated in the source"
_BY_COMPANY: dict[int, tuple[weakref.ref, dict[str, pd.DataFrame]]] = {}


def rows_of(table: pd.DataFrame, company: str) -> pd.DataFrame:
    """A company's rows of `table`, split once per table: the questions below ask of one company at a time.

    >>> from figures.normalise import comparison_table
    >>> set(rows_of(comparison_table(), "Bolloré Group")["company"])
    {'Bolloré Group'}
    """
    remembered = _BY_COMPANY.get(id(table))
    if remembered is None or remembered[0]() is not table:
        remembered = (weakref.ref(table), {name: group for name, group in table.groupby("company", sort=False)})
        _BY_COMPANY[id(table)] = remembered
    return remembered[1].get(company, table.iloc[0:0])


def companies(table: pd.DataFrame) -> list[str]:
    """Every company of the table, sorted.

    >>> from figures.normalise import comparison_table
    >>> companies(comparison_table())
    ['Alibaba Group', 'Bolloré Group']
    """
    return sorted(table["company"].unique())


def bases(table: pd.DataFrame) -> list[str]:
    """The bases the table holds figures on, the recommended one (`reported`) first.

    >>> from figures.normalise import comparison_table
    >>> bases(comparison_table()), bases(comparison_table(reported=False))
    (['reported', 'article'], ['article'])
    """
    present = set(table["basis"])
    return [basis for basis in ("reported", "article") if basis in present]


def headline_basis(table: pd.DataFrame, company: str) -> str:
    """The basis a company's headline rests on: its reported figures where it has any, else the claims.

    >>> from figures.normalise import comparison_table
    >>> company = "Alibaba Group"
    >>> headline_basis(comparison_table(), company), headline_basis(comparison_table(reported=False), company)
    ('reported', 'article')
    """
    mine = rows_of(table, company)
    own = mine[(mine["basis"] == "reported") & (mine["metric"] == "revenue")]
    return "reported" if not own.empty else "article"


def stated_revenues(table: pd.DataFrame, company: str, basis: str) -> pd.DataFrame:
    """A company's group revenues as stated (no translation, no component), oldest first.

    >>> from figures.normalise import comparison_table
    >>> list(stated_revenues(comparison_table(), "Alibaba Group", "reported")["fiscal_label"])
    ['FY2016', 'FY2017', 'FY2018']
    """
    mine = rows_of(table, company)
    rows = mine[
        (mine["basis"] == basis)
        & (mine["metric"] == "revenue")
        & (mine["fx_method"] == "none")
        & (mine["derivation"] == STATED)
        & (mine["component"].fillna("") == "")
    ]
    return rows.sort_values("period_end")


def latest_revenue(table: pd.DataFrame, company: str, basis: str) -> dict[str, object] | None:
    """A company's latest group revenue as stated on `basis`, in its own currency, or None.

    >>> from figures.normalise import comparison_table
    >>> latest_revenue(comparison_table(), "Bolloré Group", "reported")["value"]
    18325.0
    """
    rows = stated_revenues(table, company, basis)
    if rows.empty:
        return None
    end = rows["period_end"].max()
    rows = rows[rows["period_end"] == end]
    return rows.iloc[0].to_dict()


def translated(table: pd.DataFrame, row: dict[str, object], currency: str, method: str) -> dict[str, object] | None:
    """The translation of a stated row into `currency` by `method`, or None.

    >>> from figures.normalise import comparison_table
    >>> table = comparison_table()
    >>> round(translated(table, latest_revenue(table, "Bolloré Group", "reported"), "USD", "average")["value"])
    20701
    """
    mine = rows_of(table, row["company"])
    rows = mine[
        (mine["figure_id"] == row["figure_id"])
        & (mine["basis"] == row["basis"])
        & (mine["currency"] == currency)
        & (mine["fx_method"] == method)
        & (mine["metric"] == row["metric"])
    ]
    return None if rows.empty else rows.iloc[0].to_dict()


def stated_growth(table: pd.DataFrame, company: str, basis: str, end: dt.date) -> dict[str, object] | None:
    """The growth rate the source states for a company's period ending `end`, or None.

    >>> from figures.normalise import comparison_table
    >>> import datetime as dt
    >>> stated_growth(comparison_table(), "Alibaba Group", "article", dt.date(2018, 3, 31))["currency"]
    'USD'
    """
    mine = rows_of(table, company)
    rows = mine[
        (mine["period_end"] == end)
        & (mine["basis"] == basis)
        & (mine["metric"] == "revenue_growth")
        & (mine["fx_method"] == "none")
        & (mine["derivation"] == STATED)
    ]
    return None if rows.empty else rows.iloc[0].to_dict()


def own_growth(table: pd.DataFrame, company: str, basis: str, end: dt.date) -> dict[str, object] | None:
    """Growth in the company's own currency, recomputed from the same revenues when possible.

    >>> from figures.normalise import comparison_table
    >>> import datetime as dt
    >>> row = own_growth(comparison_table(), "Alibaba Group", "reported", dt.date(2018, 3, 31))
    >>> round(row["value"], 1), row["currency"]
    (58.1, 'CNY')
    """
    mine = rows_of(table, company)
    own = mine[
        (mine["basis"] == basis)
        & (mine["metric"] == "revenue_growth")
        & (mine["fx_method"] == "none")
        & (mine["period_end"] == end)
    ]
    if own.empty:
        return None
    recomputed = own[own["derivation"].str.startswith(("recomputed", "implied"))]
    return (recomputed if not recomputed.empty else own).iloc[0].to_dict()


def growth_in(
    table: pd.DataFrame, company: str, basis: str, end: dt.date, currency: str, method: str
) -> dict[str, object] | None:
    """Growth recomputed in `currency` by `method` for a company's period ending `end`, or None.

    >>> from figures.normalise import comparison_table
    >>> import datetime as dt
    >>> row = growth_in(comparison_table(), "Alibaba Group", "reported", dt.date(2018, 3, 31), "EUR", "average")
    >>> round(row["value"], 1)
    50.6
    """
    mine = rows_of(table, company)
    rows = mine[
        (mine["basis"] == basis)
        & (mine["metric"] == "revenue_growth")
        & (mine["period_end"] == end)
        & (mine["currency"] == currency)
        & (mine["fx_method"] == method)
    ]
    return None if rows.empty else rows.iloc[0].to_dict()


def reported_rows(table: pd.DataFrame, company: str, end: dt.date, metric: str) -> pd.DataFrame:
    """A company's reported rows of one metric for the period ending `end`, as stated or derived.

    >>> from figures.normalise import comparison_table
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
