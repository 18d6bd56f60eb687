"""`python -m figures`: bad input exits non-zero with one line; a good run writes both files."""

import csv
import subprocess
import sys

import pytest

from helpers import ROOT


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "figures", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--currency", "GBP"], "unknown currency 'GBP'"),
        (["--method", "median"], "unknown method 'median'"),
        (["--spot-date", "2018-13-01"], "invalid date '2018-13-01'"),
        (["--figures", "no/such/file.csv"], "no/such/file.csv"),
        (["--spot-date", "1990-01-01"], "within the rate data"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(tmp_path, args, expected):
    result = run("report", "--out", str(tmp_path / "out"), *args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_report_in_usd_by_closing_rate(tmp_path):
    result = run("report", "--currency", "usd", "--method", "closing", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "comparison.html").read_text(encoding="utf-8")
    assert "Bar chart of revenue in USD million, closing rate at each period&#x27;s end" in html
    assert "<dd>USD</dd>" in html and "closing method" in html
    with (tmp_path / "comparison.csv").open(encoding="utf-8") as stream:
        chosen = [row for row in csv.DictReader(stream) if row["selected"] == "True"]
    assert {(row["currency"], row["fx_method"]) for row in chosen} == {("USD", "closing")}
