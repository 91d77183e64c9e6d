"""A slow, obviously correct matcher that the fast one must agree with.

It folds the text one character at a time (keeping, for every folded
character, the index of the character it came from), then tries every lexicon
variant at every word start: no automaton, no anchors, no offset arithmetic.
"""

from __future__ import annotations

import unicodedata

from framing.lexicon.model import Lexicon
from framing.scoring.context_rules import NEGATION_CUES, NEGATION_WINDOW, applies_to
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


def _occurs(folded: str, key: str, position: int) -> bool:
    """``key`` stands at ``position`` of ``folded`` as whole words."""
    after = position + len(key)
    return (folded.startswith(key, position) and (position == 0 or folded[position - 1] == " ")
            and (after == len(folded) or folded[after] == " "))


def _dropped(folded: str, position: int, length: int, negated: bool, exceptions: list[str]) -> bool:
    """The context rules, spelled out: a cue in the two words before (same clause), or inside an except phrase."""
    if negated:
        before = folded[:position]
        # Text before the last double space (punctuation) is another clause.
        clause = before[before.rfind("  ") + 2:] if "  " in before else before
        if any(word in NEGATION_CUES for word in clause.split()[-NEGATION_WINDOW:]):
            return True
    for phrase in exceptions:
        for begin in range(max(0, position + length - len(phrase)), position + 1):
            if _occurs(folded, phrase, begin) and begin + len(phrase) >= position + length:
                return True
    return False


def reference_matches(text: str, lexicons: list[Lexicon]) -> list[tuple[str, int, int, str]]:
    """Return ``(lexicon, start, end, canonical)`` for every match, leftmost-longest per lexicon."""
    folded, sources = folded_with_sources(text)
    found = []
    for lexicon in lexicons:
        # Variants by first word: the same search, without trying every term at every word.
        variants: dict[str, list[tuple[str, str, bool, bool, list[str]]]] = {}
        for concept in lexicon.concepts:
            for term in concept.terms:
                negated = term.weight != 0 and applies_to(lexicon, concept, term, "negation")
                exceptions = [key for phrase in term.exceptions for key in surface_keys(phrase)]
                for surface in (term.text, *term.forms):
                    exact = surface_keys(surface, add_plural=False)
                    for key in surface_keys(surface):
                        variants.setdefault(key.split(" ")[0], []).append(
                            (key, term.text, key in exact, negated, exceptions))
        position = 0
        while position < len(folded):
            best = None
            if position == 0 or folded[position - 1] == " ":
                first = folded[position:].split(" ", 1)[0]
                for key, canonical, exact, negated, exceptions in variants.get(first, []):
                    if _occurs(folded, key, position) and not _dropped(folded, position, len(key), negated, exceptions):
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
