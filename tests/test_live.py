"""The live source against a real local server: every failure has a defined outcome, within seconds."""

import datetime as dt
import json
import threading
import time

import pytest

from figures.errors import FiguresError
from figures.live import LiveCache, LiveCurrencyRates, LiveRateTable
from figures.rates import load_ecb_rates
from figures.tabulate import comparison_table
from forex_server import ForexServer, refused_url

D = dt.date


def live(url, tmp_path, *, strict=False, timeout_s=2.0, budget_s=25.0):
    client = LiveCurrencyRates(url, timeout_s=timeout_s, budget_s=budget_s)
    return LiveRateTable(load_ecb_rates(), client=client, cache=LiveCache(tmp_path, url), strict=strict, progress=False)


def test_normal_answer_is_used_and_recorded(tmp_path):
    with ForexServer() as server:
        table = live(server.url, tmp_path)
        start = time.monotonic()
        spot = table.rate_on("EUR", "USD", D(2018, 7, 3))
        assert spot.rate == 1.1665 and spot.provider == "live"  # the ECB fixing the server serves
        assert spot.fell_back is False
        assert spot.source.startswith(f"forex-python live rates ({server.url}), fetched ")
        cross = table.rate_on("USD", "CNY", D(2018, 7, 3))
        assert cross.rate == pytest.approx(7.7481 / 1.1665)
        average = table.average_rate("EUR", "USD", D(2018, 6, 1), D(2018, 6, 30))
        ecb = load_ecb_rates().average_rate("EUR", "USD", D(2018, 6, 1), D(2018, 6, 30))
        assert average.rate == pytest.approx(ecb.rate) and average.fixing_days == ecb.fixing_days == 21
        assert time.monotonic() - start < 5
        log = table.fetch_log()
        assert list(log.columns) == ["asked", "rates_of", "url", "fetched_at"]
        spot_row = log[log["asked"] == D(2018, 7, 3)].iloc[0]
        assert (spot_row["url"], spot_row["rates_of"]) == (f"{server.url}2018-07-03", D(2018, 7, 3))
        assert server.requests == 22  # one per date: the spot day, then 21 June fixing days
        assert table.fallbacks == []


def test_weekend_answers_with_fridays_rates_and_says_so(tmp_path):
    with ForexServer() as server:
        table = live(server.url, tmp_path)
        saturday = table.rate_on("EUR", "USD", D(2018, 6, 30))
        assert (saturday.requested_end, saturday.first_fixing) == (D(2018, 6, 30), D(2018, 6, 29))
        assert "none on 2018-06-30" in saturday.describe()
        log = table.fetch_log()
        assert (log.iloc[0]["asked"], log.iloc[0]["rates_of"]) == (D(2018, 6, 30), D(2018, 6, 29))


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("500", "answered HTTP 500"),
        ("html", "not JSON (text/html"),
        ("badjson", "not JSON (application/json)"),
        ("missing", "no rate for CNY"),
        ("lie", "answered rates of 2026-10-30 for 2018-07-03"),
    ],
)
def test_a_failing_source_falls_back_once_and_is_not_asked_again(tmp_path, mode, reason):
    with ForexServer(mode) as server:
        table = live(server.url, tmp_path)
        start = time.monotonic()
        first = table.rate_on("EUR", "CNY", D(2018, 7, 3))
        assert first.rate == 7.7481 and first.provider == "ECB"  # the embedded ECB fixing
        assert first.fell_back is True
        assert "(fallback: live source failed: " in first.source and reason in first.source
        asked = server.requests
        later = table.average_rate("EUR", "CNY", D(2017, 1, 1), D(2017, 12, 31))
        assert server.requests == asked == 1  # the source is not asked again
        assert round(later.rate, 4) == 7.6290 and "fallback" in later.source and later.fell_back
        assert time.monotonic() - start < 2
        assert len(table.fallbacks) == 1 and reason in table.fallbacks[0]


def test_connection_refused_falls_back_within_a_second(tmp_path):
    table = live(refused_url(), tmp_path)
    start = time.monotonic()
    applied = table.rate_on("EUR", "USD", D(2018, 7, 3))
    assert "could not reach" in applied.source and applied.rate == 1.1665
    assert time.monotonic() - start < 1


def test_a_server_that_never_answers_costs_one_timeout_per_build(tmp_path):
    with ForexServer("hang") as server:
        table = live(server.url, tmp_path, timeout_s=1.0)
        start = time.monotonic()
        whole = comparison_table(rates=table).rows  # hundreds of dates needed
        elapsed = time.monotonic() - start
        assert 1.0 <= elapsed < 3.0
        assert server.requests == 1
        assert table.fallbacks[0].startswith(f"no complete answer from {server.url}")
        assert table.fallbacks[0].endswith(" within 1 s")
        assert whole["fx_rate_source"].str.contains("fallback").any()


