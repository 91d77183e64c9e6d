"""Axis scores over time: per outlet, by day or by week, when articles have dates.

Each point pools the matches of the outlet's articles dated in that period,
exactly as :func:`framing.scoring.scores.outlet_scores` pools an outlet's matches
(mean effective weight over matches in a voice whose factor is not zero), so a
period with one long article weighs that article fully. Articles without a
parseable ``date`` (ISO ``YYYY-MM-DD``) are left out and counted in the
result's ``attrs["undated"]``. Weeks start on Monday.

Companion to the distinctive-term analysis of :mod:`framing.discover.logodds`
(Monroe, Colaresi & Quinn 2008, "Fightin' Words", *Political Analysis* 16(4)):
a framing difference between outlets may also be a difference in *when* they
wrote.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd

from framing.article import Article
from framing.lexicon.model import Lexicon, bundled_lexicons
from framing.scoring.scores import axis_ids, check_voice_factors, score_matches
from framing.discover.term_counts import group_of

#: Allowed values of ``freq``.
FREQUENCIES = ("day", "week")
#: Columns of :func:`axis_timeline`.
TIMELINE_COLUMNS = ["period", "group", "axis", "score", "n", "articles"]


def article_dates(articles: Sequence[Article]) -> pd.Series:
    """Parsed date per article id (NaT when missing or not a date)."""
    return pd.Series(
        pd.to_datetime([a.date or None for a in articles], errors="coerce", format="ISO8601"),
        index=[a.id for a in articles],
        name="date",
    )


def axis_timeline(
    articles: Sequence[Article],
    lexicons: Sequence[Lexicon] | None = None,
    *,
    freq: str = "day",
    by: str = "outlet",
    voice_factors: Mapping[str, float] | None = None,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Axis score per group and period.

    Parameters
    ----------
    articles : sequence of Article
    lexicons : sequence of Lexicon, optional
        Default: the bundled lexicons.
    freq : {"day", "week"}
        Period length; a week is labelled by its Monday.
    by : {"outlet", "alignment"} or any article field
        What a line is.
    voice_factors : mapping, optional
        See :func:`framing.scoring.scores.match_table`.
    matches : DataFrame, optional
        A match table computed earlier for the same articles.

    Returns
    -------
    DataFrame
        :data:`TIMELINE_COLUMNS` with ``group`` renamed to ``by``, sorted by
        group, axis and period; ``score``
        is NaN where a period has articles but no counted match on the axis.
        Empty (with those columns) when no article has a date.
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"freq={freq!r} is not allowed; use one of {', '.join(FREQUENCIES)}")
    lexicons = tuple(lexicons) if lexicons is not None else bundled_lexicons()
    factors = check_voice_factors(voice_factors)
    dates = article_dates(articles)
    dated = [a for a in articles if pd.notna(dates[a.id])]
    if not dated:
        empty = pd.DataFrame(columns=TIMELINE_COLUMNS).rename(columns={"group": by})
        empty.attrs["undated"] = len(articles)
        return empty
    period = dates.dt.to_period("D" if freq == "day" else "W-SUN").dt.start_time
    base = pd.DataFrame({"article": [a.id for a in dated], "group": [group_of(a, by) for a in dated]})
    base["period"] = base["article"].map(period)
    if matches is None:
        matches = score_matches(dated, lexicons, voice_factors=factors)
    counted = [v for v, f in factors.items() if f != 0]
    on_axis = matches[matches["axis"].notna() & matches["voice"].isin(counted)][["article", "axis", "effective_weight"]]
    joined = on_axis.merge(base, on="article")
    scores = (joined.groupby(["group", "axis", "period"])["effective_weight"]
              .agg(score="mean", n="size").reset_index())
    n_articles = base.groupby(["group", "period"]).size().rename("articles").reset_index()
    frames = []
    for axis in axis_ids(lexicons):
        grid = n_articles.assign(axis=axis)
        frames.append(grid.merge(scores[scores["axis"] == axis], on=["group", "axis", "period"], how="left"))
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=TIMELINE_COLUMNS)
    table["n"] = table["n"].fillna(0).astype(int)
    table = table[TIMELINE_COLUMNS].sort_values(["group", "axis", "period"], kind="stable").reset_index(drop=True)
    table.attrs["undated"] = len(articles) - len(dated)
    return table.rename(columns={"group": by})
