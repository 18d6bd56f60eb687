"""The pass over an article: each figure classified (revenue, growth, or left out and why), given its company and
period, growth rates paired with the revenue they stand beside, and the same figure kept once."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from figures.errors import FiguresError
from figures.extract.amounts import Figure, amounts, percents
from figures.extract.article import Article, read_article
from figures.extract.companies import Companies, KnownCompany, core_key, reported_companies
from figures.extract.language import Grammar, grammar, slug
from figures.extract.periods import mention, resolve_period
from figures.extract.results import Claim, Extraction, LeftOut, millions
from figures.extract.sentences import clause_of, clauses, clean, overlap, same_clause, split_sentences
from figures.load import MAX_AMOUNT_M, MAX_GROWTH_PERCENT, MIN_AMOUNT_M


def extract(
    path_or_text: str | Path | bytes,
    *,
    lang: str | None = None,
    published: str | dt.date | None = None,
    source: str | None = None,
    reported: str | Path | bool | None = None,
) -> Extraction:
    """Find every revenue and revenue-growth claim of an article (a file, or its text).

    `lang` (fr, en, de) is detected when not given; `published` is taken from the page's metadata or
    a dateline when not given (and needed: a claims file records it); `source` defaults to the page's
    site name and title; `reported` is a reported-figures file whose companies' names and fiscal
    calendars are used (default: data/reported_figures.csv; False for none).

    >>> found = extract("Acme Group's revenue rose 12% to $3.4 billion in 2017.", published="2018-03-01")
    >>> for claim in found.claims:
    ...     print(claim.metric, claim.company, claim.value, claim.unit, claim.currency, claim.period_start)
    revenue_growth Acme Group 12 percent USD 2017-01-01
    revenue Acme Group 3.4 billion USD 2017-01-01
    """
    article = read_article(path_or_text, lang=lang, published=published)
    return _Extractor(article, reported_companies(reported)).run(source)


def extract_claims(
    path_or_text: str | Path | bytes,
    *,
    lang: str | None = None,
    published: str | dt.date | None = None,
    source: str | None = None,
    reported: str | Path | bool | None = None,
) -> list[dict[str, str]]:
    """The draft's rows for an article: one dict per claim, with the claims file's columns.

    >>> rows = extract_claims("Le chiffre d'affaires de Zorba SA a reculé de 3 % en 2017.", published="2018-02-01")
    Traceback (most recent call last):
    figures.errors.FiguresError: <text>: expected a currency for the growth of Zorba SA...
    >>> rows = extract_claims("En 2017, Zorba SA a réalisé un chiffre d'affaires de 2,5 milliards d'euros, en baisse"
    ...                       " de 3 %.", published="2018-02-01")
    >>> [(row["metric"], row["value"], row["unit"], row["currency"], row["wording"]) for row in rows]
    [('revenue', '2.5', 'billion', 'EUR', "2,5 milliards d'euros"), ('revenue_growth', '-3', 'percent', 'EUR', '3 %')]
    """
    return extract(path_or_text, lang=lang, published=published, source=source, reported=reported).rows()


class _Extractor:
    def __init__(self, article: Article, reported: dict[str, KnownCompany]) -> None:
        self.article = article
        self.text = article.text
        self.g: Grammar = grammar(article.language)
        self.reported = reported
        self.sentences = split_sentences(self.text)
        self.date_spans = [m.span() for m in self.g.dates.finditer(self.text)]
        self.amount_spans = [m.span() for m in self.g.amount.finditer(self.text)]
        self.companies = Companies(self.g, self.text, self.sentences, self.amount_spans, reported)
        self.claims: list[Claim] = []
        self.left_out: list[LeftOut] = []

    # -- the pass over the sentences -------------------------------------------------------------------------

    def run(self, source: str | None) -> Extraction:
        for index, (start, end) in enumerate(self.sentences):
            self._sentence(index, start, end)
        self._growth_currencies()
        if not self.claims:
            raise FiguresError(f"no revenue or growth claim found in {self.article.where}")
        if self.article.published is None:
            raise FiguresError(
                "found no publication date in the article (no page metadata, no dateline): give it with"
                " --published YYYY-MM-DD",
                path=self.article.where,
            )
        for claim in self.claims:
            self._resolve_period(claim)
        self._deduplicate()
        counters: dict[tuple[str, str], int] = {}
        for number, claim in enumerate(sorted(self.claims, key=lambda c: c.start), start=1):
            claim.number = number
            key = (slug(claim.company), claim.metric)
            counters[key] = counters.get(key, 0) + 1
            claim.figure_id = f"{key[0]}_{claim.metric}_{counters[key]}"
        self.claims.sort(key=lambda c: c.start)
        self.left_out.sort(key=lambda item: item.start)
        given = bool(source)
        if not source:
            site, title = self.article.sitename, self.article.title
            source = ", ".join(part for part in (site, f"« {title} »" if title else "") if part)
        if not source:
            source = self.article.name
        return Extraction(self.article, self.claims, self.left_out, source, given or bool(self.article.sitename))

    def _sentence(self, index: int, start: int, end: int) -> None:
        text, g = self.text, self.g
        sentence = text[start:end]
        parts = clauses(g.clause_break, start, end, text)
        revenue = [m for m in g.revenue.finditer(text, start, end)]
        excluded = [m for m in g.excluded.finditer(text, start, end)]
        revenue = [r for r in revenue if not any(overlap(r, x) for x in excluded)]
        keywords = [(r, "revenue") for r in revenue] + [(x, "excluded") for x in excluded]
        money, unreadable = amounts(g, text, start, end)
        self.left_out += [LeftOut(*item) for item in unreadable]
        for scaled in g.scaled.finditer(text, start, end):  # "12.6 billion francs": listed, not guessed at
            if not any(overlap((scaled.start(), scaled.end()), (a.start, a.end)) for a in money):
                reason = "no currency the rules know (a count, or a currency they do not read)"
                self.left_out.append(LeftOut(scaled.start(), scaled.end(), reason))
        rates = [
            p
            for p in percents(g, text, start, end)
            if not any(overlap((p.start, p.end), (a.start, a.end)) for a in money)
        ]
        figures = sorted(money + rates, key=lambda f: f.start)
        translated: dict[int, tuple[Figure, Figure]] = {}
        for first, second in pairwise(money):
            gap = g.translation_gap.match(text[first.end : second.start])
            if gap and second.currency != first.currency and id(first) not in translated:
                translated[id(second)] = (first, second)
        sentence_claims: list[Claim] = []
        for figure in figures:
            if id(figure) in translated:
                continue
            claim = self._figure(figure, index, start, end, sentence, parts, keywords, figures)
            if claim is None:
                continue
            for first, second in translated.values():
                if first is figure:
                    wording = text[second.start : second.end]
                    claim.translation = (second.start, second.end, second.currency or "")
                    claim.notes.append(
                        f"The text also gives it as “{clean(wording)}” ({second.currency}): the same figure"
                        " translated into another currency, not a second claim."
                    )
            sentence_claims.append(claim)
        amounts_claimed = [c for c in sentence_claims if c.metric == "revenue"]
        for claim in sentence_claims:
            if claim.metric != "revenue_growth":
                continue
            same = [a for a in amounts_claimed if a.company == claim.company]
            if same:
                pair = min(
                    same, key=lambda a: (not same_clause(parts, a.start, claim.start), abs(a.start - claim.start))
                )
                claim.pair = pair
                claim.currency = pair.currency
                claim.period = pair.period
                beside = clean(text[pair.start : pair.end])
                claim.notes.append(f"Its currency is that of the revenue figure it is set beside (“{beside}”).")
        self.claims.extend(sentence_claims)

    def _figure(self, figure, index, start, end, sentence, clauses, keywords, figures) -> Claim | None:
        text, g = self.text, self.g
        before = text[max(start, figure.start - 60) : figure.start]
        after = text[figure.end : min(end, figure.end + 60)]
        keyword = self._keyword(figure, keywords, clauses)
        growth = None
        if figure.kind == "percent":
            growth = self._direction(figure, clauses, figures)
            if keyword is None or (keyword[1] == "revenue" and growth is None):
                if keyword is not None:
                    self.left_out.append(LeftOut(figure.start, figure.end, "a percentage that is not a growth rate"))
                elif growth is not None:  # a division's, a market's: a growth rate a reader may look for
                    reason = "a growth rate with no revenue word near it"
                    self.left_out.append(LeftOut(figure.start, figure.end, reason))
                return None
        if keyword is None:
            self.left_out.append(LeftOut(figure.start, figure.end, "no revenue word near it"))
            return None
        match, kind = keyword
        if kind == "excluded":
            what = clean(match.group(0)).lower()
            self.left_out.append(LeftOut(figure.start, figure.end, f"not revenue: {what}"))
            return None
        clause = clause_of(clauses, figure.start)
        if g.forecast.search(text[clause[0] : figure.start]):
            self.left_out.append(LeftOut(figure.start, figure.end, "a forecast, not a reported figure"))
            return None
        if g.previous_before.search(before) or g.previous_after.search(after) or self._von_auf(before, after):
            self.left_out.append(
                LeftOut(figure.start, figure.end, "a figure of an earlier period, given for comparison")
            )
            return None
        company, company_flag = self.companies.company(index, start, end, match, figure)
        segment = self._segment(match, start, clauses)
        if segment:
            self.left_out.append(
                LeftOut(figure.start, figure.end, "a segment's figure, not the group's", company or "", segment)
            )
            return None
        if not company:
            self.left_out.append(LeftOut(figure.start, figure.end, "no company named in the text"))
            return None
        approximate = bool(g.approximate.search(before))
        claim = Claim(
            metric="revenue" if figure.kind == "amount" else "revenue_growth",
            company=company,
            value=figure.value,
            unit=figure.unit,
            currency=figure.currency or "",
            start=figure.start,
            end=figure.end,
            sentence=clean(sentence),
            approximate=approximate,
            period=mention(g, text, figure, start, end, clauses, self.date_spans),
            notes=list(figure.notes),
        )
        if company_flag:
            claim.flags.append(company_flag)
        if figure.kind == "percent" and growth == "down":
            claim.value = -abs(figure.value)
        if not self._plausible(claim):
            return None
        return claim

    def _plausible(self, claim: Claim) -> bool:
        """Whether the figure passes the loader's bounds; if not, it is left out (a misread, never a claim)."""
        if claim.metric == "revenue":
            amount_m = millions(claim)
            if claim.value <= 0 or amount_m > Decimal(str(MAX_AMOUNT_M)) or amount_m < Decimal(str(MIN_AMOUNT_M)):
                self.left_out.append(LeftOut(claim.start, claim.end, "an amount outside any company's revenue"))
                return False
        elif not Decimal(-100) < claim.value <= Decimal(str(MAX_GROWTH_PERCENT)):
            self.left_out.append(LeftOut(claim.start, claim.end, "a growth rate outside what a revenue can do"))
            return False
        return True

    def _von_auf(self, before: str, after: str) -> bool:
        """German 'von 19 auf 20 Milliarden Euro': the figure after 'von' is the earlier one."""
        return self.g.code == "de" and bool(re.search(r"\bvon\s+$", before)) and bool(re.match(r"^\s*auf\b", after))

    # -- figures -----------------------------------------------------------------------------------------------

    def _keyword(self, figure: Figure, keywords, clauses) -> tuple[re.Match[str], str] | None:
        text = self.text
        clause = clause_of(clauses, figure.start)
        following = [(m, kind) for m, kind in keywords if m.start() >= figure.end]
        for m, kind in sorted(following, key=lambda item: item[0].start()):
            gap = text[figure.end : m.start()]
            if re.fullmatch(r"\s+(?:(?:in|of|de|d['’]|en|an|im|au|at)\s*)?(?:(?:net|annual|total)\s+)?|d['’]", gap):
                return m, kind
            break
        preceding = [(m, kind) for m, kind in keywords if m.end() <= figure.start and m.start() >= clause[0]]
        preceding = [(m, kind) for m, kind in preceding if figure.start - m.end() <= 150]
        if preceding:
            return max(preceding, key=lambda item: item[0].end())
        later = [(m, kind) for m, kind in following if m.start() < clause[1] and m.start() - figure.end <= 80]
        if later:
            return min(later, key=lambda item: item[0].start())
        return None

    def _direction(self, figure: Figure, clauses, figures) -> str | None:
        """ "up" or "down" when a word of rise or fall governs the percentage, else None (a share, a margin)."""
        if figure.sign in ("+",):
            return "up"
        if figure.sign in ("-", "−"):
            return "down"
        clause = clause_of(clauses, figure.start)
        others = [f.start for f in figures if f.kind == "percent" and f is not figure]
        options = []
        for pattern, direction in ((self.g.up, "up"), (self.g.down, "down")):
            for m in pattern.finditer(self.text, clause[0], clause[1]):
                before = m.end() <= figure.start and figure.start - m.end() <= 60
                after = m.start() >= figure.end and m.start() - figure.end <= 40
                if before and not any(m.end() <= other < figure.start for other in others):
                    options.append((figure.start - m.end(), direction))
                elif after and not any(figure.end <= other < m.start() for other in others):
                    options.append((m.start() - figure.end + 20, direction))
        return min(options)[1] if options else None

    def _segment(self, keyword: re.Match[str], start: int, clauses) -> str:
        """The segment a revenue word is about ('cloud computing revenue', 'chiffre d'affaires de sa division
        logistique', 'Cloud-Umsatz'), or "" for the group's revenue."""
        g, text = self.g, self.text
        word = keyword.group(0)
        if g.code == "de":
            prefix = re.split(r"(?i)ums[aä]tz|erlös", word)[0]
            hyphenated = re.search(r"(\w+)-$", text[max(start, keyword.start() - 40) : keyword.start()])
            if hyphenated and not prefix:
                prefix = hyphenated.group(1)
            if prefix.rstrip("-") and prefix.rstrip("-").lower() not in g.group_qualifiers:
                return prefix.rstrip("-")
        after = text[keyword.end() : keyword.end() + 80]
        found = g.segment_after.match(after)
        if found:
            words = clean(found.group("segment") or found.group("activity") or "").split()
            while len(words) > 1 and (words[-1].lower() in g.not_names or len(words[-1]) <= 2):
                words.pop()
            return " ".join(words)
        if g.code == "en":
            clause = clause_of(clauses, keyword.start())
            before = text[clause[0] : keyword.start()]
            marker = re.search(
                r"\b((?:[\w-]+\s+){0,2}(?:division|unit|segment|business|arm|subsidiary))['’]s?\s+$",
                before,
                re.IGNORECASE,
            )
            if marker:
                return clean(marker.group(1))
            words = []
            for token in reversed(re.findall(r"\S+", before)[-3:]):
                if not re.fullmatch(r"[a-z][a-z-]*", token) or self._not_modifier(token):
                    break
                words.insert(0, token)
            return " ".join(words)
        return ""

    def _not_modifier(self, token: str) -> bool:
        verbs_ing = {
            "posting",
            "reporting",
            "generating",
            "recording",
            "booking",
            "achieving",
            "having",
            "including",
            "excluding",
            "boosting",
            "lifting",
            "driving",
            "making",
            "bringing",
            "delivering",
            "with",
        }
        return (
            token in self.g.not_names
            or token in self.g.group_qualifiers
            or token in verbs_ing
            or token.endswith(("ed", "ly"))
            or token
            in {
                "had",
                "has",
                "have",
                "was",
                "were",
                "is",
                "are",
                "be",
                "been",
                "saw",
                "see",
                "sees",
                "expects",
                "expected",
                "forecast",
                "to",
                "said",
                "says",
                "reports",
                "posts",
                "into",
                "more",
                "less",
                "much",
                "than",
                "many",
                "strong",
                "weak",
                "big",
                "bigger",
                "record",
                "new",
                "both",
            }
        )

    # -- companies -----------------------------------------------------------------------------------------------

    def _resolve_period(self, claim: Claim) -> None:
        published = self.article.published
        assert published is not None
        company = self.reported.get(core_key(claim.company.split()))
        year_end = company.year_end if company else None
        start, end, inferred, note = resolve_period(claim.period, published, year_end)
        claim.period_start, claim.period_end, claim.period_inferred, claim.period_note = start, end, inferred, note
        if inferred:
            claim.flags.append("period inferred, not stated")

    # -- after the pass ----------------------------------------------------------------------------------------

    def _growth_currencies(self) -> None:
        """A growth rate's currency is that of the revenue it is set beside; failing that, of the company's
        revenue elsewhere in the text; failing that, it cannot be a row of the draft."""
        kept = []
        for claim in self.claims:
            if claim.metric == "revenue_growth" and not claim.currency:
                revenues = [c for c in self.claims if c.metric == "revenue" and c.company == claim.company]
                same_period = [c for c in revenues if c.period == claim.period]
                chosen = (same_period or revenues or [None])[0]
                if chosen is None:
                    reason = "a growth rate without a currency (no revenue figure of the company in the text)"
                    self.left_out.append(LeftOut(claim.start, claim.end, reason, claim.company))
                    continue
                claim.currency = chosen.currency
                if claim.period is None:
                    claim.period = chosen.period
                claim.notes.append(
                    f"Its currency is that of the company's revenue figure elsewhere in the text"
                    f" (“{clean(self.text[chosen.start : chosen.end])}”)."
                )
                claim.flags.append("currency of the growth taken from another sentence")
            kept.append(claim)
        if not kept and self.claims:
            lonely = self.claims[0]
            raise FiguresError(
                f"expected a currency for the growth of {lonely.company}, found no revenue figure of the company in"
                " the text: no claim can be drafted",
                path=self.article.where,
            )
        self.claims = kept

    def _deduplicate(self) -> None:
        kept: dict[tuple[str, str, dt.date, dt.date], Claim] = {}
        for claim in sorted(self.claims, key=lambda c: c.start):
            key = (claim.company, claim.metric, claim.period_start, claim.period_end)
            first = kept.get(key)
            if first is None:
                kept[key] = claim
                continue
            # ¥9.48 trillion and ¥9,480 billion are one figure.
            same = (millions(first), first.currency) == (millions(claim), claim.currency)
            reason = (
                "the same figure stated again" if same else "another figure for the same company, metric and period"
            )
            self.left_out.append(LeftOut(claim.start, claim.end, reason, claim.company))
            if not same:
                first.flags.append(f"the text also gives {clean(self.text[claim.start : claim.end])} for it")
        self.claims = list(kept.values())
