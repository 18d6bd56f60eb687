"""Provenance sidecars: every data file has `<name>.meta.json` describing and fingerprinting it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from figures.errors import FiguresError, MissingSidecar

SIDECAR_SUFFIX = ".meta.json"
REQUIRED_FIELDS = (
    "file",
    "title",
    "producer",
    "citation",
    "url",
    "date_accessed",
    "licence",
    "sha256",
    "size_bytes",
    "columns",
)
SOURCE_KINDS = ("article", "press_release", "other")
"""What a claims file's sidecar may record as its source (`source_kind`): the report names the claims by it
("the article's figures", "the press release's figures"), and "the claims" for any other or none recorded."""


def sidecar_path(data_path: Path) -> Path:
    """The sidecar of a data file: the same name with `.meta.json` appended.

    >>> sidecar_path(Path("data/article_figures.csv")).name
    'article_figures.csv.meta.json'
    """
    return data_path.with_name(data_path.name + SIDECAR_SUFFIX)


def read_sidecar(data_path: Path) -> dict[str, Any]:
    """Read and check the sidecar of `data_path`: required fields present, naming this file.

    Raises:
        MissingSidecar: there is no sidecar beside the file.
        FiguresError: the sidecar is not JSON, lacks a required field or names another file.

    >>> from figures.paths import ECB_RATES
    >>> read_sidecar(ECB_RATES)["first_date"]
    '1999-01-04'
    """
    path = sidecar_path(data_path)
    try:
        sidecar = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MissingSidecar("expected a provenance sidecar next to the data file", path=path) from None
    except json.JSONDecodeError as error:
        raise FiguresError(f"expected JSON, {error.msg}", path=path, row=error.lineno) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:  # unreadable, not UTF-8, a number too long
        raise FiguresError(f"expected a readable UTF-8 JSON file, {str(error).splitlines()[0]}", path=path) from None
    if not isinstance(sidecar, dict):
        raise FiguresError(f"expected a JSON object of fields, found {type(sidecar).__name__}", path=path)
    missing = [field for field in REQUIRED_FIELDS if field not in sidecar]
    if missing:
        raise FiguresError(f"expected the fields {', '.join(missing)}", path=path)
    if sidecar["file"] != data_path.name:
        raise FiguresError(f"expected 'file' to be {data_path.name!r}, found {sidecar['file']!r}", path=path)
    return sidecar


def verify_checksum(data_path: Path, payload: bytes, sidecar: dict[str, Any]) -> None:
    """Raise unless `payload` (the bytes of `data_path`) matches the sidecar's size and SHA-256.

    >>> from figures.paths import ARTICLE_FIGURES
    >>> verify_checksum(ARTICLE_FIGURES, ARTICLE_FIGURES.read_bytes(), read_sidecar(ARTICLE_FIGURES))
    >>> verify_checksum(ARTICLE_FIGURES, b"edited", read_sidecar(ARTICLE_FIGURES))
    Traceback (most recent call last):
    figures.errors.FiguresError: ...: expected ... bytes with SHA-256 ... as its sidecar records, found 6 bytes ...
    """
    if not checksum_matches(payload, sidecar):
        digest = hashlib.sha256(payload).hexdigest()
        raise FiguresError(
            f"expected {sidecar['size_bytes']} bytes with SHA-256 {sidecar['sha256']} as its sidecar records,"
            f" found {len(payload)} bytes with SHA-256 {digest}; the file was changed (regenerate the ECB"
            " snapshot with scripts/update_ecb_snapshot.py; after editing another file on purpose, record it"
            " with scripts/update_sidecar.py)",
            path=data_path,
        )


def checksum_matches(payload: bytes, sidecar: dict[str, Any]) -> bool:
    """Whether `payload` has the size and SHA-256 the sidecar records.

    >>> checksum_matches(b"x", {"size_bytes": 1, "sha256": hashlib.sha256(b"x").hexdigest()})
    True
    >>> checksum_matches(b"y", {"size_bytes": 1, "sha256": hashlib.sha256(b"x").hexdigest()})
    False
    """
    return len(payload) == sidecar["size_bytes"] and hashlib.sha256(payload).hexdigest() == sidecar["sha256"]


def source_kind(data_path: Path) -> str:
    """The kind of source a claims file's figures come from, one of SOURCE_KINDS, as its sidecar records it
    (`source_kind`); "other" where it has no sidecar or records none.

    Raises:
        FiguresError: the sidecar is unreadable, or records a kind that is not one of SOURCE_KINDS.

    >>> from figures.paths import ARTICLE_FIGURES
    >>> source_kind(ARTICLE_FIGURES), source_kind(Path("no/such/claims.csv"))
    ('article', 'other')
    """
    try:
        kind = read_sidecar(data_path).get("source_kind") or "other"
    except MissingSidecar:
        return "other"
    if kind not in SOURCE_KINDS:
        raise FiguresError(
            f"expected 'source_kind' among {', '.join(SOURCE_KINDS)}, found {kind!r}", path=sidecar_path(data_path)
        )
    return kind


def short_source(source: str, published: dt.date) -> str:
    """A citation's first part and its date; the full citation stands in the report's sources.

    >>> short_source("Xinhua (French edition), « Title », People's Daily Online", dt.date(2018, 7, 3))
    'Xinhua (French edition), 2018-07-03'
    """
    return f"{source.split(',')[0]}, {published}"
