"""The article store: an embedded SQLite database that survives restarts and crashes.

Where it lives, first match wins:

1. the ``path`` argument (``--db PATH`` on the command line);
2. the ``FRAMING_DB`` environment variable;
3. ``$XDG_DATA_HOME/framing/framing.db``, by default
   ``~/.local/share/framing/framing.db`` (the XDG Base Directory
   specification [1]_); on Windows ``%LOCALAPPDATA%\\framing\\framing.db``.

It is created on first use, with the bundled sample corpus in it.

Safety: write-ahead-log mode with ``synchronous=FULL`` [2]_, so a committed
transaction survives a killed process or a power cut and an interrupted one
leaves no trace; each :meth:`ArticleStore.add` is one ``BEGIN IMMEDIATE``
transaction, whole or absent. Writers wait for each other (``busy_timeout``),
and a "database is locked" that still comes (e.g. while another process
recovers the log) is retried with backoff for :data:`LOCK_PATIENCE` seconds.

References
----------
.. [1] freedesktop.org, "XDG Base Directory Specification",
   https://specifications.freedesktop.org/basedir-spec/latest/
.. [2] SQLite, "Write-Ahead Logging", https://www.sqlite.org/wal.html, and
   "Atomic Commit In SQLite", https://www.sqlite.org/atomiccommit.html
"""

from __future__ import annotations

import builtins
import csv
import hashlib
import json
import os
import random
import sqlite3
import sys
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

from framing.article import Article
from framing.corpus import load_sample_corpus
from framing.lexicon.model import Lexicon, parse_lexicon
from framing.store.schema import MIGRATIONS, SCHEMA_VERSION, foreign_tables
from framing.store.story_rows import seed_sample_story

if TYPE_CHECKING:
    import pandas as pd

ENV_VAR = "FRAMING_DB"
#: Seconds SQLite waits for another writer before answering "locked".
BUSY_TIMEOUT_S = 10.0
#: Seconds of retrying after that before giving up with :class:`StoreError`.
LOCK_PATIENCE = 120.0
EXPORT_FORMATS = ("csv", "jsonl")
#: Columns of :meth:`ArticleStore.list` and of exports (plus ``text`` and ``meta``).
LIST_COLUMNS = ("id", "outlet", "alignment", "title", "date", "url", "source_file", "source_note", "chars", "added_at")
SOURCE_FILE_KEY = "source_file"  # same key as framing.importers.SOURCE_FILE_KEY
SAMPLE_SOURCE = "bundled sample"

T = TypeVar("T")


class StoreError(RuntimeError):
    """The store cannot be opened or used; the message says why in one line."""


