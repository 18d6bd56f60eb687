"""Each language's words for revenue claims (French, English, German): tables, and the patterns compiled from them.

`figures.extract` reads an article with these; nothing here knows about companies or files. Each
language is a `Grammar`: its scale words, currency words, the words of revenue and of what is not
revenue, of rises and falls, of periods and dates, compiled once into regular expressions. Numbers
are read by the language's own rules through Babel (`parse_number`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel.dates import get_day_names, get_month_names
from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

LANGUAGES = ("fr", "en", "de")
LOCALES = {"fr": "fr_FR", "en": "en_US", "de": "de_DE"}

NUMBER = r"(?:\d{1,3}(?:[ \u00a0\u202f\u2009.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
"""A number as printed: digits with group separators (space, no-break, narrow no-break, thin, dot, comma)
and a decimal part. Which separator is which is the language's business (`parse_number`)."""
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")

# Symbols and codes that stand before (or after) an amount, in every language.
SYMBOLS = {
    "US$": "USD",
    "U.S.$": "USD",
    "US $": "USD",
    "HK$": "HKD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "NT$": "TWD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "￥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "RMB": "CNY",
    "Rmb": "CNY",
}
CODES = """
    USD EUR GBP JPY CNY CHF HKD CAD AUD NZD SGD SEK NOK DKK INR KRW BRL RUB TWD MXN ZAR TRY PLN CZK HUF THB
    IDR MYR PHP ILS SAR AED
""".split()  # noqa: SIM905

EN_NOT_NAMES = """
    the a an and or of to in on at by for from with as its their his her our this that these those it he she
    they we said says according however meanwhile also but while whereas although revenue revenues sales
    turnover profit profits income earnings net total group shares analysts investors monday tuesday wednesday
    thursday friday saturday sunday chinese french german american european british japanese swiss us u.s. uk
    eu china france germany europe asia america japan switzerland beijing paris london berlin frankfurt
    shanghai hangzhou nyse nasdaq xinhua reuters afp ap bloomberg dpa agence mr mrs ms dr ceo chairman
    president fiscal quarter half year q1 q2 q3 q4 h1 h2 fy first second third fourth after before since last
    next
""".split()  # noqa: SIM905
FR_NOT_NAMES = """
    le la les l un une des du de d et ou au aux en dans sur par pour avec sans son sa ses leur leurs ce cet
    cette ces il elle ils elles selon cependant toutefois mais alors que qui dont où aussi groupe chiffre
    ventes recettes bénéfice bénéfices résultat lundi mardi mercredi jeudi vendredi samedi dimanche chinois
    chinoise français française allemand allemande américain américaine européen européenne chine allemagne
    etats-unis états-unis europe asie pékin londres m mme pdg président exercice trimestre semestre année an
""".split()  # noqa: SIM905
DE_NOT_NAMES = """
    der die das den dem des ein eine einer eines einem und oder im in am an auf aus bei mit von vom zu zum zur
    für um über nach laut sein seine seiner ihr ihre ihrer dieser diese dieses es er sie wir jedoch aber
    während konzern konzerns unternehmen unternehmens umsatz umsätze gewinn prozent milliarde milliarden
    million millionen mio mrd euro dollar yuan franken pfund yen jahr jahres geschäftsjahr geschäftsjahres
    quartal halbjahr vorjahr montag dienstag mittwoch donnerstag freitag samstag sonntag deutschland china
    frankreich europa mitteilung angaben nutzer kunden markt anteil aktie aktien ergebnis anstieg rückgang
    wachstum zuwachs plus minus chef vorstand
""".split()  # noqa: SIM905
COMPANY_SUFFIXES = frozenset(
    """
    group groupe gruppe holding holdings inc inc. corp corp. corporation co co. ltd ltd. limited plc sa s.a.
    ag se nv n.v. gmbh llc spa s.p.a. konzern
""".split()  # noqa: SIM905
)
"""Words that end (or with Group/Groupe, start) a company's name but do not name it alone."""


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
    scales: dict[str, tuple[str, Decimal]]
    currencies: dict[str, str]
    amount: re.Pattern[str]
    scaled: re.Pattern[str]  # a number with a scale word, with or without a known currency
    percent: re.Pattern[str]
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
    periods: tuple[tuple[str, re.Pattern[str]], ...]
    year_excluded_before: re.Pattern[str]
    dates: re.Pattern[str]
    months: dict[str, int]


