"""Fuzzing every input file: hostile bytes end in a FiguresError naming file, row and column, or in a correct report.

Hypothesis mutates each input a user or a tool can hand the package, starting from a valid one:

- the claims file (`test_claims_file_fuzz`, 60 examples a run): one cell replaced (any column, the
  header included) by arbitrary unicode text, control characters, HTML, numbers as text, odd dates
  or boolean spellings, or a structural change (a column dropped or added, a ragged or duplicated
  row, an empty or header-only file, blank lines, an unbalanced quote, invalid UTF-8, a truncated
  file), written with or without a BOM, in LF, CRLF or CR line endings;
- the reported figures (`test_reported_file_fuzz`, 40 examples): the same, from three years of one
  company's revenue and its convenience translation;
- a narrative (`test_narrative_fuzz`, 60 examples): arbitrary text and bytes, raw HTML, hostile
  links, huge headings, BOM and CRLF, through the report's markdown path;
- the ECB snapshot and its sidecar (a consistent 300-line snapshot as the valid base), 30 examples
  each: a changed snapshot with its sidecar left alone (`test_ecb_snapshot_changed_behind_its_sidecar`),
  a changed snapshot whose checksum and size are updated so the content checks run
  (`test_ecb_snapshot_content_fuzz`), and a changed sidecar (`test_ecb_sidecar_fuzz`);
- whole builds: 1 hand-picked and 1 generated valid-but-odd comparison
  (`test_odd_but_valid_comparisons_build_a_whole_report`, 2 builds), and 5 invalid ones that must
  leave a previous report byte-identical (`test_an_invalid_input_leaves_the_previous_report`; refused
  before any cell runs).

That is 60 + 40 + 60 + 3 x 30 + 2 + 5 = 257 generated examples a run, beside the 17 hand-written test
functions (23 cases with the parametrized ones) of tests/test_hostile.py, which this file does not repeat.
`make fuzz` runs the same properties longer: FUZZ_EXAMPLES examples each (whole builds 1 % and 2 % of
them), with tests/test_fuzz_live.py, which fuzzes the live rates' inputs (the rate server's answers and
the rate cache's files) with this file's checks.

The only outcomes allowed are a FiguresError naming the file (and, for a bad cell, its row and
column), or a correct result; the inputs are never changed. The twelve bugs the fuzzing found are
fixed, each pinned by a regression test at the end with its smallest input (`test_regression_*`:
12 functions, 13 cases).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import re
import tempfile
import traceback
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import markupsafe
import pytest
import regex
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import note as _hypothesis_note
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from figures import story
from figures.case import open_comparison
from figures.errors import FiguresError
from figures.export import page_context, spreadsheet_safe, table_csv
from figures.rates import load_ecb_rates
from figures.render import _render_output
from figures.report import ReportParameters, build_report, validate
from figures.summary import headline
from figures.text_policy import skeleton
from helpers import ARTICLE_FILE, ECB_FILE, REPORTED_FILE, claim, reported, write_figures, write_reported

FUZZ = {
    "deadline": None,
    "derandomize": False,
    "database": None,  # nothing written beside the tests
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
FUZZ_VARIABLE = "FUZZ_EXAMPLES"


def _fuzz_examples() -> int:
    text = os.environ.get(FUZZ_VARIABLE, "0")
    if not text.isdigit():
        raise ValueError(f"expected {FUZZ_VARIABLE} to be a whole number of examples, found {text!r}")
    return int(text)


FUZZ_EXAMPLES = _fuzz_examples()
"""`make fuzz` sets it: examples per input path; unset (0), each property runs the suite's short count."""


def examples(short: int, share: float = 1.0) -> int:
    """`short` examples in the suite; under `make fuzz`, `share` of FUZZ_EXAMPLES (whole builds take a share)."""
    return max(short, round(FUZZ_EXAMPLES * share))


METHODS = ("average", "closing", "spot")
LOCALES = ("en", "fr")
ECB_CURRENCIES = load_ecb_rates().currencies  # EUR included
STEADY_CURRENCIES = ("EUR", "USD", "GBP", "JPY", "CHF", "CNY", "SEK", "AUD", "CAD", "KRW", "INR", "ZAR")
"""Quoted every day from 2015 to 2019: a common currency in which the base comparisons translate."""
COMMON_CURRENCY = st.one_of(st.sampled_from(STEADY_CURRENCIES), st.sampled_from(ECB_CURRENCIES))


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as stream:
        return next(csv.reader(stream))


CLAIMS_HEADER = _header(ARTICLE_FILE)
REPORTED_HEADER = _header(REPORTED_FILE)
FY2018 = ("2017-04-01", "2018-03-31")
FY2017 = ("2016-04-01", "2017-03-31")
FY2016 = ("2015-04-01", "2016-03-31")
CY2017 = ("2017-01-01", "2017-12-31")

