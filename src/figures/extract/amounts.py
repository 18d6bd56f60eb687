"""Amounts of money and percentages as printed: the number, its scale, its currency, what was read how."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from figures.extract.language import BARE_CURRENCY_WORDS, CODES, CURRENCY_CUES, Grammar, NumberError, parse_number
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
    flagged: str = ""  # what a person should check, where the figure was read with judgement
    bare: bool = False  # its currency read from a bare "$" or "dollars" that no place in the text settles

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def text_currencies(g: Grammar, text: str) -> list[str]:
    """The currency of every amount of money in a text, small ones too ("1,34 $ par action"), in text order.

    >>> from figures.extract.language import grammar
    >>> text_currencies(grammar("fr"), "(Montréal) Un bénéfice de 1,34 $ par action et 775 millions de ventes.")
    ['CAD']
    """
    return [figure.currency for figure in amounts(g, text, 0, len(text), prices=True)[0] if figure.currency]


def amounts(
    g: Grammar, text: str, start: int, end: int, *, prices: bool = False
) -> tuple[list[Figure], list[tuple[int, int, str]]]:
    """The amounts of money between `start` and `end`, and the spans of those it could not read (with why);
    with `prices`, the few units of currency a price is (never a revenue) too.

    A currency the text leaves to its places (a bare "$" in a Canadian article) is read as the local one
    (`local_currency`).

    >>> from figures.extract.language import grammar
    >>> [(f.value, f.unit, f.currency) for f in amounts(grammar("en"), "sales of $3.2bn", 0, 15)[0]]
    [(Decimal('3.2'), 'billion', 'USD')]
    >>> [(f.value, f.unit, f.currency) for f in amounts(grammar("en"), "Rs 1,09,913 crore", 0, 17)[0]]
    [(Decimal('1099130'), 'million', 'INR')]
    """
    found, unreadable = [], []
    # An English text that writes its percentages with a decimal comma ("down 0,9%", the South African press) writes
    # its amounts so too: "R20,109-billion" is 20.109 billion rand, not 20,109 billion.
    comma_decimals = g.code == "en" and bool(re.search(r"(?<![\d,.])\d{1,3},\d{1,2}\s?%", text))
    for match in g.amount.finditer(text, start, end):
        groups = match.groupdict()
        number = groups["number"] or groups["number2"] or groups.get("number3") or groups.get("number4")
        combined = groups.get("combined") or groups.get("combined_before")
        scale = match.group("scale") or match.group("scale2")
        currency_text = match.group("currency_before") or match.group("sign_before") or match.group("currency_after")
        try:
            if (
                comma_decimals
                and re.fullmatch(r"\d{1,3},\d+", number)
                and (match.group("scale") or match.group("scale2"))
            ):
                value, note = (
                    Decimal(number.replace(",", ".")),
                    "is read with a decimal comma, as the text writes its percentages",
                )
            else:
                value, note = parse_number(number, g.code)
        except NumberError:
            unreadable.append((match.start(), match.end(), "a number the language's rules cannot read"))
            continue
        if combined:
            unit, multiplier, currency = g.scale_currencies[combined]
            currency_note = cue_note = None
            currency_text = combined
        else:
            currency, currency_note = currency_of(g, currency_text, text[start:end])
            currency, cue_note = local_currency(currency, currency_text, text)
            currency_note = cue_note or currency_note
        figure = Figure("amount", match.start(), match.end(), value, "", currency, currency_text)
        figure.bare = _bare(currency_text, cue_note)
        figure.notes += [n for n in (note and f"The number {note}.", currency_note) if n]
        if match.group("aside"):
            figure.notes.append(f"Its scale follows a bracket (“{clean(match.group('aside'))}”), read as the figure's.")
        if combined:
            figure.value, figure.unit = value * multiplier, unit
            figure.notes.append(f"Printed as “{combined}”: {unit}s of {currency}.")
        elif scale:
            unit, multiplier = g.scales[re.sub(r"\s+", " ", scale.lower().rstrip("."))]
            if multiplier != 1:
                figure.notes.append(f"Printed as “{clean(scale)}”: written here as {unit}s.")
            if unit == "trillion" and scale.lower().startswith("billion"):  # French, German: 10^12
                figure.notes.append(f"Printed as “{clean(scale)}”, a million millions: written here as trillion.")
            figure.value, figure.unit = value * multiplier, unit
        else:
            unit = next((u for u, size in (("billion", 9), ("million", 6), ("thousand", 3)) if value >= 10**size), None)
            if unit is None and not prices:
                continue  # a few units of currency: a price, never a company's revenue
            if unit is None:
                found.append(figure)
                continue
            size = {"billion": 9, "million": 6, "thousand": 3}[unit]
            figure.value, figure.unit = value / Decimal(10) ** size, unit
            figure.notes.append(f"Printed without a scale word: written here in {unit}s.")
        found.append(figure)
    for match in g.spelled_amount.finditer(text, start, end):  # "rund zwei Milliarden Euro"
        if any(f.start < match.end() and match.start() < f.end for f in found):
            continue
        figure = _spelled_amount(g, text, match, text[start:end])
        if figure is not None:
            found.append(figure)
    return sorted(found, key=lambda f: f.start), unreadable


def _spelled_amount(g: Grammar, text: str, match: re.Match[str], sentence: str) -> Figure | None:
    """An amount whose number is written in words, read by text2num: the longest run of words it reads."""
    spelled = _spelled_number(g, text, match.start("words"), match.end("words"))
    if spelled is None:
        return None
    value, at = spelled
    unit, multiplier = g.scales[re.sub(r"\s+", " ", match.group("scale").lower().rstrip("."))]
    currency, note = currency_of(g, match.group("currency_after"), sentence)
    currency, cue_note = local_currency(currency, match.group("currency_after"), text)
    figure = Figure("amount", at, match.end(), value * multiplier, unit, currency, match.group("currency_after"))
    figure.bare = _bare(match.group("currency_after"), cue_note)
    figure.notes += [n for n in (cue_note or note,) if n]
    figure.notes.append(f"The number is written in words (“{clean(text[at : match.start('scale')])}”).")
    return figure


def currency_of(g: Grammar, surface: str, sentence: str) -> tuple[str, str | None]:
    """The ISO 4217 code a currency's symbol, code or word stands for in `g`'s language, and a note where
    it was read with judgement ('$' as US dollars, '¥' beside Chinese amounts as yuan).

    >>> from figures.extract.language import grammar
    >>> currency_of(grammar("fr"), "francs suisses", ""), currency_of(grammar("en"), "¥", "yuan")[0]
    (('CHF', None), 'CNY')
    """
    normalised = re.sub(r"\s+", " ", surface.strip())
    code = g.symbols.get(normalised) or g.symbols.get(normalised.replace(" ", ""))
    if code is None and normalised in CODES:
        code = normalised
    if code is None:
        code = g.currencies.get(normalised.lower(), "")
    note = None
    if normalised in ("¥", "￥") and re.search(r"yuan|renminbi|rmb|cny|chin", sentence, re.IGNORECASE):
        code, note = "CNY", "“¥” beside Chinese amounts: read as yuan (CNY), not yen."
    elif normalised.lower() in BARE_CURRENCY_WORDS and code == "USD":
        note = f"“{normalised}” read as US dollars."
    return code, note


def _bare(surface: str | None, cue_note: str | None) -> bool:
    return bool(surface) and cue_note is None and re.sub(r"\s+", " ", surface.strip()).lower() in BARE_CURRENCY_WORDS


def local_currency(code: str, surface: str, text: str) -> tuple[str, str | None]:
    """A currency read from a bare word ("$", "dollars", "Kronen") as the local currency of the places the
    text names, where it names any (`[currency_cues]` of common.toml); else as it was read.

    >>> local_currency("USD", "$", "MONTRÉAL - Saputo a rapporté 2,892 milliards $.")[0]
    'CAD'
    >>> local_currency("USD", "US$", "MONTRÉAL - 2 milliards US$.")
    ('USD', None)
    """
    normalised = re.sub(r"\s+", " ", surface.strip()).lower()
    cues = CURRENCY_CUES.get(code, {})
    if normalised not in BARE_CURRENCY_WORDS or not cues:
        return code, None
    home = len(cues[code].findall(text)) if code in cues else 0
    counts = [(len(cue.findall(text)), local, cue) for local, cue in cues.items() if local != code]
    best = max(counts, key=lambda item: item[0])
    if best[0] == 0 or best[0] <= home:
        return code, None
    local, found = best[1], best[2].search(text)
    note = (
        f"“{surface.strip()}” read as {local}: the text names places where it is the local currency"
        f" (“{found.group(0)}”) more often than those where it is {code}; review."
    )
    return local, note


_SPELLED_WORDS = 4


def percents(g: Grammar, text: str, start: int, end: int) -> list[Figure]:
    """The percentages between `start` and `end`, with their printed sign; a number written in words
    ("acht Prozent", "nine per cent") is read by text2num.

    >>> from figures.extract.language import grammar
    >>> [(f.value, f.sign) for f in percents(grammar("de"), "ein Plus von 5,5 Prozent", 0, 24)]
    [(Decimal('5.5'), '')]
    >>> [(f.value, f.start) for f in percents(grammar("de"), "um gut acht Prozent", 0, 19)]
    [(Decimal('8'), 7)]
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
    taken = [figure.span for figure in found]
    for match in g.percent_word.finditer(text, start, end):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        spelled = _spelled_number(g, text, max(start, match.start() - 60), match.start())
        if spelled is not None:
            value, at = spelled
            figure = Figure("percent", at, match.end(), value, "percent")
            figure.notes.append(f"The number is written in words (“{clean(text[at : match.start()])}”).")
            found.append(figure)
    return sorted(found, key=lambda figure: figure.start)


def _spelled_number(g: Grammar, text: str, start: int, end: int) -> tuple[Decimal, int] | None:
    """The number written in words right before `end` (the longest run text2num reads), and where it starts."""
    from text_to_num import text2num

    words = list(re.finditer(r"[^\W\d_]+(?:[-‑][^\W\d_]+)*", text[start:end]))
    if not words or text[start + words[-1].end() : end].strip():
        return None
    best = None
    for first in range(max(0, len(words) - _SPELLED_WORDS), len(words)):
        phrase = text[start + words[first].start() : start + words[-1].end()]
        try:
            number = text2num(phrase, g.code)
        except ValueError:
            continue
        if number > 0:
            best = (Decimal(number), start + words[first].start())
            break
    return best
