"""From an article's own words to a draft claims file: every revenue and revenue-growth figure it states.

`figures extract ARTICLE --out CLAIMS.csv` (or `write_draft` from a notebook) reads a news article,
plain text or a saved HTML page, in French, English or German, and writes a claims file in the
format of data/article_figures.csv with its provenance sidecar. It is a draft: each row keeps the
exact words it comes from (`wording`) and its sentence (`note`), and whatever the text leaves open
(no period, a company named only earlier, a fiscal year of unknown end) is flagged for a person to
review, never silently settled. `--review PAGE.html` shows the article with every figure marked.

What is not the revenue of a group stays out of the draft and is listed on the review page: profit,
merchandise volume, users, a market's or an economy's growth, a previous period's figure given for
comparison, and a segment's revenue (the claims format has no component column).
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import html
import io
import json
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path

from figures.errors import FiguresError
from figures.extract_grammar import (
    COMPANY_SUFFIXES,
    LANGUAGES,
    Grammar,
    NumberError,
    date_from_match,
    detect_language,
    grammar,
    ordinal,
    parse_number,
    slug,
)
from figures.load import MAX_AMOUNT_M, MAX_GROWTH_PERCENT, MIN_AMOUNT_M, REVENUE_SCALE_TO_MILLIONS

HEADER = (
    "figure_id",
    "company",
    "metric",
    "period_start",
    "period_end",
    "period_inferred",
    "period_note",
    "value",
    "unit",
    "currency",
    "approximate",
    "wording",
    "source",
    "published",
    "note",
)
"""The columns of a claims file, in the order of data/article_figures.csv."""
LICENCE = "Short quotations of figures for commentary; the article itself is not stored, only the words quoted."
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h1)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"</(?:p|div|html|body|article|script|span|h[1-6])\s*>", re.IGNORECASE)
_ABBREVIATIONS = frozenset(
    [
        "inc",
        "ltd",
        "corp",
        "co",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "ca",
        "mrd",
        "mio",
        "md",
        "mds",
        "tsd",
        "nr",
        "bzw",
        "etc",
        "env",
        "m",
        "mme",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "s.a",
        "n.v",
        "z.b",
        "d.h",
        "rd",
        "fig",
        "p",
        "pp",
    ]
)


# ----------------------------------------------------------------------------------------------------------------
# Reading the article


@dataclass(frozen=True)
class Article:
    """An article as read: its text (an HTML page's main text), where it came from and what it says of itself.

    >>> article = read_article("Berlin, 03.07.2018. Der Umsatz stieg um 5 Prozent.")
    >>> article.language, article.published, article.html, article.where
    ('de', datetime.date(2018, 7, 3), False, '<text>')
    """

    text: str
    name: str
    where: str
    sha256: str
    size_bytes: int
    html: bool = False
    title: str = ""
    sitename: str = ""
    url: str = ""
    published: dt.date | None = None
    published_from: str = ""
    language: str = "en"
    language_from: str = "detected"


def read_article(
    path_or_text: str | Path | bytes, *, lang: str | None = None, published: str | dt.date | None = None
) -> Article:
    """Read an article from a file (or from text or bytes given directly), refusing what is not one.

    An empty file, a binary file, a file that is not UTF-8 and an HTML page without text are refused
    with a message naming the file; an HTML page keeps its main text only (no script, navigation,
    share buttons or comments) and gives its title, site name and date.

    >>> article = read_article("PARIS, 3 juillet 2018 - Le chiffre d'affaires a progressé.")
    >>> article.language, article.published, article.published_from
    ('fr', datetime.date(2018, 7, 3), 'dateline')
    >>> read_article(b"\\xff\\xfeA")
    Traceback (most recent call last):
    figures.errors.FiguresError: <text>: expected UTF-8 text, found byte 0xff at offset 0 ...
    """
    if lang is not None and lang not in LANGUAGES:
        raise FiguresError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    name, payload, where = _payload(path_or_text)
    if not payload.strip():
        raise FiguresError("expected an article (text or HTML), found an empty file", path=where)
    if b"\x00" in payload:
        offset = payload.index(b"\x00")
        raise FiguresError(
            f"expected a text or HTML file, found a binary file (a NUL byte at offset {offset})", path=where
        )
    try:
        decoded = payload.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FiguresError(
            f"expected UTF-8 text, found byte 0x{payload[error.start]:02x} at offset {error.start} that is not"
            " UTF-8 (save the article as UTF-8)",
            path=where,
        ) from None
    metadata: dict[str, str] = {}
    is_html = bool(_HTML_START.match(decoded) or len(_HTML_TAGS.findall(decoded)) >= 2)
    text = _html_text(decoded, where, metadata) if is_html else decoded
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise FiguresError("expected an article, found no text in it", path=where)
    language, language_from = (lang, "given") if lang else (detect_language(text), "detected")
    date, date_from = _publication_date(published, metadata.get("date"), text, language)
    return Article(
        text=text,
        name=name,
        where=where,
        sha256=hashlib.sha256(payload).hexdigest(),
        size_bytes=len(payload),
        html=is_html,
        title=metadata.get("title") or "",
        sitename=metadata.get("sitename") or "",
        url=metadata.get("url") or "",
        published=date,
        published_from=date_from,
        language=language,
        language_from=language_from,
    )


def _payload(path_or_text: str | Path | bytes) -> tuple[str, bytes, str]:
    if isinstance(path_or_text, bytes):
        return "<text>", path_or_text, "<text>"
    if isinstance(path_or_text, str) and not _looks_like_path(path_or_text):
        return "<text>", path_or_text.encode("utf-8"), "<text>"
    path = Path(path_or_text)
    try:
        return path.name, path.read_bytes(), str(path)
    except FileNotFoundError:
        raise FiguresError("expected an article file, found no such file", path=path) from None
    except IsADirectoryError:
        raise FiguresError("expected an article file, found a folder", path=path) from None
    except OSError as error:
        raise FiguresError(f"expected a readable article file, {error.strerror or error}", path=path) from None


def _looks_like_path(text: str) -> bool:
    if "\n" in text or len(text) > 1024:
        return False
    if re.search(r"\.(?:txt|html?|md|text)$", text, re.IGNORECASE):
        return True
    try:
        return Path(text).exists()
    except (OSError, ValueError):  # a name too long for the system: text, not a path
        return False


@contextmanager
def _quiet(*names: str):
    """Silence the named loggers for the duration (trafilatura warns on short pages)."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _without_hidden(markup: str) -> str:
    """The page without what a browser never shows as text: <template> and <noscript> content.

    >>> _without_hidden("<html><body><p>Shown.</p><template><p>Hidden.</p></template></body></html>")
    '<html><body><p>Shown.</p></body></html>'
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        # lxml refuses a str that declares its encoding (XHTML's <?xml ... encoding=...?>): drop the declaration.
        tree = lxml_html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", markup))
    except (etree.ParserError, ValueError):
        return markup  # trafilatura reports a page without text
    # A <template shadowrootmode> is shown: declarative shadow DOM.
    hidden = tree.xpath("//template[not(@shadowrootmode)] | //noscript")
    if not hidden:
        return markup
    for element in hidden:
        element.drop_tree()
    return lxml_html.tostring(tree, encoding="unicode")


def _html_text(markup: str, where: str, metadata: dict[str, str]) -> str:
    import trafilatura

    markup = _without_hidden(markup)
    dates = {"original_date": True, "extensive_search": False, "max_date": dt.date.today().isoformat()}
    document = None
    with _quiet("trafilatura", "htmldate", "courlan", "readability", "justext"):
        for recall in (False, True):
            document = trafilatura.bare_extraction(
                markup,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                favor_recall=recall,
                date_extraction_params=dates,
                as_dict=False,
            )
            if document is not None and (document.text or "").strip():
                break
    if document is None or not (document.text or "").strip():
        raise FiguresError("expected an article, found no article text in the HTML page", path=where)
    for key in ("title", "sitename", "date", "url"):
        value = getattr(document, key, None)
        if value:
            metadata[key] = str(value)
    return document.text


def _publication_date(given, page_date: str | None, text: str, lang: str) -> tuple[dt.date | None, str]:
    if given:
        return (given if isinstance(given, dt.date) else _iso_date(str(given))), "given"
    if page_date:
        try:
            return dt.date.fromisoformat(page_date[:10]), "page metadata"
        except ValueError:
            pass
    head = text[:300]
    for match in grammar(lang).dates.finditer(head):
        date = date_from_match(match, lang)
        if date is not None:
            return date, "dateline"
    return None, ""


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FiguresError(f"invalid date {text!r}: expected YYYY-MM-DD") from None


# ----------------------------------------------------------------------------------------------------------------
# Sentences, clauses and what they hold


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets: at . ! ? before a capital or a digit (not after an abbreviation
    such as Inc. or Mrd.), at blank lines, and at a line break after a short line (a title, a dateline)
    or after a full stop.

    >>> text = "Acme Inc. said revenue rose 5% to $3.2 billion. Profit fell.\\nShort title\\nNext one."
    >>> [text[start:end] for start, end in split_sentences(text)]
    ['Acme Inc. said revenue rose 5% to $3.2 billion.', 'Profit fell.', 'Short title', 'Next one.']
    """
    cuts = {0, len(text)}
    for match in re.finditer(r"[.!?…]+[\"»”’)]*(\s+)(?=[\"«“(]?[^\W_a-zß-ÿ])", text):
        before = re.search(r"([\w.]+)[.]$", text[: match.start() + 1])
        word = before.group(1).lower() if before else ""
        if text[match.start()] == "." and (word in _ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"\w\.\w", word)):
            continue
        cuts.add(match.start(1))
    lines = text.split("\n")
    position = 0
    for number, line in enumerate(lines[:-1]):
        end = position + len(line)
        following = lines[number + 1]
        if not line.strip() or not following.strip() or len(line.strip()) < 60 or re.search(r"[.!?:»\"”]\s*$", line):
            cuts.add(end)
        position = end + 1
    ordered = sorted(cuts)
    spans = []
    for start, end in pairwise(ordered):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


