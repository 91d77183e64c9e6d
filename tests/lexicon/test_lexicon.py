"""Tests of the lexicon parser and validator on tiny inline TOML files."""

from __future__ import annotations

import pytest

from framing.lexicon.model import (
    LexiconError,
    Term,
    load_lexicon,
    parse_lexicon,
    validate_lexicon_file,
)

FILE = "tiny.toml"

HEADER = """\
name = "tiny"
version = "0.1.0"

[[axes]]
id = "ab"
label = "A vs B"
negative = "pro-B"
positive = "pro-A"
"""

VALID = (
    HEADER
    + """
[concepts.events]
label = "The events"
axis = "ab"
[concepts.events.terms]
"coup" = 0.8
"uprising" = { weight = -0.6, forms = ["uprisings", "rising"] }
"events" = 0

[concepts.attribution]
label = "Attribution verbs"
[concepts.attribution.terms]
"said" = 0
"claimed" = 1
"""
)

DUPLICATE = (
    HEADER
    + """
[concepts.events]
axis = "ab"
[concepts.events.terms]
"coup" = 0.8

[concepts.other]
axis = "ab"
[concepts.other.terms]
"coup" = -0.2
"""
)

DUPLICATE_BY_FOLDING = (
    HEADER
    + """
[concepts.guaido]
axis = "ab"
[concepts.guaido.terms]
"self-proclaimed" = 0.8

[concepts.labels]
[concepts.labels.terms]
"Self Proclaimed" = 1
"""
)

DUPLICATE_BY_ACCENT_AND_APOSTROPHE = (
    HEADER
    + """
[concepts.events]
axis = "ab"
[concepts.events.terms]
"coup d'état" = 0.9
"coup d’etat" = 0.9
"""
)

DUPLICATE_BY_ABBREVIATION = (
    HEADER
    + """
[concepts.foreign]
axis = "ab"
[concepts.foreign.terms]
"U.S.-backed" = 0.7

[concepts.other]
axis = "ab"
[concepts.other.terms]
"US-backed" = 0.7
"""
)

DUPLICATE_VIA_FORM = (
    HEADER
    + """
[concepts.foreign]
axis = "ab"
[concepts.foreign.terms]
"interfere" = { weight = 0.7, forms = ["interfering"] }

[concepts.other]
axis = "ab"
[concepts.other.terms]
"interfering" = 0.5
"""
)

PLURAL_OF_ANOTHER_TERM = (
    HEADER
    + """
[concepts.events]
axis = "ab"
[concepts.events.terms]
"coup" = 0.8

[concepts.other]
axis = "ab"
[concepts.other.terms]
"coups" = 0.3
"""
)

WEIGHT_OUT_OF_RANGE = (
    HEADER
    + """
[concepts.events]
axis = "ab"
[concepts.events.terms]
"putsch" = 1.5
"""
)

NEGATIVE_WITHOUT_AXIS = """\
name = "tiny"
version = "0.1.0"

[concepts.attribution]
[concepts.attribution.terms]
"conceded" = -0.5
"""

UNKNOWN_AXIS = (
    HEADER
    + """
[concepts.events]
axis = "gov_opp"
[concepts.events.terms]
"coup" = 0.8
"""
)

EMPTY_PHRASES = (
    HEADER
    + """
[concepts.events]
axis = "ab"
[concepts.events.terms]
"coup" = 0.8
"  " = 0.1
"--" = 0.2
"""
)

BAD_WEIGHTS_AND_FORMS = (
    HEADER
    + """
[concepts.events]
axis = "ab"
[concepts.events.terms]
"coup" = "high"
"putsch" = true
"revolt" = { weight = -0.5, forms = "revolts" }
"rebellion" = { weight = -0.5, weigth = 1 }
"""
)

SYNTAX_ERROR = """\
name = "tiny"
version = "0.1.0"

[concepts.events.terms]
"coup" = 0.8
"uprising" = 
"""

MISSING_NAME_AND_VERSION = """\
description = "no name, no version"

[concepts.attribution.terms]
"said" = 0
"""

NO_CONCEPTS = """\
name = "tiny"
version = "0.1.0"
"""

MANY_PROBLEMS = """\
description = "everything wrong at once"

[[axes]]
id = "ab"
negative = "pro-B"
positive = "pro-A"

[concepts.events]
axis = "ab"
[concepts.events.terms]
"coup" = 1.5
"self-proclaimed" = 0.8

[concepts.labels]
axis = "nope"
[concepts.labels.terms]
"self proclaimed" = 1
"--" = 1

[concepts.attribution.terms]
"admitted" = -0.5
"""

