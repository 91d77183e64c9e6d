"""The Dask engine: same results as the local engine, one matcher per worker.

Runs whenever ``distributed`` is installed, which the ``test`` extra ensures
(CI installs it); a LocalCluster of 2 worker processes on a few hundred
articles takes a few seconds.
"""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("distributed")

from distributed import Client, LocalCluster  # noqa: E402

from framing.chunk_readers import plan_shards  # noqa: E402
from framing.dask_engine import BUILDS_ATTRIBUTE, dask_scores, score_shard  # noqa: E402
from framing.score_sink import parts_dir, read_scores  # noqa: E402
from framing.streaming import checkpoint_path, save_checkpoint, settings, stream_scores  # noqa: E402
from tests.stream_corpus import (  # noqa: E402
    assert_same_scores, expected_outlets, make_articles, write_csv, write_jsonl, write_parquet,
)

ARTICLES = make_articles(300, seed=7)


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster


def test_dask_equals_local_and_builds_one_matcher_per_worker(cluster, tmp_path):
    source = write_jsonl(ARTICLES, tmp_path / "corpus.jsonl")
    local = stream_scores(source, tmp_path / "local.parquet", chunk_size=50)
    # 30 kB shards: about 8 tasks for 2 workers, so each worker scores several.
    run = dask_scores(source, tmp_path / "dask.parquet", chunk_size=50, scheduler=cluster.scheduler_address,
                      shard_bytes=30_000)
    pd.testing.assert_frame_equal(read_scores(tmp_path / "dask.parquet"), read_scores(tmp_path / "local.parquet"))
    pd.testing.assert_frame_equal(run.outlets, local.outlets)
    assert_same_scores(run.outlets, expected_outlets(ARTICLES))
    with Client(cluster) as client:
        builds = client.run(lambda dask_worker: getattr(dask_worker, BUILDS_ATTRIBUTE, 0))
    assert len(builds) == 2 and all(n <= 1 for n in builds.values()) and sum(builds.values()) >= 1


def test_dask_resumes_finished_shards(cluster, tmp_path):
    source = write_parquet(ARTICLES, tmp_path / "corpus.parquet", row_group_size=30)
    options = dict(chunk_size=20, scheduler=cluster.scheduler_address, shard_bytes=1)  # a shard per row group
    straight = dask_scores(source, tmp_path / "straight.csv", **options)
    # An interrupted run: its checkpoint, and 4 of its 10 shards finished.
    output = tmp_path / "resumed.csv"
    run = settings(source, output, outlets_output=None, lexicons=None, voice_factors=None, chunk_size=20,
                   column_map=None)
    shards = plan_shards(source, shard_bytes=1, min_shards=4)
    assert len(shards) == 10
    save_checkpoint(checkpoint_path(output), {**run.fingerprint("dask"), "shards": [[s.start, s.end] for s in shards]})
    for shard in shards[:4]:
        score_shard(shard, lexicons=run.lexicons, factors=run.factors, chunk_size=20, column_map={},
                    parts=str(parts_dir(output)))
    resumed = dask_scores(source, output, resume=True, **options)
    assert resumed.scored == 300 - 4 * 30 and resumed.articles == straight.articles == 300
    pd.testing.assert_frame_equal(read_scores(output), read_scores(tmp_path / "straight.csv"))
    pd.testing.assert_frame_equal(resumed.outlets, straight.outlets)
    assert not checkpoint_path(output).exists() and not parts_dir(output).exists()


@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")
def test_dask_starts_its_own_local_cluster_and_rejects_csv(tmp_path):
    source = write_jsonl(ARTICLES[:60], tmp_path / "corpus.jsonl")
    run = dask_scores(source, tmp_path / "scores.parquet", chunk_size=25)
    local = stream_scores(source, tmp_path / "local.parquet", chunk_size=25)
    pd.testing.assert_frame_equal(read_scores(tmp_path / "scores.parquet"), read_scores(tmp_path / "local.parquet"))
    assert run.articles == 60
    with pytest.raises(ValueError, match="CSV cannot be split"):
        dask_scores(write_csv(ARTICLES[:5], tmp_path / "c.csv"), tmp_path / "x.parquet")
    assert local.articles == 60


def test_shards_cover_the_input_in_equal_shares_per_worker(tmp_path):
    source = tmp_path / "corpus.jsonl"
    write_jsonl(ARTICLES, source)
    size = source.stat().st_size
    # 5 shards by size, rounded up to 6 so that 2 (or 3) workers get equal shares.
    assert len(plan_shards(source, shard_bytes=size // 5 + 1)) == 5
    for workers in (2, 3):
        shards = plan_shards(source, shard_bytes=size // 5 + 1, multiple_of=workers)
        assert len(shards) == 6
        assert shards[0].start == 0 and shards[-1].end == size
        assert all(a.end == b.start for a, b in zip(shards, shards[1:]))
        assert max(s.size for s in shards) < 1.5 * min(s.size for s in shards)


def test_cli_runs_on_an_existing_cluster_with_its_worker_count(cluster, tmp_path, capsys):
    from framing.cli import main

    source = write_jsonl(ARTICLES[:90], tmp_path / "corpus.jsonl")
    output = tmp_path / "scores.parquet"
    args = ["score", "--input", str(source), "--output", str(output), "--engine", "dask",
            "--scheduler", cluster.scheduler_address, "--workers", "2", "--chunk-size", "20"]
    assert main(args) == 0
    assert "scored 90 articles" in capsys.readouterr().out
    local = stream_scores(source, tmp_path / "local.parquet", chunk_size=20)
    pd.testing.assert_frame_equal(read_scores(output), read_scores(local.output))
