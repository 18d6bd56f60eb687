"""The corpus of real articles (tests/corpus/): its files are sound, `figures extract` meets the floors the
project set on it, no article makes the command fail, and every draft it writes builds a report.

The truth files were written by reading each article before the extractor ran on it (tests/corpus/README.md);
the held-out split was scored once, at the end of the work on the rules (the closing note of issue 16 gives both
figures). Nothing here computes an expected value with the code under test: the expected rows are the truth files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figures.errors import FiguresError
from figures.extract import extract, save_draft
from figures.extract.score import (
    TRUTH_HEADER,
    corpus_articles,
    read_meta,
    read_truth,
    score_article,
    scores,
)
from figures.rates import load_ecb_rates
from figures.report import ReportParameters, validate

CORPUS = Path(__file__).parent / "corpus"
DEV, HELDOUT, HELDOUT2 = CORPUS / "dev", CORPUS / "heldout", CORPUS / "heldout2"
HELDOUT3, HELDOUT4 = CORPUS / "heldout3", CORPUS / "heldout4"
HELDOUT5 = CORPUS / "heldout5"
HELDOUT6 = CORPUS / "heldout6"
HELDOUT7 = CORPUS / "heldout7"
HELDOUT8 = CORPUS / "heldout8"
HELDOUT9 = CORPUS / "heldout9"
HELDOUT10 = CORPUS / "heldout10"
SCORED = [HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4, HELDOUT5, HELDOUT6, HELDOUT7, HELDOUT8, HELDOUT9, HELDOUT10]
"""The held-out splits already scored blind (each once): every test may run the extractor on them."""
FLOORS = {"precision": 0.95, "recall": 0.90, "company": 0.95, "period": 0.90, "currency": 0.98}
"""The floors issue 16 sets on the development split: precision, recall and, over matched rows, the share with
the right company, period (dates and stated/inferred) and currency."""


@pytest.fixture(scope="module")
def dev_results():
    return [score_article(article) for article in corpus_articles([DEV])]


@pytest.mark.parametrize(
    "folder",
    [DEV, *SCORED],
    ids=[
        "dev",
        "heldout",
        "heldout2",
        "heldout3",
        "heldout4",
        "heldout5",
        "heldout6",
        "heldout7",
        "heldout8",
        "heldout9",
        "heldout10",
    ],
)
def test_every_article_has_its_sidecar_and_its_truth_in_the_documented_form(folder):
    articles = corpus_articles([folder])
    for article in articles:
        meta = read_meta(article)
        assert meta["language"] in ("en", "fr", "de"), article
        assert meta["url"].startswith(("http://", "https://")), article
        assert article.read_text(encoding="utf-8").strip(), article
        header = article.with_name(article.stem + ".truth.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header == ",".join(TRUTH_HEADER), article
        read_truth(article)  # raises, naming the file and row, on anything the README does not allow


def test_the_corpus_holds_sixty_real_articles_or_more_in_three_languages_with_a_third_held_out():
    dev, heldout = corpus_articles([DEV]), corpus_articles(SCORED)
    assert len(dev) + len(heldout) >= 60
    languages = [read_meta(article)["language"] for article in dev + heldout]
    assert {code: languages.count(code) for code in ("en", "fr", "de")} == {"en": 187, "fr": 154, "de": 154}
    assert len(heldout) >= len(dev + heldout) / 3
    # No article in two splits, by text or by address (the same page twice would leak a held-out split).
    texts = [article.read_text(encoding="utf-8") for article in dev + heldout]
    urls = [read_meta(article)["url"] for article in dev + heldout]
    assert len(set(texts)) == len(texts) and len(set(urls)) == len(urls)


@pytest.mark.parametrize(
    "folder",
    SCORED,
    ids=[f"heldout{n}" if n > 1 else "heldout" for n in range(1, 11)],
)
def test_no_article_of_a_held_out_split_makes_extract_fail(folder):
    failures = [(result.name, result.failure) for result in map(score_article, corpus_articles([folder]))]
    assert [failure for failure in failures if failure[1]] == []


def test_no_article_of_the_development_split_makes_extract_fail(dev_results):
    assert [(result.name, result.failure) for result in dev_results if result.failure] == []


@pytest.mark.parametrize("measure", list(FLOORS))
def test_the_development_split_meets_its_floor(dev_results, measure):
    measured = scores(dev_results).as_dict()
    assert measured[measure] >= FLOORS[measure], f"{measure} {measured[measure]:.3f} < {FLOORS[measure]}"


@pytest.mark.parametrize(
    "folder",
    [DEV, *SCORED],
    ids=["dev", *(f"heldout{n}" if n > 1 else "heldout" for n in range(1, 11))],
)
def test_every_draft_of_the_corpus_builds_a_report(folder, tmp_path):
    """Each article's draft, saved as `figures extract` saves it, passes the report's checks and converts: in
    euros, or, where no figure has an ECB rate (the Taipei Times' New Taiwan dollars) or its dates come before the
    ECB's first (1999), in its own currency."""
    ecb = set(load_ecb_rates().currencies)
    for article in corpus_articles([folder]):
        meta = json.loads(Path(f"{article}.meta.json").read_text(encoding="utf-8"))
        extraction = extract(
            article, lang=meta["language"], published=meta["published"], source=meta["outlet"], reported=False
        )
        draft = tmp_path / f"{article.stem}.csv"
        save_draft(extraction, draft, accessed="2026-12-04", force=True)
        currencies = {row["currency"] for row in extraction.rows()}
        try:
            validate(ReportParameters(figures_path=str(draft)))
        except FiguresError as error:
            # One currency without ECB rates, or dates before them (Bloomberg on Coca-Cola, 1991): the report is
            # built in that currency, with nothing to convert. Several currencies, one without ECB rates (Zawya's
            # Egyptian pounds beside dollars): refused in one line naming that currency, since nothing offline
            # converts it.
            if len(currencies) > 1:
                missing = sorted(currencies - ecb)
                assert missing and f"found '{missing[0]}'" in str(error), error
                continue
            (only,) = currencies
            assert only not in ecb or "within the rate data" in str(error), error
            validate(ReportParameters(figures_path=str(draft), currency=only))
