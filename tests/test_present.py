import dataclasses

import pytest

from figures.load import load_figures, load_reported
from figures.period_caveats import fiscal_year_ends
from figures.present import growth_table, method_table, reconciliation_table
from figures.reconcile import reconcile
from figures.summary import summary
from figures.tabulate import comparison_table


@pytest.fixture(scope="module")
def table():
    return comparison_table()


def test_summary_on_the_article_basis(table):
    rows = summary(table, "EUR", "average", "article").set_index("Company")
    assert rows.loc["Bolloré Group", "Revenue, EUR m"] == "18,300 (approx.)"
    assert rows.loc["Bolloré Group", "Growth as stated"] == "+82.0% in EUR"
    assert rows.loc["Alibaba Group", "Period"] == "Apr 2017–Mar 2018 (inferred)"
    assert rows.loc["Alibaba Group", "Growth as stated"] == "+58.0% in USD"


def test_summary_on_the_reported_basis(table):
    rows = summary(table, "EUR", "average", "reported").set_index("Company")
    assert rows.loc["Bolloré Group", "Revenue, EUR m"] == "18,325"
    assert rows.loc["Alibaba Group", "Period"] == "FY2018, Apr 2017–Mar 2018"
    assert rows.loc["Alibaba Group", "Growth as stated"] == "+58.0% in CNY"


def test_method_table_shows_the_methods_and_the_company_translation(table):
    methods = method_table(table, "USD", "reported")
    assert list(methods["Method"]) == ["average", "closing", "spot", "company", "average", "closing", "spot"]
    company = methods[methods["Method"] == "company"].iloc[0]
    assert company["Revenue, USD m"] == "39,898" and company["Fixings used"] == "6.2726 CNY per USD on 30 March 2018"


def test_growth_table_spot_column_repeats_the_stated_growth(table):
    growth = growth_table(table, "CNY", "article").set_index("Company")
    assert growth.loc["Alibaba Group", "In CNY, spot"] == "+58.0%"


def test_period_offset_states_the_three_month_offset(table):
    (caveat,) = fiscal_year_ends(table, "EUR", "average")
    assert "ends 3 months after Bolloré Group's" in caveat.text()


def test_reconciliation_table_reads_as_a_reader_needs():
    shown = reconciliation_table(reconcile(load_figures(), load_reported())).set_index("Claim")
    assert shown.loc["39,9 milliards de dollars", "Difference"] == "+2 m"
    assert shown.loc["18,3 milliards d'euros", "Verdict"] == "rounded"


def test_the_fallback_notice_shows_a_live_source_reason_as_text_never_as_markdown():
    from figures.present import rates_notice

    table = dataclasses.replace(
        comparison_table(), fallbacks=("u answered an invalid date '**1** [x](https://example.com/)'",)
    )
    notice = rates_notice(table)
    assert "(u answered an invalid date '\\*\\*1\\*\\* \\[x\\]\\(https://example\\.com/\\)')" in notice
