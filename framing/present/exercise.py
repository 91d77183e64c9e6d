"""Spot the frame: a passage as selectable words, and a student's picks scored against the lexicon.

The student sees the words of a passage without any highlight and picks
those they find loaded; the answer is the lexicon's matches of non-zero
weight in the passage (neutral reference wordings are not loaded). A match
is a **hit** when at least one of its words was picked (picking "regime" of
"Maduro regime" finds the term), a **miss** when none was; every picked
word inside no loaded match is an **extra pick**. This is the usual
precision/recall reading of a span-finding task, at the level of terms for
recall and of words for precision (cf. the partial-match scheme of the
SemEval-2013 task 9 evaluation, Segura-Bedmar et al. 2013).

Words are found by one regular expression (letters and digits, with inner
apostrophes and hyphens), which keeps each word's span in the passage, so
picks and match spans can be compared by offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import pandas as pd

#: A word: letters or digits, with apostrophes or hyphens inside (Guaidó's, self-proclaimed).
WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")


@dataclass(frozen=True)
class Word:
    """One selectable word of a passage: its number, text and span."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class AnswerTerm:
    """One loaded term of the answer: the words it spans and what the lexicon says of it."""

    words: tuple[int, ...]
    text: str
    canonical: str
    concept_label: str
    weight: float
    effective_weight: float
    voice: str
    axis: str | None


@dataclass(frozen=True)
class ExerciseResult:
    """A scored attempt: the answer's terms split into hits and misses, and the extra picks."""

    hits: list[AnswerTerm] = field(default_factory=list)
    misses: list[AnswerTerm] = field(default_factory=list)
    extra: list[Word] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """``{"hits": ..., "misses": ..., "extra picks": ...}``."""
        return {"hits": len(self.hits), "misses": len(self.misses), "extra picks": len(self.extra)}


def words(text: str) -> list[Word]:
    """The selectable words of a passage, in order, with their spans."""
    return [Word(i, m.group(0), m.start(), m.end()) for i, m in enumerate(WORD.finditer(text))]


def answer_terms(text: str, matches: pd.DataFrame) -> list[AnswerTerm]:
    """The loaded terms of a passage (matches of non-zero weight), one per span.

    ``matches`` has offsets in ``text`` (:func:`framing.present.passages.passage_matches`).
    Overlapping matches are one term, as they are one mark when highlighted
    (the same words in two lexicons, "regime" inside "Maduro regime"): the
    match on an axis is kept, then the longest.
    """
    found = words(text)
    loaded = matches[matches["weight"] != 0] if not matches.empty else matches
    terms: dict[tuple[int, ...], AnswerTerm] = {}
    rows = sorted(loaded.to_dict("records"),
                  key=lambda r: (pd.isna(r["axis"]) or r["axis"] == "", r["start"] - r["end"], r["start"]))
    taken: set[int] = set()
    for row in rows:
        covered = tuple(w.index for w in found if w.start < row["end"] and w.end > row["start"])
        if not covered or taken & set(covered):
            continue
        taken.update(covered)
        axis = row["axis"]
        terms[covered] = AnswerTerm(
            words=covered, text=text[int(row["start"]):int(row["end"])], canonical=row["canonical"],
            concept_label=row["concept_label"], weight=float(row["weight"]),
            effective_weight=float(row.get("effective_weight", row["weight"])), voice=row["voice"],
            axis=None if axis is None or pd.isna(axis) or axis == "" else str(axis),
        )
    return sorted(terms.values(), key=lambda t: t.words)


def score_picks(text: str, matches: pd.DataFrame, picked: Iterable[int]) -> ExerciseResult:
    """Score the picked word numbers against the passage's loaded terms.

    Raises
    ------
    ValueError
        If a picked number is not a word of the passage.
    """
    found = words(text)
    chosen = set()
    for index in picked:
        if not isinstance(index, int) or not 0 <= index < len(found):
            raise ValueError(f"picked word {index!r} is not a word of the passage (0 to {len(found) - 1})")
        chosen.add(index)
    terms = answer_terms(text, matches)
    in_terms = {i for t in terms for i in t.words}
    return ExerciseResult(
        hits=[t for t in terms if chosen & set(t.words)],
        misses=[t for t in terms if not chosen & set(t.words)],
        extra=[found[i] for i in sorted(chosen - in_terms)],
    )

