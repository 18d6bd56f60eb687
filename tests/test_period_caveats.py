"""The rules on periods, here the one on weeks: a retailer's 52/53-week years over three years, named by their
weeks and end days, and growth across a 53-week year told with the share of it the extra week explains."""

import pytest

from figures import caveats, summary
from figures.normalise import comparison_table
from figures.present import period_text
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
    stated = table[(table["basis"] == "reported") & (table["fx_method"] == "none") & (table["metric"] == "revenue")]
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
    # By hand: growth 10,400 / 10,600 - 1 = -1.887 %; the week: 52 / 53 - 1 = -1.887 points: all of the fall.
    assert caveat.text() == (
        "Delta Stores' year to 1 October 2022 has 52 weeks, the one before 53: at an even weekly pace the difference"
        " alone moves its growth (-1.9%) by about -1.9 pp."
    )
    assert caveat.rank[1] == pytest.approx((1 - 52 / 53) * 100)


def test_a_year_of_53_weeks_alone_is_told_with_the_extra_week(tmp_path):
    # No year before it in the data: a 53-week year always follows a 52-week one (53 / 52 - 1 = +1.923 points).
    (caveat,) = week_caveats(build(tmp_path, ["FY2021"]))
    assert caveat.text() == (
        "Delta Stores' year to 2 October 2021 has 53 weeks, the one before 52: at an even weekly pace the difference"
        " alone moves its growth by about +1.9 pp."
    )
    assert "moves its growth" in caveat.text("en") and caveat.text("fr") != caveat.text("en")