@dataclass
class _Figure:
    """A number in the text: an amount of money or a percentage, with what surrounds it."""

    kind: str  # "amount" or "percent"
    start: int
    end: int
    value: Decimal
    unit: str
    currency: str | None = None
    currency_text: str = ""
    notes: list[str] = field(default_factory=list)
    sign: str = ""


@dataclass
class _Candidate:
    """A name in a sentence that may be a company's."""

    start: int
    end: int
    surface: str
    key: str
    initial: bool
    possessive: bool = False


@dataclass(frozen=True)
class Period:
    """What the text says of a figure's period; a figure whose text says nothing has None.

    >>> Period("quarter", "second quarter of 2018", 2018, number=2)
    Period(kind='quarter', wording='second quarter of 2018', year=2018, number=2, month=None, day=None, fiscal=False)
    """

    kind: str  # year, fiscal, year_ended, quarter, quarter_ended, half, half_ended, last_year
    wording: str
    year: int | None = None
    number: int | None = None
    month: int | None = None
    day: int | None = None
    fiscal: bool = False


@dataclass
class Claim:
    """A figure of the draft: what the text states, where (offsets in the article's text), and what a person
    should check (`flags`).

    >>> found = extract("Acme Group's revenue reached about $3.4 billion.", published="2018-03-01")
    >>> claim = found.claims[0]
    >>> found.article.text[claim.start : claim.end], claim.approximate, claim.period_inferred, claim.flags
    ('$3.4 billion', True, True, ['period inferred, not stated'])
    """

    metric: str
    company: str
    value: Decimal
    unit: str
    currency: str
    start: int
    end: int
    sentence: str
    approximate: bool
    period: Period | None
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    translation: tuple[int, int, str] | None = None
    pair: Claim | None = None
    number: int = 0
    figure_id: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_inferred: bool = False
    period_note: str = ""


@dataclass
class LeftOut:
    """A figure the draft leaves out, and why; the review page lists them.

    >>> found = extract("Acme Group's revenue rose 5% to $2 billion in 2017; its net profit fell 3%.",
    ...                 published="2018-03-01")
    >>> [(found.article.text[item.start : item.end], item.reason) for item in found.left_out]
    [('3%', 'not revenue: net profit')]
    """

    start: int
    end: int
    reason: str
    company: str = ""
    component: str = ""


@dataclass
class Extraction:
    """What `extract` found in an article: the draft's claims and the figures left out.

    >>> found = extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01")
    >>> len(found.claims), found.left_out, found.source
    (1, [], '<text>')
    """

    article: Article
    claims: list[Claim]
    left_out: list[LeftOut]
    source: str
    source_given: bool

    def rows(self) -> list[dict[str, str]]:
        """The draft's rows, as the claims file holds them (every cell a string).

        >>> row = extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01").rows()[0]
        >>> row["figure_id"], row["value"], row["unit"], row["currency"], row["period_start"], row["wording"]
        ('acme_group_revenue_1', '3.4', 'billion', 'USD', '2017-01-01', '$3.4 billion')
        """
        return [_row(self, claim) for claim in self.claims]


def extract(
    path_or_text: str | Path | bytes,
    *,
    lang: str | None = None,
    published: str | dt.date | None = None,
    source: str | None = None,
    reported: str | Path | bool | None = None,
) -> Extraction:
    """Find every revenue and revenue-growth claim of an article (a file, or its text).

    `lang` (fr, en, de) is detected when not given; `published` is taken from the page's metadata or
    a dateline when not given (and needed: a claims file records it); `source` defaults to the page's
    site name and title; `reported` is a reported-figures file whose companies' names and fiscal
    calendars are used (default: data/reported_figures.csv; False for none).

    >>> found = extract("Acme Group's revenue rose 12% to $3.4 billion in 2017.", published="2018-03-01")
    >>> for claim in found.claims:
    ...     print(claim.metric, claim.company, claim.value, claim.unit, claim.currency, claim.period_start)
    revenue_growth Acme Group 12 percent USD 2017-01-01
    revenue Acme Group 3.4 billion USD 2017-01-01
    """
    article = read_article(path_or_text, lang=lang, published=published)
    return _Extractor(article, _reported_companies(reported)).run(source)


def extract_claims(
    path_or_text: str | Path | bytes,
    *,
    lang: str | None = None,
    published: str | dt.date | None = None,
    source: str | None = None,
    reported: str | Path | bool | None = None,
) -> list[dict[str, str]]:
    """The draft's rows for an article: one dict per claim, with the claims file's columns.

    >>> rows = extract_claims("Le chiffre d'affaires de Zorba SA a reculé de 3 % en 2017.", published="2018-02-01")
    Traceback (most recent call last):
    figures.errors.FiguresError: <text>: expected a currency for the growth of Zorba SA...
    >>> rows = extract_claims("En 2017, Zorba SA a réalisé un chiffre d'affaires de 2,5 milliards d'euros, en baisse"
    ...                       " de 3 %.", published="2018-02-01")
    >>> [(row["metric"], row["value"], row["unit"], row["currency"], row["wording"]) for row in rows]
    [('revenue', '2.5', 'billion', 'EUR', "2,5 milliards d'euros"), ('revenue_growth', '-3', 'percent', 'EUR', '3 %')]
    """
    return extract(path_or_text, lang=lang, published=published, source=source, reported=reported).rows()


@dataclass(frozen=True)
class _Company:
    name: str
    year_end: tuple[int, int] | None


@cache
def _reported_file(path: str, mtime: float) -> dict[str, _Company]:
    companies: dict[str, _Company] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
    except (OSError, UnicodeDecodeError, csv.Error):
        return companies
    for row in rows:
        name = (row.get("company") or "").strip()
        if not name:
            continue
        key = _core_key(name.split())
        year_end = companies[key].year_end if key in companies else None
        try:
            start = dt.date.fromisoformat(row.get("period_start", ""))
            end = dt.date.fromisoformat(row.get("period_end", ""))
        except ValueError:
            start = end = None
        twelve_months = bool(start and end) and 360 <= (end - start).days <= 370
        if row.get("metric") == "revenue" and not row.get("component") and twelve_months:
            year_end = (end.month, end.day)
        companies[key] = _Company(name, year_end)
    return companies


