"""Words and formats per locale: English (default) and French; numbers and dates through Babel.

Text is written in English in the code and looked up here for other locales (gettext style:
the English text is the key). Numbers, percentages, dates and compact amounts are formatted by
Babel from the locale's own patterns, never by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_currency, format_decimal, format_percent

from figures.i18n_fr import FR

LOCALES = ("en", "fr")
DEFAULT_LOCALE = "en"


def tr(text: str, locale: str) -> str:
    """`text` in `locale`; English is the key. A missing French entry is an error, not English.

    >>> tr("Company", "fr"), tr("Company", "en")
    ('Groupe', 'Company')
    """
    if locale == "en":
        return text
    try:
        return CATALOGUES[locale][text]
    except KeyError:
        raise KeyError(f"no {locale} translation for {text!r}") from None


def number(value: float, locale: str, decimals: int = 0) -> str:
    """A number with the locale's grouping and decimal signs.

    >>> number(32299.4, "en"), number(32299.4, "fr"), number(5.913, "fr", 1)
    ('32,299', '32\\u202f299', '5,9')
    """
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=locale)


def signed_number(value: float, locale: str, decimals: int = 0) -> str:
    """A number with its sign, as a change.

    >>> signed_number(-160, "en"), signed_number(7383, "fr")
    ('-160', '+7\\u202f383')
    """
    text = number(abs(value), locale, decimals)
    return ("-" if value < 0 else "+") + text


def percent(value: float, locale: str, *, signed: bool = True, decimals: int = 1) -> str:
    """A percentage (given in percent) in the locale's own percent pattern, to `decimals` places.

    >>> percent(50.6266, "en"), percent(50.6266, "fr"), percent(-3.05, "en")
    ('+50.6%', '+50,6\\xa0%', '-3.0%')
    """
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

    >>> compact_amount(32298.7, "EUR", "fr"), compact_amount(32298.7, "EUR", "en")
    ('32,3\\xa0Md\\xa0€', '€32.3B')
    """
    return format_compact_currency(value_m * 1e6, currency, locale=locale, fraction_digits=1)


DATE_STYLES = {"month": "MMM", "month_year": "MMM y", "day_month": "d MMM", "long": "d MMMM y"}


def date(day: dt.date, locale: str, style: str = "long") -> str:
    """A date in one of `DATE_STYLES`, with the locale's month names.

    >>> [date(dt.date(2018, 3, 31), "fr", style) for style in DATE_STYLES]
    ['mars', 'mars 2018', '31 mars', '31 mars 2018']
    >>> date(dt.date(2018, 7, 3), "en")
    '3 July 2018'
    """
    return format_date(day, DATE_STYLES[style], locale=locale)


CATALOGUES: dict[str, dict[str, str]] = {"fr": FR}
