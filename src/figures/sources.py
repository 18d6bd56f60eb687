"""Choose the rate table a report uses: the embedded ECB snapshot, or the live source over it."""

from __future__ import annotations

import functools

from figures.choices import RATE_SOURCES
from figures.errors import FiguresError
from figures.rates import RateTable, load_ecb_rates


@functools.lru_cache(maxsize=4)
def open_rates(kind: str = "ecb", *, strict: bool = False) -> RateTable:
    """The rate table a report uses: `ecb` (the embedded snapshot, default) or `live` (forex-python).

    One table per process and choice, so the notebooks of a build (one shell, or one kernel) share
    the live source's answers and, once it has failed, its failure: a build waits on a dead source
    once. A report build starts with fresh tables, as a new process would. The live
    module (and `requests`) is imported only when live rates are asked for.

    >>> open_rates("ecb") is load_ecb_rates()
    True
    """
    if kind == "ecb":
        return load_ecb_rates()
    if kind == "live":
        from figures.live import LiveRateTable

        return LiveRateTable(load_ecb_rates(), strict=strict)
    raise FiguresError(f"expected rates among {', '.join(RATE_SOURCES)}, found {kind!r}")
