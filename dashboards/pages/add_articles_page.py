"""Add articles: paste text or upload .txt, .md or .html files.

Each new article is scored at once, shown highlighted with its matches, and
joins the corpus of every page for the rest of the session (kept in
``st.session_state``; a persistent store comes with the ingestion issue).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from framing._dashboards import state

from framing.corpus import Article, content_id
from framing.highlight import legend_html
from framing.textfold import count_words

MATCH_COLUMNS = {"term": "Term", "canonical": "Canonical", "weight": "Weight", "voice": "Voice",
                 "concept_label": "Concept", "lexicon": "Lexicon"}


def _collect(text: str, files, outlet: str, alignment: str, title: str, date: str) -> list[Article]:
    """Articles from the form; every problem reported with st.error, never raised."""
    found: list[Article] = []
    text = (text or "").strip()
    if text:
        if len(text) > state.MAX_PASTE_CHARS:
            st.error(f"The pasted text is too long ({len(text):,} characters; the limit is {state.MAX_PASTE_CHARS:,}).")
        else:
            found.append(Article(
                id=f"pasted-{content_id(text)[:10]}", outlet=outlet or "Pasted text", text=text,
                alignment=alignment, title=title, date=date, source_note="pasted in the dashboard",
            ))
    for upload in files or []:
        try:
            data = upload.getvalue()
            found.extend(state.read_upload(data, upload.name, outlet=outlet, alignment=alignment, title=title, date=date))
        except Exception as exc:  # noqa: BLE001 - any bad file: a clear message, never a traceback
            message = str(exc) or type(exc).__name__
            st.error(f"Could not add {state.md_escape(upload.name)}: {state.md_escape(message)}")
    return found


def _show(article: Article, lexicons) -> None:
    matches = state.matches((article,), lexicons)
    scores = state.article_table((article,), lexicons).iloc[0]
    st.subheader(state.md_escape(article.title or article.outlet), anchor=False)
    st.caption(state.md_escape(" · ".join(s for s in (article.outlet, article.date, article.alignment) if s)))
    metrics = st.columns(4)
    metrics[0].metric("Words", f"{int(scores['words']):,}")
    metrics[1].metric("Matches", int(scores["matches"]))
    metrics[2].metric("Loaded per 1,000 words", f"{scores['loaded_per_1000']:.1f}" if scores["words"] else "—")
    for lexicon in lexicons:
        for axis in lexicon.axes:
            value = scores.get(f"score_{axis.id}")
            metrics[3].metric(axis.label, "—" if pd.isna(value) else f"{value:+.2f}",
                              help=f"Axis score, −1 {axis.negative} … +1 {axis.positive}")
    left, right = st.columns([3, 2], gap="large")
    with left:
        box = st.container(height=520, border=True)
        box.html(state.highlighted(article.text, matches, lexicons, key=(article.id,)))
    with right:
        if matches.empty:
            st.info("No lexicon term matched in this article.")
        else:
            st.dataframe(matches[list(MATCH_COLUMNS)].rename(columns=MATCH_COLUMNS), hide_index=True,
                         width="stretch", height=520)


def render() -> None:
    st.title("Add articles", anchor=False)
    st.caption("Paste an article or upload .txt, .md or .html files (up to 5 MB each). "
               "Added articles are scored at once and join every page for this session.")
    with st.form("add_form", clear_on_submit=False, border=True):
        text = st.text_area("Article text", key="add_text", height=220,
                            placeholder="Paste the article here…")
        files = st.file_uploader("…or upload files", type=["txt", "md", "html", "htm"], accept_multiple_files=True,
                                 max_upload_size=state.MAX_UPLOAD_BYTES // (1024 * 1024), key="add_files")
        c1, c2, c3, c4 = st.columns([2, 2, 3, 1.3])
        outlet = c1.text_input("Outlet", key="add_outlet", placeholder="e.g. BBC News")
        alignment = c2.text_input("Alignment", key="add_alignment", placeholder="e.g. UK public broadcaster")
        title = c3.text_input("Title", key="add_title")
        date = c4.date_input("Date", value=None, key="add_date", min_value=dt.date(1800, 1, 1), format="YYYY-MM-DD")
        submitted = st.form_submit_button("Score and add", type="primary", key="add_submit", icon=":material/add:")

    if submitted:
        new = _collect(text, files, outlet.strip(), alignment.strip(), title.strip(), date.isoformat() if date else "")
        if new:
            added = state.add_articles(new)
            st.success(f"Added {len(added)} article{'s' if len(added) != 1 else ''} to this session's corpus.")
        elif not (text or "").strip() and not files:
            st.warning("Paste a text or choose a file first.")

    lexicons = state.active_lexicons()
    by_id = {a.id: a for a in st.session_state[state.ADDED]}
    last = [by_id[i] for i in st.session_state[state.LAST_ADDED] if i in by_id]
    if last:
        st.html(legend_html(lexicons))
        for article in last:
            _show(article, lexicons)

    added = st.session_state[state.ADDED]
    if added:
        st.subheader("Added in this session", anchor=False)
        st.dataframe(
            [{"id": a.id, "outlet": a.outlet, "title": a.title, "date": a.date, "words": count_words(a.text)} for a in added],
            hide_index=True, width="stretch",
        )
        if st.button("Remove the added articles", key="add_clear", icon=":material/delete:"):
            state.clear_added()
            st.rerun()


render()
