"""User lexicons kept in the article store, newest version of each name first.

The store keeps every user lexicon's TOML text and SHA-256
(:meth:`ArticleStore.add_lexicon`); these helpers read back the newest version
of each name and replace a version by its successor, the way the dashboard's
lexicon pages save what a user uploads or grows.
"""

from __future__ import annotations

from framing.lexicon.model import Lexicon, LexiconError, parse_lexicon
from framing.store.article_store import ArticleStore


def stored_user_lexicons(store: ArticleStore) -> list[tuple[Lexicon, str]]:
    """The newest version of each user lexicon in ``store``, with its TOML text.

    Returns
    -------
    list of (Lexicon, str)
        Oldest name first; for a name stored in several versions, the one
        stored last.
    """
    rows = store._retry(  # noqa: SLF001 - the store keeps the TOML; its public API returns parsed lexicons
        lambda conn: conn.execute("SELECT toml FROM lexicons ORDER BY rowid").fetchall()
    )
    newest: dict[str, tuple[Lexicon, str]] = {}
    for (text,) in rows:
        try:
            lexicon = parse_lexicon(text, file="<stored lexicon>")
        except LexiconError:
            continue  # stored by an older framing with other rules: skipped, never fatal
        newest.pop(lexicon.name, None)
        newest[lexicon.name] = (lexicon, text)
    return list(newest.values())


def save_user_lexicon(store: ArticleStore, toml_text: str, *, replaces: Lexicon | None = None) -> Lexicon:
    """Store a user lexicon; then forget the version it replaces.

    The new version is written first, so a failure leaves the old one stored.

    Raises
    ------
    LexiconError
        If the TOML is not a valid lexicon.
    framing.store.article_store.StoreError
        If the store cannot be written, or holds a different lexicon with
        this name and version.
    """
    lexicon = parse_lexicon(toml_text, file="<user lexicon>")
    same_version = replaces is not None and (replaces.name, replaces.version) == (lexicon.name, lexicon.version)
    if same_version and replaces.sha256 != lexicon.sha256:
        # A new text under the same name and version (a file uploaded again):
        # the store keeps one text per version, so the old one goes first.
        store.remove_lexicon(replaces.name, replaces.version)
    lexicon, _ = store.add_lexicon(toml_text)
    if replaces is not None and not same_version:
        store.remove_lexicon(replaces.name, replaces.version)
    return lexicon
