"""What the reader chose for a report: the comparison, the common currency, the method, the rates, the language."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from figures.choices import DEFAULT_CURRENCY, DEFAULT_METHOD, check_choice
from figures.i18n import DEFAULT_LOCALE


@dataclass(frozen=True)
class ReportParameters:
    """What the reader chose: figures file, common currency, method, spot date, rate source.

    The fields are the notebooks' parameters (papermill's convention), by the same names.

    >>> ReportParameters(currency="USD").currency, ReportParameters().locale
    ('USD', 'en')
    """

    figures_path: str | None = None
    reported_path: str | None = None
    comparison: str | None = None
    currency: str = DEFAULT_CURRENCY
    method: str = DEFAULT_METHOD
    spot_date: str | None = None
    rates: str = "ecb"
    strict: bool = False
    """Fail rather than warn: live rates that cannot be had, or any warning about the inputs (a report build)."""
    locale: str = DEFAULT_LOCALE

    def with_absolute_paths(self) -> ReportParameters:
        """The same choices, with the input paths made absolute from the current folder.

        >>> import os
        >>> ReportParameters(comparison="case").with_absolute_paths().comparison == os.path.abspath("case")
        True
        """
        paths = {"figures_path": self.figures_path, "reported_path": self.reported_path, "comparison": self.comparison}
        absolute = {name: None if path is None else os.path.abspath(path) for name, path in paths.items()}
        return dataclasses.replace(self, **absolute)

    def check(self) -> None:
        """Refuse a choice the report does not offer, in one line, before any file is read.

        Raises:
            FiguresError: a locale, a rate source or a method that is not one of the report's.

        >>> ReportParameters(locale="de").check()
        Traceback (most recent call last):
        figures.errors.FiguresError: expected a locale among en, fr, found 'de'
        """
        for name in ("locale", "rates", "method"):
            check_choice(name, getattr(self, name))
