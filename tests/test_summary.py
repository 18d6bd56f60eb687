"""The report's opening: every company's size and growth in the common currency, from its own data."""

import datetime as dt

import pytest

from figures.summary import caveat_list, company_line, headline, summary
from figures.tabulate import comparison_table
from helpers import claim, hand_average, write_figures

D = dt.date
CY2018 = ("2018-01-01", "2018-12-31")
FY2018 = ("2018-04-01", "2019-03-31")


@pytest.fixture(scope="module")
def gbp_table(tmp_path_factory):
    rows = [
        claim("k_rev", "Kappa Holdings", "revenue", *FY2018, 2500, "billion", "JPY"),
        claim("l_rev", "Lambda AG", "revenue", *CY2018, 40, "billion", "EUR"),
        claim("l_growth", "Lambda AG", "revenue_growth", *CY2018, 5, "percent", "EUR"),
    ]
    path = write_figures(tmp_path_factory.mktemp("claims") / "claims.csv", rows)
    return comparison_table(path, reported=False, currency="GBP")


def test_every_company_has_its_line_in_the_common_currency(gbp_table):
    # By hand: EUR 40,000 m at the mean of the 2018 GBP-per-EUR fixings; growth from both years' means.
    now, days = hand_average("GBP", "EUR", D(2018, 1, 1), D(2018, 12, 31))
    before, _ = hand_average("GBP", "EUR", D(2017, 1, 1), D(2017, 12, 31))
    assert days == 255
    growth_gbp = (1.05 * now / before - 1) * 100
    # The answer first, then the companies largest first: Lambda's £35.4B before Kappa's £17.2B.
    first, lam, kappa, *rest = headline(gbp_table, "GBP", "average")
    assert first.startswith("**Lambda AG** is larger than **Kappa Holdings** in GBP:")
    assert lam == (
        f"**Lambda AG**: £{40_000 * now / 1000:.1f}B of revenue in 2018 (Jan–Dec 2018),"
        f" {growth_gbp:+.1f}% in GBP (+5.0% in EUR)."
    )
    # Kappa states no growth: its line gives its size only, and says nothing about growth.
    yen, _ = hand_average("GBP", "JPY", D(2018, 4, 1), D(2019, 3, 31))
    # Its year has no label in the data and is not a calendar year: the months only, no year guessed
    # (a Japanese company names the year to March 2019 "FY2018", by the year it starts).
    assert kappa == f"**Kappa Holdings**: £{2_500_000 * yen / 1000:.1f}B of revenue in Apr 2018–Mar 2019."
    assert len(rest) == 1 and rest[0].startswith("**The caveat that matters most:**")


def test_no_caveat_line_when_no_rule_fires(tmp_path):
    rows = [claim("a", "Alpha", "revenue", *CY2018, 10, "billion", "GBP")]
    table = comparison_table(write_figures(tmp_path / "c.csv", rows), reported=False, currency="GBP")
    # 10 billion: £10.0B, with the decimal every compact amount has.
    assert headline(table, "GBP", "average") == ["**Alpha**: £10.0B of revenue in 2018 (Jan–Dec 2018)."]
    assert caveat_list(table, "GBP", "average") == ""


def test_a_company_name_is_text_not_markdown(tmp_path):
    rows = [claim("a", "*Bold* [link](javascript:x)", "revenue", *CY2018, 10, "billion", "GBP")]
    table = comparison_table(write_figures(tmp_path / "c.csv", rows), reported=False, currency="GBP")
    line = company_line(table, "*Bold* [link](javascript:x)", "GBP", "average")
    assert line.startswith(r"**\*Bold\* \[link\]\(javascript:x\)**")


def test_the_reported_summary_is_absent_without_reported_figures(gbp_table):
    assert summary(gbp_table, "GBP", "average", "reported") is None
    claims = summary(gbp_table, "GBP", "average", "article")
    assert list(claims["Company"]) == ["Lambda AG", "Kappa Holdings"]  # largest first
    assert claims.set_index("Company").loc["Kappa Holdings", "Growth as stated"] == "–"


def test_french_lines(gbp_table):
    lines = headline(gbp_table, "GBP", "average", locale="fr")
    assert lines[0].startswith("**Lambda AG** pèse plus lourd que **Kappa Holdings** en GBP\u00a0: ")
    assert lines[1].startswith("**Lambda AG**\u00a0: ") and "en GBP" in lines[1]
    assert "de chiffre d'affaires sur avr. 2018–mars 2019." in lines[2], lines[2]  # Kappa: the months only


def test_growth_rates_without_amounts_still_give_each_company_its_line_and_row(tmp_path):
    rows = [
        claim("a_g", "Alpha AG", "revenue_growth", *CY2018, 10, "percent", "USD", published="2019-03-01"),
        claim("b_g", "Beta SA", "revenue_growth", *CY2018, 5, "percent", "EUR", published="2019-03-01"),
    ]
    table = comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False, currency="EUR")
    # By hand: no amount is needed, only the rates: (1 + 10 %) × (EUR per USD in 2018 / EUR per USD in 2017) - 1.
    now, _ = hand_average("EUR", "USD", D(2018, 1, 1), D(2018, 12, 31))
    before, _ = hand_average("EUR", "USD", D(2017, 1, 1), D(2017, 12, 31))
    in_eur = (1.10 * now / before - 1) * 100
    assert company_line(table, "Alpha AG", "EUR", "average") == (
        f"**Alpha AG**: revenue growth of {in_eur:+.1f}% in EUR (+10.0% in USD) over Jan–Dec 2018; no revenue"
        " amount is given."
    )
    # Stated in the common currency, it is the growth as stated.
    assert company_line(table, "Beta SA", "EUR", "average") == (
        "**Beta SA**: revenue growth of +5.0% in EUR over Jan–Dec 2018; no revenue amount is given."
    )
    rows = summary(table, "EUR", "average", "article").values.tolist()
    assert rows[0] == ["Alpha AG", "Jan–Dec 2018", "–", "+10.0% in USD", f"{in_eur:+.1f}% in EUR"]
    # With its revenue, a company's line is about its revenue, as before.
    assert "revenue growth of" not in company_line(comparison_table(reported=False), "Bolloré Group", "EUR", "average")
