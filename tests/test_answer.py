"""The answer first: who is larger, who grew faster, and whether the ranking holds at other rates and currencies.

Every expected sentence is written out here, its numbers computed by hand from the raw ECB file.
"""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.answer import Standing, _growth_sentence, _size_sentence, answer
from figures.formats import percent
from figures.summary import headline, summary
from figures.tabulate import comparison_table
from helpers import claim, ecb_rows, hand_average, write_figures

D = dt.date
CY2018 = ("2018-01-01", "2018-12-31")


def usd_per_eur_on(day: str) -> float:
    return float(next(row["USD"] for row in ecb_rows() if row["date"] == day))


def table_of(tmp_path, rows, currency="EUR"):
    return comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False, currency=currency)


@pytest.fixture(scope="module")
def close_call(tmp_path_factory):
    """Alpha (EUR 10,000 m, +5 %) against Beta (USD 11,640 m, +8 %) in 2018: near enough that the method decides."""
    rows = [
        claim("a_rev", "Alpha SE", "revenue", *CY2018, 10_000, "million", "EUR"),
        claim("a_g", "Alpha SE", "revenue_growth", *CY2018, 5, "percent", "EUR"),
        claim("b_rev", "Beta Inc", "revenue", *CY2018, 11_640, "million", "USD"),
        claim("b_g", "Beta Inc", "revenue_growth", *CY2018, 8, "percent", "USD"),
    ]
    return table_of(tmp_path_factory.mktemp("claims"), rows)


def test_the_ranking_told_with_every_place_where_it_turns(close_call):
    # By hand, EUR per USD: the 2018 and 2017 means over fixing days; the last 2018 and 2017 fixings; the spot
    # fixing on the day the claims were published (1 July 2019).
    avg_2018, days = hand_average("EUR", "USD", D(2018, 1, 1), D(2018, 12, 31))
    avg_2017, _ = hand_average("EUR", "USD", D(2017, 1, 1), D(2017, 12, 31))
    assert days == 255
    close_2018, close_2017 = 1 / usd_per_eur_on("2018-12-31"), 1 / usd_per_eur_on("2017-12-29")
    spot = 1 / usd_per_eur_on("2019-07-01")
    assert close_call.spot_date == D(2019, 7, 1)
    beta_avg, beta_close, beta_spot = 11_640 * avg_2018, 11_640 * close_2018, 11_640 * spot
    assert round(beta_avg) == 9866 and round(beta_close) == 10166 and round(beta_spot) == 10256
    growth_avg = (1.08 * avg_2018 / avg_2017 - 1) * 100  # 3.2: below Alpha's 5.0
    growth_close = (1.08 * close_2018 / close_2017 - 1) * 100  # 13.1: above it
    # In USD Alpha is $11.8B against Beta's $11.6B, and grew (1.05 × 2018's USD per EUR / 2017's) - 1 = 9.8 %,
    # faster than Beta's 8.0 %: both rankings hold there.
    usd_2018, _ = hand_average("USD", "EUR", D(2018, 1, 1), D(2018, 12, 31))
    usd_2017, _ = hand_average("USD", "EUR", D(2017, 1, 1), D(2017, 12, 31))
    assert f"{10_000 * usd_2018 / 1000:.1f}" == "11.8" and (1.05 * usd_2018 / usd_2017 - 1) * 100 > 8
    assert answer(close_call, "EUR", "average") == (
        f"**Alpha SE** is larger than **Beta Inc** in EUR: €10.0B against €{beta_avg / 1000:.1f}B in 2018."
        f" **Alpha SE** grew faster than **Beta Inc** in EUR: +5.0% against {growth_avg:+.1f}%."
        f" At the closing rate, the ranking by size is different: **Beta Inc** (€{beta_close / 1000:.1f}B),"
        " **Alpha SE** (€10.0B)."
        f" At the spot rate, the ranking by size is different: **Beta Inc** (€{beta_spot / 1000:.1f}B),"
        " **Alpha SE** (€10.0B)."
        f" At the closing rate, the ranking by growth is different: **Beta Inc** ({growth_close:+.1f}%),"
        " **Alpha SE** (+5.0%)."
        # Both years at one spot rate: growth in EUR is growth in USD.
        " At the spot rate, the ranking by growth is different: **Beta Inc** (+8.0%), **Alpha SE** (+5.0%)."
        " In each company's own currency, the ranking by growth is different: **Beta Inc** (+8.0%),"
        " **Alpha SE** (+5.0%)."
        " Both rankings hold in USD."
    )