# The cell values: text of every kind, numbers, dates and booleans as people and tools write them.
NUMBER_TEXTS = (
    "1e300", "-1e300", "1e400", "1e-320", "4.9e-324", "-0", "0", "0.0", "nan", "NaN", "inf", "-inf", "Infinity",
    "1,5", "1.5.2", "0.0000001", "0.000001", "1e-6", "1e10", "10000000000", "10000000001", "1e16", "9" * 400,
    "1" * 5000, "-1", "+5", " 5 ", "1_000", "١٢٣", "１２", "0x10", "1e", ".", "5.", ".5", "100", "-100", "-99.9",
    "-99.9999999", "9999", "10000", "10000.0001", "1e27", "1e-30", "58 %", "$39.9", "39,9", "1 000", "1\u202f000",
)  # fmt: skip
DATE_TEXTS = (
    "2018-02-30", "2018-02-29", "2016-02-29", "0001-01-01", "9999-12-31", "2018-1-1", "", "2018-01-01T00:00",
    "20180101", "2018-W01-1", "1999-01-03", "1999-01-04", "2026-10-30", "2026-10-31", "2030-01-01",
    "1677-09-21", "2262-04-12", "2018-12-31 ", "31/12/2018", "2018/12/31", "2018-13-01", "2018-00-10", "today",
)  # fmt: skip
BOOL_TEXTS = ("true", "false", "TRUE", "False", "1", "0", "yes", "no", "t", "", " true", "truе")
HTML_TEXTS = (
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "</td></tr></table>",
    '"><svg onload=alert(1)>', "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1", "-1+2", "&lt;b&gt;", "&amp;", "{{ 7*7 }}",
    "{% raw %}", "${7*7}", "%s%s%n", "\\", "*_`#|~[]()", "# heading", "<!--", "]]>", "\u202eevil", "\u200b",
)  # fmt: skip
CODE_TEXTS = (
    "revenue", "revenue_growth", "revenue_growth_organic", "revenue_change_scope", "revenue_change_currency",
    "revenue_contribution", "percent", "million", "billion", "thousand", "EUR", "USD", "GBP", "CNY", "XAU", "XXX",
    "eur", "ZWL", "CYP", "alpha_revenue", "alpha_growth", "beta_revenue", "a_fy2018", "a_fy2018_usd",
    "CNY per USD", "USD per CNY", "CNY per EUR", "per USD", "CNY  per USD", "trillion", "Trillion",
)  # fmt: skip
CELL_VALUE = st.one_of(
    st.text(),
    st.text(st.characters(codec="ascii"), max_size=12),
    st.sampled_from(NUMBER_TEXTS + DATE_TEXTS + BOOL_TEXTS + HTML_TEXTS + CODE_TEXTS),
    st.floats().map(repr),
    st.integers().map(str),
    st.dates().map(dt.date.isoformat),
    st.lists(
        st.sampled_from(HTML_TEXTS + NUMBER_TEXTS + ("\t", "\r", "\n", "\x00", "\x1b", "\x7f", "\u2028", '"'))
    ).map("".join),
)
INVALID_UTF8 = (b"\xff", b"\xc3", b"\xe9", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80\x80", b"\xc0\xaf")
BOM = b"\xef\xbb\xbf"


def csv_text(table: list[list[str]], eol: str) -> str:
    """A CSV written by hand: a cell is quoted when it holds a comma, a quote or a line break (even a lone CR)."""

    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text

    return "".join(",".join(cell(text) for text in row) + eol for row in table)


CSV_KINDS = (
    "cell",
    "cell",
    "cell",
    "cell",
    "cell",
    "cell",
    "none",
    "drop_column",
    "drop_header_field",
    "extra_column",
    "ragged",
    "duplicate_row",
    "drop_row",
    "shuffle_columns",
    "blank_lines",
    "empty",
    "bom_only",
    "header_only",
    "unbalanced_quote",
    "non_utf8",
    "truncate",
)


@st.composite
def mutated_csv(draw, header: list[str], rows: list[dict[str, str]]):
    """(the file's bytes, the kind of mutation, (row, column, new value) of the one data cell replaced, or None)."""
    table = [list(header), *([row[column] for column in header] for row in rows)]
    kind = draw(st.sampled_from(CSV_KINDS))
    target = None
    if kind == "cell":
        number = draw(st.integers(0, len(table) - 1))  # 0: a header cell
        column = draw(st.integers(0, len(header) - 1))
        table[number][column] = draw(CELL_VALUE)
        target = (number, header[column], table[number][column]) if number else None
    elif kind == "drop_column":
        column = draw(st.integers(0, len(header) - 1))
        table = [row[:column] + row[column + 1 :] for row in table]
    elif kind == "drop_header_field":
        del table[0][draw(st.integers(0, len(header) - 1))]
    elif kind == "extra_column":
        name, value = draw(st.one_of(st.text(max_size=8), st.sampled_from(header))), draw(CELL_VALUE)
        at = draw(st.integers(0, len(header)))
        table = [[*row[:at], name if index == 0 else value, *row[at:]] for index, row in enumerate(table)]
    elif kind == "ragged":
        number = draw(st.integers(1, len(table) - 1))
        if draw(st.booleans()):
            table[number].append(draw(CELL_VALUE))
        else:
            table[number].pop()
    elif kind == "duplicate_row":
        number = draw(st.integers(1, len(table) - 1))
        table.insert(draw(st.integers(1, len(table))), list(table[number]))
    elif kind == "drop_row":
        del table[draw(st.integers(1, len(table) - 1))]
    elif kind == "shuffle_columns":
        order = draw(st.permutations(range(len(header))))
        table = [[row[index] for index in order] for row in table]
    elif kind == "blank_lines":
        for _ in range(draw(st.integers(1, 3))):
            table.insert(draw(st.integers(1, len(table))), draw(st.sampled_from([[""], [" "], [""] * len(header)])))
    elif kind == "header_only":
        table = table[:1]
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = "" if kind in ("empty", "bom_only") else csv_text(table, eol)
    if kind == "unbalanced_quote":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + '"' + text[at:]
    payload = (BOM if kind == "bom_only" or draw(st.booleans()) else b"") + text.encode("utf-8")
    if kind == "non_utf8":
        at = draw(st.integers(0, len(payload)))
        payload = payload[:at] + draw(st.sampled_from(INVALID_UTF8)) + payload[at:]
    elif kind == "truncate":
        payload = payload[: draw(st.integers(0, len(payload)))]
    return payload, kind, target


def note(text: str) -> None:
    """Hypothesis's note inside a property; nothing in a plain test (the regression tests share the checks)."""
    with contextlib.suppress(InvalidArgument):
        _hypothesis_note(text)


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


KNOWN_BUGS: dict[str, tuple] = {}  # every bug the fuzzing found is fixed; each has a regression test below


def known_bug(error: BaseException) -> str | None:
    """The KNOWN_BUGS entry this exception is, judged by where in the package it was raised, or None."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if "/figures/" in frame.filename]
    if not frames:
        return None
    last = frames[-1]
    functions = {frame.name for frame in frames[-2:]}  # a comprehension is a frame of its own
    for name, (module, function, types, text) in KNOWN_BUGS.items():
        if (
            isinstance(error, types)
            and last.filename.endswith(f"figures/{module}")
            and (function is None or function in functions)
            and text in str(error)
        ):
            return name
    return None


def check_error(error: FiguresError, files: list[Path], target: tuple | None, currency: str | None = None) -> None:
    """A FiguresError as the issue asks: one line naming one of `files`, and the cell when it is about it.

    The one error about no file is about the reader's choice: a common `currency` without rates for a
    figure's period (a currency the ECB stopped quoting, say), which no cell of the files can mend.
    """
    note(f"FiguresError: {error}")
    assert "\r" not in str(error), "the error is not one line"
    assert "\n" not in str(error), "the error is not one line"
    if currency is not None and error.path is None and error.message.startswith("expected a common currency"):
        assert f"{currency} has none for" in error.message, str(error)
        return
    assert error.path is not None, f"the error names no file: {error}"
    assert Path(error.path).resolve() in {path.resolve() for path in files}, error.path
    assert str(error).startswith(error.path)
    if target is None or error.column != target[1]:
        return  # a bad cell may well break another column's rule: the file is named, that is enough
    row, column = target[:2]
    assert error.row is not None, f"an error about column {column!r} names no row: {error}"
    if "unique" in error.message or "one figure per" in error.message:
        # A duplicate is reported on the later of the two rows; the message names the other.
        assert row in {error.row, *map(int, re.findall(r"\brow (\d+)", error.message))}, str(error)
    else:
        assert error.row == row, f"expected row {row}: {error}"


def check_pieces(folder: Path, currency: str, method: str, locale: str) -> None:
    """What the report shows, built in process: the table, the headline, the page's context and the CSV."""
    table = open_comparison(folder).table(currency=currency)
    lines = headline(table, currency, method, locale=locale)
    context = page_context(table, currency=currency, method=method, locale=locale)
    text = table_csv(table, currency, method)
    assert all(isinstance(line, str) and line for line in lines)
    assert context["lang"] == locale and context["title"] and context["summary"] == lines
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(table.rows) > 0
    assert all(math.isfinite(float(row["value"])) for row in rows), "a number the report shows is not finite"
    assert {spreadsheet_safe(company) for company in table.rows["company"]} <= {row["company"] for row in rows}


def run_case(folder: Path, currency: str, method: str, locale: str, files: list[Path], target) -> str:
    """validate, then the report's pieces; returns the outcome. Anything but a FiguresError fails."""
    before = snapshot(folder)
    try:
        validate(ReportParameters(comparison=str(folder), currency=currency, method=method, locale=locale))
        check_pieces(folder, currency, method, locale)
        outcome = "report"
    except FiguresError as error:
        check_error(error, files, target, currency)
        outcome = "error"
    except Exception as error:
        bug = known_bug(error)
        if bug is None:
            raise
        note(f"known bug {bug}: {error!r}")
        outcome = bug
    assert snapshot(folder) == before, "an input file was changed"
    return outcome


# 1. The claims file.


@st.composite
def claims_case(draw):
    """A valid comparison of two companies (revenue and growth each), and the common currency, method, locale."""
    currency = draw(COMMON_CURRENCY)
    if draw(st.booleans()):  # one currency throughout: every rate is the identity, no date is checked
        alpha = beta = currency
    else:
        alpha, beta = (draw(st.sampled_from(("USD", "EUR", "GBP", "JPY", "CNY", "CHF"))) for _ in range(2))
    rows = [
        claim("alpha_revenue", "Alpha Group", "revenue", *FY2018, 39.9, "billion", alpha, period_inferred="true"),
        claim("alpha_growth", "Alpha Group", "revenue_growth", *FY2018, 58, "percent", alpha, wording="58 %"),
        claim("beta_revenue", "Beta Group", "revenue", *CY2017, 18.3, "billion", beta, approximate="true"),
        claim("beta_growth", "Beta Group", "revenue_growth", *CY2017, 82, "percent", beta, note="scope"),
    ]
    return rows, currency, draw(st.sampled_from(METHODS)), draw(st.sampled_from(LOCALES))


@settings(max_examples=examples(60), **FUZZ)
@given(case=claims_case(), data=st.data())
def test_claims_file_fuzz(tmp_path, case, data):
    rows, currency, method, locale = case
    payload, kind, target = data.draw(mutated_csv(CLAIMS_HEADER, rows), label="claims.csv")
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    claims = folder / "claims.csv"
    claims.write_bytes(payload)
    outcome = run_case(folder, currency, method, locale, [claims], target)
    event(f"{kind}: {outcome}")


# 2. The reported figures.


@st.composite
def reported_case(draw):
    currency = draw(COMMON_CURRENCY)
    claims = [
        claim("alpha_revenue", "Alpha Group", "revenue", *FY2018, 39.9, "billion", "USD", period_inferred="true"),
        claim("alpha_growth", "Alpha Group", "revenue_growth", *FY2018, 58, "percent", "USD"),
    ]
    rows = [
        reported("a_fy2018", "Alpha Group", "revenue", *FY2018, 250266, "million", "CNY", fiscal_label="FY2018"),
        reported("a_fy2017", "Alpha Group", "revenue", *FY2017, 158273, "million", "CNY", fiscal_label="FY2017"),
        reported("a_fy2016", "Alpha Group", "revenue", *FY2016, 101.143, "billion", "CNY", approximate="true"),
        reported(
            "a_fy2018_usd",
            "Alpha Group",
            "revenue",
            *FY2018,
            39898,
            "million",
            "USD",
            fiscal_label="FY2018",
            translated_from="a_fy2018",
            fx_rate="6.2726",
            fx_rate_unit="CNY per USD",
            fx_rate_date="2018-03-30",
            fx_rate_source="Federal Reserve H.10 noon buying rate",
        ),
    ]
    return claims, rows, currency, draw(st.sampled_from(METHODS)), draw(st.sampled_from(LOCALES))


@settings(max_examples=examples(40), **FUZZ)
@given(case=reported_case(), data=st.data())
def test_reported_file_fuzz(tmp_path, case, data):
    claims_rows, rows, currency, method, locale = case
    payload, kind, target = data.draw(mutated_csv(REPORTED_HEADER, rows), label="reported.csv")
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    claims = write_figures(folder / "claims.csv", claims_rows)
    (folder / "reported.csv").write_bytes(payload)
    # A claim translated at a rate the snapshot lacks is an error about the claims file, not about this one.
    outcome = run_case(folder, currency, method, locale, [claims, folder / "reported.csv"], target)
    event(f"{kind}: {outcome}")


# 3. A narrative.

MARKDOWN_PIECES = (
    "# ", "## ", "###### ", "#" * 40 + " ", "\n", "\r\n", "\n\n", "> ", "- ", "1. ", "    ", "```\n", "`", "**", "_",
    "|a|b|\n|-|-|\n|1|2|\n", "[^1]", "[^1]: note\n", "~~x~~", "---\n", "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.test/x.js></SCRIPT>", "<img src=x onerror=alert(1)>", "<b onclick=alert(1)>b</b>",
    '<a href="javascript:alert(1)">a</a>', "<iframe src=javascript:alert(1)></iframe>", "<svg onload=alert(1)>",
    "<style>body{display:none}</style>", "<base href=//x.test/>", "<meta http-equiv=refresh content=0;url=//x>",
    "<!-- x -->", "<details open ontoggle=alert(1)>", "[a](javascript:alert(1))", "[a](JaVaScRiPt:alert(1))",
    "[a](java\tscript:alert(1))", "[a](&#106;avascript:alert(1))", "[a](javascript&colon;alert(1))",
    "[a](<javascript:alert(1)>)", "[a]( javascript:alert(1))", "[a](\x01javascript:alert(1))",
    "[a](vbscript:msgbox(1))", "[a](data:text/html,<script>alert(1)</script>)", "<javascript:alert(1)>",
    "[a][r]\n\n[r]: javascript:alert(1)\n", "![i](javascript:alert(1))", '![i](x" onerror="alert(1))',
    '[a](http://x.test/"onmouseover="alert(1))', "[a](https://example.org)", "<https://example.org>", "&lt;",
    "&#x3C;script&#x3E;", "\\<script>", "\x00", "\x1b[31m", "\u2028", "\u202e", "\ufeff",
)  # fmt: skip
NARRATIVE_TEXT = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=10)), max_size=12).map("".join),
    st.builds(lambda level, text: "#" * level + " " + text * 200, st.integers(1, 8), st.text(min_size=1, max_size=5)),
)


