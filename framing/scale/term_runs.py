"""Exact n-gram counts per group in bounded memory: sorted runs spilled to disk, merged by code range.

:func:`framing.discover.term_counts.count_terms` holds every distinct n-gram
of every group until the end, although most are seen once or twice and are
dropped by ``min_total``. :class:`RunCounter` counts the same n-grams (the
same tokens, integer codes and stopword rules, so the same numbers) but keeps
only a bounded buffer of raw codes: when it fills, each group's codes are
reduced with :func:`numpy.unique` and written as a *sorted run* (codes,
counts) to a temporary folder, read back through memory maps. At the end the
runs are merged one range of codes at a time (the classic external merge of
sorted runs, Knuth, *The Art of Computer Programming* vol. 3, section 5.4):
a range's counts are summed over runs into a terms x groups block, and only
n-grams counted at least ``min_total`` times over all groups leave the
merge. Memory therefore depends on the buffer, one range and the vocabulary
of words, not on the number of distinct n-grams.

**Exact.** ``min_total`` is applied to the sum over every run and group, so
a term too rare in every run but common enough in total is kept; totals and
the vocabulary size cover every n-gram, as in ``count_terms``. The result
equals ``canonical_order(count_terms(all articles, min_total=...))``.

**Where text comes in.** :meth:`RunCounter.add_text` is the one place a
text enters the counts (:meth:`RunCounter.add_articles` calls it per
article): a filter of the text (boilerplate removal, say) goes before it.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Iterable, Iterator

import numpy as np

from framing.article import Article
from framing.discover.term_counts import TermCounts, _codes, _decode, _Vocabulary, group_of
from framing.text.tokens import TokenOptions, raw_tokens

#: Raw n-gram codes buffered (over all n and groups) before they become a sorted run.
FLUSH_AT = 1 << 22
#: About this many (code, group) entries are merged at once, one code range at a time.
MERGE_AT = 1 << 18


class _Run:
    """One sorted run of one n on disk: codes and counts, group by group (``starts[g]:starts[g+1]``).

    Read with plain file reads, not memory maps: the pages of a mapped file
    that the merge has read count in the process's resident memory until the
    system reclaims them, so maps would make the peak grow with the corpus.
    """

    def __init__(self, folder: Path, name: str, codes: np.ndarray, counts: np.ndarray, starts: np.ndarray):
        self.codes_path, self.counts_path = folder / f"{name}-codes.bin", folder / f"{name}-counts.bin"
        codes.tofile(self.codes_path)
        counts.tofile(self.counts_path)
        self.size = len(codes)
        self.starts = starts
        # A sample of the codes (every 64th of each group's), to choose the merge's code ranges.
        self.sample = np.concatenate([codes[starts[g] : starts[g + 1] : 64] for g in range(len(starts) - 1)])
        self.cuts: np.ndarray | None = None  # per group, where each range starts (see locate)

    def locate(self, bounds: np.ndarray) -> None:
        """Find where each of the sorted code ``bounds`` falls in each group's segment (one read of the codes)."""
        codes = np.fromfile(self.codes_path, dtype=np.int64)
        self.cuts = np.array([self.starts[g] + np.searchsorted(codes[self.starts[g] : self.starts[g + 1]], bounds)
                              for g in range(len(self.starts) - 1)], dtype=np.int64).reshape(len(self.starts) - 1, -1)

    def slices(self, r: int) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        """``(group, codes, counts)`` of each group with codes in range ``r`` (between bounds r - 1 and r)."""
        with self.codes_path.open("rb") as codes, self.counts_path.open("rb") as counts:
            for g in range(len(self.starts) - 1):
                lo = int(self.starts[g]) if r == 0 else int(self.cuts[g, r - 1])
                hi = int(self.starts[g + 1]) if r == self.cuts.shape[1] else int(self.cuts[g, r])
                if lo < hi:
                    codes.seek(lo * 8)
                    counts.seek(lo * 4)
                    yield (g, np.fromfile(codes, dtype=np.int64, count=hi - lo),
                           np.fromfile(counts, dtype=np.int32, count=hi - lo))


