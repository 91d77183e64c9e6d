"""The two-round shard merge of the Dask path, run here shard by shard: exact, and sends back only candidates."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.article import Article
from framing.discover.term_counts import count_terms
from framing.scale.chunk_readers import plan_shards
from framing.scale.shard_counts import (
    _ngram_hashes, _word_hashes, candidates, count_shard, merge_hashes, shard_hashes, shard_survivors,
)
from framing.scale.term_partials import _combine, _finish, canonical_order
from framing.text.tokens import TokenOptions
from tests.stream_corpus import make_articles, write_jsonl

RARE = "orinoco flotilla"


def corpus(tmp_path):
    articles = make_articles(150, seed=41)
    # The rare phrase once in the first, middle and last part of the file: once per shard.
    for at, outlet in ((0, "Beta"), (75, "Zeta"), (149, "Alpha")):
        articles.insert(at, Article(id=f"rare{at}", outlet=outlet, text=f"An {RARE.title()} was sighted."))
    return articles, write_jsonl(articles, tmp_path / "corpus.jsonl", empty_row=False)


@pytest.mark.parametrize("min_total", [1, 2, 3])
def test_two_rounds_equal_count_terms_and_send_back_only_candidates(tmp_path, min_total):
    articles, path = corpus(tmp_path)
    shards = plan_shards(path, shard_bytes=path.stat().st_size // 3, min_shards=3)
    assert len(shards) >= 3
    options = TokenOptions()
    counted = [count_shard(s, by="outlet", options=options, chunk_size=20, column_map={}) for s in shards]
    chosen = candidates(merge_hashes(*map(shard_hashes, counted)), min_total)
    returned = [shard_survivors(c, chosen) for c in counted]
    everything = [c.survivors(None) for c in counted]
    if min_total > 1:  # far fewer terms travel than each shard has
        assert all(len(r.table) < len(e.table) for r, e in zip(returned, everything))
        having = [i for i, e in enumerate(everything) if RARE in e.table.index]
        assert len(having) >= 3 and all(everything[i].table.loc[RARE].sum() == 1 for i in having)
        # Below min_total in each shard, sent back for the total.
        assert all(RARE in returned[i].table.index for i in having)
    merged = _finish(_combine(returned), min_total)
    expected = canonical_order(count_terms(articles, min_total=min_total))
    pd.testing.assert_frame_equal(merged.table, expected.table)
    pd.testing.assert_series_equal(merged.totals, expected.totals)
    assert chosen[1] == expected.vocabulary_size  # distinct hashes: no collision here


def test_hashes_are_the_same_whatever_the_vocabulary():
    # The same bigram under two different word numberings hashes the same.
    words_a, words_b = ["\x00", "coup", "caracas"], ["\x00", "caracas", "x", "coup"]
    base = 1 << 31
    one = _ngram_hashes(pd.Series([1 * base + 2]).to_numpy(), 2, base, _word_hashes(words_a))
    two = _ngram_hashes(pd.Series([3 * base + 1]).to_numpy(), 2, base, _word_hashes(words_b))
    reversed_ = _ngram_hashes(pd.Series([1 * base + 3]).to_numpy(), 2, base, _word_hashes(words_b))
    assert one[0] == two[0] != reversed_[0]


def test_a_shard_without_articles(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text(json.dumps({"outlet": "A", "text": " "}) + "\n", encoding="utf-8")
    shard = plan_shards(path, shard_bytes=10, min_shards=1)[0]
    counted = count_shard(shard, by="outlet", options=TokenOptions(), chunk_size=5, column_map={})
    assert counted is None
    assert len(shard_hashes(None)[0]) == 0 and shard_survivors(None, candidates(shard_hashes(None), 2)) is None
