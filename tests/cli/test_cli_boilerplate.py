"""Boilerplate on the command line: on by default in ``terms``, off by default in ``score``."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from framing.cli import main
from tests.stream_corpus import write_jsonl
from tests.text.test_boilerplate import corpus


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def corpus_file(tmp_path):
    return write_jsonl(corpus(), tmp_path / "c.jsonl", empty_row=False)


def _terms(out: str) -> set[str]:
    return set(pd.read_csv(io.StringIO(out), comment="#")["term"])


@pytest.mark.parametrize("source", ["path", "input"])
def test_terms_remove_boilerplate_unless_kept(capsys, corpus_file, source):
    where = [str(corpus_file)] if source == "path" else ["--input", str(corpus_file), "--chunk-size", "3"]
    args = ["terms", *where, "--group", "Daily Ledger", "--vs", "Evening Courier", "--top", "0", "--format", "csv"]
    code, out, err = run(capsys, *args)
    assert code == 0 and "lines removed before counting" in err and "Daily Ledger" in err
    assert not {"coffee", "ledger extra", "daily ledger", "jane doe"} & _terms(out)
    params = json.loads(next(line for line in out.splitlines() if line.startswith("# params: "))[10:])
    assert params["boilerplate"].startswith("removed")
    code, out, err = run(capsys, *args, "--keep-boilerplate")
    assert code == 0 and "boilerplate" not in err
    assert {"coffee", "ledger extra", "daily ledger"} <= _terms(out)


def test_score_keeps_texts_unless_asked(capsys, corpus_file):
    code, out, err = run(capsys, "score", str(corpus_file), "--outlets", "--format", "csv")
    assert code == 0 and "boilerplate" not in err and '"boilerplate": "kept"' in out
    code, out, err = run(capsys, "score", str(corpus_file), "--outlets", "--format", "csv", "--strip-boilerplate")
    assert code == 0 and "lines removed before scoring" in err and '"boilerplate": "removed"' in out


def test_strip_boilerplate_does_not_apply_to_streamed_scores(capsys, corpus_file, tmp_path):
    code, _, err = run(capsys, "score", "--input", str(corpus_file), "--output", str(tmp_path / "s.csv"),
                       "--strip-boilerplate")
    assert code == 2 and "--strip-boilerplate" in err and not (tmp_path / "s.csv").exists()
