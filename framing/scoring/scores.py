"""Scores per match, per article and per outlet, as pandas DataFrames.

*Effective weight* is a match's weight times the factor of its voice
(:data:`DEFAULT_VOICE_FACTORS`): the outlet's own words count fully, a source
quoted directly counts zero (who is given voice is reported separately, in
the voice counts), and a scare-quoted term counts inverted, because quoting a
label to distance oneself from it signals the opposite frame.

The *axis score* of an article or outlet is the mean effective weight of its
matches on that axis, over the matches whose voice factor is not zero, with
``n`` the number of those matches. Neutral reference wordings (weight 0) are
part of the mean: an outlet that says "opposition leader" is pulled towards 0.

A *loaded* match is one whose term has a non-zero weight; a span matched by
two lexicons counts once in the loaded rates.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from framing.article import Article
from framing.lexicon.model import Lexicon, bundled_lexicons
from framing.scoring.match_counts import concept_key_codes, group_codes, score_columns
from framing.scoring.matcher import TermMatcher
from framing.text.quotes import AUTHORIAL, QUOTED, SCARE_QUOTED, VOICES
from framing.scoring.readability_batch import readability_of
from framing.text.tokens import count_words

DEFAULT_VOICE_FACTORS: Mapping[str, float] = {AUTHORIAL: 1.0, QUOTED: 0.0, SCARE_QUOTED: -1.0}

#: Columns of :func:`match_table`, in order (``framing matches --format jsonl`` writes :data:`JSONL_KEYS`).
MATCH_COLUMNS = [
    "outlet", "article", "concept", "term", "canonical", "weight", "voice",
    "effective_weight", "start", "end", "sentence",
    "lexicon", "concept_label", "axis", "alignment", "sentence_start",
]
#: Keys of one ``framing matches --format jsonl`` object, in order: the lexicon
#: names the concept, since two lexicons may share a concept id.
JSONL_KEYS = ["outlet", "article", "lexicon", "concept", "term", "canonical", "weight", "voice",
              "effective_weight", "start", "end", "sentence"]


def check_voice_factors(voice_factors: Mapping[str, float] | None) -> dict[str, float]:
    """Return complete voice factors, defaults filled in; reject unknown voices.

    Raises
    ------
    ValueError
        If a key is not a voice or a value is not a finite number.
    """
    factors = dict(DEFAULT_VOICE_FACTORS)
    for voice, factor in (voice_factors or {}).items():
        if voice not in VOICES:
            raise ValueError(f"unknown voice {voice!r} in voice_factors; allowed: {', '.join(VOICES)}")
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not np.isfinite(factor):
            raise ValueError(f"voice factor for {voice!r} must be a finite number, got {factor!r}")
        factors[voice] = float(factor)
    return factors


def axis_ids(lexicons: Sequence[Lexicon]) -> list[str]:
    """Axis ids of the lexicons, in order, without repeats."""
    seen: list[str] = []
    for lexicon in lexicons:
        for axis in lexicon.axes:
            if axis.id not in seen:
                seen.append(axis.id)
    return seen


def match_table(
    articles: Iterable[Article],
    lexicons: Sequence[Lexicon] | None = None,
    *,
    voice_factors: Mapping[str, float] | None = None,
    matcher: TermMatcher | None = None,
    sentences: bool = True,
) -> pd.DataFrame:
    """One row per match, with :data:`MATCH_COLUMNS`.

    Parameters
    ----------
    articles : iterable of Article
    lexicons : sequence of Lexicon, optional
        Default: the bundled lexicons. Ignored when ``matcher`` is given.
    voice_factors : mapping, optional
        Factor per voice for the effective weight (see module docstring).
    matcher : TermMatcher, optional
        A matcher built earlier, to avoid rebuilding it.
    sentences : bool
        Fill ``sentence`` and ``sentence_start`` (default). Scores never read
        them, and finding them is the slowest step of matching, so the score
        functions pass False (``sentence`` is then ``""``, ``sentence_start`` -1).

    See Also
    --------
    score_matches : the columns the score functions read, built faster.
    """
    factors = check_voice_factors(voice_factors)
    if matcher is None:
        matcher = TermMatcher(lexicons if lexicons is not None else bundled_lexicons())
    rows = []
    for article in articles:
        for m in matcher(article.text, sentences=sentences):
            rows.append(
                (
                    article.outlet, article.id, m.concept, m.term, m.canonical, m.weight, m.voice,
                    m.weight * factors[m.voice], m.start, m.end, m.sentence,
                    m.lexicon, m.concept_label, m.axis, article.alignment, m.sentence_start,
                )
            )
    return _typed_frame(MATCH_COLUMNS, rows)


#: The columns of :func:`match_table` that the score functions read.
SCORE_MATCH_COLUMNS = ["outlet", "article", "lexicon", "concept", "canonical", "weight", "voice", "effective_weight",
                       "start", "end", "axis"]
_FLOAT_COLUMNS = {"weight", "effective_weight"}
_INT_COLUMNS = {"start", "end", "sentence_start"}


def score_matches(
    articles: Iterable[Article],
    lexicons: Sequence[Lexicon] | None = None,
    *,
    voice_factors: Mapping[str, float] | None = None,
    matcher: TermMatcher | None = None,
) -> pd.DataFrame:
    """The match table with only :data:`SCORE_MATCH_COLUMNS`, for the score functions.

    Same rows and values as :func:`match_table` without sentences; the text
    of each match, its sentence and the labels are left out, because turning
    Python strings into a DataFrame's string columns is a fifth of the cost
    of a match table and the scores never read those columns.
    """
    factors = check_voice_factors(voice_factors)
    if matcher is None:
        matcher = TermMatcher(lexicons if lexicons is not None else bundled_lexicons())
    # Columns, not rows: the matcher reports entry numbers, and each lexicon
    # field is one array lookup by number (numpy's take), each article field
    # one repeat; only the four per-match values pass through Python lists.
    numbers: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    voices: list[str] = []
    per_article: list[int] = []
    outlets: list[str] = []
    ids: list[str] = []
    for article in articles:
        found = matcher.spans(article.text)
        outlets.append(article.outlet)
        ids.append(article.id)
        per_article.append(len(found))
        if found:
            n, s, e, v = zip(*found)
            numbers += n
            starts += s
            ends += e
            voices += v
    entries = matcher.entries
    at = np.array(numbers, dtype=np.intp)
    weights = np.array([e.weight for e in entries], dtype=float)[at]
    voice_column = np.array(voices, dtype=object)
    voice_factor = {voice: factors[voice] for voice in VOICES}
    return pd.DataFrame(
        {
            "outlet": np.repeat(_object_array(outlets), per_article),
            "article": np.repeat(_object_array(ids), per_article),
            "lexicon": _object_array([e.lexicon for e in entries])[at],
            "concept": _object_array([e.concept for e in entries])[at],
            "canonical": _object_array([e.canonical for e in entries])[at],
            "weight": weights,
            "voice": voice_column,
            # The same float products as weight * factor one by one.
            "effective_weight": weights * np.array([voice_factor[v] for v in voices], dtype=float),
            "start": np.array(starts, dtype=np.int64),
            "end": np.array(ends, dtype=np.int64),
            "axis": _object_array([e.axis for e in entries])[at],
        }
    )


def _object_array(values: list) -> np.ndarray:
    """A 1-d object array of ``values`` (``np.array`` would make a string array)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _typed_frame(names: list[str], rows: list[tuple]) -> pd.DataFrame:
    """A DataFrame of row tuples, built column by column with their final dtypes."""
    columns = list(zip(*rows)) if rows else [()] * len(names)
    data = {}
    for name, values in zip(names, columns):
        if name in _FLOAT_COLUMNS:
            data[name] = np.array(values, dtype=float)
        elif name in _INT_COLUMNS:
            data[name] = np.array(values, dtype=np.int64)
        else:
            data[name] = pd.Series(values, dtype=object).infer_objects() if values else pd.Series([], dtype=object)
    return pd.DataFrame(data)


