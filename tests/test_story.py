"""The report's sections: each appears only with its data, never as an empty heading, table or chart."""

from types import SimpleNamespace

import pytest

from figures import story
from figures.case import Comparison
from figures.context import build_context
from helpers import claim, reported, write_figures, write_reported

CY2018 = ("2018-01-01", "2018-12-31")


def shown(*sections):
    """What the notebook and the page show of `sections`: (kind, text) for markdown, HTML tables and images."""
    outputs = []
    for section in sections:
        for output in [] if section is None else section.outputs():
            data = output["data"]
            if output["metadata"].get("figures", {}).get("chart"):
                outputs.append(("image", data["text/plain"]))
            elif "text/html" in data:
                outputs.append(("html", data["text/html"]))
            else:
                outputs.append(("markdown", data["text/markdown"]))
    return outputs


@pytest.fixture(scope="module")
def claims_only(tmp_path_factory):
    """A comparison of claims alone (no reported figures, no narrative), in GBP."""
    folder = tmp_path_factory.mktemp("case")
    rows = [
        claim("a", "Alpha plc", "revenue", *CY2018, 10, "billion", "GBP"),
        claim("a_g", "Alpha plc", "revenue_growth", *CY2018, 4, "percent", "GBP"),
        claim("b", "Beta SA", "revenue", *CY2018, 12, "billion", "CHF"),
    ]
    write_figures(folder / "claims.csv", rows)
    return build_context(comparison=str(folder), currency="GBP")


@pytest.mark.parametrize(
    "section",
    [
        story.reconciliation,
        story.which_basis,
        story.growth_apart,
        story.periods,
        story.revenue_history,
        story.narrative,
    ],
    ids=["reconciliation", "which-basis", "growth-apart", "periods", "revenue-history", "narrative"],
)
def test_sections_without_their_data_show_nothing(claims_only, section):
    assert shown(section(claims_only)) == []


def test_at_a_glance_without_reported_figures_has_one_table_and_no_recommendation(claims_only):
    outputs = shown(story.at_a_glance(claims_only))
    kinds = [kind for kind, _ in outputs]
    assert kinds.count("html") == 1 and outputs[0] == ("markdown", "## At a glance")
    assert not any("recommend" in text for _, text in outputs)


def test_every_shown_table_and_image_has_content(claims_only):
    outputs = shown(
        story.at_a_glance(claims_only),
        story.caveat_section(claims_only),
        story.rate_history(claims_only),
        story.methods(claims_only),
        story.growth(claims_only),
        *story.comparison_charts(claims_only),
    )
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
    ctx = build_context()
    outputs = shown(
        story.reconciliation(ctx),
        story.which_basis(ctx),
        story.growth_apart(ctx),
        story.periods(ctx),
        story.narrative(ctx),
    )
    headings = [text for kind, text in outputs if kind == "markdown" and text.startswith("## ")]
    assert headings == [
        "## Each claim beside the reported figure",
        "## Which basis, and why",
        "## Growth taken apart",
        "## Different periods",
        "## About this comparison",
    ]


def test_a_notebook_and_the_page_show_the_same_section_values():
    # The page renders a section's outputs; a notebook displays the same outputs, one display each.
    from unittest import mock

    ctx = build_context()
    section = story.growth(ctx)
    displayed = []
    with mock.patch("IPython.display.display", lambda data, raw, metadata: displayed.append((data, metadata))):
        section._ipython_display_()
    assert [(output["data"], output["metadata"]) for output in section.outputs()] == displayed
    assert section.outputs() == story.growth(ctx).outputs()  # a value: the same each time it is asked


def test_what_separates_the_bases_concerns_only_companies_on_both(tmp_path):
    # Gamma gives an approximate figure but reports nothing: that cannot separate the two bases.
    claims = [
        claim("a", "Alpha plc", "revenue", *CY2018, 10, "billion", "GBP", approximate="true"),
        claim("g", "Gamma AG", "revenue", *CY2018, 12, "billion", "CHF", approximate="true"),
    ]
    own = [reported("a17", "Alpha plc", "revenue", "2017-01-01", "2017-12-31", 9500, "million", "GBP")]
    own.append(reported("a18", "Alpha plc", "revenue", *CY2018, 10012, "million", "GBP"))
    write_figures(tmp_path / "claims.csv", claims)
    write_reported(tmp_path / "reported.csv", own)
    text = "\n".join(
        text for _, text in shown(story.which_basis(build_context(comparison=str(tmp_path), currency="GBP")))
    )
    assert "What separates the two bases here:" in text and "Alpha plc's revenue for" in text
    assert "Gamma" not in text


def test_a_narrative_in_another_language_than_the_reports_says_so(tmp_path):
    case = Comparison(tmp_path / "claims.csv", None, narrative_dir=tmp_path / "narrative")
    (tmp_path / "narrative").mkdir()
    (tmp_path / "narrative" / "en.md").write_text("Three large companies.", encoding="utf-8")
    (tmp_path / "narrative" / "fr.md").write_text("", encoding="utf-8")  # as `figures new` leaves it
    french = shown(story.narrative(SimpleNamespace(case=case, locale="fr")))
    english = shown(story.narrative(SimpleNamespace(case=case, locale="en")))
    assert [text for _, text in french][1:] == [
        "*Le texte propre à cette comparaison, rédigé en anglais seulement.*",
        "Three large companies.",
    ]
    assert [text for _, text in english][1:] == ["Three large companies."]
