"""A slow, obviously correct matcher that the fast one must agree with.

It folds the text one character at a time, cuts it into words, and compares
every lexicon variant (as a tuple of words) with the words at every position:
no automaton, no anchors, no offset arithmetic beyond "this word came from
these characters".
"""

from __future__ import annotations

import unicodedata

from framing.lexicon import Lexicon
from framing.textfold import fold_char, surface_keys


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    words: list[tuple[str, int, int]] = []
    current: list[str] = []
    first = last = -1
    for index, char in enumerate(text):
        for folded in fold_char(char):
            if folded == " ":
                if current:
                    words.append(("".join(current), first, last + 1))
                    current = []
            else:
                if not current:
                    first = index
                current.append(folded)
                last = index
    if current:
        words.append(("".join(current), first, last + 1))
    return words


def reference_matches(text: str, lexicons: list[Lexicon]) -> list[tuple[str, int, int, str]]:
    """Return ``(lexicon, start, end, canonical)`` for every match, leftmost-longest per lexicon."""
    words = words_with_spans(text)
    found = []
    for lexicon in lexicons:
        variants: list[tuple[tuple[str, ...], str, bool]] = []
        for concept in lexicon.concepts:
            for term in concept.terms:
                for surface in (term.text, *term.forms):
                    exact = surface_keys(surface, add_plural=False)
                    for key in surface_keys(surface):
                        variants.append((tuple(key.split(" ")), term.text, key in exact))
        position = 0
        while position < len(words):
            best = None
            for tokens, canonical, exact in variants:
                if tuple(w for w, _, _ in words[position : position + len(tokens)]) == tokens:
                    better = best is None or len(tokens) > best[0] or (len(tokens) == best[0] and exact and not best[2])
                    if better:
                        best = (len(tokens), canonical, exact)
            if best is None:
                position += 1
                continue
            start = words[position][1]
            end = words[position + best[0] - 1][2]
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1
            found.append((lexicon.name, start, end, best[1]))
            position += best[0]
    return found
