"""Block-by-block top terms equal the top terms of the full log-odds tables, term by term."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.article import Article
from framing.corpus import load_sample_corpus
from framing.discover.blockwise import top_log_odds
from framing.discover.logodds import compare_groups, comparisons, top_terms
from framing.discover.term_counts import count_terms
from tests.stream_corpus import make_articles

SAMPLE = load_sample_corpus()
GENERATED = make_articles(200, seed=31)
BACKGROUND = count_terms([Article(id="bg", outlet="x", text="Officials said the coup attempt failed. The interim "
                                  "president called protests. Sanctions hurt.")], by=None)


def blocks_of(counts, pieces: int):
    """The counts table cut into ``pieces`` blocks of rows, in a shuffled row order."""
    order = np.random.default_rng(5).permutation(len(counts.table))
    table = counts.table.iloc[order]
    for rows in np.array_split(np.arange(len(table)), pieces):
        yield table.index.to_numpy(dtype=object)[rows], table.to_numpy(dtype=np.int64)[rows]


@pytest.mark.parametrize("corpus", ["sample", "generated"])
@pytest.mark.parametrize(
    "choice, settings",
    [
        ({}, {}),
        ({"vs": "Beta"}, {}),
        ({"pairs": True}, {"strength": 500.0}),
        ({}, {"prior": "uniform"}),
        ({"group": "Alpha"}, {"background": BACKGROUND, "min_count": 3}),
    ],
)
@pytest.mark.parametrize("top", [1, 5, 40])
def test_top_log_odds_equal_the_full_tables_top_terms(corpus, choice, settings, top):
    articles = SAMPLE if corpus == "sample" else GENERATED
    if corpus == "sample":
        outlets = list(dict.fromkeys(a.outlet for a in SAMPLE))
        choice = {k: (outlets[1] if v in ("Beta", "Alpha") else v) for k, v in choice.items()}
    settings = {"min_count": 2, **settings}
    min_count = settings["min_count"]
    counts = count_terms(articles, min_total=min_count)
    full = compare_groups(counts, **choice, **settings)
    chosen = comparisons(counts.groups, **choice)
    reduced = top_log_odds(blocks_of(counts, 4), groups=counts.groups, totals=counts.totals.to_numpy(),
                           comparisons=chosen, top=top, vocabulary_size=counts.vocabulary_size,
                           **settings)
    assert len(reduced) == len(full) > 0
    for small, whole in zip(reduced, full):
        assert small.attrs == whole.attrs
        assert len(small) < len(whole)
        assert small.empty == whole.empty
        for side in ("a", "b"):
            for n in (1, top):
                pd.testing.assert_frame_equal(top_terms(small, n, side=side), top_terms(whole, n, side=side))


def test_ties_at_the_cut_are_broken_by_term_as_in_the_full_table():
    # Four terms, each seen once in A and never in B: the same z for all four.
    text = "Alpha bravo. Charlie delta. Echo foxtrot. Golf hotel."
    articles = [Article(id="a", outlet="A", text=text), Article(id="b", outlet="B", text="India juliet. Kilo lima.")]
    counts = count_terms(articles, min_total=1)
    full = compare_groups(counts, min_count=1)
    reduced = top_log_odds(blocks_of(counts, 3), groups=counts.groups, totals=counts.totals.to_numpy(),
                           comparisons=comparisons(counts.groups), top=2, min_count=1)
    for small, whole in zip(reduced, full):
        assert whole["z"].iloc[0] == whole["z"].iloc[3]  # tied
        pd.testing.assert_frame_equal(top_terms(small, 2), top_terms(whole, 2))


def test_bad_options():
    counts = count_terms(SAMPLE, min_total=2)
    common = dict(groups=counts.groups, totals=counts.totals.to_numpy(), comparisons=comparisons(counts.groups))
    with pytest.raises(ValueError, match="top=0 is not allowed"):
        top_log_odds([], top=0, **common)
    with pytest.raises(ValueError, match="needs the vocabulary size"):
        top_log_odds([], top=3, prior="uniform", **common)
    with pytest.raises(ValueError, match="prior='bayes' is not allowed"):
        top_log_odds([], top=3, prior="bayes", **common)
