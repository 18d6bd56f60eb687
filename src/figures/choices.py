"""The choices a reader can make, in one light module the command line can import at once."""

from figures.i18n import N_

DEFAULT_CURRENCY = "EUR"
"""The common currency by default; any currency of the rate data may be chosen instead."""
METHODS = (N_("average"), N_("closing"), N_("spot"))
"""average: mean rate over the figure's own period (IAS 21's approximation for income; default);
closing: last fixing on or before the period's end; spot: the fixing of one chosen date."""
DEFAULT_METHOD = "average"
RATE_SOURCES = ("ecb", "live")
"""ecb: the embedded ECB snapshot (default); live: forex-python's web API, with fallback to ecb."""
