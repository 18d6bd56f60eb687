"""`figures extract`: from an article's own words to a draft claims file, flagged where the text is silent.

The articles in tests/articles/ were written for these tests; every expected value is written by hand.
"""

import csv
import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from figures.errors import FiguresError
from figures.extract import HEADER, extract, extract_claims, read_article, render_review, write_draft
from figures.extract.language import LOCALES, detect_language, grammar, parse_number
from figures.load import load_figures
from figures.provenance import REQUIRED_FIELDS
from helpers import ARTICLE_FILE, ROOT, article_rows

ARTICLES = Path(__file__).parent / "articles"
NNBSP, NBSP = "\u202f", "\u00a0"
FIELDS = (
    "company",
    "metric",
    "period_start",
    "period_end",
    "period_inferred",
    "value",
    "unit",
    "currency",
    "approximate",
    "wording",
)


def brief(rows):
    return [tuple(row[name] for name in FIELDS) for row in rows]


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "figures", *args], capture_output=True, text=True, cwd=cwd, timeout=180
    )


# ------------------------------------------------------------------------------------------------------------
# The default case: my own French paragraph on the same figures gives the four rows of data/article_figures.csv


def test_default_case_gives_the_four_reviewed_claims():
    rows = extract_claims(ARTICLES / "fr_default_case.txt")
    assert len(rows) == 4
    by_key = {(row["company"], row["metric"]): row for row in rows}
    for expected in article_rows():
        row = by_key[(expected["company"], expected["metric"])]
        assert float(row["value"]) == float(expected["value"]), expected["figure_id"]
        for column in ("unit", "currency", "period_start", "period_end", "period_inferred", "approximate"):
            assert row[column] == expected[column], (expected["figure_id"], column)
        assert row["published"] == expected["published"] == "2018-07-03"
    assert by_key[("Alibaba Group", "revenue")]["wording"] == "39,9 milliards de dollars"
    assert by_key[("Bolloré Group", "revenue")]["wording"] == "18,3 milliards d'euros"
    # Alibaba's period is not in the text: inferred from its fiscal calendar (reported figures) and flagged.
    alibaba = by_key[("Alibaba Group", "revenue")]
    assert "names no period" in alibaba["period_note"] and "Review: period inferred" in alibaba["note"]


# ------------------------------------------------------------------------------------------------------------
# Articles covering every pattern, in three languages

EN_EXPECTED = [
    # fiscal 2018 of a company whose fiscal calendar is unknown, published 3 July 2018: the fiscal year labelled 2018
    # that ended last, at a quarter's end, before publication (to 30 June 2018), flagged. The calendar year 2018
    # had not ended.
    ("Northwind Traders", "revenue_growth", "2017-07-01", "2018-06-30", "true", "58", "percent", "USD", "false", "58%"),
    (
        "Northwind Traders",
        "revenue",
        "2017-07-01",
        "2018-06-30",
        "true",
        "39.9",
        "billion",
        "USD",
        "false",
        "$39.9 billion",
    ),
    ("Contoso Ltd", "revenue_growth", "2018-04-01", "2018-06-30", "false", "-3.5", "percent", "EUR", "false", "3.5%"),
    ("Contoso Ltd", "revenue", "2018-04-01", "2018-06-30", "false", "18.3", "billion", "EUR", "false", "€18.3bn"),
    (
        "Fabrikam Inc.",
        "revenue",
        "2018-01-01",
        "2018-06-30",
        "false",
        "250.3",
        "billion",
        "CNY",
        "true",
        "RMB 250.3 billion",
    ),
    (
        "Fabrikam Inc.",
        "revenue_growth",
        "2018-01-01",
        "2018-06-30",
        "false",
        "12",
        "percent",
        "CNY",
        "false",
        "12 percent",
    ),
    (
        "Tailspin Toys",
        "revenue",
        "2017-01-01",
        "2017-12-31",
        "false",
        "32.15",
        "billion",
        "CNY",
        "false",
        "32.15 billion yuan",
    ),
    (
        "Tailspin Toys",
        "revenue_growth",
        "2017-01-01",
        "2017-12-31",
        "false",
        "7.5",
        "percent",
        "CNY",
        "false",
        "7.5 per cent",
    ),
    # "last year": a year named relative to publication, inferred (the text prints no year)
    (
        "Adventure Works",
        "revenue",
        "2017-01-01",
        "2017-12-31",
        "true",
        "2.45",
        "billion",
        "CHF",
        "false",
        "2.45 billion Swiss francs",
    ),
    ("Adventure Works", "revenue_growth", "2017-01-01", "2017-12-31", "true", "-2", "percent", "CHF", "false", "2%"),
    ("Wide World Importers", "revenue", "2017-01-01", "2017-12-31", "false", "512", "million", "GBP", "false", "£512m"),
    (
        "Wide World Importers",
        "revenue_growth",
        "2017-01-01",
        "2017-12-31",
        "false",
        "-4",
        "percent",
        "GBP",
        "false",
        "4%",
    ),
    # no period in its sentence: the year the text named last (for another company), flagged
    ("Litware", "revenue_growth", "2017-01-01", "2017-12-31", "true", "14", "percent", "USD", "false", "14%"),
    ("Litware", "revenue", "2017-01-01", "2017-12-31", "true", "1.2", "billion", "USD", "false", "USD 1.2 billion"),
    (
        "Proseware",
        "revenue",
        "2017-01-01",
        "2017-12-31",
        "false",
        "850",
        "thousand",
        "EUR",
        "false",
        "850 thousand euros",
    ),
    (
        "Blue Yonder Airlines",
        "revenue",
        "2017-01-01",
        "2017-12-31",
        "false",
        "1234.5",
        "million",
        "USD",
        "false",
        "$1,234.5 million",
    ),
]
FR_EXPECTED = [
    # "l'exercice 2017": a fiscal year named by one year is, in French, the calendar year (one of another end is
    # named by two, "2016/17"); stated
    (
        "Aubépine",
        "revenue",
        "2017-01-01",
        "2017-12-31",
        "false",
        "12.5",
        "billion",
        "EUR",
        "false",
        "12,5 milliards d'euros",
    ),
    ("Aubépine", "revenue_growth", "2017-01-01", "2017-12-31", "false", "4.2", "percent", "EUR", "false", "4,2 %"),
    (
        "Cerisaie SA",
        "revenue",
        "2018-04-01",
        "2018-06-30",
        "false",
        "1234.5",
        "million",
        "EUR",
        "false",
        f"1{NNBSP}234,5 millions d'euros",
    ),
    (
        "Cerisaie SA",
        "revenue_growth",
        "2018-04-01",
        "2018-06-30",
        "false",
        "-3",
        "percent",
        "EUR",
        "false",
        f"3{NBSP}%",
    ),
    ("Dauphin", "revenue_growth", "2018-01-01", "2018-06-30", "false", "8", "percent", "EUR", "false", "+8 %"),
    ("Dauphin", "revenue", "2018-01-01", "2018-06-30", "false", "950", "million", "EUR", "false", "950 M€"),
    ("Églantine", "revenue", "2017-01-01", "2017-12-31", "false", "3.2", "billion", "EUR", "true", "3,2 Md€"),
    # "l'an dernier": relative to publication, inferred
    ("Figuier", "revenue_growth", "2017-01-01", "2017-12-31", "true", "-6", "percent", "USD", "false", "6 %"),
    (
        "Figuier",
        "revenue",
        "2017-01-01",
        "2017-12-31",
        "true",
        "2300",
        "million",
        "USD",
        "false",
        "2 300 millions de dollars US",
    ),
    # no period in its sentence: the one the sentence before names ("en 2017"), flagged for review
    (
        "Genévrier",
        "revenue",
        "2017-01-01",
        "2017-12-31",
        "false",
        "4.5",
        "billion",
        "CNY",
        "false",
        "4,5 milliards de yuans",
    ),
    ("Houx", "revenue", "2017-01-01", "2017-12-31", "false", "1.8", "billion", "USD", "false", "US$ 1,8 milliard"),
]
DE_EXPECTED = [
    # "im Geschäftsjahr 2017": the calendar year, as in French
    (
        "Erlenhof AG",
        "revenue_growth",
        "2017-01-01",
        "2017-12-31",
        "false",
        "5.2",
        "percent",
        "EUR",
        "false",
        "5,2 Prozent",
    ),
    (
        "Erlenhof AG",
        "revenue",
        "2017-01-01",
        "2017-12-31",
        "false",
        "20.1",
        "billion",
        "EUR",
        "false",
        "20,1 Mrd. Euro",
    ),
    (
        "Buchenwald SE",
        "revenue",
        "2018-01-01",
        "2018-06-30",
        "false",
        "1234.5",
        "million",
        "CHF",
        "true",
        "1.234,5 Mio. Franken",
    ),
    (
        "Kiefernhaus GmbH",
        "revenue_growth",
        "2018-04-01",
        "2018-06-30",
        "false",
        "-3",
        "percent",
        "USD",
        "false",
        "3 Prozent",
    ),
    (
        "Kiefernhaus GmbH",
        "revenue",
        "2018-04-01",
        "2018-06-30",
        "false",
        "2.5",
        "billion",
        "USD",
        "false",
        "2,5 Milliarden US-Dollar",
    ),
    (
        "Lärchenweg",
        "revenue",
        "2017-01-01",
        "2017-12-31",
        "false",
        "800",
        "million",
        "EUR",
        "false",
        "800 Millionen Euro",
    ),
    (
        "Lärchenweg",
        "revenue_growth",
        "2017-01-01",
        "2017-12-31",
        "false",
        "12",
        "percent",
        "EUR",
        "false",
        "12 Prozent",
    ),
]


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("en_patterns.txt", "en", EN_EXPECTED),
        ("fr_patterns.txt", "fr", FR_EXPECTED),
        ("de_patterns.txt", "de", DE_EXPECTED),
    ],
)
def test_every_pattern_of_each_language(name, language, expected, tmp_path):
    found = extract(ARTICLES / name)
    assert found.article.language == language and found.article.language_from == "detected"
    assert str(found.article.published) == "2018-07-03" and found.article.published_from == "dateline"
    assert brief(found.rows()) == expected
    write_draft(ARTICLES / name, tmp_path / "claims.csv", accessed="2018-07-04")
    assert len(load_figures(tmp_path / "claims.csv")) == len(expected)


