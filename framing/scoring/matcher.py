"""Find lexicon terms in text, with spans, sentences and voice.

:class:`TermMatcher` is built once from one or more lexicons (like spaCy's
``PhraseMatcher``) and then called on texts. All term variants of all
lexicons go into one Aho-Corasick automaton (Aho & Corasick 1975, "Efficient
string matching", CACM 18(6); the ``pyahocorasick`` implementation), run once
over the folded *key string* of the text (:mod:`framing.text.folding`). Patterns
are padded with spaces, as the key string's words are, so a term matches
whole words only: "war" never matches inside "software".

Matches that a lexicon's context rules drop (a term inside one of its ``except``
phrases, a negated term: :mod:`framing.scoring.context_rules`) are left out
before overlaps are resolved.

Where terms of one lexicon overlap ("Maduro regime" and "regime"), the
leftmost, then longest, wins. Lexicons do not compete: the same words can be
a match in each lexicon that lists them.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from typing import Iterable, NamedTuple

import ahocorasick

from framing.lexicon.model import Concept, Lexicon, Term
from framing.scoring.context_rules import ContextRules
from framing.text.quotes import AUTHORIAL, VoiceIndex
from framing.text.folding import key_text
from framing.text.phrase_keys import surface_keys


class Match(NamedTuple):
    """One occurrence of a lexicon term in a text.

    A named tuple rather than a frozen dataclass: matchers create one per
    match, and a tuple is built several times faster.

    Attributes
    ----------
    lexicon : str
        Name of the lexicon the term comes from.
    concept, concept_label : str
        The concept's id and label.
    axis : str or None
        The concept's axis id; None for a plain loaded category.
    term : str
        The words as written in the text (``text[start:end]``).
    canonical : str
        The lexicon's wording of the term.
    weight : float
        The term's weight (on the axis, or its loadedness without one).
    voice : str
        ``authorial``, ``quoted`` or ``scare_quoted`` (:mod:`framing.text.quotes`).
    start, end : int
        Span in the original text.
    sentence : str
        The sentence containing the match.
    sentence_start : int
        Offset of that sentence in the original text.
    """

    lexicon: str
    concept: str
    concept_label: str
    axis: str | None
    term: str
    canonical: str
    weight: float
    voice: str
    start: int
    end: int
    sentence: str
    sentence_start: int


class TermEntry(NamedTuple):
    """The fields of :class:`Match` that come from the lexicon, for one term of one lexicon."""

    lexicon: str
    concept: str
    concept_label: str
    axis: str | None
    canonical: str
    weight: float


def _entry(lexicon: Lexicon, concept: Concept, term: Term) -> TermEntry:
    return TermEntry(lexicon.name, concept.id, concept.label, concept.axis, term.text, term.weight)


class TermMatcher:
    """Match the terms of several lexicons in one pass over each text.

    Parameters
    ----------
    lexicons : iterable of Lexicon
        The lexicons to match; order sets the order of the output.

    Examples
    --------
    >>> from framing.lexicon.model import bundled_lexicons
    >>> matcher = TermMatcher(bundled_lexicons())
    >>> [m.canonical for m in matcher("The coup failed.") if m.lexicon == "venezuela-2019"]
    ['coup']
    """

    def __init__(self, lexicons: Iterable[Lexicon]):
        self.lexicons: tuple[Lexicon, ...] = tuple(lexicons)
        if not self.lexicons:
            raise ValueError("TermMatcher needs at least one lexicon")
        names = [lex.name for lex in self.lexicons]
        if len(set(names)) != len(names):
            raise ValueError(f"lexicon names must be distinct, got {names}")
        self._automaton = ahocorasick.Automaton()
        patterns: dict[str, dict[int, TermEntry]] = {}
        for index, lexicon in enumerate(self.lexicons):
            for concept in lexicon.concepts:
                for term in concept.terms:
                    for surface in (term.text, *term.forms):
                        for key in surface_keys(surface):
                            # First claim wins: an automatic plural never
                            # overrides a term listed in its own right.
                            patterns.setdefault(f" {key} ", {}).setdefault(index, _entry(lexicon, concept, term))
        # Explicit wordings beat automatic plurals of other terms: re-claim.
        for index, lexicon in enumerate(self.lexicons):
            for concept in lexicon.concepts:
                for term in concept.terms:
                    for surface in (term.text, *term.forms):
                        for key in surface_keys(surface, add_plural=False):
                            patterns[f" {key} "][index] = _entry(lexicon, concept, term)
        # Number the distinct entries (one per term and lexicon): spans() reports
        # them by number, so callers can build columns with one array lookup.
        numbers: dict[TermEntry, int] = {}
        for entries in patterns.values():
            for entry in entries.values():
                numbers.setdefault(entry, len(numbers))
        #: The lexicon fields of each entry number :meth:`spans` reports.
        self.entries: tuple[TermEntry, ...] = tuple(numbers)
        for pattern, entries in patterns.items():
            # The value: the offset from the automaton's end index back to the
            # first word character (past the padding space), the negated word
            # length, and the (lexicon index, entry number) pairs.
            words = len(pattern) - 2
            pairs = tuple((index, numbers[entry]) for index, entry in entries.items())
            self._automaton.add_word(pattern, (words, -words, pairs))
        self._automaton.make_automaton()
        self.pattern_count = len(patterns)
        #: The lexicons' ``except`` phrases and negation rule (:mod:`framing.scoring.context_rules`).
        self.context_rules = ContextRules(
            (numbers[entry], lexicon, concept, term)
            for lexicon in self.lexicons
            for concept in lexicon.concepts
            for term in concept.terms
            if (entry := _entry(lexicon, concept, term)) in numbers
        )

    def _candidates(self, key: str) -> list[tuple[int, int, int, int]]:
        """``(lexicon index, start, -length, entry number)`` of every pattern occurrence.

        The automaton reports the index of a pattern's last character, the
        padding space after the words; the words run over ``[start, end_index)``.
        """
        return [
            (lexicon_index, end_index - words, neg_words, number)
            for end_index, (words, neg_words, pairs) in self._automaton.iter(key)
            for lexicon_index, number in pairs
        ]

    def __call__(self, text: str, *, sentences: bool = True) -> list[Match]:
        """Return the matches in ``text``, ordered by lexicon, then position."""
        return self.match(text, sentences=sentences)

    def match(self, text: str, *, sentences: bool = True) -> list[Match]:
        """Return the matches in ``text``, ordered by lexicon, then position.

        Parameters
        ----------
        text : str
            Any text; spans in the result index this exact string.
        sentences : bool
            Find each match's sentence (the slowest step: NLTK's Punkt runs
            on every line holding a match). Without it ``sentence`` is ``""``
            and ``sentence_start`` is -1.

        Returns
        -------
        list of Match
        """
        found = self.spans(text)
        if not found:
            return []
        sentence_index = None
        if sentences:
            # Imported here: it imports NLTK (0.7 s), which scoring alone,
            # and every Dask worker doing it, never needs.
            from framing.text.sentences import SentenceIndex

            sentence_index = SentenceIndex(text)
        entries = self.entries
        matches: list[Match] = []
        for number, start, end, voice in found:
            if sentence_index is None:
                sentence, s_start = "", -1
            else:
                s_start, s_end = sentence_index.sentence_at(start)
                sentence = text[s_start:s_end]
            e = entries[number]
            matches.append(
                Match(e.lexicon, e.concept, e.concept_label, e.axis, text[start:end], e.canonical, e.weight,
                      voice, start, end, sentence, s_start)
            )
        return matches

    def spans(self, text: str) -> list[tuple[int, int, int, str]]:
        """The matches in ``text`` as ``(entry number, start, end, voice)``, in :meth:`match`'s order.

        The lean core of :meth:`match`, for callers that build columns (the
        scores): ``self.entries[number]`` holds the lexicon's fields, and no
        :class:`Match` or matched text is made.
        """
        if not text:
            return []
        keyed = key_text(text)
        candidates = self._candidates(keyed.key)
        if candidates and self.context_rules:
            candidates = self.context_rules.keep(keyed.key, candidates)
        if not candidates:
            return []
        # (lexicon, start, -length) is unique per candidate: one pattern per
        # span, one entry per lexicon.
        candidates.sort()
        voices = VoiceIndex(text)
        quote_starts, quote_max_end, voice_of = voices.starts, voices.max_end, voices.voice
        identity = keyed.is_identity
        # The anchor lists, searched inline: two method calls per match
        # would cost more than the search.
        derived, source = keyed.anchors.derived, keyed.anchors.source
        pieces = len(derived)
        has_combining = keyed.has_combining
        text_length = len(text)
        found: list[tuple[int, int, int, str]] = []
        append = found.append
        current_lexicon = -1
        taken_until = -1
        for lexicon_index, start, neg_length, number in candidates:
            if lexicon_index != current_lexicon:
                current_lexicon, taken_until = lexicon_index, -1
            if start < taken_until:
                continue  # overlaps a leftmost-longer match of the same lexicon
            end = start - neg_length
            taken_until = end
            if identity:  # the key is the text, shifted by the padding space
                o_start, o_end = start - 1, end - 1
            else:
                # As KeyText.span_to_original: key k is folded k - 1.
                piece = bisect_right(derived, start - 1) - 1
                shift = source[piece] - derived[piece]
                if piece + 1 == pieces or end - 2 < derived[piece + 1]:
                    o_start, o_end = start - 1 + shift, end - 1 + shift
                else:
                    o_start, o_end = keyed.span_to_original(start, end)
                # Keep combining accents that follow the last letter (Guaido + ´).
                while has_combining and o_end < text_length and unicodedata.combining(text[o_end]):
                    o_end += 1
            # Most matches lie outside every quotation: test that inline.
            i = bisect_right(quote_starts, o_start) - 1
            voice = AUTHORIAL if i < 0 or quote_max_end[i] < o_end else voice_of(o_start, o_end)
            append((number, o_start, o_end, voice))
        return found
