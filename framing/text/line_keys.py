"""Lines of a text as stable hashes: what :mod:`framing.text.boilerplate` counts per outlet.

A line is normalised (folded, lowercased, digits to ``0``, punctuation to
spaces) and hashed with BLAKE2b (8 bytes), so every process, and every Dask
worker, gives a line the same key. A short line also gets the key of its
first :data:`PREFIX_WORDS` words (a template's opening); a long line (more
than :data:`TEMPLATE_MAX_WORDS` words) is also cut into passages: sentences
and dash-separated parts of at least :data:`SEGMENT_MIN_WORDS` words.
"""

from __future__ import annotations

import hashlib
import re

from framing.text.tokens import fold

#: Words of a line's opening that identify a template.
PREFIX_WORDS = 2
#: Only lines of at most this many words can be template lines; longer ones are cut into passages.
TEMPLATE_MAX_WORDS = 30

_NON_WORD_RE = re.compile(r"[^a-z0-9]+")
# Where a long line is cut into passages: after a sentence's end before a capital, or at a spaced dash.
_SEGMENT_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"“‘'(\[])|\s+[–—]\s+")
#: A passage of a long line needs this many words to be counted (so "U.S." never is).
SEGMENT_MIN_WORDS = 5
#: A passage repeated this often within one article is removed from it.
WITHIN_REPEATS = 3
_DIGITS_RE = re.compile(r"[0-9]+")


def _normal(line: str) -> str:
    return _DIGITS_RE.sub("0", _NON_WORD_RE.sub(" ", fold(line))).strip()


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def line_key(line: str) -> int | None:
    """Stable 64-bit hash of a normalised line; None for a line without words.

    Examples
    --------
    >>> line_key("Copyright © 2019 The Washington Times") == line_key("COPYRIGHT 2018 the Washington Times.")
    True
    """
    norm = _normal(line)
    return _hash(norm) if norm else None


def keys_of(norm: str) -> tuple[int | None, int | None]:
    """Line key and template-opening key of a normalised line."""
    if not norm:
        return None, None
    words = norm.split()
    prefix = _hash(" ".join(words[:PREFIX_WORDS])) if PREFIX_WORDS < len(words) <= TEMPLATE_MAX_WORDS else None
    return _hash(norm), prefix


def prefix_key(line: str) -> int | None:
    """Hash of a short line's first :data:`PREFIX_WORDS` words; None for a long or one-word line."""
    return keys_of(_normal(line))[1]


def normal_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines of a text and their normal forms (the text folded once, not line by line)."""
    lines = text.splitlines()
    folded = fold(text).splitlines()
    if len(folded) != len(lines):  # a character that folds to a line break: fold line by line
        folded = [fold(line) for line in lines]
    return lines, [_DIGITS_RE.sub("0", _NON_WORD_RE.sub(" ", f)).strip() for f in folded]


def segments(line: str) -> list[str]:
    """A long line cut into sentences and dash-separated passages; a short line whole."""
    if len(line.split()) <= TEMPLATE_MAX_WORDS:
        return [line]
    return [part for part in _SEGMENT_RE.split(line) if part.strip()]


def segment_key(segment: str) -> int | None:
    norm = _normal(segment)
    return _hash(norm) if len(norm.split()) >= SEGMENT_MIN_WORDS else None


def article_keys(text: str) -> tuple[set[int], set[int]]:
    """The distinct line (and long lines' passage) keys, and template-prefix keys, of a text."""
    lines: set[int] = set()
    prefixes: set[int] = set()
    for line, norm in zip(*normal_lines(text)):
        key, prefix = keys_of(norm)
        if key is not None:
            lines.add(key)
        if prefix is not None:
            prefixes.add(prefix)
        parts = segments(line)
        if len(parts) > 1:
            lines.update(k for k in map(segment_key, parts) if k is not None)
    return lines, prefixes