NO_CURRENCY = "no currency the rules know (a count, or a currency they do not read)"


@pytest.mark.parametrize(
    ("name", "left_out"),
    [
        (
            "en_patterns.txt",
            {
                "3%": "not revenue: net profit",
                "$9.6 billion": "not revenue: net profit",
                "28%": "not revenue: gross merchandise volume",
                "$768 billion": "not revenue: gross merchandise volume",
                "20%": "not revenue: users",
                "$3.3 billion": "a segment's figure, not the group's",
                "€19bn": "a figure of an earlier period, given for comparison",
                "30%": "not revenue: market",
                "6.9%": "not revenue: economy",
                "$45 billion": "a forecast, not a reported figure",
                "552 million": NO_CURRENCY,  # users: listed for the reviewer, never drafted
            },
        ),
        (
            "fr_patterns.txt",
            {
                "3 %": "not revenue: bénéfice net",
                "1,1 milliard d'euros": "not revenue: bénéfice net",
                "5 milliards d'euros": "not revenue: volume d'affaires",
                "12 %": "a segment's figure, not the group's",
                "800 millions d'euros": "a segment's figure, not the group's",
                "14 %": "not revenue: marché",
                "6,9 %": "not revenue: pib",
                "30 millions": NO_CURRENCY,
            },
        ),
        (
            "de_patterns.txt",
            {
                "3 Prozent": "not revenue: gewinn",
                "40 Prozent": "a segment's figure, not the group's",
                "90 Millionen Euro": "a segment's figure, not the group's",
                "10 Prozent": "not revenue: markt",
                "20 Prozent": "not revenue: nutzer",
                "5 Millionen": NO_CURRENCY,
            },
        ),
    ],
)
def test_what_is_not_a_group_revenue_claim_is_left_out_with_its_reason(name, left_out):
    found = extract(ARTICLES / name)
    assert {found.article.text[item.start : item.end]: item.reason for item in found.left_out} == left_out
    segments = {item.component for item in found.left_out if item.component}
    assert (
        segments
        == {
            "en_patterns.txt": {"cloud computing unit"},
            "fr_patterns.txt": {"division logistique"},
            "de_patterns.txt": {"Cloud"},
        }[name]
    )


def test_a_bracketed_translation_is_the_same_figure_not_a_second_claim():
    rows = extract_claims(ARTICLES / "en_patterns.txt")
    tailspin = [row for row in rows if row["company"] == "Tailspin Toys"]
    assert [row["currency"] for row in tailspin] == ["CNY", "CNY"]
    assert "“$4.84 billion” (USD): the same figure translated into another currency" in tailspin[0]["note"]
    fabrikam = [row for row in rows if row["company"] == "Fabrikam Inc." and row["metric"] == "revenue"]
    assert len(fabrikam) == 1 and "“US$37.8 billion” (USD)" in fabrikam[0]["note"]
    french = extract_claims(ARTICLES / "fr_patterns.txt")
    genevrier = [row for row in french if row["company"] == "Genévrier"]
    assert len(genevrier) == 1 and "“580 millions d'euros” (EUR)" in genevrier[0]["note"]


def test_each_row_keeps_its_sentence_and_its_flags():
    rows = {row["wording"]: row for row in extract_claims(ARTICLES / "en_patterns.txt", source="Test Wire")}
    litware = rows["USD 1.2 billion"]
    assert litware["note"].startswith("From the text: “Litware's revenue jumped 14% to USD 1.2 billion.”")
    # Its sentence names no period: the one the sentence before names, which is about another company, so inferred.
    assert "period inferred, not stated." in litware["note"]
    assert "named in an earlier sentence (“2017”). That sentence is about another company" in litware["period_note"]
    assert "“$” read as US dollars" in rows["$39.9 billion"]["note"]
    assert "Review:" not in rows["€18.3bn"]["note"] and rows["€18.3bn"]["source"] == "Test Wire"


