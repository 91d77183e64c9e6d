"""Part files and the output they are concatenated into."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq

from framing.scale import score_sink
from framing.scale.score_sink import PROVENANCE_KEY, finish_output, part_files, read_scores, write_part
from framing.scale.streaming import stream_scores
from tests.stream_corpus import make_articles, write_jsonl

PROV = {"tool": "framing", "version": "test", "lexicons": [], "params": {"level": "article"}}


def _scored_parts(tmp_path, articles: int = 120, chunk: int = 10):
    """The per-article scores of a generated corpus, written as parts of ``chunk`` rows."""
    source = write_jsonl(make_articles(articles, seed=3), tmp_path / "corpus.jsonl")
    whole = read_scores(stream_scores(source, tmp_path / "whole.parquet", chunk_size=chunk).output)
    folder = tmp_path / "parts"
    folder.mkdir()
    for number, start in enumerate(range(0, len(whole), chunk)):
        write_part(folder, f"part-{number:06d}-000000", whole.iloc[start:start + chunk].reset_index(drop=True))
    return whole, folder


def test_parquet_output_gathers_parts_into_row_groups_of_bounded_size(tmp_path, monkeypatch):
    whole, folder = _scored_parts(tmp_path)
    assert len(part_files(folder)) == 12
    part_bytes = pq.read_table(part_files(folder)[0]).nbytes
    # Three parts' worth per row group: 12 parts make 4 groups.
    monkeypatch.setattr(score_sink, "ROW_GROUP_BYTES", 3 * part_bytes - 1)
    assert finish_output(folder, tmp_path / "out.parquet", PROV) == 120
    meta = pq.ParquetFile(tmp_path / "out.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [30, 30, 30, 30]
    pd.testing.assert_frame_equal(read_scores(tmp_path / "out.parquet"), whole)
    assert json.loads(pq.read_schema(tmp_path / "out.parquet").metadata[PROVENANCE_KEY]) == PROV


def test_parquet_output_of_small_parts_is_one_row_group_by_default(tmp_path):
    # One row group per part would keep 12 groups' metadata in the writer.
    whole, folder = _scored_parts(tmp_path)
    finish_output(folder, tmp_path / "out.parquet", PROV)
    assert pq.ParquetFile(tmp_path / "out.parquet").metadata.num_row_groups == 1
    pd.testing.assert_frame_equal(read_scores(tmp_path / "out.parquet"), whole)


def test_csv_output_equals_the_parts_in_order(tmp_path):
    whole, folder = _scored_parts(tmp_path)
    assert finish_output(folder, tmp_path / "out.csv", PROV) == 120
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("# framing test")
    pd.testing.assert_frame_equal(read_scores(tmp_path / "out.csv"), read_scores(
        stream_scores(tmp_path / "corpus.jsonl", tmp_path / "whole.csv", chunk_size=10).output))
