"""Companies: the names an article gives, which of them are companies, and which company a figure belongs to.

News introduces a company in a few ways, the same in every language: with its legal form ("Symrise AG",
"Loblaw Companies Ltd"), after a noun that says what it is ("chipmaker Infineon", "le géant du luxe
Hermès", "der Baustoffkonzern Heidelberg Materials"), with its ticker or acronym ("(IRCTC)", "(NYSE: WMT)"),
as the subject of a results verb ("Nike reported"), or as the owner of shares or sales ("Apple's shares"). A
capitalised word with none of these (a sentence's first word, a German noun, a person, a place, a news agency)
is not a company. Later sentences refer back ("the group", "der Konzern", "le groupe") to the company last named.
A name that extends a company's name without being introduced as one ("Walmart International") is a unit.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from figures.extract.company_choice import CompanyChoice
from figures.extract.language import (
    APPOSITION_ARTICLES,
    COMPANY_SUFFIXES,
    NATIONALITIES,
    NATIONALITY_CURRENCIES,
    Grammar,
    slug,
)
from figures.extract.name_runs import _CONNECTORS, _strip
from figures.extract.names import _STRONG, Entity, NameFinder, NameMention, _abbreviates, core_key
from figures.extract.sentences import open_bracket


@dataclass(frozen=True)
class KnownCompany:
    """A company of the reported figures: its name as written there and its fiscal year end."""

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
    """The companies of a reported-figures file (default: data/reported_figures.csv; False for none)."""
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


_GROUP_WORDS = frozenset(["group", "gruppe", "groupe", "holding", "holdings", "konzern"])
"""Last words that make a name a group's: never a unit of a shorter name that shares its first word."""


