"""Copy a CSV/TSV or a gzipped input to JSON Lines, so that the Dask engines can cut it into shards.

A CSV cannot be cut at byte offsets where it stands: a quoted cell may hold
line breaks, so only reading it from the start tells where a row ends. A
gzipped file cannot be read from the middle at all. Their plain JSON Lines
copy (one row per line, the same cells, read back to the same articles) can
be cut at any line end (:func:`framing.scale.chunk_readers.plan_shards`).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Mapping

from framing.importers.base import DEFAULT_MAX_TEXT_CHARS
from framing.scale.chunk_readers import RowMapper, csv_records, input_kind, jsonl_records
from framing.scale.input_files import is_gzipped


def needs_copy(path: str | Path) -> bool:
    """True for an input the Dask engines must copy before cutting it: a CSV/TSV, or any gzipped file."""
    return input_kind(path) == "csv" or is_gzipped(path)


def copy_to_jsonl(
    path: str | Path,
    destination: str | Path,
    *,
    column_map: Mapping[str, str] | None = None,
    chunk_size: int = 1000,
    progress: bool = False,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> Path:
    """Copy the rows of a CSV/TSV or a gzipped JSON Lines file to plain JSON Lines.

    Quoted CSV cells may hold line breaks, so a CSV cannot be cut at byte
    offsets without reading it, and a gzipped file cannot be read from the
    middle; the JSON Lines copy (one row per line, the same cells) can, and
    gives the same articles. Each row is read as
    :func:`iter_chunks` reads it and checked as an article, so a bad row is
    reported with its CSV row number before any work is sent out. The copy
    is written under a temporary name and renamed when complete.

    Parameters
    ----------
    path, destination : str or Path
        The CSV/TSV (maybe gzipped) or gzipped JSON Lines file, and the
        JSON Lines file to write.
    column_map : mapping, optional
        As in :func:`iter_chunks`, for checking the rows.
    chunk_size : int
        Rows parsed at once.
    progress : bool
        Show a progress bar (bytes of the input file) on stderr.
    max_text_chars : int
        Longest text accepted per article, as in :func:`iter_chunks`.

    Returns
    -------
    Path
        ``destination``.

    Raises
    ------
    ValueError
        For a row that cannot be read (:class:`~framing.importers.ImportProblem`)
        or a file pandas cannot parse.
    """
    path, destination = Path(path), Path(destination)
    mapper = RowMapper(path.name, column_map, max_text_chars=max_text_chars)
    partial = destination.with_name(destination.name + ".partial")
    from tqdm import tqdm

    if input_kind(path) == "csv":
        records = ((row, f", row {number}", position) for row, number, position in csv_records(path, chunk_size, max_cell_chars=max_text_chars))
    else:
        records = jsonl_records(path)
    bar = tqdm(total=path.stat().st_size, unit="B", unit_scale=True, desc=f"copying {path.name} to JSON Lines",
               file=sys.stderr, disable=not progress, mininterval=0.5)
    try:
        with bar, partial.open("w", encoding="utf-8") as out:
            for row, where, position in records:
                mapper.article(row, where)  # raises for a bad row
                # ASCII escapes: every string, lone surrogates included, reads back the same.
                out.write(json.dumps(row) + "\n")
                bar.update(position - bar.n)
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    return destination
