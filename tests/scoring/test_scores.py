"""Scores per match, article and outlet: hand-checked on tiny texts, golden on the sample."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framing.article import Article
from framing.lexicon.model import parse_lexicon
from framing.scoring.scores import (
    MATCH_COLUMNS, SCORE_MATCH_COLUMNS, article_scores, check_voice_factors, match_table, outlet_scores, score_matches,
)
from tests.scoring.test_matcher import TINY

# Two outlets telling one story. Weights (TINY): coup +0.8, uprising -0.6,
# regime -0.7, Maduro regime -0.9, Guaidó 0.
ALPHA = Article(id="a1", outlet="Alpha", alignment="left", text="The coup failed. The regime held.")
ALPHA_2 = Article(id="a2", outlet="Alpha", alignment="left", text="“The uprising is over, and so is the coup,” he said.")
BETA = Article(id="b1", outlet="Beta", alignment="right", text="The “coup” was an uprising against the Maduro regime. Guaidó spoke.")
CORPUS = [ALPHA, ALPHA_2, BETA]


def test_match_table_columns_and_effective_weights():
    table = match_table(CORPUS, [TINY])
    assert list(table.columns) == MATCH_COLUMNS
    beta = table[table["article"] == "b1"].set_index("canonical")
    assert beta.loc["coup", "voice"] == "scare_quoted"
    assert beta.loc["coup", "effective_weight"] == pytest.approx(-0.8)  # distancing inverts
    assert beta.loc["uprising", "effective_weight"] == pytest.approx(-0.6)
    assert beta.loc["Maduro regime", "effective_weight"] == pytest.approx(-0.9)
    quoted = table[table["article"] == "a2"]
    assert set(quoted["voice"]) == {"quoted"} and set(quoted["effective_weight"]) == {0.0}


def test_article_scores_by_hand():
    table = article_scores(CORPUS, [TINY]).set_index("article")
    # a1: coup +0.8, regime -0.7 -> mean 0.05 over n=2
    assert table.loc["a1", "score_a"] == pytest.approx(0.05)
    assert table.loc["a1", "n_a"] == 2
    # a2: only quoted matches -> no axis score, but they are counted as quoted
    assert math.isnan(table.loc["a2", "score_a"]) and table.loc["a2", "n_a"] == 0
    assert table.loc["a2", "quoted"] == 2 and table.loc["a2", "loaded_authorial"] == 0
    # b1: -0.8 (scare), -0.6, -0.9, 0 (Guaidó, neutral) -> mean -0.575 over 4
    assert table.loc["b1", "score_a"] == pytest.approx(-0.575)
    assert table.loc["b1", "loaded"] == 3  # Guaidó is the neutral reference
    assert table.loc["b1", "words"] == 11
    assert table.loc["b1", "loaded_per_1000"] == pytest.approx(1000 * 3 / 11)
    assert table.loc["b1", "concept:tiny/events"] == 2 and table.loc["b1", "concept:tiny/standing"] == 2


def test_outlet_scores_pool_matches_and_name_preferred_variants():
    table = outlet_scores(CORPUS, [TINY]).set_index("outlet")
    assert table.loc["Alpha", "articles"] == 2
    assert table.loc["Alpha", "score_a"] == pytest.approx(0.05)  # quoted matches carry factor 0
    assert table.loc["Alpha", "quoted"] == 2
    assert table.loc["Beta", "prefers:tiny/events"] == "uprising"  # "coup" was only scare-quoted
    assert table.loc["Alpha", "prefers:tiny/events"] == "coup"


def test_voice_factors_are_options():
    counted = article_scores(CORPUS, [TINY], voice_factors={"quoted": 1.0}).set_index("article")
    assert counted.loc["a2", "score_a"] == pytest.approx((-0.6 + 0.8) / 2)
    with pytest.raises(ValueError, match="unknown voice 'sarcastic'.*authorial, quoted, scare_quoted"):
        check_voice_factors({"sarcastic": 1})
    with pytest.raises(ValueError, match="finite number"):
        check_voice_factors({"quoted": float("nan")})


# --- golden values on the bundled sample (venezuela-2019 1.0.0, loaded-language 2.0.0) ---

GOLDEN = {
    # article: (words, venezuela-2019 matches, authorial, quoted, scare_quoted)
    # loaded-language 2.0.0 added (authorial, quoted): ZeroHedge 2, 1; teleSUR 13, 11; RT 1, 0
    # (its VADER, Pattern and partisan-label terms: "violent", "terrorist", "radical", ...).
    "zerohedge-2019-05-01": (596, 39, 61, 4, 4),
    "telesur-2019-04-30": (2486, 130, 104, 88, 9),
    "rt-2019-04-30": (86, 10, 10, 0, 1),
}


def test_sample_golden_counts(sample, sample_matches):
    table = article_scores(list(sample.values()), matches=sample_matches).set_index("article")
    for article, (words, venezuela, authorial, quoted, scare) in GOLDEN.items():
        row = table.loc[article]
        assert (row["words"], row["authorial"], row["quoted"], row["scare_quoted"]) == (words, authorial, quoted, scare)
        mine = sample_matches[(sample_matches["article"] == article) & (sample_matches["lexicon"] == "venezuela-2019")]
        assert len(mine) == venezuela


def test_sample_outlets_fall_on_the_expected_sides(sample, sample_matches):
    table = outlet_scores(list(sample.values()), matches=sample_matches).set_index("outlet")
    assert table.loc["teleSUR English", "score_gov_opp"] > 0.3  # pro-government framing
    assert table.loc["ZeroHedge", "score_gov_opp"] < 0  # pro-opposition framing
    assert table.loc["teleSUR English", "quoted"] > table.loc["ZeroHedge", "quoted"]
    assert table.loc["teleSUR English", "prefers:venezuela-2019/events"] == "coup attempt"
    assert table.loc["ZeroHedge", "prefers:venezuela-2019/maduro_standing"] == "regime"
    assert 0 < table.loc["RT", "flesch_reading_ease"] < 100


def test_outlet_loaded_counts_add_up_over_articles_with_equal_offsets():
    twins = [Article(id=f"t{i}", outlet="Twin", text="The coup failed.") for i in range(2)]
    outlets = outlet_scores(twins, [TINY]).set_index("outlet")
    articles = article_scores(twins, [TINY])
    assert outlets.loc["Twin", "loaded"] == articles["loaded"].sum() == 2
    assert outlets.loc["Twin", "loaded_authorial"] == 2


def test_score_matches_are_the_match_table_columns_the_scores_read(sample):
    articles = list(sample.values())
    full = match_table(articles, sentences=False)
    lean = score_matches(articles)
    assert len(lean) > 100
    pd.testing.assert_frame_equal(lean, full[SCORE_MATCH_COLUMNS])
    # The scores from either table are the same.
    pd.testing.assert_frame_equal(article_scores(articles, matches=lean), article_scores(articles, matches=full))
    empty = score_matches([Article(id="x", outlet="o", text="Nothing loaded here.")])
    assert list(empty.columns) == SCORE_MATCH_COLUMNS and empty.empty
    assert article_scores([Article(id="x", outlet="o", text="Nothing loaded here.")], matches=empty)["matches"].tolist() == [0]


#: Two events' lexicons that both name a concept ``events`` (the dashboard's template does too).
SHARED_A = parse_lexicon("""
name = "event-a"
version = "1.0.0"
[[axes]]
id = "a"
label = "A"
negative = "minus"
positive = "plus"
[concepts.events]
label = "Events in A"
axis = "a"
[concepts.events.terms]
"coup" = 0.8
"uprising" = -0.6
""")
SHARED_B = parse_lexicon("""
name = "event-b"
version = "1.0.0"
[[axes]]
id = "b"
label = "B"
negative = "minus"
positive = "plus"
[concepts.events]
label = "Events in B"
axis = "b"
[concepts.events.terms]
"takeover" = 0.5
"coup" = -0.3
""")


def test_concepts_sharing_an_id_are_counted_per_lexicon_never_summed():
    article = Article(id="x", outlet="Alpha", text="The coup was a coup. The takeover was an uprising.")
    table = article_scores([article], [SHARED_A, SHARED_B]).set_index("article")
    assert table.loc["x", "concept:event-a/events"] == 3  # coup, coup, uprising
    assert table.loc["x", "concept:event-b/events"] == 3  # coup, coup, takeover
    assert "concept:events" not in table
    outlets = outlet_scores([article], [SHARED_A, SHARED_B]).set_index("outlet")
    assert outlets.loc["Alpha", "prefers:event-a/events"] == "coup"
    assert outlets.loc["Alpha", "prefers:event-b/events"] == "coup"
    assert outlets.loc["Alpha", "concept:event-a/events"] == 3 and outlets.loc["Alpha", "concept:event-b/events"] == 3
    # each lexicon alone gives the same column as together
    alone = article_scores([article], [SHARED_B]).set_index("article")
    assert alone.loc["x", "concept:event-b/events"] == 3 and "concept:event-a/events" not in alone
    matches = match_table([article], [SHARED_A, SHARED_B])
    assert sorted(set(zip(matches["lexicon"], matches["concept"]))) == [("event-a", "events"), ("event-b", "events")]


def test_streamed_partials_keep_shared_concept_ids_apart():
    from framing.scoring.matcher import TermMatcher
    from framing.scoring.partials import outlet_table, score_chunk

    articles = [Article(id="x", outlet="Alpha", text="The coup was a coup."),
                Article(id="y", outlet="Beta", text="The takeover was an uprising.")]
    lexicons = [SHARED_A, SHARED_B]
    rows, partials = score_chunk(articles, lexicons, TermMatcher(lexicons), check_voice_factors(None))
    assert [c for c in rows.columns if c.startswith("concept:")] == ["concept:event-a/events", "concept:event-b/events"]
    streamed = outlet_table(partials, lexicons)
    whole = outlet_scores(articles, lexicons)
    pd.testing.assert_frame_equal(streamed[whole.columns], whole, check_dtype=False)
    assert streamed.set_index("outlet").loc["Beta", "prefers:event-b/events"] == "takeover"
