"""What the pages do to stories and stored articles: create a story, take articles out, correct metadata,
and keep a widget's choice among a story's articles valid when the story changes.

Each helper returns an error message (one line, to show with ``st.error``)
or None, and never raises: a refused change leaves the store as it was
(:mod:`framing.store.stories` runs each change in one transaction).
:mod:`state` holds which story is shown; these helpers change the store.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from framing.lexicon.model import LexiconError
from framing.store import stories as story_store
from framing.store.article_edit import edit_article
from framing._dashboards import state, style


def _message(exc: BaseException) -> str:
    if isinstance(exc, LexiconError) and exc.problems:
        return str(exc.problems[0])
    return str(exc) or type(exc).__name__


def create_story(name: str, lexicons: Sequence[str], description: str = "") -> str | None:
    """Create a story with these lexicons (bundled or stored names) and show it; an error message or None."""
    opened = state.store()
    if opened is None:
        return "the article store cannot be used in this session, so no story can be created"
    try:
        story = story_store.create_story(opened, name, list(lexicons), description=description)
    except Exception as exc:  # noqa: BLE001 - StoreError, ValueError (name), LexiconError
        return _message(exc)
    state.set_story(story.name)
    return None


def remove_from_story(article_ids: Sequence[str]) -> int:
    """Take articles out of the current story (they stay stored); return how many left it."""
    opened, story = state.store(), state.current_story()
    if opened is None or story is None:
        return 0
    try:
        return story_store.remove_from_story(opened, story, list(article_ids))
    except Exception as exc:  # noqa: BLE001 - never a traceback
        st.error(style.md_escape(_message(exc)))
        return 0


def edit_metadata(article_id: str, **fields: str) -> str | None:
    """Correct a stored article's outlet, alignment, title or date; an error message or None."""
    opened = state.store()
    if opened is None:
        return "the article store cannot be used in this session, so nothing can be edited"
    try:
        edit_article(opened, article_id, **fields)
    except Exception as exc:  # noqa: BLE001 - a bad date, an empty outlet, an id gone meanwhile
        return _message(exc)
    return None


def stories_using(lexicon_name: str) -> list[str]:
    """Names of the stories that score with this lexicon (empty without a store)."""
    opened = state.store()
    if opened is None:
        return []
    try:
        return story_store.stories_using(opened, lexicon_name)
    except Exception:  # noqa: BLE001 - only a caption depends on it
        return []


def story_article_ids() -> set[str] | None:
    """Ids of the current story's articles, or None when there is no story (every stored article counts)."""
    opened, story = state.store(), state.current_story()
    if opened is None or story is None:
        return None
    return {a.id for a in state.corpus()}


def keep_choice(key: str, options: Sequence, default) -> None:
    """Give a widget of a story's articles an explicit valid value before it is drawn.

    A keyed widget keeps its identity when its options change (another
    story), and the browser would go on showing the old story's choice;
    a value set through session state is sent to the browser. Call it instead
    of passing ``default``/``index`` to the widget.
    """
    value = st.session_state.get(key)
    allowed = set(options)
    valid = (value is not None and (set(value) <= allowed if isinstance(value, list) else value in allowed))
    if not valid:
        st.session_state[key] = default
