"""Reported figures imported from filings (SEC companyfacts JSON): the revenue concept chosen in a stated order,
the latest filing for each period, convenience translations, quarters and halves by their kind, and one-line
errors for bad filings. Expected values were read by hand from the fixtures (tests/filings/SOURCES.md)."""

import json

import pytest

from figures.cli import main
from figures.errors import FiguresError
from figures.filings import write_reported
from figures.load import load_reported
from helpers import ROOT, import_error

FILINGS = ROOT / "tests" / "filings"
ALIBABA = FILINGS / "alibaba_companyfacts_revenues.json"
LPA = FILINGS / "lpa_companyfacts_revenues.json"
SNOWFLAKE = FILINGS / "snowflake_companyfacts_revenues.json"


def _import(tmp_path, *filings, company=None):
    out = tmp_path / "reported.csv"
    write_reported(list(filings), out, company=company)
    return load_reported(out).set_index("figure_id"), json.loads((tmp_path / "reported.csv.meta.json").read_text())


def test_alibabas_revenues_match_the_default_cases_reported_figures(tmp_path):
    reported, _ = _import(tmp_path, ALIBABA, company="Alibaba Group")
    # data/reported_figures.csv: FY2018 250,266, FY2017 158,273, FY2016 101,143 million CNY
    for label, value in (("fy2018", 250266.0), ("fy2017", 158273.0), ("fy2016", 101143.0)):
        row = reported.loc[f"alibaba_group_revenue_{label}"]
        assert (row["value"], row["currency"], row["fiscal_label"]) == (value, "CNY", label.upper())
    fy2018 = reported.loc["alibaba_group_revenue_fy2018"]
    assert (str(fy2018["period_start"]), str(fy2018["period_end"])) == ("2017-04-01", "2018-03-31")
    assert "us-gaap:Revenues" in fy2018["source"] and "CIK 1577552" in fy2018["source"]


def test_the_dollar_figures_are_the_filings_convenience_translations_at_the_companys_rate(tmp_path):
    reported, _ = _import(tmp_path, ALIBABA, company="Alibaba Group")
    usd = reported.loc["alibaba_group_revenue_fy2018_usd"]
    # the 20-F of 27 July 2018 tags 39,898 million USD beside 250,266 million CNY: 6.2726 CNY per USD
    assert (usd["value"], usd["currency"], usd["translated_from"]) == (39898.0, "USD", "alibaba_group_revenue_fy2018")
    assert (float(usd["fx_rate"]), usd["fx_rate_unit"]) == (6.2726, "CNY per USD")
    assert "0001047469-18-005257" in usd["source"] and str(usd["published"]) == "2018-07-27"
    assert float(reported.loc["alibaba_group_revenue_fy2017_usd", "fx_rate"]) == 6.8832


def test_the_latest_filing_reporting_a_period_is_the_source(tmp_path):
    reported, _ = _import(tmp_path, ALIBABA, company="Alibaba Group")
    # FY2018 is reported five times; the last is the 6-K of 2 February 2021
    fy2018 = reported.loc["alibaba_group_revenue_fy2018"]
    assert "0001104659-21-010913" in fy2018["source"] and str(fy2018["published"]) == "2021-02-02"


def test_total_revenue_comes_before_revenue_from_contracts_with_customers(tmp_path):
    reported, sidecar = _import(tmp_path, LPA)
    company = "Logistic Properties of the Americas"
    # ifrs-full:Revenue (rent included) 43,862,372 USD in 2024; contracts with customers alone 5,053,779
    assert reported.loc["logistic_properties_of_the_americas_revenue_2024", "value"] == 43.862372
    assert reported.loc["logistic_properties_of_the_americas_revenue_2021", "value"] == 25.596073
    assert reported.loc["logistic_properties_of_the_americas_revenue_2024", "company"] == company
    assert "ifrs-full:Revenue, first of the ifrs-full revenue concepts" in reported.iloc[0]["note"]
    assert sidecar["concepts_chosen"] == ["ifrs-full:Revenue"]


def test_quarters_halves_and_nine_months_come_through_with_their_kind(tmp_path):
    reported, _ = _import(tmp_path, SNOWFLAKE, company="Snowflake")
    by_label = reported.reset_index().set_index("fiscal_label")
    # fiscal years end on 31 January: FY2025 is February 2024 to January 2025
    assert by_label.loc["FY2025", "value"] == 3626.396
    q1 = by_label.loc["Q1 FY2026"]
    assert (str(q1["period_start"]), q1["value"]) == ("2025-02-01", 1042.074)
    assert by_label.loc["H1 FY2025", "value"] == 1697.532 and "; half year;" in by_label.loc["H1 FY2025", "note"]
    assert by_label.loc["9M FY2025", "value"] == 2639.626 and "; nine months;" in by_label.loc["9M FY2025", "note"]
    assert by_label.loc["Q3 FY2025", "value"] == 942.094 and "; quarter;" in by_label.loc["Q3 FY2025", "note"]


