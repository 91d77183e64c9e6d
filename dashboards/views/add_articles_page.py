"""Add articles: paste text or upload files in any format the importers read.

New articles go into the article store (:class:`framing.store.article_store.ArticleStore`)
and into the story picked in the sidebar (or a new one created here), so they
are there after a restart and in every page; each is scored at once
and shown highlighted with its matches. The *Stored articles* section lists
the store and deletes chosen articles. A bad file is reported in one line and
skipped; the rest of the batch is imported.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from framing._dashboards import cached, state, story_actions, style

from framing.article import Article, content_id
from framing.present.highlight import legend_html

# Term, weight, voice and concept first and narrow: all four fit the right-hand column at 1400 px.
MATCH_COLUMNS = {"term": "Term", "weight": "Weight", "voice": "Voice", "concept_label": "Concept",
                 "canonical": "Canonical", "lexicon": "Lexicon"}
MATCH_COLUMN_CONFIG = {
    "Term": st.column_config.TextColumn(width=135),
    "Weight": st.column_config.NumberColumn(format="%+.1f", width=58),
    "Voice": st.column_config.TextColumn(width=95),
    "Concept": st.column_config.TextColumn(width=150),
}
STORED_COLUMNS = ["id", "outlet", "date", "chars", "title", "source_file", "added_at"]  # short columns first: all visible
FLASH = "fr_add_flash"


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
    files = list(files or [])
    progress = st.progress(0.0, text=f"Importing {len(files)} files…") if len(files) > 1 else None
    failed = 0
    for done, upload in enumerate(files, start=1):
        try:
            data = upload.getvalue()
            found.extend(state.read_upload(data, upload.name, outlet=outlet, alignment=alignment, title=title, date=date))
        except Exception as exc:  # noqa: BLE001 - any bad file: a clear message, never a traceback
            failed += 1
            message = str(exc) or type(exc).__name__
            st.error(f"Could not add {style.md_escape(upload.name)}: {style.md_escape(message)}")
        if progress is not None:
            progress.progress(done / len(files), text=f"Read {done} of {len(files)} files"
                              + (f" ({failed} could not be imported)" if failed else ""))
    return found


def _report(result, new: list[Article]) -> None:
    """Say what the store did with each article."""
    names = {a.id: style.display_title(a) for a in new}
    listing = state.store_listing()
    if listing is not None and result.already_stored:
        # The article that was already there, not the file just offered again.
        stored = listing[listing["id"].isin(result.already_stored)]
        for row in stored.to_dict("records"):
            names[row["id"]] = f"{row.get('outlet') or ''} — {row.get('title') or row['id']}".strip(" —")
    if result.added:
        n = len(result.added)
        where = "the article store" if state.store() is not None and not state.store_problem() else "this session"
        st.success(f"Added {n} article{'s' if n != 1 else ''} to {where}.")
    for article_id in result.already_stored:
        st.info(f"Already stored: {style.md_escape(names.get(article_id, article_id))} "
                f"(as {style.md_escape(article_id)}); it was not stored twice.")
    for article_id in result.conflicts:
        st.warning(f"Not stored: the id {style.md_escape(article_id)} is already used by a different text.")


def _show(article: Article, lexicons) -> None:
    matches = cached.matches((article,), lexicons)
    scores = cached.article_table((article,), lexicons).iloc[0]
    st.subheader(style.md_escape(article.title or article.outlet), anchor=False)
    st.caption(style.md_escape(" · ".join(s for s in (article.outlet, article.date, article.alignment) if s)))
    metrics = st.columns(4)
    metrics[0].metric("Words", f"{int(scores['words']):,}")
    metrics[1].metric("Matches", int(scores["matches"]))
    metrics[2].metric("Loaded per 1,000 words", f"{scores['loaded_per_1000']:.1f}" if scores["words"] else "—")
    for lexicon in lexicons:
        for axis in lexicon.axes:
            value = scores.get(f"score_{axis.id}")
            metrics[3].metric(axis.label, "—" if pd.isna(value) else f"{value:+.2f}",
                              help=f"Axis score, −1 {axis.negative} … +1 {axis.positive}")
    left, right = st.columns([1, 1], gap="medium")
    with left:
        box = st.container(height=520, border=True)
        box.html(cached.highlighted(article.text, matches, lexicons, key=(article.id,)))
    with right:
        if matches.empty:
            st.info("No lexicon term matched in this article.")
        else:
            shown = matches[list(MATCH_COLUMNS)].assign(voice=matches["voice"].str.replace("_", "-"))
            st.dataframe(shown.rename(columns=MATCH_COLUMNS), hide_index=True, width="stretch", height=520,
                         column_config=MATCH_COLUMN_CONFIG)


def _story_section() -> None:
    """Which story articles go into, and creating a new one."""
    story = state.current_story()
    if story is None:
        return
    st.caption(f"Articles are added to the story **{style.md_escape(story)}** (pick another in the sidebar, "
               "or create one below).")
    with st.expander("New story", icon=":material/library_add:"):
        names = [lex.name for lex in state.all_lexicons()]
        name = st.text_input("Name", key="add_story_name", placeholder="e.g. bolivia-2019-11",
                             help="Letters, digits, '.', '_' or '-'.")
        description = st.text_input("Description", key="add_story_description", placeholder="What happened, where, when")
        lexicons = st.multiselect("Lexicons", names, default=[n for n in names if n == "loaded-language"],
                                  key="add_story_lexicons",
                                  help="The story is scored with these only; add the event's own lexicon on the "
                                  "Lexicon page once the story is picked.")
        if st.button("Create story", key="add_story_create", icon=":material/add:"):
            error = story_actions.create_story(name, lexicons, description)
            if error:
                st.error(style.md_escape(error))
            else:
                st.session_state[FLASH] = f"Created the story {style.md_escape(name.strip())}; it is now shown."
                st.rerun()


def _stored_section() -> None:
    """The story's stored articles: taking them out, deleting them, correcting their metadata."""
    st.subheader("Stored articles", anchor=False)
    listing = state.store_listing()
    opened = state.store()
    if listing is None or opened is None:
        st.info("The article store cannot be used in this session, so nothing is stored.")
        return
    in_story = story_actions.story_article_ids()
    total = len(listing)
    if in_story is not None:
        listing = listing[listing["id"].isin(in_story)]
    where = f" ({len(listing)} in the story {style.md_escape(state.current_story())})" if in_story is not None else ""
    st.caption(f"{total} articles in {style.md_escape(str(opened.path))}{where}. They are there after a restart "
               "and in every page.")
    if listing.empty:
        return
    st.dataframe(listing[STORED_COLUMNS], hide_index=True, width="stretch",
                 height=min(400, 38 + 35 * len(listing)))
    labels = {row.id: f"{row.outlet} — {row.title or row.id} ({row.id})" for row in listing.itertuples()}
    left, middle, right = st.columns([4, 1.4, 1], vertical_alignment="bottom")
    chosen = left.multiselect("Articles to remove or delete", list(labels), format_func=labels.get,
                              key="add_delete_pick", placeholder="Choose stored articles")
    if in_story is not None and middle.button("Remove from story", key="add_unlink", icon=":material/remove:",
                                              disabled=not chosen, width="stretch",
                                              help="They stay stored, and in other stories."):
        removed = story_actions.remove_from_story(chosen)
        st.session_state[FLASH] = f"Took {removed} article{'s' if removed != 1 else ''} out of the story."
        st.session_state.pop("add_delete_pick", None)
        st.rerun()
    if right.button("Delete", key="add_delete", icon=":material/delete:", disabled=not chosen, width="stretch",
                    help="Delete from the store and from every story."):
        removed = state.remove_articles(chosen)
        st.session_state[FLASH] = f"Deleted {removed} article{'s' if removed != 1 else ''} from the store."
        st.session_state.pop("add_delete_pick", None)
        st.rerun()
    _edit_section(listing, labels)


