"""Live exchange rates through forex-python, made safe: timeouts, a time budget, a disk cache, fallback.

forex-python's `CurrencyRates` asks a public web API (`<base URL><YYYY-MM-DD>?base=EUR`) that
answers `{"base": "EUR", "date": "...", "rates": {...}}`. As shipped it sets no timeout, keeps no
cache, drops the `date` the rates belong to, and raises plain `requests` errors. `LiveCurrencyRates`
is that class with those gaps closed; `LiveRateTable` serves rates with the same interface as the
ECB `RateTable`, falling back to the ECB rates (recorded on every affected rate) or, when strict,
raising, as soon as the live source fails in a way that will not heal within the build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import requests
from forex_python.converter import CurrencyRates, RatesNotAvailableError

from figures.errors import FiguresError, LiveRatesFailed
from figures.i18n import N_
from figures.live_answer import LiveDateUnavailable, LiveFixing, LiveSourceError, check_answer, shown
from figures.live_cache import LiveCache
from figures.live_http import MAX_BODY_BYTES, BodyTooLarge, DeadlineSession, RequestCutOff
from figures.rates import (
    MAX_STALENESS_DAYS,
    MISSING_POLICIES,
    AppliedRate,
    RateSource,
    RateTable,
    load_ecb_rates,
    with_method,
)

__all__ = ["LiveCache", "LiveCurrencyRates", "LiveDateUnavailable", "LiveFixing", "LiveRateTable", "LiveSourceError"]

URL_VARIABLE = "FIGURES_FOREX_URL"
TIMEOUT_VARIABLE = "FIGURES_FOREX_TIMEOUT"
CACHE_VARIABLE = "FIGURES_CACHE_DIR"
DEFAULT_TIMEOUT_S = 5.0
DEFAULT_BUDGET_S = 25.0
"""Longest a build may spend waiting on the live source, all requests together."""
PROGRESS_MIN_REQUESTS = 5


def default_base_url() -> str:
    """`FIGURES_FOREX_URL` if set, else forex-python's own address.

    >>> default_base_url().startswith("http")
    True
    """
    return os.environ.get(URL_VARIABLE) or CurrencyRates()._source_url()


def default_timeout_s() -> float:
    """`FIGURES_FOREX_TIMEOUT` (seconds per request) if set, else 5.

    >>> os.environ["FIGURES_FOREX_TIMEOUT"] = "2.5"; default_timeout_s()
    2.5
    >>> os.environ["FIGURES_FOREX_TIMEOUT"] = "soon"; default_timeout_s()
    Traceback (most recent call last):
    figures.errors.FiguresError: expected FIGURES_FOREX_TIMEOUT to be a positive number of seconds, found 'soon'
    >>> del os.environ["FIGURES_FOREX_TIMEOUT"]
    """
    text = os.environ.get(TIMEOUT_VARIABLE)
    if text is None:
        return DEFAULT_TIMEOUT_S
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value <= 0:
        raise FiguresError(f"expected {TIMEOUT_VARIABLE} to be a positive number of seconds, found {text!r}")
    return value


def default_cache_dir() -> Path:
    """`FIGURES_CACHE_DIR`, else `$XDG_CACHE_HOME/figures`, else `~/.cache/figures`.

    >>> default_cache_dir().name in ("figures",) or "FIGURES_CACHE_DIR" in os.environ
    True
    """
    from figures.paths import user_cache_dir

    return user_cache_dir()


class LiveCurrencyRates(CurrencyRates):
    """forex-python's `CurrencyRates` with a timeout, a total time budget and the answer's date.

    After the first failure that will not heal within the build (refused, timeout, 5xx, a body
    that is not JSON, a missing currency, an answer that contradicts the question) it stops
    asking: every later call fails at once with the same reason.

    >>> LiveCurrencyRates("http://127.0.0.1:9/api/", timeout_s=1).base_url
    'http://127.0.0.1:9/api/'
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout_s: float | None = None,
        budget_s: float = DEFAULT_BUDGET_S,
        clock: Callable[[], float] = time.monotonic,
        reference: RateTable | None = None,
    ) -> None:
        super().__init__()
        self.base_url = base_url or default_base_url()
        if not self.base_url.endswith("/"):
            self.base_url += "/"
        self.timeout_s = default_timeout_s() if timeout_s is None else timeout_s
        self.budget_s = budget_s
        self.failure: str | None = None
        self.requests_made = 0
        self._clock = clock
        self._deadline: float | None = None
        self.reference = reference or load_ecb_rates()
        """The ECB rates a live answer's major currencies are compared with."""
        self._session = DeadlineSession()

    def _source_url(self) -> str:
        return self.base_url

    def get_rates(self, base_cur: str, date_obj: dt.date | None = None) -> dict[str, float]:
        """forex-python's signature, hardened: the rates alone.

        >>> client = LiveCurrencyRates("http://127.0.0.1:9/api/", timeout_s=1)  # nothing listens on port 9
        >>> client.get_rates("EUR", dt.date(2018, 7, 3))
        Traceback (most recent call last):
        figures.live_answer.LiveSourceError: could not reach http://127.0.0.1:9/api/2018-07-03: ConnectionError
        """
        return self.fixing(base_cur, date_obj or dt.date.today()).rates

    def fixing(self, base: str, asked: dt.date) -> LiveFixing:
        """Ask for the rates of `asked` with `base` as the unit; check the answer before trusting it.

        The request, connect and every read, ends within the per-request timeout and within the
        deadline of the whole live fetch (`budget_s` from the first request), however slowly the
        server sends; a redirect is refused, not followed.

        >>> client = LiveCurrencyRates("http://127.0.0.1:9/api/", timeout_s=1)
        >>> for attempt in range(2):  # the second call fails at once, without a request
        ...     try:
        ...         client.fixing("EUR", dt.date(2018, 7, 3))
        ...     except LiveSourceError:
        ...         pass
        >>> client.requests_made, client.failure.startswith("could not reach")
        (1, True)
        """
        if self.failure is not None:
            raise LiveSourceError(self.failure)
        now = self._clock()
        if self._deadline is None:
            self._deadline = now + self.budget_s
        remaining = self._deadline - now
        if remaining <= 0:
            self._fail(f"the time budget of {self.budget_s:g} s for the live source is used up")
        url = self._source_url() + self._get_date_string(asked)
        self.requests_made += 1
        limit = min(self.timeout_s, remaining)
        try:
            answer = self._session.get(url, params={"base": base, "rtype": "fpy"}, limit_s=limit)
        except (RequestCutOff, requests.Timeout):
            self._fail(f"no complete answer from {url} within {limit:g} s")
        except BodyTooLarge:
            self._fail(f"{url} answered more than {MAX_BODY_BYTES:,} bytes")
        except requests.RequestException as error:
            self._fail(f"could not reach {url}: {type(error).__name__}")
        if answer.status == 404:
            raise LiveDateUnavailable(f"{url} has no rates for {asked} (HTTP 404)")
        if 300 <= answer.status < 400:
            location = shown(answer.headers.get("Location", ""))
            self._fail(f"{url} answered HTTP {answer.status}, a redirect to {location}: refused")
        if answer.status != 200:
            self._fail(f"{url} answered HTTP {answer.status}")
        try:
            body = json.loads(answer.body)
        except (ValueError, RecursionError):
            kind = re.sub(r"[^\w/.+;= -]", "?", answer.headers.get("Content-Type", "unknown type"))[:60]
            self._fail(f"{url} answered with a body that is not JSON ({kind})")
        try:
            answered, rates = check_answer(body, base=base, asked=asked, url=url, reference=self.reference)
        except LiveSourceError as error:
            self._fail(str(error))
        return LiveFixing(asked, answered, base, rates, url, _utc_now())

    def _fail(self, reason: str):
        self.failure = reason
        raise LiveSourceError(reason)


