"""The chart workers end with their build, however it ends: `kill -9` of the building process included."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from figures import charts
from figures.charts import pool as drawing
from figures.charts.pool import ChartPool
from figures.errors import FiguresError
from figures.tabulate import comparison_table
from helpers import ROOT

PROC = Path("/proc")
needs_proc_and_two_cores = pytest.mark.skipif(
    not (PROC / "self" / "stat").exists() or (os.cpu_count() or 1) < 2,
    reason="finding a process's children reads /proc (Linux), and a build starts workers on two cores or more",
)


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid`, read from /proc (a process's line: `pid (name) state ppid ...`)."""
    found = set()
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # ended while we looked
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running or asleep; a zombie (ended, not yet reaped by whoever adopted it) is not alive."""
    try:
        return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def _build(out: Path) -> subprocess.Popen:
    env = {**os.environ, "FIGURES_PROCESSES": "2"}
    command = [sys.executable, "-m", "figures", "report", "--out", str(out)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@needs_proc_and_two_cores
def test_chart_workers_end_within_seconds_of_a_build_killed_with_sigkill(tmp_path):
    build = _build(tmp_path / "out")
    workers: set[int] = set()
    try:
        # The workers start when the build names its charts; it is killed while they draw.
        assert _wait_for(lambda: len(workers.update(_children(build.pid)) or workers) >= 2, 60), workers
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=10)
        assert _wait_for(lambda: not any(map(_alive, workers)), 5), [pid for pid in workers if _alive(pid)]
    finally:
        build.kill()
        build.wait()
        for pid in workers:  # no test leaves a process behind, even when the fix is missing
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@needs_proc_and_two_cores
def test_a_worker_whose_parent_is_gone_before_it_watches_ends_at_once():
    # The race: the build dies between the fork and the worker's first look; the worker must not wait for a
    # signal that was sent before it asked for one. Here the parent it expects is not the one it has.
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # the worker: told its parent is a process that is not its parent
        try:
            os.close(reader)
            drawing._watch_parent(os.getppid() + 1_000_000)
            os.write(writer, b"survived")
        except BaseException as error:
            os.write(writer, repr(error).encode())
        finally:
            os._exit(0)  # never the rest of the test run, in a copy of it
    os.close(writer)
    _, status = os.waitpid(child, 0)
    said = os.read(reader, 1000)
    os.close(reader)
    assert said == b"", said
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1  # ended by the watch, not by the test's exit


@needs_proc_and_two_cores
def test_where_the_kernel_cannot_help_a_worker_ends_itself_once_adopted():
    # Not Linux: the worker's own thread sees its parent change (it was adopted) and ends it.
    reader, writer = os.pipe()
    middle = os.fork()
    if middle == 0:  # the build: starts a worker that watches it, tells the test its pid, and dies at once
        try:
            build = os.getpid()  # before the fork: the build may be gone before the worker asks
            worker = os.fork()
            if worker == 0:
                try:
                    os.close(reader)
                    os.close(writer)
                    drawing._exit_when_adopted(build)
                    time.sleep(60)  # never reached: a worker that survives its parent stays, and the test fails
                finally:
                    os._exit(0)
            os.write(writer, str(worker).encode())
        finally:
            os._exit(0)
    os.close(writer)
    os.waitpid(middle, 0)
    worker = int(os.read(reader, 100))
    os.close(reader)
    try:
        assert _wait_for(lambda: not _alive(worker), 2 + drawing.ORPHAN_POLL_S)
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)


def stuck_chart():
    """A chart that never ends, as a worker stuck in a drawing library would be."""
    time.sleep(600)


def test_a_build_that_fails_leaves_no_worker_drawing(monkeypatch):
    monkeypatch.setattr(charts, "stuck_chart", stuck_chart, raising=False)  # workers find charts by name
    workers: list[int] = []
    try:
        with pytest.raises(FiguresError, match="bad input"), ChartPool(workers=2) as pool:
            pool.prefetch([(stuck_chart, (), {})])
            workers = [process.pid for process in pool._pool._processes.values()]
            raise FiguresError("bad input")
        assert len(workers) == 2
        assert _wait_for(lambda: not any(map(_alive, workers)), 5), [pid for pid in workers if _alive(pid)]
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_worker_that_died_is_drawn_here_instead():
    # A worker killed from outside (the kernel's out-of-memory killer, say) costs time, never the chart.
    call = (comparison_table(), "EUR", "average", "article")
    with ChartPool(workers=2) as pool:
        pool.prefetch([(charts.revenue_chart, call, {})])
        for process in pool._pool._processes.values():
            os.kill(process.pid, signal.SIGKILL)
        drawn = pool.draw(charts.revenue_chart, *call)
    assert drawn.png == charts.revenue_chart(*call).png