def _edit_section(listing: pd.DataFrame, labels: dict[str, str]) -> None:
    """Correct one article's outlet, alignment, title or date (checked as ISO 8601)."""
    with st.expander("Correct an article's details", icon=":material/edit:"):
        article_id = st.selectbox("Article", list(labels), format_func=labels.get, key="add_edit_pick")
        row = listing.set_index("id").loc[article_id]
        c1, c2, c3, c4 = st.columns([2, 2, 3, 1.5])
        # Keyed by article, so picking another article shows its own values.
        values = {
            "outlet": c1.text_input("Outlet", value=row["outlet"], key=f"add_edit_outlet_{article_id}"),
            "alignment": c2.text_input("Alignment", value=row["alignment"], key=f"add_edit_alignment_{article_id}"),
            "title": c3.text_input("Title", value=row["title"], key=f"add_edit_title_{article_id}"),
            "date": c4.text_input("Date", value=row["date"], key=f"add_edit_date_{article_id}",
                                  help="ISO 8601: 2019-04-30, 2019-04 or 2019-04-30T14:05:00+00:00"),
        }
        if st.button("Save", key="add_edit_save", icon=":material/save:"):
            error = story_actions.edit_metadata(article_id, **values)
            if error:
                st.error(style.md_escape(error))
            else:
                st.session_state[FLASH] = f"Saved the details of {style.md_escape(article_id)}."
                st.rerun()


