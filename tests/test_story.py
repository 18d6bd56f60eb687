"""The report's sections: each appears only with its data, never as an empty heading, table or chart."""

import contextlib
from unittest import mock

import pytest

from figures import story
from figures.comparison import Comparison, open_comparison
from figures.normalise import comparison_table
from figures.rates import load_ecb_rates
from helpers import claim, reported, write_figures, write_reported

CY2018 = ("2018-01-01", "2018-12-31")


@contextlib.contextmanager
def shown():
    """Collect what the notebook would display: markdown texts, HTML tables and images."""
    outputs = []

    def display(*objects, raw=False, **_):
        for item in objects:
            if raw:
                outputs.append(("image", item["text/plain"]))
            elif type(item).__name__ == "Markdown":
                outputs.append(("markdown", item.data))
            else:
                outputs.append(("html", item.data))

    with mock.patch("IPython.display.display", display):
        yield outputs


@pytest.fixture(scope="module")
def claims_only(tmp_path_factory):
    rows = [
        claim("a", "Alpha plc", "revenue", *CY2018, 10, "billion", "GBP"),
        claim("a_g", "Alpha plc", "revenue_growth", *CY2018, 4, "percent", "GBP"),
        claim("b", "Beta SA", "revenue", *CY2018, 12, "billion", "CHF"),
    ]
    path = write_figures(tmp_path_factory.mktemp("claims") / "claims.csv", rows)
    return Comparison(path, None), path


@pytest.fixture(scope="module")
def table(claims_only):
    return comparison_table(claims_only[1], reported=False, currency="GBP")


@pytest.mark.parametrize(
    "section",
    [
        lambda t, case: story.reconciliation(Comparison(case[1], None)),
        lambda t, case: story.which_basis(t, "GBP", "average"),
        lambda t, case: story.growth_apart(t),
        lambda t, case: story.periods(t, "GBP", "average"),
        lambda t, case: story.revenue_history(t, "GBP", "average"),
        lambda t, case: story.narrative(case[0]),
    ],
    ids=["reconciliation", "which-basis", "growth-apart", "periods", "revenue-history", "narrative"],
)
def test_sections_without_their_data_show_nothing(table, claims_only, section):
    with shown() as outputs:
        section(table, claims_only)
    assert outputs == []


def test_at_a_glance_without_reported_figures_has_one_table_and_no_recommendation(table):
    with shown() as outputs:
        story.at_a_glance(table, "GBP", "average")
    kinds = [kind for kind, _ in outputs]
    assert kinds.count("html") == 1 and outputs[0] == ("markdown", "## At a glance")
    assert not any("recommend" in text for _, text in outputs)


def test_every_shown_table_and_image_has_content(table):
    with shown() as outputs:
        story.at_a_glance(table, "GBP", "average")
        story.caveat_section(table, "GBP", "average")
        story.rate_history(table, load_ecb_rates(), "GBP")
        story.methods(table, "GBP")
        story.growth(table, "GBP", "average")
        story.comparison_charts(table, "GBP", "average")
    for kind, text in outputs:
        if kind == "html":
            assert "<td>" in text  # a body row, not a header alone
        if kind == "image":
            assert not text.endswith(". .") and ("Alpha plc" in text or "Beta SA" in text)
    headings = [text for kind, text in outputs if kind == "markdown" and text.startswith("## ")]
    # Beta states no growth, Alpha is in GBP already: the rate charts show CHF only; no reported basis.
    assert headings == [
        "## At a glance",
        "## The daily rates behind each translation",
        "## What the method changes",
        "## Growth in a common currency",
        "## Revenue",
        "## Growth",
        "## Previous and current year",
    ]


def test_the_default_case_shows_every_section():
    case = open_comparison()
    table = case.table()
    with shown() as outputs:
        story.reconciliation(case)
        story.which_basis(table, "EUR", "average")
        story.growth_apart(table)
        story.periods(table, "EUR", "average")
        story.narrative(case)
    headings = [text for kind, text in outputs if kind == "markdown" and text.startswith("## ")]
    assert headings == [
        "## Each claim beside the reported figure",
        "## Which basis, and why",
        "## Growth taken apart",
        "## Different periods",
        "## About this comparison",
    ]


def test_what_separates_the_bases_concerns_only_companies_on_both(tmp_path):
    # Gamma gives an approximate figure but reports nothing: that cannot separate the two bases.
    claims = [
        claim("a", "Alpha plc", "revenue", *CY2018, 10, "billion", "GBP", approximate="true"),
        claim("g", "Gamma AG", "revenue", *CY2018, 12, "billion", "CHF", approximate="true"),
    ]
    own = [reported("a17", "Alpha plc", "revenue", "2017-01-01", "2017-12-31", 9500, "million", "GBP")]
    own.append(reported("a18", "Alpha plc", "revenue", *CY2018, 10012, "million", "GBP"))
    table = comparison_table(
        write_figures(tmp_path / "claims.csv", claims),
        reported=write_reported(tmp_path / "reported.csv", own),
        currency="GBP",
    )
    with shown() as outputs:
        story.which_basis(table, "GBP", "average")
    text = "\n".join(text for _, text in outputs)
    assert "What separates the two bases here:" in text and "Alpha plc's revenue for" in text
    assert "Gamma" not in text


def test_a_narrative_in_another_language_than_the_reports_says_so(tmp_path):
    case = Comparison(tmp_path / "claims.csv", None, narrative_dir=tmp_path / "narrative")
    (tmp_path / "narrative").mkdir()
    (tmp_path / "narrative" / "en.md").write_text("Three large companies.", encoding="utf-8")
    (tmp_path / "narrative" / "fr.md").write_text("", encoding="utf-8")  # as `figures new` leaves it
    with shown() as french:
        story.narrative(case, locale="fr")
    with shown() as english:
        story.narrative(case, locale="en")
    assert [text for _, text in french][1:] == [
        "*Le texte propre à cette comparaison, rédigé en anglais seulement.*",
        "Three large companies.",
    ]
    assert [text for _, text in english][1:] == ["Three large companies."]
