"""Outlets: axis scores, loaded-term rates, voices and readability per outlet.

Charts come from :mod:`framing.present.plots` (matplotlib), tables from
:mod:`framing.scoring.scores`; both download with their provenance (CSV comment lines,
PNG text metadata). Axis scores carry percentile-bootstrap intervals
(:func:`framing.discover.intervals.bootstrap_intervals`, seeded, so they repeat), and
when articles have dates, the axis score over time
(:func:`framing.discover.timeline.axis_timeline`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from framing._dashboards import cached, state

from framing.present import plots
from framing.discover.intervals import bootstrap_intervals
from framing.lexicon.model import Axis
from framing.present.column_labels import column_labels
from framing.present.term_plots import timeline_chart
from framing.provenance import to_csv_with_provenance
from framing.discover.timeline import axis_timeline

#: Bootstrap resamples: enough for stable 95 % percentile bounds, fast enough to
#: recompute when the corpus or the lexicons change (cached otherwise).
N_RESAMPLES = 500
SEED = 0
#: Columns shown (the CSV has them all: confidence, unit, n_valid, seed too).
INTERVAL_COLUMNS = ["outlet", "measure", "estimate", "low", "high", "method", "n_units", "n_resamples"]


@st.cache_data(show_spinner="Bootstrapping intervals…", max_entries=16)
def _intervals(ckey: tuple, lkey: tuple, _articles, _lexicons, _matches: pd.DataFrame) -> pd.DataFrame:
    return bootstrap_intervals(_articles, _lexicons, by="outlet", n_resamples=N_RESAMPLES, seed=SEED, matches=_matches)


@st.cache_data(show_spinner=False, max_entries=16)
def _timeline(ckey: tuple, lkey: tuple, freq: str, _articles, _lexicons, _matches: pd.DataFrame) -> pd.DataFrame:
    return axis_timeline(_articles, _lexicons, freq=freq, matches=_matches)


@st.cache_data(show_spinner=False, max_entries=32)
def _timeline_png(ckey: tuple, lkey: tuple, freq: str, axis_id: str, _timeline: pd.DataFrame, _prov: dict,
                  _axes: tuple = ()) -> bytes:
    return plots.figure_png(timeline_chart(_timeline, axis=axis_id, axes=_axes), _prov)


def axis_intervals(intervals: pd.DataFrame, axis: Axis) -> pd.DataFrame:
    """The ``outlet, low, high`` rows of one axis score, as axis_score_chart wants them."""
    rows = intervals[(intervals["measure"] == f"score_{axis.id}") & intervals["low"].notna()]
    return rows[["outlet", "low", "high"]].reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=64)
def _chart_png(kind: str, axis_id: str, ckey: tuple, lkey: tuple, _axis: Axis | None, _outlets: pd.DataFrame,
               _prov: dict, _intervals: pd.DataFrame | None = None) -> bytes:
    """PNG bytes of one chart (cached: the same bytes are shown and downloaded)."""
    if kind == "axis":
        fig = plots.axis_score_chart(_outlets, _axis, intervals=_intervals)
    elif kind == "loaded":
        fig = plots.loaded_rate_chart(_outlets, intervals=_intervals)
    else:
        fig = {"loaded": plots.loaded_rate_chart, "voice": plots.voice_chart,
               "readability": plots.readability_chart}[kind](_outlets)
    return plots.figure_png(fig, _prov)


def _chart(kind: str, axis: Axis | None, outlets: pd.DataFrame, prov: dict, ckey: tuple, lkey: tuple,
           intervals: pd.DataFrame | None = None) -> None:
    axis_id = axis.id if axis is not None else ""
    png = _chart_png(kind, axis_id, ckey, lkey, axis, outlets, prov, intervals)
    st.image(png, width="stretch")
    # on_click="ignore" on every download: a rerun after the first click cancelled a second quick download.
    st.download_button(
        "Download PNG", png, file_name=f"framing-{kind}{'-' + axis_id if axis_id else ''}.png", mime="image/png",
        key=f"outlets_png_{kind}_{axis_id}", icon=":material/download:", on_click="ignore",
    )


def _readable(table: pd.DataFrame, lexicons) -> dict:
    """Column configs giving each column its readable name (:mod:`framing.present.column_labels`)."""
    return {column: st.column_config.Column(label) for column, label in column_labels(table.columns, lexicons).items()}


def render() -> None:
    st.title("Outlets", anchor=False)
    lexicons = state.active_lexicons()
    articles = state.corpus()
    if not articles:
        st.info("No articles: add some on the Add articles page.")
        return
    names = list(dict.fromkeys(a.outlet for a in articles))
    # Keyed by story: each story keeps its own choice of outlets.
    chosen = st.multiselect("Outlets", names, default=names, key=f"outlets_pick_{state.current_story() or ''}",
                            help="Scores, charts and tables of these outlets only.")
    articles = tuple(a for a in articles if a.outlet in set(chosen))
    if not articles:
        st.info("Choose at least one outlet.")
        return
    outlets = cached.outlet_table(articles, lexicons)
    per_article = cached.article_table(articles, lexicons)
    prov = cached.prov(lexicons)
    ckey, lkey = cached.corpus_key(articles), cached.lexicon_key(lexicons)
    matches = cached.matches(articles, lexicons)
    intervals = _intervals(ckey, lkey, articles, lexicons, matches)
    interval_prov = cached.prov(lexicons, n_resamples=N_RESAMPLES, seed=SEED, confidence=0.95,
                               interval="percentile bootstrap")

    charts: list[tuple[str, Axis | None]] = []
    seen: set[str] = set()
    for lexicon in lexicons:
        for axis in lexicon.axes:
            if axis.id not in seen:
                seen.add(axis.id)
                charts.append(("axis", axis))
    charts += [("loaded", None), ("voice", None), ("readability", None)]
    # One chart per row: the PNGs are 1200 px wide with 11-14 pt text, which
    # stays readable on a projector only when shown at the page's full width.
    st.caption(f"Error bars: 95 % percentile-bootstrap intervals ({N_RESAMPLES} resamples, seed {SEED}) over an "
               "outlet's articles, or over its sentences when it has a single article (then a lower bound of "
               "the uncertainty).")
    for kind, axis in charts:
        if kind == "axis":
            _chart(kind, axis, outlets, interval_prov, ckey, lkey, axis_intervals(intervals, axis))
        elif kind == "loaded":
            _chart(kind, axis, outlets, interval_prov, ckey, lkey, intervals)
        else:
            _chart(kind, axis, outlets, prov, ckey, lkey)

    st.subheader("Intervals", anchor=False)
    shown = intervals[[c for c in INTERVAL_COLUMNS if c in intervals.columns]]
    config = _readable(shown, lexicons)
    config.update({c: st.column_config.NumberColumn(config[c].get("label"), format="%.3f")
                   for c in ("estimate", "low", "high")})
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
    st.download_button(
        "Download intervals CSV", to_csv_with_provenance(intervals, interval_prov), file_name="framing-intervals.csv",
        mime="text/csv", key="outlets_intervals_csv", icon=":material/download:", on_click="ignore",
    )

    _over_time(articles, lexicons, matches, ckey, lkey)

    st.subheader("Per outlet", anchor=False)
    # Readable names on screen (as column labels: the data and the CSV keep the stable ids scripts rely on).
    st.dataframe(outlets, hide_index=True, width="stretch", column_config=_readable(outlets, lexicons))
    st.download_button(
        "Download outlets CSV", to_csv_with_provenance(outlets, prov), file_name="framing-outlets.csv",
        mime="text/csv", key="outlets_csv", icon=":material/download:", on_click="ignore",
    )
    st.subheader("Per article", anchor=False)
    st.dataframe(per_article, hide_index=True, width="stretch", column_config=_readable(per_article, lexicons))
    st.download_button(
        "Download articles CSV", to_csv_with_provenance(per_article, prov), file_name="framing-articles.csv",
        mime="text/csv", key="outlets_articles_csv", icon=":material/download:", on_click="ignore",
    )
    st.caption("Files carry their provenance: CSV as # comment lines (read with pandas.read_csv(path, comment='#')), "
               "PNG as text metadata.")


def _over_time(articles, lexicons, matches: pd.DataFrame, ckey: tuple, lkey: tuple) -> None:
    """Axis score per outlet by day or week, when articles have dates."""
    if not any(a.date for a in articles) or not any(lex.axes for lex in lexicons):
        return
    st.subheader("Over time", anchor=False)
    freq = st.radio("Period", ["day", "week"], key="outlets_freq", horizontal=True)
    table = _timeline(ckey, lkey, freq, articles, lexicons, matches)
    if table.empty:
        st.caption("No article has a date in YYYY-MM-DD form.")
        return
    prov = cached.prov(lexicons, freq=freq)
    undated = table.attrs.get("undated", 0)
    if undated:
        st.caption(f"{undated} article{'s' if undated != 1 else ''} without a date left out.")
    for axis_id in dict.fromkeys(table["axis"]):
        png = _timeline_png(ckey, lkey, freq, axis_id, table, prov, tuple(a for lex in lexicons for a in lex.axes))
        st.image(png, width="stretch")
        st.download_button("Download PNG", png, file_name=f"framing-timeline-{axis_id}-{freq}.png", mime="image/png",
                           key=f"outlets_png_timeline_{axis_id}", icon=":material/download:", on_click="ignore")


render()
