"""The command line: score, matches, compare, lexicon validate; errors are one line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from framing.cli import main
from framing.cli.score_commands import JSONL_KEYS
from framing.corpus import load_sample_corpus
from tests.stream_corpus import write_jsonl


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    for command in ("score", "matches", "compare", "lexicon", "dashboard"):
        assert command in out


def test_score_table_on_the_sample(capsys):
    code, out, _ = run(capsys, "score")
    assert code == 0
    assert "zerohedge-2019-05-01" in out and "score_gov_opp" in out
    assert "venezuela-2019 1.0.0" in out


def test_score_csv_carries_provenance(capsys):
    code, out, _ = run(capsys, "score", "--format", "csv")
    assert code == 0
    assert out.startswith("# framing ")
    assert "# lexicon: venezuela-2019 1.0.0 sha256=" in out
    table = pd.read_csv(io.StringIO(out), comment="#")
    assert list(table["article"]) == ["zerohedge-2019-05-01", "telesur-2019-04-30", "rt-2019-04-30"]
    assert table.set_index("article").loc["telesur-2019-04-30", "score_gov_opp"] > 0


def test_score_json_per_outlet(capsys):
    code, out, _ = run(capsys, "score", "--outlets", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [lex["name"] for lex in data["provenance"]["lexicons"]] == ["venezuela-2019", "loaded-language"]
    assert {row["outlet"] for row in data["rows"]} == {"ZeroHedge", "teleSUR English", "RT"}


def test_matches_jsonl_has_exactly_the_documented_keys(capsys, sample):
    code, out, err = run(capsys, "matches", "--format", "jsonl")
    assert "# lexicon: venezuela-2019 1.0.0 sha256=" in err
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) > 100
    for record in records:
        assert list(record) == JSONL_KEYS
        assert sample[record["article"]].text[record["start"] : record["end"]] == record["term"]
    voices = {r["voice"] for r in records}
    assert voices == {"authorial", "quoted", "scare_quoted"}


def test_compare_shows_variants_and_marked_examples(capsys):
    code, out, _ = run(capsys, "compare", "--concept", "events")
    assert code == 0
    assert "teleSUR English  coup attempt ×14" in out
    assert "[" in out and "]" in out
    assert "rebellion ×2" in out.split("teleSUR English")[0]  # ZeroHedge's row comes first


def test_paths_folder_of_txt_files(tmp_path, capsys):
    (tmp_path / "left-daily.txt").write_text("The regime crushed the popular uprising.", encoding="utf-8")
    (tmp_path / "right-times.txt").write_text("The coup attempt by far-right plotters failed.", encoding="utf-8")
    code, out, _ = run(capsys, "score", str(tmp_path), "--outlets", "--format", "csv")
    table = pd.read_csv(io.StringIO(out), comment="#").set_index("outlet")
    assert code == 0
    assert table.loc["left daily", "score_gov_opp"] < 0 < table.loc["right times", "score_gov_opp"]


def test_lexicon_validate_lists_problems_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'name = "bad"\nversion = "1"\n[[axes]]\nid = "a"\nnegative = "n"\npositive = "p"\n'
        '[concepts.one]\naxis = "a"\n[concepts.one.terms]\n"coup" = 2\n"putsch" = 0.5\n'
        '[concepts.two]\naxis = "b"\n[concepts.two.terms]\n"putsch" = 0.5\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "lexicon", "validate", str(bad))
    assert code == 2
    lines = out.strip().splitlines()
    assert any("concept 'one': term 'coup': weight 2" in line for line in lines)
    assert any("unknown axis 'b'" in line for line in lines)
    assert any("concept 'two': term 'putsch'" in line and "same term" in line for line in lines)
    assert all(line.startswith(str(bad)) for line in lines)


def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    code, out, err = run(capsys, "score", str(tmp_path / "missing"))
    assert code == 2 and err.count("\n") == 1 and "no such file or folder" in err
    broken = tmp_path / "broken.toml"
    broken.write_text("name = [", encoding="utf-8")
    code, _, err = run(capsys, "score", "--lexicon", str(broken))
    assert code == 2 and "TOML syntax error" in err and "Traceback" not in err
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    code, _, err = run(capsys, "score", str(binary))
    assert code == 2 and err.count("\n") == 1 and "image.txt" in err


def test_text_files_in_other_encodings_are_decoded(tmp_path, capsys):
    latin = tmp_path / "diario_2019.txt"
    latin.write_bytes("El régimen aplastó el “levantamiento”; the regime crushed the uprising.".encode("cp1252"))
    code, out, _ = run(capsys, "matches", str(latin))
    terms = [json.loads(line)["term"] for line in out.splitlines()]
    assert code == 0 and "regime" in terms and "uprising" in terms


def test_no_path_reads_the_store_with_the_sample(tmp_path, capsys):
    db = tmp_path / "store.db"
    code, out, _ = run(capsys, "score", "--db", str(db), "--format", "csv")
    table = pd.read_csv(io.StringIO(out), comment="#")
    assert code == 0 and set(table["outlet"]) == {"ZeroHedge", "teleSUR English", "RT"}
    article = tmp_path / "new-outlet_2019.txt"
    article.write_text("The regime crushed the popular uprising.", encoding="utf-8")
    assert main(["add", str(article), "--db", str(db), "--outlet", "New Outlet"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "score", "--db", str(db), "--outlets", "--format", "csv")
    table = pd.read_csv(io.StringIO(out), comment="#").set_index("outlet")
    assert "New Outlet" in table.index and table.loc["New Outlet", "score_gov_opp"] < 0
    code, out, _ = run(capsys, "score", "--db", str(db), "--sample", "--format", "csv")
    assert "New Outlet" not in out


def test_console_script_runs_as_a_process():
    result = subprocess.run([sys.executable, "-m", "framing.cli", "score", "--format", "csv"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "rt-2019-04-30" in result.stdout


@pytest.mark.parametrize(
    "extra, named",
    [
        (["--chunk-size", "50"], "--chunk-size applies"),
        (["--chunk-size", "50", "--engine", "dask"], "--chunk-size, --engine apply"),
        (["--engine", "local"], "--engine applies"),  # the default, but given
        (["--output", "scores.csv", "--outlets-output", "outlets.csv"], "--output, --outlets-output apply"),
        (["--resume", "--workers", "2", "--scheduler", "tcp://h:1"], "--resume, --scheduler, --workers apply"),
        (["--text-column", "body"], "--text-column applies"),
    ],
)
def test_score_stream_options_without_input_exit_2(capsys, extra, named):
    code, out, err = run(capsys, "score", "--sample", *extra)
    assert code == 2 and out == ""
    assert err == f"framing: error: {named} only to --input CORPUS\n"


def test_score_stream_options_with_input_still_apply(tmp_path, capsys):
    corpus = write_jsonl(load_sample_corpus(), tmp_path / "sample.jsonl", empty_row=False)
    output = tmp_path / "scores.csv"
    code, out, err = run(capsys, "score", "--input", str(corpus), "--output", str(output), "--chunk-size", "2",
                         "--engine", "local")
    assert code == 0, err
    assert "scored 3 articles" in out and len(pd.read_csv(output, comment="#")) == 3
    code, out, err = run(capsys, "score", "--input", str(corpus), "--output", str(output))  # the defaults
    assert code == 0, err
    assert "scored 3 articles" in out
