import datetime as dt

from figures.periods import consecutive_revenues, months_between, one_year_earlier

D = dt.date


def test_one_year_earlier_and_leap_days():
    assert one_year_earlier(D(2018, 3, 31)) == D(2017, 3, 31)
    assert one_year_earlier(D(2016, 2, 29)) == D(2015, 2, 28)


def test_months_between_year_ends():
    assert months_between(D(2017, 12, 31), D(2018, 3, 31)) == 3
    assert months_between(D(2017, 12, 31), D(2017, 12, 31)) == 0


def test_consecutive_revenues_pairs_back_to_back_years_only():
    def revenue(figure_id, start, end, currency="CNY", **extra):
        return {
            "figure_id": figure_id,
            "company": "A",
            "metric": "revenue",
            "currency": currency,
            "period_start": start,
            "period_end": end,
            **extra,
        }

    records = [
        revenue("fy18", D(2017, 4, 1), D(2018, 3, 31)),
        revenue("fy17", D(2016, 4, 1), D(2017, 3, 31)),
        revenue("fy15", D(2014, 4, 1), D(2015, 3, 31)),
        revenue("fy18_usd", D(2017, 4, 1), D(2018, 3, 31), "USD", translated_from="fy18"),
    ]
    pairs = [(current["figure_id"], previous["figure_id"]) for current, previous in consecutive_revenues(records)]
    assert pairs == [("fy18", "fy17")]
