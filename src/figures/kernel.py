"""Run code cells and collect their outputs as nbformat records them: in this process, or in a kernel.

`Shell` runs them in this process, in a fresh IPython shell: the engine a Jupyter kernel runs, with
the same display formatters, the outputs passed through JSON as a kernel sends them. The report
builder uses it: no kernel process to start, no second import of pandas and matplotlib, and the
inputs the builder checked are the ones the cells use. `Kernel` runs them in a Jupyter kernel over
local IPC (`execute-notebooks`, and a build started from inside a notebook, where a shell exists):
a thin driver over jupyter_client that needs neither nbformat nor nbclient (together over a second
of imports, mostly JSON-schema validation nobody here needs). Cells are plain dicts, or nbformat's
nodes, which are dicts too.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import queue
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

from figures.errors import FiguresError


class CellError(FiguresError):
    """A cell raised: its exception's name and value, as the shell or the kernel reported them.

    >>> with Kernel() as kernel:
    ...     kernel.run([{"cell_type": "code", "source": "1 / 0"}])
    Traceback (most recent call last):
    figures.kernel.CellError: ZeroDivisionError: division by zero
    """

    def __init__(self, ename: str, evalue: str) -> None:
        self.ename, self.evalue = ename, evalue
        super().__init__(f"{ename}: {evalue}")


class ShellBusy(FiguresError):
    """This process cannot lend a shell now: one already runs here (a notebook's, or another build's).

    >>> with Shell(), Shell():
    ...     pass
    Traceback (most recent call last):
    figures.kernel.ShellBusy: another build's shell is running in this process
    """


_SHELL_LOCK = threading.Lock()  # one shell at a time per process: IPython's shell is a singleton


class Shell:
    """A fresh IPython shell in this process, its outputs collected per cell; one at a time, then closed.

    The cells run as in a kernel just started: Python's default warning filters (a warning shown
    once per place in the whole run), matplotlib's settings as its rc file gives them, the cells'
    own `__main__`. Closing gives back everything the shell changed in the process. Raises
    `ShellBusy` while another shell runs in this process.

    >>> with Shell() as shell:
    ...     cells = shell.run([{"cell_type": "code", "source": "print('a'); 6 * 7"}])
    >>> [output["output_type"] for output in cells[0]["outputs"]], cells[0]["outputs"][1]["data"]["text/plain"]
    (['stream', 'execute_result'], '42')
    """

    def __init__(self) -> None:
        from IPython.core.interactiveshell import InteractiveShell

        if not _SHELL_LOCK.acquire(blocking=False):
            raise ShellBusy("another build's shell is running in this process")
        if InteractiveShell.initialized():
            _SHELL_LOCK.release()
            raise ShellBusy("an IPython shell is already running in this process")
        self._restore = contextlib.ExitStack()
        self._restore.callback(_SHELL_LOCK.release)
        try:
            self._start()
        except BaseException:
            self._restore.close()
            raise

    def _start(self) -> None:
        import builtins

        import matplotlib
        from IPython.core.displayhook import DisplayHook
        from IPython.core.displaypub import DisplayPublisher
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        # What the shell changes in the process, given back by `close` (last first).
        self._restore.enter_context(_items_restored(sys.modules, "__main__"))
        self._restore.enter_context(_items_restored(builtins.__dict__, "__IPYTHON__", "display"))
        self._restore.enter_context(_items_restored(sys.__dict__, "ps1", "ps2"))
        self._restore.enter_context(matplotlib.rc_context())
        matplotlib.rc_file_defaults()  # not the caller's style: a kernel's fresh matplotlib
        self._restore.enter_context(warnings.catch_warnings())
        _kernel_warning_filters()
        config = Config()
        config.HistoryManager.enabled = False  # nothing written to ~/.ipython
        self.shell = InteractiveShell.instance(config=config)
        self._restore.callback(atexit.unregister, self.shell.atexit_operations)  # else kept alive until exit
        self._restore.callback(InteractiveShell.clear_instance)
        self._outputs: list[dict] = []
        collected = self._outputs_of_cell

        class Publisher(DisplayPublisher):
            def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
                collected().append({"output_type": "display_data", **_as_sent(data, metadata)})

            def clear_output(self, wait=False):
                collected().clear()

        class Hook(DisplayHook):
            def write_output_prompt(self):
                pass

            def write_format_data(self, format_dict, md_dict=None):
                collected().append({"output_type": "execute_result", **_as_sent(format_dict, md_dict)})

            def finish_displayhook(self):
                pass

        self.shell.display_pub = Publisher(shell=self.shell)
        self.shell.displayhook = Hook(shell=self.shell, cache_size=0)
        self.shell.display_trap.hook = self.shell.displayhook

    def _outputs_of_cell(self) -> list[dict]:
        return self._outputs

    def __enter__(self) -> Shell:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, cells: list[dict], timeout_s: float | None = None) -> list[dict]:
        """Execute every code cell in order, filling its `outputs`; the first error stops the run.

        Raises `CellError` with the exception's name and value; an interrupt (Ctrl-C) stays one.
        `timeout_s` is not enforced here: what can hang (live rates) has its own time budget.

        >>> with Shell() as shell:
        ...     shell.run([{"cell_type": "code", "source": "1 / 0"}])
        Traceback (most recent call last):
        figures.kernel.CellError: ZeroDivisionError: division by zero
        """
        for cell in cells:
            if cell.get("cell_type") == "code":
                cell["execution_count"], cell["outputs"] = self._execute(cell["source"])
        return cells

    def close(self) -> None:
        """Forget the shell and give back what it changed: `__main__`, builtins, warnings, matplotlib's settings.

        >>> import builtins
        >>> main, before = sys.modules["__main__"], (hasattr(builtins, "__IPYTHON__"), hasattr(sys, "ps1"))
        >>> Shell().close()
        >>> from IPython.core.interactiveshell import InteractiveShell
        >>> InteractiveShell.initialized(), sys.modules["__main__"] is main
        (False, True)
        >>> (hasattr(builtins, "__IPYTHON__"), hasattr(sys, "ps1")) == before
        True
        """
        self._restore.close()

    def _execute(self, source: str) -> tuple[int, list[dict]]:
        self._outputs = outputs = []
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Stream("stdout", outputs, saved[0]), _Stream("stderr", outputs, saved[1])
        try:
            result = self.shell.run_cell(source, store_history=True)
        finally:
            sys.stdout, sys.stderr = saved
        error = result.error_before_exec or result.error_in_exec
        if isinstance(error, KeyboardInterrupt):
            raise error
        if error is not None:
            raise CellError(type(error).__name__, str(error))
        for output in outputs:
            if output["output_type"] == "execute_result":
                output["execution_count"] = result.execution_count
        return result.execution_count, outputs


@contextlib.contextmanager
def _items_restored(mapping: dict, *keys: str):
    """`mapping`'s `keys` as they were (present or not) once the block ends."""
    missing = object()
    saved = {key: mapping.get(key, missing) for key in keys}
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is missing:
                mapping.pop(key, None)
            else:
                mapping[key] = value


