"""Spot the frame in AppTest: nothing of the answer before Reveal, then hits, misses and extra picks."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

from framing.corpus import load_sample_corpus
from framing.lexicon.model import bundled_lexicons
from framing.present.exercise import answer_terms
from framing.present.passages import article_passages, passage_matches
from framing.scoring.scores import match_table

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
PAGE = "views/exercise_page.py"
TIMEOUT = 60


pytestmark = pytest.mark.usefixtures("own_store")  # a fresh store per test (conftest.py)


def _open() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _page_text(at: AppTest) -> str:
    parts = [e.value for e in at.html]
    for kind in ("markdown", "caption", "info", "metric", "dataframe"):
        parts.extend(str(getattr(e, "value", e)) for e in getattr(at, kind))
    return "\n".join(parts)


def _open_added(text: str, outlet: str, label_part: str) -> AppTest:
    """Add an article on Add articles, then open it on this page."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    at.switch_page("views/add_articles_page.py").run()
    at.text_area(key="add_text").input(text)
    at.text_input(key="add_outlet").input(outlet)
    at.button(key="add_submit").click().run()
    at.switch_page(PAGE).run()
    label = next(o for o in at.selectbox(key="exercise_article").options if label_part in o)
    at.selectbox(key="exercise_article").select(label).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _first_passage():
    lexicons = bundled_lexicons()
    corpus = load_sample_corpus()
    matches = match_table(corpus, lexicons)
    article = corpus[0]
    passage = article_passages(article, matches[matches["article"] == article.id], loaded_only=True)[0]
    return passage, answer_terms(passage.text, passage_matches(passage, matches))


def test_the_answer_is_not_in_the_page_before_reveal():
    at = _open()
    passage, terms = _first_passage()
    text = _page_text(at)
    assert "<mark" not in text and "data-canonical" not in text and "data-weight" not in text
    for term in terms:
        assert term.concept_label not in text
    assert not at.metric and not at.dataframe
    # The words are there to pick, in the passage's order.
    assert [o.replace("\u2060", "") for o in at.pills[0].options][:3] == passage.text.split()[:3]


def test_reveal_scores_hits_misses_and_extra_picks():
    at = _open()
    passage, terms = _first_passage()
    assert len(terms) >= 2
    options = at.pills[0].options
    target = terms[0]
    hit_word = options[target.words[-1]]
    in_terms = {i for t in terms for i in t.words}
    extra_word = options[next(i for i in range(len(options)) if i not in in_terms)]
    at.pills[0].set_value([hit_word, extra_word]).run()
    at.button(key="exercise_reveal").click().run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics == {"Hits": 1, "Misses": len(terms) - 1, "Extra picks": 1}
    table = at.dataframe[0].value
    assert table.loc[table["found"] == "yes", "term"].tolist() == [target.text]
    assert set(table["term"]) == {t.text for t in terms}
    assert "<mark" in _page_text(at)  # now the passage is shown highlighted
    assert extra_word.replace("\u2060", "") in _page_text(at)
    at.button(key="exercise_hide").click().run()
    assert not at.metric and "<mark" not in _page_text(at)


def test_a_passage_with_a_script_payload_stays_text():
    payload = "The coup <script>alert(1)</script> failed, said the regime <img src=x onerror=alert(1)>."
    at = _open_added(payload, "Payload <b>outlet</b>", "Payload")
    at.pills[0].set_value([o for o in at.pills[0].options if o == "coup"]).run()
    at.button(key="exercise_reveal").click().run()
    assert {m.label: int(m.value) for m in at.metric}["Hits"] == 1
    text = _page_text(at)
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text


def test_a_word_with_underscores_is_shown_as_typed_and_can_be_picked():
    # st.pills renders Markdown in its option labels: "_regime_" would be an italic "regime".
    at = _open_added("The coup failed, said the _regime_ and its __allies__ in Caracas.", "Underscore Daily", "Underscore")
    options = at.pills[0].options
    assert "\\_regime\\_" in options and "\\_\\_allies\\_\\_" in options
    assert "coup" in options
    at.pills[0].set_value(["_regime_", "coup"]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "2 words picked" in [c.value for c in at.caption]
