"""Which wording replaces a matched term when a passage is reframed.

The replacement has to change the frame and nothing else: the same concept
on the other pole (or its neutral wording), about the same people, and of
the same grammatical kind. Substitution that changes the referent is not
reframing but a different claim (Entman 1993, "Framing: toward
clarification of a fractured paradigm", J. Communication 43(4): framing
selects aspects of *a perceived reality*, which must stay the same). So:

* **who is meant stays**: the names a wording carries (its capitalised
  words in the lexicon: "Maduro" in "Maduro regime", "U.S." in
  "U.S.-backed") must be the names of the replacement. "Maduro regime"
  becomes "Maduro government", never "legitimate government"; "U.S.-backed"
  is not turned into "Russia-backed", which would change who backed whom.
  When the other pole has no wording with the same names, the neutral
  wording that has them is used; when none has them, the term is left;
* **a title before a name keeps its head noun**: "opposition politician
  Leopoldo Lopez" cannot become "acting president Leopoldo Lopez";
* **the kind stays** (:func:`framing.present.reframe_grammar.word_kind`):
  a verb form is replaced by the same form of another verb, a modifier by
  a modifier, a noun by a noun, of the same number where there is one.

Among the wordings left, one of the right number that is a count noun where
the matched one is wins, then one sharing a word with the matched wording
("opposition supporters" -> "opposition members"), then the one the
reference corpus uses most (``usage``), then the weight closest to the
mirrored one, then the shorter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from framing.lexicon.model import Concept, Term
from framing.present.reframe_grammar import MASS_SUFFIXES, NOUN, is_mass_noun, is_plural_phrase, word_kind
from framing.text.phrase_keys import phrase_key

# Two capitalised words after the term: a person's name follows ("President Nicolas Maduro").
_NAME_FOLLOWS = re.compile(r"^\s+[A-Z][a-z][\w’'.-]*\s+[A-Z][a-z]")


@dataclass(frozen=True)
class Choice:
    """The chosen term and the wording of it to write (a form of the same kind)."""

    term: Term
    wording: str


def names(phrase: str) -> frozenset[str]:
    """The folded capitalised words of a lexicon wording: who it is about."""
    return frozenset(phrase_key(w) for w in re.split(r"[\s-]+", phrase.replace("'s", "").replace("’s", ""))
                     if w[:1].isupper())


def name_follows(text: str, end: int) -> bool:
    """True if a two-word name follows ``end``: the matched words are a title."""
    return bool(_NAME_FOLLOWS.match(text[end:end + 60]))


def _family(term: Term) -> tuple[str, ...]:
    return (term.text, *term.forms)


def _words(phrase: str) -> set[str]:
    return set(phrase_key(phrase).split()) - {"of", "the", "a", "an", "and"}


def _head(phrase: str) -> str:
    return phrase_key(phrase).rsplit(" ", 1)[-1]


def _wording(term: Term, kind: str, plural: bool) -> str | None:
    """The canonical text, or the listed form of ``kind``; None when the term has no such form."""
    family = _family(term)
    fitting = [f for f in family if word_kind(f, family) == kind]
    if not fitting:
        return None
    if kind == NOUN:
        # A noun of the same number where the lexicon has one.
        same = [f for f in fitting if is_plural_phrase(f) == plural]
        return (same or fitting)[0]
    return fitting[0]


def choose(
    concept: Concept,
    matched: Term,
    surface: str,
    *,
    target: str,
    usage: Mapping[tuple[str, str], int] | None = None,
    title: bool = False,
) -> Choice | None:
    """The wording to use instead of ``surface`` (a wording of ``matched``); None to leave it.

    Parameters
    ----------
    concept : Concept
        The concept of the match.
    matched : Term
        The term that matched (its weight and names are the reference).
    surface : str
        The matched words as written: their kind and number decide the form.
    target : {"opposite", "neutral"}
        ``opposite``: the other pole, falling back to the neutral wordings;
        ``neutral``: the wordings of weight 0.
    usage : mapping, optional
        ``{(concept, canonical): count}`` of the variants a reference corpus
        uses, counted for the concept's own lexicon (:func:`framing.present.reframe.reframe`
        splits :func:`~framing.present.reframe.variant_usage` by lexicon).
    title : bool
        The words stand before a person's name (see :func:`name_follows`):
        the replacement must keep their head noun.

    Returns
    -------
    Choice or None
    """
    family = _family(matched)
    kind = word_kind(surface, family)
    plural = kind == NOUN and is_plural_phrase(surface)
    who = names(matched.text)
    weight = matched.weight

    def fits(term: Term) -> str | None:
        if term.weight == weight or names(term.text) != who:
            return None
        if title and _head(term.text) != _head(matched.text):
            return None
        return _wording(term, kind, plural)

    def rank(term: Term, wording: str) -> tuple:
        used = -(usage or {}).get((concept.id, term.text), 0)
        # A plural-only wording for a singular noun reads worse ("a coup" -> "events"); a
        # singular one for a plural is re-inflected by the caller.
        # A mass noun for a plural ("protesters" -> "radical oppositions") or
        # for a count noun ("a coup" -> "an unrest") reads worse still.
        number = kind == NOUN and (
            (is_plural_phrase(wording) or (is_mass_noun(wording) and not is_mass_noun(surface))) if not plural
            else not is_plural_phrase(wording) and wording.lower().endswith(MASS_SUFFIXES))
        # A wording that shares a word with the matched one keeps more of what
        # was said ("opposition supporters" -> "opposition members", not "soldiers").
        shared = not (_words(term.text) & _words(matched.text))
        return (number, shared, used, abs(term.weight + weight), len(term.text.split()))

    pools = []
    if target == "opposite":
        pools.append([t for t in concept.terms if t.weight * weight < 0])
    pools.append([t for t in concept.terms if t.weight == 0])
    for pool in pools:
        options = [(t, w) for t in pool if (w := fits(t)) is not None]
        if options:
            term, wording = min(options, key=lambda o: rank(*o))
            return Choice(term, wording)
    return None


__all__ = ["Choice", "choose", "names", "name_follows"]