def _reported_companies(reported: str | Path | bool | None) -> dict[str, _Company]:
    if reported is False:
        return {}
    if reported is None or reported is True:
        from figures.paths import REPORTED_FIGURES

        reported = REPORTED_FIGURES
    path = Path(reported)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return {}  # no reported figures: no company's name or fiscal calendar is known
    return _reported_file(str(path.resolve()), mtime)


def _core_key(tokens: list[str]) -> str:
    core = [token for token in tokens if token.lower() not in COMPANY_SUFFIXES and token != "&"]
    return slug(" ".join(core)) if core else ""


class _Extractor:
    def __init__(self, article: Article, reported: dict[str, _Company]) -> None:
        self.article = article
        self.text = article.text
        self.g: Grammar = grammar(article.language)
        self.reported = reported
        self.sentences = split_sentences(self.text)
        self.date_spans = [m.span() for m in self.g.dates.finditer(self.text)]
        self.amount_spans = [m.span() for m in self.g.amount.finditer(self.text)]
        self.candidates = [self._candidates(start, end) for start, end in self.sentences]
        self.names = self._display_names()
        self.claims: list[Claim] = []
        self.left_out: list[LeftOut] = []

    # -- the pass over the sentences -------------------------------------------------------------------------

    def run(self, source: str | None) -> Extraction:
        for index, (start, end) in enumerate(self.sentences):
            self._sentence(index, start, end)
        self._growth_currencies()
        if not self.claims:
            raise FiguresError(f"no revenue or growth claim found in {self.article.where}")
        if self.article.published is None:
            raise FiguresError(
                "found no publication date in the article (no page metadata, no dateline): give it with"
                " --published YYYY-MM-DD",
                path=_where(self.article),
            )
        for claim in self.claims:
            self._resolve_period(claim)
        self._deduplicate()
        counters: dict[tuple[str, str], int] = {}
        for number, claim in enumerate(sorted(self.claims, key=lambda c: c.start), start=1):
            claim.number = number
            key = (slug(claim.company), claim.metric)
            counters[key] = counters.get(key, 0) + 1
            claim.figure_id = f"{key[0]}_{claim.metric}_{counters[key]}"
        self.claims.sort(key=lambda c: c.start)
        self.left_out.sort(key=lambda item: item.start)
        given = bool(source)
        if not source:
            site, title = self.article.sitename, self.article.title
            source = ", ".join(part for part in (site, f"« {title} »" if title else "") if part)
        if not source:
            source = self.article.name
        return Extraction(self.article, self.claims, self.left_out, source, given or bool(self.article.sitename))

    def _sentence(self, index: int, start: int, end: int) -> None:
        text, g = self.text, self.g
        sentence = text[start:end]
        clauses = self._clauses(start, end)
        revenue = [m for m in _finditer(g.revenue, text, start, end)]
        excluded = [m for m in _finditer(g.excluded, text, start, end)]
        revenue = [r for r in revenue if not any(_overlap(r, x) for x in excluded)]
        keywords = [(r, "revenue") for r in revenue] + [(x, "excluded") for x in excluded]
        amounts = self._amounts(start, end)
        for scaled in _finditer(g.scaled, text, start, end):  # "12.6 billion francs": listed, not guessed at
            if not any(_overlap((scaled.start(), scaled.end()), (a.start, a.end)) for a in amounts):
                reason = "no currency the rules know (a count, or a currency they do not read)"
                self.left_out.append(LeftOut(scaled.start(), scaled.end(), reason))
        percents = [
            p
            for p in self._percents(start, end)
            if not any(_overlap((p.start, p.end), (a.start, a.end)) for a in amounts)
        ]
        figures = sorted(amounts + percents, key=lambda f: f.start)
        translated: dict[int, tuple[_Figure, _Figure]] = {}
        for first, second in pairwise(amounts):
            gap = g.translation_gap.match(text[first.end : second.start])
            if gap and second.currency != first.currency and id(first) not in translated:
                translated[id(second)] = (first, second)
        sentence_claims: list[Claim] = []
        for figure in figures:
            if id(figure) in translated:
                continue
            claim = self._figure(figure, index, start, end, sentence, clauses, keywords, figures)
            if claim is None:
                continue
            for first, second in translated.values():
                if first is figure:
                    wording = text[second.start : second.end]
                    claim.translation = (second.start, second.end, second.currency or "")
                    claim.notes.append(
                        f"The text also gives it as “{_clean(wording)}” ({second.currency}): the same figure"
                        " translated into another currency, not a second claim."
                    )
            sentence_claims.append(claim)
        amounts_claimed = [c for c in sentence_claims if c.metric == "revenue"]
        for claim in sentence_claims:
            if claim.metric != "revenue_growth":
                continue
            same = [a for a in amounts_claimed if a.company == claim.company]
            if same:
                pair = min(
                    same, key=lambda a: (not _same_clause(clauses, a.start, claim.start), abs(a.start - claim.start))
                )
                claim.pair = pair
                claim.currency = pair.currency
                claim.period = pair.period
                beside = _clean(text[pair.start : pair.end])
                claim.notes.append(f"Its currency is that of the revenue figure it is set beside (“{beside}”).")
        self.claims.extend(sentence_claims)

    def _figure(self, figure, index, start, end, sentence, clauses, keywords, figures) -> Claim | None:
        text, g = self.text, self.g
        before = text[max(start, figure.start - 60) : figure.start]
        after = text[figure.end : min(end, figure.end + 60)]
        keyword = self._keyword(figure, keywords, clauses)
        growth = None
        if figure.kind == "percent":
            growth = self._direction(figure, clauses, figures)
            if keyword is None or (keyword[1] == "revenue" and growth is None):
                if keyword is not None:
                    self.left_out.append(LeftOut(figure.start, figure.end, "a percentage that is not a growth rate"))
                elif growth is not None:  # a division's, a market's: a growth rate a reader may look for
                    reason = "a growth rate with no revenue word near it"
                    self.left_out.append(LeftOut(figure.start, figure.end, reason))
                return None
        if keyword is None:
            self.left_out.append(LeftOut(figure.start, figure.end, "no revenue word near it"))
            return None
        match, kind = keyword
        if kind == "excluded":
            what = _clean(match.group(0)).lower()
            self.left_out.append(LeftOut(figure.start, figure.end, f"not revenue: {what}"))
            return None
        clause = _clause_of(clauses, figure.start)
        if g.forecast.search(text[clause[0] : figure.start]):
            self.left_out.append(LeftOut(figure.start, figure.end, "a forecast, not a reported figure"))
            return None
        if g.previous_before.search(before) or g.previous_after.search(after) or self._von_auf(before, after):
            self.left_out.append(
                LeftOut(figure.start, figure.end, "a figure of an earlier period, given for comparison")
            )
            return None
        company, company_flag = self._company(index, start, end, match, figure)
        segment = self._segment(match, start, clauses)
        if segment:
            self.left_out.append(
                LeftOut(figure.start, figure.end, "a segment's figure, not the group's", company or "", segment)
            )
            return None
        if not company:
            self.left_out.append(LeftOut(figure.start, figure.end, "no company named in the text"))
            return None
        approximate = bool(g.approximate.search(before))
        claim = Claim(
            metric="revenue" if figure.kind == "amount" else "revenue_growth",
            company=company,
            value=figure.value,
            unit=figure.unit,
            currency=figure.currency or "",
            start=figure.start,
            end=figure.end,
            sentence=_clean(sentence),
            approximate=approximate,
            period=self._period(figure, start, end, clauses),
            notes=list(figure.notes),
        )
        if company_flag:
            claim.flags.append(company_flag)
        if figure.kind == "percent" and growth == "down":
            claim.value = -abs(figure.value)
        if not self._plausible(claim):
            return None
        return claim

    def _plausible(self, claim: Claim) -> bool:
        """Whether the figure passes the loader's bounds; if not, it is left out (a misread, never a claim)."""
        if claim.metric == "revenue":
            millions = _millions(claim)
            if claim.value <= 0 or millions > Decimal(str(MAX_AMOUNT_M)) or millions < Decimal(str(MIN_AMOUNT_M)):
                self.left_out.append(LeftOut(claim.start, claim.end, "an amount outside any company's revenue"))
                return False
        elif not Decimal(-100) < claim.value <= Decimal(str(MAX_GROWTH_PERCENT)):
            self.left_out.append(LeftOut(claim.start, claim.end, "a growth rate outside what a revenue can do"))
            return False
        return True

    def _von_auf(self, before: str, after: str) -> bool:
        """German 'von 19 auf 20 Milliarden Euro': the figure after 'von' is the earlier one."""
        return self.g.code == "de" and bool(re.search(r"\bvon\s+$", before)) and bool(re.match(r"^\s*auf\b", after))

    # -- figures -----------------------------------------------------------------------------------------------

    def _amounts(self, start: int, end: int) -> list[_Figure]:
        found = []
        for match in _finditer(self.g.amount, self.text, start, end):
            number = match.group("number") or match.group("number2")
            scale = match.group("scale") or match.group("scale2")
            currency_text = match.group("currency_before") or match.group("currency_after")
            try:
                value, note = parse_number(number, self.g.code)
            except NumberError:
                self.left_out.append(LeftOut(match.start(), match.end(), "a number the language's rules cannot read"))
                continue
            currency, currency_note = self._currency(currency_text, start, end)
            figure = _Figure("amount", match.start(), match.end(), value, "", currency, currency_text)
            figure.notes += [n for n in (note and f"The number {note}.", currency_note) if n]
            if scale:
                unit, multiplier = self.g.scales[scale.lower().rstrip(".")]
                if multiplier != 1:
                    figure.notes.append(f"Printed as “{_clean(scale)}”: written here as {unit}s.")
                if unit == "trillion" and scale.lower().startswith("billion"):  # French, German: 10^12
                    figure.notes.append(f"Printed as “{_clean(scale)}”, a million millions: written here as trillion.")
                figure.value, figure.unit = value * multiplier, unit
            else:
                unit = next(
                    (u for u, size in (("billion", 9), ("million", 6), ("thousand", 3)) if value >= 10**size), None
                )
                if unit is None:
                    continue  # a few units of currency: a price, never a company's revenue
                size = {"billion": 9, "million": 6, "thousand": 3}[unit]
                figure.value, figure.unit = value / Decimal(10) ** size, unit
                figure.notes.append(f"Printed without a scale word: written here in {unit}s.")
            found.append(figure)
        return found

    def _currency(self, surface: str, start: int, end: int) -> tuple[str, str | None]:
        from figures.extract_grammar import CODES, SYMBOLS

        normalised = re.sub(r"\s+", " ", surface.strip())
        code = SYMBOLS.get(normalised) or SYMBOLS.get(normalised.replace(" ", ""))
        if code is None and normalised in CODES:
            code = normalised
        if code is None:
            code = self.g.currencies.get(normalised.lower(), "")
        note = None
        if normalised in ("¥", "￥") and re.search(r"yuan|renminbi|rmb|cny|chin", self.text[start:end], re.IGNORECASE):
            code, note = "CNY", "“¥” beside Chinese amounts: read as yuan (CNY), not yen."
        elif normalised in ("$", "dollars", "dollar", "Dollar"):
            note = f"“{normalised}” read as US dollars."
        return code, note

    def _percents(self, start: int, end: int) -> list[_Figure]:
        found = []
        for match in _finditer(self.g.percent, self.text, start, end):
            try:
                value, note = parse_number(match.group("number"), self.g.code)
            except NumberError:
                continue
            figure = _Figure("percent", match.start(), match.end(), value, "percent", sign=match.group("sign") or "")
            if note:
                figure.notes.append(f"The number {note}.")
            found.append(figure)
        return found

    def _clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        cuts = [start] + [m.start() for m in _finditer(self.g.clause_break, self.text, start, end)] + [end]
        return list(pairwise(cuts))

    def _keyword(self, figure: _Figure, keywords, clauses) -> tuple[re.Match[str], str] | None:
        text = self.text
        clause = _clause_of(clauses, figure.start)
        following = [(m, kind) for m, kind in keywords if m.start() >= figure.end]
        for m, kind in sorted(following, key=lambda item: item[0].start()):
            gap = text[figure.end : m.start()]
            if re.fullmatch(r"\s+(?:(?:in|of|de|d['’]|en|an|im|au|at)\s*)?(?:(?:net|annual|total)\s+)?|d['’]", gap):
                return m, kind
            break
        preceding = [(m, kind) for m, kind in keywords if m.end() <= figure.start and m.start() >= clause[0]]
        preceding = [(m, kind) for m, kind in preceding if figure.start - m.end() <= 150]
        if preceding:
            return max(preceding, key=lambda item: item[0].end())
        later = [(m, kind) for m, kind in following if m.start() < clause[1] and m.start() - figure.end <= 80]
        if later:
            return min(later, key=lambda item: item[0].start())
        return None

    def _direction(self, figure: _Figure, clauses, figures) -> str | None:
        """ "up" or "down" when a word of rise or fall governs the percentage, else None (a share, a margin)."""
        if figure.sign in ("+",):
            return "up"
        if figure.sign in ("-", "−"):
            return "down"
        clause = _clause_of(clauses, figure.start)
        others = [f.start for f in figures if f.kind == "percent" and f is not figure]
        options = []
        for pattern, direction in ((self.g.up, "up"), (self.g.down, "down")):
            for m in _finditer(pattern, self.text, clause[0], clause[1]):
                before = m.end() <= figure.start and figure.start - m.end() <= 60
                after = m.start() >= figure.end and m.start() - figure.end <= 40
                if before and not any(m.end() <= other < figure.start for other in others):
                    options.append((figure.start - m.end(), direction))
                elif after and not any(figure.end <= other < m.start() for other in others):
                    options.append((m.start() - figure.end + 20, direction))
        return min(options)[1] if options else None

    def _segment(self, keyword: re.Match[str], start: int, clauses) -> str:
        """The segment a revenue word is about ('cloud computing revenue', 'chiffre d'affaires de sa division
        logistique', 'Cloud-Umsatz'), or "" for the group's revenue."""
        g, text = self.g, self.text
        word = keyword.group(0)
        if g.code == "de":
            prefix = re.split(r"(?i)ums[aä]tz|erlös", word)[0]
            hyphenated = re.search(r"(\w+)-$", text[max(start, keyword.start() - 40) : keyword.start()])
            if hyphenated and not prefix:
                prefix = hyphenated.group(1)
            if prefix.rstrip("-").lower() not in g.group_qualifiers:
                return prefix.rstrip("-")
        after = text[keyword.end() : keyword.end() + 80]
        found = g.segment_after.match(after)
        if found:
            words = _clean(found.group("segment") or found.group("activity") or "").split()
            while len(words) > 1 and (words[-1].lower() in g.not_names or len(words[-1]) <= 2):
                words.pop()
            return " ".join(words)
        if g.code == "en":
            clause = _clause_of(clauses, keyword.start())
            before = text[clause[0] : keyword.start()]
            marker = re.search(
                r"\b((?:[\w-]+\s+){0,2}(?:division|unit|segment|business|arm|subsidiary))['’]s?\s+$",
                before,
                re.IGNORECASE,
            )
            if marker:
                return _clean(marker.group(1))
            words = []
            for token in reversed(re.findall(r"\S+", before)[-3:]):
                if not re.fullmatch(r"[a-z][a-z-]*", token) or self._not_modifier(token):
                    break
                words.insert(0, token)
            return " ".join(words)
        return ""

    def _not_modifier(self, token: str) -> bool:
        verbs_ing = {
            "posting",
            "reporting",
            "generating",
            "recording",
            "booking",
            "achieving",
            "having",
            "including",
            "excluding",
            "boosting",
            "lifting",
            "driving",
            "making",
            "bringing",
            "delivering",
            "with",
        }
        return (
            token in self.g.not_names
            or token in self.g.group_qualifiers
            or token in verbs_ing
            or token.endswith(("ed", "ly"))
            or token
            in {
                "had",
                "has",
                "have",
                "was",
                "were",
                "is",
                "are",
                "be",
                "been",
                "saw",
                "see",
                "sees",
                "expects",
                "expected",
                "forecast",
                "to",
                "said",
                "says",
                "reports",
                "posts",
                "into",
                "more",
                "less",
                "much",
                "than",
                "many",
                "strong",
                "weak",
                "big",
                "bigger",
                "record",
                "new",
                "both",
            }
        )

    # -- companies -----------------------------------------------------------------------------------------------

    def _candidates(self, start: int, end: int) -> list[_Candidate]:
        text, g = self.text, self.g
        tokens = list(_finditer(re.compile(r"[^\W\d_][\w.&-]*(?:['’]s\b)?|&"), text, start, end))
        groups: list[list[re.Match[str]]] = []
        for token in tokens:
            word = token.group(0)
            follows = bool(groups and groups[-1]) and text[groups[-1][-1].end() : token.start()] in (" ", "\u00a0")
            # A legal form in lower case ('plc') or an '&' continues a name; it never starts one.
            if word[0].isupper() or (follows and (_strip_word(word).lower() in COMPANY_SUFFIXES or word == "&")):
                if follows:
                    groups[-1].append(token)
                else:
                    groups.append([token])
            else:
                groups.append([])
        found = []
        first_token = tokens[0].start() if tokens else start
        for group in groups:
            for chunk in self._chunks(group):
                words = [_strip_word(t.group(0)) for t in chunk]
                key = _core_key(words)
                if not key or len(key) < 2:
                    continue
                if any(_overlap((chunk[0].start(), chunk[-1].end()), span) for span in self.amount_spans):
                    continue  # 'HK' of HK$3 billion, 'CHF' of CHF 2 billion: a currency, not a name
                if re.search(
                    r"\(\s*(?:[A-Za-z]+\s*:\s*)?$", text[max(start, chunk[0].start() - 12) : chunk[0].start()]
                ) and all(word.isupper() for word in words):
                    continue  # a ticker: (NYSE: BABA), (BOL.PA)
                surface = " ".join(words)
                possessive = bool(re.search(r"['’]s$", chunk[-1].group(0)))
                initial = chunk[0].start() == first_token
                found.append(_Candidate(chunk[0].start(), chunk[-1].end(), surface, key, initial, possessive))
        if g.code == "de":
            keys = {c.key for c in found}
            for candidate in found:
                if candidate.key.endswith("s") and candidate.key[:-1] in keys:
                    candidate.key = candidate.key[:-1]
        return found

    def _chunks(self, group: list[re.Match[str]]) -> list[list[re.Match[str]]]:
        chunks: list[list[re.Match[str]]] = [[]]
        for token in group:
            word = _strip_word(token.group(0))
            lower = word.lower()
            if lower in COMPANY_SUFFIXES or word == "&":
                if chunks[-1] or word[0].isupper():  # 'Groupe Bolloré', 'Bolloré Group', never 'groupe Bolloré'
                    chunks[-1].append(token)
            elif lower in self.g.not_names or re.fullmatch(
                r"(?:Q[1-4]|H[12]|T[1-4]|S[12]|FY\d*|CA|GMV|PIB|BIP|GDP|EBITDA?)", word
            ):
                chunks.append([])
            elif self.g.code == "de" and chunks[-1] and chunks[-1][-1].group(0) != "&":
                # German writes every noun with a capital: a name is one word (with its legal form or an '&').
                chunks.append([token])
            else:
                chunks[-1].append(token)
        cleaned = []
        for chunk in chunks:
            while chunk and chunk[-1].group(0) == "&":
                chunk = chunk[:-1]
            while chunk and chunk[0].group(0) == "&":
                chunk = chunk[1:]
            if chunk:
                cleaned.append(chunk)
        return cleaned

    def _display_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for sentence in self.candidates:
            for candidate in sentence:
                current = names.get(candidate.key)
                if current is None or len(candidate.surface.split()) > len(current.split()):
                    names[candidate.key] = candidate.surface
        for key in names:
            if key in self.reported:
                names[key] = self.reported[key].name
        return names

    def _company(self, index: int, start: int, end: int, keyword: re.Match[str], figure: _Figure) -> tuple[str, str]:
        candidates = self.candidates[index]
        text = self.text
        if keyword.start() < figure.start:
            for candidate in candidates:
                if keyword.end() <= candidate.start < figure.start and self.g.after_keyword_name.match(
                    text[keyword.end() : candidate.start]
                ):
                    return self.names[candidate.key], ""
        anchor = min(keyword.start(), figure.start)
        before = [c for c in candidates if c.end <= anchor]
        if before:
            chosen = before[-1]
            flag = ""
            if chosen.initial and not self._seen_elsewhere(chosen):
                flag = f"company taken from the first word of the sentence (“{chosen.surface}”)"
            return self.names[chosen.key], flag
        after = [c for c in candidates if c.start >= figure.end]
        if after:
            return self.names[after[0].key], ""
        for earlier in reversed(self.candidates[:index]):
            if earlier:
                name = self.names[earlier[-1].key]
                return name, f"company inferred from context (the last one named before: {name})"
        return "", ""

    def _seen_elsewhere(self, chosen: _Candidate) -> bool:
        """Whether a name that opens its sentence (where every word has a capital) is known as a name:
        written with a legal form, written elsewhere within a sentence, or among the reported companies."""
        if chosen.key in self.reported or chosen.possessive or len(chosen.surface.split()) > 1:
            return True
        return any(c.key == chosen.key and not c.initial for sentence in self.candidates for c in sentence)

    # -- periods -----------------------------------------------------------------------------------------------

    def _period(self, figure: _Figure, start: int, end: int, clauses) -> Period | None:
        text, g = self.text, self.g
        mentions: list[tuple[int, int, Period]] = []
        for kind, pattern in g.periods:
            for m in _finditer(pattern, text, start, end):
                span = m.span()
                if any(_overlap(span, (s, e)) for s, e, _ in mentions):
                    continue
                if any(s <= span[0] and span[1] <= e for s, e in self.date_spans):
                    continue
                if kind == "year" and g.year_excluded_before.search(text[max(start, span[0] - 40) : span[0]]):
                    continue
                period = self._period_of(kind, m)
                if period is not None:
                    mentions.append((span[0], span[1], period))
        amounts = [(figure.start, figure.end)]
        mentions = [m for m in mentions if not any(_overlap((m[0], m[1]), a) for a in amounts)]
        if not mentions:
            return None
        clause = _clause_of(clauses, figure.start)

        def distance(mention):
            s, e, _ = mention
            gap = figure.start - e if e <= figure.start else s - figure.end
            return (not (clause[0] <= s < clause[1]), gap)

        return min(mentions, key=distance)[2]

    def _period_of(self, kind: str, m: re.Match[str]) -> Period | None:
        parts = m.groupdict()
        wording = _clean(m.group(0))
        year = _year(parts.get("year"), parts.get("yy"))
        fiscal = bool(parts.get("fiscal"))
        if kind == "year":
            return Period("year", wording, year)
        if kind == "last_year":
            return Period("last_year", wording)
        if kind == "fiscal":
            end_year = _year(parts.get("year_end")) if parts.get("year_end") else year
            if end_year is not None and year is not None and end_year < year:
                end_year = year // 100 * 100 + end_year % 100
            return Period("fiscal", wording, end_year, fiscal=True)
        month = self.g.months.get((parts.get("month") or "").lower().rstrip("."))
        day_text = parts.get("day") or parts.get("day_first")  # September 30, or 30 September
        day = int(day_text) if day_text else None
        if kind in ("quarter_ended", "half_ended", "year_ended"):
            return Period(kind, wording, year, month=month, day=day)
        number = int(parts["number"]) if parts.get("number") else None
        if number is None and parts.get("order"):
            number = ordinal(self.g.code, parts["order"]) if kind == "quarter" else ordinal_half(parts["order"])
        return Period(kind, wording, year, number=number, fiscal=fiscal)

    def _resolve_period(self, claim: Claim) -> None:
        published = self.article.published
        assert published is not None
        company = self.reported.get(_core_key(claim.company.split()))
        year_end = company.year_end if company else None
        start, end, inferred, note = resolve_period(claim.period, published, year_end)
        claim.period_start, claim.period_end, claim.period_inferred, claim.period_note = start, end, inferred, note
        if inferred:
            claim.flags.append("period inferred, not stated")

    # -- after the pass ----------------------------------------------------------------------------------------

    def _growth_currencies(self) -> None:
        """A growth rate's currency is that of the revenue it is set beside; failing that, of the company's
        revenue elsewhere in the text; failing that, it cannot be a row of the draft."""
        kept = []
        for claim in self.claims:
            if claim.metric == "revenue_growth" and not claim.currency:
                revenues = [c for c in self.claims if c.metric == "revenue" and c.company == claim.company]
                same_period = [c for c in revenues if c.period == claim.period]
                chosen = (same_period or revenues or [None])[0]
                if chosen is None:
                    reason = "a growth rate without a currency (no revenue figure of the company in the text)"
                    self.left_out.append(LeftOut(claim.start, claim.end, reason, claim.company))
                    continue
                claim.currency = chosen.currency
                if claim.period is None:
                    claim.period = chosen.period
                claim.notes.append(
                    f"Its currency is that of the company's revenue figure elsewhere in the text"
                    f" (“{_clean(self.text[chosen.start : chosen.end])}”)."
                )
                claim.flags.append("currency of the growth taken from another sentence")
            kept.append(claim)
        if not kept and self.claims:
            lonely = self.claims[0]
            raise FiguresError(
                f"expected a currency for the growth of {lonely.company}, found no revenue figure of the company in"
                " the text: no claim can be drafted",
                path=_where(self.article),
            )
        self.claims = kept

    def _deduplicate(self) -> None:
        kept: dict[tuple[str, str, dt.date, dt.date], Claim] = {}
        for claim in sorted(self.claims, key=lambda c: c.start):
            key = (claim.company, claim.metric, claim.period_start, claim.period_end)
            first = kept.get(key)
            if first is None:
                kept[key] = claim
                continue
            # ¥9.48 trillion and ¥9,480 billion are one figure.
            same = (_millions(first), first.currency) == (_millions(claim), claim.currency)
            reason = (
                "the same figure stated again" if same else "another figure for the same company, metric and period"
            )
            self.left_out.append(LeftOut(claim.start, claim.end, reason, claim.company))
            if not same:
                first.flags.append(f"the text also gives {_clean(self.text[claim.start : claim.end])} for it")
        self.claims = list(kept.values())


