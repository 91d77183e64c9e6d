"""pyphen's hyphenation points, found with one Aho-Corasick pass over the word.

Readability counts a word that the CMU dictionary lacks as pyphen's
hyphenation positions + 1, as textstat does. pyphen applies Liang's
algorithm [1]_ by slicing out every substring of ``.word.`` up to its
longest pattern and looking each one up; for ``en_US`` the longest pattern
has 28 letters (a few whole-word exceptions), so it looks up nearly every
substring of every word: about 50 µs a word, which made pyphen a third of
the readability time on the 51 MB benchmark corpus (issue 18).

:class:`Hyphenator` keeps pyphen's own parsed patterns
(``pyphen.Pyphen(lang=...).hd.patterns``, so the dictionary file, its
parsing and its version stay pyphen's) and finds every pattern occurrence
in the word with one pass of an Aho-Corasick automaton [2]_ from
``pyahocorasick``, which framing already uses for lexicon matching. Each
occurrence then raises the inter-letter values to the maximum exactly as
``HyphDict.positions`` does; ``max`` is order-free, so the points are the
same by construction, and a test compares them with pyphen's on 15,000
CMU words, random strings, non-ASCII words and a pattern file with the
cases en_US lacks. About 15 µs a word instead of 46 µs (20,000 CMU words,
one run on the benchmark machine); pyphen's answers are the reference,
only the search for its patterns is done differently.

References
----------
.. [1] Liang, F. M. (1983). *Word Hy-phen-a-tion by Com-put-er*. PhD
   thesis, Stanford University.
.. [2] Aho, A. V., & Corasick, M. J. (1975). Efficient string matching: an
   aid to bibliographic search. *Communications of the ACM*, 18(6),
   333-340.
"""

from __future__ import annotations

from pathlib import Path

import ahocorasick
from pyphen import Pyphen

__all__ = ["Hyphenator"]


class Hyphenator:
    """Hyphenation positions of words, equal to ``pyphen.Pyphen(...).positions`` with the same arguments.

    Built once (about 30 ms for ``en_US``), then called on words.

    Parameters
    ----------
    lang : str, optional
        A pyphen language, e.g. ``"en_US"``.
    filename : str or Path, optional
        A ``hyph_*.dic`` file instead, as pyphen reads it.
    left, right : int
        The fewest letters kept before the first and after the last break
        (pyphen's ``left`` and ``right``, 2 by default, as textstat uses).

    Examples
    --------
    >>> Hyphenator("en_US").positions("hyphenation")
    [2, 6]
    """

    def __init__(self, lang: str | None = None, *, filename: str | Path | None = None,
                 left: int = 2, right: int = 2) -> None:
        if lang is None and filename is None:
            raise ValueError("Hyphenator needs lang (e.g. 'en_US') or filename (a hyph_*.dic file)")
        for name, value in (("left", left), ("right", right)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name}={value!r}: expected an integer >= 0")
        self.left, self.right = left, right
        patterns = Pyphen(filename=filename, lang=lang).hd.patterns
        automaton = ahocorasick.Automaton()
        for letters, (offset, values) in patterns.items():
            if letters == ".":
                continue  # applied by _references itself, see below
            # Each occurrence ending at index ``end`` of ``.word.`` raises the
            # values at end - first .. end - last - 1; values as plain ints:
            # pyphen's nonstandard-hyphenation DataInt carries data the count
            # does not use, and compares as its int.
            first = len(letters) - 1 - offset
            automaton.add_word(letters, (first, first - len(values), tuple(map(int, values))))
        automaton.make_automaton()
        self._automaton = automaton
        # pyphen starts no substring at the final "." of ".word.": a pattern
        # "." (en_US has none) applies at every other ".".
        self._dot = (patterns["."][0], tuple(map(int, patterns["."][1]))) if "." in patterns else None

    def positions(self, word: str) -> list[int]:
        """The positions where ``word`` can be hyphenated, as ``Pyphen.positions`` returns them.

        As in pyphen, the patterns are applied to the lowercased word and the
        ``right`` margin is counted on the word as given.
        """
        references = self._references(word)
        right = len(word) - self.right
        # references[i] is the value before letter i - 1 of the word: odd values are breaks.
        return [i - 1 for i, value in enumerate(references) if value % 2 and self.left <= i - 1 <= right]

    def _references(self, word: str) -> list[int]:
        """The inter-letter values of ``.word.`` (lowercased): the maximum each pattern occurrence gives."""
        pointed = f".{word.lower()}."
        final = len(pointed) - 1
        references = [0] * (len(pointed) + 1)
        for end, (first, last, values) in self._automaton.iter(pointed):
            span = slice(end - first, end - last)
            references[span] = map(max, values, references[span])
        if self._dot is not None:
            offset, values = self._dot
            for start in (i for i, char in enumerate(pointed[:final]) if char == "."):
                span = slice(start + offset, start + offset + len(values))
                references[span] = map(max, values, references[span])
        return references

    def syllables(self, word: str) -> int:
        """Hyphenation positions + 1: textstat's syllable count for a word the CMU dictionary lacks."""
        lowest, highest = self.left + 1, len(word) - self.right + 1
        return sum(value & 1 for value in self._references(word)[lowest : highest + 1]) + 1 if lowest <= highest else 1
