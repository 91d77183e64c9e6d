"""Rewrite a passage in the other frame, for teaching.

Swapping each loaded term for the other pole's wording of the same concept
("the coup" -> "the uprising") shows a class that the facts of a sentence can
stay while its framing turns around: the exercise of Entman (1993), "Framing:
toward clarification of a fractured paradigm", J. Communication 43(4) —
framing selects and makes salient — done by substitution. The lexicon
supplies the variants, so the rewrite is only as good as its concepts.

Which wording replaces a term (the same people, the same kind of word) is
:mod:`framing.present.reframe_choice`; the repairs around it (a/an by the
first sound, number, capitals, possessives) are
:mod:`framing.present.reframe_grammar`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import pandas as pd

from framing.article import Article
from framing.present.highlight import spans_html
from framing.lexicon.model import Concept, Lexicon, Term
from framing.present import reframe_grammar as grammar
from framing.present.reframe_choice import choose, name_follows
from framing.text.quotes import AUTHORIAL, SCARE_QUOTED
from framing.scoring.scores import check_voice_factors, match_table
from framing.text.phrase_keys import phrase_key

TARGETS = ("opposite", "neutral")
SIDES = ("original", "reframed")
_REQUIRED = ("start", "end", "lexicon", "concept", "axis", "canonical", "weight", "voice")


@dataclass(frozen=True)
class Change:
    """One replacement: spans in the original and in the reframed text.

    ``original`` and ``replacement`` include the article when it changed too
    ("a coup" -> "an uprising"). ``voice`` is the match's voice and
    ``factor`` its voice factor, so :attr:`old_effective` and
    :attr:`new_effective` are the weights the score counts (a scare-quoted
    term keeps its quote marks, so its new wording counts inverted too).
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
    voice: str = AUTHORIAL
    factor: float = 1.0

    @property
    def old_effective(self) -> float:
        """Effective weight of the original wording: weight times voice factor."""
        return self.old_weight * self.factor

    @property
    def new_effective(self) -> float:
        """Effective weight of the replacement in the same voice."""
        return self.new_weight * self.factor


@dataclass(frozen=True)
class ReframeResult:
    """The original text, the reframed text and the changes between them."""

    original: str
    text: str
    changes: list[Change] = field(default_factory=list)


def variant_usage(matches: pd.DataFrame, *, voices: Sequence[str] = (AUTHORIAL,)) -> dict[tuple[str, str, str], int]:
    """Count ``(lexicon, concept, canonical)`` in a match table, for ``reframe(usage=...)``.

    By default only the outlets' own words count: the variants each side
    chooses, not the words of the sources it quotes. The lexicon is part of
    the key because two lexicons may both have a concept ``coup`` with a
    term ``coup``; counted together, one lexicon's usage would pick the
    other's variants.
    """
    if matches.empty:
        return {}
    mine = matches[matches["voice"].isin(voices)]
    return {key: int(n) for key, n in mine.groupby(["lexicon", "concept", "canonical"]).size().items()}


def _term(concept: Concept, canonical: str) -> Term | None:
    key = phrase_key(canonical)
    return next((t for t in concept.terms if phrase_key(t.text) == key), None)


def _is_title(text: str, start: int, end: int, matched: Term) -> bool:
    """True if the matched words are a title: before a name, or a head noun the writer capitalised.

    "constitutional President of Venezuela" and "opposition politician
    Leopoldo Lopez" keep their head noun; a headline's "Attempted Coup" is
    not a title (its first word is capitalised too).
    """
    words = text[start:end].split()
    written = len(words) > 1 and words[-1][:1].isupper() and not words[0][:1].isupper()
    return name_follows(text, end) or (written and not matched.text.split()[-1][:1].isupper())


