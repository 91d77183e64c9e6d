"""Distinctive terms: log-odds ratios with an informative Dirichlet prior.

The method is that of Monroe, Colaresi & Quinn (2008), "Fightin' Words:
Lexical Feature Selection and Evaluation for Identifying the Content of
Political Conflict", *Political Analysis* 16(4), 372-403 (section 3.5). For a
term ``w`` and groups ``i`` (``group_a``) and ``j`` (``group_b``), with counts
``y_wi``, group sizes ``n_i`` (all n-grams counted in the group), prior
pseudo-counts ``a_w`` and ``a0 = sum_w a_w``::

    delta_w = log((y_wi + a_w) / (n_i + a0 - y_wi - a_w))
            - log((y_wj + a_w) / (n_j + a0 - y_wj - a_w))
    var_w   = 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
    z_w     = delta_w / sqrt(var_w)

A positive ``z`` means the term is distinctive of ``group_a``, a negative one
of ``group_b``; ``|z| > 1.96`` is the paper's rough two-sided 5 % threshold.

**The prior.** ``a_w = a0 * pi_w``:

* ``prior="informative"`` (default): ``pi_w`` is the relative frequency of
  ``w`` in the *background*: by default the whole corpus (all groups, not
  only the two compared); when a background corpus is given, that corpus
  plus the whole corpus, so that every term compared has a positive prior.
* ``prior="uniform"``: ``pi_w = 1 / V`` over the corpus vocabulary.

**The strength** ``a0`` defaults to ``n_i + n_j``, the number of n-grams in
the two sides compared: the prior weighs as much as the data. For each group
against the rest with the whole-corpus background this makes ``a_w`` exactly
the corpus count of ``w``, the usual "Fightin' Words" setting; unlike using a
background's raw counts, it does not let a large background corpus swamp a
small comparison (the background sets the *shape* of the prior, ``strength``
its weight). Pass ``strength`` to set ``a0`` yourself: smaller trusts the data
more, larger shrinks rare terms harder towards the background.

**No hidden frequency cut.** ``min_count`` (default :data:`DEFAULT_MIN_COUNT`,
2) drops terms seen fewer times in the two sides together; it only removes
rows and never changes any other row's numbers, because ``n_i`` and ``a0``
always cover every term.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from framing.article import Article
from framing.discover.term_counts import TermCounts, count_terms
from framing.text.boilerplate import strip_boilerplate
from framing.text.tokens import TokenOptions

#: Allowed values of ``prior``.
PRIORS = ("informative", "uniform")
#: Terms seen fewer times than this in the two sides together are left out.
DEFAULT_MIN_COUNT = 2
#: Label of the combined other groups in each-vs-rest comparisons.
REST = "rest"
#: Columns of every comparison's result, in order.
RESULT_COLUMNS = ["term", "group_a", "group_b", "count_a", "count_b", "delta", "var", "z"]


def log_odds_z(y_a: np.ndarray, y_b: np.ndarray, a_w: np.ndarray, n_a: float, n_b: float, a0: float
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Log-odds ratio with an informative Dirichlet prior, its variance and z-score.

    Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis 16(4),
    eqs. 16, 18 and 19: ``delta = log((y_a + a_w) / (n_a + a0 - y_a - a_w)) -
    log((y_b + a_w) / (n_b + a0 - y_b - a_w))``, ``var = 1/(y_a + a_w) + 1/(y_b + a_w)``,
    ``z = delta / sqrt(var)``. Arrays are term by term; *n_a*, *n_b* the groups'
    token totals and *a0* the prior's total.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y_a + a_w) / (n_a + a0 - y_a - a_w)) - np.log((y_b + a_w) / (n_b + a0 - y_b - a_w))
        var = 1.0 / (y_a + a_w) + 1.0 / (y_b + a_w)
        z = delta / np.sqrt(var)
    return delta, var, z


def check_options(prior: str, strength: float | None, min_count: int) -> None:
    """Validate the log-odds options before any counting.

    Raises
    ------
    ValueError
        Naming the bad value and the allowed ones.
    """
    if prior not in PRIORS:
        raise ValueError(f"prior={prior!r} is not allowed; use one of {', '.join(PRIORS)}")
    if strength is not None and (
        isinstance(strength, bool) or not isinstance(strength, (int, float)) or not np.isfinite(strength) or strength <= 0
    ):
        raise ValueError(f"strength={strength!r} is not allowed; use a positive number, or None for n_a + n_b")
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count={min_count!r} is not allowed; use an integer >= 1")


def _side(counts: TermCounts, side: str | Sequence[str], what: str) -> list[str]:
    names = [side] if isinstance(side, str) else list(side)
    unknown = [g for g in names if g not in counts.groups]
    if unknown or not names:
        raise ValueError(f"{what}={side!r} is not a group; groups are: {', '.join(map(repr, counts.groups))}")
    return names


def log_odds(
    counts: TermCounts,
    group_a: str,
    group_b: str | Sequence[str],
    *,
    prior: str = "informative",
    strength: float | None = None,
    background: TermCounts | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
    label_b: str | None = None,
) -> pd.DataFrame:
    """Log-odds ratio with informative Dirichlet prior, one group against another.

    Parameters
    ----------
    counts : TermCounts
        From :func:`framing.discover.term_counts.count_terms`.
    group_a : str
        The group whose distinctive terms get positive z.
    group_b : str or sequence of str
        The other group, or several groups pooled (e.g. the rest).
    prior : {"informative", "uniform"}
        See the module docstring.
    strength : float, optional
        ``a0``, the total prior pseudo-count; default ``n_a + n_b``.
    background : TermCounts, optional
        Counts of a background corpus (any grouping, same token options),
        added to the whole corpus to shape the informative prior.
    min_count : int
        Leave out terms with ``count_a + count_b < min_count``.
    label_b : str, optional
        Name for ``group_b`` in the output (default: its name, or the names
        joined with ``+``).

    Returns
    -------
    DataFrame
        :data:`RESULT_COLUMNS`, sorted by ``z`` descending; ``attrs`` holds
        ``group_a``, ``group_b``, ``n_a``, ``n_b``, ``a0``, ``prior``.

    References
    ----------
    Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis
    16(4), 372-403, eq. (16)-(22).
    """
    check_options(prior, strength, min_count)
    side_a = _side(counts, group_a, "group_a")
    side_b = _side(counts, group_b, "group_b")
    if set(side_a) & set(side_b):
        raise ValueError(f"group_a={group_a!r} and group_b={group_b!r} overlap")
    if background is not None and prior != "informative":
        raise ValueError("a background corpus shapes the informative prior only; use prior='informative'")
    table = counts.table
    y_a = table[side_a].sum(axis=1).to_numpy(dtype=float)
    y_b = table[side_b].sum(axis=1).to_numpy(dtype=float)
    n_a = float(counts.totals[side_a].sum())
    n_b = float(counts.totals[side_b].sum())
    a0 = float(strength) if strength is not None else n_a + n_b
    if prior == "uniform":
        a_w = np.full(len(table), a0 / max(counts.vocabulary_size, 1))
    else:
        b_w = table.sum(axis=1).to_numpy(dtype=float)
        big_b = float(counts.totals.sum())
        if background is not None:
            b_w = b_w + background.table.sum(axis=1).reindex(table.index, fill_value=0).to_numpy(dtype=float)
            big_b += float(background.totals.sum())
        a_w = a0 * b_w / big_b
    keep = (y_a + y_b) >= min_count
    y_a, y_b, a_w = y_a[keep], y_b[keep], a_w[keep]
    delta, var, z = log_odds_z(y_a, y_b, a_w, n_a, n_b, a0)
    name_b = label_b or (side_b[0] if len(side_b) == 1 else "+".join(side_b))
    result = pd.DataFrame(
        {
            "term": table.index[keep],
            "group_a": group_a,
            "group_b": name_b,
            "count_a": y_a.astype(np.int64),
            "count_b": y_b.astype(np.int64),
            "delta": delta,
            "var": var,
            "z": z,
        },
        columns=RESULT_COLUMNS,
    )
    result = result.sort_values(["z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    result.attrs.update({"group_a": group_a, "group_b": name_b, "n_a": n_a, "n_b": n_b, "a0": a0, "prior": prior})
    return result


def comparisons(
    groups: Sequence[str], *, group: str | None = None, vs: str | None = None, pairs: bool = False
) -> list[tuple[str, tuple[str, ...], str]]:
    """Which comparisons to make, as ``(group_a, groups_b, label_b)``.

    * default: each group against the rest;
    * ``group``: that group against the rest (or against ``vs``);
    * ``vs``: each other group (or ``group``) against ``vs``;
    * ``pairs=True``: every pair of groups, in order of appearance.

    Raises
    ------
    ValueError
        For an unknown group, fewer than two groups, or ``pairs`` with
        ``group`` or ``vs``.
    """
    groups = list(groups)
    if len(groups) < 2:
        raise ValueError(f"need at least two groups to compare, found {len(groups)}: {', '.join(map(repr, groups))}")
    for name, value in (("group", group), ("vs", vs)):
        if value is not None and value not in groups:
            raise ValueError(f"{name}={value!r} is not a group; groups are: {', '.join(map(repr, groups))}")
    if pairs:
        if group is not None or vs is not None:
            raise ValueError("pairs=True compares every pair; do not also give group or vs")
        return [(a, (b,), b) for a, b in combinations(groups, 2)]
    if group is not None and group == vs:
        raise ValueError(f"group and vs are both {group!r}; choose two different groups")
    focus = [group] if group is not None else [g for g in groups if g != vs]
    out = []
    for a in focus:
        if vs is not None:
            out.append((a, (vs,), vs))
        else:
            out.append((a, tuple(g for g in groups if g != a), REST))
    return out


def compare_groups(
    counts: TermCounts,
    *,
    group: str | None = None,
    vs: str | None = None,
    pairs: bool = False,
    prior: str = "informative",
    strength: float | None = None,
    background: TermCounts | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
) -> list[pd.DataFrame]:
    """Run :func:`log_odds` for every comparison chosen by :func:`comparisons`."""
    return [
        log_odds(counts, a, list(b), prior=prior, strength=strength, background=background,
                 min_count=min_count, label_b=label)
        for a, b, label in comparisons(counts.groups, group=group, vs=vs, pairs=pairs)
    ]


def distinctive_terms(
    articles: Iterable[Article],
    *,
    by: str = "outlet",
    group: str | None = None,
    vs: str | None = None,
    pairs: bool = False,
    ngram_range: tuple[int, int] = (1, 3),
    keep_stopwords: bool = False,
    apostrophes: str = "keep",
    prior: str = "informative",
    strength: float | None = None,
    background: Iterable[Article] | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
    keep_boilerplate: bool = False,
) -> list[pd.DataFrame]:
    """Distinctive terms of groups of articles, one DataFrame per comparison.

    Parameters
    ----------
    articles : iterable of Article
    by : str
        Grouping field: ``outlet``, ``alignment`` or any article field or
        manifest column.
    group, vs, pairs
        Which comparisons (see :func:`comparisons`); default each group
        against the rest.
    ngram_range, keep_stopwords, apostrophes
        Tokenising (see :class:`framing.text.tokens.TokenOptions`).
    prior, strength, min_count
        See :func:`log_odds` and the module docstring.
    background : iterable of Article, optional
        A background corpus shaping the informative prior.
    keep_boilerplate : bool
        Count the texts as they are. By default each outlet's boilerplate
        (lines it repeats across its articles, page furniture, its own name;
        :mod:`framing.text.boilerplate`) is removed before counting, here
        and in the background corpus.

    Returns
    -------
    list of DataFrame
        Each with :data:`RESULT_COLUMNS`, sorted by ``z`` descending;
        ``attrs["boilerplate"]`` is the removal report per outlet
        (:meth:`framing.text.boilerplate.Boilerplate.report`), empty when kept.

    Examples
    --------
    >>> from framing.corpus import load_sample_corpus
    >>> tables = distinctive_terms(load_sample_corpus(), by="outlet")
    >>> [t["group_a"].iloc[0] for t in tables]
    ['ZeroHedge', 'teleSUR English', 'RT']
    """
    check_options(prior, strength, min_count)
    options = TokenOptions(ngram_range=ngram_range, keep_stopwords=keep_stopwords, apostrophes=apostrophes)
    report: list[dict[str, object]] = []
    if not keep_boilerplate:
        # The filter works on texts before they enter counting; counting itself is unchanged.
        articles, model = strip_boilerplate(list(articles))
        report = model.report()
        if background is not None:
            background, _ = strip_boilerplate(list(background))
    counts = count_terms(articles, by=by, options=options, min_total=min_count)
    bg = count_terms(background, by=None, options=options) if background is not None else None
    tables = compare_groups(counts, group=group, vs=vs, pairs=pairs, prior=prior, strength=strength,
                            background=bg, min_count=min_count)
    for table in tables:
        table.attrs["boilerplate"] = report
    return tables


def top_terms(result: pd.DataFrame, n: int = 20, *, side: str = "a") -> pd.DataFrame:
    """The ``n`` most distinctive terms of one side of a comparison.

    Parameters
    ----------
    result : DataFrame
        From :func:`log_odds`.
    n : int
        How many (0: all of that side).
    side : {"a", "b"}
        ``"a"``: highest positive z (distinctive of ``group_a``); ``"b"``:
        most negative z (distinctive of ``group_b``).
    """
    if side not in ("a", "b"):
        raise ValueError(f"side={side!r} is not allowed; use 'a' or 'b'")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n={n!r} is not allowed; use an integer >= 0")
    chosen = result[result["z"] > 0] if side == "a" else result[result["z"] < 0].iloc[::-1]
    return (chosen if n == 0 else chosen.head(n)).reset_index(drop=True)
