"""Bootstrap confidence intervals for per-outlet axis scores and loaded-term rates.

The point estimates are those of :func:`framing.scoring.scores.outlet_scores`: an
axis score pools the outlet's matches (mean effective weight over matches in
a voice whose factor is not zero), a loaded-term rate is loaded matches per
1,000 words. Each is a ratio of two sums over *units*, so a resample is a
draw of units with replacement and the statistic is recomputed from the
resampled sums (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*,
ch. 13, percentile interval).

The unit is the **article** when a group has two or more articles, else the
**sentence** (the only way to say anything about a single article); the
``method`` column says which. Sentences resampled independently understate
the uncertainty of text whose sentences depend on each other: read those
intervals as a lower bound.

The loaded terms counted are the lexicon's; the distinctive terms found
without a lexicon are those of Monroe, Colaresi & Quinn (2008), "Fightin'
Words", *Political Analysis* 16(4), in :mod:`framing.discover.logodds`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from framing.article import Article
from framing.lexicon.model import Lexicon, bundled_lexicons
from framing.text.quotes import AUTHORIAL
from framing.scoring.scores import axis_ids, check_voice_factors, score_matches
from framing.text.sentences import sentence_spans
from framing.discover.term_counts import group_of
from framing.text.tokens import count_words

#: Columns of :func:`bootstrap_intervals`; the first is named after ``by``.
INTERVAL_COLUMNS = [
    "group", "measure", "estimate", "low", "high", "confidence", "method", "unit", "n_units",
    "n_resamples", "n_valid", "seed",
]
RATE_MEASURES = ("loaded_per_1000", "loaded_authorial_per_1000")


def _check(n_resamples: int, confidence: float, seed: int) -> None:
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, (int, np.integer)) or not 10 <= n_resamples <= 1_000_000:
        raise ValueError(f"n_resamples={n_resamples!r} is not allowed; use an integer from 10 to 1000000")
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise ValueError(f"confidence={confidence!r} is not allowed; use a number between 0 and 1, e.g. 0.95")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed={seed!r} is not allowed; use an integer >= 0")


def _unit_table(articles: Sequence[Article], matches: pd.DataFrame, by: str, axes: list[str],
                factors: Mapping[str, float]) -> pd.DataFrame:
    """One row per unit (article, or sentence of a lone article) with the sums."""
    members: dict[str, list[Article]] = {}
    for article in articles:
        members.setdefault(group_of(article, by), []).append(article)
    counted = [v for v, f in factors.items() if f != 0]
    spans = (matches.assign(loaded=matches["weight"] != 0)
             .groupby(["article", "start", "end"], as_index=False)
             .agg(loaded=("loaded", "max"), voice=("voice", "first")))
    rows = []
    for group, group_articles in members.items():
        by_sentence = len(group_articles) == 1
        for article in group_articles:
            if by_sentence:
                units = sentence_spans(article.text) or [(0, len(article.text))]
            else:
                units = [(0, len(article.text))]
            starts = [s for s, _ in units]
            base = {"group": group, "unit": "sentence" if by_sentence else "article"}
            sums = [dict(base, words=count_words(article.text[s:e])) for s, e in units]
            for key in ("loaded", "loaded_authorial", *(f"{k}_{a}" for a in axes for k in ("sum", "n"))):
                for unit in sums:
                    unit[key] = 0.0
            art_spans = spans[spans["article"] == article.id]
            for start, loaded, voice in zip(art_spans["start"], art_spans["loaded"], art_spans["voice"]):
                unit = sums[max(bisect_right(starts, int(start)) - 1, 0)]
                unit["loaded"] += bool(loaded)
                unit["loaded_authorial"] += bool(loaded) and voice == AUTHORIAL
            art_matches = matches[(matches["article"] == article.id) & matches["voice"].isin(counted)]
            for start, axis, eff in zip(art_matches["start"], art_matches["axis"], art_matches["effective_weight"]):
                if axis in axes:
                    unit = sums[max(bisect_right(starts, int(start)) - 1, 0)]
                    unit[f"sum_{axis}"] += float(eff)
                    unit[f"n_{axis}"] += 1
            rows.extend(sums)
    return pd.DataFrame(rows)


def _ratio_interval(num: np.ndarray, den: np.ndarray, scale: float, draws: np.ndarray,
                    confidence: float) -> tuple[float, float, float, int]:
    """Point estimate and percentile interval of ``scale * sum(num) / sum(den)``."""
    estimate = scale * num.sum() / den.sum() if den.sum() > 0 else np.nan
    num_r = num[draws].sum(axis=1)
    den_r = den[draws].sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        stats = np.where(den_r > 0, scale * num_r / den_r, np.nan)
    valid = stats[~np.isnan(stats)]
    if not len(valid):
        return estimate, np.nan, np.nan, 0
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(valid, [tail, 100 - tail])
    return float(estimate), float(low), float(high), int(len(valid))


def bootstrap_intervals(
    articles: Sequence[Article],
    lexicons: Sequence[Lexicon] | None = None,
    *,
    by: str = "outlet",
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
    voice_factors: Mapping[str, float] | None = None,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Percentile bootstrap intervals per group for axis scores and loaded rates.

    Parameters
    ----------
    articles : sequence of Article
    lexicons : sequence of Lexicon, optional
        Default: the bundled lexicons.
    by : str
        Grouping field (``outlet``, ``alignment``, any field or manifest column).
    n_resamples : int
        Bootstrap resamples per group (10 .. 1,000,000; default 2000).
    confidence : float
        Interval coverage, between 0 and 1 (default 0.95).
    seed : int
        Seed of :func:`numpy.random.default_rng`; each group draws from its own
        stream derived from it, so results repeat exactly.
    voice_factors : mapping, optional
        See :func:`framing.scoring.scores.match_table`.
    matches : DataFrame, optional
        A match table computed earlier for the same articles and lexicons.

    Returns
    -------
    DataFrame
        :data:`INTERVAL_COLUMNS` with ``group`` renamed to ``by`` (so with
        the default, ``outlet, measure, estimate, low, high, ...``, ready for
        :func:`framing.present.plots.axis_score_chart`); one row per group and measure
        (``score_<axis>``, ``loaded_per_1000``, ``loaded_authorial_per_1000``).
        ``method`` is ``"percentile bootstrap over articles"`` or ``... over
        sentences``; ``n_valid`` counts resamples where the measure was defined.
    """
    _check(n_resamples, confidence, seed)
    lexicons = tuple(lexicons) if lexicons is not None else bundled_lexicons()
    factors = check_voice_factors(voice_factors)
    if matches is None:
        matches = score_matches(articles, lexicons, voice_factors=factors)
    axes = axis_ids(lexicons)
    units = _unit_table(articles, matches, by, axes, factors)
    rows = []
    streams = np.random.SeedSequence(seed).spawn(units["group"].nunique())
    for (group, frame), stream in zip(units.groupby("group", sort=False), streams):
        rng = np.random.default_rng(stream)
        k = len(frame)
        draws = rng.integers(0, k, size=(n_resamples, k))
        unit = frame["unit"].iloc[0]
        common = {"group": group, "confidence": confidence, "method": f"percentile bootstrap over {unit}s",
                  "unit": unit, "n_units": k, "n_resamples": n_resamples, "seed": seed}
        words = frame["words"].to_numpy(dtype=float)
        for measure, column in zip(RATE_MEASURES, ("loaded", "loaded_authorial")):
            est, low, high, valid = _ratio_interval(frame[column].to_numpy(dtype=float), words, 1000.0, draws, confidence)
            rows.append(dict(common, measure=measure, estimate=est, low=low, high=high, n_valid=valid))
        for axis in axes:
            est, low, high, valid = _ratio_interval(frame[f"sum_{axis}"].to_numpy(dtype=float),
                                                    frame[f"n_{axis}"].to_numpy(dtype=float), 1.0, draws, confidence)
            rows.append(dict(common, measure=f"score_{axis}", estimate=est, low=low, high=high, n_valid=valid))
    return pd.DataFrame(rows, columns=INTERVAL_COLUMNS).rename(columns={"group": by})
