"""Passages: an article's paragraphs with their own matches, and screens of them for presenting.

A teacher shows, or sets as an exercise, a paragraph or two at a time, not a
whole article. A :class:`Passage` is one paragraph (blank-line separated,
as :func:`framing.present.highlight.highlight_html` draws them) with its
offsets in the article, so the article's match table can be cut down to it
(:func:`passage_matches`) and drawn or scored on its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import pandas as pd

from framing.article import Article
from framing.present.highlight import paragraph_bounds


@dataclass(frozen=True)
class Passage:
    """One paragraph of an article: ``text == article.text[start:end]``."""

    article: str
    index: int
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """A stable name for widgets and caches: ``article#index``."""
        return f"{self.article}#{self.index}"


def _loaded(matches: pd.DataFrame) -> pd.DataFrame:
    return matches[matches["weight"] != 0] if not matches.empty else matches


def article_passages(article: Article, matches: pd.DataFrame | None = None, *,
                     loaded_only: bool = False) -> list[Passage]:
    """The paragraphs of an article; with ``loaded_only``, those holding a loaded term.

    Parameters
    ----------
    article : Article
    matches : DataFrame, optional
        The article's match table rows (needed for ``loaded_only``).
    loaded_only : bool
        Keep only paragraphs with a match of non-zero weight. Without any,
        every paragraph is kept, so an article never disappears.

    Raises
    ------
    ValueError
        If ``loaded_only`` is set without ``matches``.
    """
    if loaded_only and matches is None:
        raise ValueError("loaded_only=True needs the article's matches; pass matches=")
    found = [Passage(article.id, i, s, e, article.text[s:e]) for i, (s, e) in enumerate(paragraph_bounds(article.text))]
    if not loaded_only:
        return found
    loaded = _loaded(matches[matches["article"] == article.id] if "article" in matches else matches)
    kept = [p for p in found if ((loaded["start"] >= p.start) & (loaded["end"] <= p.end)).any()]
    return kept or found


def passage_matches(passage: Passage, matches: pd.DataFrame) -> pd.DataFrame:
    """The matches inside a passage, their offsets (and sentence offsets) made relative to it."""
    mine = matches
    if "article" in matches.columns:
        mine = mine[mine["article"] == passage.article]
    mine = mine[(mine["start"] >= passage.start) & (mine["end"] <= passage.end)]
    shifted = mine.assign(start=mine["start"] - passage.start, end=mine["end"] - passage.start)
    return shifted.reset_index(drop=True)


def screens(columns: Sequence[Sequence[Passage]], *, per_screen: int = 2) -> list[list[list[Passage]]]:
    """Cut side-by-side columns of passages into screens of ``per_screen`` passages per column.

    Screen ``k`` holds passages ``k*per_screen`` to ``(k+1)*per_screen - 1``
    of every column (a shorter column shows nothing once it has run out).

    Raises
    ------
    ValueError
        If ``per_screen`` is not a positive integer.
    """
    if not isinstance(per_screen, int) or per_screen < 1:
        raise ValueError(f"per_screen must be a positive integer, got {per_screen!r}")
    count = max((math.ceil(len(c) / per_screen) for c in columns), default=0)
    return [[list(c[k * per_screen:(k + 1) * per_screen]) for c in columns] for k in range(count)]
