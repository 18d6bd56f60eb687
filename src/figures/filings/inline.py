"""Inline XBRL (an ESEF report's .xhtml) or a plain XBRL instance (an SEC filing's .xml): its numeric facts over a
period, read with ixbrlparse.

ixbrlparse parses the document and reads its contexts; the facts' elements are taken here (every `ix:nonFraction`, or
in an instance every element with a context and a unit), each concept named by its namespace (`names`), each value
read strictly from its text by its transformation format, scale and sign (`numbers`), each unit's currency by the
ISO 4217 namespace. A revenue fact that is nil, unreadable or not positive is refused naming the fact; any other fact
that does not read is left out (only revenue is used). Facts with dimensions (a segment, a component of equity) are
left out: a revenue row is the entity's total. ixbrlparse reads the dimensions of a context's `xbrli:segment` only;
ESEF puts them in its `xbrli:scenario`, which is looked at here. The report's date is not in the file; the latest
period end stands for it and the row says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import warnings
from pathlib import Path

from figures.errors import FiguresError
from figures.filings.facts import Fact, Filing
from figures.filings.limits import read_limited
from figures.filings.names import ISO_4217_NAMESPACE, concept_name, qname
from figures.filings.numbers import UnreadValue, read_value
from figures.load import ISO_4217

LEI_SCHEME = "http://standards.iso.org/iso/17442"
SEC_SCHEME = "http://www.sec.gov/CIK"
NAME_CONCEPTS = ("NameOfReportingEntityOrOtherMeansOfIdentification", "EntityRegistrantName")
FORM = "inline XBRL report"
INSTANCE_FORM = "XBRL instance"


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
    """The facts of inline XBRL, or of a plain XBRL instance, given as bytes (a file, or a report inside a package at
    `path`)."""
    where = "" if report == Path(path).name else f"{report}: "  # a package's member, named after the package
    if b"<!ENTITY" in payload:
        raise FiguresError(
            f"{where}expected no entity declaration (<!ENTITY>, refused: it can read local files or expand"
            " without end)",
            path=path,
        )
    document = _parse(payload, path, where)
    instance = document.filetype == "xbrl"
    contexts = document.contexts
    tags = [t for t in _numeric_tags(document, instance) if _context(contexts.get(str(t["contextRef"]))) is not None]
    if not tags:
        what = "an XBRL instance's facts (with a context and a unit)" if instance else "ix:nonFraction with a context"
        raise FiguresError(f"{where}expected XBRL facts ({what}), found no inline XBRL facts", path=path)
    entity = _entity([contexts[str(t["contextRef"])] for t in tags], path, where)
    ends = [contexts[str(t["contextRef"])].enddate for t in tags if contexts[str(t["contextRef"])].enddate]
    name = _entity_name(document) or entity
    form = (f"{_document_type(document)} {INSTANCE_FORM}".strip()) if instance else FORM
    end = max(ends) if ends else dt.date.min
    filing = Filing(form, report, end, entity, name, Path(path).name, sha256, is_report=True)
    scenarios = _contexts_with_a_scenario(document)
    units = _units(document)
    facts = []
    for tag in tags:
        context = contexts[str(tag["contextRef"])]
        if context.segments or context.id in scenarios or not (context.startdate and context.enddate):
            continue  # a dimension (not the entity's total) or an instant (a balance, never a revenue)
        fact = _fact(tag, context, units, filing, path, where, instance)
        if fact is not None:
            facts.append(fact)
    return facts


def _parse(payload: bytes, path, where: str):
    import io

    from ixbrlparse import IXBRL

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # BeautifulSoup's warnings on odd markup: the facts decide
            return IXBRL(io.BytesIO(payload), raise_on_error=False)
    except Exception:  # ixbrlparse raises its own error, or a parser's, on what is not XBRL
        raise FiguresError(
            f"{where}expected XBRL facts (an inline XBRL report in XHTML, or an XBRL instance), found no inline XBRL"
            " facts: the file is neither",
            path=path,
        ) from None


def _numeric_tags(document, instance: bool) -> list:
    """The numeric facts' elements: every `ix:nonFraction` of an inline report, every element with a context and a
    unit in an instance. Read here rather than from ixbrlparse's list, which drops a fact whose value it cannot read."""
    if not instance:
        return [t for t in document.soup.find_all("nonFraction") if t.prefix and t.get("contextRef")]
    root = document.soup.find("xbrl")
    return [t for t in root.find_all(True) if t.get("contextRef") and t.get("unitRef")]


def _context(context):
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


