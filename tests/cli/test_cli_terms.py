"""``framing terms`` and ``framing kwic``."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from framing.cli import main
from framing.corpus import load_sample_corpus
from tests.stream_corpus import write_jsonl


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_terms_table_on_sample(capsys):
    code, out, _ = run(capsys, "terms", "--top", "10")
    assert code == 0
    assert "== teleSUR English vs rest" in out
    telesur = out.split("== teleSUR English vs rest")[1].split("== RT vs rest")[0]
    assert "coup" in telesur.split()


def test_terms_csv_has_provenance(capsys):
    code, out, _ = run(capsys, "terms", "--group", "teleSUR English", "--vs", "RT", "--top", "5",
                       "--ngram", "1", "2", "--format", "csv")
    assert code == 0
    assert out.startswith("# framing ")
    params = json.loads(next(line for line in out.splitlines() if line.startswith("# params: "))[10:])
    assert params["ngram_range"] == [1, 2] and params["prior"] == "informative"
    table = pd.read_csv(io.StringIO(out), comment="#")
    assert list(table.columns[:8]) == ["term", "group_a", "group_b", "count_a", "count_b", "delta", "var", "z"]
    assert set(table["favours"]) == {"teleSUR English", "RT"}
    assert table["term"].str.count(" ").max() <= 1


def test_terms_json_and_pairs(capsys):
    code, out, _ = run(capsys, "terms", "--pairs", "--by", "alignment", "--prior", "uniform", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["provenance"]["params"]["prior"] == "uniform"
    assert len(data["comparisons"]) == 3
    assert {"term", "z", "favours"} <= set(data["rows"][0])


def test_terms_user_errors_exit_2(capsys):
    code, _, err = run(capsys, "terms", "--by", "colour")
    assert code == 2 and "colour" in err
    code, _, err = run(capsys, "terms", "--group", "Nobody")
    assert code == 2 and "Nobody" in err
    code, _, err = run(capsys, "terms", "--min-count", "0")
    assert code == 2 and "min_count" in err


def test_kwic_command(capsys):
    code, out, _ = run(capsys, "kwic", "interim president", "--width", "20")
    assert code == 0
    assert "== teleSUR English" in out and "[interim president]" in out and "(scare_quoted)" in out
    code, out, _ = run(capsys, "kwic", "coup", "--format", "csv")
    assert out.startswith("# framing ") and "# lexicon: " in out
    table = pd.read_csv(io.StringIO(out), comment="#")
    assert set(table["voice"]) <= {"authorial", "quoted", "scare_quoted"}


@pytest.mark.parametrize(
    "extra, named",
    [
        (["--chunk-size", "10"], "--chunk-size applies"),
        (["--engine", "dask", "--chunk-size", "10"], "--chunk-size, --engine apply"),
        (["--engine", "local"], "--engine applies"),  # the default, but given
        (["--workers", "2", "--outlet-column", "source"], "--workers, --outlet-column apply"),
    ],
)
def test_terms_stream_options_without_input_exit_2(capsys, extra, named):
    code, out, err = run(capsys, "terms", "--sample", *extra)
    assert code == 2 and out == ""
    assert err == f"framing: error: {named} only to --input CORPUS\n"


def test_terms_stream_options_with_input_still_apply(tmp_path, capsys):
    corpus = write_jsonl(load_sample_corpus(), tmp_path / "sample.jsonl", empty_row=False)
    code, out, err = run(capsys, "terms", "--input", str(corpus), "--chunk-size", "2", "--engine", "local",
                         "--top", "3", "--format", "json")
    assert code == 0, err
    params = json.loads(out)["provenance"]["params"]
    assert params["chunk_size"] == 2 and params["engine"] == "local"
    code, out, err = run(capsys, "terms", "--input", str(corpus), "--top", "3", "--format", "json")
    assert code == 0, err
    params = json.loads(out)["provenance"]["params"]
    assert params["chunk_size"] == 1000 and params["engine"] == "local"  # the defaults, filled in
