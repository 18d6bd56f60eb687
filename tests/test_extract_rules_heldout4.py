"""The rules `figures extract` gained from heldout4 after its one blind run, each checked both ways on short
invented sentences written in the manner of the article that taught it (named in each test). Every expected value
is written by hand.
"""

from __future__ import annotations

from helpers import extracted_rows, row_briefs

rows_of, brief = extracted_rows, row_briefs


def test_german_words_of_revenue_are_not_swallowed_by_exclusions():
    # BR on Wacker Chemie ("ein Konzernumsatz von 8,2 Milliarden Euro erwirtschaftet"), MZ on TUI ("auf den
    # Rekordwert von 20,7 Milliarden Euro").
    text = "Die Fabrikam AG hat 2022 einen Konzernumsatz von 8,2 Milliarden Euro erwirtschaftet."
    assert [r["value"] for r in rows_of(text, "2023-03-01", "de")] == ["8.2"]
    text = "Bei der Fabrikam AG legte der Umsatz 2023 auf den Rekordwert von 20,7 Milliarden Euro zu."
    assert [r["value"] for r in rows_of(text, "2023-12-01", "de")] == ["20.7"]
    # The market value is still no revenue.
    text = "Der Umsatz der Fabrikam AG stieg 2023 um 5 Prozent, ihr Börsenwert auf 20,7 Milliarden Euro."
    assert [r["value"] for r in rows_of(text, "2023-12-01", "de")] == ["5"]


def test_german_two_word_names():
    # VN on Hugo Boss (headline and lead), Die Presse on Telekom Austria ("die teilstaatliche Telekom Austria").
    text = "Umsatzplus für Tailspin Boss\nDüsseldorf. Tailspin Boss hat 2015 den Umsatz um 16 Prozent gesteigert."
    assert {r["company"] for r in rows_of(text, "2015-08-04", "de")} == {"Tailspin Boss"}
    text = (
        "Die börsennotierte Fabrikam Austria hat 2019 den Umsatz um 2,6 Prozent gesteigert, teilte die Fabrikam"
        " Austria mit."
    )
    assert {r["company"] for r in rows_of(text, "2019-07-01", "de")} == {"Fabrikam Austria"}


def test_a_german_name_that_opens_sentences_before_a_verb_is_a_subject():
    # SRF on Nvidia: "Nvidia liefert die Technik ... Nvidia knackt erstmals die Marke".
    text = (
        "Fabrikam liefert die Technik für Datencenter. Fabrikam knackt die Marke von 200 Milliarden Dollar. Der"
        " Konzern konnte den Umsatz im Jahr 2025 um 65 Prozent auf 216 Milliarden Dollar steigern."
    )
    assert {r["company"] for r in rows_of(text, "2026-02-26", "de")} == {"Fabrikam"}
    # A plural noun that opens one sentence is no name.
    text = "Wechselkursveränderungen belasteten. Der Konzernumsatz stieg 2022 um 32 Prozent auf 8,2 Milliarden Euro."
    assert {r["company"] for r in rows_of(text, "2023-03-01", "de")} == {"[company not named in the text]"}


def test_a_title_introduces_a_person_not_a_company():
    # Welt on dm: "Geschäftsführer Roman Melcher".
    text = "Geschäftsführer Roman Melcher sagte, der Umsatz sei 2019 um 4,6 Prozent auf 11,2 Milliarden Euro gestiegen."
    assert {r["company"] for r in rows_of(text, "2019-10-01", "de")} == {"[company not named in the text]"}


def test_french_period_adjectives_are_the_groups():
    # Journal de Montréal on BRP: "Les revenus trimestriels ... de 1,394 milliard $".
    text = "Fabrikam SA a publié ses résultats. Les revenus trimestriels ont augmenté de 13,7 % au 3e trimestre 2018."
    assert [r["value"] for r in rows_of(text, "2018-11-30", "fr")] == ["13.7"]
    # A line of business named by its adjective is no group revenue: beside the group's figure, it stays out.
    text = (
        "Fabrikam SA a publié ses résultats. Son chiffre d'affaires a augmenté de 9 % au 3e trimestre 2018. Les"
        " revenus publicitaires ont augmenté de 13,7 % au 3e trimestre 2018."
    )
    assert [r["value"] for r in rows_of(text, "2018-11-30", "fr")] == ["9"]


def test_a_date_written_with_hyphens_ends_a_period():
    # CAPA on Singapore Airlines: "for the three months ended 30-Sep-2010".
    text = "Fabrikam Airlines Ltd said revenue for the three months ended 30-Sep-2010 was USD2810 million, up 17.8%."
    rows = rows_of(text, "2010-11-11")
    assert {(r["period_start"], r["period_end"], r["period_inferred"]) for r in rows} == {
        ("2010-07-01", "2010-09-30", "false")
    }


def test_of_one_figure_rounded_once_the_precise_one_is_kept():
    # CAPA on Singapore Airlines: the headline's "revenue up 18%" and the table's "+17.8%".
    text = "Fabrikam Airlines revenue up 18% - figures for the three months ended 30 September 2010: revenue +17.8%."
    assert [r["value"] for r in rows_of(text, "2010-11-11") if r["metric"] == "revenue_growth"] == ["17.8"]


def test_deere_and_company_is_deere():
    # WOWO on Deere: "Deere & Company reports worldwide net sales and revenues increased five percent".
    text = "Deere & Company reports worldwide net sales and revenues increased five percent in 2019. Deere said more."
    assert {(r["company"], r["value"]) for r in rows_of(text, "2019-11-29")} == {("Deere & Company", "5")}