def ordinal_half(word: str) -> int:
    """1 for a first half, 2 for a second.

    >>> ordinal_half("premier"), ordinal_half("2nd"), ordinal_half("zweiten")
    (1, 2, 2)
    """
    return 1 if word.lower() in ("first", "1st", "premier", "1er", "ersten", "1.") else 2


def _year(text: str | None, short: str | None = None) -> int | None:
    value = text or short
    if not value:
        return None
    value = value.lstrip("'")
    number = int(value)
    return 2000 + number if number < 100 else number


def _finditer(pattern: re.Pattern[str], text: str, start: int, end: int):
    return pattern.finditer(text, start, end)


def _overlap(a, b) -> bool:
    a_start, a_end = a.span() if isinstance(a, re.Match) else a
    b_start, b_end = b.span() if isinstance(b, re.Match) else b
    return a_start < b_end and b_start < a_end


def _clause_of(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for start, end in clauses:
        if start <= position < end:
            return start, end
    return clauses[-1]


def _same_clause(clauses, a: int, b: int) -> bool:
    return _clause_of(clauses, a) == _clause_of(clauses, b)


def _strip_word(word: str) -> str:
    word = re.sub(r"['’]s$", "", word)
    if word.endswith(".") and word.lower() not in COMPANY_SUFFIXES:
        word = word.rstrip(".")
    return word


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", text)).strip()


def _where(article: Article) -> str:
    return article.where


# ----------------------------------------------------------------------------------------------------------------
# Periods


def resolve_period(
    period: Period | None, published: dt.date, year_end: tuple[int, int] | None
) -> tuple[dt.date, dt.date, bool, str]:
    """The dates of a period as the text states it; what it leaves open inferred and said so.

    `year_end` is the company's fiscal year end (month, day) where known from its reported figures.

    >>> resolve_period(Period("year", "en 2017", 2017), dt.date(2018, 7, 3), None)[:3]
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31), False)
    >>> start, end, inferred, note = resolve_period(None, dt.date(2018, 7, 3), (3, 31))
    >>> start, end, inferred
    (datetime.date(2017, 4, 1), datetime.date(2018, 3, 31), True)
    >>> resolve_period(Period("fiscal", "fiscal 2018", 2018, fiscal=True), dt.date(2018, 7, 3), None)[2:]
    (True, 'The text says “fiscal 2018” but not when the fiscal year ends; taken as the calendar year 2018: review.')
    """
    known = year_end is not None and year_end != (12, 31)
    calendar_note = f" The company's fiscal year ends on {_day_month(year_end)} (reported figures)." if year_end else ""
    if period is None:
        start, end = _last_year(published, year_end)
        if year_end:
            note = (
                f"The text names no period; inferred as the company's fiscal year from {start} to {end}, the last"
                f" one ended before the publication date ({published}), from its reported figures: review."
            )
        else:
            note = (
                f"The text names no period; inferred as {start.year}, the last full calendar year before the"
                f" publication date ({published}): review."
            )
        return start, end, True, note
    said = f"“{period.wording}”"
    if period.kind == "year":
        note = f"Stated by the text ({said}): the calendar year {period.year}."
        if known:
            note += calendar_note + " Review whether the text means the fiscal year."
        return dt.date(period.year, 1, 1), dt.date(period.year, 12, 31), False, note
    if period.kind == "last_year":
        start, end = _last_year(published, year_end)
        relative = f"Stated by the text ({said}), relative to the publication date ({published}):"
        note = f"{relative} the company's last fiscal year.{calendar_note}" if year_end else f"{relative} {start.year}."
        return start, end, False, note
    if period.kind == "fiscal":
        if year_end:
            end = _fiscal_end(period.year, year_end)
            return _year_before(end), end, False, f"Stated by the text ({said}).{calendar_note}"
        return (
            dt.date(period.year, 1, 1),
            dt.date(period.year, 12, 31),
            True,
            (
                f"The text says {said} but not when the fiscal year ends; taken as the calendar year {period.year}:"
                " review."
            ),
        )
    if period.kind in ("quarter_ended", "half_ended", "year_ended"):
        months = {"quarter_ended": 3, "half_ended": 6}.get(period.kind, 12)
        inferred = period.year is None or period.month is None
        month = period.month or 12
        if period.year is not None:
            end = _month_end(period.year, month, period.day)
        else:
            end = _month_end(published.year, month, period.day)
            if end > published:
                end = _month_end(published.year - 1, month, period.day)
        month_end = end == _month_end(end.year, end.month, None)
        # From the day after a month's end; else from the day after the same day `months` before (a year to
        # 28 February 2016, a leap year, from 1 March 2015).
        start = (
            _add_months(end + dt.timedelta(days=1), -months)
            if month_end
            else _add_months(end, -months) + dt.timedelta(days=1)
        )
        note = f"Stated by the text ({said})."
        if inferred:
            note = (
                f"The text says {said} without the year; taken as the last one ended before the publication date"
                f" ({published}): review."
            )
        elif not month_end:
            # A period ending mid-month (a retailer's 12-, 13- or 16-week quarter, a 52-week year): the
            # text gives its end, not its start.
            inferred = True
            note = (
                f"The text says {said}, not when it began; taken as {months} months from {start}, which a period"
                " counted in weeks may not be: review."
            )
        return start, end, inferred, note
    # quarter or half
    months = 3 if period.kind == "quarter" else 6
    number = period.number or 1
    label = "quarter" if period.kind == "quarter" else "half"
    if period.fiscal and year_end and period.year is not None:
        fiscal_start = _year_before(_fiscal_end(period.year, year_end))
        start = _add_months(fiscal_start, months * (number - 1))
        end = _add_months(start, months) - dt.timedelta(days=1)
        return start, end, False, f"Stated by the text ({said}): the company's fiscal {label}.{calendar_note}"
    if period.year is not None:
        start = dt.date(period.year, months * (number - 1) + 1, 1)
        end = _add_months(start, months) - dt.timedelta(days=1)
        if period.fiscal:
            return (
                start,
                end,
                True,
                (f"The text says {said} but not when the fiscal year ends; taken as the calendar {label}: review."),
            )
        return start, end, False, f"Stated by the text ({said}): the calendar {label}."
    year = published.year
    start = dt.date(year, months * (number - 1) + 1, 1)
    while _add_months(start, months) - dt.timedelta(days=1) >= published:
        year -= 1
        start = dt.date(year, months * (number - 1) + 1, 1)
    end = _add_months(start, months) - dt.timedelta(days=1)
    return (
        start,
        end,
        True,
        (
            f"The text says {said} without the year; taken as the last calendar {label} of that number ended before the"
            f" publication date ({published}): review."
        ),
    )


def _fiscal_end(year: int, year_end: tuple[int, int]) -> dt.date:
    month, day = year_end
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _month_end(year: int, month: int, day: int | None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, last) if day else last)


