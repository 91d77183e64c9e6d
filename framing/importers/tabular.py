"""Exports of other tools: CSV/TSV tables and JSON Lines, one article per row.

A column mapping says which column holds the text and which the metadata.
Without one, common names are recognised (case-insensitively), so exports of
Media Cloud (``media_name``, ``publish_date``, ``url``, ``title``, ``text``)
[1]_, news-please (``maintext``) and AllSides-style datasets (``source``,
``bias``) import without options. Columns not mapped are kept in
``Article.meta``. Rows whose text cell is empty are skipped: exports often
list stories whose text could not be fetched.

References
----------
.. [1] Media Cloud, "Search: downloading results",
   https://www.mediacloud.org/documentation/search-api-guide
.. [2] JSON Lines format, https://jsonlines.org/
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from typing import Any, Iterator, Mapping, Sequence

from framing.article import Article
from framing.importers.base import MAPPABLE_FIELDS, ImportOptions, ImportProblem, clean_text, make_article
from framing.importers.text import decode_text

#: Column names tried, in order, for each field when the mapping names none.
DEFAULT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "maintext", "full_text", "article_text", "story_text", "article"),
    "outlet": ("outlet", "source", "media_name", "media", "publisher", "source_name", "sitename", "site_name"),
    "title": ("title", "headline"),
    "date": ("date", "publish_date", "published", "publication_date", "pub_date", "date_publish"),
    "url": ("url", "link", "source_url"),
    "alignment": ("alignment", "bias", "bias_rating", "leaning", "lean"),
    "id": ("id", "guid", "stories_id", "story_id"),
}
#: Option of ``framing add`` that sets each field's column (for messages).
_OPTION = {name: f"--{name}-column" for name in MAPPABLE_FIELDS}


def resolve_columns(columns: Sequence[str], column_map: Mapping[str, str], filename: str) -> dict[str, str]:
    """Decide which column holds each field.

    Raises
    ------
    ImportProblem
        If a column named in ``column_map`` does not exist, or no text column
        is found; the message lists the columns the file has.
    """
    have = ", ".join(repr(c) for c in columns) or "none"
    by_lower = {c.strip().lower(): c for c in reversed(columns)}  # the first of duplicates wins
    chosen: dict[str, str] = {}
    for name in MAPPABLE_FIELDS:
        wanted = column_map.get(name)
        if wanted:
            column = wanted if wanted in columns else by_lower.get(wanted.strip().lower())
            if column is None:
                raise ImportProblem(f"{filename}: no column {wanted!r} (the {name} column); the columns are {have}")
            chosen[name] = column
            continue
        for candidate in DEFAULT_COLUMNS[name]:
            if candidate in by_lower:
                chosen[name] = by_lower[candidate]
                break
    if "text" not in chosen:
        raise ImportProblem(
            f"{filename}: no text column (looked for {', '.join(DEFAULT_COLUMNS['text'])}); "
            f"the columns are {have}; name one with {_OPTION['text']}"
        )
    return chosen


def _cell(value: Any) -> str:
    """A cell as text: JSON for nested values, ``""`` for null."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def rows_to_articles(
    rows: Iterator[tuple[int, Mapping[str, Any]]], columns: Sequence[str], filename: str, options: ImportOptions, unit: str
) -> list[Article]:
    """Turn ``(line number, row)`` pairs into articles using the column mapping."""
    chosen = resolve_columns(columns, options.column_map, filename)
    mapped = set(chosen.values())
    articles = []
    for number, row in rows:
        text = _cell(row.get(chosen["text"]))
        if not clean_text(text).strip():
            continue
        fields = {name: _cell(row.get(column)) for name, column in chosen.items() if name != "text"}
        meta = {k: _cell(v) for k, v in row.items() if k not in mapped and k is not None and _cell(v) != ""}
        articles.append(make_article(filename, text, options, where=f", {unit} {number}", meta=meta, **fields))
    if not articles:
        raise ImportProblem(f"{filename}: no {unit} has text in column {chosen['text']!r}")
    return articles


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    # The csv module rejects fields over 131,072 characters, shorter than many
    # articles. The limit is process-wide, so it is raised only for this read
    # and restored afterwards.
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def import_csv(data: bytes, filename: str, options: ImportOptions, *, delimiter: str | None = None) -> list[Article]:
    """Import a CSV (or, with ``delimiter="\\t"``, TSV) export, one article per row."""
    text = clean_text(decode_text(data, filename)[0])
    if delimiter is None:
        # Judged on the header line alone: csv.Sniffer misreads a sample that
        # cuts a long quoted text in half, and headers rarely quote anything.
        header_line = text.lstrip("\ufeff").split("\n", 1)[0]
        delimiter = max(",;\t|", key=header_line.count)  # ties go to the comma, listed first
    try:
        with _field_limit(options.max_text_chars + 1):
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportProblem(f"{filename}: malformed CSV ({exc})") from exc
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportProblem(f"{filename}: the CSV has no header row")
    header = [c.strip() for c in records[0]]
    if len(records) == 1:
        raise ImportProblem(f"{filename}: the CSV has a header but no rows")
    for number, record in enumerate(records[1:], start=2):
        # Cells beyond the header are what an unquoted comma in a text leaves:
        # dropping them would cut the text silently.
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header):]):
            raise ImportProblem(
                f"{filename}, row {number}: {len(record)} cells but the header has {len(header)}; "
                f"a text holding the delimiter {delimiter!r} must be quoted"
            )
    rows = ((line, dict(zip(header, record))) for line, record in enumerate(records[1:], start=2))
    return rows_to_articles(rows, header, filename, options, "line")


def import_jsonl(data: bytes, filename: str, options: ImportOptions) -> list[Article]:
    """Import a JSON Lines export: one JSON object per line, one article each."""
    text = decode_text(data, filename)[0]
    rows: list[tuple[int, dict[str, Any]]] = []
    columns: dict[str, None] = {}  # ordered set of keys seen, for messages
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ImportProblem(f"{filename}, line {number}: not JSON ({exc})") from exc
        if not isinstance(value, dict):
            raise ImportProblem(f"{filename}, line {number}: a JSON {type(value).__name__}, not an object")
        columns.update(dict.fromkeys(value))
        rows.append((number, value))
    if not rows:
        raise ImportProblem(f"{filename}: no JSON objects")
    return rows_to_articles(iter(rows), list(columns), filename, options, "line")
