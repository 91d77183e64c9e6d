"""Read a corpus in chunks of articles, never whole.

JSON Lines is read line by line, CSV row by row (either may be gzipped,
:mod:`framing.scale.input_files`),
Parquet batch by batch (``pyarrow.parquet.ParquetFile.iter_batches``) and a
folder file by file, so a reader holds at most one chunk of articles (plus,
for Parquet, one decoded row group; write large files with row groups of a
few thousand rows). Columns are mapped to article fields as by ``framing
add`` (:func:`framing.importers.tabular.resolve_columns`): common names are
recognised, ``column_map`` names others, unmapped columns go to
``Article.meta``, and rows with an empty text are skipped.

Chunk ``i`` is always the same articles for the same input and chunk size,
which lets an interrupted run resume (:mod:`framing.scale.streaming`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from framing.article import Article

from framing.corpus import load_text_file
from framing.importers.base import DEFAULT_MAX_TEXT_CHARS, ImportOptions, ImportProblem
from framing.importers.csv_rows import detect_delimiter, read_rows
from framing.importers.tabular import resolve_columns, row_article
from framing.scale.input_files import GZIP_SUFFIX, data_suffix, is_gzipped, open_input

#: Input kinds and the file suffixes that select them.
SUFFIXES: Mapping[str, str] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet",
}
#: Input kinds that may also be given gzipped (``corpus.jsonl.gz``).
GZIP_KINDS = ("jsonl", "csv")
FOLDER_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Chunk:
    """Consecutive articles of the input.

    Attributes
    ----------
    index : int
        Position of the chunk in the input, from 0.
    articles : list of Article
        At most ``chunk_size`` articles (none for a skipped chunk).
    position : int
        Bytes of input read up to the end of this chunk (estimated from rows
        for Parquet), for progress and MB/s.
    """

    index: int
    articles: list[Article]
    position: int


def input_kind(path: str | Path) -> str:
    """Return ``jsonl``, ``csv``, ``parquet`` or ``folder`` for an input path.

    Raises
    ------
    ValueError
        If the path does not exist or its suffix is not one of :data:`SUFFIXES`.
    """
    path = Path(path)
    if path.is_dir():
        return "folder"
    if not path.is_file():
        if path.exists():  # /dev/zero, a FIFO: nothing that can be read in chunks and resumed
            raise ValueError(f"{path}: not a regular file or folder")
        raise ValueError(f"{path}: no such file or folder")
    kind = SUFFIXES.get(data_suffix(path))
    if kind is None or (is_gzipped(path) and kind not in GZIP_KINDS):
        shown = "".join(path.suffixes[-2:]) if is_gzipped(path) else path.suffix
        gzipped = ", ".join(s for s, k in SUFFIXES.items() if k in GZIP_KINDS)
        raise ValueError(f"{path}: unknown input type {shown!r}; allowed: {', '.join(SUFFIXES)} "
                         f"(also {gzipped} ending in {GZIP_SUFFIX}) or a folder")
    return kind


def folder_files(folder: Path) -> list[Path]:
    """The ``.txt``/``.md`` files of a folder, sorted by name (one path per article)."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in FOLDER_SUFFIXES and p.is_file())
    if not files:
        raise ValueError(f"{folder}: no .txt or .md files in this folder")
    return files


class RowMapper:
    """Turn table rows into articles with one column mapping per set of columns."""

    def __init__(self, filename: str, column_map: Mapping[str, str] | None = None, *,
                 max_text_chars: int = DEFAULT_MAX_TEXT_CHARS):
        self.filename = filename
        # ImportOptions checks the limit (a ValueError naming it) before any row is read.
        self.options = ImportOptions(column_map=dict(column_map or {}), max_text_chars=max_text_chars)
        self._chosen: dict[tuple[str, ...], dict[str, str]] = {}

    def article(self, row: Mapping[str, Any], where: str) -> Article | None:
        """The row's article, or None when its text cell is empty."""
        columns = tuple(row)
        chosen = self._chosen.get(columns)
        if chosen is None:
            if len(self._chosen) > 64:  # JSON Lines with ever-changing keys: keep the cache small
                self._chosen.clear()
            chosen = self._chosen[columns] = resolve_columns(columns, self.options.column_map, self.filename)
        return row_article(row, chosen, self.filename, self.options, where)


