"""Distinctive-term counts on a Dask cluster: workers send back only what can survive.

:func:`dask_term_counts` cuts the input into shards
(:func:`framing.scale.chunk_readers.plan_shards`); each task counts one shard in
bounded memory (:func:`framing.scale.shard_counts.count_shard`) and keeps it on
its worker. The merge is the exact two-round merge of
:mod:`framing.scale.shard_counts`: 64-bit hashes of the n-grams with their
counts are summed in a tree of :data:`SPLIT_EVERY`-way merges, then each shard
sends the text and counts of only the n-grams whose hash reached
``min_total``, summed exactly in a second tree, in shard order, and cut to
``min_total`` on a worker, so that only the final counts travel to the
client. The result equals the local count of the same input.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Mapping

from framing.importers.base import DEFAULT_MAX_TEXT_CHARS
from framing.scale.chunk_readers import plan_shards
from framing.scale.csv_copy import copy_to_jsonl, needs_copy
from framing.scale.shard_counts import candidates, count_shard, merge_hashes, shard_hashes, shard_survivors
from framing.scale.term_partials import _check_min_total, _check_run, _combine, _finish, _progress
from framing.discover.term_counts import TermCounts
from framing.text.boilerplate import Boilerplate
from framing.text.tokens import TokenOptions

#: Input bytes per Dask task: as for scoring (:data:`framing.scale.dask_engine.DEFAULT_SHARD_BYTES`),
#: about 2 s of counting per task on one core.
DEFAULT_SHARD_BYTES = 8_000_000
#: Partial counts merged by one task of the Dask tree: a merge costs time linear
#: in its inputs, so fewer levels are cheaper, but a task holds all its inputs.
SPLIT_EVERY = 4


def _combine_present(*parts: TermCounts | None) -> TermCounts | None:
    """One node of the Dask merge tree: the sum of the parts that have articles."""
    present = [p for p in parts if p is not None]
    return _combine(present) if present else None


def _finish_survivors(counts: TermCounts | None, chosen: tuple, min_total: int) -> TermCounts | None:
    """The root of round 2: canonical order, the ``min_total`` cut, the vocabulary size of round 1."""
    finished = _finish(counts, min_total)
    return replace(finished, vocabulary_size=chosen[1]) if finished is not None else None


def _tree(client, function, parts: list) -> object:
    """Futures merged in a tree of :data:`SPLIT_EVERY`-way merges, in order; the root's future."""
    level = parts
    while len(level) > 1:
        level = [client.submit(function, *level[i : i + SPLIT_EVERY], pure=False)
                 for i in range(0, len(level), SPLIT_EVERY)]
    return level[0]


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
    boilerplate: Boilerplate | None = None,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
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
    input, by, options, min_total, chunk_size, column_map, progress, boilerplate, max_text_chars
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
    A CSV/TSV or gzipped input is first copied to JSON Lines in a temporary folder
    beside it (:func:`framing.scale.csv_copy.copy_to_jsonl`), so its folder
    must be writable; the copy is removed at the end.

    Raises
    ------
    ValueError
        For a bad option, an unknown grouping field, an input without
        articles or an unreadable row.
    """
    path, options, column_map = _check_run(input, by=by, options=options, min_total=min_total,
                                           chunk_size=chunk_size, column_map=column_map,
                                           max_text_chars=max_text_chars)
    if isinstance(n_workers, bool) or not isinstance(n_workers, int) or n_workers < 1:
        raise ValueError(f"n_workers={n_workers!r} is not allowed; use a positive integer")
    if isinstance(shard_bytes, bool) or not isinstance(shard_bytes, int) or shard_bytes < 1:
        raise ValueError(f"shard_bytes={shard_bytes!r} is not allowed; use a positive integer")
    if scheduler is not None and not isinstance(scheduler, str):
        raise ValueError(f"scheduler={scheduler!r} is not allowed; use an address such as 'tcp://host:8786', or None")
    with ExitStack() as stack:
        if needs_copy(path):
            # A CSV cannot be cut at byte offsets (quoted texts hold line
            # breaks), nor can a gzipped file (it reads only from the start):
            # its rows are copied to JSON Lines beside it, where the workers
            # see it too, and the copy is removed at the end.
            folder = Path(stack.enter_context(TemporaryDirectory(prefix=".framing-", dir=path.parent)))
            path = copy_to_jsonl(path, folder / f"{path.stem}.jsonl", column_map=column_map, chunk_size=chunk_size,
                                 progress=progress, max_text_chars=max_text_chars)
        counts = _dask_counts(path, by=by, options=options, min_total=min_total, chunk_size=chunk_size,
                              column_map=column_map, scheduler=scheduler, n_workers=n_workers,
                              shard_bytes=shard_bytes, progress=progress, boilerplate=boilerplate,
                              max_text_chars=max_text_chars)
    if counts is None:
        raise ValueError(f"{input}: no articles to count (no row has a text)")
    return counts


def _dask_counts(
    path: Path, *, by: str | None, options: TokenOptions, min_total: int, chunk_size: int,
    column_map: Mapping[str, str], scheduler: str | None, n_workers: int, shard_bytes: int, progress: bool,
    boilerplate: Boilerplate | None = None, max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> TermCounts | None:
    """:func:`dask_term_counts` on a shardable input after its checks; None when no row has a text."""
    # Dask is an optional extra (pip install 'framing[scale]'): imported only here.
    from distributed import as_completed

    from framing.scale.dask_engine import dask_client

    shards = plan_shards(path, shard_bytes=shard_bytes, min_shards=2 * n_workers, multiple_of=n_workers)
    with dask_client(scheduler, n_workers) as client:
        # pure=False: a shard's key must not be reused if the file changed between runs.
        leaves = [
            client.submit(count_shard, shard, by=by, options=options, chunk_size=chunk_size,
                          column_map=column_map, boilerplate=boilerplate, max_text_chars=max_text_chars, pure=False)
            for shard in shards
        ]
        sizes = {leaf.key: shard.size for leaf, shard in zip(leaves, shards)}
        # Round 1: hashes and counts only; round 2: the candidates' texts and counts.
        summed = _tree(client, merge_hashes, [client.submit(shard_hashes, leaf, pure=False) for leaf in leaves])
        chosen = client.submit(candidates, summed, _check_min_total(min_total), pure=False)
        survivors = [client.submit(shard_survivors, leaf, chosen, pure=False) for leaf in leaves]
        merged = _tree(client, _combine_present, survivors)
        root = client.submit(_finish_survivors, merged, chosen, min_total, pure=False)
        # Keep no reference to the shards' counts but as_completed's, which lets
        # go of each once it is yielded, so the workers free it once merged.
        finished = as_completed(leaves)
        del leaves, survivors, summed, merged
        with _progress(sum(sizes.values()), progress) as bar:
            for leaf in finished:
                bar.update(sizes.pop(leaf.key))
        return root.result()
