import datetime as dt

import pandas as pd
import pytest

from figures.choices import METHODS
from figures.errors import FiguresError
from figures.tabulate import comparison_table, selected
from helpers import article_rows, claim, hand_average, write_figures

D = dt.date
# The default case's table: the common currency (EUR) and every stated currency (USD, CNY).
COMMON_CURRENCIES = ("EUR", "USD", "CNY")
ALIBABA_FY2018 = (D(2017, 4, 1), D(2018, 3, 31))
ALIBABA_FY2017 = (D(2016, 4, 1), D(2017, 3, 31))


@pytest.fixture(scope="module")
def table():
    return comparison_table()


def one(rows, **where):
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, where
    return rows.iloc[0]


def test_every_article_revenue_in_every_common_currency_by_every_method(table):
    for figure_id in ("alibaba_revenue", "bollore_revenue"):
        for currency in COMMON_CURRENCIES:
            for method in METHODS:
                row = one(table.rows, figure_id=figure_id, currency=currency, fx_method=method)
                assert row["basis"] == "article" and row["fx_rate_source"]
    assert set(table.rows.query("fx_method == 'none'")["figure_id"]) >= {
        "alibaba_revenue",
        "alibaba_revenue_growth",
        "bollore_revenue",
        "bollore_revenue_growth",
    }


def test_bollore_in_usd_at_the_2017_average(table):
    # EUR 18,300 m x 1.1297 (the ECB's published 2017 average) = USD 20,673 m, to the rate's rounding.
    row = one(table.rows, figure_id="bollore_revenue", currency="USD", fx_method="average")
    assert row["value"] == pytest.approx(18_300 * 1.1297, rel=5e-5)
    assert row["fx_fixing_days"] == 255


def test_alibaba_in_eur_at_its_fiscal_year_average_by_hand(table):
    eur_per_usd, days = hand_average("EUR", "USD", *ALIBABA_FY2018)
    row = one(table.rows, figure_id="alibaba_revenue", currency="EUR", fx_method="average")
    assert row["value"] == pytest.approx(39_900 * eur_per_usd, rel=1e-12)
    assert (row["fx_first_fixing"], row["fx_last_fixing"], row["fx_fixing_days"]) == (
        D(2017, 4, 3),
        D(2018, 3, 29),
        days,
    )


def test_closing_and_spot_rates_are_single_ecb_fixings(table):
    # Closing for a year ending Saturday 31 March 2018 (Good Friday without fixing): 29 March, USD 1.2321.
    closing = one(table.rows, figure_id="alibaba_revenue", currency="EUR", fx_method="closing")
    assert closing["value"] == pytest.approx(39_900 / 1.2321, rel=1e-12)
    assert closing["fx_first_fixing"] == D(2018, 3, 29)
    # Spot on the article's publication date, 3 July 2018: USD 1.1665, CNY 7.7481 per EUR.
    spot = one(table.rows, figure_id="bollore_revenue", currency="CNY", fx_method="spot")
    assert spot["value"] == pytest.approx(18_300 * 7.7481, rel=1e-12)


def test_prior_year_implied_by_the_growth(table):
    # 39,900 / 1.58 = 25,253.16 ; 18,300 / 1.82 = 10,054.95 (FACTS.md: 18,325 / 1.82 is about 10,069).
    alibaba = one(table.rows, figure_id="alibaba_revenue__prior_implied", fx_method="none")
    assert alibaba["value"] == pytest.approx(25_253.16, abs=0.01)
    assert (alibaba["period_start"], alibaba["period_end"]) == ALIBABA_FY2017
    bollore = one(table.rows, figure_id="bollore_revenue__prior_implied", fx_method="none")
    assert bollore["value"] == pytest.approx(10_054.95, abs=0.01)


def test_growth_in_another_currency_uses_each_years_own_average(table):
    now, _ = hand_average("EUR", "USD", *ALIBABA_FY2018)
    before, _ = hand_average("EUR", "USD", *ALIBABA_FY2017)
    expected = (39_900 * now) / (39_900 / 1.58 * before) * 100 - 100
    row = one(table.rows, figure_id="alibaba_revenue_growth", currency="EUR", fx_method="average")
    assert row["value"] == pytest.approx(expected, rel=1e-12)
    assert 48 < row["value"] < 49  # the dollar fell against the euro: less than the stated 58 %


