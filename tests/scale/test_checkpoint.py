"""Resume verifies what it trusts: every interruption and damage ends in the uninterrupted output or a one-line refusal."""

from __future__ import annotations

import json
import os
import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from framing.cli import main
from framing.scale import streaming
from framing.scale.checkpoint import CHECKPOINT_VERSION, CheckpointError, checkpoint_path
from framing.scale.score_sink import part_files, parts_dir, read_scores
from framing.scale.streaming import stream_scores
from tests.stream_corpus import make_articles, write_jsonl, write_parquet

ARTICLES = make_articles(200, seed=11)
CHUNK = 40  # 5 chunks


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return write_jsonl(ARTICLES, tmp_path_factory.mktemp("corpus") / "corpus.jsonl")


@pytest.fixture(scope="module")
def straight(source, tmp_path_factory):
    output = tmp_path_factory.mktemp("straight") / "straight.parquet"
    run = stream_scores(source, output, chunk_size=CHUNK)
    return read_scores(output), run.outlets


def _interrupted(source, output, at: int = 3) -> None:
    def stop(index: int) -> None:
        if index == at:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        stream_scores(source, output, chunk_size=CHUNK, on_chunk=stop)


def _assert_equal_to_straight(run, output, straight) -> None:
    pd.testing.assert_frame_equal(read_scores(output), straight[0])
    pd.testing.assert_frame_equal(run.outlets, straight[1])
    assert run.articles == len(ARTICLES)
    assert not checkpoint_path(output).exists() and not parts_dir(output).exists()


def _delete_one(folder):
    part_files(folder)[1].unlink()


def _corrupt_one(folder):
    path = part_files(folder)[2]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate_one(folder):
    path = part_files(folder)[0]
    path.write_bytes(path.read_bytes()[:100])


@pytest.mark.parametrize("damage", [_delete_one, _corrupt_one, _truncate_one, shutil.rmtree],
                         ids=["part deleted", "part changed", "part truncated", "parts folder deleted"])
def test_damaged_parts_are_scored_again_never_skipped(damage, source, straight, tmp_path):
    output = tmp_path / "scores.parquet"
    _interrupted(source, output)
    damage(parts_dir(output))
    run = stream_scores(source, output, chunk_size=CHUNK, resume=True)
    _assert_equal_to_straight(run, output, straight)
    assert run.scored > len(ARTICLES) - 4 * CHUNK  # more than the last chunk: the damaged ones again


def test_kill_during_clean_up_keeps_the_complete_output(source, straight, tmp_path, monkeypatch):
    output = tmp_path / "scores.parquet"
    real_remove = streaming.remove_parts

    def killed_midway(folder):
        if output.exists():  # the clean-up after the output, not the one before a fresh run
            for part in part_files(folder)[:3]:
                part.unlink()  # the clean-up got this far
            raise KeyboardInterrupt
        real_remove(folder)

    monkeypatch.setattr(streaming, "remove_parts", killed_midway)
    with pytest.raises(KeyboardInterrupt):
        stream_scores(source, output, chunk_size=CHUNK)
    monkeypatch.setattr(streaming, "remove_parts", real_remove)
    assert len(read_scores(output)) == len(ARTICLES) and checkpoint_path(output).exists()
    run = stream_scores(source, output, chunk_size=CHUNK, resume=True)
    _assert_equal_to_straight(run, output, straight)
    assert run.scored == 0


def test_output_changed_after_finish_is_rebuilt(source, straight, tmp_path, monkeypatch):
    output = tmp_path / "scores.csv"
    real_remove = streaming.remove_parts

    def killed(folder):
        if output.exists():
            raise KeyboardInterrupt
        real_remove(folder)

    monkeypatch.setattr(streaming, "remove_parts", killed)
    with pytest.raises(KeyboardInterrupt):
        stream_scores(source, output, chunk_size=CHUNK)
    monkeypatch.undo()
    output.write_text("# framing\narticle\nx\n", encoding="utf-8")  # someone cut it short
    run = stream_scores(source, output, chunk_size=CHUNK, resume=True)
    assert run.scored == len(ARTICLES)
    pd.testing.assert_frame_equal(read_scores(output)[straight[0].columns], straight[0], check_dtype=False)


def _valid_state(source, tmp_path):
    output = tmp_path / "scores.parquet"
    _interrupted(source, output, at=1)
    return output, json.loads(checkpoint_path(output).read_text())


BAD_SHAPES = [
    (lambda s: [s], "(top level)"),
    (lambda s: "a string", "(top level)"),
    (lambda s: {**s, "fingerprint": "abc"}, "fingerprint"),
    (lambda s: {k: v for k, v in s.items() if k != "chunks_done"}, "chunks_done"),
    (lambda s: {k: v for k, v in s.items() if k != "position"}, "position"),
    (lambda s: {**s, "chunks_done": -1}, "chunks_done"),
    (lambda s: {**s, "chunks_done": True}, "chunks_done"),
    (lambda s: {**s, "position": "12"}, "position"),
    (lambda s: {**s, "partials": {"a": 1}}, "partials"),
    (lambda s: {**s, "partials": [["Alpha", {"articles": 1}]]}, "partials"),
    (lambda s: {**s, "partials": [["Alpha"]]}, "partials"),
    (lambda s: {**s, "parts": s["parts"][:1]}, "parts"),
    (lambda s: {**s, "parts": [{**s["parts"][0], "name": "../../etc/passwd"}, s["parts"][1]]}, "parts[0].name"),
    (lambda s: {**s, "articles": 7}, "articles"),
    (lambda s: {**s, "complete": [1]}, "complete"),
]


