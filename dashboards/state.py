"""Shared session state and cached computations of the dashboard.

Everything Streamlit-specific that several pages share lives here: the corpus
of the session (the bundled sample plus the articles added on the *Add
articles* page), the lexicons (bundled plus uploaded) and which of them are
active, and the cached library calls. Pages stay thin: they call these
helpers and the :mod:`framing` functions, which return DataFrames, figures and
HTML fragments.

Session-state keys (plain values, not widget keys, so they survive switching
pages; Streamlit forgets a widget's key when its page is not shown):

``fr_added``
    ``list[Article]`` added in this session.
``fr_custom_lexicons``
    ``dict[name, Lexicon]`` uploaded or pasted on the Lexicon page.
``fr_active``
    ``list[str]`` names of the active lexicons.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pandas as pd
import streamlit as st

from framing.corpus import Article, content_id, load_sample_corpus
from framing.lexicon import Lexicon, bundled_lexicons
from framing.matcher import TermMatcher
from framing.provenance import provenance
from framing.scores import (
    DEFAULT_VOICE_FACTORS,
    article_scores,
    match_table,
    outlet_scores,
)

ADDED = "fr_added"
CUSTOM_LEXICONS = "fr_custom_lexicons"
ACTIVE = "fr_active"
LAST_ADDED = "fr_last_added"

#: Largest upload accepted on the Add articles page.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Largest pasted text accepted (characters).
MAX_PASTE_CHARS = 2_000_000
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm")

#: Page styling added to the library's highlight CSS: large, readable text
#: when projected, words that wrap instead of overflowing a column.
APP_CSS = """
.fr-text { font-size: 1.05rem; line-height: 1.65; overflow-wrap: anywhere; word-break: normal; }
.fr-text p { margin: 0 0 0.8em 0; }
.fr-head { font-weight: 600; font-size: 1.1rem; margin: 0 0 0.2rem 0; overflow-wrap: anywhere; }
.fr-sub { color: #555; font-size: 0.9rem; margin: 0 0 0.6rem 0; overflow-wrap: anywhere; }
.fr-legend { font-size: 1rem; line-height: 2; }
.fr-sentence { margin: 0 0 0.7rem 0; padding: 0 0 0.5rem 0; border-bottom: 1px solid #eee; }
"""


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
    """Create the session's keys on first use (idempotent)."""
    st.session_state.setdefault(ADDED, [])
    st.session_state.setdefault(CUSTOM_LEXICONS, {})
    st.session_state.setdefault(ACTIVE, [lex.name for lex in default_lexicons()])
    st.session_state.setdefault(LAST_ADDED, [])


def corpus() -> tuple[Article, ...]:
    """The sample plus every article added in this session."""
    init()
    return sample_corpus() + tuple(st.session_state[ADDED])


def all_lexicons() -> tuple[Lexicon, ...]:
    """Bundled lexicons, then the ones uploaded in this session."""
    init()
    return default_lexicons() + tuple(st.session_state[CUSTOM_LEXICONS].values())


def active_lexicons() -> tuple[Lexicon, ...]:
    """The lexicons chosen on the Lexicon page (all bundled ones by default)."""
    init()
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


def add_custom_lexicon(lexicon: Lexicon) -> str | None:
    """Register an uploaded lexicon and make it active; return an error message or None."""
    init()
    if any(lex.name == lexicon.name for lex in default_lexicons()):
        return (f"a bundled lexicon is already named {lexicon.name!r}; "
                "give yours another name (the name = \"...\" line)")
    st.session_state[CUSTOM_LEXICONS][lexicon.name] = lexicon
    if lexicon.name not in st.session_state[ACTIVE]:
        st.session_state[ACTIVE] = [*st.session_state[ACTIVE], lexicon.name]
    return None


def add_articles(articles: Sequence[Article]) -> list[Article]:
    """Add articles to the session's corpus; ids made unique. Return the ones added."""
    init()
    taken = {a.id for a in corpus()}
    added = []
    for article in articles:
        new_id, n = article.id, 2
        while new_id in taken:
            new_id, n = f"{article.id}-{n}", n + 1
        if new_id != article.id:
            article = dataclasses.replace(article, id=new_id)
        taken.add(new_id)
        added.append(article)
    st.session_state[ADDED] = [*st.session_state[ADDED], *added]
    st.session_state[LAST_ADDED] = [a.id for a in added]
    return added


def clear_added() -> None:
    """Forget every article added in this session."""
    init()
    st.session_state[ADDED] = []
    st.session_state[LAST_ADDED] = []


# --------------------------------------------------------------------------
# Cached computations. Cache keys are content hashes (cheap to compute); the
# objects themselves are passed as underscore arguments, which Streamlit
# does not hash.
# --------------------------------------------------------------------------


def corpus_key(articles: Sequence[Article]) -> tuple:
    return tuple((a.id, a.outlet, a.alignment, a.title, a.date, content_id(a.text)) for a in articles)


def lexicon_key(lexicons: Sequence[Lexicon]) -> tuple:
    return tuple((lex.name, lex.sha256) for lex in lexicons)


@st.cache_resource(show_spinner=False, max_entries=16)
def _matcher(key: tuple, _lexicons: tuple[Lexicon, ...]) -> TermMatcher:
    return TermMatcher(_lexicons)


def matcher(lexicons: Sequence[Lexicon]) -> TermMatcher:
    lexicons = tuple(lexicons)
    return _matcher(lexicon_key(lexicons), lexicons)


@st.cache_data(show_spinner=False, max_entries=64)
def _matches(ckey: tuple, lkey: tuple, _articles: tuple[Article, ...], _lexicons: tuple[Lexicon, ...]) -> pd.DataFrame:
    return match_table(_articles, matcher=_matcher(lkey, _lexicons))


def matches(articles: Sequence[Article] | None = None, lexicons: Sequence[Lexicon] | None = None) -> pd.DataFrame:
    """Match table of the articles (default: the session corpus) with the active lexicons."""
    articles = tuple(corpus() if articles is None else articles)
    lexicons = tuple(active_lexicons() if lexicons is None else lexicons)
    return _matches(corpus_key(articles), lexicon_key(lexicons), articles, lexicons)


@st.cache_data(show_spinner=False, max_entries=32)
def _article_scores(ckey: tuple, lkey: tuple, _articles, _lexicons, _matches) -> pd.DataFrame:
    return article_scores(_articles, _lexicons, matches=_matches)


def article_table(articles: Sequence[Article] | None = None, lexicons: Sequence[Lexicon] | None = None) -> pd.DataFrame:
    """:func:`framing.scores.article_scores` of the articles (default: the session corpus)."""
    articles = tuple(corpus() if articles is None else articles)
    lexicons = tuple(active_lexicons() if lexicons is None else lexicons)
    m = matches(articles, lexicons)
    return _article_scores(corpus_key(articles), lexicon_key(lexicons), articles, lexicons, m)


@st.cache_data(show_spinner=False, max_entries=32)
def _outlet_scores(ckey: tuple, lkey: tuple, _articles, _lexicons, _matches) -> pd.DataFrame:
    return outlet_scores(_articles, _lexicons, matches=_matches)


def outlet_table(articles: Sequence[Article] | None = None, lexicons: Sequence[Lexicon] | None = None) -> pd.DataFrame:
    """:func:`framing.scores.outlet_scores` of the session corpus."""
    articles = tuple(corpus() if articles is None else articles)
    lexicons = tuple(active_lexicons() if lexicons is None else lexicons)
    m = matches(articles, lexicons)
    return _outlet_scores(corpus_key(articles), lexicon_key(lexicons), articles, lexicons, m)


@st.cache_data(show_spinner=False, max_entries=256)
def _highlighted(key: tuple, lkey: tuple, changed: bool, _text: str, _matches: pd.DataFrame, _lexicons) -> str:
    from framing.highlight import highlight_html

    return highlight_html(_text, _matches, _lexicons, changed=changed)


def highlighted(text: str, text_matches: pd.DataFrame, lexicons: Sequence[Lexicon], *, key: tuple = (), changed: bool = False) -> str:
    """Escaped HTML of ``text`` with its matches marked (cached by content)."""
    lexicons = tuple(lexicons)
    cache_key = (*key, content_id(text), len(text_matches), tuple(text_matches["start"]) if len(text_matches) else ())
    return _highlighted(cache_key, lexicon_key(lexicons), changed, text, text_matches.reset_index(drop=True), lexicons)


def prov(lexicons: Sequence[Lexicon] | None = None, **params) -> dict:
    """Provenance of a table or chart made from the session corpus."""
    lexicons = tuple(active_lexicons() if lexicons is None else lexicons)
    base = {"voice_factors": dict(DEFAULT_VOICE_FACTORS), "articles": len(corpus())}
    return provenance(lexicons, **{**base, **params})


# --------------------------------------------------------------------------
# Small rendering helpers.
# --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()+\-.!|~$:])")


def md_escape(text: str) -> str:
    """Make user text safe and literal inside ``st.markdown`` / ``st.error``.

    HTML is escaped (Markdown decodes the entities back to the characters) and
    Markdown syntax is backslash-escaped, so a title such as ``**x**`` or
    ``<img src=x>`` is shown as typed and never becomes markup.
    """
    return html.escape(_MD_SPECIAL.sub(r"\\\1", str(text)), quote=False)


def article_label(article: Article) -> str:
    """Short human label: ``outlet — title`` (plain text, for widget options)."""
    title = article.title or article.id
    if len(title) > 42:  # short enough for several chips side by side in a multiselect
        title = title[:40].rstrip() + "…"
    return f"{article.outlet} — {title}"


def inject_css() -> None:
    """Add the highlight CSS and the app's styling to the page (once per run)."""
    try:
        from framing.highlight import HIGHLIGHT_CSS
    except ImportError:  # pragma: no cover - the library module is part of framing
        HIGHLIGHT_CSS = ""
    st.html(f"<style>{HIGHLIGHT_CSS}\n{APP_CSS}</style>")


class _TextOnly(HTMLParser):
    """Visible text of an HTML page (fallback when framing.importers is absent)."""

    SKIP: ClassVar[frozenset[str]] = frozenset({"script", "style", "noscript", "template", "head"})
    BLOCK: ClassVar[frozenset[str]] = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def read_upload(data: bytes, filename: str, *, outlet: str = "", alignment: str = "", title: str = "", date: str = "") -> list[Article]:
    """Turn an uploaded .txt/.md/.html file into articles.

    Raises
    ------
    ValueError
        With a one-line message naming the file, for any file that cannot be read.
    """
    name = Path(filename).name or "upload"
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ValueError(f"{name}: unsupported file type {suffix or '(none)'}; upload {', '.join(UPLOAD_SUFFIXES)}")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(f"{name}: file too large ({len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,})")
    try:
        from framing import importers
    except ImportError:
        importers = None
    if importers is not None:
        try:
            return importers.import_bytes(
                data, name, max_bytes=MAX_UPLOAD_BYTES,
                outlet=outlet or None, alignment=alignment or None, title=title or None, date=date or None,
            )
        except ValueError as exc:  # ImportProblem is a ValueError with a one-line message
            raise ValueError(str(exc)) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{name}: not UTF-8 text (byte {exc.start})") from exc
    if suffix in (".html", ".htm"):
        parser = _TextOnly()
        parser.feed(text)
        text = re.sub(r"\n{3,}", "\n\n", "".join(parser.parts))
    text = text.strip()
    if not text:
        raise ValueError(f"{name}: no text found")
    return [Article(id=content_id(text), outlet=outlet or Path(name).stem, text=text, alignment=alignment,
                    title=title, date=date, source_note=name)]
