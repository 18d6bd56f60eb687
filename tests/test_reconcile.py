import datetime as dt

import pytest

from figures.load import load_figures, load_reported
from figures.reconcile import reconcile
from helpers import article_rows, write_figures


@pytest.fixture(scope="module")
def reconciled():
    return reconcile(load_figures(), load_reported()).set_index("claim_id")


def test_alibaba_dollar_claim_is_the_rounded_convenience_translation(reconciled):
    row = reconciled.loc["alibaba_revenue"]
    # 39.9 billion printed to 0.1 billion: tolerance 50 million; 39,900 - 39,898 = 2.
    assert row["reported_id"] == "alibaba_revenue_fy2018_usd"
    assert (row["difference"], row["tolerance"], row["verdict"]) == (2.0, 50.0, "rounded")
    assert (
        "the reported figure is itself a convenience translation at {rate} {source} per {target} on {date}",
        {"rate": 6.2726, "source": "CNY", "target": "USD", "date": dt.date(2018, 3, 30)},
    ) in row["caveats"]


def test_growth_claims_match_but_alibabas_was_measured_in_renminbi(reconciled):
    alibaba = reconciled.loc["alibaba_revenue_growth"]
    assert (alibaba["difference"], alibaba["tolerance"], alibaba["verdict"]) == (0.0, 0.5, "consistent")
    assert (
        "measured in {currency}, while the claim pairs it with {claim_currency}",
        {"currency": "CNY", "claim_currency": "USD"},
    ) in alibaba["caveats"]
    assert reconciled.loc["bollore_revenue_growth", "verdict"] == "consistent"


def test_bollore_revenue_is_rounded_and_approximate(reconciled):
    row = reconciled.loc["bollore_revenue"]
    assert (row["difference"], row["verdict"]) == (18_300 - 18_325, "rounded")
    assert ("the claim is given as approximate", {}) in row["caveats"]


def test_a_claim_beyond_its_precision_is_inconsistent_and_one_without_match_says_so(tmp_path):
    rows = article_rows()
    rows[0]["value"] = "41.0"  # 41,000 - 39,898 = 1,102 > 50
    rows[2]["period_start"], rows[2]["period_end"] = "2015-01-01", "2015-12-31"
    verdicts = reconcile(load_figures(write_figures(tmp_path / "f.csv", rows)), load_reported()).set_index("claim_id")
    assert verdicts.loc["alibaba_revenue", "verdict"] == "inconsistent"
    assert verdicts.loc["alibaba_revenue", "difference"] == pytest.approx(1_102)
    assert verdicts.loc["bollore_revenue", "verdict"] == "no reported figure"
