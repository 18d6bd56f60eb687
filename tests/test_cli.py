"""`python -m figures`: bad input exits non-zero with one line; a good run writes both files."""

import csv
import subprocess
import sys

import pytest

from figures.cli import main
from helpers import ROOT


def exit_status(argv):
    """What `python -m figures ARGV` exits with, from `main` in this process (argparse exits on usage errors)."""
    try:
        return main(argv)
    except SystemExit as stop:
        return stop.code


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "figures", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--currency", "XYZ"], "expected a common currency among the rate data's (AUD, "),
        (["--method", "median"], "unknown method 'median'"),
        (["--spot-date", "2018-13-01"], "invalid date '2018-13-01'"),
        (["--figures", "no/such/file.csv"], "no/such/file.csv"),
        (["--spot-date", "1990-01-01"], "within the rate data"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(tmp_path, args, expected, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # as `run` does: relative paths from the project's folder
    status = exit_status(["report", "--out", str(tmp_path / "out"), *args])
    stderr = capsys.readouterr().err
    assert status != 0
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_process_exits_with_the_status_and_the_one_line(tmp_path):
    result = run("report", "--out", str(tmp_path / "out"), "--currency", "XYZ")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("figures: error: expected a common currency"), result.stderr


def test_report_in_usd_by_closing_rate(tmp_path, capsys):
    status = exit_status(["report", "--currency", "usd", "--method", "closing", "--out", str(tmp_path)])
    assert status == 0, capsys.readouterr().err
    html = (tmp_path / "comparison.html").read_text(encoding="utf-8")
    assert "Bar chart of revenue in USD million, closing rate at each period&#x27;s end" in html
    assert "<dd>USD</dd>" in html and "closing method" in html
    with (tmp_path / "comparison.csv").open(encoding="utf-8") as stream:
        chosen = [row for row in csv.DictReader(stream) if row["selected"] == "True"]
    assert {(row["currency"], row["fx_method"]) for row in chosen} == {("USD", "closing")}


def _live_env(url, cache):
    import os

    return {**os.environ, "FIGURES_FOREX_URL": url, "FIGURES_CACHE_DIR": str(cache)}


def test_live_report_records_every_rate_and_a_second_build_asks_nothing(tmp_path):
    from forex_server import ForexServer

    with ForexServer() as server:
        env = _live_env(server.url, tmp_path / "cache")
        command = [sys.executable, "-m", "figures", "report", "--rates", "live", "--out", str(tmp_path / "a")]
        first = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
        assert first.returncode == 0, first.stderr
        asked = server.requests
        assert asked > 500  # one request per fixing day of four fiscal years, plus the spot day
        command[-1] = str(tmp_path / "b")
        second = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
        assert second.returncode == 0 and server.requests == asked
    for name in ("comparison.html", "comparison.csv", "live_rates.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    with (tmp_path / "a" / "comparison.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    methods = ("average", "closing", "spot")  # the company's own translations keep the company's rate
    translated = [r for r in rows if r["fx_method"] in methods and r["fx_rate_source"] != "identity"]
    live_source = "forex-python live rates (http://127.0.0.1:"
    assert translated and all(r["fx_rate_source"].startswith(live_source) for r in translated)
    with (tmp_path / "a" / "live_rates.csv").open(encoding="utf-8") as stream:
        log = list(csv.DictReader(stream))
    assert len(log) == asked and set(log[0]) == {"asked", "rates_of", "url", "fetched_at"}
    html = (tmp_path / "a" / "comparison.html").read_text(encoding="utf-8")
    assert "forex-python live rates" in html and "failed" not in html


def test_live_report_falls_back_visibly_or_fails_when_strict(tmp_path):
    from forex_server import ForexServer

    with ForexServer("500") as server:
        env = _live_env(server.url, tmp_path / "cache")
        base = [sys.executable, "-m", "figures", "report", "--rates", "live"]
        fallback = subprocess.run(
            [*base, "--out", str(tmp_path / "a")], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300
        )
        assert fallback.returncode == 0, fallback.stderr
        assert server.requests == 1
        strict = subprocess.run(
            [*base, "--strict", "--out", str(tmp_path / "b")],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=300,
        )
    html = (tmp_path / "a" / "comparison.html").read_text(encoding="utf-8")
    assert "The live rate source failed" in html and "answered HTTP 500" in html
    # Every rate fell back (the CSV below): the page says so, and names the ECB as the rates' source,
    # in the notice, the data date and the appendix, not the live source that gave none.
    assert "These figures use the embedded ECB reference rates instead: every translated figure." in html
    assert "), nothing fetched; fallback ECB reference rates to " in html
    assert "Rates: European Central Bank, euro foreign exchange reference rates" in html
    assert "(the live source failed). The ECB quotes" in html and "Rates: forex-python" not in html
    with (tmp_path / "a" / "comparison.csv").open(encoding="utf-8") as stream:
        methods = ("average", "closing", "spot")
        rows = [r for r in csv.DictReader(stream) if r["fx_method"] in methods and r["fx_rate_source"] != "identity"]
    assert all("(fallback: live source failed: " in r["fx_rate_source"] for r in rows)
    assert strict.returncode != 0
    lines = strict.stderr.strip().splitlines()
    assert len(lines) == 1 and "live rates unavailable (--strict)" in lines[0] and "HTTP 500" in lines[0]
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())
