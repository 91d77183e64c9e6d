"""The Sources page: AppTest (tables, chart, quotation links, escaping) and headless Chromium
(a click on a quotation scrolls to it in the text; screenshots at 1400×900 and 1024×768)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

from tests.dashboards.test_dashboard_browser import (
    ARTIFACTS, CHROMIUM_ARGS, RENDER_TIMEOUT, Server, _chromium, _wait_idle,
)

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
PAGE = "views/sources_page.py"
TIMEOUT = 60
LIVE_MARKUP = re.compile(r"<\s*/?\s*(script|img|iframe|svg|object|embed)\b", re.IGNORECASE)
PESKOV = "q-telesur-2019-04-30-10676"  # "The meeting’s participants ...", Kremlin Spokesman Dmitry Peskov noted
XSS_TEXT = ("“<script>alert(1)</script> is what they wrote on the wall, and we will not stand for it,” "
            "said Mayor Tom Hale. <img src=x onerror=alert(1)>\n\n"
            "“Nobody <b>here</b> wanted this fight, nobody at all,” Hale said.")


pytestmark = pytest.mark.usefixtures("own_store")  # a fresh store per test (conftest.py)


def sources_page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_text(at: AppTest) -> str:
    return "\n".join(e.value for e in at.html)


def test_sources_page_table_chart_and_downloads():
    at = sources_page()
    assert at.title[0].value == "Sources"
    table = at.dataframe[0].value.set_index("outlet")
    assert table.loc["ZeroHedge", "quotations"] == 4 and table.loc["teleSUR English", "quotations"] == 36
    assert "Nicolas Maduro ×2" in table.loc["ZeroHedge", "top_speakers"]
    assert len(at.get("image")) == 1  # who each outlet quotes
    assert {d.proto.label for d in at.get("download_button")} == {
        "Download sources CSV", "Download PNG", "Download quotations CSV"}
    assert any("No direct quotations: RT" in c.value for c in at.caption)


def test_each_quotation_links_to_its_place_in_the_text():
    at = sources_page()
    picker = at.selectbox(key="sources_article")
    picker.set_value(next(o for o in picker.options if o.startswith("teleSUR English"))).run()
    assert not at.exception
    body = html_text(at)
    assert f'href="#{PESKOV}"' in body and f'id="{PESKOV}"' in body
    # Every link has its target, and every quotation of the article is listed.
    links = re.findall(r'href="#(q-telesur-[^"]+)"', body)
    targets = re.findall(r'<mark class="fr-quote[^"]*" id="(q-telesur-[^"]+)"', body)
    assert len(links) == 36 and links == targets
    assert "Dmitry Peskov · noted" in body
    assert 'class="fr-quote fr-nospeaker"' in body  # the La Carlota testimony


def test_payloads_in_quotations_and_names_reach_the_page_escaped():
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    at.switch_page("views/add_articles_page.py").run()
    at.text_area(key="add_text").input(XSS_TEXT)
    at.text_input(key="add_outlet").input("Payload <img src=x onerror=alert(1)> News")
    at.text_input(key="add_title").input("<script>alert(1)</script>")
    at.button(key="add_submit").click().run()
    assert not at.exception
    at.switch_page(PAGE).run()
    picker = at.selectbox(key="sources_article")
    picker.set_value(next(o for o in picker.options if "Payload" in o)).run()
    assert not at.exception
    body = html_text(at)
    found = LIVE_MARKUP.search(body)
    assert found is None, f"live markup {found.group(0)!r} reached the page"
    assert "&lt;script&gt;alert(1)&lt;/script&gt; is what they wrote" in body
    assert "&lt;b&gt;here&lt;/b&gt;" in body
    # Both quotations attributed, the speaker merged, the names shown as text.
    assert body.count('<span class="fr-speaker">Tom Hale</span>') == 2
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    table = at.dataframe[0].value.set_index("outlet")
    assert table.loc["Payload <img src=x onerror=alert(1)> News", "quotations"] == 2


# -- In a real browser ---------------------------------------------------------------------------

SIZES = [(1400, 900), (1024, 768)]


@pytest.fixture(scope="module")
def sources_server(tmp_path_factory):
    _chromium()
    pytest.importorskip("playwright.sync_api")
    server = Server(tmp_path_factory.mktemp("sources-streamlit"))
    server.start()
    try:
        yield server.base
    finally:
        server.stop()


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _screenshot(page, name: str, width: int, height: int) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}-{width}x{height}.png"
    page.screenshot(path=str(path))
    return path


@pytest.mark.parametrize("width,height", SIZES)
def test_clicking_a_quotation_scrolls_to_it_in_the_text(sources_server, chromium, width, height):
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(sources_server + "/sources")
        page.get_by_text("Who each outlet quotes", exact=True).wait_for(state="visible")
        page.locator('[data-testid="stImage"] img').first.wait_for(state="visible")
        page.locator('[data-testid="stDataFrame"]').first.wait_for(state="visible")
        _wait_idle(page)
        _screenshot(page, "sources-top", width, height)
        # Pick teleSUR's live blog, then click Peskov's quotation in the list.
        page.get_by_text("click one to see it in the text").wait_for(state="visible")
        _wait_idle(page)
        picker = page.locator('[data-testid="stSelectbox"] input[aria-label="Article"]')
        picker.click()
        picker.fill("teleSUR")
        page.get_by_role("option").filter(has_text="teleSUR English").first.wait_for()
        picker.press("Enter")
        link = page.locator(f'a.fr-q-link[href="#{PESKOV}"]')
        link.wait_for(state="visible")
        _wait_idle(page)
        assert "Dmitry Peskov · noted" in link.inner_text()
        link.click()
        target = page.locator(f"mark#{PESKOV}")
        page.wait_for_function(
            "id => { const r = document.getElementById(id).getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= window.innerHeight; }", arg=PESKOV)
        assert page.evaluate("() => location.hash") == f"#{PESKOV}"
        assert target.inner_text().startswith("The meeting’s participants")
        outline = page.evaluate(f"() => getComputedStyle(document.getElementById('{PESKOV}')).outlineStyle")
        assert outline == "solid"  # :target marks the quotation jumped to
        speaker = page.locator(f"mark#{PESKOV}").locator("xpath=preceding-sibling::span[1]")
        assert speaker.inner_text() == "Dmitry Peskov"
        _screenshot(page, "sources-quotation", width, height)
        assert not dialogs
    finally:
        context.close()
