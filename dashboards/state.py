"""Shared session state and cached computations of the dashboard.

Everything Streamlit-specific that several pages share lives here: the corpus
(the articles of the SQLite article store, :class:`framing.store.article_store.ArticleStore`,
which starts with the bundled sample and keeps what the *Add articles* page
adds across restarts), the lexicons (bundled plus user lexicons, which are kept
in the store too) and which of them are active, and the cached library calls.

When the store cannot be opened (read-only disk, corrupt file), every page
says so once and the session falls back to the bundled sample; articles added
then last for the session only. Pages stay thin: they call these
helpers and the :mod:`framing` functions, which return DataFrames, figures and
HTML fragments.

Session-state keys (plain values, not widget keys, so they survive switching
pages; Streamlit forgets a widget's key when its page is not shown):

``fr_added``
    ``list[Article]`` added in this session while the store could not be used.
``fr_custom_lexicons``
    ``dict[name, Lexicon]``: user lexicons (stored, uploaded or grown on the
    Distinctive terms page).
``fr_custom_toml``
    ``dict[name, str]``: their TOML text, where known (to add terms to them).
``fr_store_error``
    Why the store could not be used, when it could not.
``fr_active``
    ``list[str]`` names of the active lexicons.
``fr_story``
    The story picked in the sidebar: :func:`corpus` and :func:`active_lexicons`
    are that story's articles and lexicons (:mod:`framing.store.stories`).
"""

from __future__ import annotations

import dataclasses
import math
import os
import zlib
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from framing import importers
from framing.article import Article, content_id
from framing.corpus import load_sample_corpus
from framing.lexicon.model import Lexicon, bundled_lexicons
from framing.store.user_lexicons import save_user_lexicon, stored_user_lexicons
from framing.store.article_store import AddResult, ArticleStore, default_db_path
from framing.store import stories as story_store
from framing._dashboards.style import md_escape

ADDED = "fr_added"
CUSTOM_LEXICONS = "fr_custom_lexicons"
CUSTOM_TOML = "fr_custom_toml"
ACTIVE = "fr_active"
LAST_ADDED = "fr_last_added"
STORE_ERROR = "fr_store_error"
STORY = "fr_story"
#: The story to open on (``framing dashboard --story NAME`` sets it).
STORY_ENV = "FRAMING_STORY"

#: Largest upload accepted on the Add articles page (the importers' default, 20 MB).
MAX_UPLOAD_BYTES = importers.DEFAULT_MAX_BYTES
#: The same limit in whole MiB, for ``st.file_uploader(max_upload_size=...)``.
MAX_UPLOAD_MB = math.ceil(MAX_UPLOAD_BYTES / (1024 * 1024))
#: Largest pasted text accepted (characters).
MAX_PASTE_CHARS = importers.DEFAULT_MAX_TEXT_CHARS
UPLOAD_SUFFIXES = importers.SUPPORTED_SUFFIXES

# --------------------------------------------------------------------------
# Data the app starts with (shared by every session: cache_resource).
# --------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def sample_corpus() -> tuple[Article, ...]:
    """The bundled sample corpus (Venezuela, 30 April 2019)."""
    return tuple(load_sample_corpus())


@st.cache_resource(show_spinner=False)
def default_lexicons() -> tuple[Lexicon, ...]:
    """The bundled lexicons, all active at start."""
    return tuple(bundled_lexicons())


def init() -> None:
    """Create the session's keys on first use (idempotent).

    The user lexicons kept in the store are loaded once per session, and
    are active from the start (a term added yesterday is still counted).
    """
    st.session_state.setdefault(ADDED, [])
    st.session_state.setdefault(LAST_ADDED, [])
    if CUSTOM_LEXICONS not in st.session_state:
        custom: dict[str, Lexicon] = {}
        texts: dict[str, str] = {}
        bundled = {lex.name for lex in default_lexicons()}
        opened = store()
        if opened is not None:
            try:
                for lexicon, text in stored_user_lexicons(opened):
                    if lexicon.name not in bundled:
                        custom[lexicon.name], texts[lexicon.name] = lexicon, text
            except Exception as exc:  # noqa: BLE001 - a broken store never stops the app
                _store_failed(exc)
        st.session_state[CUSTOM_LEXICONS] = custom
        st.session_state[CUSTOM_TOML] = texts
        st.session_state.setdefault(ACTIVE, [*(lex.name for lex in default_lexicons()), *custom])
    st.session_state.setdefault(CUSTOM_TOML, {})
    st.session_state.setdefault(ACTIVE, [lex.name for lex in default_lexicons()])


# --------------------------------------------------------------------------
# The article store.
# --------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def _open_store(path: str) -> ArticleStore:
    return ArticleStore(path)


def _store_failed(exc: BaseException) -> None:
    st.session_state[STORE_ERROR] = str(exc) or type(exc).__name__


