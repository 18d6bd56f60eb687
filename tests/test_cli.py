"""`python -m figures`: bad input exits non-zero with one line; a good run writes both files."""

import csv
import re
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
        # The terminal is told too, in one line, not only the page: the build's input was not what was asked.
        assert re.fullmatch(
            r"figures: warning: the live rate source failed \(http://127\.0\.0\.1:\d+/api/2017-04-03 answered HTTP"
            r" 500\), so these figures use the ECB's embedded rates instead: every translated figure \(marked in"
            r" comparison\.csv's fx_rate_source\)\n",
            fallback.stderr,
        ), fallback.stderr
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


# Conventions of the command line (issue 21): version, help, full option names, "did you mean", warnings.


def test_version_is_the_projects_own():
    import tomllib

    import figures

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = run("--version")
    assert result.returncode == 0 and result.stdout == f"figures {version}\n", result
    assert figures.__version__ == version  # an environment installed before a version change would say the old one


def test_figures_alone_shows_the_help_not_an_error():
    result = run()
    assert result.returncode == 2
    assert result.stderr.startswith("usage: figures [-h] [--version] COMMAND ...\n"), result.stderr
    assert "error" not in result.stderr
    listed = re.findall(r"^    ([a-z-]+)", result.stderr.split("\ncommands:\n")[1], flags=re.MULTILINE)
    assert listed == ["report", "new", "execute-notebooks", "extract", "import", "sidecar", "rates"]


@pytest.mark.parametrize(
    ("command", "listed"),
    [
        ("report", ["--method {average,closing,spot}", "--rates {ecb,live}", "--locale {en,fr}", "--currency CODE"]),
        ("extract", ["--lang {fr,en,de}"]),
    ],
)
def test_help_lists_the_allowed_values_of_each_choice(command, listed, capsys):
    assert exit_status([command, "--help"]) == 0
    shown = capsys.readouterr().out
    for option in listed:
        assert option in shown, option


def _long_options(parser):
    return [option for action in parser._actions for option in action.option_strings if option.startswith("--")]


REQUIRED = {
    "new": ["f"],
    "extract": ["a", "--out", "b"],
    "import": ["f", "--out", "b"],
    "sidecar": ["f"],
    "rates": ["update"],
}
"""Each command's required arguments, so that an option's prefix is the one thing wrong."""


def test_no_option_is_taken_by_a_prefix_of_its_name(capsys):
    from figures.cli import _parser

    parser = _parser()
    for command, subparser in {"": parser, **parser.commands.choices}.items():
        for option in _long_options(subparser):
            cut = option[:-1]  # "--metho": argparse's default takes it for "--method"
            argv = ([command] if command else []) + REQUIRED.get(command, [])
            assert exit_status([*argv, cut]) == 2, f"{command} {cut}"
            assert f"unrecognized arguments: {cut} (did you mean {option}?)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["report", "--meth", "spot"],
            "figures report: error: unrecognized arguments: --meth spot (did you mean --method?)",
        ),
        (
            ["report", "--curency=GBP"],
            "figures report: error: unrecognized arguments: --curency=GBP (did you mean --currency?)",
        ),
        (
            ["reprot"],
            "figures: error: argument COMMAND: invalid choice: 'reprot' (did you mean report?) (choose from report,"
            " new, execute-notebooks, extract, import, sidecar, rates)",
        ),
        (
            ["report", "--locale", "french"],
            "figures report: error: argument --locale: unknown locale 'french' (did you mean fr?): expected one of"
            " en, fr",
        ),
        (
            ["report", "--method", "avg"],
            "figures report: error: argument --method: unknown method 'avg' (did you mean average?): expected one"
            " of average, closing, spot",
        ),
        (
            ["report", "--rates", "ECB"],
            "figures report: error: argument --rates: unknown rates 'ECB' (did you mean ecb?): expected one of ecb,"
            " live",
        ),
        (["extract", "a.txt", "--out", "b.csv", "--lang", "de-DE"], "unknown language 'de-DE' (did you mean de?)"),
    ],
)
def test_a_typo_gets_one_line_with_what_was_meant(argv, line, capsys):
    assert exit_status(argv) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and line in lines[0], lines


@pytest.mark.parametrize(("given", "meant"), [("GPB", "GBP"), ("RMB", "CNY"), ("yen", "JPY"), ("€", "EUR")])
def test_a_currency_that_is_no_code_of_the_rate_data_gets_the_closest(given, meant, tmp_path, capsys):
    assert exit_status(["report", "--currency", given, "--out", str(tmp_path)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith(f", found {given.upper()!r} (did you mean {meant}?)"), lines


def _claims_folder(tmp_path):
    """A comparison whose claims.csv was filled in after `figures new` wrote its sidecar: the default claims."""
    from figures.case import new_comparison

    claims = new_comparison(tmp_path / "case")[0]
    claims.write_bytes((ROOT / "data" / "article_figures.csv").read_bytes())
    return tmp_path / "case"


def test_a_claims_file_changed_since_its_sidecar_is_warned_of_with_the_command_that_records_it(tmp_path):
    folder = _claims_folder(tmp_path)
    first = run("report", "--comparison", str(folder), "--out", str(tmp_path / "a"))
    assert first.returncode == 0, first.stderr
    [warning] = first.stderr.splitlines()
    claims = folder / "claims.csv"
    assert warning.startswith(f"figures: warning: {claims}: changed since its sidecar claims.csv.meta.json recorded")
    assert warning.endswith(f"; once the file is as you mean it, record it with `figures sidecar {claims}`")
    assert first.stdout.startswith("wrote ")
    command = warning.split("`")[1].split()
    assert command[:2] == ["figures", "sidecar"]
    recorded = run(*command[1:])
    assert recorded.returncode == 0 and recorded.stdout == f"wrote {claims}.meta.json\n", recorded
    again = run("report", "--comparison", str(folder), "--out", str(tmp_path / "b"))
    assert again.returncode == 0 and again.stderr == "", again.stderr


def test_strict_fails_on_a_warning_about_the_inputs_and_writes_nothing(tmp_path):
    folder = _claims_folder(tmp_path)
    strict = run("report", "--comparison", str(folder), "--strict", "--out", str(tmp_path / "out"))
    assert strict.returncode == 1
    warning, error = strict.stderr.splitlines()
    assert warning.startswith(f"figures: warning: {folder / 'claims.csv'}: changed since its sidecar")
    assert error == "figures: error: 1 warning about the inputs (--strict): no report written"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_claims_file_without_a_sidecar_is_warned_of(tmp_path):
    claims = tmp_path / "mine.csv"
    claims.write_bytes((ROOT / "data" / "article_figures.csv").read_bytes())
    result = run("report", "--figures", str(claims), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        f"figures: warning: {claims}: no provenance sidecar (mine.csv.meta.json), so the report cannot say where its"
        f" figures come from; write one with `figures sidecar {claims}`, then fill in its source"
    ]