def render() -> None:
    st.title("Add articles", anchor=False)
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH))
    suffixes = " ".join(state.UPLOAD_SUFFIXES)
    st.caption(f"Paste an article or upload files ({suffixes}; up to {state.MAX_UPLOAD_BYTES // 1_000_000} MB each; "
               "tables need a text column). Added articles are scored at once and kept in the article store: "
               "they join every page and are still there after a restart.")
    _story_section()
    with st.form("add_form", clear_on_submit=False, border=True):
        text = st.text_area("Article text", key="add_text", height=220,
                            placeholder="Paste the article here…")
        files = st.file_uploader("…or upload files", type=[s.lstrip(".") for s in state.UPLOAD_SUFFIXES],
                                 accept_multiple_files=True, max_upload_size=state.MAX_UPLOAD_MB, key="add_files")
        c1, c2, c3, c4 = st.columns([2, 2, 3, 1.3])
        outlet = c1.text_input("Outlet", key="add_outlet", placeholder="e.g. BBC News")
        alignment = c2.text_input("Alignment", key="add_alignment", placeholder="e.g. UK public broadcaster")
        title = c3.text_input("Title", key="add_title")
        date = c4.date_input("Date", value=None, key="add_date", min_value=dt.date(1800, 1, 1), format="YYYY-MM-DD")
        submitted = st.form_submit_button("Score and add", type="primary", key="add_submit", icon=":material/add:")

    if submitted:
        new = _collect(text, files, outlet.strip(), alignment.strip(), title.strip(), date.isoformat() if date else "")
        if new:
            _report(state.add_articles(new), new)
        elif not (text or "").strip() and not files:
            st.warning("Paste a text or choose a file first.")

    lexicons = state.active_lexicons()
    by_id = {a.id: a for a in state.corpus()}
    last = [by_id[i] for i in dict.fromkeys(st.session_state[state.LAST_ADDED]) if i in by_id]
    if last:
        st.html(legend_html(lexicons))
        for article in last[:10]:  # a large table import: the first ten, the rest are listed below
            _show(article, lexicons)
        if len(last) > 10:
            st.caption(f"… and {len(last) - 10} more, listed under Stored articles.")

    _stored_section()


render()
