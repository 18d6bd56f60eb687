"""A fact's value read from its text as the inline XBRL Transformation Registry says, strictly: the digits a format
allows and nothing else, then `scale` and `sign`; a plain XBRL instance's value as an `xs:decimal`.

ixbrlparse reads a value leniently (`12.725,0` under `numdotdecimal` becomes 12.725; `twelve` is dropped with no
word), so the value is read here from the fact's own text: a figure misread by a factor of a thousand is worse than one
refused. The registry's number formats (versions 1 to 5) are read by their names, with or without hyphens.
"""

from __future__ import annotations

import re
from decimal import Decimal, DecimalException

_GROUPED = r"[0-9]{{1,3}}(?:{sep}[0-9]{{3}})*"
_DOT_DECIMAL = re.compile(_GROUPED.format(sep="[, \u00a0]?") + r"(?:\.[0-9]+)?")
_COMMA_DECIMAL = re.compile(_GROUPED.format(sep="[. \u00a0]?") + r"(?:,[0-9]+)?")
_ZERO_DASH = re.compile("[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_SIGNED_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")

FORMATS: dict[str, tuple[re.Pattern[str], str, str]] = {
    "numdotdecimal": (_DOT_DECIMAL, ".", "1,234.5"),
    "numcommadot": (re.compile(_GROUPED.format(sep=",") + r"(?:\.[0-9]+)?"), ".", "1,234.5"),
    "numspacedot": (re.compile(_GROUPED.format(sep=" ") + r"(?:\.[0-9]+)?"), ".", "1 234.5"),
    "numcommadecimal": (_COMMA_DECIMAL, ",", "1.234,5"),
    "numdotcomma": (re.compile(_GROUPED.format(sep=r"\.") + r"(?:,[0-9]+)?"), ",", "1.234,5"),
    "numspacecomma": (re.compile(_GROUPED.format(sep=" ") + r"(?:,[0-9]+)?"), ",", "1 234,5"),
    "numcomma": (re.compile(r"[0-9]+(?:,[0-9]+)?"), ",", "1234,5"),
    "zerodash": (_ZERO_DASH, "", "a dash for zero"),
    "numdash": (_ZERO_DASH, "", "a dash for zero"),
    "fixedzero": (re.compile(".*", re.S), "", "any text, read as zero"),
}
"""The registry's number formats, by their names without hyphens: the pattern of the text, the decimal separator
(empty for a format that always reads zero) and an example of what it expects."""

TRANSFORMATION_NAMESPACES = re.compile(
    r"http://www\.xbrl\.org/(inlineXBRL/transformation|2008/inlineXBRL/transformation)(/.*)?"
)
"""The registry's namespaces: `http://www.xbrl.org/inlineXBRL/transformation/DATE`, and version 1's bare
`http://www.xbrl.org/2008/inlineXBRL/transformation`.

>>> bool(TRANSFORMATION_NAMESPACES.fullmatch("http://www.xbrl.org/2008/inlineXBRL/transformation"))
True
"""

MAX_SCALE = 30
"""The largest `scale` read, either way: a revenue is in units to billions (scale 0 to 9), a percentage at -2."""


class UnreadValue(ValueError):
    """A fact's text that its format does not allow, with what was expected, in words; `found`, when given, what was
    found in its place (a format, a scale), else the text is what was found."""

    def __init__(self, expected: str, found: str | None = None) -> None:
        super().__init__(expected)
        self.found = found


def read_value(text: str, fmt: str | None, namespace: str | None, *, scale: str | None, sign: str | None) -> Decimal:
    """The value an inline fact's text stands for: its format applied strictly, times ten to its scale, negated by
    `sign="-"`; an instance's (no format, signed) when `fmt` and `scale` are None and `sign` is "instance".

    Raises:
        UnreadValue: the text is not what the format allows, the format is unknown, the scale is no integer or beyond
            `MAX_SCALE`, or the value scaled has more digits than a decimal holds.

    >>> read_value("12,725", "ixt2:numdotdecimal", "http://www.xbrl.org/inlineXBRL/transformation/2011-07-31",
    ...            scale="6", sign=None)
    Decimal('12725000000')
    >>> read_value("18.828,9", "ixt:num-comma-decimal", "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12",
    ...            scale="6", sign="-")
    Decimal('-18828900000')
    >>> read_value("12.725,0", "ixt2:numdotdecimal", "http://www.xbrl.org/inlineXBRL/transformation/2011-07-31",
    ...            scale="6", sign=None)
    Traceback (most recent call last):
    figures.filings.numbers.UnreadValue: a number as format ixt2:numdotdecimal writes it (1,234.5)
    >>> read_value("12,725", "ixt2:numdotdecimal", None, scale="30", sign=None)
    Traceback (most recent call last):
    figures.filings.numbers.UnreadValue: a value of at most 28 digits once scaled
    >>> read_value("-383285000000", None, None, scale=None, sign="instance")
    Decimal('-383285000000')
    """
    stripped = text.strip(" \t\n\r\u00a0")
    if sign == "instance":
        if not _SIGNED_DECIMAL.fullmatch(stripped):
            raise UnreadValue("a decimal number (xs:decimal: digits, a dot, a sign)")
        return Decimal(stripped)
    if fmt is None:
        if not _DECIMAL.fullmatch(stripped):
            raise UnreadValue("a decimal number (no format given: digits and a dot)")
        value = Decimal(stripped)
    else:
        local = fmt.rpartition(":")[2].replace("-", "").lower()
        if local not in FORMATS or (namespace is not None and not TRANSFORMATION_NAMESPACES.fullmatch(namespace)):
            raise UnreadValue("a number format of the inline XBRL Transformation Registry", f"format {fmt!r}")
        pattern, separator, example = FORMATS[local]
        if not pattern.fullmatch(stripped):
            raise UnreadValue(f"a number as format {fmt} writes it ({example})")
        if not separator:
            value = Decimal(0)
        else:
            whole, _, fraction = stripped.rpartition(separator) if separator in stripped else (stripped, "", "")
            value = Decimal(re.sub(r"[^0-9]", "", whole) + ("." + fraction if fraction else ""))
    try:
        exponent = int(scale or 0)
    except ValueError:
        raise UnreadValue("a whole number as scale", f"scale {scale!r}") from None
    if abs(exponent) > MAX_SCALE:
        raise UnreadValue(f"a scale from -{MAX_SCALE} to {MAX_SCALE}", f"scale {exponent}")
    try:
        value = value.scaleb(exponent)
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))  # 12725000000, not 1.2725E+10: as an error or a note shows it
    except DecimalException:  # more digits than a decimal holds (28)
        raise UnreadValue("a value of at most 28 digits once scaled", f"scale {exponent}") from None
    return -value if sign == "-" else value
