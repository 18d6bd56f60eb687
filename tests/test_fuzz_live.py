"""Fuzzing the live rates' inputs: a rate server's answers and the files of the rate cache.

The two input paths tests/test_fuzz.py leaves out, fuzzed the same way (its settings, checks and
`examples` count: the suite's short run, or FUZZ_EXAMPLES under `make fuzz`):

- the rate server's answer (`test_rate_server_answer_fuzz`, 40 examples a run): the local fake server
  of tests/forex_server.py answers every date, or one, with a changed answer: a field or a rate set to
  a hostile value (negative, zero, 1e300, NaN, a string, markdown, a date years away, another base), a
  rate scaled, a field dropped or added, a body that is not JSON, not UTF-8, truncated or empty, another
  status, another content type, or a redirect to the same rates at another address; in strict mode or
  not, either locale;
- the rate cache (`test_rate_cache_file_fuzz`, 40 examples): a cache the package wrote from honest
  answers, one file of it changed the same ways (or swapped with another date's, or replaced by a
  folder), read back with the server honest or down.

The outcome is a FiguresError of one line, or numbers a reader can trust: every rate the ECB's (the
fake server serves the ECB snapshot, and a refused answer falls back to it), or a live rate within a
factor of 2 of the ECB's for the same figure (what the live source may plausibly differ by); the
notice about the rates shows the server's text as text (no link, emphasis or heading from it), and a
rate fetched through a redirect is credited to the address that answered. The cache is then read
again with the server honest: what the first build kept must pass the same checks.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pandas as pd
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from test_fuzz import FUZZ, JSON_VALUE, LOCALES, _elements, assert_nothing_runs, examples, note

from figures import story
from figures.context import build_context
from figures.errors import FiguresError
from figures.parameters import ReportParameters
from figures.render import outputs_html
from forex_server import ForexServer, _fixing_on_or_before
from helpers import claim, write_figures

JANUARY_2018 = ("2018-01-01", "2018-01-31")
COMMON = ("EUR", "USD", "JPY")
PLAUSIBLE = 2.0
"""How far a live rate may be from the ECB's for the same figure and still be used (issue 19: a factor of 2)."""

# What a server or a cache file may hold where a number, a date or a code should be.
HOSTILE_VALUES = (
    -1.17, 0, 0.0, -0.0, 1e300, 1e-300, math.nan, math.inf, -math.inf, 10**400, True, None, "1.1", "", "USD",
    "2030-01-01", "1999-01-01", "2017-12-29", "2018-01-02T00:00", "[x](http://evil.test/)", "**bold**", "`code`",
    "# heading", "<script>alert(1)</script>", "\u202e1.43", "\u200b", "a\nb", [], {}, [1.1],
)  # fmt: skip
SCALES = (-1.0, 0.0, 1e-300, 1e-6, 0.3, 0.6, 1.5, 1.9, 2.5, 1e6, 1e300)


MARKDOWN_LEAKS = ("a", "em", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "img", "ul", "ol", "hr")


# The comparison: two companies in two currencies over one month, in a common currency of three.


