"""Per-outlet aggregates as mergeable partial sums, and the scoring of one chunk.

A corpus too large for memory is scored chunk by chunk (:mod:`framing.scale.streaming`)
or partition by partition (:mod:`framing.scale.dask_engine`). Each chunk yields its
per-article rows, computed by :func:`framing.scoring.scores.article_scores` itself,
and an :class:`OutletPartial` per outlet: counts, word totals, the effective
weights of the axis matches and the word-weighted readability sums. Partials
merge by addition, in any grouping, so the outlet table of a merged partial
equals :func:`framing.scoring.scores.outlet_scores` on the whole corpus.

Sums of floats are kept exactly, so the merge order never changes a result:
effective weights as counts per distinct value (a lexicon has few distinct
weights), readability products as :class:`fractions.Fraction` (every float is
a dyadic rational). Each is rounded to a float once, at the end, as pandas
and numpy round their own (compensated, pairwise) sums; the two agree to the
last bit or two.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from framing.article import Article
from framing.lexicon.model import Lexicon
from framing.scoring.match_counts import concept_key, concept_key_codes, counted_voices, group_codes
from framing.scoring.matcher import TermMatcher
from framing.text.quotes import AUTHORIAL, VOICES
from framing.scoring.scores import _finish, article_scores, axis_ids, score_matches

#: Per-article count columns summed into the outlet's counts.
COUNT_COLUMNS = ("matches", "loaded", "loaded_authorial", *VOICES)
READ_COLUMNS = ("flesch_reading_ease", "flesch_kincaid_grade")


@dataclass
class OutletPartial:
    """What one outlet's articles in one chunk contribute to its outlet row.

    Attributes
    ----------
    articles, words : int
        Article count and word total.
    alignments : set of str
        Non-empty alignment labels seen.
    counts : Counter
        Sums of :data:`COUNT_COLUMNS` and ``concept:<lexicon>/<concept>`` columns.
    axis_weights : dict
        Per axis, a Counter of effective weight -> number of matches, over
        voices whose factor is not zero (the matches an axis score averages).
    read_sums : dict
        Per readability measure, the exact sum of ``score * words``.
    read_nan : int
        Articles with no readability score (no words); any makes the outlet's NaN.
    preferred : dict
        Per concept key (``<lexicon>/<concept>``), a Counter of canonical term -> authorial matches.
    """

    articles: int = 0
    words: int = 0
    alignments: set[str] = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)
    axis_weights: dict[str, Counter] = field(default_factory=dict)
    read_sums: dict[str, Fraction] = field(default_factory=lambda: {k: Fraction(0) for k in READ_COLUMNS})
    read_nan: int = 0
    preferred: dict[str, Counter] = field(default_factory=dict)

    def merge(self, other: OutletPartial) -> None:
        """Add ``other`` into this partial."""
        self.articles += other.articles
        self.words += other.words
        self.alignments |= other.alignments
        self.counts.update(other.counts)
        for axis, weights in other.axis_weights.items():
            self.axis_weights.setdefault(axis, Counter()).update(weights)
        for key, value in other.read_sums.items():
            self.read_sums[key] = self.read_sums.get(key, Fraction(0)) + value
        self.read_nan += other.read_nan
        for concept, variants in other.preferred.items():
            self.preferred.setdefault(concept, Counter()).update(variants)

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict; floats as hex and fractions as text, so nothing is rounded."""
        return {
            "articles": self.articles,
            "words": self.words,
            "alignments": sorted(self.alignments),
            "counts": dict(self.counts),
            "axis_weights": {a: {float(v).hex(): n for v, n in w.items()} for a, w in self.axis_weights.items()},
            "read_sums": {k: str(v) for k, v in self.read_sums.items()},
            "read_nan": self.read_nan,
            "preferred": {c: dict(v) for c, v in self.preferred.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> OutletPartial:
        """Inverse of :meth:`to_json`."""
        return cls(
            articles=int(data["articles"]),
            words=int(data["words"]),
            alignments=set(data["alignments"]),
            counts=Counter(data["counts"]),
            axis_weights={a: Counter({float.fromhex(v): n for v, n in w.items()}) for a, w in data["axis_weights"].items()},
            read_sums={k: Fraction(v) for k, v in data["read_sums"].items()},
            read_nan=int(data["read_nan"]),
            preferred={c: Counter(v) for c, v in data["preferred"].items()},
        )


Partials = dict[str, OutletPartial]
"""Outlet name -> partial, in order of the outlets' first appearance."""


def merge_partials(target: Partials, other: Partials) -> Partials:
    """Add ``other`` into ``target`` (outlets new to ``target`` go last) and return it."""
    for outlet, partial in other.items():
        target.setdefault(outlet, OutletPartial()).merge(partial)
    return target


def partials_to_json(partials: Partials) -> list[list[Any]]:
    """Serialise partials as ``[[outlet, partial], ...]``, keeping the outlet order."""
    return [[outlet, partial.to_json()] for outlet, partial in partials.items()]


def partials_from_json(data: Sequence[Sequence[Any]]) -> Partials:
    """Inverse of :func:`partials_to_json`."""
    return {outlet: OutletPartial.from_json(partial) for outlet, partial in data}


def concept_columns(lexicons: Sequence[Lexicon]) -> list[str]:
    """``concept:<lexicon>/<concept>`` for every concept of the lexicons, sorted as article_scores sorts them."""
    return sorted({f"concept:{concept_key(lexicon.name, c.id)}" for lexicon in lexicons for c in lexicon.concepts})


def score_chunk(
    articles: Sequence[Article],
    lexicons: Sequence[Lexicon],
    matcher: TermMatcher,
    factors: Mapping[str, float],
) -> tuple[pd.DataFrame, Partials]:
    """Score one chunk: its per-article rows and its outlet partials.

    The rows are :func:`framing.scoring.scores.article_scores` of the chunk, with a
    ``concept:<lexicon>/<concept>`` column for every concept of the lexicons (0 when absent),
    so that every chunk has the same columns.
    """
    matches = score_matches(articles, voice_factors=factors, matcher=matcher)
    table = article_scores(articles, lexicons, voice_factors=factors, matches=matches)
    concepts = concept_columns(lexicons)
    absent = [column for column in concepts if column not in table]
    if absent:
        # One frame of zeros joined once, not a column set at a time (see _finish).
        table = pd.concat([table, pd.DataFrame(0, index=table.index, columns=absent)], axis=1)
    table = table[[c for c in table.columns if not c.startswith("concept:")] + concepts]
    return table, chunk_partials(table, matches, factors)


# Every finite float is an integer multiple of 2**-1074 (the smallest
# subnormal), so sums of floats scaled by 2**1074 are exact integer sums.
_SCALE_BITS = 1074


def _exact_sums(keys: Sequence[str], values: Sequence[float]) -> tuple[dict[str, Fraction], Counter]:
    """Exact sum of the finite values per key, and the count of NaN values per key.

    Integer additions instead of :class:`~fractions.Fraction` additions
    (a gcd each): about ten times faster, and the same exact result.
    """
    totals: dict[str, int] = {}
    missing: Counter = Counter()
    for key, value in zip(keys, values):
        if value != value:  # NaN
            missing[key] += 1
            continue
        numerator, denominator = value.as_integer_ratio()  # denominator = 2**k, k <= 1074
        totals[key] = totals.get(key, 0) + (numerator << (_SCALE_BITS + 1 - denominator.bit_length()))
    return {key: Fraction(total, 1 << _SCALE_BITS) for key, total in totals.items()}, missing


def _key_counts(*columns: np.ndarray) -> Iterator[tuple[int, ...]]:
    """Each distinct row of the integer code columns with its count: ``(code, code, ..., count)``."""
    if not len(columns[0]):
        return iter(())
    sizes = [int(c.max()) + 1 for c in columns]
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column, size in zip(columns, sizes):
        key = key * size + column
    keys, counts = np.unique(key, return_counts=True)
    decoded = []
    for size in reversed(sizes):
        keys, digit = np.divmod(keys, size)
        decoded.append(digit.tolist())
    return zip(*reversed(decoded), counts.tolist())


def chunk_partials(table: pd.DataFrame, matches: pd.DataFrame, factors: Mapping[str, float]) -> Partials:
    """Outlet partials of a chunk, from its per-article rows and its match table.

    Outlets, axes, weights, concepts and wordings are numbered once
    (:func:`framing.scoring.match_counts.group_codes`, :func:`pandas.factorize`) and
    counted with numpy, not grouped by their strings per measure.
    """
    count_columns = [*COUNT_COLUMNS, *(c for c in table.columns if c.startswith("concept:"))]
    outlets, rows, codes = group_codes(table["outlet"], matches["outlet"])
    sums = np.zeros((len(outlets), 1 + len(count_columns)), dtype=np.int64)
    np.add.at(sums, rows, table[["words", *count_columns]].to_numpy(dtype=np.int64))
    partials: Partials = {
        outlet: OutletPartial(
            articles=int(size),
            words=int(row[0]),
            counts=Counter({c: int(n) for c, n in zip(count_columns, row[1:]) if n}),
        )
        for outlet, size, row in zip(outlets, np.bincount(rows, minlength=len(outlets)).tolist(), sums.tolist())
    }
    for outlet, alignment in set(zip(table["outlet"].tolist(), table["alignment"].tolist())):
        if alignment:
            partials[outlet].alignments.add(alignment)
    outlet_names = table["outlet"].tolist()
    words = table["words"].to_numpy(dtype=float)
    for key in READ_COLUMNS:
        # np.average multiplies in float64 before summing; so do we.
        products = (table[key].to_numpy(dtype=float) * words).tolist()
        totals, missing = _exact_sums(outlet_names, products)
        for outlet, partial in partials.items():
            partial.read_sums[key] = totals.get(outlet, Fraction(0))
            partial.read_nan = max(partial.read_nan, missing[outlet])
    on_axis = counted_voices(matches, factors) & matches["axis"].notna().to_numpy(dtype=bool) & (codes >= 0)
    # Factorized whole, then filtered: filtering an Arrow string column costs more.
    axes, axis_names = pd.factorize(matches["axis"])
    weights, weight_values = pd.factorize(matches["effective_weight"].to_numpy(dtype=float)[on_axis])
    names, axis_names, weight_values = outlets.tolist(), axis_names.tolist(), weight_values.tolist()
    for outlet, axis, weight, n in _key_counts(codes[on_axis], axes[on_axis], weights):
        partials[names[outlet]].axis_weights.setdefault(axis_names[axis], Counter())[weight_values[weight]] += n
    authorial = (matches["voice"] == AUTHORIAL).to_numpy(dtype=bool) & (codes >= 0)
    concepts, concept_names = concept_key_codes(matches)
    wordings, wording_names = pd.factorize(matches["canonical"])
    wording_names = wording_names.tolist()
    authorial &= concepts >= 0
    for outlet, concept, wording, n in _key_counts(codes[authorial], concepts[authorial], wordings[authorial]):
        partials[names[outlet]].preferred.setdefault(concept_names[concept], Counter())[wording_names[wording]] += n
    return partials


def outlet_table(partials: Partials, lexicons: Sequence[Lexicon]) -> pd.DataFrame:
    """The outlet table of merged partials, as :func:`framing.scoring.scores.outlet_scores` returns it.

    Concept and ``prefers:`` columns are those of concepts seen in the
    corpus, as in ``outlet_scores``.
    """
    outlets = list(partials)
    parts = [partials[o] for o in outlets]
    index = pd.Index(outlets, name="outlet")
    table = pd.DataFrame(
        {
            "alignment": ["; ".join(sorted(p.alignments)) for p in parts],
            "articles": np.array([p.articles for p in parts], dtype=np.int64),
            "words": np.array([p.words for p in parts], dtype=np.int64),
        },
        index=index,
    )
    totals: Counter = Counter()
    for p in parts:
        totals.update(p.counts)
    counted = [*COUNT_COLUMNS, *sorted(c for c, n in totals.items() if c.startswith("concept:") and n)]
    # Built as one frame and joined once (setting columns one by one fragments the frame).
    table = pd.concat(
        [table, pd.DataFrame({column: [p.counts.get(column, 0) for p in parts] for column in counted}, index=index)],
        axis=1,
    )
    axes = axis_ids(lexicons)
    for axis in axes:
        n = [sum(p.axis_weights.get(axis, Counter()).values()) for p in parts]
        sums = [sum((Fraction(w) * k for w, k in p.axis_weights.get(axis, Counter()).items()), Fraction(0)) for p in parts]
        table[f"score_{axis}"] = [float(s) / k if k else np.nan for s, k in zip(sums, n)]
        table[f"n_{axis}"] = n
    read = [
        {
            key: float(p.read_sums[key]) / float(p.words) if p.words > 0 and not p.read_nan else np.nan
            for key in READ_COLUMNS
        }
        for p in parts
    ]
    table = _finish(table, axes, read)
    concepts = sorted({c for p in parts for c in p.preferred})
    # Most authorial uses first, ties to the alphabetically first wording (as outlet_scores sorts).
    preferred = {
        f"prefers:{concept}": [
            min(p.preferred[concept].items(), key=lambda kv: (-kv[1], kv[0]))[0] if p.preferred.get(concept) else ""
            for p in parts
        ]
        for concept in concepts
    }
    if preferred:
        table = pd.concat([table, pd.DataFrame(preferred, index=table.index)], axis=1)
    return table.reset_index()
