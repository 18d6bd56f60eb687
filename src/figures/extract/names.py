"""Names: the capitalised runs of an article that may name a company, and where each stands.

A name is a run of capitalised words, continued by a legal form or '&' ("Acme plc", "Hennes & Mauritz"),
joined by 'and' or 'of' only where it ends in a legal form; cut at words that never name a company (the
language's function words, German nouns after an article, codes, places). Names introduced by what they are
("chipmaker Infineon", "der Baustoffkonzern Heidelberg Materials") or joined to it ("voestalpine-Konzern") are
found however they are written; a short capital name runs on into a lower-case word that always follows it
("SK hynix"). `companies.py` weighs the evidence that each is a company and chooses a figure's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from figures.extract.language import (
    CODES,
    COMPANY_SUFFIXES,
    NATIONALITIES,
    NOT_COMPANIES,
    PLACES,
    Grammar,
    slug,
)
from figures.extract.name_runs import _CONNECTORS, NameRuns, _strip
from figures.extract.sentences import open_bracket, overlap

_STRONG = {
    "legal": 3,
    "descriptor": 3,
    "ticker": 3,
    "acronym": 3,
    "reported": 3,
    "reports": 2,
    "owner": 2,
    "employer": 2,
}
_WEAK = {"possessive": 1, "subject": 1, "headline": 1, "lead": 1, "coordinated": 1, "referred": 1, "heading": 1}


def core_key(tokens: list[str]) -> str:
    """A name's key: its words without legal forms, as an ASCII slug.

    >>> core_key(["Loblaw", "Companies", "Ltd"]), core_key(["Bolloré", "Group"]), core_key(["Deere", "&", "Company"])
    ('loblaw_companies', 'bollore', 'deere')
    """
    if len(tokens) > 2 and tokens[-2] == "&" and _strip(tokens[-1]).lower() in ("company", "co", "co.", "cie", "cie."):
        tokens = tokens[:-2]  # "Deere & Company", "Mitsui & Co.": the legal form of the name before it
    core = [token for token in tokens if _strip(token).lower() not in COMPANY_SUFFIXES and token != "&"]
    return slug(" ".join(core)) if core else ""


@dataclass
class NameMention:
    """A capitalised name in the text, which may be a company's."""

    start: int
    end: int
    surface: str
    key: str
    sentence: int


@dataclass
class Entity:
    """Everything the text says of one name: its mentions and the evidence that it is a company."""

    key: str
    display: str
    mentions: list[NameMention] = field(default_factory=list)
    evidence: set[str] = field(default_factory=set)
    person: bool = False
    unit_of: str = ""
    noun: bool = False  # (German) a common noun: most of its mentions follow an article
    place: bool = False  # every mention follows "in": "increases in Ontario and Alberta"
    source: bool = False  # a rating agency, a data provider: it reports on companies, its figures are not its own

    @property
    def score(self) -> int:
        strong = sum(_STRONG.get(item, 0) for item in self.evidence)
        weak = sum(_WEAK.get(item, 0) for item in self.evidence)
        return strong + weak + (len({m.sentence for m in self.mentions}) >= 2)