def test_a_slow_source_is_cut_off_by_the_time_budget(tmp_path):
    with ForexServer("slow", delay_s=0.2) as server:
        table = live(server.url, tmp_path, timeout_s=1.0, budget_s=1.0)
        start = time.monotonic()
        table.average_rate("EUR", "USD", D(2017, 1, 1), D(2017, 12, 31))
        assert time.monotonic() - start < 2.5
        assert "time budget of 1 s" in table.fallbacks[0] or "within" in table.fallbacks[0]
        assert server.requests < 10


def test_strict_raises_one_clear_error(tmp_path):
    with ForexServer("500") as server:
        table = live(server.url, tmp_path, strict=True)
        with pytest.raises(FiguresError, match=r"live rates unavailable \(--strict\): .*HTTP 500"):
            table.rate_on("EUR", "USD", D(2018, 7, 3))


def test_second_build_makes_no_request_and_gives_the_same_rates(tmp_path):
    with ForexServer() as server:
        first = live(server.url, tmp_path).average_rate("EUR", "USD", D(2018, 6, 1), D(2018, 6, 30))
        asked = server.requests
        again = live(server.url, tmp_path)
        second = again.average_rate("EUR", "USD", D(2018, 6, 1), D(2018, 6, 30))
        assert server.requests == asked
        assert second == first and all(f.from_cache for f in again.fixings.values())


def test_a_corrupt_cache_file_is_refetched_and_replaced(tmp_path):
    with ForexServer() as server:
        live(server.url, tmp_path).rate_on("EUR", "USD", D(2018, 7, 3))
        cache = LiveCache(tmp_path, server.url)
        path = cache._path("EUR", D(2018, 7, 3))
        path.write_text('{"asked": "2018-07-03", "rat', encoding="utf-8")
        asked = server.requests
        table = live(server.url, tmp_path)
        assert table.rate_on("EUR", "USD", D(2018, 7, 3)).rate == 1.1665
        assert server.requests == asked + 1
        assert json.loads(path.read_text(encoding="utf-8"))["date"] == "2018-07-03"


