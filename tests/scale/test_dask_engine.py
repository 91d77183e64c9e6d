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

from framing.scale.chunk_readers import plan_shards  # noqa: E402
from framing.importers.base import DEFAULT_MAX_TEXT_CHARS  # noqa: E402
from framing.scale.dask_engine import BUILDS_ATTRIBUTE, InOrderMerge, csv_copy_path, dask_scores, score_shard  # noqa: E402
from framing.scale.score_sink import parts_dir, read_scores  # noqa: E402
from framing.scale.streaming import checkpoint_path, save_checkpoint, settings, stream_scores  # noqa: E402
from tests.stream_corpus import (  # noqa: E402
    assert_same_scores, expected_outlets, gzip_copy, make_articles, write_csv, write_jsonl, write_parquet,
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
def test_dask_starts_its_own_local_cluster(tmp_path):
    source = write_jsonl(ARTICLES[:60], tmp_path / "corpus.jsonl")
    run = dask_scores(source, tmp_path / "scores.parquet", chunk_size=25)
    local = stream_scores(source, tmp_path / "local.parquet", chunk_size=25)
    pd.testing.assert_frame_equal(read_scores(tmp_path / "scores.parquet"), read_scores(tmp_path / "local.parquet"))
    assert run.articles == local.articles == 60


def test_dask_scores_a_csv_through_a_json_lines_copy(cluster, tmp_path):
    # Quoted CSV cells hold the texts' line breaks: the rows are copied to JSON Lines, then cut.
    assert sum("\n" in a.text for a in ARTICLES) > 100
    source = write_csv(ARTICLES, tmp_path / "corpus.csv")
    columns = {"text": "body", "outlet": "source"}
    local = stream_scores(source, tmp_path / "local.parquet", chunk_size=40, column_map=columns)
    output = tmp_path / "dask.parquet"
    run = dask_scores(source, output, chunk_size=40, column_map=columns, scheduler=cluster.scheduler_address,
                      shard_bytes=30_000)
    pd.testing.assert_frame_equal(read_scores(output), read_scores(tmp_path / "local.parquet"))
    pd.testing.assert_frame_equal(run.outlets, local.outlets)
    assert run.articles == 300 and not csv_copy_path(output).exists()


def test_dask_scores_a_gzipped_json_lines_file_through_a_plain_copy(cluster, tmp_path):
    # gzip reads only from the start, so shards are cut from a decompressed copy.
    source = gzip_copy(write_jsonl(ARTICLES[:80], tmp_path / "corpus.jsonl"))
    local = stream_scores(source, tmp_path / "local.parquet", chunk_size=20)
    output = tmp_path / "dask.parquet"
    run = dask_scores(source, output, chunk_size=20, scheduler=cluster.scheduler_address, shard_bytes=20_000)
    pd.testing.assert_frame_equal(read_scores(output), read_scores(tmp_path / "local.parquet"))
    assert run.articles == local.articles == 80 and not csv_copy_path(output).exists()


def test_dask_reports_a_bad_csv_row_by_its_row_number(cluster, tmp_path):
    source = write_csv(ARTICLES[:20], tmp_path / "corpus.csv")
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    frame.loc[13, "body"] = "coup " * (DEFAULT_MAX_TEXT_CHARS // 5 + 1)  # row 15 (the header is row 1): over the text limit
    frame.to_csv(source, index=False)
    columns = {"text": "body", "outlet": "source"}
    with pytest.raises(ValueError, match=r"corpus\.csv, row 15: extracted text too large"):
        stream_scores(source, tmp_path / "local.parquet", column_map=columns)
    with pytest.raises(ValueError, match=r"corpus\.csv, row 15: extracted text too large"):
        dask_scores(source, tmp_path / "x.parquet", column_map=columns, scheduler=cluster.scheduler_address)
    assert not csv_copy_path(tmp_path / "x.parquet").exists() and not list(tmp_path.glob("*.partial"))


def test_dask_applies_the_text_limit_given_like_the_local_engine(cluster, tmp_path):
    source = write_csv(ARTICLES[:30], tmp_path / "corpus.csv")  # texts of at most 1,343 characters
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    frame.loc[20, "body"] = "coup " * 1000  # row 22: 4,999 characters once stripped
    frame.to_csv(source, index=False)
    columns = {"text": "body", "outlet": "source"}
    for engine in (stream_scores, dask_scores):
        extra = {"scheduler": cluster.scheduler_address} if engine is dask_scores else {}
        with pytest.raises(ValueError, match=r"corpus\.csv, row 22: extracted text too large \(4,999 characters; "
                                             r"the limit is 4,000"):
            engine(source, tmp_path / f"{engine.__name__}.parquet", column_map=columns, max_text_chars=4000, **extra)
        run = engine(source, tmp_path / f"{engine.__name__}.parquet", column_map=columns, max_text_chars=5000,
                     **extra)
        assert run.articles == 30
    pd.testing.assert_frame_equal(read_scores(tmp_path / "dask_scores.parquet"),
                                  read_scores(tmp_path / "stream_scores.parquet"))
    assert read_scores(tmp_path / "dask_scores.parquet")["words"].max() == 1000


def test_a_local_cluster_started_for_a_run_has_its_profiler_off_and_leaves_the_config_alone():
    import dask

    from framing.scale.dask_engine import dask_client

    with dask_client(None, 1) as client:
        seen = client.run(lambda: (dask.config.get("distributed.worker.profile.enabled"),
                                   dask.config.get("distributed.admin.tick.interval")))
    assert list(seen.values()) == [(False, "1s")]
    assert dask.config.get("distributed.worker.profile.enabled") is True  # this process keeps the defaults


@pytest.mark.skipif("forkserver" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="no fork server on this platform")
def test_a_local_cluster_started_for_a_run_forks_its_workers_with_framing_imported():
    import sys

    import dask

    from framing.scale.dask_engine import FORKSERVER_PRELOAD, dask_client

    with dask_client(None, 2) as client:
        # Asked before any task ran: a spawned worker has imported none of framing.
        seen = client.run(lambda: (dask.config.get("distributed.worker.multiprocessing-method"),
                                   [name for name in FORKSERVER_PRELOAD if name not in sys.modules]))
    assert list(seen.values()) == [("forkserver", [])] * 2
    assert dask.config.get("distributed.worker.multiprocessing-method") == "spawn"  # the caller's default


def test_shard_partials_merge_in_shard_order_whatever_order_they_finish_in(tmp_path):
    import json

    from framing.lexicon.model import bundled_lexicons
    from framing.scoring.matcher import TermMatcher
    from framing.scoring.partials import merge_partials, partials_to_json, score_chunk
    from framing.scoring.scores import check_voice_factors

    lexicons = bundled_lexicons()
    matcher, factors = TermMatcher(lexicons), check_voice_factors(None)
    # Four shards of articles sorted by outlet: outlets first appear in different
    # shards, so a merge in finishing order would list them in another order.
    ordered = sorted(ARTICLES[:60], key=lambda a: a.outlet)
    shards = [score_chunk(ordered[i:i + 15], lexicons, matcher, factors)[1] for i in range(0, 60, 15)]
    expected: dict = {}
    for partials in shards:
        merge_partials(expected, partials)
    finishing_order: dict = {}
    for index in (2, 0, 3, 1):
        merge_partials(finishing_order, shards[index])
    assert list(finishing_order) != list(expected)

    merge = InOrderMerge([0, 1, 2, 3], tmp_path, finished=set())
    waiting = []
    for index in (2, 0, 3, 1):
        merge.add(index, partials_to_json(shards[index]))
        waiting.append(merge.waiting)
    assert waiting == [1, 1, 2, 0]  # shard 2 waits for 1, then 3 does too; nothing after 1 came
    assert partials_to_json(merge.total()) == partials_to_json(expected)

    # Shard 1 finished in an earlier run: read from its file when its turn comes.
    (tmp_path / "shard-000001.json").write_text(json.dumps({"partials": partials_to_json(shards[1])}))
    resumed = InOrderMerge([0, 1, 2, 3], tmp_path, finished={1})
    for index in (3, 0, 2):
        resumed.add(index, partials_to_json(shards[index]))
    assert resumed.waiting == 0 and partials_to_json(resumed.total()) == partials_to_json(expected)

    with pytest.raises(ValueError, match="shard 1 never finished"):
        incomplete = InOrderMerge([0, 1], tmp_path / "none", finished=set())
        incomplete.add(0, partials_to_json(shards[0]))
        incomplete.total()


def test_shards_run_in_input_order_so_no_partials_wait(tmp_path, monkeypatch):
    import framing.scale.dask_engine as dask_engine

    finished: list[int] = []
    waiting: list[int] = []
    add = dask_engine.InOrderMerge.add

    def recording_add(self, index, partials_json):
        add(self, index, partials_json)
        finished.append(index)
        waiting.append(self.waiting)

    monkeypatch.setattr(dask_engine.InOrderMerge, "add", recording_add)
    source = write_jsonl(ARTICLES[:120], tmp_path / "corpus.jsonl")
    # One single-threaded worker runs the tasks one at a time, by priority.
    dask_scores(source, tmp_path / "scores.parquet", chunk_size=10, n_workers=1, shard_bytes=8_000)
    assert len(finished) >= 6
    assert finished == sorted(finished) and set(waiting) == {0}
