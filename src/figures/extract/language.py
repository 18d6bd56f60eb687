"""Each language's words for revenue claims: the tables in `languages/*.toml`, and the patterns compiled from them.

`figures.extract` reads an article with these; nothing here knows about companies or files. A language is
a data file (`languages/fr.toml`, `en.toml`, `de.toml`, beside `common.toml` for what they share): its scale
and currency words, the words of revenue and of what is not revenue, of rises and falls, of periods and
dates. `grammar(code)` compiles one once into regular expressions; code here is the same for every
language, so a new language is a new table. Numbers are read by the language's own rules through Babel
(`parse_number`); month names come from Babel's locale data.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files

from babel.dates import get_day_names, get_month_names
from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

from figures.choices import ARTICLE_LANGUAGES


def _table(name: str) -> dict:
    return tomllib.loads(files("figures.extract").joinpath("languages", f"{name}.toml").read_text(encoding="utf-8"))


def table(lang: str) -> dict:
    """The raw table of `lang` (languages/LANG.toml), for modules that compile their own part of it."""
    return _TABLES[lang]


def _words(text: str) -> list[str]:
    return text.split()


_COMMON = _table("common")
LANGUAGES = ARTICLE_LANGUAGES  # one list: the tables'
_TABLES = {lang: _table(lang) for lang in LANGUAGES}
LOCALES = {lang: table["locale"] for lang, table in _TABLES.items()}

NUMBER = (
    r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"  # Indian grouping: 1,09,913
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
)
"""A number as printed: digits with group separators (space, no-break, narrow no-break, thin, dot, comma;
in Indian grouping, pairs of digits) and a decimal part. Which separator is which is the language's business
(`parse_number`)."""
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")

SYMBOLS: dict[str, str] = dict(_COMMON["symbols"])
"""Symbols that stand before (or after) an amount, in every language, and the currency they name."""
CODES = _words(_COMMON["words"]["codes"])
COMPANY_SUFFIXES = frozenset(_words(_COMMON["words"]["company_suffixes"]))
"""Words that end (or with Group/Groupe, start) a company's name but do not name it alone."""
CURRENCY_CUES: dict[str, dict[str, re.Pattern[str]]] = {
    code: {local: re.compile(cue, re.IGNORECASE) for local, cue in cues.items()}
    for code, cues in _COMMON["currency_cues"].items()
}
"""For a currency read from a bare "$" or "dollars" (or "Kronen"): the local currency the text's places point to."""
BARE_CURRENCY_WORDS = frozenset(_words(_COMMON["words"]["bare_currency"]))
NOT_COMPANIES = frozenset(_COMMON["names"]["not_companies"])
"""Names that are never a figure's company: news agencies, data providers, exchanges, indices, broadcasters."""
NATIONALITIES = frozenset(_words(_COMMON["names"]["nationalities"]))
"""Adjectives of nationality and region: they open names ("Chinese device maker") but never are one alone."""
NATIONALITY_CURRENCIES: dict[str, str] = dict(_COMMON["nationality_currencies"])
"""The currency a company of a nationality reports in (for a growth rate whose text states no amount)."""
PLACES = frozenset(
    name.lower()
    for lang in _COMMON["languages"]
    for name in __import__("babel").Locale.parse(_table(lang)["locale"]).territories.values()
) | frozenset(_COMMON["names"]["cities"])
"""Countries and regions by name in every language of the tables (Babel's territories), and the cities of
`[names] cities`: never a company."""
FISCAL_YEAR_ENDS: dict[str, tuple[int, int]] = {
    code: (month, day) for code, (month, day) in _COMMON["fiscal_year_ends"].items()
}
"""Fiscal year ends set by law for the companies of a currency (India: 31 March)."""
ABBREVIATIONS = frozenset(_words(_COMMON["words"]["abbreviations"])).union(
    *(_words(table.get("abbreviations", "")) for table in _TABLES.values())
)
"""Words whose full stop does not end a sentence."""
AFTER_ORDINAL = frozenset(word.lower() for table in _TABLES.values() for word in _words(table.get("after_ordinal", "")))
"""Words after which a number's full stop marks an ordinal ("31. März", "4. Quartal"), not a sentence's end."""
_FLAGS = re.IGNORECASE | re.VERBOSE


