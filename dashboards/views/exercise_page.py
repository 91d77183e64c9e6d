"""Spot the frame: students pick the loaded words of a passage, then see the lexicon's answer.

The teacher chooses the passages (an article, then paragraphs holding a
loaded term); the student sees one passage as plain words to click
(``st.pills``), with no highlight, no class, no weight: nothing of the
answer is sent to the browser before *Reveal* is pressed. Then the passage
is shown highlighted (:func:`framing.present.highlight.highlight_html`) and
the picks are scored (:func:`framing.present.exercise.score_picks`): hits,
misses and extra picks, and each term with its pole and voice.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st
from framing._dashboards import cached, state, story_actions, style

from framing.present.exercise import score_picks, words
from framing.present.highlight import legend_html
from framing.present.passages import Passage, article_passages, passage_matches

#: Plain session key: ``{passage key: True}`` for the passages whose answer is shown.
REVEALED = "fr_exercise_revealed"
#: An invisible character that keeps repeated words apart as pill options
#: (st.pills tells its options apart by their text).
INVISIBLE = "\u2060"


def _labels(found) -> list[str]:
    seen: dict[str, int] = {}
    labels = []
    for word in found:
        n = seen.get(word.text, 0)
        seen[word.text] = n + 1
        labels.append(word.text + INVISIBLE * n)
    return labels


def _pill_text(label: str) -> str:
    """A word as its pill shows it: ``st.pills`` renders Markdown in option labels.

    A word (:data:`framing.present.exercise.WORD`) holds word characters,
    apostrophes and hyphens, and of these only ``_`` is Markdown syntax: a
    word such as ``_regime_`` would show as an italic "regime".
    """
    return label.replace("_", "\\_")


def _passage_label(passage: Passage) -> str:
    first = " ".join(passage.text.split()[:8])
    return f"Paragraph {passage.index + 1}: {first}…"


def _pole_label(term, lexicons) -> str:
    weight = term.effective_weight if term.effective_weight != 0 else term.weight
    if term.axis is None:
        return "loaded (no axis)"
    axis = next((a for lex in lexicons for a in lex.axes if a.id == term.axis), None)
    if axis is None:
        return "positive pole" if weight > 0 else "negative pole"
    return axis.positive if weight > 0 else axis.negative


def _reveal(passage: Passage, local: pd.DataFrame, picked: list[int], lexicons) -> None:
    result = score_picks(passage.text, local, picked)
    hits, misses, extra = st.columns(3)
    hits.metric("Hits", len(result.hits), help="loaded terms you picked (at least one of their words)")
    misses.metric("Misses", len(result.misses), help="loaded terms you did not pick")
    extra.metric("Extra picks", len(result.extra), help="words you picked that the lexicon does not list")
    st.html(legend_html(lexicons))
    st.html('<div class="fr-text">' + cached.highlighted(passage.text, local, lexicons, key=("exercise", passage.key))
            + "</div>")
    rows = [{"term": t.text, "found": "yes" if t in result.hits else "no", "counts for": _pole_label(t, lexicons),
             "voice": t.voice.replace("_", "-"), "concept": t.concept_label}
            for t in [*result.hits, *result.misses]]
    st.dataframe(pd.DataFrame(rows, columns=["term", "found", "counts for", "voice", "concept"]),
                 hide_index=True, width="stretch")
    if result.extra:
        st.caption("Extra picks: " + style.md_escape(", ".join(w.text for w in result.extra)))


def render() -> None:
    st.title("Spot the frame", anchor=False)
    lexicons = state.active_lexicons()
    articles = state.corpus()
    if not articles:
        st.info("No articles in this story yet: add some on the Add articles page.")
        return
    all_matches = cached.matches(articles, lexicons)
    by_label = {}
    for article in articles:
        by_label.setdefault(style.article_label(article), article)
    teacher, passage_col = st.columns([2, 3])
    story_actions.keep_choice("exercise_article", list(by_label), next(iter(by_label)))
    label = teacher.selectbox("Article (the teacher's choice)", list(by_label), key="exercise_article")
    article = by_label[label]
    mine = all_matches[all_matches["article"] == article.id]
    passages = article_passages(article, mine, loaded_only=True)
    keys = [p.key for p in passages]
    story_actions.keep_choice("exercise_passage", keys, keys[0])
    chosen = passage_col.selectbox("Passage", keys, key="exercise_passage",
                                   format_func=lambda k: _passage_label(passages[keys.index(k)]))
    passage = passages[keys.index(chosen)] if chosen in keys else passages[0]
    st.markdown("Click the words you find **loaded**: words that take a side. Then reveal the answer.")
    found = words(passage.text)
    labels = _labels(found)
    picked_labels = st.pills("Words of the passage", labels, selection_mode="multi", format_func=_pill_text,
                             key=f"exercise_pick_{passage.key}", label_visibility="collapsed")
    picked = [labels.index(p) for p in picked_labels or []]
    revealed = st.session_state.setdefault(REVEALED, {})
    left, right = st.columns([1, 1])
    if left.button("Reveal the answer", key="exercise_reveal", type="primary", disabled=bool(revealed.get(passage.key))):
        revealed[passage.key] = True
    if right.button("Hide it again", key="exercise_hide", disabled=not revealed.get(passage.key)):
        revealed.pop(passage.key, None)
    st.caption(f"{len(picked)} word{'s' if len(picked) != 1 else ''} picked")
    if revealed.get(passage.key):
        _reveal(passage, passage_matches(passage, mine), picked, lexicons)
    else:
        st.html(f'<div class="fr-sub">{html.escape(article.outlet)}: the answer is hidden until you reveal it.</div>')


render()
