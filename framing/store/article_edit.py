"""Correcting a stored article's metadata: outlet, alignment, title, date.

The text is never edited (its SHA-256 is what makes an article "already
stored"); the metadata often needs to be, because importers guess it from
file names and page markup. Dates are checked as ISO 8601 (a year, a month,
a calendar date, or a date and time, as :meth:`datetime.datetime.fromisoformat`
reads them), so that sorting and the timeline keep working.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime

from framing.article import Article
from framing.store.article_store import ArticleStore, StoreError

#: The fields :func:`edit_article` changes.
EDITABLE_FIELDS = ("outlet", "alignment", "title", "date")
_YEAR_OR_MONTH = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
DATE_FORMAT_HINT = "ISO 8601, e.g. 2019-04-30, 2019-04 or 2019-04-30T14:05:00+00:00"


def check_date(text: str) -> str:
    """Return ``text`` stripped if it is an ISO 8601 date (or empty), else raise ValueError.

    Examples
    --------
    >>> check_date(" 2019-04-30 ")
    '2019-04-30'
    >>> check_date("March 5")
    Traceback (most recent call last):
    ...
    ValueError: not a date: 'March 5' (use ISO 8601, e.g. 2019-04-30, 2019-04 or 2019-04-30T14:05:00+00:00)
    """
    value = (text or "").strip()
    if not value or _YEAR_OR_MONTH.match(value):
        return value
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not a date: {text!r} (use {DATE_FORMAT_HINT})") from None
    if not re.match(r"^\d{4}-\d{2}-\d{2}", value):  # fromisoformat also takes 20190430; keep the readable form
        raise ValueError(f"not a date: {text!r} (use {DATE_FORMAT_HINT})")
    return value


def edit_article(store: ArticleStore, article_id: str, **changes: str | None) -> Article:
    """Change an article's metadata; fields left out or None stay as they are.

    Parameters
    ----------
    store : ArticleStore
    article_id : str
    **changes
        Any of :data:`EDITABLE_FIELDS`. ``outlet`` may not be empty; an empty
        ``date``, ``title`` or ``alignment`` clears it.

    Returns
    -------
    Article
        The article as now stored.

    Raises
    ------
    ValueError
        For an unknown field, an empty outlet or a date that is not ISO 8601.
    StoreError
        If no article has this id (nothing changes).
    """
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValueError(f"cannot edit {unknown[0]!r}; editable fields: {', '.join(EDITABLE_FIELDS)}")
    values = {k: v.strip() for k, v in changes.items() if v is not None}
    if "date" in values:
        values["date"] = check_date(values["date"])
    if "outlet" in values and not values["outlet"]:
        raise ValueError("the outlet may not be empty")
    if not values:
        raise ValueError(f"nothing to change; give any of {', '.join('--' + f for f in EDITABLE_FIELDS)}")

    def write(conn: sqlite3.Connection) -> None:
        assignments = ", ".join(f"{field} = ?" for field in values)
        cursor = conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*values.values(), article_id))
        if cursor.rowcount == 0:
            raise StoreError(f"no stored article with id {article_id!r}; 'framing list' shows the ids")

    store._write(write)  # noqa: SLF001 - the store's transaction handling
    return store.get(article_id)
