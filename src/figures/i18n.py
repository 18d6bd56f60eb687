"""Words and formats per locale, English (default) or French: text by gettext, numbers and dates by Babel.

Text is written in English in the code and looked up here for other locales (gettext style: the
English text is the msgid). The French text lives in the catalogue locale/fr/LC_MESSAGES/figures.po,
the source that translators edit (Poedit, Weblate); `make translations` extracts every `tr("...")`
and `N_("...")` into locale/figures.pot, updates the .po from it and compiles the .mo that `tr`
reads, which is committed so that an install needs no compile step. Numbers, percentages, dates
and compact amounts are formatted by Babel from the locale's own patterns, never by hand.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import types
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_currency, format_decimal, format_percent, get_decimal_symbol

LOCALES = ("en", "fr")
DEFAULT_LOCALE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "figures"


def tr(text: str, locale: str) -> str:
    """`text` in `locale`; English is the key. A missing French entry is an error, not English.

    >>> tr("Company", "fr"), tr("Company", "en")
    ('Groupe', 'Company')
    >>> tr("Not in the catalogue", "fr")
    Traceback (most recent call last):
    KeyError: "no fr translation for 'Not in the catalogue'"
    """
    if locale == "en":
        return text
    try:
        return _catalogue(locale)[text]
    except KeyError:
        raise KeyError(f"no {locale} translation for {text!r}") from None


def N_(text: str) -> str:
    """Mark `text` for extraction where it is defined, to be translated later through a variable.

    >>> N_("average")
    'average'
    """
    return text


@functools.cache
def _catalogue(locale: str) -> Mapping[str, str]:
    """The compiled catalogue of `locale` (locale/<locale>/LC_MESSAGES/figures.mo), read once: msgid → text."""
    if locale not in LOCALES:
        raise KeyError(locale)
    from babel.messages.mofile import read_mo

    # Babel's public reader of compiled catalogues (gettext's `gettext()` would fall back to English: never).
    with (LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as file:
        catalog = read_mo(file)
    return types.MappingProxyType({message.id: message.string for message in catalog if message.id})


_BEFORE_A_FIELD = re.compile(r"\b([Dd])(e|u) \{(\w+)\}")
_VOWELS = frozenset("AEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜaeiouàâäéèêëîïôöùûü")


def elide(template: str, values: Mapping[str, object], locale: str) -> str:
    """`template` with French "de {x}" written "d'{x}", and "du {x}" "de l'{x}", where x's value begins
    with a vowel; data is never touched, only the words the template puts before it.

    >>> elide("la croissance de {company}, convertie du {base}", {"company": "Infosys", "base": "AUD"}, "fr")
    "la croissance d'{company}, convertie de l'{base}"
    >>> elide("la croissance de {company}", {"company": "Nestlé"}, "fr")
    'la croissance de {company}'
    """
    if locale != "fr":
        return template

    def written(match: re.Match) -> str:
        d, ending, name = match.groups()
        if str(values.get(name, ""))[:1] not in _VOWELS:
            return match.group(0)
        return f"{d}'{{{name}}}" if ending == "e" else f"{d}e l'{{{name}}}"

    return _BEFORE_A_FIELD.sub(written, template)


def one_full_stop(text: str) -> str:
    """A sentence that ends on an abbreviation ("sept.", "Co.") ends with its dot alone, never two.

    >>> one_full_stop("sur juil.–sept.."), one_full_stop("Wait..."), one_full_stop("Done.")
    ('sur juil.–sept.', 'Wait...', 'Done.')
    """
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


def semicolons(items, locale: str) -> str:
    """Items of a list in a sentence, separated by semicolons as the locale writes them.

    >>> semicolons(["a", "b", "c"], "en"), semicolons(["a", "b"], "fr")
    ('a; b; c', 'a\\xa0; b')
    """
    items = list(items)
    joined = items[0] if items else ""
    for item in items[1:]:
        joined = tr("{items}; {item}", locale).format(items=joined, item=item)
    return joined


def number(value: float, locale: str, decimals: int = 0) -> str:
    """A number with the locale's grouping and decimal signs.

    >>> number(32299.4, "en"), number(32299.4, "fr"), number(5.913, "fr", 1), number(-0.0, "en")
    ('32,299', '32\\u202f299', '5,9', '-0')
    """
    return _number(value, _sign(value), locale, decimals)


# A chart's ticks ask the same numbers at each of its draws. Typed: 0.015 and Decimal(0.015) are
# equal but do not round alike; and keyed by sign: -0.0 equals 0.0 but is written "-0".
@functools.lru_cache(maxsize=1 << 16, typed=True)
def _number(value: float, sign: float, locale: str, decimals: int) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=locale)


def _sign(value: object) -> float:
    """Part of a memo's key: the sign, which equal numbers (-0.0 and 0.0) may not share."""
    try:
        return math.copysign(1.0, value)
    except TypeError:
        return 0.0


def signed_number(value: float, locale: str, decimals: int = 0) -> str:
    """A number with its sign, as a change.

    >>> signed_number(-160, "en"), signed_number(7383, "fr"), signed_number(-0.04, "en", 1)
    ('-160', '+7\\u202f383', '+0.0')
    >>> signed_number(-0.05, "en", 1)  # written 0.0: no sign of its own, though Python rounds it to -0.1
    '+0.0'
    """
    text = number(abs(value), locale, decimals)
    return ("-" if value < 0 and not _shows_zero(text) else "+") + text


