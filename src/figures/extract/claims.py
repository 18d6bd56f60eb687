"""The pass over an article: each figure classified (revenue, growth, or left out and why), given its company and
period, growth rates paired with the revenue they stand beside, and the same figure kept once."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

from figures.errors import FiguresError
from figures.extract.amounts import Figure, amounts, percents
from figures.extract.article import Article, read_article
from figures.extract.claim_amounts import ClaimAmounts
from figures.extract.claim_periods import ClaimPeriods
from figures.extract.claim_rows import ClaimRows
from figures.extract.claim_words import ClaimWords
from figures.extract.companies import Companies, KnownCompany, reported_companies
from figures.extract.fiscal_years import FiscalYearEnd
from figures.extract.language import PLACES, Grammar, grammar, slug, table
from figures.extract.results import Claim, Extraction, LeftOut, millions
from figures.extract.segments import segment_of
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

    >>> rows = extract_claims("En 2017, Zorba SA a réalisé un chiffre d'affaires de 2,5 milliards d'euros, en baisse"
    ...                       " de 3 %.", published="2018-02-01")
    >>> [(row["metric"], row["value"], row["unit"], row["currency"], row["wording"]) for row in rows]
    [('revenue', '2.5', 'billion', 'EUR', "2,5 milliards d'euros"), ('revenue_growth', '-3', 'percent', 'EUR', '3 %')]
    """
    return extract(path_or_text, lang=lang, published=published, source=source, reported=reported).rows()


