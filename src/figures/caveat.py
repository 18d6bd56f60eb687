"""A caveat and a rule: the vocabulary every caveat rule speaks (`figures.caveats` and `figures.period_caveats`).

A `Caveat` is one fired rule: its code, the company, its rank, an English template translated at display time, and
its numbers as (kind, value) fields formatted in the reader's locale. `rule` registers a detection function under a
stable code in `RULES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pandas as pd
from babel.lists import format_list
from babel.units import format_unit

from figures import i18n
from figures.formats import amount_m, md, percent, period_text, rate
from figures.i18n import N_, tr

__all__ = ["RULES", "Caveat", "Rule", "rule"]


@dataclass(frozen=True)
class Caveat:
    """One fired rule: what it found, for whom, how much it matters, and the sentence with its numbers.

    Fields are (kind, value) pairs, formatted in the reader's locale by `text`. The template is one
    sentence, or a sentence and the clauses that complete it, each translated on its own.

    >>> Caveat("example", "A", (2, 5.0), "{company}'s growth is {growth}.",
    ...        {"company": ("text", "A"), "growth": ("percent", 5.0)}).text()
    "A's growth is +5.0%."
    """

    code: str
    company: str | None
    rank: tuple[int, float]
    template: str | tuple[str, ...]
    fields: dict[str, tuple[str, object]] = field(default_factory=dict)

    def text(self, locale: str = "en", *, markdown: bool = False, standalone: bool = False) -> str:
        """The caveat as a sentence in `locale`; with `markdown`, text from data is escaped for markdown.

        French writes a caveat after a colon in lower case; `standalone` starts it with a capital.

        >>> fields = {"company": ("text", "A*")}
        >>> caveat = Caveat("example", "A*", (0, 0.0), "{company}'s revenue is approximate.", fields)
        >>> caveat.text(), caveat.text(markdown=True)
        ("A*'s revenue is approximate.", "A\\\\*'s revenue is approximate.")
        >>> samsung = {"company": ("text", "Samsung Electronics")}
        >>> Caveat("example", "S", (0, 0.0), "{company}'s revenue.", samsung).text()
        "Samsung Electronics' revenue."
        """
        values = {}
        for name, (kind, value) in self.fields.items():
            shown = _format(kind, value, locale)
            values[name] = md(shown) if markdown and kind in ("text", "period", "groups") else shown
        parts = (self.template,) if isinstance(self.template, str) else self.template
        # A closing full stop is punctuation, not a message to translate.
        template = "".join(tr(part, locale) if part != "." else part for part in parts)
        if locale == "en":  # a name ending in s takes the apostrophe alone: "Samsung Electronics' revenue"
            for name, (kind, value) in self.fields.items():
                if kind == "text" and str(value)[-1:] in ("s", "S"):
                    template = template.replace(f"{{{name}}}'s", f"{{{name}}}'")
        text = i18n.one_full_stop(i18n.elide(template, values, locale).format(**values))
        if not standalone:
            return text
        first = next((i for i, char in enumerate(text) if char.isalpha()), 0)
        return text[:first] + text[first : first + 1].upper() + text[first + 1 :]


@dataclass(frozen=True)
class Rule:
    """A rule: stable code, one-line description, and the detection over the table.

    >>> from figures import caveats  # every rule module, registered
    >>> sorted(rule.code for rule in RULES)[:3]
    ['approximate', 'claim-mismatch', 'convenience-translation']
    """

    code: str
    description: str
    detect: Callable[[pd.DataFrame, str, str], Iterator[Caveat]]


RULES: list[Rule] = []

CLAIM_NOTES: dict[str, str] = {
    "growth-paired-currency": N_("measured in {currency}, while the claim pairs it with {claim_currency}"),
    "convenience-translation": N_(
        "the reported figure is itself a convenience translation at {rate} {source} per {target} on {date}"
    ),
    "approximate": N_("the claim is given as approximate"),
    "approximate-reported": N_("the reported figure is approximate"),
    "growth-recomputed": N_(
        "no growth rate is reported: recomputed from the reported revenues {current} and {previous}"
    ),
}
"""What the reconciliation notes beside one claim, by code: where a rule finds the same thing in the table, its
rule's code (`RULES`), so that a claim's note and the caveat are one finding told at two scales; the two others
("approximate-reported", "growth-recomputed") are facts of one reconciliation only."""


def rule(code: str, description: str):
    """Register a detection function as a rule with a stable `code`.

    >>> from figures import caveats  # every rule module, registered
    >>> "fiscal-year-ends" in {rule.code: rule.description for rule in RULES}
    True
    """

    def register(function: Callable[[pd.DataFrame, str, str], Iterator[Caveat]]):
        RULES.append(Rule(code, description, function))
        return function

    return register


def _format(kind: str, value: object, locale: str) -> str:
    if kind == "percent":
        return percent(value, locale)
    if kind == "pp":
        return f"{i18n.signed_number(value, locale, 1)} {tr('pp', locale)}"
    if kind == "amount":
        return amount_m(value, locale)
    if kind == "change":
        return i18n.signed_number(value, locale)
    if kind == "rate":
        return rate(value, locale)
    if kind == "date":
        return i18n.date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)), locale)
    if kind == "period":
        return period_text(value, locale)
    if kind == "term":
        return tr(value, locale)
    if kind == "int":
        return str(value)
    if kind == "months":  # "1 month", "3 months"; "1 mois"
        return format_unit(value, "duration-month", length="long", locale=locale)
    if kind == "lengths":  # [(length, [(company, row)])]: "a half year: A (Jan–Jun 2024); a year: B (Jan–Dec 2023)"
        return i18n.semicolons(
            (
                tr("{length}: {companies}", locale).format(
                    length=tr(length, locale),
                    companies=format_list(
                        [f"{c} ({period_text(row, locale, fiscal=False, kind=False)})" for c, row in rows],
                        locale=locale,
                    ),
                )
                for length, rows in value
            ),
            locale,
        )
    if kind == "groups":  # [(a row giving the period, [companies])]: "A and B, Jan–Dec 2023; C, Apr 2023–Mar 2024"
        return i18n.semicolons(
            (
                f"{format_list([str(c) for c in names], locale=locale)}, {period_text(row, locale, fiscal=False)}"
                for row, names in value
            ),
            locale,
        )
    return str(value)
