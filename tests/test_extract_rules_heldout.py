"""The rules `figures extract` gained from the spent held-out splits (tests/corpus/heldout, heldout2), each checked
both ways on short invented sentences written in the manner of the article that taught it (named in each test).
Every expected value is written by hand: the company, the dates, whether the period is inferred, the currency.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from figures.errors import FiguresError
from figures.extract import split_sentences
from figures.extract.home_currencies import known_currency
from figures.extract.language import parse_number
from helpers import extracted_rows, row_briefs

rows_of, brief = extracted_rows, row_briefs


# -- sentences and numbers -------------------------------------------------------------------------------------


def test_a_german_ordinal_date_does_not_end_a_sentence_but_a_number_at_a_sentence_end_does():
    # Kleinreport on Logitech: "das vierte Quartal des Geschäftsjahres (per 31. März)".
    text = "Die Zahlen gelten per 31. März. Der Umsatz stieg um 10 Prozent auf 12. Danach kam nichts."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Die Zahlen gelten per 31. März.",
        "Der Umsatz stieg um 10 Prozent auf 12.",
        "Danach kam nichts.",
    ]


def test_a_french_number_with_both_a_dot_and_a_comma_groups_with_the_dot_but_a_lone_dot_stays_a_decimal():
    # Boursier.com on Ubisoft: "1.503,7 ME".
    assert parse_number("1.503,7", "fr")[0] == Decimal("1503.7")
    assert parse_number("1 503,7", "fr")[0] == Decimal("1503.7")
    assert parse_number("1.5", "fr")[0] == Decimal("1.5")


# -- amounts and currencies ------------------------------------------------------------------------------------


def test_a_bracketed_figure_is_the_translation_whichever_currency_it_is_in():
    # Kleinreport on Logitech: "2,1 Milliarden Dollar (2,53 Milliarden Franken)": the dollars are the claim.
    rows = rows_of(
        "Der Umsatz von Fabrikam stieg 2006 auf 2,1 Milliarden Dollar (2,53 Milliarden Franken).", "2007-04-19"
    )
    assert brief(rows) == [("Fabrikam", "revenue", "2.1", "USD", "2006-01-01", "2006-12-31")]
    rows = rows_of(
        "Der Umsatz von Fabrikam stieg 2006 auf 2,53 Milliarden Franken (2,1 Milliarden Dollar).", "2007-04-19"
    )
    assert brief(rows) == [("Fabrikam", "revenue", "2.53", "CHF", "2006-01-01", "2006-12-31")]


def test_a_figure_in_the_texts_translation_currency_yields_to_the_home_currency_figure_of_the_same_period():
    # EFE on Lindt: "Sales up 8.2% to over 6.3 billion euros" beside "5.92 billion Swiss francs (6.35 billion euros)".
    text = (
        "Fabrikam: 2025 sales up 8.2% to over 6.3 billion euros.\n\nFabrikam Group sales in 2025 increased by 8.2%"
        " to 5.92 billion Swiss francs (6.35 billion euros)."
    )
    values = {(r["metric"], r["value"], r["currency"]) for r in rows_of(text, "2026-01-13")}
    assert ("revenue", "5.92", "CHF") in values and not any(c == "EUR" for _, _, c in values)
    # With no translation anywhere, the first figure stands.
    text = (
        "Fabrikam: 2025 sales up 8.2% to 6.3 billion euros.\n\nFabrikam "
        "Group sales in 2025 reached 5.92 billion francs."
    )
    assert ("revenue", "6.3", "EUR") in {(r["metric"], r["value"], r["currency"]) for r in rows_of(text, "2026-01-13")}


def test_currencies_named_only_by_their_word_are_read():
    # allAfrica on Sonatel ("713,4 milliards FCFA"), Kaweru on Maroc Telecom ("36,7 milliards de dirhams").
    rows = rows_of("Le chiffre d'affaires de Fabrikam a atteint 713,4 milliards FCFA en 2022.", "2023-03-01", "fr")
    assert brief(rows) == [("Fabrikam", "revenue", "713.4", "XOF", "2022-01-01", "2022-12-31")]
    rows = rows_of("Le chiffre d'affaires de Fabrikam a atteint 36,7 milliards de dirhams en 2024.", "2025-02-15", "fr")
    assert brief(rows) == [("Fabrikam", "revenue", "36.7", "MAD", "2024-01-01", "2024-12-31")]


def test_a_bare_dollar_is_the_one_the_company_reports_in_where_the_table_knows_it_and_no_place_says_otherwise():
    # Mingooland on Woolworths: "a total $33.2 billion in sales" is Australian.
    rows = rows_of("Woolworths had a total $33.2 billion in sales in 2022.", "2023-02-01", "en")
    assert [(r["value"], r["currency"]) for r in rows] == [("33.2", "AUD")]
    # A company the table does not know keeps the US dollar; a "US$" is never replaced.
    assert [r["currency"] for r in rows_of("Fabrikam had $33.2 billion in sales in 2022.", "2023-02-01", "en")] == [
        "USD"
    ]
    rows = rows_of("Woolworths had US$33.2 billion in sales in 2022.", "2023-02-01", "en")
    assert [r["currency"] for r in rows] == ["USD"]
    assert known_currency("Woolworths Group Limited").currency == "AUD"
    assert known_currency("Fabrikam") is None


# -- what a figure is of ---------------------------------------------------------------------------------------


def test_respectively_pairs_each_figure_with_the_metric_at_its_place():
    # ZDNet on Naver: "1.66 trillion won in sales and 335.6 billion won in operating income, which marked an increase
    # of 30.4% and 8.9%, respectively".
    text = (
        "Fabrikam posted 1.66 trillion won in sales and 335.6 billion won in operating income in 2020, which marked"
        " an increase of 30.4% and 8.9%, respectively."
    )
    assert {(r["metric"], r["value"]) for r in rows_of(text, "2021-02-01")} == {
        ("revenue", "1.66"),
        ("revenue_growth", "30.4"),
    }
    # Reversed, the other figure is revenue's.
    text = text.replace(
        "in sales and 335.6 billion won in operating income", "in operating income and 335.6 billion won in sales"
    )
    assert ("revenue_growth", "8.9") in {(r["metric"], r["value"]) for r in rows_of(text, "2021-02-01")}


def test_a_rise_named_between_the_figure_and_revenue_is_revenues():
    # Daily Mail on Wesfarmers: "driving 4.3 per cent increase in revenue ... to $27.9 billion".
    text = "Net profit rose 13.5 per cent, with stores driving a 4.3 per cent increase in revenue at Fabrikam in 2019."
    assert [(r["metric"], r["value"]) for r in rows_of(text, "2019-08-26")] == [("revenue_growth", "4.3")]
    text = "Net profit rose 13.5 per cent, with stores driving a 4.3 per cent rise at Fabrikam in 2019."
    with pytest.raises(FiguresError, match="no revenue or growth claim"):
        rows_of(text, "2019-08-26")


def test_a_growth_whose_own_complement_names_something_else_is_not_revenues():
    # Kaweru on Maroc Telecom: "une forte croissance de 8,1 % de ses opérations africaines, contribuant à une hausse
    # de 1,2 % de son chiffre d'affaires consolidé".
    text = (
        "En 2024, Fabrikam a vu une forte croissance de 8,1 % de ses opérations africaines, contribuant à une hausse"
        " de 1,2 % de son chiffre d'affaires consolidé."
    )
    assert [(r["metric"], r["value"]) for r in rows_of(text, "2025-02-15", "fr")] == [("revenue_growth", "1.2")]


def test_than_expected_is_no_forecast_but_expected_is():
    # Malay Mail on Tencent: "Revenue was up a slower-than-expected 13 per cent".
    text = "Fabrikam Inc said its revenue was up a slower-than-expected 13 per cent in 2021."
    assert [r["value"] for r in rows_of(text, "2022-03-01")] == ["13"]
    text = "Fabrikam Inc said its revenue is expected to be up 13 per cent in 2022."
    with pytest.raises(FiguresError, match="no revenue or growth claim"):
        rows_of(text, "2022-03-01")


def test_sales_volumes_are_not_revenue():
    # RTL on Nestlé: "Les ventes en volumes se sont en revanche effritées de 0,8%".
    text = (
        "Au premier semestre 2023, le chiffre d'affaires de Fabrikam a crû de 1,6%."
        " Les ventes en volumes ont reculé de 0,8%."
    )
    assert [r["value"] for r in rows_of(text, "2023-07-27", "fr")] == ["1.6"]


# -- companies -------------------------------------------------------------------------------------------------


def test_a_german_compound_title_is_no_company_and_the_name_after_in_is_no_subject():
    # NÖN on Agrana: "teilte Vorstandsvorsitzender Johann Marihart ... mit"; "In Summe hat Agrana ... ausgewiesen".
    text = (
        '"Wir sind zufrieden", teilte Vorstandsvorsitzender Johann Marihart am Dienstag mit. In Summe hat Fabrikam'
        " 2019 einen Umsatz von 1.879,4 Mio. Euro ausgewiesen."
    )
    assert [r["company"] for r in rows_of(text, "2020-01-10", "de")] == ["Fabrikam"]


def test_a_place_adjective_opens_a_german_name_but_a_nationality_does_not():
    # Trend on Heidelberger Druck ("sieht Heidelberger Druck ... bekräftigte Heidelberger Druck").
    text = (
        "Nun sieht Tailspiner Druck die Ziele in Reichweite."
        " Der Umsatz stieg 2022 um 10 Prozent. Damit bekräftigte Tailspiner Druck die Ziele."
    )
    assert {r["company"] for r in rows_of(text, "2023-02-01", "de")} == {"Tailspiner Druck"}
    text = "Der Schweizer Konzern Fabrikam Group meldete für 2020 einen Umsatz von 1,2 Milliarden Franken."
    assert {r["company"] for r in rows_of(text, "2021-08-01", "de")} == {"Fabrikam Group"}


def test_a_nationality_that_is_always_with_the_name_is_part_of_it():
    # Metro on Canadian Tire ("Canadian Tire reported ... sales at Canadian Tire locations").
    text = (
        "Canadian Fabrikam reported on Thursday that its revenue climbed 7.6 per cent in 2016."
        " Canadian Fabrikam said more."
    )
    assert {r["company"] for r in rows_of(text, "2017-05-11")} == {"Canadian Fabrikam"}
    # Once the name also stands alone, the nationality only introduced it.
    text = "Canadian Fabrikam reported on Thursday that its revenue climbed 7.6 per cent in 2016. Fabrikam said more."
    assert {r["company"] for r in rows_of(text, "2017-05-11")} == {"Fabrikam"}


def test_a_short_name_in_the_headline_and_the_full_one_in_the_lead_are_one_company():
    # EFE on Lindt ("Lindt: 2025 growth ..." then "Lindt & Sprüngli records ...").
    text = "Fabrikam: 2025 growth thanks to Dubai\n\nFabrikam & Sons records strong growth. Sales rose 8.2% in 2025."
    assert {r["company"] for r in rows_of(text, "2026-01-13")} == {"Fabrikam & Sons"}


# -- periods ---------------------------------------------------------------------------------------------------


def test_a_period_right_after_a_compared_one_is_compared_too():
    # RTL on Nestlé: "par rapport au premier semestre l'an passé": the figure is of this year's first half.
    lead = "Fabrikam SA relève ses objectifs après des ventes dopées au premier semestre."
    text = lead + " Son chiffre d'affaires s'est accru de 1,6% par rapport au premier semestre l'an passé."
    assert brief(rows_of(text, "2023-07-27", "fr")) == [
        ("Fabrikam SA", "revenue_growth", "1.6", "EUR", "2023-01-01", "2023-06-30")
    ]
    # Said of "l'an passé" alone, the figure is of last year.
    text = lead + " Son chiffre d'affaires s'est accru de 1,6% l'an passé."
    assert brief(rows_of(text, "2023-07-27", "fr")) == [
        ("Fabrikam SA", "revenue_growth", "1.6", "EUR", "2022-01-01", "2022-12-31")
    ]


def test_a_year_after_since_is_a_reference_point_not_the_figures_period():
    # Malay Mail on Tencent: "the slowest pace since Tencent went public in 2004".
    text = (
        "Revenue of Fabrikam grew 13 per cent in the third quarter of "
        "2021, the slowest pace since Fabrikam went public in 2004."
    )
    assert brief(rows_of(text, "2021-11-10")) == [
        ("Fabrikam", "revenue_growth", "13", "USD", "2021-07-01", "2021-09-30")
    ]


def test_a_period_ended_on_christmas_day():
    # The Times on Dunelm: "during the 26 weeks to Christmas Day".
    text = "Fabrikam posted a 10.6 per cent rise in sales to £795.6 million during the 26 weeks to Christmas Day."
    rows = rows_of(text, "2022-02-09")
    assert {(r["period_start"], r["period_end"], r["period_inferred"]) for r in rows} == {
        ("2021-06-27", "2021-12-25", "true")
    }


def test_a_quarter_named_by_its_months_before_sales():
    # Reuters on H&M: "H&M Sept-Nov sales rise 8%".
    rows = rows_of("STOCKHOLM - Fabrikam AB said Sept-Nov sales rose 8% to 56.8 billion crowns.", "2021-12-15")
    assert {(r["period_start"], r["period_end"]) for r in rows} == {("2021-09-01", "2021-11-30")}


def test_a_figure_whose_period_is_named_only_later_as_the_quarter_is_of_the_quarter_ended_last():
    # Teller Report on Ericsson: "a sales increase of 3 percent ... to SEK 55.1 billion" and later "during the quarter".
    text = (
        "Fabrikam reports a sales increase of 3 percent compared with the same period last year to SEK 55.1 billion."
        " Its services sales decreased during the quarter by 2 percent."
    )
    rows = rows_of(text, "2022-04-14")
    assert {(r["period_start"], r["period_end"], r["period_inferred"]) for r in rows} == {
        ("2022-01-01", "2022-03-31", "true")
    }
    # Without "the quarter" later, the last year is the guess, as before.
    rows = rows_of(text.split(" Its services")[0], "2022-04-14")
    assert {(r["period_start"], r["period_end"]) for r in rows} == {("2021-01-01", "2021-12-31")}


def test_a_quarter_of_a_split_fiscal_year():
    # Mint on Reliance: "the final quarter of 2023-24" (January to March 2024), not of calendar 2023.
    text = "Fabrikam's revenues for the final quarter of 2023-24 saw an 11% increase to ₹2.4 trillion."
    assert {(r["period_start"], r["period_end"]) for r in rows_of(text, "2024-04-24", "en")} == {
        ("2024-01-01", "2024-03-31")
    }


def test_a_half_closed_at_a_stated_month_of_a_split_fiscal_year_is_stated():
    # RJB on Sonova: "premier semestre de son exercice décalé 2017/18 (clos fin septembre)".
    text = (
        "Fabrikam a dégagé des résultats en hausse au premier semestre de son exercice décalé 2017/18 (clos fin"
        " septembre). Le chiffre d'affaires a augmenté de 17,1%, à 1,25 milliard de francs."
    )
    rows = rows_of(text, "2017-11-01", "fr")
    assert {(r["period_start"], r["period_end"], r["period_inferred"]) for r in rows} == {
        ("2017-04-01", "2017-09-30", "false")
    }


def test_a_fiscal_year_ending_with_february_ends_on_the_29th_in_a_leap_year():
    # NÖN on Agrana (its year ends with February): nine months from March to November.
    text = "Agrana hat nach den ersten drei Quartalen 2019|20 einen Umsatz von 1.879,4 Mio. Euro ausgewiesen."
    assert {(r["period_start"], r["period_end"]) for r in rows_of(text, "2020-01-10", "de")} == {
        ("2019-03-01", "2019-11-30")
    }


def test_a_52_53_week_year_from_the_table_ends_on_its_weekday_and_its_quarters_are_13_weeks():
    # Daily Business on Apple (fiscal Q3 2021: 27 March to 26 June 2021, the year ending the last Saturday of
    # September); Hargreaves Lansdown on Morrisons (52 weeks to Sunday 2 February 2020, the Sunday nearest 31 January).
    rows = rows_of("Apple Inc said revenue for its fiscal third quarter rose 36% to $81.4 billion.", "2021-07-28")
    assert {(r["period_start"], r["period_end"], r["period_inferred"]) for r in rows} == {
        ("2021-03-28", "2021-06-26", "true")
    }
    rows = rows_of("Wm Morrison Supermarkets plc said annual revenue fell 1.1% to £17.5bn.", "2020-03-18")
    assert {(r["period_start"], r["period_end"]) for r in rows} == {("2019-02-04", "2020-02-02")}
    # A company with a fixed year end keeps its calendar dates.
    rows = rows_of("Nike Inc said revenue for its fiscal fourth quarter rose 5% to $11.4 billion.", "2018-06-30")
    assert {(r["period_start"], r["period_end"]) for r in rows} == {("2018-03-01", "2018-05-31")}
