"""Fold text for matching while keeping a map back to the original offsets.

How a lexicon's terms become keys is in :mod:`framing.text.phrase_keys`.

Matching happens on a *key string*: case folded, accents removed, typographic
variants unified, every character that is not a letter or digit replaced by a
space, and runs of whitespace collapsed to one space (two across a blank line). ``Guaidó’s “coup
d’état”`` becomes `` guaido s  coup d etat  ``. A phrase matches where its
words stand separated by one separator (a space, a hyphen, an apostrophe, a
line break): "self-proclaimed" and "self proclaimed" are the same, while
"the coup. Attempts" does not contain the phrase "coup attempt".

Folding can change the length of the text (``ß`` -> ``ss``, ``İ`` -> ``i``,
a combining accent disappears) and collapsing whitespace always does, so
:class:`KeyText` keeps sparse anchors that map every key position back to the
original string; spans reported to users always index the original text.

Speed: ASCII text takes a path entirely in C (``str.lower``,
``str.translate``). In other text each distinct non-ASCII character is folded
once and replaced with ``str.replace`` when its folding keeps the length (curly
quotes, dashes, accented letters); only the rare characters whose folding
changes the length are folded one at a time.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator


# Every ASCII character that is not a letter or digit separates words.
_ASCII_SEPARATORS = {i: " " for i in range(128) if not chr(i).isalnum()}
# The same, with ASCII capitals lowercased, for text holding other characters.
_ASCII_KEYS = {**_ASCII_SEPARATORS, **{i: chr(i).lower() for i in range(ord("A"), ord("Z") + 1)}}
_ASCII_BYTES = bytes(range(128))
# Whitespace as one byte: every ASCII whitespace character (str.isspace(),
# which is what ``\s`` matches) becomes a space, everything else stays.
_WHITESPACE_TO_SPACE = bytes(ord(" ") if chr(i).isspace() else i for i in range(256))
_SPACE_RUN = re.compile(rb" +")


@lru_cache(maxsize=16)
def non_ascii_chars(text: str) -> frozenset[str]:
    """The distinct non-ASCII characters of a text (empty for ASCII text).

    Deleting the ASCII bytes of the UTF-8 encoding leaves the few others
    (``bytes.translate``, faster than a regular expression; UTF-8 encodes
    every non-ASCII character with bytes of 128 or more only). Cached for
    the last few texts: folding, word counts and readability's word list
    each need them for the same article, and a cache hit costs a hash that
    the string computes once and keeps.
    """
    if text.isascii():
        return frozenset()
    return frozenset(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """Fold one character: casefold, strip accents, non-alphanumerics to space.

    Returns a string of zero (a combining mark), one or more characters.
    """
    folded = unicodedata.normalize("NFKD", char.casefold())
    out = []
    for c in folded:
        if unicodedata.combining(c):
            continue  # the accent of é, the dot of İ
        out.append(c if c.isalnum() else " ")
    return "".join(out)


class _Anchors:
    """A piecewise-shift map from positions in a derived string to its source.

    From ``derived[i]`` on, derived position ``d`` comes from source position
    ``source[i] + (d - derived[i])``.
    """

    __slots__ = ("derived", "source")

    def __init__(self, derived: list[int], source: list[int]):
        self.derived = derived
        self.source = source

    def __call__(self, d: int) -> int:
        i = bisect_right(self.derived, d) - 1
        if i < 0:
            i = 0
        return self.source[i] + (d - self.derived[i])

    def pair(self, first: int, last: int) -> tuple[int, int]:
        """Map two positions, ``first <= last``, with one search when they share a piece."""
        derived = self.derived
        i = bisect_right(derived, first) - 1
        if i < 0:
            i = 0
        shift = self.source[i] - derived[i]
        if i + 1 == len(derived) or last < derived[i + 1]:
            return first + shift, last + shift
        return first + shift, self(last)


IDENTITY = _Anchors([0], [0])


def _compose(inner: _Anchors, outer: _Anchors) -> _Anchors:
    """One piecewise shift for ``outer(inner(d))``.

    Between two consecutive breakpoints of either map, both maps shift, so
    their composition does: the breakpoints are those of ``inner`` and the
    positions ``inner`` maps to a breakpoint of ``outer``. Both maps are
    non-decreasing, and a source character that folds to several characters
    gives each its own piece, so a breakpoint of ``outer`` falls inside at
    most one piece of ``inner`` longer than one (a test compares the
    composition with the two maps on random text). One map means one
    search per position: the matcher maps every match through it.
    """
    if inner is IDENTITY:
        return outer
    if outer is IDENTITY:
        return inner
    derived, source = inner.derived, inner.source
    points = set(derived)
    last = len(derived) - 1
    for c in outer.derived:
        i = bisect_right(source, c) - 1
        if i >= 0 and c > source[i] and (i == last or c - source[i] < derived[i + 1] - derived[i]):
            points.add(derived[i] + (c - source[i]))
    ordered = sorted(points)
    outer_derived, outer_source = outer.derived, outer.source
    composed = []
    for d in ordered:  # inner(d), then outer(f), inlined: both first anchors are at 0
        i = bisect_right(derived, d) - 1
        f = source[i] + (d - derived[i])
        j = bisect_right(outer_derived, f) - 1
        composed.append(outer_source[j] + (f - outer_derived[j]))
    return _Anchors(ordered, composed)


@dataclass(frozen=True)
class KeyText:
    """A folded key string with anchors back to the original text.

    Attributes
    ----------
    key : str
        The folded text with one space added at each end, so every word is
        bounded by spaces (`` coup attempt `` matches whole words only).
    anchors : _Anchors
        Folded position (key position - 1) -> original position;
        :data:`IDENTITY` when folding kept every position.
    has_combining : bool
        The text holds combining marks (they fold to nothing).
    """

    key: str
    anchors: _Anchors
    has_combining: bool = False

    @property
    def is_identity(self) -> bool:
        """True when key position ``k`` is original position ``k - 1`` everywhere."""
        return self.anchors is IDENTITY

    def to_original(self, k: int) -> int:
        """Map a key position to the position of its source character."""
        return self.anchors(k - 1)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a key span ``[start, end)`` (of word characters) to the original."""
        first, last = self.anchors.pair(start - 1, end - 2)  # the padding space: key k is folded k - 1
        return first, last + 1


