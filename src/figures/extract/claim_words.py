"""The words around a figure that say what it is: the revenue word that governs it, a rise or a fall, a figure
restated from the sentence before, "respectively", "von X auf Y". A mixin of the pass over an article
(`figures.extract.claims`), which holds the text, the grammar and the patterns."""

from __future__ import annotations

import re

from figures.extract.amounts import Figure
from figures.extract.sentences import clause_of


class ClaimWords:
    """What the words beside a figure say of it; the pass provides `text`, `g`, `patterns` and `sentences`."""

    def _von_auf(self, figure: Figure, before: str, after: str) -> bool:
        """German 'von 19 auf 20 Milliarden Euro', French 'de 1,89 milliard $ à 2,02 milliards $': the figure after
        'von' is the earlier one (not so 'ein Plus von 5,3 Prozent auf 22,4 Milliarden Euro', 'de 5 % à 2
        milliards', a growth and the amount it reached). The words are the language's `from_to` pair."""
        pair = self.patterns["from_to"]
        if pair is None or not re.search(rf"\b{pair[0]}\s+$", before):
            return False
        # (a period may stand between: "von 393,6 Millionen Euro im ersten Halbjahr 2017 auf 352,7 Millionen")
        following = re.match(
            r"^(?:\s+(?:im|in\s+der|in\s+den)\s+[^.;\d]{0,40}?(?:(?:19|20)\d{2}(?:/\d{2,4})?)?)?"
            rf"\s*{pair[1]}\s+(?:\S+\s+)?(?P<next>\S*\d[\d.,]*\s*(?P<unit>%|Prozent|pour\s*cent)?)",
            after,
        )
        return bool(following) and bool(following.group("unit")) == (figure.kind == "percent")

    # -- figures -----------------------------------------------------------------------------------------------

    def _restated(self, index: int, start: int) -> tuple[re.Match[str], str] | None:
        """ "So setzte Electrolux ... 31,4 Milliarden Kronen um. Das entspricht einer Steigerung von 19 Prozent": a
        growth in a sentence that restates the one before, whose figure is revenue, is revenue's."""
        if index == 0 or not self.patterns["restates"].match(self.text, start):
            return None
        previous = self.sentences[index - 1]
        if not any(c.metric == "revenue" and previous[0] <= c.start < previous[1] for c in self.claims):
            return None
        found = list(self.g.revenue.finditer(self.text, *previous))
        return (found[-1], "revenue") if found else None

    def _respective(self, figure: Figure, keywords, figures, end: int) -> tuple[re.Match[str], str] | None:
        """In "1.66 trillion won in sales and 335.6 billion won in operating income, ... an increase of 30.4% and
        8.9%, respectively", the n-th figure of the list is the n-th revenue or excluded word before it."""
        text = self.text
        listed = [f for f in figures if f.kind == figure.kind]
        at = listed.index(figure)
        first = last = at
        while first > 0 and re.fullmatch(
            r"\s*(?:,|and|et|und|,\s*and)\s*", text[listed[first - 1].end : listed[first].start]
        ):
            first -= 1
        while last + 1 < len(listed) and re.fullmatch(
            r"\s*(?:,|and|et|und|,\s*and)\s*", text[listed[last].end : listed[last + 1].start]
        ):
            last += 1
        if first == last or not self.patterns["respectively"].match(text, listed[last].end, end):
            return None
        before = sorted(
            ((m, kind) for m, kind in keywords if m.end() <= listed[first].start), key=lambda k: k[0].start()
        )
        count = last - first + 1
        return before[-count:][at - first] if len(before) >= count else None

    def _keyword(self, figure: Figure, keywords, parts) -> tuple[re.Match[str], str] | None:
        text = self.text
        clause = clause_of(parts, figure.start)
        following = [(m, kind) for m, kind in keywords if m.start() >= figure.end]
        for m, kind in sorted(following, key=lambda item: item[0].start()):
            gap = text[figure.end : m.start()]
            if re.fullmatch(
                r"\s+(?:(?:in|of|de|d['’]|en|an|im|au|at)\s*)?(?:(?:son|sa|ses|leur|leurs|its|their)\s+)?"
                r"(?:(?:net|annual|total)\s+)?|d['’]",
                gap,
            ):
                return m, kind
            # "a 4.3 per cent increase in revenue", "4,3 % de hausse du chiffre d'affaires": the rise of revenue
            noun = re.fullmatch(
                r"\s+(?:de\s+)?([\w-]+)\s+(?:in|of|de|du|des|d['’]|im|beim|bei|au)\s*(?:(?:net|annual|total)\s+)?", gap
            )
            if noun and (self.g.up.fullmatch(noun.group(1)) or self.g.down.fullmatch(noun.group(1))):
                return m, kind
            break
        preceding = [(m, kind) for m, kind in keywords if m.end() <= figure.start and m.start() >= clause[0]]
        preceding = [(m, kind) for m, kind in preceding if figure.start - m.end() <= 250]
        # "Der Umsatz ... mit 10.944 Mitarbeitern (+2,0 Prozent) stieg um 9,8 Prozent": a word with its own
        # figure in brackets right after it governs that one, not the figures after the bracket.
        has_revenue = any(kind == "revenue" for _, kind in preceding)
        # (nor does a word after the revenue word in a complement: "nahm der Werbeertrag ... trotz Zurückhaltung
        # im Schweizer Werbemarkt um 1,1 Prozent zu")
        first_revenue = min((m.start() for m, kind in preceding if kind == "revenue"), default=None)
        preceding = [
            (m, kind)
            for m, kind in preceding
            if kind != "excluded"
            or not has_revenue
            or not (
                re.match(r"\s*\([^()]*\d[^()]*\)", text[m.end() : figure.start])
                or (
                    first_revenue is not None
                    and first_revenue < m.start()
                    and self.patterns["complement_before"].search(text[max(0, m.start() - 40) : m.start()])
                    # (but its own figure, in brackets right after it: "mit 8.944 Mitarbeitern (+2,0 Prozent)")
                    and not re.fullmatch(r"\s*\(\s*", text[m.end() : figure.start])
                )
            )
        ]
        # (nor one in a relative clause set off by commas: "Le chiffre d'affaires des applications industrielles,
        # qui représente environ 16 % des ventes du Groupe, a progressé de 9 %")
        asides = [
            (m.start(), text.find(",", m.end(), figure.start))
            for m in re.finditer(r",\s+(?:qui|which|that|der|die|das|welche[rs]?)\b", text[: figure.start])
        ]
        outside = [
            (m, kind)
            for m, kind in preceding
            if not any(a < m.start() and 0 <= b < figure.start and m.end() <= b for a, b in asides)
        ]
        if any(kind == "revenue" for _, kind in outside):  # (the subject's revenue word stands before the aside)
            preceding = outside
        if preceding:
            chosen = max(preceding, key=lambda item: item[0].end())
            # "revenue and operating income saw a 15% growth": the revenue word shares the figure.
            joined = [
                (m, kind)
                for m, kind in preceding
                if kind == "revenue" and re.fullmatch(r"\s*(?:and|und|et|,)\s*", text[m.end() : chosen[0].start()])
            ]
            # But "revenue and profits of $616 million": the excluded word governs the figure.
            governed = re.fullmatch(r"\s*(?:of|at|de|d['’]|von|à)\s*", text[chosen[0].end() : figure.start])
            return joined[0] if chosen[1] == "excluded" and joined and not governed else chosen
        later = [(m, kind) for m, kind in following if m.start() < clause[1] and m.start() - figure.end <= 80]
        # "une croissance de 8,1 % de ses opérations africaines, contribuant à une hausse ... de son chiffre
        # d'affaires": the figure is of what its own complement names.
        owned = re.match(
            r"\s+(?:de\s+(?:ses|leurs|son|sa|leur)|of\s+its|of\s+their|seiner|ihrer)\s+([\w'’-]+)", text[figure.end :]
        )
        if later and owned and not self.g.revenue.match(text, figure.end + owned.start(1)):
            return None
        if later:
            return min(later, key=lambda item: item[0].start())
        return None

    def _direction(self, figure: Figure, parts, figures) -> str | None:
        """ "up" or "down" when a word of rise or fall governs the percentage, else None (a share, a margin)."""
        if figure.sign in ("+",):
            return "up"
        if figure.sign in ("-", "−"):
            return "down"
        clause = clause_of(parts, figure.start)
        others = [f.start for f in figures if f.kind == "percent" and f is not figure]
        options = []
        # German puts the verb last: "während die Erlöse um 19 Prozent auf gut 13 Billionen Yen (...) zulegten"
        reach = 160 if re.search(r"\bum\s+$", self.text[max(0, figure.start - 4) : figure.start]) else 40
        for pattern, direction in ((self.g.up, "up"), (self.g.down, "down")):
            for m in pattern.finditer(self.text, clause[0], clause[1]):
                before = m.end() <= figure.start and figure.start - m.end() <= 100
                after = m.start() >= figure.end and m.start() - figure.end <= reach
                # "das Wachstum beim Auftragseingang 1,7 Prozent und beim Umsatz 3,6 Prozent": one word, two figures
                blocking = [o for o in others if m.end() <= o < figure.start]
                coordinated = blocking and re.search(r"\b(?:und|and|et)\b", self.text[max(blocking) : figure.start])
                if before and (not blocking or coordinated):
                    options.append((figure.start - m.end(), direction))
                elif after and not any(figure.end <= other < m.start() for other in others):
                    options.append((m.start() - figure.end + 20, direction))
        if options:
            return min(options)[1]
        # "Der Nettogewinn stieg um 9 Prozent auf 2,75 Milliarden, der Umsatz um rund ein Prozent auf 16,46
        # Milliarden": a change "by ... to" without its verb shares the verb of the clause before it.
        text = self.text
        if re.search(r"\b(?:um|by|de)\s+(?:\w+\s+){0,2}$", text[max(0, figure.start - 30) : figure.start]) and re.match(
            r"\s+(?:auf|to|à)\s+\S*\d", text[figure.end :]
        ):
            sentence = next((s for s in self.sentences if s[0] <= figure.start < s[1]), None)
            if sentence is not None:
                earlier = [
                    (m.end(), direction)
                    for pattern, direction in ((self.g.up, "up"), (self.g.down, "down"))
                    for m in pattern.finditer(text, sentence[0], figure.start)
                ]
                if earlier:
                    return max(earlier)[1]
        return None

    def _pronoun_subject(self, index: int, start: int) -> tuple[re.Match[str], str] | None:
        """ "Givaudan posted its first independent sales figures. They were up eight per cent": a sentence opening
        with a pronoun, with no word of its own for what it measures, measures what the one before ended on."""
        if index == 0 or not self.patterns["pronoun_start"].match(self.text, start):
            return None
        previous = self.sentences[index - 1]
        found = [(m, "revenue") for m in self.g.revenue.finditer(self.text, *previous)]
        found += [(m, "excluded") for m in self.g.excluded.finditer(self.text, *previous)]
        if not found:
            return None
        last = max(found, key=lambda item: item[0].end())
        return last if last[1] == "revenue" else None
