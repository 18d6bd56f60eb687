import pytest

from figures.bridge import growth_bridges
from figures.load import load_reported


def test_bollore_bridge_by_hand():
    (bridge,) = growth_bridges(load_reported())
    # FACTS.md: 2017 EUR 18,325 m; 2016 about EUR 10.07 bn; scope +7,383; currency -160; organic +6 %.
    organic = 18_325 - 10_070 - 7_383 - (-160)
    assert organic == 1_032
    assert bridge.organic_m == pytest.approx(organic)
    assert bridge.organic_percent == pytest.approx(1_032 / (10_070 + 7_383) * 100)  # 5.91 %
    assert round(bridge.organic_percent) == bridge.reported_organic_percent == 6
    assert bridge.approximate  # 2016 is approximate
    assert [label for label, _ in bridge.steps] == [
        "previous year",
        "organic growth",
        "change of scope",
        "currency",
        "current year",
    ]
    assert sum(value for _, value in bridge.steps[:-1]) == pytest.approx(bridge.steps[-1][1])


def test_no_bridge_without_scope_or_currency_effects():
    reported = load_reported()
    reported = reported[~reported["metric"].isin(["revenue_change_scope", "revenue_change_currency"])]
    assert growth_bridges(reported) == []
