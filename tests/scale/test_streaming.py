"""Streaming scores: equal to the in-memory scores, resumable, reading lazily."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.scale.chunk_readers import iter_chunks
from framing.cli import main
from framing.importers import ImportProblem
from framing.lexicon.model import bundled_lexicons
from framing.scoring.partials import concept_columns, merge_partials, outlet_table, partials_from_json, partials_to_json, score_chunk
from framing.scoring.matcher import TermMatcher
from framing.scale.score_sink import read_scores
from framing.scoring.scores import article_scores, check_voice_factors
from framing.scale.streaming import checkpoint_path, stream_scores
from tests.stream_corpus import (
    assert_same_scores, expected_outlets, gzip_copy, make_articles, write_csv, write_folder, write_jsonl, write_parquet,
)

ARTICLES = make_articles(300)
CSV_COLUMNS = {"text": "body", "outlet": "source"}


@pytest.fixture(scope="module")
def expected():
    return article_scores(ARTICLES), expected_outlets(ARTICLES)


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    files = {
        "jsonl": write_jsonl(ARTICLES, folder / "corpus.jsonl"),
        "csv": write_csv(ARTICLES, folder / "corpus.csv"),
        "parquet": write_parquet(ARTICLES, folder / "corpus.parquet"),
    }
    return {**files, "jsonl.gz": gzip_copy(files["jsonl"]), "csv.gz": gzip_copy(files["csv"])}


def _check_articles(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert_same_scores(got[list(expected.columns)], expected)
    # Every concept of the lexicons has a column, so all chunks share one schema.
    assert [c for c in got.columns if c.startswith("concept:")] == concept_columns(bundled_lexicons())
    extra = [c for c in got.columns if c not in expected.columns]
    assert (got[extra] == 0).all().all()


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet", "jsonl.gz", "csv.gz"])
def test_streamed_scores_equal_in_memory_scores(kind, corpus_files, expected, tmp_path):
    output = tmp_path / "scores.parquet"
    column_map = CSV_COLUMNS if kind.startswith("csv") else None
    run = stream_scores(corpus_files[kind], output, chunk_size=64, column_map=column_map)
    assert run.articles == run.scored == len(ARTICLES)
    _check_articles(read_scores(output), expected[0])
    assert_same_scores(read_scores(tmp_path / "scores.outlets.csv"), expected[1])
    assert_same_scores(run.outlets, expected[1])
    assert not checkpoint_path(output).exists() and not (tmp_path / "scores.parquet.parts").exists()


def test_csv_output_and_folder_input(tmp_path):
    articles = ARTICLES[:40]
    folder = write_folder(articles, tmp_path / "texts")
    run = stream_scores(folder, tmp_path / "scores.csv", outlets_output=tmp_path / "o.parquet", chunk_size=16)
    # Folder articles take their id from the file name and their outlet from its first part.
    got = read_scores(tmp_path / "scores.csv").sort_values("words", kind="stable")
    want = article_scores(articles).sort_values("words", kind="stable")
    assert got["words"].tolist() == want["words"].tolist() and got["loaded"].tolist() == want["loaded"].tolist()
    assert run.articles == 40 and set(read_scores(tmp_path / "o.parquet")["outlet"]) == {o.lower() for o in set(a.outlet for a in articles)}
    with open(tmp_path / "scores.csv", encoding="utf-8") as handle:
        assert handle.readline().startswith("# framing")


def test_resume_after_interruption_gives_the_same_output(corpus_files, tmp_path):
    straight = stream_scores(corpus_files["jsonl"], tmp_path / "straight.parquet", chunk_size=40)
    output = tmp_path / "resumed.parquet"

    def interrupt(index: int) -> None:
        if index == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        stream_scores(corpus_files["jsonl"], output, chunk_size=40, on_chunk=interrupt)
    state = json.loads(checkpoint_path(output).read_text())
    assert state["chunks_done"] == 3 and state["fingerprint"]["chunk_size"] == 40
    assert not output.exists()

    with pytest.raises(ValueError, match="another chunk_size"):
        stream_scores(corpus_files["jsonl"], output, chunk_size=50, resume=True)

    seen: list[int] = []
    resumed = stream_scores(corpus_files["jsonl"], output, chunk_size=40, resume=True, on_chunk=seen.append)
    assert seen[0] == 3  # finished chunks are not scored again
    assert resumed.scored == len(ARTICLES) - 3 * 40 and resumed.articles == len(ARTICLES)
    pd.testing.assert_frame_equal(read_scores(output), read_scores(tmp_path / "straight.parquet"))
    pd.testing.assert_frame_equal(resumed.outlets, straight.outlets)
    assert not checkpoint_path(output).exists()


def test_readers_yield_bounded_chunks_lazily(tmp_path):
    path = write_jsonl(ARTICLES, tmp_path / "corpus.jsonl", empty_row=False)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    chunks = iter_chunks(path, chunk_size=25)
    first = next(chunks)  # the broken last line is not read yet
    assert first.index == 0 and [a.id for a in first.articles] == [a.id for a in ARTICLES[:25]]
    sizes = [len(first.articles)]
    with pytest.raises(ImportProblem, match="line 301: not JSON"):
        for chunk in chunks:
            sizes.append(len(chunk.articles))
    assert sizes == [25] * 12

    folder = write_folder(ARTICLES[:30], tmp_path / "texts")
    (folder / "zzz_broken.txt").write_bytes(b"\xff\xfe\xfa not utf-8 \x81")
    chunks = iter_chunks(folder, chunk_size=10)
    assert [len(next(chunks).articles) for _ in range(3)] == [10, 10, 10]
    with pytest.raises(ValueError, match="zzz_broken.txt"):
        next(chunks)

    parquet = write_parquet(ARTICLES, tmp_path / "corpus.parquet", row_group_size=40)
    assert [len(c.articles) for c in iter_chunks(parquet, chunk_size=64)] == [64] * 4 + [44]
    skipped = list(iter_chunks(parquet, chunk_size=64, skip=3))
    assert [len(c.articles) for c in skipped] == [0, 0, 0, 64, 44]


def test_partials_merge_in_any_order_and_survive_json():
    lexicons = bundled_lexicons()
    matcher = TermMatcher(lexicons)
    factors = check_voice_factors(None)
    pieces = [score_chunk(ARTICLES[i:i + 100], lexicons, matcher, factors)[1] for i in range(0, 300, 100)]
    forward: dict = {}
    for piece in pieces:
        merge_partials(forward, partials_from_json(json.loads(json.dumps(partials_to_json(piece)))))
    backward: dict = {}
    for piece in reversed(pieces):
        merge_partials(backward, piece)
    a = outlet_table(forward, lexicons).set_index("outlet")
    b = outlet_table(backward, lexicons).set_index("outlet").loc[a.index]
    pd.testing.assert_frame_equal(a, b, check_exact=True)  # exact sums: order changes nothing


def test_cli_streams_and_reports_errors_in_one_line(corpus_files, tmp_path, capsys):
    output = tmp_path / "scores.csv"
    args = ["score", "--input", str(corpus_files["csv"]), "--output", str(output), "--chunk-size", "100",
            "--text-column", "body", "--outlet-column", "source"]
    assert main(args) == 0
    assert "scored 300 articles" in capsys.readouterr().out
    assert len(read_scores(output)) == 300 and (tmp_path / "scores.outlets.csv").is_file()
    for bad, message in [
        (["--output", str(tmp_path / "x.txt")], "must end in one of .parquet, .csv"),
        (["--output", str(output), "--text-column", "nope"], "no column 'nope'"),
        (["--output", str(output), "--scheduler", "tcp://h:1"], "--scheduler and --workers need --engine dask"),
        (["--output", str(output), "--workers", "3"], "--scheduler and --workers need --engine dask"),
        (["--output", str(output), "--format", "csv"], "do not apply to --input"),
        ([], "--input and --output go together"),
    ]:
        assert main(["score", "--input", str(corpus_files["csv"]), *bad]) == 2
        err = capsys.readouterr().err.strip().splitlines()[-1]
        assert err.startswith("framing: error:") and message in err
    assert main(["score", "--input", str(tmp_path / "missing.jsonl"), "--output", str(output)]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_cli_reads_a_gzipped_corpus_with_input_and_points_path_there(corpus_files, tmp_path, capsys):
    output = tmp_path / "scores.parquet"
    assert main(["score", "--input", str(corpus_files["jsonl.gz"]), "--output", str(output)]) == 0
    assert "scored 300 articles" in capsys.readouterr().out and len(read_scores(output)) == 300
    # Given as PATH, the file would be read whole: the error says where it belongs.
    assert main(["score", str(corpus_files["jsonl.gz"])]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unsupported file type '.gz'" in err[0] and "as --input FILE" in err[0]


def test_cli_input_takes_a_text_limit_and_a_resume_keeps_it(tmp_path, capsys):
    articles = make_articles(40)  # texts of at most 1,564 characters
    source = write_jsonl(articles, tmp_path / "corpus.jsonl", empty_row=False)
    output = tmp_path / "scores.parquet"
    for command in (["score", "--input", str(source), "--output", str(output)], ["terms", "--input", str(source)]):
        assert main([*command, "--max-text-chars", "1,000"]) == 2
        err = capsys.readouterr().err.strip().splitlines()[-1]
        assert "extracted text too large" in err and "the limit is 1,000" in err and "line " in err
        assert main([*command, "--max-text-chars", "2_000"]) == 0
        capsys.readouterr()
    assert len(read_scores(output)) == 40
    assert main(["score", str(source), "--max-text-chars", "2000"]) == 2
    assert "--max-text-chars applies only to --input CORPUS" in capsys.readouterr().err
    # The limit is part of a run's settings: a resume under another one starts over, never half and half.
    with pytest.raises(KeyboardInterrupt):
        stream_scores(source, tmp_path / "r.parquet", chunk_size=10, max_text_chars=2000,
                      on_chunk=lambda i: (_ for _ in ()).throw(KeyboardInterrupt) if i == 1 else None)
    with pytest.raises(ValueError, match=r"another max_text_chars \(2000, now 3000\)"):
        stream_scores(source, tmp_path / "r.parquet", chunk_size=10, max_text_chars=3000, resume=True)
    with pytest.raises(ValueError, match=r"max_text_chars"):
        stream_scores(source, tmp_path / "x.parquet", max_text_chars=0)
