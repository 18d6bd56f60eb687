import pytest

from figures.normalise import comparison_table
from figures.present import growth_table, method_table, summary


@pytest.fixture(scope="module")
def table():
    return comparison_table()


def test_summary_gives_each_groups_revenue_and_growth_in_the_common_currency(table):
    rows = summary(table, "EUR", "average").set_index("Company")
    assert rows.loc["Bolloré Group", "Revenue, EUR m"] == "18,300 (approx.)"
    assert rows.loc["Bolloré Group", "Growth as stated"] == "+82.0% in EUR"
    assert rows.loc["Alibaba Group", "Period"] == "Apr 2017–Mar 2018 (inferred)"
    assert rows.loc["Alibaba Group", "Growth as stated"] == "+58.0% in USD"


def test_method_table_shows_three_methods_per_company(table):
    methods = method_table(table, "USD")
    assert len(methods) == 6
    assert set(methods["Method"]) == {"average", "closing", "spot"}


def test_growth_table_spot_column_repeats_the_stated_growth(table):
    growth = growth_table(table, "CNY").set_index("Company")
    assert growth.loc["Alibaba Group", "In CNY, spot"] == "+58.0%"
