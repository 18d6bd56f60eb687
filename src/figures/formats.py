"""Formats and words: numbers, rates, periods, markdown escapes and the names of methods, bases and sources, in
the reader's locale. Every layer may use them (the rules, the charts, the tables, the page); they use none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from figures import i18n
from figures.i18n import N_, tr
from figures.periods import Period
from figures.rates import RateSource
from figures.table import ComparisonTable, RatesUsed

BASIS_LABELS = {"reported": N_("the companies' reported figures")}
"""What a basis's figures are called; the claims' name depends on their source (`claims_words`)."""


@dataclass(frozen=True)
class ClaimsWords:
    """What the report calls the claims, by the kind of source they come from (the English text, a msgid each).

    >>> CLAIMS_WORDS["press_release", 1].column, THE_CLAIMS.label
    ('Press release', 'the claims')
    """

    label: str
    """In chart titles and alternative text: "the article's figures"."""
    heading: str
    """Above a table of the claims: "**On the article's figures**"."""
    column: str
    """The claim's value beside the reported one: "Article"."""
    bases: str
    """The method's sentence on the two bases."""


THE_CLAIMS = ClaimsWords(  # whatever the source: "the claims"
    N_("the claims"),
    N_("**On the claims**"),
    N_("Claimed"),
    N_("Two bases: the companies' reported figures (recommended) and the claims."),
)
CLAIMS_WORDS = {
    ("article", 1): ClaimsWords(
        N_("the article's figures"),
        N_("**On the article's figures**"),
        N_("Article"),
        N_("Two bases: the companies' reported figures (recommended) and the article's."),
    ),
    ("article", 2): ClaimsWords(
        N_("the articles' figures"),
        N_("**On the articles' figures**"),
        N_("Article"),
        N_("Two bases: the companies' reported figures (recommended) and the articles'."),
    ),
    ("press_release", 1): ClaimsWords(
        N_("the press release's figures"),
        N_("**On the press release's figures**"),
        N_("Press release"),
        N_("Two bases: the companies' reported figures (recommended) and the press release's."),
    ),
    ("press_release", 2): ClaimsWords(
        N_("the press releases' figures"),
        N_("**On the press releases' figures**"),
        N_("Press release"),
        N_("Two bases: the companies' reported figures (recommended) and the press releases'."),
    ),
}
"""The claims' words by their kind of source (`figures.provenance.SOURCE_KINDS`) and how many sources (1, or 2
for several); any other kind is "the claims"."""


def claims_words(table: ComparisonTable) -> ClaimsWords:
    """What the report calls the claims of `table`: by the kind of source their sidecar records, and whether
    they come from one source (one `source` citation) or several.

    >>> from figures.tabulate import comparison_table
    >>> claims_words(comparison_table()).label
    "the article's figures"
    >>> import dataclasses
    >>> table = dataclasses.replace(comparison_table(), claims_source_kind="press_release", claims_sources=3)
    >>> claims_words(table).heading, claims_words(table).column
    ("**On the press releases' figures**", 'Press release')
    """
    kind = table.claims_source_kind
    sources = min(table.claims_sources, 2)
    return CLAIMS_WORDS.get((kind, sources), THE_CLAIMS)


def basis_label(table: ComparisonTable, basis: str, locale: str = "en") -> str:
    """What the figures of `basis` are called in `locale`: the companies' reported figures, or the claims by
    their source.

    >>> from figures.tabulate import comparison_table
    >>> basis_label(comparison_table(), "article", "fr"), basis_label(comparison_table(), "reported")
    ("les chiffres de l'article", "the companies' reported figures")
    """
    return tr(BASIS_LABELS["reported"] if basis == "reported" else claims_words(table).label, locale)


FX_METHODS_SHOWN = (N_("company"), N_("none"))
"""The `fx_method` names a table shows beyond `figures.choices.METHODS`, translated through `tr`."""
METHOD_LABELS = {
    "average": N_("average rate over each period"),
    "closing": N_("closing rate at each period's end"),
    "spot": N_("spot rate of one date"),
    "company": N_("the company's own rate"),
    "none": N_("as stated"),
}


def period_label(start: dt.date, end: dt.date, locale: str = "en") -> str:
    """A period as a reader says it (`figures.periods.Period.label`).

    >>> D = dt.date
    >>> period_label(D(2017, 1, 1), D(2017, 12, 31)), period_label(D(2024, 1, 1), D(2024, 6, 30))
    ('Jan–Dec 2017', 'H1 2024, Jan–Jun')
    >>> period_label(dt.date(2017, 4, 1), dt.date(2018, 3, 31), "fr")
    'avr. 2017–mars 2018'
    """
    return Period(start, end).label(locale)


