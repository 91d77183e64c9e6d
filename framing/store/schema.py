"""The store's schema as numbered migrations, applied in order and never edited.

To change the schema, append ``(n + 1, statements)`` to :data:`MIGRATIONS`;
:class:`framing.store.article_store.ArticleStore` applies the missing ones in the same
transaction that records them in ``schema_version``, so a database is always
at exactly one version.
"""

from __future__ import annotations

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
)
#: The version a database has once every migration is applied.
SCHEMA_VERSION = MIGRATIONS[-1][0]
