"""Cached computations of the dashboard: matches, scores, highlights, provenance.

Cache keys are content hashes (cheap to compute); the objects themselves are
passed as underscore arguments, which Streamlit does not hash. Each function
defaults to the session's corpus and active lexicons (:mod:`state`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from framing.article import Article, content_id
from framing.lexicon.model import Lexicon
from framing.provenance import provenance
from framing.scoring.matcher import TermMatcher
from framing.scoring.scores import DEFAULT_VOICE_FACTORS, article_scores, match_table, outlet_scores

from framing._dashboards.state import active_lexicons, corpus



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
    """:func:`framing.scoring.scores.article_scores` of the articles (default: the session corpus)."""
    articles = tuple(corpus() if articles is None else articles)
    lexicons = tuple(active_lexicons() if lexicons is None else lexicons)
    m = matches(articles, lexicons)
    return _article_scores(corpus_key(articles), lexicon_key(lexicons), articles, lexicons, m)


@st.cache_data(show_spinner=False, max_entries=32)
def _outlet_scores(ckey: tuple, lkey: tuple, _articles, _lexicons, _matches) -> pd.DataFrame:
    return outlet_scores(_articles, _lexicons, matches=_matches)


def outlet_table(articles: Sequence[Article] | None = None, lexicons: Sequence[Lexicon] | None = None) -> pd.DataFrame:
    """:func:`framing.scoring.scores.outlet_scores` of the session corpus."""
    articles = tuple(corpus() if articles is None else articles)
    lexicons = tuple(active_lexicons() if lexicons is None else lexicons)
    m = matches(articles, lexicons)
    return _outlet_scores(corpus_key(articles), lexicon_key(lexicons), articles, lexicons, m)


@st.cache_data(show_spinner=False, max_entries=256)
def _highlighted(key: tuple, lkey: tuple, changed: bool, _text: str, _matches: pd.DataFrame, _lexicons) -> str:
    from framing.present.highlight import highlight_html

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
