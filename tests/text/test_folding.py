"""Folding for matching keeps a map back to original offsets."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text.folding import _ASCII_SEPARATORS, _collapse_whitespace, _compose, _fold, _whitespace_runs, fold_char, key_text
from framing.text.phrase_keys import phrase_key, plural, surface_keys
from framing.text.tokens import count_words

ASCII_RUN = re.compile(r"[\x00-\x7f]+")
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")

CASES = [
    "Guaidó’s “coup d’état”",
    "Straße İstanbul",
    "Guaido\u0301 said",  # combining acute accent
    "ﬁrst U.S.-backed   coup",
    "plain ascii text, with: punctuation!",
    "emoji 🙂 then coup; RTL نص عربي coup",
]


@pytest.mark.parametrize("text", CASES)
def test_every_key_word_maps_back_to_its_source_word(text):
    keyed = key_text(text)
    assert keyed.key.startswith(" ") and keyed.key.endswith(" ")
    assert "\n" not in keyed.key
    for word in re.finditer(r"[^ ]+", keyed.key):
        start, end = keyed.span_to_original(word.start(), word.end())
        assert phrase_key(text[start:end]) == word.group()


def test_folding_examples():
    assert phrase_key("Guaidó") == phrase_key("Guaido") == "guaido"
    assert phrase_key("coup d’état") == phrase_key("coup d'etat") == "coup d etat"
    assert phrase_key("self-proclaimed") == phrase_key("Self proclaimed") == "self proclaimed"
    assert phrase_key("STRASSE") == phrase_key("straße")


def test_whitespace_runs_collapse_but_punctuation_stays_a_separator():
    assert key_text("interim  \n president").key == " interim president "
    assert key_text("coup. Attempt").key == " coup  attempt "


# Every kind of whitespace \s knows (ASCII separators \x1c-\x1f, no-break and
# em spaces, NEL), and characters that are not whitespace, ASCII or not.
WHITESPACE_ALPHABET = list(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u3000") + list("a.é中😀")


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(WHITESPACE_ALPHABET), max_size=40))
def test_whitespace_runs_equal_the_regex_definition(text):
    non_ascii = set(ASCII_RUN.sub("", text))
    expected = [run.span() for run in re.finditer(r"\s\s+", text) if run.group().count("\n") < 2]
    assert _whitespace_runs(text, non_ascii) == expected


def test_whitespace_runs_keep_blank_lines():
    text = "coup\xa0 attempt.\n\nNext  \n paragraph"
    assert _whitespace_runs(text, {"\xa0"}) == [(4, 6), (20, 24)]  # not the blank line at 14


# Folds that change the length (… ß İ ﬁ, a combining accent), whitespace runs
# that collapse, and plain letters between them.
FOLD_ALPHABET = list("ab  \n\t\xa0…ßİﬁ\u0301é’-.")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(FOLD_ALPHABET), max_size=40))
def test_composed_anchors_equal_the_two_maps_in_turn(text):
    non_ascii = frozenset(ASCII_RUN.sub("", text))
    collapsed, collapse_map = _collapse_whitespace(text, non_ascii)
    folded, fold_map = _fold(collapsed, non_ascii)
    composed = _compose(fold_map, collapse_map)
    assert [composed(d) for d in range(len(folded))] == [collapse_map(fold_map(d)) for d in range(len(folded))]
    assert key_text(text).anchors.derived == composed.derived




def reference_fold(text, non_ascii):
    """The fold of earlier versions: every non-ASCII run folded character by character."""
    for char in non_ascii:
        if len(fold_char(char)) == 1:
            text = text.replace(char, fold_char(char))
    pieces, anchors, o_pos = [], [], 0
    for run in NON_ASCII_RUN.finditer(text):
        chunk = text[o_pos : run.start()].lower().translate(_ASCII_SEPARATORS)
        anchors += [o_pos + i for i in range(len(chunk))]
        pieces.append(chunk)
        for offset, char in enumerate(run.group()):
            folded = fold_char(char)
            anchors += [run.start() + offset] * len(folded)
            pieces.append(folded)
        o_pos = run.end()
    tail = text[o_pos:].lower().translate(_ASCII_SEPARATORS)
    anchors += [o_pos + i for i in range(len(tail))]
    return "".join(pieces + [tail]), anchors


# One-for-one folds (é ’ \xa0, Cyrillic and Greek capitals, CJK), resized ones
# (… ß İ ﬁ, a combining accent, ½, ㎏), compatibility forms folded twice (ℇ -> Ɛ -> ɛ,
# ℌ -> H -> h), ASCII capitals and separators.
FOLD_REFERENCE_ALPHABET = list("aZ -.,'\n…ßİﬁ\u0301é’\xa0ДдΣς中½ǅ😀ℇℌ㎏")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(FOLD_REFERENCE_ALPHABET), max_size=30))
def test_fold_equals_the_character_by_character_reference(text):
    non_ascii = frozenset(ASCII_RUN.sub("", text))
    folded, anchors = _fold(text, non_ascii)
    expected, expected_anchors = reference_fold(text, non_ascii)
    assert folded == expected
    assert [anchors(d) for d in range(len(folded))] == expected_anchors


def test_length_changing_folds_keep_offsets():
    text = "İİ ßß coup"
    keyed = key_text(text)
    start = keyed.key.index("coup")
    assert keyed.span_to_original(start, start + 4) == (6, 10)


def test_surface_keys_join_and_spell_out_initials():
    assert {"us backed", "u s backed"} <= surface_keys("U.S.-backed")
    assert surface_keys("U.S.-backed") == surface_keys("US-backed")
    assert "coups" in surface_keys("coup")
    assert "the us" not in surface_keys("theus")


@pytest.mark.parametrize("word, expected", [("coup", "coups"), ("ally", "allies"), ("crash", "crashes"), ("day", "days")])
def test_plural(word, expected):
    assert plural(word) == expected


def test_count_words_keeps_inner_apostrophes():
    assert count_words("rock'n'roll, 'tis the soldiers’ ''a''") == 5
    assert count_words("Guaido’s coup isn't over — yet.") == 5


WORD_REFERENCE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 _-'’\n\t.é߀İ\u0301中😀") + ["\ud800"]), max_size=40))
def test_count_words_equals_the_regex_definition(text):
    assert count_words(text) == len(WORD_REFERENCE.findall(text))


@pytest.mark.parametrize("text", ["", "'", "a'", "'a", "a'b'c", "a''b", "don’t stop", "São Paulo’s", "e\u0301t\u00e9",
                                  "___", "a_b", "٣ apples", "Ⅻ"])
def test_count_words_edge_cases(text):
    assert count_words(text) == len(WORD_REFERENCE.findall(text))
