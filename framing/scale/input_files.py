"""Open a corpus file for reading in chunks, plain or gzip-compressed.

News exports are often shipped gzipped (``articles.jsonl.gz``), and a
researcher with a few hundred MB of text should not need twice the disk to
score it. JSON Lines and CSV/TSV files may therefore end in ``.gz``; they are
decompressed as they are read with the standard library's :mod:`gzip`, so a
reader still holds one chunk at a time. Parquet compresses its own pages and
is not accepted gzipped.

A gzipped file cannot be cut at byte offsets (a shard would have to
decompress everything before its start), so the Dask engines copy it to
plain JSON Lines first, as they copy a CSV (:mod:`framing.scale.csv_copy`).
"""

from __future__ import annotations

import gzip
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from framing.importers.base import ImportProblem

#: The suffix of a gzip-compressed input.
GZIP_SUFFIX = ".gz"


def is_gzipped(path: str | Path) -> bool:
    """True when the input's name ends in ``.gz`` (compared case-insensitively)."""
    return Path(path).suffix.lower() == GZIP_SUFFIX


def data_suffix(path: str | Path) -> str:
    """The lower-case suffix that names the input's format, under any ``.gz``.

    ``corpus.jsonl.gz`` gives ``.jsonl``, ``corpus.TSV`` gives ``.tsv``, and
    ``corpus.gz`` gives ``""`` (the format is not named).
    """
    path = Path(path)
    if is_gzipped(path):
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()


@contextmanager
def open_input(path: str | Path) -> Iterator[tuple[BinaryIO, BinaryIO]]:
    """Open an input file as bytes, decompressing it if it is gzipped.

    Yields
    ------
    handle : binary file
        What to read the data from.
    raw : binary file
        The file on disk; its ``tell()`` is the bytes of input read so far,
        which for a gzipped file is what a progress bar over the file's size
        needs (the decompressed position would overrun it).

    Raises
    ------
    ImportProblem
        When a gzipped file is not gzip data or ends early (a truncated
        download), raised where the reading fails, naming the file.
    """
    path = Path(path)
    with path.open("rb") as raw:
        if not is_gzipped(path):
            yield raw, raw
            return
        try:
            with gzip.GzipFile(fileobj=raw, mode="rb") as handle:
                yield handle, raw  # type: ignore[misc]  # GzipFile is a binary file
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            # EOFError: "Compressed file ended before the end-of-stream marker was reached".
            raise ImportProblem(f"{path.name}: not a readable gzip file ({exc})") from exc
