"""Term counts that combine per partition and merge: distinctive terms of any corpus.

The log-odds ratio with informative Dirichlet prior (Monroe, Colaresi &
Quinn 2008, "Fightin' Words", *Political Analysis* 16(4), 372-403; see
:mod:`framing.logodds`) needs only the n-gram counts per group and the group
totals, and counts add up. So each part of a corpus (a chunk of articles, a
shard of the input) is counted by itself with
:func:`framing.termcounts.count_terms` and ``min_total=1`` (every term kept),
and :func:`merge_term_counts` adds the parts: no process holds all the texts,
only one part's texts and counts whose size depends on the vocabulary.
:func:`stream_term_counts` does this chunk by chunk in this process,
:func:`dask_term_counts` shard by shard on a Dask cluster, merging on the
workers in a tree so that only the final counts travel to the client.

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

from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd
from tqdm import tqdm

from framing.chunk_readers import (
    Shard, csv_to_jsonl, input_kind, input_size, iter_chunks, iter_shard_chunks, plan_shards,
)
from framing.streaming import progress_bar
from framing.termcounts import TermCounts, count_terms, group_of
from framing.tokens import TokenOptions

#: Input bytes per Dask task: as for scoring (:data:`framing.dask_engine.DEFAULT_SHARD_BYTES`),
#: about 2 s of counting per task on one core.
DEFAULT_SHARD_BYTES = 8_000_000
#: Partial counts merged by one task of the Dask tree: a merge costs time linear
#: in its inputs, so fewer levels are cheaper, but a task holds all its inputs.
SPLIT_EVERY = 4


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
    # Words never hold spaces (framing.tokens), so spaces + 1 is the n-gram length.
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
        From :func:`framing.termcounts.count_terms` with ``min_total=1``, the
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
        For a part that is not a :class:`~framing.termcounts.TermCounts`.
    """
    min_total = _check_min_total(min_total)
    merged = _finish(_merge_lazily(parts), min_total)
    if merged is None:
        raise ValueError("no term counts to merge")
    return merged