@st.composite
def narrative_bytes(draw):
    """The bytes of narrative/en.md, or None for an en.md that is a folder."""
    if draw(st.integers(0, 19)) == 0:
        return None
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary())
    text = draw(NARRATIVE_TEXT)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    payload = (BOM if draw(st.booleans()) else b"") + text.encode("utf-8")
    if draw(st.integers(0, 5)) == 0:
        at = draw(st.integers(0, len(payload)))
        payload = payload[:at] + draw(st.sampled_from(INVALID_UTF8)) + payload[at:]
    return payload


SAFE_TAGS = frozenset(
    {"div", "section", "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "code", "pre", "ul"}
    | {"ol", "li", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "del", "sup"}
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "srcset", "background", "poster")


def _elements(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """(tag, attributes) of every element, values unescaped, as a browser's parser reads them."""
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    parser = Parser(convert_charrefs=True)
    parser.feed(page)
    parser.close()
    return found


def assert_nothing_runs(page: str) -> None:
    assert "<script" not in page.lower()
    for tag, attributes in _elements(page):
        assert tag in SAFE_TAGS, f"markup from the narrative: <{tag}>"
        for name, value in attributes:
            assert not name.startswith("on"), f"an event handler: <{tag} {name}=...>"
            if name in URL_ATTRIBUTES and value:
                # Browsers drop tabs and line breaks anywhere in a URL, and leading controls and spaces.
                url = re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(33)))).lower()
                assert not url.startswith(("javascript:", "vbscript:", "data:text")), f"<{tag} {name}={value!r}>"


