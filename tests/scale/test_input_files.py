"""Gzipped corpus files: read as the plain file, progress over the compressed bytes, one-line errors."""

from __future__ import annotations

import gzip

import pytest

from framing.importers import ImportProblem
from framing.scale.chunk_readers import input_kind, iter_chunks, plan_shards
from framing.scale.input_files import data_suffix, is_gzipped
from tests.stream_corpus import gzip_copy, make_articles, write_jsonl

ARTICLES = make_articles(60)

# Cells with commas: read with a comma delimiter they would split into more columns.
TSV = "id\toutlet\ttext\n" + "".join(
    f"t{n}\tBeta\tThe regime, said the minister, had fallen; day {n}, again.\n" for n in range(30)
)


@pytest.mark.parametrize(("name", "suffix", "gzipped"), [
    ("corpus.jsonl.gz", ".jsonl", True), ("CORPUS.TSV.GZ", ".tsv", True), ("corpus.csv", ".csv", False),
    ("corpus.gz", "", True), ("corpus.v2.ndjson.gz", ".ndjson", True),
])
def test_the_format_is_named_by_the_suffix_under_gz(name, suffix, gzipped):
    assert data_suffix(name) == suffix and is_gzipped(name) is gzipped


def test_gzipped_json_lines_give_the_plain_files_chunks(tmp_path):
    plain = write_jsonl(ARTICLES, tmp_path / "corpus.jsonl")
    packed = gzip_copy(plain)
    assert input_kind(packed) == "jsonl" and packed.stat().st_size < plain.stat().st_size / 2
    want = list(iter_chunks(plain, chunk_size=25))
    got = list(iter_chunks(packed, chunk_size=25))
    assert [[a.text for a in c.articles] for c in got] == [[a.text for a in c.articles] for c in want]
    assert [len(c.articles) for c in got] == [25, 25, 10]
    # Progress counts bytes of the file on disk: it ends at the compressed size, not past it.
    assert got[-1].position == packed.stat().st_size
    # Resuming skips chunks of the decompressed rows, as for a plain file.
    resumed = list(iter_chunks(packed, chunk_size=25, skip=2))
    assert [len(c.articles) for c in resumed] == [0, 0, 10] and resumed[2].articles == got[2].articles


def test_a_gzipped_tsv_is_read_with_tabs(tmp_path):
    path = tmp_path / "corpus.tsv.gz"
    path.write_bytes(gzip.compress(TSV.encode("utf-8")))
    (chunk,) = iter_chunks(path, chunk_size=100)
    assert len(chunk.articles) == 30
    assert chunk.articles[3].text == "The regime, said the minister, had fallen; day 3, again."
    assert {a.outlet for a in chunk.articles} == {"Beta"}


def test_a_truncated_or_false_gzip_file_is_one_clear_error(tmp_path):
    packed = gzip_copy(write_jsonl(ARTICLES, tmp_path / "corpus.jsonl"))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed.read_bytes()[: packed.stat().st_size // 2])
    with pytest.raises(ImportProblem, match=r"^cut\.jsonl\.gz: not a readable gzip file \(Compressed file ended"):
        list(iter_chunks(cut, chunk_size=10))
    false = tmp_path / "false.csv.gz"
    false.write_text("id,text\n1,plain text\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"^false\.csv\.gz: not a readable gzip file \(Not a gzipped file"):
        list(iter_chunks(false, chunk_size=10))


@pytest.mark.parametrize("name", ["corpus.parquet.gz", "corpus.gz", "corpus.txt.gz"])
def test_gzip_is_refused_where_it_does_not_apply(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(b"{}"))
    with pytest.raises(ValueError, match=r"unknown input type .*also \.jsonl, \.ndjson, \.csv, \.tsv ending in \.gz"):
        input_kind(path)


def test_a_gzipped_file_is_not_cut_into_shards(tmp_path):
    packed = gzip_copy(write_jsonl(ARTICLES, tmp_path / "corpus.jsonl"))
    with pytest.raises(ValueError, match=r"a gzipped file cannot be split into shards"):
        plan_shards(packed, shard_bytes=1000)