class Companies(NameFinder, CompanyChoice):
    """The company names of an article, and the choice of a figure's company."""

    def __init__(
        self,
        g: Grammar,
        text: str,
        sentences: list[tuple[int, int]],
        amount_spans: list[tuple[int, int]],
        reported: dict[str, KnownCompany],
    ) -> None:
        self.g, self.text, self.sentences, self.reported = g, text, sentences, reported
        self.amount_spans = amount_spans
        self.entities: dict[str, Entity] = {}
        self.aliases: dict[str, str] = {}
        self._unit_spans: list[tuple[int, int]] = []  # names introduced as a part: "its subsidiary Jaguar Land Rover"
        self._find_names()
        self._weigh()

    # -- weighing the evidence -------------------------------------------------------------------------------

    def _weigh(self) -> None:
        text, g = self.text, self.g
        title_end = self._title()
        lead = self._lead()
        for entity in self.entities.values():
            entity.place = all(
                re.search(
                    # ("Hella aus Lippstadt", "mit Stammsitz in Lippstadt", "basé à Abidjan", "based in Cavan")
                    r"(?:^|\s)(?:in|en|au|aux|im|in\s+der|across|aus|à|from)\s+(?:\w+\s+and\s+|\w+,\s+)?$",
                    text[max(0, m.start - 30) : m.start],
                )
                for m in entity.mentions
            )
            words = entity.display.split()
            if any(_strip(word).lower() in COMPANY_SUFFIXES for word in words[1:]) or (
                len(words) > 1 and words[0].lower() in ("groupe", "gruppe")
            ):
                entity.evidence.add("legal")
            if entity.key in self.reported:
                entity.evidence.add("reported")
            for mention in entity.mentions:
                after = text[mention.end : mention.end + 80]
                before = text[max(0, mention.start - 60) : mention.start]
                # A ticker names its exchange or market: (NYSE: WMT), (MAKSY.PK, MKS.L), (BOL.PA).
                if re.match(
                    r"\s*\((?:[A-Z]+\s*:\s*[A-Z0-9]{1,6}|[A-Z0-9]{1,6}\.[A-Z]{1,3})(?:[,;)]|\s*,)", after
                ) or re.match(r"\s+[A-Z0-9]{2,6}\.[A-Z]{1,3}\b", after):
                    entity.evidence.add("ticker")
                acronym = re.match(r"\s*\((?P<abbr>[A-Z][A-Za-z&]{1,6})(?:[,)]| ?,)", after)
                if acronym and _abbreviates(acronym.group("abbr"), entity.display):
                    self.aliases[slug(acronym.group("abbr"))] = entity.key  # "Hennes & Mauritz (H&M)", "(IRCTC)"
                    entity.evidence.add("acronym")
                tail = text[mention.end - 2 : mention.end]  # "Apple's", "Coles'" (the apostrophe in the mention)
                apostrophe_at = mention.end - 2 if tail in ("'s", "’s") else mention.end - (tail[-1:] in ("'", "’"))
                if re.match(r"['’]s?\s+(?:[\w-]+\s+)?(?:" + g.business_nouns + r")\b", text[apostrophe_at:]):
                    entity.evidence.add("possessive")
                verb = re.sub(r"^\s*\([^()]{1,60}\)", "", after).lstrip(" ,")  # "Associated British Foods (ABF) has"
                # ("Givaudan itself posted")
                verb = re.sub(r"^(?:itself|themselves|lui-même|elle-même|selbst)\s+", "", verb)
                # "The catering arm of Indian Railways had reported": the arm reported, not the railways.
                own = re.split(r"\n|[.!?]\s", before)[-1]  # (the words before it in its own sentence)
                complement = (
                    re.search(r"\b(?:of|von|des|du|de\s+la|de)\s+(?:\w+\s+)?$", own)
                    or g.preposition_before.search(own)
                    or g.led_by.search(own)  # "La firme dirigée par X a enregistré": the firm did
                    or g.owned_by.search(own)  # "The carrier, controlled by X, reported": the carrier did
                    # "Le propriétaire de Cartier, Piaget et IWC a affiché": the owner did, not IWC
                    or re.search(
                        r"\b(?:of|von|des|du|de|d['’])\s*(?:[\w&'’-]+\s+){0,3}[\w&'’-]+"
                        r"(?:\s*,\s*(?:[\w&'’-]+\s+){0,2}[\w&'’-]+)*\s+(?:et|and|und)\s+$",
                        own,
                    )
                ) or (
                    # "SK hynix, a key memory chip supplier to Nvidia, achieved": the supplier achieved
                    re.search(rf",\s+{APPOSITION_ARTICLES}\s+[^,.]{{0,60}}$", before) and after.startswith(",")
                )
                if (g.results_verb.match(verb) and not complement) or g.speaker_before.search(before):
                    entity.evidence.add("subject")  # "Acme reported", "teilte Henkel mit", "said Apple"
                if g.code == "de" and self._german_subject(mention, after):
                    entity.evidence.add("subject")  # "Nvidia liefert die Technik", "Freenet muss ... hinnehmen"
                if g.reports_verb.match(verb) and not complement:
                    entity.evidence.add("reports")  # "Tailspin Toys posted", "a réalisé", "erzielte"
                appositive = re.match(rf",\s+{APPOSITION_ARTICLES}(?:\s+|(?<=['’]))(?:[\w'’-]+\s+){{0,3}}", after)
                titled = appositive and re.search(r"\b(?:" + g.titles + r")\b", after[: appositive.end() + 30], re.I)
                if (
                    appositive
                    and not titled
                    and g.descriptor_word.match(after[appositive.end() :].split(",")[0].split(" ")[0])
                ):
                    entity.evidence.add("descriptor")  # "Adventure Works, the Swiss group, said"
                if re.search(
                    r"\b(?:" + g.titles + r")(?:\s+(?:général|générale|exécutif|financier|executive|officer))?\s+"
                    r"(?:de\s+|d['’]|du\s+|of\s+|von\s+|bei\s+)$",
                    before,
                    re.IGNORECASE,
                ):
                    entity.evidence.add("employer")  # "Directeur Général d'Orpea", "chief executive of Acme"
                if g.owner_before.search(before):
                    entity.evidence.add("owner")  # "Chez Apple, l'insolent chiffre d'affaires est de ..."
                owner = list(g.revenue.finditer(text, max(0, mention.start - 80), mention.start))
                if owner and g.after_keyword_name.match(text[owner[-1].end() : mention.start]):
                    entity.evidence.add("owner")  # "le chiffre d'affaires de Sodexo", "revenue of X"
                possessed = text[apostrophe_at:]
                gaps = [re.match(pattern, possessed) for pattern in (r"['’]s?\s+", r"['’]s?\s+[\w-]+\s+")]
                if any(gap and g.revenue.match(possessed, gap.end()) for gap in gaps):
                    entity.evidence.add("owner")  # "Litware's revenue", "Xiaomi’s total revenue"
                if mention.start < title_end:
                    entity.evidence.add("headline")  # (a title-case headline's names were marked above)
                if mention.start == lead:
                    entity.evidence.add("lead")
                following = mention.sentence + 1
                if (
                    following < len(self.sentences)
                    and g.anaphora.match(self.text, self.sentences[following][0])
                    and mention.start != self.sentences[mention.sentence][0]
                    and re.fullmatch(r"[.!?]?", text[mention.end : self.sentences[mention.sentence][1]].strip())
                ):  # the last words of its sentence: "Wachstum verzeichnete auch Coca-Cola. Der Getränkekonzern"
                    entity.evidence.add("referred")
                if g.source_name.search(before[-40:] + mention.surface):
                    entity.source = True  # "L'agence de notation ouest-africaine West Africa Rating Agency (WARA)"
                line_start = text.rfind("\n", 0, mention.start) + 1
                line_end = text.find("\n", mention.end)
                if (
                    line_start > 0
                    and text[line_start : line_end if line_end >= 0 else len(text)].strip() == mention.surface
                ):
                    entity.evidence.add("heading")  # a section of the article headed by the name alone ("Glanbia")
                if self._person(mention, before, after):
                    entity.person = True
        for entity in list(self.entities.values()):
            words = [w for w in entity.display.split() if _strip(w).lower() not in _CONNECTORS]
            initials = "".join(w[0] for w in words if w[0].isupper())
            core = "".join(w[0] for w in words if w[0].isupper() and _strip(w).lower() not in COMPANY_SUFFIXES)
            abbreviations = {abbr for abbr in (initials, core, core + "L", core + "C") if len(abbr) >= 2}
            for other in list(self.entities.values()):
                letters = re.sub(r"[^A-Za-z]", "", other.display)
                short = other.display.isupper() and (len(letters) >= 3 or "&" in other.display)
                if other is not entity and short and letters in abbreviations and len(words) >= 2:
                    self.aliases.setdefault(other.key, entity.key)  # "IRCTC", "P&G", "HUL"
        if g.code == "de":
            article = re.compile(
                rf"\b{g.article_or_contraction}\s+"
                r"(?:[a-zäöüß][\w-]*\s+){0,2}$"  # (lowercase adjectives between: "der neue")
            )
            # (or an inflected adjective without one: "unter coronabedingten Einbussen", "massive Einbussen"; not
            # a verb in the past before its subject: "verkaufte Lindt")
            adjective = re.compile(
                r"(?<![\w-])(?!(?:aber|oder|über|unter|hinter|wieder|zwischen|gegen|wegen|neben)\s)"
                r"[a-zäöüß]{4,}(?<!t)(?:e|en|er|es|em)\s+$|[a-zäöüß]{4,}ten\s+$"
            )
            for entity in self.entities.values():
                after_article = sum(
                    bool(
                        article.search(text[max(0, m.start - 40) : m.start]) or adjective.search(text[: m.start][-40:])
                    )
                    for m in entity.mentions
                )
                entity.noun = " " not in entity.display and (
                    2 * after_article >= len(entity.mentions)
                    or entity.display.lower().endswith(g.noun_endings)  # "Verschlechterung", "Gesamtentwicklung"
                )
        for entity in list(self.entities.values()):  # "Macy's (M) reports" ... "Macy's revenue": one company
            whole = [o for o in self.entities.values() if o.display in (entity.display + "'s", entity.display + "’s")]
            if whole and entity.key in self.entities:
                whole[0].mentions += entity.mentions
                whole[0].evidence |= entity.evidence
                del self.entities[entity.key]
        for abbr, key in self.aliases.items():
            if abbr in self.entities and abbr != key:
                self.entities[key].mentions += self.entities[abbr].mentions
                self.entities[key].evidence |= self.entities[abbr].evidence
                del self.entities[abbr]
        strong = {e.key for e in self.entities.values() if _STRONG.keys() & e.evidence}
        for entity in self.entities.values():
            # "Adidas und Puma", "Nike and Under Armour": named beside a company, as one.
            for mention in entity.mentions:
                around = [
                    other
                    for other in self.entities.values()
                    if other.key in strong and other is not entity
                    for m in other.mentions
                    if re.fullmatch(
                        r"\s*(?:und|and|et|&|,)\s*", text[min(m.end, mention.end) : max(m.start, mention.start)]
                    )
                ]
                if around:
                    entity.evidence.add("coordinated")
        accepted = [entity for entity in self.entities.values() if self._accepted(entity)]
        introduced = {"legal", "descriptor", "ticker", "acronym", "reported"}
        for entity in [e for e in self.entities.values() if "_" not in e.key and not e.person]:
            longer = [other for other in accepted if other.key.startswith(entity.key + "_")]
            if entity in accepted:
                # "BYD generated" beside "BYD Company Limited", "LG expects" beside "LG Electronics Inc.": the
                # short name is the one company introduced by its full name (never a unit named like it).
                if introduced & entity.evidence:
                    continue
                longer = [other for other in longer if "legal" in other.evidence]
            if len(longer) == 1:  # "Samsung disclosed" after "Samsung Electronics reported"
                longer[0].mentions += entity.mentions
                longer[0].evidence |= entity.evidence - {"headline", "lead"}
                del self.entities[entity.key]
            elif not longer and entity not in accepted:
                # "Lindt: 2025 growth ..." over "Lindt & Sprüngli records ...": neither attested enough alone, one
                # company named short in the headline and in full in the lead.
                full = [
                    o
                    for o in self.entities.values()
                    if o.key.startswith(entity.key + "_") and not (o.person or o.place or o.unit_of)
                ]
                if len(full) == 1 and "headline" in entity.evidence and "lead" in full[0].evidence:
                    full[0].mentions += entity.mentions
                    full[0].evidence |= entity.evidence
                    del self.entities[entity.key]
        accepted = [entity for entity in self.entities.values() if self._accepted(entity)]
        unit_starts = {start for start, _ in self._unit_spans}
        for entity in accepted:  # "Henkel (Persil, Pritt, Schwarzkopf)", "Ce groupe, présent ... (BFM TV)"
            for mention in entity.mentions:
                opening = open_bracket(text, mention.start, 60)
                if opening < 0:
                    continue
                owners = [
                    o
                    for o in accepted
                    if o is not entity and any(m.end <= opening and opening - m.end < 150 for m in o.mentions)
                ]
                if owners:
                    unit_starts.add(mention.start)
        for entity in accepted:
            if any(m.start in unit_starts for m in entity.mentions):
                first = min(m.start for m in entity.mentions if m.start in unit_starts)
                parents = [e for e in accepted if e is not entity and any(m.start < first for m in e.mentions)]
                # (not the article's own subject: "Samsung Biologics Co., the biotech arm of South Korea's Samsung
                # Group, said Friday its 2022 net income")
                lead_subject = "lead" in entity.evidence and {"subject", "reports"} & entity.evidence
                if parents and not lead_subject:  # "India's Tata Motors ... its British subsidiary Jaguar Land Rover"
                    entity.unit_of = max(parents, key=lambda e: e.score).key
        for entity in accepted:
            if entity.unit_of or (_STRONG.keys() & entity.evidence - {"headline"} and "descriptor" in entity.evidence):
                continue
            for other in accepted:
                if other is entity or "legal" in entity.evidence or not (_STRONG.keys() & other.evidence):
                    continue
                first = other.key.split("_")[0]
                # (a country's adjective opens a name it is not part of the unit's: "Deutsche Lufthansa" ...
                # "Lufthansa Cargo")
                words = other.display.split()
                core = core_key(words[1:]) if len(words) > 1 and words[0].lower() in NATIONALITIES else other.key
                # 'Walmart International', 'Franke Water Systems', 'LG Home Appliance & Air Solution Company'; never
                # a group ("Hyundai Motor Group" is no unit of "Hyundai Mobis")
                if entity.display.split()[-1].lower() in _GROUP_WORDS:
                    continue
                if (
                    entity.key.startswith(other.key + "_")
                    or entity.key.startswith(core + "_")
                    or (entity.key.startswith(first + "_") and len(entity.key.split("_")) > len(other.key.split("_")))
                ):
                    entity.unit_of = other.key

    def _person(self, mention: NameMention, before: str, after: str) -> bool:
        """Whether a name is a person's: next to a title ('CEO', 'Konzernchef'), or two or three words that say
        something ('Terry Smart said'), or a photo credit."""
        g = self.g
        words = mention.surface.split()
        if any(_strip(word).lower() in COMPANY_SUFFIXES for word in words):
            return False
        # (a double-barrelled name is a person's too: "Magdalena Martullo-Blocher")
        title_case = all(re.fullmatch(r"[A-ZÀ-Þ][a-zà-ÿ'’.]+(?:-[A-ZÀ-Þ]?[a-zà-ÿ'’.]+)*", _strip(w)) for w in words)
        # ("le PDG de Carlsberg, Jacob Aarup-Andersen": Carlsberg is the employer, not a person)
        employer = r"(?!(?:de|d['’]|du|des|of|von|vom|bei|chez|at)\b)"
        if title_case and re.search(
            r"(?:^|[\s(/])(?:" + g.titles + r")[\s,]+" + employer + r"(?:\w+\s+){0,2}$", before, re.I
        ):
            return True
        if re.match(r"\s*,\s*(?:(?:the|its|le|la|der|die)\s+)?(?:\w+\s+){0,2}(?:" + g.titles + r")\b", after, re.I):
            return True
        # ("Terry Smart said"; but not "Hyundai Mobis said" beside "Hyundai Motor Group": a family of companies)
        family = any(
            other.display.split()[0] == words[0] and other.key != mention.key for other in self.entities.values()
        )
        if (
            2 <= len(words) <= 3
            and title_case
            and not family
            and re.match(r"\s*,?\s*(?:" + g.speech_verbs + r")\b", after)
        ):
            return True
        if title_case and g.led_by.search(before):
            return True  # "La firme dirigée par Magdalena Martullo-Blocher"
        return before.endswith("/") or bool(re.search(r"\((?:Reportage|Rédigé par|Reporting by)\s+$", before))

    def _german_subject(self, mention: NameMention, after: str) -> bool:
        """A German name that opens its sentence before a finite verb and never follows an article: a German
        noun opens a sentence with its article ("Der Umsatz stieg"), a name without ("Nvidia liefert")."""
        if mention.start not in {start for start, _ in self.sentences} or " " in mention.surface:
            return False
        # (twice at least, and short: "Wechselkursveränderungen belasteten" opens its sentence once)
        if len(mention.surface) > 14 or self._times(re.escape(mention.surface)) < 2:
            return False
        if not re.match(r" [a-zäöüß]+(?:t|te|en|n|s)\b", after):
            return False
        article = rf"\b{self.g.article}\s+(?:[a-zäöüß][\w-]*\s+){{0,2}}"
        return not re.search(article + re.escape(mention.surface) + r"\b", self.text)

    def _accepted(self, entity: Entity) -> bool:
        if entity.source:
            return False
        if (entity.person or entity.place) and not (_STRONG.keys() & entity.evidence):
            return False
        if entity.noun and not ({"legal", "descriptor", "ticker", "acronym", "reported"} & entity.evidence):
            return False
        return entity.score >= 2

    # -- choosing a figure's company -------------------------------------------------------------------------

    def accepted_mentions(self, start: int, end: int) -> list[tuple[NameMention, Entity]]:
        """The mentions of companies between `start` and `end`, in text order."""
        found = []
        for entity in self.entities.values():
            if not self._accepted(entity):
                continue
            found += [(mention, entity) for mention in entity.mentions if start <= mention.start < end]
        return sorted(found, key=lambda item: item[0].start)

    def nationality_currency(self, name: str) -> str:
        """The currency of the nationality the words before a company's first mention give it ("die US-Konzerne
        Nike und Under Armour": USD), or ""."""
        entity = next((e for e in self.entities.values() if self.name(e) == name), None)
        if entity is None or not entity.mentions:
            return ""
        first = min(entity.mentions, key=lambda m: m.start)
        before = self.text[max(0, first.start - 60) : first.start]
        sentence_start = max(before.rfind(". "), before.rfind("\n"))
        words = re.findall(r"[\w.]+-?", before[sentence_start + 1 :].lower())
        for word in reversed(words):
            for form in (word, word.rstrip("-") + "-" if word.endswith("-") else word):
                if form in NATIONALITY_CURRENCIES:
                    return NATIONALITY_CURRENCIES[form]
        return ""

    def name(self, entity: Entity) -> str:
        known = self.reported.get(entity.key)
        return known.name if known else entity.display