# ------------------------------------------------------------------------------------------------------------
# One sentence at a time: unit words, currencies, decimal styles, signs, approximations, periods

AMOUNTS = [
    ("en", "$39.9 billion", "39.9", "billion", "USD"),
    ("en", "€18.3bn", "18.3", "billion", "EUR"),
    ("en", "32.15 billion yuan", "32.15", "billion", "CNY"),
    ("en", "RMB 250.3 billion", "250.3", "billion", "CNY"),
    ("en", "£512m", "512", "million", "GBP"),
    ("en", "2.45 billion Swiss francs", "2.45", "billion", "CHF"),
    ("en", "HK$3.1 billion", "3.1", "billion", "HKD"),
    ("en", "850 thousand euros", "850", "thousand", "EUR"),
    ("en", "USD 1.2 billion", "1.2", "billion", "USD"),
    ("en", "1.5 billion US dollars", "1.5", "billion", "USD"),
    ("en", "€7.3 million", "7.3", "million", "EUR"),
    ("en", "$1,234.5 million", "1234.5", "million", "USD"),
    # Trillions stay trillions: 9.48 trillion printed to the hundredth is 9,480 billion give or take 5,
    # which "9480.00 billion" would claim to the hundredth of a billion.
    ("en", "¥1.2 trillion", "1.2", "trillion", "JPY"),
    ("en", "3.4 trillion yen", "3.4", "trillion", "JPY"),
    ("en", "₩258.94tn", "258.94", "trillion", "KRW"),
    ("fr", "39,9 milliards de dollars", "39.9", "billion", "USD"),
    ("fr", "18,3 Md€", "18.3", "billion", "EUR"),
    ("fr", "4 Mds €", "4", "billion", "EUR"),
    ("fr", "950 M€", "950", "million", "EUR"),
    ("fr", f"1{NNBSP}234,5 millions d'euros", "1234.5", "million", "EUR"),
    ("fr", f"1{NBSP}234,5 millions d'euros", "1234.5", "million", "EUR"),
    ("fr", "1 234,5 millions d'euros", "1234.5", "million", "EUR"),
    ("fr", "2,5 milliards de livres sterling", "2.5", "billion", "GBP"),
    ("fr", "1,8 milliard de yuans", "1.8", "billion", "CNY"),
    ("fr", "US$ 1,8 milliard", "1.8", "billion", "USD"),
    ("fr", "3,5 millions de francs suisses", "3.5", "million", "CHF"),
    ("fr", "250,3 milliards RMB", "250.3", "billion", "CNY"),
    ("de", "20,1 Mrd. Euro", "20.1", "billion", "EUR"),
    ("de", "1.234,5 Mio. Franken", "1234.5", "million", "CHF"),
    ("de", "2,5 Milliarden US-Dollar", "2.5", "billion", "USD"),
    ("de", "800 Millionen Euro", "800", "million", "EUR"),
    ("de", "3 Milliarden Yuan", "3", "billion", "CNY"),
    ("de", "12 Mrd. Schweizer Franken", "12", "billion", "CHF"),
    ("de", "1,2 Billionen Yen", "1.2", "trillion", "JPY"),  # a German Billion is a million millions
]
SENTENCES = {
    "en": "Acme Group said its revenue reached {} in 2017.",
    "fr": "Le chiffre d'affaires du groupe Acme a atteint {} en 2017.",
    "de": "Der Umsatz der Acme AG erreichte im Jahr 2017 {}.",
}


@pytest.mark.parametrize(("lang", "amount", "value", "unit", "currency"), AMOUNTS)
def test_amounts_in_every_unit_currency_and_decimal_style(lang, amount, value, unit, currency):
    (row,) = extract_claims(SENTENCES[lang].format(amount), lang=lang, published="2018-07-03")
    assert (row["value"], row["unit"], row["currency"], row["wording"]) == (value, unit, currency, amount)
    assert (row["period_start"], row["period_end"], row["period_inferred"]) == ("2017-01-01", "2017-12-31", "false")
    assert row["company"] == {"en": "Acme Group", "fr": "Acme", "de": "Acme AG"}[lang]


@pytest.mark.parametrize(
    ("lang", "sentence", "growth"),
    [
        ("en", "Acme Group's revenue fell 3% to $2 billion in 2017.", "-3"),
        ("en", "Acme Group's revenue was $2 billion in 2017, down 3.5%.", "-3.5"),
        ("en", "Acme Group's revenue declined 3 percent to $2 billion in 2017.", "-3"),
        ("en", "Acme Group's revenue came to $2 billion in 2017, a 3% drop.", "-3"),
        ("en", "Acme Group's revenue rose 3% to $2 billion in 2017.", "3"),
        ("en", "Acme Group's revenue was $2 billion in 2017, up 3%.", "3"),
        ("en", "Acme Group's revenue reached $2 billion in 2017 (+3%).", "3"),
        ("en", "Acme Group's revenue reached $2 billion in 2017 (-3%).", "-3"),
        ("fr", "Le chiffre d'affaires d'Acme s'est établi à 2 milliards d'euros en 2017, en baisse de 3 %.", "-3"),
        ("fr", "Le chiffre d'affaires d'Acme a reculé de 3,5 % à 2 milliards d'euros en 2017.", "-3.5"),
        ("fr", "Le chiffre d'affaires d'Acme s'est établi à 2 milliards d'euros en 2017, en recul de 3 %.", "-3"),
        ("fr", "Le chiffre d'affaires d'Acme a progressé de 3 % à 2 milliards d'euros en 2017.", "3"),
        ("fr", "Le chiffre d'affaires d'Acme s'est établi à 2 milliards d'euros en 2017, en hausse de 3 %.", "3"),
        ("fr", "Le chiffre d'affaires d'Acme a atteint 2 milliards d'euros en 2017 (+3 %).", "3"),
        ("de", "Der Umsatz der Acme AG sank im Jahr 2017 um 3 Prozent auf 2 Milliarden Euro.", "-3"),
        ("de", "Der Umsatz der Acme AG ist im Jahr 2017 um 3 Prozent auf 2 Milliarden Euro gesunken.", "-3"),
        ("de", "Der Umsatz der Acme AG ging im Jahr 2017 um 3 Prozent auf 2 Milliarden Euro zurück.", "-3"),
        ("de", "Der Umsatz der Acme AG stieg im Jahr 2017 um 3,5 Prozent auf 2 Milliarden Euro.", "3.5"),
        ("de", "Die Acme AG meldete für 2017 einen Umsatz von 2 Milliarden Euro, ein Minus von 3 Prozent.", "-3"),
        ("de", "Die Acme AG meldete für 2017 einen Umsatz von 2 Milliarden Euro, ein Plus von 3 Prozent.", "3"),
    ],
)
def test_growth_up_and_down_in_each_language(lang, sentence, growth):
    rows = extract_claims(sentence, lang=lang, published="2018-07-03")
    assert sorted((row["metric"], row["value"], row["currency"]) for row in rows) == [
        ("revenue", "2", "EUR" if lang != "en" else "USD"),
        ("revenue_growth", growth, "EUR" if lang != "en" else "USD"),
    ]


