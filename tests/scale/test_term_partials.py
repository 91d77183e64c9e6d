"""Mergeable term counts: per-partition counts merge into the whole corpus's counts.

Every comparison is against :func:`framing.discover.term_counts.count_terms` on all the
articles at once (rows put in the canonical order merged counts use).
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from framing.scale.chunk_readers import plan_shards
from framing.cli import main
from framing.article import Article
from framing.scale.dask_terms import count_shard, dask_term_counts
from framing.discover.logodds import distinctive_terms
from framing.scale.term_partials import (
    canonical_order, merge_term_counts, stream_term_counts,
)
from framing.discover.term_counts import TermCounts, count_terms
from framing.text.tokens import TokenOptions, ngrams
from tests.stream_corpus import gzip_copy, make_articles, write_csv, write_jsonl, write_parquet

ARTICLES = make_articles(240, seed=11)
#: A phrase seen once in each of three partitions: below min_total=3 in each, 3 in total.
RARE = "orinoco flotilla"


def assert_same_counts(got: TermCounts, expected: TermCounts) -> None:
    """Equal tables (rows, columns, int64 counts), totals, vocabulary size and settings."""
    expected = canonical_order(expected)
    pd.testing.assert_frame_equal(got.table, expected.table)
    pd.testing.assert_series_equal(got.totals, expected.totals)
    assert got.vocabulary_size == expected.vocabulary_size
    assert (got.by, got.options, got.min_total) == (expected.by, expected.options, expected.min_total)


def rare_article(i: int, outlet: str) -> Article:
    return Article(id=f"rare{i}", outlet=outlet, text=f"An {RARE.title()} was sighted near the delta on day {i}.")


def partitions() -> list[list[Article]]:
    """Three uneven partitions of real text, each with the rare phrase once (in different outlets)."""
    cuts = [ARTICLES[:70], ARTICLES[70:95], ARTICLES[95:]]
    return [[*part, rare_article(i, outlet)] for i, (part, outlet) in enumerate(zip(cuts, ("Beta", "Zeta", "Alpha")))]


@pytest.mark.parametrize(
    "options", [TokenOptions(), TokenOptions(ngram_range=(2, 3), keep_stopwords=True, apostrophes="split")]
)
def test_merged_partitions_equal_count_terms_on_all_articles(options):
    parts = partitions()
    everything = [a for part in parts for a in part]
    merged = merge_term_counts([count_terms(part, options=options) for part in parts])
    assert_same_counts(merged, count_terms(everything, options=options))
    # Group columns in order of first appearance over the parts; Zeta only in the second part.
    assert merged.groups == list(dict.fromkeys(a.outlet for a in everything))
    assert merged.table.dtypes.eq("int64").all() and merged.totals.dtype == "int64"
    # The totals are the number of n-grams, counted independently with the reference tokenizer.
    for outlet in ("Alpha", "Zeta"):
        expected = sum(len(ngrams(a.text, options)) for a in everything if a.outlet == outlet)
        assert merged.totals[outlet] == expected


def test_merge_order_of_parts_sets_the_group_order_not_the_counts():
    parts = partitions()
    backwards = merge_term_counts([count_terms(part) for part in reversed(parts)])
    assert_same_counts(backwards, count_terms([a for part in reversed(parts) for a in part]))
    forwards = merge_term_counts([count_terms(part) for part in parts])
    assert backwards.groups != forwards.groups
    pd.testing.assert_frame_equal(backwards.table[forwards.groups], forwards.table)


def test_min_total_is_applied_only_after_the_merge():
    parts = partitions()
    counted = [count_terms(part) for part in parts]
    assert all(c.table.loc[RARE].sum() == 1 for c in counted)  # below 3 in every part ...
    assert all(RARE not in count_terms(part, min_total=3).table.index for part in parts)
    merged = merge_term_counts(counted, min_total=3)
    assert merged.table.loc[RARE].sum() == 3  # ... kept in total
    assert merged.table.loc[RARE, ["Beta", "Zeta", "Alpha"]].tolist() == [1, 1, 1]
    assert (merged.table.sum(axis=1) >= 3).all()
    assert_same_counts(merged, count_terms([a for part in parts for a in part], min_total=3))
    # The totals and vocabulary still cover every term, as with count_terms.
    assert merged.vocabulary_size == merge_term_counts(counted).vocabulary_size > len(merged.table)


def test_merge_consumes_a_generator_of_many_parts():
    # 13 parts: the binary-counter merge goes through several levels and an odd remainder.
    parts = (count_terms(ARTICLES[i : i + 19]) for i in range(0, len(ARTICLES), 19))
    assert_same_counts(merge_term_counts(parts, min_total=2), count_terms(ARTICLES, min_total=2))


@pytest.mark.parametrize(
    "parts, message",
    [
        ([], "no term counts"),
        ([count_terms(ARTICLES[:20], min_total=2)], "min_total=1"),
        ([count_terms(ARTICLES[:20]), count_terms(ARTICLES[20:40], by="alignment")], "'outlet' and 'alignment'"),
        ([count_terms(ARTICLES[:20]), count_terms(ARTICLES[20:40], options=TokenOptions(ngram_range=(1, 2)))],
         "different token options"),
    ],
)
def test_merge_rejects_parts_it_cannot_merge_exactly(parts, message):
    with pytest.raises(ValueError, match=message):
        merge_term_counts(parts)
    with pytest.raises(TypeError, match="can only merge TermCounts, got str"):
        merge_term_counts([count_terms(ARTICLES[:5]), "not counts"])


def test_merge_rejects_a_bad_min_total():
    with pytest.raises(ValueError, match=r"min_total=0 is not allowed"):
        merge_term_counts([count_terms(ARTICLES[:5])], min_total=0)


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("terms")
    return {
        "jsonl": write_jsonl(ARTICLES, folder / "corpus.jsonl"),  # with a blank line and a row without text
        "parquet": write_parquet(ARTICLES, folder / "corpus.parquet", row_group_size=30),
        "csv": write_csv(ARTICLES, folder / "corpus.csv"),
    }


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
@pytest.mark.parametrize("by", ["outlet", "alignment"])
def test_stream_term_counts_equal_count_terms(corpus_files, kind, by):
    got = stream_term_counts(corpus_files[kind], by=by, chunk_size=17, min_total=2)
    assert_same_counts(got, count_terms(ARTICLES, by=by, min_total=2))


def test_stream_term_counts_maps_csv_columns(corpus_files):
    options = TokenOptions(ngram_range=(1, 1))
    got = stream_term_counts(corpus_files["csv"], options=options, chunk_size=50,
                             column_map={"text": "body", "outlet": "source"})
    assert_same_counts(got, count_terms(ARTICLES, options=options))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"chunk_size": 0}, r"chunk_size=0 is not allowed"),
        ({"by": "colour"}, r"unknown grouping field 'colour'"),
        ({"min_total": -1}, r"min_total=-1 is not allowed"),
        ({"options": {"ngram_range": (1, 2)}}, "TokenOptions"),
        ({"column_map": {"body": "text"}}, r"unknown field 'body'; allowed: text, outlet"),
    ],
)
def test_stream_term_counts_rejects_bad_options(corpus_files, kwargs, message):
    with pytest.raises(ValueError, match=message):
        stream_term_counts(corpus_files["jsonl"], **kwargs)


def test_stream_term_counts_rejects_an_input_without_articles(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text(json.dumps({"outlet": "Alpha", "text": " "}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no articles to count"):
        stream_term_counts(empty)


def test_a_shard_without_articles_counts_as_none(tmp_path):
    source = tmp_path / "corpus.jsonl"
    texts = ("", " ", "Coup in Caracas.")
    source.write_text("".join(json.dumps({"outlet": "Alpha", "text": t}) + "\n" for t in texts), encoding="utf-8")
    shards = plan_shards(source, shard_bytes=1, min_shards=2)
    assert len(shards) == 3  # a line each
    counted = [count_shard(s, by="outlet", options=TokenOptions(), chunk_size=5, column_map={}) for s in shards]
    assert counted[:2] == [None, None]
    assert counted[2].survivors(None).table["Alpha"].to_dict() == {"caracas": 1, "coup": 1, "coup in caracas": 1}


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster


@pytest.mark.parametrize("kind, shard_bytes", [("jsonl", 20_000), ("parquet", 1)])
def test_dask_term_counts_equal_local(cluster, corpus_files, kind, shard_bytes):
    # 20 kB JSON Lines shards: 10 or so tasks, merged in a tree of 4-way merges
    # (two levels); a Parquet shard per row group (8).
    local = stream_term_counts(corpus_files[kind], chunk_size=25, min_total=2)
    got = dask_term_counts(corpus_files[kind], chunk_size=25, min_total=2, scheduler=cluster.scheduler_address,
                           shard_bytes=shard_bytes)
    assert len(plan_shards(corpus_files[kind], shard_bytes=shard_bytes, min_shards=4, multiple_of=2)) > 4
    assert_same_counts(got, local)
    assert_same_counts(got, count_terms(ARTICLES, min_total=2))


def test_dask_term_counts_of_a_csv_equal_local(cluster, corpus_files):
    # Copied to JSON Lines in a temporary folder beside the CSV, then cut into shards.
    columns = {"text": "body", "outlet": "source"}
    before = set(corpus_files["csv"].parent.iterdir())
    got = dask_term_counts(corpus_files["csv"], column_map=columns, chunk_size=25, min_total=2,
                           scheduler=cluster.scheduler_address, shard_bytes=20_000)
    assert_same_counts(got, stream_term_counts(corpus_files["csv"], column_map=columns, chunk_size=25, min_total=2))
    assert_same_counts(got, count_terms(ARTICLES, min_total=2))
    assert set(corpus_files["csv"].parent.iterdir()) == before  # the copy is gone


def test_term_counts_of_a_gzipped_file_equal_the_plain_file(cluster, corpus_files, tmp_path):
    source = gzip_copy(corpus_files["jsonl"])
    try:
        want = count_terms(ARTICLES, min_total=2)
        assert_same_counts(stream_term_counts(source, chunk_size=40, min_total=2), want)
        assert_same_counts(dask_term_counts(source, chunk_size=25, min_total=2, scheduler=cluster.scheduler_address,
                                            shard_bytes=20_000), want)
    finally:
        source.unlink()


def test_dask_term_counts_reject_bad_options(cluster, corpus_files):
    with pytest.raises(ValueError, match=r"n_workers=0 is not allowed"):
        dask_term_counts(corpus_files["jsonl"], n_workers=0, scheduler=cluster.scheduler_address)
    with pytest.raises(ValueError, match=r"unknown grouping field 'colour'"):
        dask_term_counts(corpus_files["jsonl"], by="colour", scheduler=cluster.scheduler_address)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def csv_rows(out: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(out), comment="#", keep_default_na=False)


def test_cli_terms_input_equals_terms_on_the_corpus_read_whole(corpus_files, capsys):
    options = ["--by", "alignment", "--pairs", "--ngram", "1", "2", "--top", "0", "--format", "csv"]
    code, streamed, _ = run(capsys, "terms", "--input", str(corpus_files["jsonl"]), "--chunk-size", "30", *options)
    assert code == 0
    code, whole, _ = run(capsys, "terms", str(corpus_files["jsonl"]), *options)
    assert code == 0
    got = csv_rows(streamed)
    pd.testing.assert_frame_equal(got, csv_rows(whole))
    # ... and both are the log-odds of the articles themselves: every pair, every term of either side.
    tables = distinctive_terms(ARTICLES, by="alignment", pairs=True, ngram_range=(1, 2))
    assert len(got) == sum((t["z"] != 0).sum() for t in tables)
    assert set(got["group_a"]) | set(got["group_b"]) == {"left", "right", "centre", "(none)"}
    params = json.loads(next(line for line in streamed.splitlines() if line.startswith("# params: "))[10:])
    assert params["input"] == params["corpus"] == "corpus.jsonl" and params["engine"] == "local"


@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")
def test_cli_terms_input_on_dask_starts_a_local_cluster(corpus_files, capsys):
    pytest.importorskip("distributed")
    options = ["--group", "Alpha", "--vs", "Beta", "--format", "json"]
    code, local, _ = run(capsys, "terms", "--input", str(corpus_files["parquet"]), *options)
    assert code == 0
    code, dask, _ = run(capsys, "terms", "--input", str(corpus_files["parquet"]), "--engine", "dask",
                        "--workers", "2", "--chunk-size", "40", *options)
    assert code == 0
    local, dask = json.loads(local), json.loads(dask)
    assert dask["rows"] == local["rows"] and dask["comparisons"] == local["comparisons"]
    assert {r["favours"] for r in dask["rows"]} == {"Alpha", "Beta"}
    assert dask["provenance"]["params"]["engine"] == "dask" and dask["provenance"]["params"]["workers"] == 2


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--by", "colour"], "unknown grouping field 'colour'"),
        (["--workers", "3"], "--scheduler and --workers need --engine dask"),
        (["--pairs", "--group", "Alpha"], "pairs=True compares every pair"),
        (["--min-count", "0"], "min_count=0 is not allowed"),
        (["--sample"], "either as PATH, --sample or --db, or as --input"),
        (["--text-column", "body"], "no column 'body'"),
        (["--engine", "dask", "--text-column", "nope"], "no column 'nope'"),
    ],
)
def test_cli_terms_input_errors_are_one_line_exit_2(corpus_files, capsys, extra, message):
    source = corpus_files["csv" if "dask" in extra else "jsonl"]
    column_map = ["--text-column", "body", "--outlet-column", "source"] if "dask" in extra else []
    code, out, err = run(capsys, "terms", "--input", str(source), *column_map, *extra)
    assert code == 2 and out == ""
    assert err.startswith("framing: error: ") and err.count("\n") == 1 and message in err


def test_cli_terms_stream_options_need_input(capsys):
    code, _, err = run(capsys, "terms", "--sample", "--engine", "dask", "--outlet-column", "source")
    assert code == 2 and err == "framing: error: --engine, --outlet-column apply only to --input CORPUS\n"
