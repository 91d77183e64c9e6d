"""Stories: named sets of stored articles about one event, each with its own lexicons.

A story holds articles of the store (an article may be in several stories),
a description, and the lexicons written for its event: bundled lexicons by
name (resolved when the story is loaded, so a newer framing's version is
used) or user lexicons kept in the store with their TOML text and SHA-256
(so an exported story reproduces elsewhere). Scores of a story come from its
articles and its lexicons only: two stories whose lexicons share a concept
id never mix.

The store starts with the bundled sample as the story ``venezuela-2019-04-30``;
a store made before stories existed keeps its articles in ``my-articles``
(:mod:`framing.store.schema`, migration 2). Every change here is one
transaction: a failed one (an unknown article id, a lexicon that does not
validate, a name taken) leaves the store as it was.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import NamedTuple, Sequence

from framing.article import Article
from framing.lexicon.model import Lexicon, LexiconError, bundled_lexicon, parse_lexicon
from framing.resources import BUNDLED_LEXICONS
from framing.store.article_store import AddResult, ArticleStore, StoreError, _now
from framing.store.story_rows import (
    LexiconRef, check_story_name, default_story_name, insert_story, lexicon_refs, link_articles,
    set_default_story_name, story_id, story_names, write_lexicon_refs,
)


class UnknownStory(StoreError):
    """No story has this name; the message lists the stories there are."""


class LexiconText(NamedTuple):
    """A user lexicon given as TOML text (stored with the story), and where it came from."""

    toml: str
    file: str = "<lexicon>"


#: How a story's lexicon is named when it is created: a bundled or stored
#: lexicon's name, or a user lexicon's TOML text.
LexiconSpec = str | LexiconText


@dataclass(frozen=True)
class Story:
    """A story's description, as :func:`list_stories` and :func:`get_story` return it.

    Attributes
    ----------
    name, description, created_at : str
    lexicons : tuple of LexiconRef
        In scoring order; ``version`` None for a bundled lexicon.
    articles : int
        Number of articles in the story.
    default : bool
        Whether commands without PATH and ``--story`` use this story.
    """

    name: str
    description: str
    created_at: str
    lexicons: tuple[LexiconRef, ...]
    articles: int
    default: bool


def _unknown(conn: sqlite3.Connection, name: str) -> UnknownStory:
    names = story_names(conn)
    listed = ", ".join(names) if names else "none yet; create one with 'framing story create NAME --lexicon ...'"
    return UnknownStory(f"no story named {name!r}; stories: {listed}")


def _require(conn: sqlite3.Connection, name: str) -> int:
    found = story_id(conn, name)
    if found is None:
        raise _unknown(conn, name)
    return found


def _describe(conn: sqlite3.Connection, row: tuple, default: str | None) -> Story:
    id_, name, description, created_at = row
    count = conn.execute("SELECT COUNT(*) FROM story_articles WHERE story_id = ?", (id_,)).fetchone()[0]
    return Story(name, description, created_at, tuple(lexicon_refs(conn, id_)), int(count), name == default)


def list_stories(store: ArticleStore) -> list[Story]:
    """Every story in the store, oldest first."""

    def read(conn: sqlite3.Connection) -> list[Story]:
        default = default_story_name(conn)
        rows = conn.execute("SELECT id, name, description, created_at FROM stories ORDER BY id").fetchall()
        return [_describe(conn, row, default) for row in rows]

    return store._retry(read)  # noqa: SLF001 - the store's connection handling, shared within framing.store


def get_story(store: ArticleStore, name: str) -> Story:
    """One story by name.

    Raises
    ------
    UnknownStory
        If there is none; the message lists the stories.
    """

    def read(conn: sqlite3.Connection) -> Story:
        _require(conn, name)
        row = conn.execute("SELECT id, name, description, created_at FROM stories WHERE name = ?", (name,)).fetchone()
        return _describe(conn, row, default_story_name(conn))

    return store._retry(read)  # noqa: SLF001


def default_story(store: ArticleStore) -> str | None:
    """The name of the story commands use without PATH or ``--story`` (None when there is no story)."""
    return store._retry(default_story_name)  # noqa: SLF001


def set_default_story(store: ArticleStore, name: str) -> None:
    """Make ``name`` the default story (:class:`UnknownStory` if there is none)."""

    def write(conn: sqlite3.Connection) -> None:
        _require(conn, name)
        set_default_story_name(conn, name)

    store._write(write)  # noqa: SLF001


def _resolve_spec(conn: sqlite3.Connection, spec: LexiconSpec, now: str) -> LexiconRef:
    """A lexicon reference for ``spec``, storing a user lexicon's TOML when it is new.

    Raises LexiconError for TOML that does not validate, StoreError for a
    name that is neither bundled nor stored, or a clash with a stored lexicon.
    """
    if isinstance(spec, str):
        if spec in BUNDLED_LEXICONS:
            return LexiconRef(spec, None)
        row = conn.execute("SELECT version FROM lexicons WHERE name = ? ORDER BY rowid DESC LIMIT 1", (spec,)).fetchone()
        if row is None:
            raise StoreError(
                f"no lexicon named {spec!r}: give a lexicon file, a bundled lexicon ({', '.join(BUNDLED_LEXICONS)}) "
                "or the name of a stored one"
            )
        return LexiconRef(spec, row[0])
    lexicon = parse_lexicon(spec.toml, file=spec.file)
    if lexicon.name in BUNDLED_LEXICONS:
        raise StoreError(f"{spec.file}: a bundled lexicon is already named {lexicon.name!r}; give yours another name")
    row = conn.execute("SELECT sha256 FROM lexicons WHERE name = ? AND version = ?", (lexicon.name, lexicon.version)).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO lexicons (name, version, toml, sha256, added_at) VALUES (?, ?, ?, ?, ?)",
            (lexicon.name, lexicon.version, spec.toml, lexicon.sha256, now),
        )
    elif row[0] != lexicon.sha256:
        raise StoreError(
            f"{spec.file}: a different lexicon {lexicon.name}@{lexicon.version} is already stored; change its version"
        )
    return LexiconRef(lexicon.name, lexicon.version)


def _resolve_specs(conn: sqlite3.Connection, lexicons: Sequence[LexiconSpec], now: str) -> list[LexiconRef]:
    if not lexicons:
        raise StoreError("a story needs at least one lexicon (--lexicon FILE or a bundled name: "
                         f"{', '.join(BUNDLED_LEXICONS)})")
    refs = [_resolve_spec(conn, spec, now) for spec in lexicons]
    names = [ref.name for ref in refs]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise StoreError(f"lexicon {repeated[0]!r} is given twice; a story uses each lexicon once")
    return refs


def create_story(
    store: ArticleStore,
    name: str,
    lexicons: Sequence[LexiconSpec],
    *,
    description: str = "",
    article_ids: Sequence[str] = (),
) -> Story:
    """Create a story with its lexicons (and, optionally, stored articles).

    Parameters
    ----------
    name : str
        Letters, digits, ``.``, ``_``, ``-`` (:data:`framing.store.story_rows.STORY_NAME`).
    lexicons : sequence of str or LexiconText
        A name (bundled, else the newest stored user lexicon of that name)
        or a user lexicon's TOML text, which is validated and stored.
    description : str
    article_ids : sequence of str
        Stored articles to put in the story.

    Raises
    ------
    ValueError
        For a bad name.
    StoreError
        If the name is taken, no lexicon is given, a lexicon is unknown or
        clashes with a stored one, or an article id is not stored.
    framing.lexicon.model.LexiconError
        If a lexicon's TOML does not validate (every problem listed).
    """
    name = check_story_name(name)

    def write(conn: sqlite3.Connection) -> None:
        if story_id(conn, name) is not None:
            raise StoreError(f"a story named {name!r} already exists; 'framing story show {name}' shows it")
        now = _now()
        new_id = insert_story(conn, name, description.strip(), _resolve_specs(conn, lexicons, now), now)
        _check_ids(conn, article_ids)
        link_articles(conn, new_id, article_ids, now)

    store._write(write)  # noqa: SLF001
    return get_story(store, name)


def _check_ids(conn: sqlite3.Connection, article_ids: Sequence[str]) -> None:
    missing = [i for i in article_ids if conn.execute("SELECT 1 FROM articles WHERE id = ?", (i,)).fetchone() is None]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise StoreError(f"no stored article with id {shown}; 'framing list' shows the ids (nothing was added)")


def add_to_story(store: ArticleStore, name: str, article_ids: Sequence[str]) -> int:
    """Put stored articles into a story; return how many joined (those already in it are not counted).

    Raises
    ------
    UnknownStory, StoreError
        If there is no such story, or any id is not stored (then none is added).
    """

    def write(conn: sqlite3.Connection) -> int:
        found = _require(conn, name)
        _check_ids(conn, article_ids)
        return link_articles(conn, found, article_ids, _now())

    return store._write(write)  # noqa: SLF001


def add_articles_to_story(store: ArticleStore, name: str, articles: Sequence[Article]) -> AddResult:
    """Store articles and put them in a story, in one transaction.

    An article whose text is already stored joins the story under its stored
    id; one whose id is taken by another text is neither stored nor added.

    Raises
    ------
    UnknownStory
        If there is no such story (nothing is stored).
    """

    def write(conn: sqlite3.Connection) -> AddResult:
        found = _require(conn, name)
        result = store._insert(conn, articles)  # noqa: SLF001
        link_articles(conn, found, [*result.added, *result.already_stored], _now())
        return result

    return store._write(write)  # noqa: SLF001


def remove_from_story(store: ArticleStore, name: str, article_ids: Sequence[str]) -> int:
    """Take articles out of a story (they stay stored); return how many left it."""

    def write(conn: sqlite3.Connection) -> int:
        found = _require(conn, name)
        marks = ", ".join("?" * len(article_ids))
        sql = f"DELETE FROM story_articles WHERE story_id = ? AND article_id IN ({marks})"
        return conn.execute(sql, (found, *article_ids)).rowcount if article_ids else 0

    return store._write(write)  # noqa: SLF001


def remove_story(store: ArticleStore, name: str) -> None:
    """Delete a story; its articles and lexicons stay in the store.

    Raises
    ------
    UnknownStory
        If there is none (nothing changes).
    """

    def write(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM stories WHERE id = ?", (_require(conn, name),))

    store._write(write)  # noqa: SLF001


def set_story_lexicons(store: ArticleStore, name: str, lexicons: Sequence[LexiconSpec]) -> Story:
    """Replace a story's lexicons (at least one), as :func:`create_story` names them."""

    def write(conn: sqlite3.Connection) -> None:
        write_lexicon_refs(conn, _require(conn, name), _resolve_specs(conn, lexicons, _now()))

    store._write(write)  # noqa: SLF001
    return get_story(store, name)


