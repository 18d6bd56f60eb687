"""`figures rates update`: the ECB's history downloaded from a server on 127.0.0.1, checked, kept beside the
embedded snapshot; and the builds that then take the newest copy that passes its checks."""

import csv
import datetime as dt
import hashlib
import json
import logging
import time

import pytest
from ecb_server import EcbServer, ecb_history_text, ecb_zip

from figures.cli import main
from figures.errors import FiguresError
from figures.paths import updated_ecb_rates
from figures.rates import load_ecb_rates
from figures.rates_update import newest_ecb_rates, update_rates
from helpers import ECB_FILE, claim, write_figures

TODAY = dt.date(2026, 12, 6)
# Three fixing days after the embedded snapshot's last (Friday 30 October 2026), made up for the tests: USD per EUR
# 1.15, 1.18 and 1.20, GBP on the first day only, no rate for any other currency.
NEWER = [
    {"date": "2026-11-02", "USD": "1.15", "GBP": "0.84"},
    {"date": "2026-11-03", "USD": "1.18"},
    {"date": "2026-11-06", "USD": "1.2"},
]
EMBEDDED_SHA256 = hashlib.sha256(ECB_FILE.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    home = tmp_path / "data-home"
    monkeypatch.setenv("FIGURES_DATA_HOME", str(home))
    yield home
    assert hashlib.sha256(ECB_FILE.read_bytes()).hexdigest() == EMBEDDED_SHA256  # never written over


def update_from(body: bytes, mode: str = "ok", delay_s: float = 0.0, *, limit_s: float = 10, **server):
    with EcbServer(body, mode, delay_s, **server) as ecb:
        return update_rates(url=ecb.url, limit_s=limit_s, today=TODAY), ecb


def refused(body: bytes, match: str, **options):
    with pytest.raises(FiguresError, match=match) as caught:
        update_from(body, **options)
    assert not updated_ecb_rates().exists() and not updated_ecb_rates().parent.exists()
    return str(caught.value)


def test_an_update_keeps_the_ecbs_newer_history_beside_the_embedded_snapshot(data_home):
    body = ecb_zip(ecb_history_text(NEWER))
    update, ecb = update_from(body)
    assert ecb.requests == 1
    assert update.path == data_home / "rates" / "ecb_eurofxref_hist.csv"
    assert (update.first_date, update.last_date) == (dt.date(1999, 1, 4), dt.date(2026, 11, 6))
    assert update.fixing_days == 7126 + 3  # the embedded snapshot's days and the three new ones
    assert "before: to 2026-10-30, the embedded snapshot" in update.summary()
    kept = list(csv.reader(update.path.open(encoding="utf-8")))
    assert kept[0] == next(csv.reader(ECB_FILE.open(encoding="utf-8")))  # the snapshot's format and columns
    last = dict(zip(kept[0], kept[-1], strict=True))
    assert (last["date"], last["USD"], last["GBP"]) == ("2026-11-06", "1.2", "")
    sidecar = json.loads((data_home / "rates" / "ecb_eurofxref_hist.csv.meta.json").read_text(encoding="utf-8"))
    assert sidecar["sha256"] == hashlib.sha256(update.path.read_bytes()).hexdigest()
    assert sidecar["download_sha256"] == hashlib.sha256(body).hexdigest()
    assert (sidecar["url"], sidecar["date_accessed"], sidecar["last_date"]) == (ecb.url, "2026-12-06", "2026-11-06")
    # Not the ECB's own address: the citation keeps the ECB's words and says which address served them.
    assert sidecar["citation"].endswith(f", as served by {ecb.url}")
    assert sidecar["citation"].startswith(load_ecb_rates().provenance["citation"])
    assert sorted(path.name for path in update.path.parent.iterdir()) == [
        "ecb_eurofxref_hist.csv",
        "ecb_eurofxref_hist.csv.meta.json",
    ]  # nothing half-written left behind
    newest = newest_ecb_rates(TODAY)
    assert newest.last_date == dt.date(2026, 11, 6)
    assert newest.rate_on("EUR", "USD", dt.date(2026, 11, 3)).rate == 1.18
    assert newest.rate_on("EUR", "USD", dt.date(2018, 7, 3)).rate == 1.1665  # the past as the ECB fixed it
    assert newest.source.endswith(", snapshot to 2026-11-06 (updated copy, downloaded 2026-12-06)")
    assert load_ecb_rates().last_date == dt.date(2026, 10, 30)  # the embedded snapshot is still the embedded one


def test_a_download_cut_off_at_its_deadline_leaves_nothing(data_home):
    started = time.monotonic()
    message = refused(ecb_zip(ecb_history_text(NEWER)), "within 1 s", mode="drip", delay_s=0.05, limit_s=1)
    assert time.monotonic() - started < 4  # one limit for connecting and every read, not one per read
    assert "cut off" in message
    refused(b"", "within 1 s", mode="hang", limit_s=1)


def test_an_answer_that_is_no_zip_is_refused():
    refused(b"<html><body>Maintenance</body></html>", r"expected a zip archive .*found b'<html>")
    refused(ecb_zip(b"<html>Maintenance</html>"), r"header 'Date,USD,...', found \['<html>Maintenance</html>'\]")
    refused(ecb_zip(b"\xff\xfe" + ecb_history_text().encode("utf-16-le")), "expected eurofxref-hist.csv in UTF-8")
    refused(b"", "HTTP 500", mode="500")


def test_a_truncated_zip_is_refused():
    body = ecb_zip(ecb_history_text(NEWER))
    refused(body[: len(body) // 2], "expected a whole, readable zip archive")


def test_a_zip_with_another_file_or_a_path_for_a_name_is_refused():
    text = ecb_history_text(NEWER)
    refused(ecb_zip(text, more={"evil.sh": b"rm -rf ~"}), r"expected one file, 'eurofxref-hist.csv', .*found 2")
    refused(ecb_zip(text, name="../../.bashrc"), r"found 1: '../../.bashrc'")
    refused(ecb_zip(text, name="/etc/eurofxref-hist.csv"), r"found 1: '/etc/eurofxref-hist.csv'")


def test_an_answer_too_large_is_cut_off():
    refused(b"PK\x03\x04" + bytes(9 * 2**20), "expected at most 8,388,608 bytes, cut off there")
    bomb = ecb_zip(bytes(33 * 2**20))  # 33 MiB of zeros, deflated to about 33 kB
    assert len(bomb) < 100_000
    refused(bomb, r"expected eurofxref-hist.csv of at most 33,554,432 bytes, found 34,603,008")


def test_a_redirect_is_refused_with_where_it_points():
    refused(b"", r"redirect \(HTTP 302\) to 'https://example.org/x.zip', not followed", mode="redirect",
            location="https://example.org/x.zip")  # fmt: skip


def test_a_history_that_goes_backwards_is_refused(data_home):
    refused(ecb_zip(ecb_history_text(through="2026-10-29")), "no older than the embedded snapshot .to 2026-10-30.")
    update_from(ecb_zip(ecb_history_text(NEWER)))
    kept = updated_ecb_rates().read_bytes()
    with pytest.raises(FiguresError, match=r"no older than the copy it would replace \(to 2026-11-06\), found one to"):
        update_from(ecb_zip(ecb_history_text(NEWER[:2])))
    assert updated_ecb_rates().read_bytes() == kept


def test_a_history_that_rewrites_the_past_or_breaks_the_ecbs_format_is_refused():
    text = ecb_history_text(NEWER)
    changed = text.replace("\n2018-07-03,1.1665,", "\n2018-07-03,1.2665,")
    refused(ecb_zip(changed), r"found USD on 2018-07-03 1.2665 instead of 1.1665")
    refused(ecb_zip(text.replace("\n2018-07-03,", "\n2018-07-07,")), r"row \d+, column 'Date': .* found '2018-07-07'")
    refused(ecb_zip(text.replace("2026-11-06,1.2,", "2026-11-06,-1.2,")), r"column 'USD': expected a rate above zero")
    refused(ecb_zip(text.replace("2026-11-06,1.2,", "2026-11-06,1e400,")), r"found '1e400'")
    refused(ecb_zip(text.replace("2026-11-06,1.2,", "2026-11-06,NaN,")), r"found 'NaN'")
    refused(ecb_zip(text.replace("2026-11-06,1.2,", "2026-11-06,0.00,")), r"column 'USD': .* found '0.00'")
    refused(ecb_zip(text.replace("2026-11-06,1.2,", '2026-11-06,"1,2",')), r"column 'USD': .* found '1,2'")
    refused(ecb_zip(text.replace("Date,USD,", "Date,USD,ABC,", 1)), r"expected ISO 4217 .* found 'ABC'")
    future = [{"date": "2027-01-04", "USD": "1.2"}]
    refused(ecb_zip(ecb_history_text(future)), r"no fixing after today \(2026-12-06\), found 2027-01-04")


def test_a_tampered_copy_is_refused_with_a_warning_and_the_embedded_snapshot_used(data_home, caplog):
    update_from(ecb_zip(ecb_history_text(NEWER)))
    path, sidecar_file = updated_ecb_rates(), updated_ecb_rates().with_name("ecb_eurofxref_hist.csv.meta.json")
    pristine = path.read_bytes()
    assert newest_ecb_rates(TODAY).last_date == dt.date(2026, 11, 6)

    # A rate of the past changed, its sidecar's checksum and size made to match: the checksum alone cannot tell.
    edited = pristine.replace(b"\n2018-07-03,1.1665,", b"\n2018-07-03,1.2665,")
    path.write_bytes(edited)
    sidecar = json.loads(sidecar_file.read_text(encoding="utf-8"))
    sidecar_file.write_text(
        json.dumps({**sidecar, "sha256": hashlib.sha256(edited).hexdigest(), "size_bytes": len(edited)}),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="figures.rates_update"):
        chosen = newest_ecb_rates(TODAY)
    assert chosen is load_ecb_rates()
    assert "updated ECB rates refused" in caplog.text
    assert "found USD on 2018-07-03 1.2665 instead of 1.1665" in caplog.text
    assert "using the embedded snapshot (to 2026-10-30)" in caplog.text

    caplog.clear()  # a rate of a new day changed, the sidecar left alone: the checksum tells
    path.write_bytes(pristine.replace(b"2026-11-06,1.2,", b"2026-11-06,9.2,"))
    sidecar_file.write_text(json.dumps(sidecar), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="figures.rates_update"):
        assert newest_ecb_rates(TODAY) is load_ecb_rates()
    assert "the file was changed" in caplog.text

    caplog.clear()  # the sidecar gone
    path.write_bytes(pristine)
    sidecar_file.unlink()
    with caplog.at_level(logging.WARNING, logger="figures.rates_update"):
        assert newest_ecb_rates(TODAY) is load_ecb_rates()
    assert "expected a provenance sidecar" in caplog.text

    caplog.clear()  # a broken copy on disk does not stop an update: it is replaced
    update_from(ecb_zip(ecb_history_text(NEWER[:1])))
    assert newest_ecb_rates(TODAY).last_date == dt.date(2026, 11, 2)


def test_a_report_built_after_an_update_uses_the_newer_rates(data_home, tmp_path, monkeypatch, capsys):
    case = tmp_path / "case"
    case.mkdir()
    # Revenue of 1,200 million US dollars over 2 to 5 November 2026, published on the 6th: days past the embedded
    # snapshot's end (30 October).
    period = ("2026-11-02", "2026-11-05")
    write_figures(case / "claims.csv", [claim("w", "Week Group", "revenue", *period, 1200, "million", "USD",
                                              published="2026-11-06")])  # fmt: skip
    out = tmp_path / "out"
    assert main(["report", "--comparison", str(case), "--out", str(out)]) == 1
    assert "expected a date within the rate data (USD/EUR from 1999-01-04 to 2026-10-30)" in capsys.readouterr().err

    with EcbServer(ecb_zip(ecb_history_text(NEWER))) as ecb:
        monkeypatch.setenv("FIGURES_ECB_URL", ecb.url)
        assert main(["rates", "update"]) == 0
    assert f"wrote {data_home / 'rates' / 'ecb_eurofxref_hist.csv'}: ECB reference rates" in capsys.readouterr().out
    assert main(["report", "--comparison", str(case), "--out", str(out)]) == 0

    rows = list(csv.DictReader((out / "comparison.csv").open(encoding="utf-8")))
    in_eur = {row["fx_method"]: row for row in rows if row["currency"] == "EUR" and row["figure_id"] == "w"}
    # average: the mean of EUR per USD over the period's two fixing days (2 and 3 November); closing: the last fixing
    # on or before 5 November, the 3rd's (1.18); spot: the fixing of the publication day, 6 November (1.20).
    assert float(in_eur["average"]["value"]) == pytest.approx(1200 * (1 / 1.15 + 1 / 1.18) / 2, rel=1e-12)
    assert float(in_eur["average"]["value"]) == pytest.approx(1030.21, abs=0.005)
    assert float(in_eur["closing"]["value"]) == pytest.approx(1200 / 1.18, rel=1e-12)
    assert float(in_eur["spot"]["value"]) == pytest.approx(1000.0, rel=1e-12)
    assert in_eur["average"]["fx_fixing_days"] == "2" and in_eur["closing"]["fx_last_fixing"] == "2026-11-03"
    today = dt.date.today().isoformat()
    source = f"snapshot to 2026-11-06 (updated copy, downloaded {today})"
    assert in_eur["average"]["fx_rate_source"].endswith(source)
    page = (out / "comparison.html").read_text(encoding="utf-8")
    assert source in page  # the rates used, named in the page
    assert ecb.url in page  # the address the copy came from, among the sources


def test_a_refused_copy_is_an_input_warning_and_strict_writes_nothing(data_home, tmp_path, capsys):
    update_from(ecb_zip(ecb_history_text(NEWER)))
    path = updated_ecb_rates()
    path.write_bytes(path.read_bytes().replace(b"2026-11-06,1.2,", b"2026-11-06,9.2,"))  # the checksum tells

    out = tmp_path / "strict"
    assert main(["report", "--strict", "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("figures: warning: updated ECB rates refused: ")
    assert err[0].endswith("; using the embedded snapshot (to 2026-10-30)")
    assert err[-1] == "figures: error: 1 warning about the inputs (--strict): no report written"
    assert not out.exists() or not any(out.iterdir())

    out = tmp_path / "plain"  # without --strict: told once, and the report is built on the embedded snapshot
    assert main(["report", "--out", str(out)]) == 0
    told = [line for line in capsys.readouterr().err.splitlines() if "updated ECB rates refused" in line]
    assert len(told) == 1
    assert (out / "comparison.html").exists()
