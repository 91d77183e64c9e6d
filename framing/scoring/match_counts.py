"""Per-group counts and axis scores of a match table, on integer group codes.

The score tables count a match table's rows per article or per outlet:
matches, loaded matches (a span matched by two lexicons once), voices,
concepts, and the mean effective weight per axis. Grouping a DataFrame by
its string columns again for each of these measures hashes every string
each time; here each key column is factorized once into integer codes
(:func:`group_codes`) and every count is one :func:`numpy.bincount`. On a
chunk of 1,000 generated articles (45,000 matches) this takes the
per-article aggregation from about 30 ms to about 6 ms.

The rules are those of :mod:`framing.scoring.scores` (see its docstring). Axis
means are exact sums rounded once, then divided by the count
(:func:`group_means`).
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from framing.text.quotes import AUTHORIAL, VOICES


def group_codes(row_keys: Sequence[str] | pd.Series, match_keys: pd.Series) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Number the groups of the rows, and find each match's group.

    Parameters
    ----------
    row_keys : sequence of str
        The key of each row of the table being built (an article id, an
        outlet name); equal keys form one group.
    match_keys : Series
        The same key for each match.

    Returns
    -------
    groups : Index
        The distinct row keys, in order of first appearance (the order of
        ``groupby(sort=False)``).
    row_codes : ndarray of intp
        Each row's position in ``groups``.
    match_codes : ndarray of intp
        Each match's position in ``groups``, -1 for a key no row has.
    """
    # A missing key (None) is a key like any other, never the -1 of "no group".
    row_codes, uniques = pd.factorize(np.asarray(row_keys, dtype=object), use_na_sentinel=False)
    groups = pd.Index(uniques, dtype=object)
    # Factorize the long column once (fast on Arrow strings), then look up
    # only its distinct values among the groups.
    codes, distinct = pd.factorize(match_keys, use_na_sentinel=False)
    lookup = np.append(groups.get_indexer(pd.Index(distinct, dtype=object)), -1)
    return groups, row_codes.astype(np.intp), lookup[codes]


def _count(codes: np.ndarray, n: int, mask: np.ndarray | None = None) -> np.ndarray:
    """Rows per group (optionally only where ``mask``), int64; codes of -1 are left out."""
    if mask is not None:
        codes = codes[mask]
    return np.bincount(codes[codes >= 0], minlength=n).astype(np.int64)


def _equals(column: pd.Series, value: str) -> np.ndarray:
    """Where ``column`` equals ``value``, as a boolean array (missing values: False)."""
    return (column == value).to_numpy(dtype=bool, na_value=False)


def counted_voices(matches: pd.DataFrame, factors: Mapping[str, float]) -> np.ndarray:
    """Where a match's voice factor is not zero: the matches an axis score averages."""
    return matches["voice"].isin([v for v, f in factors.items() if f != 0]).to_numpy(dtype=bool)


