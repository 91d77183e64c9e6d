"""Suggested concepts (:mod:`framing.discover.suggest`) as a draft lexicon's TOML text.

Each term's comment gives its evidence: the counts in each group, the
z-score of the log-odds ratio with informative Dirichlet prior (Monroe,
Colaresi & Quinn 2008), its context similarity to the concept's first term,
and one short example sentence from each group's articles.
"""

from __future__ import annotations

import re
from typing import Sequence

from framing.discover.suggest import NEUTRAL_Z, Z_SCALE, SuggestedConcept
from framing.lexicon.draft import DraftConcept, DraftTerm, draft_toml


def _evidence(term, negative: str, positive: str) -> tuple[str, ...]:
    side = "neutral" if term.weight == 0 else f"favours {positive if term.weight > 0 else negative}"
    lines = [f"{side} | count {negative} {term.count_neg}, {positive} {term.count_pos} | z {term.z:+.2f} | "
             f"context similarity {term.similarity:.2f}"]
    if term.example_neg:
        lines.append(f"e.g. {negative}: {term.example_neg}")
    if term.example_pos:
        lines.append(f"e.g. {positive}: {term.example_pos}")
    return tuple(lines)


def suggestion_toml(
    concepts: Sequence[SuggestedConcept], *, by: str, negative: str, positive: str, name: str, source: str,
) -> str:
    """The draft lexicon of suggested concepts, ranked as given.

    Parameters
    ----------
    concepts : sequence of SuggestedConcept
    by, negative, positive : str
        The grouping field and the groups at the -1 and +1 poles.
    name : str
        The lexicon's name.
    source : str
        What corpus the suggestions come from (for the header).
    """
    axis_id = re.sub(r"[^a-z0-9]+", "_", f"{negative}_{positive}".lower()).strip("_") or "axis"
    drafts = [
        DraftConcept(
            id=c.id, label=c.label,
            comments=(f"rank {rank}: divides the groups by {c.score:.2f} (z of the choice between its wordings "
                      "x their context similarity)",),
            terms=tuple(DraftTerm(t.term, t.weight, _evidence(t, negative, positive)) for t in c.terms),
        )
        for rank, c in enumerate(concepts, 1)
    ]
    header = (
        f"Draft lexicon suggested by `framing lexicon suggest` from {source}, by {by}: {negative} vs {positive}.",
        "Review every concept: keep the wordings that name the same thing, delete the rest, rename, reweigh.",
        f"weight = tanh(z / {Z_SCALE:g}), z of the log-odds ratio with informative Dirichlet prior "
        "(Monroe, Colaresi & Quinn 2008);",
        f"|z| < {NEUTRAL_Z} (5 % level): neutral, 0. Substitutes: PPMI context vectors reduced with SVD "
        "(Levy, Goldberg & Dagan 2015).",
    )
    return draft_toml(
        name=name, description=f"Suggested concepts of {source}: wordings {negative} and {positive} choose "
        f"differently (grouped by {by}). A draft to review.",
        axis_id=axis_id, axis_label=f"{negative} vs {positive} usage",
        negative=f"{negative} usage", positive=f"{positive} usage", concepts=drafts, header=header,
    )
