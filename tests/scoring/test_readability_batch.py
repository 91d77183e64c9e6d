"""readability_of (Arrow batches) equals readability, text by text, and textstat through it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.scoring import readability as rd
from framing.scoring import readability_batch as rb

from .test_readability import EASY, LEGAL, MIXED, NO_PUNCT, RUSSIAN, SAMPLES

# Texts that stress the Arrow path: whitespace at either end (Arrow keeps an empty string there),
# no words at all, a lone surrogate (not valid UTF-8 once encoded), non-ASCII spaces and separators,
# a number, a word the CMU dictionary lacks, and "İ", which lowercases to two characters.
EDGE_TEXTS = ["", " ", "  The coup failed.  ", "\n\t", "...!?", "'", "\ud800 regime \ud800.", "a\xa0b\u2028c d.",
              "x\x1cy z", "2019", "hereunder hereunder.", "İstanbul'un 'coup' d'état.", "Hmm."]


def _same(ours: dict[str, float], theirs: dict[str, float]) -> bool:
    # NaN for a text without words: equal to itself here.
    return all(ours[k] == theirs[k] or (math.isnan(ours[k]) and math.isnan(theirs[k])) for k in theirs)


def test_named_and_edge_texts_score_as_one_at_a_time():
    texts = [EASY, LEGAL, NO_PUNCT, MIXED, RUSSIAN, *EDGE_TEXTS]
    batch = rb.readability_of(texts)
    assert len(batch) == len(texts)
    assert all(_same(b, rd.readability(t)) for b, t in zip(batch, texts))
    assert math.isnan(batch[texts.index("")]["flesch_reading_ease"])
    assert batch[texts.index(EASY)]["flesch_reading_ease"] == pytest.approx(110.78, abs=0.01)  # the golden value


def test_the_bundled_sample_scores_as_one_at_a_time():
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    assert texts
    assert all(_same(b, rd.readability(t)) for b, t in zip(rb.readability_of(texts), texts))


def test_many_small_batches_keep_the_order(monkeypatch):
    texts = [EASY, LEGAL, *EDGE_TEXTS, NO_PUNCT, MIXED] * 3
    monkeypatch.setattr(rb, "BATCH_CHARS", 40)  # a batch every text or two
    assert len(list(rb._batches(texts))) >= 15  # 51 texts, 1,200 characters
    assert all(_same(b, rd.readability(t)) for b, t in zip(rb.readability_of(texts), texts))


ALPHABET = list("ab T'’-.,!?_é\n\t\xa0\u2028\x1c\x85İß😀\u0301٣—…“”\ud800中7") + [
    "'t", "'s", "'ve", "the", "coup", "regime", "hereunder", "zorblax", ". ", "  "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join), max_size=8))
def test_random_texts_score_as_one_at_a_time(texts):
    batch = rb.readability_of(texts)
    assert len(batch) == len(texts)
    assert all(_same(b, rd.readability(t)) for b, t in zip(batch, texts))
