"""Import articles from the files people have: text, HTML, Word, PDF, CSV, JSON Lines.

:func:`import_file` reads a file from disk, :func:`import_bytes` the bytes of
an upload (the dashboard). Both choose the importer by the file name's
suffix, enforce the size limits before parsing, and raise
:class:`ImportProblem` with one line naming the file and the reason for
anything wrong with it. Article ids are content hashes
(:func:`framing.article.content_id`) unless a table's id column gives one.

One module per format: :mod:`~framing.importers.text`,
:mod:`~framing.importers.html`, :mod:`~framing.importers.docx`,
:mod:`~framing.importers.pdf`, :mod:`~framing.importers.tabular`; tables
share :mod:`~framing.importers.csv_rows` (the CSV row reader, also used by
the streamed scorer) and :mod:`~framing.importers.cells` (cells of any type
as text), and HTML pages are bounded by :mod:`~framing.importers.html_limits`.

May import: :mod:`framing.lexicon`, :mod:`framing.text` and the base modules
(:mod:`framing.article`); the corpus loader and the store sit above it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable, Mapping

from framing.article import Article
from framing.importers.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_TEXT_CHARS,
    MAPPABLE_FIELDS,
    SOURCE_FILE_KEY,
    ImportOptions,
    ImportProblem,
    check_size,
)
from framing.importers.docx import import_docx
from framing.importers.html import import_html
from framing.importers.pdf import import_pdf
from framing.importers.tabular import DEFAULT_COLUMNS, import_csv, import_jsonl
from framing.importers.text import import_text

__all__ = [
    "DEFAULT_COLUMNS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_TEXT_CHARS",
    "MAPPABLE_FIELDS",
    "SOURCE_FILE_KEY",
    "SUPPORTED_SUFFIXES",
    "ImportOptions",
    "ImportProblem",
    "import_bytes",
    "import_file",
]

_Importer = Callable[[bytes, str, ImportOptions], list[Article]]
_IMPORTERS: Mapping[str, _Importer] = {
    ".txt": import_text,
    ".md": functools.partial(import_text, markdown=True),
    ".markdown": functools.partial(import_text, markdown=True),
    ".html": import_html,
    ".htm": import_html,
    ".docx": import_docx,
    ".pdf": import_pdf,
    ".csv": import_csv,
    ".tsv": functools.partial(import_csv, delimiter="\t"),
    ".jsonl": import_jsonl,
    ".ndjson": import_jsonl,
}
#: File name suffixes :func:`import_file` accepts (lower case).
SUPPORTED_SUFFIXES = tuple(sorted(_IMPORTERS))


def _importer_for(filename: str) -> _Importer:
    suffix = Path(filename).suffix.lower()
    try:
        return _IMPORTERS[suffix]
    except KeyError:
        kind = f"file type {suffix!r}" if suffix else "file type (no suffix)"
        raise ImportProblem(f"{filename}: unsupported {kind}; supported: {', '.join(SUPPORTED_SUFFIXES)}") from None


def import_bytes(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    outlet: str | None = None,
    alignment: str | None = None,
    title: str | None = None,
    date: str | None = None,
    column_map: Mapping[str, str] | None = None,
) -> list[Article]:
    """Import the articles in the bytes of one file.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        Its name; the suffix chooses the format (see ``SUPPORTED_SUFFIXES``)
        and the name is recorded in ``Article.meta["source_file"]``.
    max_bytes : int
        Largest file accepted (default 20 MB).
    max_text_chars : int
        Largest text accepted per article after extraction (default 2,000,000).
    outlet, alignment, title, date : str, optional
        Values for every article, overriding what the file says.
    column_map : mapping, optional
        For .csv/.tsv/.jsonl: field -> column name, fields among
        ``MAPPABLE_FIELDS``; unmapped fields use ``DEFAULT_COLUMNS``.

    Returns
    -------
    list of Article
        One per document, or one per row with text for tables.

    Raises
    ------
    ImportProblem
        With a one-line message naming the file, for any file that cannot be
        imported, including any exception a parser raises on a hostile file.
    ValueError
        If an option is invalid (a bad limit or an unknown mapped field).
    """
    options = ImportOptions(
        max_bytes=max_bytes,
        max_text_chars=max_text_chars,
        outlet=outlet,
        alignment=alignment,
        title=title,
        date=date,
        column_map=dict(column_map or {}),
    )
    name = Path(filename).name or filename
    importer = _importer_for(name)
    check_size(name, len(data), options)
    if not data.strip():
        raise ImportProblem(f"{name}: empty file (only whitespace)")
    try:
        return importer(bytes(data), name, options)
    except ImportProblem:
        raise
    except (Exception, RecursionError, MemoryError) as exc:
        # Whatever a third-party parser raises for a hostile file is that
        # file's problem, on one line: a batch goes on with the next file.
        detail = " ".join(str(exc).split())[:200]
        raise ImportProblem(f"{name}: could not be read ({type(exc).__name__}: {detail})") from exc


def import_file(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    outlet: str | None = None,
    alignment: str | None = None,
    title: str | None = None,
    date: str | None = None,
    column_map: Mapping[str, str] | None = None,
) -> list[Article]:
    """Import the articles in a file; the size is checked before it is read.

    Parameters and errors are those of :func:`import_bytes`.
    """
    path = Path(path)
    options = ImportOptions(max_bytes=max_bytes, max_text_chars=max_text_chars, column_map=dict(column_map or {}))
    _importer_for(path.name)
    try:
        if path.is_dir():
            raise ImportProblem(f"{path}: is a folder, not a file")
        size = path.stat().st_size
        check_size(path.name, size, options)
        with path.open("rb") as handle:
            # read one byte more than allowed: the file may have grown since stat()
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ImportProblem(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return import_bytes(
        data,
        path.name,
        max_bytes=max_bytes,
        max_text_chars=max_text_chars,
        outlet=outlet,
        alignment=alignment,
        title=title,
        date=date,
        column_map=column_map,
    )