def period_text(row, locale: str = "en", *, fiscal: bool = True, kind: bool = True) -> str:
    """A row's period: the company's fiscal label, its name (`period_label`), and whether it was inferred.

    With `kind` false, a half year, quarter or nine months is named by its months alone, for a sentence that has
    already said its length ("a half year: Alpha AG (Jan–Jun 2024)").

    >>> row = {"period_start": dt.date(2017, 4, 1), "period_end": dt.date(2018, 3, 31), "fiscal_label": "FY2018"}
    >>> period_text(row), period_text(row, "fr", fiscal=False)
    ('FY2018, Apr 2017–Mar 2018', 'avr. 2017–mars 2018')
    >>> period_text({"period_start": dt.date(2023, 10, 1), "period_end": dt.date(2024, 9, 28), "fiscal_label": "FY24"})
    'FY24, 52 weeks to 28 September 2024'
    >>> half = {"period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 6, 30)}
    >>> period_text(half), period_text(half, kind=False)
    ('H1 2024, Jan–Jun', 'Jan–Jun 2024')
    """
    period = Period.of(row)
    label = period.label(locale) if kind or period.kind in ("year", "period") else period.months(locale)
    if fiscal and row.get("fiscal_label") and not label.startswith(row["fiscal_label"]):
        label = f"{row['fiscal_label']}, {label}"  # never "H1 2019, H1 2019, Jan–Jun"
    return label + (f" ({tr('inferred', locale)})" if row.get("period_inferred") else "")


def amount_m(value: float, locale: str = "en") -> str:
    """Millions to the nearest million, grouped as the locale does.

    >>> amount_m(34128.37), amount_m(34128.37, "fr")
    ('34,128', '34\\u202f128')
    """
    return i18n.number(value, locale)


def percent(value: float, locale: str = "en", *, signed: bool = True) -> str:
    """A percentage to one decimal.

    >>> percent(48.2129), percent(48.2129, "fr")
    ('+48.2%', '+48,2\\xa0%')
    """
    return i18n.percent(value, locale, signed=signed)


def rate(value: float, locale: str = "en") -> str:
    """An exchange rate to six significant digits.

    >>> rate(0.8553476533), rate(0.8553476533, "fr")
    ('0.855348', '0,855348')
    """
    return i18n.rate(value, locale)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&])")


def md(text: object) -> str:
    """Text from data, escaped for markdown: it reads as typed, never as markup or a link.

    >>> print(md("A*B [x](javascript:alert(1)) <b>"))
    A\\*B \\[x\\]\\(javascript:alert\\(1\\)\\) \\<b\\>
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def rate_source_text(source: RateSource, locale: str = "en") -> str:
    """Where a rate table's rates come from, in `locale`: the citation as the data gives it, the code's words
    translated, dates formatted for the locale (in English, the words the CSV records, ISO dates).

    >>> ecb = RateSource("European Central Bank, euro reference rates", dt.date(2026, 10, 30))
    >>> rate_source_text(ecb, "fr")
    'European Central Bank, euro reference rates, instantané au 30 octobre 2026'
    >>> rate_source_text(RateSource("ECB", dt.date(2026, 11, 20), dt.date(2026, 12, 6)), "fr")
    'ECB, instantané au 20 novembre 2026 (copie mise à jour, téléchargée le 6 décembre 2026)'
    >>> rate_source_text(RateSource("forex-python live rates", url="http://127.0.0.1:8000/"), "fr")
    'cours en ligne forex-python (http://127.0.0.1:8000/)'
    """
    if locale == "en":
        return source.english()  # as the CSV records it, dates in ISO
    if source.url is not None:
        return f"{tr(source.citation, locale)} ({source.url})"  # a live source's name is the code's words
    text = source.citation
    if source.snapshot_to is not None:
        text += tr(", snapshot to {date}", locale).format(date=i18n.date(source.snapshot_to, locale))
    if source.downloaded is not None:
        text += tr(" (updated copy, downloaded {date})", locale).format(date=i18n.date(source.downloaded, locale))
    return text


def rates_text(used: RatesUsed, locale: str = "en") -> str:
    """The rates a table rests on, in `locale` (`RatesUsed`): one source, or where a live source failed, the
    ECB's for every rate or beside the live source's for some.

    >>> from figures.rates import RateSource
    >>> ecb = RateSource("ECB", dt.date(2026, 10, 30))
    >>> rates_text(RatesUsed(RateSource("forex-python live rates", url="http://x/"), ecb, "all"), "fr")
    'ECB, instantané au 30 octobre 2026 (la source en ligne a échoué)'
    """
    if used.fell_back == "all":
        return rate_source_text(used.fallback, locale) + tr(" (the live source failed)", locale)
    if used.fell_back == "some":
        return f"{rate_source_text(used.source, locale)}; {rate_source_text(used.fallback, locale)}" + tr(
            " (where the live source failed)", locale
        )
    return rate_source_text(used.source, locale)


def reported_sources_text(companies: tuple[str, ...], locale: str = "en") -> str:
    """The company reports behind the reported figures, by the companies' names, in `locale`.

    >>> reported_sources_text(("Alibaba Group", "Bolloré"), "fr")
    'rapports des groupes (Alibaba Group; Bolloré)'
    """
    return f"{tr('company reports (', locale)}{'; '.join(companies)})"
