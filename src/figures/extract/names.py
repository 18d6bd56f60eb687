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
    APPOSITION_ARTICLES,
    CODES,
    COMPANY_SUFFIXES,
    NATIONALITIES,
    NOT_COMPANIES,
    PLACES,
    Grammar,
    slug,
)
from figures.extract.sentences import open_bracket, overlap

_TOKEN = re.compile(r"(?:(?<![\w'’])[dlj]['’](?=[A-ZÀ-Þ]))?([^\W\d_][\w.&'’-]*(?:\+[^\W\d_][\w.&'’-]*)*)|&")
"""A word, without the French article elided before a name ("d'Alibaba" is Alibaba; "L'Oréal" keeps its L')."""
_CONNECTORS = frozenset(["and", "&", "of", "et", "und", "de", "du", "des"])
_LEGAL_LOWER = frozenset(
    "plc inc inc. ltd ltd. co co. corp corp. llc sa s.a. ag se nv n.v. gmbh spa s.p.a. cie".split()  # noqa: SIM905
)
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


class NameFinder:
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

    def _chunks(self, start: int, end: int) -> list[tuple[int, int]]:
        """Runs of capitalised words (a legal form or '&' continuing one; 'and', 'of' joining two where the
        run ends in a legal form), cut at words that never name a company."""
        text = self.text
        tokens = [_Word(match) for match in _TOKEN.finditer(text, start, end)]
        chunks: list[list[_Word]] = []
        current: list[_Word] = []

        def close():
            nonlocal current
            while current and _strip(current[-1].group(0)).lower() in _CONNECTORS:
                current = current[:-1]
            if current:
                chunks.append(current)
            current = []

        for token in tokens:
            word = _strip(token.group(0))
            lower = word.lower()
            # (an elided "d'" inside a run where it makes a place: "Société Générale Côte d'Ivoire")
            gap = text[current[-1].end() : token.start()] if current else ""
            place = f"{_strip(current[-1].group(0))}{gap}{word}".lower().replace("'", "’") if current else ""
            follows = bool(current) and (gap in (" ", "\u00a0") or (gap in (" d'", " d’") and place in PLACES))
            if not follows:
                close()
            if lower in COMPANY_SUFFIXES or word == "&":
                # A legal form continues a name ("Acme plc"); a lower-case "group" does not ("the Swiss group").
                if word[0].isupper() or word == "&" or (current and lower in _LEGAL_LOWER):
                    current.append(token)
                continue
            if lower in _CONNECTORS and current:
                current.append(token)
                continue
            word_text = token.group(0).rstrip(",;:")
            if re.fullmatch(r"[A-Z0-9]{2,6}\.[A-Z]{1,3}", word_text) or (
                re.fullmatch(r"[A-Z0-9]{2,6}", word_text) and re.match(r"\.[A-Z]{1,3}\b", text[token.end() :])
            ):
                close()  # a Reuters code after the name, without brackets: "CCC CCCP.WA", "Moncler MONC.MI"
                continue
            if self.g.code == "de" and current and lower in PLACES and word[:1].isupper():
                current.append(token)  # a name's country: "Kabel Deutschland", "Telekom Austria"
                continue
            if (
                not (word[:1].isupper() or re.match(r"[a-zà-ÿ]{1,4}[A-ZÀ-Þ]", word))  # ("bioMérieux", "eBay": names)
                or (lower in self.g.not_names and not self._before_country(token))
                or self._code_word(word)
                or re.fullmatch(self.g.titles, word, re.I)
                or lower.endswith(
                    (
                        "-parent",
                        "-owner",
                        "-based",
                        "-listed",
                        "-headquartered",
                        "-run",
                        "-owned",
                        "-controlled",
                        "-backed",
                    )
                )
                or re.match(r"[dDlLjJ]['’][a-zà-ÿ]", word)  # "L'entreprise": an elided article and a noun
            ):  # "the Google-parent reported": a description, not a name
                close()
                continue
            if (
                self.g.code == "de"
                and current
                and _strip(current[-1].group(0)) != "&"
                and not self._place_adjective(current)
                and not self._name_adjective(current, start)
                and lower not in self.g.name_words
                and lower not in PLACES  # "Telekom Austria", "Vodafone Deutschland": a name's country
            ):
                # German writes every noun with a capital: a name runs on only through a legal form or '&'.
                close()
            current.append(token)
            if token.group(0).endswith(("'s", "’s")):
                close()  # a possessive ends a name: "India’s Tata Motors", "Apple's App Store"
        close()
        spans = []
        for chunk in chunks:
            spans += self._split_connectors(chunk)
        return [self._lower_case_brand(span) for span in spans]

    def _before_country(self, token: _Word) -> bool:
        """A capitalised common word right before a country opens a name ("Total Sénégal", "Orange Côte
        d'Ivoire")."""
        following = re.match(r" ([A-ZÀ-Þ][\w'’-]+(?: d['’][A-ZÀ-Þ][\w'’-]+)?)", self.text[token.end() :])
        word = _strip(token.group(0))
        return (
            bool(following)
            and word[:1].isupper()
            and len(word) >= 3
            and word.lower() not in self.g.stopwords  # ("À Copenhague", "Dans Paris": a preposition, not a name)
            and following[1].lower().replace("'", "’") in PLACES
        )

    def _opener(self, chunk: tuple[int, int], sentence_start: int) -> bool:
        """A single word that opens its sentence before a comma and stands nowhere else with its capital:
        an adverb ("Ainsi, le chiffre d'affaires", "However, sales"), not a name ("Siemens, the group,")."""
        word = self.text[chunk[0] : chunk[1]]
        if chunk[0] != sentence_start or " " in word or not self.text.startswith(",", chunk[1]):
            return False
        apposition = re.match(  # "Proseware, a young start-up, said": a name and what it is
            rf",\s+{APPOSITION_ARTICLES}(?:\b|(?<=['’]))(?:(?!,\s).){{1,60}},\s",
            self.text[chunk[1] :],
        )
        return not apposition and self._times(re.escape(word)) == 1

    def _times(self, pattern: str) -> int:
        """How often a pattern (a name, escaped) stands in the text as whole words."""
        return len(re.findall(rf"(?<![\w-]){pattern}(?![\w-])", self.text))

    def _place_adjective(self, current: list[_Word]) -> bool:
        """A name's first word that is a place's adjective ("Heidelberger" of "Heidelberger Druck"), not a noun that
        says what the company is ("Hersteller") or a title."""
        word = _strip(current[0].group(0))
        return (
            len(current) == 1
            and bool(self.g.place_adjective.fullmatch(word))
            and word.lower() not in NATIONALITIES
            and not self.g.descriptor_word.fullmatch(word)
            and not re.fullmatch(self.g.titles, word, re.I)
        )

    def _name_adjective(self, current: list[_Word], sentence_start: int) -> bool:
        """(German) An adjective of a country with its capital inside a sentence: German writes adjectives in lower
        case, so the capital makes it part of a name ("der Österreichischen Post", "die Deutsche Bank")."""
        word = _strip(current[0].group(0))
        return (
            len(current) == 1
            and current[0].start() != sentence_start
            and bool(re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?:isch|sch|tsch)(?:e|en|er|es|em)", word))
        )

    def _lower_case_brand(self, span: tuple[int, int]) -> tuple[int, int]:
        """A short capital name runs on into a lower-case word that always follows it ("SK hynix", twice); in French
        a one-word name too ("Pages jaunes", twice, never "Pages" alone)."""
        start, end = span
        name = self.text[start:end]
        following = re.match(r" ([a-zà-ÿ][a-zà-ÿ]{2,})\b", self.text[end : end + 30])
        short = name.isupper() and len(name) <= 4
        french = self.g.code == "fr" and name.istitle() and " " not in name
        if not following or not (short or french) or following.group(1) in self.g.stopwords:
            return span
        pair = re.escape(f"{name} {following.group(1)}")
        alone = self._times(re.escape(name))
        together = self._times(pair)
        return (start, following.end() + end) if together >= 2 and together == alone else span

    def _split_connectors(self, chunk: list[_Word]) -> list[tuple[int, int]]:
        """A run joined by 'and' or 'of' stays whole only where it ends in a legal form ('Indian Railway
        Catering and Tourism Corporation'); else it is several names ('Alphabet, Microsoft and Apple')."""
        words = [_strip(token.group(0)).lower() for token in chunk]
        joints = [i for i, word in enumerate(words) if word in _CONNECTORS - {"&"}]
        # ("KDDI Corp. and SoftBank Corp.": a legal form before the 'and' ends the first name)
        legal_before = any(
            i > 0 and words[i - 1] in COMPANY_SUFFIXES and words[i] in ("and", "et", "und") for i in joints
        )
        if not joints or (words[-1] in COMPANY_SUFFIXES and not legal_before):
            return [(chunk[0].start(), chunk[-1].end())]
        if self._joined_name(chunk, words):
            return [(chunk[0].start(), chunk[-1].end())]
        parts, current = [], []
        for token, word in zip(chunk, words, strict=True):
            if word in _CONNECTORS - {"&"}:
                if current:
                    parts.append((current[0].start(), current[-1].end()))
                current = []
            else:
                current.append(token)
        if current:
            parts.append((current[0].start(), current[-1].end()))
        return parts

    def _joined_name(self, chunk: list[_Word], words: list[str]) -> bool:
        """Two words joined by 'and' that make one name: the connector of another language ("Kaufman and Broad"
        in a French text), or a pair that stands at least twice and whose first word never stands alone
        ("Pierre et Vacances", three times)."""
        joints = [i for i, word in enumerate(words) if word in _CONNECTORS - {"&"}]
        if len(joints) != 1 or joints[0] in (0, len(words) - 1):
            return False
        joint = joints[0]
        return self._pair_is_name(_strip(chunk[joint - 1].group(0)), words[joint], _strip(chunk[joint + 1].group(0)))

    def _pair_is_name(self, left: str, connector: str, right: str) -> bool:
        own = {"en": "and", "fr": "et", "de": "und"}.get(self.g.code)
        if connector in ("and", "et", "und") and connector != own:
            return True
        if connector != own or not left[:1].isupper() or not right[:1].isupper():
            return False
        right = right.split("-")[0]
        together = len(re.findall(rf"(?<![\w-]){re.escape(left)}\s+{connector}\s+{re.escape(right)}(?!\w)", self.text))
        return together >= 2 and together == self._times(re.escape(left))

    @staticmethod
    def _code_word(word: str) -> bool:
        return bool(re.fullmatch(r"(?:Q[1-4]|H[12]|T[1-4]|S[12]|FY\d*|CA|GMV|PIB|BIP|GDP|EBITDA?|EBIT|YoY|QoQ)", word))

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


class _Word:
    """A word of `_TOKEN` as a match of its name part: "d'Alibaba" starts at the A."""

    def __init__(self, match: re.Match[str]) -> None:
        self._span = match.span(1) if match.group(1) else match.span()
        self._text = match.group(1) or match.group(0)

    def start(self) -> int:
        return self._span[0]

    def end(self) -> int:
        return self._span[1]

    def group(self, _: int = 0) -> str:
        return self._text


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


def _strip(word: str) -> str:
    word = re.sub(r"(?<=s)['’]$|['’]s$", "", word)  # "Acme's", "Northwind Traders'"
    if word.endswith((".", ",")) and word.lower().rstrip(",") not in COMPANY_SUFFIXES:
        word = word.rstrip(".,")
    return word