@dataclass(frozen=True)
class Grammar:
    """One language's words and the patterns compiled from them (`grammar(code)`).

    >>> grammar("en").amount.search("revenue of RMB 250.3 billion").group("currency_before", "number", "scale")
    ('RMB', '250.3', 'billion')
    """

    code: str
    locale: str
    stopwords: frozenset[str]
    not_names: frozenset[str]
    noun_endings: tuple[str, ...]  # endings of common nouns, never of a one-word company name ("-ung" in German)
    scales: dict[str, tuple[str, Decimal]]
    currencies: dict[str, str]
    symbols: dict[str, str]
    scale_currencies: dict[str, tuple[str, Decimal, str]]
    amount: re.Pattern[str]
    scaled: re.Pattern[str]  # a number with a scale word, with or without a known currency
    spelled_amount: re.Pattern[str]  # a number in words with a scale word and a currency ("zwei Milliarden Euro")
    percent: re.Pattern[str]
    percent_word: re.Pattern[str]  # the words alone, after a number written in words
    revenue: re.Pattern[str]
    excluded: re.Pattern[str]
    up: re.Pattern[str]
    down: re.Pattern[str]
    approximate: re.Pattern[str]
    forecast: re.Pattern[str]
    previous_before: re.Pattern[str]
    previous_after: re.Pattern[str]
    translation_gap: re.Pattern[str]
    clause_break: re.Pattern[str]
    after_keyword_name: re.Pattern[str]
    segment_after: re.Pattern[str]
    group_qualifiers: frozenset[str]
    periods: tuple[PeriodPattern, ...]
    comparison_before: re.Pattern[str]
    current_year: re.Pattern[str]
    month_counts: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    holidays: dict[str, tuple[int, int]]  # days named by a feast ("Christmas Day"): (month, day)
    ended_lengths: dict[str, int]
    dates: re.Pattern[str]
    months: dict[str, int]
    ordinals: dict[str, int]
    descriptor_name: re.Pattern[str]  # a name after a noun that says what it is: group "name" (and "name2")
    descriptor_word: re.Pattern[str]  # such a noun alone
    unit_word: re.Pattern[str]  # a noun that introduces a part of a company ("subsidiary", "Tochter")
    compound_name: re.Pattern[str] | None  # a name joined to such a noun ("Henkel-Chef"), where the language has it
    anaphora: re.Pattern[str]
    acquired: re.Pattern[str]
    each: re.Pattern[str]
    results_verb: re.Pattern[str]
    reports_verb: re.Pattern[str]
    speaker_before: re.Pattern[str]
    preposition_before: re.Pattern[str]  # a preposition right before a name: the name is no subject
    owner_before: re.Pattern[str]  # words that make the name after them the owner of what follows ("Chez Apple")
    year_end_named: re.Pattern[str]  # a fiscal year's end month named in the text: group "month"
    compared_from: re.Pattern[str]  # before a period: the earlier figure of "von X im ersten Halbjahr 2017 auf Y"
    compared_to: re.Pattern[str]  # after that period: "auf Y"
    place_adjective: re.Pattern[str]  # (German) a place's adjective that opens a two-word name ("Heidelberger Druck")
    name_words: frozenset[str]  # (German) English words that carry a name on ("Turkish Airlines", "Tata Motors")
    business_nouns: str  # alternations, for patterns built around a name
    titles: str
    speech_verbs: str
    article: str  # an alternation of the language's articles ("der|die|das|..."), case ignored
    article_or_contraction: str  # the same with a preposition fused with an article ("beim", "zum")
    source_name: re.Pattern[str]  # a rating agency's or a data provider's name, or the words before it
    led_by: re.Pattern[str]  # words before a person who runs a company ("dirigée par", "led by")
    owned_by: re.Pattern[str]  # words before a company that owns another ("détenue par", "owned by")


