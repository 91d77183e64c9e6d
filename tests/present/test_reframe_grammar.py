"""Reframing that reads right: sentences of the bundled sample with their rewrites written out.

Each sentence is matched on its own, and the variants the sample's outlets
use in their own voice decide between allowed wordings (as on the Reframe
page), so the expected texts are what a class sees.
"""

from __future__ import annotations

import pytest

from framing.article import Article
from framing.lexicon.model import parse_lexicon
from framing.present import reframe_grammar as grammar
from framing.present.reframe import reframe, variant_usage
from framing.scoring.scores import match_table

NB = "\xa0"  # the sample's teleSUR text has no-break spaces

# (target, sentence as in the sample, expected rewrite)
SAMPLE_SENTENCES = [
    # Title Case of a headline is copied.
    ("opposite", "Live Updates: Venezuelan Govt Says Guaido Coup Failed, Lopez Hides in Chile’s Embassy",
     "Live Updates: Venezuelan Govt Says Guaido Uprising Failed, Lopez Hides in Chile’s Embassy"),
    # "Maduro regime" keeps Maduro; "an uprising" -> "a coup attempt" would need the article, here none.
    ("opposite",
     "Now that the monthslong simmering rebellion against Maduro has exploded into a full-fledged uprising – one "
     "that’s in danger of being brutally suppressed by the Maduro regime – it’s time for the US to revive its threats "
     "of military intervention with the added subtext of ‘this time, we mean it’.",
     "Now that the monthslong simmering coup attempt against Maduro has exploded into a full-fledged coup attempt – "
     "one that’s in danger of being brutally suppressed by the Maduro government – it’s time for the US to revive its "
     "threats of military intervention with the added subtext of ‘this time, we mean it’."),
    # A word shared with the matched wording is kept ("government").
    ("opposite",
     "The Venezuelan opposition lawmaker has once again called on the military to overthrow the legitimate "
     "government of President Nicolas Maduro.",
     "The Venezuelan acting president has once again called on the military to overthrow the illegitimate "
     "government of President Nicolas Maduro."),
    # Neutral: every neutral wording of Maduro's standing names someone, so "legitimate government" stays.
    ("neutral",
     "The Venezuelan opposition lawmaker has once again called on the military to overthrow the legitimate "
     "government of President Nicolas Maduro.",
     "The Venezuelan opposition leader has once again called on the military to overthrow the legitimate "
     "government of President Nicolas Maduro."),
    # "an uprising" -> "a coup attempt"; a verb ("illegally proclaimed") has no noun for a counterpart.
    ("opposite",
     f"Juan Guaido, the opposition lawmaker who illegally proclaimed himself “interim president” of Venezuela{NB}"
     f"Tuesday morning made a call on social media asking{NB}the military{NB}and people to begin an uprising against "
     "the legitimate government of President Nicolas Maduro.",
     f"Juan Guaido, the acting president who illegally proclaimed himself “self-proclaimed president” of Venezuela{NB}"
     f"Tuesday morning made a call on social media asking{NB}the military{NB}and people to begin a coup attempt "
     "against the illegitimate government of President Nicolas Maduro."),
    # "a" before a quote mark becomes "an" by the new wording's first sound.
    ("neutral",
     "Zakharova made these statements after U.S. National Security Adviser John Bolton requested a “regime change” "
     "in Venezuela.",
     "Zakharova made these statements after U.S. National Security Adviser John Bolton requested an “intervention” "
     "in Venezuela."),
    # A plural stays plural.
    ("opposite", "Clashes have broken out between police and protesters in Caracas.",
     "Clashes have broken out between police and deserters in Caracas."),
    # A scare-quoted term is reframed inside its quote marks.
    ("opposite", "VIDEO: Guaido’s coup is a ‘farce’ – Daniel McAdams",
     "VIDEO: Guaido’s uprising is a ‘rebellion’ – Daniel McAdams"),
    # A title before a name keeps its head noun: the politicians are not made presidents.
    ("opposite",
     "Turkey’s President Recep Tayyip Erdogan condemned the attempted coup led by Venezuelan opposition politicians "
     "Juan Guaido and Leopoldo Lopez.",
     "Turkey’s President Recep Tayyip Erdogan condemned the uprising led by Venezuelan opposition politicians "
     "Juan Guaido and Leopoldo Lopez."),
    ("opposite",
     "Venezuelan opposition leader and self-proclaimed president Juan Guaido has called for a second day of street "
     "protests on Wednesday.",
     "Venezuelan opposition leader and interim president Juan Guaido has called for a second day of street "
     "protests on Wednesday."),
    # A verb is not replaced by a noun or a modifier ("destabilize" -> "Russia-backed").
    ("opposite",
     f"Forming an{NB} unusual alliance, it appears CNN has joined the Trump administration in spreading "
     f"disinformation about the events in{NB} Venezuela to try and destabilize the regime.",
     f"Forming an{NB} unusual alliance, it appears CNN has joined the Trump administration in spreading "
     f"disinformation about the events in{NB} Venezuela to try and destabilize the constitutional government."),
    # A modifier for a modifier; "U.S.-backed" is not turned into "Russia-backed" (who backed it is a fact).
    ("opposite",
     "Senior government officials have rejected the attempted coup and called on the country’s population to do the "
     "same and march towards the Miraflores presidential palace to protect the country from the far-right, "
     "U.S.-backed coup.",
     "Senior government officials have rejected the uprising and called on the country’s population to do the "
     "same and march towards the Miraflores presidential palace to protect the country from the pro-democracy, "
     "U.S.-backed uprising."),
    # The same word kept for a shared word: "opposition supporters" -> "opposition members", not "soldiers".
    ("neutral",
     "Presenting a surprising lack of confidence in Guaido, opposition supporters celebrated the release of "
     "Leopoldo Lopez from house arrest, the former opposition leader immediately sought refuge in the Chilean embassy.",
     "Presenting a surprising lack of confidence in Guaido, opposition members celebrated the release of "
     "Leopoldo Lopez from house arrest, the former opposition leader immediately sought refuge in the Chilean embassy."),
    # A capitalised title of the writer's ("President") is one too; nothing on the other pole fits.
    ("opposite", "Commandant Nicolas Maduro is the undisputed constitutional President of Venezuela.”",
     "Commandant Nicolas Maduro is the undisputed constitutional President of Venezuela.”"),
]


