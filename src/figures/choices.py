"""The choices a reader can make, in one light module the command line can import at once."""

from figures.errors import FiguresError
from figures.i18n import LOCALES, N_

DEFAULT_CURRENCY = "EUR"
"""The common currency by default; any currency of the rate data may be chosen instead."""
METHODS = (N_("average"), N_("closing"), N_("spot"))
"""average: mean rate over the figure's own period (IAS 21's approximation for income; default);
closing: last fixing on or before the period's end; spot: the fixing of one chosen date."""
DEFAULT_METHOD = "average"
RATE_SOURCES = ("ecb", "live")
"""ecb: the embedded ECB snapshot (default); live: forex-python's web API, with fallback to ecb."""


def check_choice(name: str, value: str) -> None:
    """Refuse a value of the choice `name` (locale, rates, method) that the report does not offer, in one line.

    Raises:
        FiguresError: the value is not among the allowed ones.

    >>> check_choice("method", "median")
    Traceback (most recent call last):
    figures.errors.FiguresError: expected a method among average, closing, spot, found 'median'
    >>> check_choice("locale", "fr")
    """
    described, allowed = {
        "locale": ("a locale", LOCALES),
        "rates": ("rates", RATE_SOURCES),
        "method": ("a method", METHODS),
    }[name]
    if value not in allowed:
        raise FiguresError(f"expected {described} among {', '.join(allowed)}, found {value!r}")
