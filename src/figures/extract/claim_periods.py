"""The period of each claim: the one its sentence names, or the one an earlier sentence named for it (a period
without its year completed from where the text names it again, from the period it is compared with, or from the
fiscal year named just before), dated by the company's fiscal year end where the text, its reported figures or
the table of known fiscal years give it. The first half of the pass in `claims.py`, which sets the attributes
used here."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from figures.extract.amounts import Figure
from figures.extract.article import Article
from figures.extract.companies import Companies, KnownCompany, core_key
from figures.extract.fiscal_calendar import describe_year_end
from figures.extract.fiscal_years import FiscalYearEnd, known_year_end
from figures.extract.language import FISCAL_YEAR_ENDS, Grammar, table
from figures.extract.period_dates import resolve_period, year_end_of
from figures.extract.periods import Mention, Period, mentions
from figures.extract.results import Claim
from figures.extract.sentences import clean, overlap


class ClaimPeriods:
    """Periods of an article's claims (mixed into the extractor)."""

    article: Article
    g: Grammar
    text: str
    sentences: list[tuple[int, int]]
    companies: Companies
    claims: list[Claim]
    periods: list[tuple[int, Mention]]
    compared: list[tuple[int, Mention]]
    amount_spans: list[tuple[int, int]]
    date_spans: list[tuple[int, int]]
    reported: dict[str, KnownCompany]
    listed_ends: dict[str, FiscalYearEnd]

    # -- periods -----------------------------------------------------------------------------------------------

    def _period_mentions(self) -> list[tuple[int, Mention]]:
        """Every period the text names, with its sentence, adjacent mentions of one period merged ("the quarter
        ended March 31 (Q4 FY24)"); those given for comparison are kept apart (`self.compared`)."""
        found: list[tuple[int, Mention]] = []
        excluded = self.date_spans + self.amount_spans
        self.compared: list[tuple[int, Mention]] = []
        for index, (start, end) in enumerate(self.sentences):
            here = mentions(self.g, self.text, start, end, excluded)
            found += [(index, mention) for mention in _merged([m for m in here if not m.compared])]
            self.compared += [(index, mention) for mention in here if mention.compared]
        return found

    def _period(
        self, figure: Figure, index: int, clause: tuple[int, int], company: str
    ) -> tuple[Period | None, str, set[str]]:
        """The period of a figure: the one named nearest in its sentence (its clause first); else, or where the
        sentence refers back ("in the quarter"), the one named last before it in the text, of the same length
        where the words give one; with the companies that sentence names (a period taken from a sentence about
        other companies is inferred for this one)."""
        here = [m for i, m in self.periods if i == index and not overlap((m.start, m.end), figure.span)]

        def distance(mention: Mention):
            gap = figure.start - mention.end if mention.end <= figure.start else mention.start - figure.end
            return (not (clause[0] <= mention.start < clause[1]), gap)

        months = None
        if here:
            chosen = min(here, key=distance)
            if chosen.period.rel == "same":
                kinds = [m.period for i, m in self.compared if i == index and m.period.months]
                if kinds:  # "von 393,6 Millionen im ersten Halbjahr 2017 auf 352,7 Millionen im selben Zeitraum 2018"
                    wording = f"{chosen.period.wording} ({kinds[0].wording})"
                    return replace(kinds[0], year=chosen.period.year, wording=wording, rel=None), "", set()
                here = [m for m in here if m is not chosen]
                chosen = min(here, key=distance) if here else None
        if not here:
            # "Im Halbjahr ergab sich ein Vorsteuergewinn von ... Der Umsatz stieg um 6,3 Prozent": a period the
            # sentence just before names only by its length ("im Halbjahr", "in the quarter"), the last it names
            before = [(i, m) for i, m in self.periods if i < index and m.period.rel != "same"]
            if before and before[-1][0] == index - 1 and before[-1][1].period.context and before[-1][1].period.months:
                chosen = before[-1][1]
                here = [chosen]
        if here and chosen is not None:
            if not chosen.period.context:
                return self._complete(chosen.period, index, company), "", set()
            months = chosen.period.months
        # The last period named before: in the sentence just before, or in one that states a figure (not "to
        # reach its targets for the year"), or the previous claim's, whichever comes last.
        # (not a period named for a forecast: "sa prévision de marge pour l'ensemble de l'exercice")
        earlier = [
            (i, m)
            for i, m in self.periods
            if i < index and not m.period.context and m.period.rel != "same" and not self._forecast_period(i, m)
        ]
        if months is not None:  # "for the quarter": the last quarter named; none named, the quarter just ended
            earlier = [(i, m) for i, m in earlier if m.period.months == months]
            if not earlier:
                return replace(chosen.period, context=False, rel="just_ended"), "", set()
        recent = [(i, m) for i, m in earlier if i == index - 1 or self._has_figure(i)] or earlier
        own = [(i, m) for i, m in recent if company in self._names_in(i)]
        recent = own if own and len(self._companies_named()) > 1 else recent
        last_claim = next(
            (
                c
                for c in reversed(self.claims)
                if c.period is not None and c.company == company and months in (None, c.period.months)
            ),
            None,
        )  # ("Revenue ... during the quarter" after a full year's figure: not that year)
        if recent and (last_claim is None or recent[-1][1].start > last_claim.start):
            source, latest = recent[-1]
            if not latest.period.complete:  # "im vergangenen Geschäftsjahr", after "Geschäftsjahr 2023/2024"
                full = [
                    (i, m)
                    for i, m in recent
                    if index - 4 <= i and m.period.complete and m.period.months == latest.period.months
                ]
                source, latest = full[-1] if full else (source, latest)
            period = self._complete(latest.period, source, company)
            start, end = self.sentences[source]
            # "It generated $50.95 billion of revenue in Q2": the sentence is about the company of its claims.
            names = self._names_in(source) or {c.company for c in self.claims if start <= c.start < end}
            return period, clean(latest.period.wording), names
        if last_claim is not None:
            return last_claim.period, last_claim.period_from or clean(last_claim.period.wording), {last_claim.company}
        compared = [m.period for i, m in self.compared if i == index and m.period.complete]
        lengths = [m.period for i, m in self.compared if i == index and m.period.context and m.period.months]
        if lengths and not here:  # "im Vergleich zum Vorjahresquartal": of the quarter just ended
            return replace(lengths[0], context=False, rel="just_ended"), "", set()
        if compared and not here:  # "9,8 MdsE, en hausse de 8% ... comparé aux 9 premiers mois de 2020": of 2021
            return _year_later(compared[0]), "", set()
        # Named nowhere before, but later the text speaks of "the quarter" it reports on ("sales in the Digital
        # Services business area decreased during the quarter"): the quarter ended last before publication.
        later = [m.period for i, m in self.periods if i > index and m.period.context and m.period.months]
        if later and not here:
            wording = f"{clean(later[0].wording)}, later in the text"
            return replace(later[0], context=False, rel="just_ended", wording=wording), "", set()
        return None, "", set()

    def _complete(self, period: Period, index: int, company: str) -> Period:
        """A period named without its year, completed from the text: where it is named again with it (in a
        sentence about the same company first: "first half 2008" ... "the first half"), or a year after the one
        it is compared with ("from the same period of 2019"), or in the fiscal year named just before."""
        if period.year is not None or period.end_year is not None or period.rel not in (None, "current"):
            return period
        if period.end is not None and period.start_month is not None:
            return self._range_in_fiscal_year(period, index)
        if period.months == 12 and period.rel == "current":
            # "Fiscal year Group revenue", "für das Gesamtjahr": the fiscal year the text names by its end.
            # (the sentence names the period, "Fiscal year Group revenue"; which year it is, the text says elsewhere)
            named = self._named_again(index, company, lambda o: o.months == 12 and o.complete)
            if named is None:
                return self._year_of_fourth_quarter(period)
            return replace(named, wording=f"{period.wording} ({named.wording})")
        if period.months not in (3, 6, 9) or period.rel:
            return period
        named = self._named_again(
            index,
            company,
            lambda o: (
                o.months == period.months
                and (o.number == period.number or None in (o.number, period.number))
                and (o.year is not None or o.end_year is not None or o.end is not None)
            ),
        )
        if named is not None:
            return replace(
                period,
                year=named.year,
                end=period.end or named.end,
                end_year=named.end_year,
                fiscal=named.fiscal,
                number=period.number or named.number,
                wording=f"{period.wording} ({named.wording})",
            )
        # (of the same quarter or half: "their first rise since the third quarter of 2014" lends no year to "the
        # first quarter")
        compared = [
            o.period
            for i, o in self.compared
            if i == index and o.period.year and o.period.number in (None, period.number)
        ]
        if compared and not period.fiscal:  # "Sales in the fourth quarter ... from the same period of 2019"
            return replace(
                period,
                year=compared[0].year + 1,
                wording=f"{period.wording} (a year after {compared[0].year})",
                supplied=True,
            )
        return self._with_fiscal_label(period, index, self.periods)

    def _named_again(self, index: int, company: str, matches) -> Period | None:
        """The nearest mention that `matches`, in a sentence about the same company (or none) before others."""
        options = [
            (bool(names := self._names_in(i)) and company not in names, not m.period.complete, abs(i - index), m.period)
            for i, m in self.periods
            if matches(m.period) and not m.period.context and not self._not_ended(m.period)
        ]
        # (one that names the year before one that does not: "zweiten Quartal 2015" over "von April bis Juni")
        return min(options, key=lambda item: item[:3])[3] if options else None

    def _year_of_fourth_quarter(self, period: Period) -> Period:
        """ "Net revenue for the full fiscal year" in a text whose fourth quarter is named and a quarter ended on a
        day ("the quarter ended Feb. 26"): the fiscal year that ended that day."""
        mentions = [m.period for _, m in self.periods]
        ended = [p for p in mentions if p.months == 3 and p.end is not None and p.end[1] is not None]
        if not ended or not any(p.months == 3 and p.number == 4 for p in mentions):
            return period
        last = ended[-1]
        return replace(
            period, end=last.end, end_year=last.end_year, rel=None, wording=f"{period.wording} (to “{last.wording}”)"
        )

    def _not_ended(self, period: Period) -> bool:
        """A period named with its year that ends after publication ("In Fiscal 2024, our focus will be"): no
        figure reported in the text is of it."""
        published = self.article.published
        if published is None or (period.year is None and period.end_year is None):
            return False
        return resolve_period(period, published, None).end > published

    def _names_in(self, index: int) -> set[str]:
        """The companies a sentence names."""
        return {self.companies.name(entity) for _, entity in self.companies.accepted_mentions(*self.sentences[index])}

    def _companies_named(self) -> set[str]:
        return {self.companies.name(entity) for _, entity in self.companies.accepted_mentions(0, len(self.text))}

    def _range_in_fiscal_year(self, period: Period, index: int) -> Period:
        """Months named without a year ("De juillet à septembre", "entre juillet et septembre") in or right after a
        sentence that names the fiscal year ("son exercice décalé 2022-23") are of that fiscal year: the last such
        months of it ended before publication."""
        labels = [m.period for i, m in self.periods if index - 2 <= i <= index and m.period.fiscal and m.period.year]
        if not labels:
            return period
        label = labels[-1]
        published = self.article.published
        month = period.end[0]
        for year in (label.year, label.year - 1):
            if published is None or dt.date(year, month, 28) <= published:
                start_year = year - (period.start_month > month)
                return replace(
                    period, end_year=year, start_year=start_year, wording=f"{period.wording} ({label.wording})"
                )
        return period

    def _with_fiscal_label(self, period: Period, index: int, found: list[tuple[int, Mention]]) -> Period:
        """A quarter, half or nine months named without a year, right after a sentence that names the fiscal year
        ("Im laufenden Geschäftsjahr 2016/17 ... Nach neun Monaten"), is of that fiscal year."""
        if period.year is not None or period.end is not None or period.months not in (3, 6, 9):
            return period
        labels = [
            m.period
            for i, m in found
            if index - 2 <= i < index and m.period.months == 12 and m.period.fiscal and m.period.year
        ]
        if not labels:
            return period
        label = labels[-1]
        return replace(period, year=label.year, fiscal=True, wording=f"{period.wording} ({label.wording})")

    def _year_end_named(self, month: int) -> bool:
        """Whether the text names the month a fiscal year ends in ("stiegen die Erlöse per Ende September", "Ende
        Juni im abgelaufenen Geschäftsjahr", "its fiscal year ending in June"): then a year end the table gives in
        that month is the text's too."""
        return any(
            self.g.months.get(m.group("month").lower().rstrip(".")) == month
            for m in self.g.year_end_named.finditer(self.text)
        )

    def _forecast_period(self, index: int, mention: Mention) -> bool:
        """A period named for a forecast, in the same stretch of its sentence ("sa prévision de marge pour
        l'ensemble de l'exercice"; not "son objectif pour 2023, dopées au premier semestre")."""
        start = self.sentences[index][0]
        stretch = self.text[max(start, mention.start - 80) : mention.start]
        found = list(self.g.forecast.finditer(stretch))
        # ("das für 2025 angepeilte Ziel", "the target for 2025": the forecast word after the period)
        after = re.match(r"\s+(?:[^\s,;.]+\s+){0,1}", self.text[mention.end : mention.end + 40])
        if (
            re.search(r"\b(?:pour|for|für)\s+$", stretch)
            and after
            and self.g.forecast.match(self.text, mention.end + after.end())
        ):
            return True
        # ("the positive effect is set to fade this year": the year still running, in a forecast)
        clause = re.split(r"[,;:]", stretch)[-1]
        if mention.period.rel in ("this", "current") and self.g.forecast.search(clause):
            return True
        return bool(found) and bool(
            re.fullmatch(r"\s+(?:[^\s,;]+\s+){0,5}?(?:pour|for|für)\s+", stretch[found[-1].end() :])
        )

    def _has_figure(self, index: int) -> bool:
        start, end = self.sentences[index]
        return any(start <= a < end for a, _ in self.amount_spans) or bool(self.g.percent.search(self.text, start, end))

    def _year_ends(self) -> dict[str, tuple[int, int]]:
        """The fiscal year end of each company: from its reported figures, else from a period the text names by
        its end ("the year ended March 31", "premier semestre clos fin décembre"); a text about one company
        gives its every such period to it."""
        ends: dict[str, tuple[int, int]] = {}
        stated = {year_end_of(m.period) for _, m in self.periods} - {None}
        # "l'exercice 2022-2023" ... "au 30 septembre 2023, un chiffre d'affaires": the split year ends that day
        split_ends = {m.period.year for _, m in self.periods if m.period.split and m.period.months == 12}
        stated |= {
            (m.period.end[0], calendar.monthrange(2001, m.period.end[0])[1])
            for _, m in self.periods
            if m.period.to_date and m.period.end_year in split_ends
        }
        companies = {claim.company for claim in self.claims if claim.company}
        for company in companies:
            known = self.reported.get(core_key(company.split()))
            currencies = {claim.currency for claim in self.claims if claim.company == company}
            by_law = {FISCAL_YEAR_ENDS[code] for code in currencies if code in FISCAL_YEAR_ENDS}
            listed = known_year_end(company)
            if known and known.year_end:
                ends[company] = known.year_end
            elif len(stated) == 1 and len(companies) == 1:
                ends[company] = next(iter(stated))
                if listed is not None and listed.week_rule and listed.month == ends[company][0]:
                    ends[company] = listed.year_end  # "to July", of a year ending the last Saturday of July
            elif listed is not None:
                ends[company] = listed.year_end
                self.listed_ends[company] = listed
            elif len(by_law) == 1:
                ends[company] = next(iter(by_law))
        if len(stated) == 1 and len(companies) > 1:
            # Several companies: a stated year end belongs to the one whose claims name it.
            for claim in self.claims:
                if claim.company and claim.company not in ends and claim.period and year_end_of(claim.period):
                    ends[claim.company] = year_end_of(claim.period)
        return ends

    def _fiscal_companies(self) -> set[str]:
        """Companies the text gives fiscal periods ("son exercice décalé 2020/21", "fiscal 2024"): their quarters
        and halves named without "fiscal" are fiscal ones too. A text about one company gives it all of its."""
        companies = {claim.company for claim in self.claims}
        explicit = {claim.company for claim in self.claims if claim.period is not None and claim.period.fiscal}
        if len(companies) == 1 and any(m.period.fiscal and m.period.year for _, m in self.periods):
            explicit |= companies
        return explicit

    def _months_named(self, start: dt.date, end: dt.date) -> bool:
        """Whether the text names these months itself ("entre juillet et septembre", "the three months to 30
        June"): then a fiscal reading that gives them needs no table."""
        published = self.article.published
        for _, mention in self.periods:
            named = mention.period
            if named.end is None or named.months != _months_between(start, end):
                continue
            dates = resolve_period(named, published, None)
            if (dates.start.month, dates.end.month, dates.end.day) == (start.month, end.month, end.day):
                return True
        return False

    def _named_with_year(self, claim: Claim, start: dt.date, end: dt.date, year_end, calendar_years: bool) -> str:
        """The words of a period named with its year, in the claim's sentence or the one before, that covers the
        same days as the one the claim's own words leave without a year; "" if none."""
        published = self.article.published
        index = next((i for i, (a, b) in enumerate(self.sentences) if a <= claim.start < b), None)
        if index is None or published is None:
            return ""
        for i, mention in self.periods:
            if i not in (index - 1, index) or not mention.period.complete or mention.period.context:
                continue
            if i != index and (names := self._names_in(i)) and claim.company not in names:
                continue  # (a sentence about another company names its own period)
            dates = resolve_period(mention.period, published, year_end, calendar_years)
            if (dates.start, dates.end) == (start, end) and not dates.inferred:
                return clean(mention.period.wording)
        return ""

    def _resolve_period(self, claim: Claim, year_ends: dict[str, tuple[int, int]], fiscal: set[str]) -> None:
        published = self.article.published
        assert published is not None
        period = claim.period
        if period is not None and claim.company in fiscal and period.months in (3, 6, 9) and not period.fiscal:
            period = replace(period, fiscal=True)
        calendar_years = bool(table(self.g.code).get("calendar_fiscal_years"))
        # A period taken from a sentence about another company ("$50.95 billion of revenue in Q2" ... "revenue
        # rose 21%") keeps the dates it has there, not this company's fiscal reading of its words.
        year_end = None if claim.period_borrowed else year_ends.get(claim.company)
        if period is not None and year_end is not None and len(year_end) > 2 and period.end is not None:
            # "its fiscal fourth quarter to July" of a 52/53-week year ending the last Saturday of July: the
            # quarter or year that ends with the fiscal year, on the day its rule gives
            ends_year = period.months == 12 or (
                period.months in (3, 6) and period.number in (None, 12 // period.months)
            )
            if period.end == (year_end[0], None) and period.start_month is None and ends_year:
                number = 12 // period.months if period.months in (3, 6) else period.number
                period = replace(period, end=None, fiscal=True, number=number, year=period.end_year)
        if period is not None and period.to_date and year_end is not None and period.end is not None:
            # "au 30 septembre 2023" of a year ending in September: its whole year; of one ending in June, a quarter
            months = (period.end[0] - year_end[0]) % 12 or 12
            period = replace(period, months=months)
        resolved = resolve_period(period, published, year_end, calendar_years)
        listed = None if claim.period_borrowed else self.listed_ends.get(claim.company)
        fiscal_reading = period is None or period.fiscal or period.rel in ("current", "last", "this")
        if (
            listed is not None
            and (fiscal_reading or resolved[:2] != resolve_period(period, published, None, calendar_years)[:2])
            and not self._months_named(resolved.start, resolved.end)
            and not self._year_end_named(listed.month)
        ):
            # The year end comes from the table, not the text: inferred, with its source.
            note = (
                f"{resolved.note} The year end ({describe_year_end(listed.year_end)}) is not in the"
                f" text but in the table of known fiscal years ({listed.source}): review."
            )
            resolved = resolved._replace(inferred=True, note=note)
        elif resolved.inferred and not claim.period_borrowed and period is not None:
            named = self._named_with_year(claim, resolved.start, resolved.end, year_end, calendar_years)
            if named:  # "fiscal 2023" ... "In the year that ended in March, sales rose 19.7 pct"
                note = f"{resolved.note} The sentence before names it with its year (“{named}”)."
                resolved = resolved._replace(inferred=False, note=note)
        claim.period_start, claim.period_end = resolved.start, resolved.end
        claim.period_inferred, claim.period_note = resolved.inferred, resolved.note
        if claim.period_from:
            claim.period_note += f" The period is named in an earlier sentence (“{claim.period_from}”)."
            claim.flags.append("period taken from an earlier sentence")
        if claim.period_borrowed and not resolved.inferred:
            claim.period_inferred = True
            claim.period_note += " That sentence is about another company: review."
        if claim.period_inferred:
            claim.flags.append("period inferred, not stated")


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _year_later(period: Period) -> Period:
    """The same period a year later: what a figure compared with `period` covers."""
    return replace(
        period,
        year=period.year + 1 if period.year is not None else None,
        end_year=period.end_year + 1 if period.end_year is not None else None,
        start_year=period.start_year + 1 if period.start_year is not None else None,
        wording=f"a year after “{period.wording}”, the period it is compared with",
        rel="compared",
    )


def _merged(found: list[Mention]) -> list[Mention]:
    """Mentions of one period side by side merged: a numbered quarter or half and the same period named by its
    end or months ("the quarter ended March 31 (Q4 FY24)", "premier semestre 2021-2022 (de septembre 2021 à
    février 2022)")."""
    merged: list[Mention] = []
    for mention in found:
        if merged and _complement(merged[-1].period, mention.period):
            last = merged.pop()
            mention = Mention(last.start, mention.end, _combine(last.period, mention.period))
        merged.append(mention)
    return merged


def _complement(a: Period, b: Period) -> bool:
    if a.context or b.context or a.months != b.months or a.months is None:
        return False
    numbered, ended = (a, b) if a.end is None else (b, a)
    return numbered.end is None and ended.end is not None and numbered.number is not None


def _combine(a: Period, b: Period) -> Period:
    numbered, ended = (a, b) if a.end is None else (b, a)
    return replace(
        ended,
        wording=f"{a.wording} {b.wording}",
        number=numbered.number,
        fiscal=numbered.fiscal or ended.fiscal,
        year=numbered.year,
    )
