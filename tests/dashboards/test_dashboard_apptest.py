"""The dashboard's pages, driven by Streamlit's AppTest (no browser).

Every page runs without an exception; Compare highlights the sample's terms;
Add articles scores a pasted article and keeps it in the store (there after a
restart, gone when deleted); a store that cannot be opened falls back to the
sample; Distinctive terms shows tables, keyword-in-context lines and grows a
user lexicon that is active at once; Outlets shows bootstrap intervals; an
invalid lexicon shows every problem; and HTML/script payloads in a pasted
article and in a pasted lexicon reach the page only escaped.

Each test gets its own article store (``FRAMING_DB`` set to a fresh file), so
no test sees another's articles.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

from tests.story_fixtures import make_vorsk_story  # noqa: E402

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
PAGES = ["views/compare_page.py", "views/outlets_page.py", "views/terms_page.py", "views/add_articles_page.py",
         "views/lexicon_page.py", "views/reframe_page.py"]
TIMEOUT = 60  # seconds per run; the first run imports pandas, matplotlib and the matcher

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
QUOTES = "O'Brien \"the great\""
XSS_ARTICLE = (
    f"The coup failed. {SCRIPT} The regime said so. {IMG} The interim president spoke.\n\n"
    f"Then {QUOTES} called it an uprising & more: \"'<b>bold</b>'\". Scriptword, imgword and quoteword."
)
XSS_LEXICON = r'''
name = "xss-test"
version = "1.0"
description = "<img src=x onerror=alert(1)> \"quotes\" 'single'"

[[axes]]
id = "xss"
label = "<img src=x onerror=alert(1)> axis"
negative = "<script>alert(1)</script> side"
positive = "\"quoted\" 'side'"

[concepts.evil]
label = "<script>alert(1)</script>"
axis = "xss"
[concepts.evil.terms]
# Plain-word forms make sure each payload term is matched (and so lands in the
# marks' attributes) whatever the matcher makes of the punctuation.
"<script>alert(1)</script>" = { weight = 0.5, forms = ["scriptword"] }
"<img src=x onerror=alert(1)>" = { weight = -0.5, forms = ["imgword"] }
"O'Brien \"the great\"" = { weight = 0, forms = ["quoteword"] }
'''
BAD_LEXICON = '''
version = "1.0"
[[axes]]
id = "a"
label = "A"
negative = "neg"
positive = "pos"
[concepts.one]
axis = "nope"
[concepts.one.terms]
"coup" = 3
"putsch" = "heavy"
"revolt" = 0.5
[concepts.two]
axis = "a"
[concepts.two.terms]
"revolt" = 0.5
'''

# A tag that could run code or load something. Escaped text such as
# "&lt;img src=x onerror=alert(1)&gt;" is harmless: no "<" means no element.
LIVE_MARKUP = re.compile(r"<\s*/?\s*(script|img|iframe|svg|object|embed|b)\b", re.IGNORECASE)


def new_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rendered_text(at: AppTest) -> list[str]:
    """Every string the page sends as HTML or Markdown (where markup could come alive)."""
    out = [e.value for e in at.html]
    for kind in ("markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success"):
        out.extend(str(e.value) for e in getattr(at, kind))
    return out


def html_text(at: AppTest) -> str:
    return "\n".join(e.value for e in at.html)


def assert_no_live_markup(at: AppTest) -> None:
    for text in rendered_text(at):
        found = LIVE_MARKUP.search(text)
        assert found is None, f"live markup {found.group(0)!r} reached the page in: {text[:300]!r}"


pytestmark = pytest.mark.usefixtures("own_store")  # a fresh store per test (conftest.py)


@pytest.fixture(scope="module")
def warm() -> None:
    """Import everything once, so each test's timing stays small."""
    new_app()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(page, warm):
    at = goto(new_app(), page)
    assert at.title, f"{page} shows no title"
    assert not at.exception


def test_compare_highlights_the_sample(warm):
    at = goto(new_app(), "views/compare_page.py")
    assert at.multiselect(key="compare_pick").value, "no articles preselected"
    body = html_text(at)
    # teleSUR puts "interim president" in scare quotes; ZeroHedge says "uprising".
    assert re.search(r'<mark class="fr-term [^"]*fr-v-scare_quoted[^"]*"[^>]*data-canonical="interim president"', body)
    assert re.search(r'<mark class="fr-term fr-neg[^"]*"[^>]*data-canonical="uprising"', body)
    assert re.search(r'<mark class="fr-term fr-pos[^"]*"[^>]*data-canonical="coup"', body)
    assert 'class="fr-legend"' in body
    # The concept table below the columns: each outlet's variants with counts.
    assert re.search(r'<table class="fr-concepts">.*<td [^>]*>[^<]*coup ×', body, re.S)


