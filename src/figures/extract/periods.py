"""Periods: what the text says of a figure's period.

A `Period` is what the words say, in the same shape in every language: how many months (a quarter, a half,
nine months counted from the start of a year, a year), which one of the year, the year or fiscal-year label,
whether it is fiscal, or the day it ended. `period_dates.resolve_period` turns it into dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from figures.extract.language import Grammar, PeriodPattern, ordinal
from figures.extract.sentences import clean, overlap


@dataclass(frozen=True)
class Period:
    """What the text says of a figure's period (None where it says nothing).

    `months` is its length (3, 6, 9, 12; None for "the period" of the sentence before), `number` which one of
    its year (the second quarter: 2; nine months count from the start: 1), `year` the calendar year or the
    fiscal year's label (the year it ends in), `fiscal` whether the words say fiscal; `end` the month and day
    it ended where the words name them, `start_month` the first month of a range, `rel` a year relative to
    publication ("last", "this", "current", "just_ended"), `weeks` its length where counted in weeks.

    >>> Period(3, "second quarter of 2018", number=2, year=2018).kind
    'quarter'
    """

    months: int | None
    wording: str
    number: int | None = None
    year: int | None = None
    fiscal: bool = False
    end: tuple[int, int | None] | None = None
    end_year: int | None = None
    start_month: int | None = None
    start_year: int | None = None
    rel: str | None = None
    weeks: int | None = None
    context: bool = False
    split: bool = False  # a fiscal year named by two years ("2023/24")
    supplied: bool = False  # its year supplied by the reader: a year after the one it is compared with
    to_date: bool = False  # the year so far, to its `end` ("au 31 mars 2023"): from the fiscal year's start

    @property
    def kind(self) -> str:
        return {3: "quarter", 6: "half", 9: "nine months", 12: "year"}.get(self.months or 0, "period")

    @property
    def complete(self) -> bool:
        """Whether the words fix the dates without the publication date (a year, or an end with its year)."""
        if self.end is not None:
            return self.end_year is not None
        return self.year is not None


@dataclass(frozen=True)
class Mention:
    """A period named in the text, where; `compared` for the previous period a figure is compared with."""

    start: int
    end: int
    period: Period
    compared: bool = False


def mentions(g: Grammar, text: str, start: int, end: int, excluded: list[tuple[int, int]]) -> list[Mention]:
    """The periods named between `start` and `end`, leaving out those given for comparison ("from the same
    period of 2019") and those inside `excluded` spans (dates, amounts).

    >>> from figures.extract.language import grammar
    >>> text = "Sales rose in the second quarter of 2024 from the same period of 2023."
    >>> [(m.period.wording, m.compared) for m in mentions(grammar("en"), text, 0, len(text), [])]
    [('the second quarter of 2024', False), ('2023', True)]
    """
    found: list[Mention] = []
    compared: list[tuple[int, int]] = []  # previous periods: their words are no other period's
    for entry in g.periods:
        for match in entry.pattern.finditer(text, start, end):
            span = match.span()
            if any(overlap(span, (m.start, m.end)) for m in found):
                continue
            if any(s <= span[0] and span[1] <= e for s, e in excluded):
                continue
            # "par rapport au premier semestre l'an passé": a period right after a compared one is compared too.
            after_compared = any(
                e <= span[0] and re.fullmatch(r"[\s,]*(?:de|of|des|du)?\s*", text[e : span[0]]) for _, e in compared
            )
            # "von 393,6 Millionen Euro im ersten Halbjahr 2017 auf 352,7 Millionen": the period of the earlier one
            between = g.compared_from.search(text[max(start, span[0] - 80) : span[0]]) and g.compared_to.match(
                text, span[1], end
            )
            if after_compared or between or g.comparison_before.search(text[max(start, span[0] - 80) : span[0]]):
                compared.append(span)
                period = period_of(g, entry, match)
                if period is not None:
                    found.append(Mention(span[0], span[1], period, compared=True))
                continue
            period = period_of(g, entry, match)
            if period is not None:
                found.append(Mention(span[0], span[1], period))
    return sorted(found, key=lambda m: m.start)


def period_of(g: Grammar, entry: PeriodPattern, match: re.Match[str]) -> Period | None:
    """The period one match of a `[[periods]]` pattern names."""
    parts = {key: value for key, value in match.groupdict().items() if value}
    wording = clean(match.group(0))
    fiscal = any(key.startswith("fiscal") for key in parts)
    year = _year(parts.get("year") or parts.get("year2") or parts.get("year3") or parts.get("year4"), parts.get("yy"))
    year_end = parts.get("year_end") or parts.get("year_end2") or parts.get("year_end4")
    split = False
    if year is not None and year_end:
        if _split_year_end(year, year_end) - year > 1:
            return None  # "le plan 2023-2026": several years, not one fiscal year
        year = _split_year_end(year, year_end)
        fiscal = split = True
    rel = entry.rel or parts.get("rel", "").lower() or None
    if rel is None and g.current_year.search(wording):
        rel = "current"  # "in den ersten sechs Monaten des laufenden Geschäftsjahrs"
    number = entry.number
    if parts.get("number") or parts.get("number2"):
        number = int(parts.get("number") or parts["number2"])
    elif parts.get("order"):
        order = parts["order"].lower()
        number = ordinal(g.code, order) if entry.kind == "quarter" else (1 if _first_half(order) else 2)
    kind = entry.kind
    months_of = g.months
    if kind in ("quarter", "half"):
        months = 3 if kind == "quarter" else 6
        end = None
        if parts.get("month"):  # "premier semestre, clos fin décembre"
            day_text = parts.get("day")
            end = (
                months_of[parts["month"].lower().rstrip(".")],
                1 if day_text == "1er" else int(day_text) if day_text else None,
            )
        end_year = _year(parts.get("end_year"))
        if end is not None and end_year is None and split and number:
            # "premier semestre de son exercice décalé 2017/18 (clos fin septembre)": the year begins in 2017; its
            # first half ends in September of the year it begins in, unless the half runs over the new year.
            end_year = year - 1 if end[0] - months * number + 1 >= 1 else year
        return Period(months, wording, number=number, year=year, fiscal=fiscal, rel=rel, end=end, end_year=end_year)
    if kind == "months":
        # "the first three quarters", "die ersten drei Quartale", "les trois premiers trimestres": nine months
        months = 9 if parts.get("quarters") else g.month_counts.get(parts.get("count", "").lower())
        first = bool(parts.get("first")) or months == 9
        if not months or (not first and year is None and not fiscal):
            return None  # "a total three-month revenue": a length, not which months
        return Period(months, wording, number=1, year=year, fiscal=fiscal, rel=rel)
    if kind == "fiscal_year":
        return Period(12, wording, year=year, fiscal=True, rel=rel, split=split)
    if kind == "year":
        return Period(12, wording, year=year, rel=rel)
    if kind == "just_ended":  # "quarterly revenue": the quarter ended last; "annual sales": the last year
        return Period(entry.months, wording, rel="last" if entry.months == 12 else "just_ended")
    if kind == "context":
        return Period(entry.months, wording, context=True)
    if kind == "same":  # "im selben Zeitraum 2018": the compared period's kind, in this year (`claim_periods`)
        return Period(None, wording, year=year, rel="same")
    if kind == "season":
        first, last = g.seasons[parts["season"].lower()]
        return Period((last - first) % 12 + 1, wording, end=(last, None), start_month=first)
    if kind == "range":
        first = months_of.get(parts["from_month"].lower().rstrip("."))
        last = months_of.get((parts.get("to_month") or parts["from_month"]).lower().rstrip("."))
        if first is None or last is None:
            return None
        months = (last - first) % 12 + 1
        start_year = _year(parts.get("from_year"))
        end_year = year if year is not None else (start_year + (last < first) if start_year is not None else None)
        return Period(months, wording, end=(last, None), end_year=end_year, start_month=first, start_year=start_year)
    if kind == "to_date":  # "indicateurs d'activité au 31 mars 2023": the year so far, to a quarter's end
        month = months_of.get(parts["month"].lower().rstrip("."))
        day_text = parts.get("day")
        day = 1 if day_text == "1er" else int(day_text) if day_text else None
        if month is None or month % 3 or (day is not None and day < 28):
            return None
        return Period(month, wording, end=(month, day), end_year=_year(parts.get("end_year")), to_date=True)
    if kind == "ended":
        if parts.get("holiday"):  # "the 26 weeks to Christmas Day"
            month, day = g.holidays[re.sub(r"\s+", " ", parts["holiday"].lower())]
        else:
            month = months_of.get(parts["month"].lower().rstrip("."))
            if month is None:
                return None
            day_text = parts.get("day") or parts.get("day_first")
            day = 1 if day_text == "1er" else int(day_text) if day_text else None
        what = re.sub(r"[\s-]+", " ", parts.get("what", "").lower())
        weeks = int(parts["weeks"]) if parts.get("weeks") else None
        months = g.ended_lengths.get(what) or g.ended_lengths.get(what.split(" ")[-1]) or entry.months
        months = None if weeks else months
        if weeks:
            months = round(weeks / 52 * 12)
        end_year = _year(parts.get("end_year") or parts.get("holiday_year"))
        if end_year is None and parts.get("fy_year"):
            end_year = _split_year_end(_year(parts["fy_year"]), parts.get("fy_end") or parts["fy_year"])
        if parts.get("fy_year"):  # "Geschäftsjahr 2016/17 (per Ende März)": a fiscal year's label
            fiscal, year = True, end_year
        if parts.get("order") and months in (3, 6):  # "premier semestre, clos fin décembre"
            number = (
                ordinal(g.code, parts["order"].lower())
                if months == 3
                else (1 if _first_half(parts["order"].lower()) else 2)
            )
        return Period(
            months, wording, number=number, year=year, end=(month, day), end_year=end_year, weeks=weeks, fiscal=fiscal
        )
    return None


def _first_half(word: str) -> bool:
    return word in ("first", "1st", "premier", "1er", "ersten", "erste", "1.")


def _year(text: str | None, short: str | None = None) -> int | None:
    value = text or short
    if not value:
        return None
    number = int(value.lstrip("'’"))
    if number >= 100:
        return number
    return 1900 + number if number >= 50 else 2000 + number  # FY '99 is 1999; FY24 is 2024


def _split_year_end(year: int, year_end: str) -> int:
    """The year a split year ends in: 2023/24 and 2023-2024 end in 2024."""
    end = int(year_end)
    if end < 100:
        end = year // 100 * 100 + end
        if end < year:
            end += 100
    return end if end >= year else year
