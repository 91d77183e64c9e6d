"""``framing handout``: a PDF of the sample, and every bad input one line with exit status 2."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("reportlab")
from pypdf import PdfReader

from framing.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_handout_of_the_sample(capsys, tmp_path):
    path = tmp_path / "class.pdf"
    code, out, err = run(capsys, "handout", "--output", str(path))
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {path} (") and "zerohedge-2019-05-01, telesur-2019-04-30, rt-2019-04-30" in out
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for outlet in ("ZeroHedge", "teleSUR English", "RT", "Answer key"):
        assert outlet in text
    # With no --story the store's default story is the one named.
    assert "story: venezuela-2019-04-30" in reader.metadata["/Subject"]


def test_handout_of_chosen_articles_in_their_order(capsys, tmp_path):
    path = tmp_path / "two.pdf"
    code, out, _ = run(capsys, "handout", "--sample", "--articles", "rt-2019-04-30", "zerohedge-2019-05-01",
                       "--title", "Two views", "--output", str(path))
    assert code == 0 and out.endswith("rt-2019-04-30, zerohedge-2019-05-01\n")
    first = PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text()
    assert "Two views" in first and first.index("RT") < first.index("ZeroHedge") and "teleSUR" not in first


@pytest.mark.parametrize("argv, message", [
    (["--articles", "nope", "rt-2019-04-30"], "unknown article id 'nope'; articles: zerohedge-2019-05-01, "),
    (["--articles", "rt-2019-04-30"], "a handout compares 2 to 4 articles, got 1"),
    (["--story", "no-such-story"], "no-such-story"),
])
def test_bad_inputs_are_one_line(capsys, tmp_path, argv, message):
    path = tmp_path / "x.pdf"
    code, out, err = run(capsys, "handout", *argv, "--output", str(path))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("framing: error: ") and message in err
    assert not path.exists()


def test_unwritable_outputs_are_one_line(capsys, tmp_path):
    a_file = tmp_path / "file.pdf"
    a_file.write_bytes(b"")
    for output, message in ((tmp_path / "handout.txt", "--output must name a .pdf file"),
                            (tmp_path / "missing" / "h.pdf", "no folder"),
                            (a_file / "inside.pdf", "cannot write"),
                            (tmp_path, "--output must name a .pdf file")):
        code, out, err = run(capsys, "handout", "--output", str(output))
        assert code == 2 and err.count("\n") == 1 and message in err, (output, err)