@settings(max_examples=examples(60), **FUZZ)
@given(payload=narrative_bytes(), locale=st.sampled_from(LOCALES))
def test_narrative_fuzz(tmp_path, payload, locale):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    write_figures(folder / "claims.csv", [claim("a", "Alpha", "revenue", *CY2017, 1, "billion", "EUR")])
    path = folder / "narrative" / f"{locale}.md"
    path.parent.mkdir()
    if payload is None:
        path.mkdir()
    else:
        path.write_bytes(payload)
    before = snapshot(folder)
    case = open_comparison(folder)
    try:
        text = case.narrative(locale)
    except FiguresError as error:
        check_error(error, [path], None)
        assert snapshot(folder) == before
        return
    assert isinstance(text, str)
    assert payload is not None
    # What the report shows: a heading, then the text.
    shown = story.narrative(SimpleNamespace(case=case, locale=locale)).outputs()
    assert len(shown) == (2 if text else 0)
    for output in shown:
        assert_nothing_runs(_render_output(output))
    assert snapshot(folder) == before


# 4. The ECB snapshot and its sidecar: a 300-line snapshot with a consistent sidecar is the valid base.

ECB_NAME = "ecb_eurofxref_hist.csv"
ECB_LINES = ECB_FILE.read_text(encoding="utf-8").split("\n")[:300]
ECB_BASE = ("\n".join(ECB_LINES) + "\n").encode("utf-8")
ECB_CODES = ECB_LINES[0].split(",")[1:]


