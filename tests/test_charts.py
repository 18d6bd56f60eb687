import pytest

from figures import charts
from figures.normalise import comparison_table
from figures.rates import load_ecb_rates

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def table():
    return comparison_table()


@pytest.mark.parametrize("draw", [charts.revenue_chart, charts.growth_chart, charts.prior_current_chart])
def test_charts_are_pngs_with_alt_text_naming_both_groups(table, draw):
    chart = draw(table, "EUR", "average")
    assert chart.png.startswith(PNG_SIGNATURE)
    assert "Alibaba Group" in chart.alt and "Bolloré Group" in chart.alt
    assert draw(table, "EUR", "average").png == chart.png  # same inputs, same bytes


def test_revenue_chart_alt_text_states_value_and_method_range(table):
    alt = charts.revenue_chart(table, "EUR", "average").alt
    assert "Bolloré Group (Jan–Dec 2017): 18,300" in alt
    assert "EUR million" in alt


def test_rate_history_chart_only_when_something_is_translated(table):
    assert charts.rate_history_chart(table, load_ecb_rates(), "EUR").png.startswith(PNG_SIGNATURE)
    assert "CNY per" not in charts.rate_history_chart(table, load_ecb_rates(), "EUR").alt


def test_each_company_keeps_its_colour():
    assert charts.company_colours(["B", "A"]) == charts.company_colours(["A", "B"])
    assert charts.company_colours(["A", "B"])["A"] != charts.company_colours(["A", "B"])["B"]
