"""The dashboard's pages, driven by Streamlit's AppTest (no browser).

Every page runs without an exception; Compare highlights the sample's terms;
Add articles scores a pasted article; an invalid lexicon shows every
problem; and HTML/script payloads in a pasted article and in a pasted lexicon
reach the page only escaped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "dashboards" / "app.py"
PAGES = ["pages/compare_page.py", "pages/outlets_page.py", "pages/add_articles_page.py", "pages/lexicon_page.py", "pages/reframe_page.py"]
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
    at = goto(new_app(), "pages/compare_page.py")
    assert at.multiselect(key="compare_pick").value, "no articles preselected"
    body = html_text(at)
    # teleSUR puts "interim president" in scare quotes; ZeroHedge says "uprising".
    assert re.search(r'<mark class="fr-term [^"]*fr-v-scare_quoted"[^>]*data-canonical="interim president"', body)
    assert re.search(r'<mark class="fr-term fr-neg[^"]*"[^>]*data-canonical="uprising"', body)
    assert re.search(r'<mark class="fr-term fr-pos[^"]*"[^>]*data-canonical="coup"', body)
    assert 'class="fr-legend"' in body
    # The concept table above the columns: each outlet's variants with counts.
    table = at.table[0].value
    assert any("coup ×" in str(cell) for cell in table.to_numpy().ravel())


def test_compare_outlets_and_same_concept_mode(warm):
    at = goto(new_app(), "pages/compare_page.py")
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
    at = goto(new_app(), "pages/compare_page.py")
    pick = at.multiselect(key="compare_pick")
    pick.set_value(pick.value[:1]).run()
    assert not at.exception
    assert any("at least two" in i.value for i in at.info)


def test_outlets_offers_downloads(warm):
    at = goto(new_app(), "pages/outlets_page.py")
    assert len(at.dataframe) == 2
    assert len(at.get("image")) == 4  # axis score, loaded rate, voices, readability
    downloads = at.get("download_button")
    assert len(downloads) == 6  # a PNG per chart, two CSV tables


def add_pasted(at: AppTest, text: str, **fields: str) -> AppTest:
    goto(at, "pages/add_articles_page.py")
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
    goto(at, "pages/compare_page.py")
    assert any("Test Outlet" in o for o in at.multiselect(key="compare_pick").options)


def test_add_articles_empty_submit_warns(warm):
    at = goto(new_app(), "pages/add_articles_page.py")
    at.button(key="add_submit").click().run()
    assert not at.exception
    assert any("Paste a text" in w.value for w in at.warning)


def test_invalid_lexicon_lists_every_problem(warm):
    at = goto(new_app(), "pages/lexicon_page.py")
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
    at = goto(new_app(), "pages/lexicon_page.py")
    active = at.multiselect(key="lexicon_active")
    assert set(active.value) == {"venezuela-2019", "loaded-language"}
    active.set_value(["loaded-language"]).run()
    assert not at.exception
    assert set(at.dataframe[0].value["lexicon"]) == {"loaded-language"}
    goto(at, "pages/compare_page.py")
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
    at = goto(new_app(), "pages/lexicon_page.py")
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
    at = goto(new_app(), "pages/reframe_page.py")
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
    at = goto(new_app(), "pages/reframe_page.py")
    at.radio(key="reframe_source").set_value("My own passage").run()
    at.text_area(key="reframe_text").input(f"The coup {SCRIPT} failed, the regime {IMG} said.").run()
    assert not at.exception
    body = html_text(at)
    assert "fr-changed" in body
    assert_no_live_markup(at)
