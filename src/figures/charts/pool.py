"""The charts of one build: each drawn once when a section asks for it, or ahead of its turn in worker processes.

Drawing dominates a build and each chart is independent, so a build on two cores draws about twice as fast
when it names its charts first (`ChartPool.prefetch`). A pool belongs to one build context: its table and
rates never change, so a chart is known by its function and its other arguments (currency, method, basis,
locale), never by an object's identity. `FIGURES_PROCESSES=1` draws in the calling process only.

Workers end with their build, however it ends. A pool's `close` ends them at once, a worker still drawing
included; and each worker watches the process that started it, so a build killed outright (`kill -9`, the
out-of-memory killer) leaves none behind: on Linux the kernel sends the worker SIGKILL when its parent
ends (`prctl(PR_SET_PDEATHSIG)`), elsewhere a thread in the worker sees it adopted and ends it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from figures.errors import FiguresError

CHART_TIMEOUT_S = 180.0
"""How long a build waits for a chart drawn in a worker: a stuck worker fails the build, never hangs it."""
ORPHAN_POLL_S = 0.2
"""Where the kernel cannot end a worker with its parent: how often the worker's own thread looks."""
PR_SET_PDEATHSIG = 1
"""prctl(2): the signal the kernel sends a process when its parent ends."""


class ChartPool:
    """Charts drawn at most once each, in this process or ahead in workers.

    >>> from figures import charts
    >>> from figures.tabulate import comparison_table
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
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_watch_parent,
                initargs=(os.getpid(),),
            )
        for function, args, kwargs in calls:
            key = _key(function, args, kwargs)
            if key not in self._pending and key not in self._drawn:
                try:
                    self._pending[key] = self._pool.submit(_draw_by_name, function.__name__, args, kwargs)
                except BrokenProcessPool:
                    return  # a worker was killed from outside: what is not drawn ahead is drawn here

    def draw(self, function: Callable, *args, **kwargs):
        """The chart `function(*args, **kwargs)`: from its worker when prefetched, else drawn here; once.

        A worker that died (killed from outside) costs time, never the chart: it is drawn here.

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
        chart = None
        if future is not None:
            try:
                chart = future.result(timeout=CHART_TIMEOUT_S)
            except TimeoutError:
                message = f"a chart took more than {CHART_TIMEOUT_S:g} s to draw in a worker process"
                raise FiguresError(message) from None
            except BrokenProcessPool:
                future = None
        if future is None:
            chart = function(*args, **kwargs)
        self._drawn[key] = chart
        return chart

    def close(self) -> None:
        """Forget every chart drawn ahead and not asked for, and end the workers now, one still drawing included.

        >>> pool = ChartPool(workers=2)
        >>> pool.prefetch([(print, ("drawn",), {})])
        >>> workers = list(pool._pool._processes.values())
        >>> pool.close(); pool._pool is None, [worker.is_alive() for worker in workers]
        (True, [False, False])
        """
        for future in self._pending.values():
            future.cancel()
        self._pending.clear()
        if self._pool is not None:
            # The executor's own shutdown lets a worker finish what it draws (for ever, if it is stuck):
            # the build is over, so its workers end with it (as Python 3.14's `terminate_workers` does).
            workers = list(self._pool._processes.values())
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.join(timeout=1.0)
                if worker.is_alive():
                    worker.kill()
                    worker.join()
            # With its workers gone the executor's own thread ends at once: waiting for it leaves no thread reaping
            # a worker while a caller asks whether it lives.
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ChartPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _key(function: Callable, args: tuple, kwargs: dict) -> tuple:
    # The table and the rates are the pool's build's own (one of each): a chart is told apart by the rest.
    plain = tuple(arg for arg in args if isinstance(arg, str | int | float | bool | type(None)))
    return (function.__name__, plain, tuple(sorted(kwargs.items())))


def _watch_parent(parent: int) -> None:
    """In a worker, before anything else: end this worker when `parent`, the build's process, ends.

    Linux's kernel does it without the worker's help, even while the worker is busy in a library's C
    code; elsewhere a thread of the worker looks for its parent every `ORPHAN_POLL_S`. A parent that
    ended before the worker could ask (the worker is already adopted) ends it at once.
    """
    if not _die_with_parent():
        threading.Thread(target=_exit_when_adopted, args=(parent,), name="watch-parent", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask the kernel for SIGKILL when this process's parent ends; False where it cannot (not Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _exit_when_adopted(parent: int) -> None:
    """A worker's thread: end the worker once its parent is no longer `parent` (it ended; the worker was adopted)."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_POLL_S)
    os._exit(1)


def _draw_by_name(name: str, args: tuple, kwargs: dict):
    """In a worker: the chart function `name` of `figures.charts` (pickle finds functions by name)."""
    from figures import charts

    return getattr(charts, name)(*args, **kwargs)