@dataclass(frozen=True)
class PeriodPattern:
    """One way a language names a period (`[[periods]]` of its table): what kind, and what it fixes."""

    kind: str
    pattern: re.Pattern[str]
    number: int | None = None
    months: int | None = None
    rel: str | None = None


def _alternation(words, *, ignore_case: bool = True) -> str:
    """A regex alternation of literal words, longest first, so that 'milliards' wins over 'milliard'."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


APPOSITION_ARTICLES = _alternation(word for table in _TABLES.values() for word in _words(table["articles"]))
"""The articles of every language (case ignored): "Siemens, the German group,", "Ems-Chemie, le chimiste,"."""


def _fill(pattern: str, slots: dict[str, str]) -> str:
    """A table's pattern with its <<slots>> filled (a month name, a year, an ordinal word)."""
    return re.sub(r"<<(\w+)>>", lambda m: slots[m.group(1)], pattern)


def ordinal(lang: str, word: str) -> int:
    """The number an ordinal word stands for in `lang`.

    >>> ordinal("fr", "Deuxième"), ordinal("de", "3."), ordinal("en", "final")
    (2, 3, 4)
    """
    return _TABLES[lang]["ordinals"][word.lower()]


def _months(lang: str) -> dict[str, int]:
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale=LOCALES[lang]).items():
            names[name.lower()] = number
            names[name.lower().rstrip(".")] = number
    names.update(_TABLES[lang].get("months", {}))
    return names


def _dates_pattern(lang: str, month: str) -> re.Pattern[str]:
    textual = [_fill(entry["pattern"], {"month": month}) for entry in _TABLES[lang].get("dates", [])]
    numeric = [
        r"(?P<iso_year>(?:19|20)\d{2})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2})",
        r"(?P<num_day>\d{1,2})[./](?P<num_month>\d{1,2})[./](?P<num_year>(?:19|20)\d{2})",
    ]
    return re.compile(r"(?<![\w.])(?:" + "|".join(textual + numeric) + r")(?![\w])", re.IGNORECASE)


_NAME = (
    r"[A-ZÀ-ÖØ-Þ][\w&'’+-]*(?:\.(?=[ \u00a0,]))?"
    r"(?:[ \u00a0]+(?:&[ \u00a0]+)?[A-ZÀ-ÖØ-Þ0-9][\w&'’+-]*(?:\.(?=[ \u00a0,]))?){0,4}"
)
"""A name as printed: capitalised words (and an '&'), up to five."""


def _descriptor_name(companies: dict) -> re.Pattern[str]:
    """A name right after a noun that says what it is: "chipmaker Infineon", "le groupe de luxe Hermès" (a few
    small words between), "der Baustoffkonzern Heidelberg Materials" (a noun ending in "-konzern")."""
    # As printed: "group" introduces a name, "Group" ends one ("Marks & Spencer Group Plc").
    nouns = _alternation(_words(companies["descriptors"]), ignore_case=False)
    suffixes = _words(companies.get("descriptor_suffixes", ""))
    introducer = rf"\b{nouns}(?:s|e|es|en)?"
    if suffixes:
        introducer = rf"(?:{introducer}|\b[A-ZÄÖÜ][\w-]*{_alternation(suffixes)}(?:s|e|es|en)?)"
    # French puts adjectives and complements between the noun and the name ("le géant français du petit
    # électroménager SEB"); English and German put them before the noun.
    words_between = companies.get("words_between", 0)
    between = rf"(?:[ \u00a0]+(?:[a-zà-öø-ÿ'’][\w'’-]*|d['’]\w+)){{0,{words_between}}}?"
    connector = r"(?:\s*,\s*|\s+(?:and|und|et|&)\s+)"
    return re.compile(
        rf"{introducer}{between}[ \u00a0]+(?P<name>{_NAME})(?:{connector}(?P<name2>{_NAME}))?(?![\w])", re.UNICODE
    )