@pytest.mark.parametrize(
    ("lang", "sentence", "approximate"),
    [
        ("en", "Acme Group's revenue reached about $2.1 billion in 2017.", "true"),
        ("en", "Acme Group's revenue reached nearly $2.1 billion in 2017.", "true"),
        ("en", "Acme Group's revenue reached $2.1 billion in 2017.", "false"),
        ("fr", "Le chiffre d'affaires d'Acme a atteint environ 2,1 milliards d'euros en 2017.", "true"),
        ("fr", "Le chiffre d'affaires d'Acme a atteint près de 2,1 milliards d'euros en 2017.", "true"),
        ("de", "Der Umsatz der Acme AG erreichte im Jahr 2017 rund 2,1 Milliarden Euro.", "true"),
        ("de", "Der Umsatz der Acme AG erreichte im Jahr 2017 etwa 2,1 Milliarden Euro.", "true"),
    ],
)
def test_approximate_figures(lang, sentence, approximate):
    (row,) = extract_claims(sentence, lang=lang, published="2018-07-03")
    assert (row["value"], row["approximate"]) == ("2.1", approximate)


@pytest.mark.parametrize(
    ("lang", "sentence", "period"),
    [
        ("en", "Acme Group's revenue reached $2 billion in 2017.", ("2017-01-01", "2017-12-31", "false")),
        # Fiscal 2018, its year end unknown, published 3 July 2018: the fiscal year labelled 2018 that ended last
        # at a quarter's end before publication (the calendar year 2018 had not ended), flagged.
        ("en", "Acme Group's revenue reached $2 billion in fiscal 2018.", ("2017-07-01", "2018-06-30", "true")),
        ("en", "Acme Group's revenue reached $2 billion in FY2016.", ("2016-01-01", "2016-12-31", "true")),
        (
            "en",
            "Acme Group's revenue for the quarter ended March 31, 2018 reached $2 billion.",
            ("2018-01-01", "2018-03-31", "false"),
        ),
        (
            "en",
            "Acme Group's revenue in the quarter ended March reached $2 billion.",
            ("2018-01-01", "2018-03-31", "true"),
        ),
        # Day first, as British and most European English write it.
        (
            "en",
            "Acme Group's revenue rose to $2 billion in its fiscal year ended 30 September 2017.",
            ("2016-10-01", "2017-09-30", "false"),
        ),
        (
            "en",
            "Acme Group's revenue rose to $2 billion in its fiscal year ended 30 September.",
            ("2016-10-01", "2017-09-30", "true"),
        ),
        (
            "en",
            "Acme Group's revenue reached $2 billion in the six months to June.",
            ("2018-01-01", "2018-06-30", "true"),
        ),
        (
            "en",
            "Acme Group's revenue reached $2 billion in the six months ended 30 June 2018.",
            ("2018-01-01", "2018-06-30", "false"),
        ),
        (
            "en",
            "Acme Group's revenue reached $2 billion in the half-year ended 30 June 2018.",
            ("2018-01-01", "2018-06-30", "false"),
        ),
        # 28 February 2016 is not a month's end (a leap year): from the day after 28 February 2015. A period the
        # text names by its end is stated; that its start is derived (a period counted in weeks may start a few
        # days apart) is said in the note.
        (
            "en",
            "Acme Group's revenue reached $2 billion in the year ended 28 February 2016.",
            ("2015-03-01", "2016-02-28", "false"),
        ),
        (
            "en",
            "Acme Group's revenue reached $2 billion in the second quarter ended June 15, 2018.",
            ("2018-03-16", "2018-06-15", "false"),
        ),
        (
            "en",
            "Acme Group's revenue reached $2 billion in the second quarter of 2017.",
            ("2017-04-01", "2017-06-30", "false"),
        ),
        ("en", "Acme Group's revenue reached $2 billion in Q3 2017.", ("2017-07-01", "2017-09-30", "false")),
        (
            "en",
            "Acme Group's revenue reached $2 billion in the first half of 2018.",
            ("2018-01-01", "2018-06-30", "false"),
        ),
        # A year named relative to publication: the text prints none, so it is inferred.
        ("en", "Acme Group's revenue reached $2 billion last year.", ("2017-01-01", "2017-12-31", "true")),
        # (no period, published 3 July 2018: 2017 is too stale for results news, the year to 31 March 2018 is not)
        ("en", "Acme Group's revenue reached $2 billion.", ("2017-04-01", "2018-03-31", "true")),
        ("en", "Acme Group's revenue reached $2 billion in the second quarter.", ("2018-04-01", "2018-06-30", "true")),
        (
            "en",
            "Acme Group's revenue reached $2 billion in the year to March 2018.",
            ("2017-04-01", "2018-03-31", "false"),
        ),
        (
            "en",
            "Acme Group's revenue reached $2 billion in 2017, compared with 2016.",
            ("2017-01-01", "2017-12-31", "false"),
        ),
        (
            "fr",
            "Le chiffre d'affaires d'Acme a atteint 2 milliards d'euros en 2017.",
            ("2017-01-01", "2017-12-31", "false"),
        ),
        (
            "fr",
            "Le chiffre d'affaires d'Acme a atteint 2 milliards d'euros au deuxième trimestre 2018.",
            ("2018-04-01", "2018-06-30", "false"),
        ),
        (
            "fr",
            "Le chiffre d'affaires d'Acme a atteint 2 milliards d'euros au premier semestre 2018.",
            ("2018-01-01", "2018-06-30", "false"),
        ),
        (
            "fr",
            "Le chiffre d'affaires d'Acme a atteint 2 milliards d'euros pour l'exercice 2017.",
            ("2017-01-01", "2017-12-31", "false"),  # one year names the calendar year; "2016/17" another end
        ),
        (
            "fr",
            "Le chiffre d'affaires d'Acme a atteint 2 milliards d'euros l'an dernier.",
            ("2017-01-01", "2017-12-31", "true"),
        ),
        (
            "de",
            "Der Umsatz der Acme AG erreichte im Geschäftsjahr 2017 2 Milliarden Euro.",
            ("2017-01-01", "2017-12-31", "false"),
        ),
        (
            "de",
            "Der Umsatz der Acme AG erreichte im zweiten Quartal 2018 2 Milliarden Euro.",
            ("2018-04-01", "2018-06-30", "false"),
        ),
        (
            "de",
            "Der Umsatz der Acme AG erreichte im ersten Halbjahr 2018 2 Milliarden Euro.",
            ("2018-01-01", "2018-06-30", "false"),
        ),
        (
            "de",
            "Der Umsatz der Acme AG erreichte im Jahr 2017 2 Milliarden Euro.",
            ("2017-01-01", "2017-12-31", "false"),
        ),
    ],
)
def test_periods_as_stated_and_as_inferred(lang, sentence, period):
    (row,) = extract_claims(sentence, lang=lang, published="2018-07-03")
    assert (row["period_start"], row["period_end"], row["period_inferred"]) == period
    assert ("review" in row["period_note"]) == (period[2] == "true")


