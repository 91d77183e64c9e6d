"""The Suggest concepts page (AppTest): proposals with evidence; accept, edit, save as an active lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

from framing.article import Article
from tests.discover.test_suggest import make_corpus

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
PAGE = "views/suggest_page.py"
TIMEOUT = 120
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture()
def story_store(tmp_path, monkeypatch) -> Path:
    """A store whose story 'border' holds the made-up corpus of competing wordings, opened first."""
    from framing.store.article_store import ArticleStore
    from framing.store.stories import add_articles_to_story, create_story

    path = tmp_path / "framing.db"
    monkeypatch.setenv("FRAMING_DB", str(path))
    monkeypatch.setenv("FRAMING_STORY", "border")
    store = ArticleStore(path)
    create_story(store, "border", ["loaded-language"])
    articles = make_corpus()
    # A hostile title and text in one article: whatever reaches the page is escaped.
    first = articles[0]
    articles[0] = Article(id=first.id, outlet=first.outlet, alignment=first.alignment, title=SCRIPT,
                          text=first.text + f" Officials said illegal aliens {SCRIPT} crossed the border.")
    add_articles_to_story(store, "border", articles)
    return path


def open_page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _concept_index(at: AppTest, term: str) -> int:
    labels = [t.value for t in at.text_input if t.key and t.key.endswith("_label")]
    return next(i for i, label in enumerate(labels) if term in label)


def test_suggest_accept_edit_and_save_as_active_lexicon(story_store):
    at = open_page()
    at.selectbox(key="sg_by").set_value("alignment").run()
    at.selectbox(key="sg_negative").set_value("left").run()
    at.selectbox(key="sg_positive").set_value("right").run()
    at.button(key="sg_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    captions = " ".join(c.value for c in at.caption)
    assert "left 0 · right 1" in captions and r"z \+6" in captions  # evidence of "illegal aliens" (escaped)
    assert "&lt;script&gt;" in captions and "<script" not in captions  # the hostile example, escaped
    labels = [t for t in at.text_input if t.key and t.key.endswith("_label")]
    people = _concept_index(at, "illegal aliens")
    prefix = labels[people].key.removesuffix("_label")
    # Accept it, rename it, drop the neutral "migrants", make "illegal aliens" weigh 1.
    at.checkbox(key=f"{prefix}_take").check()
    labels[people].input("Immigrants without papers")
    terms = [cb for cb in at.checkbox if cb.key.startswith(f"{prefix}_") and cb.key.endswith("_keep")]
    weights = [n for n in at.number_input if n.key.startswith(f"{prefix}_") and n.key.endswith("_weight")]
    by_weight = {round(w.value, 2): (cb, w) for cb, w in zip(terms, weights)}
    by_weight[0.0][0].uncheck()
    max(by_weight.items())[1][1].set_value(1.0)
    at.text_input(key="sg_name").input("border-suggested")
    at.button(key="sg_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert any("active for this story" in s.value for s in at.success)
    assert "border-suggested" in at.session_state["fr_active"]
    lexicon = at.session_state["fr_custom_lexicons"]["border-suggested"]
    [concept] = lexicon.concepts
    assert concept.label == "Immigrants without papers"
    weights = {t.text: t.weight for t in concept.terms}
    assert weights["illegal aliens"] == 1.0 and weights["undocumented immigrants"] < 0 and "migrants" not in weights
    # Saved again, with a second concept accepted: the next version, stored without a warning.
    at.checkbox(key=f"{labels[1 - people if people < 2 else 0].key.removesuffix('_label')}_take").check()
    at.button(key="sg_save").click().run()
    assert not at.warning, [w.value for w in at.warning]
    again = at.session_state["fr_custom_lexicons"]["border-suggested"]
    assert again.version == "0.1.1" and len(again.concepts) == 2


def test_saving_nothing_accepted_is_refused(story_store):
    at = open_page()
    at.selectbox(key="sg_by").set_value("alignment").run()
    at.button(key="sg_run").click().run()
    at.button(key="sg_save").click().run()
    assert any("Accept at least one concept" in e.value for e in at.error)


def test_too_small_groups_say_why(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_DB", str(tmp_path / "framing.db"))
    at = open_page()  # the bundled sample: one article per outlet
    at.button(key="sg_run").click().run()
    assert not at.exception
    assert any("too few" in e.value for e in at.error)