def test_compare_outlets_and_same_concept_mode(warm):
    at = goto(new_app(), "views/compare_page.py")
    at.radio(key="compare_unit").set_value("Outlets").run()
    assert not at.exception
    assert set(at.multiselect(key="compare_pick_outlets").value) == {"ZeroHedge", "teleSUR English", "RT"}
    at.radio(key="compare_mode").set_value("Same concept").run()
    assert not at.exception
    at.selectbox(key="compare_concept").set_value("venezuela-2019:events").run()
    assert not at.exception
    body = html_text(at)
    assert 'class="fr-sentence"' in body
    assert 'data-concept="events"' in body


def test_compare_needs_two(warm):
    at = goto(new_app(), "views/compare_page.py")
    pick = at.multiselect(key="compare_pick")
    pick.set_value(pick.value[:1]).run()
    assert not at.exception
    assert any("at least two" in i.value for i in at.info)


def test_outlets_offers_downloads_and_intervals(warm):
    at = goto(new_app(), "views/outlets_page.py")
    assert len(at.dataframe) == 3  # intervals, per outlet, per article
    # axis score (with error bars), loaded rate, voices, readability, axis score over time
    assert len(at.get("image")) == 5
    downloads = at.get("download_button")
    assert len(downloads) == 8  # a PNG per chart, intervals, outlets and articles CSV
    intervals = at.dataframe[0].value
    scores = intervals[intervals["measure"] == "score_gov_opp"]
    assert set(scores["outlet"]) == {"ZeroHedge", "teleSUR English", "RT"}
    assert (scores["low"] <= scores["estimate"]).all() and (scores["estimate"] <= scores["high"]).all()
    assert set(intervals["method"]) == {"percentile bootstrap over sentences"}  # one article per outlet
    assert set(intervals["n_resamples"]) == {500}
    at.radio(key="outlets_freq").set_value("week").run()
    assert not at.exception