def test_a_fiscal_year_takes_the_company_calendar_from_the_reported_figures():
    (row,) = extract_claims("Alibaba's revenue reached $39.9 billion in fiscal 2018.", published="2018-07-03")
    assert (row["company"], row["period_start"], row["period_end"], row["period_inferred"]) == (
        "Alibaba Group",
        "2017-04-01",
        "2018-03-31",
        "false",
    )
    assert "fiscal year ends on 31 March" in row["period_note"]
    (other,) = extract_claims(
        "Litware's revenue reached $39.9 billion in fiscal 2018.", published="2018-07-03", reported=False
    )
    # Without its calendar: the fiscal year labelled 2018 that ended last at a quarter's end, flagged.
    assert (other["company"], other["period_start"], other["period_inferred"]) == ("Litware", "2017-07-01", "true")


def test_a_fiscal_year_the_text_does_not_date_takes_the_table_of_known_year_ends_and_is_inferred():
    # Alibaba's year ends on 31 March (its Form 20-F); without reported figures the table says so, and the
    # period is inferred because the text does not.
    (row,) = extract_claims(
        "Alibaba's revenue reached $39.9 billion in fiscal 2018.", published="2018-07-03", reported=False
    )
    assert (row["period_start"], row["period_end"], row["period_inferred"]) == ("2017-04-01", "2018-03-31", "true")
    assert "Form 20-F" in row["period_note"]
    # Walmart's fourth quarter, published 28 February 2023, is November to January (its year ends 31 January).
    (quarter,) = extract_claims(
        "Walmart's fourth-quarter revenue was $164.0 billion.", published="2023-02-28", reported=False
    )
    assert (quarter["period_start"], quarter["period_end"]) == ("2022-11-01", "2023-01-31")
    # A company the table does not know keeps the reading of the calendar quarter.
    (unknown,) = extract_claims(
        "Litware's fourth-quarter revenue was $164.0 billion.", published="2023-02-28", reported=False
    )
    assert (unknown["period_start"], unknown["period_end"]) == ("2022-10-01", "2022-12-31")


def test_a_company_named_only_before_is_inferred_and_flagged():
    rows = extract_claims(
        "Acme Group had a good year. Its revenue rose 5% to $2 billion in 2017.", published="2018-07-03"
    )
    assert {row["company"] for row in rows} == {"Acme Group"}
    assert all("company from an earlier sentence (the one it refers to: Acme Group)" in row["note"] for row in rows)


def test_a_growth_rate_takes_the_currency_of_the_company_revenue_elsewhere():
    rows = extract_claims(
        "Acme Group's revenue reached €2 billion in 2017. Acme Group's revenue rose 5% in 2017.",
        published="2018-07-03",
    )
    growth = next(row for row in rows if row["metric"] == "revenue_growth")
    assert growth["currency"] == "EUR" and "currency of the growth taken from another sentence" in growth["note"]


GROUP_CLAIM = {
    "en": "Acme Group's revenue reached $5 billion in 2017.",
    "fr": "Le chiffre d'affaires du groupe Acme a atteint 5 milliards d'euros en 2017.",
    "de": "Der Umsatz der Acme AG erreichte im Jahr 2017 5 Milliarden Euro.",
}


@pytest.mark.parametrize(
    ("lang", "sentence", "segment"),
    [
        ("en", "Acme Group's cloud computing revenue rose 40% to $1.2 billion in 2017.", "cloud computing"),
        (
            "en",
            "Acme Group's revenue from its logistics division rose 4% to $1.2 billion in 2017.",
            "logistics division",
        ),
        ("en", "Revenue from advertising rose 4% to $1.2 billion in 2017.", "advertising"),
        (
            "fr",
            "Le chiffre d'affaires de sa filiale logistique a progressé de 4 % à 1,2 milliard d'euros en 2017.",
            "filiale logistique",
        ),
        (
            "de",
            "Der Umsatz der Sparte Logistik stieg im Jahr 2017 um 4 Prozent auf 1,2 Milliarden Euro.",
            "Sparte Logistik",
        ),
        ("de", "Der Cloud-Umsatz stieg im Jahr 2017 um 4 Prozent auf 1,2 Milliarden Euro.", "Cloud"),
    ],
)
def test_segment_revenue_in_each_form_is_left_out(lang, sentence, segment):
    introduction = {
        "en": "Acme Group is a group.",
        "fr": "Le groupe Acme est un groupe.",
        "de": "Die Acme AG ist groß.",
    }
    # Alone, the segment's figures are drafted (a draft with nothing in it helps nobody), each flagged for review.
    alone = extract(introduction[lang] + " " + sentence, lang=lang, published="2018-07-03")
    assert sorted(claim.value for claim in alone.claims) == sorted(
        Decimal(figure) for figure in ("1.2", "40" if "40%" in sentence else "4")
    )
    assert all(f"only of “{segment}” revenue: review" in " ".join(claim.flags) for claim in alone.claims)
    # Beside the group's figure, they stay out of the draft and are listed for review.
    found = extract(GROUP_CLAIM[lang] + " " + sentence, lang=lang, published="2018-07-03")
    assert [row["value"] for row in found.rows()] == ["5"]
    assert {(item.reason, item.component) for item in found.left_out} == {
        ("a segment's figure, not the group's", segment)
    }


def test_a_repeated_figure_is_one_claim():
    rows = extract_claims(
        "Acme Group revenue up 5% to $2 billion\nAcme Group said its revenue rose 5% to $2 billion in 2017.",
        published="2018-07-03",
    )
    assert len(rows) == 2


@pytest.mark.parametrize(
    ("token", "lang", "value", "note"),
    [
        ("39,9", "fr", "39.9", None),
        (f"1{NNBSP}234,5", "fr", "1234.5", None),
        (f"1{NBSP}234,5", "fr", "1234.5", None),
        ("1 234,5", "fr", "1234.5", None),
        ("1,234.5", "en", "1234.5", None),
        ("1 234.5", "en", "1234.5", None),
        ("1.234,5", "de", "1234.5", None),
        ("250.3", "de", "250.3", "point"),
        ("39,9", "en", "39.9", "comma"),
        ("18.3", "fr", "18.3", None),
    ],
)
def test_numbers_are_read_by_the_language_rules(token, lang, value, note):
    parsed, message = parse_number(token, lang)
    assert parsed == Decimal(value)
    assert (message is None) if note is None else (note in message)


def test_language_detection_and_override():
    assert detect_language((ARTICLES / "fr_patterns.txt").read_text(encoding="utf-8")) == "fr"
    assert detect_language((ARTICLES / "de_patterns.txt").read_text(encoding="utf-8")) == "de"
    assert detect_language((ARTICLES / "en_patterns.txt").read_text(encoding="utf-8")) == "en"
    article = read_article(ARTICLES / "fr_default_case.txt", lang="fr")
    assert (article.language, article.language_from) == ("fr", "given")
    with pytest.raises(FiguresError, match="unknown language 'it'"):
        read_article(ARTICLES / "fr_default_case.txt", lang="it")


# ------------------------------------------------------------------------------------------------------------
# HTML: the article's body only, its metadata, never a script