def _descriptor_word(companies: dict) -> re.Pattern[str]:
    nouns = _alternation(_words(companies["descriptors"]), ignore_case=False)
    suffixes = _words(companies.get("descriptor_suffixes", ""))
    pattern = rf"{nouns}(?:s|e|es|en)?"
    if suffixes:
        pattern += rf"|[\w-]*{_alternation(suffixes)}(?:s|e|es|en)?"
    return re.compile(pattern)


def _names_stoplist() -> frozenset[str]:
    """Words that never name a company, in any language: each table's, its little words, month and day
    names, currency and scale words, currency codes."""
    words = set(_words(_COMMON["words"]["not_names"])) | {code.lower() for code in CODES}
    for lang, table in _TABLES.items():
        words |= set(_words(table["not_names"])) | set(_words(table["stopwords"]))
        words |= {name.lower().rstrip(".") for name in get_month_names("wide", locale=LOCALES[lang]).values()}
        words |= {name.lower() for name in get_day_names("wide", locale=LOCALES[lang]).values()}
        words |= {phrase.split()[-1] for phrase in table["currencies"]}  # "rupees", not "indian" of "indian rupees"
        words |= set(table["scales"])
    return frozenset(words)


@cache
def grammar(lang: str) -> Grammar:
    """The compiled grammar of `lang` (fr, en or de).

    >>> grammar("fr").scales["milliards"], grammar("de").currencies["schweizer franken"]
    (('billion', Decimal('1')), 'CHF')
    """
    table = _TABLES[lang]
    patterns = table["patterns"]
    scales = {word: (unit, Decimal(str(multiplier))) for word, (unit, multiplier) in table["scales"].items()}
    cased = _words(table["cased_scales"])
    words = [word for word in table["scales"] if len(word) > 3]
    scale_words = rf"{_alternation(words)}|{_alternation(cased, ignore_case=False)}"
    currencies = {word.lower(): code for word, code in table["currencies"].items()}
    symbols = {**SYMBOLS, **table.get("prefix_symbols", {})}
    # A symbol that starts with a letter (HK$, Rs, CHF) needs a word boundary before it; "£" and "$" may follow
    # a word directly ("rose to£2.1 billion").
    lettered = [symbol for symbol in [*symbols, *CODES] if symbol[0].isalpha()]
    signs = [symbol for symbol in symbols if not symbol[0].isalpha()]
    suffix = rf"(?:{_alternation(currencies)}|{_alternation([*SYMBOLS, *CODES], ignore_case=False)})"
    combined = dict(table.get("scale_currencies", {}))
    # Nordic and trade-press style: "MSEK 33 111", "MEUR 120", "BSEK 4.2" (millions, billions of the code).
    prefixed = {
        f"{letter}{code}": [unit, 1, code] for code in CODES for letter, unit in (("M", "million"), ("B", "billion"))
    }
    # "194, 635 millions de dinars" (Tunisian press): a decimal comma with a space after it, before a scale word
    spaced = rf"\d{{1,3}},\s\d{{1,3}}(?=\s*(?:{scale_words})(?![\w]))|" if table.get("comma_space_decimal") else ""
    amount = (
        rf"(?:(?:(?<![\w$])(?P<currency_before>{_alternation(lettered, ignore_case=False)})"
        rf"|(?<![$\d])(?P<sign_before>{_alternation(signs, ignore_case=False)}))"
        rf"\s?(?P<number>{NUMBER})(?![\d])(?:(?:\s*|-)(?P<scale>{scale_words})(?![\w]))?)"
        rf"|(?:(?<![\w.,])(?P<number2>{spaced}{NUMBER})(?![\d])(?P<aside>\s*\([^()]{{1,60}}\)(?=\s*(?:{scale_words})))?"
        rf"(?:\s*(?P<scale2>{scale_words})(?![\w]))?{patterns['amount_connector']}(?P<currency_after>{suffix})(?![\w]))"
    )
    amount += (
        rf"|(?:(?<![\w.,])(?P<number3>{NUMBER})(?![\d])\s*"
        rf"(?P<combined>{_alternation({**combined, **prefixed}, ignore_case=False)})(?![\w€$]))"
        rf"|(?:(?<![\w$])(?P<combined_before>{_alternation(prefixed, ignore_case=False)})"
        rf"\s?(?P<number4>{NUMBER})(?![\d]))"
    )
    percent = (
        rf"(?<![\w.,+\-−])(?:(?P<sign>[+\-−])\s?)?(?P<number>{NUMBER})(?![\d])\s?"
        rf"(?P<unit>%|{_alternation(patterns['percent_words'].split('|'))})(?![\w])"
    )
    months = _months(lang)
    month = _alternation(sorted(months, key=len, reverse=True))
    ordinals = {word.lower(): number for word, number in table["ordinals"].items()}
    slots = {
        "month": month,
        "year": r"(?P<year>(?:19|20)\d{2})",
        "year_end": r"(?:\s?[/-]\s?(?P<year_end>(?:19|20)?\d{2}))?",
        "short_year": r"(?P<year>(?:19|20)\d{2}|'?\d{2})",
        "order": _alternation(ordinals),
        "holiday": _alternation(table.get("holidays", {})) if table.get("holidays") else "(?!)",
    }
    slots["end"] = _fill(patterns["period_end"], slots)
    translation = patterns["translation_words"]
    return Grammar(
        code=lang,
        locale=LOCALES[lang],
        stopwords=frozenset(_words(table["stopwords"])),
        not_names=_names_stoplist(),
        noun_endings=tuple(_words(table.get("noun_endings", ""))),
        scales=scales,
        currencies=currencies,
        symbols=symbols,
        scale_currencies={
            word: (unit, Decimal(str(multiplier)), code)
            for word, (unit, multiplier, code) in {**combined, **prefixed}.items()
        },
        amount=re.compile(amount),
        # Scale words only ("million", "milliards"): a bare "M" after a number is as often "M&A" or "M. Dupont".
        scaled=re.compile(
            rf"(?<![\w.,])(?P<number>{NUMBER})(?![\d])\s*(?P<scale>{_alternation(words)})(?![\w])", re.IGNORECASE
        ),
        spelled_amount=re.compile(
            rf"(?<![\w])(?P<words>[^\W\d_]+(?:[\s-]+[^\W\d_]+){{0,3}})\s+(?P<scale>{_alternation(words)})(?![\w])"
            rf"{patterns['amount_connector']}(?P<currency_after>{suffix})(?![\w])"
        ),
        percent=re.compile(percent),
        percent_word=re.compile(rf"(?<!\w){_alternation(patterns['percent_words'].split('|'))}(?!\w)"),
        revenue=re.compile(patterns["revenue"], _FLAGS),
        excluded=re.compile(patterns["excluded"], _FLAGS),
        up=re.compile(patterns["up"], _FLAGS),
        down=re.compile(patterns["down"], _FLAGS),
        approximate=re.compile(rf"(?<!\w){patterns['approximate']}\s*(?:de\s+|d['’]\s?)?$", _FLAGS),
        forecast=re.compile(patterns["forecast"], _FLAGS),
        previous_before=re.compile(rf"(?:{patterns['previous_before']})(?:{patterns['approximate']}\s+)?$", _FLAGS),
        previous_after=re.compile(rf"^[\s,]*(?:{patterns['previous_after']})", _FLAGS),
        translation_gap=re.compile(
            rf"^\s*(?:(?P<bracket>[(\[])\s*|,?\s*(?P<word>{translation})\b\s*)(?:(?:{translation})\b\s*)*$", _FLAGS
        ),
        clause_break=re.compile(patterns["clause_break"], _FLAGS),
        after_keyword_name=re.compile(table["cased_patterns"]["after_keyword_name"], re.VERBOSE),
        segment_after=re.compile(patterns["segment_after"], _FLAGS),
        group_qualifiers=frozenset(_words(table["group_qualifiers"])),
        periods=tuple(
            PeriodPattern(
                entry["kind"],
                re.compile(_fill(entry["pattern"], slots), _FLAGS),
                number=entry.get("number"),
                months=entry.get("months"),
                rel=entry.get("rel"),
            )
            for entry in table["periods"]
        ),
        comparison_before=re.compile(rf"(?:{patterns['comparison_before']})", _FLAGS),
        current_year=re.compile(patterns["current_year"], _FLAGS),
        month_counts={word.lower(): months for word, months in table["month_counts"].items()},
        seasons={word.lower(): (first, last) for word, (first, last) in table.get("seasons", {}).items()},
        holidays={
            re.sub(r"\s+", " ", word.lower()): (month, day) for word, (month, day) in table.get("holidays", {}).items()
        },
        ended_lengths={re.sub(r"[\s-]+", " ", word.lower()): months for word, months in table["ended_lengths"].items()},
        dates=_dates_pattern(lang, month),
        months=months,
        ordinals=ordinals,
        descriptor_name=_descriptor_name(table["companies"]),
        descriptor_word=_descriptor_word(table["companies"]),
        compound_name=re.compile(table["companies"]["compound_name"])
        if "compound_name" in table["companies"]
        else None,
        unit_word=re.compile(
            rf"(?:{_alternation(_words(table['companies']['unit_descriptors']))})(?:s|n)?$", re.IGNORECASE
        ),
        anaphora=re.compile(table["companies"]["anaphora"], _FLAGS),
        acquired=re.compile(table["companies"]["acquired"], _FLAGS),
        each=re.compile(table["companies"]["each"], _FLAGS),
        results_verb=re.compile(table["companies"]["results_verbs"], _FLAGS),
        reports_verb=re.compile(table["companies"]["reports_verbs"], _FLAGS),
        speaker_before=re.compile(table["companies"]["speaker_before"], _FLAGS),
        preposition_before=re.compile(table["companies"].get("preposition_before", "(?!)"), _FLAGS),
        owner_before=re.compile(table["companies"].get("owner_before", "(?!)"), _FLAGS),
        year_end_named=re.compile(_fill(patterns.get("year_end_named", "(?!)"), slots), _FLAGS),
        compared_from=re.compile(patterns.get("compared_from", "(?!)"), _FLAGS),
        compared_to=re.compile(patterns.get("compared_to", "(?!)"), _FLAGS),
        place_adjective=re.compile(table["companies"].get("place_adjective", "(?!)")),
        name_words=frozenset(word.lower() for word in _words(table["companies"].get("name_words", ""))),
        business_nouns=_alternation(_words(table["companies"]["business_nouns"]))
        if table["companies"]["business_nouns"].strip()
        else "(?!)",
        titles=table["companies"].get("title_prefix", "") + _alternation(_words(table["companies"]["titles"])),
        speech_verbs=_alternation(_words(table["companies"]["speech_verbs"])),
        article=_alternation(_words(table["articles"])),
        article_or_contraction=_alternation(_words(table["articles"]) + _words(table.get("article_contractions", ""))),
        source_name=re.compile(
            "(?:" + table["companies"].get("source_name", "(?!)") + r")(?:\s+[^\s,.;:()]+){0,3}$", _FLAGS
        ),
        led_by=re.compile(table["companies"].get("led_by", "(?!)") + r"\s+$", _FLAGS),
        owned_by=re.compile(table["companies"].get("owned_by", "(?!)") + r"\s+$", _FLAGS),
    )


