"""Fold text for matching while keeping a map back to the original offsets.

Matching happens on a *key string*: case folded, accents removed, typographic
variants unified, every run of non-alphanumeric characters collapsed to one
space. ``Guaidó’s  “coup d’état”`` becomes ``guaido s coup d etat``. Folding
can change the length of the text (``ß`` -> ``ss``, ``İ`` -> ``i``, a
combining accent disappears), so :class:`KeyText` keeps sparse anchors that
map every key position back to the original string; spans reported to users
always index the original text.

ASCII text, the common case, takes a fast path in C (``str.lower``,
``str.translate``); only non-ASCII runs are folded character by character.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Every ASCII character that is not a letter or digit separates words.
_ASCII_SEPARATORS = {i: " " for i in range(128) if not chr(i).isalnum()}
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SPACE_RUN = re.compile(r"  +")
_ABBREVIATION = re.compile(r"^[A-Z]{2,3}$")


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


@dataclass(frozen=True)
class KeyText:
    """A folded key string with anchors back to the original text.

    Attributes
    ----------
    key : str
        Lowercase alphanumerics separated by single spaces, with one space
        added at each end so every word is bounded by spaces.
    collapse_k, collapse_f : list of int
        Parallel sorted anchors of the space collapsing: from key position
        ``collapse_k[i]`` on, key position ``k`` is folded position
        ``collapse_f[i] + (k - collapse_k[i])``.
    fold_f, fold_o : list of int
        The same from folded positions to original positions (one anchor for
        ASCII text, whose folding keeps every position).
    """

    key: str
    collapse_k: list[int]
    collapse_f: list[int]
    fold_f: list[int]
    fold_o: list[int]

    def to_original(self, k: int) -> int:
        """Map a key position to the position of its source character."""
        i = max(bisect_right(self.collapse_k, k) - 1, 0)
        f = self.collapse_f[i] + (k - self.collapse_k[i])
        j = max(bisect_right(self.fold_f, f) - 1, 0)
        return self.fold_o[j] + (f - self.fold_f[j])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a key span ``[start, end)`` (of word characters) to the original."""
        return self.to_original(start), self.to_original(end - 1) + 1


def _fold_with_anchors(text: str) -> tuple[str, list[int], list[int]]:
    """Fold case and accents; separators become spaces (length may change)."""
    if text.isascii():
        return text.lower().translate(_ASCII_SEPARATORS), [0], [0]
    pieces: list[str] = []
    anchors_f: list[int] = [0]
    anchors_o: list[int] = [0]
    f_pos = 0
    o_pos = 0
    for run in _NON_ASCII_RUN.finditer(text):
        if run.start() > o_pos:  # an ASCII stretch: same length, one anchor
            chunk = text[o_pos : run.start()].lower().translate(_ASCII_SEPARATORS)
            anchors_f.append(f_pos)
            anchors_o.append(o_pos)
            pieces.append(chunk)
            f_pos += len(chunk)
        for offset, char in enumerate(run.group()):
            folded = fold_char(char)
            for _ in folded:  # every output character points at its source
                anchors_f.append(f_pos)
                anchors_o.append(run.start() + offset)
                f_pos += 1
            pieces.append(folded)
        o_pos = run.end()
    if o_pos < len(text):
        anchors_f.append(f_pos)
        anchors_o.append(o_pos)
        pieces.append(text[o_pos:].lower().translate(_ASCII_SEPARATORS))
    return "".join(pieces), anchors_f, anchors_o


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
    folded, fold_f, fold_o = _fold_with_anchors(text)
    # Collapse runs of spaces. A padding space at each end makes " term "
    # patterns match at word boundaries only.
    parts: list[str] = []
    collapse_k: list[int] = [1]
    collapse_f: list[int] = [0]
    k_pos = 1
    f_pos = 0
    for run in _SPACE_RUN.finditer(folded):
        parts.append(folded[f_pos : run.start() + 1])
        k_pos += run.start() + 1 - f_pos
        f_pos = run.end()
        collapse_k.append(k_pos)
        collapse_f.append(f_pos)
    parts.append(folded[f_pos:])
    return KeyText(" " + "".join(parts) + " ", collapse_k, collapse_f, fold_f, fold_o)


def phrase_key(surface: str) -> str:
    """Fold a term as written in a lexicon to its key (no padding spaces)."""
    return key_text(surface).key.strip()


def plural(word: str) -> str:
    """Regular English plural of a word (coup -> coups, ally -> allies, crash -> crashes)."""
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def term_key(surface: str) -> str:
    """The canonical key of a term, used to detect the same term twice."""
    return phrase_key(surface)


def surface_keys(surface: str, *, add_plural: bool = True) -> set[str]:
    """All keys a term matches: its folded form, its plural and abbreviation variants.

    ``U.S.-backed`` and ``US-backed`` match each other: dotted initials
    (``u s``) are also joined (``us``), and two- or three-letter capitalised
    words (``US``, ``UN``) are also spelled out (``u s``).
    """
    base = phrase_key(surface)
    if not base:
        return set()
    tokens = base.split(" ")
    variants = {base}
    # Joined initials: "u s backed" -> "us backed" (runs of single letters).
    joined: list[str] = []
    in_initials = False
    for tok in tokens:
        if len(tok) == 1 and tok.isalpha():
            if in_initials:
                joined[-1] += tok
            else:
                joined.append(tok)
            in_initials = True
        else:
            joined.append(tok)
            in_initials = False
    variants.add(" ".join(joined))
    # Spelled-out initials: "US-backed" -> "u s backed".
    raw_words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", surface))
    spelled = [" ".join(w.lower()) if _ABBREVIATION.match(w) else w for w in raw_words]
    if spelled:
        spelled_key = phrase_key(" ".join(spelled))
        if spelled_key:
            variants.add(spelled_key)
    if add_plural:
        for v in list(variants):
            head, _, last = v.rpartition(" ")
            if last.isalpha() and len(last) > 2:
                variants.add((head + " " if head else "") + plural(last))
    return variants


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def count_words(text: str) -> int:
    """Count words: runs of letters and digits, with inner apostrophes (don't, Guaido’s)."""
    return sum(1 for _ in _WORD.finditer(text))
