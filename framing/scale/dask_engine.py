"""The streaming scorer on a Dask cluster, with the same results as the local engine.

The input is cut into shards (:func:`framing.scale.chunk_readers.plan_shards`:
byte ranges of a JSON Lines file cut at line ends, row groups of a Parquet
file, runs of a folder's files). Each shard is one task (``Client.submit``,
earlier shards first), which reads its own shard, scores it chunk by
chunk exactly as :func:`framing.scale.streaming.stream_scores` does
(:func:`framing.scoring.partials.score_chunk`), writes the per-article rows as part
files and returns only its outlet partials. The client merges the partials
in shard order and concatenates the parts, so no process ever holds all the
texts, and outlet order, rows and scores equal the local engine's.

The lexicons travel once, scattered to every worker before the tasks
(``Client.scatter``), and each worker compiles its :class:`~framing.scoring.matcher.TermMatcher` once per
set of lexicons: the matcher is cached on the ``distributed.Worker`` object
(keyed by the lexicon hashes), which lives as long as the worker process.

Part files are written by the workers, so with a remote cluster the output
folder must be on a file system the workers share with the client, as must
the input (Dask docs, "Connect to remote data",
https://docs.dask.org/en/stable/how-to/connect-to-remote-data.html).

Resume works per shard: each finished shard leaves ``shard-<n>.json`` with
its partials and the records of its parts (rows, size, SHA-256) beside its
parts; ``resume=True`` rescores only the others, and a shard whose file is
damaged or one of whose parts is missing or changed counts as not finished.
"""

from __future__ import annotations

import json
import logging
import time
import warnings
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from framing.importers.base import DEFAULT_MAX_TEXT_CHARS
from framing.scale.chunk_readers import Shard, iter_shard_chunks, plan_shards
from framing.scale.csv_copy import copy_to_jsonl, needs_copy
from framing.lexicon.model import Lexicon
from framing.scoring.matcher import TermMatcher
from framing.scoring.partials import Partials, merge_partials, partials_from_json, partials_to_json, score_chunk
from framing.scale.checkpoint import CheckpointError, finished_shard, part_record, shard_result_path
from framing.scale.score_sink import atomic_write_bytes, parts_dir, remove_parts, write_part
from framing.scale.streaming import (
    RunSettings, ScoreRun, checkpoint_path, finish_run, progress_bar, read_checkpoint, recorded_finish,
    save_checkpoint, settings,
)

#: Attribute of the ``distributed.Worker`` holding ``{lexicon hashes: TermMatcher}``.
MATCHERS_ATTRIBUTE = "_framing_matchers"
#: Attribute of the worker counting matcher builds (read by the tests).
BUILDS_ATTRIBUTE = "_framing_matcher_builds"
#: About 2 s of work per task on one core: small enough that the last tasks
#: finish close together, large enough that the per-task cost stays small.
DEFAULT_SHARD_BYTES = 8_000_000


#: Settings of the LocalCluster started for a run. The worker's statistical
#: profiler samples the task thread's stack every 10 ms for the dashboard,
#: which a run started here has none of, and the event-loop health check
#: ticks every 20 ms; both take the GIL from the scoring. On 100,000
#: articles with 2 workers, five runs taking turns with the defaults took 7 %
#: less wall time on average (3 of 5 faster; this host's speed drifted by up
#: to 40 % meanwhile), and the workers and client used 8-12 % less CPU
#: (Dask configuration reference:
#: https://docs.dask.org/en/stable/configuration.html).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
}

#: Modules the fork server imports once, so that every worker forked from it
#: starts with them (see :func:`_worker_start_method`).
FORKSERVER_PRELOAD = ("distributed", "dask", "numpy", "pandas", "pyarrow.parquet", "framing.scale.dask_engine",
                      "framing.scale.dask_terms")


