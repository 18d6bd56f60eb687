"""Re-execute the committed notebooks in place so their outputs are what nbval expects."""

from __future__ import annotations

from pathlib import Path

import nbformat

from figures.paths import NOTEBOOK_DIR
from figures.report import NOTEBOOKS, execute

KERNELSPEC = {"name": "figures", "display_name": "Python (figures)", "language": "python"}


def execute_in_place(names: tuple[str, ...] = NOTEBOOKS) -> list[Path]:
    """Run each notebook with its default parameters and save it with deterministic outputs."""
    written = []
    for name in names:
        path = NOTEBOOK_DIR / name
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
        notebook.metadata["kernelspec"] = KERNELSPEC
        execute(notebook)
        nbformat.write(notebook, path)
        written.append(path)
    return written
