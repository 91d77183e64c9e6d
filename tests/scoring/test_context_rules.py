"""Context rules on made-up sentences: except phrases, negation, and the quote rule beside them."""

from __future__ import annotations

import pytest

from framing.lexicon.model import LexiconError, bundled_lexicon, parse_lexicon
from framing.scoring.context_rules import NEGATION_CUES, ContextRules
from framing.scoring.matcher import TermMatcher
from framing.text.quotes import AUTHORIAL, QUOTED

RULES = """
name = "rules"
version = "1"
[context_rules]
negation = ["emotive", "doubt-casting verb"]
[concepts.emotive]
label = "Emotive"
[concepts.emotive.terms]
"critical" = { weight = 0.6, except = ["critical condition", "critical mass"] }
"brutal" = 0.8
"radical" = { weight = 0.7, except = ["free radical"] }
"attack" = { weight = 0.6, except = ["heart attack"] }
[concepts.verbs]
label = "Verbs"
[concepts.verbs.terms]
"claimed" = { weight = 0.7, category = "doubt-casting verb" }
"slammed" = 0.8
"""


@pytest.fixture(scope="module")
def matcher() -> TermMatcher:
    return TermMatcher([parse_lexicon(RULES)])


def found(matcher: TermMatcher, text: str) -> list[str]:
    return [m.term for m in matcher(text, sentences=False)]


def test_a_term_inside_an_except_phrase_is_dropped_elsewhere_kept(matcher):
    text = "The minister was critical of the plan; the patient is in critical condition."
    assert found(matcher, text) == ["critical"]
    assert matcher(text, sentences=False)[0].start == text.index("critical")


def test_except_phrases_match_their_plural_and_any_spelling(matcher):
    assert found(matcher, "Antioxidants mop up Free-Radicals.") == []
    assert found(matcher, "Free radicals? No: a radical plan.") == ["radical"]
    assert found(matcher, "He died of a heart attack after the attack.") == ["attack"]


def test_negation_drops_a_term_one_or_two_words_after_a_cue(matcher):
    assert found(matcher, "The raid was not brutal.") == []
    assert found(matcher, "It wasn't a brutal raid.") == []
    assert found(matcher, "He never claimed it.") == []
    # Three words away is out of the cue's reach, as is a cue after the term.
    assert found(matcher, "Not for a moment brutal, the raid.") == ["brutal"]
    assert found(matcher, "A brutal raid, not a search.") == ["brutal"]
    assert found(matcher, "Was it? No. Brutal, and not, brutal.") == ["Brutal", "brutal"]


def test_negation_applies_only_to_the_listed_concepts_and_categories(matcher):
    # "slammed" is in concept verbs without the listed category: the rule leaves it alone.
    assert found(matcher, "He never slammed the plan; he did not claimed it.") == ["slammed"]


def test_without_rules_nothing_is_dropped():
    plain = parse_lexicon(RULES.replace('negation = ["emotive", "doubt-casting verb"]', "").replace(
        ', except = ["critical condition", "critical mass"]', ""))
    assert found(TermMatcher([plain]), "Not brutal; in critical condition.") == ["brutal", "critical"]
    assert not TermMatcher([plain]).context_rules.negated


def test_the_quote_rule_stays_a_voice_not_a_filter(matcher):
    matches = matcher('The mayor said: "This was a brutal raid on our homes." The raid was brutal.', sentences=False)
    assert [(m.term, m.voice) for m in matches] == [("brutal", QUOTED), ("brutal", AUTHORIAL)]


def test_rules_of_one_lexicon_do_not_touch_another():
    other = parse_lexicon('name = "other"\nversion = "1"\n[concepts.e]\nlabel = "E"\n[concepts.e.terms]\n"brutal" = 0.9\n')
    both = TermMatcher([parse_lexicon(RULES), other])
    assert [(m.lexicon, m.term) for m in both("Not brutal.", sentences=False)] == [("other", "brutal")]


def test_an_except_phrase_without_the_term_is_a_problem():
    bad = RULES.replace('except = ["free radical"]', 'except = ["free market"]')
    with pytest.raises(LexiconError, match="except phrase 'free market' does not contain the term"):
        parse_lexicon(bad)


def test_unknown_or_malformed_context_rules_are_problems():
    with pytest.raises(LexiconError, match="unknown context rule 'sarcasm'; known: negation"):
        parse_lexicon(RULES.replace("negation = [", "sarcasm = ["))
    with pytest.raises(LexiconError, match="context rule 'negation' takes a list"):
        parse_lexicon(RULES.replace('negation = ["emotive", "doubt-casting verb"]', "negation = true"))


def test_the_bundled_detector_uses_both_rules():
    lexicon = bundled_lexicon("loaded-language")
    rules = ContextRules(
        (i, lexicon, concept, term) for i, (concept, term) in enumerate((c, t) for c in lexicon.concepts for t in c.terms)
    )
    assert rules.negated and rules.excepted
    matcher = TermMatcher([lexicon])
    assert found(matcher, "Police tracked the violent crimes of a violent mob.") == ["violent", "mob"]
    assert found(matcher, "Extreme weather hit the town; the plan was extreme.") == ["extreme"]
    assert found(matcher, "The protest was not violent.") == []
    assert "not" in NEGATION_CUES and "t" in NEGATION_CUES
