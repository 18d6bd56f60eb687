"""Amounts of the pass (a mixin of the extractor): an amount whose currency the text leaves to the amount before
it or to its places, an amount restating another in a second currency, an amount in brackets of an earlier year."""

from __future__ import annotations

import re
from itertools import pairwise

from figures.extract.amounts import Figure, amounts
from figures.extract.language import CURRENCY_CUES, Grammar, NumberError, parse_number
from figures.extract.sentences import clean


class ClaimAmounts:
    """The amounts of the pass (mixed into the extractor)."""

    g: Grammar
    text: str
    sentences: list[tuple[int, int]]
    patterns: dict

    def _bare_amount(self, scaled: re.Match[str], index: int) -> Figure | None:
        """A number with a scale word and no currency ("7,188 milliards") right after a revenue word, read in the
        currency of the amount stated last before it in the same or the previous sentence, flagged; else None
        (a count of users, a currency the rules do not read)."""
        text = self.text
        keyword = self.g.revenue.search(text, max(self.sentences[index][0], scaled.start() - 150), scaled.start())
        if keyword is None:
            return None
        first = self.sentences[max(0, index - 3)][0]
        earlier = [
            a
            for a in amounts(self.g, text, first, scaled.start())[0]
            if a.currency and not re.search(r"[(\[]\s*(?:\w+\s+){0,2}$", text[max(0, a.start - 20) : a.start])
        ]  # (not a bracketed translation: "8,65 Milliarden Franken (7,55 Mrd. Euro)")
        if not earlier:  # the text's usual currency, where it has one ("44,7 millions" beside "millions de dollars")
            everywhere = [a for a in amounts(self.g, text, 0, len(text), prices=True)[0] if a.currency]
            if not everywhere:
                return self._default_currency_amount(scaled)
            usual = max({a.currency for a in everywhere}, key=[a.currency for a in everywhere].count)
            earlier = [next(a for a in everywhere if a.currency == usual)]
        model = earlier[-1]
        model_text = clean(text[model.start : model.end])
        return self._scaled_figure(
            scaled,
            model.currency,
            f"The text gives no currency; read in that of the amount before it (“{model_text}”).",
            "currency taken from the amount before",
        )

    def _earlier_in_brackets(self, figure: Figure) -> bool:
        """A figure in brackets that name an earlier year than the sentence names outside them ("an increase of 17%
        year-on-year [€437.9m (US$467.6m) for 2021]", of 2022's figures): the earlier period's, for comparison."""
        text = self.text
        sentence = next((s for s in self.sentences if s[0] <= figure.start < s[1]), None)
        opening = text.rfind("[", sentence[0] if sentence else 0, figure.start)
        if sentence is None or opening < 0 or "]" in text[opening : figure.start]:
            return False
        closing = text.find("]", figure.end, sentence[1])
        if closing < 0:
            return False
        inside = {int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text[opening:closing])}
        outside = {
            int(y)
            for y in re.findall(r"\b((?:19|20)\d{2})\b", text[sentence[0] : opening] + text[closing : sentence[1]])
        }
        return bool(inside) and bool(outside) and max(inside) < max(outside)

    def _default_currency_amount(self, scaled: re.Match[str]) -> Figure | None:
        """A revenue amount in a text that names no currency anywhere ("son chiffre d'affaires stagner à 1,035
        milliard"): in the language's usual currency, flagged for review."""
        # (the currency of the places the text names: "828,0 millions" in Montréal news are dollars)
        counts = [(len(cue.findall(self.text)), code) for code, cue in CURRENCY_CUES["USD"].items()]
        found, local = max(counts, default=(0, ""))
        currency = local if found else self.patterns["default_currency"]
        where = "the local currency of the places it names" if found else "the language's usual one"
        return self._scaled_figure(
            scaled,
            currency,
            f"The text names no currency anywhere; read as {currency}, {where}: review.",
            f"currency assumed ({currency}): the text names none",
        )

    def _scaled_figure(self, scaled: re.Match[str], currency: str, why: str, flag: str) -> Figure | None:
        """A number with a scale word and no currency, read in `currency` (saying `why`, flagged `flag`); None
        where the language's rules cannot read the number."""
        try:
            value, note = parse_number(scaled.group("number"), self.g.code)
        except NumberError:
            return None
        unit, multiplier = self.g.scales[re.sub(r"\s+", " ", scaled.group("scale").lower().rstrip("."))]
        figure = Figure("amount", scaled.start(), scaled.end(), value * multiplier, unit, currency)
        figure.notes.append(why)
        if note:
            figure.notes.append(f"The number {note}.")
        figure.flagged = flag
        return figure

    def _translations(self, money: list[Figure]) -> dict[int, tuple[Figure, Figure]]:
        """Amounts that restate the one beside them in another currency ("32.15 billion yuan ($4.84 billion)"),
        keyed by the translation: the figure in the reader's currency (a dollar in English, a euro in French or
        German) is the translation, wherever it stands; else the second."""
        translated: dict[int, tuple[Figure, Figure]] = {}
        readers = self.patterns["translation_currencies"]
        for first, second in pairwise(money):
            gap = self.g.translation_gap.match(self.text[first.end : second.start])
            if not gap or second.currency == first.currency or id(first) in translated:
                continue
            if first.currency in readers and second.currency not in readers and not gap.group("bracket"):
                translated[id(first)] = (second, first)
            else:
                translated[id(second)] = (first, second)
        return translated