def _batched(items: Iterable[tuple[Any, int]], chunk_size: int, skip: int) -> Iterator[Chunk]:
    """Group ``(article or None, position)`` pairs into chunks; skipped chunks have no articles."""
    articles: list[Article] = []
    count = index = position = 0
    for article, position in items:
        if article is None:
            continue
        count += 1
        if index >= skip:
            articles.append(article)
        if count == chunk_size:
            yield Chunk(index, articles, position)
            articles, count, index = [], 0, index + 1
    if count:
        yield Chunk(index, articles, position)


def jsonl_records(path: Path, start: int = 0, end: int | None = None) -> Iterator[tuple[dict, str, int]]:
    """``(object, where, position)`` of each JSON Lines row from byte ``start`` to ``end``.

    ``where`` names the line for messages (``", line 7"``, or its end byte
    for a shard, which does not know its line numbers); ``position`` is the
    bytes of the file read so far (of the compressed file, when gzipped).
    """
    # Lines of finished chunks are parsed too: a row with an empty text is no
    # article, so only parsing tells where a chunk ends.
    with open_input(path) as (handle, raw):
        gzipped = handle is not raw  # then start is 0: gzipped inputs are never cut into shards
        handle.seek(start)
        offset = start
        for number, line in enumerate(handle, start=1):
            if end is not None and offset >= end:
                break
            offset += len(line)
            if not line.strip():
                continue
            if start:  # a shard does not know its line numbers, only its bytes
                number = -offset
            try:
                value = json.loads(line)
            except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError, ints over 4,300 digits
                raise ImportProblem(f"{path.name}, line {number}: not JSON ({exc})") from exc
            if not isinstance(value, dict):
                raise ImportProblem(f"{path.name}, line {number}: a JSON {type(value).__name__}, not an object")
            where = f", line {number}" if number > 0 else f", line ending at byte {-number}"
            yield value, where, raw.tell() if gzipped else offset


def _jsonl_rows(path: Path, mapper: RowMapper, start: int = 0, end: int | None = None) -> Iterator[tuple[Any, int]]:
    for value, where, position in jsonl_records(path, start, end):
        yield mapper.article(value, where), position


def csv_records(
    path: Path, chunk_size: int, *, max_cell_chars: int = DEFAULT_MAX_TEXT_CHARS
) -> Iterator[tuple[dict[str, str], int, int]]:
    """``(row, row number, bytes read)`` of each CSV/TSV row, every cell as text.

    Read line by line with :func:`framing.importers.csv_rows.read_rows`, the
    reader of ``framing add``, so both refuse the same rows (an unquoted
    delimiter, an unclosed quote) with the same row numbers (the header is
    row 1). ``chunk_size`` is kept for the callers; rows are read one at a time.
    A cell longer than ``max_cell_chars`` is refused (the text limit).
    """
    consumed = [0]

    def lines(handle: Any, raw: Any) -> Iterator[str]:
        for number, line in enumerate(handle):
            # Bytes of the file on disk, so that a gzipped file's progress ends at its size.
            consumed[0] = raw.tell() if handle is not raw else consumed[0] + len(line)
            try:
                yield line.decode("utf-8-sig" if number == 0 else "utf-8")
            except UnicodeDecodeError as exc:
                raise ImportProblem(f"{path.name}: not UTF-8 text ({exc}); convert it to UTF-8") from exc

    with open_input(path) as (handle, raw):
        header = handle.readline().decode("utf-8-sig", errors="replace")
        handle.seek(0)
        # Judged on the header line, as framing.importers.tabular.import_csv does.
        delimiter = "\t" if data_suffix(path) == ".tsv" else detect_delimiter(header)
        rows = read_rows(lines(handle, raw), path.name, delimiter=delimiter, max_cell_chars=max_cell_chars)
        for number, row in rows:
            yield row, number, consumed[0]


