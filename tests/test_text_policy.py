"""The text policy (UTS #39, UTR #36): what a cell may hold, how names are compared, what a narrative keeps."""

import pytest

from figures.text_policy import narrative_text, normalised, skeleton, text_problem


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Alibaba\u202e Group", "a bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE)"),
        ("Alibaba\u2067Group", "a bidirectional control (U+2067 RIGHT-TO-LEFT ISOLATE)"),
        ("Alibaba\u200fGroup", "a bidirectional control (U+200F RIGHT-TO-LEFT MARK)"),
        ("Alibaba\u200bGroup", "an invisible character (U+200B ZERO WIDTH SPACE)"),
        ("\u200b\u200b", "an invisible character (U+200B ZERO WIDTH SPACE)"),
        ("Ali\u00adbaba", "an invisible character (U+00AD SOFT HYPHEN)"),
        ("Alibaba\ufeff", "an invisible character (U+FEFF ZERO WIDTH NO-BREAK SPACE)"),
        ("Alibaba\u2060", "an invisible character (U+2060 WORD JOINER)"),
        ("Alibaba\x9b", "a control character (U+009B)"),
        ("Alibaba\x1b[31m", "a control character (U+001B)"),
        ("Alibaba\x00", "a control character (U+0000)"),
        ("Alibaba\tGroup", "a control character (U+0009)"),
        ("Alibaba\nGroup", "a line break (U+000A)"),
        ("Alibaba\rGroup", "a line break (U+000D)"),
        ("Alibaba\u2028Group", "a line break (U+2028 LINE SEPARATOR)"),
        ("Alibaba\x85Group", "a line break (U+0085)"),
        ("Alibaba\ue000", "an unassigned or private-use character (U+E000)"),
        ("Alibaba\U000e0041", "an invisible character (U+E0041 TAG LATIN CAPITAL LETTER A)"),
    ],
)
def test_a_one_line_field_refuses_what_hides_or_reorders_text(text, problem):
    assert text_problem(text) == problem


@pytest.mark.parametrize(
    "text",
    [
        "Alibaba Group",
        "Bolloré «Groupe» 株式会社",
        "Βήτα & <Co> *Ltd*",
        "שופרסל",  # right-to-left script: its own direction, no control
        "39,9\u00a0milliards de dollars",  # no-break spaces are visible spaces
        "32,3\u202fMd\u00a0€",
    ],
)
def test_ordinary_text_in_any_script_passes(text):
    assert text_problem(text) is None


def test_a_multi_line_field_may_hold_line_breaks_and_tabs_but_nothing_else_of_these():
    assert text_problem("two\nlines\r\nand\ta tab\u2028", one_line=False) is None
    assert text_problem("two\nlines\u202e", one_line=False) == "a bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE)"
    assert text_problem("a\x0bb", one_line=False) == "a control character (U+000B)"
    assert text_problem("a\x85b", one_line=False) == "a control character (U+0085)"


def test_nfc_gives_one_spelling_of_an_accented_name():
    assert normalised("Bollore\u0301 Group") == "Bolloré Group"
    assert normalised("Bolloré Group") == "Bolloré Group"


@pytest.mark.parametrize(
    "look_alike",
    [
        "\u0410libaba Group",  # Cyrillic capital A
        "Alib\u0430ba Group",  # Cyrillic small a
        "AIibaba Group",  # Latin capital I for l
        "A1ibaba Group",  # digit one for l
        "Alibaba\u200b Group",  # a zero-width space
        "\uff21libaba Group",  # fullwidth A
        "Alibaba \uff27roup",  # fullwidth G: not in confusables.txt, a compatibility character (NFKC)
        "Alibaba \U0001d406roup",  # mathematical bold G
        "Alibaba Gr\u03bfup",  # Greek omicron
    ],
)
def test_look_alike_names_share_their_skeleton(look_alike):
    assert skeleton(look_alike) == skeleton("Alibaba Group")


@pytest.mark.parametrize("other", ["Alibaba", "Alibaba Group Holding", "Alimama Group", "ALIBABA GROUP", "Baidu"])
def test_different_names_keep_different_skeletons(other):
    assert skeleton(other) != skeleton("Alibaba Group")


def test_rn_looks_like_m_both_ways():
    assert skeleton("rnicro") == skeleton("micro")


def test_a_narrative_loses_control_characters_and_reaching_bidi_controls_only():
    text = "# Title\r\n\r\nNUL\x00 and ESC\x1b[2J, \u202eoverride\u202c, \u2067isolate\u2069; RLM\u200f, tab\there.\n"
    assert narrative_text(text) == "# Title\n\nNUL and ESC[2J, override, isolate; RLM\u200f, tab\there.\n"
    assert narrative_text("Bollore\u0301") == "Bolloré"
