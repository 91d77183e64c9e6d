"""Log-odds z-scores block by block, keeping only each comparison's top terms.

:func:`framing.discover.logodds.compare_groups` builds, for every
comparison, a table of every term (for each of 20 outlets against the rest,
20 tables of every n-gram). A listing of the top terms needs far less:
:func:`top_log_odds` takes the counts as a stream of blocks (terms and their
counts per group, e.g. from the merge of :class:`framing.scale.term_runs.RunCounter`),
computes each comparison's ``delta``, ``var`` and ``z`` on the block's arrays
with exactly the formulas and operation order of
:func:`framing.discover.logodds.log_odds` (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", *Political Analysis* 16(4), 372-403, eq. 16-22), and keeps
per side only the rows that can still be among the ``top`` (every row whose
z ties the running threshold too). The returned tables hold those rows,
sorted by z descending then term, with the attributes of ``log_odds``, so
:func:`framing.discover.logodds.top_terms` with ``n <= top`` returns the same
rows, numbers and order as on the full tables.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from framing.discover.logodds import RESULT_COLUMNS, check_options, log_odds_z
from framing.discover.term_counts import TermCounts

#: Columns kept per candidate row, besides the term.
_FIELDS = ("count_a", "count_b", "delta", "var", "z")


class _Side:
    """The rows of one side of one comparison that can still be in its top ``k``."""

    def __init__(self, k: int, sign: int):
        self.k, self.sign = k, sign
        self.rows: dict[str, list[np.ndarray]] = {name: [] for name in ("term", *_FIELDS)}

    def offer(self, columns: dict[str, np.ndarray]) -> None:
        chosen = (columns["z"] > 0) if self.sign > 0 else (columns["z"] < 0)
        for name, values in columns.items():
            self.rows[name].append(values[chosen])
        self._prune()

    def _prune(self) -> None:
        joined = {name: np.concatenate(parts) for name, parts in self.rows.items()}
        z = joined["z"] * self.sign
        if len(z) > self.k:
            # Keep every row at or above the k-th largest |z|: ties are broken by
            # term only at the end, so none of them can be dropped yet.
            threshold = np.partition(z, len(z) - self.k)[len(z) - self.k]
            keep = z >= threshold
            joined = {name: values[keep] for name, values in joined.items()}
        self.rows = {name: [values] for name, values in joined.items()}

    def columns(self) -> dict[str, np.ndarray]:
        return {name: parts[0] if len(parts) == 1 else np.concatenate(parts) for name, parts in self.rows.items()}


class _Comparison:
    """Running state of one comparison: group columns, constants, candidates."""

    def __init__(self, a: str, side_b: Sequence[str], label: str, groups: list[str], totals: np.ndarray,
                 strength: float | None, k: int):
        column = {g: j for j, g in enumerate(groups)}
        self.a, self.label = a, label
        self.ia = [column[a]]
        self.ib = [column[g] for g in side_b]
        self.rest = sorted(self.ia + self.ib) == list(range(len(groups)))
        # As log_odds: n_i sum the group totals; a0 defaults to n_a + n_b.
        self.n_a = float(totals[self.ia].sum())
        self.n_b = float(totals[self.ib].sum())
        self.a0 = float(strength) if strength is not None else self.n_a + self.n_b
        self.sides = (_Side(k, 1), _Side(k, -1))
        self.first: dict[str, np.ndarray] | None = None  # one row, when no row has z != 0

    def offer(self, terms: np.ndarray, matrix: np.ndarray, total: np.ndarray, b_w: np.ndarray, big_b: float,
              uniform: float | None, min_count: int) -> None:
        y_a_int = matrix[:, self.ia[0]]
        y_b_int = total - y_a_int if self.rest else matrix[:, self.ib].sum(axis=1)
        y_a, y_b = y_a_int.astype(float), y_b_int.astype(float)
        n_a, n_b, a0 = self.n_a, self.n_b, self.a0
        a_w = np.full(len(terms), uniform) if uniform is not None else a0 * b_w / big_b
        keep = (y_a + y_b) >= min_count
        y_a, y_b, a_w = y_a[keep], y_b[keep], a_w[keep]
        delta, var, z = log_odds_z(y_a, y_b, a_w, n_a, n_b, a0)
        columns = {"term": terms[keep], "count_a": y_a.astype(np.int64), "count_b": y_b.astype(np.int64),
                   "delta": delta, "var": var, "z": z}
        if self.first is None and len(z):
            self.first = {name: values[:1] for name, values in columns.items()}
        for side in self.sides:
            side.offer(columns)

    def table(self, prior: str) -> pd.DataFrame:
        parts = [side.columns() for side in self.sides]
        if not any(len(part["z"]) for part in parts) and self.first is not None:
            parts.append(self.first)  # the full table is not empty: neither is this one
        joined = {name: np.concatenate([part[name] for part in parts]) for name in ("term", *_FIELDS)}
        result = pd.DataFrame(
            {"term": pd.Index(joined["term"], dtype=object), "group_a": self.a, "group_b": self.label,
             **{name: joined[name] for name in _FIELDS}},
            columns=RESULT_COLUMNS,
        )
        result = result.sort_values(["z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
        result.attrs.update({"group_a": self.a, "group_b": self.label, "n_a": self.n_a, "n_b": self.n_b,
                             "a0": self.a0, "prior": prior})
        return result


def top_log_odds(
    blocks: Iterable[tuple[np.ndarray, np.ndarray]],
    *,
    groups: Sequence[str],
    totals: np.ndarray,
    comparisons: Sequence[tuple[str, Sequence[str], str]],
    top: int,
    prior: str = "informative",
    strength: float | None = None,
    background: TermCounts | None = None,
    min_count: int = 2,
    vocabulary_size: int | None = None,
) -> list[pd.DataFrame]:
    """Each comparison's candidate top terms, from counts given block by block.

    Parameters
    ----------
    blocks : iterable of (terms, matrix)
        Terms (object array, unique over all blocks) and their int64 counts,
        terms x groups; every term with a total of at least ``min_count``
        must be in some block (rarer ones may be left out: they are dropped).
    groups : sequence of str
        The matrix columns' group labels.
    totals : ndarray
        N-grams counted per group (every term, before any cut).
    comparisons : sequence of (group_a, groups_b, label_b)
        From :func:`framing.discover.logodds.comparisons`.
    top : int
        Rows wanted per side (at least 1).
    prior, strength, background, min_count
        As in :func:`framing.discover.logodds.log_odds`.
    vocabulary_size : int, optional
        Distinct terms of the corpus; needed by ``prior="uniform"``.

    Returns
    -------
    list of DataFrame
        One per comparison, :data:`framing.discover.logodds.RESULT_COLUMNS`,
        sorted by z descending then term: the rows of ``log_odds`` that
        ``top_terms(..., n=top)`` can return, for either side.

    References
    ----------
    Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis
    16(4), 372-403, eq. (16)-(22).
    """
    check_options(prior, strength, min_count)
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1:
        raise ValueError(f"top={top!r} is not allowed; use an integer >= 1")
    if prior == "uniform" and vocabulary_size is None:
        raise ValueError("prior='uniform' needs the vocabulary size")
    if background is not None and prior != "informative":
        raise ValueError("a background corpus shapes the informative prior only; use prior='informative'")
    groups = list(groups)
    totals = np.asarray(totals, dtype=np.int64)
    states = [_Comparison(a, b, label, groups, totals, strength, int(top)) for a, b, label in comparisons]
    big_b = float(totals.sum())
    bg = None
    if background is not None:
        bg = background.table.sum(axis=1)
        big_b += float(background.totals.sum())
    for terms, matrix in blocks:
        total = matrix.sum(axis=1)
        b_w = total.astype(float)
        if bg is not None:
            b_w = b_w + bg.reindex(pd.Index(terms, dtype=object), fill_value=0).to_numpy(dtype=float)
        for state in states:
            uniform = state.a0 / max(vocabulary_size, 1) if prior == "uniform" else None
            state.offer(terms, matrix, total, b_w, big_b, uniform, min_count)
    return [state.table(prior) for state in states]