def _worker_start_method() -> dict[str, str]:
    """The configuration that starts the local cluster's workers from a fork server, where there is one.

    Dask spawns each worker by default: a fresh interpreter that imports
    distributed, pandas, pyarrow and framing again, about 0.5 s of CPU each,
    and takes as long to shut down. A fork server (Python's ``forkserver``
    start method, which Dask supports through
    ``distributed.worker.multiprocessing-method``) imports them once and forks
    each worker from itself. It is a fresh single-threaded process, so unlike
    a plain ``fork`` of the client (which runs Dask's event-loop thread) no
    lock can be inherited half-held (Python docs, "Contexts and start
    methods"). On 10,000 articles with 2 workers, runs taking turns took
    0.3 to 0.9 s less (3.4-3.7 s against 3.7-4.4 s), and each worker's peak
    RSS fell from 220 to 136 MB (pages shared with the server).

    Dask sets its own preload list on the first ``forkserver`` context it
    makes; ours replaces it before the server starts. The server lives as
    long as the calling process and serves its later clusters too. Only used
    where the platform has fork servers (not on Windows).
    """
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return {}
    import dask
    from distributed.utils import get_mp_context

    config = {"distributed.worker.multiprocessing-method": "forkserver"}
    with dask.config.set(config):
        get_mp_context().set_forkserver_preload(list(FORKSERVER_PRELOAD))
    return config


@contextmanager
def dask_client(scheduler: str | None, n_workers: int) -> Iterator[Any]:
    """A ``distributed.Client`` of the cluster at ``scheduler``, closed on exit.

    Without an address, a ``LocalCluster`` of ``n_workers`` single-threaded
    worker processes is started for the run and shut down after it: one
    thread per process, because the scoring holds the GIL; with
    :data:`LOCAL_CLUSTER_CONFIG`, the workers forked from a fork server
    (:func:`_worker_start_method`). A cluster at ``scheduler`` keeps its own
    settings.
    """
    import dask
    from distributed import Client, LocalCluster

    with ExitStack() as stack:
        if scheduler:
            yield stack.enter_context(Client(scheduler))
            return
        # Each nanny copies the configuration when it is made, and passes it to
        # its worker process: set here, it holds for this cluster alone.
        with dask.config.set({**LOCAL_CLUSTER_CONFIG, **_worker_start_method()}), warnings.catch_warnings():
            # The scheduler's HTTP server (health checks, no dashboard) tries
            # port 8787 and takes a free one when another cluster has it: a
            # second run at the same time is normal, not worth a warning.
            warnings.filterwarnings("ignore", message=r"Port \d+ is already in use", category=UserWarning)
            cluster = stack.enter_context(LocalCluster(
                n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR,
            ))
        yield stack.enter_context(Client(cluster))


