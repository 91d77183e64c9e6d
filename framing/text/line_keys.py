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
from collections import Counter

from framing.text.tokens import fold

#: Words of a line's opening that identify a template.
PREFIX_WORDS = 2
#: Only lines of at most this many words can be template lines; longer ones are cut into passages.
TEMPLATE_MAX_WORDS = 30

_NON_WORD_RE = re.compile(r"[^a-z0-9]+")
# Where a long line is cut into passages: after a sentence's end before a capital, or at a spaced dash.
# Written to start with a character class (the lookbehind then tests the character before it), the same
# splits as r"(?<=[.!?;])\s+(?=...)|\s+[–—]\s+" but half the time: the regex engine skips to whitespace.
_SEGMENT_RE = re.compile(r"\s(?:(?<=[.!?;]\s)\s*(?=[A-Z\"“‘'(\[])|\s*[–—]\s+)")
#: A passage of a long line needs this many words to be counted (so "U.S." never is).
SEGMENT_MIN_WORDS = 5
#: A passage repeated this often within one article is removed from it.
WITHIN_REPEATS = 3
_DIGITS_RE = re.compile(r"[0-9]+")
# Bytes of normalised text: a-z, 0-9 and the line break kept, every other byte a space.
_KEEP_WORD_BYTES = bytes(b if b in b"abcdefghijklmnopqrstuvwxyz0123456789\n" else 32 for b in range(256))
_DIGITS_BYTES_RE = re.compile(rb"[0-9]+")


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
    # A normal form is words of [a-z0-9] joined by single spaces: counting spaces counts words.
    prefix = None
    if PREFIX_WORDS < norm.count(" ") + 1 <= TEMPLATE_MAX_WORDS:
        prefix = _hash(" ".join(norm.split(" ", PREFIX_WORDS)[:PREFIX_WORDS]))
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
    # Splitting at most TEMPLATE_MAX_WORDS times tells a long line from a short one without splitting it all.
    if len(line.split(None, TEMPLATE_MAX_WORDS)) <= TEMPLATE_MAX_WORDS:
        return [line]
    return [part for part in _SEGMENT_RE.split(line) if part.strip()]


def segment_key(segment: str) -> int | None:
    """Stable hash of a passage's normal form; None for one of fewer than :data:`SEGMENT_MIN_WORDS` words."""
    norm = _normal(segment)
    return _hash(norm) if len(norm.split()) >= SEGMENT_MIN_WORDS else None


def _segment_key_of(norm: bytes) -> int | None:
    # A normal form is words of [a-z0-9] joined by single spaces: counting spaces counts words.
    return _hash_bytes(norm) if norm and norm.count(b" ") + 1 >= SEGMENT_MIN_WORDS else None


def _hash_bytes(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def _normals(pieces: list[str]) -> list[bytes]:
    """The normal forms (ASCII bytes) of pieces of text holding no line break, in one pass over them all.

    Folding and lowercasing act character by character (NFKD reorders
    combining marks only between two base characters, and a line break is
    one), so the pieces are folded joined by line breaks. The folded text's
    UTF-8 bytes then go through one ``bytes.translate``: every byte but
    ``a-z``, ``0-9`` and the line break becomes a space (a non-ASCII
    character, a lone surrogate too, is all bytes from 0x80, so it becomes spaces, as the regex
    ``[^a-z0-9]+`` makes it one), digits runs become ``0``, and splitting each
    piece on spaces and joining by one gives the normal form of
    :func:`line_key`. Several calls per article instead of several per piece.
    """
    if not pieces:
        return []
    folded = fold("\n".join(pieces)).encode("utf-8", "surrogatepass").translate(_KEEP_WORD_BYTES)
    joined = _DIGITS_BYTES_RE.sub(b"0", folded).split(b"\n")
    if len(joined) != len(pieces):  # a character that folds to a line break: piece by piece
        return [_normal(piece).encode("ascii") for piece in pieces]
    return [b" ".join(norm.split()) for norm in joined]


def line_table(text: str) -> list[tuple[str, str, list[str], list[int | None]]]:
    """Each line of a text with its normal form, passages and passages' keys (both empty for a whole line).

    A long line cut into passages is normalised through its passages: the
    line's normal form is theirs joined by spaces (the cuts are whitespace
    and dashes, which normalise to a space), so each character is normalised
    once. The same as :func:`normal_lines`, :func:`segments` and
    :func:`segment_key` line by line, in less time.
    """
    lines = text.splitlines()
    cut = [segments(line) for line in lines]
    pieces: list[str] = []
    for line, parts in zip(lines, cut):
        if len(parts) > 1:
            pieces.extend(parts)
        else:
            pieces.append(line)
    norms = _normals(pieces)
    table: list[tuple[str, str, list[str], list[int | None]]] = []
    at = 0
    for line, parts in zip(lines, cut):
        if len(parts) > 1:
            part_norms = norms[at:at + len(parts)]
            at += len(parts)
            norm = b" ".join(n for n in part_norms if n).decode("ascii")
            table.append((line, norm, parts, [_segment_key_of(n) for n in part_norms]))
        else:
            table.append((line, norms[at].decode("ascii"), [], []))
            at += 1
    return table


def article_keys(text: str) -> tuple[set[int], set[int]]:
    """The distinct line (and long lines' passage) keys, and template-prefix keys, of a text."""
    lines, prefixes, _ = table_keys(line_table(text))
    return lines, prefixes


def table_keys(table: list[tuple[str, str, list[str], list[int | None]]]) -> tuple[set[int], set[int], bool]:
    """The distinct line and passage keys, and prefix keys, of a :func:`line_table`, and whether a
    passage recurs :data:`WITHIN_REPEATS` times or more in it."""
    lines: set[int] = set()
    prefixes: set[int] = set()
    passages: list[int] = []
    for _, norm, _, keys in table:
        key, prefix = keys_of(norm)
        if key is not None:
            lines.add(key)
        if prefix is not None:
            prefixes.add(prefix)
        passages.extend(k for k in keys if k is not None)
    distinct = set(passages)
    lines.update(distinct)
    repeated = len(distinct) < len(passages) and max(Counter(passages).values()) >= WITHIN_REPEATS
    return lines, prefixes, repeated


def text_digest(text: str) -> bytes:
    """A text's identity within one run (BLAKE2b, 16 bytes): what a cleaning pass looks its first-pass keys up by."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
