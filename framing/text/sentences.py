"""Sentence spans without downloaded data.

NLTK's ``PunktSentenceTokenizer`` runs without the ``punkt`` download when it
is given its parameters directly (Kiss & Strunk 2006, "Unsupervised
multilingual sentence boundary detection", Computational Linguistics 32(4)).
We give it a short list of abbreviations common in news prose, so "U.S."
or "Col." do not end a sentence. Lines are split first: headlines, datelines
and live-blog time stamps carry no full stop but are separate sentences.

Sentences are found lazily, one line at a time, only where a match needs one.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import sys
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def _without_scipy_stats() -> Iterator[None]:
    """Hide ``scipy.stats`` while NLTK is first imported.

    ``import nltk`` runs ``nltk.metrics.association``, which imports
    ``scipy.stats`` whenever scipy is installed (framing needs scipy for
    :mod:`framing.discover.contexts`) only for Fisher's exact test in
    collocation measures, which framing never uses. That import costs about
    0.5 s and 70 MB in every process that splits sentences. Hidden, NLTK falls
    back to its own stub; ``scipy.stats`` imports normally afterwards.
    """
    if "nltk" in sys.modules or "scipy.stats" in sys.modules:
        yield
        return
    sys.modules["scipy.stats"] = None  # type: ignore[assignment]  # makes the import raise ImportError
    try:
        yield
    finally:
        if sys.modules.get("scipy.stats", 0) is None:
            del sys.modules["scipy.stats"]


with _without_scipy_stats():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

#: Abbreviations (lowercase, without the final period) that do not end a sentence.
NEWS_ABBREVIATIONS = frozenset(
    """
    u.s u.k u.n e.u u.s.a d.c a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec
    mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep pres st jr sr inc corp co ltd
    no vs etc approx dept est fig e.g i.e
    """.split()
)


@lru_cache(maxsize=1)
def news_sentence_tokenizer() -> PunktSentenceTokenizer:
    """Return a Punkt tokenizer that knows :data:`NEWS_ABBREVIATIONS`."""
    params = PunktParameters()
    params.abbrev_types = set(NEWS_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return every sentence of a text as ``(start, end)`` offsets.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of (int, int)
        Spans into ``text``, in order; blank lines yield nothing.
    """
    index = SentenceIndex(text)
    spans: list[tuple[int, int]] = []
    for line_no in range(len(index.line_starts)):
        spans.extend(index.line_sentences(line_no))
    return spans


class SentenceIndex:
    """Find the sentence around an offset; lines are tokenised on first use."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.line_starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._cache: dict[int, list[tuple[int, int]]] = {}

    def line_sentences(self, line_no: int) -> list[tuple[int, int]]:
        """Sentence spans of one line (cached)."""
        spans = self._cache.get(line_no)
        if spans is None:
            start = self.line_starts[line_no]
            end = self.line_starts[line_no + 1] - 1 if line_no + 1 < len(self.line_starts) else len(self.text)
            line = self.text[start:end]
            spans = [(start + s, start + e) for s, e in news_sentence_tokenizer().span_tokenize(line)]
            self._cache[line_no] = spans
        return spans

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """Return the span of the sentence containing offset ``pos``."""
        line_no = bisect_right(self.line_starts, pos) - 1
        spans = self.line_sentences(line_no)
        starts = [s for s, _ in spans]
        i = bisect_right(starts, pos) - 1
        if i < 0:
            return spans[0] if spans else (pos, pos)
        return spans[i]
