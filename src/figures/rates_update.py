"""Newer ECB rates: `figures rates update` downloads the ECB's whole history in one request, checks it and keeps it
in the user's data folder beside the embedded snapshot; a build then takes the newest copy that passes its checks.

Nothing here is trusted: the download, and the copy and sidecar on disk (which anyone with the folder could have
edited), pass the same checks as the embedded snapshot (sidecar fields, checksum, columns, dates oldest first,
positive rates), and more: every cell as the ECB writes it, currencies of ISO 4217, no weekend and no future
fixing, every fixing of the embedded snapshot unchanged, and a last fixing no older than the embedded snapshot's
or than the copy it replaces.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import json
import logging
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from figures.atomic import folder_lock, write_atomically
from figures.errors import FiguresError
from figures.paths import updated_ecb_rates
from figures.provenance import read_sidecar, sidecar_path
from figures.rates import RateTable, _iso_4217, check_ecb_sidecar, ecb_sidecar, ecb_table, load_ecb_rates

URL_VARIABLE = "FIGURES_ECB_URL"
DEFAULT_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
TIMEOUT_VARIABLE = "FIGURES_ECB_TIMEOUT"
DEFAULT_TIMEOUT_S = 60.0
"""One limit for the whole download, connecting and every read together (the file is about 650 kB)."""
MEMBER = "eurofxref-hist.csv"
"""The one file the ECB's zip holds."""
MAX_ZIP_BYTES = 8 * 2**20
"""Longest download read (the ECB's zip is about 0.65 MB in 2026 and grows by about 25 kB a year)."""
MAX_CSV_BYTES = 32 * 2**20
"""Longest history read, unzipped or on disk (about 1.9 MB in 2026): a zip bomb stops there."""
MAX_SIDECAR_BYTES = 2**20
UPDATE_AGAIN = "run `figures rates update` again (the builds use the embedded snapshot meanwhile)"
LOG = logging.getLogger("figures.rates_update")
"""Where a refused copy is told (a warning: on stderr when nothing else is configured)."""

_RATE = re.compile(r"[0-9]{1,12}(\.[0-9]{1,12})?")
_CELL = r"(?:N/A|[0-9]{1,12}(?:\.[0-9]{1,12})?)?"  # a rate, N/A or nothing; a zero is `_ZERO`'s
_CELLS = re.compile(rf"{_CELL}(?:,{_CELL})*")
_ZERO = re.compile(r",0*(?:\.0*)?,")
"""A row's rates joined by commas, each cell as the ECB writes it: one match a row, not one a cell (a build checks
7,000 rows of 41 currencies)."""
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class RatesUpdate:
    """What `update_rates` wrote: the file, the fixings it holds, and the last fixing before it.

    >>> RatesUpdate(Path("h.csv"), dt.date(1999, 1, 4), dt.date(2026, 11, 20), 7141, dt.date(2026, 10, 30), None).path
    PosixPath('h.csv')
    """

    path: Path
    first_date: dt.date
    last_date: dt.date
    fixing_days: int
    embedded_last_date: dt.date
    replaced_last_date: dt.date | None

    def summary(self) -> str:
        """One line for the terminal.

        >>> day = dt.date
        >>> update = RatesUpdate(Path("h.csv"), day(1999, 1, 4), day(2026, 11, 20), 7141, day(2026, 10, 30), None)
        >>> print(update.summary())
        wrote h.csv: ECB reference rates, 7141 fixing days from 1999-01-04 to 2026-11-20 (before: to 2026-10-30, ...)
        >>> same = RatesUpdate(Path("h.csv"), day(1999, 1, 4), day(2026, 10, 30), 7126, day(2026, 10, 30), None)
        >>> print(same.summary())
        wrote h.csv: ... to 2026-10-30 (no fixing newer than the embedded snapshot's: the builds keep using it)
        """
        wrote = f"wrote {self.path}: ECB reference rates, {self.fixing_days} fixing days from {self.first_date} to"
        if self.last_date <= self.embedded_last_date:
            return f"{wrote} {self.last_date} (no fixing newer than the embedded snapshot's: the builds keep using it)"
        if self.replaced_last_date is not None and self.replaced_last_date > self.embedded_last_date:
            before = f"to {self.replaced_last_date}, the copy it replaces"
        else:
            before = f"to {self.embedded_last_date}, the embedded snapshot"
        return f"{wrote} {self.last_date} (before: {before})"