def test_spot_growth_equals_stated_growth_in_every_currency(table):
    for figure_id, stated in (("alibaba_revenue_growth", 58), ("bollore_revenue_growth", 82)):
        for currency in COMMON_CURRENCIES:
            assert one(table.rows, figure_id=figure_id, currency=currency, fx_method="spot")["value"] == pytest.approx(
                stated
            )


def test_selected_rejects_unknown_choices(table):
    assert set(selected(table, "USD", "closing")["fx_method"]) == {"closing"}
    # GBP is a currency of the rate data, but this table was translated into EUR, USD and CNY only.
    with pytest.raises(FiguresError, match="translated into"):
        selected(table, "GBP", "average")
    with pytest.raises(FiguresError, match="method"):
        selected(table, "EUR", "median")


def test_any_currency_of_the_rate_data_is_a_common_currency():
    # Bolloré's 2017 revenue in GBP at the 2017 average: EUR 18,300 m x 0.87667 (the ECB's published
    # 2017 average for GBP) = GBP 16,043 m, to the rate's rounding.
    gbp = comparison_table(currency="GBP", reported=False)
    assert gbp.currencies == ("EUR", "GBP", "USD")
    row = one(gbp.rows, figure_id="bollore_revenue", currency="GBP", fx_method="average")
    assert row["value"] == pytest.approx(18_300 * 0.87667, rel=5e-5)


def test_a_date_before_the_rate_data_is_named_with_the_currency_asked_for(tmp_path):
    # Figures are also translated into each other's currencies (AUD here): the error is about the
    # common currency the reader chose, not about another company's.
    rows = [
        claim("a", "Koala Ltd", "revenue", "2018-01-01", "2018-12-31", 5, "billion", "AUD"),
        claim("z1", "Zeta AG", "revenue", "1997-01-01", "1997-12-31", 9, "billion", "CHF"),
    ]
    path = write_figures(tmp_path / "old.csv", rows)
    with pytest.raises(FiguresError) as raised:
        comparison_table(path, reported=False, currency="USD")
    assert (raised.value.path, raised.value.row) == (str(path), 2)
    assert "(CHF/USD from 1999-01-04" in str(raised.value) and "translating z1 into USD" in str(raised.value)


def test_a_currency_outside_the_rate_data_is_refused_with_the_valid_ones():
    with pytest.raises(FiguresError, match=r"among the rate data's \(AUD, .*GBP.*\), found 'XYZ'"):
        comparison_table(currency="XYZ")


def test_a_date_outside_the_rate_data_names_the_figure_row(tmp_path):
    rows = article_rows()
    # (a period before the ECB's first fixing, 4 January 1999; one after its last could not have been published)
    rows[2].update(period_start="1998-01-01", period_end="1998-12-31")
    rows[3].update(period_start="1998-01-01", period_end="1998-12-31")
    path = write_figures(tmp_path / "past.csv", rows)
    with pytest.raises(FiguresError) as raised:
        comparison_table(path)
    assert (raised.value.path, raised.value.row, raised.value.column) == (str(path), 3, "period_end")
    assert "within the rate data" in str(raised.value)


def test_a_currency_without_ecb_rates_names_the_figure_row(tmp_path):
    rows = article_rows()
    rows[0]["currency"] = "XAF"  # a valid ISO 4217 code the ECB does not quote
    path = write_figures(tmp_path / "xaf.csv", rows)
    with pytest.raises(FiguresError) as raised:
        comparison_table(path)
    assert (raised.value.row, raised.value.column) == (1, "currency")


def test_another_pair_of_companies_needs_only_a_data_file(tmp_path):
    rows = [
        {
            **article_rows()[2],
            "figure_id": "a_rev",
            "company": "Company A",
            "currency": "GBP",
            "value": "12",
            "period_start": "2012-01-01",
            "period_end": "2012-12-31",
            "published": "2013-03-01",
        },
        {
            **article_rows()[0],
            "figure_id": "b_rev",
            "company": "Company B",
            "currency": "JPY",
            "value": "900",
            "period_start": "2011-04-01",
            "period_end": "2012-03-31",
            "published": "2013-03-01",
        },
    ]
    table = comparison_table(write_figures(tmp_path / "other.csv", rows))
    assert table.spot_date == D(2013, 3, 1)
    assert set(selected(table, "EUR", "average")["company"]) == {"Company A", "Company B"}