def add_pasted(at: AppTest, text: str, **fields: str) -> AppTest:
    goto(at, "views/add_articles_page.py")
    at.text_area(key="add_text").input(text)
    for name, value in fields.items():
        at.text_input(key=f"add_{name}").input(value)
    at.button(key="add_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_add_articles_scores_a_pasted_article(warm):
    at = add_pasted(new_app(), "Guaido's coup attempt failed, said the Maduro regime. The uprising is over.",
                    outlet="Test Outlet", title="A test", alignment="none")
    assert any("Added 1 article" in s.value for s in at.success)
    body = html_text(at)
    assert 'data-canonical="coup attempt"' in body
    assert 'data-canonical="Maduro regime"' in body
    matches = at.dataframe[0].value
    assert {"coup attempt", "Maduro regime", "uprising"} <= set(matches["Canonical"])
    # It joins the corpus: Compare offers it.
    goto(at, "views/compare_page.py")
    assert any("Test Outlet" in o for o in at.multiselect(key="compare_pick").options)


def test_added_article_is_stored_survives_a_restart_and_can_be_deleted(warm, own_store):
    from framing.store.article_store import ArticleStore

    text = "The uprising went on in the streets, said the Maduro regime."
    at = add_pasted(new_app(), text, outlet="Stored Outlet", title="Kept")
    [stored] = [a for a in ArticleStore(own_store).articles() if a.outlet == "Stored Outlet"]
    assert stored.text == text and stored.title == "Kept"
    # The same text again: "already stored", not stored twice.
    add_pasted(at, text, outlet="Stored Outlet", title="Kept")
    assert any("Already stored" in i.value for i in at.info)
    assert ArticleStore(own_store).count() == 4
    # A restart: a new session reads the same store.
    at = new_app()  # Compare, the default page
    assert any("Stored Outlet" in o for o in at.multiselect(key="compare_pick").options)
    # (AppTest drops the frame's sidebar after a second switch_page: read it on the first run.)
    assert any("4 articles from 4 outlets" in c.value for c in at.sidebar.caption)
    # Delete it on the Add articles page.
    goto(at, "views/add_articles_page.py")
    pick = at.multiselect(key="add_delete_pick")
    assert any(stored.id in option for option in pick.options)  # options show "outlet — title (id)"
    pick.set_value([stored.id]).run()
    at.button(key="add_delete").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Deleted 1 article" in s.value for s in at.success)
    assert stored.id not in {a.id for a in ArticleStore(own_store).articles()}
    goto(at, "views/compare_page.py")
    assert not any("Stored Outlet" in o for o in at.multiselect(key="compare_pick").options)


def test_unusable_store_falls_back_to_the_sample(warm, own_store):
    own_store.write_bytes(b"this is not a database\x00" * 100)
    at = new_app()
    assert any("article store could not be opened" in e.value for e in at.error)
    assert len(at.multiselect(key="compare_pick").options) == 3  # the bundled sample
    at = add_pasted(at, "The coup failed, said the regime.", outlet="Session Outlet")
    assert not at.exception
    assert any("this session" in s.value for s in at.success)
    goto(at, "views/compare_page.py")
    assert any("Session Outlet" in o for o in at.multiselect(key="compare_pick").options)
    # Every page says so (a fresh session each: AppTest drops the frame's
    # elements after a switch back to the default page or a second switch).
    for page in PAGES:
        at = new_app() if page == "views/compare_page.py" else goto(new_app(), page)
        assert any("article store could not be opened" in e.value for e in at.error), page


def test_add_articles_empty_submit_warns(warm):
    at = goto(new_app(), "views/add_articles_page.py")
    at.button(key="add_submit").click().run()
    assert not at.exception
    assert any("Paste a text" in w.value for w in at.warning)


def test_invalid_lexicon_lists_every_problem(warm):
    at = goto(new_app(), "views/lexicon_page.py")
    at.text_area(key="lexicon_paste").input(BAD_LEXICON)
    at.button(key="lexicon_load_paste").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    joined = "\n".join(errors)
    assert "problems" in errors[0]
    for expected in ("name", "unknown axis", "out of range", "must be a number", "same term"):
        assert expected in joined, f"{expected!r} not reported in {errors}"
    assert len(errors) >= 6
    # Broken TOML is one clear problem, not a traceback.
    at.text_area(key="lexicon_paste").input("name = [unclosed")
    at.button(key="lexicon_load_paste").click().run()
    assert not at.exception
    assert any("TOML syntax error" in e.value for e in at.error)


def test_lexicon_choose_active(warm):
    at = goto(new_app(), "views/lexicon_page.py")
    active = at.multiselect(key="lexicon_active")
    assert set(active.value) == {"venezuela-2019", "loaded-language"}
    active.set_value(["loaded-language"]).run()
    assert not at.exception
    assert set(at.dataframe[0].value["lexicon"]) == {"loaded-language"}
    goto(at, "views/compare_page.py")
    body = html_text(at)
    assert 'data-lexicon="venezuela-2019"' not in body
    assert 'data-lexicon="loaded-language"' in body


def test_xss_in_pasted_article_is_escaped(warm):
    at = add_pasted(new_app(), XSS_ARTICLE, outlet=f"Outlet {IMG}", title=f"Title {SCRIPT} {QUOTES}")
    assert not at.exception
    body = html_text(at)
    assert 'data-canonical="coup"' in body  # still scored and highlighted
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert_no_live_markup(at)
    for page in PAGES:
        goto(at, page)
        assert_no_live_markup(at)


def test_xss_in_pasted_lexicon_is_escaped(warm):
    at = goto(new_app(), "views/lexicon_page.py")
    at.text_area(key="lexicon_paste").input(XSS_LEXICON)
    at.button(key="lexicon_load_paste").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert any("Loaded xss" in s.value for s in at.success)
    assert "xss-test" in at.multiselect(key="lexicon_active").value
    assert SCRIPT in set(at.dataframe[0].value["term"])  # shown as data, as typed
    assert_no_live_markup(at)
    add_pasted(at, XSS_ARTICLE, outlet="XSS")
    body = html_text(at)
    # The payload terms are matched and highlighted, their text and attributes escaped.
    assert 'data-canonical="&lt;script&gt;alert(1)&lt;/script&gt;"' in body
    assert 'data-canonical="&lt;img src=x onerror=alert(1)&gt;"' in body
    assert 'data-canonical="O&#x27;Brien &quot;the great&quot;"' in body
    assert_no_live_markup(at)
    for page in PAGES:
        goto(at, page)
        assert_no_live_markup(at)


def test_reframe_shows_both_versions(warm):
    at = goto(new_app(), "views/reframe_page.py")
    assert at.selectbox(key="reframe_article").value
    body = html_text(at)
    assert body.count('class="fr-term') > 0
    assert "fr-changed" in body
    assert len(at.metric) == 2
    before, after = (m.value for m in at.metric)
    assert before != after
    at.radio(key="reframe_target").set_value("neutral").run()
    assert not at.exception
    assert "fr-changed" in html_text(at)


def test_reframe_own_passage_escapes(warm):
    at = goto(new_app(), "views/reframe_page.py")
    at.radio(key="reframe_source").set_value("My own passage").run()
    at.text_area(key="reframe_text").input(f"The coup {SCRIPT} failed, the regime {IMG} said.").run()
    assert not at.exception
    body = html_text(at)
    assert "fr-changed" in body
    assert_no_live_markup(at)


def test_terms_page_tables_kwic_and_add_to_lexicon(warm, own_store):
    at = goto(new_app(), "views/terms_page.py")
    assert at.selectbox(key="terms_by").value == "outlet"
    tables = {tab.label: tab.dataframe[0].value for tab in at.tabs}
    assert set(tables) == {"ZeroHedge", "teleSUR English", "RT"}
    assert "coup" in list(tables["teleSUR English"]["term"])
    assert len(at.get("image")) == 1 and len(at.get("download_button")) == 2  # scatter PNG, terms CSV
    # Keyword in context of a chosen term, with voices.
    at.selectbox(key="terms_term").set_value("streets").run()
    assert not at.exception
    lines = at.code[0].value
    assert "== ZeroHedge" in lines and "[streets]" in lines and "(authorial)" in lines
    # Add it to a new user lexicon: saved, active at once, highlighted on Compare.
    at.text_input(key="terms_new_lexicon").input("my-terms")
    at.text_input(key="terms_new_concept").input("Street protest")
    at.number_input(key="terms_weight_plain").set_value(0.7)
    at.button(key="terms_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert any("saved and active" in s.value for s in at.success)
    assert "my-terms" in at.session_state["fr_active"]
    assert at.selectbox(key="terms_lexicon").value == "my-terms"
    goto(at, "views/compare_page.py")
    assert 'data-canonical="streets"' in html_text(at)
    # The same term twice in one concept is refused with a clear message.
    goto(at, "views/terms_page.py")
    at.selectbox(key="terms_term").set_value("streets").run()
    at.button(key="terms_add").click().run()
    assert any("already has this term" in e.value for e in at.error)
    # A restart loads the stored lexicon, active.
    at = goto(new_app(), "views/lexicon_page.py")
    assert "my-terms" in at.multiselect(key="lexicon_active").value
    assert "streets" in set(at.dataframe[0].value["term"])


def test_terms_page_one_against_another_on_an_axis(warm):
    at = goto(new_app(), "views/terms_page.py")
    at.radio(key="terms_mode").set_value("One group against another").run()
    at.selectbox(key="terms_group").set_value("teleSUR English").run()
    at.selectbox(key="terms_vs").set_value("ZeroHedge").run()
    at.slider(key="terms_ngram").set_value((1, 2)).run()
    assert not at.exception, [e.value for e in at.exception]
    [tab] = at.tabs
    left, right = (d.value for d in tab.dataframe)
    assert "coup" in list(left["term"]) and (left["z"] > 0).all() and (right["z"] > 0).all()
    assert all(t.count(" ") <= 1 for t in left["term"])  # up to two words
    # A new concept on the crisis axis takes a negative weight.
    at.selectbox(key="terms_term").set_value("pompeo").run()
    at.text_input(key="terms_new_lexicon").input("axis-terms")
    at.text_input(key="terms_new_concept").input("US officials")
    at.selectbox(key="terms_axis").set_value("gov_opp").run()
    at.number_input(key="terms_weight_axis").set_value(-0.3)
    at.button(key="terms_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    lexicon = {lex.name: lex for lex in __import__("framing.store.article_store", fromlist=["x"]).ArticleStore().lexicons()}["axis-terms"]
    assert lexicon.concept("us_officials").axis == "gov_opp"
    assert lexicon.concept("us_officials").terms[0].weight == -0.3


# --- stories: two events in one store, each scored with its own lexicons -------------------

def outlet_rows(at: AppTest):
    """The Outlets page's per-outlet table, by outlet."""
    return at.dataframe[1].value.set_index("outlet")


def test_two_stories_with_colliding_concepts_are_scored_independently(warm, own_store):
    make_vorsk_story(own_store)
    at = new_app()
    pick = at.sidebar.selectbox(key="story_pick")
    assert pick.value == "venezuela-2019-04-30" and pick.options == ["venezuela-2019-04-30", "vorsk"]
    pick.set_value("vorsk").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["fr_story"] == "vorsk"
    assert sorted(at.multiselect(key="compare_pick").options) == sorted(
        o for o in at.multiselect(key="compare_pick").options if "Vorsk" in o)
    goto(at, "views/outlets_page.py")
    vorsk = outlet_rows(at)
    assert set(vorsk.index) == {"Vorsk Times", "Free Vorsk"}
    assert [c for c in vorsk.columns if c.startswith(("score_", "concept:"))] == ["score_vorsk", "concept:vorsk-2031/events"]
    assert vorsk.loc["Vorsk Times", "score_vorsk"] == pytest.approx(0.8)  # coup 0.9, takeover 0.7
    assert vorsk.loc["Free Vorsk", "score_vorsk"] == pytest.approx((-0.8 + 0 + 0.9) / 3)
    assert vorsk.loc["Vorsk Times", "concept:vorsk-2031/events"] == 2
    # The Outlets page filters outlets.
    at.multiselect(key="outlets_pick_vorsk").set_value(["Free Vorsk"]).run()
    assert list(outlet_rows(at).index) == ["Free Vorsk"]
    # Back to the sample: its own lexicons, its own outlets, nothing of Vorsk.
    at.session_state["fr_story"] = "venezuela-2019-04-30"
    at.run()
    sample = outlet_rows(at)
    assert set(sample.index) == {"ZeroHedge", "teleSUR English", "RT"}
    assert "concept:venezuela-2019/events" in sample and "concept:vorsk-2031/events" not in sample
    assert "score_vorsk" not in sample and sample.loc["teleSUR English", "score_gov_opp"] > 0.3
    goto(at, "views/lexicon_page.py")
    assert set(at.multiselect(key="lexicon_active").value) == {"venezuela-2019", "loaded-language"}
    assert any("used by the stories venezuela\\-2019\\-04\\-30" in c.value for c in at.caption)  # Markdown-escaped


def test_dashboard_opens_on_the_story_named_by_the_environment(warm, own_store, monkeypatch):
    make_vorsk_story(own_store)
    monkeypatch.setenv("FRAMING_STORY", "vorsk")
    at = new_app()
    assert at.sidebar.selectbox(key="story_pick").value == "vorsk"
    assert any("2 articles from 2 outlets" in c.value for c in at.sidebar.caption)
    assert any("Vorsk crisis of 2031" in c.value for c in at.sidebar.caption)


def test_add_articles_creates_a_story_and_adds_to_it(warm, own_store):
    from framing.store.article_store import ArticleStore
    from framing.store.stories import story_articles, story_lexicons

    at = goto(new_app(), "views/add_articles_page.py")
    at.text_input(key="add_story_name").input("bad name!")
    at.button(key="add_story_create").click().run()
    assert any("not a story name" in e.value for e in at.error)
    at.text_input(key="add_story_name").input("vorsk")
    at.text_input(key="add_story_description").input("The Vorsk crisis")
    at.multiselect(key="add_story_lexicons").set_value(["loaded-language"])
    at.button(key="add_story_create").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Created the story vorsk" in s.value for s in at.success)
    assert at.session_state["fr_story"] == "vorsk"
    add_pasted(at, "The regime claimed the takeover was over.", outlet="Vorsk Times")
    assert any("Added 1 article" in s.value for s in at.success)
    store = ArticleStore(own_store)
    assert [a.outlet for a in story_articles(store, "vorsk")] == ["Vorsk Times"]
    assert [lex.name for lex in story_lexicons(store, "vorsk")] == ["loaded-language"]
    assert len(story_articles(store, "venezuela-2019-04-30")) == 3  # the sample's story is unchanged
    # The same name again is refused, and nothing changes.
    at.text_input(key="add_story_name").input("vorsk")
    at.button(key="add_story_create").click().run()
    assert any("already exists" in e.value for e in at.error)


def test_metadata_is_corrected_and_the_date_checked(warm, own_store):
    from framing.store.article_store import ArticleStore

    at = goto(new_app(), "views/add_articles_page.py")
    at.selectbox(key="add_edit_pick").set_value("rt-2019-04-30").run()
    at.text_input(key="add_edit_date_rt-2019-04-30").input("March 5")
    at.button(key="add_edit_save").click().run()
    assert any("not a date" in e.value and "March 5" in e.value and "ISO 8601" in e.value for e in at.error)
    assert ArticleStore(own_store).get("rt-2019-04-30").date == "2019-04-30"
    at.text_input(key="add_edit_date_rt-2019-04-30").input("2019-05-01")
    at.text_input(key="add_edit_outlet_rt-2019-04-30").input("RT English")
    at.button(key="add_edit_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    edited = ArticleStore(own_store).get("rt-2019-04-30")
    assert (edited.date, edited.outlet) == ("2019-05-01", "RT English")
    goto(at, "views/outlets_page.py")
    assert "RT English" in set(outlet_rows(at).index)
