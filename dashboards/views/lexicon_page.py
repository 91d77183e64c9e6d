"""Lexicon: browse the current story's lexicons, choose them, add a TOML lexicon, see which stories use each.

An uploaded (or pasted) lexicon is validated by :func:`framing.lexicon.model.parse_lexicon`;
every problem it finds is listed on the page, and nothing crashes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from framing._dashboards import state, story_actions, style

from framing.lexicon.model import MAX_LEXICON_BYTES, LexiconError, parse_lexicon
from framing.lexicon.table import lexicon_terms

FLASH = "fr_lexicon_flash"
EXAMPLE = '''name = "my-lexicon"
version = "1.0.0"
description = "What this lexicon is about."

[[axes]]
id = "my_axis"
label = "My axis"
negative = "one side"
positive = "the other side"

[concepts.events]
label = "The events"
axis = "my_axis"
[concepts.events.terms]
"coup" = 0.8
"uprising" = -0.6
"events" = 0
'''


def _sync_active() -> None:
    chosen = st.session_state.get("lexicon_active") or []
    if chosen:
        state.set_active(chosen)


def _load(source: bytes | str, name: str) -> None:
    """Validate and register a lexicon; show every problem with st.error."""
    try:
        lexicon = parse_lexicon(source, file=name)
    except LexiconError as exc:
        problems = exc.problems or [str(exc)]
        st.error(f"{style.md_escape(name)}: {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
                 "the lexicon was not loaded.")
        for problem in problems:
            st.error(style.md_escape(str(problem)), icon=":material/error:")
        return
    except Exception as exc:  # noqa: BLE001 - anything unexpected: report it, never a traceback
        st.error(f"{style.md_escape(name)}: could not be read ({style.md_escape(str(exc) or type(exc).__name__)})")
        return
    text = source.decode("utf-8-sig") if isinstance(source, bytes) else source
    error = state.add_custom_lexicon(lexicon, text)
    if error:
        st.error(style.md_escape(error))
    else:
        # Rerun so the active-lexicon picker above lists the new lexicon; the
        # message is shown after the rerun.
        st.session_state[FLASH] = (f"Loaded {style.md_escape(lexicon.label)} "
                                   f"({len(lexicon.concepts)} concepts); it is now active.")
        st.rerun()


def render() -> None:
    st.title("Lexicon", anchor=False)
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH))
    names = [lex.name for lex in state.all_lexicons()]
    st.session_state["lexicon_active"] = [lex.name for lex in state.active_lexicons() if lex.name in names]
    story = state.current_story()
    chosen = st.multiselect("Active lexicons" + (f" of the story {story}" if story else ""), names,
                            key="lexicon_active", on_change=_sync_active,
                            help="Every page scores the story's articles with these lexicons only.")
    if not chosen:
        st.warning("At least one lexicon must be active; the previous choice is kept.")
    lexicons = state.active_lexicons()

    for lexicon in lexicons:
        used = story_actions.stories_using(lexicon.name)
        st.caption(f"**{style.md_escape(lexicon.name)}** {style.md_escape(lexicon.version)} · "
                   f"sha256 {lexicon.sha256[:12]} · {style.md_escape(lexicon.description)}"
                   + (f" · used by the stories {style.md_escape(', '.join(used))}" if used else ""))
    terms = lexicon_terms(lexicons)
    query = st.text_input("Filter terms", key="lexicon_filter", placeholder="e.g. coup, regime, quoted")
    if query.strip():
        needle = query.strip().lower()
        mask = terms.astype(str).apply(lambda col: col.str.lower().str.contains(needle, regex=False)).any(axis=1)
        terms = terms[mask]
    st.dataframe(
        terms.drop(columns=["version"]), hide_index=True, width="stretch", height=460,
        # Why a term is flagged (category, source) next to the term; the concept label is the
        # category where a term has none of its own.
        column_order=["lexicon", "concept", "term", "weight", "pole", "category", "source", "axis", "forms", "except"],
        column_config={
            "concept_label": st.column_config.TextColumn("concept label"),
            "weight": st.column_config.NumberColumn("weight", format="%+.2f"),
            "source": st.column_config.TextColumn("source", help="Where the term comes from: the lexicon's own "
                                                  "curation, or the word list and the score it was selected by"),
            "except": st.column_config.TextColumn("except", help="Phrases in which the term is not counted"),
        },
    )
    st.caption(f"{len(terms)} terms. Weight: −1 … +1 on an axis (0 = neutral reference wording); "
               "0 … 1 for a plain loaded category. Category and source say why a word is flagged; "
               "a term inside one of its except phrases, or negated where the lexicon's context rules "
               "say so, is not counted.")

    st.subheader("Add a lexicon", anchor=False)
    upload_tab, paste_tab = st.tabs(["Upload a TOML file", "Paste TOML"])
    with upload_tab:
        upload = st.file_uploader("Lexicon file (.toml)", type=["toml"], key="lexicon_upload",
                                  max_upload_size=max(1, MAX_LEXICON_BYTES // 1_000_000))
        if upload is not None and st.button("Load the uploaded lexicon", key="lexicon_load_file", type="primary"):
            _load(upload.getvalue(), upload.name)
    with paste_tab:
        pasted = st.text_area("Lexicon TOML", key="lexicon_paste", height=260, placeholder=EXAMPLE)
        if st.button("Load the pasted lexicon", key="lexicon_load_paste", type="primary"):
            if pasted.strip():
                _load(pasted, "pasted lexicon")
            else:
                st.warning("Paste the TOML of a lexicon first.")
    with st.expander("Which stories use which lexicon"):
        st.dataframe(
            pd.DataFrame([{"lexicon": lex.name, "version": lex.version,
                           "stories": ", ".join(story_actions.stories_using(lex.name))} for lex in state.all_lexicons()]),
            hide_index=True, width="stretch",
        )
    with st.expander("Lexicon format"):
        st.code(EXAMPLE, language="toml")


render()
