"""Boilerplate of a corpus file too large for memory: a first pass counting line hashes.

:mod:`framing.text.boilerplate` learns each outlet's boilerplate from how
many of its articles repeat a line. That needs the whole corpus, but only
its line *counts*: so a first pass reads the input chunk by chunk (or shard
by shard on Dask) and keeps, per outlet, one counter entry per distinct line
hash, the parts' counters added up (:meth:`framing.text.boilerplate.LineCounter.merge`);
the second pass counts terms with each chunk's texts cleaned by the
resulting :class:`framing.text.boilerplate.Boilerplate` (the ``boilerplate``
argument of :func:`framing.scale.term_partials.stream_term_counts` and
:func:`framing.scale.dask_terms.dask_term_counts`, which ships it to the
workers). The first pass runs in this process for both engines: hashing
lines is several times cheaper than counting n-grams. Memory: one chunk of
texts plus the line counters, pruned past ``max_keys`` as in
:class:`~framing.text.boilerplate.LineCounter`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from framing.importers.base import DEFAULT_MAX_TEXT_CHARS
from framing.scale.chunk_readers import iter_chunks
from framing.text.boilerplate import (
    DEFAULT_MAX_KEYS, DEFAULT_MIN_ARTICLES, DEFAULT_MIN_SHARE, DEFAULT_TEMPLATE_SHARE, Boilerplate, LineCounter,
    check_detector,
)


def stream_boilerplate(
    input: str | Path,
    *,
    chunk_size: int = 1000,
    column_map: Mapping[str, str] | None = None,
    min_articles: int = DEFAULT_MIN_ARTICLES,
    min_share: float = DEFAULT_MIN_SHARE,
    template_share: float = DEFAULT_TEMPLATE_SHARE,
    max_keys: int = DEFAULT_MAX_KEYS,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> Boilerplate:
    """Learn each outlet's boilerplate from a corpus file or folder, one chunk in memory at a time.

    Parameters
    ----------
    input : str or Path
        As :func:`framing.scale.term_partials.stream_term_counts`.
    chunk_size : int
        Articles held in memory at once.
    column_map : mapping, optional
        Field -> column name for tabular inputs.
    min_articles, min_share, template_share, max_keys
        As :func:`framing.text.boilerplate.detect_boilerplate`.
    max_text_chars : int
        Longest text accepted per article, as in :func:`framing.scale.chunk_readers.iter_chunks`.

    Returns
    -------
    Boilerplate
        Equal to ``detect_boilerplate`` on all the articles (unless pruning
        past ``max_keys`` set in).

    Raises
    ------
    ValueError
        For a bad option or an unreadable input.
    """
    check_detector(min_articles, min_share, template_share)
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size={chunk_size!r} is not allowed; use a positive integer")
    counter = LineCounter(max_keys=max_keys)
    for chunk in iter_chunks(Path(input), chunk_size=chunk_size, column_map=dict(column_map or {}),
                             max_text_chars=max_text_chars):
        counter.add_all(chunk.articles)
    return counter.model(min_articles=min_articles, min_share=min_share, template_share=template_share)
