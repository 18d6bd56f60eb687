"""Choosing a figure's company among the names `figures.extract.companies` accepted: the one whose revenue the
words name, else the one named before it in its sentence, after it, or last before the sentence (a reference
back), else the article's best attested name, flagged. A mixin of `Companies`, which holds the text, the
sentences and the weighed names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from figures.extract.language import NOT_COMPANIES
from figures.extract.name_runs import _strip
from figures.extract.names import Entity, NameMention, _title_case, core_key
from figures.extract.sentences import open_bracket


@dataclass(frozen=True)
class Attribution:
    """Which company (or companies) a figure belongs to, and what a person should check about it."""

    names: tuple[str, ...]
    flag: str = ""
    unit: str = ""


class CompanyChoice:
    """The choice of a figure's company; `Companies` provides `text`, `g`, `sentences`, `entities`."""

    def _bracketed(self, mention: NameMention, figure) -> bool:
        """Whether a mention stands in brackets that do not also hold the figure."""
        text = self.text
        opening = open_bracket(text, mention.start, 60)
        closing = text.find(")", mention.end, mention.end + 60)
        if opening < 0 or closing < 0 or "(" in text[mention.end : closing]:
            return False
        return not opening < figure.start < closing

    def company(self, index: int, keyword: re.Match[str], figure, clause: tuple[int, int]) -> Attribution:
        """The company a figure belongs to: the one whose revenue the words name ('Apple revenue', 'le chiffre
        d'affaires de SEB'), else the one named before it in its sentence, else after it, else the one named
        last before the sentence (a reference back: 'the group', 'der Konzern'), flagged."""
        text = self.text
        sentence_start, sentence_end = self.sentences[index]
        here = self.accepted_mentions(sentence_start, sentence_end)
        # "les plus fortes hausses ... ARTES (+52,7 %), NEW BODY LINE (+52,4 %)": a figure in brackets right
        # after a name is that name's
        tagged = [item for item in here if re.fullmatch(r"\s*\(\s*", text[item[0].end : figure.start])]
        if tagged:
            return self._attribution(tagged[-1], here, clause)
        owner = self._owner(here, keyword)
        if owner is not None:
            return self._attribution(owner, here, clause)
        # A name in brackets is an aside ("Ce groupe, présent en télévision (BFM TV), a amélioré ...").
        before = [item for item in here if item[0].end <= figure.start and not self._bracketed(item[0], figure)]
        in_clause = [item for item in before if item[0].start >= clause[0]]
        if in_clause or before:
            return self._attribution((in_clause or before)[-1], here, clause)
        earlier = self._salient(index)
        after = [item for item in here if item[0].start >= figure.end]
        if after and (earlier is None or self._subject(after[0][0])):
            return self._attribution(after[0], here, clause)
        if earlier is not None:
            name = self.name(earlier)
            return Attribution((name,), f"company from an earlier sentence (the one it refers to: {name})")
        if after:
            return self._attribution(after[0], here, clause)
        later = [
            item
            for item in self.accepted_mentions(sentence_end, len(text))
            if not item[1].unit_of and not self._acquired(item[0])
        ]
        if later:
            entity = max(later, key=lambda item: (item[1].score, -item[0].start))[1]
            name = self.name(entity)
            return Attribution((name,), f"company named only later in the text ({name})")
        subjects = [e for e in self.entities.values() if "subject" in e.evidence and not e.person and not e.noun]
        if subjects and not any(self._accepted(e) for e in self.entities.values()):
            entity = max(subjects, key=lambda e: (e.score, len(e.mentions)))
            name = self.name(entity)
            return Attribution((name,), f"company from the only name that reports anything ({name}): review")
        fallback = self._headline_name()
        if fallback is not None:
            name = self.name(fallback)
            return Attribution((name,), f"company taken from the headline, the only name there ({name})")
        repeated = self._repeated_name()
        if repeated is not None:
            name = self.name(repeated)
            return Attribution((name,), f"company from the only name the text repeats ({name}): review")
        first = self._lead_name()
        if first is not None:
            name = self.name(first)
            return Attribution((name,), f"company from the name the article opens with ({name}): review")
        return Attribution((), "no company named in the text: give it")

    def _lead_name(self) -> Entity | None:
        """Where nothing else names the company: the name the article's first sentence opens with ("India Cements
        slipped 1.05% ... after the company reported"), if that is no person's, place's or noun."""
        opening = [e for e in self.entities.values() if "lead" in e.evidence]
        if len(opening) != 1 or opening[0].person or opening[0].place or opening[0].noun or opening[0].unit_of:
            return None
        if opening[0].display.lower().endswith(self.g.noun_endings):  # (German: "Betriebsgewinn")
            return None
        return opening[0] if opening[0].display.lower() not in NOT_COMPANIES else None

    def _repeated_name(self) -> Entity | None:
        """Where nothing else names the company: the one name of several words the text gives twice or more
        ("sieht Heidelberger Druck ... bekräftigte Heidelberger Druck"), not a person's, a place's or a noun."""
        starts = {start for start, _ in self.sentences}
        repeated = [
            e
            for e in self.entities.values()
            if len(e.mentions) >= 2
            # one word will do where only names have capitals inside a sentence ("pour Dollarama")
            and (
                " " in e.display
                or (self.g.code != "de" and any(m.start not in starts for m in e.mentions))
                or len(e.mentions) >= 3  # (a German word thrice and never after an article: not a noun)
                or self._bare_twice(e, starts)
            )
            and not (e.person or e.place or e.noun or e.unit_of or e.source)
            and e.display.lower() not in NOT_COMPANIES
        ]
        return repeated[0] if len(repeated) == 1 else None

    def _bare_twice(self, entity: Entity, starts: set[int]) -> bool:
        """A German word twice inside sentences with no article or adjective before it ("legt Michelin nunmehr
        seine Kennzahlen vor"): a German noun inside a sentence has one ("die neuen Kennzahlen")."""
        return all(
            m.start not in starts
            and not re.search(rf"\b(?i:{self.g.article}|[a-zäöüß]+(?:e|en|er|es|em))\s+$", self.text[: m.start][-30:])
            for m in entity.mentions
        )

    def _salient(self, index: int) -> Entity | None:
        """The company a sentence without a name refers to: in the nearest sentence before that names one, its
        subject (a name that reports, says or posts) or else its first; else the article's best attested."""
        for previous in range(index - 1, max(-1, index - 7), -1):
            here = [
                item
                for item in self.accepted_mentions(*self.sentences[previous])
                if not item[1].unit_of and not self._acquired(item[0]) and not self._aside(item)
            ]
            if here:
                subjects = [item for item in here if self._subject(item[0])]
                return (subjects or here)[0][1]
        earlier = [item for item in self.accepted_mentions(0, self.sentences[index][0]) if not item[1].unit_of]
        if not earlier:
            return None
        return max(earlier, key=lambda item: (item[1].score, len(item[1].mentions), -item[0].start))[1]

    def _aside(self, item: tuple[NameMention, Entity]) -> bool:
        """A name only ever met as a complement ("les coûts de restructuration du groupe Tests"), with no sign
        of reporting anything: not what a later sentence without a name is about."""
        mention, entity = item
        before = self.text[max(0, mention.start - 20) : mention.start]
        complement = re.search(r"\b(?:of|de|du|des|d['’]|von|vom)\s+(?:(?:the|le|la|der|dem)\s+)?(?:\w+\s+)?$", before)
        return bool(complement) and not ({"owner", "reports", "subject"} & entity.evidence)

    def _acquired(self, mention: NameMention) -> bool:
        """Whether a mention names a company bought or sold ("die Übernahme von Poenina"): not the one a sentence
        without a name refers to."""
        return bool(self.g.acquired.search(self.text[max(0, mention.start - 60) : mention.start]))

    def _subject(self, mention: NameMention) -> bool:
        before = self.text[max(0, mention.start - 40) : mention.start]
        # ("The catering arm of Indian Railways had reported": the arm reported; "Samsung Biologics Co., the biotech
        # arm of South Korea's Samsung Group, said": Samsung Biologics said)
        if re.search(
            r"\b(?:of|by|for|from|de|du|des|d['’]|von|vom|bei)\s*(?:(?:the\s+)?(?:[\w-]+\s+){0,2}[\w-]+['’]s\s+)?$",
            before,
            re.IGNORECASE,
        ):
            return False
        after = self.text[mention.end : mention.end + 80]
        after = re.sub(r"^\s*\([^()]{1,60}\)", "", after)  # "Associated British Foods (ABF) has reported"
        return bool(self.g.results_verb.match(after.lstrip(" ,")))

    def _headline_name(self) -> Entity | None:
        """Where no name has the marks of a company, the first name of the headline, if it has one (in a
        title-case headline, its first word)."""
        title = self._title()
        if not title:
            return None
        if _title_case(self.text[:title]):
            word = re.match(r"\s*([^\W\d_][\w&'’.-]*)", self.text)
            if not word or word.group(1).lower() in self.g.not_names or word.group(1).lower() in NOT_COMPANIES:
                return None
            key = core_key([word.group(1)])
            return self.entities.setdefault(key, Entity(key, _strip(word.group(1))))
        names = [
            e for e in self.entities.values() if any(0 < m.start < title for m in e.mentions) and not e.person
        ]  # (a sentence-case title's first word is capitalised for being first)
        return min(names, key=lambda e: min(m.start for m in e.mentions)) if names else None

    def _owner(self, here, keyword: re.Match[str]):
        """The company whose revenue the words name: right before the revenue word ("Apple revenue",
        "Xiaomi's revenue") or right after it ("revenue of X", "Umsatz von X")."""
        text = self.text
        for mention, entity in here:
            gap_before = text[mention.end : keyword.start()]
            if (
                mention.end <= keyword.start()
                and re.fullmatch(r"(?:['’]s?)?\s+(?:[\w-]+\s+){0,1}", gap_before)
                and (not gap_before.strip(" ’'s") or gap_before.strip().lower() in self.g.group_qualifiers)
            ):
                return mention, entity
            if keyword.end() <= mention.start and self.g.after_keyword_name.match(text[keyword.end() : mention.start]):
                return mention, entity
        return None

    def _attribution(self, chosen, here, clause) -> Attribution:
        mention, entity = chosen
        if entity.unit_of:
            parent = self.entities[entity.unit_of]
            return Attribution((self.name(parent),), unit=entity.display)
        names = [self.name(entity)]
        # "Adidas und Puma jeweils", "both Apple and Alphabet": one figure for each.
        following = [item for item in here if item[0].start > mention.end and item[0].start < clause[1]]
        if following and self.g.each.search(self.text[clause[0] : clause[1]]):
            between = self.text[mention.end : following[0][0].start]
            if re.fullmatch(r"\s*(?:,|and|und|et|&)\s*", between):
                names.append(self.name(following[0][1]))
        return Attribution(tuple(names))
