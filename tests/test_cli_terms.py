"""``framing terms`` and ``framing kwic``."""

from __future__ import annotations

import io
import json

import pandas as pd

from framing.cli import main


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