def _units(document) -> dict[str, tuple[str, str | None]]:
    """Each unit's id to its measure as written and its ISO 4217 currency (None when it is no currency: another
    measure, a prefix not bound to the ISO 4217 namespace, or a ratio such as euros per share)."""
    units = {}
    for unit in document.soup.find_all(["xbrli:unit", "unit"]):
        if not unit.get("id"):
            continue
        measures = unit.find_all(["xbrli:measure", "measure"])
        written = "/".join(" ".join(m.get_text().split()) for m in measures) or "no unit"
        currency = None
        if len(measures) == 1 and unit.find(["xbrli:divide", "divide"]) is None:
            _, local, namespace = qname(measures[0], measures[0].get_text())
            if namespace == ISO_4217_NAMESPACE and local in ISO_4217:
                currency = local
        units[str(unit["id"])] = (written, currency)
    return units


def _entity(contexts, path, where: str) -> str:
    """The one entity the facts' contexts name (an LEI; a CIK as the SEC's companyfacts names it)."""
    named = {
        entity_name((context.entity.get("scheme") or "").strip(), (context.entity.get("identifier") or "").strip())
        for context in contexts
    }
    return one_entity(named, path, where)


def entity_name(scheme: str, identifier: str) -> str:
    """An entity as every reader names it: `LEI ...` by the LEI scheme, `CIK ...` (no leading zeros) by the SEC's.

    >>> entity_name(SEC_SCHEME, "0000320193"), entity_name(LEI_SCHEME, "5493006IH2N2WMIBB742")
    ('CIK 320193', 'LEI 5493006IH2N2WMIBB742')
    """
    if scheme == LEI_SCHEME:
        return f"LEI {identifier}"
    if scheme == SEC_SCHEME and identifier.isdigit():
        return f"CIK {int(identifier)}"
    return f"{scheme} {identifier}".strip()


def one_entity(named: set[str], path, where: str = "") -> str:
    """The one entity of a report's facts; refused, naming both, when there are two.

    >>> one_entity({"LEI 1", "LEI 2"}, "r.json")
    Traceback (most recent call last):
    figures.errors.FiguresError: r.json: expected the facts of one entity, found LEI 1 and LEI 2: one report, ...
    """
    if len(named) > 1:
        raise FiguresError(
            f"{where}expected the facts of one entity, found {' and '.join(sorted(named))}: one report, one company",
            path=path,
        )
    return next(iter(named), "")


def _entity_name(document) -> str:
    for fact in document.nonnumeric:
        if fact.name.split(":")[-1] in NAME_CONCEPTS and fact.value:
            return " ".join(fact.value.split())
    return ""


def _document_type(document) -> str:
    for fact in document.nonnumeric:
        if fact.name.split(":")[-1] == "DocumentType" and fact.value:
            return " ".join(fact.value.split())
    return ""


def _fact(tag, context, units, filing: Filing, path, where: str, instance: bool) -> Fact | None:
    """The fact of an element, its concept named by namespace; None for a fact that is no revenue and whose value
    does not read (nil, or a format not read here): only a revenue's value must be right."""
    from figures.filings.choose import REVENUE_CONCEPTS

    if instance:
        concept = concept_name(tag.prefix or "", tag.name, tag.namespace)
    else:
        concept = concept_name(*qname(tag, str(tag.get("name") or "")))
    measure, currency = units.get(str(tag.get("unitRef")), (str(tag.get("unitRef") or "no unit"), None))
    label = f"fact {concept} {context.startdate} to {context.enddate} (context {context.id})"
    revenue = concept in REVENUE_CONCEPTS
    if str(tag.get("xsi:nil", "")).strip() in ("true", "1"):
        if revenue:
            raise FiguresError(f"{where}{label}: expected a revenue, found a nil fact (xsi:nil, no value)", path=path)
        return None
    fmt = tag.get("format")
    sign = "instance" if instance else tag.get("sign")
    try:
        namespace = qname(tag, str(fmt))[2] if fmt else None
        value = read_value(tag.get_text(), fmt, namespace, scale=tag.get("scale"), sign=sign)
        decimals_text = str(tag.get("decimals") or "").strip()
        decimals = None if not decimals_text else math.inf if decimals_text == "INF" else int(decimals_text)
    except UnreadValue as error:
        if not revenue:
            return None
        text = repr(tag.get_text().strip())
        found = f"{error.found} in text {text}" if error.found else text
        raise FiguresError(f"{where}{label}: expected {error}, found {found}", path=path) from None
    except ValueError:
        if not revenue:
            return None
        raise FiguresError(
            f"{where}{label}: expected decimals as a whole number, found {decimals_text!r}", path=path
        ) from None
    if revenue and value <= 0:
        cause = ' (sign="-": a negative revenue)' if sign == "-" else f" (format {fmt})" if fmt and not value else ""
        raise FiguresError(f"{where}{label}: expected a positive revenue, found {value}{cause}", path=path)
    return Fact(
        concept=concept,
        value=value,
        unit=currency or measure,
        currency=currency,
        start=context.startdate,
        end=context.enddate,
        decimals=decimals,
        context=context.id,
        filing=filing,
    )
