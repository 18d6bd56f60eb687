import pytest

from figures import charts
from figures.normalise import comparison_table
from figures.rates import load_ecb_rates

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def table():
    return comparison_table()


@pytest.mark.parametrize("basis", ["reported", "article"])
@pytest.mark.parametrize("draw", [charts.revenue_chart, charts.growth_chart, charts.prior_current_chart])
def test_charts_are_pngs_with_alt_text_naming_both_groups(table, draw, basis):
    chart = draw(table, "EUR", "average", basis)
    assert chart.png.startswith(PNG_SIGNATURE)
    assert "Alibaba Group" in chart.alt and "Bolloré Group" in chart.alt
    assert draw(table, "EUR", "average", basis).png == chart.png  # same inputs, same bytes


def test_revenue_chart_alt_text_states_value_and_method_range(table):
    article = charts.revenue_chart(table, "EUR", "average", "article").alt
    assert "Bolloré Group (Jan–Dec 2017): 18,300" in article and "the article's figures" in article
    reported = charts.revenue_chart(table, "EUR", "average", "reported").alt
    assert "Bolloré Group (2017, Jan–Dec 2017): 18,325" in reported and "EUR million" in reported


def test_bridge_chart_walks_from_2016_to_2017():
    # Hand calculation: 18,325 - 10,070 - 7,383 - (-160) = 1,032 of organic growth (FACTS.md figures).
    alt = charts.bridge_chart(comparison_table()).alt
    assert "2016 (approx.): 10,070; organic growth 5.9% (reported 6%): +1,032; change of scope: +7,383" in alt
    assert "currency: -160; 2017: 18,325" in alt


def test_rate_history_chart_only_when_something_is_translated(table):
    article = charts.rate_history_chart(table, load_ecb_rates(), "EUR", "article")
    assert article.png.startswith(PNG_SIGNATURE) and "USD to EUR average" in article.alt
    assert "CNY to EUR average" in charts.rate_history_chart(table, load_ecb_rates(), "EUR", "reported").alt
    assert charts.rate_history_chart(table, load_ecb_rates(), "CNY", "reported") is not None


def test_each_company_keeps_its_colour():
    assert charts.company_colours(["B", "A"]) == charts.company_colours(["A", "B"])
    assert charts.company_colours(["A", "B"])["A"] != charts.company_colours(["A", "B"])["B"]
