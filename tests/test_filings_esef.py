"""Reported figures imported from inline XBRL (an ESEF-style .xhtml), a report package (zip) and xBRL-JSON; bad and
hostile input refused in one line; a comparison folder that names its filings. The expected values were read by hand
from the fixtures' income statements (tests/filings/SOURCES.md) and written here before the importer ran."""

import csv
import io
import json
import shutil
import zipfile

import pytest

from figures.cli import main
from figures.errors import FiguresError
from figures.filings import write_reported
from figures.load import load_reported
from figures.report import ReportParameters, build_report
from helpers import ROOT, claim, import_error, write_figures

FILINGS = ROOT / "tests" / "filings"
VALEO = FILINGS / "valeo_2014_income_statement.xhtml"
FAURECIA = FILINGS / "faurecia_2014_income_statement.xhtml"
VALEO_JSON = FILINGS / "valeo_2014_income_statement.json"
SAP = FILINGS / "sap_2022_income_statement_de.xhtml"
CY2014 = ("2014-01-01", "2014-12-31")
CY2022 = ("2022-01-01", "2022-12-31")
SAP_LEI = "LEI 529900D6BF99LW9R2E68"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Each test's imports cached in its own folder, not the user's."""
    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path / "cache"))


def _import(tmp_path, *filings, company=None):
    out = tmp_path / "reported.csv"
    write_reported(list(filings), out, company=company)
    return load_reported(out).set_index("figure_id"), json.loads((tmp_path / "reported.csv.meta.json").read_text())


def _package(tmp_path, members: dict[str, bytes], name="valeo-2014.zip"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, payload in members.items():
            archive.writestr(member, payload)
    return path


def _valeo_package(tmp_path):
    report_package = json.dumps({"documentInfo": {"documentType": "https://xbrl.org/report-package/2023/xbri"}})
    return _package(
        tmp_path,
        {
            "valeo-2014/META-INF/reportPackage.json": report_package.encode(),
            "valeo-2014/reports/valeo-2014.xhtml": VALEO.read_bytes(),
        },
    )


def test_valeos_inline_xbrl_sales_are_the_printed_figures(tmp_path):
    reported, sidecar = _import(tmp_path, VALEO, company="Valeo")
    # Valeo, consolidated statement of income (in millions of euros): Sales 12,725 in 2014, 11,662 in 2013 restated
    assert reported.loc["valeo_revenue_2014", "value"] == 12725.0
    assert reported.loc["valeo_revenue_2013", "value"] == 11662.0
    row = reported.loc["valeo_revenue_2014"]
    assert (row["currency"], row["unit"], row["fiscal_label"]) == ("EUR", "million", "2014")
    assert (str(row["period_start"]), str(row["period_end"])) == CY2014
    assert "ifrs-full:Revenue" in row["source"] and "LEI 5493006IH2N2WMIBB742" in row["source"]
    assert "context dcur1" in row["note"] and "decimals -3" in row["note"]
    assert "context dprev2" in reported.loc["valeo_revenue_2013", "note"]
    assert sidecar["filings"][0]["file"] == VALEO.name and len(sidecar["filings"][0]["sha256"]) == 64
    assert sidecar["concepts_chosen"] == ["ifrs-full:Revenue"]


def test_faurecias_three_years_come_through_with_their_precision(tmp_path):
    reported, _ = _import(tmp_path, FAURECIA, company="Faurecia")
    # Faurecia, consolidated statement of comprehensive income (in EUR millions): Sales 18,828.9 / 18,028.6 / 17,364.5
    assert reported.loc["faurecia_revenue_2014", "value"] == 18828.9
    assert reported.loc["faurecia_revenue_2013", "value"] == 18028.6
    assert reported.loc["faurecia_revenue_2012", "value"] == 17364.5
    assert "decimals 2" in reported.loc["faurecia_revenue_2012", "note"]
    assert "LEI 969500F0VMZLK2IULV85" in reported.loc["faurecia_revenue_2014", "source"]


def test_a_report_package_is_read_through_its_reports_folder(tmp_path):
    package = _valeo_package(tmp_path)
    reported, sidecar = _import(tmp_path, package, company="Valeo")
    assert reported.loc["valeo_revenue_2014", "value"] == 12725.0
    assert reported.loc["valeo_revenue_2013", "value"] == 11662.0
    assert "valeo-2014.xhtml" in reported.loc["valeo_revenue_2014", "source"]
    assert sidecar["filings"][0]["file"] == package.name  # the SHA-256 is the package's, the file as received


def test_xbrl_json_gives_the_same_figures(tmp_path):
    reported, _ = _import(tmp_path, VALEO_JSON, company="Valeo")
    assert reported.loc["valeo_revenue_2014", "value"] == 12725.0
    assert reported.loc["valeo_revenue_2013", "value"] == 11662.0
    assert "ifrs-full:Revenue" in reported.loc["valeo_revenue_2014", "source"]
    assert "decimals -3" in reported.loc["valeo_revenue_2014", "note"]


def test_sap_ses_2022_esef_revenue_is_the_printed_figure(tmp_path):
    reported, sidecar = _import(tmp_path, SAP, company="SAP")
    # A real ESEF filing: SAP SE's 2022 annual report (German), "Konzern-Gewinn- und Verlustrechnung des
    # SAP-Konzerns für die jeweiligen Geschäftsjahre" (Mio. €), row "Umsatzerlöse", notes (A.1), (C.2):
    # 30.871 (2022), 27.842 (2021), 27.338 (2020), printed with a dot between thousands (ixt:num-comma-decimal).
    # Read by hand from the fixture (tests/filings/SOURCES.md) before the importer ran on it.
    assert reported.loc["sap_revenue_2022", "value"] == 30871.0
    assert reported.loc["sap_revenue_2021", "value"] == 27842.0
    assert reported.loc["sap_revenue_2020", "value"] == 27338.0
    row = reported.loc["sap_revenue_2022"]
    assert (row["currency"], row["unit"], row["fiscal_label"]) == ("EUR", "million", "2022")
    assert (str(row["period_start"]), str(row["period_end"])) == CY2022
    assert "ifrs-full:Revenue" in row["source"] and SAP_LEI in row["source"]
    assert "context CYTD" in row["note"] and "decimals -6" in row["note"]
    assert "context PYTD" in reported.loc["sap_revenue_2021", "note"]
    assert "context P2YTD" in reported.loc["sap_revenue_2020", "note"]
    assert len(reported) == 3  # the sub-revenue lines are other concepts, not revenue rows
    assert sidecar["concepts_chosen"] == ["ifrs-full:Revenue"]


def test_sap_ses_revenue_lines_keep_their_german_digits_and_scale():
    from figures.filings.inline import read_inline

    facts = {(f.concept, f.context): f for f in read_inline(SAP)}
    # the same statement's revenue lines, in EUR millions as printed (2022, 2021, 2020)
    printed = {
        "sap:CloudSubscriptionsAndSupportRevenue": ("12555", "9418", "8080"),
        "ifrs-full:LicenceFeeIncome": ("2056", "3248", "3642"),
        "ifrs-full:RevenueFromRenderingOfInformationTechnologyMaintenanceAndSupportServices": (
            "11909",
            "11412",
            "11506",
        ),
        "sap:SoftwareLicensesAndSupportRevenue": ("13965", "14660", "15148"),
        "sap:RevenueFromCloudAndSoftware": ("26521", "24078", "23228"),
        "ifrs-full:RevenueFromRenderingOfInformationTechnologyConsultingServices": ("4350", "3764", "4110"),
        "ifrs-full:Revenue": ("30871", "27842", "27338"),
    }
    for concept, values in printed.items():
        for context, value in zip(("CYTD", "PYTD", "P2YTD"), values, strict=True):
            fact = facts[(concept, context)]
            assert (str(fact.value_millions), fact.currency, fact.decimals) == (value, "EUR", -6), (concept, context)
    assert len(facts) == 21
    assert {f.filing.entity for f in facts.values()} == {SAP_LEI}


def _sap_with(tmp_path, *, contexts: str = "", facts: str = ""):
    """The SAP fixture with more contexts before its unit and more revenue facts after its Umsatzerlöse row."""
    text = SAP.read_text(encoding="utf-8")
    text = text.replace('<xbrli:unit id="EUR">', contexts + '<xbrli:unit id="EUR">', 1)
    path = tmp_path / "sap.xhtml"
    path.write_text(text.replace("</tbody>", f"<tr><td>{facts}</td></tr></tbody>", 1), encoding="utf-8")
    return path


def _sap_revenue(context: str, text: str, *, decimals: str = "-6", scale: str = "6") -> str:
    return (
        f'<ix:nonFraction name="ifrs-full:Revenue" contextRef="{context}" unitRef="EUR" decimals="{decimals}"'
        f' format="ixt:num-comma-decimal" scale="{scale}">{text}</ix:nonFraction>'
    )


def test_an_esef_revenue_with_a_dimension_in_its_scenario_is_no_total(tmp_path):
    # ESEF puts every dimension in the context's scenario (a segment's revenue in the notes, say), not its segment
    segment = (
        '<xbrli:context id="CYTD_SegmentsAxis_CloudMember"><xbrli:entity><xbrli:identifier'
        ' scheme="http://standards.iso.org/iso/17442">529900D6BF99LW9R2E68</xbrli:identifier></xbrli:entity>'
        "<xbrli:period><xbrli:startDate>2022-01-01</xbrli:startDate><xbrli:endDate>2022-12-31</xbrli:endDate>"
        '</xbrli:period><xbrli:scenario><xbrldi:explicitMember dimension="ifrs-full:SegmentsAxis">'
        "sap:CloudMember</xbrldi:explicitMember></xbrli:scenario></xbrli:context>"
    )
    filing = _sap_with(tmp_path, contexts=segment, facts=_sap_revenue("CYTD_SegmentsAxis_CloudMember", "12.555"))
    reported, _ = _import(tmp_path, filing, company="SAP")
    assert reported.loc["sap_revenue_2022", "value"] == 30871.0
    assert "context CYTD;" in reported.loc["sap_revenue_2022", "note"]


def test_a_rounded_duplicate_of_an_esef_revenue_is_consistent_and_the_precise_value_is_kept(tmp_path):
    # the same revenue tagged again as "30,9 Mrd. €" (decimals -8): XBRL duplicates agreeing at the lower precision
    filing = _sap_with(tmp_path, facts=_sap_revenue("CYTD", "30,9", decimals="-8", scale="9"))
    reported, _ = _import(tmp_path, filing, company="SAP")
    assert reported.loc["sap_revenue_2022", "value"] == 30871.0
    assert "decimals -6" in reported.loc["sap_revenue_2022", "note"]


def test_a_rounded_duplicate_that_disagrees_is_refused(tmp_path):
    filing = _sap_with(tmp_path, facts=_sap_revenue("CYTD", "30,8", decimals="-8", scale="9"))
    message = import_error(tmp_path, filing)
    assert "fact ifrs-full:Revenue 2022-01-01 to 2022-12-31 in EUR" in message
    assert "found 30871000000 and 30800000000" in message


def test_the_cli_imports_inline_xbrl(tmp_path, capsys):
    out = tmp_path / "reported.csv"
    assert main(["import", str(VALEO), "--out", str(out), "--company", "Valeo"]) == 0
    assert "valeo_revenue_2014" in out.read_text()


def _changed_valeo(tmp_path, old: str, new: str, name="valeo.xhtml", count=1):
    text = VALEO.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_an_inline_filing_without_a_revenue_fact_is_refused(tmp_path):
    filing = _changed_valeo(tmp_path, 'name="ifrs-full:Revenue"', 'name="ifrs-full:GrossProfit"', count=2)
    assert "expected a revenue fact over a period" in import_error(tmp_path, filing)


def test_an_inline_revenue_in_a_unit_that_is_no_currency_is_refused(tmp_path):
    filing = _changed_valeo(
        tmp_path, "<xbrli:measure>iso4217:EUR</xbrli:measure>", "<xbrli:measure>xbrli:pure</xbrli:measure>"
    )
    message = import_error(tmp_path, filing)
    assert "fact ifrs-full:Revenue 2014-01-01 to 2014-12-31 in xbrli:pure" in message
    assert "expected a revenue in a currency" in message


def test_two_values_for_one_period_and_concept_in_one_inline_filing_are_refused(tmp_path):
    second = (
        '<ix:nonFraction unitRef="EUR" decimals="-3" name="ifrs-full:Revenue" scale="6" format="ixt2:numdotdecimal"'
        ' contextRef="dcur1">12,726</ix:nonFraction></div>'
    )
    filing = _changed_valeo(
        tmp_path, '</div>\n          </td>\n          <td class="number row-total ">', second + "</td><td>"
    )
    message = import_error(tmp_path, filing)
    assert "fact ifrs-full:Revenue 2014-01-01 to 2014-12-31 in EUR" in message
    assert "found 12725000000 and 12726000000" in message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.xhtml", b"<html><body><p>Annual report</p></body></html>", "found no inline XBRL facts"),
        ("report.xhtml", b"\x00\x01 not text", "found no inline XBRL facts"),
        ("facts.json", b'{"documentInfo": {"documentType": "other"}, "facts": {}}', "found other JSON"),
        ("package.zip", b"PK not a zip", "not a zip"),
    ],
)
def test_a_file_that_is_not_xbrl_is_refused(tmp_path, name, content, expected):
    filing = tmp_path / name
    filing.write_bytes(content)
    assert expected in import_error(tmp_path, filing)


def test_an_entity_declaration_is_refused_before_parsing(tmp_path):
    doctype = '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    filing = tmp_path / "report.xhtml"
    filing.write_text(doctype + VALEO.read_text(encoding="utf-8").split("?>", 1)[1], encoding="utf-8")
    assert "entity declaration" in import_error(tmp_path, filing)


def test_a_package_without_a_report_is_refused(tmp_path):
    package = _package(tmp_path, {"x/META-INF/reportPackage.json": b"{}", "x/reports/readme.txt": b"hello"})
    assert "expected an inline XBRL report" in import_error(tmp_path, package)


def test_a_zip_bomb_is_refused_from_its_declared_size(tmp_path):
    bomb = _package(tmp_path, {"x/reports/report.xhtml": b"\x00" * (300 * 1024 * 1024)}, name="bomb.zip")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    assert "larger than" in import_error(tmp_path, bomb)


def test_a_path_outside_the_package_is_refused(tmp_path):
    package = _package(tmp_path, {"../../evil/reports/report.xhtml": VALEO.read_bytes()}, name="traversal.zip")
    assert "outside the package" in import_error(tmp_path, package)


def test_a_huge_filing_is_refused_from_its_size(tmp_path, monkeypatch):
    from figures.filings import limits

    monkeypatch.setattr(limits, "MAX_FILING_BYTES", 1000)
    message = import_error(tmp_path, VALEO)
    assert "at most 1,000 bytes" in message


def _comparison(tmp_path, filings: dict, claims: list[dict], currency: str):
    """A comparison folder naming its filings (file: company) with the claims, built: the verdicts by claim, the
    figures CSV's rows, the page's HTML and the folder."""
    folder = tmp_path / "case"
    folder.mkdir()
    for filing in filings:
        shutil.copy(filing, folder / filing.name)
    named = [{"file": filing.name, "company": company} for filing, company in filings.items()]
    (folder / "filings.json").write_text(json.dumps({"filings": named}), encoding="utf-8")
    write_figures(folder / "claims.csv", claims)
    out = tmp_path / "report"
    html_path, csv_path = build_report(out, ReportParameters(comparison=str(folder), currency=currency))
    reviews = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    verdicts = {review["identifier"]: review["reviewRating"]["alternateName"] for review in reviews}
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    return verdicts, rows, html_path.read_text(encoding="utf-8"), folder


def test_a_comparison_that_names_its_filings_imports_them_and_cites_them(tmp_path):
    # claims as a newspaper would round the filings' figures: 12,725 and 18,828.9 million euros, 2014 over 2013
    claims = [
        claim("valeo_sales", "Valeo", "revenue", *CY2014, 12.7, "billion", "EUR"),
        claim("valeo_growth", "Valeo", "revenue_growth", *CY2014, 9.1, "percent", "EUR"),
        claim("faurecia_sales", "Faurecia", "revenue", *CY2014, 18.8, "billion", "EUR"),
        claim("faurecia_growth", "Faurecia", "revenue_growth", *CY2014, 4.4, "percent", "EUR"),
    ]
    verdicts, rows, page, folder = _comparison(tmp_path, {VALEO: "Valeo", FAURECIA: "Faurecia"}, claims, "USD")
    assert verdicts == {
        "valeo_sales": "rounded",
        "valeo_growth": "rounded",
        "faurecia_sales": "rounded",
        "faurecia_growth": "rounded",
    }
    assert any(row.get("value") in ("12725", "12725.0") for row in rows)
    assert "ifrs-full:Revenue" in page and VALEO.name in page and FAURECIA.name in page
    assert not (folder / "reported.csv").exists()  # imported for the build, nothing written into the comparison


def test_a_comparison_built_on_sap_ses_esef_filing_reconciles(tmp_path):
    # "SAP's revenue rose 11% to €30.9 bn in 2022": the filing's 30,871 over 27,842 million euros is 10.88%
    claims = [
        claim("sap_sales", "SAP", "revenue", *CY2022, 30.9, "billion", "EUR"),
        claim("sap_growth", "SAP", "revenue_growth", *CY2022, 11, "percent", "EUR"),
    ]
    verdicts, rows, page, _ = _comparison(tmp_path, {SAP: "SAP"}, claims, "EUR")
    assert verdicts == {"sap_sales": "rounded", "sap_growth": "rounded"}
    assert any(row.get("value") in ("30871", "30871.0") for row in rows)
    assert "ifrs-full:Revenue" in page and SAP.name in page and "529900D6BF99LW9R2E68" in page


VALEO_LEI, FAURECIA_LEI = "LEI 5493006IH2N2WMIBB742", "LEI 969500F0VMZLK2IULV85"


def test_two_entities_in_one_inline_import_are_refused_naming_both(tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["import", str(VALEO), str(FAURECIA), "--out", str(out)]) == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "import them one at a time" in error
    assert VALEO_LEI in error and FAURECIA_LEI in error and VALEO.name in error and FAURECIA.name in error
    assert not out.exists()


def _named(tmp_path, document) -> str:
    """The one-line error of building a comparison whose filings.json holds `document` (the SAP and Valeo filings
    copied beside it)."""
    folder = tmp_path / "case"
    folder.mkdir()
    for filing in (SAP, VALEO):
        shutil.copy(filing, folder / filing.name)
    (folder / "filings.json").write_text(json.dumps(document), encoding="utf-8")
    write_figures(folder / "claims.csv", [claim("sap_sales", "SAP", "revenue", *CY2022, 30.9, "billion", "EUR")])
    with pytest.raises(FiguresError) as caught:
        build_report(tmp_path / "report", ReportParameters(comparison=str(folder), currency="EUR"))
    message = str(caught.value)
    assert "\n" not in message and "filings.json" in message
    return message


def test_one_company_name_over_two_entities_in_filings_json_is_refused(tmp_path):
    named = [{"file": SAP.name, "company": "SAP"}, {"file": VALEO.name, "company": "SAP"}]
    message = _named(tmp_path, {"filings": named})
    assert "'SAP'" in message and SAP_LEI in message and VALEO_LEI in message
    assert SAP.name in message and VALEO.name in message


def test_an_empty_filings_json_is_refused(tmp_path):
    assert "expected at least one filing" in _named(tmp_path, {"filings": []})


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"filings": [{"file": SAP.name, "compnay": "SAP"}]}, ["filing 1", "'compnay'", "did you mean company"]),
        ({"filings": [{"file": SAP.name, "company": "SAP"}], "acessed": "2026-01-02"}, ["'acessed'", "'accessed'"]),
        ({"filings": [{"file": SAP.name}]}, ["filing 1", "'company'", "the name the claims give"]),
        ({"filings": [{"file": SAP.name, "company": "SAP"}], "accessed": "2999-01-01"}, ["2999-01-01", "after today"]),
    ],
)
def test_a_misspelt_or_missing_key_in_filings_json_is_refused(tmp_path, document, expected):
    message = _named(tmp_path, document)
    for part in expected:
        assert part in message


def test_the_ifrs_namespace_is_matched_whatever_its_prefix(tmp_path):
    # GLEIF's real ESEF report binds the prefix ifrs: to the ifrs-full namespace
    text = VALEO.read_text(encoding="utf-8").replace("xmlns:ifrs-full=", "xmlns:ifrs=").replace('"ifrs-full:', '"ifrs:')
    filing = tmp_path / "valeo.xhtml"
    filing.write_text(text, encoding="utf-8")
    reported, sidecar = _import(tmp_path, filing, company="Valeo")
    assert reported.loc["valeo_revenue_2014", "value"] == 12725.0
    assert "ifrs-full:Revenue" in reported.loc["valeo_revenue_2014", "source"]
    assert sidecar["concepts_chosen"] == ["ifrs-full:Revenue"]


def test_the_ifrs_full_prefix_bound_to_a_company_namespace_is_no_standard_concept(tmp_path):
    filing = _changed_valeo(
        tmp_path, '"http://xbrl.ifrs.org/taxonomy/2017-03-09/ifrs-full"', '"http://www.valeo.com/2014/taxonomy"'
    )
    assert "expected a revenue fact over a period" in import_error(tmp_path, filing)


def test_xbrl_json_concepts_are_matched_by_namespace(tmp_path):
    document = json.loads(VALEO_JSON.read_text(encoding="utf-8"))
    namespaces = document["documentInfo"]["namespaces"]
    namespaces["ifrs"] = "https://xbrl.ifrs.org/taxonomy/2023-03-23/ifrs-full"
    del namespaces["ifrs-full"]
    for fact in document["facts"].values():
        fact["dimensions"]["concept"] = fact["dimensions"]["concept"].replace("ifrs-full:", "ifrs:")
    filing = tmp_path / "valeo.json"
    filing.write_text(json.dumps(document), encoding="utf-8")
    reported, _ = _import(tmp_path, filing, company="Valeo")
    assert reported.loc["valeo_revenue_2013", "value"] == 11662.0
    assert "ifrs-full:Revenue" in reported.loc["valeo_revenue_2013", "source"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (">12,725<", ">twelve<", ["'twelve'", "ixt2:numdotdecimal"]),
        (">12,725<", ">12.725,0<", ["'12.725,0'", "ixt2:numdotdecimal"]),
        ('name="ifrs-full:Revenue" scale="6"', 'name="ifrs-full:Revenue" sign="-" scale="6"', ["positive", "sign"]),
        (
            'name="ifrs-full:Revenue" scale="6" format="ixt2:numdotdecimal"',
            'name="ifrs-full:Revenue" scale="6" format="ixt4:fixed-zero"',
            ["positive", "0"],
        ),
    ],
)
def test_a_bad_inline_revenue_fact_is_refused_naming_the_filing_and_the_fact(tmp_path, old, new, expected):
    registry = 'xmlns:ixt4="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" '
    filing = _changed_valeo(tmp_path, old, new)
    filing.write_text(filing.read_text(encoding="utf-8").replace("<html ", "<html " + registry, 1), encoding="utf-8")
    message = import_error(tmp_path, filing)
    assert "ifrs-full:Revenue" in message and "context dcur1" in message and ".check.csv" not in message
    for part in expected:
        assert part in message


def test_a_nil_revenue_fact_is_refused(tmp_path):
    text = VALEO.read_text(encoding="utf-8")
    text = text.replace("<html ", '<html xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ', 1)
    text = text.replace('contextRef="dcur1">12,725</ix:nonFraction>', 'contextRef="dcur1" xsi:nil="true"/>', 1)
    filing = tmp_path / "valeo.xhtml"
    filing.write_text(text, encoding="utf-8")
    message = import_error(tmp_path, filing)
    assert "ifrs-full:Revenue" in message and "context dcur1" in message and "nil" in message


def test_a_file_that_is_not_xbrl_is_named_once_without_internal_names(tmp_path):
    filing = tmp_path / "readme.xhtml"
    filing.write_text("<p>not a report", encoding="utf-8")
    message = import_error(tmp_path, filing)
    assert message.count("readme.xhtml") == 1 and "Error" not in message


def test_a_comparison_cites_the_company_filings_json_names(tmp_path):
    claims = [claim("sap_sales", "SAP", "revenue", *CY2022, 30.9, "billion", "EUR")]
    _, _, page, _ = _comparison(tmp_path, {SAP: "SAP"}, claims, "EUR")
    # each citation, whose first part a chart's source line names, begins with the company, not "LEI 5299..."
    assert f"SAP, inline XBRL report {SAP.name}" in page
    assert f"{SAP_LEI}, inline XBRL report" not in page


def _valeo_json(tmp_path, changes: dict[str, dict]):
    """Valeo's xBRL-JSON with each fact's keys changed as `changes` says (fact id: keys), written as valeo.json."""
    document = json.loads(VALEO_JSON.read_text(encoding="utf-8"))
    for fact_id, keys in changes.items():
        document["facts"][fact_id].update(keys)
    filing = tmp_path / "valeo.json"
    filing.write_text(json.dumps(document), encoding="utf-8")
    return filing


def test_a_revenue_that_is_not_positive_in_xbrl_json_is_refused_naming_the_fact(tmp_path):
    filing = _valeo_json(tmp_path, {"f38": {"value": "-12725000000"}})
    message = import_error(tmp_path, filing)
    assert "fact ifrs-full:Revenue 2014-01-01 to 2014-12-31 in EUR" in message and "context f38" in message
    assert "expected a positive revenue, found -12725000000" in message and ".check.csv" not in message


def test_xbrl_json_with_two_entities_is_refused_naming_both(tmp_path):
    document = json.loads(VALEO_JSON.read_text(encoding="utf-8"))
    document["facts"]["f41"]["dimensions"]["entity"] = "scheme:969500F0VMZLK2IULV85"
    filing = tmp_path / "valeo.json"
    filing.write_text(json.dumps(document), encoding="utf-8")
    message = import_error(tmp_path, filing)
    assert "expected the facts of one entity, found LEI 5493006IH2N2WMIBB742 and LEI 969500F0VMZLK2IULV85" in message


def test_xbrl_json_names_an_sec_entity_as_inline_xbrl_does(tmp_path):
    document = json.loads(VALEO_JSON.read_text(encoding="utf-8"))
    document["documentInfo"]["namespaces"]["cik"] = "http://www.sec.gov/CIK"
    for fact in document["facts"].values():
        fact["dimensions"]["entity"] = "cik:0000320193"
    filing = tmp_path / "valeo.json"
    filing.write_text(json.dumps(document), encoding="utf-8")
    reported, _ = _import(tmp_path, filing, company="Valeo")
    assert "(CIK 320193)" in reported.loc["valeo_revenue_2014", "source"]
    assert "cik:" not in reported.loc["valeo_revenue_2014", "source"]


def test_a_filing_listed_twice_in_filings_json_is_refused_naming_both_entries(tmp_path):
    document = {"filings": [{"file": VALEO.name, "company": "Valeo"}, {"file": VALEO.name, "company": "Faurecia"}]}
    message = _named(tmp_path, document)
    assert f"filing 2 ({VALEO.name}): expected each filing once, found it also as filing 1" in message
    assert "'Valeo'" in message


def test_one_entity_under_two_company_names_in_filings_json_is_refused_naming_both(tmp_path):
    document = {
        "filings": [{"file": VALEO.name, "company": "Valeo"}, {"file": "valeo-again.xhtml", "company": "Faurecia"}]
    }
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(VALEO, folder / VALEO.name)
    shutil.copy(VALEO, folder / "valeo-again.xhtml")
    (folder / "filings.json").write_text(json.dumps(document), encoding="utf-8")
    from figures.filings.named import import_named_filings

    with pytest.raises(FiguresError) as caught:
        import_named_filings(folder)
    message = str(caught.value)
    assert "\n" not in message and "filings.json" in message
    assert "LEI 5493006IH2N2WMIBB742: expected one company name for one entity" in message
    assert f"'Valeo' ({VALEO.name})" in message and "'Faurecia' (valeo-again.xhtml)" in message


def test_a_merged_sidecar_keeps_every_companys_url(tmp_path):
    from figures.filings.named import import_named_filings

    folder = tmp_path / "case"
    folder.mkdir()
    for name in ("alibaba_companyfacts_revenues.json", "snowflake_companyfacts_revenues.json"):
        shutil.copy(FILINGS / name, folder / name)
    named = [
        {"file": "alibaba_companyfacts_revenues.json", "company": "Alibaba"},
        {"file": "snowflake_companyfacts_revenues.json", "company": "Snowflake"},
    ]
    (folder / "filings.json").write_text(json.dumps({"filings": named, "accessed": "2026-01-02"}), encoding="utf-8")
    out = import_named_filings(folder)
    sidecar = json.loads((out.parent / f"{out.name}.meta.json").read_text(encoding="utf-8"))
    # Alibaba's CIK 1577552, Snowflake's 1640147: one companyfacts address each
    assert sidecar["url"].split() == [
        "https://data.sec.gov/api/xbrl/companyfacts/CIK0001577552.json",
        "https://data.sec.gov/api/xbrl/companyfacts/CIK0001640147.json",
    ]


def test_two_reports_of_one_period_end_that_disagree_are_refused_naming_both(tmp_path):
    # the same report twice, the second's 2014 sales changed: both dated by their latest period end, 2014-12-31
    restated = _changed_valeo(tmp_path, ">12,725<", ">12,800<", name="a-valeo-restated.xhtml")
    with pytest.raises(FiguresError) as caught:
        write_reported([VALEO, restated], tmp_path / "out.csv", company="Valeo")
    message = str(caught.value)
    assert "\n" not in message
    assert "2014-12-31 in EUR: expected one value from filings of the same date (2014-12-31)" in message
    assert f"12800 million in {restated.name} and 12725 million in {VALEO.name}" in message


def test_two_reports_of_one_period_end_that_agree_give_the_value(tmp_path):
    again = tmp_path / "a-valeo-again.xhtml"
    shutil.copy(VALEO, again)
    reported, _ = _import(tmp_path, VALEO, again, company="Valeo")
    assert reported.loc["valeo_revenue_2014", "value"] == 12725.0


def test_an_earlier_reports_value_is_said_with_its_period_end_not_a_filing_date(tmp_path):
    document = json.loads(VALEO_JSON.read_text(encoding="utf-8"))
    document["facts"] = {key: fact for key, fact in document["facts"].items() if key in ("f41", "f50")}
    document["facts"]["f41"]["value"] = "11600000000"
    earlier = tmp_path / "valeo-2013.json"
    earlier.write_text(json.dumps(document), encoding="utf-8")
    reported, _ = _import(tmp_path, VALEO, earlier, company="Valeo")
    note = reported.loc["valeo_revenue_2013", "note"]
    assert reported.loc["valeo_revenue_2013", "value"] == 11662.0
    assert "earlier value 11600 million in inline XBRL report valeo-2013.json, period ending 2013-12-31" in note
    assert "filed" not in note


def test_an_inf_precision_is_said_to_be_exact(tmp_path):
    filing = _changed_valeo(
        tmp_path, 'decimals="-3" name="ifrs-full:Revenue"', 'decimals="INF" name="ifrs-full:Revenue"'
    )
    reported, _ = _import(tmp_path, filing, company="Valeo")
    note = reported.loc["valeo_revenue_2014", "note"]
    assert "precision exact" in note and "companyfacts" not in note


def test_an_exact_duplicate_is_the_most_precise():
    import datetime as dt
    from dataclasses import replace
    from decimal import Decimal

    from figures.filings.choose import _one_fact_per_filing
    from figures.filings.facts import Fact

    exact = Fact(
        "ifrs-full:Revenue",
        Decimal(12725000000),
        "EUR",
        "EUR",
        dt.date(2014, 1, 1),
        dt.date(2014, 12, 31),
        float("inf"),
        "exact",
        None,
    )
    rounded = replace(exact, value=Decimal(12700000000), decimals=-8, context="rounded")
    assert [f.context for f in _one_fact_per_filing([rounded, exact], "valeo")] == ["exact"]
    assert [f.context for f in _one_fact_per_filing([exact, rounded], "valeo")] == ["exact"]


def test_a_revenue_scaled_beyond_reason_is_refused_in_one_line(tmp_path):
    filing = _changed_valeo(tmp_path, 'name="ifrs-full:Revenue" scale="6"', 'name="ifrs-full:Revenue" scale="30"')
    message = import_error(tmp_path, filing)
    assert "ifrs-full:Revenue" in message and "context dcur1" in message
    assert "expected a scale from -30 to 30" not in message  # 30 is in bounds: too many digits once scaled
    assert "found scale 30 in text '12,725'" in message


def test_a_scale_out_of_bounds_is_refused_for_a_revenue_and_skipped_for_another_fact(tmp_path):
    filing = _changed_valeo(tmp_path, 'name="ifrs-full:Revenue" scale="6"', 'name="ifrs-full:Revenue" scale="9999"')
    message = import_error(tmp_path, filing)
    assert "expected a scale from -30 to 30, found scale 9999 in text '12,725'" in message
    other = _changed_valeo(
        tmp_path,
        'scale="6" format="ixt2:numdotdecimal" contextRef="dcur1" name="ifrs-full:CostOfSales"',
        'scale="30" format="ixt2:numdotdecimal" contextRef="dcur1" name="ifrs-full:CostOfSales"',
    )
    reported, _ = _import(tmp_path, other, company="Valeo")
    assert reported.loc["valeo_revenue_2014", "value"] == 12725.0


def test_a_huge_xbrl_json_revenue_is_refused_in_one_line(tmp_path):
    message = import_error(tmp_path, _valeo_json(tmp_path, {"f38": {"value": "1e999999"}}))
    assert "expected a revenue of fewer than 20 digits" in message and "context f38" in message


def test_hostile_decimals_in_a_duplicate_do_not_raise_a_traceback(tmp_path):
    document = json.loads(VALEO_JSON.read_text(encoding="utf-8"))
    duplicate = json.loads(json.dumps(document["facts"]["f38"]))
    duplicate.update(value="12725000001", decimals=999999999)
    document["facts"]["f38"]["decimals"] = 999999998
    document["facts"]["dup"] = duplicate
    filing = tmp_path / "valeo.json"
    filing.write_text(json.dumps(document), encoding="utf-8")
    assert "expected one value for a concept and period in one filing" in import_error(tmp_path, filing)


def test_an_encrypted_report_in_a_package_is_refused_in_one_line(tmp_path):
    package = _valeo_package(tmp_path)
    data = bytearray(package.read_bytes())
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:  # each central directory entry: set "encrypted"
        data[start + 8] |= 1
        start += 4
    package.write_bytes(bytes(data))
    message = import_error(tmp_path, package)
    assert "valeo-2014/reports/valeo-2014.xhtml: expected a readable report" in message and "encrypted" in message


def test_an_unknown_format_is_named_apart_from_the_text(tmp_path):
    filing = _changed_valeo(
        tmp_path,
        'name="ifrs-full:Revenue" scale="6" format="ixt2:numdotdecimal"',
        'name="ifrs-full:Revenue" scale="6" format="ixt2:numwords"',
    )
    message = import_error(tmp_path, filing)
    assert "found format 'ixt2:numwords' in text '12,725'" in message and ", found '12,725'" not in message


def test_the_first_registrys_bare_namespace_is_read():
    from figures.filings.numbers import read_value

    namespace = "http://www.xbrl.org/2008/inlineXBRL/transformation"
    assert read_value("12,725", "ixt:numcommadot", namespace, scale="6", sign=None) == 12725000000


def test_many_compressible_reports_are_refused_from_their_total_declared_size(tmp_path):
    # 60 reports of 2 MiB each: every one under the 100 MiB limit, together 120 MiB
    members = {f"x/reports/report{number:02}.xhtml": b" " * (2 * 1024 * 1024) for number in range(60)}
    bomb = _package(tmp_path, members, name="many.zip")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    message = import_error(tmp_path, bomb)
    assert "expected its 60 reports together of at most 104,857,600 bytes, found 125,829,120" in message


def test_the_reports_read_are_held_to_the_limit_together(tmp_path, monkeypatch):
    from figures.filings import limits, package

    members = {f"x/reports/report{number}.xhtml": VALEO.read_bytes() for number in range(3)}
    many = _package(tmp_path, members, name="many.zip")
    size = len(VALEO.read_bytes())
    real = limits.check_size

    def check_size(found, path, what="a filing"):
        if what != "its 3 reports together":  # as if the declared sizes lied: only the sizes read are held
            real(found, path, what)

    monkeypatch.setattr(limits, "MAX_FILING_BYTES", 2 * size + 1 + many.stat().st_size)
    monkeypatch.setattr(package.limits, "check_size", check_size)
    message = import_error(tmp_path, many)
    assert "expected its reports together of at most" in message and f"found {3 * size:,}" in message


def _named_folder(tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(VALEO, folder / VALEO.name)
    (folder / "filings.json").write_text(json.dumps({"filings": [{"file": VALEO.name, "company": "Valeo"}]}))
    return folder


def test_named_filings_are_imported_into_a_private_folder_of_the_users_cache(tmp_path):
    from figures.filings.named import import_named_filings

    out = import_named_filings(_named_folder(tmp_path))
    assert out.parent.parent == tmp_path / "cache" / "imported"
    for folder in (tmp_path / "cache", tmp_path / "cache" / "imported"):
        assert folder.stat().st_mode & 0o777 == 0o700


def test_a_cache_folder_another_user_owns_is_refused(tmp_path, monkeypatch):
    import os

    from figures.filings import named

    folder = _named_folder(tmp_path)
    other = os.getuid() + 1
    monkeypatch.setattr(named.os, "getuid", lambda: other)
    with pytest.raises(FiguresError) as caught:
        named.import_named_filings(folder)
    message = str(caught.value)
    assert str(tmp_path / "cache") in message and "another user owns" in message and "\n" not in message


def test_the_import_cache_is_keyed_by_the_ixbrlparse_version(tmp_path, monkeypatch):
    import importlib.metadata

    from figures.filings.named import IMPORTER_MODULES, import_named_filings

    folder = _named_folder(tmp_path)
    first = import_named_filings(folder)
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0-other")
    assert import_named_filings(folder) != first
    assert set(IMPORTER_MODULES) == {"periods.py", "load.py", "provenance.py"}
