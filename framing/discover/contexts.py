"""Which terms are used in the same contexts: PPMI context vectors reduced with truncated SVD.

Two wordings of one thing ("Affordable Care Act", "Obamacare") are
*substitutes*: they occur among the same neighbouring words. Following Levy,
Goldberg & Dagan (2015), "Improving Distributional Similarity with Lessons
Learned from Word Embeddings", *TACL* 3, 211-225:

* every occurrence of a candidate term (a word or a phrase of up to three
  words; not where it lies inside a longer candidate) counts the content words within
  ``window`` words on each side, the term's own words excluded (stopwords
  are not contexts). The window is narrow (2) because narrow windows find
  words that can replace each other (paradigmatic similarity) rather than
  words of the same topic (Sahlgren 2006, *The Word-Space Model*, ch. 8;
  Levy & Goldberg 2014, "Dependency-Based Word Embeddings", ACL);
* the counts become positive pointwise mutual information, with the
  context distribution smoothed by ``alpha = 0.75`` (their "cds")::

      PPMI(t, c) = max(0, log(P(t, c) / (P(t) * P_alpha(c)))),
      P_alpha(c) = count(c) ** alpha / sum_c' count(c') ** alpha

* the PPMI matrix is reduced with truncated SVD
  (:func:`scipy.sparse.linalg.svds`) to ``dim`` dimensions, each term's
  vector ``U_t * sqrt(S)`` (their eigenvalue weighting ``p = 0.5``), and
  terms are compared by cosine.

It runs on the corpus alone, with no trained model. Memory: the texts are
read one at a time; only the sparse co-occurrence counts are kept.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds

from framing.text.tokens import BREAK, phrase_tokens, stopwords_en

#: Words each side of a term counted as its context.
DEFAULT_WINDOW = 2
#: Dimensions of the reduced vectors.
DEFAULT_DIM = 100
#: Context smoothing exponent of Levy, Goldberg & Dagan (2015).
CDS_ALPHA = 0.75
#: Co-occurrence pairs gathered before they are summed into the sparse matrix.
_FLUSH_AT = 1 << 21


def context_vectors(
    texts: Iterable[str],
    terms: Sequence[str],
    context_words: Sequence[str],
    *,
    window: int = DEFAULT_WINDOW,
    dim: int = DEFAULT_DIM,
) -> tuple[np.ndarray, np.ndarray]:
    """Unit-length context vectors of ``terms`` from the texts.

    Parameters
    ----------
    texts : iterable of str
    terms : sequence of str
        Folded words or phrases (words joined by single spaces, at most 3).
    context_words : sequence of str
        The words counted as contexts (e.g. the corpus's most frequent content words).
    window : int
        Context words on each side.
    dim : int
        SVD dimensions (fewer when the matrix is smaller).

    Returns
    -------
    (ndarray, ndarray)
        Vectors, one row per term (zero for a term never seen with a
        context), and each term's number of occurrences.
    """
    index = {tuple(term.split()): i for i, term in enumerate(terms)}
    longest = max((len(k) for k in index), default=1)
    stop = stopwords_en()
    ctx_id = {w: j for j, w in enumerate(context_words) if w not in stop}
    matrix = sparse.csr_matrix((len(terms), len(context_words)), dtype=np.float64)
    occurrences = np.zeros(len(terms), dtype=np.int64)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    pending = 0
    for text in texts:
        tokens = phrase_tokens(text)
        ctx = np.fromiter((ctx_id.get(t, -1) for t in tokens), dtype=np.int64, count=len(tokens))
        spans = [
            (i, i + n, term)
            for i, first in enumerate(tokens) if first != BREAK
            for n in range(1, longest + 1)
            if (term := index.get(tuple(tokens[i : i + n]))) is not None
        ]
        # An occurrence inside a longer candidate's ("climate" in "climate change") is
        # that phrase's, not its own (phrases joined as one token, as in Mikolov et al.
        # 2013): a part must not borrow its phrase's contexts. Partial overlaps count.
        found = {(a, b) for a, b, _ in spans}
        for a, b, term in spans:
            if any((a - d, e) in found for d in range(longest) for e in range(b, a - d + longest + 1)
                   if (a - d, e) != (a, b)):
                continue
            occurrences[term] += 1
            around = np.concatenate([ctx[max(0, a - window) : a], ctx[b : b + window]])
            around = around[around >= 0]
            rows.append(np.full(len(around), term, dtype=np.int64))
            cols.append(around)
            pending += len(around)
        if pending >= _FLUSH_AT:
            matrix = matrix + _block(rows, cols, matrix.shape)
            rows, cols, pending = [], [], 0
    matrix = matrix + _block(rows, cols, matrix.shape)
    return _reduce(_ppmi(matrix), dim), occurrences


def _block(rows: list[np.ndarray], cols: list[np.ndarray], shape: tuple[int, int]) -> sparse.csr_matrix:
    if not rows:
        return sparse.csr_matrix(shape, dtype=np.float64)
    r, c = np.concatenate(rows), np.concatenate(cols)
    return sparse.coo_matrix((np.ones(len(r)), (r, c)), shape=shape).tocsr()  # duplicates summed


def _ppmi(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Positive PMI with context distribution smoothing (Levy, Goldberg & Dagan 2015, section 3.2)."""
    coo = counts.tocoo()
    total = coo.data.sum()
    if total == 0:
        return counts
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    col_sum = np.asarray(counts.sum(axis=0)).ravel() ** CDS_ALPHA
    p_ctx = col_sum / col_sum.sum()
    pmi = np.log(coo.data / total) - np.log(row_sum[coo.row] / total) - np.log(p_ctx[coo.col])
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)


def _reduce(ppmi: sparse.csr_matrix, dim: int) -> np.ndarray:
    """Rows of ``U * sqrt(S)`` from a truncated SVD, scaled to unit length."""
    k = min(dim, min(ppmi.shape) - 1)
    if k < 1 or ppmi.nnz == 0:
        vectors = ppmi.toarray()
    elif k >= min(ppmi.shape) - 1 and min(ppmi.shape) <= 200:
        u, s, _ = np.linalg.svd(ppmi.toarray(), full_matrices=False)  # small matrices: exact and stable
        vectors = u[:, :dim] * np.sqrt(s[:dim])
    else:
        # A fixed start vector: the same corpus gives the same vectors on every run.
        v0 = np.full(min(ppmi.shape), 1.0 / np.sqrt(min(ppmi.shape)))
        u, s, _ = svds(ppmi, k=k, v0=v0)
        vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