def ecb_sidecar_for(payload: bytes, **changes) -> dict:
    sidecar = json.loads(ECB_FILE.with_name(ECB_NAME + ".meta.json").read_text(encoding="utf-8"))
    sidecar.update(
        sha256=hashlib.sha256(payload).hexdigest(),
        size_bytes=len(payload),
        first_date=ECB_LINES[1].split(",")[0],
        last_date=ECB_LINES[-1].split(",")[0],
        currencies=ECB_CODES,
    )
    sidecar.update(changes)
    return sidecar


ECB_SIDECAR = ecb_sidecar_for(ECB_BASE)


def write_ecb(folder: Path, payload: bytes, sidecar: bytes | dict) -> Path:
    """A fresh snapshot and sidecar in their own folder: load_ecb_rates caches by path."""
    path = Path(tempfile.mkdtemp(dir=folder)) / ECB_NAME
    path.write_bytes(payload)
    if isinstance(sidecar, dict):
        sidecar = json.dumps(sidecar, indent=2, ensure_ascii=False).encode("utf-8")
    path.with_name(ECB_NAME + ".meta.json").write_bytes(sidecar)
    return path


@pytest.fixture(scope="module")
def ecb_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ecb")
    base = write_ecb(folder, ECB_BASE, ECB_SIDECAR)
    rates = load_ecb_rates.__wrapped__(base)  # the base is valid
    assert rates.first_date == dt.date(1999, 1, 4) and rates.last_date.isoformat() == ECB_SIDECAR["last_date"]
    return folder


ECB_VALUE = st.one_of(
    st.sampled_from(NUMBER_TEXTS + DATE_TEXTS + ("N/A", "NA", "null", "None", "-", "1.1789 ", '"1.2"', "0.0")),
    st.floats().map(repr),
    st.text(max_size=12),
    st.dates().map(dt.date.isoformat),
)
ECB_KINDS = (
    "cell", "cell", "cell", "cell", "header_cell", "date_cell", "delete_line", "duplicate_line", "swap_lines",
    "blank_line", "text_line", "ragged", "drop_column", "bom", "crlf", "truncate", "non_utf8", "empty", "header_only",
    "no_final_newline", "unbalanced_quote",
)  # fmt: skip


@st.composite
def ecb_payload(draw):
    """The bytes of a changed snapshot, never the base's."""
    lines = list(ECB_LINES)
    kind = draw(st.sampled_from(ECB_KINDS))
    number = draw(st.integers(1, len(lines) - 1))
    width = len(ECB_CODES) + 1
    cells = lines[number].split(",")
    if kind in ("cell", "date_cell", "header_cell"):
        number = 0 if kind == "header_cell" else number
        cells = lines[number].split(",")
        cells[0 if kind == "date_cell" else draw(st.integers(0, width - 1))] = draw(ECB_VALUE)
        lines[number] = ",".join(cells)
    elif kind == "delete_line":
        del lines[draw(st.integers(0, len(lines) - 1))]
    elif kind == "duplicate_line":
        lines.insert(number, lines[number])
    elif kind == "swap_lines":
        other = draw(st.integers(1, len(lines) - 1))
        lines[number], lines[other] = lines[other], lines[number]
    elif kind == "blank_line":
        lines.insert(number, draw(st.sampled_from(["", " ", "," * (width - 1)])))
    elif kind == "text_line":
        lines.insert(number, draw(st.text()))
    elif kind == "ragged":
        lines[number] = ",".join([*cells, draw(ECB_VALUE)] if draw(st.booleans()) else cells[:-1])
    elif kind == "drop_column":
        column = draw(st.integers(0, width - 1))
        lines = [",".join(c for index, c in enumerate(line.split(",")) if index != column) for line in lines]
    elif kind == "header_only":
        lines = lines[:1]
    text = "" if kind == "empty" else "\n".join(lines) + ("" if kind == "no_final_newline" else "\n")
    if kind == "crlf":
        text = text.replace("\n", "\r\n")
    if kind == "unbalanced_quote":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + '"' + text[at:]
    payload = (BOM if kind == "bom" else b"") + text.encode("utf-8")
    if kind == "non_utf8":
        at = draw(st.integers(0, len(payload)))
        payload = payload[:at] + draw(st.sampled_from(INVALID_UTF8)) + payload[at:]
    elif kind == "truncate":
        payload = payload[: draw(st.integers(0, len(payload) - 1))]
    if payload == ECB_BASE:  # a value drawn equal to the one it replaced
        payload += b"\n"
    return payload


@settings(max_examples=examples(30), **FUZZ)
@given(payload=ecb_payload())
def test_ecb_snapshot_changed_behind_its_sidecar(ecb_dir, payload):
    path = write_ecb(ecb_dir, payload, ECB_SIDECAR)
    with pytest.raises(FiguresError) as raised:
        load_ecb_rates(path)
    error = raised.value
    assert error.path == str(path) and str(error).startswith(str(path)), str(error)
    assert "update_ecb_snapshot.py" in error.message and "SHA-256" in error.message


