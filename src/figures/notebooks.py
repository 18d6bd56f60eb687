"""Re-execute the committed notebooks in place so their outputs are what nbval expects."""

from __future__ import annotations

from pathlib import Path

import nbformat

from figures.paths import NOTEBOOK_DIR
from figures.report import NOTEBOOKS, execute

KERNELSPEC = {"name": "figures", "display_name": "Python (figures)", "language": "python"}


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
    for name in names:
        path = directory / name
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
        notebook.metadata["kernelspec"] = KERNELSPEC
        execute(notebook)
        nbformat.write(nbformat.from_dict(notebook), path)
        written.append(path)
    return written
