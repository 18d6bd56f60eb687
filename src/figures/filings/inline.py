"""Inline XBRL (an ESEF report's .xhtml, or an XBRL instance): its numeric facts over a period, read by ixbrlparse.

ixbrlparse reads the document's `ix:header` (contexts, units) and every `ix:nonFraction`, applying its transformation
format, scale and sign. Facts with dimensions (a segment, a component of equity) are left out: a revenue row is the
entity's total. ixbrlparse reads the dimensions of a context's `xbrli:segment` only; ESEF puts them in its
`xbrli:scenario`, which is looked at here. The report's date is not in the file; the latest period end stands for it
and the row says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from decimal import Decimal, InvalidOperation
from pathlib import Path

from figures.errors import FiguresError
from figures.filings.facts import Fact, Filing
from figures.filings.limits import read_limited
from figures.load import ISO_4217

LEI_SCHEME = "http://standards.iso.org/iso/17442"
NAME_CONCEPTS = ("NameOfReportingEntityOrOtherMeansOfIdentification", "EntityRegistrantName")
FORM = "inline XBRL report"


def read_inline(path: str | Path) -> list[Fact]:
    """Every numeric fact over a period in an inline XBRL file, with the report it comes from.

    Raises:
        FiguresError: naming the file: not inline XBRL, an entity declaration, a fact whose value does not parse.

    >>> from figures.paths import ROOT
    >>> facts = read_inline(ROOT / "tests/filings/valeo_2014_income_statement.xhtml")
    >>> [(f.concept, str(f.value_millions), f.currency, f.context) for f in facts][:1]
    [('ifrs-full:Revenue', '12725', 'EUR', 'dcur1')]
    """
    path = Path(path)
    payload = read_limited(path)
    return read_inline_bytes(payload, path, report=path.name, sha256=hashlib.sha256(payload).hexdigest())


def read_inline_bytes(payload: bytes, path: str | Path, *, report: str, sha256: str) -> list[Fact]:
    """The facts of inline XBRL given as bytes (a file, or a report inside a package at `path`)."""
    if b"<!ENTITY" in payload:
        raise FiguresError(
            f"{report}: expected no entity declaration (<!ENTITY>, refused: it can read local files or expand"
            " without end)",
            path=path,
        )
    document = _parse(payload, path, report)
    numeric = [n for n in document.numeric if _context(n) is not None]
    scenarios = _contexts_with_a_scenario(document)
    if not numeric:
        raise FiguresError(
            f"{report}: expected inline XBRL facts (ix:nonFraction with a context), found no inline XBRL facts",
            path=path,
        )
    entity = _entity(numeric)
    ends = [_context(n).enddate for n in numeric if _context(n).enddate]
    name = _entity_name(document) or entity
    filing = Filing(FORM, report, max(ends) if ends else dt.date.min, entity, name, Path(path).name, sha256)
    facts = []
    for number in numeric:
        context = _context(number)
        if context.segments or context.id in scenarios or not (context.startdate and context.enddate):
            continue  # a dimension (not the entity's total) or an instant (a balance, never a revenue)
        facts.append(_fact(number, context, filing, path))
    return facts


def _parse(payload: bytes, path, report: str):
    import io

    from ixbrlparse import IXBRL

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # BeautifulSoup's warnings on odd markup: the facts decide
            return IXBRL(io.BytesIO(payload), raise_on_error=False)
    except Exception as error:  # ixbrlparse raises its own error, or a parser's, on what is not XBRL
        raise FiguresError(
            f"{report}: expected inline XBRL facts (an XHTML report), found no inline XBRL facts"
            f" ({type(error).__name__})",
            path=path,
        ) from None


def _context(number):
    context = number.context
    return None if isinstance(context, str) or context is None else context


def _contexts_with_a_scenario(document) -> set[str]:
    """The ids of the contexts whose `xbrli:scenario` holds anything (a dimension's member, as ESEF puts them).

    >>> import io
    >>> from ixbrlparse import IXBRL
    >>> from figures.paths import ROOT
    >>> doc = IXBRL(io.BytesIO((ROOT / "tests/filings/sap_2022_income_statement_de.xhtml").read_bytes()))
    >>> _contexts_with_a_scenario(doc)
    set()
    """
    ids = set()
    for context in document.soup.find_all(["xbrli:context", "context"]):
        scenario = context.find(["xbrli:scenario", "scenario"])
        if scenario is not None and scenario.find(True) is not None and context.get("id"):
            ids.add(context["id"])
    return ids


def _entity(numeric) -> str:
    schemes = {(c.entity.get("scheme") or "", c.entity.get("identifier") or "") for c in map(_context, numeric)}
    scheme, identifier = sorted(schemes)[0]
    identifier = identifier.strip()
    return f"LEI {identifier}" if scheme.strip() == LEI_SCHEME else f"{scheme.strip()} {identifier}".strip()


def _entity_name(document) -> str:
    for fact in document.nonnumeric:
        if fact.name.split(":")[-1] in NAME_CONCEPTS and fact.value:
            return " ".join(fact.value.split())
    return ""


def _fact(number, context, filing: Filing, path) -> Fact:
    tag = number.soup_tag
    concept = f"{number.schema}:{number.name}" if number.schema != "unknown" else str(number.name)
    measure = (number.unit or "").strip()
    prefix, _, code = measure.rpartition(":")
    currency = code if prefix == "iso4217" and code in ISO_4217 else None
    label = f"fact {concept} {context.startdate} to {context.enddate} (context {context.id})"
    if number.value is None:
        raise FiguresError(f"{label}: expected a number, found {number.text!r}", path=path)
    try:
        # ixbrlparse gives a float: 15 significant digits are every digit a report prints, and no float noise
        value = Decimal(format(number.value, ".15g"))
        decimals_text = (tag.get("decimals") if tag is not None else None) or ""
        decimals = None if decimals_text in ("", "INF") else int(decimals_text)
    except (InvalidOperation, ValueError):
        raise FiguresError(
            f"{label}: expected decimals as a whole number, found {decimals_text!r}", path=path
        ) from None
    return Fact(
        concept=concept,
        value=value,
        unit=currency or measure or "no unit",
        currency=currency,
        start=context.startdate,
        end=context.enddate,
        decimals=decimals,
        context=context.id,
        filing=filing,
    )
