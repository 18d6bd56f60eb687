import datetime as dt

import pandas as pd
import pytest

from figures.load import load_figures, load_reported
from figures.reconcile import reconcile
from helpers import article_rows, claim, reported, write_figures, write_reported


@pytest.fixture(scope="module")
def reconciled():
    return reconcile(load_figures(), load_reported()).set_index("claim_id")


def reconciled_files(folder, claims, reported_rows):
    """Claims and reported figures written as a user's files, then reconciled: one row per claim id."""
    own = load_reported(write_reported(folder / "reported.csv", reported_rows))
    return reconcile(load_figures(write_figures(folder / "claims.csv", claims)), own).set_index("claim_id")


def test_alibaba_dollar_claim_is_the_rounded_convenience_translation(reconciled):
    row = reconciled.loc["alibaba_revenue"]
    # 39.9 billion printed to 0.1 billion: tolerance 50 million; 39,900 - 39,898 = 2.
    assert row["reported_id"] == "alibaba_revenue_fy2018_usd"
    assert (row["difference"], row["tolerance"], row["verdict"]) == (2.0, 50.0, "rounded")
    assert (
        "convenience-translation",
        {"rate": 6.2726, "source": "CNY", "target": "USD", "date": dt.date(2018, 3, 30)},
    ) in row["caveats"]


def test_growth_claims_match_but_alibabas_was_measured_in_renminbi(reconciled):
    alibaba = reconciled.loc["alibaba_revenue_growth"]
    assert (alibaba["difference"], alibaba["tolerance"], alibaba["verdict"]) == (0.0, 0.5, "consistent")
    assert ("growth-paired-currency", {"currency": "CNY", "claim_currency": "USD"}) in alibaba["caveats"]
    assert reconciled.loc["bollore_revenue_growth", "verdict"] == "consistent"


def test_bollore_revenue_is_rounded_and_approximate(reconciled):
    row = reconciled.loc["bollore_revenue"]
    assert (row["difference"], row["verdict"]) == (18_300 - 18_325, "rounded")
    assert ("approximate", {}) in row["caveats"]


def test_a_claim_beyond_its_precision_is_inconsistent_and_one_without_match_says_so(tmp_path):
    rows = article_rows()
    rows[0]["value"] = "41.0"  # 41,000 - 39,898 = 1,102 > 50
    rows[2]["period_start"], rows[2]["period_end"] = "2015-01-01", "2015-12-31"
    verdicts = reconcile(load_figures(write_figures(tmp_path / "f.csv", rows)), load_reported()).set_index("claim_id")
    assert verdicts.loc["alibaba_revenue", "verdict"] == "inconsistent"
    assert verdicts.loc["alibaba_revenue", "difference"] == pytest.approx(1_102)
    assert verdicts.loc["bollore_revenue", "verdict"] == "no reported figure"


def test_a_growth_claim_is_checked_against_the_reported_revenues_when_no_growth_is_reported(tmp_path):
    rho = [
        reported("r23", "Rho AG", "revenue", "2023-01-01", "2023-12-31", "1150", "million", "CHF"),
        reported("r22", "Rho AG", "revenue", "2022-01-01", "2022-12-31", "1000", "million", "CHF"),
        reported("s23", "Sigma Ltd", "revenue", "2023-01-01", "2023-12-31", "500", "million", "GBP"),
    ]
    claims = [
        claim("up15", "Rho AG", "revenue_growth", "2023-01-01", "2023-12-31", "15", "percent", "CHF"),
        claim("sigma", "Sigma Ltd", "revenue_growth", "2023-01-01", "2023-12-31", "3", "percent", "GBP"),
    ]
    other = [claim("up14.9", "Rho AG", "revenue_growth", "2023-01-01", "2023-12-31", "14.9", "percent", "CHF")]
    rows = pd.concat([reconciled_files(tmp_path, claims, rho), reconciled_files(tmp_path, other, rho)])
    # By hand: 1,150 / 1,000 - 1 = +15.0 %. Claimed 15 (half a unit: 0.5 pp): equal. Claimed 14.9
    # (half a unit: 0.05 pp): 0.1 pp off, inconsistent.
    assert rows.loc["up15", "reported_value"] == pytest.approx(15.0)
    assert (rows.loc["up15", "verdict"], rows.loc["up15", "reported_id"]) == ("consistent", "r23")
    assert rows.loc["up14.9", "difference"] == pytest.approx(-0.1) and rows.loc["up14.9", "verdict"] == "inconsistent"
    assert ("growth-recomputed", {"current": "r23", "previous": "r22"}) in rows.loc["up15", "caveats"]
    assert rows.loc["sigma", "verdict"] == "no reported figure"  # one year only: nothing to recompute


def test_a_growth_claim_finds_the_previous_52_week_year_and_its_own_currency(tmp_path):
    claims = [
        claim("weeks", "Tau Stores", "revenue_growth", "2018-02-25", "2019-02-23", "11.2", "percent", "GBP"),
        claim("dollars", "Ira Ltd", "revenue_growth", "2023-04-01", "2024-03-31", "8.3", "percent", "USD"),
    ]
    own = [
        # 52-week years: the earlier one ends the day before the later starts, not a year before.
        reported("t19", "Tau Stores", "revenue", "2018-02-25", "2019-02-23", "1112", "million", "GBP"),
        reported("t18", "Tau Stores", "revenue", "2017-02-26", "2018-02-24", "1000", "million", "GBP"),
        # Reported in two currencies, neither a translation of the other.
        reported("i24", "Ira Ltd", "revenue", "2023-04-01", "2024-03-31", "1500", "million", "INR"),
        reported("i23", "Ira Ltd", "revenue", "2022-04-01", "2023-03-31", "1000", "million", "INR"),
        reported("i24usd", "Ira Ltd", "revenue", "2023-04-01", "2024-03-31", "1083", "million", "USD"),
        reported("i23usd", "Ira Ltd", "revenue", "2022-04-01", "2023-03-31", "1000", "million", "USD"),
    ]
    rows = reconciled_files(tmp_path, claims, own)
    # By hand: 1,112 / 1,000 - 1 = +11.2 %; in USD 1,083 / 1,000 - 1 = +8.3 % (in INR it is +50 %).
    assert (rows.loc["weeks", "reported_id"], rows.loc["weeks", "verdict"]) == ("t19", "consistent")
    assert rows.loc["weeks", "reported_value"] == pytest.approx(11.2)
    assert (rows.loc["dollars", "reported_id"], rows.loc["dollars", "verdict"]) == ("i24usd", "consistent")


def test_a_years_growth_is_not_measured_against_a_quarter_ending_the_same_day(tmp_path):
    claims = [claim("fy", "Rho AG", "revenue_growth", "2018-01-01", "2018-12-31", "10", "percent", "CHF")]
    own = [
        reported("fy18", "Rho AG", "revenue", "2018-01-01", "2018-12-31", "550", "million", "CHF"),
        reported("fy17", "Rho AG", "revenue", "2017-01-01", "2017-12-31", "500", "million", "CHF"),
        reported("q4", "Rho AG", "revenue", "2017-10-01", "2017-12-31", "150", "million", "CHF"),  # read last
    ]
    row = reconciled_files(tmp_path, claims, own).loc["fy"]
    # By hand: 550 / 500 - 1 = +10 %, not 550 / 150 - 1 = +267 % against the quarter.
    assert (row["reported_value"], row["verdict"]) == (pytest.approx(10.0), "consistent")