def test_company_convenience_translations_as_stated_with_the_arithmetic_beside(table):
    # FACTS.md: RMB 250,266 m / 6.2726 = US$39,898 m (H.10, 30 March 2018); RMB 158,273 m / 6.8832 = US$22,994 m.
    fy2018 = one(table.rows, figure_id="alibaba_revenue_fy2018_usd", fx_method="company")
    assert fy2018["value"] == 39_898  # as Alibaba states it
    # By hand: 6.2726 x 39,898.29 = 250,266.0, so 250,266 / 6.2726 = 39,898.29.
    assert "reproduced: alibaba_revenue_fy2018 / 6.2726 = 39898.29 million" in fy2018["derivation"]
    assert (fy2018["currency"], fy2018["fx_from_currency"], fy2018["fx_first_fixing"]) == ("USD", "CNY", D(2018, 3, 30))
    assert "Federal Reserve H.10" in fy2018["fx_rate_source"]
    fy2017 = one(table.rows, figure_id="alibaba_revenue_fy2017_usd", fx_method="company")
    assert round(fy2017["value"]) == 22_994


def test_reported_growth_in_renminbi_and_in_common_currencies_by_hand(table):
    growth = table.rows[(table.rows["basis"] == "reported") & (table.rows["metric"] == "revenue_growth")]
    own = one(growth, figure_id="alibaba_revenue_fy2018__growth", fx_method="none")
    assert own["value"] == pytest.approx((250_266 / 158_273 - 1) * 100)  # 58.12 %, measured in CNY
    assert own["currency"] == "CNY"
    for currency in ("USD", "EUR"):
        now, _ = hand_average(currency, "CNY", *ALIBABA_FY2018)  # currency per CNY, mean over fixing days
        before, _ = hand_average(currency, "CNY", *ALIBABA_FY2017)
        expected = (250_266 * now) / (158_273 * before) * 100 - 100
        row = one(growth, figure_id="alibaba_revenue_fy2018__growth", currency=currency, fx_method="average")
        assert row["value"] == pytest.approx(expected, rel=1e-10)
    usd = one(growth, figure_id="alibaba_revenue_fy2018__growth", currency="USD", fx_method="average")["value"]
    assert 60 < usd < 61  # the renminbi rose against the dollar: more than 58 % in dollars
    bollore = one(growth, figure_id="bollore_revenue_2017__growth", fx_method="none")
    assert bollore["value"] == pytest.approx((18_325 / 10_070 - 1) * 100)


def test_the_reported_basis_only_covers_the_figures_companies(tmp_path):
    rows = [{**article_rows()[2], "company": "Company A"}]
    table = comparison_table(write_figures(tmp_path / "a.csv", rows))
    assert set(table.rows["basis"]) == {"article"}


def test_a_currency_not_quoted_over_a_period_is_a_view_where_quoted_and_refused_as_common_currency(tmp_path):
    # The ECB quotes CNY from 2005-04-01 (FACTS.md): a 2004 figure in USD translates into GBP, but cannot be
    # shown in CNY, which the table records instead of failing; CNY as the common currency is refused.
    rows = [
        claim("us", "American Co", "revenue", "2004-01-01", "2004-12-31", 1, "billion", "USD"),
        claim("cn", "Chinese Co", "revenue", "2018-01-01", "2018-12-31", 2, "billion", "CNY"),
    ]
    path = write_figures(tmp_path / "claims.csv", rows)
    table = comparison_table(path, reported=False, currency="GBP")
    assert table.untranslated == ("us into CNY (no rates for its period)",)
    gbp = one(table.rows, figure_id="us", currency="GBP", fx_method="average")
    gbp_per_usd, days = hand_average("GBP", "USD", dt.date(2004, 1, 1), dt.date(2004, 12, 31))
    assert days == 259 and gbp["value"] == pytest.approx(1000 * gbp_per_usd, rel=1e-12)
    with pytest.raises(FiguresError, match="expected a common currency with ECB rates over every figure's period: CNY"):
        comparison_table(path, reported=False, currency="CNY")


