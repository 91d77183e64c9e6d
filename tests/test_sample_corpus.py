"""The bundled sample corpus is the seed page split by outlet, text unchanged."""

from pathlib import Path

import pytest

from framing.corpus import load_sample_corpus

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "venezuela-2019-04-30.txt"


def test_three_outlets_with_their_attribution():
    articles = {a.outlet: a for a in load_sample_corpus()}
    assert list(articles) == ["ZeroHedge", "teleSUR English", "RT"]
    assert articles["ZeroHedge"].date == "2019-05-01"
    assert articles["teleSUR English"].alignment == "Venezuelan state-funded"
    assert articles["RT"].alignment == "Russian state-funded"
    assert articles["ZeroHedge"].title.endswith("Over ‘Attempted Coup’")
    assert all(a.source_note for a in articles.values())


def test_pieces_start_and_end_where_the_issue_says():
    zh, ts, rt = load_sample_corpus()
    assert zh.text.startswith("Pompeo Threatens Military Intervention") and zh.text.endswith("hasn’t yet been reported.")
    assert ts.text.startswith("Live Updates: Venezuelan Govt") and ts.text.endswith("Please continue reading at: Telesur")
    assert rt.text.startswith("VIDEO: Guaido’s coup") and rt.text.endswith("to weigh in.")


@pytest.mark.skipif(not SEED.is_file(), reason="the seed page is kept beside the repository, not in it")
def test_joining_the_pieces_gives_the_seed_page_back():
    zh, ts, rt = load_sample_corpus()
    assert "\n\n\n".join([zh.text, ts.text, rt.text]) == SEED.read_text(encoding="utf-8")
