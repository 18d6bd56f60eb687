"""Re-execute the committed notebooks in place, through nbclient (Jupyter's engine), so their outputs are what
nbval expects."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

from figures.errors import FiguresError
from figures.paths import NOTEBOOK_DIR
from figures.report import NOTEBOOKS

KERNELSPEC = {"name": "figures", "display_name": "Python (figures)", "language": "python"}
CELL_TIMEOUT_S = 600
"""How long one cell may run before the execution stops with an error (never hangs)."""


def execute(notebook: nbformat.NotebookNode, *, cwd: Path = NOTEBOOK_DIR, kernel_name: str = "python3"):
    """Run every cell of `notebook` in a fresh kernel started in `cwd`, with no timing recorded (same inputs,
    same outputs).

    Raises:
        FiguresError: a cell failed (its traceback kept as the error's cause) or the kernel died.

    >>> notebook = execute(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("6 * 7")]))
    >>> notebook.cells[0].outputs[0]["data"]["text/plain"]
    '42'
    """
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_S,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
    )
    try:
        client.execute()
    except CellExecutionError as error:
        raise FiguresError(f"a notebook cell failed: {error.ename}: {error.evalue}") from error
    except DeadKernelError as error:
        raise FiguresError(f"the notebook's kernel died: {error}") from error
    return notebook


def execute_in_place(names: tuple[str, ...] = NOTEBOOKS, directory: Path = NOTEBOOK_DIR) -> list[Path]:
    """Run each notebook with its default parameters and save it with deterministic outputs.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("6 * 7")]), folder / "tiny.ipynb")
    >>> [path.name for path in execute_in_place(("tiny.ipynb",), folder)]
    ['tiny.ipynb']
    >>> nbformat.read(folder / "tiny.ipynb", as_version=4).cells[0].outputs[0]["data"]["text/plain"]
    '42'
    """
    written = []
    with embedded_rates_only():
        for name in names:
            path = directory / name
            notebook = nbformat.read(path, as_version=4)
            for cell in notebook.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
                cell.metadata.pop("execution", None)
            notebook.metadata["kernelspec"] = KERNELSPEC
            execute(notebook, cwd=directory)
            nbformat.write(notebook, path)
            written.append(path)
    return written


@contextlib.contextmanager
def embedded_rates_only():
    """Kernels started within see an empty data folder: the committed notebooks, which nbval compares, hold what a
    fresh clone computes (the embedded ECB snapshot), not the rates `figures rates update` fetched on this machine.

    >>> with embedded_rates_only():
    ...     from figures.sources import open_rates
    ...     open_rates("ecb").last_date
    datetime.date(2026, 10, 30)
    """
    saved = os.environ.get("FIGURES_DATA_HOME")
    with tempfile.TemporaryDirectory(prefix="figures-no-updates-") as empty:
        os.environ["FIGURES_DATA_HOME"] = empty
        try:
            yield
        finally:
            if saved is None:
                os.environ.pop("FIGURES_DATA_HOME", None)
            else:
                os.environ["FIGURES_DATA_HOME"] = saved
