"""The Suggest concepts page in headless Chromium: proposals shown, one accepted and saved; screenshots.

Uses the server and browser helpers of ``test_dashboard_browser.py``; the
store holds a story of the made-up corpus of competing wordings (with a
``<script>`` payload in one article), opened first through ``FRAMING_STORY``.
"""

from __future__ import annotations

import os

import pytest

from tests.dashboards.test_dashboard_browser import (  # noqa: F401 - fixtures used by name
    ARTIFACTS, RENDER_TIMEOUT, _start, _stop, _wait_idle, browser, chromium_path,
)
from tests.dashboards.test_suggest_page import SCRIPT
from tests.discover.test_suggest import make_corpus


@pytest.fixture(scope="module")
def suggest_server(chromium_path, tmp_path_factory, ):
    from framing.article import Article
    from framing.store.article_store import ArticleStore
    from framing.store.stories import add_articles_to_story, create_story

    folder = tmp_path_factory.mktemp("suggest-browser")
    db = folder / "framing.db"
    store = ArticleStore(db)
    create_story(store, "border", ["loaded-language"])
    articles = make_corpus()
    first = articles[0]
    articles[0] = Article(id=first.id, outlet=first.outlet, alignment=first.alignment, title=SCRIPT,
                          text=first.text + " Officials said undocumented immigrants <img src=x onerror=\"window.__xss=1\"> "
                          f"{SCRIPT} crossed the border.")
    add_articles_to_story(store, "border", articles)
    old = os.environ.get("FRAMING_STORY")
    os.environ["FRAMING_STORY"] = "border"
    try:
        process, base = _start(__import__("tests.dashboards.test_dashboard_browser", fromlist=["x"])._free_port(),
                               folder / "server.log", db)
    finally:
        if old is None:
            os.environ.pop("FRAMING_STORY", None)
        else:
            os.environ["FRAMING_STORY"] = old
    try:
        yield base
    finally:
        _stop(process)
        log = (folder / "server.log").read_text(errors="replace")
        assert "Traceback" not in log, log


#: The words of the given texts that the page breaks over two lines (a range
#: over one word has a client rectangle per line it sits on), or "missing: ...".
BROKEN_WORDS = """(texts) => texts.flatMap((text) => {
    const node = [...document.querySelectorAll("p, strong")].find((e) => e.textContent.trim() === text);
    if (!node) return ["missing: " + text];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    const broken = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        for (const m of t.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(t, m.index);
            range.setEnd(t, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (tops.size > 1) broken.push(m[0]);
        }
    }
    return broken;
})"""


@pytest.mark.parametrize("width, height", [(1400, 900), (1024, 768)])
def test_suggest_page_shows_concepts_and_saves_one(suggest_server, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(suggest_server + "/suggest")
        page.get_by_role("button", name="Suggest concepts").click()
        page.get_by_text("divides by").first.wait_for(state="visible")
        _wait_idle(page)
        # The boxes come in as the page runs on: wait for the last one looked for, then read.
        page.wait_for_function("() => document.body.innerText.includes('death tax')")
        body = page.inner_text("body")
        assert "illegal aliens" in body and "undocumented immigrants" in body and "death tax" in body
        # Projected, a word split over two lines ("kee / p", "undocument / ed") reads badly.
        assert page.evaluate(BROKEN_WORDS, ["keep", "wording", "undocumented immigrants", "illegal aliens"]) == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"suggest-{width}x{height}.png"))
        page.get_by_text("Accept", exact=True).first.click()
        _wait_idle(page)
        page.get_by_role("button", name="Save 1 accepted concepts as a lexicon").click()
        page.get_by_text("active for this story now").wait_for(state="visible")
        page.screenshot(path=str(ARTIFACTS / f"suggest-saved-{width}x{height}.png"))
        assert dialogs == [] and page.evaluate("() => window.__xss === undefined")
        assert page.locator("script:has-text('alert(1)')").count() == 0
    finally:
        context.close()
