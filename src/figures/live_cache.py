"""Live answers kept on disk, and trusted no more than the network: each file is checked again when read.

One JSON file per source, base and date, written whole and renamed into place (a reader sees an old
file or a new one, never half of one). Each file records what it was checked against (the checks, in
words, and the ECB snapshot and fixing day the rates were compared with). Read back, it passes the
same checks as a live answer (`figures.live_answer.check_answer`) or it is deleted, its reason kept in
`discarded`, and the date is asked again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from figures.live_answer import LiveFixing, LiveSourceError, check_answer, checks_text, reference_date
from figures.rates import RateTable, load_ecb_rates

RECENT_DAYS = 7
"""Answers about the last week may still change (a day not yet fixed); they are not cached."""

LOG = logging.getLogger(__name__)
"""Where a discarded cache file is told (a warning: on stderr when nothing else is configured)."""


class LiveCache:
    """Answers on disk, one JSON file per source, base and date; safe for concurrent builds.

    >>> import tempfile
    >>> cache = LiveCache(Path(tempfile.mkdtemp()), "http://127.0.0.1:9/api/")
    >>> cache.put(LiveFixing(dt.date(2018, 6, 1), dt.date(2018, 6, 1), "EUR", {"USD": 1.1675}, "u", "t"))
    >>> cache.get("EUR", dt.date(2018, 6, 1)).rates["USD"]
    1.1675
    """

    def __init__(
        self,
        directory: Path,
        base_url: str,
        *,
        reference: RateTable | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.directory = directory / "forex" / hashlib.sha256(base_url.encode()).hexdigest()[:16]
        self.reference = reference or load_ecb_rates()
        self._today = today
        self.discarded: list[str] = []
        """One line per file read and refused: its path and why."""

    def get(self, base: str, asked: dt.date) -> LiveFixing | None:
        """The cached answer for `asked` if it passes every check; None if there is none or it fails (deleted).

        >>> import tempfile
        >>> cache = LiveCache(Path(tempfile.mkdtemp()), "http://127.0.0.1:9/api/")
        >>> cache.get("EUR", dt.date(2018, 6, 1)) is None
        True
        >>> cache._path("EUR", dt.date(2018, 6, 1)).parent.mkdir(parents=True)
        >>> _ = cache._path("EUR", dt.date(2018, 6, 1)).write_text('{"rates": {"USD": NaN}, "validated": {}}')
        >>> cache.get("EUR", dt.date(2018, 6, 1)) is None, cache.discarded[0].split(": ", 1)[1]
        (True, "discarded: expected the keys ['asked', 'base', 'date', 'fetched_at', 'rates', 'url', 'validated']")
        """
        path = self._path(base, asked)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            return self._discard(path, f"unreadable ({type(error).__name__})")
        try:
            record = json.loads(text)
        except ValueError:
            return self._discard(path, "not JSON")
        try:
            return self._checked(record, base, asked)
        except LiveSourceError as error:
            return self._discard(path, str(error))

    def put(self, fixing: LiveFixing) -> None:
        """Keep an answer with what it was checked against, written whole and renamed into place; not a recent
        answer for another day, nor one that fails the checks.

        Raises `LiveSourceError` for an answer that fails the checks (the client checks it first).

        >>> import tempfile
        >>> cache = LiveCache(Path(tempfile.mkdtemp()), "u", today=lambda: dt.date(2018, 7, 4))
        >>> cache.put(LiveFixing(dt.date(2018, 7, 3), dt.date(2018, 7, 2), "EUR", {"USD": 1.16}, "u", "t"))
        >>> cache.get("EUR", dt.date(2018, 7, 3)) is None  # may not be fixed yet: not kept
        True
        """
        if fixing.date != fixing.asked and (self._today() - fixing.asked).days <= RECENT_DAYS:
            return  # the day may not be fixed yet: ask again next time
        body = {"base": fixing.base, "date": fixing.date.isoformat(), "rates": fixing.rates}
        check_answer(body, base=fixing.base, asked=fixing.asked, url=fixing.url, reference=self.reference)
        path = self._path(fixing.base, fixing.asked)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {**dataclasses.asdict(fixing), "asked": fixing.asked.isoformat(), "date": fixing.date.isoformat()}
        record.pop("from_cache")
        record["validated"] = self._validated(fixing.base, fixing.asked, fixing.date)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(record, stream, sort_keys=True, allow_nan=False)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)

    def _checked(self, record: object, base: str, asked: dt.date) -> LiveFixing:
        keys = ["asked", "base", "date", "fetched_at", "rates", "url", "validated"]
        if isinstance(record, dict) and "validated" not in record:
            raise LiveSourceError("no record of what it was checked against (a file of an earlier version)")
        if not isinstance(record, dict) or sorted(record) != keys:
            raise LiveSourceError(f"expected the keys {keys}")
        if record["asked"] != asked.isoformat():
            raise LiveSourceError(f"an answer for {str(record['asked'])[:10]}, not {asked}")
        validated = record["validated"]
        if not isinstance(validated, dict) or [validated.get("asked"), validated.get("base")] != [
            record["asked"],
            base,
        ]:
            raise LiveSourceError("its record of what it was checked against is for another question")
        if not isinstance(record["url"], str) or not isinstance(record["fetched_at"], str):
            raise LiveSourceError("expected 'url' and 'fetched_at' as text")
        answered, rates = check_answer(record, base=base, asked=asked, url=record["url"], reference=self.reference)
        return LiveFixing(asked, answered, base, rates, record["url"], record["fetched_at"], from_cache=True)

    def _validated(self, base: str, asked: dt.date, answered: dt.date) -> dict[str, str | None]:
        day = reference_date(self.reference, answered)
        return {
            "asked": asked.isoformat(),
            "base": base,
            "checks": checks_text(base, asked),
            "reference": self.reference.source,
            "reference_date": None if day is None else day.isoformat(),
        }

    def _discard(self, path: Path, reason: str) -> None:
        self.discarded.append(f"{path}: discarded: {reason}")
        LOG.warning("figures: warning: rate cache %s failed its checks (%s): discarded, asked again", path, reason)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)  # a folder where an answer belongs: not ours to read
        else:
            path.unlink(missing_ok=True)
        return None

    def _path(self, base: str, asked: dt.date) -> Path:
        return self.directory / base / f"{asked.isoformat()}.json"
