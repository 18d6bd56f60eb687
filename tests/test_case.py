"""A comparison is its data: a folder that `figures new` starts, which `figures report` reads."""

import csv
import hashlib
import json
import re
import subprocess
import sys

import pytest

from figures.case import new_comparison, open_comparison
from figures.errors import FiguresError
from figures.load import load_figures
from helpers import ROOT, claim


def test_new_writes_headers_sidecars_and_narratives(tmp_path):
    folder = tmp_path / "case"
    written = new_comparison(folder)
    assert sorted(p.relative_to(folder).as_posix() for p in written) == [
        "claims.csv",
        "claims.csv.meta.json",
        "narrative/en.md",
        "narrative/fr.md",
        "reported.csv",
        "reported.csv.meta.json",
    ]
    with (ROOT / "data" / "article_figures.csv").open(encoding="utf-8") as stream:
        assert (folder / "claims.csv").read_text(encoding="utf-8") == stream.readline()
    sidecar = json.loads((folder / "claims.csv.meta.json").read_text(encoding="utf-8"))
    payload = (folder / "claims.csv").read_bytes()
    assert sidecar["file"] == "claims.csv" and sidecar["sha256"] == hashlib.sha256(payload).hexdigest()
    assert set(sidecar["columns"]) == set(next(csv.reader([payload.decode()])))


def test_new_never_overwrites(tmp_path):
    new_comparison(tmp_path)
    (tmp_path / "claims.csv").write_text("mine", encoding="utf-8")
    with pytest.raises(FiguresError, match="existing comparison file"):
        new_comparison(tmp_path)
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8") == "mine"


def test_a_filled_in_comparison_loads(tmp_path):
    new_comparison(tmp_path)
    row = claim("a", "Alpha", "revenue", "2018-01-01", "2018-12-31", 10, "billion", "GBP")
    with (tmp_path / "claims.csv").open("a", encoding="utf-8", newline="") as stream:
        csv.DictWriter(stream, fieldnames=list(row), lineterminator="\n").writerow(row)
    case = open_comparison(tmp_path)
    assert case.reported is None or case.reported.name == "reported.csv"
    assert list(load_figures(case.claims)["company"]) == ["Alpha"]
    assert case.narrative("en") == ""


def test_an_empty_reported_file_means_no_reported_figures(tmp_path):
    new_comparison(tmp_path)
    row = claim("a", "Alpha", "revenue", "2018-01-01", "2018-12-31", 10, "billion", "GBP")
    with (tmp_path / "claims.csv").open("a", encoding="utf-8", newline="") as stream:
        csv.DictWriter(stream, fieldnames=list(row), lineterminator="\n").writerow(row)
    table = open_comparison(tmp_path).table(currency="GBP")
    assert set(table.rows["basis"]) == {"article"}


def test_a_folder_without_claims_is_refused(tmp_path):
    with pytest.raises(FiguresError, match=r"claims\.csv"):
        open_comparison(tmp_path)


def test_the_default_narrative_stays_with_the_default_case(tmp_path):
    assert "Vivendi" in open_comparison().narrative("en") and "Vivendi" in open_comparison().narrative("fr")
    assert open_comparison(figures_path=tmp_path / "other.csv").narrative("en") == ""