def _last_year(published: dt.date, year_end: tuple[int, int] | None) -> tuple[dt.date, dt.date]:
    """The last whole year ended by `published`: the fiscal year where its end is known, else the calendar year.

    >>> _last_year(dt.date(2018, 7, 3), (3, 31)), _last_year(dt.date(2018, 7, 3), None)[0]
    ((datetime.date(2017, 4, 1), datetime.date(2018, 3, 31)), datetime.date(2017, 1, 1))
    """
    if not year_end:
        return dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31)
    end = _fiscal_end(published.year, year_end)
    if end > published:
        end = _fiscal_end(published.year - 1, year_end)
    return _year_before(end), end


def _year_before(end: dt.date) -> dt.date:
    """The first day of the twelve months that end on `end`."""
    return _add_months(end + dt.timedelta(days=1), -12)


def _millions(claim) -> Decimal:
    """A claim's value in millions (a growth rate as it is): the same figure in two scales compares equal."""
    scale = REVENUE_SCALE_TO_MILLIONS.get(claim.unit)
    return claim.value if scale is None else claim.value * Decimal(str(scale))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _day_month(year_end: tuple[int, int]) -> str:
    return f"{year_end[1]} {calendar.month_name[year_end[0]]}"


# ----------------------------------------------------------------------------------------------------------------
# The draft, its sidecar and the review page


