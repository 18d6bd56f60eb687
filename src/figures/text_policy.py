"""What text from data may hold, after Unicode's security reports (UTS #39, UTR #36).

Every text cell is NFC-normalised. A one-line field (a name, a code, an id, a figure's wording) may hold
no line break, no control character (C0 or C1), no bidirectional control (an override reverses the text
after it on the page), no invisible character (Default_Ignorable_Code_Point: U+200B and the like), and no
unassigned or private-use character. A multi-line field (a note) may hold line feeds, carriage returns,
tabs and U+2028, nothing else of these. Names are compared by their confusable skeleton (UTS #39,
section 4), so that "Alibaba Group" with a Cyrillic "А" is the same name as with a Latin "A". A
narrative keeps its text, less control characters and the bidirectional controls that reach past a
character (embeddings, overrides, isolates).

The character properties come from the `regex` module's Unicode data, the confusable prototypes from
`confusable-homoglyphs` (Unicode's confusables.txt).
"""

from __future__ import annotations

import functools
import unicodedata

import regex

_LINE_BREAK = regex.compile(r"[\n\v\f\r\x85\u2028\u2029]")
_CONTROL = regex.compile(r"\p{Cc}")
_BIDI = regex.compile(r"\p{Bidi_Control}")
_INVISIBLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")
_UNASSIGNED = regex.compile(r"[\p{Cn}\p{Co}\p{Cs}]")
_PROBLEMS = (
    (_LINE_BREAK, "a line break"),
    (_CONTROL, "a control character"),
    (_BIDI, "a bidirectional control"),
    (_INVISIBLE, "an invisible character"),
    (_UNASSIGNED, "an unassigned or private-use character"),
)
_NARRATIVE_DROPPED = regex.compile(r"[^\P{Cc}\t\n]|[\u202a-\u202e\u2066-\u2069]")
"""Control characters but tab and line feed; embeddings, overrides and isolates (the marks LRM, RLM and ALM,
which reach no further than themselves, stay)."""


def normalised(text: str) -> str:
    """`text` in Unicode normalisation form C: one spelling for what reads the same.

    >>> normalised("Bollore\\u0301") == "Bolloré", len("Bollore\\u0301"), len(normalised("Bollore\\u0301"))
    (True, 8, 7)
    """
    return unicodedata.normalize("NFC", text)


def text_problem(text: str, *, one_line: bool = True) -> str | None:
    """What `text` holds that a field must not, as "<kind> (U+XXXX NAME)", or None when it holds nothing of it.

    A multi-line field (`one_line=False`) may hold line feeds, carriage returns, tabs and U+2028.

    >>> text_problem("Alibaba Group") is None, text_problem("Alibaba\\u202e Group")
    (True, 'a bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE)')
    >>> text_problem("Alibaba\\u200bGroup"), text_problem("two\\nlines")
    ('an invisible character (U+200B ZERO WIDTH SPACE)', 'a line break (U+000A)')
    >>> text_problem("two\\nlines", one_line=False) is None, text_problem("a\\x85b", one_line=False)
    (True, 'a control character (U+0085)')
    """
    for pattern, kind in _PROBLEMS[0 if one_line else 1 :]:
        for match in pattern.finditer(text):
            character = match.group()
            if not one_line and character in "\t\n\r":
                continue
            name = unicodedata.name(character, "")
            return f"{kind} (U+{ord(character):04X}{' ' + name if name else ''})"
    return None


def visible_text(text: str, *, one_line: bool = True) -> str:
    """`text` made to pass `text_problem`, for a writer of figures files (the extractor's drafts): NFC; what
    hides or reorders text dropped (a soft hyphen in a web page's word); a line break, in a one-line field, made
    a space with the white space around it, as a hard-wrapped article's "6" and "percent" read on one line.

    >>> visible_text("Sie\\u00admens grew 6\\n  percent\\u200b"), text_problem(visible_text("a\\x00\\u202e\\r\\nb"))
    ('Siemens grew 6 percent', None)
    >>> visible_text("two\\nlines\\x1b", one_line=False)
    'two\\nlines'
    """
    text = normalised(text)
    if one_line:
        text = regex.sub(r"\s*" + _LINE_BREAK.pattern + r"\s*", " ", text)
    dropped = (pattern for pattern, _ in _PROBLEMS[1:])
    for pattern in dropped:
        text = pattern.sub(lambda match: "" if one_line or match.group() not in "\t\n\r" else match.group(), text)
    return text


def skeleton(text: str) -> str:
    """The confusable skeleton of UTS #39: two texts that look alike have the same skeleton.

    NFD, then invisible characters removed, then each character replaced by its prototype in Unicode's
    confusables.txt, then NFD again. Compatibility characters are first replaced by what they stand for
    (NFKC: a fullwidth "Ｇ" is a "G"), which confusables.txt leaves to the identifier profile of UTS #39, one
    that excludes them.

    >>> skeleton("Alibaba Group") == skeleton("\\u0410libaba Group") == skeleton("AIibaba Group")
    True
    >>> skeleton("Alibaba\\u200b Group") == skeleton("\\uff21libaba Group") == skeleton("Alibaba Group")
    True
    >>> skeleton("Alibaba") == skeleton("Alimama")
    False
    """
    prototypes = _prototypes()
    decomposed = _INVISIBLE.sub("", unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text)))
    for _ in range(3):  # a prototype's own characters are prototypes: the second pass changes nothing
        mapped = "".join(prototypes.get(character, character) for character in decomposed)
        if mapped == decomposed:
            break
        decomposed = mapped
    return unicodedata.normalize("NFD", decomposed)


@functools.cache
def _prototypes() -> dict[str, str]:
    """confusables.txt as a map, from the package's data: each source character lists its one prototype, and
    each prototype the sources that map to it. Where a prototype has a single source the two list each other
    and the data does not say which is which: either serves as the pair's skeleton, the smaller is taken."""
    from confusable_homoglyphs.confusables import confusables_data

    def plain(glyph: str) -> str:
        return glyph.replace("\u200e", "").replace("\u200f", "")  # marks the data wraps right-to-left glyphs in

    neighbours = {plain(glyph): [plain(entry["c"]) for entry in entries] for glyph, entries in confusables_data.items()}
    prototypes = {}
    for source, targets in neighbours.items():
        if len(source) != 1 or len(targets) != 1:
            continue  # a prototype (it lists its sources), or a glyph of several characters
        target = targets[0]
        if len(target) == 1 and neighbours.get(target) == [source]:
            target = min(source, target)
        if target != source:
            prototypes[source] = target
    return prototypes


def narrative_text(text: str) -> str:
    """A narrative as the page may show it: NFC, line breaks as line feeds, without control characters (NUL,
    ESC...) and without the bidirectional controls that reach past a character.

    >>> narrative_text("Ali\\x00baba\\x1b[31m\\r\\nsaid \\u202eevil\\u202c, \\u200fok")
    'Alibaba[31m\\nsaid evil, \\u200fok'
    """
    text = normalised(text).replace("\r\n", "\n").replace("\r", "\n")
    return _NARRATIVE_DROPPED.sub("", text)
