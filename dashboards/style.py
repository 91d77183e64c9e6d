"""How the dashboard looks: its CSS and the small helpers that render user text.

User text shown through ``st.markdown`` goes through :func:`md_escape` first,
and HTML made by the library is escaped there
(:func:`framing.present.highlight.highlight_html`).
"""

from __future__ import annotations

import html
import re

import streamlit as st

from framing.article import Article

#: Page styling added to the library's highlight CSS: large, readable text
#: when projected, words that wrap instead of overflowing a column.
APP_CSS = """
.fr-text { font-size: 1.05rem; line-height: 1.65; overflow-wrap: anywhere; word-break: normal; }
.fr-text p { margin: 0 0 0.8em 0; }
.fr-head { font-weight: 600; font-size: 1.1rem; margin: 0 0 0.2rem 0; overflow-wrap: anywhere; }
.fr-sub { color: #555; font-size: 0.9rem; margin: 0 0 0.6rem 0; overflow-wrap: anywhere; }
.fr-legend { font-size: 1rem; line-height: 2; }
.fr-sentence { margin: 0 0 0.7rem 0; padding: 0 0 0.5rem 0; border-bottom: 1px solid #eee; }
"""



_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()+\-.!|~$:])")


def md_escape(text: str) -> str:
    """Make user text safe and literal inside ``st.markdown`` / ``st.error``.

    HTML is escaped (Markdown decodes the entities back to the characters) and
    Markdown syntax is backslash-escaped, so a title such as ``**x**`` or
    ``<img src=x>`` is shown as typed and never becomes markup.
    """
    return html.escape(_MD_SPECIAL.sub(r"\\\1", str(text)), quote=False)


#: Words of the text that stand for a missing title.
UNTITLED_WORDS = 8


def display_title(article: Article) -> str:
    """The title, or for an untitled article its first words ("The coup failed, said the …")."""
    if article.title:
        return article.title
    words = article.text.split()
    if not words:
        return article.id
    return " ".join(words[:UNTITLED_WORDS]) + ("…" if len(words) > UNTITLED_WORDS else "")


def article_label(article: Article) -> str:
    """Short human label: ``outlet — title`` (plain text, for widget options)."""
    title = display_title(article)
    if len(title) > 42:  # short enough for several chips side by side in a multiselect
        title = title[:40].rstrip() + "…"
    return f"{article.outlet} — {title}"


def inject_css() -> None:
    """Add the highlight CSS and the app's styling to the page (once per run)."""
    try:
        from framing.present.highlight import HIGHLIGHT_CSS
    except ImportError:  # pragma: no cover - the library module is part of framing
        HIGHLIGHT_CSS = ""
    st.html(f"<style>{HIGHLIGHT_CSS}\n{APP_CSS}</style>")