def _row(extraction: Extraction, claim: Claim) -> dict[str, str]:
    article = extraction.article
    flags = list(claim.flags)
    if not extraction.source_given:
        flags.append("the article names no source: give --source")
    note = " ".join(
        [f"From the text: “{claim.sentence}”", *claim.notes, *([f"Review: {'; '.join(flags)}."] if flags else [])]
    )
    value = format(claim.value, "f")
    return {
        "figure_id": claim.figure_id,
        "company": claim.company,
        "metric": claim.metric,
        "period_start": claim.period_start.isoformat() if claim.period_start else "",
        "period_end": claim.period_end.isoformat() if claim.period_end else "",
        "period_inferred": "true" if claim.period_inferred else "false",
        "period_note": claim.period_note,
        "value": value,
        "unit": claim.unit,
        "currency": claim.currency,
        "approximate": "true" if claim.approximate else "false",
        "wording": _CONTROL.sub(" ", article.text[claim.start : claim.end]),
        "source": _clean(extraction.source),
        "published": article.published.isoformat() if article.published else "",
        "note": _clean(note),
    }


def draft_csv(extraction: Extraction) -> bytes:
    """The draft claims file's bytes: the header of data/article_figures.csv and one row per claim.

    >>> found = extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01")
    >>> header, row = draft_csv(found).decode().splitlines()
    >>> header.split(",")[:4]
    ['figure_id', 'company', 'metric', 'period_start']
    >>> row.split(",")[:4]
    ['acme_group_revenue_1', 'Acme Group', 'revenue', '2017-01-01']
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(extraction.rows())
    return buffer.getvalue().encode("utf-8")


def extractor_version() -> str:
    """What made the draft: this module's package version and trafilatura's.

    >>> extractor_version().startswith("figures.extract ")
    True
    """
    from importlib.metadata import PackageNotFoundError, version

    import figures

    try:
        own = version("figures")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        own = figures.__version__
    try:
        trafilatura = version("trafilatura")
    except PackageNotFoundError:  # pragma: no cover
        trafilatura = "absent"
    return f"figures.extract {own}; trafilatura {trafilatura}"


def draft_sidecar(extraction: Extraction, out: Path, payload: bytes, accessed: dt.date) -> dict[str, object]:
    """The provenance sidecar of a draft: the fields every data file's sidecar has, and the article's checksum.

    >>> found = extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01")
    >>> sidecar = draft_sidecar(found, Path("claims.csv"), b"x", dt.date(2018, 3, 2))
    >>> sidecar["file"], sidecar["size_bytes"], sidecar["article_sha256"] == found.article.sha256
    ('claims.csv', 1, True)
    """
    from figures.paths import ARTICLE_FIGURES
    from figures.provenance import read_sidecar

    try:
        columns = read_sidecar(ARTICLE_FIGURES)["columns"]
    except FiguresError:
        columns = {name: {"definition": "", "unit": ""} for name in HEADER}
    article = extraction.article
    published = article.published.isoformat() if article.published else ""
    return {
        "file": out.name,
        "title": f"Draft claims extracted from {article.title or article.name}",
        "producer": f"{extraction.source} (claims drafted by {extractor_version()}; to be reviewed by a person)",
        "citation": f"{extraction.source}, {published}",
        "url": article.url,
        "published": published,
        "date_accessed": accessed.isoformat(),
        "licence": LICENCE,
        "description": (
            "Draft: one row per revenue or revenue-growth figure the article states, found automatically. Each row"
            " keeps the words it comes from (wording) and its sentence (note); review every row, and every note"
            " that says 'Review', before building a report on it."
        ),
        "status": "draft",
        "article_file": article.name,
        "article_sha256": article.sha256,
        "article_size_bytes": article.size_bytes,
        "article_format": "html" if article.html else "text",
        "published_from": article.published_from,
        "language": article.language,
        "language_from": article.language_from,
        "extractor": extractor_version(),
        "claims": len(extraction.claims),
        "flagged": sum(1 for row in extraction.rows() if "Review:" in row["note"]),
        "left_out": len(extraction.left_out),
        "columns": columns,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size_bytes": len(payload),
    }


_REVIEW_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }
main { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 2rem; }
.text { white-space: pre-wrap; border: 1px solid #ccc; padding: 1rem; background: #fafafa; }
mark.claim { background: #ffe680; }
mark.translation { background: #cde8ff; }
mark.left-out { background: #e6e6e6; text-decoration: line-through; }
sup { color: #7a5c00; font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
td.flags { color: #8a1c1c; }
@media (max-width: 60rem) { main { grid-template-columns: 1fr; } }
""".strip()