def test_concurrent_writers_leave_a_valid_cache(tmp_path):
    with ForexServer() as server:

        def build():
            live(server.url, tmp_path).average_rate("EUR", "USD", D(2018, 6, 1), D(2018, 6, 15))

        threads = [threading.Thread(target=build) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        files = list(LiveCache(tmp_path, server.url).directory.rglob("*.json"))
        assert len(files) == 11 and all(json.loads(f.read_text(encoding="utf-8"))["rates"] for f in files)
        assert not list(LiveCache(tmp_path, server.url).directory.rglob(".*"))


def test_recent_answers_for_another_day_are_not_cached(tmp_path):
    cache = LiveCache(tmp_path, "http://127.0.0.1:1/api/", today=lambda: D(2018, 7, 4))
    from figures.live import LiveFixing

    cache.put(LiveFixing(D(2018, 7, 3), D(2018, 7, 2), "EUR", {"USD": 1.1}, "u", "t"))
    assert cache.get("EUR", D(2018, 7, 3)) is None
    cache.put(LiveFixing(D(2018, 6, 30), D(2018, 6, 29), "EUR", {"USD": 1.1}, "u", "t"))
    assert cache.get("EUR", D(2018, 6, 30)) is None  # four days ago: may still change
    cache.put(LiveFixing(D(2018, 6, 1), D(2018, 6, 1), "EUR", {"USD": 1.1}, "u", "t"))
    assert cache.get("EUR", D(2018, 6, 1)).rates["USD"] == 1.1


def test_the_timeout_is_configurable_from_the_environment(tmp_path, monkeypatch):
    with ForexServer("hang") as server:
        monkeypatch.setenv("FIGURES_FOREX_TIMEOUT", "0.5")
        client = LiveCurrencyRates(server.url)
        table = LiveRateTable(load_ecb_rates(), client=client, cache=LiveCache(tmp_path, server.url), progress=False)
        start = time.monotonic()
        table.rate_on("EUR", "USD", D(2018, 7, 3))
        assert client.timeout_s == 0.5 and time.monotonic() - start < 1.5
        assert "within 0.5 s" in table.fallbacks[0]


def test_a_server_that_drips_one_byte_at_a_time_is_cut_off_at_the_request_timeout(tmp_path):
    # Each byte comes well within the per-read timeout, so a per-read timeout alone never fires: the
    # answer (about 1 kB, headers included) would take minutes. One deadline covers the whole request.
    with ForexServer("drip", delay_s=0.05) as server:
        table = live(server.url, tmp_path, timeout_s=1.0)
        start = time.monotonic()
        applied = table.rate_on("EUR", "USD", D(2018, 7, 3))
        elapsed = time.monotonic() - start
        assert 1.0 <= elapsed < 2.0
        assert applied.fell_back and applied.rate == 1.1665
        assert table.fallbacks == [f"no complete answer from {server.url}2018-07-03 within 1 s"]
        table.average_rate("EUR", "USD", D(2017, 1, 1), D(2017, 12, 31))
        assert server.requests == 1 and time.monotonic() - start < 2.0


def test_a_drip_is_cut_off_by_the_build_deadline_across_requests(tmp_path):
    with ForexServer("drip", delay_s=0.05) as server:
        table = live(server.url, tmp_path, timeout_s=5.0, budget_s=1.0)
        start = time.monotonic()
        table.rate_on("EUR", "USD", D(2018, 7, 3))
        assert time.monotonic() - start < 2.0
        assert "within 1 s" in table.fallbacks[0]


def test_a_drip_under_strict_stops_the_build_with_one_line(tmp_path):
    with ForexServer("drip", delay_s=0.05) as server:
        table = live(server.url, tmp_path, strict=True, timeout_s=1.0)
        start = time.monotonic()
        with pytest.raises(
            FiguresError, match=r"^live rates unavailable \(--strict\): no complete answer from .* 1 s$"
        ):
            table.rate_on("EUR", "USD", D(2018, 7, 3))
        assert time.monotonic() - start < 2.0


def test_a_request_cut_off_leaves_no_thread_behind(tmp_path):
    with ForexServer("drip", delay_s=0.05) as server:
        live(server.url, tmp_path, timeout_s=0.5).rate_on("EUR", "USD", D(2018, 7, 3))
        assert [t for t in threading.enumerate() if t.name == "figures-live-request"] == []


def test_a_redirect_is_refused_with_the_address_it_points_to(tmp_path):
    with ForexServer() as elsewhere, ForexServer("redirect", location=elsewhere.url + "2018-07-03") as server:
        table = live(server.url, tmp_path)
        applied = table.rate_on("EUR", "USD", D(2018, 7, 3))
        assert applied.fell_back and applied.provider == "ECB"
        assert table.fallbacks == [
            f"{server.url}2018-07-03 answered HTTP 302, a redirect to '{elsewhere.url}2018-07-03': refused"
        ]
        assert elsewhere.requests == 0


@pytest.mark.parametrize(("usd", "shown"), [(1e300, "1e+300"), (2.5, "2.5"), (0.5, "0.5"), (1e-300, "1e-300")])
def test_a_major_currency_far_from_the_ecb_rate_of_the_day_is_refused_as_a_lie(tmp_path, usd, shown):
    # The ECB fixed USD at 1.1665 per EUR on 3 July 2018: 2.5 is more than twice that, 0.5 less than half.
    with ForexServer(rates={"USD": usd}) as server:
        table = live(server.url, tmp_path)
        applied = table.rate_on("EUR", "USD", D(2018, 7, 3))
        assert applied.fell_back and applied.rate == 1.1665
        assert table.fallbacks == [
            f"{server.url}2018-07-03 answered {shown} USD per EUR for 2018-07-03, more than a factor of 2"
            " from the ECB's 1.1665 of 2018-07-03: refused"
        ]
        assert not list(LiveCache(tmp_path, server.url).directory.rglob("*.json"))  # a lie is never cached


def test_a_rate_within_a_factor_of_2_of_the_ecb_or_of_a_minor_currency_is_taken_as_answered(tmp_path):
    # USD 2.3 is 1.97 times the ECB's 1.1665; TRY (the ECB's 6.2739 that day) is not a major currency.
    with ForexServer(rates={"USD": 2.3, "TRY": 30.0}) as server:
        table = live(server.url, tmp_path)
        assert table.rate_on("EUR", "USD", D(2018, 7, 3)).rate == 2.3
        assert table.rate_on("EUR", "TRY", D(2018, 7, 3)).rate == 30.0
        assert table.fallbacks == []


def test_text_from_the_server_reaches_the_notice_as_text_never_as_markdown(tmp_path):
    from figures.present import rates_notice
    from figures.render import outputs_html

    date = "**2018** [proof](https://example.com/x)\n# heading"
    with ForexServer(answer={"date": date}) as server:
        table = comparison_table(rates=live(server.url, tmp_path))
    notice = rates_notice(table)
    page = outputs_html([{"data": {"text/markdown": notice}, "metadata": {}}])
    assert "<a " not in page and "<h1" not in page and "<strong>2018" not in page
    assert "answered an invalid date '**2018** [proof](https://example.com/x)\\n# heading'" in page


def test_an_answer_longer_than_a_megabyte_is_cut_off_unread(tmp_path):
    with ForexServer(answer={"padding": "x" * 1_100_000}) as server:
        table = live(server.url, tmp_path)
        assert table.rate_on("EUR", "USD", D(2018, 7, 3)).fell_back
        assert table.fallbacks == [f"{server.url}2018-07-03 answered more than 1,000,000 bytes"]


def test_a_live_table_goes_to_a_worker_process_whole(tmp_path):
    # A build's charts are drawn in worker processes, which receive its rate table pickled.
    import pickle

    with ForexServer() as server:
        table = live(server.url, tmp_path)
        table.rate_on("EUR", "USD", D(2018, 7, 3))
        copy = pickle.loads(pickle.dumps(table))
        assert copy.rate_on("EUR", "USD", D(2018, 7, 3)).rate == 1.1665 and server.requests == 1