def story_articles(store: ArticleStore, name: str) -> list[Article]:
    """The articles of a story, in the order they were stored."""
    sql = (
        f"SELECT {', '.join('a.' + c.strip() for c in store._ARTICLE_COLUMNS.split(','))} "  # noqa: SLF001
        "FROM articles AS a JOIN story_articles AS m ON m.article_id = a.id WHERE m.story_id = ? ORDER BY a.seq"
    )

    def read(conn: sqlite3.Connection) -> list[Article]:
        return [store._article(row) for row in conn.execute(sql, (_require(conn, name),))]  # noqa: SLF001

    return store._retry(read)  # noqa: SLF001


def load_lexicon_ref(conn: sqlite3.Connection, ref: LexiconRef) -> tuple[Lexicon, str | None]:
    """The lexicon a reference names, and its TOML text (None for a bundled one).

    A user lexicon whose version was replaced (the dashboard stores a grown
    lexicon as a new version) resolves to the newest stored version of its name.
    """
    if ref.bundled:
        try:
            return bundled_lexicon(ref.name), None
        except ValueError as exc:
            raise StoreError(f"lexicon {ref.name!r} is not bundled with this framing ({exc})") from exc
    row = conn.execute("SELECT toml FROM lexicons WHERE name = ? AND version = ?", (ref.name, ref.version)).fetchone()
    if row is None:
        row = conn.execute("SELECT toml FROM lexicons WHERE name = ? ORDER BY rowid DESC LIMIT 1", (ref.name,)).fetchone()
    if row is None:
        raise StoreError(f"lexicon {ref.name}@{ref.version} is missing from the store")
    try:
        return parse_lexicon(row[0], file=f"<stored lexicon {ref.name}@{ref.version}>"), row[0]
    except LexiconError as exc:
        raise StoreError(f"stored lexicon {ref.name}@{ref.version} no longer validates: {exc.problems[0]}") from exc


