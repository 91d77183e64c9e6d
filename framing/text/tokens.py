"""Tokenising text for term counts (distinctive terms, keyword in context).

Rules, chosen so counts are comparable across outlets and need no NLTK data:

* **Folding**: Unicode NFKD, combining marks dropped (``Guaidó`` ->
  ``guaido``), case folded; typographic apostrophes (``’``) become ``'``.
* **Words**: runs of letters and digits. With ``apostrophes="keep"`` (the
  default) an apostrophe *between* two word characters stays inside the word
  (``don't``, ``o'brien``, ``guaido's``); with ``"split"`` it separates words
  (``guaido`` ``s``). Apostrophes at a word's edge (scare quotes like
  ``'coup'``) are never part of a word. Hyphens separate words
  (``US-backed`` -> ``us`` ``backed``). Dotted initials are joined first, so
  ``U.S.-backed`` gives the same ``us`` ``backed``.
* **Phrase breaks**: n-grams never cross a line break or sentence punctuation
  (``. ! ? ; : …`` followed by a space, a closing quote or bracket, or the end).
  A full stop after a single letter or a common title abbreviation (``Mr.``,
  ``Gen.``) is not a break, so ``U.S. officials`` and ``Mr. Guaido`` stay whole.
* **Stopwords**: from the list the project ships, ``framing/data/stopwords-en.txt``
  (read once with :mod:`importlib.resources`). A unigram that is a stopword is
  dropped; a longer n-gram is dropped when its *first or last* word is one, so
  ``state of emergency`` survives while ``of the`` does not. ``keep_stopwords``
  turns this off.

These counts feed the log-odds ratio with informative Dirichlet prior of
Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and
Evaluation for Identifying the Content of Political Conflict", *Political
Analysis* 16(4), 372-403, who also count words after removing stopwords.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from framing.text.folding import non_ascii_chars

#: Allowed values of the ``apostrophes`` option.
APOSTROPHE_MODES = ("keep", "split")
#: Token that marks a phrase break in :func:`phrase_tokens` output.
BREAK = "\x00"
#: Largest n-gram length supported.
MAX_NGRAM = 3

_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "`": "'", "“": '"', "”": '"', "„": '"'})
_TYPOGRAPHIC_PAIRS = tuple((chr(code), plain) for code, plain in _TYPOGRAPHIC.items())
_TITLES = ("mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "col", "lt", "sgt", "capt", "prof")
# A full stop is tested against the exceptions only where one occurs.
_NO_BREAK_AFTER = "".join(rf"(?<!\b{t}\.)" for t in _TITLES) + r"(?<!\b[^\W\d_]\.)"
_BREAK = rf"[.!?;:…](?:(?<=\.){_NO_BREAK_AFTER}\.*|(?<=[!?;:…])[!?;:…]*)(?=[\"')\]]*(?:\s|$))|\n"
# Words and breaks in one pass: a token not starting with a letter or digit is a break.
_TOKEN_RE = {
    "keep": re.compile(rf"[^\W_]+(?:'[^\W_]+)*|{_BREAK}"),
    "split": re.compile(rf"[^\W_]+|{_BREAK}"),
}
# The same for folded ASCII text (the common case): a plain class is faster.
_ASCII_TOKEN_RE = {
    "keep": re.compile(rf"[a-z0-9]+(?:'[a-z0-9]+)*|{_BREAK}"),
    "split": re.compile(rf"[a-z0-9]+|{_BREAK}"),
}
# Dotted initials after their first letter (".s." of "u.s."); the context is checked in code.
_INITIALS_RE = re.compile(r"\.[^\W\d_]\.(?:[^\W\d_]\.)*")


@lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern[str]:
    """A character class of every combining mark (built once, on first use)."""
    marks = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))
    return re.compile(f"[{re.escape(marks)}]+")


def fold(text: str) -> str:
    """Lowercase, accent-fold (NFKD, combining marks dropped), unify apostrophes.

    Examples
    --------
    >>> fold("Guaidó’s “Coup”")
    'guaido\\'s "coup"'
    """
    # str.replace per mark present, not str.translate: translate looks up every
    # character in a dict, about 50 times as slow on news text (the same result).
    for mark, plain in _TYPOGRAPHIC_PAIRS:
        if mark in text:
            text = text.replace(mark, plain)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _combining_marks().sub("", decomposed)


@lru_cache(maxsize=None)
def stopwords_en() -> frozenset[str]:
    """Return the shipped English stopword list (``framing/data/stopwords-en.txt``).

    Returns
    -------
    frozenset of str
        Folded words; see the file's header for what the list covers.
    """
    text = resources.files("framing.data").joinpath("stopwords-en.txt").read_text(encoding="utf-8")
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(fold(w) for w in words if w)


def check_ngram_range(ngram_range: tuple[int, int]) -> tuple[int, int]:
    """Validate an n-gram range ``(low, high)`` with ``1 <= low <= high <= 3``.

    Raises
    ------
    ValueError
        Naming the bad value and the allowed ones.
    """
    try:
        low, high = (int(v) for v in ngram_range)
    except (TypeError, ValueError):
        raise ValueError(f"ngram_range must be two integers (low, high), got {ngram_range!r}") from None
    if not 1 <= low <= high <= MAX_NGRAM:
        raise ValueError(f"ngram_range {ngram_range!r} is not allowed; use 1 <= low <= high <= {MAX_NGRAM}")
    return low, high


@dataclass(frozen=True, kw_only=True)
class TokenOptions:
    """How text becomes countable terms.

    Parameters
    ----------
    ngram_range : (int, int)
        Smallest and largest n-gram length, within 1..3. Default ``(1, 3)``.
    keep_stopwords : bool
        Keep stopwords (default False: drop them as described in the module).
    apostrophes : {"keep", "split"}
        Whether an apostrophe inside a word keeps it whole. Default ``"keep"``.
    """

    ngram_range: tuple[int, int] = (1, 3)
    keep_stopwords: bool = False
    apostrophes: str = "keep"

    def __post_init__(self) -> None:
        object.__setattr__(self, "ngram_range", check_ngram_range(self.ngram_range))
        if self.apostrophes not in APOSTROPHE_MODES:
            raise ValueError(f"apostrophes={self.apostrophes!r} is not allowed; use one of {', '.join(APOSTROPHE_MODES)}")
        if not isinstance(self.keep_stopwords, bool):
            raise ValueError(f"keep_stopwords must be True or False, got {self.keep_stopwords!r}")

    def stopwords(self) -> frozenset[str]:
        """The words dropped at n-gram edges (empty when stopwords are kept)."""
        return frozenset() if self.keep_stopwords else stopwords_en()

    def as_params(self) -> dict[str, object]:
        """The options as JSON-ready provenance parameters."""
        return {
            "ngram_range": list(self.ngram_range),
            "keep_stopwords": self.keep_stopwords,
            "apostrophes": self.apostrophes,
            "stopwords": "none" if self.keep_stopwords else "framing/data/stopwords-en.txt",
        }


def _join_initials(text: str) -> str:
    """``u.s.`` -> ``us``: drop the dots of single letters written as initials."""
    pieces: list[str] = []
    done = 0
    for m in _INITIALS_RE.finditer(text):
        s = m.start()
        if s < 1 or not text[s - 1].isalpha() or (s >= 2 and (text[s - 2].isalnum() or text[s - 2] == "_")):
            continue
        pieces.append(text[done:s])
        pieces.append(m.group().replace(".", ""))
        done = m.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def raw_tokens(text: str, *, apostrophes: str = "keep") -> list[str]:
    """Folded words and break marks (any token not starting with a letter or digit).

    The fast path of :func:`phrase_tokens`, which maps every break mark to
    :data:`BREAK`.
    """
    if apostrophes not in APOSTROPHE_MODES:
        raise ValueError(f"apostrophes={apostrophes!r} is not allowed; use one of {', '.join(APOSTROPHE_MODES)}")
    folded = _join_initials(fold(text))
    return (_ASCII_TOKEN_RE if folded.isascii() else _TOKEN_RE)[apostrophes].findall(folded)


def phrase_tokens(text: str, *, apostrophes: str = "keep") -> list[str]:
    """Return the folded words of a text, with :data:`BREAK` at phrase breaks.

    Parameters
    ----------
    text : str
    apostrophes : {"keep", "split"}
        See :class:`TokenOptions`.

    Returns
    -------
    list of str
    """
    return [t if t[0].isalnum() else BREAK for t in raw_tokens(text, apostrophes=apostrophes)]


def segments(text: str, *, apostrophes: str = "keep") -> list[list[str]]:
    """Split a text into phrases (lists of folded words) at phrase breaks."""
    out: list[list[str]] = [[]]
    for token in phrase_tokens(text, apostrophes=apostrophes):
        if token == BREAK:
            if out[-1]:
                out.append([])
        else:
            out[-1].append(token)
    return [seg for seg in out if seg]


def ngrams(text: str, options: TokenOptions | None = None) -> list[str]:
    """Return every counted n-gram of a text, in order (shorter n-grams first).

    This is the plain reference implementation; :mod:`framing.discover.term_counts`
    counts the same n-grams with integer codes for speed.

    Parameters
    ----------
    text : str
    options : TokenOptions, optional
        Default ``TokenOptions()``.

    Returns
    -------
    list of str
        N-grams as words joined by single spaces.
    """
    options = options or TokenOptions()
    stop = options.stopwords() | {BREAK}
    tokens = phrase_tokens(text, apostrophes=options.apostrophes)
    low, high = options.ngram_range
    out: list[str] = []
    for n in range(low, high + 1):
        for i in range(len(tokens) - n + 1):
            gram = tokens[i : i + n]
            if gram[0] in stop or gram[-1] in stop or BREAK in gram:
                continue
            out.append(" ".join(gram))
    return out


# Byte table: a letter or digit -> "a", an apostrophe stays "'", anything
# else -> " " (non-ASCII characters reach it as "?" or, when they are letters
# or digits, as "a", and ’ as "'").
_WORD_BYTES = bytes(ord("a") if chr(i).isalnum() else ord("'") if chr(i) == "'" else ord(" ") for i in range(256))
_LETTER, _APOSTROPHE_BYTE = ord("a"), ord("'")


def count_words(text: str) -> int:
    """Count words: runs of letters and digits, with inner apostrophes (don't, Guaido’s).

    The same count as ``len(re.findall(r"[^\\W_]+(?:['’][^\\W_]+)*", text))``
    (a test compares them), computed without a list of words: word counts
    are taken for every article scored. Each character becomes a byte, ``a``
    (a letter or digit), ``'`` (an apostrophe) or a space; the words are the
    starts of runs of ``a`` less the apostrophes with ``a`` on both sides,
    which join two runs. numpy compares the bytes with their neighbours,
    about five times as fast as counting two-byte patterns with
    ``bytes.count`` and ten times as fast as the regular expression.
    """
    probe = text
    if not text.isascii():
        # Non-ASCII letters become "a" and ’ an apostrophe; the rest become "?" when encoding.
        for char in non_ascii_chars(text):
            if char.isalnum():
                probe = probe.replace(char, "a")
            elif char == "’":
                probe = probe.replace(char, "'")
    if not probe:
        return 0
    marks = np.frombuffer(probe.encode("ascii", "replace").translate(_WORD_BYTES), dtype=np.uint8)
    letters = marks == _LETTER
    starts = np.count_nonzero(letters[1:] > letters[:-1]) + int(letters[0])
    joins = np.count_nonzero(letters[:-2] & letters[2:] & (marks[1:-1] == _APOSTROPHE_BYTE))
    return int(starts - joins)
