"""Reports on comparisons other than the default: written for their own companies, currencies and data."""

import csv
import html
import io
import json
import re

import pytest

from figures.i18n import tr
from figures.report import ReportParameters, build_report
from helpers import claim, reported, write_figures, write_reported

DEFAULT_CASE_WORDS = ("Alibaba", "Bolloré", "Bollore", "Vivendi", "Xinhua", "renminbi")
CY2018 = ("2018-01-01", "2018-12-31")
CY2017 = ("2017-01-01", "2017-12-31")
CY2016 = ("2016-01-01", "2016-12-31")
FY2018 = ("2018-04-01", "2019-03-31")
TWELVE_CURRENCIES = ("EUR", "USD", "JPY", "GBP", "CHF", "SEK", "NOK", "DKK", "CNY", "KRW", "AUD", "CAD")


def three_groups(folder):
    folder.mkdir()
    write_figures(
        folder / "claims.csv",
        [
            claim("k_rev", "Kappa Holdings", "revenue", *FY2018, 2500, "billion", "JPY", period_inferred="true"),
            claim("k_growth", "Kappa Holdings", "revenue_growth", *FY2018, 10, "percent", "JPY"),
            claim("l_rev", "Lambda AG", "revenue", *CY2018, 40, "billion", "EUR", approximate="true"),
            claim("l_growth", "Lambda AG", "revenue_growth", *CY2018, 5, "percent", "EUR"),
            claim("m_rev", "Mu Corp", "revenue", *CY2018, 300, "billion", "CNY"),
        ],
    )
    return folder


def twelve_groups(folder):
    folder.mkdir()
    rows = []
    for number, currency in enumerate(TWELVE_CURRENCIES, start=1):
        company = f"Company {number:02d} Group"
        rows.append(claim(f"c{number}", company, "revenue", *CY2018, 10 * number, "billion", currency))
        rows.append(claim(f"c{number}g", company, "revenue_growth", *CY2018, number - 4, "percent", currency))
    write_figures(folder / "claims.csv", rows)
    return folder


def one_group_with_history(folder):
    folder.mkdir()
    write_figures(
        folder / "claims.csv",
        [
            claim("n_rev", "Nu Industries", "revenue", *CY2018, 5.1, "billion", "CHF"),
            claim("n_growth", "Nu Industries", "revenue_growth", *CY2018, 6, "percent", "CHF"),
        ],
    )
    write_reported(
        folder / "reported.csv",
        [
            reported("n16", "Nu Industries", "revenue", *CY2016, 4600, "million", "CHF", fiscal_label="2016"),
            reported("n17", "Nu Industries", "revenue", *CY2017, 4800, "million", "CHF", fiscal_label="2017"),
            reported("n18", "Nu Industries", "revenue", *CY2018, 5090, "million", "CHF", fiscal_label="2018"),
        ],
    )
    (folder / "narrative").mkdir()
    (folder / "narrative" / "en.md").write_text("Nu Industries makes *widgets*.\n", encoding="utf-8")
    return folder


CASES = {"three": three_groups, "twelve": twelve_groups, "one": one_group_with_history}


@pytest.fixture(scope="module", params=[("three", "en"), ("three", "fr"), ("twelve", "en"), ("one", "en")])
def built(request, tmp_path_factory):
    name, locale = request.param
    folder = CASES[name](tmp_path_factory.mktemp(name) / "case")
    out = tmp_path_factory.mktemp(f"{name}-{locale}-report")
    html_path, csv_path = build_report(out, ReportParameters(comparison=str(folder), currency="GBP", locale=locale))
    return {
        "name": name,
        "locale": locale,
        "folder": folder,
        "html": html_path.read_text(encoding="utf-8"),
        "rows": list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8")))),
        "claims": json.loads((out / "claims.json").read_text(encoding="utf-8")),
        "companies": sorted({row["company"] for row in csv.DictReader(io.StringIO(csv_path.read_text()))}),
    }


def test_nothing_of_the_default_case_reaches_another_report(built):
    text = built["html"] + json.dumps(built["claims"]) + json.dumps(built["rows"])
    for word in DEFAULT_CASE_WORDS:
        assert word.lower() not in text.lower(), word


def test_the_page_shows_no_directory_of_the_machine_that_built_it(built):
    # The comparison lives in a temporary folder, .../<name>0/case/: the files are named by their
    # folder and name only, in the page, the CSV and the claim reviews alike.
    text = built["html"] + json.dumps(built["claims"]) + json.dumps(built["rows"])
    assert str(built["folder"].parent) not in text and "pytest-of-" not in text
    assert {row["source_file"] for row in built["rows"]} <= {"case/claims.csv", "case/reported.csv", ""}  # "": derived


def test_no_empty_table_or_chart(built):
    for table in re.findall(r"<table.*?</table>", built["html"], flags=re.DOTALL):
        assert "<td>" in table, table[:200]
    for alt in re.findall(r'<img [^>]*alt="([^"]*)"', built["html"]):
        assert not alt.rstrip().endswith(". .") and not alt.rstrip().endswith(":"), alt
    assert "0 0 0" not in built["html"]


