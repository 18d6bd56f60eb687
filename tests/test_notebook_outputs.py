"""Charts keep their alternative text wherever the notebooks run: their committed outputs, papermill's, nbconvert's
HTML (which warns "Alternative text is missing" and fills in a placeholder for an image without one)."""

import logging
from html.parser import HTMLParser

import nbformat
import pytest

from figures.report import NOTEBOOKS
from helpers import ROOT

CHARTS = {
    "01_article_figures.ipynb": 0,
    "02_rates_and_methods.ipynb": 2,  # the daily rates behind each basis
    "03_article_and_reports.ipynb": 1,  # the growth bridge
    "04_comparison.ipynb": 7,  # revenue, growth and prior year on each basis, and Alibaba's three reported years
}
"""The charts each notebook shows for the default comparison, counted by hand from the report's sections."""


def _images(page: str) -> list[dict[str, str]]:
    found = []

    class Images(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                found.append(dict(attrs))

    Images().feed(page)
    return found


def _to_html(notebook) -> tuple[str, list[str]]:
    """The notebook through nbconvert's HTML exporter, with what it logged."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter()
    logged: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            logged.append(record.getMessage())

    handler = Keep(level=logging.WARNING)
    exporter.log.addHandler(handler)
    try:
        page, _ = exporter.from_notebook_node(notebook)
    finally:
        exporter.log.removeHandler(handler)
    return page, logged


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_nbconvert_finds_alternative_text_on_every_chart_of_the_committed_notebooks(name):
    page, logged = _to_html(nbformat.read(ROOT / "notebooks" / name, as_version=4))
    assert not [message for message in logged if "Alternative text is missing" in message]
    images = [image for image in _images(page) if image.get("src", "").startswith("data:image/png;base64,")]
    assert len(images) == CHARTS[name]
    for image in images:
        assert len(image.get("alt", "")) > 40 and image["alt"] != "No description has been provided for this image"


def test_papermills_output_keeps_each_charts_alternative_text(tmp_path):
    import papermill

    out = tmp_path / "comparison_in_gbp.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "04_comparison.ipynb"),
        str(out),
        parameters={"currency": "GBP"},
        cwd=str(ROOT / "notebooks"),
        kernel_name="python3",
        progress_bar=False,
    )
    notebook = nbformat.read(out, as_version=4)
    charts = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("metadata", {}).get("figures", {}).get("chart")
    ]
    assert len(charts) == CHARTS["04_comparison.ipynb"]
    for output in charts:
        [image] = _images(output["data"]["text/html"])
        assert image["alt"] == output["data"]["text/plain"] and "GBP" in image["alt"]
    page, logged = _to_html(notebook)
    assert not [message for message in logged if "Alternative text is missing" in message]
    assert all(image.get("alt") for image in _images(page))
