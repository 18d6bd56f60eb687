"""Exchange rates from the embedded ECB snapshot: a day's rate, a closing rate, a period average.

The ECB quotes every currency per 1 EUR, so the rate between two other currencies is a cross
rate through the euro on the same fixing day. There is no fixing on weekends and TARGET holidays;
what happens on such a date is an explicit policy (`MISSING_POLICIES`), recorded with each rate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from figures.errors import FiguresError
from figures.i18n import N_
from figures.paths import ECB_RATES
from figures.provenance import read_sidecar, sidecar_path, verify_checksum

MISSING_POLICIES = (N_("previous"), N_("next"), N_("raise"))
"""previous: the last fixing before the date (default); next: the first fixing after it; raise: an error."""
MAX_STALENESS_DAYS = 7
"""A fixing further than this from the date asked is refused (a discontinued currency, a gap)."""


@dataclass(frozen=True)
class AppliedRate:
    """A rate as used: its value (units of `quote` per 1 `base`) and everything needed to check it.

    >>> applied = load_ecb_rates().average_rate("EUR", "CNY", dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    >>> round(applied.rate, 4), applied.fixing_days, applied.missing_policy
    (7.629, 255, 'fixing days only')
    """

    base: str
    quote: str
    rate: float
    method: str
    requested_start: dt.date
    requested_end: dt.date
    first_fixing: dt.date | None
    last_fixing: dt.date | None
    fixing_days: int
    missing_policy: str
    source: str
    provider: str = "ECB"  # who fixed the rate: "ECB", "live", or "none" for a same-currency identity
    fell_back: bool = False  # the ECB's rate, used because the live source failed

    def describe(self) -> str:
        """One line saying which fixings make up the rate.

        >>> rates = load_ecb_rates()
        >>> rates.rate_on("EUR", "USD", dt.date(2018, 3, 31)).describe()
        'ECB fixing of 2018-03-29 (none on 2018-03-31; policy: previous)'
        """
        if self.method == "identity":
            return "same currency"
        if self.method == "average":
            days = f"{self.fixing_days} daily {self.provider} fixings"
            return f"mean of {days}, {self.first_fixing} to {self.last_fixing}"
        if self.first_fixing == self.requested_end:
            return f"{self.provider} fixing of {self.first_fixing}"
        return (
            f"{self.provider} fixing of {self.first_fixing}"
            f" (none on {self.requested_end}; policy: {self.missing_policy})"
        )


@dataclass(frozen=True)
class RateSource:
    """Where a rate table's rates come from, as values: the CSV records it in English (`english`), the page says
    it in the reader's words (`figures.formats.rate_source_text`); neither is ever read back.

    >>> load_ecb_rates().origin.snapshot_to, load_ecb_rates().origin.downloaded
    (datetime.date(2026, 10, 30), None)
    """

    citation: str
    snapshot_to: dt.date | None = None
    """The last fixing of a snapshot of the ECB's history."""
    downloaded: dt.date | None = None
    """The day an updated copy of that history was downloaded (`figures rates update`); None for the embedded one."""
    url: str | None = None
    """The address of a live source."""

    def english(self) -> str:
        """The source as the CSV's `fx_rate_source` records it.

        >>> RateSource("ECB", dt.date(2026, 10, 30)).english()
        'ECB, snapshot to 2026-10-30'
        >>> RateSource("ECB", dt.date(2026, 11, 20), downloaded=dt.date(2026, 12, 6)).english()
        'ECB, snapshot to 2026-11-20 (updated copy, downloaded 2026-12-06)'
        >>> RateSource("forex-python live rates", url="http://127.0.0.1:8000/").english()
        'forex-python live rates (http://127.0.0.1:8000/)'
        """
        if self.url is not None:
            return f"{self.citation} ({self.url})"
        text = self.citation if self.snapshot_to is None else f"{self.citation}, snapshot to {self.snapshot_to}"
        return text if self.downloaded is None else f"{text} (updated copy, downloaded {self.downloaded})"


class RateTable:
    """Daily reference rates, units of each currency per 1 EUR, one row per fixing day.

    >>> rates = load_ecb_rates()
    >>> rates.first_date, "CNY" in rates.currencies
    (datetime.date(1999, 1, 4), True)
    """

    def __init__(
        self,
        dates: np.ndarray,
        per_eur: dict[str, np.ndarray],
        source: RateSource | str,
        provenance: dict[str, Any] | None = None,
    ) -> None:
        self._dates = dates.astype("datetime64[D]")
        self._per_eur = per_eur
        self.origin = source if isinstance(source, RateSource) else RateSource(source)
        self.source = self.origin.english()  # as every row translated at these rates records it
        self.provenance = provenance  # the sidecar of the file the rates come from, if any
        self.first_date = _to_date(self._dates[0])
        self.last_date = _to_date(self._dates[-1])

    @property
    def currencies(self) -> tuple[str, ...]:
        """Every currency with at least one fixing, EUR included."""
        return tuple(sorted(self._per_eur))

    def daily_rates(self, base: str, quote: str, start: dt.date, end: dt.date) -> pd.Series:
        """Units of `quote` per 1 `base` on each fixing day from `start` to `end`, both included.

        >>> load_ecb_rates().daily_rates("EUR", "USD", dt.date(2018, 3, 28), dt.date(2018, 4, 3)).tolist()
        [1.2398, 1.2321, 1.2308]
        """
        dates, values = self._pair(base, quote)
        lo = np.searchsorted(dates, np.datetime64(start), side="left")
        hi = np.searchsorted(dates, np.datetime64(end), side="right")
        return pd.Series(values[lo:hi], index=pd.DatetimeIndex(dates[lo:hi], name="date"), name=f"{quote}_per_{base}")

    def pair(self, base: str, quote: str) -> tuple[np.ndarray, np.ndarray, dt.date]:
        """Fixing days (datetime64[D]) and daily `quote`-per-`base` rates, and the last date they cover.

        >>> dates, values, covered_to = load_ecb_rates().pair("EUR", "CNY")
        >>> str(dates[0]), covered_to
        ('2005-04-01', datetime.date(2026, 10, 30))
        """
        dates, values = self._pair(base, quote)
        if len(dates) == 0:
            raise FiguresError(f"expected ECB fixings for {base}/{quote}, found none on any common day")
        covered_to = min(self.last_date, _to_date(dates[-1]) + dt.timedelta(days=MAX_STALENESS_DAYS))
        return dates, values, covered_to

    def rate_on(self, base: str, quote: str, on: dt.date, missing: str = "previous") -> AppliedRate:
        """The fixing of `on`, or, where there is none, the one `missing` chooses.

        >>> load_ecb_rates().rate_on("EUR", "USD", dt.date(2018, 7, 3)).rate
        1.1665
        """
        if missing not in MISSING_POLICIES:
            raise FiguresError(f"expected a missing-date policy among {', '.join(MISSING_POLICIES)}, found {missing!r}")
        if base == quote:
            return self._identity(base, on, on)
        dates, values = self._pair(base, quote)
        self._check_within(base, quote, dates, on, on)
        day = np.datetime64(on)
        index = int(np.searchsorted(dates, day, side="left"))
        exact = index < len(dates) and dates[index] == day
        if not exact:
            if missing == "raise":
                raise FiguresError(
                    f"expected an ECB fixing on {on} for {base}/{quote}, found none (weekend or holiday)"
                )
            index = index - 1 if missing == "previous" else index
            if index < 0 or index >= len(dates):
                raise FiguresError(f"expected an ECB fixing {missing} to {on} for {base}/{quote}, found none")
            gap = abs((_to_date(dates[index]) - on).days)
            if gap > MAX_STALENESS_DAYS:
                raise FiguresError(
                    f"expected an ECB fixing for {base}/{quote} within {MAX_STALENESS_DAYS} days of {on},"
                    f" the nearest ({missing}) is {gap} days away"
                )
        fixing = _to_date(dates[index])
        return AppliedRate(base, quote, float(values[index]), "spot", on, on, fixing, fixing, 1, missing, self.source)

    def closing_rate(self, base: str, quote: str, period_end: dt.date) -> AppliedRate:
        """The last fixing on or before `period_end` (IAS 21's closing rate).

        >>> load_ecb_rates().closing_rate("EUR", "USD", dt.date(2017, 12, 31)).rate
        1.1993
        """
        applied = self.rate_on(base, quote, period_end, missing="previous")
        return with_method(applied, "closing")

    def average_rate(self, base: str, quote: str, start: dt.date, end: dt.date) -> AppliedRate:
        """Mean of the daily `quote`-per-`base` rates over the fixing days from `start` to `end`.

        Days without a fixing (weekends, holidays) are not filled in: they do not count.

        >>> average = load_ecb_rates().average_rate("EUR", "USD", dt.date(2017, 1, 1), dt.date(2017, 12, 31))
        >>> round(average.rate, 4), average.fixing_days
        (1.1297, 255)
        """
        if base == quote:
            return self._identity(base, start, end, method="average")
        dates, _ = self._pair(base, quote)
        self._check_within(base, quote, dates, start, end)
        daily = self.daily_rates(base, quote, start, end)
        if daily.empty:
            raise FiguresError(f"expected at least one ECB fixing for {base}/{quote} from {start} to {end}, found none")
        return AppliedRate(
            base,
            quote,
            float(daily.mean()),
            "average",
            start,
            end,
            daily.index[0].date(),
            daily.index[-1].date(),
            len(daily),
            "fixing days only",
            self.source,
        )

    def fixings_through(self, last: dt.date) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """The fixing days up to `last` (included) and each currency's rates on them (NaN: not quoted).

        >>> dates, per_eur = load_ecb_rates().fixings_through(dt.date(1999, 1, 5))
        >>> [str(day) for day in dates], per_eur["USD"].tolist()
        (['1999-01-04', '1999-01-05'], [1.1789, 1.179])
        """
        end = int(np.searchsorted(self._dates, np.datetime64(last), side="right"))
        return self._dates[:end], {code: values[:end] for code, values in self._per_eur.items()}

    def _identity(self, currency: str, start: dt.date, end: dt.date, method: str = "spot") -> AppliedRate:
        if currency not in _iso_4217():  # an unknown code is an error even against itself; a currency the ECB
            self._series(currency)  # does not quote is one against itself (a comparison wholly in TWD)
        return AppliedRate(currency, currency, 1.0, "identity", start, end, None, None, 0, "none", "identity", "none")

    def _series(self, currency: str) -> np.ndarray:
        try:
            return self._per_eur[currency]
        except KeyError:
            raise FiguresError(
                f"expected a currency with ECB reference rates ({', '.join(self.currencies)}), found {currency!r}"
            ) from None

    @functools.lru_cache(maxsize=64)  # noqa: B019 - a table lives as long as the process
    def _pair(self, base: str, quote: str) -> tuple[np.ndarray, np.ndarray]:
        cross = self._series(quote) / self._series(base)
        known = ~np.isnan(cross)
        return self._dates[known], cross[known]

    def _check_within(self, base: str, quote: str, dates: np.ndarray, start: dt.date, end: dt.date) -> None:
        # A pair is covered up to the snapshot's end, or a week past its last fixing if discontinued.
        _, _, covered_to = self.pair(base, quote)
        first, last = _to_date(dates[0]), _to_date(dates[-1])
        if start < first or end > covered_to:
            found = f"{start}" + ("" if start == end else f" to {end}")
            if covered_to < self.last_date:  # the pair's last fixing is long before the snapshot's last day
                stopped = [code for code in (base, quote) if code != "EUR" and self._last_fixing(code) == last]
                which = " and ".join(stopped) or f"{base}/{quote}"
                raise FiguresError(
                    f"expected a date within the rate data ({base}/{quote} from {first} to {last}, its last fixing:"
                    f" the ECB stopped quoting {which} after {last}), found {found}"
                )
            raise FiguresError(
                f"expected a date within the rate data ({base}/{quote} from {first} to {last}), found {found}"
            )

    def _last_fixing(self, currency: str) -> dt.date:
        """The last day the ECB quoted `currency` in this table."""
        values = self._series(currency)
        return _to_date(self._dates[~np.isnan(values)][-1])


def with_method(applied: AppliedRate, method: str) -> AppliedRate:
    """The same rate under another method's name; a same-currency identity stays one.

    >>> with_method(load_ecb_rates().rate_on("EUR", "USD", dt.date(2018, 3, 31)), "closing").method
    'closing'
    """
    return applied if applied.method == "identity" else dataclasses.replace(applied, method=method)


def _to_date(value: np.datetime64) -> dt.date:
    return dt.date.fromisoformat(str(value.astype("datetime64[D]")))


REGENERATE = "regenerate the snapshot and its sidecar with scripts/update_ecb_snapshot.py"


def ecb_sidecar(path: str | Path | None = None) -> dict[str, Any]:
    """The ECB snapshot's sidecar, its fields checked: a tampered or broken one is refused, saying how to mend it.

    >>> ecb_sidecar()["last_date"], len(ecb_sidecar()["currencies"]) > 30
    ('2026-10-30', True)
    """
    path = Path(ECB_RATES if path is None else path)
    return check_ecb_sidecar(read_sidecar(path), sidecar_path(path))


def check_ecb_sidecar(sidecar: dict[str, Any], where: Path, remedy: str = REGENERATE) -> dict[str, Any]:
    """`sidecar` (read from `where`) if its fields are those of an ECB history's sidecar; else an error ending
    with `remedy`.

    >>> check_ecb_sidecar({**ecb_sidecar(), "currencies": ["USD", "usd"]}, Path("x.meta.json"), "fix it")
    Traceback (most recent call last):
    figures.errors.FiguresError: x.meta.json: expected ISO 4217 codes other than EUR in 'currencies', ...; fix it
    """

    def refuse(field: str, expected: str) -> FiguresError:
        return FiguresError(f"expected {expected} in '{field}', found {sidecar.get(field)!r}; {remedy}", path=where)

    if not (isinstance(sidecar.get("sha256"), str) and re.fullmatch(r"[0-9a-f]{64}", sidecar["sha256"])):
        raise refuse("sha256", "64 hexadecimal digits")
    if type(sidecar.get("size_bytes")) is not int or sidecar["size_bytes"] < 0:
        raise refuse("size_bytes", "a whole number of bytes")
    codes = sidecar.get("currencies")
    if not (isinstance(codes, list) and codes and all(isinstance(code, str) for code in codes)):
        raise refuse("currencies", "a list of currency codes")
    if len(set(codes)) != len(codes):
        raise refuse("currencies", "a list of distinct currency codes")
    if not all(re.fullmatch(r"[A-Z]{3}", code) and code != "EUR" for code in codes):
        raise refuse("currencies", "ISO 4217 codes other than EUR")
    for field in ("first_date", "last_date", "date_accessed"):
        try:
            dt.date.fromisoformat(sidecar.get(field))
        except (TypeError, ValueError):
            raise refuse(field, "a date as YYYY-MM-DD") from None
    for field in ("citation", "url", "licence"):
        if not isinstance(sidecar.get(field), str):
            raise refuse(field, "text")
    return sidecar


@functools.lru_cache(maxsize=4)
def load_ecb_rates(path: str | Path | None = None) -> RateTable:
    """Load an ECB history snapshot after checking it against its sidecar: checksum, size, columns, dates.

    >>> load_ecb_rates().last_date
    datetime.date(2026, 10, 30)
    """
    path = Path(ECB_RATES if path is None else path)
    sidecar = ecb_sidecar(path)
    try:
        payload = path.read_bytes()
    except OSError as error:
        raise FiguresError(f"expected a readable rates file, {error}", path=path) from None
    verify_checksum(path, payload, sidecar)
    return ecb_table(payload, sidecar, path)


def ecb_table(
    payload: bytes,
    sidecar: dict[str, Any],
    path: str | Path,
    *,
    remedy: str = REGENERATE,
    downloaded: dt.date | None = None,
) -> RateTable:
    """The rates of an ECB history in the snapshot's format (`payload`, the bytes of `path`), checked against its
    checked sidecar: columns, dates oldest first, positive finite rates. The checksum is the caller's to check.
    `downloaded` is the day an updated copy (`figures rates update`) was fetched, None for the embedded snapshot.

    >>> table = ecb_table(b"date,USD\\n2018-07-03,1.1665\\n", {"currencies": ["USD"], "first_date": "2018-07-03",
    ...     "last_date": "2018-07-03", "citation": "ECB"}, Path("rates.csv"))
    >>> table.rate_on("EUR", "USD", dt.date(2018, 7, 3)).rate, table.source
    (1.1665, 'ECB, snapshot to 2018-07-03')
    >>> ecb_table(b"date,USD\\n2018-07-03,-1\\n", {"currencies": ["USD"], "first_date": "2018-07-03",
    ...     "last_date": "2018-07-03", "citation": "ECB"}, Path("rates.csv"), remedy="download it again")
    Traceback (most recent call last):
    figures.errors.FiguresError: rates.csv: expected positive rates; download it again
    """
    codes = sidecar["currencies"]
    try:
        table = pd.read_csv(io.BytesIO(payload), dtype={code: "float64" for code in codes})
        header = list(table.columns)
        dates = pd.to_datetime(table["date"], format="%Y-%m-%d").to_numpy()
    except (ValueError, KeyError, pd.errors.ParserError) as error:
        raise FiguresError(
            f"expected the ECB history as the sidecar describes it, {error}; {remedy}", path=path
        ) from None
    if header != ["date", *codes]:
        raise FiguresError(
            f"expected the columns date, {', '.join(codes)} as the sidecar lists them; {remedy}", path=path
        )
    span = (str(dates[0])[:10], str(dates[-1])[:10]) if len(dates) else None
    if span != (sidecar["first_date"], sidecar["last_date"]) or not (np.diff(dates).astype("int64") > 0).all():
        raise FiguresError(
            f"expected fixing days from {sidecar['first_date']} to {sidecar['last_date']}, oldest first, as the"
            f" sidecar records; {remedy}",
            path=path,
        )
    per_eur = {code: table[code].to_numpy() for code in codes}
    if any((values <= 0).any() or np.isinf(values).any() for values in per_eur.values()):
        raise FiguresError(f"expected positive rates; {remedy}", path=path)
    per_eur["EUR"] = np.ones(len(table))
    origin = RateSource(sidecar["citation"], dt.date.fromisoformat(sidecar["last_date"]), downloaded)
    return RateTable(dates, per_eur, origin, provenance=sidecar)


@functools.cache
def _iso_4217() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())
