"""Presentation mode: the chosen texts side by side, large, one screen at a time.

Turned on by the switch on Compare or by the URL parameter ``?present=1``
(so a teacher can bookmark it; ``&articles=ID,ID`` picks the texts and
``&step=N`` the screen). It hides the sidebar, the toolbar and the page's
controls with CSS, enlarges the type, and steps through the passages that
hold a loaded term (:func:`framing.present.passages.screens`), two per text
per screen. The texts shown are those last chosen on Compare, kept in plain
session state because Streamlit forgets a widget's value on a run that
does not draw it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from framing.article import Article
from framing.present.highlight import legend_html
from framing.present.passages import article_passages, passage_matches, screens
from framing._dashboards import cached

PARAM, STEP_PARAM, ARTICLES_PARAM = "present", "step", "articles"
#: Plain session key: the article ids last compared (survives the controls being hidden).
PICKED = "fr_compare_picked"
PER_SCREEN = 2

PRESENT_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2rem 1rem 2rem !important; max-width: 100% !important; }
.fr-present p.fr-p { font-size: 1.75rem; line-height: 1.6; overflow-wrap: anywhere; }
.fr-present .fr-head { font-size: 1.6rem; }
.fr-present-step { font-size: 1.2rem; color: #333; }
"""


def is_on() -> bool:
    """True when the URL asks for presentation mode (``?present=1``)."""
    return st.query_params.get(PARAM) == "1"


def set_on(on: bool) -> None:
    """Turn presentation mode on or off by the URL, so the address can be bookmarked."""
    if on:
        st.query_params[PARAM] = "1"
        ids = st.session_state.get(PICKED)
        if ids:
            st.query_params[ARTICLES_PARAM] = ",".join(ids)
    else:
        for key in (PARAM, STEP_PARAM, ARTICLES_PARAM):
            st.query_params.pop(key, None)


def remember(articles: Sequence[Article]) -> None:
    """Keep the ids of the texts being compared, for presentation mode."""
    st.session_state[PICKED] = [a.id for a in articles]


def chosen(articles: Sequence[Article]) -> list[Article]:
    """The texts to present: ``?articles=``, else those last compared, else the first three."""
    by_id = {a.id: a for a in articles}
    wanted = [i for i in st.query_params.get(ARTICLES_PARAM, "").split(",") if i in by_id]
    wanted = wanted or [i for i in st.session_state.get(PICKED, []) if i in by_id]
    return [by_id[i] for i in wanted] or list(articles[:3])


def _step(count: int) -> int:
    try:
        step = int(st.query_params.get(STEP_PARAM, "1"))
    except ValueError:
        step = 1
    return min(max(step, 1), max(count, 1))


def _go(step: int) -> None:
    st.query_params[STEP_PARAM] = str(step)


def render(articles: Sequence[Article], matches: pd.DataFrame, lexicons) -> None:
    """Draw one screen of the chosen texts, with Previous / Next and a way out."""
    st.html(f"<style>{PRESENT_CSS}</style>")
    picked = chosen(articles)
    columns = [article_passages(a, matches[matches["article"] == a.id], loaded_only=True) for a in picked]
    cut = screens(columns, per_screen=PER_SCREEN)
    step = _step(len(cut))
    back, where, forward, leave = st.columns([1, 3, 1, 1.4], vertical_alignment="center")
    back.button("\u2190 Previous", key="present_prev", disabled=step <= 1, on_click=_go, args=(step - 1,),
                width="stretch")
    where.html(f'<div class="fr-present-step">Screen {step} of {len(cut)}: '
               + html.escape(" · ".join(a.outlet for a in picked)) + "</div>")
    forward.button("Next \u2192", key="present_next", disabled=step >= len(cut), on_click=_go, args=(step + 1,),
                   width="stretch")
    leave.button("Leave presentation", key="present_leave", on_click=set_on, args=(False,), width="stretch")
    st.html(legend_html(lexicons))
    if not cut:
        return
    shown = st.columns(len(picked), gap="large")
    for column, article, passages in zip(shown, picked, cut[step - 1]):
        with column:
            body = [f'<div class="fr-head">{html.escape(article.outlet)}</div>']
            if not passages:
                body.append('<p class="fr-p"><em>(no more passages)</em></p>')
            for passage in passages:
                local = passage_matches(passage, matches)
                body.append(cached.highlighted(passage.text, local, lexicons, key=("present", passage.key)))
            st.html('<div class="fr-present fr-text">' + "".join(body) + "</div>")
