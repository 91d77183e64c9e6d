"""Log-odds with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framing.article import Article

from framing.corpus import load_sample_corpus
from framing.discover.logodds import RESULT_COLUMNS, comparisons, compare_groups, distinctive_terms, log_odds, top_terms
from framing.discover.term_counts import TermCounts, count_terms
from framing.text.tokens import TokenOptions


def toy_counts() -> TermCounts:
    """Two groups of 20 tokens each over a three-term vocabulary."""
    table = pd.DataFrame(
        {"A": [10, 2, 8], "B": [1, 9, 10]},
        index=pd.Index(["coup", "uprising", "protest"], name="term"),
    )
    return TermCounts(table=table, totals=pd.Series({"A": 20, "B": 20}), vocabulary_size=3,
                      by="outlet", options=TokenOptions())


def by_term(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("term")


def test_hand_computed_default_prior():
    # Background = whole corpus: b = coup 11, uprising 11, protest 18 (B = 40).
    # Default strength a0 = n_A + n_B = 40, so a_w = 40 * b_w / 40 = b_w.
    # coup:     delta = ln((10+11)/(20+40-10-11)) - ln((1+11)/(20+40-1-11))
    #                 = ln(21/39) - ln(12/48) = -0.619039 + 1.386294 = 0.767255
    #           var   = 1/21 + 1/12 = 0.130952;  z = 0.767255 / 0.361873 = 2.120231
    # uprising: delta = ln(13/47) - ln(20/40) = -1.285198 + 0.693147 = -0.592051
    #           var   = 1/13 + 1/20 = 0.126923;  z = -1.661839
    # protest:  delta = ln(26/34) - ln(28/32) = -0.268264 + 0.133531 = -0.134733
    #           var   = 1/26 + 1/28 = 0.074176;  z = -0.494700
    result = by_term(log_odds(toy_counts(), "A", "B"))
    assert result.loc["coup", "delta"] == pytest.approx(math.log(21 / 39) - math.log(12 / 48), abs=1e-12)
    assert result.loc["coup", "var"] == pytest.approx(1 / 21 + 1 / 12, abs=1e-12)
    assert round(result.loc["coup", "z"], 4) == 2.1202
    assert round(result.loc["uprising", "z"], 4) == -1.6618
    assert round(result.loc["protest", "z"], 4) == -0.4947
    assert round(result.loc["coup", "delta"], 4) == 0.7673
    assert round(result.loc["uprising", "var"], 4) == 0.1269
    assert list(result.loc["coup", ["count_a", "count_b"]]) == [10, 1]


def test_hand_computed_explicit_strength():
    # a0 = 10: a_w = 10 * b_w / 40 -> coup 2.75, uprising 2.75, protest 4.5.
    # coup: ln(12.75/17.25) - ln(3.75/26.25) = -0.302281 + 1.945910 = 1.643629
    #       var = 1/12.75 + 1/3.75 = 0.345098; z = 2.797903
    result = by_term(log_odds(toy_counts(), "A", "B", strength=10))
    assert round(result.loc["coup", "z"], 4) == 2.7979
    assert round(result.loc["uprising", "z"], 4) == -2.2629
    assert round(result.loc["protest", "z"], 4) == -0.6990


def test_hand_computed_uniform_prior():
    # Uniform: a_w = a0 / V = 40 / 3 = 13.3333 for every term.
    # coup: ln(23.3333/36.6667) - ln(14.3333/45.6667) = 0.706796; var = 0.112625; z = 2.106092
    result = by_term(log_odds(toy_counts(), "A", "B", prior="uniform"))
    assert round(result.loc["coup", "z"], 4) == 2.1061
    assert round(result.loc["uprising", "z"], 4) == -1.6478
    assert round(result.loc["protest", "z"], 4) == -0.4764


def test_symmetry_swapping_groups_negates_z():
    ab = by_term(log_odds(toy_counts(), "A", "B"))
    ba = by_term(log_odds(toy_counts(), "B", "A"))
    pd.testing.assert_series_equal(ab["z"], -ba["z"].reindex(ab.index), check_exact=False, atol=1e-12)
    assert (ab["var"] == ba["var"].reindex(ab.index)).all()


def test_result_columns_and_sorting():
    result = log_odds(toy_counts(), "A", "B")
    assert list(result.columns) == RESULT_COLUMNS
    assert result["z"].is_monotonic_decreasing
    assert result.attrs["a0"] == 40


def three_groups() -> list[Article]:
    return [
        Article(id="a1", outlet="A", text="coup coup regime. The coup failed."),
        Article(id="b1", outlet="B", text="uprising uprising protest. Uprising now."),
        Article(id="c1", outlet="C", text="protest protest events. Events happened."),
    ]


def test_each_vs_rest_and_all_pairs_shapes():
    counts = count_terms(three_groups(), by="outlet")
    rest = compare_groups(counts, min_count=1)
    assert [(t["group_a"].iloc[0], t["group_b"].iloc[0]) for t in rest] == [("A", "rest"), ("B", "rest"), ("C", "rest")]
    # Each group against the rest covers every term of the corpus.
    assert all(len(t) == len(counts.table) for t in rest)
    pairs = compare_groups(counts, pairs=True, min_count=1)
    assert [(t["group_a"].iloc[0], t["group_b"].iloc[0]) for t in pairs] == [("A", "B"), ("A", "C"), ("B", "C")]
    for table in pairs:
        assert list(table.columns) == RESULT_COLUMNS
        assert ((table["count_a"] + table["count_b"]) >= 1).all()
    assert comparisons(["A", "B", "C"], vs="C") == [("A", ("C",), "C"), ("B", ("C",), "C")]
    assert comparisons(["A", "B", "C"], group="B") == [("B", ("A", "C"), "rest")]


def test_min_count_only_removes_rows():
    counts = count_terms(three_groups(), by="outlet")
    everything = by_term(log_odds(counts, "A", ["B", "C"], min_count=1))
    frequent = by_term(log_odds(counts, "A", ["B", "C"], min_count=3))
    assert set(frequent.index) == {"coup", "uprising", "protest"}
    assert ((frequent["count_a"] + frequent["count_b"]) >= 3).all()
    assert len(everything) > len(frequent)
    pd.testing.assert_frame_equal(frequent, everything.loc[frequent.index])


def test_default_min_count_keeps_twice_seen_terms():
    tables = distinctive_terms(three_groups(), by="outlet")
    terms = set(tables[0]["term"])
    assert "events" in terms  # seen twice, in C only
    assert "regime" not in terms  # seen once


@pytest.mark.parametrize(
    "kwargs, bad",
    [({"prior": "flat"}, "flat"), ({"strength": -1}, "-1"), ({"min_count": 0}, "0"), ({"by": "colour"}, "colour")],
)
def test_bad_options_name_the_value(kwargs, bad):
    with pytest.raises(ValueError, match=bad):
        distinctive_terms(three_groups(), **kwargs)


def test_unknown_group_names_the_groups():
    with pytest.raises(ValueError, match="'A', 'B', 'C'"):
        distinctive_terms(three_groups(), group="D")


def test_background_corpus_shapes_prior():
    background = [Article(id="bg", outlet="x", text="protest " * 50 + "coup uprising")]
    plain = by_term(distinctive_terms(three_groups(), group="A", vs="B", min_count=1)[0])
    shaped = by_term(distinctive_terms(three_groups(), group="A", vs="B", min_count=1, background=background)[0])
    assert shaped.loc["coup", "z"] != pytest.approx(plain.loc["coup", "z"])
    with pytest.raises(ValueError, match="informative"):
        distinctive_terms(three_groups(), prior="uniform", background=background)


def test_sample_telesur_against_rest_has_coup_in_top_10():
    tables = distinctive_terms(load_sample_corpus(), by="outlet", group="teleSUR English")
    assert len(tables) == 1
    top = top_terms(tables[0], 10)
    assert "coup" in set(top["term"])


def test_sample_by_alignment_groups():
    tables = distinctive_terms(load_sample_corpus(), by="alignment")
    assert len(tables) == 3
    assert {t["group_b"].iloc[0] for t in tables} == {"rest"}


def test_top_terms_side_b():
    result = log_odds(toy_counts(), "A", "B")
    assert list(top_terms(result, 1, side="b")["term"]) == ["uprising"]
    with pytest.raises(ValueError, match="'c'"):
        top_terms(result, side="c")


def test_unigrams_only_on_the_sample():
    from framing.corpus import load_sample_corpus
    from framing.discover.logodds import distinctive_terms

    tables = distinctive_terms(load_sample_corpus(), by="outlet", ngram_range=(1, 1))
    assert len(tables) == 3
    assert all(" " not in term for table in tables for term in table["term"])
    telesur = next(t for t in tables if t["group_a"].iloc[0] == "teleSUR English")
    assert "coup" in set(telesur["term"])
