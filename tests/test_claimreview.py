"""ClaimReview records: expected verdicts and differences worked out by hand from the data files."""

from __future__ import annotations

import csv
import json

import pytest

from figures.claimreview import claim_reviews, claims_json, json_ld_block
from figures.load import load_figures, load_reported
from figures.reconcile import reconcile
from helpers import ROOT, article_rows, write_figures

HOSTILE = "</script><!--<script>alert(1)</script> & co"
SOURCE_URL = "http://french.peopledaily.com.cn/"


def reviews_of(figures=None, *, source_url=SOURCE_URL):
    figures = load_figures() if figures is None else figures
    reported = load_reported()
    return claim_reviews(reconcile(figures, reported), figures, reported, source_url=source_url)


def by_id(reviews):
    return {review["identifier"]: review for review in reviews}


def reported_source(figure_id: str) -> str:
    with (ROOT / "data" / "reported_figures.csv").open(encoding="utf-8", newline="") as stream:
        return next(row["source"] for row in csv.DictReader(stream) if row["figure_id"] == figure_id)


def walk(value):
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def test_one_review_per_claim_in_the_claims_order():
    ids = [row["figure_id"] for row in article_rows()]
    assert [review["identifier"] for review in reviews_of()] == ids


def test_required_schema_org_keys():
    for review in reviews_of():
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"]
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["reviewRating"]["alternateName"]
        assert review["reviewRating"]["ratingExplanation"]
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Xinhua (French edition)"}
        assert review["itemReviewed"]["datePublished"] == "2018-07-03"
        assert review["itemReviewed"]["appearance"]["url"] == SOURCE_URL
        assert review["itemReviewed"]["appearance"]["name"].startswith("Xinhua (French edition), « Le Groupe")


def test_verdicts_and_differences_worked_by_hand():
    reviews = by_id(reviews_of())
    # Alibaba: 39.9 billion = 39,900 million; reported 39,898; 39,900 - 39,898 = +2, within 50.
    alibaba = reviews["alibaba_revenue"]
    assert alibaba["claimReviewed"] == "39,9 milliards de dollars"
    assert alibaba["reviewRating"]["alternateName"] == "rounded"
    assert alibaba["reviewRating"]["ratingExplanation"].startswith(
        "The claim (39,900 USD m) differs from the reported figure (39,898 USD m, figure alibaba_revenue_fy2018_usd)"
        " by +2 m, within half a unit of the claim's last printed digit (50 m): rounded."
    )
    assert "6.2726 CNY per USD on 2018-03-30" in alibaba["reviewRating"]["ratingExplanation"]
    # Bolloré: 18.3 billion = 18,300 million; reported 18,325; 18,300 - 18,325 = -25, within 50.
    bollore = reviews["bollore_revenue"]
    assert bollore["reviewRating"]["alternateName"] == "rounded"
    assert " by -25 m, " in bollore["reviewRating"]["ratingExplanation"]
    assert "the claim is given as approximate" in bollore["reviewRating"]["ratingExplanation"]
    # Growth: 58 % against 58 %, 82 % against 82 %.
    assert reviews["alibaba_revenue_growth"]["reviewRating"]["alternateName"] == "consistent"
    assert reviews["bollore_revenue_growth"]["reviewRating"]["alternateName"] == "consistent"
    assert (
        "measured in CNY, while the claim pairs it with USD"
        in (reviews["alibaba_revenue_growth"]["reviewRating"]["ratingExplanation"])
    )


def test_based_on_the_reported_figure_and_about_the_company():
    reviews = by_id(reviews_of())
    assert reviews["alibaba_revenue"]["isBasedOn"] == {
        "@type": "CreativeWork",
        "identifier": "alibaba_revenue_fy2018_usd",
        "name": reported_source("alibaba_revenue_fy2018_usd"),
        "datePublished": "2018-07-27",
    }
    assert reviews["bollore_revenue"]["isBasedOn"]["name"] == "Bolloré, 2017 results press release, 22 March 2018"
    assert reviews["bollore_revenue"]["about"] == {"@type": "Organization", "name": "Bolloré Group"}


def test_without_reported_figures_or_url_keys_are_left_out():
    figures, reported = load_figures(), load_reported()
    review = claim_reviews(reconcile(figures, reported), figures)[0]
    assert review["isBasedOn"] == {"@type": "CreativeWork", "identifier": "alibaba_revenue_fy2018_usd"}
    assert "url" not in review["itemReviewed"]["appearance"]


def test_plain_json_values_round_trip_and_repeat_byte_for_byte():
    reviews = reviews_of()
    for value in walk(reviews):
        assert value is not None
        assert type(value) in (dict, list, str, int, float, bool)
    text = claims_json(reviews)
    assert json.loads(text) == reviews
    assert text.endswith("]\n")
    assert claims_json(reviews_of()) == text
    assert json_ld_block(reviews_of()) == json_ld_block(reviews)


def test_inconsistent_claim(tmp_path):
    row = dict(article_rows()[0], value="40.5", wording="40,5 milliards de dollars")
    figures = load_figures(write_figures(tmp_path / "claims.csv", [row]))
    (review,) = reviews_of(figures)
    # 40,500 - 39,898 = +602, more than 50.
    assert review["reviewRating"]["alternateName"] == "inconsistent"
    assert " by +602 m, more than half a unit " in review["reviewRating"]["ratingExplanation"]


def test_claim_without_wording_is_shown_as_stated(tmp_path):
    rows = article_rows()
    rows = [dict(rows[0], wording=""), dict(rows[1], wording="")]
    reviews = reviews_of(load_figures(write_figures(tmp_path / "claims.csv", rows)))
    assert [review["claimReviewed"] for review in reviews] == ["39.9 billion USD", "58 percent (USD)"]


@pytest.fixture
def hostile_reviews(tmp_path):
    row = dict(article_rows()[0], figure_id="hostile", company=f"Evil {HOSTILE} Corp", wording=f"{HOSTILE} 1 bn")
    figures = load_figures(write_figures(tmp_path / "hostile.csv", [row]))
    # The loader splits lines on U+2028 (str.splitlines), so those characters are added after loading.
    figures.loc[0, "wording"] += " \u2028 \u2029 end"
    return reviews_of(figures)


def test_claim_without_reported_figure(hostile_reviews):
    (review,) = hostile_reviews
    assert review["reviewRating"]["alternateName"] == "no reported figure"
    assert review["reviewRating"]["ratingExplanation"] == (
        "No reported figure of the same company, metric and period was found to check the claim against."
    )
    assert "isBasedOn" not in review
    assert review["about"]["name"] == f"Evil {HOSTILE} Corp"


def test_json_ld_block_cannot_close_the_script_element(hostile_reviews):
    block = json_ld_block(hostile_reviews)
    for character in ("<", ">", "&", "\u2028", "\u2029"):
        assert character not in block
    assert "</script" not in block.lower() and "<!--" not in block
    assert json.loads(block) == hostile_reviews
    assert json.loads(block)[0]["claimReviewed"] == f"{HOSTILE} 1 bn \u2028 \u2029 end"
