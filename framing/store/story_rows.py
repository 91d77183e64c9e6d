"""The story tables' rows, written on an open connection inside a transaction.

:mod:`framing.store.stories` is the public API over an
:class:`~framing.store.article_store.ArticleStore`; these helpers are the SQL
both it and the store's migration (which seeds the bundled sample's story)
share. None of them commits: the caller's transaction makes a change whole
or absent.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from typing import Iterable, NamedTuple, Sequence

from framing.article import Article
from framing.resources import BUNDLED_LEXICONS, SAMPLE_CORPUS
from framing.store.schema import DEFAULT_STORY_KEY

#: A story name: a letter or digit, then letters, digits, ``.``, ``_`` or ``-`` (it names export folders).
STORY_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
SAMPLE_STORY = SAMPLE_CORPUS
SAMPLE_DESCRIPTION = "Three outlets' coverage of 30 April 2019 in Venezuela (the bundled sample)"


class LexiconRef(NamedTuple):
    """A story's reference to a lexicon.

    Attributes
    ----------
    name : str
        The lexicon's name.
    version : str or None
        None for a bundled lexicon (resolved by name when the story is
        loaded), else the version of a user lexicon kept in the store.
    """

    name: str
    version: str | None

    @property
    def bundled(self) -> bool:
        return self.version is None


def check_story_name(name: str) -> str:
    """Return ``name`` stripped, or raise ValueError saying what a name may hold."""
    name = (name or "").strip()
    if not STORY_NAME.match(name):
        raise ValueError(
            f"not a story name: {name!r} (use letters, digits, '.', '_' or '-', starting with a letter or digit, "
            "at most 100 characters)"
        )
    return name


def story_id(conn: sqlite3.Connection, name: str) -> int | None:
    """The row id of the story called ``name``, or None."""
    row = conn.execute("SELECT id FROM stories WHERE name = ?", (name,)).fetchone()
    return None if row is None else int(row[0])


def story_names(conn: sqlite3.Connection) -> list[str]:
    """Every story's name, oldest first."""
    return [name for (name,) in conn.execute("SELECT name FROM stories ORDER BY id")]


def insert_story(
    conn: sqlite3.Connection, name: str, description: str, lexicons: Sequence[LexiconRef], now: str
) -> int:
    """Insert a story with its lexicons (in order); return its row id."""
    cursor = conn.execute("INSERT INTO stories (name, description, created_at) VALUES (?, ?, ?)", (name, description, now))
    new_id = int(cursor.lastrowid)
    write_lexicon_refs(conn, new_id, lexicons)
    return new_id


def write_lexicon_refs(conn: sqlite3.Connection, story: int, lexicons: Sequence[LexiconRef]) -> None:
    """Replace a story's lexicon list."""
    conn.execute("DELETE FROM story_lexicons WHERE story_id = ?", (story,))
    conn.executemany(
        "INSERT INTO story_lexicons (story_id, position, name, version) VALUES (?, ?, ?, ?)",
        [(story, position, ref.name, ref.version) for position, ref in enumerate(lexicons)],
    )


def lexicon_refs(conn: sqlite3.Connection, story: int) -> list[LexiconRef]:
    """A story's lexicon references, in order."""
    rows = conn.execute("SELECT name, version FROM story_lexicons WHERE story_id = ? ORDER BY position", (story,))
    return [LexiconRef(name, version) for name, version in rows]


def link_articles(conn: sqlite3.Connection, story: int, article_ids: Iterable[str], now: str) -> int:
    """Put stored articles into a story (those already in it stay); return how many joined."""
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO story_articles (story_id, article_id, added_at) VALUES (?, ?, ?)",
        [(story, article_id, now) for article_id in article_ids],
    )
    return conn.total_changes - before


def default_story_name(conn: sqlite3.Connection) -> str | None:
    """The default story: the one set in ``settings`` if it still exists, else the oldest, else None."""
    row = conn.execute(
        "SELECT s.name FROM settings AS t JOIN stories AS s ON s.name = t.value WHERE t.key = ?", (DEFAULT_STORY_KEY,)
    ).fetchone()
    if row is not None:
        return row[0]
    names = story_names(conn)
    return names[0] if names else None


def set_default_story_name(conn: sqlite3.Connection, name: str) -> None:
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (DEFAULT_STORY_KEY, name))


def seed_sample_story(conn: sqlite3.Connection, sample: Sequence[Article], now: str, *, make_default: bool) -> None:
    """Create the bundled sample's story from the sample articles that are stored.

    Articles are found by their text's SHA-256, so a sample article stored
    under another id still joins, and one the user removed is not brought back.
    """
    if story_id(conn, SAMPLE_STORY) is not None:
        return
    ids = []
    for article in sample:
        digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        row = conn.execute("SELECT id FROM articles WHERE text_sha256 = ?", (digest,)).fetchone()
        if row is not None:
            ids.append(row[0])
    new_id = insert_story(conn, SAMPLE_STORY, SAMPLE_DESCRIPTION, [LexiconRef(n, None) for n in BUNDLED_LEXICONS], now)
    link_articles(conn, new_id, ids, now)
    if make_default:
        set_default_story_name(conn, SAMPLE_STORY)