class _Extractor(ClaimAmounts, ClaimPeriods, ClaimRows, ClaimWords):
    def __init__(self, article: Article, reported: dict[str, KnownCompany]) -> None:
        self.article = article
        self.text = article.text
        self.g: Grammar = grammar(article.language)
        self.patterns = _patterns(article.language)
        self.reported = reported
        self.listed_ends: dict[str, FiscalYearEnd] = {}  # companies dated by the table of known fiscal years
        self.sentences = split_sentences(self.text)
        self.date_spans = [m.span() for m in self.g.dates.finditer(self.text)]
        self.amount_spans = [m.span() for m in self.g.amount.finditer(self.text)]
        self.periods = self._period_mentions()
        not_names = self.amount_spans + self.date_spans + [(m.start, m.end) for _, m in self.periods]
        self.companies = Companies(self.g, self.text, self.sentences, not_names, reported)
        self.claims: list[Claim] = []
        self.left_out: list[LeftOut] = []
        self.segments_as_group = False  # set where the text gives only segments' revenue

    # -- the pass over the sentences -------------------------------------------------------------------------

    def run(self, source: str | None) -> Extraction:
        if self.article.published is None:
            raise FiguresError(
                "found no publication date in the article (no page metadata, no dateline): give it with"
                " --published YYYY-MM-DD",
                path=self.article.where,
            )
        for index, (start, end) in enumerate(self.sentences):
            self._sentence(index, start, end)
        if not self.claims and any(item.reason.startswith("a segment's") for item in self.left_out):
            # Only a part's revenue ("Housing revenue" of a housebuilder, "Operating revenue"): drafted, flagged.
            self.segments_as_group, self.left_out = True, []
            for index, (start, end) in enumerate(self.sentences):
                self._sentence(index, start, end)
        if not self.claims:
            raise FiguresError(f"no revenue or growth claim found in {self.article.where}")
        self._home_currencies()
        self._growth_currencies()
        year_ends = self._year_ends()
        fiscal = self._fiscal_companies()
        for claim in self.claims:
            self._resolve_period(claim, year_ends, fiscal)
        self._periods_over_at_publication()
        self._deduplicate()
        counters: dict[tuple[str, str], int] = {}
        for number, claim in enumerate(sorted(self.claims, key=lambda c: c.start), start=1):
            claim.number = number
            key = (slug(claim.company) if claim.company else "company", claim.metric)
            counters[key] = counters.get(key, 0) + 1
            claim.figure_id = f"{key[0]}_{claim.metric}_{counters[key]}"
        self.claims.sort(key=lambda c: (c.start, c.company))
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
        revenue = list(g.revenue.finditer(text, start, end))
        excluded = list(g.excluded.finditer(text, start, end))
        revenue = [r for r in revenue if not any(overlap(r, x) for x in excluded)]
        keywords = [(r, "revenue") for r in revenue] + [(x, "excluded") for x in excluded]
        money, unreadable = amounts(g, text, start, end)
        self.left_out += [LeftOut(*item) for item in unreadable]
        for scaled in g.scaled.finditer(text, start, end):  # "7,188 milliards": the currency of the amount before
            if any(overlap(scaled.span(), a.span) for a in money):
                continue
            figure = self._bare_amount(scaled, index)
            if figure is None:
                reason = "no currency the rules know (a count, or a currency they do not read)"
                self.left_out.append(LeftOut(scaled.start(), scaled.end(), reason))
            else:
                money.append(figure)
        money.sort(key=lambda f: f.start)
        rates = [p for p in percents(g, text, start, end) if not any(overlap(p.span, a.span) for a in money)]
        figures = sorted(money + rates, key=lambda f: f.start)
        translated = self._translations(money)
        sentence_claims: list[Claim] = []
        for position, figure in enumerate(figures):
            if id(figure) in translated:
                continue
            # "un CA de 1,37 milliard (+7,1%)" in France: the growth in brackets is that amount's, and goes with it
            amount = figures[position - 1] if position else None
            if (
                figure.kind == "percent"
                and amount is not None
                and amount.kind == "amount"
                and re.fullmatch(r"\s*\(\s*", text[amount.end : figure.start])
            ):
                left = next((item for item in self.left_out if (item.start, item.end) == amount.span), None)
                if left is not None and left.reason not in ("another figure for the same company, metric and period",):
                    self.left_out.append(
                        LeftOut(
                            figure.start,
                            figure.end,
                            f"the growth of a figure left out: {left.reason}",
                            "",
                            left.component,
                        )
                    )
                    continue
            claims = self._figure(figure, index, start, end, sentence, parts, keywords, figures)
            for claim in claims:
                for home, other in translated.values():
                    if home is figure:
                        wording = text[other.start : other.end]
                        claim.translation = (other.start, other.end, other.currency or "")
                        claim.notes.append(
                            f"The text also gives it as “{clean(wording)}” ({other.currency}): the same figure"
                            " translated into another currency, not a second claim."
                        )
            sentence_claims += claims
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
                claim.period_from, claim.period_borrowed = pair.period_from, pair.period_borrowed
                beside = clean(text[pair.start : pair.end])
                claim.notes.append(f"Its currency is that of the revenue figure it is set beside (“{beside}”).")
        self.claims.extend(sentence_claims)

    def _figure(self, figure, index, start, end, sentence, parts, keywords, figures) -> list[Claim]:
        text, g = self.text, self.g
        before = text[max(start, figure.start - 60) : figure.start]
        after = text[figure.end : min(end, figure.end + 60)]
        keyword = self._respective(figure, keywords, figures, end) or self._keyword(figure, keywords, parts)
        if keyword is None and not keywords:
            keyword = self._pronoun_subject(index, start)
        growth = None
        if figure.kind == "percent":
            growth = self._direction(figure, parts, figures)
            restated = self._restated(index, start) if growth is not None else None
            first = not any(f.kind == "percent" and start <= f.start < figure.start for f in figures)
            after_comma = (
                keyword is not None and keyword[0].start() > figure.end and "," in text[figure.end : keyword[0].start()]
            )
            if restated is not None and (keyword is None or (first and after_comma)):
                keyword = restated  # "Cela représente une augmentation de 10 %, les bénéfices atteignant ..."
            if keyword is None or (keyword[1] == "revenue" and growth is None):
                if keyword is not None:
                    self._leave(figure, "a percentage that is not a growth rate")
                elif growth is not None:  # a division's, a market's: a growth rate a reader may look for
                    self._leave(figure, "a growth rate with no revenue word near it")
                return []
        if keyword is None:
            self._leave(figure, "no revenue word near it")
            return []
        match, kind = keyword
        if kind == "excluded":
            self._leave(figure, f"not revenue: {clean(match.group(0)).lower()}")
            return []
        clause = clause_of(parts, figure.start)
        own = self._own_text(figure, figures, clause)
        place = re.search(
            r"\b(?:en|au|aux|dans|in|im|in\s+der|in\s+den|across)\s+(?:the\s+|la\s+|le\s+|l['’]|les\s+)?"
            r"([A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2})\s*\(\s*$",
            before,
        )
        # "led by a 12 percent fall in the Americas": the figure of the place it is set in
        region = re.match(
            r"\s*(?:[a-z]+\s+){0,1}(?:in|au|aux|en|im|in\s+der|in\s+den)\s+(?:the\s+|la\s+|le\s+|l['’]|les\s+)?"
            r"([A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2})",
            after,
        )
        if region and region.group(1).lower() in PLACES:  # ("un CA de 228 millions d'euros en Italie")
            place = region
        with_place = re.search(  # ("Nach Deutschland mit etwa 730 Millionen Euro Umsatz sind die USA mit ...")
            r"(?<![\w'’-])([A-ZÀ-Ý][\w'’-]+)\s+(?:mit|with|avec)\s+(?:\S+\s+)?$", before
        )
        if with_place and with_place.group(1).lower() in PLACES:
            place = with_place
        if place and place.group(1).lower() in PLACES:  # "a surtout progressé au Japon (+15,7% sur un an)"
            self.left_out.append(
                LeftOut(figure.start, figure.end, "a region's figure, not the group's", "", place.group(1))
            )
            return []
        # (a share is not a growth: "will make up 25pc of revenue"; but "une hausse de 1,2 % de son chiffre d'affaires",
        # "une progression en rythme annuel de 28% de ses ventes")
        changed = re.search(rf"(?:{g.up.pattern}|{g.down.pattern})", before[-50:], re.I | re.X)
        changed = changed and not re.search(r"\bma(?:ke|kes|de|king)\s+up\s+$", before)
        if figure.kind == "percent" and self.patterns["share_after"].match(after) and not changed:
            self._leave(figure, "a share of revenue, not its growth")  # "25pc of revenue", "84 % des ventes"
            return []
        part = self.patterns["segment_after_figure"].match(after)
        if part:  # "stimulés par la croissance de 3,3 % au sein du secteur des Services à large bande canadiens"
            self.left_out.append(LeftOut(figure.start, figure.end, "a segment's figure, not the group's", "", part[0]))
            return []
        if figure.kind == "amount" and self.patterns["change_before"].search(before):
            self._leave(figure, "the amount of a change, not revenue")  # "ont progressé de 24,9 millions $"
            return []
        there = self.patterns["there"].search(text[clause[0] : figure.start])
        if there:  # "Erfreulich entwickelte sich das Geschäft in Serbien. Der Werbeertrag stieg dort um 5,3 Prozent"
            self.left_out.append(LeftOut(figure.start, figure.end, "a region's figure, not the group's", "", there[0]))
            return []
        reason = self._not_a_claim(figure, clause, own, before, after)
        if reason:
            self._leave(figure, reason)
            return []
        attribution = self.companies.company(index, match, figure, clause)
        # (a source of data is no company the figure is about: "selon les données publiées par la BVMT")
        named_here = any(
            not self.patterns["source_before"].search(text[max(start, m.start - 60) : m.start])
            for m, _ in self.companies.accepted_mentions(start, end)
        )
        combined = re.search(r"\b(?:combined|cumulé\w*|zusammen\w*|insgesamt)\b", text[clause[0] : figure.start], re.I)
        if (not named_here or combined) and self.patterns["aggregate_before"].search(text[clause[0] : figure.start]):
            self._leave(figure, "a total of several companies, not one company's")
            return []
        mentions_here = [(m.start, m.end) for m, _ in self.companies.accepted_mentions(start, end)]
        segment = attribution.unit or segment_of(g, text, match, start, parts, mentions_here)
        if segment and not self.segments_as_group:
            company = attribution.names[0] if attribution.names else ""
            self.left_out.append(
                LeftOut(figure.start, figure.end, "a segment's figure, not the group's", company, segment)
            )
            return []
        first_company = attribution.names[0] if attribution.names else ""
        period, period_from, source_names = self._period(figure, index, clause, first_company)
        claims = []
        for company in attribution.names or ("",):
            claim = Claim(
                metric="revenue" if figure.kind == "amount" else "revenue_growth",
                company=company,
                value=figure.value,
                unit=figure.unit,
                currency=figure.currency or "",
                start=figure.start,
                end=figure.end,
                sentence=clean(sentence),
                approximate=bool(g.approximate.search(before)),
                period=period,
                notes=list(figure.notes),
            )
            claim.period_from = period_from
            claim.bare_currency = figure.bare
            claim.period_borrowed = bool(source_names) and company not in source_names
            if figure.flagged:
                claim.flags.append(figure.flagged)
            if segment:
                claim.flags.append(
                    f"the text gives no figure of the whole group, only of “{clean(segment)}” revenue: review"
                    " whether that is the group's"
                )
            if attribution.flag:
                claim.flags.append(attribution.flag)
            if len(attribution.names) > 1:
                claim.flags.append(f"one figure given for {' and '.join(attribution.names)} each")
            if figure.kind == "percent" and growth == "down":
                claim.value = -abs(figure.value)
            if not self._plausible(claim):
                return []
            claims.append(claim)
        return claims

    def _own_text(self, figure: Figure, figures: list[Figure], clause: tuple[int, int]) -> tuple[str, str]:
        """The words a figure owns: from the figure before it (or its clause's start) to it, and from it to the
        next figure (or its clause's end)."""
        previous = max((f.end for f in figures if f.end <= figure.start and f.end > clause[0]), default=clause[0])
        following = min((f.start for f in figures if f.start >= figure.end and f.start < clause[1]), default=clause[1])
        return self.text[previous : figure.start], self.text[figure.end : following]

    def _not_a_claim(self, figure, clause, own, before, after) -> str:
        """Why a figure beside a revenue word is no claim of the draft, or ""."""
        text, g, patterns = self.text, self.g, self.patterns
        ahead = text[clause[0] : figure.start]
        forecast = list(g.forecast.finditer(ahead))
        # ("... devrait se situer entre 4,9 et 5,5 milliards, indique l'énergéticien, qui a vu son chiffre
        # d'affaires bondir de plus de 85 %": a figure reported after the forecast is no forecast)
        if forecast and not g.reports_verb.search(ahead, forecast[-1].end()):
            return "a forecast, not a reported figure"
        if patterns["estimate_before"].search(before) or patterns["estimate_after"].match(after):
            return "an estimate (analysts', a consensus), not a reported figure"
        if patterns["difference_after"].match(after):
            return "a difference from an estimate, not a reported figure"
        if self._earlier_in_brackets(figure):
            return "a figure of an earlier period, given for comparison"
        if patterns["hypothetical"].search(ahead):
            return "a figure that did not happen (what it would have been)"
        lower = patterns["range_before"].search(before)
        if figure.kind == "amount" and lower and re.search(r"%|\bp(?:er|our)\s*cent|Prozent", lower.group(0)):
            lower = None  # "a augmenté de 6% à 10,22 milliards": a growth, then the amount it reached
        listed = re.match(r"[^;]{0,60}?" + patterns["respectively"].pattern, after, re.I | re.X)
        if (lower or patterns["range_after"].match(after)) and not listed:  # "30.4% and 8.9%, respectively"
            return "one end of a range (guidance or an estimate)"
        if (
            g.previous_before.search(before)
            or g.previous_after.search(after)
            or self._von_auf(figure, before, after)
            or patterns["earlier_before"].search(ahead)
        ):
            return "a figure of an earlier period, given for comparison"
        if (
            figure.kind == "percent"
            and (patterns["organic_before"].search(ahead) or patterns["organic_after"].match(own[1]))
            and not patterns["reported_after"].match(own[1])
        ):
            return "growth on another basis than reported (organic, like-for-like or at constant currency)"
        if (
            figure.kind == "percent"
            and (patterns["sequential"].search(ahead) or patterns["sequential"].search(own[1][:60]))
            and not patterns["year_on_year_after"].match(own[1])  # "..., and a 17 per cent decrease year-on-year"
        ):
            return "growth over the previous quarter, not over the same period a year before"
        if figure.kind == "percent" and patterns["other_base"].search(own[1][:80]):
            return "growth over another base (before a crisis), not over the same period a year before"
        if patterns["effect_before"].search(text[clause[0] : figure.start][-80:]) and figure.kind == "amount":
            return "an effect on revenue (of currencies, of a deal), not revenue"
        return ""

    def _leave(self, figure: Figure, reason: str) -> None:
        self.left_out.append(LeftOut(figure.start, figure.end, reason))

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


