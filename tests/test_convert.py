import datetime as dt
import subprocess
import sys
import tracemalloc

import numpy as np
import pandas as pd
import pytest
from currency_converter import CurrencyConverter

from figures.convert import PROVENANCE_COLUMNS, convert_table
from figures.errors import FiguresError
from figures.rates import load_ecb_rates

D = dt.date


def test_spot_agrees_with_currencyconverter_on_random_rows():
    # currencyconverter ships the same ECB history; "last_known" is our "previous" policy.
    generator = np.random.default_rng(1)
    days = pd.Timestamp("2005-04-01") + pd.to_timedelta(generator.integers(0, 7800, 2000), unit="D")
    frame = pd.DataFrame(
        {
            "amount": generator.uniform(1, 1e6, 2000),
            "currency": generator.choice(["USD", "CNY", "GBP", "JPY", "EUR", "CHF"], 2000),
            "date": days,
        }
    )
    converter = CurrencyConverter(
        fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known", fallback_on_wrong_date=False
    )
    expected = [
        converter.convert(a, c, "EUR", d.date())
        for a, c, d in zip(frame.amount, frame.currency, frame.date, strict=True)
    ]
    out = convert_table(frame, "EUR", method="spot")
    np.testing.assert_allclose(out["value"], expected, rtol=1e-12)
    assert list(out.columns[-len(PROVENANCE_COLUMNS) :]) == list(PROVENANCE_COLUMNS)


def test_average_and_closing_agree_with_the_rate_table_on_article_periods():
    rates = load_ecb_rates()
    frame = pd.DataFrame(
        {
            "amount": [18_300.0, 39_900.0, 5.0],
            "currency": ["EUR", "USD", "CNY"],
            "period_start": ["2017-01-01", "2017-04-01", "2016-04-01"],
            "period_end": ["2017-12-31", "2018-03-31", "2017-03-31"],
        }
    )
    average = convert_table(frame, "USD", method="average")
    # EUR 18,300 m at the ECB's published 2017 average of 1.1297 USD per EUR.
    assert average.loc[0, "value"] == pytest.approx(18_300 * 1.1297, rel=5e-5)
    assert average.loc[0, "fx_fixing_days"] == 255
    assert average.loc[1, "fx_method"] == "none" and average.loc[1, "value"] == 39_900
    expected = rates.average_rate("CNY", "USD", D(2016, 4, 1), D(2017, 3, 31))
    assert average.loc[2, "fx_rate"] == pytest.approx(expected.rate, rel=1e-12)
    closing = convert_table(frame, "EUR", method="closing")
    assert closing.loc[1, "fx_rate"] == pytest.approx(1 / 1.2321, rel=1e-12)  # 29 March 2018, Good Friday after
    assert closing.loc[1, "fx_first_fixing"] == np.datetime64("2018-03-29")


@pytest.mark.parametrize(
    ("changes", "row", "column", "message"),
    [
        ({"currency": ["USD", "XAF"]}, 1, "currency", "a currency with ECB rates"),
        ({"currency": ["USD", None]}, 1, "currency", "a currency code"),
        ({"date": ["2018-07-03", "1990-01-01"]}, 1, "date", "within the rate data"),
        ({"date": ["2018-07-03", "not a date"]}, 1, "date", "a date"),
        ({"amount": [1.0, None]}, 1, "amount", "a number"),
    ],
)
def test_bad_rows_are_named(changes, row, column, message):
    frame = pd.DataFrame({"amount": [1.0, 2.0], "currency": ["USD", "CNY"], "date": ["2018-07-03", "2018-07-03"]})
    for name, values in changes.items():
        frame[name] = values
    with pytest.raises(FiguresError, match=message) as raised:
        convert_table(frame, "EUR", method="spot")
    assert (raised.value.row, raised.value.column) == (row, column)


def test_missing_columns_and_unknown_method():
    frame = pd.DataFrame({"amount": [1.0], "currency": ["USD"]})
    with pytest.raises(FiguresError, match="expected the columns date for the spot method"):
        convert_table(frame, "EUR", method="spot")
    with pytest.raises(FiguresError, match="method"):
        convert_table(frame, "EUR", method="median")


