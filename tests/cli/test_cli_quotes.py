"""framing quotes and framing sources: the sample's speakers, formats, bad input as one line."""

from __future__ import annotations

import io
import json

import pandas as pd

from framing.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_quotes_on_the_sample_lists_speakers_and_verbs(capsys):
    code, out, _ = run(capsys, "quotes", "--sample")
    assert code == 0
    assert "Maria Zakharova told" in out and "Dmitry Peskov noted" in out and "John Bolton said" in out
    assert "(no speaker found)" in out  # the La Carlota testimony
    assert "40 direct quotations, 3 with no speaker found" in out


def test_quotes_csv_and_json_have_one_row_per_quotation(capsys):
    code, out, _ = run(capsys, "quotes", "--sample", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out), comment="#", keep_default_na=False)
    assert list(table.columns[:9]) == ["outlet", "article", "speaker", "speaker_as_written", "kind", "verb",
                                       "start", "end", "quotation"]
    assert len(table) == 40
    peskov = table[table["speaker"] == "Dmitry Peskov"]
    assert set(peskov["how"]) == {"same sentence: X said", "paragraph before"}
    code, out, _ = run(capsys, "quotes", "--sample", "--format", "json")
    rows = json.loads(out)["rows"]
    assert len(rows) == 40 and {"speaker", "verb", "how"} <= rows[0].keys()


def test_quotes_start_and_end_index_the_article_text(capsys, sample):
    _, out, _ = run(capsys, "quotes", "--sample", "--format", "json")
    for row in json.loads(out)["rows"]:
        assert sample[row["article"]].text[row["start"]:row["end"]] == row["quotation"]


def test_sources_outlets_table(capsys):
    code, out, _ = run(capsys, "sources", "--sample", "--outlets", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out), comment="#", keep_default_na=False).set_index("outlet")
    assert table.loc["teleSUR English", "quotations"] > table.loc["ZeroHedge", "quotations"] > 0
    assert table.loc["RT", "quotations"] == 0
    assert "Nicolas Maduro ×2" in table.loc["ZeroHedge", "top_speakers"]
    assert "denounced ×1 (0.6)" in table.loc["teleSUR English", "verbs"]
    # teleSUR gives most of its loaded terms to its sources; ZeroHedge says them itself.
    assert table.loc["teleSUR English", "loaded_quoted_share"] > 0.5 > table.loc["ZeroHedge", "loaded_quoted_share"]


def test_sources_table_and_articles(capsys):
    code, out, _ = run(capsys, "sources", "--sample")
    assert code == 0 and "== teleSUR English ==" in out and "top_speakers" in out
    code, out, _ = run(capsys, "sources", "--sample", "--articles", "--format", "json")
    assert {r["article"] for r in json.loads(out)["rows"]} == {"zerohedge-2019-05-01", "telesur-2019-04-30",
                                                              "rt-2019-04-30"}


def test_bad_input_is_one_line_exit_2(capsys, tmp_path):
    for argv in (["sources", "--sample", "--top", "0"], ["quotes", str(tmp_path / "missing.txt")],
                 ["quotes", "--sample", "--story", "nope"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert len(err.strip().splitlines()) == 1 and err.startswith("framing: error:")


def test_quotes_of_a_file_with_hostile_quotation_marks(capsys, tmp_path):
    path = tmp_path / "odd-outlet_2020.txt"
    path.write_text("“Open and never closed, he said, on and on\n\n\" ” ' ‘ stray marks ’ \"\n\n"
                    "“We will stay here until the end, whatever happens,” the mayor, Ana Diaz, said.\n",
                    encoding="utf-8")
    code, out, _ = run(capsys, "quotes", str(path), "--format", "json")
    assert code == 0
    rows = json.loads(out)["rows"]
    assert rows[0]["speaker"] == "" and rows[0]["how"] == "no speaker found" and rows[0]["closed"] is False
    assert rows[-1]["speaker"] == "Ana Diaz"