@cache
def _patterns(lang: str) -> dict:
    patterns = table(lang)["patterns"]
    flags = re.IGNORECASE | re.VERBOSE
    return {
        "organic_before": re.compile(patterns["organic_before"], flags),
        "respectively": re.compile(patterns["respectively"], flags),
        "restates": re.compile(patterns.get("restates", "(?!)"), flags),
        "organic_after": re.compile(patterns["organic_after"], flags),
        "range_before": re.compile(patterns["range_before"], flags),
        "range_after": re.compile(patterns["range_after"], flags),
        "hypothetical": re.compile(patterns["hypothetical"], flags),
        "estimate_after": re.compile(patterns["estimate_after"], flags),
        "difference_after": re.compile(patterns["difference_after"], flags),
        "aggregate_before": re.compile(patterns["aggregate_before"], flags),
        "source_before": re.compile(patterns.get("source_before", "(?!)"), flags),
        "sequential": re.compile(patterns["sequential"], flags),
        "year_on_year_after": re.compile(patterns.get("year_on_year_after", "(?!)"), flags),
        "other_base": re.compile(patterns["other_base"], flags),
        "earlier_before": re.compile(patterns["earlier_before"], flags),
        "effect_before": re.compile(patterns["effect_before"], flags),
        "estimate_before": re.compile(patterns["estimate_before"], flags),
        "complement_before": re.compile(patterns.get("complement_before", "(?!)"), flags),
        "segment_after_figure": re.compile(patterns.get("segment_after_figure", "(?!)"), flags),
        "pronoun_start": re.compile(patterns.get("pronoun_start", "(?!)"), flags),
        "reported_after": re.compile(patterns.get("reported_after", "(?!)"), flags),
        "share_after": re.compile(patterns.get("share_after", "(?!)"), flags),
        "change_before": re.compile(patterns.get("change_before", "(?!)"), flags),
        "there": re.compile(patterns.get("there", "(?!)"), flags),
        "from_to": tuple(patterns["from_to"]) if "from_to" in patterns else None,
        "default_currency": patterns["default_currency"],
        "translation_currencies": frozenset(patterns["translation_currencies"]),
    }
