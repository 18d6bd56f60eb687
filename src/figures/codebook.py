"""The codebook of `comparison.csv` (and of the workbook's comparison sheet): each column's definition and unit.

The README's codebook table is this one, word for word (a test holds them together), markdown marks
(backticks) included.

>>> COMPARISON_CODEBOOK[0]
('company', 'group', 'text')
"""

from __future__ import annotations

COMPARISON_CODEBOOK: tuple[tuple[str, str, str], ...] = (
    (
        "company",
        "group",
        "text",
    ),
    (
        "metric",
        (
            "`revenue`, `revenue_growth`, and on the reported basis the growth components "
            "(`revenue_growth_organic`, `revenue_change_scope`, `revenue_change_currency`, "
            "`revenue_change_organic`, `revenue_contribution`)"
        ),
        "text",
    ),
    (
        "component",
        "the part of the group a figure describes, if not the whole group",
        "text",
    ),
    (
        "period_start",
        "first day of the period",
        "date (ISO 8601)",
    ),
    (
        "period_end",
        "last day of the period",
        "date (ISO 8601)",
    ),
    (
        "fiscal_label",
        "the company's name for the period, where reported",
        "text",
    ),
    (
        "basis",
        (
            "what the number rests on: `article` (the article's figures), `reported` (the companies' "
            "own), `reconciliation` (article minus reported)"
        ),
        "text",
    ),
    (
        "currency",
        "currency of `value`; for growth, the currency it is measured in",
        "ISO 4217",
    ),
    (
        "value",
        (
            "revenue in millions of `currency`, growth in percent, a reconciliation difference in "
            "millions or percentage points"
        ),
        "as `unit`",
    ),
    (
        "unit",
        "`million`, `percent` or `percentage points`",
        "text",
    ),
    (
        "fx_method",
        (
            "`none` (as stated), `average`, `closing`, `spot`, or `company` (the company's own "
            "convenience translation, as it states it)"
        ),
        "text",
    ),
    (
        "selected",
        "`True` for the rows in the report's chosen currency and method",
        "True/False",
    ),
    (
        "fx_rate",
        "rate applied: units of `currency` per 1 unit of `fx_from_currency`",
        "ratio",
    ),
    (
        "fx_rate_source",
        (
            "where the rate comes from (ECB snapshot and its last day, with `(updated copy, downloaded DATE)` for"
            " the copy `figures rates update` fetched; or the live source and when it was fetched, with any"
            " fallback), or `identity`"
        ),
        "text",
    ),
    (
        "fx_rate_detail",
        "the fixings behind the rate, in words",
        "text",
    ),
    (
        "fx_from_currency",
        "currency the figure was stated in",
        "ISO 4217",
    ),
    (
        "fx_first_fixing",
        "first fixing day used",
        "date (ISO 8601)",
    ),
    (
        "fx_last_fixing",
        "last fixing day used",
        "date (ISO 8601)",
    ),
    (
        "fx_fixing_days",
        "number of fixing days averaged (1 for closing and spot)",
        "days",
    ),
    (
        "fx_missing_date_policy",
        "what was done for a date without a fixing",
        "text",
    ),
    (
        "fx_provider",
        (
            "who fixed the rate: `ECB`, `live` (forex-python), `company` (its own translation), `none` "
            "(same currency); empty for a row with no rate"
        ),
        "text",
    ),
    (
        "fx_fell_back",
        ("`True` where the live source failed and the ECB's rate stands in for it (`fx_rate_source` says why)"),
        "True/False",
    ),
    (
        "fx_rate_prior",
        "for growth: the rate applied to the previous period",
        "ratio",
    ),
    (
        "fx_rate_prior_detail",
        "for growth: the fixings behind that rate",
        "text",
    ),
    (
        "derivation",
        "how the number was obtained, in words, with the figures it comes from",
        "text",
    ),
    (
        "derived",
        (
            "the same in one word: `stated`, `translated`, `implied` (the previous year a stated growth"
            " implies), `recomputed`, `company translation`, `residual` (organic change left after "
            "scope and currency), `difference` (a reconciliation)"
        ),
        "text",
    ),
    (
        "verdict",
        "on a reconciliation row: `consistent`, `rounded` or `inconsistent`",
        "text",
    ),
    (
        "figure_id",
        "the figure in the figures file the row derives from",
        "text",
    ),
    (
        "approximate",
        "the source gives the underlying figure as approximate",
        "True/False",
    ),
    (
        "period_inferred",
        "the period was inferred, not stated",
        "True/False",
    ),
    (
        "source_file",
        "the figures file",
        "path",
    ),
    (
        "source_row",
        "data row in that file (1 = first row after the header)",
        "row",
    ),
)
"""(column, definition, unit) for every column of `comparison.csv`, in its order."""
