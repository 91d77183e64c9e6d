"""Candidate wordings for suggested concepts: terms and phrases, with each group's preference.

Two groups' n-gram counts (:func:`framing.discover.term_counts.count_terms`)
give each term the z-score of the log-odds ratio with informative Dirichlet
prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", *Political
Analysis* 16(4), 372-403; :func:`framing.discover.logodds.log_odds`):
positive z, the ``positive`` group prefers it; negative, the ``negative``
group. The candidates are the most frequent terms of the two groups (the
pool neutral wordings come from) plus the most distinctive of each side,
less fragments (a trigram with a stopword inside) and house style
(honorifics, abbreviations and single letters: "Mr.", "Sen.", "Oct.").

A phrase's parts are not separate wordings: "care act" almost always
occurs inside "affordable care act". :func:`drop_nested` keeps the longer
phrase and drops a shorter one that occurs mostly inside it (the
"c-value" idea of nested terms, Frantzi, Ananiadou & Mima 2000, "Automatic
recognition of multi-word terms", *International Journal on Digital
Libraries* 3(2)).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.discover.logodds import log_odds
from framing.discover.term_counts import TermCounts
from framing.text.sentences import NEWS_ABBREVIATIONS
from framing.text.tokens import stopwords_en

#: A shorter term is dropped when a longer candidate holding it has at least this share of its count.
NESTED_SHARE = 0.6


def _contains(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


def drop_nested(table: pd.DataFrame, *, share: float = NESTED_SHARE) -> pd.DataFrame:
    """Drop terms that occur mostly inside a longer candidate term.

    Parameters
    ----------
    table : DataFrame
        With columns ``term`` and ``total`` (count in both groups).
    share : float
        A term is dropped when a longer term containing it has at least
        ``share`` of its count.
    """
    totals = dict(zip(table["term"], table["total"]))
    by_words: dict[str, list[str]] = {}
    for term in totals:
        for word in set(term.split()):
            by_words.setdefault(word, []).append(term)
    keep = []
    for term, total in totals.items():
        n = term.count(" ") + 1
        first = term.split()[0]
        swallowed = any(
            other.count(" ") + 1 > n and totals[other] >= share * total and _contains(other, term)
            for other in by_words.get(first, ())
        )
        keep.append(not swallowed)
    return table[np.array(keep, dtype=bool)].reset_index(drop=True)


def candidate_terms(
    counts: TermCounts, negative: str, positive: str, *, frequent: int = 3000, distinctive: int = 300,
    min_count: int = 5,
) -> pd.DataFrame:
    """Terms that may be wordings of a concept, with each group's count and z.

    Parameters
    ----------
    counts : TermCounts
        Counts of at least the two groups.
    negative, positive : str
        The groups: positive z = preferred by ``positive``.
    frequent : int
        Most frequent terms (both groups together) to include.
    distinctive : int
        Most distinctive terms of each side to include.
    min_count : int
        Leave out terms seen fewer times in the two groups.

    Returns
    -------
    DataFrame
        Columns ``term, count_neg, count_pos, total, z``, by total descending.
    """
    result = log_odds(counts, positive, negative, min_count=min_count)
    table = pd.DataFrame({
        "term": result["term"], "count_neg": result["count_b"], "count_pos": result["count_a"],
        "total": result["count_a"] + result["count_b"], "z": result["z"],
    })
    table = table[table["term"].str.contains(r"[^\W\d_]", regex=True)]  # words, not bare numbers
    # "repeal the estate": a trigram with a stopword inside is a fragment of a longer
    # phrase, not a wording (its two-word parts are candidates themselves).
    stop = counts.options.stopwords() or stopwords_en()
    middle = table["term"].str.split().map(lambda words: len(words) == 3 and words[1] in stop)
    table = table[~middle.astype(bool)]
    # House style, not wording: honorifics and abbreviations ("Mr.", "Sen.", "Oct.", and
    # phrases they open: "Mr. Trump") and single letters ("R-Texas") mark an outlet's
    # style guide, and sit beside any name.
    style = table["term"].map(lambda t: t.split()[0] in NEWS_ABBREVIATIONS or len(t) == 1)
    table = table[~style.astype(bool)]
    chosen = set(table.nlargest(frequent, "total")["term"])
    chosen |= set(table.nlargest(distinctive, "z")["term"]) | set(table.nsmallest(distinctive, "z")["term"])
    table = table[table["term"].isin(chosen)].sort_values(["total", "term"], ascending=[False, True])
    return drop_nested(table.reset_index(drop=True))