@settings(max_examples=examples(30), **FUZZ)
@given(payload=ecb_payload())
def test_ecb_snapshot_content_fuzz(ecb_dir, payload):
    path = write_ecb(ecb_dir, payload, ecb_sidecar_for(payload))
    try:
        rates = load_ecb_rates.__wrapped__(path)
    except FiguresError as error:
        note(str(error))
        assert error.path == str(path) and str(error).startswith(str(path)), str(error)
        assert "update_ecb_snapshot.py" in error.message
        assert "\n" not in str(error), str(error)
    else:  # a table that keeps the sidecar's promises
        assert rates.first_date.isoformat() == ECB_SIDECAR["first_date"]
        assert rates.last_date.isoformat() == ECB_SIDECAR["last_date"]
        assert set(rates.currencies) == {*ECB_CODES, "EUR"}
        first, last = rates.first_date, rates.last_date
        for code in ECB_CODES:
            daily = rates.daily_rates("EUR", code, first, last)
            assert ((daily > 0) & daily.map(math.isfinite)).all(), code
            assert daily.index.is_monotonic_increasing and daily.index.is_unique, code


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
SIDECAR_FIELDS = sorted(ECB_SIDECAR)
FIELD_VALUES = {
    "sha256": st.sampled_from([ECB_SIDECAR["sha256"].upper(), "0" * 64, ECB_SIDECAR["sha256"][:-1], ""]),
    "size_bytes": st.sampled_from([True, -1, 0, float(len(ECB_BASE)), str(len(ECB_BASE)), len(ECB_BASE) + 1, 10**30]),
    "currencies": st.one_of(
        st.permutations(ECB_CODES).map(list),
        st.sampled_from([[], ECB_CODES[:-1], [*ECB_CODES, "EUR"], [*ECB_CODES, "ABC"], [c.lower() for c in ECB_CODES]]),
        st.sampled_from([[*ECB_CODES, ECB_CODES[0]], [["USD"]], [{"a": 1}], [None], "USD", {"USD": 1}]),
    ),
    "first_date": st.sampled_from(["1999-01-05", "19990104", "1999-01-04T00:00", 19990104, "1999-1-4", "1999-02-30"]),
    "last_date": st.sampled_from(["2000-01-01", "9999-12-31", "", None, "yesterday", ["2000-02-29"]]),
    "file": st.sampled_from(["other.csv", ECB_NAME.upper(), None, "", f"data/{ECB_NAME}"]),
}


@st.composite
def sidecar_payload(draw):
    """The bytes of a changed sidecar of the valid base snapshot."""
    kind = draw(st.sampled_from(["set", "set", "set", "set", "delete", "extra", "not_json", "binary", "not_object",
                                 "bom", "huge_integer", "truncate"]))  # fmt: skip
    sidecar = dict(ECB_SIDECAR)
    if kind == "set":
        field = draw(st.sampled_from(SIDECAR_FIELDS))
        sidecar[field] = draw(st.one_of(JSON_VALUE, FIELD_VALUES.get(field, JSON_VALUE)))
    elif kind == "delete":
        del sidecar[draw(st.sampled_from(SIDECAR_FIELDS))]
    elif kind == "extra":
        sidecar[draw(st.text(max_size=10))] = draw(JSON_VALUE)
    elif kind == "not_json":
        return draw(st.text()).encode("utf-8")
    elif kind == "binary":
        return draw(st.binary())
    elif kind == "not_object":
        return json.dumps(draw(JSON_VALUE.filter(lambda value: not isinstance(value, dict)))).encode("utf-8")
    elif kind == "huge_integer":
        return json.dumps(sidecar).replace(f'"size_bytes": {len(ECB_BASE)}', '"size_bytes": ' + "1" * 5000).encode()
    payload = json.dumps(sidecar, indent=2, ensure_ascii=draw(st.booleans())).encode("utf-8")
    if kind == "bom":
        return BOM + payload
    if kind == "truncate":
        return payload[: draw(st.integers(0, len(payload) - 1))]
    return payload


@settings(max_examples=examples(30), **FUZZ)
@given(sidecar=sidecar_payload())
def test_ecb_sidecar_fuzz(ecb_dir, sidecar):
    path = write_ecb(ecb_dir, ECB_BASE, sidecar)
    where = path.with_name(ECB_NAME + ".meta.json")
    try:
        load_ecb_rates.__wrapped__(path)
    except FiguresError as error:
        note(str(error))
        # The sidecar itself is named, or the snapshot with what the sidecar records about it.
        assert error.path == str(where) or (error.path == str(path) and "sidecar" in error.message), str(error)
        assert str(error).startswith(error.path)
    except Exception as error:
        bug = known_bug(error)
        if bug is None:
            raise
        note(f"known bug {bug}: {error!r}")
    else:  # accepted: then every field the loader relies on still describes the snapshot
        accepted = json.loads(sidecar)
        for field in ("file", "sha256", "size_bytes", "currencies", "first_date", "last_date"):
            assert accepted[field] == ECB_SIDECAR[field] and type(accepted[field]) is type(ECB_SIDECAR[field]), field


# 5. Whole builds.

NAME = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=16
).filter(
    # Valid names only: in NFC, without an invisible character (the text policy refuses the rest, see test_load).
    lambda name: name == name.strip() == unicodedata.normalize("NFC", name) and not INVISIBLE.search(name)
)
INVISIBLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")
ODD_AMOUNTS = (("1000000000", "million"), ("0.001", "million"), ("1", "thousand"), ("10000000", "billion"))


