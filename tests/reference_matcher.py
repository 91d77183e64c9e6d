"""A slow, obviously correct matcher that the fast one must agree with.

It folds the text one character at a time (keeping, for every folded
character, the index of the character it came from), then tries every lexicon
variant at every word start: no automaton, no anchors, no offset arithmetic.
"""

from __future__ import annotations

import unicodedata

from framing.lexicon.model import Lexicon
from framing.text.folding import fold_char
from framing.text.phrase_keys import surface_keys


def folded_with_sources(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    sources: list[int] = []
    index = 0
    while index < len(text):
        if text[index].isspace():
            run_end = index
            while run_end < len(text) and text[run_end].isspace():
                run_end += 1
            if run_end - index >= 2 and text[index:run_end].count("\n") < 2:
                chars.append(" ")  # a whitespace run inside a paragraph counts as one space
                sources.append(index)
                index = run_end
                continue
            if run_end - index >= 2:  # a blank line: every character a separator
                chars.extend(" " * (run_end - index))
                sources.extend(range(index, run_end))
                index = run_end
                continue
        for folded in fold_char(text[index]):
            chars.append(folded)
            sources.append(index)
        index += 1
    return "".join(chars), sources


def reference_matches(text: str, lexicons: list[Lexicon]) -> list[tuple[str, int, int, str]]:
    """Return ``(lexicon, start, end, canonical)`` for every match, leftmost-longest per lexicon."""
    folded, sources = folded_with_sources(text)
    found = []
    for lexicon in lexicons:
        variants: list[tuple[str, str, bool]] = []
        for concept in lexicon.concepts:
            for term in concept.terms:
                for surface in (term.text, *term.forms):
                    exact = surface_keys(surface, add_plural=False)
                    variants += [(key, term.text, key in exact) for key in surface_keys(surface)]
        position = 0
        while position < len(folded):
            best = None
            if position == 0 or folded[position - 1] == " ":
                for key, canonical, exact in variants:
                    after = position + len(key)
                    if folded.startswith(key, position) and (after == len(folded) or folded[after] == " "):
                        if best is None or len(key) > len(best[0]) or (len(key) == len(best[0]) and exact and not best[2]):
                            best = (key, canonical, exact)
            if best is None:
                position += 1
                continue
            start = sources[position]
            end = sources[position + len(best[0]) - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1
            found.append((lexicon.name, start, end, best[1]))
            position += len(best[0])
    return found
