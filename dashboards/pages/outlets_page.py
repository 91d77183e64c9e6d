"""Outlets: axis scores, loaded-term rates, voices and readability per outlet.

Charts come from :mod:`framing.plots` (matplotlib), tables from
:mod:`framing.scores`; both download with their provenance (CSV comment lines,
PNG text metadata).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from framing._dashboards import state

from framing import plots
from framing.lexicon import Axis
from framing.provenance import to_csv_with_provenance


@st.cache_data(show_spinner=False, max_entries=64)
def _chart_png(kind: str, axis_id: str, ckey: tuple, lkey: tuple, _axis: Axis | None, _outlets: pd.DataFrame,
               _prov: dict) -> bytes:
    """PNG bytes of one chart (cached: the same bytes are shown and downloaded)."""
    if kind == "axis":
        fig = plots.axis_score_chart(_outlets, _axis)
    else:
        fig = {"loaded": plots.loaded_rate_chart, "voice": plots.voice_chart,
               "readability": plots.readability_chart}[kind](_outlets)
    return plots.figure_png(fig, _prov)


def _chart(kind: str, axis: Axis | None, outlets: pd.DataFrame, prov: dict, ckey: tuple, lkey: tuple) -> None:
    axis_id = axis.id if axis is not None else ""
    png = _chart_png(kind, axis_id, ckey, lkey, axis, outlets, prov)
    st.image(png, width="stretch")
    st.download_button(
        "Download PNG", png, file_name=f"framing-{kind}{'-' + axis_id if axis_id else ''}.png", mime="image/png",
        key=f"outlets_png_{kind}_{axis_id}", icon=":material/download:",
    )


def render() -> None:
    st.title("Outlets", anchor=False)
    lexicons = state.active_lexicons()
    articles = state.corpus()
    outlets = state.outlet_table(articles, lexicons)
    per_article = state.article_table(articles, lexicons)
    prov = state.prov(lexicons)
    ckey, lkey = state.corpus_key(articles), state.lexicon_key(lexicons)

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
    for kind, axis in charts:
        _chart(kind, axis, outlets, prov, ckey, lkey)

    st.subheader("Per outlet")
    st.dataframe(outlets, hide_index=True, width="stretch")
    st.download_button(
        "Download outlets CSV", to_csv_with_provenance(outlets, prov), file_name="framing-outlets.csv",
        mime="text/csv", key="outlets_csv", icon=":material/download:",
    )
    st.subheader("Per article")
    st.dataframe(per_article, hide_index=True, width="stretch")
    st.download_button(
        "Download articles CSV", to_csv_with_provenance(per_article, prov), file_name="framing-articles.csv",
        mime="text/csv", key="outlets_articles_csv", icon=":material/download:",
    )
    st.caption("Files carry their provenance: CSV as # comment lines (read with pandas.read_csv(path, comment='#')), "
               "PNG as text metadata.")


render()
