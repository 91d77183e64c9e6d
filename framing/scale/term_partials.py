"""Term counts that combine per partition and merge: distinctive terms of any corpus.

The log-odds ratio with informative Dirichlet prior (Monroe, Colaresi &
Quinn 2008, "Fightin' Words", *Political Analysis* 16(4), 372-403; see
:mod:`framing.discover.logodds`) needs only the n-gram counts per group and the group
totals, and counts add up. So each part of a corpus (a chunk of articles, a
shard of the input) is counted by itself with
:func:`framing.discover.term_counts.count_terms` and ``min_total=1`` (every term kept),
and :func:`merge_term_counts` adds the parts: no process holds all the texts,
only one part's texts and counts whose size depends on the vocabulary.
:func:`stream_term_counts` does this chunk by chunk in this process,
:func:`framing.scale.dask_terms.dask_term_counts` shard by shard on a Dask
cluster.

**Exact.** A merge equals ``count_terms`` on all the articles: the same
terms, int64 counts, group totals, vocabulary size and group columns (in
order of first appearance, the parts taken in input order). ``min_total`` is
applied only after the last merge: a term too rare in every part may still be
common enough in total.

**Row order.** ``count_terms`` orders rows by n-gram length, then by where
the words first occurred in the articles it read, which a merge cannot know
(a part's table does not say where its words occurred). Merged tables use a
canonical order instead, the same however the corpus was cut: n-gram length,
then the term in code-point order (:func:`canonical_order`). Log-odds results
do not depend on row order (they are sorted by z, then term).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd
from tqdm import tqdm

from framing.importers.base import DEFAULT_MAX_TEXT_CHARS
from framing.scale.chunk_readers import input_kind, input_size, iter_chunks
from framing.scale.streaming import progress_bar
from framing.scale.term_runs import RunCounter
from framing.discover.term_counts import TermCounts, group_of
from framing.text.boilerplate import Boilerplate
from framing.text.tokens import TokenOptions



def _check_min_total(min_total: int) -> int:
    if isinstance(min_total, bool) or not isinstance(min_total, (int, np.integer)) or min_total < 1:
        raise ValueError(f"min_total={min_total!r} is not allowed; use an integer >= 1")
    return int(min_total)


def _check_part(part: TermCounts, first: TermCounts) -> None:
    """A part must keep every term (``min_total=1``) and match the first part's settings."""
    if not isinstance(part, TermCounts):
        raise TypeError(f"can only merge TermCounts, got {type(part).__name__}")
    # With min_total > 1 the rare terms are gone, and their sums could not be exact.
    if part.min_total != 1 or part.vocabulary_size != len(part.table):
        raise ValueError(f"parts must be counted with min_total=1 (every term kept), got min_total={part.min_total}")
    if part.by != first.by:
        raise ValueError(f"parts grouped by different fields: {first.by!r} and {part.by!r}")
    if part.options != first.options:
        raise ValueError(f"parts counted with different token options: {first.options} and {part.options}")


def _combine(parts: Sequence[TermCounts]) -> TermCounts:
    """Sum parts (each with every term) into one; rows in order of first appearance."""
    if len(parts) == 1:
        return parts[0]
    groups = list(dict.fromkeys(g for part in parts for g in part.table.columns))
    column = {g: j for j, g in enumerate(groups)}
    terms = pd.Index(
        pd.unique(np.concatenate([part.table.index.to_numpy(dtype=object) for part in parts])), dtype=object
    )
    matrix = np.zeros((len(terms), len(groups)), dtype=np.int64)
    totals = np.zeros(len(groups), dtype=np.int64)
    for part in parts:
        rows = terms.get_indexer(part.table.index)
        columns = [column[g] for g in part.table.columns]
        # Rows are unique within a part, so the fancy-indexed += adds each cell once.
        matrix[np.ix_(rows, columns)] += part.table.to_numpy(dtype=np.int64)
        totals[[column[g] for g in part.totals.index]] += part.totals.to_numpy(dtype=np.int64)
    return TermCounts(
        table=pd.DataFrame(matrix, index=pd.Index(terms, name="term", dtype=object), columns=groups),
        totals=pd.Series(totals, index=groups, name="total"),
        vocabulary_size=len(terms),
        by=parts[0].by,
        options=parts[0].options,
        min_total=1,
    )