def count_columns(matches: pd.DataFrame, codes: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """Match, loaded, voice and concept counts per group.

    Parameters
    ----------
    matches : DataFrame
        A match table (:func:`framing.scoring.scores.match_table` or
        :func:`framing.scoring.scores.score_matches`).
    codes : ndarray
        Each match's group (:func:`group_codes`), -1 to leave it out.
    n : int
        Number of groups.

    Returns
    -------
    dict of str to ndarray
        ``matches, loaded, loaded_authorial``, one column per voice, and
        ``concept:<lexicon>/<concept>`` for every concept in the table
        (:func:`concept_key`), each of length ``n``.
    """
    weight = matches["weight"].to_numpy(dtype=float)
    voice = matches["voice"]
    # A span matched by two lexicons counts once in the loaded counts:
    # duplicates by (group, article, start, end), keeping the first, whose
    # voice any duplicate shares (a voice depends on the offsets alone).
    loaded = weight != 0
    spans = pd.DataFrame({
        "group": codes[loaded], "article": pd.factorize(matches["article"])[0][loaded],
        "start": matches["start"].to_numpy()[loaded], "end": matches["end"].to_numpy()[loaded],
    })
    first = np.zeros(len(matches), dtype=bool)
    first[np.flatnonzero(loaded)[~spans.duplicated().to_numpy()]] = True
    columns = {
        "matches": _count(codes, n),
        "loaded": _count(codes, n, first),
        "loaded_authorial": _count(codes, n, first & _equals(voice, AUTHORIAL)),
    }
    for name in VOICES:
        columns[name] = _count(codes, n, _equals(voice, name))
    concept_codes, concepts = concept_key_codes(matches)
    inside = (codes >= 0) & (concept_codes >= 0)
    table = np.bincount(codes[inside] * len(concepts) + concept_codes[inside],
                        minlength=n * len(concepts)).reshape(n, len(concepts))
    for number, concept in enumerate(concepts):
        columns[f"concept:{concept}"] = table[:, number].astype(np.int64)
    return columns


def group_means(values: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray:
    """Mean of the values per group: the correctly rounded sum divided by the count; NaN for an empty group.

    The sum is :func:`math.fsum` (Shewchuk's exact summation), so a mean does
    not depend on the order of the matches nor on how pandas sums a group
    (its grouped sums are compensated for string keys, plain for integer
    keys), and equals the outlet partials' exact sums divided by the count
    (:func:`framing.scoring.partials.outlet_table`).
    """
    means = np.full(n, np.nan)
    if not len(codes):
        return means
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(ordered)]
    sorted_values = values[order].tolist()
    means[ordered[starts]] = [math.fsum(sorted_values[s:e]) / (e - s) for s, e in zip(starts.tolist(), ends.tolist())]
    return means


def axis_columns(
    matches: pd.DataFrame, codes: np.ndarray, n: int, axes: Sequence[str], factors: Mapping[str, float],
) -> dict[str, np.ndarray]:
    """``score_<axis>`` (mean effective weight, NaN without matches) and ``n_<axis>`` per group.

    Only matches whose voice factor is not zero count, as in
    :mod:`framing.scoring.scores`.
    """
    counted = counted_voices(matches, factors)
    effective = matches["effective_weight"].to_numpy(dtype=float)
    columns: dict[str, np.ndarray] = {}
    for axis in axes:
        on_axis = counted & _equals(matches["axis"], axis) & (codes >= 0)
        columns[f"score_{axis}"] = group_means(effective[on_axis], codes[on_axis], n)
        columns[f"n_{axis}"] = _count(codes, n, on_axis)
    return columns


def score_columns(
    matches: pd.DataFrame, codes: np.ndarray, n: int, axes: Sequence[str], factors: Mapping[str, float],
) -> dict[str, np.ndarray]:
    """:func:`count_columns` and :func:`axis_columns` together: every per-group column of a score table."""
    return {**count_columns(matches, codes, n), **axis_columns(matches, codes, n, axes, factors)}


def concept_key(lexicon: str, concept: str) -> str:
    """``<lexicon>/<concept>``: a concept named by its lexicon, as score columns name it.

    Two lexicons may both have a concept ``events``; their counts and
    preferred wordings are kept apart as ``venezuela-2019/events`` and
    ``vorsk-2031/events``, never summed.
    """
    return f"{lexicon}/{concept}"


def concept_key_codes(matches: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Each match's concept key (:func:`concept_key`) as an integer code, and the keys.

    Built from the codes of the ``lexicon`` and ``concept`` columns, so no
    string is made per match; a match missing either has code -1.
    """
    lexicon_codes, lexicons = pd.factorize(matches["lexicon"])
    concept_codes, concepts = pd.factorize(matches["concept"])
    valid = (lexicon_codes >= 0) & (concept_codes >= 0)
    pair = lexicon_codes.astype(np.int64) * max(len(concepts), 1) + concept_codes
    codes = np.full(len(pair), -1, dtype=np.intp)
    valid_codes, pairs = pd.factorize(pair[valid])
    codes[valid] = valid_codes
    keys = [concept_key(lexicons[p // len(concepts)], concepts[p % len(concepts)]) for p in pairs.tolist()]
    return codes, keys
