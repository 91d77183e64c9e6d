"""Suggested concepts on a made-up corpus whose competing wordings are known."""

from __future__ import annotations

import random

import pytest

from framing.article import Article
from framing.discover.suggest import suggest_concepts, weight_of
from framing.discover.suggest_draft import suggestion_toml
from framing.lexicon.model import parse_lexicon

# Sentences with a slot: the thing that each side names its own way.
PEOPLE = [
    "Officials in {place} said {} crossed the border near the river on {day}.",
    "The agency detained {} at the checkpoint outside {place} on {day}.",
    "Lawmakers from {place} debated on {day} whether {} should receive legal status.",
    "Local shelters in {place} housed {} through the cold winter, {day} reports said.",
    "A judge in {place} ruled on {day} that {} could stay while their cases were heard.",
    "Farm owners near {place} said on {day} they depended on {} to pick the harvest.",
]
TAX = [
    "Congress voted on {day} to repeal the {}, a {place} senator said.",
    "Farmers in {place} say the {} hurts family businesses, a {day} survey found.",
    "Economists in {place} estimate the {} raises little money, they wrote on {day}.",
    "The governor of {place} promised on {day} to abolish the {} if re-elected.",
]
# Varying slots, so that no sentence recurs word for word across an outlet's articles
# (the boilerplate detector would rightly take a sentence repeated in many of them).
PLACES = """Dover Exeter Bangor Salem Tulsa Fresno Austin Boise Tampa Omaha Reno Akron Provo Mesa Lansing
Dayton Macon Yuma Ogden Flint Albany Topeka Helena Juneau Eugene Duluth Butte Casper Laredo Biloxi""".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# Shared sentences with no slot: both sides write them.
SHARED = [
    "The weather turned colder as the week went on.", "Markets closed slightly higher on Friday.",
    "The city council met to discuss the budget for schools.", "Voters will go to the polls in November.",
    "The hospital expanded its emergency room last spring.", "Traffic on the bridge was heavy all morning.",
    "The team won its third game in a row.", "A new library branch opened downtown.",
    "Prices at the grocery store rose again this month.", "The museum showed paintings from the last century.",
]
WORDINGS = {  # group -> (people wordings with weights of choice, tax wordings)
    "left": (["undocumented immigrants"] * 8 + ["migrants"] * 4, ["estate tax"] * 9 + ["inheritance levy"]),
    "right": (["illegal aliens"] * 8 + ["migrants"] * 4, ["death tax"] * 9 + ["inheritance levy"]),
}


def make_corpus(seed: int = 3, per_group: int = 40) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for group, (people, tax) in WORDINGS.items():
        for i in range(per_group):
            lines = [rng.choice(SHARED) for _ in range(8)]
            lines += [rng.choice(PEOPLE).format(rng.choice(people), place=rng.choice(PLACES), day=rng.choice(DAYS))
                      for _ in range(5)]
            lines += [rng.choice(TAX).format(rng.choice(tax), place=rng.choice(PLACES), day=rng.choice(DAYS))
                      for _ in range(3)]
            rng.shuffle(lines)
            articles.append(Article(id=f"{group}{i}", outlet=f"{group} paper {i % 4}", alignment=group,
                                    text=" ".join(lines)))
    return articles


@pytest.fixture(scope="module")
def concepts():
    return suggest_concepts(make_corpus(), by="alignment", negative="left", positive="right", top=10)


def _concept_of(concepts, term):
    return next(c for c in concepts if term in {t.term for t in c.terms})


def test_competing_wordings_share_a_concept_with_signed_weights(concepts):
    people = {t.term: t for t in _concept_of(concepts, "illegal aliens").terms}
    assert "undocumented immigrants" in people
    assert people["undocumented immigrants"].weight < 0 < people["illegal aliens"].weight
    tax = {t.term: t for t in _concept_of(concepts, "death tax").terms}
    assert "estate tax" in tax and tax["estate tax"].weight < 0 < tax["death tax"].weight
    # The two things are kept apart.
    assert not {"death tax", "estate tax"} & set(people) and not {"illegal aliens", "migrants"} & set(tax)


