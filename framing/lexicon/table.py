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


def lexicon_terms(lexicons: Sequence[Lexicon]) -> pd.DataFrame:
    """One row per term: lexicon, version, concept, label, axis, term, weight, pole, forms.

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
                        "forms": ", ".join(term.forms),
                    }
                )
    return pd.DataFrame(
        rows, columns=["lexicon", "version", "concept", "concept_label", "axis", "term", "weight", "pole", "forms"]
    )
