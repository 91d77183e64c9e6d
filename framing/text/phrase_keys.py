"""Keys of lexicon terms: how a term as written becomes the key strings it matches.

A term's key is its folded form (:func:`framing.text.folding.key_text`) with
its words joined by one space. :func:`surface_keys` adds the spellings a
reader treats as the same term: dotted and plain initials (U.S.-backed,
US-backed) and the regular plural of the last word (coup -> coups).
"""

from __future__ import annotations

import re
import unicodedata

from framing.text.folding import key_text

_ABBREVIATION = re.compile(r"^[A-Z]{2,3}$")


def phrase_key(surface: str) -> str:
    """Fold a term as written in a lexicon to its key: words joined by one space."""
    return " ".join(key_text(surface).key.split())


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


def _spellings(tokens: list[str]) -> set[str]:
    """Keys for a token list whose runs of single letters are dotted initials.

    In text, dotted initials fold to letters separated by spaces and, before
    the next word, by two separators: "U.S.-backed" and "U.S. backed" give
    ``u s  backed``, "U.S backed" gives ``u s backed``, "US-backed" gives
    ``us backed``.
    """
    groups: list[list[str]] = []  # runs of single letters, or one word
    for token in tokens:
        if len(token) == 1 and token.isalpha() and groups and len(groups[-1][0]) == 1 and groups[-1][0].isalpha():
            groups[-1].append(token)
        else:
            groups.append([token])
    keys = {""}
    for index, group in enumerate(groups):
        initials = len(group) >= 2
        forms = [" ".join(group), "".join(group)] if initials else [group[0]]
        last = index == len(groups) - 1
        gaps = [" ", "  "] if initials and not last else [" "]
        # Only the dotted spelling ("u s") is followed by the dot's extra separator.
        keys = {k + f + ("" if last else g) for k in keys for f in forms for g in (gaps if " " in f else [" "])}
    return keys


def surface_keys(surface: str, *, add_plural: bool = True) -> set[str]:
    """All keys a term matches: its spellings with initials, and its plural.

    ``U.S.-backed`` and ``US-backed`` match each other: dotted initials
    (``u s``) are also joined (``us``), and two- or three-letter capitalised
    words (``US``, ``UN``) are also spelled out (``u s``). With
    ``add_plural``, the regular plural of the last word is added.
    """
    base = phrase_key(surface)
    if not base:
        return set()
    raw_words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", surface))
    spelled = phrase_key(" ".join(" ".join(w) if _ABBREVIATION.match(w) else w for w in raw_words))
    variants = _spellings(base.split(" ")) | _spellings(spelled.split(" "))
    # The term exactly as punctuated: "(1)</script" has three separators.
    variants.add(key_text(surface).key.strip(" "))
    if add_plural:
        for v in list(variants):
            head, _, last = v.rpartition(" ")
            if last.isalpha() and len(last) > 2:
                variants.add(v[: len(v) - len(last)] + plural(last))
    return variants
