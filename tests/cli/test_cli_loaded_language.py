"""The loaded-language detector through the CLI: lexicon show lists source and category; matches carry weights."""

from __future__ import annotations

import io
import json

from framing.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_lexicon_show_lists_source_and_category(capsys):
    code, out, _ = run(capsys, "lexicon", "show", "--format", "csv")
    assert code == 0
    import pandas as pd

    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    loaded = table[table["lexicon"] == "loaded-language"]
    assert {"category", "source", "except"} <= set(table.columns)
    assert loaded["source"].str.startswith("VADER valence").sum() > 500
    assert loaded["source"].str.startswith("Pattern subjectivity").sum() > 100
    assert (loaded["source"] == "own curation").sum() > 100
    claimed = loaded.set_index("term").loc["claimed"]
    assert claimed["category"] == "Attribution verbs" and claimed["weight"] > 0
    code, out, _ = run(capsys, "lexicon", "show")
    assert code == 0 and "category" in out.splitlines()[0] and "VADER valence" in out


def test_matches_jsonl_flags_new_words_and_keeps_neutral_wordings_at_zero(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(
        "The senator said the vile scheme was a disgrace. Critics were not violent.\n", encoding="utf-8")
    code, out, _ = run(capsys, "matches", str(tmp_path), "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    weights = {r["term"].lower(): r["weight"] for r in rows if r.get("lexicon") == "loaded-language"}
    assert weights["said"] == 0
    assert weights["vile"] > 0 and weights["disgrace"] > 0
    assert "violent" not in weights  # negated
