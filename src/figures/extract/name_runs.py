"""Name runs: where a capitalised run of words starts and stops (a mixin of `names.NameFinder`).

A run goes on through a legal form or '&', through 'and' or 'of' only where it ends in a legal form, through a
country's name after a common word ("Total Sénégal"), through a German capitalised country adjective ("der
Österreichischen Post"); it stops at the language's function words, codes, descriptions ("Munich-based") and, in
German, at the next capitalised noun.
"""

from __future__ import annotations

import re

from figures.extract.language import APPOSITION_ARTICLES, COMPANY_SUFFIXES, NATIONALITIES, PLACES, Grammar

_TOKEN = re.compile(r"(?:(?<![\w'’])[dlj]['’](?=[A-ZÀ-Þ]))?([^\W\d_][\w.&'’-]*(?:\+[^\W\d_][\w.&'’-]*)*)|&")
"""A word, without the French article elided before a name ("d'Alibaba" is Alibaba; "L'Oréal" keeps its L')."""
_CONNECTORS = frozenset(["and", "&", "of", "et", "und", "de", "du", "des"])
_LEGAL_LOWER = frozenset(
    "plc inc inc. ltd ltd. co co. corp corp. llc sa s.a. ag se nv n.v. gmbh spa s.p.a. cie".split()  # noqa: SIM905
)


class NameRuns:
    """The runs of capitalised words of an article (mixed into `NameFinder`)."""

    g: Grammar
    text: str

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


def _strip(word: str) -> str:
    word = re.sub(r"(?<=s)['’]$|['’]s$", "", word)  # "Acme's", "Northwind Traders'"
    if word.endswith((".", ",")) and word.lower().rstrip(",") not in COMPANY_SUFFIXES:
        word = word.rstrip(".,")
    return word
