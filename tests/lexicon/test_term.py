"""Term entries: category, source and except read from a lexicon file, with their problems."""

from __future__ import annotations

import pytest

from framing.lexicon.model import LexiconError, parse_lexicon
from framing.lexicon.table import lexicon_terms

BASE = '''name = "t"
version = "1"
[concepts.emotive]
label = "Emotive"
[concepts.emotive.terms]
'''


def one_term(entry: str):
    return parse_lexicon(BASE + entry).concepts[0].terms[0]


def test_category_source_and_except_are_read():
    term = one_term('"critical" = { weight = 0.6, category = "intensifier", source = "VADER valence -1.3", '
                    'except = ["critical condition"], forms = ["critically"] }\n')
    assert (term.category, term.source, term.exceptions, term.forms) == (
        "intensifier", "VADER valence -1.3", ("critical condition",), ("critically",))
    bare = one_term('"brutal" = 0.8\n')
    assert (bare.category, bare.source, bare.exceptions) == ("", "", ())


def test_except_may_hold_a_form_of_the_term():
    term = one_term('"attack" = { weight = 0.6, forms = ["attacking"], except = ["attacking midfielder"] }\n')
    assert term.exceptions == ("attacking midfielder",)


@pytest.mark.parametrize("entry, message", [
    ('"x" = { weight = 0.5, category = 3 }', "category must be a string, got 3"),
    ('"x" = { weight = 0.5, except = "x y" }', "except must be a list of strings"),
    ('"x" = { weight = 0.5, except = ["  "] }', "empty phrase '  ' in except"),
    ('"x" = { weight = 0.5, tags = [] }', "unknown key(s) tags; allowed: weight, forms, category, source, except"),
])
def test_bad_fields_are_problems_naming_the_term(entry, message):
    with pytest.raises(LexiconError) as info:
        parse_lexicon(BASE + entry + "\n")
    assert any(message in str(p) and "term 'x'" in str(p) for p in info.value.problems), info.value.problems


def test_table_lists_category_and_source_with_defaults():
    lexicon = parse_lexicon(BASE + '"brutal" = 0.8\n"vile" = { weight = 0.9, category = "pejorative", '
                            'source = "VADER valence -3.1", except = ["vile weed"] }\n')
    table = lexicon_terms([lexicon]).set_index("term")
    assert table.loc["brutal", "category"] == "Emotive" and table.loc["brutal", "source"] == "own curation"
    assert tuple(table.loc["vile", ["category", "source", "except"]]) == ("pejorative", "VADER valence -3.1", "vile weed")
