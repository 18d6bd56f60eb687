"""Companies: the names an article gives, and which company a figure belongs to."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from figures.extract.language import COMPANY_SUFFIXES, Grammar, slug
from figures.extract.sentences import overlap

_TOKEN = re.compile(r"[^\W\d_][\w.&-]*(?:['’]s\b)?|&")


@dataclass
class Candidate:
    """A name in a sentence that may be a company's."""

    start: int
    end: int
    surface: str
    key: str
    initial: bool
    possessive: bool = False


@dataclass(frozen=True)
class KnownCompany:
    name: str
    year_end: tuple[int, int] | None


@cache
def _reported_file(path: str, mtime: float) -> dict[str, KnownCompany]:
    companies: dict[str, KnownCompany] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
    except (OSError, UnicodeDecodeError, csv.Error):
        return companies
    for row in rows:
        name = (row.get("company") or "").strip()
        if not name:
            continue
        key = core_key(name.split())
        year_end = companies[key].year_end if key in companies else None
        try:
            start = dt.date.fromisoformat(row.get("period_start", ""))
            end = dt.date.fromisoformat(row.get("period_end", ""))
        except ValueError:
            start = end = None
        twelve_months = bool(start and end) and 360 <= (end - start).days <= 370
        if row.get("metric") == "revenue" and not row.get("component") and twelve_months:
            year_end = (end.month, end.day)
        companies[key] = KnownCompany(name, year_end)
    return companies


def reported_companies(reported: str | Path | bool | None) -> dict[str, KnownCompany]:
    if reported is False:
        return {}
    if reported is None or reported is True:
        from figures.paths import REPORTED_FIGURES

        reported = REPORTED_FIGURES
    path = Path(reported)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return {}  # no reported figures: no company's name or fiscal calendar is known
    return _reported_file(str(path.resolve()), mtime)


def core_key(tokens: list[str]) -> str:
    core = [token for token in tokens if token.lower() not in COMPANY_SUFFIXES and token != "&"]
    return slug(" ".join(core)) if core else ""