class _Stream(io.TextIOBase):
    """A cell's stdout or stderr: consecutive writes make one stream output, as a kernel sends them.

    Only the thread running the cell writes there; other threads of the process keep `passthrough`.
    """

    def __init__(self, name: str, outputs: list[dict], passthrough) -> None:
        self.name, self.outputs, self.passthrough = name, outputs, passthrough
        self.thread = threading.get_ident()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if threading.get_ident() != self.thread:
            return self.passthrough.write(text)
        if text:
            _append_stream(self.outputs, self.name, text)
        return len(text)


def _append_stream(outputs: list[dict], name: str, text: str) -> None:
    """Text on stdout or stderr: added to the last output when that is the same stream, as nbformat keeps it."""
    last = outputs[-1] if outputs else None
    if last is not None and last["output_type"] == "stream" and last["name"] == name:
        last["text"] += text
    else:
        outputs.append({"output_type": "stream", "name": name, "text": text})


def _as_sent(data: dict, metadata: dict | None) -> dict:
    """`data` and `metadata` as a kernel sends them: through JSON, bytes (a PNG) as base64 text."""
    from jupyter_client.jsonutil import json_default

    return json.loads(json.dumps({"data": data, "metadata": metadata or {}}, default=json_default))


def _kernel_warning_filters() -> None:
    """Python's own default warning filters, shown on the cell's stderr, whatever the caller set.

    (A test run records warnings or turns some into errors; `python -W error` raises them.)
    """
    warnings.showwarning = _show_warning
    warnings.resetwarnings()
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.simplefilter("ignore", category)
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