LIST_FORM = """\
name = "tiny"
version = "0.1.0"

[concepts.labels]
label = "Delegitimising labels"
terms = ["so-called", "self-styled"]
"""


def problems_of(source: str) -> list:
    with pytest.raises(LexiconError) as info:
        parse_lexicon(source, file=FILE)
    assert info.value.problems, "a LexiconError must list its problems"
    assert all(p.file == FILE for p in info.value.problems)
    return info.value.problems


def only_problem(source: str):
    problems = problems_of(source)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# ---------------------------------------------------------------------------
# A valid file


def test_valid_lexicon_parses():
    lex = parse_lexicon(VALID, file=FILE)
    assert (lex.name, lex.version, lex.source) == ("tiny", "0.1.0", FILE)
    assert lex.axis("ab").negative == "pro-B"
    assert lex.axis("ab").positive == "pro-A"
    events = lex.concept("events")
    assert events.axis == "ab"
    assert events.label == "The events"
    assert {t.text: t.weight for t in events.terms} == {"coup": 0.8, "uprising": -0.6, "events": 0.0}
    uprising = next(t for t in events.terms if t.text == "uprising")
    assert uprising.forms == ("uprisings", "rising")
    attribution = lex.concept("attribution")
    assert attribution.axis is None
    assert [(t.text, t.loaded) for t in attribution.terms] == [("said", False), ("claimed", True)]
    assert lex.label.startswith("tiny@0.1.0#")


def test_concept_without_label_uses_its_id():
    lex = parse_lexicon(LIST_FORM.replace('label = "Delegitimising labels"\n', ""), file=FILE)
    assert lex.concept("labels").label == "labels"


def test_unknown_axis_or_concept_lookup_raises_key_error():
    lex = parse_lexicon(VALID, file=FILE)
    with pytest.raises(KeyError):
        lex.axis("nope")
    with pytest.raises(KeyError):
        lex.concept("nope")


def test_list_form_loaded_category_gets_weight_one():
    lex = parse_lexicon(LIST_FORM, file=FILE)
    concept = lex.concept("labels")
    assert concept.axis is None
    assert concept.terms == (Term("so-called", 1.0), Term("self-styled", 1.0))
    assert all(t.loaded for t in concept.terms)


# ---------------------------------------------------------------------------
# Each problem type, located by file, concept and term


def test_same_term_in_two_concepts():
    problem = only_problem(DUPLICATE)
    assert (problem.concept, problem.term) == ("other", "coup")
    assert "same term" in problem.message
    assert "'events'" in problem.message  # names the concept that has it already


def test_same_term_after_folding_hyphen_and_case():
    problem = only_problem(DUPLICATE_BY_FOLDING)
    assert (problem.concept, problem.term) == ("labels", "Self Proclaimed")
    assert "self-proclaimed" in problem.message
    assert "self proclaimed" in problem.message  # the key both fold to


def test_same_term_after_folding_accent_and_apostrophe_in_one_concept():
    problem = only_problem(DUPLICATE_BY_ACCENT_AND_APOSTROPHE)
    assert (problem.concept, problem.term) == ("events", "coup d’etat")
    assert "this concept" in problem.message


def test_same_term_via_abbreviation_variants():
    # "U.S.-backed" and "US-backed" fold to different keys but the matcher
    # makes each match the other: listing both is the same term twice.
    problem = only_problem(DUPLICATE_BY_ABBREVIATION)
    assert (problem.concept, problem.term) == ("other", "US-backed")


def test_same_term_via_a_listed_form():
    problem = only_problem(DUPLICATE_VIA_FORM)
    assert (problem.concept, problem.term) == ("other", "interfering")
    assert "'interfere'" in problem.message


def test_a_term_may_be_the_automatic_plural_of_another():
    # Allowed on purpose: the matcher lets a term listed in its own right win
    # over another term's automatic plural.
    lex = parse_lexicon(PLURAL_OF_ANOTHER_TERM, file=FILE)
    assert lex.concept("other").terms[0].text == "coups"


def test_weight_out_of_range_on_an_axis():
    problem = only_problem(WEIGHT_OUT_OF_RANGE)
    assert (problem.concept, problem.term) == ("events", "putsch")
    assert "1.5" in problem.message and "-1 to +1" in problem.message


