"""Reframe (for teaching): the same passage with each loaded term swapped.

Every loaded term becomes the other pole's variant of the same concept (or
the neutral wording), and the original and the rewrite stand side by side
with the changed words highlighted and each version's axis score.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from framing._dashboards import cached, state, story_actions, style

from framing.article import Article
from framing.present.highlight import legend_html
from framing.present.reframe import reframe, reframed_matches, variant_usage
from framing.scoring.scores import article_scores

SOURCE_ARTICLE, SOURCE_OWN = "A passage of an article", "My own passage"
TARGETS = {"opposite": "Opposite pole", "neutral": "Neutral wording"}
MAX_OWN_CHARS = 20_000


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank-line separated, else line separated."""
    separator = r"\n\s*\n" if re.search(r"\n\s*\n", text) else r"\n"
    spans, start = [], 0
    for found in re.finditer(separator, text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _passages(article: Article, matches: pd.DataFrame) -> list[tuple[str, int]]:
    """Paragraphs with at least one loaded term, most loaded first: (text, loaded count)."""
    loaded = matches[matches["weight"] != 0]
    found = []
    for start, end in _paragraphs(article.text):
        n = int(((loaded["start"] >= start) & (loaded["end"] <= end)).sum())
        if n:
            found.append((article.text[start:end].strip(), n))
    return found


def _axis_scores(text: str, matches: pd.DataFrame, lexicons) -> dict[str, float]:
    """Axis score of one passage from its match table."""
    article = Article(id="passage", outlet="passage", text=text)
    table = article_scores([article], lexicons, matches=matches.assign(article="passage", outlet="passage"))
    row = table.iloc[0]
    return {axis.id: row.get(f"score_{axis.id}") for lex in lexicons for axis in lex.axes}


def _score_line(scores: dict[str, float], lexicons, reference: dict[str, float] | None = None) -> None:
    for lexicon in lexicons:
        for axis in lexicon.axes:
            value = scores.get(axis.id)
            shown = "—" if value is None or pd.isna(value) else f"{value:+.2f}".replace("-", "−")
            # Both metrics carry a delta line, so the two texts below start level.
            delta, arrow = "original", "off"
            if reference is not None:
                delta, arrow = "no score", "off"
                if not pd.isna(value) and not pd.isna(reference.get(axis.id)):
                    delta, arrow = f"{value - reference[axis.id]:+.2f} vs original", "auto"
            st.metric(f"Axis score: {axis.label}", shown, delta=delta, delta_color="off", delta_arrow=arrow,
                      help=f"Mean effective weight: −1 {axis.negative}, +1 {axis.positive}.")


def render() -> None:
    st.title("Reframe", anchor=False)
    st.caption("The same passage, with every loaded term swapped for the other side's wording of the same "
               "concept (or for the neutral one). Changed words are highlighted.")
    lexicons = state.active_lexicons()
    articles = state.corpus()

    c1, c2 = st.columns([1, 1])
    source = c1.radio("Passage", [SOURCE_ARTICLE, SOURCE_OWN], key="reframe_source", horizontal=True)
    target = c2.radio("Rewrite towards", list(TARGETS), format_func=TARGETS.get, key="reframe_target", horizontal=True)

    if source == SOURCE_OWN:
        passage = st.text_area("Your passage", key="reframe_text", height=160,
                               placeholder="Type or paste a few sentences…").strip()
        if len(passage) > MAX_OWN_CHARS:
            st.error(f"The passage is too long ({len(passage):,} characters; the limit is {MAX_OWN_CHARS:,}).")
            return
        if not passage:
            st.info("Type or paste a passage to reframe.")
            return
    else:
        by_id = {a.id: a for a in articles}
        story_actions.keep_choice("reframe_article", list(by_id), next(iter(by_id), None))
        article_id = st.selectbox("Article", list(by_id), format_func=lambda i: style.article_label(by_id[i]),
                                  key="reframe_article")
        article = by_id[article_id]
        passages = _passages(article, cached.matches((article,), lexicons))
        if not passages:
            st.info("No loaded term in this article: nothing to reframe.")
            return
        order = sorted(range(len(passages)), key=lambda i: -passages[i][1])
        index = st.selectbox(
            "Paragraph (most loaded first)", order, key="reframe_paragraph",
            format_func=lambda i: f"{passages[i][1]} loaded · {passages[i][0][:110]}{'…' if len(passages[i][0]) > 110 else ''}",
        )
        if index is None or index >= len(passages):
            index = order[0]
        passage = passages[index][0]

    original_matches = cached.matches((Article(id="passage", outlet="passage", text=passage),), lexicons)
    # Swap in the variants the corpus's outlets actually use in their own voice.
    usage = variant_usage(cached.matches(None, lexicons))
    result = reframe(passage, original_matches, lexicons, target=target, usage=usage)
    new_matches = reframed_matches(result, lexicons)
    before = _axis_scores(passage, original_matches, lexicons)
    after = _axis_scores(result.text, new_matches, lexicons)

    def changed(table: pd.DataFrame, spans: list[tuple[int, int]]) -> pd.DataFrame:
        return table.assign(changed=[any(s < ce and cs < e for cs, ce in spans)
                                     for s, e in zip(table["start"], table["end"])])

    n = len(result.changes)
    st.html(legend_html(lexicons) + '<div class="fr-legend"><span class="fr-legend-item">'
            '<mark class="fr-changed">changed word</mark></span></div>')
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Original", anchor=False)
        _score_line(before, lexicons)
        marked = changed(original_matches, [(c.start, c.end) for c in result.changes])
        st.html(cached.highlighted(passage, marked, lexicons, key=("reframe-original", target), changed=True))
    with right:
        st.subheader("Reframed", anchor=False)
        _score_line(after, lexicons, reference=before)
        st.html(cached.highlighted(result.text, new_matches, lexicons, key=("reframe-new", target), changed=True))
    st.caption(f"{n} term{'s' if n != 1 else ''} changed. Hover a word for its concept, weight and voice.")
    if n:
        # The weights the score counts: a scare-quoted term counts inverted, before and after.
        st.dataframe(
            pd.DataFrame([{"Original": c.original, "Replacement": c.replacement, "Concept": c.concept,
                           "Voice": c.voice.replace("_", "-"), "Effective weight before": c.old_effective,
                           "Effective weight after": c.new_effective} for c in result.changes]),
            hide_index=True, width="stretch",
            column_config={"Effective weight before": st.column_config.NumberColumn(format="%+.2f"),
                           "Effective weight after": st.column_config.NumberColumn(format="%+.2f")},
        )
        st.caption("Effective weight = the term's weight × its voice's factor (a scare-quoted term counts inverted).")

render()
