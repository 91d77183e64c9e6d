"""The bundled lexicon files load and contain what the analysis relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.lexicon.model import Concept, Lexicon, bundled_lexicon, bundled_lexicons, validate_lexicon_file
from framing.resources import BUNDLED_LEXICONS, bundled_lexicon_path, sample_corpus_dir
from framing.text.folding import key_text
from framing.text.phrase_keys import phrase_key, surface_keys


def weight_of(concept: Concept, phrase: str) -> float:
    """Weight of the term that matches ``phrase`` (its text, a form or a plural)."""
    key = phrase_key(phrase)
    for term in concept.terms:
        for surface in (term.text, *term.forms):
            if key in surface_keys(surface):
                return term.weight
    raise AssertionError(f"{phrase!r} is not matched by any term of concept {concept.id!r}")


def all_keys(lexicon: Lexicon) -> dict[str, str]:
    """Every folded key a lexicon matches (plurals too) -> the concept that owns it."""
    keys: dict[str, str] = {}
    for concept in lexicon.concepts:
        for term in concept.terms:
            for surface in (term.text, *term.forms):
                for key in surface_keys(surface):
                    keys.setdefault(key, concept.id)
    return keys


@pytest.fixture(scope="module")
def venezuela() -> Lexicon:
    return bundled_lexicon("venezuela-2019")


@pytest.fixture(scope="module")
def loaded() -> Lexicon:
    return bundled_lexicon("loaded-language")


@pytest.mark.parametrize("name", BUNDLED_LEXICONS)
def test_bundled_lexicon_file_is_valid(name):
    assert validate_lexicon_file(bundled_lexicon_path(name)) == []
    lexicon = bundled_lexicon(name)
    assert lexicon.name == name
    # loaded-language 2.0.0 is the detector of issue 15 (curated terms plus VADER and Pattern).
    assert lexicon.version == {"venezuela-2019": "1.0.0", "loaded-language": "2.0.0"}[name]
    assert lexicon.description
    assert len(lexicon.sha256) == 64


def test_bundled_lexicons_are_the_default_set():
    assert [lex.name for lex in bundled_lexicons()] == ["venezuela-2019", "loaded-language"]


# ---------------------------------------------------------------------------
# venezuela-2019


def test_venezuela_axis(venezuela):
    assert [a.id for a in venezuela.axes] == ["gov_opp"]
    axis = venezuela.axis("gov_opp")
    assert axis.label == "Venezuelan crisis, 2019"
    assert axis.positive == "pro-government framing"
    assert axis.negative == "pro-opposition framing"
    assert "30 April 2019" in venezuela.description


def test_every_venezuela_concept_is_on_the_axis_with_neutral_and_both_poles(venezuela):
    assert {"events", "maduro_standing", "guaido_standing", "people", "foreign_role"} <= {
        c.id for c in venezuela.concepts
    }
    for concept in venezuela.concepts:
        assert concept.axis == "gov_opp", concept.id
        assert concept.label and concept.label != concept.id, concept.id
        weights = [t.weight for t in concept.terms]
        assert any(w == 0 for w in weights), f"{concept.id}: no neutral wording"
        assert any(w > 0 for w in weights), f"{concept.id}: no pro-government wording"
        assert any(w < 0 for w in weights), f"{concept.id}: no pro-opposition wording"


POSITIVE = {  # pro-government framing
    "events": [
        "coup", "coups", "coup attempt", "attempted coup", "attempted coups", "coup d'état",
        "coup d’etat", "coups d'état", "putsch", "military coup", "terrorist act",
    ],
    "maduro_standing": [
        "legitimate government", "constitutional government", "constitutional president",
        "legitimate leadership",
    ],
    "guaido_standing": [
        "opposition lawmaker", "opposition politician", "opposition politicians",
        "opposition congressman", "self-proclaimed president", "self-proclaimed", "puppet",
        "puppet government", "fictitious government", "illegally proclaimed", "presidential aspirant",
        "colonial governor",
    ],
    "people": ["coup plotters", "military traitors", "far-right", "far right", "right-wing", "rogues"],
    "foreign_role": [
        "U.S.-backed", "US-backed", "U.S backed", "US-back", "imperialist", "imperialism",
        "interference", "interfere", "interfered", "interferes", "interfering", "aggression",
        "regime change", "plundered",
    ],
    "government_camp": ["Bolivarian revolution", "Bolivarian people’s revolution"],
}

NEGATIVE = {  # pro-opposition framing
    "events": ["uprising", "rebellion", "popular uprising", "military uprising", "Operation Liberty", "Operación Libertad"],
    "maduro_standing": [
        "regime", "Maduro regime", "socialist regime", "dictator", "dictatorship", "dictatorships",
    ],
    "guaido_standing": ["interim president", "president Guaidó", "President Guaido", "President Juan Guaido"],
    "people": ["protesters", "opposition supporters", "defectors", "defected"],
    "foreign_role": ["Russia-backed", "China-backed", "Russia- and China-backed", "Russian interference"],
    "government_camp": ["regime supporters"],
}

NEUTRAL = {
    "events": ["events", "unrest", "clashes", "takeover attempt"],
    "maduro_standing": ["Venezuelan government", "Maduro government", "Maduro administration", "Venezuelan Govt"],
    "guaido_standing": ["opposition leader"],
    "people": ["demonstrators", "soldiers"],
    "foreign_role": ["intervention"],
    "government_camp": ["Chavistas"],
}


@pytest.mark.parametrize(
    "concept_id, phrase, sign",
    [(c, p, +1) for c, ps in POSITIVE.items() for p in ps]
    + [(c, p, -1) for c, ps in NEGATIVE.items() for p in ps]
    + [(c, p, 0) for c, ps in NEUTRAL.items() for p in ps],
)
def test_venezuela_term_sign(venezuela, concept_id, phrase, sign):
    weight = weight_of(venezuela.concept(concept_id), phrase)
    assert (weight > 0) - (weight < 0) == sign, f"{phrase!r} has weight {weight}"


def test_venezuela_graded_weights(venezuela):
    events = venezuela.concept("events")
    assert weight_of(events, "coup d'état") > weight_of(events, "coup") >= 0.8
    assert weight_of(events, "putsch") >= weight_of(events, "coup")
    assert weight_of(events, "popular uprising") < weight_of(events, "uprising") < weight_of(events, "rebellion") < 0
    guaido = venezuela.concept("guaido_standing")
    assert weight_of(guaido, "self-proclaimed president") > weight_of(guaido, "opposition lawmaker") > 0


def test_bare_government_and_administration_are_not_terms(venezuela):
    # They would count "Trump administration" or "the Mexican government" as a
    # neutral wording for Maduro's government (see the comment in the file).
    keys = all_keys(venezuela)
    for word in ("government", "administration", "trump administration", "u s government"):
        assert word not in keys


def test_venezuela_terms_come_from_the_sample(venezuela):
    # Framing words the sample actually uses are matched by the lexicon.
    corpus = sample_corpus_dir()
    text = " ".join(key_text(p.read_text(encoding="utf-8")).key for p in sorted(Path(corpus).glob("*.txt")))
    used = [
        "US-back", "presidential aspirant", "fictitious government", "puppet government",
        "illegally proclaimed", "regime change", "Chavistas", "Bolivarian Revolution",
        "self-proclaimed president", "popular uprising", "Operation Liberty", "coup d’etat",
        "military traitors", "rogues", "constitutional President", "legitimate government",
    ]
    keys = all_keys(venezuela)
    for phrase in used:
        key = phrase_key(phrase)
        assert f" {key} " in text, f"{phrase!r} is not in the sample"
        assert any(k in keys for k in surface_keys(phrase)), f"{phrase!r} is not in the lexicon"


# ---------------------------------------------------------------------------
# loaded-language


def test_loaded_language_has_no_axis(loaded):
    assert loaded.axes == ()
    assert all(c.axis is None for c in loaded.concepts)
    curated = {"attribution", "delegitimising", "emotive", "partisan_labels"}
    assert {c.id for c in loaded.concepts} == curated | {"negative_emotive", "positive_emotive", "evaluative"}


def test_loaded_language_sizes_and_weights(loaded):
    for concept in loaded.concepts:
        # The curated concepts are short lists; the generated ones hold hundreds of words.
        low, high = (20, 40) if concept.id in {"attribution", "delegitimising", "emotive", "partisan_labels"} else (40, 1500)
        assert low <= len(concept.terms) <= high, (concept.id, len(concept.terms))
        for term in concept.terms:
            # 0 = neutral reference; loaded words are clearly loaded (0.5 .. 1).
            assert term.weight == 0 or 0.5 <= term.weight <= 1, (concept.id, term.text)
    assert all(t.weight > 0 for t in loaded.concept("delegitimising").terms)
    assert all(t.weight > 0 for t in loaded.concept("emotive").terms)


NEUTRAL_ATTRIBUTION = ["said", "says", "say", "told", "tells", "stated", "noted", "added", "reported"]
LOADED_ATTRIBUTION = [
    "claimed", "claims", "claim", "admitted", "bragged", "boasted", "insisted", "alleged",
    "conceded", "confessed", "complained", "denounced", "threatened", "threatens", "ranted",
]
DELEGITIMISING = ["so-called", "self-styled", "self-proclaimed", "regime", "puppet", "thugs", "mouthpiece", "propaganda"]
EMOTIVE = ["brutally", "brutal", "horrifying", "cowardly", "extreme", "spectacular failure", "desperately", "massive"]


@pytest.mark.parametrize(
    "concept_id, phrase, loaded_",
    [("attribution", p, False) for p in NEUTRAL_ATTRIBUTION]
    + [("attribution", p, True) for p in LOADED_ATTRIBUTION]
    + [("delegitimising", p, True) for p in DELEGITIMISING]
    + [("emotive", p, True) for p in EMOTIVE],
)
def test_loaded_language_terms(loaded, concept_id, phrase, loaded_):
    weight = weight_of(loaded.concept(concept_id), phrase)
    assert (weight > 0) == loaded_, f"{phrase!r} has weight {weight}"


def test_states_is_not_an_attribution_verb(loaded):
    # "states" would match "United States" and "Secretary of State".
    keys = all_keys(loaded)
    assert "states" not in keys and "state" not in keys


def test_no_word_in_two_loaded_language_concepts(loaded):
    # The validator already enforces this; check single words across concepts
    # too, so "brutal" and "brutally" may coexist but never the same word.
    seen: dict[str, str] = {}
    for concept in loaded.concepts:
        for term in concept.terms:
            for surface in (term.text, *term.forms):
                key = phrase_key(surface)
                assert seen.setdefault(key, concept.id) == concept.id, surface
