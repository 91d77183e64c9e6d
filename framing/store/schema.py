"""The store's schema as numbered migrations, applied in order and never edited.

To change the schema, append ``(n + 1, statements)`` to :data:`MIGRATIONS`;
:class:`framing.store.article_store.ArticleStore` applies the missing ones in the same
transaction that records them in ``schema_version``, so a database is always
at exactly one version.
"""

from __future__ import annotations

import sqlite3

from framing.resources import BUNDLED_LEXICONS

#: The story an existing store's articles join when it gains stories (migration 2).
MIGRATED_STORY = "my-articles"
#: Key of the default story in the ``settings`` table.
DEFAULT_STORY_KEY = "default_story"

MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            # seq keeps insertion order for listing; id is the public key
            # (a content hash, a manifest id or an export's id column).
            """CREATE TABLE articles (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                text_sha256 TEXT NOT NULL UNIQUE,
                outlet TEXT NOT NULL,
                alignment TEXT NOT NULL DEFAULT '',
                title TEXT NOT NULL DEFAULT '',
                date TEXT NOT NULL DEFAULT '',
                url TEXT NOT NULL DEFAULT '',
                source_file TEXT NOT NULL DEFAULT '',
                source_note TEXT NOT NULL DEFAULT '',
                text TEXT NOT NULL,
                meta TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
                added_at TEXT NOT NULL
            )""",
            "CREATE INDEX articles_outlet ON articles (outlet)",
            """CREATE TABLE lexicons (
                name TEXT NOT NULL,
                version TEXT NOT NULL,
                toml TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                added_at TEXT NOT NULL,
                PRIMARY KEY (name, version)
            )""",
        ),
    ),
    (
        2,
        (
            # A story: a named set of articles about one event, scored with its own lexicons.
            """CREATE TABLE stories (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE,
                description TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL
            )""",
            # version NULL: the bundled lexicon of that name, resolved when the
            # story is loaded (a newer framing may bundle a newer version);
            # otherwise the user lexicon (name, version) of the lexicons table.
            """CREATE TABLE story_lexicons (
                story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                version TEXT,
                PRIMARY KEY (story_id, position),
                UNIQUE (story_id, name)
            )""",
            """CREATE TABLE story_articles (
                story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE ON UPDATE CASCADE,
                added_at TEXT NOT NULL,
                PRIMARY KEY (story_id, article_id)
            )""",
            "CREATE INDEX story_articles_article ON story_articles (article_id)",
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            # An existing store's articles form one story with the bundled
            # lexicons, which becomes the default: commands without PATH
            # score exactly what they scored before.
            f"""INSERT INTO stories (name, description, created_at)
                SELECT '{MIGRATED_STORY}', 'The articles stored before stories existed',
                       strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
                WHERE EXISTS (SELECT 1 FROM articles)""",
            *(
                f"""INSERT INTO story_lexicons (story_id, position, name, version)
                    SELECT id, {position}, '{name}', NULL FROM stories WHERE name = '{MIGRATED_STORY}'"""
                for position, name in enumerate(BUNDLED_LEXICONS)
            ),
            f"""INSERT INTO story_articles (story_id, article_id, added_at)
                SELECT s.id, a.id, a.added_at FROM stories AS s, articles AS a WHERE s.name = '{MIGRATED_STORY}'""",
            f"""INSERT INTO settings (key, value)
                SELECT '{DEFAULT_STORY_KEY}', name FROM stories WHERE name = '{MIGRATED_STORY}'""",
        ),
    ),
)
#: The version a database has once every migration is applied.
SCHEMA_VERSION = MIGRATIONS[-1][0]


def foreign_tables(conn: sqlite3.Connection) -> str:
    """The tables of a database that holds some but is not a framing store (no ``schema_version``), else ``""``.

    ``framing --db`` on such a database would add framing's tables and the
    sample to it; an empty database becomes a store.
    """
    tables = sorted(row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    if not tables or "schema_version" in tables:
        return ""
    return ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
