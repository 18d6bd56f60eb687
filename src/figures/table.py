"""The comparison table and what is known about it, as one typed value.

`figures.tabulate.comparison_table` builds it; every section, rule, chart and export reads it. The rows
are a DataFrame (one row per number, columns `figures.tabulate.TABLE_COLUMNS`); what holds for the
whole table (its currencies, its spot date, where its rates and figures come from) are fields beside
them, not `DataFrame.attrs`, which pandas copies into every frame cut from the table and calls
experimental.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property

import pandas as pd

from figures.rates import RateSource


@dataclass(frozen=True)
class RatesUsed:
    """The rates a table's numbers rest on: the rate table's source, or where a live source failed, the ECB's
    fallback for every rate ("all") or beside the live source's for some ("some").

    >>> from figures.tabulate import comparison_table
    >>> used = comparison_table().rates_source
    >>> used.source.snapshot_to, used.fallback, used.fell_back
    (datetime.date(2026, 10, 30), None, '')
    """

    source: RateSource
    fallback: RateSource | None = None
    fell_back: str = ""
    """"" (no fallback), "some" or "all"."""

    def english(self) -> str:
        """In English, as a record.

        >>> ecb = RateSource("ECB", dt.date(2026, 10, 30))
        >>> RatesUsed(RateSource("forex-python live rates", url="http://x/"), ecb, "some").english()
        'forex-python live rates (http://x/); ECB, snapshot to 2026-10-30 (where the live source failed)'
        """
        if self.fell_back == "all":
            return f"{self.fallback.english()} (the live source failed)"
        if self.fell_back == "some":
            return f"{self.source.english()}; {self.fallback.english()} (where the live source failed)"
        return self.source.english()


@dataclass(frozen=True, eq=False)
class ComparisonTable:
    """Every number of a comparison (`rows`) and the facts about the table as a whole.

    >>> from figures.tabulate import comparison_table
    >>> table = comparison_table()
    >>> table.currency, table.currencies, table.spot_date, len(table.rows.columns)
    ('EUR', ('CNY', 'EUR', 'USD'), datetime.date(2018, 7, 3), 31)
    """

    rows: pd.DataFrame
    """One row per number: stated, translated, implied, recomputed, reconciled."""
    currency: str
    """The common currency of the report."""
    currencies: tuple[str, ...]
    """Every currency the figures were translated into: the common one and each one a figure is stated in."""
    spot_date: dt.date
    """The date of the spot method's fixing."""
    rates_source: RatesUsed
    """Where the rates come from (the ECB's, a live source's, or both where it fell back)."""
    published: dt.date
    """The latest publication date of the claims."""
    published_first: dt.date
    """The earliest publication date of the claims (the same as `published` for a single source)."""
    reported_published: dt.date | None = None
    """The latest company report's date, or None for a comparison without reported figures."""
    source_citations: tuple[str, ...] = ()
    """Every source of a figure, as cited, sorted."""
    figure_sources: str = ""
    """The claims' sources, short."""
    reported_sources: tuple[str, ...] = ()
    """The companies whose reports give the reported figures, by their names in the reported figures (none without)."""
    untranslated: tuple[str, ...] = ()
    """What could not be translated, for want of rates over its period."""
    translation_gaps: Mapping[str, float] = field(default_factory=dict)
    """For a company's convenience translation that its stated rate does not reproduce: the figure id and the
    amount that rate gives."""
    fallbacks: tuple[str, ...] = ()
    """Each failure of a live rate source the build fell back from, in words."""
    claims_source_kind: str = "other"
    """The kind of source of the claims, as their sidecar records it (`figures.provenance.SOURCE_KINDS`)."""
    claims_sources: int = 1
    """How many distinct sources the claims cite."""

    def __getstate__(self) -> dict[str, object]:
        """The fields alone, for a chart worker: the splits below are made again where they are asked for (and
        are not read while another thread fills them in)."""
        return {each.name: getattr(self, each.name) for each in fields(self)}

    @cached_property
    def by_company(self) -> dict[str, pd.DataFrame]:
        """Each company's rows, split once: the questions of `figures.lookup` ask of one company at a time."""
        return {name: group for name, group in self.rows.groupby("company", sort=False)}

    @cached_property
    def records_by_company(self) -> dict[str, list[dict[str, object]]]:
        """Each company's rows as records, in the table's order."""
        return {name: group.to_dict("records") for name, group in self.by_company.items()}

    def company_rows(self, company: str) -> pd.DataFrame:
        """A company's rows (none for a company the table does not hold).

        >>> from figures.tabulate import comparison_table
        >>> table = comparison_table()
        >>> set(table.company_rows("Bolloré Group")["company"]), len(table.company_rows("Vivendi"))
        ({'Bolloré Group'}, 0)
        """
        return self.by_company.get(company, self.rows.iloc[0:0])
