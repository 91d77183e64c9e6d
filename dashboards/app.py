"""Entry point of the framing dashboard.

Run with ``framing dashboard`` or ``streamlit run dashboards/app.py``. This
script is the frame around every page: page setup, shared CSS, the sidebar
summary and the navigation; the pages themselves are the modules in
``views/`` (each one thin over the :mod:`framing` library).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from framing._dashboards import state, style

HERE = Path(__file__).resolve().parent

# The pages live in views/, not pages/: Streamlit still honours the old
# pages/-folder convention until a session has run st.navigation, and would
# serve a bookmarked /outlets by running that file alone (no wide layout, no
# CSS, no sidebar) or answer "Page not found". Compare, the default page, is
# served at the root URL.

st.set_page_config(page_title="framing", page_icon=":material/compare_arrows:", layout="wide")

PAGES = [
    st.Page(HERE / "views" / "compare_page.py", title="Compare", icon=":material/view_column:", default=True),
    st.Page(HERE / "views" / "outlets_page.py", title="Outlets", icon=":material/bar_chart:", url_path="outlets"),
    st.Page(HERE / "views" / "terms_page.py", title="Distinctive terms", icon=":material/scatter_plot:",
            url_path="terms"),
    st.Page(HERE / "views" / "suggest_page.py", title="Suggest concepts", icon=":material/auto_awesome:", url_path="suggest"),
    st.Page(HERE / "views" / "sources_page.py", title="Sources", icon=":material/record_voice_over:", url_path="sources"),
    st.Page(HERE / "views" / "add_articles_page.py", title="Add articles", icon=":material/note_add:", url_path="add"),
    st.Page(HERE / "views" / "lexicon_page.py", title="Lexicon", icon=":material/menu_book:", url_path="lexicon"),
    st.Page(HERE / "views" / "reframe_page.py", title="Reframe", icon=":material/swap_horiz:", url_path="reframe"),
    st.Page(HERE / "views" / "exercise_page.py", title="Spot the frame", icon=":material/quiz:", url_path="exercise"),
]

state.init()
page = st.navigation(PAGES, position="sidebar", expanded=True)
style.inject_css()
if state.store_problem():
    st.error(
        f"The article store could not be opened: {style.md_escape(state.store_problem())}. "
        "Showing the bundled sample; articles added now last for this session only.",
        icon=":material/database:",
    )

# The story picker comes first in the sidebar (under the page list) and runs
# before the page, so the page shows the story just picked.
with st.sidebar:
    story_names = [s.name for s in state.stories()]
    if story_names:
        st.session_state["story_pick"] = state.current_story()
        st.selectbox("Story", story_names, key="story_pick",
                     on_change=lambda: state.set_story(st.session_state["story_pick"]),
                     help="Every page shows this story's articles, scored with its lexicons.")
        about = next((s.description for s in state.stories() if s.name == state.current_story()), "")
        if about:
            st.caption(style.md_escape(about))

page.run()

# After the page, so that articles added by it are counted in this same run.
with st.sidebar:
    articles = state.corpus()
    outlets = len({a.outlet for a in articles})
    added = len(st.session_state[state.ADDED])
    st.caption(
        f"{len(articles)} articles from {outlets} outlets"
        + (f" ({added} in this session only)" if added else "")
    )
    st.caption("Lexicons: " + ", ".join(style.md_escape(lex.name) for lex in state.active_lexicons()))
