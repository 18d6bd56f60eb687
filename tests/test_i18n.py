"""The French catalogue (locale/fr/LC_MESSAGES/figures.po): complete, compiled, faithful to the English fields."""

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from figures import i18n
from figures.choices import METHODS
from figures.reconcile import VERDICTS

ROOT = Path(__file__).resolve().parents[1]
PO = i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
MO = PO.with_suffix(".mo")


@pytest.fixture(scope="module")
def catalogue():
    with PO.open("rb") as file:
        return read_po(file, locale="fr", domain=i18n.DOMAIN)


@pytest.fixture(scope="module")
def french(catalogue) -> dict[str, str]:
    return {message.id: message.string for message in catalogue if message.id}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_committed_mo_is_the_po_compiled(catalogue):
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    assert MO.read_bytes() == compiled.getvalue(), f"{MO.name} is stale: run `make translations`"


def test_tr_reads_every_french_entry_and_refuses_the_rest(french):
    assert {text: i18n.tr(text, "fr") for text in french} == french
    assert i18n.tr("Company", "en") == "Company"
    for text, locale in (("Not in the catalogue", "fr"), ("Company", "de")):
        with pytest.raises(KeyError, match=re.escape(f"no {locale} translation for {text!r}")):
            i18n.tr(text, locale)


def test_every_french_entry_is_translated_and_not_fuzzy(catalogue):
    assert not catalogue.fuzzy, "the header is fuzzy: pybabel compile would skip the catalogue"
    for message in catalogue:
        if message.id:
            assert message.string and message.string.strip(), f"no French for {message.id!r}"
            assert not message.fuzzy, f"fuzzy: {message.id!r}"


def _extracted() -> set[str]:
    """The msgids `make translations` extracts: tr("...") and N_("...") in the package and the notebooks."""
    with (ROOT / "babel.cfg").open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    keywords = {"tr": None, "N_": None}
    return {message for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map, keywords=keywords)}


def test_every_text_given_to_tr_has_a_french_entry(french):
    extracted = _extracted()
    assert extracted, "extraction found nothing: check babel.cfg"
    missing = sorted(extracted - set(french))
    assert not missing, f"no French entry (run `make translations`, then fill msgstr in {PO.name}): {missing}"
    variables = sorted((set(METHODS) | set(VERDICTS)) - set(french))
    assert not variables, f"no French entry: {variables}"


def test_extraction_keeps_every_french_entry(catalogue, french):
    # An entry extraction does not find is made obsolete by `pybabel update` and left out of the .mo:
    # text translated through a variable must be marked N_("...") where it is defined.
    obsolete = sorted(catalogue.obsolete)
    assert not obsolete, (
        f"obsolete entries: delete them from {PO.name}, or mark their text N_ if still used: {obsolete}"
    )
    unmarked = sorted(set(french) - _extracted())
    assert not unmarked, f"entries no tr(...) or N_(...) shows extraction, mark them N_ or delete them: {unmarked}"


def test_french_entries_keep_the_english_fields_and_nothing_else(french):
    # Every {field} of an English msgid appears in its French text, and the French text uses no other.
    for english, text in french.items():
        assert _fields(english) == _fields(text), english
        assert not re.search(r"\{NB\}", text), english


def test_french_lists_in_sentences_take_a_space_before_the_semicolon():
    from figures.export import page_context
    from figures.tabulate import comparison_table

    table = comparison_table()
    footnote = page_context(table, locale="fr")["footnotes"][0]
    # French typography: a (narrow) no-break space before a semicolon, as before a colon.
    assert footnote == "Chiffres\xa0: " + "\xa0; ".join(table.source_citations) + "."


def test_french_entries_put_a_no_break_space_before_colons_and_semicolons(french):
    # French typography, as the catalogue's header says: « : » and « ; » follow a no-break space, never a plain
    # one (which lets a line break before them), and never a letter or a bracket ("sa croissance ; …").
    for english, text in french.items():
        assert not re.search(r"[ \w)*}»] ?[:;](?= |$)", text.replace("\u00a0:", "").replace("\u00a0;", "")), (
            english,
            text,
        )
