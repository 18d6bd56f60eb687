"""The notebooks run under Jupyter's engines: nbclient (`make notebooks`) and papermill, parameters injected."""

import ast
import dataclasses
import json
import os
import subprocess
import sys
import sysconfig

import nbformat
import pytest

from helpers import ROOT


def test_papermill_of_another_environment_runs_a_notebook_in_the_projects_kernel(tmp_path):
    # papermill as a reader's own would run, outside .venv: a Python whose prefix is not .venv's (the one .venv was
    # made from, with .venv's packages on its path), a home folder with no Jupyter in it but the kernel that
    # `make report` and `make lab` register for the user, by the Makefile's own recipe.
    if sys.prefix == sys.base_prefix:
        pytest.skip("the tests run outside a virtual environment: there is no other environment to run papermill from")
    home = tmp_path / "home"
    env = {name: value for name, value in os.environ.items() if not name.startswith(("JUPYTER", "XDG_"))}
    env["HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [env.get("PYTHONPATH"), sysconfig.get_paths()["purelib"]]))
    out = tmp_path / "in_pounds.ipynb"
    papermill = [sys._base_executable, "-m", "papermill", str(ROOT / "notebooks" / "03_article_and_reports.ipynb"),
                 str(out), "-p", "currency", "GBP", "-p", "locale", "fr", "--cwd", str(ROOT / "notebooks"),
                 "--no-progress-bar"]  # fmt: skip
    without = subprocess.run(papermill, env=env, capture_output=True, text=True, timeout=120)
    assert without.returncode != 0 and "No such kernel named figures" in without.stderr  # what the issue met

    made = f"{sys.prefix}/.ready"  # the environment counted as made: nothing is installed
    subprocess.run(["make", "-s", "-o", made, "kernel", f"VENV={sys.prefix}"], cwd=ROOT, env=env, check=True)
    spec = json.loads((home / ".local/share/jupyter/kernels/figures/kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][0] == sys.executable and spec["display_name"] == "Python (figures)"
    subprocess.run(papermill, env=env, check=True, capture_output=True, timeout=600)

    notebook = nbformat.read(out, as_version=4)
    shown = "\n".join(
        output["data"].get("text/markdown", "") + output["data"].get("text/html", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "data" in output
    )
    # The sections of a French report in pounds sterling: its headings and its common currency.
    assert "## La croissance dans une devise commune" in shown and "GBP pour 1 EUR" in shown
    assert "injected-parameters" in notebook.cells[2].metadata.tags
    assert 'currency = "GBP"' in notebook.cells[2].source


def test_every_notebook_takes_the_readers_choices_in_its_parameters_cell():
    from figures.parameters import ReportParameters

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = [
            cell for cell in nbformat.read(path, as_version=4).cells if "parameters" in cell.metadata.get("tags", [])
        ]
        assert len(cells) == 1, path.name
        names = {target.id for node in ast.parse(cells[0].source).body for target in node.targets}
        assert names == {field.name for field in dataclasses.fields(ReportParameters)}, path.name


def test_execute_in_place_runs_through_nbclient_and_records_no_timing(tmp_path):
    from figures.notebooks import execute_in_place

    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")]), tmp_path / "t.ipynb")
    execute_in_place(("t.ipynb",), tmp_path)
    cell = nbformat.read(tmp_path / "t.ipynb", as_version=4).cells[0]
    assert cell.outputs[0]["text"] == "42\n" and "execution" not in cell.metadata