def test_a_restated_value_is_kept_in_the_note(tmp_path):
    facts = json.loads(LPA.read_text())
    revenue = facts["facts"]["ifrs-full"]["Revenue"]["units"]["USD"]
    restated = next(f for f in revenue if f["end"] == "2023-12-31" and f["accn"] == "0001493152-24-016772")
    restated["val"] = 39000000  # as if the 2023 report had said 39.0 million, restated a year later to 39,436,343
    changed = tmp_path / "lpa.json"
    changed.write_text(json.dumps(facts))
    reported, _ = _import(tmp_path, changed)
    note = reported.loc["logistic_properties_of_the_americas_revenue_2023", "note"]
    assert reported.loc["logistic_properties_of_the_americas_revenue_2023", "value"] == 39.436343
    assert "earlier value 39 million in Form 20-F 0001493152-24-016772 filed 2024-04-26" in note


def test_the_cli_writes_a_reported_file_and_its_sidecar_naming_each_filing(tmp_path, capsys):
    out = tmp_path / "reported.csv"
    assert main(["import", str(ALIBABA), "--out", str(out), "--company", "Alibaba Group"]) == 0
    sidecar = json.loads((tmp_path / "reported.csv.meta.json").read_text())
    assert sidecar["filings"][0]["file"] == ALIBABA.name and len(sidecar["filings"][0]["sha256"]) == 64
    assert sidecar["url"] == "https://data.sec.gov/api/xbrl/companyfacts/CIK0001577552.json"
    assert out.read_text().splitlines()[0] == (ROOT / "data/reported_figures.csv").read_text().splitlines()[0]
    assert main(["import", str(ALIBABA), "--out", str(out)]) == 1  # never over an existing file
    assert "--force" in capsys.readouterr().err


def test_a_filing_without_a_revenue_fact_is_refused(tmp_path):
    message = import_error(tmp_path, FILINGS / "snowflake_companyfacts_dei_only.json")
    assert "expected a revenue fact over a period" in message and "us-gaap:Revenues" in message


def test_a_revenue_in_a_unit_that_is_no_currency_is_refused(tmp_path):
    facts = json.loads(LPA.read_text())
    units = facts["facts"]["ifrs-full"]["Revenue"]["units"]
    units["shares"] = units.pop("USD")
    filing = tmp_path / "lpa.json"
    filing.write_text(json.dumps(facts))
    message = import_error(tmp_path, filing)
    assert "fact ifrs-full:Revenue 2021-01-01 to 2021-12-31 in shares" in message
    assert "expected a revenue in a currency" in message


def test_two_values_for_one_period_and_concept_in_one_filing_are_refused(tmp_path):
    facts = json.loads(LPA.read_text())
    revenue = facts["facts"]["ifrs-full"]["Revenue"]["units"]["USD"]
    revenue.append(dict(revenue[-1], val=1))
    filing = tmp_path / "lpa.json"
    filing.write_text(json.dumps(facts))
    message = import_error(tmp_path, filing)
    assert "fact ifrs-full:Revenue 2024-01-01 to 2024-12-31 in USD in 20-F 0001997711-25-000030" in message
    assert "found 43862372 and 1" in message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.json", "not json at all", "a file that is not JSON"),
        ("other.json", '{"facts": []}', "found other JSON"),
        ("report.xhtml", "<html/>", "inline XBRL"),
    ],
)
def test_a_file_that_is_not_xbrl_facts_is_refused(tmp_path, name, content, expected):
    filing = tmp_path / name
    filing.write_text(content)
    assert expected in import_error(tmp_path, filing)


def test_fixtures_are_unchanged_copies_of_their_sources():
    # each fixture keeps whole concept objects of the real file: the source's facts, none added
    lpa = json.loads(LPA.read_text())
    assert lpa["cik"] == "0001997711" and len(lpa["facts"]["ifrs-full"]["Revenue"]["units"]["USD"]) == 6
    # the provenance table names repository, path, commit and licence
    assert "3b44ade1065a5448642f192baaefa183336051bb" in (FILINGS / "SOURCES.md").read_text()


APPLE = FILINGS / "apple_2023_10k_instance_revenues.xml"


