import re
import string

from figures.i18n_fr import FR


def test_french_entries_keep_the_english_fields_and_nothing_else():
    # Every {field} of an English key appears in its French text, and the French text uses no other.
    for english, french in FR.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(english) if name}
        french_fields = {name for _, name, _, _ in string.Formatter().parse(french) if name}
        assert fields == french_fields, english
        assert not re.search(r"\{NB\}", french), english
