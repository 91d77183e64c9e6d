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
the last finished chunk. The checkpoint and the part files are removed when
the output is complete.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import pandas as pd
from tqdm import tqdm

from framing.scale.chunk_readers import input_kind, input_size, iter_chunks
from framing.lexicon.model import Lexicon, bundled_lexicons
from framing.scoring.matcher import TermMatcher
from framing.scoring.partials import Partials, merge_partials, outlet_table, partials_from_json, partials_to_json, score_chunk
from framing.provenance import provenance
from framing.scale.score_sink import (
    atomic_write_bytes, check_output_path, finish_output, parts_dir, remove_parts, write_part, write_table,
)
from framing.scoring.scores import check_voice_factors

CHECKPOINT_VERSION = 2  # 2: partials name concepts <lexicon>/<concept>


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
) -> RunSettings:
    """Validate the options of a run (ValueError naming the bad value)."""
    input = Path(input)
    input_kind(input)
    output = check_output_path(output)
    if outlets_output is None:
        outlets_output = output.with_name(output.stem + ".outlets.csv")
    outlets_output = check_output_path(outlets_output, "outlets output")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    return RunSettings(
        input=input,
        output=output,
        outlets_output=outlets_output,
        lexicons=tuple(lexicons) if lexicons is not None else bundled_lexicons(),
        factors=check_voice_factors(voice_factors),
        chunk_size=chunk_size,
        column_map=dict(column_map or {}),
    )


def checkpoint_path(output: Path) -> Path:
    """The checkpoint file of an output: ``<output>.checkpoint.json``."""
    return output.with_name(output.name + ".checkpoint.json")


def read_checkpoint(path: Path, fingerprint: Mapping[str, Any]) -> dict[str, Any] | None:
    """The saved state, or None when there is no checkpoint.

    Raises
    ------
    ValueError
        If the checkpoint is unreadable or was made for another input or
        other settings (the message names the first difference).
    """
    if not path.is_file():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: unreadable checkpoint ({exc}); delete it or run without resume") from exc
    for key, value in fingerprint.items():
        if state.get("fingerprint", {}).get(key) != value:
            raise ValueError(
                f"{path}: the checkpoint was made with another {key} "
                f"({state.get('fingerprint', {}).get(key)!r}, now {value!r}); run without resume to start over"
            )
    return state


def save_checkpoint(path: Path, fingerprint: Mapping[str, Any], **state: Any) -> None:
    """Write the checkpoint atomically (a kill never leaves half a file)."""
    atomic_write_bytes(path, json.dumps({"fingerprint": fingerprint, **state}).encode("utf-8"))


def finish_run(run: RunSettings, partials: Partials, *, scored: int, started: float) -> ScoreRun:
    """Write the output and outlet files from the parts and partials; clean up."""
    prov = run.provenance()
    folder = parts_dir(run.output)
    articles = finish_output(folder, run.output, prov)
    outlets = outlet_table(partials, run.lexicons)
    write_table(outlets, run.outlets_output, {**prov, "params": {**prov["params"], "level": "outlet"}})
    remove_parts(folder)
    checkpoint_path(run.output).unlink(missing_ok=True)
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
                   chunk_size=chunk_size, column_map=column_map)
    fingerprint = run.fingerprint("local")
    checkpoint = checkpoint_path(run.output)
    folder = parts_dir(run.output)
    state = read_checkpoint(checkpoint, fingerprint) if resume else None
    if state is None:
        remove_parts(folder)
        checkpoint.unlink(missing_ok=True)
        state = {"chunks_done": 0, "position": 0, "partials": []}
    done = int(state["chunks_done"])
    partials = partials_from_json(state["partials"])
    matcher = TermMatcher(run.lexicons)
    scored = 0
    position = int(state["position"])
    with progress_bar(input_size(run.input), position, progress) as bar:
        for chunk in iter_chunks(run.input, chunk_size=run.chunk_size, column_map=run.column_map, skip=done):
            if chunk.index < done:
                continue
            table, chunk_partials = score_chunk(chunk.articles, run.lexicons, matcher, run.factors)
            write_part(folder, f"part-{chunk.index:06d}-000000", table)
            merge_partials(partials, chunk_partials)
            save_checkpoint(checkpoint, fingerprint, chunks_done=chunk.index + 1, position=chunk.position,
                            partials=partials_to_json(partials))
            scored += len(chunk.articles)
            bar.update(chunk.position - position)
            position = chunk.position
            bar.set_postfix_str(f"{scored / max(time.perf_counter() - started, 1e-9):,.0f} articles/s")
            if on_chunk is not None:
                on_chunk(chunk.index)
    return finish_run(run, partials, scored=scored, started=started)
