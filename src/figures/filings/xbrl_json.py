"""xBRL-JSON (the OIM JSON form of an XBRL report, as filings.xbrl.org publishes ESEF filings), read as plain JSON.

Its documented shape: `{"documentInfo": {"documentType": "https://xbrl.org/2021/xbrl-json", "namespaces": {...}},
"facts": {id: {"value", "decimals"?, "dimensions": {"concept", "entity", "period", "unit"?, ...}}}}`. A period is
`start/end` in date-times, the end exclusive (`2014-01-01T00:00:00/2015-01-01T00:00:00` is the year 2014). A fact with
any other dimension (a segment) is left out, as in inline XBRL; the fact's id stands for its context. A concept is named
by the namespace `documentInfo.namespaces` binds its prefix to (`ifrs:Revenue` is `ifrs-full:Revenue` when `ifrs` is the
IFRS Foundation's ifrs-full namespace), a unit's currency by the ISO 4217 namespace.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from decimal import Decimal, InvalidOperation
from pathlib import Path

from figures.errors import FiguresError
from figures.filings.facts import Fact, Filing
from figures.filings.inline import FORM, entity_name, one_entity
from figures.filings.limits import read_json
from figures.filings.names import ISO_4217_NAMESPACE, concept_name
from figures.load import ISO_4217

DOCUMENT_TYPES = ("https://xbrl.org/2021/xbrl-json", "https://xbrl.org/CR/2021-02-03/xbrl-json")
CORE = frozenset({"concept", "entity", "period", "unit", "language"})


def is_xbrl_json(document: object) -> bool:
    """Whether a parsed JSON document says it is xBRL-JSON (its `documentInfo`).

    >>> is_xbrl_json({"documentInfo": {}, "facts": {}}), is_xbrl_json({"cik": 1, "facts": {}})
    (True, False)
    """
    return isinstance(document, dict) and "documentInfo" in document


def read_xbrl_json(path: str | Path) -> list[Fact]:
    """Every numeric fact over a period in an xBRL-JSON file, with the report it comes from.

    Raises:
        FiguresError: naming the file and the fact: not xBRL-JSON, or a fact whose period or value does not parse.

    >>> from figures.paths import ROOT
    >>> facts = read_xbrl_json(ROOT / "tests/filings/valeo_2014_income_statement.json")
    >>> [(f.concept, str(f.value_millions), f.currency, f.start.isoformat(), f.end.isoformat()) for f in facts][0]
    ('ifrs-full:Revenue', '12725', 'EUR', '2014-01-01', '2014-12-31')
    """
    path = Path(path)
    return xbrl_json_facts(path, *read_json(path, "xBRL-JSON"))


def xbrl_json_facts(path: Path, payload: bytes, document: object) -> list[Fact]:
    """The facts of an xBRL-JSON `document` already read from `path` (`payload`, its bytes), as `read_xbrl_json`.

    >>> from figures.paths import ROOT
    >>> from figures.filings.limits import read_json
    >>> path = ROOT / "tests/filings/valeo_2014_income_statement.json"
    >>> xbrl_json_facts(path, *read_json(path, "xBRL-JSON")) == read_xbrl_json(path)
    True
    """
    info = document.get("documentInfo") if isinstance(document, dict) else None
    facts_in = document.get("facts") if isinstance(document, dict) else None
    if not (isinstance(info, dict) and info.get("documentType") in DOCUMENT_TYPES and isinstance(facts_in, dict)):
        raise FiguresError(f"expected xBRL-JSON (documentType {DOCUMENT_TYPES[0]}), found other JSON", path=path)
    namespaces = info.get("namespaces") if isinstance(info.get("namespaces"), dict) else {}
    sha256 = hashlib.sha256(payload).hexdigest()
    parsed = []
    for fact_id, body in facts_in.items():
        dimensions = body.get("dimensions") if isinstance(body, dict) else None
        if not isinstance(dimensions, dict) or set(dimensions) - CORE or "unit" not in dimensions:
            continue  # a dimensional fact, or no unit (text): never a total revenue
        period = str(dimensions.get("period", ""))
        if "/" not in period:
            continue  # an instant
        parsed.append((str(fact_id), body, dimensions, _period(period, fact_id, path)))
    entity = one_entity({_entity(str(d.get("entity", "")), namespaces) for _, _, d, _ in parsed}, path)
    ends = [end for *_, (_, end) in parsed]
    filing = Filing(
        FORM, path.name, max(ends) if ends else dt.date.min, entity, entity, path.name, sha256, is_report=True
    )
    return [_fact(fact_id, body, dims, period, namespaces, filing, path) for fact_id, body, dims, period in parsed]


def _period(text: str, fact_id, path) -> tuple[dt.date, dt.date]:
    try:
        start_text, end_text = text.split("/")
        start = dt.datetime.fromisoformat(start_text)
        end = dt.datetime.fromisoformat(end_text)
    except ValueError:
        raise FiguresError(
            f"fact {fact_id}: expected a period start/end in ISO date-times, found {text!r}", path=path
        ) from None
    end_date = end.date() - dt.timedelta(days=1) if end.time() == dt.time(0) else end.date()
    return start.date(), end_date


def _entity(text: str, namespaces: dict) -> str:
    """An entity `prefix:identifier` named as inline XBRL names it, by the scheme its prefix is bound to.

    >>> _entity("cik:0000320193", {"cik": "http://www.sec.gov/CIK"}), _entity("x:1", {})
    ('CIK 320193', 'x:1')
    """
    prefix, _, identifier = text.rpartition(":")
    scheme = namespaces.get(prefix)
    return entity_name(scheme, identifier) if isinstance(scheme, str) else text


def _fact(fact_id, body, dims, period, namespaces, filing, path) -> Fact:
    prefix, _, local = str(dims.get("concept", "")).rpartition(":")
    concept = concept_name(prefix, local, namespaces.get(prefix))
    unit = str(dims.get("unit", ""))
    prefix, _, code = unit.rpartition(":")
    # the unit's prefix by its namespace; xBRL-JSON predefines iso4217, which a document need not declare
    namespace = namespaces.get(prefix, ISO_4217_NAMESPACE if prefix == "iso4217" else None)
    currency = code if namespace == ISO_4217_NAMESPACE and code in ISO_4217 else None
    label = f"fact {concept} {period[0]} to {period[1]} ({fact_id})"
    try:
        value = Decimal(str(body.get("value")))
        decimals = body.get("decimals")
        decimals = None if decimals is None else math.inf if decimals == "INF" else int(decimals)
    except (InvalidOperation, ValueError, TypeError):
        raise FiguresError(
            f"{label}: expected a number and whole decimals, found {body.get('value')!r}", path=path
        ) from None
    if not value.is_finite():
        raise FiguresError(f"{label}: expected a finite number, found {body.get('value')!r}", path=path)
    return Fact(concept, value, currency or unit, currency, period[0], period[1], decimals, fact_id, filing)
