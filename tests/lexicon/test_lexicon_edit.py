"""framing.lexicon.edit: adding a term to a user lexicon gives valid, versioned TOML."""

from __future__ import annotations

import tomllib

import pytest

from framing.article import Article
from framing.lexicon.model import Axis, LexiconError, bundled_lexicon, parse_lexicon
from framing.lexicon.edit import add_term_to_lexicon_toml, concept_id_from_label, dumps, next_version
from framing.scoring.matcher import TermMatcher
from framing.scoring.scores import match_table

AXIS = Axis("gov_opp", "Venezuelan crisis", "pro-opposition framing", "pro-government framing")


def add(toml, term, *, concept="protest", label="Street protest", axis=None, weight=0.5, name="my-terms"):
    return add_term_to_lexicon_toml(toml, lexicon_name=name, concept_id=concept, concept_label=label,
                                    axis=axis, term=term, weight=weight)


def test_new_lexicon_plain_category():
    text = add(None, "streets")
    lexicon = parse_lexicon(text)
    assert (lexicon.name, lexicon.version) == ("my-terms", "1.0.0")
    concept = lexicon.concept("protest")
    assert concept.label == "Street protest" and concept.axis is None
    assert [(t.text, t.weight) for t in concept.terms] == [("streets", 0.5)]
    assert lexicon.axes == ()


def test_axis_is_copied_and_term_matches():
    text = add(None, "Chavistas", concept="chavistas", label="Maduro's supporters", axis=AXIS, weight=-0.4)
    lexicon = parse_lexicon(text)
    assert lexicon.axes == (AXIS,)
    assert lexicon.concept("chavistas").axis == "gov_opp"
    article = Article(id="a", outlet="X", text="The chavistas marched.")
    matches = match_table([article], matcher=TermMatcher([lexicon]))
    assert list(matches["canonical"]) == ["Chavistas"]
    assert list(matches["weight"]) == [-0.4]


def test_second_term_bumps_version_and_keeps_the_first():
    first = add(None, "streets")
    second = add(first, "barricades", weight=1)
    lexicon = parse_lexicon(second)
    assert lexicon.version == "1.0.1"
    assert [t.text for t in lexicon.concept("protest").terms] == ["streets", "barricades"]
    third = add(second, "tear gas", concept="force", label="Force", axis=AXIS, weight=0.25)
    lexicon = parse_lexicon(third)
    assert lexicon.version == "1.0.2"
    assert {c.id for c in lexicon.concepts} == {"protest", "force"}
    assert len(lexicon.axes) == 1


def test_existing_bundled_style_lexicon_round_trips():
    source = bundled_lexicon("venezuela-2019").source
    text = open(source, encoding="utf-8").read() if source and not source.startswith("<") else None
    if text is None:
        pytest.skip("bundled lexicon has no readable source file")
    new = add(text, "streets of Caracas", concept="events", name="venezuela-2019", axis=AXIS, weight=0.1)
    before, after = parse_lexicon(text), parse_lexicon(new)
    assert len(after.concepts) == len(before.concepts)
    assert sum(len(c.terms) for c in after.concepts) == sum(len(c.terms) for c in before.concepts) + 1
    assert after.concept("events").terms[-1].text == "streets of Caracas"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"term": "streets"}, "already has this term"),
        ({"term": "STREETS"}, "already has this term"),
        ({"term": "barricade", "weight": 1.5}, "out of range"),
        ({"term": "barricade", "weight": -0.5}, "out of range"),  # no axis: 0 .. 1
        ({"term": "barricade", "axis": AXIS}, "on no axis"),
        ({"term": "!!!"}, "empty phrase"),
        ({"term": "barricade", "name": "other"}, "not 'other'"),
        ({"term": "Streets", "concept": "other"}, "same term"),  # the same term in two concepts
    ],
)
def test_problems_raise_lexicon_error(kwargs, message):
    base = add(None, "streets")
    with pytest.raises(LexiconError) as info:
        add(base, **kwargs)
    assert message in str(info.value)


def test_weight_range_on_an_axis():
    assert parse_lexicon(add(None, "chavistas", axis=AXIS, weight=-1)).concept("protest").terms[0].weight == -1
    with pytest.raises(LexiconError, match="out of range"):
        add(None, "chavistas", axis=AXIS, weight=-1.2)


def test_hostile_text_is_written_as_data():
    term = 'O\'Brien "the great" \\ <script>'
    label = "tab\there\nnewline \x7f"
    text = add(None, term, label=label)
    lexicon = parse_lexicon(text)
    assert lexicon.concept("protest").terms[0].text == term
    assert lexicon.concept("protest").label == label.strip()


def test_dumps_round_trips():
    data = {"name": "x", "version": "1", "axes": [{"id": "a", "label": "A", "negative": "n", "positive": "p"}],
            "concepts": {"c d": {"label": "C", "axis": "a",
                                 "terms": {"t": 0.5, "u v": {"weight": -0.5, "forms": ["u vs"]}}}}}
    assert tomllib.loads(dumps(data)) == data


def test_helpers():
    assert next_version("1.0.9") == "1.0.10"
    assert next_version("2") == "3"
    assert next_version("2019a") == "2019a.1"
    assert concept_id_from_label("Maduro's supporters!") == "maduro_s_supporters"
    assert concept_id_from_label("???") == "concept"


def test_saved_versions_replace_each_other(tmp_path):
    from framing.store.user_lexicons import save_user_lexicon, stored_user_lexicons
    from framing.store.article_store import ArticleStore

    store = ArticleStore(tmp_path / "framing.db")
    first = add(None, "streets")
    old = save_user_lexicon(store, first)
    second = add(first, "barricades")
    new = save_user_lexicon(store, second, replaces=old)
    assert new.version == "1.0.1"
    [(lexicon, text)] = stored_user_lexicons(store)
    assert (lexicon.name, lexicon.version, text) == ("my-terms", "1.0.1", second)
    assert [(lex.name, lex.version) for lex in store.lexicons()] == [("my-terms", "1.0.1")]
