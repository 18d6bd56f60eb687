"""The SEC's `companyfacts` JSON: every XBRL fact a company filed, per concept and unit, read as plain JSON.

Its documented shape: `{"cik", "entityName", "facts": {taxonomy: {concept: {"units": {unit: [fact, ...]}}}}}`,
each fact `{"start"?, "end", "val", "accn", "fy", "fp", "form", "filed", "frame"?}`. The SEC drops each
fact's `decimals` and context id, so precision is unknown here and the context named is the SEC's frame.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal, InvalidOperation
from pathlib import Path

from figures.errors import FiguresError
from figures.filings.facts import Fact, Filing
from figures.filings.limits import read_json
from figures.load import ISO_4217

COMPANYFACTS = "XBRL facts (an SEC companyfacts JSON)"
"""What a companyfacts file is, as a refusal names it."""


def read_companyfacts(path: str | Path) -> list[Fact]:
    """Every fact over a period (not at an instant) in a companyfacts file, with its filing.

    Raises:
        FiguresError: the file is not a companyfacts JSON (naming the file), or a fact lacks a field or
            holds a date or value that does not parse (naming the file and the fact).

    >>> from figures.paths import ROOT
    >>> facts = read_companyfacts(ROOT / "tests/filings/alibaba_companyfacts_revenues.json")
    >>> fact = next(f for f in facts if f.end == dt.date(2018, 3, 31) and f.filing.form == "20-F")
    >>> fact.concept, fact.value_millions, fact.currency, fact.filing.entity
    ('us-gaap:Revenues', Decimal('250266'), 'CNY', 'CIK 1577552')
    """
    path = Path(path)
    return companyfacts_facts(path, *read_json(path, COMPANYFACTS))


def companyfacts_facts(path: Path, payload: bytes, document: object) -> list[Fact]:
    """The facts of a companyfacts `document` already read from `path` (`payload`, its bytes), as `read_companyfacts`.

    >>> from figures.paths import ROOT
    >>> from figures.filings.limits import read_json
    >>> path = ROOT / "tests/filings/alibaba_companyfacts_revenues.json"
    >>> len(companyfacts_facts(path, *read_json(path, COMPANYFACTS))) == len(read_companyfacts(path))
    True
    """
    if not (isinstance(document, dict) and isinstance(document.get("facts"), dict) and "cik" in document):
        raise FiguresError(
            "expected XBRL facts (an SEC companyfacts JSON with 'cik' and 'facts'), found other JSON", path=path
        )
    sha256 = hashlib.sha256(payload).hexdigest()
    entity = f"CIK {int(str(document['cik']))}" if str(document["cik"]).isdigit() else f"CIK {document['cik']}"
    name = str(document.get("entityName") or entity)
    filings: dict[str, Filing] = {}
    facts = []
    for taxonomy, concepts in document["facts"].items():
        for concept, body in (concepts or {}).items():
            units = body.get("units") if isinstance(body, dict) else None
            for unit, entries in (units or {}).items():
                for entry in entries or []:
                    if not isinstance(entry, dict) or "start" not in entry:
                        continue  # an instant (a balance): never a revenue
                    facts.append(_fact(path, f"{taxonomy}:{concept}", unit, entry, entity, name, sha256, filings))
    return facts


def _fact(path: Path, concept: str, unit: str, entry: dict, entity: str, name: str, sha256: str, filings) -> Fact:
    label = f"fact {concept} {entry.get('start')} to {entry.get('end')} in {unit}"
    try:
        accession = str(entry["accn"])
        if accession not in filings:
            filings[accession] = Filing(
                str(entry["form"]), accession, dt.date.fromisoformat(entry["filed"]), entity, name, path.name, sha256
            )
        return Fact(
            concept=concept,
            value=Decimal(str(entry["val"])),
            unit=unit,
            currency=unit if unit in ISO_4217 else None,
            start=dt.date.fromisoformat(entry["start"]),
            end=dt.date.fromisoformat(entry["end"]),
            decimals=None,
            context=str(entry.get("frame") or ""),
            filing=filings[accession],
        )
    except KeyError as missing:
        raise FiguresError(f"{label}: expected a field {missing}, found none", path=path) from None
    except (TypeError, ValueError, InvalidOperation) as error:
        raise FiguresError(f"{label}: expected ISO dates and a number, {error}", path=path) from None
