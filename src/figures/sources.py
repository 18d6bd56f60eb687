"""Choose the rate table a report uses: the newest verified ECB history, or the live source over the embedded one."""

from __future__ import annotations

from figures.choices import RATE_SOURCES
from figures.errors import FiguresError
from figures.rates import RateTable, load_ecb_rates


def open_rates(kind: str = "ecb", *, strict: bool = False, refusals: list[str] | None = None) -> RateTable:
    """The rate table a report uses: `ecb` (default: the newest verified ECB history, the embedded snapshot or the
    copy `figures rates update` keeps) or `live` (forex-python, over the embedded snapshot).

    A new table each time: a build opens one (its context's) and shares it among its sections, so it
    asks the live source once per date and, once the source has failed, waits on it no more. The live
    module (and `requests`) is imported only when live rates are asked for. An updated ECB copy that fails its
    checks is refused, and why appended to `refusals` (`figures.rates_update.newest_ecb_rates`).

    >>> open_rates("ecb") is load_ecb_rates()
    True
    """
    if kind == "ecb":
        from figures.rates_update import newest_ecb_rates

        return newest_ecb_rates(refusals=refusals)
    if kind == "live":
        from figures.live import LiveRateTable

        return LiveRateTable(load_ecb_rates(), strict=strict)
    raise FiguresError(f"expected rates among {', '.join(RATE_SOURCES)}, found {kind!r}")