def test_html_page_keeps_the_body_and_its_metadata_and_drops_script_and_comments():
    found = extract(ARTICLES / "html_article.html")
    article = found.article
    assert article.html and article.published_from == "page metadata" and str(article.published) == "2019-02-14"
    assert (article.title, article.sitename) == ("Quillwood grows fast", "Test Wire")
    for absent in ("Evil Corp", "document.write", "Share on", "Comments", "Reader:", "Home", "All rights"):
        assert absent not in article.text
    assert brief(found.rows()) == [
        (
            "Quillwood Group",
            "revenue_growth",
            "2018-01-01",
            "2018-12-31",
            "false",
            "21",
            "percent",
            "USD",
            "false",
            "21%",
        ),
        (
            "Quillwood Group",
            "revenue",
            "2018-01-01",
            "2018-12-31",
            "false",
            "7.25",
            "billion",
            "USD",
            "false",
            "$7.25 billion",
        ),
    ]
    assert {row["source"] for row in found.rows()} == {"Test Wire, « Quillwood grows fast »"}
    assert {article.text[item.start : item.end]: item.reason for item in found.left_out} == {
        "4%": "not revenue: net income",
        "$310 million": "not revenue: net income",
        "$8 billion": "a forecast, not a reported figure",
    }


# ------------------------------------------------------------------------------------------------------------
# The draft and its sidecar


