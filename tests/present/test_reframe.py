"""Tests of reframing: variant choice, capitals, plurals, articles, voices, scores."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from framing.article import Article

from framing.corpus import load_sample_corpus
from framing.lexicon.model import bundled_lexicons, parse_lexicon
from framing.present.reframe import Change, ReframeResult, changes_html, reframe, reframed_matches
from framing.scoring.scores import article_scores, match_table

TINY = parse_lexicon(
    """
name = "tiny"
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
"unrest" = 0
"coup" = 0.8
"putsch" = 0.95
"uprising" = -0.8
"revolt" = -0.4
[concepts.people]
label = "The people"
axis = "ab"
[concepts.people.terms]
"traitor" = 0.9
"soldier" = 0
[concepts.verbs]
label = "Verbs"
[concepts.verbs.terms]
"claimed" = 0.7
"said" = 0
"""
)


def run(text: str, lexicons=(TINY,), **options) -> ReframeResult:
    matches = match_table([Article(id="t", outlet="t", text=text)], lexicons)
    return reframe(text, matches, lexicons, **options)


def test_bundled_opposite_uses_the_other_pole_of_the_concept():
    lexicons = bundled_lexicons()
    result = run("The coup attempt failed.", lexicons)
    assert len(result.changes) == 1
    change = result.changes[0]
    assert change.original == "coup attempt" and change.concept == "events"
    events = lexicons[0].concept("events") if lexicons[0].name == "venezuela-2019" else lexicons[1].concept("events")
    weights = {t.text: t.weight for t in events.terms}
    assert weights[change.replacement] < 0  # the opposition pole
    # Closest to the negated weight: no other negative variant is nearer to -0.8.
    assert all(abs(w + 0.8) >= abs(change.new_weight + 0.8) for w in weights.values() if w < 0)
    assert result.text == f"The {change.replacement} failed."
    assert result.text[change.new_start:change.new_end] == change.replacement


def test_article_switches_with_the_new_word():
    result = run("A coup, then a revolt and an uprising.")
    assert result.text == "An uprising, then a coup and a coup."
    # The article is part of a change only where it changed.
    assert [c.original for c in result.changes] == ["A coup", "revolt", "an uprising"]
    assert result.changes[0].replacement == "An uprising"
    assert result.changes[1].replacement == "coup"  # -0.4 -> closest to +0.4 is coup (+0.8)
    assert result.changes[2].replacement == "a coup"


def test_capitals_and_plurals_are_kept():
    assert run("COUP IN CARACAS").text == "UPRISING IN CARACAS"
    assert run("Coup in Caracas").text == "Uprising in Caracas"
    assert run("Two coups failed.").text == "Two uprisings failed."
    assert run("Traitors everywhere").text == "Soldiers everywhere"  # no other pole: neutral


def test_neutral_target():
    result = run("The coup and the uprising.", target="neutral")
    assert result.text == "The events and the events."
    assert [c.new_weight for c in result.changes] == [0, 0]


def test_concept_without_other_pole_falls_back_to_neutral():
    assert run("A traitor spoke.").text == "A soldier spoke."


def test_quoted_and_unloaded_matches_are_untouched():
    text = 'He said "the coup was a crime against the nation and its people" and left. The events ended.'
    result = run(text)
    assert result.text == text and result.changes == []


def test_scare_quoted_term_is_reframed():
    result = run("They called it a ‘coup’ yesterday.")
    assert result.text == "They called it an ‘uprising’ yesterday."


def test_target_is_validated():
    with pytest.raises(ValueError, match="target must be one of opposite, neutral, got 'sideways'"):
        run("The coup.", target="sideways")


def test_reframed_matches_and_changes_html():
    result = run("The coup <b>failed</b> & the revolt\n\nwent on.")
    table = reframed_matches(result, [TINY])
    assert list(table.loc[table["changed"], "canonical"]) == ["uprising", "coup"]
    for side, words in (("original", ["coup", "revolt"]), ("reframed", ["uprising", "coup"])):
        html = changes_html(result, side)
        assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html

        class Marks(HTMLParser):
            found: list[str] = []
            inside = False

            def handle_starttag(self, tag, attrs):
                assert tag in {"p", "br", "mark"}
                self.inside = tag == "mark"
                if self.inside:
                    assert dict(attrs)["class"] == "fr-changed"
                    self.found.append("")

            def handle_endtag(self, tag):
                self.inside = False

            def handle_data(self, data):
                if self.inside:
                    self.found[-1] += data

        parser = Marks()
        parser.found = []
        parser.feed(html)
        assert parser.found == words
    with pytest.raises(ValueError, match="side must be one of original, reframed"):
        changes_html(result, "left")


def test_change_fields():
    result = run("A coup.")
    assert result.changes == [Change(0, 6, 0, 11, "A coup", "An uprising", "events", 0.8, -0.8)]
    assert result.original == "A coup."


def test_sample_paragraph_score_flips_sign():
    lexicons = bundled_lexicons()
    zerohedge = next(a for a in load_sample_corpus() if a.outlet == "ZeroHedge")
    paragraph = next(p for p in zerohedge.text.split("\n\n") if "Maduro regime" in p)
    before = Article(id="before", outlet="x", text=paragraph)
    result = reframe(paragraph, match_table([before], lexicons), lexicons)
    assert result.changes
    after = Article(id="after", outlet="x", text=result.text)
    old = article_scores([before], lexicons)["score_gov_opp"].iloc[0]
    new = article_scores([after], lexicons)["score_gov_opp"].iloc[0]
    assert old < 0 < new
    # reframed_matches gives the same axis matches the scores are built from.
    table = reframed_matches(result, lexicons)
    assert table["changed"].sum() >= len(result.changes)


def test_usage_picks_the_variant_the_other_side_really_uses(lexicons, sample_matches):
    from framing.present.reframe import variant_usage

    text = "Now that the monthslong simmering rebellion against Maduro has exploded."
    matches = match_table([Article(id="p", outlet="p", text=text)], lexicons)
    plain = reframe(text, matches, lexicons)
    used = reframe(text, matches, lexicons, usage=variant_usage(sample_matches))
    assert [c.original for c in used.changes] == ["rebellion"]
    # teleSUR, in its own voice, says "coup attempt" most often for the events.
    assert used.changes[0].replacement == "coup attempt"
    assert plain.changes[0].replacement != used.changes[0].replacement

    # Counts are kept per lexicon: another lexicon's concept of the same id and terms does not steer this one.
    usage = variant_usage(sample_matches)
    assert all(len(key) == 3 for key in usage) and {key[0] for key in usage} <= {lex.name for lex in lexicons}
    elsewhere = {("another-lexicon", concept, canonical): n for (_, concept, canonical), n in usage.items()}
    assert reframe(text, matches, lexicons, usage=elsewhere).text == plain.text
