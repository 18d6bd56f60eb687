import datetime as dt
import shutil

import numpy as np
import pytest

from figures.errors import FiguresError
from figures.rates import RateTable, load_ecb_rates
from helpers import ECB_FILE, hand_average

D = dt.date


@pytest.fixture(scope="module")
def rates():
    return load_ecb_rates()


def test_snapshot_covers_the_ecb_history(rates):
    # The ECB history file starts on 1999-01-04; CNY is quoted from 2005-04-01 (FACTS.md).
    assert rates.first_date == D(1999, 1, 4)
    assert {"USD", "CNY", "GBP", "JPY", "EUR"} <= set(rates.currencies)
    assert rates.average_rate("EUR", "CNY", D(2005, 4, 1), D(2005, 4, 30)).first_fixing == D(2005, 4, 1)
    with pytest.raises(FiguresError, match="within the rate data"):
        rates.rate_on("EUR", "CNY", D(2005, 3, 31))


def test_2017_annual_averages_match_the_ecb_published_ones(rates):
    # The ECB's published annual averages for 2017: USD 1.1297, CNY 7.6290 per EUR.
    usd = rates.average_rate("EUR", "USD", D(2017, 1, 1), D(2017, 12, 31))
    cny = rates.average_rate("EUR", "CNY", D(2017, 1, 1), D(2017, 12, 31))
    assert round(usd.rate, 4) == 1.1297
    assert round(cny.rate, 4) == 7.6290
    assert usd.fixing_days == 255 and usd.first_fixing == D(2017, 1, 2) and usd.last_fixing == D(2017, 12, 29)


def test_spot_and_cross_rate_of_the_publication_day(rates):
    # ECB fixing of 2018-07-03: USD 1.1665 and CNY 7.7481 per EUR; CNY per USD = 7.7481 / 1.1665.
    assert rates.rate_on("EUR", "USD", D(2018, 7, 3)).rate == 1.1665
    assert rates.rate_on("USD", "CNY", D(2018, 7, 3)).rate == pytest.approx(7.7481 / 1.1665, rel=1e-12)
    assert rates.rate_on("USD", "EUR", D(2018, 7, 3)).rate == pytest.approx(1 / 1.1665, rel=1e-12)


def test_missing_date_policies_around_easter_2018(rates):
    # No fixing on Good Friday 30 March or Easter Monday 2 April 2018 (TARGET holidays, FACTS.md).
    previous = rates.rate_on("EUR", "USD", D(2018, 3, 30))
    assert previous.first_fixing == D(2018, 3, 29) and previous.missing_policy == "previous"
    assert previous.rate == 1.2321  # ECB fixing of 2018-03-29
    assert rates.rate_on("EUR", "USD", D(2018, 4, 2), missing="next").first_fixing == D(2018, 4, 3)
    with pytest.raises(FiguresError, match="found none"):
        rates.rate_on("EUR", "USD", D(2018, 3, 30), missing="raise")
    closing = rates.closing_rate("EUR", "USD", D(2018, 3, 31))
    assert (closing.method, closing.first_fixing) == ("closing", D(2018, 3, 29))
    assert "none on 2018-03-31" in closing.describe()


def test_average_is_the_mean_over_fixing_days_by_hand(rates):
    expected, days = hand_average("EUR", "USD", D(2017, 4, 1), D(2018, 3, 31))  # EUR per USD
    applied = rates.average_rate("USD", "EUR", D(2017, 4, 1), D(2018, 3, 31))
    assert applied.rate == pytest.approx(expected, rel=1e-12)
    assert applied.fixing_days == days == 253


def test_average_counts_fixing_days_only_on_a_small_table():
    # Friday 1.0, Monday 2.0, Tuesday 4.0: the weekend is not filled in, so the mean is 7/3, not
    # (1 + 1 + 1 + 2 + 4) / 5 as a calendar-day average carrying Friday forward would give.
    dates = np.array(["2020-01-03", "2020-01-06", "2020-01-07"], dtype="datetime64[D]")
    table = RateTable(dates, {"EUR": np.ones(3), "USD": np.array([1.0, 2.0, 4.0])}, "test")
    applied = table.average_rate("EUR", "USD", D(2020, 1, 3), D(2020, 1, 7))
    assert applied.rate == pytest.approx(7 / 3) and applied.fixing_days == 3
    assert table.average_rate("USD", "EUR", D(2020, 1, 3), D(2020, 1, 7)).rate == pytest.approx((1 + 0.5 + 0.25) / 3)


def test_dates_outside_the_data_and_unknown_currencies_are_refused(rates):
    with pytest.raises(FiguresError, match="within the rate data"):
        rates.rate_on("EUR", "USD", D(1998, 12, 31))
    with pytest.raises(FiguresError, match="within the rate data"):
        rates.average_rate("EUR", "USD", D(2026, 1, 1), D(2027, 12, 31))
    with pytest.raises(FiguresError, match="found 'XAF'"):
        rates.rate_on("EUR", "XAF", D(2018, 7, 3))
    with pytest.raises(FiguresError, match="missing-date policy"):
        rates.rate_on("EUR", "USD", D(2018, 7, 3), missing="nearest")


def test_a_discontinued_currency_is_not_carried_forward(rates):
    # The Cyprus pound was last fixed at the end of 2007; a 2018 date must not silently use it.
    with pytest.raises(FiguresError, match="within the rate data"):
        rates.rate_on("EUR", "CYP", D(2018, 7, 3))


def test_a_changed_snapshot_fails_its_checksum(tmp_path):
    copy = tmp_path / ECB_FILE.name
    shutil.copy(ECB_FILE, copy)
    shutil.copy(ECB_FILE.with_name(ECB_FILE.name + ".meta.json"), tmp_path)
    with copy.open("a", encoding="utf-8") as stream:
        stream.write("2026-11-02,1.0\n")
    with pytest.raises(FiguresError, match="the file was changed"):
        load_ecb_rates(copy)


def test_a_currency_the_ecb_stopped_quoting_is_refused_with_its_last_fixing():
    # The ECB file's LTL column ends on 2014-12-31 (Lithuania took the euro on 1 January 2015), read by hand.
    rates = load_ecb_rates()
    with pytest.raises(FiguresError) as raised:
        rates.average_rate("LTL", "EUR", dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert "LTL/EUR from 1999-01-04 to 2014-12-31, its last fixing: the ECB stopped quoting LTL after 2014-12-31" in (
        str(raised.value)
    )
    # A currency still quoted names the data's range and no stop.
    with pytest.raises(FiguresError) as raised:
        rates.average_rate("USD", "EUR", dt.date(1998, 1, 1), dt.date(1998, 12, 31))
    assert "stopped" not in str(raised.value) and "USD/EUR from 1999-01-04 to 2026-10-30" in str(raised.value)