def worker_matcher(lexicons: Sequence[Lexicon]) -> TermMatcher:
    """The worker's compiled matcher for these lexicons, built on first use.

    Outside a Dask worker (e.g. the synchronous scheduler) a new matcher is
    built for each call.
    """
    from distributed import get_worker

    try:
        worker = get_worker()
    except ValueError:
        return TermMatcher(lexicons)
    key = tuple((lex.name, lex.sha256) for lex in lexicons)
    cache = getattr(worker, MATCHERS_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(worker, MATCHERS_ATTRIBUTE, cache)
    if key not in cache:
        # Workers run one thread each here; with more threads two tasks may
        # both build it the first time, which wastes a second but is harmless.
        cache[key] = TermMatcher(lexicons)
        setattr(worker, BUILDS_ATTRIBUTE, getattr(worker, BUILDS_ATTRIBUTE, 0) + 1)
    return cache[key]


def score_shard(
    shard: Shard,
    *,
    lexicons: Sequence[Lexicon],
    factors: Mapping[str, float],
    chunk_size: int,
    column_map: Mapping[str, str],
    parts: str,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> dict[str, Any]:
    """Score one shard (runs on a worker); return its article count and partials as JSON.

    Writes ``part-<shard>-<chunk>.parquet`` for each chunk, then
    ``shard-<shard>.json`` with the result, which marks the shard finished.
    """
    matcher = worker_matcher(lexicons)
    folder = Path(parts)
    partials: Partials = {}
    articles = 0
    records = []
    for chunk in iter_shard_chunks(shard, chunk_size=chunk_size, column_map=column_map,
                                   max_text_chars=max_text_chars):
        table, chunk_partials = score_chunk(chunk.articles, lexicons, matcher, factors)
        path = write_part(folder, f"part-{shard.index:06d}-{chunk.index:06d}", table)
        records.append(part_record(path, len(table)))
        merge_partials(partials, chunk_partials)
        articles += len(chunk.articles)
    result = {"shard": shard.index, "articles": articles, "partials": partials_to_json(partials), "parts": records}
    atomic_write_bytes(shard_result_path(folder, shard.index), json.dumps(result).encode("utf-8"))
    return result


class InOrderMerge:
    """Merge the shards' partials in shard order as they come, holding only those that came early.

    Outlets must come in the local engine's order (first appearance in the
    input), and ties between preferred variants go to the one counted first,
    so partials merge in shard order. Shards finish nearly in order, so few
    wait; finished shards of an earlier run are read from their files when
    their turn comes. Keeping every shard's partials until the end instead
    would grow the client by about 120 kB (as JSON) per 2,000 articles.

    Parameters
    ----------
    order : list of int
        The shard indices, in input order.
    folder : Path
        The parts folder holding ``shard-<n>.json`` of finished shards.
    finished : set of int
        Shards finished by an earlier run (resume).
    """

    def __init__(self, order: Sequence[int], folder: Path, finished: set[int]):
        self._order = list(order)
        self._next = 0
        self._early: dict[int, Any] = {}
        self._folder = folder
        self._finished = set(finished)
        self._total: Partials = {}
        self._drain()

    def add(self, index: int, partials_json: Any) -> None:
        """Take a shard's partials (as :func:`partials_to_json` made them)."""
        self._early[index] = partials_json
        self._drain()

    def _drain(self) -> None:
        while self._next < len(self._order):
            index = self._order[self._next]
            if index in self._early:
                data = self._early.pop(index)
            elif index in self._finished:
                data = json.loads(shard_result_path(self._folder, index).read_text(encoding="utf-8"))["partials"]
            else:
                return
            merge_partials(self._total, partials_from_json(data))
            self._next += 1

    @property
    def waiting(self) -> int:
        """Shards that finished before an earlier one and wait for it."""
        return len(self._early)

    def total(self) -> Partials:
        """The merged partials of every shard.

        Raises
        ------
        ValueError
            If a shard's partials never came.
        """
        if self._next < len(self._order):
            raise ValueError(f"shard {self._order[self._next]} never finished")
        return self._total


def dask_scores(
    input: str | Path,
    output: str | Path,
    *,
    outlets_output: str | Path | None = None,
    lexicons: Sequence[Lexicon] | None = None,
    voice_factors: Mapping[str, float] | None = None,
    chunk_size: int = 1000,
    column_map: Mapping[str, str] | None = None,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    scheduler: str | None = None,
    n_workers: int = 2,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    resume: bool = False,
    progress: bool = False,
) -> ScoreRun:
    """Score a corpus on a Dask cluster; the options are those of :func:`framing.scale.streaming.stream_scores`.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``). Without one, a
        ``LocalCluster`` of ``n_workers`` single-threaded worker processes is
        started for the run.
    n_workers : int
        Workers of the local cluster. With ``scheduler``, give the cluster's
        worker count: it only balances the shards then.
    shard_bytes : int
        Input bytes per task; there are at least ``2 * n_workers`` tasks,
        and a multiple of ``n_workers``.

    A CSV/TSV or gzipped input is first copied to JSON Lines beside the output
    (:func:`csv_copy_path`, removed at the end): quoted CSV texts may hold
    line breaks and gzip cannot be read from the middle, so neither can be
    cut at byte offsets itself.

    Raises
    ------
    ValueError
        For a bad option, an unreadable row, or a checkpoint that does not
        match this run.
    """
    started = time.perf_counter()
    if isinstance(n_workers, bool) or not isinstance(n_workers, int) or n_workers < 1:
        raise ValueError(f"n_workers must be a positive integer, got {n_workers!r}")
    run = settings(input, output, outlets_output=outlets_output, lexicons=lexicons, voice_factors=voice_factors,
                   chunk_size=chunk_size, column_map=column_map, max_text_chars=max_text_chars)
    copy = csv_copy_path(run.output) if needs_copy(run.input) else None
    try:
        return _dask_scores(run, copy, started=started, scheduler=scheduler, n_workers=n_workers,
                            shard_bytes=shard_bytes, resume=resume, progress=progress)
    finally:
        if copy is not None:
            copy.unlink(missing_ok=True)


def csv_copy_path(output: Path) -> Path:
    """Where the JSON Lines copy of a CSV input goes: beside the output, which the workers share."""
    return output.with_name(output.name + ".input.jsonl")


def _dask_scores(
    run: RunSettings, copy: Path | None, *, started: float, scheduler: str | None, n_workers: int, shard_bytes: int,
    resume: bool, progress: bool,
) -> ScoreRun:
    """:func:`dask_scores` after its checks; ``copy`` is where a CSV or gzipped input is copied to JSON Lines."""
    from distributed import as_completed

    source = run.input
    if copy is not None:
        # Copied on every run, resumed or not: the copy is the same for the
        # same input, so are its shards, and a stale copy is never used.
        source = copy_to_jsonl(run.input, copy, column_map=run.column_map, chunk_size=run.chunk_size,
                               progress=progress, max_text_chars=run.max_text_chars)
    shards = plan_shards(source, shard_bytes=shard_bytes, min_shards=2 * n_workers, multiple_of=n_workers)
    fingerprint = {**run.fingerprint("dask"), "shards": [[s.start, s.end] for s in shards]}
    checkpoint = checkpoint_path(run.output)
    folder = parts_dir(run.output)
    state = read_checkpoint(checkpoint, fingerprint) if resume else None
    if state is not None:
        done = recorded_finish(run, state, started=started)
        if done is not None:
            return done
        if state.get("complete"):
            state = None  # the output changed after it was finished, and its parts may be gone: start over
    if state is None:
        remove_parts(folder)
        folder.mkdir(parents=True)
        save_checkpoint(checkpoint, fingerprint)
    records = {s.index: finished_shard(folder, s.index) for s in shards}
    finished = {index for index, r in records.items() if r is not None}
    for index in set(records) - finished:  # a damaged shard starts afresh: no part of it is kept
        shard_result_path(folder, index).unlink(missing_ok=True)
        for part in folder.glob(f"part-{index:06d}-*.parquet"):
            part.unlink()
    merged = InOrderMerge([s.index for s in shards], folder, finished)
    todo = [s for s in shards if s.index not in finished]
    scored = 0
    with ExitStack() as stack:
        if todo:
            client = stack.enter_context(dask_client(scheduler, n_workers))
            # Scattered once: the lexicons travel to each worker once, not with every task.
            (shared,) = client.scatter([run.lexicons], broadcast=True)
            # A task per shard, the earlier shards first: the partials merge in
            # shard order, so shards run out of order would wait in the client
            # (Dask's own ordering of a bag's partitions ran them nearly in reverse).
            futures = [
                client.submit(score_shard, shard, lexicons=shared, factors=run.factors, chunk_size=run.chunk_size,
                              column_map=run.column_map, max_text_chars=run.max_text_chars,
                              parts=str(folder.resolve()), priority=len(todo) - number,
                              pure=False)
                for number, shard in enumerate(todo)
            ]
            sizes = {f.key: s.size for f, s in zip(futures, todo)}
            # as_completed holds the only reference to each future and lets go
            # of it once yielded, so each result is freed on its worker at once.
            completed = as_completed(futures)
            del futures
            with progress_bar(sum(s.size for s in shards), sum(s.size for s in shards if s.index in finished),
                              progress) as bar:
                for future in completed:
                    result = future.result()
                    merged.add(result["shard"], result["partials"])
                    records[result["shard"]] = result["parts"]
                    scored += result["articles"]
                    bar.update(sizes.pop(future.key))
                    bar.set_postfix_str(f"{scored / max(time.perf_counter() - started, 1e-9):,.0f} articles/s")
    partials = merged.total()
    parts = [record for index in sorted(records) for record in (records[index] or [])]
    if any(records[index] is None for index in records):
        raise CheckpointError(f"{checkpoint}: a shard left no result; rerun with --resume")
    return finish_run(run, partials, scored=scored, started=started, fingerprint=fingerprint, parts=parts)
