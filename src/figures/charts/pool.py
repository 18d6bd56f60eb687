"""The charts of one build: each drawn once when a section asks for it, or ahead of its turn in worker processes.

Drawing dominates a build and each chart is independent, so a build on two cores draws about twice as fast
when it names its charts first (`ChartPool.prefetch`). A pool belongs to one build context: its table and
rates never change, so a chart is known by its function and its other arguments (currency, method, basis,
locale), never by an object's identity. `FIGURES_PROCESSES=1` draws in the calling process only.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

from figures.errors import FiguresError

CHART_TIMEOUT_S = 180.0
"""How long a build waits for a chart drawn in a worker: a stuck worker fails the build, never hangs it."""


class ChartPool:
    """Charts drawn at most once each, in this process or ahead in workers.

    >>> from figures import charts
    >>> from figures.normalise import comparison_table
    >>> table = comparison_table()
    >>> with ChartPool() as pool:
    ...     pool.prefetch([(charts.revenue_chart, (table, "EUR", "average", "article"), {})])
    ...     drawn = pool.draw(charts.revenue_chart, table, "EUR", "average", "article")
    >>> drawn.png == charts.revenue_chart(table, "EUR", "average", "article").png
    True
    """

    def __init__(self, workers: int | None = None) -> None:
        cores = os.cpu_count() or 1
        self.workers = min(int(os.environ.get("FIGURES_PROCESSES", cores)) if workers is None else workers, cores)
        self._pending: dict[tuple, Future] = {}
        self._drawn: dict[tuple, object] = {}
        self._pool: ProcessPoolExecutor | None = None

    def prefetch(self, calls: list[tuple[Callable, tuple, dict]]) -> None:
        """Start drawing `(chart function, args, kwargs)` calls in worker processes, one per core.

        >>> with ChartPool(workers=1) as pool:  # one core: nothing is drawn ahead
        ...     pool.prefetch([(print, ("drawn",), {})])
        ...     pool._pending
        {}
        """
        if self.workers < 2:
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("fork"))
        for function, args, kwargs in calls:
            key = _key(function, args, kwargs)
            if key not in self._pending and key not in self._drawn:
                self._pending[key] = self._pool.submit(_draw_by_name, function.__name__, args, kwargs)

    def draw(self, function: Callable, *args, **kwargs):
        """The chart `function(*args, **kwargs)`: from its worker when prefetched, else drawn here; once.

        Raises:
            FiguresError: a worker took longer than `CHART_TIMEOUT_S` to draw it.

        >>> pool = ChartPool(workers=1)
        >>> pool.draw(max, 2, 3), pool.draw(max, 2, 3)  # the second from the first
        (3, 3)
        """
        key = _key(function, args, kwargs)
        if key in self._drawn:
            return self._drawn[key]
        future = self._pending.pop(key, None)
        if future is not None:
            try:
                chart = future.result(timeout=CHART_TIMEOUT_S)
            except TimeoutError:
                message = f"a chart took more than {CHART_TIMEOUT_S:g} s to draw in a worker process"
                raise FiguresError(message) from None
        else:
            chart = function(*args, **kwargs)
        self._drawn[key] = chart
        return chart

    def close(self) -> None:
        """Forget every chart drawn ahead and not asked for, and stop the workers.

        >>> pool = ChartPool(workers=2)
        >>> pool.close(); pool._pool is None
        True
        """
        for future in self._pending.values():
            future.cancel()
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ChartPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _key(function: Callable, args: tuple, kwargs: dict) -> tuple:
    # The table and the rates are the pool's build's own (one of each): a chart is told apart by the rest.
    plain = tuple(arg for arg in args if isinstance(arg, str | int | float | bool | type(None)))
    return (function.__name__, plain, tuple(sorted(kwargs.items())))


def _draw_by_name(name: str, args: tuple, kwargs: dict):
    """In a worker: the chart function `name` of `figures.charts` (pickle finds functions by name)."""
    from figures import charts

    return getattr(charts, name)(*args, **kwargs)