def detect_language(text: str) -> str:
    """The language of `text` among fr, en and de, by its commonest little words (English on a tie).

    >>> detect_language("Le chiffre d'affaires du groupe a progressé de 5 % en 2017.")
    'fr'
    >>> detect_language("Der Umsatz stieg um 5 Prozent auf 20 Milliarden Euro.")
    'de'
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    scores = {lang: sum(word in grammar(lang).stopwords for word in words) for lang in LANGUAGES}
    best = max(scores.values())
    return "en" if scores["en"] == best else max(scores, key=scores.__getitem__)


class NumberError(ValueError):
    """A number token that the language's rules cannot read.

    >>> parse_number("1,2,3", "en")
    Traceback (most recent call last):
    figures.extract.language.NumberError: 1,2,3
    """


def parse_number(token: str, lang: str) -> tuple[Decimal, str | None]:
    """A number as printed in `lang`, read by Babel with that locale's separators; and a note when it
    was only readable with the other convention (a decimal point in a French text, say).

    Spaces of any kind between digit groups are the locale's group separator (French writes a narrow
    no-break space, many texts a plain or no-break one).

    >>> parse_number("39,9", "fr"), parse_number("1\u00a0234,5", "fr"), parse_number("1,234.5", "en")
    ((Decimal('39.9'), None), (Decimal('1234.5'), None), (Decimal('1234.5'), None))
    >>> parse_number("48.503", "fr"), parse_number("140.5", "fr")[0]
    ((Decimal('48503'), None), Decimal('140.5'))
    >>> parse_number("1.234,5", "de"), parse_number("250.3", "de")
    ((Decimal('1234.5'), None), (Decimal('250.3'), 'read with a decimal point, unusual in de: review'))
    """
    locale = LOCALES[lang]
    group = get_group_symbol(locale)
    # Spaces between digit groups are group separators whatever their kind: the locale's own where it
    # groups with a space (French), else none (English and German group with a comma or a dot).
    if _TABLES[lang].get("comma_space_decimal"):
        token = re.sub(r"(?<=\d),\s(?=\d{1,3}$)", ",", token)  # "194, 635": 194,635
    normalised = _SPACES.sub(group if _SPACES.fullmatch(group) else "", token)
    dot_groups = _TABLES[lang].get("dot_groups_locales")
    if dot_groups and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", normalised):  # "48.503 millions" in Moroccan French
        return parse_decimal(normalised, locale=dot_groups[0], strict=True), None
    try:
        return parse_decimal(normalised, locale=locale, strict=True), None
    except NumberFormatError:
        pass
    alternates = list(_TABLES[lang].get("alternate_locales", []))  # Indian grouping in English: 1,09,913
    if "." in normalised and "," in normalised:  # "1.503,7 ME" in French: both marks, so no doubt which is which
        alternates += _TABLES[lang].get("both_marks_locales", [])
    for alternate in alternates:
        try:
            return parse_decimal(normalised, locale=alternate, strict=True), None
        except NumberFormatError:
            pass
    # The other convention: a lone separator followed by one or two digits is a decimal mark.
    other = {"fr": "en_US", "de": "en_US", "en": "fr_FR"}[lang]
    mark = "point" if other == "en_US" else "comma"
    try:
        value = parse_decimal(normalised, locale=other, strict=True)
    except NumberFormatError:
        raise NumberError(token) from None
    return value, f"read with a decimal {mark}, unusual in {lang}: review"


def slug(text: str) -> str:
    """An ASCII identifier from a name.

    >>> slug("Bolloré Group"), slug("AT&T Inc.")
    ('bollore_group', 'at_t_inc')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "company"