def story_lexicon_texts(store: ArticleStore, name: str) -> list[tuple[Lexicon, str | None]]:
    """A story's lexicons, in order, each with its TOML text (None when bundled)."""

    def read(conn: sqlite3.Connection) -> list[tuple[Lexicon, str | None]]:
        return [load_lexicon_ref(conn, ref) for ref in lexicon_refs(conn, _require(conn, name))]

    return store._retry(read)  # noqa: SLF001


def story_lexicons(store: ArticleStore, name: str) -> tuple[Lexicon, ...]:
    """A story's lexicons, in order, loaded (bundled ones by name, as this framing bundles them)."""
    return tuple(lexicon for lexicon, _ in story_lexicon_texts(store, name))


def stories_using(store: ArticleStore, lexicon_name: str) -> list[str]:
    """Names of the stories that score with a lexicon of this name, oldest first."""
    sql = ("SELECT DISTINCT s.name, s.id FROM stories AS s JOIN story_lexicons AS l ON l.story_id = s.id "
           "WHERE l.name = ? ORDER BY s.id")
    return [name for name, _ in store._retry(lambda conn: conn.execute(sql, (lexicon_name,)).fetchall())]  # noqa: SLF001


def article_stories(store: ArticleStore, article_id: str) -> list[str]:
    """Names of the stories an article is in, oldest first."""
    sql = ("SELECT s.name FROM stories AS s JOIN story_articles AS m ON m.story_id = s.id "
           "WHERE m.article_id = ? ORDER BY s.id")
    return [name for (name,) in store._retry(lambda conn: conn.execute(sql, (article_id,)).fetchall())]  # noqa: SLF001


def story_signature(store: ArticleStore, name: str) -> tuple:
    """Changes whenever the story's articles or their metadata, or its lexicons, change (a cache key).

    Returns
    -------
    tuple
        ``(articles, crc of their ids and metadata, lexicon references with the stored SHA-256s)``.
    """
    import zlib

    articles_sql = ("SELECT a.id, a.outlet, a.alignment, a.title, a.date, a.text_sha256 FROM articles AS a "
                    "JOIN story_articles AS m ON m.article_id = a.id WHERE m.story_id = ? ORDER BY a.seq")
    lexicons_sql = ("SELECT l.name, l.version, x.sha256 FROM story_lexicons AS l LEFT JOIN lexicons AS x "
                    "ON x.name = l.name AND x.version = l.version WHERE l.story_id = ? ORDER BY l.position")

    def read(conn: sqlite3.Connection) -> tuple:
        found = _require(conn, name)
        rows = conn.execute(articles_sql, (found,)).fetchall()
        crc = zlib.crc32("\n".join("\t".join(row) for row in rows).encode("utf-8"))
        return len(rows), crc, tuple(conn.execute(lexicons_sql, (found,)).fetchall())

    return store._retry(read)  # noqa: SLF001
