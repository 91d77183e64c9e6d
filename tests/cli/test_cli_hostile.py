"""Every bad option or input on the command line: one line, exit 2, never a traceback."""

from __future__ import annotations

import pytest

from framing.cli import main

DEEP_ARRAY = 'name = "x"\nversion = "1"\n[concepts.a]\nlabel = "a"\ndeep = ' + "[" * 5000 + "]" * 5000 + "\n"
DEEP_TABLE = 'name = "x"\nversion = "1"\n[concepts.a]\nlabel = "a"\ndeep = ' + "{a = " * 5000 + "1" + "}" * 5000 + "\n"


def one_line_error(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as info:
        code = main(argv)
        raise SystemExit(code)
    assert info.value.code == 2
    captured = capsys.readouterr()
    # lexicon validate reports a file's problems on stdout, one line each; errors go to stderr.
    err = (captured.err or captured.out).strip().splitlines()
    assert len(err) == 1 and "Traceback" not in captured.err + captured.out, err
    return err[0]


@pytest.mark.parametrize(("value", "message"), [
    ("99999999999999999999999G", "size out of range"),
    ("9" * 400, "size out of range"),
    ("0", "size out of range"),
    ("3GB", "allowed: 1 byte to 2GB"),
    ("lots", "not a size"),
])
def test_max_bytes_out_of_range(value, message, capsys, tmp_path):
    line = one_line_error(capsys, ["add", "samples", "--db", str(tmp_path / "s.db"), "--max-bytes", value])
    assert "--max-bytes" in line and message in line and len(line) < 300


def test_max_text_chars_out_of_range(capsys, tmp_path):
    line = one_line_error(capsys, ["add", "samples", "--db", str(tmp_path / "s.db"), "--max-text-chars", "9" * 30])
    assert "allowed: 1 to 1,000,000,000" in line


@pytest.mark.parametrize("argv", [["scor"], ["score", "--chunk-size", "x"], ["add"], ["score", "--voice-factor", "x"]])
def test_argument_errors_are_one_line(argv, capsys):
    assert "framing" in one_line_error(capsys, argv)


@pytest.mark.parametrize("toml", [DEEP_ARRAY, DEEP_TABLE], ids=["arrays", "inline tables"])
@pytest.mark.parametrize("command", [["lexicon", "validate"], ["score", "--sample", "--lexicon"]])
def test_deeply_nested_lexicon_is_refused(toml, command, capsys, tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text(toml, encoding="utf-8")
    line = one_line_error(capsys, [*command, str(path)])
    assert "nested too deeply" in line


def test_input_that_is_not_a_regular_file(capsys, tmp_path):
    line = one_line_error(capsys, ["score", "--input", "/dev/zero", "--output", str(tmp_path / "s.parquet")])
    assert "not a regular file" in line


def test_db_that_is_not_a_framing_store_is_refused_and_left_alone(capsys, tmp_path):
    import sqlite3

    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
    before = path.read_bytes()
    line = one_line_error(capsys, ["list", "--db", str(path)])
    assert "not a framing store" in line and "customers" in line
    assert path.read_bytes() == before
    empty = tmp_path / "empty.db"
    empty.touch()
    assert main(["list", "--db", str(empty)]) == 0  # an empty file becomes a store


def test_export_onto_the_store_is_refused(capsys, tmp_path):
    db = tmp_path / "s.db"
    assert main(["list", "--db", str(db)]) == 0
    capsys.readouterr()
    before = db.read_bytes()
    line = one_line_error(capsys, ["export", "--db", str(db), "--format", "csv", "-o", str(db)])
    assert "is the store itself" in line and db.read_bytes() == before


def test_control_characters_are_printed_escaped(capsys, tmp_path):
    db = tmp_path / "s.db"
    text = tmp_path / "evil.txt"
    text.write_text("The \x1b[2J coup failed.\rThe regime spoke of an uprising.", encoding="utf-8")
    assert main(["add", str(text), "--db", str(db), "--title", "Evil\x1b]0;pwned\x07 title", "--outlet", "Bad\x1bOutlet"]) == 0
    capsys.readouterr()
    for argv in (["list"], ["compare"], ["kwic", "coup"]):
        assert main([*argv, "--db", str(db)]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out and "\r" not in out, argv
        assert "\\x1b" in out, argv
