"""One build's context: the comparison, the rates, the table and what is found in it, computed once.

Every section of the report, in a notebook or on the page, is computed from one `BuildContext`: the table
is built once, the caveat rules and the reconciliation run once, and each chart is drawn once (`ChartPool`),
whoever asks. Nothing here is kept between builds: a new context reads the files afresh.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from figures.case import Comparison, open_comparison
from figures.charts.pool import ChartPool
from figures.parameters import ReportParameters
from figures.rates import RateTable
from figures.sources import open_rates
from figures.table import ComparisonTable


@dataclass(frozen=True)
class BuildContext:
    """The choices, the comparison, its rate table and its table; the caveats and reconciliation on first use.

    >>> context = build_context(currency="USD")
    >>> context.currency, context.table.currency, context.caveats[0].code
    ('USD', 'USD', 'scope-change')
    """

    parameters: ReportParameters
    case: Comparison
    rates: RateTable
    table: ComparisonTable
    charts: ChartPool = field(default_factory=lambda: ChartPool(workers=1), compare=False)
    rate_refusals: tuple[str, ...] = ()
    """Why an updated copy of the ECB rates was refused, if it was (the embedded snapshot is used instead)."""

    @property
    def currency(self) -> str:
        return self.parameters.currency

    @property
    def method(self) -> str:
        return self.parameters.method

    @property
    def locale(self) -> str:
        return self.parameters.locale

    @cached_property
    def caveats(self) -> list:
        """Every caveat the rules find in the table, most important first (`figures.caveats.detect`)."""
        from figures.caveats import detect

        return detect(self.table, self.currency, self.method)

    @cached_property
    def input_warnings(self) -> list[str]:
        """What the builder should know about the inputs, one line each (`figures.input_warnings`)."""
        from figures.input_warnings import input_warnings

        return [*self.rate_refusals, *input_warnings([self.case.claims, self.case.reported], self.table)]

    @cached_property
    def figures(self) -> pd.DataFrame:
        """The claims, as `figures.load.load_figures` reads them."""
        from figures.load import load_figures

        return load_figures(self.case.claims)

    @cached_property
    def reported(self) -> pd.DataFrame | None:
        """The companies' reported figures, or None for a comparison without them."""
        from figures.load import load_reported

        return None if self.case.reported is None else load_reported(self.case.reported)

    @cached_property
    def reconciliation(self) -> pd.DataFrame:
        """Each claim beside the reported figure it comes from (`figures.reconcile.reconcile`)."""
        from figures.reconcile import reconcile

        return reconcile(self.figures, self.reported)

    def chart(self, draw, *args):
        """The chart `draw(table, *args, locale=...)` of this build, drawn once whoever asks, with its rendering
        for a phone's width as its `narrow`.

        >>> from figures import charts
        >>> context = build_context()
        >>> context.chart(charts.bridge_chart) == context.chart(charts.bridge_chart)
        True
        >>> context.chart(charts.bridge_chart).width_px, context.chart(charts.bridge_chart).narrow.width_px
        (750, 400)
        """
        from figures.charts.layout import NARROW_IN

        wide = self.charts.draw(draw, self.table, *args, locale=self.locale)
        if wide is None:
            return None
        narrow = self.charts.draw(draw, self.table, *args, locale=self.locale, width_in=NARROW_IN)
        return dataclasses.replace(wide, narrow=narrow)


def build_context(parameters: ReportParameters | None = None, /, *, charts: ChartPool | None = None, **choices):
    """The context of a build with `parameters` (or the same choices by name, as the notebooks give them).

    Raises:
        FiguresError: an input file, a choice or a date the report cannot use, said in one line.

    >>> build_context(locale="fr").locale, build_context(ReportParameters(method="spot")).method
    ('fr', 'spot')
    """
    parameters = dataclasses.replace(parameters or ReportParameters(), **choices)
    parameters.check()
    case = open_comparison(
        parameters.comparison, figures_path=parameters.figures_path, reported_path=parameters.reported_path
    )
    refusals: list[str] = []
    rates = open_rates(parameters.rates, strict=parameters.strict, refusals=refusals)
    table = case.table(currency=parameters.currency, spot_date=parameters.spot_date, rates=rates)
    return BuildContext(parameters, case, rates, table, charts or ChartPool(workers=1), tuple(refusals))
