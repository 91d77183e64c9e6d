"""Distinctive terms of a corpus file: bounded-memory counts, then only each comparison's top terms.

The counts come from :func:`framing.scale.term_partials.counted_runs` (sorted
runs on disk, merged exactly), and go range by range into
:func:`framing.discover.blockwise.top_log_odds`, so that neither the full
terms x groups table nor a full table per comparison is ever built: the
log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn
2008, "Fightin' Words", *Political Analysis* 16(4), 372-403) of every term
is computed, and only the rows that can be among the top ``top`` are kept.
``top_terms(table, n <= top)`` on the result equals the same on
:func:`framing.discover.logodds.compare_groups` of the whole counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pandas as pd

from framing.importers.base import DEFAULT_MAX_TEXT_CHARS
from framing.discover.blockwise import top_log_odds
from framing.discover.logodds import check_options, comparisons
from framing.discover.term_counts import TermCounts
from framing.scale.term_partials import _check_run, counted_runs
from framing.text.boilerplate import Boilerplate
from framing.text.tokens import TokenOptions


def stream_top_terms(
    input: str | Path,
    *,
    top: int,
    by: str | None = "outlet",
    options: TokenOptions | None = None,
    group: str | None = None,
    vs: str | None = None,
    pairs: bool = False,
    prior: str = "informative",
    strength: float | None = None,
    background: TermCounts | None = None,
    min_count: int = 2,
    chunk_size: int = 1000,
    column_map: Mapping[str, str] | None = None,
    progress: bool = False,
    boilerplate: Boilerplate | None = None,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> list[pd.DataFrame]:
    """Each comparison's candidate top terms of a corpus file or folder.

    Parameters
    ----------
    input, by, options, chunk_size, column_map, progress, boilerplate, max_text_chars
        As in :func:`framing.scale.term_partials.stream_term_counts`.
    top : int
        Terms wanted per side (at least 1).
    group, vs, pairs
        Which comparisons (:func:`framing.discover.logodds.comparisons`).
    prior, strength, background, min_count
        As in :func:`framing.discover.logodds.log_odds`; terms seen fewer
        than ``min_count`` times in all are dropped in the merge, which
        cannot change a comparison (its two sides count no more).

    Returns
    -------
    list of DataFrame
        As :func:`framing.discover.blockwise.top_log_odds`.
    """
    check_options(prior, strength, min_count)
    path, options, column_map = _check_run(input, by=by, options=options, min_total=min_count,
                                           chunk_size=chunk_size, column_map=column_map,
                                           max_text_chars=max_text_chars)
    with counted_runs(path, by=by, options=options, chunk_size=chunk_size, column_map=column_map,
                      progress=progress, boilerplate=boilerplate, max_text_chars=max_text_chars) as counter:
        chosen = comparisons(list(counter.groups), group=group, vs=vs, pairs=pairs)
        vocabulary_size = None
        if prior == "uniform":  # a0 / V needs V before any z: one more pass over the runs
            vocabulary_size = sum(distinct for *_, distinct in counter.blocks(min_count))
        blocks = ((terms, matrix) for _, terms, matrix, _ in counter.blocks(min_count))
        return top_log_odds(blocks, groups=list(counter.groups), totals=counter.totals, comparisons=chosen, top=top,
                            prior=prior, strength=strength, background=background, min_count=min_count,
                            vocabulary_size=vocabulary_size)
