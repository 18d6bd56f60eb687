"""The scorer (`make eval`, `python -m figures.extract.score`): how drafted rows are matched to true ones and what
each score counts, on small corpora written here with their expected scores worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pytest

from figures.extract.score import (
    TRUTH_HEADER,
    Row,
    TruthError,
    company_right,
    corpus_articles,
    match,
    period_right,
    read_truth,
    score_article,
    score_reader,
    scores,
)
from helpers import ROOT


def row(company="Acme", metric="revenue", amount="3200", currency="USD", start="2017-01-01", end="2017-12-31", **kw):
    return Row(
        company,
        metric,
        Decimal(amount),
        currency,
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end),
        kw.get("inferred", False),
        aliases=kw.get("aliases", ()),
    )


def test_a_period_is_right_with_the_same_end_a_start_within_seven_days_and_the_same_flag():
    true = row(start="2019-02-04", end="2020-02-02", inferred=True)  # Morrisons' 52 weeks
    assert period_right(row(start="2019-02-03", end="2020-02-02", inferred=True), true)
    assert not period_right(row(start="2019-01-27", end="2020-02-02", inferred=True), true)  # eight days off
    assert not period_right(row(start="2019-02-04", end="2020-02-01", inferred=True), true)  # another end
    assert not period_right(row(start="2019-02-04", end="2020-02-02", inferred=False), true)  # stated, not inferred


def test_a_company_is_right_by_its_name_or_an_alias_without_legal_forms_accents_or_case():
    true = row(company="Bolloré", aliases=("Groupe Bolloré", "Bollore SE"))
    assert company_right(row(company="BOLLORE SA"), true)
    assert company_right(row(company="Groupe Bolloré"), true)
    assert not company_right(row(company="Vivendi"), true)
    assert not company_right(row(company=""), true)


def test_rows_match_on_metric_and_amount_and_the_best_agreeing_pair_is_taken_first():
    truth = [row(company="Acme", amount="3200"), row(company="Beta", amount="3200")]
    drafted = [row(company="Beta", amount="3200"), row(company="Acme", amount="3200.0")]
    pairs = match(drafted, truth)
    assert sorted((d.company, t.company) for d, t in pairs) == [("Acme", "Acme"), ("Beta", "Beta")]
    # A growth and a revenue of the same number never match; nor do two amounts a rounding apart.
    assert match([row(metric="revenue_growth", amount="5")], [row(metric="revenue", amount="5")]) == []
    assert match([row(amount="3200")], [row(amount="3201")]) == []


def _article(folder, name, text, truth_rows, published="2018-03-01", language="en"):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    meta = {"url": "https://example.org/a", "outlet": "Example", "published": published, "language": language}
    (folder / f"{name}.txt.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    lines = [",".join(TRUTH_HEADER), *truth_rows]
    (folder / f"{name}.truth.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    # One article read right (two rows), one with a true row the extractor cannot see ("a fifth" is no claim it
    # drafts; the truth here says 20 % to make a row it misses) and one drafted row with the wrong period.
    _article(
        tmp_path,
        "en-a",
        "Acme Corp said its revenue rose 5% to $3.2 billion in 2017.",
        [
            "Acme Corp,Acme,revenue,3.2,billion,USD,2017-01-01,2017-12-31,false,false,$3.2 billion,",
            "Acme Corp,Acme,revenue_growth,5,percent,USD,2017-01-01,2017-12-31,false,false,5%,",
        ],
    )
    _article(
        tmp_path,
        "en-b",
        "Beta Inc posted revenue of $1.1 billion in 2016. Its sales grew by a fifth.",
        [
            "Beta Inc,,revenue,1.1,billion,USD,2017-01-01,2017-12-31,false,false,$1.1 billion,wrong",
            "Beta Inc,,revenue_growth,20,percent,USD,2016-01-01,2016-12-31,false,false,a fifth,",
        ],
    )
    return tmp_path


def test_scores_count_matched_rows_and_the_fields_of_matched_rows(corpus):
    result = scores(score_article(article) for article in corpus_articles([corpus]))
    # By hand: 4 true rows; drafted: Acme 2 + Beta 1 = 3; matched 3 (the fifth is not drafted).
    # Precision 3/3, recall 3/4; companies 3/3; periods 2/3 (Beta's truth says 2017 on purpose); currency 3/3.
    assert (result.true_rows, result.drafted_rows, result.matched) == (4, 3, 3)
    measured = result.as_dict()
    assert (measured["precision"], measured["recall"]) == (1.0, 0.75)
    assert (measured["company"], measured["currency"]) == (1.0, 1.0)
    assert measured["period"] == pytest.approx(2 / 3, abs=1e-4)  # (printed to four places)


def test_make_eval_prints_the_scores_and_every_row_that_differs(corpus):
    done = subprocess.run(
        [sys.executable, "-m", "figures.extract.score", str(corpus)], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert "missed    revenue_growth 20% USD Beta Inc" in done.stdout
    assert "differs   «$1.1 billion»: period 2016-01-01..2016-12-31, true 2017-01-01..2017-12-31" in done.stdout


def test_a_truth_file_out_of_form_is_named_with_its_row_and_column(tmp_path):
    _article(tmp_path, "en-c", "Text.", ["Acme,,revenue,3.2,zillion,USD,2017-01-01,2017-12-31,false,false,x,"])
    with pytest.raises(TruthError, match=r"en-c\.truth\.csv, row 2: column unit: expected one of"):
        read_truth(tmp_path / "en-c.txt")
    _article(tmp_path, "en-d", "Text.", ["Acme,,revenue,3.2,billion,usd,2017-01-01,2017-12-31,false,false,x,"])
    with pytest.raises(TruthError, match=r"row 2: column currency: expected an ISO 4217 code, found 'usd'"):
        read_truth(tmp_path / "en-d.txt")


def test_a_second_readers_truth_is_scored_against_the_first_as_if_drafted(corpus, tmp_path_factory):
    # The second reader writes Acme's revenue in millions (the same amount), calls its growth's period inferred,
    # adds a row the first reader did not count (a previous year's figure), and reads Beta's revenue the same
    # way and its "fifth" as no claim.
    reader = tmp_path_factory.mktemp("reader")
    folder = reader / corpus.name
    folder.mkdir()
    _article(
        folder,
        "en-a",
        "",
        [
            "Acme,,revenue,3200,million,USD,2017-01-01,2017-12-31,false,false,$3.2 billion,",
            "Acme,,revenue_growth,5,percent,USD,2017-01-01,2017-12-31,true,false,5%,",
            "Acme,,revenue,3.0,billion,USD,2016-01-01,2016-12-31,false,false,$3.0 billion,",
        ],
    )
    _article(folder, "en-b", "", ["Beta,,revenue,1.1,billion,USD,2017-01-01,2017-12-31,false,false,$1.1 billion,"])
    result = scores(score_reader(article, folder) for article in corpus_articles([corpus]))
    # By hand: 4 true rows, 4 read by the second reader, 3 matched: precision 3/4, recall 3/4;
    # companies 3/3 ("Acme" is "Acme Corp" without its legal form); periods 2/3 (the growth's flag differs).
    assert (result.true_rows, result.drafted_rows, result.matched) == (4, 4, 3)
    measured = result.as_dict()
    assert (measured["precision"], measured["recall"], measured["company"]) == (0.75, 0.75, 1.0)
    assert measured["period"] == pytest.approx(2 / 3, abs=1e-4)
    done = subprocess.run(
        [sys.executable, "-m", "figures.extract.score", "--quiet", "--reader", str(reader), str(corpus)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].split()[1:6] == ["2", "0", "4", "4", "3"]
