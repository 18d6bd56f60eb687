"""The rules `figures extract` gained from heldout9 after its one blind run, each checked both ways on short
invented sentences written in the manner of the article that taught it (named in each test). Every expected value
is written by hand.
"""

from __future__ import annotations

import pytest

from figures.errors import FiguresError
from helpers import extracted_rows, row_values

rows_of = extracted_rows
values = row_values


def test_a_german_pronoun_after_the_verb_and_the_latter_in_french():
    # Lübecker Nachrichten on Dräger: "Der Umsatz legte währungsbereinigt um 8,9 Prozent zu. Nominal stieg er um 9,8
    # Prozent auf 1,899 Milliarden Euro"; Zonebourse on Bénéteau: "représente 11,8% du chiffre d'affaires. Ce dernier
    # s'établit à 1,34 milliard d'euros, en croissance de 3,8% en données publiées et de 2,6% à change constant."
    text = (
        "Bei Fabrikam legte der Umsatz in den ersten neun Monaten 2019 währungsbereinigt um 8,9 Prozent zu. Nominal"
        " stieg er um 9,8 Prozent auf 1,899 Milliarden Euro."
    )
    assert values(rows_of(text, "2019-10-30", "de")) == ["1.899", "9.8"]
    text = (
        "L'Ebitda de Fabrikam pour l'exercice 2018-2019 représente 11,8% du chiffre d'affaires. Ce dernier s'établit à"
        " 1,34 milliard d'euros, en croissance de 3,8% en données publiées et de 2,6% à change constant."
    )
    assert values(rows_of(text, "2019-10-30", "fr")) == ["1.34", "3.8"]
    # A pronoun after an order intake's sentence stands for the order intake.
    text = (
        "Der Auftragseingang bei Fabrikam wuchs 2019 um 3,5 Prozent. Nominal stieg er um 4,4 Prozent auf 2,016"
        " Milliarden Euro."
    )
    with pytest.raises(FiguresError, match="no revenue or growth claim"):
        rows_of(text, "2019-10-30", "de")


def test_a_stock_exchange_a_currency_code_and_a_town_after_aus_are_no_companies():
    # cash.ch on Landis+Gyr: "an der Schweizer Börse SIX gelistet"; Vietnam+ on Vinamilk: "15.49 trillion VND";
    # WDR on Hella: "Der Autozulieferer Hella aus Lippstadt wächst weiter."
    text = (
        "Fabrikam ist wieder an der Schweizer Börse SIX gelistet und publiziert Jahreszahlen nach Vorgaben der"
        " Schweizer Börse. Konkret nahm der Umsatz 2017 um 4,7 Prozent auf 1,74 Milliarden Dollar zu."
    )
    assert "Schweizer Börse" not in {r["company"] for r in rows_of(text, "2018-06-01", "de")}
    text = (
        "The Fabrikam Dairy JSC recorded 15.49 trillion VND in consolidated net revenue in the second quarter of 2020."
    )
    assert [(r["company"], r["currency"]) for r in rows_of(text, "2020-07-30", "en")] == [("Fabrikam Dairy JSC", "VND")]
    text = (
        "Der Autozulieferer Fabrikam aus Lippstadt wächst weiter. Im ersten Halbjahr 2017 steigerte er seinen Umsatz"
        " um mehr als neun Prozent auf 3,5 Milliarden Euro."
    )
    assert {r["company"] for r in rows_of(text, "2018-01-11", "de")} == {"Fabrikam"}


def test_growth_over_the_first_quarter_is_sequential_and_overseas_branches_are_a_part():
    # Vietnam+ on Vinamilk: "up 9.5 percent from the first quarter and 6.1 percent from a year earlier", "Its overseas
    # branches post 761 billion VND in net revenue".
    text = (
        "Fabrikam recorded 15.49 trillion VND in net revenue in the second quarter of 2020, up 9.5 percent from the"
        " first quarter and 6.1 percent from a year earlier. Its overseas branches post 761 billion VND in net revenue."
    )
    assert values(rows_of(text, "2020-07-30", "en")) == ["15.49", "6.1"]
    # "from the first quarter of 2019": a year before, not the quarter before.
    text = "Fabrikam's net revenue in the first quarter of 2020 was up 6.1 percent from the first quarter of 2019."
    assert values(rows_of(text, "2020-07-30", "en")) == ["6.1"]