def test_a_ranking_that_turns_is_never_said_to_hold(close_call):
    text = answer(close_call, "EUR", "closing")
    # At the closing rate Beta is the larger and the faster grower; the average rate turns both.
    assert text.startswith("**Beta Inc** is larger than **Alpha SE** in EUR: €10.2B against €10.0B in 2018.")
    assert "At the average rate, the ranking by size is different: **Alpha SE** (€10.0B), **Beta Inc** (€9.9B)." in text
    assert (
        "At the average rate, the ranking by growth is different: **Alpha SE** (+5.0%), **Beta Inc** (+3.2%)." in text
    )
    # The spot rate and USD keep Beta ahead on both counts, and so does each company's own currency on growth.
    assert text.endswith(
        "Both rankings hold at the spot rate and in USD; the one by growth also in each company's own currency."
    )


def test_the_summary_opens_with_the_answer_and_lists_the_largest_first(tmp_path):
    rows = [
        claim("a", "Alpha SE", "revenue", *CY2018, 10, "billion", "EUR"),
        claim("b", "Beta SA", "revenue", *CY2018, 20, "billion", "EUR"),
        claim("c", "Gamma AG", "revenue", *CY2018, 5, "billion", "EUR"),
    ]
    table = table_of(tmp_path, rows)
    lines = headline(table, "EUR", "average")
    # Three companies: the largest and the smallest; all in EUR, so no method or currency can turn the ranking
    # and nothing is said of it.
    assert lines[0] == "In EUR, the largest is **Beta SA** (€20.0B), the smallest **Gamma AG** (€5.0B) in 2018."
    assert [line.split("**")[1] for line in lines[1:4]] == ["Beta SA", "Alpha SE", "Gamma AG"]
    assert list(summary(table, "EUR", "average", "article")["Company"]) == ["Beta SA", "Alpha SE", "Gamma AG"]


def test_amounts_that_round_alike_are_printed_in_millions_and_ranked(tmp_path):
    rows = [
        claim("a", "Alpha SE", "revenue", *CY2018, 10_020, "million", "EUR"),
        claim("b", "Beta SA", "revenue", *CY2018, 9_980, "million", "EUR"),
    ]
    # Both would print €10.0B: a ranking on that would rest on the rounding, so the millions are printed.
    text = answer(table_of(tmp_path, rows), "EUR", "average")
    assert text == "**Alpha SE** is larger than **Beta SA** in EUR: 10,020 EUR m against 9,980 EUR m in 2018."


def test_amounts_equal_to_the_million_are_about_the_same_size(tmp_path):
    rows = [
        claim("a", "Alpha SE", "revenue", *CY2018, "10000.2", "million", "EUR"),
        claim("b", "Beta SA", "revenue", *CY2018, "9999.8", "million", "EUR"),
    ]
    text = answer(table_of(tmp_path, rows), "EUR", "average")
    assert text == "**Alpha SE** and **Beta SA** are about the same size in EUR: €10.0B each in 2018."
    assert "larger" not in text


@pytest.mark.parametrize(
    ("alpha", "beta", "expected"),
    [
        (7, 3, "**Alpha SE** grew faster than **Beta SA** in EUR: +7.0% against +3.0%."),
        (3, 7, "**Beta SA** grew faster than **Alpha SE** in EUR: +7.0% against +3.0%."),
        (-2, -5, "**Alpha SE** fell less than **Beta SA** in EUR: -2.0% against -5.0%."),
        (2, -1, "In EUR, **Alpha SE** grew (+2.0%) while **Beta SA** fell (-1.0%)."),
        (0.01, -1, "In EUR, **Alpha SE** was flat (+0.0%) while **Beta SA** fell (-1.0%)."),
        (4, 4.04, "**Alpha SE** and **Beta SA** grew at the same rate in EUR: +4.0%."),
        (-4, -4, "**Alpha SE** and **Beta SA** fell at the same rate in EUR: -4.0%."),
    ],
)
def test_growth_words_follow_the_signs_and_the_printed_rates(tmp_path, alpha, beta, expected):
    rows = [
        claim("a", "Alpha SE", "revenue_growth", *CY2018, alpha, "percent", "EUR"),
        claim("b", "Beta SA", "revenue_growth", *CY2018, beta, "percent", "EUR"),
    ]
    assert answer(table_of(tmp_path, rows), "EUR", "average") == expected
    if alpha < 0 and beta < 0:
        assert "grew" not in expected


