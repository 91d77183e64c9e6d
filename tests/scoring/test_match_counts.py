"""Counts and axis means on integer group codes: equal to string-keyed groupbys, exact means."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.article import Article
from framing.scoring.match_counts import axis_columns, count_columns, group_codes, group_means
from framing.scoring.partials import outlet_table, score_chunk
from framing.text.quotes import VOICES
from framing.scoring.scores import article_scores, check_voice_factors, match_table, outlet_scores
from tests.stream_corpus import make_articles
from tests.scoring.test_matcher import TINY


def reference_counts(matches: pd.DataFrame, key: str) -> pd.DataFrame:
    """The counting rules written as plain string-keyed groupbys (the implementation before codes)."""
    span_key = list(dict.fromkeys([key, "article", "start", "end"]))
    loaded = matches.loc[matches["weight"] != 0, [*span_key, "voice"]].drop_duplicates(span_key)
    out = pd.DataFrame({
        "matches": matches.groupby(key).size(),
        "loaded": loaded.groupby(key).size(),
        "loaded_authorial": loaded[loaded["voice"] == "authorial"].groupby(key).size(),
    })
    voices = matches.groupby([key, "voice"]).size().unstack("voice")
    for voice in VOICES:
        out[voice] = voices[voice] if voice in voices else 0
    named = matches.assign(concept=matches["lexicon"] + "/" + matches["concept"])
    concepts = named.groupby([key, "concept"]).size().unstack("concept")
    for concept in concepts.columns:
        out[f"concept:{concept}"] = concepts[concept]
    return out.fillna(0).astype(np.int64)


@pytest.mark.parametrize("key", ["article", "outlet"])
def test_counts_equal_string_groupbys_on_the_sample(sample_matches, key):
    # The sample plus a copy of its matches under a second lexicon name:
    # the same spans twice, which the loaded counts must count once.
    doubled = pd.concat([sample_matches, sample_matches.assign(lexicon="copy")], ignore_index=True)
    groups, _, codes = group_codes(doubled[key].unique().tolist(), doubled[key])
    got = pd.DataFrame(count_columns(doubled, codes, len(groups)), index=pd.Index(groups, name=key))
    expected = reference_counts(doubled, key)
    pd.testing.assert_frame_equal(got[expected.columns], expected.loc[got.index], check_names=False, check_index_type=False)
    assert (got["loaded"] == reference_counts(sample_matches, key).loc[got.index, "loaded"]).all()


def test_group_codes_follow_first_appearance_and_mark_unknown_keys():
    groups, rows, codes = group_codes(["b", "a", "b", "c"], pd.Series(["a", "zz", "c", "b", "a"]))
    assert groups.tolist() == ["b", "a", "c"]
    assert rows.tolist() == [0, 1, 0, 2]
    assert codes.tolist() == [1, -1, 2, 0, 1]  # "zz" belongs to no row
    assert group_codes([], pd.Series([], dtype=object))[2].tolist() == []
    # A missing key is a group of its own, not "no group" (-1 would index the last group).
    _, rows, codes = group_codes(["a", None], pd.Series([None, "a"], dtype=object))
    assert rows.tolist() == [0, 1] and codes.tolist() == [1, 0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from([0.8, -0.9, 0.1, 0.35, -0.7, 0.0, -0.0, 1e-3])),
                max_size=60))
def test_group_means_are_exact_sums_rounded_once(pairs):
    codes = np.array([c for c, _ in pairs], dtype=np.intp)
    values = np.array([v for _, v in pairs], dtype=float)
    got = group_means(values, codes, 6)
    for group in range(6):
        members = [v for c, v in pairs if c == group]
        if members:
            assert got[group] == float(sum(map(Fraction, members), Fraction(0))) / len(members)
        else:
            assert np.isnan(got[group])
    shuffled = np.random.default_rng(len(pairs)).permutation(len(pairs))
    np.testing.assert_array_equal(group_means(values[shuffled], codes[shuffled], 6), got)


def test_axis_columns_skip_zero_factor_voices(sample_matches, lexicons):
    factors = check_voice_factors(None)
    groups, _, codes = group_codes(sample_matches["outlet"].unique().tolist(), sample_matches["outlet"])
    got = axis_columns(sample_matches, codes, len(groups), ["gov_opp"], factors)
    for number, outlet in enumerate(groups):
        rows = sample_matches[(sample_matches["outlet"] == outlet) & (sample_matches["axis"] == "gov_opp")
                              & (sample_matches["voice"] != "quoted")]
        assert got["n_gov_opp"][number] == len(rows) > 0
        assert got["score_gov_opp"][number] == pytest.approx(rows["effective_weight"].mean(), abs=1e-15)


def test_in_memory_and_streamed_outlet_scores_agree_to_the_bit(lexicons, matcher):
    # Both now divide an exactly rounded sum by the count, so they are equal, not merely close.
    articles = make_articles(120)
    factors = check_voice_factors(None)
    table, partials = score_chunk(articles, lexicons, matcher, factors)
    streamed = outlet_table(partials, lexicons).set_index("outlet")
    in_memory = outlet_scores(articles, lexicons).set_index("outlet").loc[streamed.index]
    pd.testing.assert_series_equal(streamed["score_gov_opp"], in_memory["score_gov_opp"], check_exact=True)


def test_articles_sharing_an_id_share_its_counts():
    # As a join on the id gave them before: the counts belong to the id.
    first = Article(id="x", outlet="Alpha", text="The coup failed.")
    second = Article(id="x", outlet="Alpha", text="The uprising and the regime.")
    table = article_scores([first, second], [TINY])
    assert table["matches"].tolist() == [3, 3]
    assert table["words"].tolist() == [3, 5]  # words are the article's own
    assert table["score_a"].tolist() == pytest.approx([(0.8 - 0.6 - 0.7) / 3] * 2)


def test_matches_of_unknown_articles_are_left_out():
    alpha = Article(id="a1", outlet="Alpha", text="The coup failed.")
    matches = match_table([alpha, Article(id="other", outlet="Beta", text="The regime held.")], [TINY])
    table = article_scores([alpha], [TINY], matches=matches)
    assert table["matches"].tolist() == [1] and table["score_a"].tolist() == [0.8]
    # A concept seen only in the other article still has its column, at 0.
    assert table["concept:tiny/events"].tolist() == [1] and table["concept:tiny/standing"].tolist() == [0]