class Companies:
    """The company names of an article, sentence by sentence, and the choice of a figure's company."""

    def __init__(
        self,
        g: Grammar,
        text: str,
        sentences: list[tuple[int, int]],
        amount_spans: list[tuple[int, int]],
        reported: dict[str, KnownCompany],
    ) -> None:
        self.g, self.text, self.amount_spans, self.reported = g, text, amount_spans, reported
        self.candidates = [self._candidates(start, end) for start, end in sentences]
        self.names = self._display_names()

    def _candidates(self, start: int, end: int) -> list[Candidate]:
        text, g = self.text, self.g
        tokens = list(_TOKEN.finditer(text, start, end))
        groups: list[list[re.Match[str]]] = []
        for token in tokens:
            word = token.group(0)
            follows = bool(groups and groups[-1]) and text[groups[-1][-1].end() : token.start()] in (" ", "\u00a0")
            # A legal form in lower case ('plc') or an '&' continues a name; it never starts one.
            if word[0].isupper() or (follows and (_strip_word(word).lower() in COMPANY_SUFFIXES or word == "&")):
                if follows:
                    groups[-1].append(token)
                else:
                    groups.append([token])
            else:
                groups.append([])
        found = []
        first_token = tokens[0].start() if tokens else start
        for group in groups:
            for chunk in self._chunks(group):
                words = [_strip_word(t.group(0)) for t in chunk]
                key = core_key(words)
                if not key or len(key) < 2:
                    continue
                if any(overlap((chunk[0].start(), chunk[-1].end()), span) for span in self.amount_spans):
                    continue  # 'HK' of HK$3 billion, 'CHF' of CHF 2 billion: a currency, not a name
                if re.search(
                    r"\(\s*(?:[A-Za-z]+\s*:\s*)?$", text[max(start, chunk[0].start() - 12) : chunk[0].start()]
                ) and all(word.isupper() for word in words):
                    continue  # a ticker: (NYSE: BABA), (BOL.PA)
                surface = " ".join(words)
                possessive = bool(re.search(r"['’]s$", chunk[-1].group(0)))
                initial = chunk[0].start() == first_token
                found.append(Candidate(chunk[0].start(), chunk[-1].end(), surface, key, initial, possessive))
        if g.code == "de":
            keys = {c.key for c in found}
            for candidate in found:
                if candidate.key.endswith("s") and candidate.key[:-1] in keys:
                    candidate.key = candidate.key[:-1]
        return found

    def _chunks(self, group: list[re.Match[str]]) -> list[list[re.Match[str]]]:
        chunks: list[list[re.Match[str]]] = [[]]
        for token in group:
            word = _strip_word(token.group(0))
            lower = word.lower()
            if lower in COMPANY_SUFFIXES or word == "&":
                if chunks[-1] or word[0].isupper():  # 'Groupe Bolloré', 'Bolloré Group', never 'groupe Bolloré'
                    chunks[-1].append(token)
            elif lower in self.g.not_names or re.fullmatch(
                r"(?:Q[1-4]|H[12]|T[1-4]|S[12]|FY\d*|CA|GMV|PIB|BIP|GDP|EBITDA?)", word
            ):
                chunks.append([])
            elif self.g.code == "de" and chunks[-1] and chunks[-1][-1].group(0) != "&":
                # German writes every noun with a capital: a name is one word (with its legal form or an '&').
                chunks.append([token])
            else:
                chunks[-1].append(token)
        cleaned = []
        for chunk in chunks:
            while chunk and chunk[-1].group(0) == "&":
                chunk = chunk[:-1]
            while chunk and chunk[0].group(0) == "&":
                chunk = chunk[1:]
            if chunk:
                cleaned.append(chunk)
        return cleaned

    def _display_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for sentence in self.candidates:
            for candidate in sentence:
                current = names.get(candidate.key)
                if current is None or len(candidate.surface.split()) > len(current.split()):
                    names[candidate.key] = candidate.surface
        for key in names:
            if key in self.reported:
                names[key] = self.reported[key].name
        return names

    def company(self, index: int, start: int, end: int, keyword: re.Match[str], figure: object) -> tuple[str, str]:
        candidates = self.candidates[index]
        text = self.text
        if keyword.start() < figure.start:
            for candidate in candidates:
                if keyword.end() <= candidate.start < figure.start and self.g.after_keyword_name.match(
                    text[keyword.end() : candidate.start]
                ):
                    return self.names[candidate.key], ""
        anchor = min(keyword.start(), figure.start)
        before = [c for c in candidates if c.end <= anchor]
        if before:
            chosen = before[-1]
            flag = ""
            if chosen.initial and not self._seen_elsewhere(chosen):
                flag = f"company taken from the first word of the sentence (“{chosen.surface}”)"
            return self.names[chosen.key], flag
        after = [c for c in candidates if c.start >= figure.end]
        if after:
            return self.names[after[0].key], ""
        for earlier in reversed(self.candidates[:index]):
            if earlier:
                name = self.names[earlier[-1].key]
                return name, f"company inferred from context (the last one named before: {name})"
        return "", ""

    def _seen_elsewhere(self, chosen: Candidate) -> bool:
        """Whether a name that opens its sentence (where every word has a capital) is known as a name:
        written with a legal form, written elsewhere within a sentence, or among the reported companies."""
        if chosen.key in self.reported or chosen.possessive or len(chosen.surface.split()) > 1:
            return True
        return any(c.key == chosen.key and not c.initial for sentence in self.candidates for c in sentence)

    # -- periods -----------------------------------------------------------------------------------------------


def _strip_word(word: str) -> str:
    word = re.sub(r"['’]s$", "", word)
    if word.endswith(".") and word.lower() not in COMPANY_SUFFIXES:
        word = word.rstrip(".")
    return word