def test_every_company_is_in_the_summary_and_in_every_comparison_chart(built):
    summary = re.search(r'<section class="summary".*?</section>', built["html"], flags=re.DOTALL).group(0)
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', built["html"])
    lead = tr("Bar chart of revenue in {currency} million, {method}, {basis}.", built["locale"]).split("{")[0]
    revenue_alts = [alt for alt in alts if html.unescape(alt).startswith(lead)]
    assert revenue_alts
    for company in built["companies"]:
        assert company in summary
        assert all(company in alt for alt in revenue_alts), company


def test_the_summary_gives_revenue_in_the_common_currency(built):
    summary = re.search(r'<section class="summary".*?</section>', built["html"], flags=re.DOTALL).group(0)
    assert summary.count("£") >= len(built["companies"]) or summary.count("£GB") >= len(built["companies"])


def test_no_reported_half_without_reported_figures(built):
    has_reported = built["name"] == "one"
    assert ({row["basis"] for row in built["rows"]} >= {"reported"}) == has_reported
    if built["locale"] == "en":
        assert ("We recommend the first table" in built["html"]) == has_reported
        assert ("Which basis, and why" in built["html"]) == has_reported
        assert "taken apart" not in built["html"]  # no case here reports its growth's components


def test_claim_reviews_for_every_claim(built):
    claims = [row for row in built["rows"] if row["basis"] == "article" and row["fx_method"] == "none"]
    stated = {row["figure_id"] for row in claims if "stated" in row["derivation"]}
    assert {review["identifier"] for review in built["claims"]} == stated
    assert all(review["@type"] == "ClaimReview" for review in built["claims"])
    assert '<script type="application/ld+json">' in built["html"]


def test_case_specific_findings(built):
    html = built["html"]
    if built["name"] == "three" and built["locale"] == "en":
        assert "ends 3 months after" in html  # Kappa's March year end against December
        assert "Apr 2018–Mar 2019 is inferred" in html
        assert "is approximate" in html
    if built["name"] == "one":
        assert "Revenue over the years" in html and "Nu Industries makes <em>widgets</em>." in html
    if built["name"] == "twelve":
        assert "Company 01 Group, Company 02 Group, Company 03 Group, and 9 more" in html


@pytest.mark.parametrize(
    ("kind", "sources", "locale", "heading", "label", "bases", "column"),
    [
        (
            "press_release",
            1,
            "en",
            "On the press release's figures",
            "the press release's figures",
            "(recommended) and the press release's.",
            "Press release",
        ),
        ("article", 2, "en", "On the articles' figures", "the articles' figures", "and the articles'.", "Article"),
        (None, 1, "en", "On the claims", "the claims", "(recommended) and the claims.", "Claimed"),
        (
            "press_release",
            1,
            "fr",
            "Sur les chiffres du communiqué de presse",
            "les chiffres du communiqué de presse",
            "(recommandée) et ceux du communiqué de presse.",
            "Communiqué",
        ),
    ],
)
def test_the_claims_are_named_by_their_source(tmp_path, kind, sources, locale, heading, label, bases, column):
    """What the claims' sidecar records as their source (`source_kind`) names them throughout the page; the
    default case, an article, is "the article's figures" (tests/expected/report-default-*.txt)."""
    from figures.case import refresh_sidecar
    from helpers import page_text

    folder = one_group_with_history(tmp_path / "case")
    first, second = ("Nu Industries, results", "Nu Industries, results" if sources == 1 else "Daily Widget, p. 3")
    rows = [
        claim("n_rev", "Nu Industries", "revenue", *CY2018, 5.1, "billion", "CHF", source=first),
        claim("n_growth", "Nu Industries", "revenue_growth", *CY2018, 6, "percent", "CHF", source=second),
    ]
    write_figures(folder / "claims.csv", rows)
    sidecar_file = refresh_sidecar(folder / "claims.csv")
    if kind is not None:
        sidecar = json.loads(sidecar_file.read_text(encoding="utf-8")) | {"source_kind": kind}
        sidecar_file.write_text(json.dumps(sidecar), encoding="utf-8")
    html_path, _ = build_report(tmp_path / "out", ReportParameters(comparison=str(folder), locale=locale))
    text = page_text(html_path.read_text(encoding="utf-8"))
    lines = text.splitlines()
    assert lines.count(heading) == 3  # at a glance, the methods, growth in a common currency
    assert sum(f", {label}." in line for line in lines if line.startswith("[image: ")) == 3  # the comparison charts
    assert f"{bases} " in text  # the method's sentence on the two bases
    assert any(line.startswith("Company | Claim | Period | " if locale == "en" else "Groupe | ") for line in lines)
    assert f" | {column} | " in text
    if kind != "article":
        assert "article" not in text.lower()
