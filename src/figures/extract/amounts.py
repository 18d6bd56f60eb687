"""Amounts of money and percentages as printed: the number, its scale, its currency, what was read how."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from figures.extract.language import CODES, SYMBOLS, Grammar, NumberError, parse_number
from figures.extract.sentences import clean


@dataclass
class Figure:
    """A number in the text: an amount of money or a percentage, with what surrounds it."""

    kind: str  # "amount" or "percent"
    start: int
    end: int
    value: Decimal
    unit: str
    currency: str | None = None
    currency_text: str = ""
    notes: list[str] = field(default_factory=list)
    sign: str = ""


def amounts(g: Grammar, text: str, start: int, end: int) -> tuple[list[Figure], list[tuple[int, int, str]]]:
    """The amounts of money between `start` and `end`, and the spans of those it could not read (with why).

    >>> from figures.extract.language import grammar
    >>> [(f.value, f.unit, f.currency) for f in amounts(grammar("en"), "sales of $3.2bn", 0, 15)[0]]
    [(Decimal('3.2'), 'billion', 'USD')]
    """
    found, unreadable = [], []
    for match in g.amount.finditer(text, start, end):
        number = match.group("number") or match.group("number2")
        scale = match.group("scale") or match.group("scale2")
        currency_text = match.group("currency_before") or match.group("currency_after")
        try:
            value, note = parse_number(number, g.code)
        except NumberError:
            unreadable.append((match.start(), match.end(), "a number the language's rules cannot read"))
            continue
        currency, currency_note = currency_of(g, currency_text, text[start:end])
        figure = Figure("amount", match.start(), match.end(), value, "", currency, currency_text)
        figure.notes += [n for n in (note and f"The number {note}.", currency_note) if n]
        if scale:
            unit, multiplier = g.scales[scale.lower().rstrip(".")]
            if multiplier != 1:
                figure.notes.append(f"Printed as “{clean(scale)}”: written here as {unit}s.")
            if unit == "trillion" and scale.lower().startswith("billion"):  # French, German: 10^12
                figure.notes.append(f"Printed as “{clean(scale)}”, a million millions: written here as trillion.")
            figure.value, figure.unit = value * multiplier, unit
        else:
            unit = next((u for u, size in (("billion", 9), ("million", 6), ("thousand", 3)) if value >= 10**size), None)
            if unit is None:
                continue  # a few units of currency: a price, never a company's revenue
            size = {"billion": 9, "million": 6, "thousand": 3}[unit]
            figure.value, figure.unit = value / Decimal(10) ** size, unit
            figure.notes.append(f"Printed without a scale word: written here in {unit}s.")
        found.append(figure)
    return found, unreadable


def currency_of(g: Grammar, surface: str, sentence: str) -> tuple[str, str | None]:
    """The ISO 4217 code a currency's symbol, code or word stands for in `g`'s language, and a note where
    it was read with judgement ('$' as US dollars, '¥' beside Chinese amounts as yuan).

    >>> from figures.extract.language import grammar
    >>> currency_of(grammar("fr"), "francs suisses", ""), currency_of(grammar("en"), "¥", "yuan")[0]
    (('CHF', None), 'CNY')
    """
    normalised = re.sub(r"\s+", " ", surface.strip())
    code = SYMBOLS.get(normalised) or SYMBOLS.get(normalised.replace(" ", ""))
    if code is None and normalised in CODES:
        code = normalised
    if code is None:
        code = g.currencies.get(normalised.lower(), "")
    note = None
    if normalised in ("¥", "￥") and re.search(r"yuan|renminbi|rmb|cny|chin", sentence, re.IGNORECASE):
        code, note = "CNY", "“¥” beside Chinese amounts: read as yuan (CNY), not yen."
    elif normalised in ("$", "dollars", "dollar", "Dollar"):
        note = f"“{normalised}” read as US dollars."
    return code, note


def percents(g: Grammar, text: str, start: int, end: int) -> list[Figure]:
    """The percentages between `start` and `end`, with their printed sign.

    >>> from figures.extract.language import grammar
    >>> [(f.value, f.sign) for f in percents(grammar("de"), "ein Plus von 5,5 Prozent", 0, 24)]
    [(Decimal('5.5'), '')]
    """
    found = []
    for match in g.percent.finditer(text, start, end):
        try:
            value, note = parse_number(match.group("number"), g.code)
        except NumberError:
            continue
        figure = Figure("percent", match.start(), match.end(), value, "percent", sign=match.group("sign") or "")
        if note:
            figure.notes.append(f"The number {note}.")
        found.append(figure)
    return found
