"""Rewrite a passage in the other frame, for teaching.

Swapping each loaded term for the other pole's wording of the same concept
("the coup" -> "the uprising") shows a class that the facts of a sentence can
stay while its framing turns around: the exercise of Entman (1993), "Framing:
toward clarification of a fractured paradigm", J. Communication 43(4) —
framing selects and makes salient — done by substitution. The lexicon
supplies the variants, so the rewrite is only as good as its concepts.

Surface repairs are deliberately simple and documented: capitalisation is
copied (ALL CAPS, Title Case, a capital first letter), an automatic plural is
re-applied with :func:`framing.text.folding.plural`, and an indefinite article
just before the term is switched between "a" and "an" by the first letter
(with a short list of exceptions such as "a union", "an hour").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import pandas as pd

from framing.article import Article
from framing.present.highlight import spans_html
from framing.lexicon.model import Concept, Lexicon, Term
from framing.text.quotes import AUTHORIAL, SCARE_QUOTED
from framing.scoring.scores import match_table
from framing.text.phrase_keys import phrase_key, plural, surface_keys

TARGETS = ("opposite", "neutral")
SIDES = ("original", "reframed")
_REQUIRED = ("start", "end", "lexicon", "concept", "axis", "canonical", "weight", "voice")
# "a" or "an", then the space (and an opening quote mark: a ‘coup’) before
# the term; that the article starts a word is checked in code.
_ARTICLE_BEFORE = re.compile(r"(?<!\w)(an|a)(\s+[\"'“‘«]?)$", re.IGNORECASE)
# Vowel letters that sound like consonants, and silent h: "a union", "an hour".
_A_DESPITE_VOWEL = ("uni", "use", "usu", "uti", "eu", "one", "once", "u.s", "us-", "ukr", "uru")
_AN_DESPITE_CONSONANT = ("hour", "honest", "honor", "honour", "heir")


@dataclass(frozen=True)
class Change:
    """One replacement: spans in the original and in the reframed text.

    ``original`` and ``replacement`` include the article when it changed too
    ("a coup" -> "an uprising").
    """

    start: int
    end: int
    new_start: int
    new_end: int
    original: str
    replacement: str
    concept: str
    old_weight: float
    new_weight: float


@dataclass(frozen=True)
class ReframeResult:
    """The original text, the reframed text and the changes between them."""

    original: str
    text: str
    changes: list[Change] = field(default_factory=list)


def _choose(
    concept: Concept, weight: float, target: str, usage: Mapping[tuple[str, str], int] | None = None
) -> Term | None:
    """The variant to use instead of a term of ``weight``; None to leave it.

    With ``usage`` (how often each variant occurs in a reference corpus), the
    variant people actually use wins ("coup" rather than "putsch"); without,
    or on a tie, the weight closest to the mirrored one.
    """
    def used(term: Term) -> int:
        return -(usage or {}).get((concept.id, term.text), 0)

    neutral = [t for t in concept.terms if t.weight == 0]
    if target == "opposite":
        other = [t for t in concept.terms if t.weight * weight < 0]
        if other:
            # On a further tie the shorter phrase reads more naturally, then
            # the lexicon's own order decides.
            return min(other, key=lambda t: (used(t), abs(t.weight + weight), len(t.text.split())))
    # Target "neutral", or a concept with no wording on the other pole.
    return min(neutral, key=used) if neutral else None


def variant_usage(matches: pd.DataFrame, *, voices: Sequence[str] = (AUTHORIAL,)) -> dict[tuple[str, str], int]:
    """Count ``(concept, canonical)`` in a match table, for ``reframe(usage=...)``.

    By default only the outlets' own words count: the variants each side
    chooses, not the words of the sources it quotes.
    """
    if matches.empty:
        return {}
    mine = matches[matches["voice"].isin(voices)]
    return {key: int(n) for key, n in mine.groupby(["concept", "canonical"]).size().items()}


def _is_auto_plural(surface: str, canonical: str) -> bool:
    """True if the surface is the automatic plural of the canonical, not a listed form."""
    key = phrase_key(surface)
    return key != phrase_key(canonical) and key in (surface_keys(canonical) - surface_keys(canonical, add_plural=False))


def _pluralise(phrase: str) -> str:
    head, space, last = phrase.rpartition(" ")
    return head + space + plural(last)


def _title(phrase: str) -> str:
    # Capitalise after spaces and hyphens ("Civic-Military Uprising") but keep
    # the rest as written, so "U.S.-backed" keeps its capitals.
    return re.sub(r"(^|[\s-])(\w)", lambda m: m.group(1) + m.group(2).upper(), phrase)


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘(«")
    return not before or before[-1] in ".!?:\n"


def _match_case(surface: str, canonical: str, replacement: str, sentence_start: bool) -> str:
    """Give the replacement the capitals the writer gave the matched words.

    Capitals the lexicon itself writes ("Maduro regime", "Operation
    Liberty") are a proper noun's, not the writer's, and are not copied.
    """
    letters = [c for c in surface if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not canonical.isupper():
        return replacement.upper()
    words = [w for w in surface.split() if any(c.isalpha() for c in w)]
    canonical_words = canonical.split()
    if (len(words) > 1 and all(w[0].isupper() for w in words)
            and not all(w[:1].isupper() for w in canonical_words)):
        return _title(replacement)
    if sentence_start or (surface[:1].isupper() and not canonical[:1].isupper()):
        return replacement[:1].upper() + replacement[1:]
    # Otherwise keep the lexicon's capitals (proper nouns).
    return replacement


def _wants_an(word: str) -> bool:
    lower = word.lower()
    if lower.startswith(_AN_DESPITE_CONSONANT):
        return True
    if lower.startswith(_A_DESPITE_VOWEL):
        return False
    return lower[:1] in "aeiou"


def _article_before(text: str, low: int, start: int) -> tuple[int, str, str] | None:
    """Start, word and what follows it (space, quote mark) of an "a"/"an" just before ``start``."""
    # A short window: the article is at most a few characters back.
    window = max(low, start - 40)
    found = _ARTICLE_BEFORE.search(text, window, start)
    if not found:
        return None
    begin = found.start(1)
    if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "_"):
        return None  # the tail of a longer word ("Panama coup")
    return begin, found.group(1), found.group(2)


def _fix_article(article: str, replacement: str) -> str:
    new = "an" if _wants_an(replacement) else "a"
    if article.isupper() and (len(article) > 1 or replacement.isupper()):
        return new.upper()
    if article[:1].isupper():
        return new.capitalize()
    return new


def _check(text: str, matches: pd.DataFrame, target: str) -> None:
    if target not in TARGETS:
        raise ValueError(f"target must be one of {', '.join(TARGETS)}, got {target!r}")
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, got {type(text).__name__}")
    missing = [c for c in _REQUIRED if c not in matches.columns]
    if missing:
        raise ValueError(f"matches lacks column(s) {', '.join(missing)}; needed: {', '.join(_REQUIRED)}")


def reframe(
    text: str,
    matches: pd.DataFrame,
    lexicons: Sequence[Lexicon],
    *,
    target: str = "opposite",
    usage: Mapping[tuple[str, str], int] | None = None,
) -> ReframeResult:
    """Rewrite a text with each loaded axis term swapped for another variant.

    Parameters
    ----------
    text : str
        The passage, exactly as matched.
    matches : DataFrame
        Its :func:`framing.scoring.scores.match_table` rows.
    lexicons : sequence of Lexicon
        The lexicons the matches come from; rows of other lexicons are skipped.
    target : {"opposite", "neutral"}
        ``opposite``: the variant of the same concept on the other pole whose
        weight is closest to the negated weight (a concept with no wording on
        the other pole falls back to its neutral wording). ``neutral``: the
        concept's first wording of weight 0.
    usage : mapping, optional
        ``{(concept, canonical): count}`` from a reference corpus
        (:func:`variant_usage`): among the allowed variants the most used one
        is chosen, so a passage is rewritten in the words the other side
        really uses.

    Returns
    -------
    ReframeResult

    Notes
    -----
    Only authorial and scare-quoted matches on an axis with a non-zero weight
    change. Quoted matches are left alone: they are a source's words, and
    putting other words in a source's mouth would be misquotation, not
    reframing. Where matches overlap, the leftmost, then longest, changes.
    A listed irregular form ("interfered") is replaced by the canonical
    wording of the new variant; only automatic plurals are re-inflected.

    Raises
    ------
    ValueError
        If ``target`` is not allowed, a column is missing or a span lies
        outside ``text``.
    """
    _check(text, matches, target)
    concepts: Mapping[tuple[str, str], Concept] = {
        (lexicon.name, concept.id): concept for lexicon in lexicons for concept in lexicon.concepts
    }
    candidates = []
    for row in matches.to_dict("records"):
        start, end = int(row["start"]), int(row["end"])
        if not 0 <= start < end <= len(text):
            raise ValueError(f"match span ({start}, {end}) is outside the text (length {len(text)})")
        axis = row["axis"]
        if row["voice"] not in (AUTHORIAL, SCARE_QUOTED) or axis is None or pd.isna(axis) or row["weight"] == 0:
            continue
        concept = concepts.get((row["lexicon"], row["concept"]))
        if concept is not None:
            candidates.append((start, end, concept, float(row["weight"]), str(row["canonical"])))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    pieces: list[str] = []
    changes: list[Change] = []
    pos = 0
    new_pos = 0
    for start, end, concept, weight, canonical in candidates:
        if start < pos:
            continue  # overlaps a change already made
        term = _choose(concept, weight, target, usage)
        if term is None or term.weight == weight:
            continue
        surface = text[start:end]
        replacement = term.text
        if _is_auto_plural(surface, canonical):
            replacement = _pluralise(replacement)
        replacement = _match_case(surface, canonical, replacement, _at_sentence_start(text, start))
        original = surface
        article = _article_before(text, pos, start)
        if article:
            begin, word, space = article
            new_article = _fix_article(word, replacement)
            if new_article != word:
                # The article changes too: make it part of the change span.
                start = begin
                replacement = new_article + space + replacement
                original = text[start:end]
        pieces.append(text[pos:start])
        new_pos += start - pos
        pieces.append(replacement)
        changes.append(Change(start, end, new_pos, new_pos + len(replacement), original, replacement,
                              concept.id, weight, term.weight))
        new_pos += len(replacement)
        pos = end
    pieces.append(text[pos:])
    return ReframeResult(original=text, text="".join(pieces), changes=changes)


def reframed_matches(
    result: ReframeResult,
    lexicons: Sequence[Lexicon],
    *,
    article_id: str = "reframed",
    outlet: str = "reframed",
    voice_factors: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Match the reframed text again, so both versions can be scored.

    Returns
    -------
    DataFrame
        :func:`framing.scoring.scores.match_table` of the reframed text, plus a
        boolean ``changed`` column: the match overlaps a replacement (for
        ``highlight_html(..., changed=True)``).
    """
    table = match_table([Article(id=article_id, outlet=outlet, text=result.text)], lexicons,
                        voice_factors=voice_factors)
    table["changed"] = [
        any(s < c.new_end and c.new_start < e for c in result.changes) for s, e in zip(table["start"], table["end"])
    ]
    return table


def _weight_word(weight: float) -> str:
    return f"{weight:+.2f}".replace("-", "\u2212")


def changes_html(result: ReframeResult, side: str) -> str:
    """Return one side of a reframing as HTML with the changed words marked.

    Parameters
    ----------
    result : ReframeResult
    side : {"original", "reframed"}

    Returns
    -------
    str
        Escaped ``<p>`` paragraphs with each change in ``<mark
        class="fr-changed" title="old → new (concept, weights)">``
        (styled by :data:`framing.present.highlight.HIGHLIGHT_CSS`).

    Raises
    ------
    ValueError
        If ``side`` is not allowed.
    """
    if side not in SIDES:
        raise ValueError(f"side must be one of {', '.join(SIDES)}, got {side!r}")
    reframed = side == "reframed"
    spans = []
    for c in result.changes:
        title = (f"{c.original} \u2192 {c.replacement} ({c.concept}: "
                 f"{_weight_word(c.old_weight)} \u2192 {_weight_word(c.new_weight)})")
        span = (c.new_start, c.new_end) if reframed else (c.start, c.end)
        spans.append((*span, {"class": "fr-changed", "title": title, "data-concept": c.concept}))
    return spans_html(result.text if reframed else result.original, spans)


__all__ = ["Change", "ReframeResult", "reframe", "reframed_matches", "changes_html"]
