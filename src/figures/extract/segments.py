"""Segments: whether a revenue word names the group's revenue or a part's (a division, a product, a region).

"Cloud computing revenue", "Food revenue", "sales in the Asian market", "le chiffre d'affaires de sa division
logistique", "Cloud-Umsatz": each is a segment's, listed on the review page and left out of the draft (the
claims format has no component column). "Total revenue", "Group net sales", "Konzernumsatz" are the group's.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

from figures.extract.language import Grammar, table
from figures.extract.sentences import clause_of, clean


@cache
def _rules(lang: str) -> tuple:
    segments = table(lang)["segments"]
    places = {name.lower() for name in Locale.parse(table(lang)["locale"]).territories.values()}
    regions = sorted(places | set(segments["regions"].split()), key=len, reverse=True)
    region = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in regions)
    region_after = re.compile(segments["region_after"].replace("<<region>>", region), re.IGNORECASE | re.VERBOSE)
    region_before = re.compile(
        rf"(?:^|[,;:]\s*)(?:in|en|im|au|aux|à)\s+(?:the\s+|la\s+|le\s+|l['’]|les\s+)?(?:{region})\s*,[^,;]*$"
        # ("Le groupe enregistre en France un CA de 1,37 milliard": the place right before the revenue word)
        rf"|\b(?:in|en|im|au|aux)\s+(?:the\s+|la\s+|le\s+|l['’]|les\s+)?(?:{region})\s+"
        rf"(?:un|une|le|la|son|sa|a|an|its|the|einen|einem|den|seinen)\s+$",
        re.IGNORECASE,
    )
    marker = re.compile(segments["marker_before"], re.IGNORECASE | re.VERBOSE)
    clause_start = re.compile(segments["segment_clause"], re.IGNORECASE | re.VERBOSE)
    subject = re.compile(segments["segment_subject"], re.IGNORECASE | re.VERBOSE)
    return frozenset(segments["not_modifiers"].split()), region_after, region_before, marker, clause_start, subject


def segment_of(g: Grammar, text: str, keyword: re.Match[str], start: int, clauses, companies) -> str:
    """The segment a revenue word is about, or "" for the group's revenue.

    `companies` are the spans of company names in the sentence: a capitalised word before the revenue word
    that is one of them names the group ("Apple revenue"); any other names a part ("Food revenue").

    >>> from figures.extract.language import grammar
    >>> g = grammar("en")
    >>> text = "Revenue from international markets grew 34.7 per cent."
    >>> segment_of(g, text, g.revenue.search(text), 0, [(0, len(text))], [])
    'international markets'
    >>> text = "Food revenue was up 3.9%."
    >>> segment_of(g, text, g.revenue.search(text), 0, [(0, len(text))], [])
    'Food'
    """
    not_modifiers, region_after, region_before, marker_before, clause_start, subject = _rules(g.code)
    word = keyword.group(0)
    if g.code == "de" and re.search(r"(?i)ums[aä]tz|erlös", word):  # a compound ("Konzernumsatz"), not "setzte"
        prefix = re.split(r"(?i)ums[aä]tz|erlös", word)[0]
        hyphenated = re.search(r"(\w+)-$", text[max(start, keyword.start() - 40) : keyword.start()])
        if hyphenated and not prefix:
            prefix = hyphenated.group(1)
        if prefix.rstrip("-") and prefix.rstrip("-").lower() not in g.group_qualifiers:
            return prefix.rstrip("-")
    after = text[keyword.end() : keyword.end() + 80]
    found = g.segment_after.match(after)
    if found:
        words = clean(next((v for k, v in found.groupdict().items() if v), "")).split()
        while len(words) > 1 and (words[-1].lower() in g.not_names or len(words[-1]) <= 2):
            words.pop()
        return " ".join(words)
    adjective = re.match(
        r"\s+(?P<adjective>[a-zàâçéèêëîïôûùüÿœ]+(?:aires?|iques?|elles?|els?|aux|al|ales?|iens?|iennes?)|export)\b",
        after,
    )
    if g.code == "fr" and adjective and adjective.group("adjective") not in g.group_qualifiers:
        return adjective.group("adjective")  # "recettes publicitaires": advertising's, not the group's
    region = region_after.match(after)
    if region:
        return clean(region.group(0)).split(" ", 1)[-1]
    clause = clause_of(clauses, keyword.start())
    before = text[clause[0] : keyword.start()]
    # (a part of the group as subject stands before the revenue word or right after it, not in a later aside:
    # "son chiffre d'affaires a augmenté de 4%, avec notamment des performances solides pour ses filiales")
    near = text[clause[0] : min(clause[1], keyword.end() + 60)]
    region = region_before.search(before) or clause_start.search(before) or subject.search(near)
    if region:
        return clean(region.group(0)).strip(",; ")
    marker = marker_before.search(before)
    if marker:
        return clean(marker.group(1))
    # (a brand may open in lower case: "iPad revenue fell")
    capitalised = re.search(
        r"(?<![\w'’])((?:(?:[A-Z]|[a-z][A-Z])[\w&.-]*\s+){1,3})(?:['’]s?\s+)?(?:[\w-]+\s+)?$", before
    )
    if capitalised and g.code == "en":
        name = capitalised.group(1).strip()
        name_start = clause[0] + capitalised.start(1)
        first = name.split()[0].lower()
        is_company = any(a <= name_start < b for a, b in companies)
        months = all(word.lower().rstrip(".") in g.months for word in re.split(r"[\s–-]+", name) if word)
        if not is_company and not months and first not in g.group_qualifiers and first not in g.not_names:
            return name
    if g.code == "en":
        words = []
        for token in reversed(re.findall(r"\S+", before)[-3:]):
            if not re.fullmatch(r"[a-z][a-z-]*", token) or _not_modifier(g, token, not_modifiers):
                break
            words.insert(0, token)
        return " ".join(words)
    return ""


def _not_modifier(g: Grammar, token: str, not_modifiers: frozenset[str]) -> bool:
    return token in g.not_names or token in g.group_qualifiers or token in not_modifiers or token.endswith(("ed", "ly"))