@pytest.fixture(scope="module")
def usage(sample_matches):
    return variant_usage(sample_matches)


def rewrite(text, lexicons, usage=None, target="opposite"):
    matches = match_table([Article(id="s", outlet="s", text=text)], lexicons)
    return reframe(text, matches, lexicons, target=target, usage=usage)


def test_sample_sentences_are_in_the_sample(sample):
    texts = " ".join(a.text for a in sample.values())
    for _, sentence, _ in SAMPLE_SENTENCES:
        assert sentence.rstrip(".") in texts, sentence[:60]


@pytest.mark.parametrize("target, sentence, expected", SAMPLE_SENTENCES, ids=lambda v: v[:30] if len(v) > 9 else v)
def test_sample_sentence_reads_right(lexicons, usage, target, sentence, expected):
    result = rewrite(sentence, lexicons, usage, target)
    assert result.text == expected
    for change in result.changes:
        assert result.text[change.new_start:change.new_end] == change.replacement
        assert sentence[change.start:change.end] == change.original


def test_the_issue_examples(lexicons, usage):
    # "called it a coup" became "called it an events"; "Maduro regime" lost the name.
    assert rewrite("They called it a coup.", lexicons, usage, "neutral").text == "They called it a clash."
    assert rewrite("The Maduro regime fell.", lexicons, usage).text == "The Maduro government fell."
    assert rewrite("Maduro's regime fell.", lexicons, usage).text == "Maduro's government fell."


TWO = parse_lexicon(
    """
name = "two"
version = "0.1.0"
[[axes]]
id = "ab"
label = "A vs B"
negative = "pro-B"
positive = "pro-A"
[concepts.events]
label = "The events"
axis = "ab"
[concepts.events.terms]
"events" = 0
"coup" = 0.8
"hour of liberation" = -0.8
"unrest" = -0.1
"""
)


