"""Context rules: where a word list alone is wrong about a match.

A lexicon term matches wherever its words occur; two rules drop the matches a reader
would not call loaded. Both work on the folded key string the matcher searches
(:mod:`framing.text.folding`: lower case, words separated by spaces), so they see
exactly the words the term matched.

* ``except`` phrases of a term (:class:`framing.lexicon.term.Term`): the term inside an
  occurrence of one is a different, plain sense ("critical condition", "riot police",
  "free radicals"). Found with one Aho-Corasick automaton of all the phrases (Aho &
  Corasick 1975, as the matcher), run only on texts with a candidate that has phrases.
* ``negation`` (a lexicon's ``[context_rules]``, for the categories it lists): a term one
  or two words after a negation cue ("not racist", "no arrests", "didn't claim") is
  denied rather than asserted; punctuation between cue and term ends the cue's reach. The cues are those of NegEx's pre-negation triggers that
  stand alone (Chapman et al. 2001, "A simple algorithm for identifying negated findings
  and diseases in discharge summaries", J Biomed Inform 34(5)), with the window kept
  short as NegEx's scope is.

A loaded word inside a direct quotation is the source's, not the outlet's: that rule is
the voice of each match (:mod:`framing.text.quotes`), not a filter here.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import ahocorasick

from framing.lexicon.model import Concept, Lexicon, Term
from framing.text.phrase_keys import surface_keys

#: Words that negate what follows ("t" is the folded end of "don't", "isn't", "wasn't").
NEGATION_CUES = frozenset({"not", "no", "never", "t", "without", "nor", "neither", "cannot"})
#: How many words before a term a cue may stand ("not a racist", "not very brutal").
NEGATION_WINDOW = 2


def applies_to(lexicon: Lexicon, concept: Concept, term: Term, rule: str) -> bool:
    """Whether a lexicon's context rule covers a term: its category, concept id or concept label is listed."""
    listed = lexicon.context_rule(rule)
    return bool(listed) and (term.category in listed or concept.id in listed or concept.label in listed)


class ContextRules:
    """The context rules of a matcher's terms, by the matcher's entry numbers.

    Parameters
    ----------
    terms : iterable of (int, Lexicon, Concept, Term)
        Each term with the entry number the matcher gave it.
    """

    def __init__(self, terms: Iterable[tuple[int, Lexicon, Concept, Term]]):
        self.negated: frozenset[int] = frozenset()
        negated: set[int] = set()
        phrases: dict[str, set[int]] = {}
        for number, lexicon, concept, term in terms:
            if term.weight != 0 and applies_to(lexicon, concept, term, "negation"):
                negated.add(number)
            for phrase in term.exceptions:
                for key in surface_keys(phrase):  # "violent crimes" as well as "violent crime"
                    phrases.setdefault(f" {key} ", set()).add(number)
        self.negated = frozenset(negated)
        self.excepted: frozenset[int] = frozenset(n for numbers in phrases.values() for n in numbers)
        self._automaton = None
        if phrases:
            self._automaton = ahocorasick.Automaton()
            for pattern, numbers in phrases.items():
                self._automaton.add_word(pattern, (len(pattern), frozenset(numbers)))
            self._automaton.make_automaton()

    def __bool__(self) -> bool:
        return bool(self.negated or self.excepted)

    def keep(self, key: str, candidates: Sequence[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
        """The candidates no rule drops.

        Parameters
        ----------
        key : str
            The key string the candidates were found in.
        candidates : sequence of (lexicon index, start, -length, entry number)
            As :meth:`framing.scoring.matcher.TermMatcher._candidates` returns them.

        Returns
        -------
        list
            The kept candidates, in their order.
        """
        relevant = [c for c in candidates if c[3] in self.negated or c[3] in self.excepted]
        if not relevant:
            return list(candidates)
        spans = self._exception_spans(key) if any(c[3] in self.excepted for c in relevant) else {}
        dropped = set()
        for candidate in relevant:
            _, start, neg_length, number = candidate
            end = start - neg_length
            if number in self.negated and self._negated(key, start):
                dropped.add(candidate)
            elif any(s <= start and end <= e for s, e in spans.get(number, ())):
                dropped.add(candidate)
        return [c for c in candidates if c not in dropped]

    def _exception_spans(self, key: str) -> dict[int, list[tuple[int, int]]]:
        """Entry number -> word spans ``[start, end)`` of its except phrases in ``key``."""
        spans: dict[int, list[tuple[int, int]]] = {}
        if self._automaton is None:
            return spans
        for end_index, (length, numbers) in self._automaton.iter(key):
            # The pattern runs over [end_index - length + 1, end_index], padding spaces included.
            span = (end_index - length + 2, end_index)
            for number in numbers:
                spans.setdefault(number, []).append(span)
        return spans

    @staticmethod
    def _negated(key: str, start: int) -> bool:
        # Punctuation folds to an extra space: a cue before a comma, colon or full stop
        # ("No: a radical plan") belongs to another clause.
        clause = key[max(0, start - 60):start].rpartition("  ")[2]
        return any(word in NEGATION_CUES for word in clause.split()[-NEGATION_WINDOW:])
