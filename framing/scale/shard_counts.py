"""One shard's n-gram counts on a Dask worker, and the exact two-round merge that prunes them.

A worker cannot know whether a term rare in its shard is common in the
corpus, so pruning by ``min_total`` needs a global view, but sending every
term's text to the client is what made the counts big. The merge therefore
runs in two rounds (a distributed version of the exact first pass of
:mod:`framing.scale.term_runs`):

1. Each shard is counted (:func:`count_shard`, a
   :class:`~framing.scale.term_runs.RunCounter` over its chunks) and kept on
   its worker as a :class:`ShardCounts`. It sends on only a 64-bit hash of
   each n-gram with the shard's count (:meth:`ShardCounts.hashes`); the
   hashes are summed in a tree (:func:`merge_hashes`), and those with a total
   of at least ``min_total`` are the *candidates*.
2. Each shard sends back the text and counts of its candidate n-grams only
   (:meth:`ShardCounts.survivors`); these are summed exactly and cut to
   ``min_total``.

**Exact.** Terms that share a hash add their counts, so a hash's total is at
least the total of each of its terms: every term reaching ``min_total`` is a
candidate, and the second round counts each candidate exactly by its text.
The vocabulary size is the number of distinct hashes; it is one less for
each pair of distinct n-grams whose 64-bit hashes collide (for 10 million
n-grams, a chance of about 3 in a million).

Hashes: BLAKE2b (:func:`hashlib.blake2b`, 8 bytes) of each word, combined
over an n-gram's words by a polynomial in 64-bit arithmetic, so that every
worker computes the same hash for the same n-gram whatever its vocabulary.
"""

from __future__ import annotations

import hashlib
from typing import Mapping

import numpy as np

from framing.importers.base import DEFAULT_MAX_TEXT_CHARS
from framing.discover.term_counts import TermCounts, _decode
from framing.scale.chunk_readers import Shard, iter_shard_chunks
from framing.scale.term_runs import RunCounter
from framing.text.boilerplate import Boilerplate
from framing.text.tokens import TokenOptions

#: Odd 64-bit multiplier combining word hashes (the golden-ratio constant of Knuth's multiplicative hashing).
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


def _word_hashes(words: list[str]) -> np.ndarray:
    """BLAKE2b-64 of each word, as uint64 (the same on every process, unlike :func:`hash`)."""
    return np.array([int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")
                     for w in words], dtype=np.uint64)


def _ngram_hashes(codes: np.ndarray, n: int, base: int, word_hash: np.ndarray) -> np.ndarray:
    """64-bit hashes of n-gram codes: ``(n * M + h1) * M + h2 ...`` modulo 2**64."""
    ids = []
    rest = codes.copy()
    for _ in range(n):
        ids.append(rest % base)
        rest //= base
    hashed = np.full(len(codes), n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for part in reversed(ids):  # the first word's id is the most significant digit
            hashed = hashed * _MULTIPLIER + word_hash[part]
    return hashed


class ShardCounts:
    """Every n-gram of one shard with its counts per group, kept on its worker between the rounds."""

    def __init__(self, counter: RunCounter):
        self.by, self.options = counter.by, counter.options
        self.groups = list(counter.groups)
        self.totals = np.array(counter.totals, dtype=np.int64)
        self.base = counter.base
        self.words = np.array(counter.vocab.words, dtype=object)
        word_hash = _word_hashes(counter.vocab.words)
        # (n, codes, hashes, matrix): texts are made in round 2, for the candidates only.
        self.parts: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = []
        for n, codes, matrix, _ in counter.code_blocks(1):
            # Dense blocks of this shard's groups: int32 is ample for one shard's counts.
            self.parts.append((n, codes, _ngram_hashes(codes, n, counter.base, word_hash), matrix.astype(np.int32)))

    def hashes(self) -> tuple[np.ndarray, np.ndarray]:
        """Round 1: ``(hashes, counts)`` of the shard's n-grams, hashes sorted and unique."""
        return _sum_hashes([h for *_, h, _ in self.parts], [m.sum(axis=1, dtype=np.int64) for *_, m in self.parts])

    def survivors(self, candidates: np.ndarray | None) -> TermCounts:
        """Round 2: the counts of the shard's n-grams whose hash is a candidate (None: every n-gram).

        ``vocabulary_size`` is the number of rows; the table's rows follow the
        shard's codes, not the canonical order.
        """
        import pandas as pd  # only for the returned table

        terms, blocks = [], []
        for n, codes, hashed, matrix in self.parts:
            if candidates is not None:
                at = np.minimum(np.searchsorted(candidates, hashed), max(len(candidates) - 1, 0))
                chosen = candidates[at] == hashed if len(candidates) else np.zeros(len(hashed), dtype=bool)
                codes, matrix = codes[chosen], matrix[chosen]
            terms.append(_decode(codes, n, self.base, self.words))
            blocks.append(matrix.astype(np.int64))
        index = pd.Index(np.concatenate(terms) if terms else [], name="term", dtype=object)
        table = pd.DataFrame(np.concatenate(blocks) if blocks else np.zeros((0, len(self.groups)), dtype=np.int64),
                             index=index, columns=self.groups)
        return TermCounts(table=table, totals=pd.Series(self.totals, index=self.groups, name="total"),
                          vocabulary_size=len(table), by=self.by, options=self.options, min_total=1)


def _sum_hashes(hashes: list[np.ndarray], counts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    if not hashes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    unique, inverse = np.unique(np.concatenate(hashes), return_inverse=True)
    summed = np.bincount(inverse, weights=np.concatenate(counts).astype(np.float64), minlength=len(unique))
    return unique, summed.astype(np.int64)


def count_shard(
    shard: Shard, *, by: str | None, options: TokenOptions, chunk_size: int, column_map: Mapping[str, str],
    boilerplate: Boilerplate | None = None, max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> ShardCounts | None:
    """Count one shard chunk by chunk (runs on a worker), texts cleaned of ``boilerplate`` first;
    None for a shard without articles."""
    with RunCounter(by=by, options=options) as counter:
        for chunk in iter_shard_chunks(shard, chunk_size=chunk_size, column_map=column_map,
                                       max_text_chars=max_text_chars):
            counter.add_articles(chunk.articles if boilerplate is None else boilerplate.clean(chunk.articles))
        return ShardCounts(counter) if counter.groups else None


def shard_hashes(counts: ShardCounts | None) -> tuple[np.ndarray, np.ndarray]:
    """Round 1 of one shard (empty arrays for a shard without articles)."""
    return counts.hashes() if counts is not None else _sum_hashes([], [])


def merge_hashes(*parts: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """One node of the round-1 tree: hash counts summed."""
    return _sum_hashes([h for h, _ in parts], [c for _, c in parts])


def candidates(summed: tuple[np.ndarray, np.ndarray], min_total: int) -> tuple[np.ndarray, int]:
    """The hashes counted at least ``min_total`` times, and the number of distinct hashes."""
    hashes, counts = summed
    return hashes[counts >= min_total], len(hashes)


def shard_survivors(counts: ShardCounts | None, chosen: tuple[np.ndarray, int]) -> TermCounts | None:
    """Round 2 of one shard: its candidate n-grams' text and counts (None without articles)."""
    return counts.survivors(chosen[0]) if counts is not None else None
