"""Quotation spans and voice: direct quotes, scare quotes, apostrophes."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text.quotes import AUTHORIAL, QUOTED, SCARE_QUOTED, VoiceIndex, find_quotations


def voice_of(text: str, phrase: str, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return VoiceIndex(text).voice(start, start + len(phrase))


def test_short_curly_quote_is_a_scare_quote():
    text = "Guaido illegally proclaimed himself “interim president” of Venezuela."
    assert voice_of(text, "interim president") == SCARE_QUOTED


def test_clause_in_quotes_is_direct_quotation():
    text = "“Accept Interim President Guaido’s amnesty, protect the Constitution,” said Bolton."
    assert voice_of(text, "Interim President") == QUOTED


def test_apostrophe_inside_word_is_not_a_quote():
    text = "VIDEO: Guaido’s coup is a ‘farce’ – Daniel McAdams"
    assert voice_of(text, "coup") == AUTHORIAL
    assert voice_of(text, "farce") == SCARE_QUOTED


def test_possessive_apostrophe_after_s_is_not_a_closing_quote():
    text = "The soldiers’ coup failed, officials said."
    assert find_quotations(text) == []
    assert voice_of(text, "coup") == AUTHORIAL


def test_unclosed_quotation_ends_at_paragraph_end():
    text = "He tweeted that “a coup is under way in Venezuela today, with the puppet.\n\nThe coup failed."
    assert voice_of(text, "puppet") == QUOTED
    assert voice_of(text, "coup", nth=1) == AUTHORIAL
    (quote,) = find_quotations(text)
    assert not quote.closed


def test_straight_double_quotes():
    text = 'They called it a "popular uprising" and added: "this is a coup against the people, nothing less."'
    assert voice_of(text, "popular uprising") == SCARE_QUOTED
    assert voice_of(text, "coup") == QUOTED


def test_scare_quote_inside_a_quotation_is_the_sources():
    text = "“There is no place to ‘half-way measures’ anymore: NO to the coup,” it said."
    assert voice_of(text, "half-way measures") == QUOTED


def test_final_full_stop_inside_short_quote_keeps_it_a_scare_quote():
    text = "Arreaza called the allegations “fake news.” Then he left."
    assert voice_of(text, "fake news") == SCARE_QUOTED


def voice_by_scanning(text: str, start: int, end: int) -> str:
    """The rule read off every quotation in turn: outermost direct quotation, else any scare quote."""
    holding = [q for q in find_quotations(text) if q.start <= start and end <= q.end]
    if any(q.kind == QUOTED for q in holding):
        return QUOTED
    return SCARE_QUOTED if holding else AUTHORIAL


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["coup", "the regime", " ", "  ", ", ", ".", "\n", "\n\n", "“", "”", "‘", "’",
                                 '"', "'", " said", "Guaido’s", "a long quoted clause, he said"]), max_size=40))
def test_voice_equals_a_scan_of_every_quotation(pieces):
    # Random marks make unclosed, nested and crossing quotes; the nesting walk
    # must give what checking every quotation gives, for every word.
    text = "".join(pieces)
    index = VoiceIndex(text)
    for word in re.finditer(r"\w+", text):
        assert index.voice(word.start(), word.end()) == voice_by_scanning(text, word.start(), word.end()), (text, word)


def test_an_early_unclosed_quotation_still_holds_later_words_only_in_its_paragraph():
    text = "“An unclosed quote runs on and on, past ‘coup’ here\n\nThe ‘regime’ held."
    index = VoiceIndex(text)
    assert index.voice(text.index("coup"), text.index("coup") + 4) == QUOTED  # inside the unclosed direct quotation
    assert index.voice(text.index("regime"), text.index("regime") + 6) == SCARE_QUOTED
    assert index.voice(text.index("held"), text.index("held") + 4) == AUTHORIAL
