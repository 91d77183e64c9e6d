"""Compare: 2 to 4 articles or outlets side by side, every match highlighted.

Texts first: one row of controls, the legend, then the passages, so that a
1400×900 screen shows highlighted text without scrolling; the concept table
(the variant each one chose for each concept, each cell tinted with the pole
it counts for) sits below them in an expander. Below about 1100 px the
columns wrap two to a row (CSS), and words wrap instead of overflowing.
"Same concept" mode shows, for one concept, each one's sentences about it
side by side, starting on a concept of an axis. The presentation switch (or
``?present=1``) hands the page to :mod:`presentation`.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st
from framing._dashboards import cached, handout_download, presentation, state, story_actions, style

from framing.article import Article
from framing.present.concept_table import CONCEPT_TABLE_CSS, concept_table_html, ordered_concepts
from framing.present.highlight import legend_html

MAX_UNITS = 4
UNIT_ARTICLES, UNIT_OUTLETS = "Articles", "Outlets"
MODE_TEXTS, MODE_CONCEPT = "Full texts", "Same concept"
TEXT_HEIGHT = 600  # px: the columns scroll, the page stays short

#: Less space above the title, words that wrap, and at most two columns a row below 1100 px.
COMPARE_CSS = CONCEPT_TABLE_CSS + """
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2rem; padding-bottom: 0.2rem; }
.st-key-fr_texts p.fr-p { overflow-wrap: anywhere; hyphens: auto; }
.st-key-fr_texts .fr-sub { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
@media (max-width: 1100px) {
  .st-key-fr_controls [data-testid="stHorizontalBlock"] { flex-wrap: wrap; row-gap: 0.3rem; }
  .st-key-fr_controls [data-testid="stColumn"] { flex: 1 1 auto !important; min-width: 0 !important; width: auto !important; }
  .st-key-fr_controls [data-testid="stColumn"]:nth-child(3) { flex: 1 1 100% !important; order: 5; }
  .st-key-fr_texts [data-testid="stHorizontalBlock"] { flex-wrap: wrap; row-gap: 1rem; }
  .st-key-fr_texts [data-testid="stColumn"] { flex: 1 1 calc(50% - 1rem) !important;
    min-width: calc(50% - 1rem) !important; max-width: 100%; }
}
"""


def _units(unit: str, articles: tuple[Article, ...]) -> dict[str, list[Article]]:
    """Selectable units: label -> its articles."""
    if unit == UNIT_OUTLETS:
        units: dict[str, list[Article]] = {}
        for article in articles:
            units.setdefault(article.outlet, []).append(article)
        return units
    labels: dict[str, list[Article]] = {}
    for article in articles:
        label = style.article_label(article)
        if label in labels:
            label = f"{label} ({article.id})"
        labels[label] = [article]
    return labels


def _head_html(article: Article, *, show_outlet: bool) -> str:
    """Escaped heading of one article: outlet, title, date and alignment."""
    head = article.outlet if show_outlet else style.display_title(article)
    sub = [style.display_title(article) if show_outlet else "", article.date, article.alignment]
    sub_html = " · ".join(html.escape(s) for s in sub if s)
    return (f'<div class="fr-head">{html.escape(head)}</div>'
            + (f'<div class="fr-sub">{sub_html}</div>' if sub_html else ""))


def _short_names(units: dict[str, list[Article]], picked: list[str], unit: str) -> dict[str, str]:
    """Column names for the picked units: the outlet alone when that is unambiguous."""
    if unit == UNIT_ARTICLES:
        outlets = [units[label][0].outlet for label in picked]
        if len(set(outlets)) == len(outlets):
            return dict(zip(picked, outlets))
    return {label: label for label in picked}


@st.cache_data(show_spinner=False, max_entries=64)
def _concept_table_html(key: tuple, lkey: tuple, labels: tuple[str, ...], _matches: pd.DataFrame, _lexicons) -> str:
    return concept_table_html(_matches, list(labels), _lexicons)


def _concept_table(matches: pd.DataFrame, labels: list[str], lexicons) -> None:
    if matches.empty:
        st.info("No lexicon term matched in these texts.")
        return
    # Cached: built once per choice of texts (about 40 ms for the sample, every run otherwise).
    key = tuple(zip(matches["article"], matches["outlet"], matches["start"], matches["lexicon"]))
    html_table = _concept_table_html(key, cached.lexicon_key(lexicons), tuple(labels), matches, tuple(lexicons))
    # Library HTML, every string from data escaped there (framing.present.concept_table).
    st.html(html_table)


def _full_texts(units: dict[str, list[Article]], picked: list[str], matches: pd.DataFrame, lexicons, unit: str) -> None:
    columns = st.container(key="fr_texts").columns(len(picked), gap="medium")
    for column, label in zip(columns, picked):
        with column:
            box = st.container(height=TEXT_HEIGHT, border=True)
            for article in units[label]:
                mine = matches[matches["article"] == article.id]
                box.html(_head_html(article, show_outlet=unit == UNIT_ARTICLES or len(units[label]) == 1))
                box.html(cached.highlighted(article.text, mine, lexicons, key=(article.id,)))


def _same_concept(picked: list[str], names: dict[str, str], matches: pd.DataFrame, lexicons) -> None:
    if matches.empty:
        return
    # Concepts on an axis first, so the view starts on one the page compares.
    concepts = ordered_concepts(matches[["lexicon", "concept", "concept_label"]].drop_duplicates(), lexicons)
    options = [f"{r.lexicon}:{r.concept}" for r in concepts.itertuples()]
    concept_names = {f"{r.lexicon}:{r.concept}": f"{r.concept_label} ({r.lexicon})" for r in concepts.itertuples()}
    choice = st.selectbox("Concept", options, format_func=concept_names.get, key="compare_concept")
    if choice is None:
        return
    lexicon, concept = choice.split(":", 1)
    about = matches[(matches["lexicon"] == lexicon) & (matches["concept"] == concept)]
    columns = st.container(key="fr_texts").columns(len(picked), gap="medium")
    for column, label in zip(columns, picked):
        name = names[label]
        mine = about[about["unit"] == name]
        with column:
            st.html(f'<div class="fr-head">{html.escape(name)}</div>'
                    f'<div class="fr-sub">{len(mine)} mention{"s" if len(mine) != 1 else ""}</div>')
            box = st.container(height=TEXT_HEIGHT, border=True)
            if mine.empty:
                box.caption("Not mentioned.")
                continue
            for (_, sentence_start), group in mine.groupby(["article", "sentence_start"], sort=False):
                sentence = group["sentence"].iloc[0]
                local = group.assign(start=group["start"] - sentence_start, end=group["end"] - sentence_start)
                fragment = cached.highlighted(sentence, local, lexicons, key=("sentence", name, int(sentence_start)))
                box.html(f'<div class="fr-sentence">{fragment}</div>')


def render() -> None:
    lexicons = state.active_lexicons()
    articles = state.corpus()
    all_matches = cached.matches(articles, lexicons)
    if presentation.is_on():
        presentation.render(articles, all_matches, lexicons)
        return
    st.html(f"<style>{COMPARE_CSS}</style>")
    st.title("Compare", anchor=False)

    unit_col, mode_col, pick_col, present_col = st.container(key="fr_controls").columns(
        [1.1, 1.4, 4.2, 1.3], vertical_alignment="bottom")
    unit = unit_col.radio("Compare", [UNIT_ARTICLES, UNIT_OUTLETS], key="compare_unit", horizontal=True)
    mode = mode_col.radio("View", [MODE_TEXTS, MODE_CONCEPT], key="compare_mode", horizontal=True)
    units = _units(unit, articles)
    labels = list(units)
    pick_key = "compare_pick" if unit == UNIT_ARTICLES else "compare_pick_outlets"
    story_actions.keep_choice(pick_key, labels, labels[:3])  # the first three, and afresh for another story
    picked = pick_col.multiselect(
        f"{unit} to compare (2 to {MAX_UNITS})", labels,
        max_selections=MAX_UNITS, key=pick_key,
    )
    presentation.remember([a for label in picked for a in units[label]])
    present_col.toggle("Present", key="compare_present", value=False,
                       on_change=lambda: presentation.set_on(st.session_state["compare_present"]),
                       help="Hide the controls, enlarge the text and step through the passages one screen "
                            "at a time (bookmark the address: it has ?present=1).")
    if len(picked) < 2:
        st.info(f"Choose at least two {unit.lower()} to compare.")
        return

    names = _short_names(units, picked, unit)
    ids = {a.id: names[label] for label in picked for a in units[label]}
    matches = all_matches[all_matches["article"].isin(list(ids))]
    matches = matches.assign(unit=matches["article"].map(ids))

    st.html(legend_html(lexicons))
    if mode == MODE_CONCEPT:
        _same_concept(picked, names, matches, lexicons)
    else:
        _full_texts(units, picked, matches, lexicons, unit)
    with st.expander("Which words each one chose (concept table)", expanded=True):
        _concept_table(matches.assign(outlet=matches["unit"]), [names[label] for label in picked], lexicons)
    handout_download.download_button([a for label in picked for a in units[label]], all_matches, lexicons,
                                     state.current_story())


render()