@pytest.fixture(scope="module")
def live_case(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live-case")
    rows = [
        claim("a", "Alpha", "revenue", *JANUARY_2018, 1, "billion", "USD"),
        claim("b", "Beta", "revenue", *JANUARY_2018, 1, "billion", "GBP"),
    ]
    write_figures(folder / "claims.csv", rows)
    return folder


class Reference(dict):
    """The ECB build's table for each common currency (a short repr: Hypothesis prints a failing case's arguments)."""

    def __repr__(self) -> str:
        return f"<the ECB build's tables in {', '.join(self)}>"


@pytest.fixture(scope="module")
def ecb_tables(live_case):
    return Reference({currency: _context(live_case, currency, "ecb").table.rows for currency in COMMON})


def _context(folder: Path, currency: str, rates: str, strict: bool = False, locale: str = "en"):
    return build_context(
        ReportParameters(comparison=str(folder), currency=currency, rates=rates, strict=strict, locale=locale)
    )


# A server whose answers the test chooses: the fake server's, each passed through `respond` first.


@dataclass
class Answer:
    """One answer: status, headers and body."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})


def honest(day: str, path: str) -> Answer:
    row = _fixing_on_or_before(day)
    rates = {code: float(value) for code, value in row.items() if code != "date" and value}
    return Answer(body=json.dumps({"base": "EUR", "date": row["date"], "rates": rates}).encode())


class ChosenServer(ForexServer):
    """tests/forex_server.py's server, answering `respond(day, path)` (by default, as the ECB did that day)."""

    def __init__(self):
        super().__init__()
        self.respond = honest
        server, plain = self, self.httpd.RequestHandlerClass

        class Handler(plain):
            def do_GET(self):
                server.requests += 1
                if server.mode != "ok":
                    return super().do_GET()  # "500", say: the server is down
                path = self.path.split("?")[0]
                answer = server.respond(path.rstrip("/").rsplit("/", 1)[-1], path)
                self.send_response(answer.status)
                for name, value in {**answer.headers, "Content-Length": str(len(answer.body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer.body)
                return None

        self.httpd.RequestHandlerClass = Handler


@pytest.fixture(scope="module")
def server():
    with ChosenServer() as running:
        yield running


@contextlib.contextmanager
def live_environment(server: ChosenServer, cache: Path):
    variables = {"FIGURES_FOREX_URL": server.url, "FIGURES_CACHE_DIR": str(cache), "FIGURES_FOREX_TIMEOUT": "2"}
    with mock.patch.dict(os.environ, variables):
        yield


# The checks.


def live_outcome(folder: Path, currency: str, strict: bool, locale: str, reference: pd.DataFrame) -> tuple[str, str]:
    """Build the context with live rates: a one-line FiguresError, or numbers and a notice to trust.

    Returns the outcome ("error", "live" or "fallback") and the page's notice about the rates ("" on an error).
    """
    try:
        ctx = _context(folder, currency, "live", strict, locale)
    except FiguresError as error:
        note(f"FiguresError: {error}")
        assert "\n" not in str(error) and "\r" not in str(error), "the error is not one line"
        return "error", ""
    check_truthful(ctx.table.rows, reference)
    if strict:
        assert not ctx.table.rows["fx_fell_back"].astype(bool).any(), "a strict build fell back"
    page = outputs_html(story.rate_sources(ctx).outputs())
    note(page)
    check_notice(page)
    return ("fallback" if ctx.table.rows["fx_fell_back"].astype(bool).any() else "live"), page


def check_truthful(table: pd.DataFrame, reference: pd.DataFrame) -> None:
    """Every row as the ECB's build has it, or, for a live rate, within a factor of PLAUSIBLE of the ECB's."""
    keys = ["company", "basis", "metric", "currency", "fx_method", "period_start", "period_end"]
    assert table[keys].astype(str).equals(reference[keys].astype(str)), "other rows than the ECB build's"
    for (_, row), (_, ecb) in zip(table.iterrows(), reference.iterrows(), strict=True):
        assert math.isfinite(row["value"]), f"a value that is not finite: {row['value']!r}"
        if row["fx_provider"] == "live":
            ratio = row["fx_rate"] / ecb["fx_rate"]
            assert 1 / PLAUSIBLE <= ratio <= PLAUSIBLE, f"a live rate {row['fx_rate']!r} for {ecb['fx_rate']!r}"
            assert math.isclose(row["value"] / ecb["value"], ratio, rel_tol=1e-9)
        else:
            assert row["value"] == ecb["value"], (row["value"], ecb["value"])
            assert row["fx_rate"] == ecb["fx_rate"] or (pd.isna(row["fx_rate"]) and pd.isna(ecb["fx_rate"]))


def check_notice(page: str) -> None:
    """The notice: nothing runs, and the server's words are text (the notice's own bold and code, once each)."""
    assert_nothing_runs(page)
    tags = [tag for tag, _ in _elements(page)]
    assert not set(tags) & set(MARKDOWN_LEAKS), f"markup from the server's text: {sorted(set(tags))}"
    assert tags.count("strong") <= 1 and tags.count("code") <= 1, "emphasis or code from the server's text"


# 1. The rate server's answer.

ANSWER_CHANGES = (
    "set", "set", "set", "rate", "rate", "scale", "scale", "delete", "extra", "not_object", "not_json", "binary",
    "not_utf8", "truncate", "empty", "status", "content_type", "redirect", "nan_literal",
)  # fmt: skip


@st.composite
def changed_answer(draw):
    """(a description, respond): an answer changed one way, for every date or for one."""
    kind = draw(st.sampled_from(ANSWER_CHANGES))
    only = draw(st.sampled_from([None, "2018-01-02", "2018-01-15", "2018-01-31", "2019-07-01"]))
    code = draw(st.sampled_from(["USD", "GBP", "JPY", "CHF"]))
    value = draw(st.one_of(st.sampled_from(HOSTILE_VALUES), JSON_VALUE))
    scale = draw(st.sampled_from(SCALES))
    field_name = draw(st.sampled_from(["date", "base", "rates"]))
    status = draw(st.sampled_from([201, 204, 301, 400, 403, 404, 429, 503]))
    cut = draw(st.floats(0, 1))
    extra = draw(st.text(max_size=8))
    garbage = draw(st.binary(max_size=64))

    def respond(day: str, path: str) -> Answer:
        answer = honest(day, path)
        if (only is not None and day != only) or "/moved/" in path:
            return answer
        body = json.loads(answer.body)
        if kind == "set":
            body[field_name] = value
        elif kind == "rate":
            body["rates"][code] = value
        elif kind == "scale":
            body["rates"][code] *= scale
        elif kind == "delete":
            del body[field_name]
        elif kind == "extra":
            body[extra] = value
        elif kind == "not_object":
            body = [body] if value is None else value
        elif kind == "not_json":
            return Answer(body=b"<html><body>Maintenance</body></html>")
        elif kind == "binary":
            return Answer(body=garbage)
        elif kind == "not_utf8":
            return Answer(body=b'{"base": "EUR", "date": "\xff\xfe"}')
        elif kind == "empty":
            return Answer(body=b"")
        elif kind == "status":
            answer.status = status
        elif kind == "content_type":
            answer.headers["Content-Type"] = "text/html; charset=utf-8"
        elif kind == "redirect":
            location = path.replace("/api/", "/moved/api/")
            return Answer(status=302, headers={"Location": location})
        elif kind == "nan_literal":
            answer.body = answer.body.replace(f'"{code}": '.encode(), f'"{code}": NaN, "x{code}": '.encode())
            return answer
        answer.body = json.dumps(body, allow_nan=True).encode()
        if kind == "truncate":
            answer.body = answer.body[: int(len(answer.body) * cut)]
        return answer

    described = {"kind": kind, "only": only, "code": code, "value": value, "scale": scale, "field": field_name}
    return {key: value for key, value in described.items() if value is not None or key == "only"}, respond


def _issue_example(**described):
    """An answer the issue names, as `changed_answer` would draw it."""

    def respond(day: str, path: str) -> Answer:
        answer = honest(day, path)
        body = json.loads(answer.body)
        if "rate" in described:
            body["rates"]["USD"] = described["rate"]
        if "date" in described:
            body["date"] = described["date"]
        answer.body = json.dumps(body, allow_nan=True).encode()
        return answer

    return {"kind": "issue", **described}, respond


def _redirect_example():
    def respond(day: str, path: str) -> Answer:
        if "/moved/" in path:
            return honest(day, path)
        return Answer(status=302, headers={"Location": path.replace("/api/", "/moved/api/")})

    return {"kind": "redirect"}, respond


@settings(max_examples=examples(40), **FUZZ)
@example(change=_issue_example(rate=1e300), strict=False, currency="EUR", locale="en")  # absurd, accepted
@example(change=_issue_example(date="[x](http://evil.test/) **b**"), strict=False, currency="EUR", locale="en")
@example(change=_redirect_example(), strict=False, currency="EUR", locale="en")
@given(
    change=changed_answer(),
    strict=st.booleans(),
    currency=st.sampled_from(COMMON),
    locale=st.sampled_from(LOCALES),
)
def test_rate_server_answer_fuzz(live_case, ecb_tables, server, change, strict, currency, locale):
    described, respond = change
    note(repr(described))
    server.mode, server.respond = "ok", respond
    cache = Path(tempfile.mkdtemp(prefix="fuzz-cache-"))
    try:
        with live_environment(server, cache):
            outcome, page = live_outcome(live_case, currency, strict, locale, ecb_tables[currency])
            server.respond = honest  # what the first build kept in the cache passes the same checks
            again, _ = live_outcome(live_case, currency, strict, locale, ecb_tables[currency])
        if described["kind"] == "redirect" and outcome == "live":
            assert "/moved/" in page, "rates fetched through a redirect, credited to the address that redirected"
    finally:
        server.respond = honest
        shutil.rmtree(cache, ignore_errors=True)
    event(f"{described['kind']}: {outcome}, then {again}")


# 2. The rate cache.

CACHE_CHANGES = (
    "set", "set", "set", "set", "scale", "scale", "delete", "extra", "swap", "not_object", "not_json", "binary",
    "not_utf8", "truncate", "empty", "bom", "huge_integer", "folder",
)  # fmt: skip


@pytest.fixture(scope="module")
def seeded_cache(live_case, server, tmp_path_factory):
    """A cache the package wrote from honest answers: every date of the case, for each common currency."""
    cache = tmp_path_factory.mktemp("seeded-cache")
    server.mode, server.respond = "ok", honest
    with live_environment(server, cache):
        for currency in COMMON:
            _context(live_case, currency, "live", strict=True)
    files = sorted(path.relative_to(cache) for path in cache.rglob("*") if path.is_file())
    assert files, "the live build cached nothing"
    return cache, files


def _leaves(value, path=()):
    """The paths of every leaf of a JSON value (a dict's keys, a list's indexes)."""
    if isinstance(value, dict) and value:
        return [leaf for key, inner in value.items() for leaf in _leaves(inner, (*path, key))]
    if isinstance(value, list) and value:
        return [leaf for index, inner in enumerate(value) for leaf in _leaves(inner, (*path, index))]
    return [path]


def _set(document, path, value):
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document


@st.composite
def changed_cache_file(draw, files: list[Path]):
    """(which file, how it changed, a function that changes it in a copy of the cache)."""
    target = draw(st.sampled_from(files))
    kind = draw(st.sampled_from(CACHE_CHANGES))
    value = draw(st.one_of(st.sampled_from(HOSTILE_VALUES), JSON_VALUE))
    scale = draw(st.sampled_from(SCALES))
    other = draw(st.sampled_from(files))
    choice = draw(st.integers(0, 10**6))
    extra = draw(st.text(max_size=8))
    cut = draw(st.floats(0, 1))

    def change(cache: Path) -> str:
        path = cache / target
        payload = path.read_bytes()
        document = json.loads(payload)
        leaves = _leaves(document)
        numeric = [leaf for leaf in leaves if _number(document, leaf)]
        if kind == "set":
            leaf = leaves[choice % len(leaves)]
            document = _set(document, leaf, value)
            described = f"{'/'.join(map(str, leaf))} = {value!r}"
        elif kind == "scale" and numeric:
            leaf = numeric[choice % len(numeric)]
            document = _set(document, leaf, _get(document, leaf) * scale)
            described = f"{'/'.join(map(str, leaf))} x {scale!r}"
        elif kind == "delete" and isinstance(document, dict):
            leaf = leaves[choice % len(leaves)]
            del _get(document, leaf[:-1])[leaf[-1]]
            described = f"without {'/'.join(map(str, leaf))}"
        elif kind == "extra" and isinstance(document, dict):
            document[extra] = value
            described = f"{extra!r} = {value!r} added"
        elif kind == "swap":
            path.write_bytes((cache / other).read_bytes())
            return f"the answer of {other.name}"
        elif kind == "not_object":
            document = [document] if value is None else value
            described = f"{value!r} in place of the object"
        elif kind in ("not_json", "binary", "not_utf8", "empty", "bom", "huge_integer", "truncate"):
            path.write_bytes(_bytes(kind, payload, cut))
            return kind
        elif kind == "folder":
            path.unlink()
            path.mkdir()
            return "a folder in its place"
        else:
            described = "unchanged"
        path.write_text(json.dumps(document, allow_nan=True), encoding="utf-8")
        return described

    return target, kind, change


def _get(document, path):
    for step in path:
        document = document[step]
    return document


def _number(document, leaf) -> bool:
    value = _get(document, leaf)
    return isinstance(value, int | float) and not isinstance(value, bool)


def _bytes(kind: str, payload: bytes, cut: float) -> bytes:
    return {
        "not_json": b"{not json",
        "binary": bytes(range(256)),
        "not_utf8": payload[:10] + b"\xff" + payload[10:],
        "empty": b"",
        "bom": b"\xef\xbb\xbf" + payload,
        "huge_integer": payload.replace(b": 1.", b": 1" + b"1" * 5000 + b".", 1),
        "truncate": payload[: int(len(payload) * cut)],
    }[kind]


CACHE_POISON = (-1.17, 1e300, math.nan, math.inf, 0)
"""The cached rates the issue names: each published a false number or ended in an error naming no file."""


@settings(max_examples=examples(40), **FUZZ)
@given(data=st.data(), down=st.booleans(), strict=st.booleans(), currency=st.sampled_from(COMMON))
def test_rate_cache_file_fuzz(live_case, ecb_tables, server, seeded_cache, data, down, strict, currency):
    seed, files = seeded_cache
    target, kind, change = data.draw(changed_cache_file(files), label="cache file")
    cache = Path(tempfile.mkdtemp(prefix="fuzz-cache-"))
    try:
        shutil.copytree(seed, cache, dirs_exist_ok=True)
        note(f"{target}: {change(cache)}")
        server.mode, server.respond = ("500" if down else "ok"), honest
        with live_environment(server, cache):
            outcome, _ = live_outcome(live_case, currency, strict, "en", ecb_tables[currency])
            server.mode = "ok"
            again, _ = live_outcome(live_case, currency, strict, "en", ecb_tables[currency])
    finally:
        server.mode = "ok"
        shutil.rmtree(cache, ignore_errors=True)
    event(f"{kind}, server {'down' if down else 'up'}: {outcome}, then {again}")


@pytest.mark.parametrize("poison", CACHE_POISON)
def test_a_poisoned_cached_rate_is_never_used(live_case, ecb_tables, server, seeded_cache, poison):
    # The issue's cases, every time: a cached USD closing rate of -1.17, 1e300, NaN, Infinity or 0, the server down.
    seed, files = seeded_cache
    cache = Path(tempfile.mkdtemp(prefix="fuzz-cache-"))
    try:
        shutil.copytree(seed, cache, dirs_exist_ok=True)
        for name in files:
            path = cache / name
            if path.stem == "2018-01-31":  # the closing rate: the number a reader sees
                document = json.loads(path.read_text(encoding="utf-8"))
                rates = next(leaf for leaf in _leaves(document) if leaf[-1] == "USD")
                path.write_text(json.dumps(_set(document, rates, poison), allow_nan=True), encoding="utf-8")
        server.mode = "500"
        with live_environment(server, cache):
            live_outcome(live_case, "EUR", False, "en", ecb_tables["EUR"])
    finally:
        server.mode = "ok"
        shutil.rmtree(cache, ignore_errors=True)


def test_the_seeded_cache_holds_the_dates_of_the_case(seeded_cache):
    # The fuzzing changes files the package wrote: one per date asked, January 2018 and the spot day among them.
    _, files = seeded_cache
    names = {path.stem for path in files}
    assert {"2018-01-02", "2018-01-15", "2018-01-31", "2019-07-01"} <= names
