"""What extraction finds: the draft's claims, the figures left out with the reason, and the whole extraction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from figures.extract.article import Article
from figures.extract.periods import Period
from figures.load import REVENUE_SCALE_TO_MILLIONS


@dataclass
class Claim:
    """A figure of the draft: what the text states, where (offsets in the article's text), and what a person
    should check (`flags`).

    >>> from figures.extract import extract
    >>> found = extract("Acme Group's revenue reached about $3.4 billion.", published="2018-03-01")
    >>> claim = found.claims[0]
    >>> found.article.text[claim.start : claim.end], claim.approximate, claim.period_inferred, claim.flags
    ('$3.4 billion', True, True, ['period inferred, not stated'])
    """

    metric: str
    company: str
    value: Decimal
    unit: str
    currency: str
    start: int
    end: int
    sentence: str
    approximate: bool
    period: Period | None
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    translation: tuple[int, int, str] | None = None
    bare_currency: bool = False  # read from a bare "$" or "dollars" that no place in the text settles
    pair: Claim | None = None
    number: int = 0
    figure_id: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_inferred: bool = False
    period_note: str = ""
    period_from: str = ""  # the words of an earlier sentence that named the period, where it was taken from there
    period_borrowed: bool = False  # taken from a sentence about other companies


@dataclass
class LeftOut:
    """A figure the draft leaves out, and why; the review page lists them.

    >>> from figures.extract import extract
    >>> found = extract("Acme Group's revenue rose 5% to $2 billion in 2017; its net profit fell 3%.",
    ...                 published="2018-03-01")
    >>> [(found.article.text[item.start : item.end], item.reason) for item in found.left_out]
    [('3%', 'not revenue: net profit')]
    """

    start: int
    end: int
    reason: str
    company: str = ""
    component: str = ""


@dataclass
class Extraction:
    """What `extract` found in an article: the draft's claims and the figures left out.

    >>> from figures.extract import extract
    >>> found = extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01")
    >>> len(found.claims), found.left_out, found.source
    (1, [], '<text>')
    """

    article: Article
    claims: list[Claim]
    left_out: list[LeftOut]
    source: str
    source_given: bool

    def rows(self) -> list[dict[str, str]]:
        """The draft's rows, as the claims file holds them (every cell a string).

        >>> from figures.extract import extract
        >>> row = extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01").rows()[0]
        >>> row["figure_id"], row["value"], row["unit"], row["currency"], row["period_start"], row["wording"]
        ('acme_group_revenue_1', '3.4', 'billion', 'USD', '2017-01-01', '$3.4 billion')
        """
        from figures.extract.draft import row

        return [row(self, claim) for claim in self.claims]

    def review_flags(self, claim: Claim) -> list[str]:
        """What a reader should check in one claim before using it (its note's "Review:"); empty if nothing."""
        return [*claim.flags, *([] if self.source_given else ["the article names no source: give --source"])]

    @property
    def flagged(self) -> int:
        """How many drafted claims have something to review.

        >>> from figures.extract import extract
        >>> extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01").flagged
        1
        >>> extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01", source="Wire").flagged
        0
        """
        return sum(1 for claim in self.claims if self.review_flags(claim))


def millions(claim) -> Decimal:
    """A claim's value in millions (a growth rate as it is): the same figure in two scales compares equal."""
    scale = REVENUE_SCALE_TO_MILLIONS.get(claim.unit)
    return claim.value if scale is None else claim.value * Decimal(str(scale))
