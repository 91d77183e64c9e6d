"""Bounded-memory counts (sorted runs on disk) equal count_terms, term by term.

Every comparison is against :func:`framing.discover.term_counts.count_terms`
on all the articles at once, with tiny buffers and merge ranges so that the
runs are many, spilled to disk and merged in many code ranges.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.article import Article
from framing.corpus import load_sample_corpus
from framing.discover.term_counts import count_terms
from framing.scale import term_runs
from framing.scale.term_partials import canonical_order
from framing.scale.term_runs import RunCounter
from framing.text.tokens import TokenOptions
from tests.stream_corpus import make_articles

SAMPLE = load_sample_corpus()
#: A generated corpus of five outlets (recombined paragraphs of the sample).
GENERATED = make_articles(240, seed=23)
RARE = "orinoco flotilla"
OPTIONS = [TokenOptions(), TokenOptions(ngram_range=(2, 3), keep_stopwords=True, apostrophes="split"),
           TokenOptions(ngram_range=(1, 1))]


@pytest.fixture(autouse=True)
def small_ranges(monkeypatch):
    """Merge a few hundred entries at a time: many code ranges per n."""
    monkeypatch.setattr(term_runs, "MERGE_AT", 300)


def run_counts(articles, *, options=None, by="outlet", min_total=1, flush_at=500):
    with RunCounter(by=by, options=options, flush_at=flush_at) as counter:
        counter.add_articles(articles)
        return counter.term_counts(min_total)


def assert_same(got, expected):
    expected = canonical_order(expected)
    pd.testing.assert_frame_equal(got.table, expected.table)
    pd.testing.assert_series_equal(got.totals, expected.totals)
    assert got.vocabulary_size == expected.vocabulary_size
    assert (got.by, got.options, got.min_total) == (expected.by, expected.options, expected.min_total)


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("min_total", [1, 2, 3])
@pytest.mark.parametrize("corpus", ["sample", "generated"])
def test_run_counts_equal_count_terms(corpus, min_total, options):
    articles = SAMPLE if corpus == "sample" else GENERATED
    assert_same(run_counts(articles, options=options, min_total=min_total),
                count_terms(articles, options=options, min_total=min_total))


@pytest.mark.parametrize("corpus", ["sample", "generated"])
def test_pruned_counts_equal_unpruned_term_by_term(corpus):
    articles = SAMPLE if corpus == "sample" else GENERATED
    everything = run_counts(articles, min_total=1)
    pruned = run_counts(articles, min_total=2)
    kept = everything.table[everything.table.sum(axis=1) >= 2]
    assert 0 < len(pruned.table) < len(everything.table)
    assert list(pruned.table.index) == list(kept.index)
    for term in kept.index:
        assert pruned.table.loc[term].tolist() == kept.loc[term].tolist()
    # Totals and vocabulary size cover every term, pruned or not.
    pd.testing.assert_series_equal(pruned.totals, everything.totals)
    assert pruned.vocabulary_size == everything.vocabulary_size == len(everything.table)


def test_a_term_rare_in_every_run_is_kept_when_common_in_total(tmp_path):
    articles = [*GENERATED[:60], Article(id="r1", outlet="Beta", text=f"The {RARE} sailed."),
                *GENERATED[60:120], Article(id="r2", outlet="Zeta", text=f"An {RARE} again."),
                *GENERATED[120:], Article(id="r3", outlet="Alpha", text=f"A third {RARE}.")]
    with RunCounter(flush_at=2000, spill_dir=tmp_path) as counter:
        counter.add_articles(articles)
        runs = counter._runs[2]
        assert len(runs) >= 3  # the phrase is in three different runs, once in each
        assert all(np.fromfile(run.counts_path, dtype=np.int32).min() >= 1 for run in runs)
        counts = counter.term_counts(3)
        spilled = list(tmp_path.glob("framing-runs-*/*.bin"))
        assert spilled  # the runs went to disk ...
    assert not list(tmp_path.iterdir())  # ... and are removed on exit
    assert counts.table.loc[RARE, ["Beta", "Zeta", "Alpha"]].tolist() == [1, 1, 1]
    assert_same(counts, count_terms(articles, min_total=3))


def test_groups_in_order_of_first_appearance_and_by_any_field():
    counts = run_counts(GENERATED, by="alignment", min_total=2)
    assert counts.groups == list(dict.fromkeys(a.alignment or "(none)" for a in GENERATED))
    assert_same(counts, count_terms(GENERATED, by="alignment", min_total=2))


def test_add_text_is_the_entry_point_of_every_text():
    with RunCounter(by=None) as counter:
        for article in GENERATED[:30]:
            counter.add_text("all", article.text.upper())  # a filter of the text goes before add_text
        counts = counter.term_counts(1)
    assert_same(counts, count_terms(GENERATED[:30], by=None))


def test_bad_options_and_no_articles():
    with pytest.raises(ValueError, match="flush_at=0 is not allowed"):
        RunCounter(flush_at=0)
    with RunCounter() as counter, pytest.raises(ValueError, match="no articles to count"):
        counter.term_counts()
    with RunCounter(by="colour") as counter, pytest.raises(ValueError, match="unknown grouping field 'colour'"):
        counter.add_articles(GENERATED[:1])
