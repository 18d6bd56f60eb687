"""Reading an article: a text or a saved HTML page, its main text, language and publication date."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from figures.errors import FiguresError
from figures.extract.language import LANGUAGES, date_from_match, detect_language, grammar

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h1)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"</(?:p|div|html|body|article|script|span|h[1-6])\s*>", re.IGNORECASE)


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
        return (given if isinstance(given, dt.date) else iso_date(str(given))), "given"
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


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FiguresError(f"invalid date {text!r}: expected YYYY-MM-DD") from None
