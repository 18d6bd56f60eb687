"""The rows of a draft once the pass over the sentences is done: a bare "$" settled by the company's home currency,
each growth rate's currency, and one row per company, metric and period (the claims file's key). The second half
of the pass in `claims.py`, which sets the attributes used here."""

from __future__ import annotations

import datetime as dt
import re

from figures.extract.amounts import text_currencies
from figures.extract.article import Article
from figures.extract.companies import Companies
from figures.extract.home_currencies import known_currency
from figures.extract.language import CURRENCY_CUES, _alternation
from figures.extract.results import Claim, LeftOut, millions
from figures.extract.sentences import clean
from figures.periods import one_year_earlier


class ClaimRows:
    """The draft's rows after the pass (mixed into the extractor)."""

    article: Article
    text: str
    companies: Companies
    claims: list[Claim]
    left_out: list[LeftOut]
    patterns: dict

    # -- after the pass ----------------------------------------------------------------------------------------

    def _home_currencies(self) -> None:
        """A bare "$" that no place in the text settles is the dollar the company reports in, where the table of
        known home currencies gives it ("Woolworths had a total $33.2 billion in sales": Australian)."""
        for claim in self.claims:
            known = known_currency(claim.company) if claim.bare_currency and claim.company else None
            if known is None or known.currency == claim.currency:
                continue
            family = {*CURRENCY_CUES.get(claim.currency, {})} | ({"HKD", "TWD"} if claim.currency == "USD" else set())
            if known.currency not in family:
                continue  # a "$" is a dollar, never a franc
            claim.notes.append(
                f"“{clean(self.text[claim.start : claim.end])}” read as {known.currency}, the currency"
                f" {claim.company} reports in (table of known home currencies: {known.source}); the text does"
                " not say which dollar: review."
            )
            claim.notes = [n for n in claim.notes if "read as US dollars" not in n]
            for growth in self.claims:  # the growth set beside it ("um 17 Prozent auf 407 Milliarden Kronen")
                beside = growth.metric == "revenue_growth" and growth.company == claim.company
                if beside and growth.currency == claim.currency and growth.sentence == claim.sentence:
                    growth.currency = known.currency
            claim.currency = known.currency
            claim.flags.append(f"currency from the table of known home currencies ({known.currency})")

    def _growth_currencies(self) -> None:
        """A growth rate's currency is that of the revenue it is set beside; failing that, of the company's
        revenue elsewhere in the text; failing that, of any revenue in the text; failing that, the language's
        usual one, flagged."""
        revenues = [c for c in self.claims if c.metric == "revenue"]
        for claim in self.claims:
            if claim.metric != "revenue_growth" or claim.currency:
                continue
            own = [c for c in revenues if c.company == claim.company]
            same_period = [c for c in own if c.period == claim.period]
            chosen = (same_period or own or [None])[0]
            if chosen is not None:
                claim.currency = chosen.currency
                if claim.period is None:
                    claim.period = chosen.period
                claim.notes.append(
                    f"Its currency is that of the company's revenue figure elsewhere in the text"
                    f" (“{clean(self.text[chosen.start : chosen.end])}”)."
                )
                claim.flags.append("currency of the growth taken from another sentence")
                continue
            others = [c.currency for c in revenues if c.currency]
            national = self.companies.nationality_currency(claim.company)
            known = known_currency(claim.company) if claim.company else None
            if known is not None:
                claim.currency = known.currency
                claim.flags.append(f"currency of the growth from the table of known home currencies ({known.currency})")
            elif national:
                claim.currency = national
                claim.flags.append(f"currency of the growth taken from the company's nationality ({national})")
            elif others:
                claim.currency = max(set(others), key=others.count)
                claim.flags.append(f"currency of the growth taken from the text's other amounts ({claim.currency})")
            elif stated := self._text_currency():
                claim.currency = stated
                claim.flags.append(f"currency of the growth taken from the text's amounts of other things ({stated})")
            else:
                claim.currency = self.patterns["default_currency"]
                claim.flags.append(f"currency of the growth assumed ({claim.currency}): the text states no amount")

    def _in_own_currency(self, claim: Claim) -> bool:
        """Whether the words right before a growth say it is in the currency of the claim ("in Schweizer Franken",
        "en euros", "in rupee terms")."""
        if claim.metric != "revenue_growth" or not claim.currency:
            return False
        words = [word for word, code in self.g.currencies.items() if code == claim.currency]
        if not words:
            return False
        said = rf"\b(?:in|en|im)\s+(?:\w+\s+)?{_alternation(words)}\b(?!\s+(?:constant|konstant))"
        before = re.split(r"\d\s*%|Prozent|per\s*cent|percent", self.text[max(0, claim.start - 80) : claim.start])[-1]
        after = self.text[claim.end : claim.end + 40]  # ("up 8% in Danish kroner")
        return bool(re.search(said, before, re.I) or re.match(rf"\s*{said}", after, re.I))

    def _text_currency(self) -> str:
        """The one currency of the text's amounts, whatever they measure (profit, a market): where a growth has no
        revenue figure beside it anywhere, its company's amounts are most likely in that currency."""
        found = set(text_currencies(self.g, self.text))
        return found.pop() if len(found) == 1 else ""

    def _periods_over_at_publication(self) -> None:
        """A claims file refuses a period that had not ended when the article appeared (`figures.load`). A year the
        text names that ends after publication ("the full year of 2019" on 29 November 2019) is a fiscal year
        ending before it: drafted as the year to the last month's end before publication, inferred and flagged.
        Any other such period (a forecast, a year to date, a period misread) is listed as left out."""
        published = self.article.published
        if published is None:
            return
        for claim in [c for c in self.claims if c.period_end and c.period_end >= published]:
            days = (claim.period_end - claim.period_start).days + 1
            if 357 <= days <= 373 and claim.period_end.year == published.year:
                end = published.replace(day=1) - dt.timedelta(days=1)
                start = one_year_earlier(end) + dt.timedelta(days=1)
                claim.flags.append(
                    f"the year the text names ends after the article was published ({published}): taken as the"
                    f" company's fiscal year to {end}; check its year end"
                )
                claim.period_start, claim.period_end, claim.period_inferred = start, end, True
                claim.period_note = (
                    f"The text names a year that had not ended when the article was published ({published}): taken"
                    f" as the company's fiscal year to {end}."
                )
                continue
            self.claims.remove(claim)
            reason = f"its period ({claim.period_start} to {claim.period_end}) ends after the article was published"
            self.left_out.append(LeftOut(claim.start, claim.end, reason, claim.company))

    def _deduplicate(self) -> None:
        """One row per company, metric and period (the claims file's key): the precise figure kept over a
        rounded or approximate one, else the first; the other is noted on it and listed as left out."""
        kept: dict[tuple[str, str, dt.date, dt.date], Claim] = {}
        # A figure stated twice, once where the text names its period and once where it names none (a headline
        # repeated as the lead): one figure, of the named period.
        dated = {(c.company, c.metric, millions(c), c.currency) for c in self.claims if c.period is not None}
        for claim in [c for c in self.claims if c.period is None]:
            if (claim.company, claim.metric, millions(claim), claim.currency) in dated:
                self.claims.remove(claim)
                self.left_out.append(LeftOut(claim.start, claim.end, "the same figure stated again", claim.company))
        # "5.92 billion Swiss francs (6.35 billion euros)": euros are what this text translates into; a figure in
        # them ("Sales up 8.2% to over 6.3 billion euros") yields to one in the home currency.
        translations = {c.translation[2] for c in self.claims if c.translation}
        for claim in sorted(self.claims, key=lambda c: c.start):
            key = (claim.company, claim.metric, claim.period_start, claim.period_end)
            first = kept.get(key)
            if first is None:
                kept[key] = claim
                continue
            # ¥9.48 trillion and ¥9,480 billion are one figure.
            same = (millions(first), first.currency) == (millions(claim), claim.currency)
            # (and a growth said in the company's own currency over another: "In Schweizer Franken beträgt das Minus
            # gar 22,4 Prozent", after "17 Prozent tiefer")
            home = (
                claim.currency not in translations,
                self._in_own_currency(claim),
                first.currency not in translations,
                self._in_own_currency(first),
            )
            if (not same and (*home[:2], *_standing(claim, first)) > (*home[2:], *_standing(first, claim))) or (
                same and first.period_inferred and not claim.period_inferred
            ):
                kept[key], first, claim = claim, claim, first
            reason = (
                "the same figure stated again" if same else "another figure for the same company, metric and period"
            )
            self.left_out.append(LeftOut(claim.start, claim.end, reason, claim.company))
            if not same:
                first.flags.append(f"the text also gives {clean(self.text[claim.start : claim.end])} for it")
        self.claims = list(kept.values())


def _standing(claim: Claim, other: Claim) -> tuple:
    """Which of two figures for one company, metric and period to keep: of two close figures in one currency (one
    figure, rounded once: "18%" in a headline, "+17.8%" in the table) the precise one; else the one whose period
    its own sentence names, then the one not stated as a threshold ("dépassant les 100 milliards"); else the
    first."""
    close = 20 * abs(millions(claim) - millions(other)) <= max(abs(millions(claim)), abs(millions(other)))
    named = claim.period is not None and not claim.period_from
    if close and claim.currency == other.currency:
        return (*_precision(claim), named)
    threshold = not claim.approximate if claim.currency == other.currency else True
    return (named, threshold, 0)


def _precision(claim: Claim) -> tuple[bool, int]:
    digits = len(format(claim.value, "f").replace("-", "").replace(".", "").strip("0"))
    return not claim.approximate, digits