def ecb_url() -> str:
    """`FIGURES_ECB_URL` if set, else the ECB's own address of its history file.

    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"FIGURES_ECB_URL": ""}):
    ...     ecb_url()
    'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip'
    """
    return os.environ.get(URL_VARIABLE) or DEFAULT_URL


def download_limit_s() -> float:
    """`FIGURES_ECB_TIMEOUT` (seconds for the whole download) if set, else 60.

    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"FIGURES_ECB_TIMEOUT": "never"}):
    ...     download_limit_s()
    Traceback (most recent call last):
    figures.errors.FiguresError: expected FIGURES_ECB_TIMEOUT to be a positive number of seconds, found 'never'
    """
    text = os.environ.get(TIMEOUT_VARIABLE)
    if not text:
        return DEFAULT_TIMEOUT_S
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds < float("inf"):
        raise FiguresError(f"expected {TIMEOUT_VARIABLE} to be a positive number of seconds, found {text!r}")
    return seconds


def update_rates(*, url: str | None = None, limit_s: float | None = None, today: dt.date | None = None) -> RatesUpdate:
    """Download the ECB's history from `url` (one request within `limit_s` seconds), check it, and write it with
    its sidecar into the user's data folder, both renamed into place at once.

    Raises:
        FiguresError: the download failed or was refused (its reason, with the address); nothing was written.

    >>> update_rates(url="http://127.0.0.1:9/eurofxref-hist.zip", limit_s=1)  # nothing listens on port 9
    Traceback (most recent call last):
    figures.errors.FiguresError: http://127.0.0.1:9/eurofxref-hist.zip: could not download the ECB history: ...
    """
    url = url or ecb_url()
    limit_s = download_limit_s() if limit_s is None else limit_s
    today = today or dt.date.today()
    body = download(url, limit_s)
    codes, rows = parse_history(unzip_history(body, url), url, published=True)
    payload = snapshot_bytes(codes, rows)
    path = updated_ecb_rates()
    sidecar = _sidecar(path, payload, codes, rows, url=url, body=body, today=today)
    # The checks a build makes, before anything is written.
    table = verified_copy(payload, sidecar, url, today, "nothing was written; the builds keep the rates they had")
    embedded = load_ecb_rates()
    replaced = _replaced_copy(path, today)
    if replaced is not None and table.last_date < replaced.last_date:
        raise FiguresError(
            f"expected a history no older than the copy it would replace (to {replaced.last_date}), found one"
            f" to {table.last_date}; nothing was written",
            path=url,
        )
    sidecar_bytes = (json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    write_atomically(path.parent, {path.name: payload, sidecar_path(path).name: sidecar_bytes})
    return RatesUpdate(
        path,
        table.first_date,
        table.last_date,
        len(rows),
        embedded.last_date,
        None if replaced is None else replaced.last_date,
    )


def download(url: str, limit_s: float) -> bytes:
    """The body of one GET of `url`, within `limit_s` seconds and `MAX_ZIP_BYTES`; a redirect is refused.

    >>> download("http://127.0.0.1:9/eurofxref-hist.zip", 1)  # nothing listens on port 9
    Traceback (most recent call last):
    figures.errors.FiguresError: http://127.0.0.1:9/eurofxref-hist.zip: could not download the ECB history: ...
    """
    import requests

    from figures.live_http import BodyTooLarge, DeadlineSession, RequestCutOff

    session = DeadlineSession()
    try:
        answer = session.get(url, params={}, limit_s=limit_s, max_bytes=MAX_ZIP_BYTES)
    except RequestCutOff:
        raise FiguresError(
            f"expected the ECB history within {limit_s:g} s (connecting and reading together), cut off;"
            f" {TIMEOUT_VARIABLE} sets another limit",
            path=url,
        ) from None
    except BodyTooLarge:
        raise FiguresError(f"expected at most {MAX_ZIP_BYTES:,} bytes, cut off there", path=url) from None
    except requests.RequestException as error:
        raise FiguresError(f"could not download the ECB history: {_one_line(error)}", path=url) from None
    finally:
        session.close()
    if 300 <= answer.status < 400:
        location = answer.headers.get("Location", "")
        raise FiguresError(
            f"expected the history itself, found a redirect (HTTP {answer.status}) to {location!r}, not followed:"
            f" set {URL_VARIABLE} to the address that serves it",
            path=url,
        )
    if answer.status != 200:
        raise FiguresError(f"expected HTTP 200, found HTTP {answer.status}", path=url)
    return answer.body


def unzip_history(body: bytes, where: str) -> str:
    """The text of the one file of the ECB's zip, `eurofxref-hist.csv`; any other archive is refused.

    >>> unzip_history(b"<html>Maintenance</html>", "u")
    Traceback (most recent call last):
    figures.errors.FiguresError: u: expected a zip archive (the ECB's eurofxref-hist.zip), found b'<html>...
    """
    if not body.startswith(b"PK\x03\x04"):
        raise FiguresError(f"expected a zip archive (the ECB's eurofxref-hist.zip), found {body[:20]!r}...", path=where)
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            members = archive.infolist()
            names = [member.filename for member in members]
            if names != [MEMBER]:
                shown = ", ".join(repr(name) for name in names[:5]) + (", ..." if len(names) > 5 else "")
                raise FiguresError(
                    f"expected one file, {MEMBER!r}, in the zip, found {len(names)}: {shown}", path=where
                )
            if members[0].file_size > MAX_CSV_BYTES:
                raise FiguresError(
                    f"expected {MEMBER} of at most {MAX_CSV_BYTES:,} bytes, found {members[0].file_size:,}", path=where
                )
            with archive.open(members[0]) as stream:
                data = stream.read(MAX_CSV_BYTES + 1)  # the size the zip declares may lie
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError) as error:
        raise FiguresError(
            f"expected a whole, readable zip archive (truncated?): {_one_line(error)}", path=where
        ) from None
    if len(data) > MAX_CSV_BYTES:
        raise FiguresError(f"expected {MEMBER} of at most {MAX_CSV_BYTES:,} bytes, found more", path=where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FiguresError(f"expected {MEMBER} in UTF-8, {error.reason} at byte {error.start}", path=where) from None


def parse_history(text: str, where: str, *, published: bool) -> tuple[list[str], list[list[str]]]:
    """Currency codes, and rows of [date, rate or "" for each code], oldest first, from an ECB history: as the ECB
    publishes it (`published`: header `Date`, newest first, `N/A`, a comma ending each line) or as the snapshot
    keeps it. Every cell is checked: a date a weekday, each once; a rate digits with one decimal point, above zero.

    >>> parse_history("Date,USD,JPY,\\n2018-07-03,1.1665,N/A,\\n2018-07-02,1.1628,128.8,\\n", "u", published=True)
    (['USD', 'JPY'], [['2018-07-02', '1.1628', '128.8'], ['2018-07-03', '1.1665', '']])
    >>> parse_history("Date,USD,\\n2018-07-07,1.1665,\\n", "u", published=True)
    Traceback (most recent call last):
    figures.errors.FiguresError: u, row 1, column 'Date': expected a fixing day (a weekday) ..., found '2018-07-07'
    """
    date_column, missing = ("Date", {"N/A", ""}) if published else ("date", {""})
    absent = sorted(missing, reverse=True)  # as the message names them: 'N/A' or ''
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = [record for record in reader if record]
    except csv.Error as error:
        raise FiguresError(f"expected CSV, {error}", path=where, row=reader.line_num) from None
    if published:  # the ECB ends every line with a comma
        records = [record[:-1] if record and record[-1] == "" else record for record in records]
    if not records or not records[0] or records[0][0] != date_column:
        found = records[0][:3] if records else []
        raise FiguresError(f"expected the ECB history's header '{date_column},USD,...', found {found!r}", path=where)
    codes = records[0][1:]
    known = _iso_4217()
    for code in codes:
        if not re.fullmatch(r"[A-Z]{3}", code) or code == "EUR" or code not in known:
            raise FiguresError(f"expected ISO 4217 currency codes other than EUR, found {code!r}", path=where, row=0)
    if not codes or len(set(codes)) != len(codes):
        raise FiguresError(f"expected distinct currency codes, found {codes!r}", path=where, row=0)
    rows, seen = [], set()
    for number, record in enumerate(records[1:], start=1):
        if len(record) != len(codes) + 1:
            raise FiguresError(f"expected {len(codes) + 1} cells, found {len(record)}", path=where, row=number)
        day = record[0]
        if not _DATE.fullmatch(day) or not _weekday(day):
            raise FiguresError(
                f"expected a fixing day (a weekday) as YYYY-MM-DD, found {day!r}",
                path=where,
                row=number,
                column=date_column,
            )
        if day in seen:
            raise FiguresError(f"expected each fixing day once, found {day} again", path=where, row=number)
        seen.add(day)
        rates = record[1:]
        joined = ",".join(rates)
        malformed = not (_CELLS.fullmatch(joined) and joined.count(",") == len(rates) - 1)
        if malformed or (not published and "N/A" in rates) or _ZERO.search(f",{joined},"):
            for code, cell in zip(codes, rates, strict=True):  # the first cell at fault, named
                if not (cell in missing or (_RATE.fullmatch(cell) and float(cell) > 0)):
                    raise FiguresError(
                        f"expected a rate above zero (digits, one decimal point) or {' or '.join(map(repr, absent))}"
                        f", found {cell[:40]!r}",
                        path=where,
                        row=number,
                        column=code,
                    )
        rows.append([day, *("" if cell == "N/A" else cell for cell in rates)])
    if not rows:
        raise FiguresError("expected fixing days, found none", path=where)
    rows.sort(key=lambda row: row[0])
    return codes, rows


def snapshot_bytes(codes: list[str], rows: list[list[str]]) -> bytes:
    """The history in the snapshot's format, as `scripts/update_ecb_snapshot.py` writes it.

    >>> snapshot_bytes(["USD"], [["2018-07-03", "1.1665"]])
    b'date,USD\\n2018-07-03,1.1665\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", *codes])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def newest_ecb_rates(today: dt.date | None = None, *, refusals: list[str] | None = None) -> RateTable:
    """The ECB rates a build uses: the copy `figures rates update` wrote if it passes its checks and ends later
    than the embedded snapshot, else the embedded snapshot. A copy that fails is refused: why is appended to
    `refusals` for the caller to tell (a build's input warnings, which `--strict` makes an error), else logged as a
    warning.

    >>> newest_ecb_rates() is load_ecb_rates()  # no copy in the tests' data folder
    True
    """
    embedded = load_ecb_rates()
    path = updated_ecb_rates()
    if not (path.exists() or sidecar_path(path).exists()):
        return embedded
    try:
        copy = read_copy(path, today or dt.date.today())
    except FiguresError as error:
        refusal = f"updated ECB rates refused: {error}; using the embedded snapshot (to {embedded.last_date})"
        if refusals is None:
            LOG.warning("figures: warning: %s", refusal)
        else:
            refusals.append(refusal)
        return embedded
    return copy if copy.last_date > embedded.last_date else embedded


def read_copy(path: Path, today: dt.date) -> RateTable:
    """The updated copy at `path`, read under the folder's lock and checked as it was when downloaded.

    Raises:
        FiguresError: the copy or its sidecar is missing, unreadable, too large or fails a check.

    >>> read_copy(Path("/nowhere/ecb_eurofxref_hist.csv"), dt.date(2026, 12, 6))
    Traceback (most recent call last):
    figures.errors.MissingSidecar: /nowhere/ecb_eurofxref_hist.csv.meta.json: expected a provenance sidecar ...
    """
    where = sidecar_path(path)
    try:
        with folder_lock(path.parent):
            for file, limit in ((where, MAX_SIDECAR_BYTES), (path, MAX_CSV_BYTES)):
                size = file.stat().st_size if file.exists() else 0  # a missing one is named below
                if size > limit:
                    raise FiguresError(f"expected at most {limit:,} bytes, found {size:,}; {UPDATE_AGAIN}", path=file)
            sidecar = read_sidecar(path)
            payload = path.read_bytes()
    except OSError as error:
        raise FiguresError(f"expected a readable file, {error.strerror or error}; {UPDATE_AGAIN}", path=path) from None
    return verified_copy(payload, sidecar, str(path), today)


def verified_copy(
    payload: bytes, sidecar: dict[str, Any], where: str, today: dt.date, remedy: str = UPDATE_AGAIN
) -> RateTable:
    """The rates of a copy (`payload` in the snapshot's format, with its `sidecar`), if it passes every check.

    Raises:
        FiguresError: the first check it fails, naming `where`.

    >>> from figures.paths import ECB_RATES
    >>> copy = verified_copy(ECB_RATES.read_bytes(), ecb_sidecar(), "copy.csv", dt.date(2026, 12, 6))
    >>> copy.last_date, copy.source.endswith("snapshot to 2026-10-30 (updated copy, downloaded 2026-11-26)")
    (datetime.date(2026, 10, 30), True)
    """
    key = json.dumps(sidecar, sort_keys=True, ensure_ascii=True, default=str)
    return _verified_copy(payload, key, where, today, remedy)


@functools.lru_cache(maxsize=2)  # a build opens its rates once; a process that builds twice reads them once
def _verified_copy(payload: bytes, sidecar_json: str, where: str, today: dt.date, remedy: str) -> RateTable:
    sidecar = json.loads(sidecar_json)
    path = Path(where)
    check_ecb_sidecar(sidecar, sidecar_path(path), remedy)
    digest = hashlib.sha256(payload).hexdigest()
    if len(payload) != sidecar["size_bytes"] or digest != sidecar["sha256"]:
        raise FiguresError(
            f"expected {sidecar['size_bytes']} bytes with SHA-256 {sidecar['sha256']} as its sidecar records, found"
            f" {len(payload)} bytes with SHA-256 {digest}: the file was changed; {remedy}",
            path=where,
        )
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FiguresError(f"expected UTF-8, {error.reason} at byte {error.start}; {remedy}", path=where) from None
    parse_history(text, where, published=False)  # every cell, as strictly as the download
    embedded = load_ecb_rates()
    accessed = sidecar["date_accessed"]
    downloaded = dt.date.fromisoformat(accessed)
    table = ecb_table(payload, sidecar, where, remedy=remedy, downloaded=downloaded)
    if table.last_date > today + dt.timedelta(days=1):  # a fixing from the future would block every later update
        raise FiguresError(f"expected no fixing after today ({today}), found {table.last_date}; {remedy}", path=where)
    if table.last_date < embedded.last_date:
        raise FiguresError(
            f"expected a history no older than the embedded snapshot (to {embedded.last_date}), found one to"
            f" {table.last_date}: it would go backwards",
            path=where,
        )
    _check_extends(table, embedded, where, remedy)
    return table


def _check_extends(copy: RateTable, embedded: RateTable, where: str, remedy: str) -> None:
    """Refuse a copy that changes the past: it must hold every fixing day and rate of the embedded snapshot."""
    missing = sorted(set(embedded.currencies) - set(copy.currencies))
    if missing:
        raise FiguresError(
            f"expected every currency of the embedded snapshot, found no {', '.join(missing)}; {remedy}",
            path=where,
        )
    old_dates, old = embedded.fixings_through(embedded.last_date)
    new_dates, new = copy.fixings_through(embedded.last_date)
    if not np.array_equal(old_dates, new_dates):
        differ = sorted(set(old_dates.tolist()) ^ set(new_dates.tolist()))[0]
        raise FiguresError(
            f"expected the embedded snapshot's fixing days up to {embedded.last_date}, found {differ} in one and"
            f" not the other; {remedy}",
            path=where,
        )
    for code in embedded.currencies:
        same = (old[code] == new[code]) | (np.isnan(old[code]) & np.isnan(new[code]))
        if not same.all():
            index = int(np.argmin(same))
            raise FiguresError(
                f"expected the embedded snapshot's rates up to {embedded.last_date}, found {code} on"
                f" {old_dates[index]} {new[code][index]} instead of {old[code][index]}; {remedy}",
                path=where,
            )


def _replaced_copy(path: Path, today: dt.date) -> RateTable | None:
    """The copy an update would replace, if there is one that passes its checks (a broken one is replaced)."""
    if not (path.exists() or sidecar_path(path).exists()):
        return None
    try:
        return read_copy(path, today)
    except FiguresError as error:
        LOG.warning("figures: warning: the updated ECB rates on disk fail their checks (%s): replaced", error)
        return None


def _sidecar(
    path: Path, payload: bytes, codes: list[str], rows: list[list[str]], *, url: str, body: bytes, today: dt.date
) -> dict[str, Any]:
    described = {
        key: value
        for key, value in ecb_sidecar().items()
        if key in ("title", "producer", "citation", "description", "licence", "missing_values", "columns")
    }
    if url != DEFAULT_URL:  # the ECB's words, but not the ECB's address: the page says which served it
        described["citation"] = f"{described['citation']}, as served by {url}"
    return {
        "file": path.name,
        **described,
        "processing": "figures rates update: rows sorted oldest first, header 'Date' renamed 'date', 'N/A' written as"
        " an empty cell, trailing comma dropped. Values unchanged. Checked against the embedded snapshot.",
        "url": url,
        "obtained_from": f"{url}, downloaded by figures {metadata.version('figures')} (figures rates update)",
        "date_accessed": today.isoformat(),
        "download_sha256": hashlib.sha256(body).hexdigest(),
        "download_size_bytes": len(body),
        "first_date": rows[0][0],
        "last_date": rows[-1][0],
        "currencies": codes,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size_bytes": len(payload),
    }


def _weekday(day: str) -> bool:
    try:
        return dt.date.fromisoformat(day).weekday() < 5
    except ValueError:
        return False


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300]


__all__ = ["RatesUpdate", "newest_ecb_rates", "update_rates"]
