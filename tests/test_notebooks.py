"""The notebooks run under Jupyter's engines: nbclient (`make notebooks`) and papermill, parameters injected."""

import nbformat

from helpers import ROOT


def test_papermill_runs_a_notebook_with_the_readers_parameters(tmp_path):
    import papermill

    out = tmp_path / "growth_in_usd.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "03_article_and_reports.ipynb"),
        str(out),
        parameters={"currency": "USD", "locale": "fr"},
        cwd=str(ROOT / "notebooks"),
        kernel_name="python3",
        progress_bar=False,
    )
    notebook = nbformat.read(out, as_version=4)
    shown = "\n".join(
        output["data"].get("text/markdown", "") + output["data"].get("text/html", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "data" in output
    )
    # The sections of a French report in US dollars: its headings and its common currency.
    assert "## La croissance dans une devise commune" in shown and "USD pour 1 EUR" in shown
    assert "injected-parameters" in notebook.cells[2].metadata.tags


def test_execute_in_place_runs_through_nbclient_and_records_no_timing(tmp_path):
    from figures.notebooks import execute_in_place

    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")]), tmp_path / "t.ipynb")
    execute_in_place(("t.ipynb",), tmp_path)
    cell = nbformat.read(tmp_path / "t.ipynb", as_version=4).cells[0]
    assert cell.outputs[0]["text"] == "42\n" and "execution" not in cell.metadata
