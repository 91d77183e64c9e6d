"""The matcher: whole words, folding, longest match, spans, voice, sentences."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.lexicon.model import bundled_lexicons, parse_lexicon
from framing.scoring.matcher import TermMatcher
from framing.text.phrase_keys import phrase_key, surface_keys
from tests.reference_matcher import reference_matches

TINY = parse_lexicon(
    """
name = "tiny"
version = "1"
[[axes]]
id = "a"
negative = "against"
positive = "for"
[concepts.events]
axis = "a"
[concepts.events.terms]
"coup" = 0.8
"coup attempt" = 0.8
"coup d'état" = 0.9
"uprising" = -0.6
"war" = 0.5
[concepts.standing]
axis = "a"
[concepts.standing.terms]
"regime" = -0.7
"Maduro regime" = -0.9
"self-proclaimed president" = 0.8
"U.S.-backed" = 0.7
"Guaidó" = 0
""",
    file="tiny.toml",
)


def canon(text: str, lexicons=(TINY,)):
    return [m.canonical for m in TermMatcher(lexicons)(text)]


def test_whole_words_only():
    assert canon("software warfare war-torn") == ["war"]
    assert canon("The coupe was parked; a coup followed.") == ["coup"]


def test_punctuation_between_words_breaks_a_phrase():
    assert canon("the coup. Attempts to talk failed") == ["coup"]
    assert canon("the coup\n\nattempt") == ["coup"]  # a paragraph break is a break
    assert canon("a coup  \n attempt") == ["coup attempt"]  # a line wrap is not


def test_longest_match_wins_within_a_lexicon():
    assert canon("the Maduro regime and the regime") == ["Maduro regime", "regime"]
    assert canon("a coup attempt") == ["coup attempt"]


def test_folding_of_case_accents_and_typography():
    assert canon("COUP D’ETAT and coup d'état") == ["coup d'état", "coup d'état"]
    assert canon("Self Proclaimed President Guaido") == ["self-proclaimed president", "Guaidó"]
    assert canon("US-backed, U.S backed and u.s.-backed") == ["U.S.-backed"] * 3


def test_plurals_are_matched():
    assert canon("two coups and many uprisings") == ["coup", "uprising"]


def test_spans_index_the_original_even_when_folding_changes_length():
    text = "İİ ßß Guaido\u0301 and the coup"
    (guaido, coup) = TermMatcher([TINY])(text)
    assert text[guaido.start : guaido.end] == guaido.term == "Guaido\u0301"
    assert text[coup.start : coup.end] == "coup"


def test_same_words_match_in_each_lexicon():
    other = parse_lexicon('name = "other"\nversion = "1"\n[concepts.labels]\nterms = ["regime"]\n', file="o.toml")
    found = [(m.lexicon, m.canonical) for m in TermMatcher([TINY, other])("the Maduro regime")]
    assert found == [("tiny", "Maduro regime"), ("other", "regime")]


def test_match_carries_sentence_and_voice():
    text = "The army held. He called it a “popular uprising” on Tuesday. Critics said the coup failed."
    matches = TermMatcher([TINY])(text)
    assert [(m.canonical, m.voice) for m in matches] == [("uprising", "scare_quoted"), ("coup", "authorial")]
    assert matches[0].sentence == "He called it a “popular uprising” on Tuesday."
    assert text[matches[1].sentence_start :].startswith("Critics said")


def test_empty_and_matchless_text():
    assert TermMatcher([TINY])("") == []
    assert TermMatcher([TINY])("Nothing to see here.") == []


# --- on the real sample --------------------------------------------------------


def find(matches, article, canonical, voice=None):
    rows = matches[(matches["article"] == article) & (matches["canonical"] == canonical)]
    return rows if voice is None else rows[rows["voice"] == voice]


def test_telesur_interim_president_scare_quoted_and_in_boltons_quote(sample_matches):
    rows = find(sample_matches, "telesur-2019-04-30", "interim president")
    scare = rows[rows["sentence"].str.contains("illegally proclaimed himself")]
    assert list(scare["voice"]) == ["scare_quoted"]
    bolton = rows[rows["sentence"].str.contains("Accept Interim President")]
    assert list(bolton["voice"]) == ["quoted"] and list(bolton["term"]) == ["Interim President"]


def test_zerohedge_title_scare_quoted_and_own_coup_attempt_authorial(sample_matches):
    title = find(sample_matches, "zerohedge-2019-05-01", "attempted coup", "scare_quoted")
    assert list(title["term"]) == ["Attempted Coup"]
    own = find(sample_matches, "zerohedge-2019-05-01", "coup attempt")
    assert list(own["voice"]) == ["authorial"]
    assert own["sentence"].iloc[0].startswith("The coup attempt was hardly bloodless")


def test_every_sample_span_slices_back(sample, sample_matches):
    for row in sample_matches.itertuples():
        assert sample[row.article].text[row.start : row.end] == row.term


# --- property-based: fast matcher == slow reference --------------------------

LEXICONS = bundled_lexicons()
MATCHER = TermMatcher(LEXICONS)  # built once: 3,800 patterns since loaded-language 2.0.0
SURFACES = sorted({s for lex in LEXICONS for c in lex.concepts for t in c.terms for s in (t.text, *t.forms)})
FILLER = ["the", "software", "coupe", "warfare", "regimental", "said", "and", "Guaidó", "İstanbul", "straße", "e\u0301tat"]
PUNCT = [" ", "  ", ", ", ". ", "\n", "\n\n", " – ", "-", "’s ", " “", "” ", " ‘", "’ ", ' "', '" ', " (", ") ", "🙂"]


def _variant(surface: str, mode: int) -> str:
    if mode == 1:
        return surface.upper()
    if mode == 2:
        return surface.title()
    if mode == 3:
        return surface.replace("-", " ").replace("'", "’")
    return surface


pieces = st.one_of(
    st.builds(_variant, st.sampled_from(SURFACES), st.integers(0, 3)),
    st.sampled_from(FILLER),
    st.text(alphabet=string.ascii_letters + "éßİ", min_size=1, max_size=6),
)
texts = st.lists(st.tuples(pieces, st.sampled_from(PUNCT)), max_size=25).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=150, deadline=None)
@given(texts)
def test_fast_matcher_agrees_with_reference(text):
    fast = [(m.lexicon, m.start, m.end, m.canonical) for m in MATCHER(text)]
    assert fast == reference_matches(text, list(LEXICONS))


@settings(max_examples=150, deadline=None)
@given(texts)
def test_every_span_slices_back_to_a_variant_of_its_term(text):
    lexicon_terms = {(lex.name, t.text): t for lex in LEXICONS for c in lex.concepts for t in c.terms}
    for m in MATCHER(text):
        assert text[m.start : m.end] == m.term
        term = lexicon_terms[(m.lexicon, m.canonical)]
        keys = set().union(*(surface_keys(s) for s in (term.text, *term.forms)))
        assert phrase_key(m.term) in keys
