"""The choices a reader can make, in one light module the command line can import at once."""

import difflib
import tomllib
from collections.abc import Iterable
from importlib.resources import files

from figures.errors import FiguresError
from figures.i18n import LOCALES, N_

FILINGS_ACCEPTED = (
    "an SEC companyfacts JSON, xBRL-JSON (.json), inline XBRL (.xhtml, .html), an XBRL instance (.xml, .xbrl) or an"
    " ESEF report package (.zip)"
)
"""The filings `figures import` reads, in words, as its help and a refusal name them (`filings.rows.ACCEPTED`)."""

DEFAULT_CURRENCY = "EUR"
"""The common currency by default; any currency of the rate data may be chosen instead."""
METHODS = (N_("average"), N_("closing"), N_("spot"))
"""average: mean rate over the figure's own period (IAS 21's approximation for income; default);
closing: last fixing on or before the period's end; spot: the fixing of one chosen date."""
DEFAULT_METHOD = "average"
RATE_SOURCES = ("ecb", "live")
ARTICLE_LANGUAGES: tuple[str, ...] = tuple(
    tomllib.loads(files("figures").joinpath("extract", "languages", "common.toml").read_text(encoding="utf-8"))[
        "languages"
    ]
)
"""The languages `figures extract` reads: the list its tables give (extract/languages/common.toml), read here without
importing the extractor, which the command line needs only for `figures extract`."""
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
        raise FiguresError(
            f"expected {described} among {', '.join(allowed)}, found {value!r}{did_you_mean(value, allowed)}"
        )


def did_you_mean(value: str, allowed: Iterable[str]) -> str:
    """ " (did you mean X?)" naming the allowed values closest to a refused `value`, or "" when none is close.

    Close is the same letters in another case, a language tag's language ("fr-FR" for "fr"), the start of
    the value or the value's start ("french" for "fr"), else what `difflib` finds alike (at most three,
    the closest first). Python's argparse suggests only from 3.14 on.

    >>> did_you_mean("--meth", ["--method", "--out"]), did_you_mean("FR_fr", ["en", "fr"]), did_you_mean("x", ["en"])
    (' (did you mean --method?)', ' (did you mean fr?)', '')
    >>> did_you_mean("EUD", ["CNY", "EUR", "GBP", "USD"])
    ' (did you mean EUR or USD?)'
    """
    allowed = list(allowed)
    folded = {choice.casefold(): choice for choice in allowed}
    key = value.strip().casefold()
    language = key.replace("_", "-").split("-")[0]
    prefixed = [
        choice for choice in folded if len(key.strip("-")) > 1 and (key.startswith(choice) or choice.startswith(key))
    ]
    if key in folded or language in folded:
        matches = [folded.get(key) or folded[language]]
    elif prefixed:
        matches = [folded[choice] for choice in sorted(prefixed)[:3]]
    else:
        close = difflib.get_close_matches(key, folded, n=3, cutoff=0.6)
        close.sort(key=lambda match: (-difflib.SequenceMatcher(None, key, match).ratio(), match))  # ties: A to Z
        matches = [folded[match] for match in close]
    if not matches:
        return ""
    return f" (did you mean {' or '.join([', '.join(matches[:-1]), matches[-1]] if matches[:-1] else matches)}?)"
