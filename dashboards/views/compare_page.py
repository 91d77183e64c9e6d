"""Compare: 2 to 4 articles or outlets side by side, every match highlighted.

Above the columns, the concept table (the variant each one chose for each
concept, and how often) and the legend. "Same concept" mode shows, for one
concept, each one's sentences about it side by side.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st
from framing._dashboards import cached, handout_download, state, story_actions, style

from framing.present.compare import concept_summary
from framing.article import Article
from framing.present.highlight import legend_html

MAX_UNITS = 4
UNIT_ARTICLES, UNIT_OUTLETS = "Articles", "Outlets"
MODE_TEXTS, MODE_CONCEPT = "Full texts", "Same concept"
TEXT_HEIGHT = 640  # px: the columns scroll, the page stays short
TABLE_HEIGHT = 300  # px: the concept table scrolls too


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
    head = article.outlet if show_outlet else (article.title or article.id)
    sub = [article.title if show_outlet else "", article.date, article.alignment]
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


def _concept_table(matches: pd.DataFrame, labels: list[str], lexicons) -> None:
    if matches.empty:
        st.info("No lexicon term matched in these texts.")
        return
    table = concept_summary(matches, outlets=labels)
    # Concepts on an axis first (what the page compares), in lexicon order.
    rank = {(lex.name, c.id): (c.axis is None, i, j)
            for i, lex in enumerate(lexicons) for j, c in enumerate(lex.concepts)}
    table = table.iloc[sorted(range(len(table)), key=lambda k: rank.get(
        (table["lexicon"].iloc[k], table["concept"].iloc[k]), (True, len(rank), k)))]
    table = table.drop(columns=["lexicon", "concept"]).rename(columns={"concept_label": "Concept"})
    # st.table renders Markdown in cells: escape every string that comes from data.
    table = table.map(style.md_escape)
    table.columns = [style.md_escape(c) for c in table.columns]
    # A fixed height keeps the texts on the first screen; the table scrolls.
    with st.container(height=TABLE_HEIGHT, border=False):
        st.table(table.set_index(table.columns[0]))


def _full_texts(units: dict[str, list[Article]], picked: list[str], matches: pd.DataFrame, lexicons, unit: str) -> None:
    columns = st.columns(len(picked), gap="medium")
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
    concepts = (matches[["lexicon", "concept", "concept_label"]].drop_duplicates()
                .sort_values(["lexicon", "concept"]))
    options = [f"{r.lexicon}:{r.concept}" for r in concepts.itertuples()]
    concept_names = {f"{r.lexicon}:{r.concept}": f"{r.concept_label} ({r.lexicon})" for r in concepts.itertuples()}
    choice = st.selectbox("Concept", options, format_func=concept_names.get, key="compare_concept")
    if choice is None:
        return
    lexicon, concept = choice.split(":", 1)
    about = matches[(matches["lexicon"] == lexicon) & (matches["concept"] == concept)]
    columns = st.columns(len(picked), gap="medium")
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
    st.title("Compare", anchor=False)
    lexicons = state.active_lexicons()
    articles = state.corpus()
    all_matches = cached.matches(articles, lexicons)

    left, right = st.columns([1, 2])
    unit = left.radio("Compare", [UNIT_ARTICLES, UNIT_OUTLETS], key="compare_unit", horizontal=True)
    mode = right.radio("View", [MODE_TEXTS, MODE_CONCEPT], key="compare_mode", horizontal=True)
    units = _units(unit, articles)
    labels = list(units)
    pick_key = "compare_pick" if unit == UNIT_ARTICLES else "compare_pick_outlets"
    # Full width, so that the chosen articles' chips are all visible.
    story_actions.keep_choice(pick_key, labels, labels[:3])  # the first three, and afresh for another story
    picked = st.multiselect(
        f"{unit} to compare (2 to {MAX_UNITS})", labels,
        max_selections=MAX_UNITS, key=pick_key,
    )
    if len(picked) < 2:
        st.info(f"Choose at least two {unit.lower()} to compare.")
        return

    names = _short_names(units, picked, unit)
    ids = {a.id: names[label] for label in picked for a in units[label]}
    matches = all_matches[all_matches["article"].isin(list(ids))]
    matches = matches.assign(unit=matches["article"].map(ids))

    st.subheader("Which words each one chose", anchor=False)
    _concept_table(matches.assign(outlet=matches["unit"]), [names[label] for label in picked], lexicons)
    st.html(legend_html(lexicons))
    if mode == MODE_CONCEPT:
        _same_concept(picked, names, matches, lexicons)
    else:
        _full_texts(units, picked, matches, lexicons, unit)
    handout_download.download_button([a for label in picked for a in units[label]], all_matches, lexicons,
                                     state.current_story())


render()