@st.composite
def odd_case(draw):
    """A valid comparison at the edges: unicode names, extreme amounts and growth, BOM and CRLF, either locale."""
    names = draw(st.lists(NAME, min_size=2, max_size=2, unique_by=(str.casefold, skeleton)))  # never look-alikes
    rows = []
    for index, name in enumerate(names):
        value, unit = draw(st.sampled_from(ODD_AMOUNTS))
        currency = draw(st.sampled_from(("EUR", "USD", "GBP", "JPY", "CNY")))
        period = draw(st.sampled_from((FY2018, CY2017)))
        rows.append(claim(f"c{index}_revenue", name, "revenue", *period, value, unit, currency, wording=name))
        growth = draw(st.sampled_from(("-99.9", "9999", "0", "-0", "0.001")))
        rows.append(claim(f"c{index}_growth", name, "revenue_growth", *period, growth, "percent", currency))
    return rows, draw(st.sampled_from(STEADY_CURRENCIES)), draw(st.sampled_from(LOCALES)), draw(st.booleans())


def write_claims(path: Path, rows: list[dict[str, str]], *, bom_crlf: bool) -> None:
    text = csv_text([CLAIMS_HEADER, *([row[column] for column in CLAIMS_HEADER] for row in rows)], "\r\n")
    path.write_bytes(BOM + text.encode("utf-8") if bom_crlf else text.replace("\r\n", "\n").encode("utf-8"))


HAND_PICKED = (
    [
        claim("a_r", "Ålpha «Grüppe» 株式会社", "revenue", *FY2018, "1000000000", "million", "JPY"),
        claim("a_g", "Ålpha «Grüppe» 株式会社", "revenue_growth", *FY2018, "-99.9", "percent", "JPY"),
        claim("b_r", "Βήτα & <Co> *Ltd*", "revenue", *CY2017, "0.001", "million", "EUR", approximate="true"),
        claim("b_g", "Βήτα & <Co> *Ltd*", "revenue_growth", *CY2017, "9999", "percent", "EUR"),
    ],
    "GBP",
    "fr",
    True,
)


@settings(max_examples=examples(1, 0.01), **FUZZ)
@example(case=HAND_PICKED)
@given(case=odd_case())
def test_odd_but_valid_comparisons_build_a_whole_report(tmp_path, case):
    rows, currency, locale, bom_crlf = case
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    write_claims(folder / "claims.csv", rows, bom_crlf=bom_crlf)
    before = snapshot(folder)
    out = Path(tempfile.mkdtemp(dir=tmp_path)) / "report"
    html_path, csv_path = build_report(out, ReportParameters(comparison=str(folder), currency=currency, locale=locale))
    assert snapshot(folder) == before
    assert sorted(path.name for path in out.iterdir()) == [
        "claims.json",
        "comparison.csv",
        "comparison.html",
        "comparison.xlsx",
    ]
    page = html_path.read_text(encoding="utf-8")
    for name in {row["company"] for row in rows}:
        assert str(markupsafe.escape(name)) in page, name
    assert_nothing_runs_outside_json_ld(page)
    table = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert table and all(math.isfinite(float(row["value"])) for row in table)
    assert len(json.loads((out / "claims.json").read_text(encoding="utf-8"))) == len(rows)  # one review a claim


def assert_nothing_runs_outside_json_ld(page: str) -> None:
    assert page.count("<script") == 1 and '<script type="application/ld+json">' in page
    assert not [name for _, attributes in _elements(page) for name, _ in attributes if name.startswith("on")]


INVALID_CELLS = st.sampled_from(
    [
        ("value", "abc"),
        ("value", "1,5"),
        ("currency", "XYZ"),
        ("period_start", "2018-02-30"),
        ("period_end", "2030-12-31"),
        ("company", "Alpha\x07"),
        ("metric", "profit"),
        ("unit", "percent"),
        ("approximate", "maybe"),
        ("published", ""),
    ]
)


@settings(max_examples=examples(5, 0.02), **FUZZ)
@given(change=INVALID_CELLS, number=st.integers(0, 1), locale=st.sampled_from(LOCALES))
def test_an_invalid_input_leaves_the_previous_report(tmp_path, change, number, locale):
    rows = [
        claim("r", "Alpha", "revenue", *CY2017, 12.5, "billion", "USD"),
        claim("o", "Beta", "revenue", *CY2017, 3, "billion", "EUR"),
    ]
    rows[number][change[0]] = change[1]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    claims = write_figures(folder / "claims.csv", rows)
    out = Path(tempfile.mkdtemp(dir=tmp_path))
    old = {"comparison.html": b"<p>old</p>", "comparison.csv": b"old\n", "claims.json": b"[]", "live_rates.csv": b"x"}
    for name, payload in old.items():
        (out / name).write_bytes(payload)
    with pytest.raises(FiguresError) as raised:
        build_report(out, ReportParameters(comparison=str(folder), currency="GBP", locale=locale))
    check_error(raised.value, [claims], (number + 1, change[0]))
    assert snapshot(out) == {out / name: payload for name, payload in sorted(old.items())}


# The bugs the fuzzing found, each with its smallest input, fixed: regression tests now.


def _ecb_with_sidecar(tmp_path: Path, sidecar: bytes) -> tuple[Path, Path]:
    path = write_ecb(tmp_path, ECB_BASE, sidecar)
    return path, path.with_name(ECB_NAME + ".meta.json")


def test_regression_sidecar_that_is_not_a_json_object(tmp_path):
    path, where = _ecb_with_sidecar(tmp_path, b"5")
    with pytest.raises(FiguresError, match=re.escape(str(where))):
        load_ecb_rates.__wrapped__(path)


def test_regression_sidecar_that_is_not_utf8(tmp_path):
    path, where = _ecb_with_sidecar(tmp_path, b"\xff")
    with pytest.raises(FiguresError, match=re.escape(str(where))):
        load_ecb_rates.__wrapped__(path)