@pytest.mark.parametrize(("change", "field"), BAD_SHAPES)
def test_checkpoint_of_the_wrong_shape_is_refused_in_one_line(change, field, source, tmp_path, capsys):
    output, state = _valid_state(source, tmp_path)
    checkpoint_path(output).write_text(json.dumps(change(state)))
    with pytest.raises(CheckpointError) as info:
        stream_scores(source, output, chunk_size=CHUNK, resume=True)
    message = str(info.value)
    assert "\n" not in message and repr(field) in message
    assert main(["score", "--input", str(source), "--output", str(output), "--chunk-size", str(CHUNK), "--resume"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("framing: error:") and repr(field) in err[-1] and "Traceback" not in "".join(err)


@pytest.mark.parametrize("version", [1, 2, CHECKPOINT_VERSION + 1, "3", None])
def test_old_or_unknown_checkpoint_versions_are_refused(version, source, tmp_path):
    output, state = _valid_state(source, tmp_path)
    state["fingerprint"]["version"] = version
    checkpoint_path(output).write_text(json.dumps(state))
    with pytest.raises(CheckpointError, match=f"checkpoint version {version!r} is not supported"):
        stream_scores(source, output, chunk_size=CHUNK, resume=True)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
FIELDS = st.sampled_from(["fingerprint", "chunks_done", "position", "articles", "partials", "parts", "complete"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(replaced=st.dictionaries(FIELDS, JSON, min_size=1, max_size=3), whole=st.none() | JSON)
def test_random_checkpoints_end_in_a_refusal_or_the_straight_output(replaced, whole, source, straight, tmp_path_factory):
    output, state = _valid_state(source, tmp_path_factory.mktemp("random"))
    state = whole if whole is not None else {**state, **replaced}
    checkpoint_path(output).write_text(json.dumps(state))
    try:
        run = stream_scores(source, output, chunk_size=CHUNK, resume=True)
    except CheckpointError as exc:
        assert "\n" not in str(exc)
    else:
        _assert_equal_to_straight(run, output, straight)


def test_output_equal_to_or_inside_the_input_is_refused(tmp_path, capsys):
    corpus = write_parquet(ARTICLES[:20], tmp_path / "articles.parquet")
    before = corpus.read_bytes()
    link = tmp_path / "link.parquet"
    os.link(corpus, link)
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "Alpha_1.txt").write_text(ARTICLES[0].text, encoding="utf-8")
    for input, output, extra, message in [
        (corpus, corpus, [], "is the input"),
        (corpus, tmp_path / "." / "articles.parquet", [], "is the input"),
        (corpus, link, [], "is the input"),
        (corpus, tmp_path / "out.parquet", ["--outlets-output", str(corpus)], "is the input"),
        (folder, folder / "scores.csv", [], "inside the input folder"),
        (corpus, tmp_path / "s.csv", ["--outlets-output", str(tmp_path / "s.csv")], "the same file"),
    ]:
        assert main(["score", "--input", str(input), "--output", str(output), *extra]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and message in err[0], err
    assert corpus.read_bytes() == before


def test_dask_rescores_a_shard_whose_part_or_result_is_damaged(tmp_path):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    from framing.scale.chunk_readers import plan_shards
    from framing.scale.checkpoint import save_checkpoint, shard_result_path
    from framing.scale.dask_engine import dask_scores, score_shard
    from framing.scale.streaming import settings as run_settings

    corpus = write_parquet(ARTICLES, tmp_path / "corpus.parquet", row_group_size=20)  # 10 shards of 20
    output = tmp_path / "resumed.parquet"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        options = dict(chunk_size=10, scheduler=cluster.scheduler_address, shard_bytes=1)
        straight = dask_scores(corpus, tmp_path / "straight.parquet", **options)
        run = run_settings(corpus, output, outlets_output=None, lexicons=None, voice_factors=None, chunk_size=10,
                           column_map=None)
        shards = plan_shards(corpus, shard_bytes=1, min_shards=2)
        save_checkpoint(checkpoint_path(output),
                        {**run.fingerprint("dask"), "shards": [[s.start, s.end] for s in shards]})
        folder = parts_dir(output)
        for shard in shards[:4]:
            score_shard(shard, lexicons=run.lexicons, factors=run.factors, chunk_size=10, column_map={},
                        parts=str(folder))
        (folder / "part-000001-000000.parquet").unlink()
        shard_result_path(folder, 2).write_text("{not json")
        resumed = dask_scores(corpus, output, resume=True, **options)
    assert resumed.scored == len(ARTICLES) - 2 * 20 and resumed.articles == len(ARTICLES)
    pd.testing.assert_frame_equal(read_scores(output), read_scores(tmp_path / "straight.parquet"))
    pd.testing.assert_frame_equal(resumed.outlets, straight.outlets)