def test_rate_detail_reads_as_the_report_describes_the_same_rates():
    rates = load_ecb_rates()
    frame = pd.DataFrame(
        {
            "amount": [39_900.0, 18_300.0],
            "currency": ["USD", "EUR"],
            "period_start": ["2017-04-01", "2017-01-01"],
            "period_end": ["2018-03-31", "2017-12-31"],
            "date": ["2018-07-03", "2018-07-03"],
        }
    )
    closing = convert_table(frame, "EUR", method="closing")["fx_rate_detail"].tolist()
    assert closing == [rates.closing_rate("USD", "EUR", D(2018, 3, 31)).describe(), "same currency"]
    average = convert_table(frame, "EUR", method="average")["fx_rate_detail"].tolist()
    assert average[0] == rates.average_rate("USD", "EUR", D(2017, 4, 1), D(2018, 3, 31)).describe()
    spot = convert_table(frame, "EUR", method="spot")["fx_rate_detail"].tolist()
    assert spot[0] == rates.rate_on("USD", "EUR", D(2018, 7, 3)).describe()


def reporting_rows(count: int, seed: int = 2018) -> pd.DataFrame:
    """Amounts in five currencies over reporting periods (months, quarters, years) and a date each."""
    generator = np.random.default_rng(seed)
    ends = pd.date_range("2006-03-31", "2026-09-30", freq="ME")[generator.integers(0, 247, count)]
    months = generator.choice([1, 3, 12], count)
    starts = (ends.to_period("M") - months + 1).to_timestamp()
    return pd.DataFrame(
        {
            "amount": generator.uniform(1, 1e6, count),
            "currency": generator.choice(["USD", "CNY", "GBP", "JPY", "EUR"], count),
            "period_start": starts,
            "period_end": ends,
            "date": ends - pd.to_timedelta(generator.integers(0, 28, count), unit="D"),
        }
    )


def test_two_currencies_with_the_same_first_and_last_fixing_keep_their_own_count():
    # ISK had no fixing from December 2008 to February 2018: same first and last fixing as USD, far fewer days.
    rates = load_ecb_rates()
    frame = pd.DataFrame(
        {
            "amount": [1.0, 1.0],
            "currency": ["USD", "ISK"],
            "period_start": ["2008-06-01"] * 2,
            "period_end": ["2018-06-30"] * 2,
        }
    )
    out = convert_table(frame, "EUR", method="average", rates=rates)
    for row, code in enumerate(["USD", "ISK"]):
        expected = rates.average_rate(code, "EUR", D(2008, 6, 1), D(2018, 6, 30))
        assert out.loc[row, "fx_fixing_days"] == expected.fixing_days
        assert out.loc[row, "fx_rate_detail"] == expected.describe()


def test_the_result_shares_the_input_columns_and_leaves_the_input_alone():
    frame = reporting_rows(1000)
    before = frame.copy()
    out = convert_table(frame, "EUR", method="closing")
    assert np.shares_memory(out["amount"].to_numpy(), frame["amount"].to_numpy())
    out.loc[0, "amount"] = -1.0
    out["currency"] = "XXX"
    pd.testing.assert_frame_equal(frame, before)
    again = convert_table(out.assign(currency=before["currency"]), "USD", method="spot")
    assert list(again.columns) == list(out.columns) and (again["fx_from_currency"] == before["currency"]).all()


@pytest.mark.parametrize("method", ["spot", "closing", "average"])
def test_peak_memory_stays_within_a_small_multiple_of_the_input(method):
    # tracemalloc sees numpy's allocations: every array the converter makes. The README states the
    # multiple measured by peak RSS on ten million rows (benchmarks/bench_convert_scale.py).
    frame = reporting_rows(300_000)
    rates = load_ecb_rates()
    convert_table(frame.head(10), "EUR", method=method, rates=rates)  # rate pairs cached, as in a long run
    size = frame.memory_usage(deep=True).sum()
    tracemalloc.start()
    try:
        convert_table(frame, "EUR", method=method, rates=rates)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2.5 * size, f"peak {peak / size:.2f} times the input"


def test_a_pandas_frame_never_imports_dask():
    code = (
        "import sys, pandas as pd; from figures.convert import convert_table;"
        "frame = pd.DataFrame({'amount': [1.0], 'currency': ['USD'], 'date': ['2018-07-03']});"
        "convert_table(frame, 'EUR', method='spot'); assert 'dask' not in sys.modules, 'dask imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