def render_review(extraction: Extraction) -> str:
    """A self-contained HTML page: the article with every figure marked, beside the claims of the draft.

    Everything from the article is escaped; the page runs no script and loads nothing.

    >>> page = render_review(extract("Acme Group's revenue rose 12% to $3.4 billion in 2017.", published="2018-03-01"))
    >>> '<mark id="claim-2" class="claim"' in page and "<script" not in page
    True
    """
    from figures.report import content_security_policy

    article = extraction.article
    text = article.text
    marks: list[tuple[int, int, str, str]] = []
    for claim in extraction.claims:
        title = f"claim {claim.number}: {claim.company}, {claim.metric}"
        marks.append(
            (
                claim.start,
                claim.end,
                f'<mark id="claim-{claim.number}" class="claim" title="{_attr(title)}">',
                f"</mark><sup>{claim.number}</sup>",
            )
        )
        if claim.translation:
            start, end, currency = claim.translation
            marks.append(
                (
                    start,
                    end,
                    f'<mark id="claim-{claim.number}-translation" class="translation"'
                    f' title="{_attr(f"claim {claim.number} in {currency}")}">',
                    "</mark>",
                )
            )
    for number, item in enumerate(extraction.left_out, start=1):
        if any(_overlap((item.start, item.end), (s, e)) for s, e, _, _ in marks):
            continue
        marks.append(
            (
                item.start,
                item.end,
                f'<mark id="left-{number}" class="left-out" title="{_attr(item.reason)}">',
                "</mark>",
            )
        )
    parts, position = [], 0
    for start, end, opening, closing in sorted(marks):
        if start < position:
            continue
        parts += [html.escape(text[position:start]), opening, html.escape(text[start:end]), closing]
        position = end
    parts.append(html.escape(text[position:]))
    claim_rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(cell)}</td>"
            for cell in (
                f"{claim.number}",
                claim.company,
                claim.metric,
                f"{format(claim.value, 'f')} {claim.unit} {claim.currency}" + (" (approximate)" * claim.approximate),
                f"{claim.period_start} to {claim.period_end}" + (" (inferred)" if claim.period_inferred else ""),
                _clean(text[claim.start : claim.end]),
            )
        )
        + f'<td class="flags">{html.escape("; ".join(claim.flags))}</td></tr>'
        for claim in extraction.claims
    )
    left_rows = "".join(
        f"<tr><td>{html.escape(_clean(text[item.start : item.end]))}</td><td>{html.escape(item.reason)}</td>"
        f"<td>{html.escape(item.company)}</td><td>{html.escape(item.component)}</td></tr>"
        for item in extraction.left_out
    )
    published = article.published.isoformat() if article.published else "unknown"
    facts = (
        f"Source: {extraction.source}. Published: {published} ({article.published_from or 'not found'})."
        f" Language: {article.language} ({article.language_from}). Article file: {article.name},"
        f" SHA-256 {article.sha256}. Extractor: {extractor_version()}."
    )
    return f"""<!DOCTYPE html>
<html lang="{_attr(article.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_attr(content_security_policy(_REVIEW_CSS))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review: claims drafted from {html.escape(article.name)}</title>
<style>{_REVIEW_CSS}</style>
</head>
<body>
<header>
<h1>Review the claims drafted from {html.escape(article.name)}</h1>
<p>{html.escape(facts)}</p>
<p>Check each marked figure against the claim of the same number; grey marks are figures left out, with the reason.</p>
</header>
<main>
<section>
<h2>The article</h2>
<div class="text">{"".join(parts)}</div>
</section>
<section>
<h2>Claims in the draft ({len(extraction.claims)})</h2>
<table>
<thead><tr><th>N</th><th>company</th><th>metric</th><th>value</th><th>period</th><th>as printed</th><th>review</th></tr>
</thead>
<tbody>{claim_rows}</tbody>
</table>
<h2>Left out ({len(extraction.left_out)})</h2>
<table>
<thead><tr><th>as printed</th><th>why</th><th>company</th><th>segment</th></tr></thead>
<tbody>{left_rows}</tbody>
</table>
</section>
</main>
</body>
</html>
"""


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def write_draft(
    path_or_text: str | Path | bytes,
    out: str | Path,
    *,
    lang: str | None = None,
    published: str | dt.date | None = None,
    source: str | None = None,
    accessed: str | dt.date | None = None,
    review: str | Path | None = None,
    reported: str | Path | bool | None = None,
    force: bool = False,
) -> list[Path]:
    """Extract an article's claims and write the draft claims file, its sidecar and, with `review`, the
    review page; return the paths written. Nothing is written when no claim is found, and an existing
    file is kept unless `force`.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "claims.csv"
    >>> [p.name for p in write_draft("Acme Group's revenue rose 12% to $3.4 billion in 2017.", out,
    ...                              published="2018-03-01", source="Test Wire", accessed="2018-03-02")]
    ['claims.csv', 'claims.csv.meta.json']
    """
    check_targets(out, review, force=force)
    extraction = extract(path_or_text, lang=lang, published=published, source=source, reported=reported)
    return save_draft(extraction, out, accessed=accessed, review=review, force=force)


