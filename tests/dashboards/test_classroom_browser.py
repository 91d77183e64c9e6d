"""The classroom in headless Chromium: Compare texts first, presentation mode, Spot the frame.

Screenshots of the first viewport (not the full page) at 1400×900 and
1024×768 land in tests/artifacts/: the highlighted passages must be inside
that viewport, no word may stick out of its column, and below 1100 px at most
two text columns share a row. Presentation mode (``?present=1``) hides the
sidebar and steps through screens. The first page of a fresh server is timed
against a bare one-line Streamlit page started the same way in the same run
and the ratio printed (no timing is asserted: speed goes in the report).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.dashboards.test_dashboard_browser import (
    APP, ARTIFACTS, RENDER_TIMEOUT, ROOT, START_TIMEOUT, Server, _free_port, _stop, _wait_idle,
    browser, chromium_path,  # noqa: F401  (fixtures)
)

SIZES = [(1400, 900), (1024, 768)]
MARK = "mark.fr-term"


def _page(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT)
    return context, page


def _first_visible(page, selector: str):
    """The first element matching ``selector`` that is actually displayed (not a CSS sample)."""
    return page.locator(f"{selector} >> visible=true").first


BARE_READY = "() => document.body && document.body.innerText.includes('bare page ready')"
TEXTS_READY = ("() => { const m = document.querySelector('.st-key-fr_texts mark.fr-term');"
               " return !!m && m.getBoundingClientRect().height > 0; }")


def _time_first_page(browser, base: str, ready_js: str) -> float:
    """Seconds from navigation to ``ready_js`` being true in a new browser session (polled every frame)."""
    context, page = _page(browser, 1400, 900)
    try:
        started = time.perf_counter()
        page.goto(base + "/", wait_until="commit")
        page.wait_for_function(ready_js, polling="raf", timeout=RENDER_TIMEOUT)
        return time.perf_counter() - started
    finally:
        context.close()


def _serve(script: Path, folder: Path, *, launcher: str) -> tuple[subprocess.Popen, str]:
    """``python -m <launcher> run <script>`` on a free port with its own store; the URL once healthy."""
    port = _free_port()
    command = [sys.executable, "-m", launcher, "run", str(script), "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.fileWatcherType", "none"]
    log = open(folder / "server.log", "wb")
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "FRAMING_DB": str(folder / "framing.db")})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, (folder / "server.log").read_text(errors="replace")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.3)
    _stop(process)
    pytest.fail(f"{launcher} did not answer in {START_TIMEOUT}s")


@pytest.mark.parametrize("launcher", ["framing._dashboards.serve", "streamlit"])
def test_first_page_against_a_bare_page(chromium_path, browser, tmp_path, launcher):
    """Compare's texts against a one-line page started the same way: a new process's first session, then a
    new session of the running process. ``framing dashboard`` starts through framing._dashboards.serve."""
    bare = tmp_path / "bare.py"
    bare.write_text('import streamlit as st\nst.write("bare page ready")\n')
    timings: dict[str, tuple[float, float]] = {}
    for name, script, ready in (("bare", bare, BARE_READY), ("compare", APP, TEXTS_READY)):
        folder = tmp_path / name
        folder.mkdir()
        process, base = _serve(script, folder, launcher=launcher)
        try:
            cold = _time_first_page(browser, base, ready)  # the process's first session
            warm = _time_first_page(browser, base, ready)  # a fresh session of a running process
        finally:
            _stop(process)
        assert "Traceback" not in (folder / "server.log").read_text(errors="replace")
        timings[name] = (cold, warm)
    (bare_cold, bare_warm), (cold, warm) = timings["bare"], timings["compare"]
    print(f"\n[{launcher}] first page, new server process: Compare texts {cold:.2f} s, bare one-line page "
          f"{bare_cold:.2f} s, ratio {cold / bare_cold:.2f}x")
    print(f"[{launcher}] first page, new session of a running server: Compare texts {warm:.2f} s, bare page "
          f"{bare_warm:.2f} s, ratio {warm / bare_warm:.2f}x")
    assert min(cold, warm, bare_cold, bare_warm) > 0


#: A fourth outlet, so that Compare can be tried with four columns at 1024 px.
FOURTH = ("Fourth Wire", "Troops loyal to the usurper crushed the popular uprising, while the interim president "
          "urged the armed forces to back the democratic transition. Extraordinarily long words such as "
          "counterrevolutionary-internationalisation must wrap inside their column.")


@pytest.fixture(scope="module")
def server(chromium_path, tmp_path_factory):
    from framing.article import Article, content_id
    from framing.store.article_store import ArticleStore
    from framing.store.stories import add_articles_to_story

    running = Server(tmp_path_factory.mktemp("classroom"))
    outlet, text = FOURTH
    add_articles_to_story(ArticleStore(running.db), "venezuela-2019-04-30",
                          [Article(id=content_id(text), outlet=outlet, text=text, title="Four")])
    running.start()
    try:
        yield running.base
    finally:
        running.stop()


@pytest.mark.parametrize("width,height", SIZES)
def test_compare_shows_highlighted_passages_in_the_first_viewport(server, browser, width, height):
    context, page = _page(browser, width, height)
    try:
        page.goto(server + "/")
        _first_visible(page, MARK).wait_for(state="visible")
        _wait_idle(page)
        page.wait_for_timeout(500)
        marks_in_view = page.evaluate(
            """([h]) => [...document.querySelectorAll('.st-key-fr_texts mark.fr-term')]
                .filter(m => { const r = m.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= h; })
                .length""", [height])
        assert marks_in_view >= 3, f"only {marks_in_view} highlighted terms in the first {width}x{height} viewport"
        # No word sticks out of its column.
        overflowing = page.evaluate(
            "() => [...document.querySelectorAll('.st-key-fr_texts p.fr-p')]"
            ".filter(p => p.scrollWidth > p.clientWidth + 1).length")
        assert overflowing == 0
        columns = page.evaluate(
            "() => [...document.querySelectorAll('.st-key-fr_texts [data-testid=\"stColumn\"]')]"
            ".map(c => Math.round(c.getBoundingClientRect().top))")
        per_row = max(columns.count(top) for top in set(columns))
        assert per_row == (3 if width > 1100 else 2), columns
        # The Deploy button is hidden (client.toolbarMode = "viewer").
        assert page.get_by_text("Deploy", exact=True).count() == 0
        # The concept table is below, with its cells tinted by pole.
        assert page.locator("table.fr-concepts td[data-effect='+']").count() > 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"classroom-compare-{width}x{height}.png"))
        # A fourth text: still at most two columns a row below 1100 px, and nothing overflows.
        picker = page.locator('[data-testid="stMultiSelect"] input').first
        picker.fill("Fourth")
        page.get_by_role("option").filter(has_text="Fourth Wire").first.wait_for()
        picker.press("Enter")
        picker.press("Escape")
        page.locator('.st-key-fr_texts [data-testid="stColumn"]').nth(3).wait_for(state="visible")
        _wait_idle(page)
        page.wait_for_timeout(500)
        columns = page.evaluate(
            "() => [...document.querySelectorAll('.st-key-fr_texts [data-testid=\"stColumn\"]')]"
            ".map(c => Math.round(c.getBoundingClientRect().top))")
        assert len(columns) == 4 and max(columns.count(top) for top in set(columns)) == (4 if width > 1100 else 2)
        overflowing = page.evaluate(
            "() => [...document.querySelectorAll('.st-key-fr_texts p.fr-p')]"
            ".filter(p => p.scrollWidth > p.clientWidth + 1).length")
        assert overflowing == 0
        page.screenshot(path=str(ARTIFACTS / f"classroom-compare-four-{width}x{height}.png"))
    finally:
        context.close()


def test_presentation_mode_hides_the_controls_and_steps(server, browser):
    context, page = _page(browser, 1400, 900)
    try:
        page.goto(server + "/?present=1")
        page.get_by_text("Screen 1 of").wait_for(state="visible")
        _first_visible(page, ".fr-present mark.fr-term").wait_for(state="visible")
        _wait_idle(page)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert page.locator('[data-testid="stMultiSelect"]').count() == 0
        size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.fr-present p.fr-p')).fontSize)")
        assert size >= 26, f"presentation type is {size}px"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "classroom-presentation-1400x900.png"))
        first = page.locator(".fr-present").first.inner_text()
        page.get_by_role("button", name="Next \u2192").click()
        page.get_by_text("Screen 2 of").wait_for(state="visible")
        _wait_idle(page)
        assert "step=2" in page.url and page.locator(".fr-present").first.inner_text() != first
        page.get_by_role("button", name="Leave presentation").click()
        page.locator('[data-testid="stMultiSelect"]').first.wait_for(state="visible")
    finally:
        context.close()


def test_spot_the_frame_in_the_browser(server, browser):
    context, page = _page(browser, 1400, 900)
    try:
        page.goto(server + "/exercise")
        page.get_by_text("Click the words you find").wait_for(state="visible")
        _wait_idle(page)
        assert page.locator("mark").count() == 0
        page.get_by_role("button", name="Coup", exact=True).first.click()
        _wait_idle(page)
        page.get_by_role("button", name="Reveal the answer").click()
        page.get_by_text("Hits").first.wait_for(state="visible")
        _first_visible(page, MARK).wait_for(state="visible")
        page.locator('[data-testid="stDataFrame"]').first.wait_for(state="visible")
        _wait_idle(page)
        page.wait_for_timeout(800)  # the grid draws on a canvas after it is attached
        assert page.locator("mark.fr-term").count() >= 2
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "classroom-exercise-1400x900.png"), full_page=True)
    finally:
        context.close()


def test_matches_table_shows_term_weight_voice_and_concept_at_1400(server, browser):
    context, page = _page(browser, 1400, 900)
    try:
        page.goto(server + "/add")
        page.get_by_text("Paste an article or upload").wait_for()
        page.locator("textarea").first.fill(
            "The coup failed, said the Maduro regime, while the interim president called it an uprising.")
        page.locator('.st-key-add_submit button').click()
        # The pasted article's highlighted text and, beside it, its matches.
        page.locator('mark.fr-term[data-canonical="interim president"] >> visible=true').first.wait_for()
        _wait_idle(page)
        page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stDataFrame\"]').length >= 2")
        widths = page.evaluate("() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"]')]"
                               ".map(e => e.getBoundingClientRect().width)")
        # The four first columns are 135 + 58 + 95 + 150 px wide: the narrower grid (the matches;
        # the other is the stored articles at full width) must hold them whole.
        assert min(widths) >= 135 + 58 + 95 + 150, widths
        page.locator('[data-testid="stDataFrame"]').first.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "classroom-matches-1400x900.png"))
    finally:
        context.close()