def canonical_order(counts: TermCounts) -> TermCounts:
    """The same counts with rows in canonical order (n-gram length, then term).

    The order of merged counts (:func:`merge_term_counts`); use it to compare
    them with :func:`framing.termcounts.count_terms` on the whole corpus.
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
) -> tuple[Path, TokenOptions, dict[str, str]]:
    """Validate a counting run before any long work (ValueError naming the bad value).

    Reads the input's first article, so that an unknown ``by`` field or
    column fails at once rather than in the middle of a run or on a worker.
    """
    if by is not None and not isinstance(by, str):
        raise ValueError(f"by={by!r} is not allowed; use a field name such as 'outlet' or 'alignment', or None")
    if options is not None and not isinstance(options, TokenOptions):
        raise ValueError(f"options must be a framing.tokens.TokenOptions, got {type(options).__name__}")
    _check_min_total(min_total)
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size={chunk_size!r} is not allowed; use a positive integer")
    path = Path(input)
    input_kind(path)
    column_map = dict(column_map or {})
    chunks = iter_chunks(path, chunk_size=1, column_map=column_map)
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
) -> TermCounts:
    """Count the n-grams of each group of a corpus file or folder, chunk by chunk.

    Memory holds one chunk of texts and the partial counts, whose size
    depends on the vocabulary, not on the number of articles.

    Parameters
    ----------
    input : str or Path
        JSON Lines, CSV/TSV or Parquet file, or a folder of ``.txt`` files
        (see :func:`framing.chunk_readers.iter_chunks`).
    by : str or None
        Grouping field, as in :func:`framing.termcounts.count_terms`.
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

    Returns
    -------
    TermCounts
        Equal to ``count_terms`` on all the articles, rows in canonical
        order (see :func:`merge_term_counts`); the input of the log-odds
        ratio of Monroe, Colaresi & Quinn (2008), :func:`framing.logodds.compare_groups`.

    Raises
    ------
    ValueError
        For a bad option, an unknown grouping field, an input without
        articles or an unreadable row.
    """
    path, options, column_map = _check_run(input, by=by, options=options, min_total=min_total,
                                           chunk_size=chunk_size, column_map=column_map)

    def parts() -> Iterator[TermCounts]:
        with _progress(input_size(path), progress) as bar:
            position = 0
            for chunk in iter_chunks(path, chunk_size=chunk_size, column_map=column_map):
                yield count_terms(chunk.articles, by=by, options=options, min_total=1)
                bar.update(chunk.position - position)
                position = chunk.position

    return merge_term_counts(parts(), min_total=min_total)


def count_shard(
    shard: Shard, *, by: str | None, options: TokenOptions, chunk_size: int, column_map: Mapping[str, str]
) -> TermCounts | None:
    """Count one shard chunk by chunk (runs on a worker); None for a shard without articles.

    Rows are not put in canonical order: only the final merge is sorted.
    """
    return _merge_lazily(
        count_terms(chunk.articles, by=by, options=options, min_total=1)
        for chunk in iter_shard_chunks(shard, chunk_size=chunk_size, column_map=column_map)
    )


def _combine_present(*parts: TermCounts | None) -> TermCounts | None:
    """One node of the Dask merge tree: the sum of the parts that have articles."""
    present = [p for p in parts if p is not None]
    return _combine(present) if present else None


def dask_term_counts(
    input: str | Path,
    *,
    by: str | None = "outlet",
    options: TokenOptions | None = None,
    min_total: int = 1,
    chunk_size: int = 1000,
    column_map: Mapping[str, str] | None = None,
    scheduler: str | None = None,
    n_workers: int = 2,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    progress: bool = False,
) -> TermCounts:
    """Count the n-grams of each group of a corpus on a Dask cluster.

    Each task reads one shard of the input (byte ranges of a JSON Lines file
    cut at line ends, row groups of a Parquet file, runs of a folder's files)
    and returns only its counts; the counts are merged on the workers in a
    tree of :data:`SPLIT_EVERY`-way merges, in shard order, and cut to
    ``min_total`` there, so the client receives only the final counts. The
    result equals :func:`stream_term_counts` on the same input.

    Parameters
    ----------
    input, by, options, min_total, chunk_size, column_map, progress
        As in :func:`stream_term_counts`; ``progress`` counts finished shards.
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``); the workers must
        see the input at the same path. Without one, a ``LocalCluster`` of
        ``n_workers`` single-threaded worker processes is started for the run.
    n_workers : int
        Workers of the local cluster, or of the scheduler's cluster: the input
        is cut into at least ``2 * n_workers`` shards, a multiple of ``n_workers``.
    shard_bytes : int
        Input bytes per task.

    Returns
    -------
    TermCounts
        As :func:`stream_term_counts`: the input of the log-odds ratio of
        Monroe, Colaresi & Quinn (2008).

    Notes
    -----
    A CSV/TSV input is first copied to JSON Lines in a temporary folder
    beside it (:func:`framing.chunk_readers.csv_to_jsonl`), so its folder
    must be writable; the copy is removed at the end.

    Raises
    ------
    ValueError
        For a bad option, an unknown grouping field, an input without
        articles or an unreadable row.
    """
    path, options, column_map = _check_run(input, by=by, options=options, min_total=min_total,
                                           chunk_size=chunk_size, column_map=column_map)
    if isinstance(n_workers, bool) or not isinstance(n_workers, int) or n_workers < 1:
        raise ValueError(f"n_workers={n_workers!r} is not allowed; use a positive integer")
    if isinstance(shard_bytes, bool) or not isinstance(shard_bytes, int) or shard_bytes < 1:
        raise ValueError(f"shard_bytes={shard_bytes!r} is not allowed; use a positive integer")
    if scheduler is not None and not isinstance(scheduler, str):
        raise ValueError(f"scheduler={scheduler!r} is not allowed; use an address such as 'tcp://host:8786', or None")
    with ExitStack() as stack:
        if input_kind(path) == "csv":
            # A CSV cannot be cut at byte offsets (quoted texts hold line
            # breaks): its rows are copied to JSON Lines beside it, where the
            # workers see it too, and the copy is removed at the end.
            folder = Path(stack.enter_context(TemporaryDirectory(prefix=".framing-", dir=path.parent)))
            path = csv_to_jsonl(path, folder / f"{path.stem}.jsonl", column_map=column_map, chunk_size=chunk_size,
                                progress=progress)
        counts = _dask_counts(path, by=by, options=options, min_total=min_total, chunk_size=chunk_size,
                              column_map=column_map, scheduler=scheduler, n_workers=n_workers,
                              shard_bytes=shard_bytes, progress=progress)
    if counts is None:
        raise ValueError(f"{input}: no articles to count (no row has a text)")
    return counts


def _dask_counts(
    path: Path, *, by: str | None, options: TokenOptions, min_total: int, chunk_size: int,
    column_map: Mapping[str, str], scheduler: str | None, n_workers: int, shard_bytes: int, progress: bool,
) -> TermCounts | None:
    """:func:`dask_term_counts` on a shardable input after its checks; None when no row has a text."""
    # Dask is an optional extra (pip install 'framing[scale]'): imported only here.
    from distributed import as_completed

    from framing.dask_engine import dask_client

    shards = plan_shards(path, shard_bytes=shard_bytes, min_shards=2 * n_workers, multiple_of=n_workers)
    with dask_client(scheduler, n_workers) as client:
        # pure=False: a shard's key must not be reused if the file changed between runs.
        leaves = [
            client.submit(count_shard, shard, by=by, options=options, chunk_size=chunk_size,
                          column_map=column_map, pure=False)
            for shard in shards
        ]
        sizes = {leaf.key: shard.size for leaf, shard in zip(leaves, shards)}
        level = leaves
        while len(level) > 1:
            level = [client.submit(_combine_present, *level[i : i + SPLIT_EVERY], pure=False)
                     for i in range(0, len(level), SPLIT_EVERY)]
        root = client.submit(_finish, level[0], _check_min_total(min_total), pure=False)
        # Keep no reference to the shards' counts but as_completed's, which lets
        # go of each once it is yielded, so the workers free it once merged.
        finished = as_completed(leaves)
        del leaves, level
        with _progress(sum(sizes.values()), progress) as bar:
            for leaf in finished:
                bar.update(sizes.pop(leaf.key))
        return root.result()