def test_negative_weight_without_an_axis():
    problem = only_problem(NEGATIVE_WITHOUT_AXIS)
    assert (problem.concept, problem.term) == ("attribution", "conceded")
    assert "-0.5" in problem.message and "0 to 1" in problem.message


def test_unknown_axis():
    problem = only_problem(UNKNOWN_AXIS)
    assert problem.concept == "events"
    assert "gov_opp" in problem.message
    assert "ab" in problem.message  # lists the axes that exist


def test_empty_phrases():
    problems = problems_of(EMPTY_PHRASES)
    assert [(p.concept, p.term) for p in problems] == [("events", "  "), ("events", "--")]
    assert all("empty phrase" in p.message for p in problems)


def test_bad_weights_forms_and_keys():
    problems = problems_of(BAD_WEIGHTS_AND_FORMS)
    by_term = {p.term: p.message for p in problems}
    assert set(by_term) == {"coup", "putsch", "revolt", "rebellion"}
    assert "'high'" in by_term["coup"]
    assert "True" in by_term["putsch"]  # a boolean is not a weight
    assert "forms must be a list" in by_term["revolt"]
    assert "weigth" in by_term["rebellion"]
    assert all(p.concept == "events" for p in problems)


def test_toml_syntax_error_reports_its_line():
    problem = only_problem(SYNTAX_ERROR)
    assert problem.line == 6
    assert "TOML syntax error" in problem.message
    assert str(problem).startswith(f"{FILE}:6: ")


def test_missing_name_and_version():
    problems = problems_of(MISSING_NAME_AND_VERSION)
    messages = " | ".join(p.message for p in problems)
    assert len(problems) == 2
    assert "missing 'name'" in messages and "missing 'version'" in messages


def test_no_concepts():
    problem = only_problem(NO_CONCEPTS)
    assert "no concepts" in problem.message


def test_all_problems_are_reported_at_once():
    problems = problems_of(MANY_PROBLEMS)
    located = {(p.concept, p.term) for p in problems}
    messages = " | ".join(p.message for p in problems)
    assert "missing 'name'" in messages
    assert "missing 'version'" in messages
    assert ("events", "coup") in located  # weight 1.5
    assert ("labels", "") in located  # unknown axis "nope"
    assert ("labels", "self proclaimed") in located  # same as "self-proclaimed"
    assert ("labels", "--") in located  # empty phrase
    assert ("attribution", "admitted") in located  # -0.5 without an axis
    assert len(problems) == 7
    # The exception message carries them all too, one per "; ".
    with pytest.raises(LexiconError) as info:
        parse_lexicon(MANY_PROBLEMS, file=FILE)
    assert str(info.value).count(FILE) == 7


# ---------------------------------------------------------------------------
# Files: reading, validating, hashing


def test_load_and_validate_a_file(tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(VALID, encoding="utf-8")
    assert validate_lexicon_file(path) == []
    assert load_lexicon(path).source == str(path)
    bad = tmp_path / "bad.toml"
    bad.write_text(WEIGHT_OUT_OF_RANGE, encoding="utf-8")
    problems = validate_lexicon_file(bad)
    assert [(p.file, p.concept, p.term) for p in problems] == [(str(bad), "events", "putsch")]


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    problems = validate_lexicon_file(tmp_path / "absent.toml")
    assert len(problems) == 1 and "cannot read" in problems[0].message


def test_not_utf8_is_a_problem():
    with pytest.raises(LexiconError) as info:
        parse_lexicon(b'name = "caf\xe9"\n', file=FILE)
    assert "UTF-8" in info.value.problems[0].message


def test_content_hash_changes_when_the_file_changes(tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(VALID, encoding="utf-8")
    first = load_lexicon(path)
    assert load_lexicon(path).sha256 == first.sha256  # stable for the same bytes
    path.write_text(VALID.replace('"coup" = 0.8', '"coup" = 0.7'), encoding="utf-8")
    second = load_lexicon(path)
    assert second.sha256 != first.sha256
    assert second.label != first.label  # name@version#hash shows the edit
    # Even an edit that changes nothing but a comment is a different file.
    path.write_text(VALID + "# reviewed\n", encoding="utf-8")
    assert load_lexicon(path).sha256 not in {first.sha256, second.sha256}