def store() -> ArticleStore | None:
    """The article store at the default path ($FRAMING_DB or the per-user file).

    Returns None when it cannot be opened; :func:`store_problem` then says why.
    """
    try:
        opened = _open_store(str(default_db_path()))
    except Exception as exc:  # noqa: BLE001 - StoreError, OSError, sqlite3 errors: fall back, never a traceback
        _store_failed(exc)
        return None
    return opened


def store_problem() -> str | None:
    """Why the store could not be used in this session, or None."""
    return st.session_state.get(STORE_ERROR)


def store_listing() -> pd.DataFrame | None:
    """:meth:`ArticleStore.list` (metadata, no text), or None without a store."""
    opened = store()
    if opened is None:
        return None
    try:
        return opened.list()
    except Exception as exc:  # noqa: BLE001 - the file may break while the app runs
        _store_failed(exc)
        return None


def store_version(listing: pd.DataFrame) -> tuple:
    """Changes whenever an article is added or removed: count, newest, ids."""
    ids = "\n".join(map(str, listing["id"]))
    newest = str(listing["added_at"].max()) if len(listing) else ""
    return len(listing), newest, zlib.crc32(ids.encode("utf-8"))


@st.cache_data(show_spinner=False, max_entries=4)
def _stored_articles(path: str, version: tuple) -> tuple[Article, ...]:
    return tuple(_open_store(path).articles())


def stories() -> list[story_store.Story]:
    """The store's stories (empty without a usable store)."""
    opened = store()
    if opened is None:
        return []
    try:
        return story_store.list_stories(opened)
    except Exception as exc:  # noqa: BLE001 - the file may break while the app runs
        _store_failed(exc)
        return []


def current_story() -> str | None:
    """The story every page shows: the one picked, else $FRAMING_STORY, else the store's default."""
    init()
    known = stories()
    names = [s.name for s in known]
    if not names:
        return None
    name = st.session_state.get(STORY)
    if name not in names:
        wanted = os.environ.get(STORY_ENV, "").strip()
        name = wanted if wanted in names else next((s.name for s in known if s.default), names[0])
        st.session_state[STORY] = name
    return name


#: Widget keys holding a choice among one story's articles, outlets or terms: a new story starts them afresh.
STORY_SCOPED_KEYS = ("compare_pick", "compare_pick_outlets", "compare_concept", "reframe_article",
                     "reframe_paragraph", "terms_group", "terms_vs", "terms_term", "add_delete_pick", "add_edit_pick")


def set_story(name: str) -> None:
    """Show this story on every page (the pages' picks of the previous story's articles are forgotten)."""
    if st.session_state.get(STORY) != name:
        for key in STORY_SCOPED_KEYS:
            st.session_state.pop(key, None)
    st.session_state[STORY] = name


@st.cache_data(show_spinner=False, max_entries=8)
def _story_articles(path: str, name: str, version: tuple) -> tuple[Article, ...]:
    return tuple(story_store.story_articles(_open_store(path), name))


@st.cache_resource(show_spinner=False, max_entries=16)
def _story_lexicons(path: str, name: str, version: tuple) -> tuple[Lexicon, ...]:
    return story_store.story_lexicons(_open_store(path), name)


def corpus() -> tuple[Article, ...]:
    """The current story's articles, plus any kept in the session only.

    Without stories, every stored article; without a usable store, the
    bundled sample plus the session's additions.
    """
    init()
    extra = tuple(st.session_state[ADDED])
    opened, name = store(), current_story()
    if opened is not None and name is not None:
        try:
            return _story_articles(str(opened.path), name, story_store.story_signature(opened, name)) + extra
        except Exception as exc:  # noqa: BLE001 - fall back, never a traceback
            _store_failed(exc)
    listing = store_listing()
    if listing is not None:
        try:
            return _stored_articles(str(store().path), store_version(listing)) + extra
        except Exception as exc:  # noqa: BLE001 - fall back to the sample, never a traceback
            _store_failed(exc)
    return sample_corpus() + extra


def all_lexicons() -> tuple[Lexicon, ...]:
    """Bundled lexicons, then the ones uploaded in this session."""
    init()
    return default_lexicons() + tuple(st.session_state[CUSTOM_LEXICONS].values())


def active_lexicons() -> tuple[Lexicon, ...]:
    """The current story's lexicons (chosen on the Lexicon page); without a story, the session's choice."""
    init()
    opened, name = store(), current_story()
    if opened is not None and name is not None:
        try:
            return _story_lexicons(str(opened.path), name, story_store.story_signature(opened, name))
        except Exception as exc:  # noqa: BLE001 - e.g. a stored lexicon that no longer validates
            _store_failed(exc)
    chosen = set(st.session_state[ACTIVE])
    active = tuple(lex for lex in all_lexicons() if lex.name in chosen)
    return active or default_lexicons()


def set_active(names: Sequence[str]) -> None:
    """Make exactly these lexicons active (ignored when empty: one is needed)."""
    init()
    known = {lex.name for lex in all_lexicons()}
    names = [n for n in names if n in known]
    if names:
        st.session_state[ACTIVE] = list(names)
        _set_story_lexicons(names)