def test_a_wording_both_sides_use_is_neutral(concepts):
    people = {t.term: t for t in _concept_of(concepts, "illegal aliens").terms}
    assert "migrants" in people and people["migrants"].weight == 0
    assert people["migrants"].count_neg > 0 and people["migrants"].count_pos > 0


def test_evidence_counts_and_examples_come_from_each_side(concepts):
    term = {t.term: t for t in _concept_of(concepts, "illegal aliens").terms}["illegal aliens"]
    assert term.count_neg == 0 and term.count_pos > 50 and term.z > 1.96
    assert "illegal aliens" in term.example_pos.lower() and term.example_neg == ""
    migrants = {t.term: t for t in _concept_of(concepts, "migrants").terms}["migrants"]
    assert "migrants" in migrants.example_neg and "migrants" in migrants.example_pos
    # The break mark left where a name was cut ("Vorsk Herald: The agency ...") is not shown.
    examples = [e for c in concepts for t in c.terms for e in (t.example_neg, t.example_pos) if e]
    assert examples and not [e for e in examples if e.startswith(";") or " ; " in e]


def test_concepts_ranked_by_how_clearly_they_divide(concepts):
    scores = [c.score for c in concepts]
    assert scores == sorted(scores, reverse=True)
    assert {t.term for t in concepts[0].terms} & {"illegal aliens", "undocumented immigrants", "death tax", "estate tax"}


def test_draft_is_a_valid_lexicon_with_evidence_comments(concepts):
    text = suggestion_toml(concepts, by="alignment", negative="left", positive="right", name="draft",
                           source="a made-up corpus")
    lexicon = parse_lexicon(text)
    axis = lexicon.axes[0]
    assert axis.negative == "left usage" and axis.positive == "right usage"
    terms = {t.text: t.weight for c in lexicon.concepts for t in c.terms}
    assert terms["illegal aliens"] > 0 > terms["undocumented immigrants"] and terms["migrants"] == 0
    before = text.split('"illegal aliens" =')[0].splitlines()[-2:]  # no left example: left never says it
    assert before[0].startswith("# favours right | count left 0, right ") and "| z +" in before[0]
    assert before[-1].startswith("# e.g. right: ") and "illegal aliens" in before[-1].lower()


def test_weights_follow_tanh_of_z():
    assert weight_of(0.5) == 0 and weight_of(-1.9) == 0
    assert 0 < weight_of(2.0) < weight_of(4.0) < weight_of(20.0) <= 1
    assert weight_of(-4.0) == -weight_of(4.0)


@pytest.mark.parametrize("kwargs, message", [
    ({"negative": "centre"}, r"group 'centre' is not in 'alignment'; groups are: 'left', 'right'"),
    ({"positive": "left"}, "both 'left'"),
    ({"by": "colour"}, "unknown grouping field 'colour'"),
    ({"top": 0}, "top=0"),
    ({"per_concept": 1}, "per_concept=1"),
    ({"min_similarity": 2.0}, "min_similarity=2.0"),
])
def test_bad_groups_and_options(kwargs, message):
    options = {"by": "alignment", "negative": "left", "positive": "right", **kwargs}
    with pytest.raises(ValueError, match=message):
        suggest_concepts(make_corpus(per_group=6), **options)


def test_too_small_a_group_and_no_text_are_refused():
    small = make_corpus(per_group=40)[:42]  # two right-hand articles
    with pytest.raises(ValueError, match="group 'right' has 2 articles"):
        suggest_concepts(small, by="alignment", negative="left", positive="right")
    empty = [Article(id=str(i), outlet="x", alignment="left" if i % 2 else "right", text=" ") for i in range(12)]
    with pytest.raises(ValueError, match="no text"):
        suggest_concepts(empty, by="alignment", negative="left", positive="right")
