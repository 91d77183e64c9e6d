"""Lexicons as tables, for browsing (CLI ``lexicon show``, dashboard Lexicon page)."""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from framing.lexicon.model import Lexicon


def pole_of(lexicon: Lexicon, axis_id: str | None, weight: float) -> str:
    """Name the pole a weight leans to: the axis pole label, 'neutral' or 'loaded'."""
    if weight == 0:
        return "neutral"
    if axis_id is None:
        return "loaded"
    axis = lexicon.axis(axis_id)
    return axis.positive if weight > 0 else axis.negative


COLUMNS = ["lexicon", "version", "concept", "concept_label", "axis", "term", "weight", "pole", "category", "source",
           "forms", "except"]


def lexicon_terms(lexicons: Sequence[Lexicon]) -> pd.DataFrame:
    """One row per term: lexicon, version, concept, label, axis, term, weight, pole, category, source, forms, except.

    ``category`` is the term's own category, else its concept's label; ``source`` is where the
    term comes from (``own curation`` when the lexicon file names none); ``except`` lists the
    phrases in which the term is not counted (:mod:`framing.scoring.context_rules`).

    Parameters
    ----------
    lexicons : sequence of Lexicon

    Returns
    -------
    DataFrame
    """
    rows = []
    for lexicon in lexicons:
        for concept in lexicon.concepts:
            for term in concept.terms:
                rows.append(
                    {
                        "lexicon": lexicon.name,
                        "version": lexicon.version,
                        "concept": concept.id,
                        "concept_label": concept.label,
                        "axis": concept.axis or "",
                        "term": term.text,
                        "weight": term.weight,
                        "pole": pole_of(lexicon, concept.axis, term.weight),
                        "category": term.category or concept.label,
                        "source": term.source or "own curation",
                        "forms": ", ".join(term.forms),
                        "except": "; ".join(term.exceptions),
                    }
                )
    return pd.DataFrame(rows, columns=COLUMNS)