def default_db_path() -> Path:
    """Return where the store lives when no path is given (see the module docstring)."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "framing" / "framing.db"
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "framing" / "framing.db"


@dataclass(frozen=True)
class AddResult:
    """What :meth:`ArticleStore.add` did with each article.

    Attributes
    ----------
    added : list of str
        Ids of articles stored now.
    already_stored : list of str
        Ids (as stored) of articles whose exact text was already in the store.
    conflicts : list of str
        Ids already used by a *different* text; those articles were not stored.
    """

    added: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ArticleStore:
    """Articles and user lexicons in one SQLite file.

    Parameters
    ----------
    path : str or Path, optional
        The database file; default :func:`default_db_path`. Created, with
        its folder and the bundled sample, when it does not exist.

    Raises
    ------
    StoreError
        If the file cannot be created or opened, is not a framing database,
        or was written by a newer framing.

    Notes
    -----
    Each method opens and closes its own connection: one store object may be
    shared by threads (Streamlit reruns), several processes may share the file.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_db_path()
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder; give the path of a database file")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path.parent}: cannot create the folder ({exc.strerror or exc})") from exc
        if foreign := self._retry(foreign_tables):  # before WAL: switching the journal mode writes to the file
            raise StoreError(f"{self.path}: not a framing store (it holds the tables {foreign}); give --db a new file or a framing store")
        self._retry(self._set_wal)
        self._write(self._migrate)

    # -- connections and transactions -------------------------------------------

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc
        with closing(conn):
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            yield conn

    def _retry(self, action: Callable[[sqlite3.Connection], T], *, transaction: bool = False) -> T:
        """Run ``action`` on a fresh connection, retrying while the database is locked."""
        deadline = time.monotonic() + LOCK_PATIENCE
        delay = 0.01
        while True:
            try:
                with self._connect() as conn:
                    if not transaction:
                        return action(conn)
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        result = action(conn)
                        conn.execute("COMMIT")
                    except BaseException:
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                        raise
                    return result
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise StoreError(f"{self.path}: {exc}") from exc
                if time.monotonic() > deadline:
                    raise StoreError(f"{self.path}: still busy after {LOCK_PATIENCE:.0f} s of retrying; try again later") from exc
                time.sleep(delay * (1 + random.random()))  # jitter: two waiting writers do not wake together
                delay = min(delay * 2, 1.0)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: not a usable framing database ({exc})") from exc

    def _write(self, action: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``action`` in one ``BEGIN IMMEDIATE`` transaction (whole or absent)."""
        return self._retry(action, transaction=True)

    @staticmethod
    def _set_wal(conn: sqlite3.Connection) -> None:
        # WAL lets readers (the dashboard) read while a writer imports, and
        # makes each commit a single append to the log.
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError("database is locked (cannot switch to WAL yet)")

    def _migrate(self, conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        current = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema version {current} is newer than this framing "
                f"understands ({SCHEMA_VERSION}); upgrade framing"
            )
        for version, statements in MIGRATIONS:
            if version > current:
                for statement in statements:
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version VALUES (?, ?)", (version, _now()))
        if current == 0:  # a new database: start with the sample so every page has something
            self._insert(conn, load_sample_corpus(), default_source=SAMPLE_SOURCE)
        if current < 2:  # the sample's story; the default only in a new store (a migrated one keeps my-articles)
            seed_sample_story(conn, load_sample_corpus(), _now(), make_default=current == 0)

    # -- articles -----------------------------------------------------------------

    def _insert(self, conn: sqlite3.Connection, articles: Iterable[Article], *, default_source: str = "") -> AddResult:
        result = AddResult()
        now = _now()
        for article in articles:
            digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
            same_text = conn.execute("SELECT id FROM articles WHERE text_sha256 = ?", (digest,)).fetchone()
            if same_text:
                result.already_stored.append(same_text[0])
                continue
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                result.conflicts.append(article.id)
                continue
            meta = dict(article.meta)
            source_file = str(meta.pop(SOURCE_FILE_KEY, "") or default_source)
            conn.execute(
                "INSERT INTO articles (id, text_sha256, outlet, alignment, title, date, url, source_file,"
                " source_note, text, meta, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id, digest, article.outlet, article.alignment, article.title, article.date,
                    article.url, source_file, article.source_note, article.text,
                    json.dumps(meta, ensure_ascii=False, sort_keys=True), now,
                ),
            )  # fmt: skip
            result.added.append(article.id)
        return result

    def add(self, articles: Iterable[Article]) -> AddResult:
        """Store articles in one transaction; a text already stored is not stored twice.

        Parameters
        ----------
        articles : iterable of Article
            ``meta["source_file"]`` (set by :mod:`framing.importers`) fills
            the ``source_file`` column.

        Returns
        -------
        AddResult
        """
        batch = builtins.list(articles)
        return self._write(lambda conn: self._insert(conn, batch))

    @staticmethod
    def _article(row: sqlite3.Row | tuple) -> Article:
        id_, outlet, alignment, title, date, url, source_file, source_note, text, meta_json = row
        meta = json.loads(meta_json or "{}")
        if source_file:
            meta[SOURCE_FILE_KEY] = source_file
        return Article(
            id=id_, outlet=outlet, text=text, alignment=alignment, title=title, date=date,
            url=url, source_note=source_note, meta=meta,
        )  # fmt: skip

    _ARTICLE_COLUMNS = "id, outlet, alignment, title, date, url, source_file, source_note, text, meta"

    def get(self, article_id: str) -> Article:
        """Return one article by id.

        Raises
        ------
        KeyError
            If no article has this id.
        """
        sql = f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE id = ?"
        row = self._retry(lambda conn: conn.execute(sql, (article_id,)).fetchone())
        if row is None:
            raise KeyError(article_id)
        return self._article(row)

    def _select(self, columns: str) -> builtins.list[tuple]:
        return self._retry(lambda conn: conn.execute(f"SELECT {columns} FROM articles ORDER BY seq").fetchall())

    def articles(self) -> builtins.list[Article]:
        """Return every stored article, oldest first."""
        return [self._article(r) for r in self._select(self._ARTICLE_COLUMNS)]

    def remove(self, article_id: str) -> bool:
        """Delete an article; return whether there was one with this id."""
        return self._write(lambda conn: conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0)

    def count(self) -> int:
        """Return the number of stored articles."""
        return int(self._retry(lambda conn: conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]))

    def list(self) -> pd.DataFrame:
        """Return the metadata of every article (no text), oldest first.

        Returns
        -------
        pandas.DataFrame
            Columns ``LIST_COLUMNS``; ``chars`` is the text length.
        """
        import pandas as pd  # imported here: `framing add` should not pay for pandas

        select = ", ".join("LENGTH(text)" if c == "chars" else c for c in LIST_COLUMNS)
        return pd.DataFrame(self._select(select), columns=builtins.list(LIST_COLUMNS))

    def export(self, fmt: str, out: str | Path | IO[str]) -> int:
        """Write every article (text and metadata) as CSV or JSON Lines.

        Parameters
        ----------
        fmt : {"csv", "jsonl"}
        out : str, Path or text stream
            The file to write (replaced), or an open text stream.

        Returns
        -------
        int
            The number of articles written.

        Notes
        -----
        The columns are those :func:`framing.importers.import_file` maps by
        default, so an export imports again with ``framing add``.
        """
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"fmt must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
        columns = [c for c in LIST_COLUMNS if c != "chars"] + ["text", "meta"]
        rows = self._select(", ".join(columns))
        if isinstance(out, (str, Path)):
            with open(out, "w", encoding="utf-8", newline="") as handle:
                return self._write_export(fmt, columns, rows, handle)
        return self._write_export(fmt, columns, rows, out)

    @staticmethod
    def _write_export(fmt: str, columns: builtins.list[str], rows: builtins.list[tuple], handle: IO[str]) -> int:
        # meta is JSON text in CSV cells and a nested object in JSON Lines
        if fmt == "csv":
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(rows)
        else:
            for row in rows:
                record = dict(zip(columns, row))
                record["meta"] = json.loads(record["meta"] or "{}")
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        return len(rows)

    # -- lexicons ------------------------------------------------------------------

    def add_lexicon(self, toml_text: str) -> tuple[Lexicon, bool]:
        """Validate and store a user lexicon.

        Returns
        -------
        lexicon : Lexicon
        added : bool
            False if this exact lexicon was already stored.

        Raises
        ------
        framing.lexicon.model.LexiconError
            If the TOML is not a valid lexicon (every problem listed).
        StoreError
            If another lexicon with the same name and version is stored.
        """
        lexicon = parse_lexicon(toml_text, file="<stored lexicon>")

        def insert(conn: sqlite3.Connection) -> bool:
            row = conn.execute(
                "SELECT sha256 FROM lexicons WHERE name = ? AND version = ?", (lexicon.name, lexicon.version)
            ).fetchone()
            if row is not None:
                if row[0] == lexicon.sha256:
                    return False
                raise StoreError(
                    f"a different lexicon {lexicon.name}@{lexicon.version} is already stored; change its version"
                )
            conn.execute(
                "INSERT INTO lexicons (name, version, toml, sha256, added_at) VALUES (?, ?, ?, ?, ?)",
                (lexicon.name, lexicon.version, toml_text, lexicon.sha256, _now()),
            )
            return True

        return lexicon, self._write(insert)

    def lexicons(self) -> builtins.list[Lexicon]:
        """Return the stored user lexicons, oldest first."""
        rows = self._retry(lambda conn: conn.execute("SELECT name, version, toml FROM lexicons ORDER BY rowid").fetchall())
        return [parse_lexicon(toml, file=f"<stored lexicon {name}@{version}>") for name, version, toml in rows]

    def remove_lexicon(self, name: str, version: str) -> bool:
        """Delete a stored lexicon; return whether there was one."""
        sql = "DELETE FROM lexicons WHERE name = ? AND version = ?"
        return self._write(lambda conn: conn.execute(sql, (name, version)).rowcount > 0)