def _merge_lazily(parts: Iterable[TermCounts | None]) -> TermCounts | None:
    """Merge parts as they come, like a binary counter (None parts are skipped).

    Merging each new part into one running total would re-read the whole
    vocabulary for every part; merging equal-sized runs instead reads each
    term about log2(parts) times and holds at most log2(parts) runs.
    """
    runs: list[tuple[int, TermCounts]] = []
    first: TermCounts | None = None
    for part in parts:
        if part is None:
            continue
        if first is None:
            first = part
        _check_part(part, first)
        level = 0
        while runs and runs[-1][0] == level:
            part = _combine([runs.pop()[1], part])  # the earlier run first: group order is input order
            level += 1
        runs.append((level, part))
    return _combine([run for _, run in runs]) if runs else None


def _sorted_rows(table: pd.DataFrame) -> np.ndarray:
    """Row positions in canonical order: n-gram length, then term (code points)."""
    terms = table.index.to_numpy(dtype=object)
    # Words never hold spaces (framing.text.tokens), so spaces + 1 is the n-gram length.
    lengths = np.fromiter((t.count(" ") for t in terms), dtype=np.int64, count=len(terms))
    by_term = np.argsort(terms, kind="stable")
    return by_term[np.argsort(lengths[by_term], kind="stable")]


def _finish(counts: TermCounts | None, min_total: int) -> TermCounts | None:
    """Canonical row order, then the ``min_total`` cut (only now: see the module docstring)."""
    if counts is None:
        return None
    order = _sorted_rows(counts.table)
    matrix = counts.table.to_numpy(dtype=np.int64)[order]
    keep = matrix.sum(axis=1) >= min_total
    terms = counts.table.index.to_numpy(dtype=object)[order][keep]
    table = pd.DataFrame(matrix[keep], index=pd.Index(terms, name="term", dtype=object),
                         columns=list(counts.table.columns))
    return replace(counts, table=table, min_total=min_total)


def merge_term_counts(parts: Iterable[TermCounts], *, min_total: int = 1) -> TermCounts:
    """Merge the term counts of parts of a corpus into the counts of the whole.

    Parameters
    ----------
    parts : iterable of TermCounts
        From :func:`framing.discover.term_counts.count_terms` with ``min_total=1``, the
        same ``by`` and the same token options, in input order. Consumed
        lazily: a generator of parts is merged as it goes.
    min_total : int
        Keep only terms counted at least this often in the merged counts.

    Returns
    -------
    TermCounts
        Equal to ``canonical_order(count_terms(all articles, min_total=min_total))``:
        the counts feeding the log-odds ratio of Monroe, Colaresi & Quinn
        (2008), rows in canonical order (see the module docstring).

    Raises
    ------
    ValueError
        For no parts, a part counted with ``min_total`` above 1, parts with
        different ``by`` or token options, or a bad ``min_total``.
    TypeError
        For a part that is not a :class:`~framing.discover.term_counts.TermCounts`.
    """
    min_total = _check_min_total(min_total)
    merged = _finish(_merge_lazily(parts), min_total)
    if merged is None:
        raise ValueError("no term counts to merge")
    return merged


def canonical_order(counts: TermCounts) -> TermCounts:
    """The same counts with rows in canonical order (n-gram length, then term).

    The order of merged counts (:func:`merge_term_counts`); use it to compare
    them with :func:`framing.discover.term_counts.count_terms` on the whole corpus.
    """
    return replace(counts, table=counts.table.iloc[_sorted_rows(counts.table)])


