"""The bundled detector's terms name where they come from, as samples/lexicons/README.md says."""

from __future__ import annotations

import re

from framing.lexicon.model import bundled_lexicon
from framing.resources import bundled_lexicon_path

SOURCES = {
    "negative_emotive": r"VADER valence -\d\.\d",
    "positive_emotive": r"VADER valence \+\d\.\d",
    "evaluative": r"Pattern subjectivity [01]\.\d\d, polarity -?[01]\.\d\d",
}


def test_generated_terms_carry_their_source_score_and_category():
    lexicon = bundled_lexicon("loaded-language")
    for concept_id, pattern in SOURCES.items():
        terms = lexicon.concept(concept_id).terms
        assert terms
        for term in terms:
            assert re.fullmatch(pattern, term.source), (concept_id, term.text, term.source)
            assert term.category and 0.5 <= term.weight <= 1, term.text


def test_curated_terms_have_no_outside_source_and_the_readme_names_every_source():
    lexicon = bundled_lexicon("loaded-language")
    curated = [t for c in lexicon.concepts if c.id not in SOURCES for t in c.terms]
    assert len(curated) > 100 and all(t.source == "" for t in curated)
    readme = (bundled_lexicon_path("loaded-language").parent / "README.md").read_text(encoding="utf-8")
    for name in ("VADER", "MIT", "Pattern", "PDDL", "wordfreq", "own curation"):
        assert name in readme


def test_negation_and_except_phrases_are_in_use():
    lexicon = bundled_lexicon("loaded-language")
    assert set(lexicon.context_rule("negation")) == {c.id for c in lexicon.concepts}
    excepted = {t.text: t.exceptions for c in lexicon.concepts for t in c.terms if t.exceptions}
    assert "extreme weather" in excepted["extreme"] and "free radical" in excepted["radical"]
