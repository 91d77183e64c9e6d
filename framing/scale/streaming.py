"""Score a corpus of any size in chunks, with bounded memory and resume.

:func:`stream_scores` reads the input chunk by chunk
(:mod:`framing.scale.chunk_readers`), scores each chunk with
:func:`framing.scoring.scores.article_scores` (:func:`framing.scoring.partials.score_chunk`),
writes its per-article rows at once (:mod:`framing.scale.score_sink`) and adds its
outlet partials to running totals, so memory holds one chunk and the
partials, whose size depends on the number of outlets and terms, not of
articles. The outlet table is built from the merged partials at the end and
equals :func:`framing.scoring.scores.outlet_scores` on the same articles.

After each chunk a *checkpoint* (``<output>.checkpoint.json``) records the
input (path, size, modification time), the chunk size, the lexicon hashes,
the voice factors and column mapping, the chunks done and the partials. A
rerun with ``resume=True`` checks that all of these match and continues after
the last finished chunk. The checkpoint is checked field by field, and each
part it counts as done must be present with the rows, size and SHA-256
recorded when it was written; a part that is missing or changed is scored
again (its outlet partials are already in the totals), never skipped
(:mod:`framing.scale.checkpoint`). When the output is complete, its row count
is checked against the articles read, the checkpoint records it, and only
then are the parts and the checkpoint removed: a run killed during that
clean-up is recognised as complete when resumed.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import pandas as pd
from tqdm import tqdm

from framing.importers.base import DEFAULT_MAX_TEXT_CHARS, ImportOptions
from framing.scale.chunk_readers import input_kind, input_size, iter_chunks
from framing.lexicon.model import Lexicon, bundled_lexicons
from framing.scoring.matcher import TermMatcher
from framing.scoring.partials import Partials, merge_partials, outlet_table, partials_to_json, score_chunk
from framing.provenance import provenance
from framing.scale.checkpoint import (
    CHECKPOINT_VERSION, CheckpointError, check_fingerprint, checkpoint_path, load_checkpoint, part_is_intact,
    part_record, partials_digest, save_checkpoint,
)
from framing.scale.score_sink import (
    check_output_path, check_output_not_input, finish_output, part_files, parts_dir, read_scores, remove_parts,
    write_part, write_table,
)
from framing.scoring.scores import check_voice_factors

__all__ = ["CHECKPOINT_VERSION", "CheckpointError", "ScoreRun", "checkpoint_path", "save_checkpoint", "stream_scores"]


@dataclass(frozen=True)
class ScoreRun:
    """What a scoring run did.

    Attributes
    ----------
    articles : int
        Articles in the output.
    scored : int
        Articles scored by this run (fewer than ``articles`` after a resume).
    input_bytes : int
        Size of the input.
    seconds : float
        Wall time of this run.
    output, outlets_output : Path
        The per-article and per-outlet files written.
    outlets : DataFrame
        The outlet table (as :func:`framing.scoring.scores.outlet_scores`).
    """

    articles: int
    scored: int
    input_bytes: int
    seconds: float
    output: Path
    outlets_output: Path
    outlets: pd.DataFrame


@dataclass(frozen=True)
class RunSettings:
    """The validated inputs of a run, shared by the local and Dask engines."""

    input: Path
    output: Path
    outlets_output: Path
    lexicons: tuple[Lexicon, ...]
    factors: dict[str, float]
    chunk_size: int
    column_map: dict[str, str]
    max_text_chars: int

    def fingerprint(self, engine: str) -> dict[str, Any]:
        """What must not change between a run and its resumption."""
        stat = self.input.stat()
        return {
            "version": CHECKPOINT_VERSION,
            "engine": engine,
            "input": str(self.input.resolve()),
            "size": input_size(self.input),
            "mtime_ns": stat.st_mtime_ns,
            "chunk_size": self.chunk_size,
            "lexicons": [lex.sha256 for lex in self.lexicons],
            "voice_factors": self.factors,
            "column_map": self.column_map,
            # A lower limit could refuse a row of a chunk already done: not the same run.
            "max_text_chars": self.max_text_chars,
        }

    def provenance(self) -> dict[str, Any]:
        return provenance(self.lexicons, voice_factors=self.factors, input=self.input.name, level="article")


def settings(
    input: str | Path,
    output: str | Path,
    *,
    outlets_output: str | Path | None,
    lexicons: Sequence[Lexicon] | None,
    voice_factors: Mapping[str, float] | None,
    chunk_size: int,
    column_map: Mapping[str, str] | None,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> RunSettings:
    """Validate the options of a run (ValueError naming the bad value)."""
    input = Path(input)
    input_kind(input)
    output = check_output_path(output)
    if outlets_output is None:
        outlets_output = output.with_name(output.stem + ".outlets.csv")
    outlets_output = check_output_path(outlets_output, "outlets output")
    check_output_not_input(input, output, outlets_output)
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    ImportOptions(max_text_chars=max_text_chars)  # a ValueError naming a bad limit, before any work
    return RunSettings(
        input=input,
        output=output,
        outlets_output=outlets_output,
        lexicons=tuple(lexicons) if lexicons is not None else bundled_lexicons(),
        factors=check_voice_factors(voice_factors),
        chunk_size=chunk_size,
        column_map=dict(column_map or {}),
        max_text_chars=max_text_chars,
    )


def read_checkpoint(path: Path, fingerprint: Mapping[str, Any]) -> dict[str, Any] | None:
    """The saved state, checked in shape and against this run, or None when there is no checkpoint.

    Raises
    ------
    CheckpointError
        If the checkpoint is unreadable, of the wrong shape or version, or
        was made for another input or other settings (the message names the
        field or the first difference).
    """
    state = load_checkpoint(path)
    if state is not None:
        check_fingerprint(path, state, fingerprint)
    return state


def recorded_finish(run: RunSettings, state: Mapping[str, Any], *, started: float) -> ScoreRun | None:
    """The finished run a checkpoint records, with its clean-up completed; None if the output changed since.

    A run killed after writing its output, while removing its parts, leaves a
    checkpoint whose ``complete`` field records the output; when the output
    and outlet files still have the recorded sizes (and the output its
    modification time), they are kept and only the clean-up is redone.
    """
    done = state.get("complete")
    if not done:
        return None
    try:
        stat = run.output.stat()
        outlets_size = run.outlets_output.stat().st_size
    except OSError:
        return None
    if (stat.st_size, stat.st_mtime_ns, outlets_size) != (done["bytes"], done["mtime_ns"], done["outlets_bytes"]):
        return None
    remove_parts(parts_dir(run.output))
    checkpoint_path(run.output).unlink(missing_ok=True)
    return ScoreRun(
        articles=done["rows"], scored=0, input_bytes=input_size(run.input), seconds=time.perf_counter() - started,
        output=run.output, outlets_output=run.outlets_output, outlets=read_scores(run.outlets_output),
    )


def finish_run(
    run: RunSettings, partials: Partials, *, scored: int, started: float, fingerprint: Mapping[str, Any],
    parts: Sequence[Mapping[str, Any]], state: Mapping[str, Any] | None = None,
) -> ScoreRun:
    """Write the output and outlet files from the parts and partials; check, record, clean up.

    ``parts`` are the records (:func:`framing.scale.checkpoint.part_record`) of
    every part of the output; files in the parts folder that none names (left
    by a run killed between writing a part and saving its checkpoint) are
    removed first. The rows written must equal the rows recorded, else
    ValueError and the parts and checkpoint are kept. The checkpoint then
    records the finished output, the parts go, and the checkpoint last.
    """
    prov = run.provenance()
    folder = parts_dir(run.output)
    names = {p["name"] for p in parts}
    for stray in part_files(folder):
        if stray.name not in names:
            stray.unlink()
    expected = sum(int(p["rows"]) for p in parts)
    articles = finish_output(folder, run.output, prov)
    if articles != expected:
        raise ValueError(f"{run.output}: wrote {articles:,} rows but {expected:,} articles were scored; "
                         "the parts and the checkpoint are kept: rerun with --resume")
    outlets = outlet_table(partials, run.lexicons)
    write_table(outlets, run.outlets_output, {**prov, "params": {**prov["params"], "level": "outlet"}})
    stat = run.output.stat()
    complete = {"rows": articles, "bytes": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                "outlets_bytes": run.outlets_output.stat().st_size}
    checkpoint = checkpoint_path(run.output)
    save_checkpoint(checkpoint, fingerprint, **{**(state or {}), "complete": complete})
    remove_parts(folder)
    checkpoint.unlink(missing_ok=True)
    return ScoreRun(
        articles=articles, scored=scored, input_bytes=input_size(run.input), seconds=time.perf_counter() - started,
        output=run.output, outlets_output=run.outlets_output, outlets=outlets,
    )


def progress_bar(total: int, initial: int, enabled: bool, *, desc: str = "scoring") -> tqdm:
    """A progress bar over input bytes (MB/s, ETA) to stderr; articles/s goes in its postfix."""
    return tqdm(
        total=total, initial=initial, unit="B", unit_scale=True, desc=desc, file=sys.stderr,
        disable=not enabled, mininterval=0.5, smoothing=0.1,
    )


def stream_scores(
    input: str | Path,
    output: str | Path,
    *,
    outlets_output: str | Path | None = None,
    lexicons: Sequence[Lexicon] | None = None,
    voice_factors: Mapping[str, float] | None = None,
    chunk_size: int = 1000,
    column_map: Mapping[str, str] | None = None,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    resume: bool = False,
    progress: bool = False,
    on_chunk: Callable[[int], None] | None = None,
) -> ScoreRun:
    """Score a corpus file or folder chunk by chunk in this process.

    Parameters
    ----------
    input : str or Path
        JSON Lines, CSV/TSV or Parquet file, or a folder of ``.txt`` files
        (see :func:`framing.scale.chunk_readers.iter_chunks`).
    output : str or Path
        Per-article scores, ``.parquet`` or ``.csv``.
    outlets_output : str or Path, optional
        Per-outlet scores, ``.csv`` or ``.parquet``; default
        ``<output stem>.outlets.csv`` beside the output.
    lexicons : sequence of Lexicon, optional
        Default: the bundled lexicons.
    voice_factors : mapping, optional
        As in :func:`framing.scoring.scores.match_table`.
    chunk_size : int
        Articles held in memory at once.
    column_map : mapping, optional
        Field -> column name for tabular inputs.
    max_text_chars : int
        Longest text accepted per article (default 2,000,000); a longer one
        stops the run with a one-line error naming its row.
    resume : bool
        Continue from the checkpoint of an interrupted run with the same
        input and settings; without a checkpoint, start afresh.
    progress : bool
        Show a progress bar on stderr.
    on_chunk : callable, optional
        Called with each chunk's index once it is saved (tests interrupt
        runs with it).

    Returns
    -------
    ScoreRun

    Raises
    ------
    ValueError
        For a bad option, an unreadable input row, or a checkpoint that does
        not match this run.
    """
    started = time.perf_counter()
    run = settings(input, output, outlets_output=outlets_output, lexicons=lexicons, voice_factors=voice_factors,
                   chunk_size=chunk_size, column_map=column_map, max_text_chars=max_text_chars)
    fingerprint = run.fingerprint("local")
    checkpoint = checkpoint_path(run.output)
    folder = parts_dir(run.output)
    state = read_checkpoint(checkpoint, fingerprint) if resume else None
    if state is not None:
        finished = recorded_finish(run, state, started=started)
        if finished is not None:
            return finished
        if state.get("complete"):
            state = None  # the output changed after it was finished, and its parts may be gone: start over
    if state is None:
        remove_parts(folder)
        checkpoint.unlink(missing_ok=True)
        state = {"chunks_done": 0, "position": 0, "articles": 0, "parts": [], "partials_parsed": {}}
    done = state["chunks_done"]
    parts: list[dict[str, Any]] = list(state["parts"])
    # Parts counted as done but missing or changed: scored again below, their
    # partials already in the totals.
    redo = {index for index, record in enumerate(parts) if not part_is_intact(folder, record)}
    partials = state["partials_parsed"]
    matcher = TermMatcher(run.lexicons)
    scored = 0
    position = state["position"]

    def save(**extra: Any) -> dict[str, Any]:
        data = partials_to_json(partials)
        saved = dict(chunks_done=len(parts), position=position, articles=sum(p["rows"] for p in parts),
                     parts=parts, partials=data, partials_sha256=partials_digest(data), **extra)
        save_checkpoint(checkpoint, fingerprint, **saved)
        return saved

    with progress_bar(input_size(run.input), position, progress) as bar:
        chunks = iter_chunks(run.input, chunk_size=run.chunk_size, column_map=run.column_map,
                             skip=min(redo, default=done), max_text_chars=run.max_text_chars)
        for chunk in chunks:
            if chunk.index < done and chunk.index not in redo:
                continue
            table, chunk_partials = score_chunk(chunk.articles, run.lexicons, matcher, run.factors)
            path = write_part(folder, f"part-{chunk.index:06d}-000000", table)
            scored += len(chunk.articles)
            if chunk.index < done:
                if len(table) != parts[chunk.index]["rows"]:
                    raise CheckpointError(f"{checkpoint}: chunk {chunk.index} now holds {len(table)} articles, "
                                          f"not {parts[chunk.index]['rows']}; run without --resume")
                parts[chunk.index] = part_record(path, len(table))
                redo.discard(chunk.index)
                save()
                continue
            parts.append(part_record(path, len(table)))
            merge_partials(partials, chunk_partials)
            bar.update(chunk.position - position)
            position = chunk.position
            save()
            bar.set_postfix_str(f"{scored / max(time.perf_counter() - started, 1e-9):,.0f} articles/s")
            if on_chunk is not None:
                on_chunk(chunk.index)
    if redo or len(parts) < done:
        raise CheckpointError(f"{checkpoint}: the input ended before chunk {min(redo, default=len(parts))}; "
                              "run without --resume")
    saved = save()
    return finish_run(run, partials, scored=scored, started=started, fingerprint=fingerprint, parts=parts,
                      state=saved)
