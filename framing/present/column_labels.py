"""Readable names for the columns of score tables, for people rather than programs.

The CSV and JSON outputs keep their stable ids (``score_gov_opp``,
``concept:venezuela-2019/events``), which scripts rely on; tables shown to a
class use :func:`column_labels` instead: "Score: Venezuelan crisis, 2019",
"Mentions: The events of 30 April". The concept and axis names come from the
lexicons, so a user's own lexicon gets readable columns too.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from framing.lexicon.model import Lexicon

#: Fixed columns of :func:`framing.scoring.scores.outlet_scores`, ``article_scores`` and ``match_table``.
FIXED_LABELS = {
    "outlet": "Outlet", "article": "Article", "alignment": "Alignment", "title": "Title", "date": "Date",
    "articles": "Articles", "words": "Words", "matches": "Matches", "loaded": "Loaded terms",
    "loaded_authorial": "Loaded terms, own voice", "loaded_per_1000": "Loaded per 1,000 words",
    "loaded_authorial_per_1000": "Loaded per 1,000 words, own voice", "authorial": "Authorial",
    "quoted": "Quoted", "scare_quoted": "Scare-quoted", "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade", "term": "Term", "canonical": "Wording",
    "weight": "Weight", "voice": "Voice", "effective_weight": "Counts as", "concept_label": "Concept",
    "concept": "Concept id", "lexicon": "Lexicon", "sentence": "Sentence", "measure": "Measure",
    "estimate": "Estimate", "low": "Low", "high": "High", "method": "Method", "n_units": "Units",
    "n_resamples": "Resamples",
}


def _names(lexicons: Sequence[Lexicon]) -> tuple[dict[str, str], dict[str, str]]:
    axes = {a.id: a.label for lex in lexicons for a in lex.axes}
    concepts = {f"{lex.name}/{c.id}": c.label for lex in lexicons for c in lex.concepts}
    return axes, concepts


def column_label(column: str, lexicons: Sequence[Lexicon] = ()) -> str:
    """A readable name for one score-table column (the id itself when nothing better is known)."""
    if column in FIXED_LABELS:
        return FIXED_LABELS[column]
    axes, concepts = _names(lexicons)
    for prefix, label in (("concept:", "Mentions"), ("prefers:", "Preferred wording")):
        if column.startswith(prefix):
            key = column[len(prefix):]
            lexicon = key.split("/", 1)[0]
            return f"{label}: {concepts.get(key, key.split('/', 1)[-1])} ({lexicon})"
    for prefix, label in (("score_", "Score"), ("n_", "n")):
        if column.startswith(prefix) and column[len(prefix):] in axes:
            return f"{label}: {axes[column[len(prefix):]]}"
    return column


def column_labels(columns: Iterable[str], lexicons: Sequence[Lexicon] = ()) -> dict[str, str]:
    """``{column: readable name}``, the names made unique (two lexicons may share an axis label)."""
    labels: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        label = column_label(str(column), lexicons)
        if label in taken:
            label = f"{label} [{column}]"
        taken.add(label)
        labels[str(column)] = label
    return labels