def test_two_companies_in_one_import_are_refused_naming_both(tmp_path, capsys):
    # Alibaba (CIK 1577552) and LPA (CIK 1997711): one reported file is one company's figures
    out = tmp_path / "x.csv"
    assert main(["import", str(ALIBABA), str(LPA), "--out", str(out)]) == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "import them one at a time" in error
    assert "CIK 1577552" in error and "CIK 1997711" in error and ALIBABA.name in error and LPA.name in error
    assert not out.exists()


def test_apples_10k_instance_document_gives_its_printed_net_sales(tmp_path):
    reported, sidecar = _import(tmp_path, APPLE, company="Apple")
    # Apple 10-K for fiscal 2023, consolidated statements of operations (in millions): total net sales
    # 383,285 (2023), 394,328 (2022), 365,817 (2021); fiscal years end on the last Saturday of September
    printed = {"fy2023": 383285.0, "fy2022": 394328.0, "fy2021": 365817.0}
    assert {label: reported.loc[f"apple_revenue_{label}", "value"] for label in printed} == printed
    row = reported.loc["apple_revenue_fy2023"]
    assert (str(row["period_start"]), str(row["period_end"]), row["currency"]) == ("2022-09-25", "2023-09-30", "USD")
    assert "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax" in row["source"]
    assert "CIK 320193" in row["source"] and "context c-1" in row["note"] and "decimals -6" in row["note"]
    assert len(reported) == 3  # the products segment (context c-14, 298,085) is no total
    assert sidecar["concepts_chosen"] == ["us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"]


def test_an_instance_names_the_company_from_its_registrant_name(tmp_path):
    reported, _ = _import(tmp_path, APPLE)
    assert reported.loc["apple_inc_revenue_fy2023", "company"] == "Apple Inc."


def test_the_us_gaap_namespace_is_matched_whatever_its_prefix(tmp_path):
    # an instance may bind any prefix to the FASB's namespace; the concept is named by its usual prefix
    (tmp_path / "apple.xml").write_text(
        APPLE.read_text(encoding="utf-8").replace("us-gaap:", "gaap:").replace("xmlns:us-gaap=", "xmlns:gaap="),
        encoding="utf-8",
    )
    row = _import(tmp_path, tmp_path / "apple.xml", company="Apple")[0].loc["apple_revenue_fy2023"]
    assert (row["value"], row["source"].rpartition("; ")[2]) == (
        383285.0,
        "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax",
    )


def test_the_us_gaap_prefix_bound_to_another_namespace_is_no_standard_concept(tmp_path):
    text = APPLE.read_text(encoding="utf-8").replace('"http://fasb.org/us-gaap/2023"', '"http://example.com/gaap"')
    filing = tmp_path / "apple.xml"
    filing.write_text(text, encoding="utf-8")
    assert "expected a revenue fact over a period" in import_error(tmp_path, filing)


def test_an_instance_and_the_companys_companyfacts_are_one_entity(tmp_path):
    from figures.filings import import_filings

    facts = import_filings([APPLE])
    assert {f.filing.entity for f in facts} == {"CIK 320193"}  # as companyfacts names it, not 0000320193


def test_a_pdf_is_refused_saying_what_is_read(tmp_path):
    filing = tmp_path / "annual-report.pdf"
    filing.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    message = import_error(tmp_path, filing)
    assert "a file that is not JSON" not in message
    for accepted in ("companyfacts JSON", "xBRL-JSON", "inline XBRL", "XBRL instance", "report package"):
        assert accepted in message


def test_an_accessed_date_after_today_is_refused(tmp_path, capsys):
    import datetime as dt

    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    out = tmp_path / "x.csv"
    assert main(["import", str(ALIBABA), "--out", str(out), "--accessed", tomorrow]) == 1
    error = capsys.readouterr().err
    assert "--accessed" in error and tomorrow in error and "after today" in error
    assert not out.exists()


def test_the_import_help_names_every_filing_it_reads(capsys):
    from figures.filings.rows import ACCEPTED

    with pytest.raises(SystemExit):
        main(["import", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert ACCEPTED in said and ".xml, .xbrl" in said


def test_write_reported_refuses_an_accessed_date_after_today(tmp_path):
    import datetime as dt

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(FiguresError) as caught:
        write_reported([ALIBABA], tmp_path / "out.csv", company="Alibaba", accessed=tomorrow)
    assert f"(--accessed) {tomorrow}" in str(caught.value) and "after today" in str(caught.value)
    assert not (tmp_path / "out.csv").exists()
