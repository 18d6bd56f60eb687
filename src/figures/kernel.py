"""Run code cells in one Jupyter kernel over local IPC and collect their outputs as nbformat records them.

A thin driver over jupyter_client, for the report builder: it starts the kernel before the inputs
are checked (the kernel boots while the builder works), and it needs neither nbformat nor nbclient
(together over a second of imports, mostly JSON-schema validation the builder has no use for).
Cells are plain dicts, or nbformat's nodes, which are dicts too.
"""

from __future__ import annotations

import os
import queue
import tempfile
import time
from pathlib import Path

from figures.errors import FiguresError


class CellError(FiguresError):
    """A cell raised: its exception's name and value, as the kernel reported them.

    >>> with Kernel() as kernel:
    ...     kernel.run([{"cell_type": "code", "source": "1 / 0"}])
    Traceback (most recent call last):
    figures.kernel.CellError: ZeroDivisionError: division by zero
    """

    def __init__(self, ename: str, evalue: str) -> None:
        self.ename, self.evalue = ename, evalue
        super().__init__(f"{ename}: {evalue}")


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

    def warm_up(self, code: str) -> None:
        """Send `code` to run as soon as the kernel is up, without waiting: imports, say, while the caller works.

        Its outputs and errors are not collected (a failing import fails again, visibly, in its cell).

        >>> with Kernel() as kernel:
        ...     kernel.warm_up("import json")
        ...     kernel.run([{"cell_type": "code", "source": "'json' in dir()"}])[0]["outputs"][0]["data"]["text/plain"]
        'True'
        """
        self._connect()
        self.client.execute(code, silent=True, store_history=False, allow_stdin=False)

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
                if outputs and outputs[-1]["output_type"] == "stream" and outputs[-1]["name"] == content["name"]:
                    outputs[-1]["text"] += content["text"]
                else:
                    outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
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
