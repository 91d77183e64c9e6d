"""The printable handout: content, black-and-white marks, escaping, the PDF's pages, text and metadata."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
from pypdf import PdfReader
from reportlab.platypus import Paragraph
from reportlab.lib.styles import getSampleStyleSheet

from framing.article import Article
from framing.present.handout import handout_pdf
from framing.present.handout_content import NEGATIVE, POSITIVE, SOURCE, handout_content
from framing.present.handout_passages import mark_label, passage_markup
from framing.scoring.scores import match_table

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
DAY = dt.date(2026, 12, 2)
OUTLETS = ("ZeroHedge", "teleSUR English", "RT")


@pytest.fixture(scope="module")
def sample_pdf(sample, lexicons, sample_matches) -> bytes:
    return handout_pdf(list(sample.values()), sample_matches, lexicons, story="venezuela-2019-04-30", today=DAY)


def test_content_of_the_sample(sample, lexicons, sample_matches):
    content = handout_content(list(sample.values()), sample_matches, lexicons, story="venezuela-2019-04-30")
    assert [p.name for p in content.passages] == list(OUTLETS)
    for passage in content.passages:
        text = "".join(t for t, _ in passage.paragraphs)
        assert 0 < len(text) <= 1100 + 20  # the excerpt limit, plus the "[…]" markers
        for paragraph, marks in passage.paragraphs:
            for mark in marks:
                assert paragraph[mark.start:mark.end] == mark.surface
    telesur = content.passages[1]
    # teleSUR's scare-quoted "interim president" (-0.8) counts for the government: marked by its effect.
    interim = next(m for m in telesur.marks if m.canonical == "interim president")
    assert (interim.voice, interim.effective, interim.pole, mark_label(interim)) == ("scare_quoted", 0.8, POSITIVE, "[+s]")
    zerohedge = content.passages[0]
    regime = next(m for m in zerohedge.marks if m.canonical == "Maduro regime")
    assert regime.pole == NEGATIVE and regime.pole_label == "pro-opposition framing"
    # Quoted loaded words are the sources', counted 0 and marked as such.
    assert any(m.pole == SOURCE and m.effective == 0 for m in telesur.marks)
    # The excerpt's score has the sign of the outlet's whole-article score.
    assert zerohedge.score < 0 < telesur.score
    # The concept table marks each wording's pole for print without colour.
    events = content.concepts.set_index("concept").loc["events"]
    assert "coup attempt ×14 [+]" in events["teleSUR English"] and "rebellion ×2 [\u2212]" in events["ZeroHedge"]
    assert any("“rebellion”" in q and "“coup attempt”" in q for q in content.questions)


def test_content_checks_its_options(sample, lexicons, sample_matches):
    articles = list(sample.values())
    with pytest.raises(ValueError, match="a handout compares 2 to 4 articles, got 1"):
        handout_content(articles[:1], sample_matches, lexicons)
    with pytest.raises(ValueError, match="excerpt_chars must be an int of at least 200, got 50"):
        handout_content(articles, sample_matches, lexicons, excerpt_chars=50)


HOSTILE = Article(id="x", outlet="Evil & <b>Co</b>", title="<script>alert(1)</script> & more",
                  text="The coup <script>alert(1)</script> failed & the regime said <i>so</i>.\n\nThe uprising went on.")
PLAIN = Article(id="y", outlet="Plain", text="The uprising began. The interim president spoke.")


def test_article_text_is_escaped_in_the_markup(lexicons):
    content = handout_content([HOSTILE, PLAIN], match_table([HOSTILE, PLAIN], lexicons), lexicons)
    paragraph, marks = content.passages[0].paragraphs[0]
    markup = passage_markup(paragraph, marks)
    assert "<script>" not in markup and "&lt;script&gt;" in markup and "&amp; the" in markup
    assert "<i>so</i>" not in markup
    assert "<b>coup</b>" in markup  # the marks are the only tags
    # ReportLab parses it, and prints the payload as text.
    printed = Paragraph(markup, getSampleStyleSheet()["Normal"]).getPlainText()
    assert "<script>alert(1)</script>" in printed and "& the regime" in printed
    pdf = handout_pdf([HOSTILE, PLAIN], match_table([HOSTILE, PLAIN], lexicons), lexicons, today=DAY)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "<script>alert(1)</script>" in text and "Evil & <b>Co</b>" in text


def test_metadata_holds_the_provenance(sample_pdf, lexicons):
    info = PdfReader(io.BytesIO(sample_pdf)).metadata
    for lexicon in lexicons:
        assert f"lexicon {lexicon.name} {lexicon.version} sha256={lexicon.sha256}" in info["/Keywords"]
    assert "story: venezuela-2019-04-30" in info["/Subject"] and "made: 2026-12-02" in info["/Subject"]
    assert "zerohedge-2019-05-01" in info["/Subject"]
    assert info["/Author"].startswith("framing ")


def _page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "handout.pdf"
    path.write_bytes(pdf)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout for n in range(1, pages + 1)]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_pdftotext_finds_outlets_passages_and_the_answer_key_on_its_own_page(sample_pdf, tmp_path):
    pages = _page_texts(sample_pdf, tmp_path)
    first = pages[0]
    for outlet in OUTLETS:
        assert outlet in first  # the passages, side by side, on page 1
    assert "Maduro regime" in first
    assert "[+s]" in first  # a flipped scare quote's mark survives as text
    everything = "\n".join(pages)
    for heading in ("How to read this", "Which words each outlet chose", "Discussion questions"):
        assert heading in everything
    key = next(i for i, page in enumerate(pages) if "Answer key" in page)
    assert key > 0 and "Discussion questions" not in pages[key]  # a page of its own
    assert any("Discussion questions" in p for p in pages[:key])
    answer = "\n".join(pages[key:])
    for outlet in OUTLETS:
        assert f"{outlet} — score of the excerpt" in answer
    assert "pro-government framing" in answer and "scare quotes" in answer


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_pages_render_as_images(sample_pdf, tmp_path):
    """Page images for a person to look at: tests/artifacts/handout-*.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = tmp_path / "handout.pdf"
    path.write_bytes(sample_pdf)
    for old in ARTIFACTS.glob("handout-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "90", "-png", str(path), str(ARTIFACTS / "handout")], check=True)
    images = sorted(ARTIFACTS.glob("handout-*.png"))
    assert len(images) == len(PdfReader(io.BytesIO(sample_pdf)).pages) >= 3
    assert all(image.stat().st_size > 10_000 for image in images)