def _set_story_lexicons(names: Sequence[str]) -> None:
    """Make ``names`` the current story's lexicons in the store (a warning if it cannot be written)."""
    opened, story = store(), current_story()
    if opened is None or story is None:
        return
    try:
        story_store.set_story_lexicons(opened, story, list(names))
    except Exception as exc:  # noqa: BLE001 - e.g. a session-only lexicon the store does not hold
        st.warning(md_escape(f"The story {story} keeps its lexicons: {exc}"))


def add_custom_lexicon(lexicon: Lexicon, toml_text: str | None = None, *, save: bool = True) -> str | None:
    """Register a user lexicon and make it active; return an error message or None.

    With its TOML text, the lexicon is also saved in the store (replacing
    the version this session had), unless ``save`` is False; a store that
    cannot be written keeps it for this session and says so.
    """
    init()
    if any(lex.name == lexicon.name for lex in default_lexicons()):
        return (f"a bundled lexicon is already named {lexicon.name!r}; "
                "give yours another name (the name = \"...\" line)")
    previous = st.session_state[CUSTOM_LEXICONS].get(lexicon.name)
    problem = None
    if toml_text is not None and save:
        opened = store()
        if opened is None:
            problem = "not saved: the article store cannot be used; the lexicon lasts for this session only"
        else:
            try:
                save_user_lexicon(opened, toml_text, replaces=previous)
            except Exception as exc:  # noqa: BLE001 - StoreError (e.g. same name and version) or a write error
                problem = f"not saved in the store ({exc}); the lexicon lasts for this session only"
    st.session_state[CUSTOM_LEXICONS] = {**st.session_state[CUSTOM_LEXICONS], lexicon.name: lexicon}
    if toml_text is not None:
        st.session_state[CUSTOM_TOML] = {**st.session_state[CUSTOM_TOML], lexicon.name: toml_text}
    if lexicon.name not in st.session_state[ACTIVE]:
        st.session_state[ACTIVE] = [*st.session_state[ACTIVE], lexicon.name]
    if problem is None and toml_text is not None and save:  # stored: the current story scores with it too
        _set_story_lexicons([*(lex.name for lex in active_lexicons() if lex.name != lexicon.name), lexicon.name])
    if problem:
        st.warning(md_escape(problem))
    return None


def custom_lexicon_toml(name: str) -> str | None:
    """TOML text of a user lexicon, if this session knows it."""
    init()
    return st.session_state[CUSTOM_TOML].get(name)


def add_articles(articles: Sequence[Article], story: str | None = None) -> AddResult:
    """Store articles in a story (default: the current one); a text already stored is not stored twice.

    Without a usable store they join this session only, with ids made unique.
    The ids of the articles added (or found already stored) become the
    "last added" that the Add articles page shows.
    """
    init()
    articles = list(articles)
    opened = store()
    story = story or current_story()
    if opened is not None:
        try:
            result = opened.add(articles) if story is None else story_store.add_articles_to_story(opened, story, articles)
        except Exception as exc:  # noqa: BLE001 - e.g. the disk became read-only
            _store_failed(exc)
        else:
            st.session_state[LAST_ADDED] = [*result.added, *result.already_stored]
            return result
    taken = {a.id for a in corpus()}
    known = {content_id(a.text): a.id for a in corpus()}
    result = AddResult()
    added = []
    for article in articles:
        if content_id(article.text) in known:
            result.already_stored.append(known[content_id(article.text)])
            continue
        new_id, n = article.id, 2
        while new_id in taken:
            new_id, n = f"{article.id}-{n}", n + 1
        if new_id != article.id:
            article = dataclasses.replace(article, id=new_id)
        taken.add(new_id)
        known[content_id(article.text)] = new_id
        added.append(article)
        result.added.append(new_id)
    st.session_state[ADDED] = [*st.session_state[ADDED], *added]
    st.session_state[LAST_ADDED] = [*result.added, *result.already_stored]
    return result


def remove_articles(ids: Sequence[str]) -> int:
    """Delete articles from the store (and from the session); return how many went."""
    init()
    wanted = set(ids)
    removed = 0
    session = [a for a in st.session_state[ADDED] if a.id not in wanted]
    removed += len(st.session_state[ADDED]) - len(session)
    st.session_state[ADDED] = session
    opened = store()
    if opened is not None:
        for article_id in ids:
            removed += bool(opened.remove(article_id))
    st.session_state[LAST_ADDED] = [i for i in st.session_state[LAST_ADDED] if i not in wanted]
    return removed


def read_upload(data: bytes, filename: str, *, outlet: str = "", alignment: str = "", title: str = "", date: str = "") -> list[Article]:
    """Turn an uploaded file (any format of :mod:`framing.importers`) into articles.

    Raises
    ------
    ValueError
        With a one-line message naming the file, for any file that cannot be read.
    """
    name = Path(filename).name or "upload"
    return importers.import_bytes(
        data, name, max_bytes=MAX_UPLOAD_BYTES,
        outlet=outlet or None, alignment=alignment or None, title=title or None, date=date or None,
    )
