"""Whole processes, as a user runs them, timed in alternation on one machine: ratios only.

Prints:
- `report_vs_nbconvert_empty`: `python -m figures report` (the default case) divided by
  `jupyter nbconvert --execute --to html` on an empty notebook, the floor of any notebook report;
- `twelve_vs_two`: a report on twelve companies in twelve currencies divided by one on two of them,
  each with three reported years (the twelve-company report has six times the charts' panels);
- `tests_vs_report` (with `--tests`): `make test`'s pytest run divided by one report; beside it the
  suite's floor: `tests_collect_vs_report` (collecting the tests, nothing run) and
  `tests_processes_vs_report` (only the tests that start processes of their own: nbval's kernels,
  Chromium, JupyterLab, Dask).
Medians of RUNS alternating runs (default 3), so that a noisy neighbour slows both sides alike.
"""

from __future__ import annotations

import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
JUPYTER = str(Path(sys.executable).with_name("jupyter"))
# Tests that start other processes: the notebooks under nbval (a kernel each), Chromium, a JupyterLab
# server, a Dask cluster (with the Parquet tests of the same file).
PROCESS_TESTS = ("notebooks", "tests/test_browser.py", "tests/test_lab.py", "tests/test_convert_scale.py")
CURRENCIES = ("EUR", "USD", "JPY", "GBP", "CHF", "SEK", "NOK", "DKK", "CNY", "KRW", "AUD", "CAD")


def seconds(command: list[str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def alternate(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            timings[name].append(seconds(command))
    return {name: statistics.median(values) for name, values in timings.items()}


def comparison(folder: Path, companies: int) -> Path:
    """A comparison of `companies` groups, each with a claim and three reported years in its currency."""
    folder.mkdir(parents=True)
    claims_header = next(csv.reader((ROOT / "data" / "article_figures.csv").open(encoding="utf-8")))
    reported_header = next(csv.reader((ROOT / "data" / "reported_figures.csv").open(encoding="utf-8")))
    claims, reported = [], []
    for number, currency in enumerate(CURRENCIES[:companies], start=1):
        company = f"Company {number:02d}"
        common = {"company": company, "currency": currency, "approximate": "false", "source": "A bench"}
        claims.append(
            {
                **common,
                "figure_id": f"c{number}",
                "metric": "revenue",
                "period_start": "2018-01-01",
                "period_end": "2018-12-31",
                "period_inferred": "false",
                "value": str(10 * number),
                "unit": "billion",
                "published": "2019-03-01",
            }
        )
        for year, value in ((2016, 8), (2017, 9), (2018, 10)):
            reported.append(
                {
                    **common,
                    "figure_id": f"r{number}_{year}",
                    "metric": "revenue",
                    "period_start": f"{year}-01-01",
                    "period_end": f"{year}-12-31",
                    "fiscal_label": str(year),
                    "value": str(value * number),
                    "unit": "billion",
                }
            )
    for name, header, rows in (("claims.csv", claims_header, claims), ("reported.csv", reported_header, reported)):
        with (folder / name).open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=header, restval="", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return folder


def main() -> None:
    runs = int(next((arg for arg in sys.argv[1:] if arg.isdigit()), 3))
    scratch = Path(tempfile.mkdtemp(prefix="figures-bench-"))
    try:
        empty = scratch / "empty.ipynb"
        empty.write_text(
            '{"cells": [], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",'
            ' "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}',
            encoding="utf-8",
        )
        report = [PYTHON, "-m", "figures", "report", "--out", str(scratch / "report")]
        floor = [JUPYTER, "nbconvert", "--execute", "--to", "html", str(empty), "--output-dir", str(scratch / "nb")]
        both = alternate({"report": report, "nbconvert": floor}, runs)
        print(f"report_vs_nbconvert_empty: {both['report'] / both['nbconvert']:.2f}")
        sizes = {}
        for companies in (2, 12):
            folder = comparison(scratch / f"case{companies}", companies)
            sizes[companies] = [*report[:4], "--comparison", str(folder), "--currency", "GBP", "--out"]
        cases = alternate({n: [*command, str(scratch / f"out{n}")] for n, command in sizes.items()}, runs)
        print(f"twelve_vs_two: {cases[12] / cases[2]:.2f}")
        if "--tests" in sys.argv:
            pytest = [PYTHON, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile", "-p", "no:cacheprovider"]
            print(f"tests_vs_report: {seconds(pytest) / both['report']:.2f}")
            # The suite's floor: starting it at all, and the tests that start processes of their own.
            print(f"tests_collect_vs_report: {seconds([*pytest, '--collect-only']) / both['report']:.2f}")
            print(f"tests_processes_vs_report: {seconds([*pytest, *PROCESS_TESTS]) / both['report']:.2f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
