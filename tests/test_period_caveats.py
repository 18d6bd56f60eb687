"""The rules on periods, here the one on weeks: a retailer's 52/53-week years over three years, named by their
weeks and end days, and growth across a 53-week year told with the share of it the extra week explains."""

import pytest

from figures import caveats, summary
from figures.formats import period_text
from figures.tabulate import comparison_table
from helpers import claim, reported, write_figures, write_reported

# Delta Stores' fiscal years end on the Saturday nearest 30 September (days counted by hand, both ends included):
FY2021 = ("2020-09-27", "2021-10-02")  # 371 days: 53 weeks
FY2022 = ("2021-10-03", "2022-10-01")  # 364 days: 52 weeks
FY2023 = ("2022-10-02", "2023-09-30")  # 364 days: 52 weeks
REVENUE_USD_M = {"FY2021": 10_600, "FY2022": 10_400, "FY2023": 10_920}
YEARS = {"FY2021": FY2021, "FY2022": FY2022, "FY2023": FY2023}


def build(tmp_path, years):
    rows = [
        reported(f"d_{year}", "Delta Stores", "revenue", *YEARS[year], REVENUE_USD_M[year], "million", "USD",
                 fiscal_label=year, published="2024-01-15")
        for year in years
    ]  # fmt: skip
    latest = years[-1]
    claims = [claim("d_rev", "Delta Stores", "revenue", *YEARS[latest], REVENUE_USD_M[latest] / 1000, "billion", "USD")]
    return comparison_table(
        write_figures(tmp_path / "claims.csv", claims),
        reported=write_reported(tmp_path / "reported.csv", rows),
        currency="USD",
    )


def week_caveats(table):
    return [caveat for caveat in caveats.detect(table, "USD", "average") if caveat.code == "week-count"]


def test_three_years_are_each_named_by_their_weeks_and_their_own_end(tmp_path):
    table = build(tmp_path, ["FY2021", "FY2022", "FY2023"])
    stated = table.rows[
        (table.rows["basis"] == "reported") & (table.rows["fx_method"] == "none") & (table.rows["metric"] == "revenue")
    ]
    labels = sorted(period_text(row) for row in stated.to_dict("records"))
    assert labels == [
        "FY2021, 53 weeks to 2 October 2021",
        "FY2022, 52 weeks to 1 October 2022",
        "FY2023, 52 weeks to 30 September 2023",
    ]
    glance = summary.summary(table, "USD", "average", "reported")
    assert glance["Period"].tolist() == ["FY2023, 52 weeks to 30 September 2023"]
    # The latest two years both have 52 weeks: nothing to say about weeks.
    assert week_caveats(table) == []


def test_a_year_of_52_weeks_after_one_of_53_is_told_with_the_missing_week(tmp_path):
    (caveat,) = week_caveats(build(tmp_path, ["FY2021", "FY2022"]))
    # By hand: growth 10,400 / 10,600 - 1 = -1.887 %; on 52 weeks both: 10,400 / (10,600 x 52 / 53) - 1
    # = 10,400 / 10,400 - 1 = 0: all of the fall is the missing week.
    assert caveat.text() == (
        "Delta Stores' year to 1 October 2022 has 52 weeks, the one before 53: on as many weeks, at an even weekly"
        " pace, its growth of -1.9% would be about +0.0%."
    )
    assert caveat.rank == (2, pytest.approx((1 - 10_400 / 10_600) * 100))


def test_a_year_of_53_weeks_alone_is_told_with_the_extra_week(tmp_path):
    # No year before it in the data: a 53-week year always follows a 52-week one (53 / 52 - 1 = +1.923 points).
    (caveat,) = week_caveats(build(tmp_path, ["FY2021"]))
    assert caveat.text() == (
        "Delta Stores' year to 2 October 2021 has 53 weeks, the one before 52: at an even weekly pace the difference"
        " alone moves its growth by about +1.9 pp."
    )
    assert "moves its growth" in caveat.text("en") and caveat.text("fr") != caveat.text("en")


def test_a_half_year_is_recomputed_against_the_same_half_and_shown_over_its_quarter(tmp_path):
    from figures import charts

    rows = [
        reported("a_h1_18", "Alpha SE", "revenue", "2018-01-01", "2018-06-30", 5_536, "million", "EUR"),
        reported("a_h1_19", "Alpha SE", "revenue", "2019-01-01", "2019-06-30", 6_200, "million", "EUR"),
        reported("a_q2_19", "Alpha SE", "revenue", "2019-04-01", "2019-06-30", 3_150, "million", "EUR"),
    ]
    claims = [claim("a", "Alpha SE", "revenue", "2019-01-01", "2019-06-30", 6.2, "billion", "EUR")]
    table = comparison_table(
        write_figures(tmp_path / "claims.csv", claims),
        reported=write_reported(tmp_path / "reported.csv", rows),
        currency="EUR",
    )
    # By hand: 6,200 / 5,536 - 1 = +11.99 %, the half against the same half of 2018 (never against a quarter).
    glance = summary.summary(table, "EUR", "average", "reported").iloc[0]
    assert glance["Growth in EUR"] == "+12.0% in EUR" and glance["Revenue, EUR m"] == "6,200"
    # The chart shows the half year, the latest period's longest, with no range made of two periods.
    alt = charts.revenue_chart(table, "EUR", "average", "reported").alt
    assert "Alpha SE (H1 2019, Jan–Jun): 6,200 (range 6,200 to 6,200 across methods)" in alt, alt


def test_the_year_a_growth_implies_before_a_year_of_weeks_is_the_52_weeks_before_it(tmp_path):
    claims = [
        claim("d_rev", "Delta Stores", "revenue", *FY2021, 10.6, "billion", "USD"),
        claim("d_g", "Delta Stores", "revenue_growth", *FY2021, 6, "percent", "USD"),
    ]
    table = comparison_table(write_figures(tmp_path / "claims.csv", claims), reported=False, currency="USD")
    implied = table.rows[
        (table.rows["derived"] == "implied") & (table.rows["metric"] == "revenue") & (table.rows["fx_method"] == "none")
    ]
    # By hand: FY2021 starts on Sunday 27 September 2020; the year before is the 52 weeks (364 days) ending the day
    # before, 29 September 2019 to 26 September 2020 - not the same dates a year earlier (a year of 372 days).
    (row,) = implied.to_dict("records")
    assert (row["period_start"].isoformat(), row["period_end"].isoformat()) == ("2019-09-29", "2020-09-26")
    assert period_text(row) == "52 weeks to 26 September 2020"
