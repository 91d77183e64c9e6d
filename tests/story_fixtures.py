"""A second, made-up event for the story tests: the Vorsk crisis of 2031.

Its lexicon's concept id ``events`` collides with venezuela-2019's and it shares
the word "coup", so a test can tell whether two stories are scored apart (each
with its own lexicons) or mixed up. Used by the store, CLI and dashboard tests.
"""

from __future__ import annotations

from pathlib import Path

from framing.article import Article, content_id

VORSK_LEXICON = """
name = "vorsk-2031"
version = "1.0.0"
[[axes]]
id = "vorsk"
label = "Vorsk crisis"
negative = "pro-council framing"
positive = "pro-junta framing"
[concepts.events]
label = "The events in Vorsk"
axis = "vorsk"
[concepts.events.terms]
"takeover" = 0.7
"liberation" = -0.8
"coup" = 0.9
"transition" = 0
"""

#: Two outlets' one-paragraph articles: one says "coup" and "takeover" (+0.9, +0.7),
#: the other "liberation", "transition" and "coup" (-0.8, 0, +0.9).
VORSK_ARTICLES = {
    "Vorsk Times": "The coup in Vorsk was a takeover, the council said. Soldiers held the bridge.",
    "Free Vorsk": "The liberation of Vorsk began at dawn. The transition is calm, and the coup is over.",
}


def vorsk_articles() -> list[Article]:
    """The two Vorsk articles, with content ids."""
    return [Article(id=content_id(text), outlet=outlet, text=text) for outlet, text in VORSK_ARTICLES.items()]


def make_vorsk_story(db: Path | str) -> None:
    """Create the story ``vorsk`` (its lexicon, its two articles) in the store at *db*."""
    from framing.store.article_store import ArticleStore
    from framing.store.stories import LexiconText, add_articles_to_story, create_story

    store = ArticleStore(db)
    create_story(store, "vorsk", [LexiconText(VORSK_LEXICON)], description="The Vorsk crisis of 2031")
    add_articles_to_story(store, "vorsk", vorsk_articles())