def test_revenues_of_different_lengths_are_not_ranked_by_size(tmp_path):
    rows = [
        claim("a", "Alpha SE", "revenue", "2019-01-01", "2019-06-30", 6, "billion", "EUR"),
        claim("b", "Beta SA", "revenue", *CY2018, 10, "billion", "EUR"),
    ]
    text = answer(table_of(tmp_path, rows), "EUR", "average")
    assert text == (
        "Their revenues cover periods of different lengths (**Alpha SE** a half year and **Beta SA** a year):"
        " they are not ranked by size."
    )
    assert not re.search("larger|largest|smaller", text)


def test_one_company_has_no_answer(tmp_path):
    rows = [claim("a", "Alpha SE", "revenue", *CY2018, 10, "billion", "EUR")]
    assert answer(table_of(tmp_path, rows), "EUR", "average") == ""


def test_french(close_call):
    text = answer(close_call, "EUR", "average", locale="fr")
    assert text.startswith("**Alpha SE** pèse plus lourd que **Beta Inc** en EUR\u00a0: 10,0\u00a0Md\u00a0€ contre 9,9")
    assert "Au taux de clôture, le classement par taille est différent\u00a0:" in text
    assert text.endswith("Les deux classements restent les mêmes en USD.")


# The words, both ways, on any numbers: read the rates and amounts the sentence prints, and check each word
# against them (never against the unrounded values the code saw).
rates_pct = st.floats(min_value=-60, max_value=60, allow_nan=False)
amounts_m = st.floats(min_value=1, max_value=200_000, allow_nan=False)
KEY = ("EUR", "average")


def standing(name, revenue=None, growth=None):
    revenues = {} if revenue is None else {KEY: revenue}
    return Standing(name, "year", "in 2023", revenues, {} if growth is None else {KEY: growth}, None)


@settings(max_examples=300, deadline=None)
@given(alpha=rates_pct, beta=rates_pct)
def test_growth_words_agree_with_the_rates_they_print(alpha, beta):
    text = _growth_sentence([standing("Alpha", growth=alpha), standing("Beta", growth=beta)], KEY, "en")
    printed = [float(rate) for rate in re.findall(r"[+-]\d+\.\d(?=%)", text)]
    first = text.index("**Alpha**") < text.index("**Beta**")
    high, low = (alpha, beta) if first else (beta, alpha)
    if len(printed) == 1:  # one rate for both: they print alike
        # as the report writes a rate (Babel's decimal rounding: 0.95 is "+1.0%", where Python's "%+.1f" says +0.9)
        assert percent(alpha, "en") == percent(beta, "en")
        word = "grew" if printed[0] > 0 else "fell" if printed[0] < 0 else "were flat"
        assert word in text, text
        return
    top, bottom = printed
    assert top > bottom and high >= low, text  # the first named prints the higher rate, and has it
    if "grew faster than" in text:
        assert bottom > 0, text
    elif "fell less than" in text:
        assert top < 0, text
    elif "while" in text:
        assert ("grew" in text) == (top > 0) and ("fell" in text) == (bottom < 0), text
        assert ("was flat" in text) == (top == 0 or bottom == 0), text
    else:
        raise AssertionError(text)
    # and the other way: from the printed rates, the one sentence they call for
    expected = "grew faster than" if bottom > 0 else "fell less than" if top < 0 else "while"
    assert expected in text, text


@settings(max_examples=300, deadline=None)
@given(alpha=amounts_m, beta=amounts_m)
def test_size_words_agree_with_the_amounts_they_print(alpha, beta):
    text = _size_sentence([standing("Alpha", revenue=alpha), standing("Beta", revenue=beta)], KEY, "en")
    printed = re.findall(r"€[\d.]+[KMBT]|[\d,]+ EUR m", text)
    if "about the same size" in text:  # only amounts equal to the million, printed once
        assert round(alpha) == round(beta) and "larger" not in text and len(printed) == 1, text
    else:  # and amounts apart by a million or more are always told apart
        assert "larger" in text and "same size" not in text, text
        assert len(printed) == 2 and printed[0] != printed[1], text  # two amounts that read apart
        larger = text.split(" is larger than ")[0]
        assert (larger == "**Alpha**") == (alpha > beta), text
