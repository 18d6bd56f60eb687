"""What a live rate source answered, checked before it is trusted: shape, base, date, every rate, plausibility.

The same checks serve an answer fresh from the network and one read back from the cache, so that a file
on disk is trusted no more than the server that wrote it. A major currency's rate is compared with the
ECB's of the same day: a rate more than a factor of 2 away from it is a lie, not a market move.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

import numpy as np
from forex_python.converter import RatesNotAvailableError

from figures.rates import MAX_STALENESS_DAYS, RateTable

MAJOR_CURRENCIES = ("AUD", "CAD", "CHF", "CNY", "DKK", "GBP", "HKD", "JPY", "KRW", "NOK", "NZD", "SEK", "SGD", "USD")
"""Currencies whose rate is compared with the ECB's: the G10's and the most traded others (BIS survey)."""
PLAUSIBLE_FACTOR = 2.0
"""A live rate more than this factor above or below the ECB's of the same day is refused."""
REFERENCE_WINDOW_DAYS = 366
"""Past the ECB snapshot's end, its last fixing stands as the reference for this long; then nothing does."""
SHOWN_CHARACTERS = 80
"""Text from a server is quoted in messages, cut to this length."""
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


class LiveSourceError(RatesNotAvailableError):
    """The live source failed in a way that will not heal within this build.

    >>> isinstance(LiveSourceError("refused"), RatesNotAvailableError)  # what forex-python users catch
    True
    """


class LiveDateUnavailable(RatesNotAvailableError):
    """The live source has no rates for one date (HTTP 404); other dates may still work.

    >>> str(LiveDateUnavailable("no rates for 1990-01-01"))
    'no rates for 1990-01-01'
    """


@dataclass(frozen=True)
class LiveFixing:
    """One answer of the live source: what was asked, what it answered, from where and when.

    >>> fixing = LiveFixing(dt.date(2018, 6, 30), dt.date(2018, 6, 29), "EUR", {"USD": 1.1658}, "u", "t")
    >>> fixing.asked != fixing.date  # a Saturday answered with Friday's rates
    True
    """

    asked: dt.date
    date: dt.date
    base: str
    rates: dict[str, float]
    url: str
    fetched_at: str
    from_cache: bool = False


def checks_text(base: str, asked: dt.date) -> str:
    """The checks an answer passed, in words: what a cached file records it was validated against.

    >>> checks_text("EUR", dt.date(2018, 7, 3))[:59]
    'rates finite and positive; base EUR; dated 2018-07-03 or up'
    """
    return (
        f"rates finite and positive; base {base}; dated {asked} or up to {MAX_STALENESS_DAYS} days before;"
        f" major currencies within a factor of {PLAUSIBLE_FACTOR:g} of the ECB"
    )


def shown(value: object) -> str:
    """Text from a server as a message quotes it: its repr (one line, quoted), cut short.

    >>> shown("[x](https://example.com)\\n# h")
    "'[x](https://example.com)\\\\n# h'"
    >>> len(shown("9" * 500))
    81
    """
    text = repr(value)
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS] + "…"


def check_answer(body: object, *, base: str, asked: dt.date, url: str, reference: RateTable) -> tuple[dt.date, dict]:
    """The date and rates of an answer to "rates of `asked` per 1 `base`", once every check passes.

    Raises `LiveSourceError` naming `url` and what is wrong: no `date` or `rates`, a date that is not
    one or is not `asked` or up to a week before it, another base, a rate that is not a finite positive
    number, a currency code that is not one, a major currency far from the ECB's rate (`reference`).

    >>> from figures.rates import load_ecb_rates
    >>> body = {"base": "EUR", "date": "2018-07-03", "rates": {"USD": 1.1665}}
    >>> check_answer(body, base="EUR", asked=dt.date(2018, 7, 3), url="u", reference=load_ecb_rates())
    (datetime.date(2018, 7, 3), {'USD': 1.1665, 'EUR': 1.0})
    >>> body["rates"]["USD"] = 1e300
    >>> check_answer(body, base="EUR", asked=dt.date(2018, 7, 3), url="u", reference=load_ecb_rates())
    Traceback (most recent call last):
    figures.live_answer.LiveSourceError: u answered 1e+300 USD per EUR for 2018-07-03, more than a factor of 2 ...
    """
    if not isinstance(body, dict) or not isinstance(body.get("rates"), dict) or "date" not in body:
        raise LiveSourceError(f"{url} answered JSON without 'date' and 'rates'")
    try:
        answered = dt.date.fromisoformat(body["date"]) if isinstance(body["date"], str) else None
    except ValueError:
        answered = None
    if answered is None:
        raise LiveSourceError(f"{url} answered an invalid date {shown(body['date'])}")
    if body.get("base", base) != base:
        raise LiveSourceError(f"{url} answered rates for base {shown(body.get('base'))}, not {base!r}")
    if answered > asked or (asked - answered).days > MAX_STALENESS_DAYS:
        raise LiveSourceError(f"{url} answered rates of {answered} for {asked}")
    rates = {}
    for code, value in body["rates"].items():
        if not isinstance(code, str) or not _CURRENCY_CODE.fullmatch(code):
            raise LiveSourceError(f"{url} answered a rate for {shown(code)}, not a currency code")
        try:  # an integer beyond a float's range (10**400) is as invalid as infinity
            number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else math.nan
        except OverflowError:
            number = math.inf
        if not math.isfinite(number) or number <= 0:
            raise LiveSourceError(f"{url} answered an invalid rate for {code}: {shown(value)}")
        rates[code] = number
    rates[base] = 1.0
    _check_plausible(rates, base, answered, url, reference)
    return answered, rates


def reference_date(reference: RateTable, on: dt.date) -> dt.date | None:
    """The ECB fixing day a live answer dated `on` is compared with: that day's, else the last before it
    (a holiday, or past the snapshot's end, up to `REFERENCE_WINDOW_DAYS`); None when there is none.

    >>> from figures.rates import load_ecb_rates
    >>> reference_date(load_ecb_rates(), dt.date(2018, 7, 3)), reference_date(load_ecb_rates(), dt.date(1990, 1, 2))
    (datetime.date(2018, 7, 3), None)
    """
    dates = reference.daily_rates("EUR", "USD", on - dt.timedelta(days=REFERENCE_WINDOW_DAYS), on).index
    return dates[-1].date() if len(dates) else None


def _check_plausible(rates: dict[str, float], base: str, answered: dt.date, url: str, reference: RateTable) -> None:
    day = reference_date(reference, answered)
    if day is None or base not in reference.currencies:
        return
    for code in MAJOR_CURRENCIES:
        if code == base or code not in rates or code not in reference.currencies:
            continue
        dates, values, _ = reference.pair(base, code)
        at = np.searchsorted(dates, np.datetime64(day))
        if at == len(dates) or dates[at] != np.datetime64(day):
            continue  # no ECB fixing of this currency that day
        ecb = float(values[at])
        if not ecb / PLAUSIBLE_FACTOR <= rates[code] <= ecb * PLAUSIBLE_FACTOR:
            raise LiveSourceError(
                f"{url} answered {rates[code]:g} {code} per {base} for {answered}, more than a factor of"
                f" {PLAUSIBLE_FACTOR:g} from the ECB's {ecb:g} of {day}: refused"
            )