def _whitespace_runs(text: str, non_ascii: frozenset[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of two or more whitespace characters, blank lines left out.

    The same runs as ``re.finditer(r"\\s\\s+", text)`` minus those holding two
    line breaks, found on a one-byte-per-character probe: non-ASCII spaces
    are replaced with ``" "``, the text is encoded to ASCII with ``?`` for
    every other non-ASCII character, and ASCII whitespace is translated to
    ``" "``. ``bytes.find`` then jumps from one double space to the next; the
    regex engine would test every character, and runs are few (a test
    compares the two).
    """
    probe = text
    for char in non_ascii:
        if char.isspace():  # no-break space, em space, ...: length-keeping
            probe = probe.replace(char, " ")
    spaces = probe.encode("ascii", "replace").translate(_WHITESPACE_TO_SPACE)
    runs = []
    start = spaces.find(b"  ")
    while start >= 0:
        end = _SPACE_RUN.match(spaces, start).end()
        if text.count("\n", start, end) < 2:
            runs.append((start, end))
        start = spaces.find(b"  ", end)
    return runs


def _collapse_whitespace(text: str, non_ascii: frozenset[str]) -> tuple[str, _Anchors]:
    """Replace each whitespace run inside a paragraph with one space.

    Runs holding a blank line are left alone: their two or more separators
    already stop a phrase from spanning paragraphs.
    """
    runs = _whitespace_runs(text, non_ascii)
    if not runs:
        return text, IDENTITY
    parts: list[str] = []
    derived = [0]
    source = [0]
    d_pos = 0
    o_pos = 0
    for start, end in runs:
        parts.append(text[o_pos:start])
        parts.append(" ")
        d_pos += start - o_pos + 1
        o_pos = end
        derived.append(d_pos)
        source.append(o_pos)
    parts.append(text[o_pos:])
    return "".join(parts), _Anchors(derived, source)


@lru_cache(maxsize=4096)
def _key_char(char: str) -> str:
    """What a non-ASCII character becomes in the key string.

    :func:`fold_char`; a one-character ASCII result lowercased, as all ASCII
    is; a one-character non-ASCII result (a letter of another script, or a
    compatibility form such as ``ℇ`` -> ``Ɛ``) folded once more, so that its
    key is settled.
    """
    folded = fold_char(char)
    if len(folded) != 1:
        return folded
    return folded.lower() if folded.isascii() else fold_char(folded)


def _ascii_folded(text: str) -> str:
    """Lowercase the ASCII letters and turn the other ASCII non-alphanumerics into spaces.

    Non-ASCII characters (already keys) are left as they are.
    """
    if text.isascii():
        return text.lower().translate(_ASCII_SEPARATORS)  # the fast path, in C
    return text.translate(_ASCII_KEYS)


def _fold(text: str, non_ascii: frozenset[str]) -> tuple[str, _Anchors]:
    """Fold case and accents; separators become spaces (length may change).

    Each distinct non-ASCII character is replaced by its key with
    ``str.replace`` when the key is one character (curly quotes, dashes,
    accented letters, letters of other scripts). Only the characters whose
    key has another length (``…`` -> three spaces, ``ß`` -> ``ss``, a
    combining accent -> nothing) are found one by one (``str.find``), and
    the ASCII stretches between them are folded whole.
    """
    if not non_ascii:
        return text.lower().translate(_ASCII_SEPARATORS), IDENTITY
    resized: dict[str, str] = {}
    for char in non_ascii:
        key = _key_char(char)
        if len(key) != 1:
            resized[char] = key
        elif key != char:
            text = text.replace(char, key)
    if not resized:
        return _ascii_folded(text), IDENTITY
    positions = sorted(_positions(text, resized))
    pieces: list[str] = []
    derived: list[int] = [0]
    source: list[int] = [0]
    f_pos = 0
    o_pos = 0
    for pos in positions:
        if pos > o_pos:  # a stretch of one-for-one characters: one anchor
            chunk = _ascii_folded(text[o_pos:pos])
            derived.append(f_pos)
            source.append(o_pos)
            pieces.append(chunk)
            f_pos += len(chunk)
        key = resized[text[pos]]
        for _ in key:  # every output character points at its source
            derived.append(f_pos)
            source.append(pos)
            f_pos += 1
        pieces.append(key)
        o_pos = pos + 1
    if o_pos < len(text):
        derived.append(f_pos)
        source.append(o_pos)
        pieces.append(_ascii_folded(text[o_pos:]))
    return "".join(pieces), _Anchors(derived, source)


def _positions(text: str, chars: Iterable[str]) -> Iterator[int]:
    """Every position of each of ``chars`` in ``text``."""
    for char in chars:
        pos = text.find(char)
        while pos >= 0:
            yield pos
            pos = text.find(char, pos + 1)


def key_text(text: str) -> KeyText:
    """Build the key string of a text, with its map to original offsets.

    Parameters
    ----------
    text : str
        The original text.

    Returns
    -------
    KeyText
        ``key`` starts and ends with a space; positions map back with
        :meth:`KeyText.to_original`.
    """
    non_ascii = non_ascii_chars(text)
    collapsed, collapse_map = _collapse_whitespace(text, non_ascii)
    folded, fold_map = _fold(collapsed, non_ascii)
    has_combining = any(unicodedata.combining(char) for char in non_ascii)
    return KeyText(" " + folded + " ", _compose(fold_map, collapse_map), has_combining)