def _fit(text: str, low: int, start: int, end: int, canonical: str, wording: str) -> tuple[int, int, str, str]:
    """Fit a wording into the text: number, possessive, capitals, a repeated word, the article.

    Returns the span to replace (it grows to take in an article or an "'s"
    that changes), the original words of that span and their replacement.
    """
    surface = text[start:end]
    replacement = wording
    if (grammar.word_kind(surface, (canonical,)) == grammar.NOUN and grammar.is_plural_phrase(surface)
            and not grammar.is_plural_phrase(replacement)):
        replacement = grammar.pluralise(replacement)
    replacement = grammar.keep_possessive(surface, replacement)
    replacement = grammar.match_case(surface, canonical, replacement, grammar.at_sentence_start(text, start))
    before = grammar.word_before(text, start)
    first, _, rest = replacement.partition(" ")
    if rest and before and phrase_key(before) == phrase_key(first):
        replacement = rest  # "Venezuelan" + "Venezuelan president": say it once
    owner = grammar.possessive_after(text, end)
    if owner and grammar.is_plural_phrase(replacement):
        # "the regime's" -> "the protesters'": a plural's possessive is the apostrophe alone.
        end += owner[1]
        replacement += owner[0]
    article = grammar.article_before(text, low, start)
    if article:
        begin, word, space = article
        new_article = grammar.fix_article(word, replacement)
        if new_article != word:
            if not new_article:
                # No article before a plural; its capital moves to the noun.
                space = space.lstrip()
                if word[:1].isupper():
                    replacement = replacement[:1].upper() + replacement[1:]
            start, replacement = begin, new_article + space + replacement
    return start, end, text[start:end], replacement


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
    usage: Mapping[tuple[str, str, str], int] | None = None,
    voice_factors: Mapping[str, float] | None = None,
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
        ``{(lexicon, concept, canonical): count}`` from a reference corpus
        (:func:`variant_usage`): among the allowed variants the most used one
        is chosen, so a passage is rewritten in the words the other side
        really uses.
    voice_factors : mapping, optional
        Factors per voice (defaults of :mod:`framing.scoring.scores`), for
        each change's effective weights.

    Returns
    -------
    ReframeResult

    Notes
    -----
    Only authorial and scare-quoted matches on an axis with a non-zero weight
    change. Quoted matches are left alone: they are a source's words, and
    putting other words in a source's mouth would be misquotation, not
    reframing. Where matches overlap, the leftmost, then longest, changes.
    The replacement is chosen by :func:`framing.present.reframe_choice.choose`
    (same people, same kind of word; a term with no such counterpart is left
    as it is) and fitted by :func:`_fit`.

    Raises
    ------
    ValueError
        If ``target`` is not allowed, a column is missing or a span lies
        outside ``text``.
    """
    _check(text, matches, target)
    factors = check_voice_factors(voice_factors)
    concepts: Mapping[tuple[str, str], Concept] = {
        (lexicon.name, concept.id): concept for lexicon in lexicons for concept in lexicon.concepts
    }
    # choose() ranks a concept's variants by (concept, canonical): each lexicon's counts apart.
    usage_by_lexicon: dict[str, dict[tuple[str, str], int]] = {}
    for (lexicon_name, concept_id, canonical), count in (usage or {}).items():
        usage_by_lexicon.setdefault(lexicon_name, {})[(concept_id, canonical)] = count
    candidates = []
    for row in matches.to_dict("records"):
        start, end = int(row["start"]), int(row["end"])
        if not 0 <= start < end <= len(text):
            raise ValueError(f"match span ({start}, {end}) is outside the text (length {len(text)})")
        axis = row["axis"]
        if row["voice"] not in (AUTHORIAL, SCARE_QUOTED) or axis is None or pd.isna(axis) or row["weight"] == 0:
            continue
        concept = concepts.get((row["lexicon"], row["concept"]))
        matched = _term(concept, str(row["canonical"])) if concept is not None else None
        if matched is not None:
            candidates.append((start, end, concept, matched, row["voice"], usage_by_lexicon.get(row["lexicon"])))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    pieces: list[str] = []
    changes: list[Change] = []
    pos = 0
    new_pos = 0
    for index, (start, end, concept, matched, voice, concept_usage) in enumerate(candidates):
        if start < pos:
            continue  # overlaps a change already made
        following = candidates[index + 1] if index + 1 < len(candidates) else None
        if following and following[2] is concept and not text[end:following[0]].strip():
            continue  # "imperialist interference": the head noun's change is enough
        surface = text[start:end]
        title = _is_title(text, start, end, matched)
        choice = choose(concept, matched, surface, target=target, usage=concept_usage, title=title)
        if choice is None:
            continue
        start, end, original, replacement = _fit(text, pos, start, end, matched.text, choice.wording)
        pieces.append(text[pos:start])
        new_pos += start - pos
        pieces.append(replacement)
        changes.append(Change(start, end, new_pos, new_pos + len(replacement), original, replacement,
                              concept.id, matched.weight, choice.term.weight, voice, factors[voice]))
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