def test_the_rates_source_says_where_a_live_source_failed():
    from types import SimpleNamespace

    from figures.rates import RateSource
    from figures.tabulate import _rates_used

    ecb = RateSource("European Central Bank, euro foreign exchange reference rates", dt.date(2026, 10, 30))
    live = RateSource("forex-python live rates", url="x")
    rates = SimpleNamespace(origin=live, fallbacks=["answered HTTP 500"], fallback=SimpleNamespace(origin=ecb))
    rows = {
        "fx_method": ["average", "spot", "none"],
        "fx_rate_source": ["(the words do not matter)", "forex-python live rates (x)", ""],
        "fx_fell_back": [True, False, False],  # (what says it fell back: the flag, not the words of the source)
    }
    some = _rates_used(pd.DataFrame(rows), rates)
    assert (some.source, some.fallback, some.fell_back) == (live, ecb, "some")
    assert some.english() == (
        "forex-python live rates (x); European Central Bank, euro foreign exchange reference rates, snapshot to"
        " 2026-10-30 (where the live source failed)"
    )
    rows["fx_fell_back"][1] = True
    every = _rates_used(pd.DataFrame(rows), rates)
    assert every.fell_back == "all"
    assert every.english() == (
        "European Central Bank, euro foreign exchange reference rates, snapshot to 2026-10-30 (the live source failed)"
    )
    rates.fallbacks = []
    assert _rates_used(pd.DataFrame(rows), rates).english() == "forex-python live rates (x)"


def test_each_row_says_in_fixed_words_how_it_was_obtained_and_who_fixed_its_rate():
    table = comparison_table().rows

    def one(figure_id, currency, method, basis="article"):
        rows = table[
            (table["figure_id"] == figure_id)
            & (table["currency"] == currency)
            & (table["fx_method"] == method)
            & (table["basis"] == basis)
        ]
        assert len(rows) == 1, (figure_id, currency, method, basis)
        return rows.iloc[0]

    # The article's €18.3 bn as stated; in dollars at the ECB's average; the year before its 82 % implies.
    stated = one("bollore_revenue", "EUR", "none")
    assert (stated["derived"], stated["fx_provider"], stated["fx_fell_back"]) == ("stated", "", False)
    translated = one("bollore_revenue", "USD", "average")
    assert (translated["derived"], translated["fx_provider"], translated["fx_fell_back"]) == (
        "translated",
        "ECB",
        False,
    )
    assert one("bollore_revenue", "EUR", "average")["fx_provider"] == "none"  # (its own currency: no rate)
    assert one("bollore_revenue__prior_implied", "EUR", "none")["derived"] == "implied"
    assert one("bollore_revenue__prior_implied", "USD", "closing")["derived"] == "implied"
    # Growth in dollars is recomputed from translated revenues; a reconciliation is a difference with a verdict.
    assert one("bollore_revenue_growth", "USD", "average")["derived"] == "recomputed"
    difference = one("bollore_revenue", "EUR", "none", basis="reconciliation")
    # (€18.3 bn as printed against the €18,325 m Bolloré reported: 25 m apart, within the 50 m of its rounding)
    assert (difference["derived"], difference["value"], difference["verdict"]) == ("difference", -25.0, "rounded")
    assert set(table.loc[table["basis"] != "reconciliation", "verdict"].fillna("")) == {""}
    assert set(table["derived"]) <= {
        "stated",
        "translated",
        "implied",
        "recomputed",
        "company translation",
        "residual",
        "difference",
    }


def test_the_company_reports_are_named_by_the_companies_not_by_cutting_their_citations():
    # data/reported_figures.csv cites "Alibaba Group Holding Ltd, Form 20-F ..." and "Bolloré, ...": the sources line
    # names the companies of the rows, whatever their citations say before a comma.
    assert comparison_table().reported_sources == ("Alibaba Group", "Bolloré Group")
    assert comparison_table(reported=False).reported_sources == ()