class LiveRateTable:
    """Rates from the live source, in the `RateTable` interface, with the ECB snapshot as fallback.

    Rates are asked with EUR as the unit (one request per date serves every pair) and crossed
    through the euro like the ECB's. An average needs the rate of every fixing day of its period:
    the ECB calendar gives the days (weekdays past the snapshot's end), and answers dated another
    day (a weekend or holiday answered with the previous fixing) are counted once.

    >>> table = _example_table()  # a live source that is down, over the embedded ECB rates
    >>> table.rate_on("EUR", "USD", dt.date(2018, 7, 3)).rate, len(table.fallbacks)
    (1.1665, 1)
    """

    def __init__(
        self,
        fallback: RateTable,
        *,
        client: LiveCurrencyRates | None = None,
        cache: LiveCache | None = None,
        strict: bool = False,
        progress: bool = True,
    ) -> None:
        self.fallback = fallback
        self.client = client or LiveCurrencyRates(reference=fallback)
        self.cache = cache or LiveCache(default_cache_dir(), self.client.base_url, reference=fallback)
        self.strict = strict
        self.progress = progress
        self.origin = RateSource(N_("forex-python live rates"), url=self.client.base_url)
        self.source = self.origin.english()  # as every row translated at these rates records it
        self.fixings: dict[dt.date, LiveFixing] = {}
        self.fallbacks: list[str] = []
        self.first_date = fallback.first_date
        self.last_date = dt.date.today()

    @property
    def currencies(self) -> tuple[str, ...]:
        return self.fallback.currencies

    @property
    def failure(self) -> str | None:
        return self.client.failure

    def rate_on(self, base: str, quote: str, on: dt.date, missing: str = "previous") -> AppliedRate:
        """The live rate of `on` (or the day `missing` chooses); the ECB's, recorded, if the source fails.

        >>> applied = _example_table().rate_on("EUR", "USD", dt.date(2018, 7, 3))  # the source is down
        >>> applied.rate, applied.provider, "(fallback: live source failed: could not reach" in applied.source
        (1.1665, 'ECB', True)
        """
        if base == quote:
            return self.fallback.rate_on(base, quote, on, missing)
        if missing not in MISSING_POLICIES:
            return self.fallback.rate_on(base, quote, on, missing)
        return self._live_or_fallback(
            lambda: self._live_rate_on(base, quote, on, missing),
            lambda: self.fallback.rate_on(base, quote, on, missing),
        )

    def closing_rate(self, base: str, quote: str, period_end: dt.date) -> AppliedRate:
        """The last fixing on or before `period_end`.

        >>> _example_table().closing_rate("EUR", "USD", dt.date(2018, 3, 31)).first_fixing
        datetime.date(2018, 3, 29)
        """
        applied = self.rate_on(base, quote, period_end, missing="previous")
        return with_method(applied, "closing")

    def average_rate(self, base: str, quote: str, start: dt.date, end: dt.date) -> AppliedRate:
        """Mean of the live rates of every fixing day from `start` to `end` (or the ECB's, recorded).

        >>> round(_example_table().average_rate("EUR", "USD", dt.date(2017, 1, 1), dt.date(2017, 12, 31)).rate, 4)
        1.1297
        """
        if base == quote:
            return self.fallback.average_rate(base, quote, start, end)
        return self._live_or_fallback(
            lambda: self._live_average(base, quote, start, end),
            lambda: self.fallback.average_rate(base, quote, start, end),
        )

    def daily_rates(self, base: str, quote: str, start: dt.date, end: dt.date) -> pd.Series:
        """The ECB's daily rates: the context line of charts, not a translation.

        >>> len(_example_table().daily_rates("EUR", "USD", dt.date(2018, 7, 2), dt.date(2018, 7, 6)))
        5
        """
        return self.fallback.daily_rates(base, quote, start, end)

    def fetch_log(self) -> pd.DataFrame:
        """Every live answer used: date asked, date of the rates, URL, time fetched.

        Whether an answer came from the cache is left out: it describes the build, not the data,
        and a rebuild from the cache must give the same bytes.

        >>> list(_example_table().fetch_log().columns)
        ['asked', 'rates_of', 'url', 'fetched_at']
        """
        rows = [
            {"asked": f.asked, "rates_of": f.date, "url": f.url, "fetched_at": f.fetched_at}
            for f in sorted(self.fixings.values(), key=lambda f: f.asked)
        ]
        return pd.DataFrame(rows, columns=["asked", "rates_of", "url", "fetched_at"])

    def _live_or_fallback(self, live: Callable[[], AppliedRate], ecb: Callable[[], AppliedRate]) -> AppliedRate:
        try:
            return live()
        except RatesNotAvailableError as error:
            if self.strict:
                raise LiveRatesFailed(f"live rates unavailable (--strict): {error}") from None
            reason = str(error)
            if reason not in self.fallbacks:
                self.fallbacks.append(reason)
            applied = ecb()
            return dataclasses.replace(
                applied, source=f"{applied.source} (fallback: live source failed: {reason})", fell_back=True
            )

    def _live_rate_on(self, base: str, quote: str, on: dt.date, missing: str) -> AppliedRate:
        fixing = self._fetch([on])[0]
        if fixing.date != on:
            if missing == "raise":
                raise FiguresError(f"expected a live fixing on {on} for {base}/{quote}, found none")
            if missing == "next":
                for offset in range(1, MAX_STALENESS_DAYS + 1):
                    candidate = self._fetch([on + dt.timedelta(days=offset)])[0]
                    if candidate.date > on:
                        fixing = candidate
                        break
                else:
                    raise LiveSourceError(f"no live fixing within {MAX_STALENESS_DAYS} days after {on}")
        value = self._cross(fixing, base, quote)
        return AppliedRate(
            base, quote, value, "spot", on, on, fixing.date, fixing.date, 1, missing, self._describe([fixing]), "live"
        )

    def _live_average(self, base: str, quote: str, start: dt.date, end: dt.date) -> AppliedRate:
        fixings = self._fetch(self._candidate_days(start, end))
        by_date = {f.date: f for f in fixings if start <= f.date <= end}
        if not by_date:
            raise LiveSourceError(f"no live fixing from {start} to {end}")
        days = sorted(by_date)
        values = np.array([self._cross(by_date[day], base, quote) for day in days])
        return AppliedRate(
            base,
            quote,
            float(values.mean()),
            "average",
            start,
            end,
            days[0],
            days[-1],
            len(days),
            "fixing days only",
            self._describe(by_date.values()),
            "live",
        )

    def _candidate_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        known_end = min(end, self.fallback.last_date)
        days = []
        if start <= known_end:
            days = [d.date() for d in self.fallback.daily_rates("EUR", "USD", start, known_end).index]
        day = max(start, self.fallback.last_date + dt.timedelta(days=1))
        while day <= end:
            if day.weekday() < 5:
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def _fetch(self, days: Iterable[dt.date]) -> list[LiveFixing]:
        days = list(days)
        missing = [day for day in days if day not in self.fixings]
        for day in list(missing):
            cached = self.cache.get("EUR", day)
            if cached is not None:
                self.fixings[day] = cached
                missing.remove(day)
        if missing:
            description = f"live rates ({self.client.base_url})"
            with _progress(len(missing), enabled=self.progress, description=description) as bar:
                for day in missing:
                    fixing = self.client.fixing("EUR", day)
                    self.cache.put(fixing)
                    self.fixings[day] = fixing
                    bar.update()
        return [self.fixings[day] for day in days]

    def _cross(self, fixing: LiveFixing, base: str, quote: str) -> float:
        try:
            return fixing.rates[quote] / fixing.rates[base]
        except KeyError as error:
            self.client._fail(f"{fixing.url} answered no rate for {error.args[0]}")

    def _describe(self, fixings: Iterable[LiveFixing]) -> str:
        fixings = list(fixings)
        fetched = sorted(f.fetched_at for f in fixings)
        span = fetched[0] if fetched[0] == fetched[-1] else f"{fetched[0]} to {fetched[-1]}"
        return f"{self.source}, fetched {span}"


def _example_table() -> LiveRateTable:
    """For the examples: a live source that is down (nothing listens on port 9), over the ECB rates."""
    from figures.rates import load_ecb_rates

    client = LiveCurrencyRates("http://127.0.0.1:9/api/", timeout_s=1)
    cache = LiveCache(Path(tempfile.mkdtemp()), client.base_url)
    return LiveRateTable(load_ecb_rates(), client=client, cache=cache, progress=False)


def _progress(total: int, *, enabled: bool, description: str):
    from tqdm import tqdm

    # During a report build the process's own stderr is the terminal's: the bar stays out of the
    # report, and tqdm draws nothing where that is not a terminal (disable=None).
    to_terminal = os.environ.get("FIGURES_PROGRESS") == "terminal"
    stream = sys.__stderr__ if to_terminal else sys.stderr
    in_notebook = not to_terminal and "ipykernel" in sys.modules  # JupyterLab shows the stream
    disable = True if not enabled or total < PROGRESS_MIN_REQUESTS else (False if in_notebook else None)
    return tqdm(total=total, desc=description, unit="date", file=stream, leave=False, disable=disable)


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