def article_scores(
    articles: Sequence[Article],
    lexicons: Sequence[Lexicon] | None = None,
    *,
    voice_factors: Mapping[str, float] | None = None,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per article: words, loaded-term rates, axis scores, voices, readability.

    Parameters
    ----------
    articles : sequence of Article
    lexicons : sequence of Lexicon, optional
        Default: the bundled lexicons.
    voice_factors : mapping, optional
        See :func:`match_table`.
    matches : DataFrame, optional
        A :func:`match_table` computed earlier for the same articles.

    Returns
    -------
    DataFrame
        Columns ``article, outlet, alignment, title, date, words, matches,
        loaded, loaded_authorial, loaded_per_1000, loaded_authorial_per_1000,
        authorial, quoted, scare_quoted, score_<axis>, n_<axis>, ...,
        flesch_reading_ease, flesch_kincaid_grade, concept:<lexicon>/<concept> ...``
        (the count of each concept's matches, named by its lexicon so two
        lexicons' ``events`` stay apart).
    """
    lexicons = tuple(lexicons) if lexicons is not None else bundled_lexicons()
    factors = check_voice_factors(voice_factors)
    if matches is None:
        matches = score_matches(articles, lexicons, voice_factors=factors)
    words = [count_words(a.text) for a in articles]
    # All texts at once: Arrow splits and counts a batch's words (see readability_batch).
    read = readability_of([a.text for a in articles])
    ids = [a.id for a in articles]
    axes = axis_ids(lexicons)
    # Counted per distinct id and spread back over the rows: two articles
    # with one id share its counts, as a join on the id would give them.
    groups, rows, codes = group_codes(ids, matches["article"])
    counts = score_columns(matches, codes, len(groups), axes, factors)
    table = pd.DataFrame(
        {
            "outlet": [a.outlet for a in articles],
            "alignment": [a.alignment for a in articles],
            "title": [a.title for a in articles],
            "date": [a.date for a in articles],
            "words": words,
            **{name: values[rows] for name, values in counts.items()},
        },
        index=pd.Index(ids, name="article"),
    )
    return _finish(table, axes, read).reset_index()


def _finish(table: pd.DataFrame, axes: list[str], read: list[dict[str, float]]) -> pd.DataFrame:
    """Fill counts with 0, add rates and readability, order the columns."""
    count_columns = ["matches", "loaded", "loaded_authorial", *VOICES]
    concept_columns = sorted(c for c in table.columns if c.startswith("concept:"))
    counted = [*count_columns, *concept_columns, *(f"n_{axis}" for axis in axes)]
    # The present count columns filled in one frame operation and joined
    # back once: setting a thousand concept columns one by one fragments the
    # frame (pandas copies and warns at each insert past 100 blocks).
    present = [column for column in counted if column in table]
    table = pd.concat([table.drop(columns=present), table[present].fillna(0).astype(int)], axis=1)
    for column in counted:
        if column not in table:
            table[column] = 0
    for axis in axes:
        if f"score_{axis}" not in table:
            table[f"score_{axis}"] = np.nan
    words = table["words"].replace(0, np.nan)
    table["loaded_per_1000"] = 1000 * table["loaded"] / words
    table["loaded_authorial_per_1000"] = 1000 * table["loaded_authorial"] / words
    table["flesch_reading_ease"] = [r["flesch_reading_ease"] for r in read]
    table["flesch_kincaid_grade"] = [r["flesch_kincaid_grade"] for r in read]
    axis_columns = [c for axis in axes for c in (f"score_{axis}", f"n_{axis}")]
    lead = [c for c in ("outlet", "alignment", "title", "date", "articles") if c in table]
    order = [*lead, "words", "matches", "loaded", "loaded_authorial", "loaded_per_1000",
             "loaded_authorial_per_1000", *VOICES, *axis_columns,
             "flesch_reading_ease", "flesch_kincaid_grade", *concept_columns]
    rest = [c for c in table.columns if c not in order]
    return table[order + rest]


def outlet_scores(
    articles: Sequence[Article],
    lexicons: Sequence[Lexicon] | None = None,
    *,
    voice_factors: Mapping[str, float] | None = None,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per outlet: the article measures pooled, plus preferred variants.

    Axis scores pool the outlet's matches (not a mean of article means), so a
    long article weighs more than a short one. Readability is the word-weighted
    mean of the articles'. ``prefers:<lexicon>/<concept>`` is the canonical
    term the outlet used most often in its own (authorial) voice, empty when none.
    """
    lexicons = tuple(lexicons) if lexicons is not None else bundled_lexicons()
    factors = check_voice_factors(voice_factors)
    if matches is None:
        matches = score_matches(articles, lexicons, voice_factors=factors)
    per_article = article_scores(articles, lexicons, voice_factors=factors, matches=matches)
    grouped = per_article.groupby("outlet", sort=False)
    base = pd.DataFrame(
        {
            "alignment": grouped["alignment"].agg(lambda s: "; ".join(sorted(set(filter(None, s))))),
            "articles": grouped.size(),
            "words": grouped["words"].sum(),
        }
    )
    read = []
    for _, group in grouped:
        weights = group["words"].to_numpy(dtype=float)
        read.append(
            {
                key: float(np.average(group[key], weights=weights)) if weights.sum() > 0 and group[key].notna().all() else np.nan
                for key in ("flesch_reading_ease", "flesch_kincaid_grade")
            }
        )
    axes = axis_ids(lexicons)
    groups, _, codes = group_codes(base.index, matches["outlet"])
    counts = pd.DataFrame(score_columns(matches, codes, len(groups), axes, factors), index=base.index)
    table = _finish(base.join(counts), axes, read)
    authorial = matches[matches["voice"] == AUTHORIAL]
    if not authorial.empty:
        codes, keys = concept_key_codes(authorial)
        named = pd.DataFrame({"outlet": authorial["outlet"].to_numpy(), "concept": np.asarray(keys, dtype=object)[codes],
                              "canonical": authorial["canonical"].to_numpy()})
        preferred = (
            named.groupby(["outlet", "concept", "canonical"]).size().rename("count").reset_index()
            .sort_values(["outlet", "concept", "count", "canonical"], ascending=[True, True, False, True])
            .drop_duplicates(["outlet", "concept"])
            .pivot(index="outlet", columns="concept", values="canonical")
        )
        for concept in sorted(preferred.columns):
            table[f"prefers:{concept}"] = preferred[concept].reindex(table.index).fillna("")
    return table.reset_index().rename(columns={"index": "outlet"})
