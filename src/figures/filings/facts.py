"""A fact as a filing reports it (concept, period, unit, value, precision) and the filing it comes from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Filing:
    """One filing: its form, its identifier (an accession number or a report id), when it was filed, and the
    entity that filed it (a CIK or an LEI), with the file it was read from and that file's SHA-256; `is_report` when
    it is a report read from its own file (inline XBRL, an XBRL instance, xBRL-JSON), which names neither an accession
    number nor a filing date (`filed` is then its latest period end), rather than a filing the SEC lists.

    >>> Filing("20-F", "0001047469-18-005257", dt.date(2018, 7, 27), "CIK 1577552", "Alibaba", "f.json", "ab").cite()
    'Alibaba, Form 20-F, accession 0001047469-18-005257, filed 2018-07-27 (CIK 1577552)'
    """

    form: str
    accession: str
    filed: dt.date
    entity: str
    entity_name: str
    file: str
    sha256: str
    is_report: bool = False

    def cite(self, name: str | None = None) -> str:
        """The filing in words, as a reported figure's `source` names it: by `name` (the company as the reader knows
        it), else the filer's own name.

        >>> Filing("10-K", "0001-24-1", dt.date(2024, 3, 26), "CIK 1", "Acme", "f.json", "ab").cite()
        'Acme, Form 10-K, accession 0001-24-1, filed 2024-03-26 (CIK 1)'
        >>> Filing("inline XBRL report", "r.xhtml", dt.date(2024, 12, 31), "LEI 5493", "Acme", "r.xhtml", "ab",
        ...        is_report=True).cite()
        'Acme, inline XBRL report r.xhtml, period ending 2024-12-31 (LEI 5493)'
        """
        name = name or self.entity_name
        if self.is_report:  # a report read from its file: no accession, no filing date in it
            return f"{name}, {self.form} {self.accession}, period ending {self.filed} ({self.entity})"
        return f"{name}, Form {self.form}, accession {self.accession}, filed {self.filed} ({self.entity})"


@dataclass(frozen=True)
class Fact:
    """A numeric fact over a period: its concept (prefixed: `us-gaap:Revenues`), value in units of `unit`, the
    currency its unit names (None when the unit is no currency), its precision as XBRL `decimals` (None when
    the source drops it, `math.inf` for `INF`: exact) and its context (an id, or the SEC's frame).

    >>> fact = Fact("ifrs-full:Revenue", Decimal("43862372"), "USD", "USD", dt.date(2024, 1, 1),
    ...             dt.date(2024, 12, 31), None, "CY2024", None)
    >>> fact.days, fact.value_millions
    (366, Decimal('43.862372'))
    """

    concept: str
    value: Decimal
    unit: str
    currency: str | None
    start: dt.date
    end: dt.date
    decimals: int | float | None
    context: str
    filing: Filing | None

    @property
    def days(self) -> int:
        """How many days the fact's period covers, both ends included.

        >>> Fact("c", Decimal(1), "EUR", "EUR", dt.date(2024, 1, 1), dt.date(2024, 3, 31), None, "", None).days
        91
        """
        return (self.end - self.start).days + 1

    @property
    def value_millions(self) -> Decimal:
        """The value in millions of its unit, exactly (no float rounding).

        >>> Fact("c", Decimal(250266000000), "CNY", "CNY", dt.date(2017, 4, 1), dt.date(2018, 3, 31), None, "",
        ...      None).value_millions
        Decimal('250266')
        """
        millions = self.value / Decimal(1_000_000)
        return millions.quantize(Decimal(1)) if millions == millions.to_integral_value() else millions.normalize()

    def describe(self) -> str:
        """The fact in words, as an error names it.

        >>> Fact("us-gaap:Revenues", Decimal(5), "shares", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31), None,
        ...      "", None).describe()
        'fact us-gaap:Revenues 2024-01-01 to 2024-12-31 in shares'
        """
        where = f" in {self.filing.form} {self.filing.accession}" if self.filing else ""
        context = f", context {self.context}" if self.context else ""
        return f"fact {self.concept} {self.start} to {self.end} in {self.unit}{where}{context}"
