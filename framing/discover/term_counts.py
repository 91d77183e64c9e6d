"""Count n-grams per group of articles, fast and in little memory.

Groups are the values of one article field: ``outlet``, ``alignment``,
``date``, ... or any manifest column kept in ``Article.meta``. The counts are
the input of the log-odds ratio with informative Dirichlet prior (Monroe,
Colaresi & Quinn 2008, "Fightin' Words", *Political Analysis* 16(4), 372-403),
computed in :mod:`framing.discover.logodds`.

How it is fast: every word gets an integer id; an n-gram is the integer
``id1 * B**(n-1) + ... + idn`` (``B = 2**(63 // max_n)``), so n-grams are
counted with :func:`numpy.unique` on int64 arrays instead of Python strings,
and only n-grams that survive ``min_total`` are turned back into text. The
n-grams are exactly those of :func:`framing.text.tokens.ngrams`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from framing.article import KNOWN_FIELDS, Article
from framing.text.tokens import BREAK, TokenOptions, raw_tokens

#: Group label given to articles whose grouping field is empty.
NO_VALUE = "(none)"
#: Raw n-gram codes gathered before they are reduced with numpy.unique.
_FLUSH_AT = 1 << 22


@dataclass(frozen=True)
class TermCounts:
    """N-gram counts per group.

    Attributes
    ----------
    table : DataFrame
        Index: the term (words joined by spaces); one int64 column per group,
        in order of first appearance. Only terms counted at least
        ``min_total`` times over all groups are rows.
    totals : Series
        Number of counted n-grams per group (all terms, before ``min_total``):
        the ``n_i`` of the log-odds formulas.
    vocabulary_size : int
        Number of distinct terms before ``min_total``.
    by : str or None
        The grouping field (None: every article in one group ``"all"``).
    options : TokenOptions
    min_total : int
    """

    table: pd.DataFrame
    totals: pd.Series
    vocabulary_size: int
    by: str | None
    options: TokenOptions
    min_total: int = 1

    @property
    def groups(self) -> list[str]:
        """Group labels, in order of first appearance."""
        return list(self.table.columns)


def group_of(article: Article, by: str | None) -> str:
    """The group label of an article for the field ``by``.

    Raises
    ------
    ValueError
        If the article has no field ``by`` (naming the fields it has).
    """
    if by is None:
        return "all"
    try:
        value = article.field_value(by)
    except KeyError:
        allowed = ", ".join([*KNOWN_FIELDS, *article.meta])
        raise ValueError(f"unknown grouping field {by!r}; articles have: {allowed}") from None
    return str(value).strip() or NO_VALUE


class _Vocabulary(dict):
    """Word -> id, assigning the next id to a new word; id 0 is every phrase break."""

    def __init__(self, stopwords: frozenset[str]):
        super().__init__()
        self.words: list[str] = []
        self._stopwords = stopwords
        self._stop_flags: list[bool] = []
        self.stop = np.zeros(0, dtype=bool)
        self._filled = 0  # flags copied into ``stop`` so far
        self[BREAK]  # id 0

    def __missing__(self, word: str) -> int:
        if word != BREAK and not word[0].isalnum():  # a break mark: ".", "!", "\n", ...
            self[word] = 0
            return 0
        index = len(self.words)
        self[word] = index
        self.words.append(word)
        self._stop_flags.append(word == BREAK or word in self._stopwords)
        return index

    def stop_table(self) -> np.ndarray:
        """Boolean array: is id ``i`` a stopword or the break?"""
        # The array has spare room, so its length is not the number of flags
        # copied: words added since the last call that fit in the spare room
        # need their flags too.
        have, need = self._filled, len(self._stop_flags)
        if have < need:
            if len(self.stop) < need:  # grow geometrically: O(V) work overall, not per article
                grown = np.zeros(max(need, 2 * len(self.stop)), dtype=bool)
                grown[:have] = self.stop[:have]
                self.stop = grown
            self.stop[have:need] = self._stop_flags[have:]
            self._filled = need
        return self.stop


class _Tally:
    """Counts of int64 codes, reduced with numpy.unique in batches."""

    def __init__(self) -> None:
        self.pending: list[np.ndarray] = []
        self.pending_size = 0
        self.codes = np.zeros(0, dtype=np.int64)
        self.counts = np.zeros(0, dtype=np.int64)

    def add(self, codes: np.ndarray) -> None:
        self.pending.append(codes)
        self.pending_size += len(codes)
        if self.pending_size >= _FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        new, new_counts = np.unique(np.concatenate(self.pending), return_counts=True)
        self.pending, self.pending_size = [], 0
        if len(self.codes):
            both = np.concatenate([self.codes, new])
            weights = np.concatenate([self.counts, new_counts])
            new, inverse = np.unique(both, return_inverse=True)
            new_counts = np.bincount(inverse, weights=weights, minlength=len(new)).astype(np.int64)
        self.codes, self.counts = new, new_counts


def _codes(ids: np.ndarray, stop: np.ndarray, n: int, base: int) -> np.ndarray:
    """Codes of the n-grams of an id sequence that pass the stopword/break rules."""
    if len(ids) < n:
        return np.zeros(0, dtype=np.int64)
    span = len(ids) - n + 1
    keep = ~stop[ids[:span]] & ~stop[ids[n - 1 :]]
    code = ids[:span].copy()
    for k in range(1, n):
        part = ids[k : k + span]
        if 0 < k < n - 1:
            keep &= part != 0  # the break id: never inside an n-gram
        code = code * base + part
    return code[keep]


def _decode(codes: np.ndarray, n: int, base: int, words: np.ndarray) -> np.ndarray:
    """Turn n-gram codes back into space-joined text (object array)."""
    parts = []
    rest = codes.copy()
    for _ in range(n):
        parts.append(words[rest % base])
        rest //= base
    text = parts[-1]
    for part in reversed(parts[:-1]):
        text = text + " " + part
    return text


def count_terms(
    articles: Iterable[Article],
    *,
    by: str | None = "outlet",
    options: TokenOptions | None = None,
    min_total: int = 1,
) -> TermCounts:
    """Count the n-grams of each group of articles.

    Parameters
    ----------
    articles : iterable of Article
    by : str or None
        Grouping field: ``outlet``, ``alignment``, any other :class:`Article`
        field or manifest column; None puts every article in the group ``all``.
    options : TokenOptions, optional
        N-gram range, stopwords and apostrophes (default ``TokenOptions()``).
    min_total : int
        Keep only terms counted at least this often over all groups (default
        1, every term). Totals and vocabulary size always cover every term.

    Returns
    -------
    TermCounts

    Raises
    ------
    ValueError
        For an unknown field, no articles, or ``min_total`` below 1.
    """
    options = options or TokenOptions()
    if isinstance(min_total, bool) or not isinstance(min_total, (int, np.integer)) or min_total < 1:
        raise ValueError(f"min_total must be an integer >= 1, got {min_total!r}")
    low, high = options.ngram_range
    # An n-gram's code packs n word ids in one int64; 2**62 keeps the base
    # itself an int64 when n is 1 (2**63 would overflow).
    base = 1 << min(63 // high, 62)
    vocab = _Vocabulary(options.stopwords())
    tallies: dict[str, dict[int, _Tally]] = {}
    for article in articles:
        group = group_of(article, by)
        per_n = tallies.setdefault(group, {n: _Tally() for n in range(low, high + 1)})
        tokens = raw_tokens(article.text, apostrophes=options.apostrophes)
        ids = np.fromiter(map(vocab.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        if len(vocab.words) >= base:
            raise ValueError(f"vocabulary of {len(vocab.words)} words is too large for {high}-grams; use a smaller ngram_range")
        stop = vocab.stop_table()
        for n, tally in per_n.items():
            tally.add(_codes(ids, stop, n, base))
    if not tallies:
        raise ValueError("no articles to count")
    return _assemble(tallies, vocab, base, by=by, options=options, min_total=int(min_total))


def _assemble(
    tallies: dict[str, dict[int, _Tally]],
    vocab: _Vocabulary,
    base: int,
    *,
    by: str | None,
    options: TokenOptions,
    min_total: int,
) -> TermCounts:
    """Merge the per-group tallies into one term x group table."""
    groups = list(tallies)
    words = np.array(vocab.words, dtype=object)
    totals = np.zeros(len(groups), dtype=np.int64)
    vocabulary_size = 0
    terms: list[np.ndarray] = []
    blocks: list[np.ndarray] = []
    low, high = options.ngram_range
    for n in range(low, high + 1):
        results = []
        for tally in (tallies[g][n] for g in groups):
            tally.flush()
            results.append((tally.codes, tally.counts))
        union = np.unique(np.concatenate([codes for codes, _ in results]))
        vocabulary_size += len(union)
        matrix = np.zeros((len(union), len(groups)), dtype=np.int64)
        for j, (codes, counts) in enumerate(results):
            matrix[np.searchsorted(union, codes), j] = counts
            totals[j] += counts.sum()
        keep = matrix.sum(axis=1) >= min_total
        terms.append(_decode(union[keep], n, base, words))
        blocks.append(matrix[keep])
    table = pd.DataFrame(
        np.concatenate(blocks) if blocks else np.zeros((0, len(groups)), dtype=np.int64),
        index=pd.Index(np.concatenate(terms) if terms else [], name="term", dtype=object),
        columns=groups,
    )
    return TermCounts(
        table=table,
        totals=pd.Series(totals, index=groups, name="total"),
        vocabulary_size=vocabulary_size,
        by=by,
        options=options,
        min_total=min_total,
    )


def term_frequencies(counts: TermCounts, groups: Sequence[str] | None = None) -> pd.Series:
    """Counts of each term summed over ``groups`` (default: all groups)."""
    columns = list(groups) if groups is not None else counts.groups
    return counts.table[columns].sum(axis=1)
