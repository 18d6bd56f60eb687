"""What a build warns about its own inputs: one line each, naming the file and the command that fixes it."""

import json
import shlex

from figures.case import new_comparison, open_comparison, refresh_sidecar
from figures.input_warnings import input_warnings, sidecar_warning
from helpers import ARTICLE_FILE, claim, write_figures


def test_the_default_case_warns_of_nothing():
    case = open_comparison()
    assert input_warnings([case.claims, case.reported], case.table()) == []


def test_a_file_in_the_current_folder_is_named_as_typed_and_quoted_for_the_shell(tmp_path, monkeypatch):
    folder = tmp_path / "my case"
    claims = new_comparison(folder)[0]
    claims.write_bytes(ARTICLE_FILE.read_bytes())
    monkeypatch.chdir(tmp_path)
    warning = sidecar_warning(claims)
    assert warning.startswith(
        "my case/claims.csv: changed since its sidecar claims.csv.meta.json recorded it (SHA-256 "
    )
    assert warning.endswith("record it with `figures sidecar 'my case/claims.csv'`")
    assert shlex.split(warning.split("`")[1]) == ["figures", "sidecar", "my case/claims.csv"]
    refresh_sidecar(claims)
    assert sidecar_warning(claims) is None


def test_the_recorded_and_the_present_checksums_are_both_shown(tmp_path):
    claims = write_figures(
        tmp_path / "claims.csv", [claim("a", "Alpha", "revenue", "2018-01-01", "2018-12-31", 1, "billion", "GBP")]
    )
    sidecar_file = refresh_sidecar(claims)
    sidecar_file.write_text(json.dumps(json.loads(sidecar_file.read_text()) | {"sha256": "0123456789ab" + "0" * 52}))
    assert "(SHA-256 0123456789ab…, now " in sidecar_warning(claims)


def test_figures_the_rate_data_cannot_translate_are_warned_of(tmp_path):
    # Growth over the ECB's first year of fixings (from 4 January 1999) implies a revenue a year before them.
    rows = [
        claim("o_rev", "Omega plc", "revenue", "1999-01-04", "1999-12-31", 2, "billion", "GBP"),
        claim("o_growth", "Omega plc", "revenue_growth", "1999-01-04", "1999-12-31", 10, "percent", "GBP"),
    ]
    claims = write_figures(tmp_path / "claims.csv", rows)
    refresh_sidecar(claims)
    case = open_comparison(figures_path=claims)
    assert input_warnings([case.claims, None], case.table(currency="EUR")) == [
        "not translated, for want of rates over their periods: o_rev__prior_implied (no rates for its period)"
    ]
