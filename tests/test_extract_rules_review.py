"""Defects a review of the extractor found in its rules (not in any corpus article): each checked both ways on
short invented sentences. Every expected value is written by hand.
"""

from __future__ import annotations

from helpers import extracted_rows

rows_of = extracted_rows


def companies(rows):
    return {r["company"] for r in rows}


def test_a_german_country_adjective_with_its_capital_inside_a_sentence_is_part_of_the_name():
    # German writes adjectives in lower case: "die Deutsche Börse", "der Deutschen Bank" name companies.
    text = "Die Deutsche Börse steigerte ihren Umsatz 2024 um 15 Prozent auf 5,8 Milliarden Euro."
    assert companies(rows_of(text, "2025-02-14", "de")) == {"Deutsche Börse"}
    text = "Bei der Deutschen Bank stieg der Umsatz 2024 um 4 Prozent auf 30,1 Milliarden Euro."
    assert companies(rows_of(text, "2025-02-14", "de")) == {"Deutsche Bank"}
    # In lower case it is an adjective, not a name: "die deutsche Fabrikam".
    text = "Die deutsche Fabrikam AG steigerte ihren Umsatz 2024 um 15 Prozent auf 5,8 Milliarden Euro."
    assert companies(rows_of(text, "2025-02-14", "de")) == {"Fabrikam AG"}


def test_a_stock_exchange_names_a_source_only_before_a_name_and_an_exchange_rate_names_none():
    # The exchange before a listed company's name is only where it is listed: the company reports.
    text = "Fabrikam ist an der Börse SIX gelistet. Fabrikam steigerte den Umsatz 2024 um 15 Prozent."
    assert companies(rows_of(text, "2025-02-14", "de")) == {"Fabrikam"}
    text = "Helped by the exchange rate, Contoso Ltd's revenue rose 4% to $2.1 billion in 2024."
    assert companies(rows_of(text, "2025-03-01", "en")) == {"Contoso Ltd"}


def periods(rows):
    return {(r["period_start"], r["period_end"], r["period_inferred"]) for r in rows}


def test_a_period_not_over_at_publication_is_never_drafted_as_it_stands():
    # WOWO on Deere, 29 November 2019: "the fourth quarter and full year of 2019". A year that had not ended is the
    # company's fiscal year to the last month's end before publication, inferred and flagged for review.
    text = "Fabrikam reports revenue increased five percent in the full year of 2019 to $39.2 billion."
    rows = rows_of(text, "2019-11-29", "en")
    assert periods(rows) == {("2018-11-01", "2019-10-31", "true")}
    assert all("ends after the article was published (2019-11-29)" in row["note"] for row in rows)
    # Published after the year ended, the calendar year stands as the text names it.
    assert periods(rows_of(text, "2020-02-20", "en")) == {("2019-01-01", "2019-12-31", "false")}
    # A quarter not over is no claim: left out (a forecast, a period misread), never a row a claims file refuses.
    text = (
        "Fabrikam's revenue rose 5% to $9.8 billion in the fourth quarter of 2019. Its revenue was $30 billion in 2018."
    )
    assert {row["value"] for row in rows_of(text, "2019-11-29", "en")} == {"30"}