class NameFinder(NameRuns):
    """Finds an article's names (the first half of `Companies`, which sets the attributes used here)."""

    g: Grammar
    text: str
    sentences: list[tuple[int, int]]
    amount_spans: list[tuple[int, int]]
    entities: dict[str, Entity]
    _unit_spans: list[tuple[int, int]]

    # -- finding names ---------------------------------------------------------------------------------------

    def _find_names(self) -> None:
        described = self._described() + self._compounds() + self._abbreviated()
        # A name of several words once introduced is that name wherever it stands ("Heidelberg Materials" in
        # a German headline, where every noun has a capital and a run of capitals is no name).
        surfaces = {re.sub(r"\s+", " ", self.text[a:b]) for a, b in described if " " in self.text[a:b].strip()}
        surfaces |= self._repeated_pairs()
        repeated = [
            m.span()
            for surface in surfaces
            for m in re.finditer(r"(?<!\w)" + re.escape(surface).replace("\\ ", r"\s+") + r"(?!\w)", self.text)
            if not any(overlap(m.span(), span) for span in described)
        ]
        title = self._title()
        title_case = title and _title_case(self.text[:title])
        for index, (start, end) in enumerate(self.sentences):
            taken = [span for span in described if start <= span[0] < end]
            for span in taken:
                self._add(span[0], span[1], index, evidence="descriptor")
            again = [span for span in repeated if start <= span[0] < end]
            for span in again:
                self._add(span[0], span[1], index)
            for chunk in self._chunks(start, end):
                if any(overlap(chunk, span) for span in taken + again):
                    continue
                if title_case and chunk[0] < title:
                    continue  # "Nestlé Leans On Price Increases": a title-case headline is no run of names
                if self._ticker(chunk) or self._opener(chunk, start):
                    continue
                self._add(chunk[0], chunk[1], index)
        if title_case:  # names of the body that the headline repeats
            headline = self.text[:title]
            for entity in self.entities.values():
                if re.search(rf"(?<!\w){re.escape(entity.display)}(?!\w)", headline):
                    entity.evidence.add("headline")

    def _lead(self) -> int:
        """Where the first name of the article's first sentence (after its headline and dateline) starts."""
        for index, (start, end) in enumerate(self.sentences):
            if start < self._title():
                continue
            if len(re.findall(r"\b[a-zß-ÿ]{3,}\b", self.text[start:end])) < 4:
                continue  # a dateline, a byline: "October 30, 2010 01:27 pm | Updated ... IST - Mumbai"
            names = [m for e in self.entities.values() for m in e.mentions if m.sentence == index]
            return min(m.start for m in names) if names else -1
        return -1

    def _title(self) -> int:
        """The end of the headline (a first line without a full stop), or 0."""
        first_line = self.text.split("\n", 1)[0]
        if len(first_line) < 150 and "\n" in self.text and not re.search(r"[.!?]\s*$", first_line):
            return len(first_line)
        return 0

    def _ticker(self, chunk: tuple[int, int]) -> bool:
        """A ticker in brackets: (NYSE: WMT), (MAKSY.PK, MKS.L), (BOL.PA)."""
        word = self.text[chunk[0] : chunk[1]]
        before = self.text[max(0, chunk[0] - 12) : chunk[0]]
        if word.upper() != word or " " in word:
            return False
        if re.search(r"\(\s*(?:[A-Za-z]+\s*:\s*)?$", before):
            return True
        # After a comma only inside brackets ("(MAKSY.PK, MKS.L)"), not "annual report, BYD generated".
        return bool(re.search(r",\s*$", before)) and open_bracket(self.text, chunk[0], 40) >= 0

    def _compounds(self) -> list[tuple[int, int]]:
        """Names joined to a noun that says what they are ("voestalpine-Konzern", "Henkel-Chef", "H&M-Aktie"),
        and every other place the same name stands (a lower-case brand is found no other way)."""
        pattern = self.g.compound_name
        if pattern is None:
            return []
        names = {m.group("name") for m in pattern.finditer(self.text)}
        names = {name for name in names if name.lower() not in self.g.not_names and (len(name) > 2 or name.isupper())}
        spans = []
        for name in names:
            spans += [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", self.text)]
            spans += [m.span("name") for m in pattern.finditer(self.text) if m.group("name") == name]
        return sorted(set(spans))

    def _repeated_pairs(self) -> set[str]:
        """(German) Two capitalised words that stand together twice or more and never apart, neither a word that
        names nothing ("Hugo Boss" in the headline and the lead): a name, although German capitalises every noun."""
        if self.g.code != "de":
            return set()
        pairs = re.findall(r"(?<![\w-])([A-ZÄÖÜ][\w&-]+ [A-ZÄÖÜ][\w&-]+)(?![\w-])", self.text)
        found = set()
        for pair in {p for p in pairs if pairs.count(p) >= 2}:
            first, second = pair.split(" ")
            if {first.lower(), second.lower()} & self.g.not_names or self.g.descriptor_word.fullmatch(first):
                continue
            alone = self._times(re.escape(second))
            if alone == pairs.count(pair):
                found.add(pair)
        return found

    def _abbreviated(self) -> list[tuple[int, int]]:
        """Names of several capitalised words that an acronym in brackets abbreviates ("Taiwan Semiconductor
        Manufacturing (TSMC)" in a German text, where a run of capitals is otherwise no name)."""
        spans = []
        for match in re.finditer(
            r"((?:[A-Z][\w&.'’-]*\s+){1,5}[A-Z][\w&.'’-]*)\s*\(([A-Z][A-Za-z&]{1,6})\)", self.text
        ):
            words = match.group(1).split()
            for first in range(len(words) - 1):  # the longest run the acronym abbreviates
                run = " ".join(words[first:])
                if _abbreviates(match.group(2), run):
                    spans.append((match.end(1) - len(run), match.end(1)))
                    break
        return spans

    def _described(self) -> list[tuple[int, int]]:
        """Names right after a noun that says what they are ("chipmaker Infineon", "Der Baustoffkonzern
        Heidelberg Materials", "le groupe de luxe Hermès")."""
        spans = []
        for match in self.g.descriptor_name.finditer(self.text):
            if re.search(
                r"(?:\b(?:de|du|des|par|à|au|aux|of|by|von|der)|d['’])\s*$",
                self.text[match.start() : match.start("name")],
            ):
                continue  # "le propriétaire de Cartier", "le groupe détenu par X": a complement, not the company
            introducer = self.text[match.start() : match.start("name")].strip()
            if re.fullmatch(self.g.titles, introducer.split()[0], re.I):
                continue  # "Geschäftsführer Roman Melcher": a title before a person, not a noun before a company
            unit = bool(self.g.unit_word.search(introducer))
            groups = ["name", "name2"]
            if match.group("name2"):
                between = self.text[match.end("name") : match.start("name2")].strip().lower()
                first, second = match.group("name").split()[-1], match.group("name2").split()[0]
                if self._pair_is_name(_strip(first), between, _strip(second)):  # "Pierre et Vacances", one name
                    groups = ["name"]
                    match_span = (match.start("name"), match.end("name2"))
            for group in groups:
                if match.group(group):
                    span = self._name_span(*(match_span if len(groups) == 1 else match.span(group)))
                    if span:
                        span = self._lower_case_brand(span)
                        spans.append(span)
                        if unit:
                            self._unit_spans.append(span)
        return spans

    def _name_span(self, start: int, end: int) -> tuple[int, int] | None:
        """A described name without what is not part of it: a descriptor before it ("Gebäudetechniker
        Burkhalter"), small words after it, the next sentence ("Harley-Davidson. Die Kultmarke")."""
        stop = re.search(r"(?<=[a-zß-ÿ]{4})\.\s", self.text[start:end])  # (not "Inc. said", "Corp. and")
        if stop:
            end = start + stop.start() + 1
        words = list(re.finditer(r"\S+", self.text[start:end]))

        def plain(match):
            return _strip(match.group(0)).lower()

        while (
            words
            and (
                plain(words[-1]) in _CONNECTORS
                or (plain(words[-1]) in self.g.not_names and plain(words[-1]) not in COMPANY_SUFFIXES)
                or re.fullmatch(r"[A-Z0-9]{2,6}\.[A-Z]{1,3}[,;:]?", words[-1].group(0))  # "CCC CCCP.WA": a Reuters code
                or (
                    len(words) > 1
                    and re.fullmatch(r"[A-Z0-9]{2,6}", words[-1].group(0))
                    and re.match(r"\.[A-Z]{1,3}\b", self.text[start + words[-1].end() :])
                )
            )
        ):
            words.pop()
        while words and (
            self.g.descriptor_word.fullmatch(_strip(words[0].group(0))) or plain(words[0]) in NATIONALITIES
        ):
            words.pop(0)
        if not words or plain(words[0]) in self.g.not_names:
            return None
        return start + words[0].start(), start + words[-1].end()

    def _add(self, start: int, end: int, sentence: int, evidence: str = "") -> None:
        text = self.text
        surface = re.sub(r"\s+", " ", text[start:end]).strip()
        surface = re.sub(r"(?<=[sxzß])['’]$|['’]s$", "", surface).rstrip(",")  # "Electrolux' Umsatz"
        words = [_strip(word) for word in surface.split()]
        if not words:
            return
        # (a legal form, or a German country's adjective with its capital, makes the country part of the name)
        national = words[-1].lower() in COMPANY_SUFFIXES
        if self.g.code == "de" and len(words) > 1 and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?:isch|sch|tsch)en", words[0]):
            words[0] = words[0][:-1]  # "der Österreichischen Post": the name is "Österreichische Post"
            national = True
        elif (
            self.g.code == "de"
            and len(words) > 1
            and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?:isch|sch|tsch)e", words[0])
            and re.search(r"[^\s.!?:»«\"„“]\s*$", text[:start])
        ):
            national = True  # inside a sentence German writes an adjective in lower case: "die Deutsche Börse"
        while len(words) > 1 and words[0].lower() in NATIONALITIES and not national and not self._national_name(words):
            start = text.index(words[1], start)  # "Australian JB Hi-Fi": the name is JB Hi-Fi
            words = words[1:]
        if len(words) == 1 and words[0].lower() in NATIONALITIES:
            return
        key = core_key(words)
        plain = key.replace("_", " ")
        # (a common word opens no name, unless a country follows it: "Total Sénégal", "Orange Côte d'Ivoire")
        country = len(words) > 1 and " ".join(words[1:]).lower().replace("'", "’") in PLACES
        if not key or len(key) < 2 or plain in NOT_COMPANIES or (plain.split(" ")[0] in NOT_COMPANIES and not country):
            return
        if " ".join(words).lower() in PLACES:
            return  # "Taiwan", "Ontario" is no company
        if len(words) == 1 and words[0] in CODES:
            return  # "VND", "USD": a currency's code is no company
        if any(overlap((start, end), span) for span in self.amount_spans):
            return  # 'HK' of HK$3 billion, a period ('Auftaktquartal'), a date: not a name
        descriptor = self.g.descriptor_word.fullmatch(words[0]) or (
            self.g.code != "de" and self.g.descriptor_word.fullmatch(words[0].lower())  # "la Société générale ..."
        )
        if len(words) == 1 and descriptor and not self._name_not_noun(words[0]):
            return  # "Baustoffkonzern": what a company is, not its name
        if self._dateline(start, end) or (surface.isupper() and re.match(r"\s*:", text[end:])):
            return  # a dateline; a section heading ("TÉLÉCOMMUNICATIONS:")
        owned = re.search(r"['’]s$", text[start:end])
        if owned and re.match(
            r"\s+(?:Cos?\.|Companies|Inc\b|Corp\b|said\b|says\b|reported\b|reports\b|posted\b|posts\b|ranks\b|\([A-Z]{1,5}\))",
            text[end:],
        ):
            words[-1] += text[end - 2 : end]  # "Lowe’s Cos. Inc.", "Lowe’s said": the name is Lowe’s
            key = core_key(words)
        entity = self.entities.setdefault(key, Entity(key, " ".join(words)))
        longer = len(" ".join(words)) > len(entity.display) and key == core_key(entity.display.split())
        # (a headline's capitals give way to the name as the text writes it: "SOITEC" ... "Soitec")
        cased = entity.display.isupper() and not " ".join(words).isupper() and len(words) == len(entity.display.split())
        if longer or cased:
            entity.display = " ".join(words)
        entity.mentions.append(NameMention(start, end, surface, key, sentence))
        if evidence:
            entity.evidence.add(evidence)

    def _national_name(self, words: list[str]) -> bool:
        """A nationality that is part of the name ("Canadian Tire", twice, never "Tire" alone), not one that
        introduces it ("Australian JB Hi-Fi" ... "JB Hi-Fi")."""
        rest = r"\s+".join(map(re.escape, words[1:]))
        alone = self._times(rest)
        together = self._times(rf"{re.escape(words[0])}\s+{rest}")
        return together >= 2 and together == alone

    def _name_not_noun(self, word: str) -> bool:
        """A German word shaped like a noun that says what a company is ("-bauer", "-händler") but used as a name:
        never after an article, and once the subject of a sentence ("Rosenbauer kann", "Rosenbauer blicke")."""
        if self.g.code != "de" or word.lower() in self.g.not_names:
            return False
        article = rf"\b{self.g.article_or_contraction}\s+(?:[a-zäöüß][\w-]*\s+){{0,2}}"
        if re.search(article + re.escape(word) + r"\b", self.text):
            return False
        return self._times(re.escape(word)) >= 2

    def _dateline(self, start: int, end: int) -> bool:
        """Whether a name opens a line as a dateline: 'GÖTTINGEN (dpa-AFX) -', 'ZURICH, 10 novembre (Reuters)',
        'Zürich –'."""
        line_start = self.text.rfind("\n", 0, start) + 1
        if self.text[line_start:start].strip() or start < self._title():
            return False  # (a headline's "Morrison - full year sales dip" is no dateline)
        after = self.text[end : end + 60]
        dash = re.match(r"\s*(?:,[^()\n]{1,30}?)?\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—]{1,2}|\|)\s", after)
        return bool(dash) or (self.text[start:end].isupper() and bool(re.match(r"\s*[(,]", after)))


def _abbreviates(abbr: str, name: str) -> bool:
    """Whether an abbreviation stands for a name: its capitals, in order, open with the name's initials or the
    name's opening letters ("IRCTC", "ABF", "H&M" for Hennes & Mauritz, "HUL" for Hindustan Unilever; not "SG"
    for Rapperswil-Jona).

    >>> _abbreviates("HUL", "Hindustan Unilever"), _abbreviates("SG", "Rapperswil-Jona")
    (True, False)
    """
    letters = [c for c in abbr if c.isalpha()]
    if abbr.upper() != abbr or len(letters) < 2:
        return False
    # (an elided article opens no word of its own: "Côte d'Ivoire" is C, I)
    words = [w for w in re.split(r"[\s&-]+|\b[dl]['’]", name) if w and w.lower() not in _CONNECTORS]
    initials = "".join(w[0].upper() for w in words)
    return initials.startswith("".join(letters)[: len(initials)]) or "".join(letters).startswith(initials)


def _title_case(line: str) -> bool:
    """Whether a headline capitalises its words ("Nestlé Leans On Price Increases For Organic Growth")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.6 * len(words)