def _check_run(
    input: str | Path,
    *,
    by: str | None,
    options: TokenOptions | None,
    min_total: int,
    chunk_size: int,
    column_map: Mapping[str, str] | None,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> tuple[Path, TokenOptions, dict[str, str]]:
    """Validate a counting run before any long work (ValueError naming the bad value).

    Reads the input's first article, so that an unknown ``by`` field or
    column fails at once rather than in the middle of a run or on a worker.
    """
    if by is not None and not isinstance(by, str):
        raise ValueError(f"by={by!r} is not allowed; use a field name such as 'outlet' or 'alignment', or None")
    if options is not None and not isinstance(options, TokenOptions):
        raise ValueError(f"options must be a framing.text.tokens.TokenOptions, got {type(options).__name__}")
    _check_min_total(min_total)
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size={chunk_size!r} is not allowed; use a positive integer")
    path = Path(input)
    input_kind(path)
    column_map = dict(column_map or {})
    chunks = iter_chunks(path, chunk_size=1, column_map=column_map, max_text_chars=max_text_chars)
    try:
        first = next(chunks, None)
    finally:
        chunks.close()  # closes the file now, not when the generator is collected
    if first is None:
        raise ValueError(f"{path}: no articles to count (no row has a text)")
    group_of(first.articles[0], by)
    return path, options or TokenOptions(), column_map


def _progress(total: int, enabled: bool) -> tqdm:
    return progress_bar(total, 0, enabled, desc="counting")


def stream_term_counts(
    input: str | Path,
    *,
    by: str | None = "outlet",
    options: TokenOptions | None = None,
    min_total: int = 1,
    chunk_size: int = 1000,
    column_map: Mapping[str, str] | None = None,
    progress: bool = False,
    boilerplate: Boilerplate | None = None,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> TermCounts:
    """Count the n-grams of each group of a corpus file or folder, chunk by chunk.

    Memory holds one chunk of texts, a bounded buffer of n-gram codes and
    the vocabulary of words: the counts go to sorted runs on disk, merged
    exactly at the end (:class:`framing.scale.term_runs.RunCounter`).

    Parameters
    ----------
    input : str or Path
        JSON Lines, CSV/TSV or Parquet file, or a folder of ``.txt`` files
        (see :func:`framing.scale.chunk_readers.iter_chunks`).
    by : str or None
        Grouping field, as in :func:`framing.discover.term_counts.count_terms`.
    options : TokenOptions, optional
        N-gram range, stopwords and apostrophes.
    min_total : int
        Keep only terms counted at least this often over the whole corpus.
    chunk_size : int
        Articles held in memory at once.
    column_map : mapping, optional
        Field -> column name for tabular inputs.
    progress : bool
        Show a progress bar (input bytes) on stderr.
    boilerplate : Boilerplate, optional
        Remove it from each article's text before counting
        (:func:`framing.scale.boilerplate_pass.stream_boilerplate`).
    max_text_chars : int
        Longest text accepted per article (default 2,000,000); a longer one
        stops the run with a one-line error naming its row.

    Returns
    -------
    TermCounts
        Equal to ``count_terms`` on all the articles, rows in canonical
        order (see :func:`merge_term_counts`); the input of the log-odds
        ratio of Monroe, Colaresi & Quinn (2008), :func:`framing.discover.logodds.compare_groups`.

    Raises
    ------
    ValueError
        For a bad option, an unknown grouping field, an input without
        articles or an unreadable row.
    """
    path, options, column_map = _check_run(input, by=by, options=options, min_total=min_total,
                                           chunk_size=chunk_size, column_map=column_map,
                                           max_text_chars=max_text_chars)
    with counted_runs(path, by=by, options=options, chunk_size=chunk_size, column_map=column_map,
                      progress=progress, boilerplate=boilerplate, max_text_chars=max_text_chars) as counter:
        return counter.term_counts(min_total)


@contextmanager
def counted_runs(
    path: Path, *, by: str | None, options: TokenOptions, chunk_size: int, column_map: Mapping[str, str],
    progress: bool, boilerplate: Boilerplate | None = None, max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> Iterator[RunCounter]:
    """A :class:`~framing.scale.term_runs.RunCounter` that has counted every chunk of ``path``.

    Check the input first (:func:`_check_run`); the runs are removed on exit. With
    ``boilerplate``, each chunk's texts are cleaned of it before they are counted.
    """
    with RunCounter(by=by, options=options) as counter, _progress(input_size(path), progress) as bar:
        position = 0
        for chunk in iter_chunks(path, chunk_size=chunk_size, column_map=column_map, max_text_chars=max_text_chars):
            counter.add_articles(chunk.articles if boilerplate is None else boilerplate.clean(chunk.articles))
            bar.update(chunk.position - position)
            position = chunk.position
        if not counter.groups:
            raise ValueError(f"{path}: no articles to count (no row has a text)")
        yield counter