def test_the_console_command_starts_a_comparison(tmp_path):
    figures = ROOT / ".venv" / "bin" / "figures"
    command = [str(figures)] if figures.exists() else [sys.executable, "-m", "figures"]
    result = subprocess.run([*command, "new", str(tmp_path / "case")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "case" / "claims.csv").is_file() and "figures report --comparison" in result.stdout


def test_a_narrative_loses_its_control_characters(tmp_path):
    folder = tmp_path / "case"
    new_comparison(folder)
    (folder / "narrative" / "en.md").write_bytes("A NUL\x00, an ESC\x1b[2J and a \u202ereversal\u202c.\r\n".encode())
    assert open_comparison(folder).narrative("en") == "A NUL, an ESC[2J and a reversal."


def test_a_narrative_beyond_one_mebibyte_is_refused(tmp_path):
    folder = tmp_path / "case"
    new_comparison(folder)
    with (folder / "narrative" / "en.md").open("wb") as stream:
        stream.truncate(700 * 1024 * 1024)  # sparse
    with pytest.raises(FiguresError) as raised:
        open_comparison(folder).narrative("en")
    assert str(raised.value).endswith("en.md: expected a narrative of at most 1,048,576 bytes (1 MiB), found more")


def test_a_huge_reported_file_counts_as_one_with_rows_and_is_refused_by_its_size(tmp_path):
    folder = tmp_path / "case"
    new_comparison(folder)
    with (folder / "reported.csv").open("r+b") as stream:
        stream.truncate(700 * 1024 * 1024)  # its header, then sparse bytes
    case = open_comparison(folder)
    assert case.reported == folder / "reported.csv"
    with pytest.raises(FiguresError, match=r"reported.csv: expected a file of at most 2,097,152 bytes"):
        load_figures(case.reported)


def test_refreshing_a_sidecar_records_the_file_as_it_now_is_and_keeps_the_rest(tmp_path):
    from figures.case import refresh_sidecar

    claims = new_comparison(tmp_path / "case")[0]
    sidecar_file = tmp_path / "case" / "claims.csv.meta.json"
    before = json.loads(sidecar_file.read_text(encoding="utf-8"))
    before |= {"title": "Acme's results release", "source_kind": "press_release"}  # filled in by hand
    sidecar_file.write_text(json.dumps(before), encoding="utf-8")
    payload = (ROOT / "data" / "article_figures.csv").read_bytes()
    claims.write_bytes(payload)
    assert refresh_sidecar(claims) == sidecar_file
    after = json.loads(sidecar_file.read_text(encoding="utf-8"))
    recorded = json.loads((ROOT / "data" / "article_figures.csv.meta.json").read_text(encoding="utf-8"))
    assert after == before | {"sha256": recorded["sha256"], "size_bytes": recorded["size_bytes"]}


def test_a_file_without_a_sidecar_gets_one_to_fill_in(tmp_path):
    from figures.case import refresh_sidecar

    reported = tmp_path / "mine.csv"
    reported.write_bytes((ROOT / "data" / "reported_figures.csv").read_bytes())
    sidecar = json.loads(refresh_sidecar(reported).read_text(encoding="utf-8"))
    assert sidecar["file"] == "mine.csv" and sidecar["size_bytes"] == reported.stat().st_size
    assert sidecar["title"] == sidecar["citation"] == sidecar["url"] == ""
    assert "source_kind" not in sidecar  # reported figures come from the companies: no kind to choose
    assert "fx_rate" in sidecar["columns"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("date,USD\n2018-01-02,1.2065\n", "row 0: expected a claims file (the columns of article_figures.csv) or"),
        (None, "row 1, column 'value': expected a positive amount"),
    ],
)
def test_only_a_figures_file_the_loader_accepts_is_recorded(tmp_path, content, expected):
    from figures.case import refresh_sidecar

    path = tmp_path / "claims.csv"
    if content is None:  # the default claims, the first revenue made negative
        content = (ROOT / "data" / "article_figures.csv").read_text(encoding="utf-8").replace(",39.9,", ",-39.9,")
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FiguresError, match=re.escape(expected)):
        refresh_sidecar(path)
    assert not (tmp_path / "claims.csv.meta.json").exists()


def test_the_sidecar_command_refuses_in_one_line(tmp_path):
    figures = ROOT / ".venv" / "bin" / "figures"
    command = [str(figures)] if figures.exists() else [sys.executable, "-m", "figures"]
    result = subprocess.run(
        [*command, "sidecar", str(ROOT / "data" / "ecb_eurofxref_hist.csv")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("figures: error: ") and "ecb_eurofxref_hist.csv, row 0: expected a claims file" in line
