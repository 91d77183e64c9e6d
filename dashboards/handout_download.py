"""The Compare page's "Download handout (PDF)" button.

The PDF (:func:`framing.present.handout.handout_pdf`) is made only when the
button is clicked (a callable as ``data``, run by Streamlit on its own
thread), so showing the page costs nothing; ``on_click="ignore"`` keeps the
click from rerunning the page, so a second quick download is not cancelled
by a rerun.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from framing.article import Article
from framing.lexicon.model import Lexicon

MAX_ARTICLES = 4


def file_name(story: str | None) -> str:
    """A safe file name for the handout of a story."""
    stem = re.sub(r"[^\w.-]+", "-", story or "").strip("-.") or "framing"
    return f"{stem}-handout.pdf"


def download_button(articles: Sequence[Article], matches: pd.DataFrame, lexicons: Sequence[Lexicon],
                    story: str | None) -> None:
    """Show the button for 2 to 4 articles; a caption says why there is none otherwise."""
    articles = list(articles)
    if not 2 <= len(articles) <= MAX_ARTICLES:
        st.caption(f"A printable handout compares 2 to {MAX_ARTICLES} articles: pick articles, not outlets with "
                   "several articles each.")
        return
    chosen = matches[matches["article"].isin([a.id for a in articles])].copy()
    lexicons = tuple(lexicons)

    def make() -> bytes:
        from framing.present.handout import handout_pdf

        return handout_pdf(articles, chosen, lexicons, story=story or "", today=dt.date.today())

    st.download_button("Download handout (PDF)", data=make, file_name=file_name(story), mime="application/pdf",
                       key="compare_handout", on_click="ignore", icon=":material/print:",
                       help="The passages side by side marked for black-and-white print, the concept table, "
                            "discussion questions and an answer key on its own page.")
