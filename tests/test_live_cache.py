"""The live cache: an answer read back from disk is checked exactly as a live one, and a bad one is never used."""

import datetime as dt
import json

import pytest

from figures.live import LiveCache, LiveCurrencyRates, LiveRateTable
from figures.rates import load_ecb_rates
from figures.tabulate import comparison_table
from forex_server import ForexServer, refused_url

D = dt.date
DAY = D(2018, 7, 3)  # the ECB fixed USD at 1.1665 per EUR that day


def live(url, tmp_path, *, cache_url=None):
    client = LiveCurrencyRates(url, timeout_s=2.0)
    cache = LiveCache(tmp_path, cache_url or url)
    return LiveRateTable(load_ecb_rates(), client=client, cache=cache, progress=False)


def cached_record(tmp_path, url):
    """Fill the cache for DAY from a well-behaved server; the file and its record."""
    with ForexServer() as server:
        live(server.url, tmp_path, cache_url=url).rate_on("EUR", "USD", DAY)
    path = LiveCache(tmp_path, url)._path("EUR", DAY)
    return path, json.loads(path.read_text(encoding="utf-8"))


POISONS = {
    "negative": (lambda r: r["rates"].update(USD=-1.17), "invalid rate for USD: -1.17"),
    "zero": (lambda r: r["rates"].update(USD=0), "invalid rate for USD: 0"),
    "NaN": (lambda r: r["rates"].update(USD=float("nan")), "invalid rate for USD: nan"),
    "Infinity": (lambda r: r["rates"].update(USD=float("inf")), "invalid rate for USD: inf"),
    "text": (lambda r: r["rates"].update(USD="1.17"), "invalid rate for USD: '1.17'"),
    "huge integer": (lambda r: r["rates"].update(USD=10**400), "invalid rate for USD: 1000000"),  # beyond a float
    "absurd": (lambda r: r["rates"].update(USD=1e300), "1e+300 USD per EUR for 2018-07-03, more than a factor of 2"),
    "other base": (lambda r: r.update(base="USD"), "rates for base 'USD', not 'EUR'"),
    "later date": (lambda r: r.update(date="2026-10-30"), "rates of 2026-10-30 for 2018-07-03"),
    "other day asked": (lambda r: r.update(asked="2018-07-04"), "an answer for 2018-07-04, not 2018-07-03"),
    "unchecked": (lambda r: r.pop("validated"), "no record of what it was checked against"),
}


@pytest.mark.parametrize("poison", POISONS, ids=list(POISONS))
def test_a_poisoned_cache_entry_is_discarded_and_fetched_again(tmp_path, poison):
    change, reason = POISONS[poison]
    with ForexServer() as server:
        path, record = cached_record(tmp_path, server.url)
        change(record)
        path.write_text(json.dumps(record), encoding="utf-8")  # NaN and Infinity as Python's json writes them
        table = live(server.url, tmp_path)
        applied = table.rate_on("EUR", "USD", DAY)
        assert (applied.rate, applied.provider, applied.fell_back) == (1.1665, "live", False)
        assert server.requests == 1  # asked again: the cached answer was not used
    assert len(table.cache.discarded) == 1
    assert table.cache.discarded[0].startswith(f"{path}: discarded: ") and reason in table.cache.discarded[0]
    assert json.loads(path.read_text(encoding="utf-8"))["rates"]["USD"] == 1.1665  # replaced by the fresh answer


@pytest.mark.parametrize("poison", ["negative", "NaN", "absurd"])
def test_a_poisoned_cache_entry_is_never_used_when_the_source_is_down(tmp_path, poison):
    # The case: a cached -1.17 published a revenue of -8,547 million, with no request made.
    url = refused_url()
    path, record = cached_record(tmp_path, url)
    POISONS[poison][0](record)
    path.write_text(json.dumps(record), encoding="utf-8")
    table = live(url, tmp_path)
    applied = table.rate_on("EUR", "USD", DAY)
    assert (applied.rate, applied.provider, applied.fell_back) == (1.1665, "ECB", True)
    assert not path.exists()
    whole = comparison_table(rates=table).rows
    revenue = whole[(whole["metric"] == "revenue") & (whole["derived"] == "translated")]
    assert not revenue.empty and (revenue["value"] > 0).all()


def test_a_cached_answer_carries_what_it_was_checked_against(tmp_path):
    _, record = cached_record(tmp_path, "http://127.0.0.1:1/api/")
    assert record["validated"] == {
        "asked": "2018-07-03",
        "base": "EUR",
        "checks": "rates finite and positive; base EUR; dated 2018-07-03 or up to 7 days before;"
        " major currencies within a factor of 2 of the ECB",
        "reference": "European Central Bank, euro foreign exchange reference rates (eurofxref-hist),"
        " snapshot to 2026-10-30",
        "reference_date": "2018-07-03",
    }


def test_a_good_cached_answer_is_used_without_a_request(tmp_path):
    url = refused_url()
    cached_record(tmp_path, url)
    table = live(url, tmp_path)
    applied = table.rate_on("EUR", "USD", DAY)
    assert (applied.rate, applied.provider, applied.fell_back) == (1.1665, "live", False)
    assert table.cache.discarded == [] and table.client.requests_made == 0


def test_a_discarded_cache_entry_is_told_as_a_warning(tmp_path, caplog):
    # The page does not depend on the cache (a rebuild gives the same bytes); the terminal hears of it.
    with ForexServer() as server:
        path, record = cached_record(tmp_path, server.url)
        record["rates"]["USD"] = -1.17
        path.write_text(json.dumps(record), encoding="utf-8")
        with caplog.at_level("WARNING", logger="figures.live_cache"):
            live(server.url, tmp_path).rate_on("EUR", "USD", DAY)
    assert [r.getMessage() for r in caplog.records] == [
        f"figures: warning: rate cache {path} failed its checks ({record['url']} answered an invalid rate"
        " for USD: -1.17): discarded, asked again"
    ]


def test_a_folder_where_a_cache_entry_belongs_is_discarded_not_an_error(tmp_path):
    # Found by fuzzing: a folder in an answer's place ended the build in IsADirectoryError.
    with ForexServer() as server:
        path, _ = cached_record(tmp_path, server.url)
        path.unlink()
        (path / "inside").mkdir(parents=True)
        table = live(server.url, tmp_path)
        applied = table.rate_on("EUR", "USD", DAY)
        assert (applied.rate, applied.provider, server.requests) == (1.1665, "live", 1)
    assert table.cache.discarded == [f"{path}: discarded: unreadable (IsADirectoryError)"]
    assert json.loads(path.read_text(encoding="utf-8"))["rates"]["USD"] == 1.1665