def test_regression_sidecar_with_an_integer_too_long_to_read(tmp_path):
    path, where = _ecb_with_sidecar(tmp_path, b'{"size_bytes": ' + b"1" * 4301 + b"}")
    with pytest.raises(FiguresError, match=re.escape(str(where))):
        load_ecb_rates.__wrapped__(path)


def test_regression_sidecar_with_an_unhashable_currency(tmp_path):
    sidecar = json.dumps({**ECB_SIDECAR, "currencies": [["USD"]]}).encode("utf-8")
    path, where = _ecb_with_sidecar(tmp_path, sidecar)
    with pytest.raises(FiguresError, match=re.escape(str(where))):
        load_ecb_rates.__wrapped__(path)


def test_regression_a_claim_period_from_year_1(tmp_path):
    rows = [
        claim("r", "Alpha", "revenue", "0001-01-01", "2018-12-31", 1, "billion", "GBP"),
        claim("g", "Alpha", "revenue_growth", "0001-01-01", "2018-12-31", 7, "percent", "GBP"),
    ]
    claims = write_figures(tmp_path / "claims.csv", rows)
    with pytest.raises(FiguresError) as raised:
        validate(ReportParameters(comparison=str(tmp_path), currency="GBP"))
    check_error(raised.value, [claims], (1, "period_start"))


def test_regression_a_reported_period_from_year_1(tmp_path):
    write_figures(tmp_path / "claims.csv", [claim("r", "Alpha", "revenue", *CY2017, 1, "billion", "GBP")])
    path = write_reported(
        tmp_path / "reported.csv", [reported("x", "Alpha", "revenue", "0001-01-01", "2017-12-31", 5, "million", "GBP")]
    )
    with pytest.raises(FiguresError) as raised:
        validate(ReportParameters(comparison=str(tmp_path), currency="GBP"))
    check_error(raised.value, [path], (1, "period_start"))


def test_regression_spot_date_error_names_the_row_with_the_late_date(tmp_path):
    rows = [
        claim("a", "Alpha", "revenue", *CY2017, 12.5, "billion", "USD"),
        claim("b", "Beta", "revenue", *CY2017, 3, "billion", "EUR", published="2030-01-01"),
    ]
    claims = write_figures(tmp_path / "claims.csv", rows)
    with pytest.raises(FiguresError) as raised:
        validate(ReportParameters(comparison=str(tmp_path), currency="GBP"))
    assert Path(raised.value.path).resolve() == claims.resolve()
    assert (raised.value.row, raised.value.column) == (2, "published"), str(raised.value)


def test_regression_a_claim_without_a_reported_figure_gets_an_empty_reconciliation_row(tmp_path):
    rows = [
        claim("r", "Alpha", "revenue", *CY2017, 1, "billion", "EUR"),
        claim("g", "Alpha", "revenue_growth", *CY2017, 5, "percent", "EUR"),
    ]
    write_figures(tmp_path / "claims.csv", rows)
    write_reported(tmp_path / "reported.csv", [reported("x", "Alpha", "revenue", *CY2017, 1000, "million", "EUR")])
    table = open_comparison(tmp_path).table(currency="EUR")
    shipped = list(csv.DictReader(io.StringIO(table_csv(table, "EUR", "average"))))
    assert [row["derivation"] for row in shipped if row["basis"] == "reconciliation"] == ["r minus x: consistent"]


def test_regression_ecb_content_error_is_one_line(tmp_path):
    lines = list(ECB_LINES)
    lines[5] = "2018-02-30" + lines[5][len("1999-01-08") :]
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    path = write_ecb(tmp_path, payload, ecb_sidecar_for(payload))
    with pytest.raises(FiguresError) as raised:
        load_ecb_rates.__wrapped__(path)
    assert "\n" not in str(raised.value), str(raised.value)


@pytest.mark.parametrize("payload", [b'"', b'"a"b\n'])
def test_regression_malformed_csv_in_the_header_row(tmp_path, payload):
    claims = tmp_path / "claims.csv"
    claims.write_bytes(payload)
    with pytest.raises(FiguresError) as raised:
        validate(ReportParameters(comparison=str(tmp_path), currency="GBP"))
    check_error(raised.value, [claims], None)


def test_regression_a_convenience_translation_at_an_absurd_rate(tmp_path):
    write_figures(tmp_path / "claims.csv", [claim("c", "Alpha", "revenue", *FY2018, 39.9, "billion", "USD")])
    translation = {
        "translated_from": "a",
        "fx_rate": "1e27",
        "fx_rate_unit": "CNY per USD",
        "fx_rate_date": "2018-03-30",
        "fx_rate_source": "x",
    }
    path = write_reported(
        tmp_path / "reported.csv",
        [
            reported("a", "Alpha", "revenue", *FY2018, 250266, "million", "CNY"),
            reported("u", "Alpha", "revenue", *FY2018, 39898, "million", "USD", **translation),
        ],
    )
    try:
        validate(ReportParameters(comparison=str(tmp_path), currency="EUR"))
        check_pieces(tmp_path, "EUR", "average", "en")
    except FiguresError as error:
        check_error(error, [path], (2, "fx_rate"))


def test_regression_a_line_break_in_a_cell_breaks_the_error_message(tmp_path):
    rows = [claim(name, "Al\npha", "revenue", *CY2017, 12.5, "billion", "USD") for name in ("a", "b")]
    write_figures(tmp_path / "claims.csv", rows)
    with pytest.raises(FiguresError) as raised:
        validate(ReportParameters(comparison=str(tmp_path), currency="GBP"))
    # Since issue 19 a company name is one line: refused where it enters, its line break shown, not obeyed.
    assert (raised.value.row, raised.value.column) == (1, "company")
    assert "\n" not in str(raised.value), str(raised.value)
    assert "found a line break (U+000A) in 'Al\\npha'" in str(raised.value)