class RunCounter:
    """Count the n-grams of each group of articles, spilling sorted runs to disk.

    Use as a context manager (the temporary folder of runs is removed on
    exit): add texts with :meth:`add_text` or :meth:`add_articles`, then
    call :meth:`term_counts` or iterate :meth:`blocks`.

    Parameters
    ----------
    by : str or None
        Grouping field, as in :func:`framing.discover.term_counts.count_terms`.
    options : TokenOptions, optional
    flush_at : int
        Raw codes buffered before a run is written.
    spill_dir : str or Path, optional
        Where the temporary folder of runs goes (default: the system's).
    """

    def __init__(self, *, by: str | None = "outlet", options: TokenOptions | None = None,
                 flush_at: int = FLUSH_AT, spill_dir: str | Path | None = None):
        if isinstance(flush_at, bool) or not isinstance(flush_at, int) or flush_at < 1:
            raise ValueError(f"flush_at={flush_at!r} is not allowed; use a positive integer")
        self.by = by
        self.options = options or TokenOptions()
        low, high = self.options.ngram_range
        self.ns = tuple(range(low, high + 1))
        # An n-gram's code packs n word ids in one int64 (as in count_terms).
        self.base = 1 << min(63 // high, 62)
        self.vocab = _Vocabulary(self.options.stopwords())
        self.groups: dict[str, int] = {}
        self.totals: list[int] = []
        self._pending: dict[int, dict[int, list[np.ndarray]]] = {n: {} for n in self.ns}
        self._pending_size = 0
        self._flush_at = flush_at
        self._runs: dict[int, list[_Run]] = {n: [] for n in self.ns}
        self._spill_dir = spill_dir
        self._tmp: TemporaryDirectory | None = None

    def __enter__(self) -> "RunCounter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Remove the runs written so far."""
        self._runs = {n: [] for n in self.ns}
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def add_text(self, group: str, text: str) -> None:
        """Count the n-grams of one text in ``group``: the entry point of every text."""
        g = self.groups.setdefault(group, len(self.groups))
        if g == len(self.totals):
            self.totals.append(0)
        tokens = raw_tokens(text, apostrophes=self.options.apostrophes)
        ids = np.fromiter(map(self.vocab.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        if len(self.vocab.words) >= self.base:
            raise ValueError(f"vocabulary of {len(self.vocab.words)} words is too large for "
                             f"{self.ns[-1]}-grams; use a smaller ngram_range")
        stop = self.vocab.stop_table()
        for n in self.ns:
            codes = _codes(ids, stop, n, self.base)
            if len(codes):
                self._pending[n].setdefault(g, []).append(codes)
                self.totals[g] += len(codes)
                self._pending_size += len(codes)
        if self._pending_size >= self._flush_at:
            self._flush()

    def add_articles(self, articles: Iterable[Article]) -> None:
        """Count each article's text in its group (``group_of(article, by)``)."""
        for article in articles:
            self.add_text(group_of(article, self.by), article.text)

    def _flush(self) -> None:
        """Reduce the buffer to one sorted run per n and write it to the temporary folder."""
        if not self._pending_size:
            return
        if self._tmp is None:
            self._tmp = TemporaryDirectory(prefix="framing-runs-", dir=self._spill_dir)
        for n in self.ns:
            pending = self._pending[n]
            if not pending:
                continue
            codes, counts, starts = [], [], [0]
            for g in range(len(self.groups)):
                if g in pending:
                    unique, count = np.unique(np.concatenate(pending[g]), return_counts=True)
                    codes.append(unique)
                    counts.append(count.astype(np.int32))  # a run holds < 2**31 codes
                starts.append(starts[-1] + (len(codes[-1]) if g in pending else 0))
            self._runs[n].append(_Run(Path(self._tmp.name), f"n{n}-{len(self._runs[n])}", np.concatenate(codes),
                                      np.concatenate(counts), np.array(starts, dtype=np.int64)))
            self._pending[n] = {}
        self._pending_size = 0

    def _ranges(self, runs: list[_Run]) -> int:
        """Cut the code space into ranges of about :data:`MERGE_AT` entries over all runs; their number.

        Each run learns where every range starts in each of its groups (:meth:`_Run.locate`).
        """
        entries = sum(run.size for run in runs)
        parts = max(1, -(-entries // MERGE_AT))
        sample = np.unique(np.concatenate([run.sample for run in runs])) if runs else np.zeros(0, dtype=np.int64)
        bounds = np.unique(sample[np.linspace(0, len(sample), parts, endpoint=False, dtype=np.int64)[1:]])
        for run in runs:
            run.locate(bounds)
        return len(bounds) + 1

    def code_blocks(self, min_total: int = 1) -> Iterator[tuple[int, np.ndarray, np.ndarray, int]]:
        """As :meth:`blocks`, with the n-grams as their int64 codes (see :meth:`decode`)."""
        self._flush()
        width = len(self.groups)
        for n in self.ns:
            runs = self._runs[n]
            for r in range(self._ranges(runs)):
                codes, counts, columns = [], [], []
                for run in runs:
                    for g, c, k in run.slices(r):
                        codes.append(c)
                        counts.append(k)
                        columns.append(np.full(len(c), g, dtype=np.int64))
                if not codes:
                    continue
                unique, inverse = np.unique(np.concatenate(codes), return_inverse=True)
                weights = np.concatenate(counts).astype(np.float64)
                # Float weights are exact: every sum is far below 2**53.
                keep = np.bincount(inverse, weights=weights, minlength=len(unique)) >= min_total
                # Only the survivors get a row of the dense block.
                row = np.cumsum(keep) - 1
                entry = keep[inverse]
                cells = row[inverse[entry]] * width + np.concatenate(columns)[entry]
                survivors = int(keep.sum())
                matrix = np.bincount(cells, weights=weights[entry], minlength=survivors * width)
                yield n, unique[keep], matrix.astype(np.int64).reshape(survivors, width), len(unique)

    def decode(self, codes: np.ndarray, n: int) -> np.ndarray:
        """The text of n-gram codes (object array, words joined by spaces)."""
        return _decode(codes, n, self.base, np.array(self.vocab.words, dtype=object))

    def blocks(self, min_total: int = 1) -> Iterator[tuple[int, np.ndarray, np.ndarray, int]]:
        """Merge the runs range by range.

        Yields
        ------
        n : int
            N-gram length of the block.
        terms : ndarray of object
            The block's n-grams counted at least ``min_total`` times in
            total (text, words joined by spaces), in code order.
        matrix : ndarray of int64
            Their counts, terms x groups (groups in order of first appearance).
        distinct : int
            Distinct n-grams of the range before ``min_total`` (their sum
            over blocks is the vocabulary size).
        """
        words = np.array(self.vocab.words, dtype=object)
        for n, codes, matrix, distinct in self.code_blocks(min_total):
            yield n, _decode(codes, n, self.base, words), matrix, distinct

    def term_counts(self, min_total: int = 1) -> TermCounts:
        """All the counts as one :class:`TermCounts`, rows in canonical order (n, then term)."""
        import pandas as pd  # only for the output table

        if not self.groups:
            raise ValueError("no articles to count")
        terms: list[np.ndarray] = []
        blocks: list[np.ndarray] = []
        vocabulary_size = 0
        by_n: dict[int, tuple[list[np.ndarray], list[np.ndarray]]] = {n: ([], []) for n in self.ns}
        for n, block_terms, matrix, distinct in self.blocks(min_total):
            by_n[n][0].append(block_terms)
            by_n[n][1].append(matrix)
            vocabulary_size += distinct
        width = len(self.groups)
        for n in self.ns:
            if not by_n[n][0]:
                continue
            n_terms = np.concatenate(by_n[n][0])
            order = np.argsort(n_terms, kind="stable")
            terms.append(n_terms[order])
            blocks.append(np.concatenate(by_n[n][1])[order])
        groups = list(self.groups)
        table = pd.DataFrame(
            np.concatenate(blocks) if blocks else np.zeros((0, width), dtype=np.int64),
            index=pd.Index(np.concatenate(terms) if terms else [], name="term", dtype=object),
            columns=groups,
        )
        return TermCounts(table=table, totals=pd.Series(np.array(self.totals, dtype=np.int64), index=groups,
                                                        name="total"),
                          vocabulary_size=vocabulary_size, by=self.by, options=self.options, min_total=min_total)
