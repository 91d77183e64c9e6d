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

import io
import json
from typing import Any, Iterator, Mapping, Sequence

from framing.article import Article
from framing.importers.base import MAPPABLE_FIELDS, ImportOptions, ImportProblem, clean_text, make_article
from framing.importers.cells import cell_text
from framing.importers.csv_rows import detect_delimiter, read_rows
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


def row_article(
    row: Mapping[str, Any], chosen: Mapping[str, str], filename: str, options: ImportOptions, where: str
) -> Article | None:
    """The article of one table row, or None when its text cell is empty.

    Cells become text by the rules of :mod:`framing.importers.cells` (a text
    that is not a string is refused, dates become ISO 8601, ...).
    """
    label = f"{filename}{where}"
    text = cell_text(row.get(chosen["text"]), column=chosen["text"], kind="text", label=label)
    if not clean_text(text).strip():
        return None
    mapped = set(chosen.values())
    fields = {name: cell_text(row.get(column), column=column, kind="field", label=label)
              for name, column in chosen.items() if name != "text"}
    meta = {}
    for key, value in row.items():
        if key not in mapped and key is not None:
            cell = cell_text(value, column=str(key), kind="meta", label=label)
            if cell != "":
                meta[str(key)] = cell
    return make_article(filename, text, options, where=where, meta=meta, **fields)


def rows_to_articles(
    rows: Iterator[tuple[int, Mapping[str, Any]]], columns: Sequence[str], filename: str, options: ImportOptions, unit: str
) -> list[Article]:
    """Turn ``(line number, row)`` pairs into articles using the column mapping."""
    chosen = resolve_columns(columns, options.column_map, filename)
    articles = []
    for number, row in rows:
        article = row_article(row, chosen, filename, options, f", {unit} {number}")
        if article is not None:
            articles.append(article)
    if not articles:
        raise ImportProblem(f"{filename}: no {unit} has text in column {chosen['text']!r}")
    return articles


def import_csv(data: bytes, filename: str, options: ImportOptions, *, delimiter: str | None = None) -> list[Article]:
    """Import a CSV (or, with ``delimiter="\\t"``, TSV) export, one article per row.

    Rows are read by :func:`framing.importers.csv_rows.read_rows`, as the
    streamed scorer reads them.
    """
    text = clean_text(decode_text(data, filename)[0])
    if delimiter is None:
        delimiter = detect_delimiter(text.lstrip("\ufeff").split("\n", 1)[0])
    lines = io.StringIO(text.lstrip("\ufeff"), newline="")
    rows = list(read_rows(lines, filename, delimiter=delimiter, max_cell_chars=options.max_text_chars))
    if not rows:
        raise ImportProblem(f"{filename}: the CSV has a header but no rows")
    return rows_to_articles(iter(rows), list(rows[0][1]), filename, options, "line")


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
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, and ints over 4,300 digits
            raise ImportProblem(f"{filename}, line {number}: not JSON ({exc})") from exc
        if not isinstance(value, dict):
            raise ImportProblem(f"{filename}, line {number}: a JSON {type(value).__name__}, not an object")
        columns.update(dict.fromkeys(value))
        rows.append((number, value))
    if not rows:
        raise ImportProblem(f"{filename}: no JSON objects")
    return rows_to_articles(iter(rows), list(columns), filename, options, "line")
