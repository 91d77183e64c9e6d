"""Keyword in context: every occurrence of a term, centred, per outlet.

A term is found the way the lexicon matcher finds terms: case, accents,
apostrophes and punctuation are folded (:func:`framing.text.folding.key_text`),
whole words only, so ``guaido's`` (a distinctive term from
:mod:`framing.discover.logodds`) finds ``Guaidó’s``. Each line is marked with the
voice the outlet used (see :mod:`framing.text.quotes`):

* ``voice_source="lexicon"``: the occurrence is a lexicon match, and its
  voice is the one :func:`framing.scoring.scores.match_table` gave it;
* ``voice_source="quotes"``: otherwise the quotation finder decides;
* ``voice_source="none"``: no quote detection available, voice ``unknown``.

Keyword-in-context lines are the reading aid Monroe, Colaresi & Quinn (2008),
"Fightin' Words", *Political Analysis* 16(4), recommend next to word-level
statistics: a distinctive term is only evidence of framing once read in use.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import pandas as pd

from framing.article import Article
from framing.text.folding import key_text
from framing.text.phrase_keys import phrase_key

try:  # quote detection is optional for this module
    from framing.text.quotes import VoiceIndex
except ImportError:  # pragma: no cover - framing.text.quotes ships with framing
    VoiceIndex = None  # type: ignore[assignment,misc]

#: Default characters of context on each side.
DEFAULT_WIDTH = 40
#: Voice of a line when nothing can tell.
UNKNOWN = "unknown"
#: Columns of :func:`kwic`.
KWIC_COLUMNS = ["outlet", "article", "start", "end", "left", "keyword", "right", "voice", "voice_source"]
_SPACES = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text)


def _match_voices(matches: pd.DataFrame | None) -> dict[tuple[str, int, int], str]:
    """(article, start, end) -> voice, from a match table."""
    if matches is None or matches.empty:
        return {}
    return {
        (str(a), int(s), int(e)): str(v)
        for a, s, e, v in zip(matches["article"], matches["start"], matches["end"], matches["voice"])
    }


def _covering_voice(spans: Sequence[tuple[int, int, str]], start: int, end: int) -> str | None:
    for s, e, voice in spans:
        if s <= start and end <= e:
            return voice
    return None


def kwic(
    articles: Iterable[Article],
    term: str,
    *,
    width: int = DEFAULT_WIDTH,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find every occurrence of ``term`` with ``width`` characters each side.

    Parameters
    ----------
    articles : iterable of Article
    term : str
        A word or phrase, as written or as a distinctive term (``guaido's``,
        ``interim president``).
    width : int
        Characters of context kept on each side (whitespace runs count as one
        space). Must be between 1 and 1000.
    matches : DataFrame, optional
        A :func:`framing.scoring.scores.match_table` of the same articles; an
        occurrence inside a match takes that match's voice.

    Returns
    -------
    DataFrame
        :data:`KWIC_COLUMNS`, one row per occurrence, in corpus order;
        ``start``/``end`` index the article text.

    Raises
    ------
    ValueError
        If the term has no letters or digits, or ``width`` is out of range.
    """
    if isinstance(width, bool) or not isinstance(width, int) or not 1 <= width <= 1000:
        raise ValueError(f"width={width!r} is not allowed; use an integer from 1 to 1000")
    key = phrase_key(term)
    if not key:
        raise ValueError(f"term {term!r} has no letters or digits to look for")
    needle = f" {key} "
    voices = _match_voices(matches)
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for (article_id, s, e), voice in voices.items():
        by_article.setdefault(article_id, []).append((s, e, voice))
    rows = []
    for article in articles:
        folded = key_text(article.text)
        pos = folded.key.find(needle)
        if pos < 0:
            continue
        quotes = VoiceIndex(article.text) if VoiceIndex is not None else None
        while pos >= 0:
            start, end = folded.span_to_original(pos + 1, pos + len(needle) - 1)
            voice = _covering_voice(by_article.get(article.id, ()), start, end)
            source = "lexicon"
            if voice is None:
                voice, source = (quotes.voice(start, end), "quotes") if quotes is not None else (UNKNOWN, "none")
            left = _flat(article.text[max(0, start - 3 * width) : start])[-width:]
            right = _flat(article.text[end : end + 3 * width])[:width]
            rows.append((article.outlet, article.id, start, end, left, _flat(article.text[start:end]), right, voice, source))
            pos = folded.key.find(needle, pos + len(needle) - 1)
    return pd.DataFrame.from_records(rows, columns=KWIC_COLUMNS)


def format_lines(table: pd.DataFrame, *, width: int = DEFAULT_WIDTH) -> list[str]:
    """Render KWIC rows as aligned text lines: ``left [keyword] right  (voice)``.

    The keyword starts at the same column on every line; lines are grouped by
    outlet in the order the table has them, each group under an
    ``== outlet (n) ==`` heading.
    """
    lines: list[str] = []
    for outlet, group in table.groupby("outlet", sort=False):
        lines.append(f"== {outlet} ({len(group)}) ==")
        for row in group.itertuples(index=False):
            lines.append(f"{row.left.rjust(width)} [{row.keyword}] {row.right.ljust(width)}  ({row.voice})")
    return lines
