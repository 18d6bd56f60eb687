"""Sentences and clauses: where an article's figures stand, as offsets into its text."""

from __future__ import annotations

import re
from itertools import pairwise

from figures.extract.language import ABBREVIATIONS, AFTER_ORDINAL

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets: at . ! ? before a capital or a digit (not after an abbreviation
    such as Inc. or Mrd.), at blank lines, and at a line break after a short line (a title, a dateline)
    or after a full stop.

    >>> text = "Acme Inc. said revenue rose 5% to $3.2 billion. Profit fell.\\nShort title\\nNext one."
    >>> [text[start:end] for start, end in split_sentences(text)]
    ['Acme Inc. said revenue rose 5% to $3.2 billion.', 'Profit fell.', 'Short title', 'Next one.']
    """
    cuts = {0, len(text)}
    for match in re.finditer(r"[.!?…]+[\"»”’)]*(\s+)(?=[\"«“(]?[^\W_a-zß-ÿ])", text):
        before = re.search(r"([\w.]+)[.]$", text[: match.start() + 1])
        word = before.group(1).lower() if before else ""
        if text[match.start()] == "." and (word in ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"\w\.\w", word)):
            continue
        following = re.match(r"[\"«“(]?(\w+)", text[match.end() :])
        if word.isdigit() and len(word) <= 2 and following and following.group(1).lower() in AFTER_ORDINAL:
            continue  # "per 31. März", "im 4. Quartal": an ordinal's full stop
        cuts.add(match.start(1))
    # Glued by a missing space: "précédent.Le chiffre", "memory (HBM).The Korean", "in 2023.Annual sales"
    for match in re.finditer(r"(?:(?<=[a-zß-ÿ]{3})|(?<=[A-Z]{2}\))|(?<=\d{4}))[.!?](?=[A-ZÀ-Ý][a-zß-ÿ])", text):
        cuts.add(match.end())
    lines = text.split("\n")
    position = 0
    for number, line in enumerate(lines[:-1]):
        end = position + len(line)
        following = lines[number + 1]
        headline = number == 0 and len(line.strip()) < 150 and following[:1].isupper()
        # A hard-wrapped line (wire copy: "posted on Monday a\nhigher-than-expected 8.3 percent rise") runs on
        # into a next line that opens in lower case or with a number.
        wrapped = bool(re.match(r"[a-zß-ÿ0-9(]", following.lstrip())) and not re.search(r"[.!?:;»\"”]\s*$", line)
        if (
            headline
            or not line.strip()
            or not following.strip()
            or (len(line.strip()) < 60 and not wrapped)
            or re.search(r"[.!?:»\"”]\s*$", line)
        ):
            cuts.add(end)
        position = end + 1
    ordered = sorted(cuts)
    spans = []
    for start, end in pairwise(ordered):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def clauses(breaks: re.Pattern[str], start: int, end: int, text: str) -> list[tuple[int, int]]:
    """A sentence's clauses as (start, end) offsets, cut at the language's clause breaks (';', 'while', 'mais').

    >>> text = "Sales rose; profit fell."
    >>> [text[a:b] for a, b in clauses(re.compile(";"), 0, len(text), text)]
    ['Sales rose', '; profit fell.']
    """
    cuts = [start] + [m.start() for m in breaks.finditer(text, start, end)] + [end]
    return list(pairwise(cuts))


def open_bracket(text: str, position: int, reach: int) -> int:
    """Where the bracket still open at `position` opened, looking back `reach` characters; -1 if none.

    >>> open_bracket("Henkel (Persil, Pritt)", 16, 60), open_bracket("Henkel (Persil) and Pritt", 20, 60)
    (7, -1)
    """
    opening = text.rfind("(", max(0, position - reach), position)
    return opening if opening >= 0 and ")" not in text[opening:position] else -1


def overlap(a, b) -> bool:
    """Whether two spans ((start, end) or matches) share a character."""
    a_start, a_end = a.span() if isinstance(a, re.Match) else a
    b_start, b_end = b.span() if isinstance(b, re.Match) else b
    return a_start < b_end and b_start < a_end


def clause_of(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The clause that holds `position` (the last one past the end)."""
    for start, end in clauses:
        if start <= position < end:
            return start, end
    return clauses[-1]


def same_clause(clauses, a: int, b: int) -> bool:
    return clause_of(clauses, a) == clause_of(clauses, b)


def clean(text: str) -> str:
    """Text on one line: control characters and runs of white space made one space."""
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", text)).strip()
