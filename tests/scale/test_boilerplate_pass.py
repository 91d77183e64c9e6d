"""Boilerplate of streamed input: a first pass over the chunks, then counting with it removed (also on Dask)."""

from __future__ import annotations

import json

import pytest

from framing.discover.term_counts import count_terms
from framing.scale.boilerplate_pass import stream_boilerplate
from framing.scale.term_partials import canonical_order, stream_term_counts
from framing.text.boilerplate import detect_boilerplate, strip_boilerplate
from tests.text.test_boilerplate import corpus


@pytest.fixture()
def corpus_file(tmp_path):
    path = tmp_path / "c.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for a in corpus():
            handle.write(json.dumps({"id": a.id, "outlet": a.outlet, "alignment": a.alignment, "url": a.url,
                                     "text": a.text}) + "\n")
    return path


def _same(a, b) -> None:
    assert a.table.equals(b.table) and a.totals.equals(b.totals)


def test_streamed_pass_equals_the_corpus_in_memory(corpus_file):
    articles = corpus()
    model = stream_boilerplate(corpus_file, chunk_size=3)
    expected = detect_boilerplate(articles)
    assert model.lines == expected.lines and model.prefixes == expected.prefixes and model.names == expected.names
    streamed = stream_term_counts(corpus_file, by="outlet", chunk_size=3, boilerplate=model)
    cleaned, _ = strip_boilerplate(articles)
    _same(streamed, canonical_order(count_terms(cleaned, by="outlet")))
    assert "coffee" not in streamed.table.index
    assert "coffee" in stream_term_counts(corpus_file, chunk_size=3).table.index
    assert sum(r["lines_removed"] for r in model.report()) > 0  # counted while cleaning the chunks


def test_dask_counts_with_boilerplate_removed_equal_streamed(corpus_file):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    from framing.scale.dask_terms import dask_term_counts

    model = stream_boilerplate(corpus_file, chunk_size=3)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        got = dask_term_counts(corpus_file, chunk_size=3, scheduler=cluster.scheduler_address, shard_bytes=500,
                               boilerplate=model)
    _same(got, stream_term_counts(corpus_file, chunk_size=3, boilerplate=model))
    assert "coffee" not in got.table.index


def test_bad_options_are_refused_before_reading(tmp_path):
    with pytest.raises(ValueError, match="chunk_size=0"):
        stream_boilerplate(tmp_path / "missing.jsonl", chunk_size=0)
    with pytest.raises(ValueError, match="min_share=-1"):
        stream_boilerplate(tmp_path / "missing.jsonl", min_share=-1)