def percent(value: float, locale: str, *, signed: bool = True, decimals: int = 1) -> str:
    """A percentage (given in percent) in the locale's own percent pattern, to `decimals` places.

    >>> percent(50.6266, "en"), percent(50.6266, "fr"), percent(-3.05, "en"), percent(-0.03, "en")
    ('+50.6%', '+50,6\\xa0%', '-3.0%', '+0.0%')
    >>> percent(-0.05, "en")  # written 0.0: no sign of its own, though Python rounds it to -0.1
    '+0.0%'
    """
    text = _percent(value, _sign(value), locale, signed, decimals)
    # What is written as nothing has no sign: never "-0.0%". Told from the digits written, which Babel rounds
    # (Python's round() of the same float may not agree).
    return _percent(0.0, 1.0, locale, signed, decimals) if _shows_zero(text) else text


def _shows_zero(text: str) -> bool:
    """Whether a formatted number is written with no digit but zeros ("-0.0", "0,0 %").

    >>> _shows_zero("-0.0%"), _shows_zero("+0.1%"), _shows_zero("1\\u202f000")
    (True, False, False)
    """
    return not any(char in "123456789" for char in text)


@functools.lru_cache(maxsize=1 << 16, typed=True)
def _percent(value: float, sign: float, locale: str, signed: bool, decimals: int) -> str:
    base = Locale.parse(locale).percent_formats[None].pattern.split(";")[0]
    base = base.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals else ""))
    pattern = f"+{base};-{base}" if signed else base
    return format_percent(value / 100, pattern, locale=locale)


def rate(value: float, locale: str) -> str:
    """An exchange rate to six significant digits.

    >>> rate(0.8553476533, "en"), rate(7.6290023, "fr")
    ('0.855348', '7,629')
    """
    digits = Decimal(f"{value:.6g}")
    return format_decimal(digits, "0.##########", locale=locale)


def compact_amount(value_m: float, currency: str, locale: str) -> str:
    """Millions of a currency as a short amount: « 32,3 Md € » in French, « €32.3B » in English.

    Always one decimal, so that amounts side by side read with the same precision: $29.0B beside $16.3B.

    >>> compact_amount(32298.7, "EUR", "fr"), compact_amount(32298.7, "EUR", "en")
    ('32,3\\xa0Md\\xa0€', '€32.3B')
    >>> compact_amount(28990, "USD", "en"), compact_amount(28990, "USD", "fr")
    ('$29.0B', '29,0\\xa0Md\\xa0$US')
    """
    text = format_compact_currency(value_m * 1e6, currency, locale=locale, fraction_digits=1)
    decimal = get_decimal_symbol(locale)
    if decimal in text:
        return text
    return re.sub(r"(\d)(?=\D*$)", lambda digit: f"{digit.group(1)}{decimal}0", text, count=1)  # after the last digit


DATE_STYLES = {"month": "MMM", "month_year": "MMM y", "day_month": "d MMM", "long": "d MMMM y"}


def date(day: dt.date, locale: str, style: str = "long") -> str:
    """A date in one of `DATE_STYLES`, with the locale's month names.

    >>> [date(dt.date(2018, 3, 31), "fr", style) for style in DATE_STYLES]
    ['mars', 'mars 2018', '31 mars', '31 mars 2018']
    >>> date(dt.date(2018, 7, 3), "en"), date(dt.date(2023, 6, 1), "fr"), date(dt.date(2023, 6, 1), "en")
    ('3 July 2018', '1er juin 2023', '1 June 2023')
    """
    text = format_date(day, DATE_STYLES[style], locale=locale)
    if locale == "fr" and day.day == 1 and DATE_STYLES[style].startswith("d "):
        text = "1er" + text[1:]  # French writes the first of a month as an ordinal
    return text


def extract_messages(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method (babel.cfg): the literal first argument of each call to a keyword.

    Unlike Babel's own Python extractor before Python 3.12, it finds calls inside f-strings; a
    conditional argument, `tr("a" if x else "b", locale)`, gives both texts. In a notebook, the
    code cells are read.

    >>> import io
    >>> code = b'f"{tr(\\'m\\', locale)}"; tr("a" if x else "b", locale); tr(key, locale); N_("c")'
    >>> [message for _, _, message, _ in extract_messages(io.BytesIO(code), ["tr", "N_"], [], {})]
    ['m', 'a', 'b', 'c']
    """
    import ast
    import json

    source = fileobj.read().decode("utf-8")
    if str(getattr(fileobj, "name", "")).endswith(".ipynb"):
        cells = json.loads(source)["cells"]
        sources = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    else:
        sources = [source]
    for code in sources:
        calls = [node for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Call) and node.args]
        for call in sorted(calls, key=lambda node: (node.lineno, node.col_offset)):
            name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
            if name not in keywords:
                continue
            first = call.args[0]
            for argument in (first.body, first.orelse) if isinstance(first, ast.IfExp) else (first,):
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    yield call.lineno, name, argument.value, []