def date_from_match(match: re.Match[str], lang: str) -> dt.date | None:
    """The date a `Grammar.dates` match states, or None when it is no real date.

    >>> g = grammar("fr")
    >>> date_from_match(g.dates.search("PARIS, 3 juillet 2018 (Xinhua)"), "fr")
    datetime.date(2018, 7, 3)
    >>> date_from_match(grammar("de").dates.search("Stand: 03.07.2018"), "de")
    datetime.date(2018, 7, 3)
    """
    parts = match.groupdict()
    months = grammar(lang).months
    try:
        if parts.get("iso_year"):
            return dt.date(int(parts["iso_year"]), int(parts["iso_month"]), int(parts["iso_day"]))
        if parts.get("num_year"):
            day, month = int(parts["num_day"]), int(parts["num_month"])
            if lang == "en" and day <= 12 and month <= 12 and day != month:
                return None  # 07/03/2018: March or July? Not decidable in English.
            if lang == "en" and month > 12:
                day, month = month, day
            return dt.date(int(parts["num_year"]), month, day)
        name = (parts.get("month") or parts.get("month2") or "").lower().rstrip(".")
        day_text = parts.get("day") or parts.get("day2") or "1"
        year = parts.get("year") or parts.get("year2")
        return dt.date(int(year), months[name], 1 if day_text == "1er" else int(day_text))
    except (KeyError, ValueError, TypeError):
        return None