def test_articles_number_possessives_and_sentence_starts():
    # Only a plural is neutral: the article goes, and its capital moves to the noun.
    assert rewrite("A coup began.", [TWO], target="neutral").text == "Events began."
    assert rewrite("It was a coup, not a riot.", [TWO], target="neutral").text == "It was events, not a riot."
    # A plural's possessive is the bare apostrophe.
    assert rewrite("The coup's end.", [TWO], target="neutral").text == "The events' end."
    # Silent h: "an hour".
    assert rewrite("It was a coup.", [TWO]).text == "It was an hour of liberation."
    # A sentence start keeps its capital; the lexicon's lower case is used inside a sentence.
    assert rewrite("Hours later. Coup! said one.", [TWO]).text == "Hours later. Hour of liberation! said one."


def test_effective_weights_follow_the_voice(lexicons, usage):
    result = rewrite("VIDEO: Guaido’s coup is a ‘farce’ – Daniel McAdams", lexicons, usage)
    authorial, scare = result.changes
    assert (authorial.voice, authorial.old_effective, authorial.new_effective) == ("authorial", 0.8, -0.6)
    # A scare-quoted "farce" (+0.5) counts -0.5; its replacement, still in quote marks, counts inverted too.
    assert (scare.voice, scare.old_effective, scare.new_effective) == ("scare_quoted", -0.5, 0.5)


@pytest.mark.parametrize("phrase, an", [
    ("uprising", True), ("union", False), ("hour", True), ("honest man", True), ("US-backed coup", False),
    ("FBI agent", True), ("NGO", True), ("UN envoy", False), ("European", False), ("one-off", False),
    ("coup", False), ("“intervention”", True),
])
def test_indefinite_article_by_first_sound(phrase, an):
    assert grammar.wants_an(phrase) is an


@pytest.mark.parametrize("form, family, kind", [
    ("coup", ("coup",), grammar.NOUN),
    ("attempted coup", ("attempted coup",), grammar.NOUN),
    ("destabilize", ("destabilize", "destabilized", "destabilization"), grammar.VERB),
    ("destabilized", ("destabilize", "destabilized", "destabilization"), grammar.VERB_ED),
    ("destabilization", ("destabilize", "destabilized", "destabilization"), grammar.NOUN),
    ("meddling", ("meddling", "meddle", "meddled"), grammar.VERB_ING),
    ("U.S.-backed", ("U.S.-backed",), grammar.MODIFIER),
    ("far-right", ("far-right",), grammar.MODIFIER),
    ("restore democracy", ("restore democracy", "restored democracy", "restoration of democracy"), "verb:2"),
    ("restoration of democracy", ("restore democracy", "restored democracy", "restoration of democracy"),
     grammar.NOUN),
    ("defector", ("defector", "defected"), grammar.NOUN),
])
def test_word_kinds(form, family, kind):
    assert grammar.word_kind(form, family) == kind


def test_number_and_possessive_helpers():
    assert grammar.is_plural_phrase("opposition supporters") and grammar.is_plural_phrase("events")
    assert not grammar.is_plural_phrase("chaos") and not grammar.is_plural_phrase("Bolivarian process")
    assert not grammar.is_plural_phrase("restoration of democracy")
    assert grammar.is_mass_noun("unrest") and not grammar.is_mass_noun("clash")
    assert grammar.keep_possessive("Maduro’s regime", "Maduro government") == "Maduro’s government"
    assert grammar.fix_article("A", "uprising") == "An" and grammar.fix_article("a", "events") == ""


from hypothesis import given, settings, strategies as st  # noqa: E402

FRAGMENTS = ["a", "an", "A", "the", "coup", "coups", "Coup", "regime", "regime's", "Maduro regime", "Maduro’s regime",
             "uprising", "interim president", "‘farce’", "“coup”", "destabilized", "U.S.-backed", "protesters",
             "protesters’", "President", "Nicolas Maduro", "opposition politician", "far-right", ".", ",", "\n\n",
             "said", "imperialist interference", "events", "Venezuelan", "constitutional president"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14), st.sampled_from(["opposite", "neutral"]))
def test_any_mix_of_wordings_gives_consistent_changes(lexicons, words, target):
    text = " ".join(words)
    result = rewrite(text, lexicons, target=target)
    rebuilt, pos = [], 0
    for change in result.changes:
        assert text[change.start:change.end] == change.original
        assert result.text[change.new_start:change.new_end] == change.replacement
        rebuilt.append(text[pos:change.start] + change.replacement)
        pos = change.end
    assert "".join(rebuilt) + text[pos:] == result.text
