"""One cell of a table (CSV, JSON Lines, Parquet) as the text of an article field.

Tables hold more than strings: JSON Lines numbers, ``NaN``, lists and
objects; Parquet timestamps, dates, decimals and bytes of any Arrow type
(``pyarrow.Table.to_pylist`` turns them into Python's ``datetime``,
``Decimal``, ``bytes``, ``list``, ``dict``). The rules, the same for every
format:

- the **text** must be a string (or UTF-8 bytes); anything else is that
  row's problem, refused with the column's name: a number or a list is not
  an article, and storing its JSON would score it as one;
- the **metadata fields** (outlet, title, date, url, alignment, id) take
  strings, whole or finite numbers (``123`` -> ``"123"``), dates and
  timestamps (ISO 8601, ``2019-04-30T12:00:00+00:00``), decimals and UTF-8
  bytes; ``NaN``/infinity, booleans, lists and objects are refused;
- **other columns** (kept in ``Article.meta``) take the same, and lists and
  objects as compact JSON (dates inside as ISO 8601); only bytes that are
  not UTF-8 and non-finite numbers are refused.

``None`` (a null cell) is ``""`` everywhere.

References
----------
.. [1] Apache Arrow, "Data Types and In-Memory Data Model",
   https://arrow.apache.org/docs/python/data.html
.. [2] JSON Lines, https://jsonlines.org/ (RFC 8259 has no NaN; Python's
   :mod:`json` reads it all the same)
"""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from typing import Any

from framing.importers.base import ImportProblem

#: What each kind of column accepts, for messages.
_ACCEPTS = {
    "text": "a string",
    "field": "a string, a number or a date",
    "meta": "a string, a number, a date, a list or an object",
}


def _iso(value: Any) -> str | None:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def cell_text(value: Any, *, column: str, kind: str, label: str) -> str:
    """The text of one cell, by the rules of this module.

    Parameters
    ----------
    value : object
        The cell as the reader gave it.
    column : str
        The column's name, for messages.
    kind : {"text", "field", "meta"}
        The article text, a mapped metadata field, or another column.
    label : str
        File and row (``corpus.jsonl, line 3``), for messages.

    Raises
    ------
    ImportProblem
        For a value the column's kind does not take, naming the column.
    """
    if kind not in _ACCEPTS:
        raise ValueError(f"kind must be one of {', '.join(_ACCEPTS)}, got {kind!r}")
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            raise ImportProblem(f"{label}: column {column!r} holds bytes that are not UTF-8 text") from None
    if kind == "text":
        raise ImportProblem(
            f"{label}: the text column {column!r} holds {type(value).__name__} {_short(value)}, not {_ACCEPTS['text']}"
        )
    iso = _iso(value)
    if iso is not None:
        return iso
    if isinstance(value, bool):
        if kind == "meta":
            return json.dumps(value)
    elif isinstance(value, int):
        return str(value)
    elif isinstance(value, (float, Decimal)):
        if (isinstance(value, float) and math.isfinite(value)) or (isinstance(value, Decimal) and value.is_finite()):
            return str(value)
        raise ImportProblem(f"{label}: column {column!r} holds {value}, not a number")
    elif kind == "meta" and isinstance(value, (list, tuple, dict)):
        try:
            return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)
        except (TypeError, ValueError) as exc:
            raise ImportProblem(f"{label}: column {column!r} holds {_short(value)} ({exc})") from None
    raise ImportProblem(
        f"{label}: column {column!r} holds {type(value).__name__} {_short(value)}, not {_ACCEPTS[kind]}"
    )


def _json_default(value: Any) -> str:
    """Dates, decimals and bytes nested in a list or object, as text."""
    iso = _iso(value)
    if iso is not None:
        return iso
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8")  # UnicodeDecodeError is a ValueError: reported by the caller
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