def test_draft_has_the_claims_header_its_sidecar_and_is_reproducible(tmp_path):
    article = ARTICLES / "en_patterns.txt"
    first = write_draft(article, tmp_path / "a" / "claims.csv", accessed="2018-07-04", source="Test Wire")
    second = write_draft(article, tmp_path / "b" / "claims.csv", accessed="2018-07-04", source="Test Wire")
    assert [p.name for p in first] == ["claims.csv", "claims.csv.meta.json"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    with ARTICLE_FILE.open(encoding="utf-8", newline="") as stream:
        assert tuple(next(csv.reader(stream))) == HEADER
    with first[0].open(encoding="utf-8", newline="") as stream:
        assert tuple(next(csv.reader(stream))) == HEADER
    sidecar = json.loads(first[1].read_text(encoding="utf-8"))
    assert set(REQUIRED_FIELDS) <= set(sidecar)
    payload = first[0].read_bytes()
    assert (sidecar["sha256"], sidecar["size_bytes"]) == (hashlib.sha256(payload).hexdigest(), len(payload))
    assert sidecar["article_sha256"] == hashlib.sha256(article.read_bytes()).hexdigest()
    assert sidecar["article_file"] == "en_patterns.txt" and sidecar["language"] == "en"
    assert sidecar["source_kind"] == "article"  # the report calls these "the article's figures"
    assert sidecar["extractor"].startswith("figures.extract ") and "trafilatura 2." in sidecar["extractor"]
    assert sidecar["date_accessed"] == "2018-07-04" and sidecar["published"] == "2018-07-03"
    assert set(sidecar["columns"]) == set(HEADER)
    figures = load_figures(first[0])
    assert list(figures["figure_id"])[:2] == ["northwind_traders_revenue_growth_1", "northwind_traders_revenue_1"]


def test_existing_files_are_kept_unless_forced(tmp_path):
    out = tmp_path / "claims.csv"
    out.write_text("reviewed\n", encoding="utf-8")
    with pytest.raises(FiguresError, match="expected a new file, found an existing one"):
        write_draft(ARTICLES / "fr_default_case.txt", out)
    assert out.read_text(encoding="utf-8") == "reviewed\n"
    write_draft(ARTICLES / "fr_default_case.txt", out, force=True, accessed="2018-07-04")
    assert len(load_figures(out)) == 4
    reviewed = ARTICLE_FILE.read_bytes()
    with pytest.raises(FiguresError, match="expected a draft outside the data folder"):
        write_draft(ARTICLES / "fr_default_case.txt", ARTICLE_FILE, force=True)
    assert ARTICLE_FILE.read_bytes() == reviewed


# ------------------------------------------------------------------------------------------------------------
# The review page


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.marks, self._open = [], [], {}, None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        if tag == "mark":
            self._open = dict(attrs)["id"]
            self.marks[self._open] = ""

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.marks[self._open] += data


def test_review_page_marks_every_claim_and_runs_nothing(tmp_path):
    hostile = (
        "<script>alert(1)</script> Acme Group's revenue rose 5% to $2 billion in 2017. <img src=x onerror=alert(2)>\n"
        "<b onclick=alert(3)>Bold</b> Acme Group's net profit fell 3% to $1 billion."
    )
    found = extract(hostile, published="2018-07-03")
    page = render_review(found)
    parser = _Page()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags and "b" not in parser.tags
    assert not [name for name in parser.attributes if name.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in unescape(page)
    for claim, row in zip(found.claims, found.rows(), strict=True):
        assert parser.marks[f"claim-{claim.number}"] == row["wording"]
    assert sorted(text for key, text in parser.marks.items() if key.startswith("left-")) == ["$1 billion", "3%"]


def test_review_page_of_each_article(tmp_path):
    for name in ("en_patterns.txt", "fr_patterns.txt", "de_patterns.txt", "html_article.html"):
        written = write_draft(ARTICLES / name, tmp_path / name / "claims.csv", review=tmp_path / name / "review.html")
        parser = _Page()
        parser.feed(written[2].read_text(encoding="utf-8"))
        rows = extract_claims(ARTICLES / name)
        assert [parser.marks[f"claim-{n}"] for n in range(1, len(rows) + 1)] == [row["wording"] for row in rows]
        assert "script" not in parser.tags


# ------------------------------------------------------------------------------------------------------------
# Bad input: a clear message, no draft, never a traceback


def _bad_inputs(folder):
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "empty.txt": b"",
        "blank.txt": b"  \n\n ",
        "binary.txt": b"Acme revenue\x00\x01\x02\xff rose",
        "latin1.txt": "Le chiffre d'affaires de Société Générale a progressé de 5 %.".encode("latin-1"),
        "no_claim.txt": b"July 3, 2018\nAcme Group's net profit fell 3% to $1 billion. The market grew 5%.",
        "script_only.html": b'<html><head><script>var r = "Acme\'s revenue rose 5% to $2 billion";</script></head>'
        b"<body><script>alert(1)</script></body></html>",
        "no_date.txt": b"Acme Group's revenue rose 5% to $2 billion.",
    }
    for name, payload in files.items():
        (folder / name).write_bytes(payload)
    return folder


BAD = [
    ("empty.txt", "expected an article (text or HTML), found an empty file"),
    ("blank.txt", "expected an article (text or HTML), found an empty file"),
    ("binary.txt", "found a binary file (a NUL byte at offset 12)"),
    ("latin1.txt", "expected UTF-8 text, found byte 0xe9 at offset 29"),
    ("no_claim.txt", "no revenue or growth claim found in"),
    ("script_only.html", "found no article text in the HTML page"),
    ("no_date.txt", "give it with --published YYYY-MM-DD"),
    ("missing.txt", "expected an article file, found no such file"),
]


@pytest.mark.parametrize(("name", "message"), BAD)
def test_bad_input_through_the_api(tmp_path, name, message):
    folder = _bad_inputs(tmp_path / "in")
    with pytest.raises(FiguresError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        write_draft(folder / name, tmp_path / "out" / "claims.csv")
    assert name in str(caught.value)
    assert not (tmp_path / "out" / "claims.csv").exists()


def test_bad_input_through_the_command_line(tmp_path, capsys):
    from figures.cli import main

    folder = _bad_inputs(tmp_path / "in")
    for name, message in BAD:  # through `main`, what `python -m figures` runs and exits with; a process below
        out = tmp_path / "out" / f"{name}.csv"
        status = main(["extract", str(folder / name), "--out", str(out), "--review", str(tmp_path / "review.html")])
        stderr = capsys.readouterr().err
        lines = stderr.strip().splitlines()
        assert status == 1, (name, stderr)
        assert len(lines) == 1 and lines[0].startswith("figures: error: ") and message in lines[0], stderr
        assert "Traceback" not in stderr and not out.exists() and not (tmp_path / "review.html").exists()
    no_claim = run("extract", str(folder / "no_claim.txt"), "--out", str(tmp_path / "x.csv"))
    assert no_claim.stderr.strip() == f"figures: error: no revenue or growth claim found in {folder / 'no_claim.txt'}"
    usage = run("extract", str(folder / "no_claim.txt"), "--out", str(tmp_path / "x.csv"), "--lang", "it")
    assert usage.returncode == 2 and "unknown language 'it'" in usage.stderr


def test_a_growth_rate_alone_is_drafted_with_its_currency_assumed_and_flagged(tmp_path):
    # One figure the rules cannot place fully never costs the article its draft: a growth rate with no amount
    # anywhere in the text takes the currency its company's nationality gives, else the language's usual one,
    # and says so. (It used to stop the run with no draft.)
    rows = extract_claims("July 3, 2018\nAcme Group's revenue rose 5% in 2017.")
    assert [(row["company"], row["value"], row["currency"]) for row in rows] == [("Acme Group", "5", "USD")]
    assert "currency of the growth assumed (USD): the text states no amount" in rows[0]["note"]
    (swiss,) = extract_claims(
        "3 juillet 2018 - Le groupe suisse Acme a vu son chiffre d'affaires progresser de 5 % en 2017.", lang="fr"
    )
    assert (swiss["currency"], "nationality (CHF)" in swiss["note"]) == ("CHF", True)
    write_draft("July 3, 2018\nAcme Group's revenue rose 5% in 2017.", tmp_path / "claims.csv")
    assert len(load_figures(tmp_path / "claims.csv")) == 1


def test_command_line_writes_the_draft_the_sidecar_and_the_review_page(tmp_path):
    out, review = tmp_path / "claims.csv", tmp_path / "review.html"
    result = run(
        "extract", str(ARTICLES / "fr_default_case.txt"), "--out", str(out), "--review", str(review),
        "--source", "Test Wire (French)", "--accessed", "2018-07-04",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "4 claims drafted, 2 with something to review" in result.stdout
    assert out.is_file() and review.is_file() and (tmp_path / "claims.csv.meta.json").is_file()
    assert run("extract", str(ARTICLES / "fr_default_case.txt"), "--out", str(out)).returncode == 1
    with_date = run("extract", str(ARTICLES / "fr_default_case.txt"), "--out", str(out), "--force",
                    "--published", "2018-07-02")  # fmt: skip
    assert with_date.returncode == 0 and {row["published"] for row in csv.DictReader(out.open())} == {"2018-07-02"}


def test_a_draft_with_flags_builds_a_report_that_shows_them(tmp_path):
    draft = tmp_path / "claims.csv"
    write_draft(ARTICLES / "fr_default_case.txt", draft, source="Test Wire (French)", accessed="2018-07-04")
    result = run("report", "--figures", str(draft), "--out", str(tmp_path / "report"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "report" / "comparison.html").read_text(encoding="utf-8")
    assert "Review: period inferred, not stated." in page and "39,9 milliards de dollars" in page


# ------------------------------------------------------------------------------------------------------------
# Properties: sentences generated from templates give back the figures they were made from

SYLLABLES = ["ka", "lo", "mi", "ra", "to", "ve", "su", "ne", "bo", "di", "fa", "gu", "pe", "zo", "ri", "xa", "ty", "we"]
SUFFIXES = {
    "en": ["", " Group", " Inc.", " plc", " Holdings", " Ltd"],
    "fr": ["", " SA", " Group"],
    "de": ["", " AG", " SE", " GmbH"],
}
SCALES = {
    "en": [("million", "million", " "), ("billion", "billion", " "), ("bn", "billion", ""), ("m", "million", ""),
           ("thousand", "thousand", " ")],
    "fr": [("millions", "million", " "), ("milliards", "billion", " "), ("Md", "billion", " "), ("M", "million", " ")],
    "de": [("Millionen", "million", " "), ("Milliarden", "billion", " "), ("Mio.", "million", " "),
           ("Mrd.", "billion", " ")],
}  # fmt: skip
PREFIXES = {
    "en": [("$", "USD"), ("US$", "USD"), ("€", "EUR"), ("£", "GBP"), ("RMB ", "CNY"), ("CHF ", "CHF"), ("HK$", "HKD")],
    "fr": [("US$ ", "USD")],
    "de": [("EUR ", "EUR")],
}
WORDS = {
    "en": [("dollars", "USD"), ("euros", "EUR"), ("yuan", "CNY"), ("Swiss francs", "CHF"), ("pounds", "GBP"),
           ("yen", "JPY")],
    "fr": [("de dollars", "USD"), ("d'euros", "EUR"), ("de yuans", "CNY"), ("de francs suisses", "CHF"),
           ("de livres sterling", "GBP")],
    "de": [("Euro", "EUR"), ("US-Dollar", "USD"), ("Yuan", "CNY"), ("Franken", "CHF"), ("Pfund", "GBP")],
}  # fmt: skip
TEMPLATES = {
    "en": [
        ("{company}'s revenue {verb} {growth}% to {amount} in {year}.", {"up": "rose", "down": "fell"}),
        ("In {year}, {company} reported revenue of {amount}, {verb} {growth}%.", {"up": "up", "down": "down"}),
        ("{company} said on Monday that its sales {verb} {growth} percent to {amount} in {year}.",
         {"up": "jumped", "down": "declined"}),
    ],
    "fr": [
        ("Le chiffre d'affaires de {company} a {verb} de {growth} % à {amount} en {year}.",
         {"up": "progressé", "down": "reculé"}),
        ("En {year}, le groupe {company} a réalisé un chiffre d'affaires de {amount}, en {verb} de {growth} %.",
         {"up": "hausse", "down": "baisse"}),
    ],
    "de": [
        ("Der Umsatz von {company} {verb} im Jahr {year} um {growth} Prozent auf {amount}.",
         {"up": "stieg", "down": "sank"}),
        ("Die Firma {company} meldete für {year} einen Umsatz von {amount}, ein {verb} von {growth} Prozent.",
         {"up": "Plus", "down": "Minus"}),
    ],
}  # fmt: skip


def _printed(value: Decimal, decimals: int, lang: str, spaces: str) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale=LOCALES[lang])
    return text.replace(NNBSP, spaces) if lang == "fr" else text


@st.composite
def claims(draw):
    lang = draw(st.sampled_from(["en", "fr", "de"]))
    name = "".join(draw(st.lists(st.sampled_from(SYLLABLES), min_size=3, max_size=4))).capitalize()
    assume(name.lower() not in grammar(lang).not_names)
    company = name + draw(st.sampled_from(SUFFIXES[lang]))
    decimals = draw(st.integers(0, 2))
    whole = draw(st.integers(1, 99_999))
    fraction = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
    value = Decimal(f"{whole}.{fraction:0{decimals}d}") if decimals else Decimal(whole)
    spaces = draw(st.sampled_from([NNBSP, NBSP, " "]))
    number = _printed(value, decimals, lang, spaces)
    scale, unit, glue = draw(st.sampled_from(SCALES[lang]))
    abbreviated = scale in ("Md", "M")
    if draw(st.booleans()) and PREFIXES[lang] and not abbreviated:
        symbol, currency = draw(st.sampled_from(PREFIXES[lang]))
        amount = f"{symbol}{number}{glue}{scale}"
    elif abbreviated:  # French abbreviations go with a symbol: 18,3 Md€, 950 M€
        symbol, currency = draw(st.sampled_from([("€", "EUR"), ("$", "USD")]))
        amount = f"{number} {scale}{draw(st.sampled_from(['', ' ']))}{symbol}"
    else:
        word, currency = draw(st.sampled_from(WORDS[lang]))
        amount = f"{number} {scale} {word}"
    growth_decimals = draw(st.integers(0, 1))
    growth = Decimal(draw(st.integers(1, 999 if growth_decimals else 99))) / (10 if growth_decimals else 1)
    printed_growth = _printed(growth, growth_decimals, lang, NBSP)
    direction = draw(st.sampled_from(["up", "down"]))
    template, verbs = draw(st.sampled_from(TEMPLATES[lang]))
    year = draw(st.integers(2005, 2022))
    sentence = template.format(company=company, verb=verbs[direction], growth=printed_growth, amount=amount, year=year)
    sentence = sentence.replace("..", ".")
    expected = {
        "company": company,
        "value": value,
        "unit": unit,
        "currency": currency,
        "growth": growth if direction == "up" else -growth,
        "year": year,
    }
    return lang, sentence, expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims())
def test_generated_sentences_give_back_their_figures(case):
    lang, sentence, expected = case
    rows = extract_claims(sentence, lang=lang, published=f"{expected['year'] + 1}-03-01", reported=False)
    by_metric = {row["metric"]: row for row in rows}
    assert sorted(by_metric) == ["revenue", "revenue_growth"] and len(rows) == 2, (sentence, rows)
    revenue, growth = by_metric["revenue"], by_metric["revenue_growth"]
    assert Decimal(revenue["value"]) == expected["value"], sentence
    assert (revenue["unit"], revenue["currency"], revenue["company"]) == (
        expected["unit"],
        expected["currency"],
        expected["company"],
    ), sentence
    assert Decimal(growth["value"]) == expected["growth"], sentence
    assert (growth["unit"], growth["currency"], growth["company"]) == (
        "percent",
        expected["currency"],
        expected["company"],
    )
    year = expected["year"]
    assert {(row["period_start"], row["period_end"]) for row in rows} == {(f"{year}-01-01", f"{year}-12-31")}, sentence


def test_html_template_and_noscript_text_is_not_read(tmp_path):
    # A browser shows neither: their figures are not the article's.
    page = tmp_path / "hidden.html"
    page.write_text(
        "<html><head><title>Results</title><meta property='article:published_time' content='2020-02-01'></head>"
        "<body><article><p>Quillwood Group said its revenue reached $3.2 billion in 2019.</p>"
        "<template><p>Ericsson revenue rose 2% to SEK 227 billion in 2019.</p></template>"
        "<noscript><p>Nordwind AG's revenue reached €4.1 billion in 2019.</p></noscript>"
        "</article></body></html>",
        encoding="utf-8",
    )
    found = extract(page)
    assert [(row["company"], row["value"]) for row in found.rows()] == [("Quillwood Group", "3.2")]
    assert "Ericsson" not in found.article.text and "Nordwind" not in found.article.text


def test_figures_the_rules_cannot_place_are_listed_not_dropped():
    text = (
        "PARIS, 20 février 2020 - Nestlé a publié des ventes de 92,6 milliards de francs suisses en 2019."
        " Le bénéfice net de Nestlé a atteint 12,6 milliards de florins. Sa division joaillerie a progressé de 6 %."
    )
    found = extract(text, lang="fr")
    assert [(row["company"], row["value"], row["currency"]) for row in found.rows()] == [("Nestlé", "92.6", "CHF")]
    left_out = {found.article.text[item.start : item.end]: item.reason for item in found.left_out}
    assert left_out == {"12,6 milliards": NO_CURRENCY, "6 %": "a growth rate with no revenue word near it"}


def test_the_same_figure_in_two_scales_is_one_figure():
    text = "Hitachi's revenue reached ¥9.48 trillion in 2019. Hitachi's revenue, ¥9,480 billion in 2019, was a record."
    found = extract(text, published="2020-05-11")
    assert [(row["value"], row["unit"]) for row in found.rows()] == [("9.48", "trillion")]
    assert [item.reason for item in found.left_out] == ["the same figure stated again"]


def test_xhtml_hidden_text_is_not_read_and_m_and_a_is_not_an_amount(tmp_path):
    page = tmp_path / "page.xhtml"
    page.write_text(
        "<?xml version='1.0' encoding='UTF-8'?><html xmlns='http://www.w3.org/1999/xhtml'><head><title>R</title>"
        "<meta property='article:published_time' content='2020-02-01'/></head><body><article>"
        "<p>Quillwood Group said its revenue reached $3.2 billion in 2019, after its 2019 M&amp;A deals.</p>"
        "<noscript><p>Nordwind AG's revenue reached €4.1 billion in 2019.</p></noscript></article></body></html>",
        encoding="utf-8",
    )
    found = extract(page)
    assert [(row["company"], row["value"]) for row in found.rows()] == [("Quillwood Group", "3.2")]
    assert "Nordwind" not in found.article.text and not found.left_out  # "2019 M" of M&A: no figure at all


def test_a_draft_passes_the_text_policy_from_a_hard_wrapped_article_with_soft_hyphens(tmp_path):
    # A web page's soft hyphen inside the sentence quoted, a hard-wrapped line inside the words quoted: the
    # draft loads, its wording on one line, its note as printed without what the page hides.
    article = tmp_path / "wrapped.txt"
    article.write_text(
        "Acme Holdings said on Tues\u00adday that its revenue rose 6\npercent to $3.4 billion in 2017.\n",
        encoding="utf-8",
    )
    written = write_draft(article, tmp_path / "claims.csv", accessed="2018-03-02", published="2018-03-01")
    figures = load_figures(written[0])
    assert set(figures["company"]) == {"Acme Holdings"}
    assert set(figures["wording"]) == {"6 percent", "$3.4 billion"}
    assert all("said on Tuesday that" in note for note in figures["note"])