def _alternation(words, *, ignore_case: bool = True) -> str:
    """A regex alternation of literal words, longest first, so that 'milliards' wins over 'milliard'."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


_STOPWORDS = {
    "en": """
        the and of to in is was its that for on with said from by at as it has have are were this
        which
    """.split(),  # noqa: SIM905
    "fr": """
        le la les des du et en un une est au aux pour que qui dans sur par avec son sa ses a été ont
        ce cette
    """.split(),  # noqa: SIM905
    "de": """
        der die das und ist im den dem des ein eine mit von zu auf für sich nicht um auch wurde hat
        sind
    """.split(),  # noqa: SIM905
}

_SCALES = {
    "en": {
        "thousand": ("thousand", 1),
        "thousands": ("thousand", 1),
        "million": ("million", 1),
        "millions": ("million", 1),
        "mn": ("million", 1),
        "mln": ("million", 1),
        "m": ("million", 1),
        "billion": ("billion", 1),
        "billions": ("billion", 1),
        "bn": ("billion", 1),
        "bln": ("billion", 1),
        "b": ("billion", 1),
        "trillion": ("trillion", 1),
        "trillions": ("trillion", 1),
        "tn": ("trillion", 1),
        "trn": ("trillion", 1),
    },
    "fr": {
        "mille": ("thousand", 1),
        "k": ("thousand", 1),
        "million": ("million", 1),
        "millions": ("million", 1),
        "m": ("million", 1),
        "milliard": ("billion", 1),
        "milliards": ("billion", 1),
        "md": ("billion", 1),
        "mds": ("billion", 1),
        "mrd": ("billion", 1),
        "mrds": ("billion", 1),
        "bn": ("billion", 1),
        "billion": ("trillion", 1),  # a French billion is a million millions
        "billions": ("trillion", 1),
    },
    "de": {
        "tausend": ("thousand", 1),
        "tsd": ("thousand", 1),
        "million": ("million", 1),
        "millionen": ("million", 1),
        "mio": ("million", 1),
        "milliarde": ("billion", 1),
        "milliarden": ("billion", 1),
        "mrd": ("billion", 1),
        "bn": ("billion", 1),
        "billion": ("trillion", 1),  # a German Billion is a million millions
        "billionen": ("trillion", 1),
    },
}
# Abbreviations matched with their case (an 'M' or 'Md' is a scale; 'md' in running text is not).
_CASED_SCALES = {
    "en": ["mn", "mln", "m", "M", "bn", "Bn", "BN", "bln", "b", "B", "tn", "trn"],
    "fr": ["k", "K", "M", "Md", "Mds", "Mrd", "Mrds", "bn"],
    "de": ["Tsd.", "Tsd", "Mio.", "Mio", "Mrd.", "Mrd", "bn"],
}

_CURRENCY_WORDS = {
    "en": {
        "us dollars": "USD",
        "u.s. dollars": "USD",
        "american dollars": "USD",
        "dollars": "USD",
        "dollar": "USD",
        "hong kong dollars": "HKD",
        "canadian dollars": "CAD",
        "australian dollars": "AUD",
        "singapore dollars": "SGD",
        "euros": "EUR",
        "euro": "EUR",
        "pounds sterling": "GBP",
        "pounds": "GBP",
        "sterling": "GBP",
        "yuan": "CNY",
        "renminbi": "CNY",
        "yen": "JPY",
        "swiss francs": "CHF",
        "rupees": "INR",
        "roubles": "RUB",
        "rubles": "RUB",
    },
    "fr": {
        "dollars américains": "USD",
        "dollars us": "USD",
        "dollars": "USD",
        "dollar": "USD",
        "dollars de hong kong": "HKD",
        "dollars hongkongais": "HKD",
        "dollars canadiens": "CAD",
        "dollars australiens": "AUD",
        "euros": "EUR",
        "euro": "EUR",
        "livres sterling": "GBP",
        "livres": "GBP",
        "yuans": "CNY",
        "yuan": "CNY",
        "renminbis": "CNY",
        "renminbi": "CNY",
        "yens": "JPY",
        "yen": "JPY",
        "francs suisses": "CHF",
        "roupies": "INR",
        "roubles": "RUB",
    },
    "de": {
        "us-dollar": "USD",
        "dollar": "USD",
        "euro": "EUR",
        "pfund sterling": "GBP",
        "britische pfund": "GBP",
        "pfund": "GBP",
        "yuan": "CNY",
        "renminbi": "CNY",
        "yen": "JPY",
        "schweizer franken": "CHF",
        "franken": "CHF",
        "hongkong-dollar": "HKD",
        "kanadische dollar": "CAD",
        "rupien": "INR",
        "rubel": "RUB",
    },
}

_REVENUE = {
    "en": r"\b(?:revenues?|sales|turnover|top[- ]line)\b",
    "fr": r"\b(?:chiffres?\s+d['’]\s?affaires|(?-i:CA)|ventes|recettes|revenus?)\b",
    "de": r"\b(?:\w*umsatz\w*|\w*umsätze\w*|\w*erlöse?\w*)\b",
}
_EXCLUDED = {
    "en": r"""\b(?:net\s+(?:profit|income|earnings|loss)|profits?|income|earnings|ebitda|ebit|operating\s+(?:profit|
        income|margin)|margins?|loss(?:es)?|gmv|gross\s+merchandise\s+(?:volume|value)|users?|customers?|subscribers?|
        buyers?|market(?:s|\s+share|\s+value|\s+capitali[sz]ation)?|economy|economic\s+growth|gdp|gross\s+domestic\s+
        product|inflation|exports?|imports?|invest(?:s|ed|ing|ment|ments)?|acquisitions?|acquired?|deal|worth|
        valu(?:ed|ation)|funding|raised?|dividends?|debts?|cash|spending|budget|orders?|backlog|bookings?|shares?|stock|
        prices?|industry|sector|assets|costs?|expenses|salar(?:y|ies)|wages?|employees|staff|jobs|fines?)\b""",
    "fr": r"""\b(?:bénéfices?(?:\s+nets?)?|résultats?\s+(?:nets?|opérationnels?|d['’]exploitation)|pertes?|marges?|
        ebitda|ebit|excédent\s+brut\s+d['’]exploitation|volume\s+d['’]affaires|volume\s+brut\w*|gmv|utilisateurs?|
        clients?|abonnés?|acheteurs?|marchés?|part\s+de\s+marché|économies?|pib|produit\s+intérieur\s+brut|inflation|
        exportations?|importations?|invest\w*|acquisitions?|rachats?|valorisations?|capitalisations?|dividendes?|
        dettes?|trésorerie|commandes?|prix|secteurs?|industries?|actifs?|coûts?|dépenses?|salaires?|employés|salariés|
        emplois|amendes?|montant|revenus?\s+nets?)\b""",
    "de": r"""\b(?:\w*gewinn\w*|überschuss\w*|\w*ergebnis\w*|verlust\w*|\w*marge\w*|ebitda|ebit|gmv|
        \w*handelsvolumen|\w*nutzer\w*|kunden\w*|abonnenten|\w*markt\w*|\w*wirtschaft\w*|bip|bruttoinlandsprodukt\w*|
        inflation|export\w*|import\w*|investition\w*|investier\w*|übernahme\w*|kaufpreis\w*|bewertung|\w*wert|
        dividende\w*|schulden|auftr\w*|branche\w*|kosten|ausgaben|aktie\w*|mitarbeiter\w*|beschäftigte\w*|\w*rendite)\b""",
}
_UP = {
    "en": r"""\b(?:rose|rise[sn]?|rising|grew|grow(?:s|n|ing)?|growth|increased?|increases|increasing|up|climb(?:ed|s|
        ing)?|jump(?:ed|s|ing)?|soar(?:ed|s|ing)?|surg(?:ed|es|ing|e)|advanc(?:ed|es|ing)|gain(?:ed|s)?|higher|
        expand(?:ed|s)?|boost(?:ed)?|rebound(?:ed)?|le(?:a|ap)t|leap(?:ed|s)?)\b""",
    "fr": r"""(?:\bhausses?\b|\bprogress\w*|\bcroissance\b|\bcr[uû]t?\b|\bcroît\b|\baugment\w*|\bbondi[rt]?\b|
        \bbond\b|\bgrimp\w*|\benvol\w*|\bgagn\w*|\baccru\w*|\baccroissement\b)""",
    "de": r"""(?:\bstieg\w*|\bsteig\w*|\bgestiegen\b|\w*anstieg\b|\w*plus\b|\bwuchs\b|\bwächst\b|\bgewachsen\b|
        \w*wachstum\b|\w*zuwachs\b|\bzugelegt\b|\blegte\b|\bzulegen\b|\berhöh\w*|\bklettert\w*|\bgeklettert\b|
        \bhöher\b|\w*steigerung\b|\bgesteigert\b|\bsteigerte\b)""",
}
_DOWN = {
    "en": r"""\b(?:fell|fall(?:s|en|ing)?|dropp?(?:ed|s|ing)?|declin(?:ed|es|ing|e)|decreas(?:ed|es|ing|e)|down|
        slid(?:e|es)?|slipp?(?:ed|s)?|plung(?:ed|es|e)|plummet(?:ed|s)?|shr[ai]nk|shrunk|shrinks|contract(?:ed|ion|s)?|
        lower|tumbl(?:ed|es|e)|sank|sinks?|slump(?:ed|s)?|lost|retreat(?:ed|s)?)\b""",
    "fr": r"""(?:\bbaisses?\b|\bbaiss\w*|\brecul\w*|\bchut\w*|\bdiminu\w*|\brepli\w*|\bcontract\w*|\bperd\w*|
        \bfléchi\w*|\breflu\w*|\bdégringol\w*)""",
    "de": r"""(?:\bsank\b|\bsinkt\b|\bgesunken\b|\bfiel\b|\bfällt\b|\bgefallen\b|\w*rückgang\b|\w*minus\b|
        \bzurück\w*|\brückläufig\w*|\bverringer\w*|\bschrumpf\w*|\bgeschrumpft\b|\bniedriger\b|\bverlor\w*|
        \w*einbruch\b|\bbrach\b|\beingebrochen\b|\bgesenkt\b)""",
}
_APPROXIMATE = {
    "en": r"""(?:about|around|approximately|roughly|some|nearly|almost|close\s+to|just\s+(?:over|under)|more\s+than|
        less\s+than|over|under|upwards\s+of|an\s+estimated|circa|c\.|~)""",
    "fr": r"""(?:environ|près\s+de|quelque|quelques|autour\s+de|approximativement|presque|quasiment|(?:un\s+peu\s+)?plus
        \s+de|(?:un\s+peu\s+)?moins\s+de|pas\s+loin\s+de|de\s+l['’]ordre\s+de|aux\s+alentours\s+de|~)""",
    "de": r"""(?:rund|etwa|ca\.|circa|knapp|fast|gut|mehr\s+als|weniger\s+als|nahezu|annähernd|über|unter|rd\.|~)""",
}
_FORECAST = {
    "en": r"""\b(?:expects?|expected|expecting|forecasts?|projects?|projected|targets?|targeting|outlook|guidance|
        aims?\s+(?:for|to)|predicts?|will\s+(?:reach|rise|grow|exceed|top)|could\s+reach|plans?\s+to)\b""",
    "fr": r"""\b(?:prévoit|prévoient|prévisions?|prévu|objectifs?|vise|visent|table\s+sur|tablent\s+sur|attend|
        attendent|devrait|devraient|pourrait|pourraient|anticipe|anticipent)\b""",
    "de": r"""\b(?:erwartet|erwarten|Prognose\w*|prognostiziert|Ziel\w*|rechnet|rechnen|plant|planen|soll|sollen|
        dürfte|dürften|könnte|könnten|anvisiert)\b""",
}
_PREVIOUS_BEFORE = {
    "en": r"\b(?:from|than|against|versus|vs\.?|compared\s+(?:with|to))\s+",
    "fr": r"\b(?:contre|par\s+rapport\s+à|après|au\s+lieu\s+de|comparé\s+à|(?:est\s+)?pass(?:é|ant)\s+de)\s+",
    "de": r"\b(?:gegenüber|nach|im\s+Vergleich\s+zu|verglichen\s+mit)\s+",
}
_PREVIOUS_AFTER = (
    r"^[\s,]*(?:a\s+year\s+(?:earlier|ago|before)|in\s+the\s+(?:previous|prior)\s+(?:year|period)|the\s+(?:previous|"
    r"prior)\s+year|year[- ]earlier|un\s+an\s+(?:plus\s+tôt|auparavant)|l['’]année\s+précédente|l['’]exercice\s+"
    r"précédent|ein\s+Jahr\s+(?:zuvor|davor|früher)|im\s+Vorjahr\w*|des\s+Vorjahres\w*)"
)
_TRANSLATION_WORDS = (
    r"or|soit|i\.e\.|d\.\s?h\.|umgerechnet|equivalent\s+to|l['’]équivalent\s+de|about|around|some|roughly|"
    r"approximately|environ|près\s+de|rund|etwa|ca\."
)
_CLAUSE_BREAK = {
    "en": r";|\b(?:while|whereas|whilst|but|although|meanwhile)\b",
    "fr": r";|\b(?:tandis\s+que|alors\s+que|mais|bien\s+que|cependant|toutefois)\b",
    "de": r";|\b(?:während|aber|jedoch|wohingegen|doch)\b",
}
_AFTER_KEYWORD_NAME = {
    "en": r"^\s+(?:of|at|for|by)\s+(?:[a-z][\w-]*\s+){0,3}$",
    "fr": r"^\s*(?:de\s+l['’]|de\s+la\s+|de\s+|d['’]\s?|du\s+|des\s+)(?:[a-zà-öø-ÿ][\w'’-]*\s+){0,3}$",
    "de": r"^\s+(?:von|vom|der|des|bei)\s+(?:[a-zäöüß][\w-]*\s+){0,3}$",
}
_SEGMENT_AFTER = {
    "en": r"""^\s+(?:from|at|of|in)\s+(?:its|the|their)\s+(?P<segment>(?:[\w-]+\s+){0,3}?(?:division|unit|segment|
        business|arm|subsidiary|operations))\b|^\s+from\s+(?:its\s+)?(?P<activity>(?!a\b|an\b|the\b|last\b|
        previous\b|prior\b|continuing\b)[a-z][\w-]+(?:\s+[a-z][\w-]+)?)\s+(?:rose|grew|increased|fell|declined|
        jumped|reached|was|were|came|totall?ed|amounted|climbed|dropped)\b""",
    "fr": r"""^\s+(?:de|du|des|de\s+la|de\s+l['’])\s*(?:sa\s+|son\s+|ses\s+|la\s+|le\s+|l['’]\s?|les\s+)?
        (?P<segment>(?:division|filiale|pôle|branche|activité|activités|secteur|métier|unité|segment)s?
        (?:\s+[\w'’-]+){0,2})""",
    "de": r"""^\s+(?:der|des|im|in\s+der|aus\s+der|aus\s+dem)\s+(?P<segment>(?:\w*sparte|tochter\w*|division|
        \w*bereich\w*|segment\w*|\w*geschäft\w*)(?:\s+[\w-]+)?)""",
}
_GROUP_QUALIFIERS = {
    "en": """
        total annual yearly quarterly overall group consolidated net gross full-year half-year
        first-half second-half first-quarter second-quarter third-quarter fourth-quarter record
        reported organic comparable underlying headline global worldwide company firm higher lower
        strong solid weak rising falling whose combined
    """.split(),  # noqa: SIM905
    "fr": [],
    "de": ["konzern", "jahres", "gesamt", "quartals", "halbjahres", "netto", "brutto", ""],
}
_YEAR_EXCLUDED_BEFORE = {
    "en": r"(?:\b(?:over|than|from|since|compared\s+(?:with|to)|versus|vs\.?|against|until|by)\s+(?:the\s+)?$)",
    "fr": r"(?:\b(?:par\s+rapport\s+à|sur|depuis|contre|comparé\s+à|jusqu['’]en|d['’]ici)\s+(?:l['’]an(?:née)?\s+)?$)",
    "de": r"(?:\b(?:gegenüber|seit|vom|bis|verglichen\s+mit)\s+(?:dem\s+)?(?:Jahr\s+)?$)",
}
_ORDINALS = {
    "en": {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4},
    "fr": {
        "premier": 1,
        "1er": 1,
        "deuxième": 2,
        "2e": 2,
        "second": 2,
        "troisième": 3,
        "3e": 3,
        "quatrième": 4,
        "4e": 4,
    },
    "de": {"ersten": 1, "1.": 1, "zweiten": 2, "2.": 2, "dritten": 3, "3.": 3, "vierten": 4, "4.": 4},
}


def ordinal(lang: str, word: str) -> int:
    """The number an ordinal word stands for in `lang`.

    >>> ordinal("fr", "Deuxième"), ordinal("de", "3."), ordinal("en", "final")
    (2, 3, 4)
    """
    return _ORDINALS[lang][word.lower()]


def _period_patterns(lang: str, month: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    order = _alternation(_ORDINALS[lang])
    year = r"(?P<year>(?:19|20)\d{2})"
    year_end = r"(?:\s?[/-]\s?(?P<year_end>(?:19|20)?\d{2}))?"
    short_year = r"(?P<year>(?:19|20)\d{2}|'?\d{2})"
    patterns = {
        "en": [
            (
                "half_ended",
                rf"\b(?:half|half-year|six\s+months|6\s+months)\s+(?:ended|ending|to|through)\s+"
                rf"(?:(?:the\s+)?(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+)?(?P<month>{month})"
                rf"(?:\s+(?P<day>\d{{1,2}})(?!\d))?(?:,?\s+{year})?",
            ),
            (
                "year_ended",
                rf"\b(?:(?:fiscal|financial)\s+)?(?:year|twelve\s+months|12\s+months)\s+(?:ended|ending|to|through)\s+"
                rf"(?:(?:the\s+)?(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+)?"  # 30 September, the 30th of
                rf"(?P<month>{month})(?:\s+(?P<day>\d{{1,2}})(?!\d))?(?:,?\s+{year})?",
            ),
            (
                "quarter_ended",
                rf"\b(?:quarter|three\s+months|period)\s+(?:ended|ending|to|through)\s+"
                rf"(?:(?:the\s+)?(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+)?(?P<month>{month})"
                rf"(?:\s+(?P<day>\d{{1,2}})(?!\d))?(?:,?\s+{year})?",
            ),
            (
                "quarter",
                rf"\b(?:the\s+)?(?P<order>{order})[- ]quarter(?:\s+(?:of|in))?(?:\s+(?:the\s+)?(?P<fiscal>fiscal"
                rf"(?:\s+year)?|financial\s+year))?(?:\s+{year})?",
            ),
            ("quarter", rf"\bQ(?P<number>[1-4])(?:\s?(?P<fiscal>FY)?\s?(?:{year}|'?(?P<yy>\d{{2}})\b))?"),
            (
                "half",
                rf"\b(?:the\s+)?(?P<order>first|second|1st|2nd)[- ]half(?:\s+of)?(?:\s+(?:the\s+)?(?P<fiscal>fiscal"
                rf"(?:\s+year)?))?(?:\s+{year})?",
            ),
            ("half", rf"\bH(?P<number>[12])(?:\s?{year})?\b"),
            ("fiscal", rf"\b(?:fiscal(?:\s+year)?|financial\s+year|FY)\s?{short_year}{year_end}\b"),
            ("fiscal", rf"\b{year}{year_end}\s+(?:fiscal|financial)\s+year\b"),
            ("last_year", r"\blast\s+year\b"),
            ("year", rf"\b{year}\b"),
        ],
        "fr": [
            (
                "year_ended",
                rf"\bexercice(?:\s+fiscal)?\s+(?:clos|achevé|terminé|arrêté)\s+(?:le\s+|fin\s+|au\s+)?"
                rf"(?:(?P<day>\d{{1,2}})\s+)?(?P<month>{month})(?:\s+{year})?",
            ),
            (
                "quarter_ended",
                rf"\btrimestre\s+(?:clos|achevé|terminé|arrêté)\s+(?:le\s+|fin\s+|au\s+)?(?:(?P<day>\d{{1,2}})\s+)?"
                rf"(?P<month>{month})(?:\s+{year})?",
            ),
            (
                "quarter",
                rf"\b(?P<order>{order})\s+trimestre(?:\s+(?P<fiscal>de\s+l['’]exercice|fiscal))?"
                rf"(?:\s+(?:de\s+|d['’])?{year})?",
            ),
            ("quarter", rf"\b[TQ](?P<number>[1-4])(?:\s?{year})?\b"),
            (
                "half",
                rf"\b(?P<order>premier|1er|second|deuxième|2e)\s+semestre(?:\s+(?P<fiscal>de\s+l['’]exercice))?"
                rf"(?:\s+(?:de\s+|d['’])?{year})?",
            ),
            ("half", rf"\b[SH](?P<number>[12])(?:\s?{year})?\b"),
            ("fiscal", rf"\b(?:exercice(?:\s+fiscal)?|année\s+fiscale)\s+{year}{year_end}\b"),
            ("last_year", r"\bl['’]an(?:née)?\s+(?:dernier|dernière|passé|passée)\b"),
            ("year", rf"\b{year}\b"),
        ],
        "de": [
            (
                "year_ended",
                rf"\bGeschäftsjahr(?:es)?\s+(?:bis\s+(?:zum\s+|Ende\s+)?|zum\s+)(?:(?P<day>\d{{1,2}})\.\s*)?"
                rf"(?P<month>{month})(?:\s+{year})?",
            ),
            (
                "quarter_ended",
                rf"\b(?:Quartal|drei\s+Monaten?)\s+(?:bis\s+(?:zum\s+|Ende\s+)?|zum\s+)(?:(?P<day>\d{{1,2}})\.\s*)?"
                rf"(?P<month>{month})(?:\s+{year})?",
            ),
            (
                "quarter",
                rf"(?<!\w)(?P<order>{order})\s+Quartal(?:\s+(?P<fiscal>des\s+Geschäftsjahres))?(?:\s+{year})?",
            ),
            ("quarter", rf"\bQ(?P<number>[1-4])(?:\s?{year})?\b"),
            (
                "half",
                rf"(?<!\w)(?P<order>ersten|zweiten|1\.|2\.)\s+Halbjahr(?:es)?(?:\s+(?P<fiscal>des\s+"
                rf"Geschäftsjahres))?(?:\s+{year})?",
            ),
            ("half", rf"\bH(?P<number>[12])(?:\s?{year})?\b"),
            ("fiscal", rf"\bGeschäftsjahr(?:es)?\s+{year}{year_end}\b"),
            (
                "last_year",
                r"\b(?:vergangenen|letzten|abgelaufenen)\s+(?:Geschäfts)?[Jj]ahr(?:es)?\b|\bim\s+Vorjahr\b",
            ),
            ("year", rf"\b{year}\b"),
        ],
    }[lang]
    return tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in patterns)


def _months(lang: str) -> dict[str, int]:
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale=LOCALES[lang]).items():
            names[name.lower()] = number
            names[name.lower().rstrip(".")] = number
    if lang == "en":
        names["sept"] = 9
    return names


def _dates_pattern(lang: str, month: str) -> re.Pattern[str]:
    day = r"(?P<day>\d{1,2})"
    year = r"(?P<year>(?:19|20)\d{2})"
    textual = {
        "en": [
            rf"(?P<month>{month})\.?\s+{day}(?:st|nd|rd|th)?,?\s+{year}",
            rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{month})\.?,?\s+(?P<year2>(?:19|20)\d{{2}})",
        ],
        "fr": [rf"(?P<day2>\d{{1,2}}|1er)\s+(?P<month2>{month})\s+(?P<year2>(?:19|20)\d{{2}})"],
        "de": [rf"(?P<day2>\d{{1,2}})\.\s*(?P<month2>{month})\s+(?P<year2>(?:19|20)\d{{2}})"],
    }[lang]
    numeric = [
        r"(?P<iso_year>(?:19|20)\d{2})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2})",
        r"(?P<num_day>\d{1,2})[./](?P<num_month>\d{1,2})[./](?P<num_year>(?:19|20)\d{2})",
    ]
    return re.compile(r"(?<![\w.])(?:" + "|".join(textual + numeric) + r")(?![\w])", re.IGNORECASE)


def _names_stoplist(lang: str) -> frozenset[str]:
    words = set(EN_NOT_NAMES) | set(FR_NOT_NAMES) | set(DE_NOT_NAMES)
    for code in LANGUAGES:
        words |= set(_STOPWORDS[code])
        words |= {name.lower().rstrip(".") for name in get_month_names("wide", locale=LOCALES[code]).values()}
        words |= {name.lower() for name in get_day_names("wide", locale=LOCALES[code]).values()}
        words |= {word for phrase in _CURRENCY_WORDS[code] for word in phrase.split()}
        words |= set(_SCALES[code])
    words |= {code.lower() for code in CODES} | {"rmb", "md", "mds", "mrd", "mio"}
    return frozenset(words)


@cache
def grammar(lang: str) -> Grammar:
    """The compiled grammar of `lang` (fr, en or de).

    >>> grammar("fr").scales["milliards"], grammar("de").currencies["schweizer franken"]
    (('billion', Decimal('1')), 'CHF')
    """
    scales = {word: (unit, Decimal(multiplier)) for word, (unit, multiplier) in _SCALES[lang].items()}
    cased = [word for word in _CASED_SCALES[lang]]
    words = [word for word in _SCALES[lang] if len(word) > 3]
    scale_words = rf"{_alternation(words)}|{_alternation(cased, ignore_case=False)}"
    currencies = dict(_CURRENCY_WORDS[lang])
    prefix = _alternation([*SYMBOLS, *CODES], ignore_case=False)
    suffix = rf"(?:{_alternation(currencies)}|{_alternation([*SYMBOLS, *CODES], ignore_case=False)})"
    connect = r"(?:\s+(?:de\s+|d['’]\s?)|\s*)" if lang == "fr" else r"\s*"
    amount = (
        rf"(?:(?<![\w$])(?P<currency_before>{prefix})\s?(?P<number>{NUMBER})(?![\d])"
        rf"(?:\s*(?P<scale>{scale_words})(?![\w]))?)"
        rf"|(?:(?<![\w.,])(?P<number2>{NUMBER})(?![\d])(?:\s*(?P<scale2>{scale_words})(?![\w]))?{connect}"
        rf"(?P<currency_after>{suffix})(?![\w]))"
    )
    percent_words = {"en": ["per cent", "percent", "pct"], "fr": ["pour cent", "pour-cent"], "de": ["Prozent"]}[lang]
    percent = (
        rf"(?<![\w.,+\-−])(?:(?P<sign>[+\-−])\s?)?(?P<number>{NUMBER})(?![\d])\s?"
        rf"(?P<unit>%|{_alternation(percent_words)})(?![\w])"
    )
    month = _alternation(sorted(_months(lang), key=len, reverse=True))
    flags = re.IGNORECASE | re.VERBOSE
    return Grammar(
        code=lang,
        locale=LOCALES[lang],
        stopwords=frozenset(_STOPWORDS[lang]),
        not_names=_names_stoplist(lang),
        scales=scales,
        currencies={word.lower(): code for word, code in currencies.items()},
        amount=re.compile(amount),
        # Scale words only ("million", "milliards"): a bare "M" after a number is as often "M&A" or "M. Dupont".
        scaled=re.compile(
            rf"(?<![\w.,])(?P<number>{NUMBER})(?![\d])\s*(?P<scale>{_alternation(words)})(?![\w])", re.IGNORECASE
        ),
        percent=re.compile(percent),
        revenue=re.compile(_REVENUE[lang], re.IGNORECASE),
        excluded=re.compile(_EXCLUDED[lang], flags),
        up=re.compile(_UP[lang], flags),
        down=re.compile(_DOWN[lang], flags),
        approximate=re.compile(rf"(?<!\w){_APPROXIMATE[lang]}\s*(?:de\s+|d['’]\s?)?$", flags),
        forecast=re.compile(_FORECAST[lang], flags),
        previous_before=re.compile(rf"(?:{_PREVIOUS_BEFORE[lang]})(?:{_APPROXIMATE[lang]}\s+)?$", flags),
        previous_after=re.compile(_PREVIOUS_AFTER, re.IGNORECASE),
        translation_gap=re.compile(
            rf"^\s*(?:(?P<bracket>[(\[])\s*|,?\s*(?P<word>{_TRANSLATION_WORDS})\b\s*)(?:(?:{_TRANSLATION_WORDS})\b\s*)*$",
            re.IGNORECASE,
        ),
        clause_break=re.compile(_CLAUSE_BREAK[lang], re.IGNORECASE),
        after_keyword_name=re.compile(_AFTER_KEYWORD_NAME[lang]),
        segment_after=re.compile(_SEGMENT_AFTER[lang], flags),
        group_qualifiers=frozenset(_GROUP_QUALIFIERS[lang]),
        periods=_period_patterns(lang, month),
        year_excluded_before=re.compile(_YEAR_EXCLUDED_BEFORE[lang], re.IGNORECASE),
        dates=_dates_pattern(lang, month),
        months=_months(lang),
    )


def detect_language(text: str) -> str:
    """The language of `text` among fr, en and de, by its commonest little words (English on a tie).

    >>> detect_language("Le chiffre d'affaires du groupe a progressé de 5 % en 2017.")
    'fr'
    >>> detect_language("Der Umsatz stieg um 5 Prozent auf 20 Milliarden Euro.")
    'de'
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    scores = {lang: sum(word in _STOPWORDS[lang] for word in words) for lang in LANGUAGES}
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
    >>> parse_number("1.234,5", "de"), parse_number("250.3", "de")
    ((Decimal('1234.5'), None), (Decimal('250.3'), 'read with a decimal point, unusual in de: review'))
    """
    locale = LOCALES[lang]
    group = get_group_symbol(locale)
    # Spaces between digit groups are group separators whatever their kind: the locale's own where it
    # groups with a space (French), else none (English and German group with a comma or a dot).
    normalised = _SPACES.sub(group if _SPACES.fullmatch(group) else "", token)
    try:
        return parse_decimal(normalised, locale=locale, strict=True), None
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