class Kernel:
    """A kernel started at once, in `cwd`, talking over IPC sockets in a private folder.

    >>> with Kernel() as kernel:
    ...     kernel.run([{"cell_type": "code", "source": "6 * 7"}])[0]["outputs"][0]["data"]["text/plain"]
    '42'
    """

    def __init__(self, kernel_name: str = "python3", cwd: str | Path | None = None) -> None:
        from jupyter_client.manager import KernelManager

        self._sockets = tempfile.TemporaryDirectory(prefix="figures-kernel-")
        self.manager = KernelManager(
            kernel_name=kernel_name, transport="ipc", ip=os.path.join(self._sockets.name, "kernel")
        )
        # The kernel's own stderr stays the terminal's (progress bars); outputs go to the cells.
        self.manager.start_kernel(extra_arguments=["--IPKernelApp.capture_fd_output=False"], cwd=str(cwd or "."))
        self.client = None
        self._ready = False

    def _connect(self) -> None:
        if self.client is None:
            self.client = self.manager.client()
            self.client.start_channels()

    def __enter__(self) -> Kernel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, cells: list[dict], timeout_s: float = 180) -> list[dict]:
        """Execute every code cell in order, filling its `outputs`; the first error stops the run.

        Raises `CellError` with the kernel's exception name and value.

        >>> with Kernel() as kernel:
        ...     cells = kernel.run([{"cell_type": "code", "source": "print('a'); print('b')"}])
        >>> cells[0]["outputs"]
        [{'output_type': 'stream', 'name': 'stdout', 'text': 'a\\nb\\n'}]
        """
        self._connect()
        if not self._ready:
            self.client.wait_for_ready(timeout=60)
            self._ready = True
        for cell in cells:
            if cell.get("cell_type") == "code":
                cell["execution_count"], cell["outputs"] = self._execute(cell["source"], timeout_s)
        return cells

    def close(self) -> None:
        """Stop the kernel at once (every output is collected by then) and remove its sockets.

        >>> kernel = Kernel()
        >>> kernel.close()
        >>> kernel.manager.has_kernel
        False
        """
        if self.client is not None:
            self.client.stop_channels()
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)
        self._sockets.cleanup()

    def _execute(self, source: str, timeout_s: float) -> tuple[int | None, list[dict]]:
        message_id = self.client.execute(source, allow_stdin=False)
        deadline = time.monotonic() + timeout_s
        outputs: list[dict] = []
        count = None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FiguresError(f"a notebook cell took more than {timeout_s:g} s")
            try:
                message = self.client.get_iopub_msg(timeout=remaining)
            except queue.Empty:
                continue
            if message["parent_header"].get("msg_id") != message_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "status" and content["execution_state"] == "idle":
                break
            if kind == "execute_input":
                count = content.get("execution_count")
            if kind == "stream":
                _append_stream(outputs, content["name"], content["text"])
            elif kind in ("display_data", "execute_result"):
                output = {"output_type": kind, "data": content["data"], "metadata": content.get("metadata", {})}
                if kind == "execute_result":
                    output["execution_count"] = content.get("execution_count")
                outputs.append(output)
            elif kind == "error":
                outputs.append({"output_type": "error", **{k: content[k] for k in ("ename", "evalue", "traceback")}})
        error = next((output for output in outputs if output["output_type"] == "error"), None)
        if error is not None:
            raise CellError(error["ename"], error["evalue"])
        return count, outputs
