"""How large a filing may be, read before a byte of it is parsed: the one limit every reader of filings shares."""

from __future__ import annotations

import json
from pathlib import Path

from figures.errors import FiguresError

MAX_FILING_BYTES = 100 * 1024 * 1024
"""A filing's size, 100 MiB: an ESEF report with its fonts and pictures embedded runs to tens of MB, a companyfacts
file to a few; refused from its size (a file's, or a package member's declared and read size) before parsing."""

MAX_PACKAGE_MEMBERS = 10_000
"""Files in a report package: a report, its taxonomy extension and a few hundred pictures are far fewer."""


def check_size(size: int, path: str | Path, what: str = "a filing") -> None:
    """Refuse a size beyond `MAX_FILING_BYTES`, naming the file.

    >>> check_size(10, "f.xhtml")
    >>> check_size(MAX_FILING_BYTES + 1, "f.xhtml")
    Traceback (most recent call last):
    figures.errors.FiguresError: f.xhtml: expected a filing of at most 104,857,600 bytes, found 104,857,601: larger ...
    """
    if size > MAX_FILING_BYTES:
        raise FiguresError(
            f"expected {what} of at most {MAX_FILING_BYTES:,} bytes, found {size:,}: larger than the limit", path=path
        )


def read_limited(path: str | Path) -> bytes:
    """A filing's bytes, refused from its size first and never read past the limit (a file that grows meanwhile).

    Raises:
        FiguresError: the file is unreadable or larger than `MAX_FILING_BYTES`.
    """
    path = Path(path)
    try:
        check_size(path.stat().st_size, path)
        with path.open("rb") as stream:
            payload = stream.read(MAX_FILING_BYTES + 1)
    except OSError as error:
        raise FiguresError(f"expected a readable filing, {error.strerror or error}", path=path) from None
    check_size(len(payload), path)
    return payload


def read_json(path: str | Path, expected: str) -> tuple[bytes, object]:
    """A JSON filing's bytes (for its checksum) and its document, read and parsed once.

    Raises:
        FiguresError: the file is unreadable, too large, or not JSON ("expected `expected`, found a file that is not
            JSON").

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "facts.json"
    >>> _ = path.write_text('{"cik": 1}')
    >>> read_json(path, "companyfacts")
    (b'{"cik": 1}', {'cik': 1})
    """
    payload = read_limited(path)
    try:
        return payload, json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise FiguresError(f"expected {expected}, found a file that is not JSON", path=path) from None