def _csv_rows(path: Path, mapper: RowMapper, chunk_size: int) -> Iterator[tuple[Any, int]]:
    for row, number, position in csv_records(path, chunk_size, max_cell_chars=mapper.options.max_text_chars):
        yield mapper.article(row, f", row {number}"), position


def _parquet_rows(
    path: Path, mapper: RowMapper, chunk_size: int, row_groups: Sequence[int] | None = None
) -> Iterator[tuple[Any, int]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    size = path.stat().st_size
    done = 0
    try:
        with pq.ParquetFile(path) as parquet:
            total = max(parquet.metadata.num_rows, 1)
            done = sum(parquet.metadata.row_group(g).num_rows for g in range(min(row_groups or [0])))
            for batch in parquet.iter_batches(batch_size=chunk_size, row_groups=row_groups):
                for row in batch.to_pylist():
                    done += 1
                    yield mapper.article(row, f", row {done}"), size * done // total
    except pa.ArrowException as exc:  # a damaged file, or a type Arrow cannot turn into Python values
        detail = " ".join(str(exc).split())[:200]
        raise ImportProblem(f"{path.name}: not a readable Parquet file after row {done} ({detail})") from exc


def _folder_rows(files: Sequence[Path], skip_files: int) -> Iterator[tuple[Any, int]]:
    position = 0
    for number, file in enumerate(files):
        position += file.stat().st_size
        # Files of finished chunks are not read: each file is one article.
        yield (True if number < skip_files else load_text_file(file)), position


def iter_chunks(
    path: str | Path,
    *,
    chunk_size: int = 1000,
    column_map: Mapping[str, str] | None = None,
    skip: int = 0,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> Iterator[Chunk]:
    """Yield the input's articles in chunks of ``chunk_size``, lazily.

    Parameters
    ----------
    path : str or Path
        A ``.jsonl``/``.ndjson``, ``.csv``/``.tsv`` (any of them may end in
        ``.gz``) or ``.parquet`` file, or a folder of ``.txt``/``.md`` files
        (outlet from each file name).
    chunk_size : int
        Articles per chunk (the last may have fewer).
    column_map : mapping, optional
        Field -> column name (``text``, ``outlet``, ``title``, ``date``,
        ``url``, ``alignment``, ``id``), as ``framing add --text-column``.
    skip : int
        Number of leading chunks to pass over (yielded without articles, to
        keep positions); a folder's files in them are not even read.
    max_text_chars : int
        Longest text accepted per article (default 2,000,000), as
        ``framing add --max-text-chars``: a longer one stops the run naming its row.

    Raises
    ------
    ValueError
        For a bad option or path; :class:`~framing.importers.ImportProblem`
        (a ``ValueError``) for a row that cannot be read.
    """
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    if isinstance(skip, bool) or not isinstance(skip, int) or skip < 0:
        raise ValueError(f"skip must be a non-negative integer, got {skip!r}")
    path = Path(path)
    kind = input_kind(path)
    mapper = RowMapper(path.name, column_map, max_text_chars=max_text_chars)
    if kind == "jsonl":
        rows = _jsonl_rows(path, mapper)
    elif kind == "csv":
        rows = _csv_rows(path, mapper, chunk_size)
    elif kind == "parquet":
        rows = _parquet_rows(path, mapper, chunk_size)
    else:
        rows = _folder_rows(folder_files(path), skip * chunk_size)
    for chunk in _batched(rows, chunk_size, skip):
        yield chunk


def input_size(path: str | Path) -> int:
    """Bytes of input: the file's size, or the folder's text files' total."""
    path = Path(path)
    if path.is_dir():
        return sum(f.stat().st_size for f in folder_files(path))
    return os.path.getsize(path)


@dataclass(frozen=True)
class Shard:
    """A part of the input that one task reads by itself (:mod:`framing.scale.dask_engine`).

    Attributes
    ----------
    index : int
        Position of the shard in the input.
    path : str
        The input file or folder.
    kind : str
        ``jsonl``, ``parquet`` or ``folder``.
    start, end : int
        Byte range (JSON Lines, cut at line ends), row-group range (Parquet)
        or file range (folder).
    files : tuple of str
        For a folder, the names of the shard's files.
    size : int
        Bytes of input in the shard, for progress.
    """

    index: int
    path: str
    kind: str
    start: int
    end: int
    files: tuple[str, ...] = ()
    size: int = 0


def plan_shards(path: str | Path, *, shard_bytes: int, min_shards: int = 1, multiple_of: int = 1) -> list[Shard]:
    """Cut the input into shards of about ``shard_bytes`` (at least ``min_shards``).

    The count is rounded up to a multiple of ``multiple_of`` (the workers),
    so that each worker gets as many equal shards and none is left alone
    with the last one while the others wait.

    Raises
    ------
    ValueError
        For a CSV input: quoted fields may hold newlines, so a CSV cannot be
        cut at byte offsets without reading it; for a gzipped input, which
        cannot be read from the middle (copy either with
        :func:`framing.scale.csv_copy.copy_to_jsonl` first); or for a path that is not an input.
    """
    path = Path(path)
    kind = input_kind(path)
    if is_gzipped(path):
        raise ValueError(f"{path}: a gzipped file cannot be split into shards; "
                         "decompress it, or use the local engine")
    if kind == "csv":
        raise ValueError(f"{path}: a CSV cannot be split into shards (quoted texts hold newlines); "
                         "use JSON Lines, Parquet or a folder, or the local engine")
    total = input_size(path)
    count = max(min_shards, -(-total // max(shard_bytes, 1)))
    count = -(-count // max(multiple_of, 1)) * max(multiple_of, 1)
    if kind == "jsonl":
        cuts = [0]
        with path.open("rb") as handle:
            for k in range(1, count):
                handle.seek(max(k * total // count - 1, cuts[-1]))
                handle.readline()  # move to the start of the next line
                cuts.append(max(handle.tell(), cuts[-1]))
        cuts.append(total)
        bounds = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
        return [Shard(i, str(path), kind, a, b, size=b - a) for i, (a, b) in enumerate(bounds)]
    if kind == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetFile(path) as parquet:
            groups = parquet.metadata.num_row_groups
            sizes = [parquet.metadata.row_group(g).total_byte_size for g in range(groups)]
        count = min(count, groups)
        cuts = [g * groups // count for g in range(count + 1)]
        return [Shard(i, str(path), kind, a, b, size=sum(sizes[a:b])) for i, (a, b) in enumerate(zip(cuts, cuts[1:]))]
    files = folder_files(path)
    count = min(count, len(files))
    cuts = [k * len(files) // count for k in range(count + 1)]
    return [
        Shard(i, str(path), kind, a, b, files=tuple(f.name for f in files[a:b]),
              size=sum(f.stat().st_size for f in files[a:b]))
        for i, (a, b) in enumerate(zip(cuts, cuts[1:]))
    ]


def iter_shard_chunks(
    shard: Shard, *, chunk_size: int, column_map: Mapping[str, str] | None = None,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> Iterator[Chunk]:
    """Yield a shard's articles in chunks of ``chunk_size`` (positions relative to the shard)."""
    path = Path(shard.path)
    mapper = RowMapper(path.name, column_map, max_text_chars=max_text_chars)
    if shard.kind == "jsonl":
        rows: Iterable[tuple[Any, int]] = (
            (article, offset - shard.start) for article, offset in _jsonl_rows(path, mapper, shard.start, shard.end)
        )
    elif shard.kind == "parquet":
        rows = _parquet_rows(path, mapper, chunk_size, list(range(shard.start, shard.end)))
    else:
        rows = _folder_rows([path / name for name in shard.files], 0)
    yield from _batched(rows, chunk_size, 0)