def check_targets(out: str | Path, review: str | Path | None = None, *, force: bool = False) -> None:
    """Refuse to write a draft over a folder, into data/ (its reviewed files stay as they are), or over an
    existing file unless `force`.

    >>> from figures.paths import ARTICLE_FIGURES
    >>> check_targets(ARTICLE_FIGURES, force=True)
    Traceback (most recent call last):
    figures.errors.FiguresError: ...article_figures.csv: expected a draft outside the data folder ...
    """
    from figures.paths import DATA_DIR
    from figures.provenance import sidecar_path

    out = Path(out)
    for target in [out, sidecar_path(out)] + ([Path(review)] if review else []):
        if target.resolve().is_relative_to(DATA_DIR.resolve()):
            raise FiguresError(
                "expected a draft outside the data folder (its reviewed files are kept as they are)", path=target
            )
        if target.is_dir():
            raise FiguresError("expected a file name, found a folder", path=target)
        if target.exists() and not force:
            raise FiguresError("expected a new file, found an existing one (--force replaces it)", path=target)


def save_draft(
    extraction: Extraction,
    out: str | Path,
    *,
    accessed: str | dt.date | None = None,
    review: str | Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Write an extraction as a draft claims file with its sidecar (and the review page), checked by the
    loader first so that a draft always loads; return the paths written.

    >>> import tempfile
    >>> found = extract("Acme Group's revenue reached $3.4 billion in 2017.", published="2018-03-01")
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in save_draft(found, folder / "claims.csv", accessed="2018-03-02", review=folder / "r.html")]
    ['claims.csv', 'claims.csv.meta.json', 'r.html']
    """
    from figures.load import load_figures
    from figures.provenance import sidecar_path
    from figures.report import write_atomically

    out = Path(out)
    check_targets(out, review, force=force)
    accessed_date = accessed if isinstance(accessed, dt.date) else _iso_date(accessed) if accessed else dt.date.today()
    payload = draft_csv(extraction)
    sidecar = json.dumps(draft_sidecar(extraction, out, payload, accessed_date), indent=2, ensure_ascii=False)
    check = out.parent / f".{out.name}.check.csv"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        check.write_bytes(payload)
        load_figures(check)
    except FiguresError as error:
        raise FiguresError(f"the draft would not load ({error.message}); please report this article") from None
    except OSError as error:
        raise FiguresError(f"could not write the draft: {error.strerror or error}", path=out) from None
    finally:
        check.unlink(missing_ok=True)
    files = {out.name: payload, sidecar_path(out).name: (sidecar + "\n").encode("utf-8")}
    write_atomically(out.parent, files)
    written = [out, sidecar_path(out)]
    if review:
        review = Path(review)
        write_atomically(review.parent, {review.name: render_review(extraction).encode("utf-8")})
        written.append(review)
    return written
