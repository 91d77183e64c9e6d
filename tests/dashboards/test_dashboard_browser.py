"""The dashboard in a real browser: headless Debian chromium driven by Playwright.

Starts ``streamlit run dashboards/app.py`` on a free port with its own
article store (``FRAMING_DB``), checks the highlighted terms on Compare,
uploads a .txt file full of HTML/script payloads (and a broken file) on Add
articles (nothing may run, no element may be injected), restarts the server
on the same store and finds the article again, visits Outlets, Lexicon and
Distinctive terms, and saves full-page screenshots to tests/artifacts/.

Skipped only off CI when chromium is missing; with ``CI`` set it fails
instead, so the browser test can never be skipped silently in CI.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.story_fixtures import make_vorsk_story

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboards" / "app.py"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WIDTH = 1280
START_TIMEOUT = 90  # s for the server to answer /_stcore/health
RENDER_TIMEOUT = 60_000  # ms for a page to render (first runs import pandas, matplotlib, ...)

PAYLOAD = (
    "The coup failed, said the Maduro regime, while the interim president called it an uprising.\n\n"
    "<script>alert(1)</script> <script>window.__xss = 'script'</script>\n\n"
    "<img src=x onerror=alert(1)> <img src=x onerror=\"window.__xss='img'\">\n\n"
    "Quotes: \"double\" 'single' \u201ccurly\u201d and an attribute breaker \" onmouseover=\"window.__xss='attr'\n"
)


def _chromium() -> str:
    path = "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else shutil.which("chromium")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("CI is set but chromium is missing: the browser test must run in CI. "
                    "Install Debian's package (apt-get install -y chromium) in .ci/run.")
    pytest.skip("chromium not installed (apt-get install chromium); skipped outside CI only")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = _chromium()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI is set but the playwright package is missing (pip install -e '.[test]')")
        pytest.skip("playwright not installed")
    return path


class Server:
    """A ``streamlit run`` process on a free port; ``restart()`` starts a new one on the same store."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.db = folder / "framing.db"
        self.process: subprocess.Popen | None = None
        self.base = ""
        self.runs = 0

    def start(self) -> None:
        port = _free_port()
        self.runs += 1
        self.log_path = self.folder / f"server-{self.runs}.log"
        self.process, self.base = _start(port, self.log_path, self.db)

    def stop(self) -> None:
        if self.process is None:
            return
        _stop(self.process)
        self.process = None
        log_text = self.log_path.read_text(errors="replace")
        assert "Traceback" not in log_text, f"the server logged an error:\n{log_text}"

    def restart(self) -> None:
        self.stop()
        self.start()


def _start(port: int, log_path: Path, db: Path) -> tuple[subprocess.Popen, str]:
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
    ]
    env = {**os.environ, "FRAMING_DB": str(db)}  # the app's own store, never the user's
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            pass
        if time.monotonic() > deadline:
            _stop(process)
            pytest.fail(f"streamlit did not answer in {START_TIMEOUT}s:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.3)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def app_server(chromium_path, tmp_path_factory):
    """The app, restartable; stopped (and its log checked) afterwards."""
    server = Server(tmp_path_factory.mktemp("streamlit"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def server(app_server) -> str:
    """The base URL of the running app."""
    return app_server.base


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def page(browser, request):
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT)
    page.dialogs = []  # every alert/confirm/prompt that fires
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        yield page
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            _report_failure(page, request.node.name)
    finally:
        context.close()


def _report_failure(page, name: str) -> None:
    """What the page held when a test failed: a screenshot and, in the test's
    output (all CI shows), the Streamlit elements on it."""
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"failed-{name}.png"), full_page=True)
        elements = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid]')].map(e => e.dataset.testid)"
            ".reduce((n, t) => (n[t] = (n[t] || 0) + 1, n), {})"
        )
        print(f"\n{name} failed; the page's elements by data-testid: {elements}")
    except Exception as error:  # the page itself may be what broke
        print(f"\n{name} failed; the page could not be inspected: {error}")


def _wait_idle(page) -> None:
    """Wait until Streamlit has finished the current run (no running indicator)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=RENDER_TIMEOUT,
    )


def _full_page_screenshot(page, name: str) -> Path:
    """Screenshot of the whole app: Streamlit scrolls inside its own container,
    so the viewport is grown to the content's height first."""
    ARTIFACTS.mkdir(exist_ok=True)
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], [data-testid=\"stAppViewContainer\"],"
        " [data-testid=\"stMainBlockContainer\"]')].map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    page.set_viewport_size({"width": WIDTH, "height": max(900, min(int(height) + 40, 8000))})
    page.wait_for_timeout(800)  # let the layout settle at the new size
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": WIDTH, "height": 900})
    return path


def _no_horizontal_overflow(page) -> None:
    widths = page.evaluate(
        "() => ({doc: document.documentElement.scrollWidth,"
        " main: (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollWidth})"
    )
    assert widths["doc"] <= WIDTH and widths["main"] <= WIDTH, f"the page overflows {WIDTH}px: {widths}"


def test_compare_highlights_and_renders(server, page):
    page.goto(server + "/")  # Compare is the default page, served at the root
    scare = page.locator('mark.fr-v-scare_quoted[data-canonical="interim president"]').first
    scare.wait_for(state="visible")
    # Warm: measure a fresh load of Compare until its highlighted texts are shown.
    started = time.perf_counter()
    page.goto(server + "/")
    page.locator('mark.fr-v-scare_quoted[data-canonical="interim president"]').first.wait_for(state="visible")
    page.locator('mark[data-canonical="uprising"]').first.wait_for(state="visible")
    elapsed = time.perf_counter() - started
    print(f"\nCompare rendered in {elapsed:.2f} s after warm-up (page load to highlighted texts)")
    _wait_idle(page)

    # The app's frame ran (a first visit to /compare must not run the page file
    # alone): its navigation titles, sidebar summary and CSS are there.
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Add articles", exact=True).wait_for(state="visible")
    page.get_by_text("3 articles from 3 outlets").wait_for(state="visible")
    background = page.evaluate("() => getComputedStyle(document.querySelector('mark.fr-term.fr-neg')).backgroundColor")
    assert background == "rgb(181, 221, 247)", f"highlight CSS not applied (background {background})"

    assert page.locator("mark.fr-term.fr-pos[data-canonical='coup']").count() > 0
    assert page.locator("mark.fr-term.fr-neg[data-canonical='uprising']").count() > 0
    assert page.locator("mark.fr-term.fr-v-quoted").count() > 0
    title = page.locator('mark.fr-v-scare_quoted[data-canonical="interim president"]').first.get_attribute("title")
    assert "Guaidó's standing" in title and "scare-quoted" in title
    legend = page.locator(".fr-legend").first
    legend.wait_for(state="visible")
    assert "scare-quoted" in legend.inner_text()
    page.get_by_text("Which words each one chose").wait_for(state="visible")
    # Every visibility check waits instead of polling once: on a loaded CI machine
    # the texts were shown while the table below them was not yet (is_visible failed).
    page.locator("table.fr-concepts").first.wait_for(state="visible")
    assert "Maduro" in page.locator("table.fr-concepts").first.inner_text()
    _no_horizontal_overflow(page)
    assert not page.dialogs
    assert page.locator('[data-testid="stDialog"]').count() == 0, "a modal (e.g. 'Page not found') covers the page"
    _full_page_screenshot(page, "compare")


def test_upload_scores_and_stays_inert(app_server, page, tmp_path):
    server = app_server.base
    page.goto(server + "/add")
    page.get_by_text("Paste an article or upload").wait_for()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        files=[{"name": "payload-news_2019.txt", "mimeType": "text/plain", "buffer": PAYLOAD.encode("utf-8")},
               {"name": "broken.docx", "mimeType": "application/octet-stream", "buffer": b"not a zip file" * 20}]
    )
    page.locator('[data-testid="stFileChip"][aria-label^="payload-news_2019.txt"]').wait_for()
    page.locator('[data-testid="stFileChip"][aria-label^="broken.docx"]').wait_for()
    form = page.locator('[data-testid="stForm"]')  # the form's fields (the edit section below has its own)
    form.get_by_label("Outlet").fill("Payload <img src=x onerror=alert(1)> News")
    form.get_by_label("Title").fill("<script>alert(1)</script> \"quoted\" 'title'")
    page.get_by_role("button", name="Score and add").click()
    page.get_by_text("Added 1 article").wait_for()
    # The broken file: one error line, the rest imported.
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 1 and "broken.docx" in errors.first.inner_text()
    main = page.locator('[data-testid="stMain"]')
    main.locator('[data-testid="stDataFrame"]').first.wait_for()  # the matches table, last on the page
    main.locator('mark.fr-term[data-canonical="coup"]').first.wait_for()
    _wait_idle(page)
    _full_page_screenshot(page, "add-articles")
    for canonical in ("coup", "Maduro regime", "interim president", "uprising"):
        assert main.locator(f'mark.fr-term[data-canonical="{canonical}"]').count() > 0, canonical
    # The payloads are shown as text, not run or built into elements.
    assert main.locator("p.fr-p", has_text="<script>alert(1)</script>").count() > 0
    assert main.locator("p.fr-p", has_text="<img src=x onerror=alert(1)>").count() > 0
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("script", has_text="alert(1)").count() == 0
    assert page.locator("script", has_text="__xss").count() == 0
    assert page.locator("[onmouseover], [onerror]").count() == 0
    page.mouse.move(200, 400)
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__xss") is None
    assert not page.dialogs, page.dialogs
    _no_horizontal_overflow(page)

    # The article joined the corpus: Compare lists it (and still nothing runs).
    # Navigate inside the app: a new page load would start a new session.
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Compare", exact=True).click()
    page.locator("mark.fr-term").first.wait_for(state="visible")
    page.get_by_text("Articles to compare").wait_for()
    page.get_by_text("4 articles from 4 outlets").wait_for()
    picker = page.locator('[data-testid="stMultiSelect"] input').first
    picker.fill("Payload")
    page.get_by_role("option").filter(has_text="Payload <img src=x").first.wait_for()
    picker.press("Enter")
    page.locator(".fr-head", has_text="Payload <img src=x onerror=alert(1)> News").first.wait_for()
    page.keyboard.press("Escape")
    assert page.locator('img[src="x"]').count() == 0
    assert not page.dialogs

    # A restart of the server on the same store: the article is still there.
    app_server.restart()
    page.goto(app_server.base + "/")
    page.locator("mark.fr-term").first.wait_for(state="visible")
    page.get_by_text("4 articles from 4 outlets").wait_for()
    picker = page.locator('[data-testid="stMultiSelect"] input').first
    picker.fill("Payload")
    page.get_by_role("option").filter(has_text="Payload <img src=x").first.wait_for()
    page.keyboard.press("Escape")
    page.goto(app_server.base + "/add")
    page.get_by_text("Stored articles", exact=True).wait_for()
    page.get_by_text("4 articles in").wait_for()
    _wait_idle(page)
    _no_horizontal_overflow(page)
    _full_page_screenshot(page, "add-articles-stored")


def test_reframe_side_by_side(server, page):
    page.goto(server + "/reframe")
    page.get_by_text("Reframed", exact=True).wait_for()
    page.locator("mark.fr-changed").first.wait_for(state="visible")
    page.locator('[data-testid="stMetric"]').nth(1).wait_for(state="visible")
    _wait_idle(page)
    assert page.locator('[data-testid="stMetric"]').count() == 2
    assert page.locator("mark.fr-term").count() > 0  # both versions coloured by pole
    page.locator(".fr-legend").first.wait_for(state="visible")
    _no_horizontal_overflow(page)
    _full_page_screenshot(page, "reframe")


def test_outlets_and_lexicon_pages(server, page):
    page.goto(server + "/outlets")
    charts = page.locator('[data-testid="stImage"] img')
    charts.nth(4).wait_for(state="visible")
    assert charts.count() == 5  # axis score with intervals, loaded, voices, readability, over time
    page.get_by_role("button", name="Download intervals CSV").wait_for(state="visible")
    page.get_by_role("button", name="Download outlets CSV").wait_for(state="visible")
    _wait_idle(page)
    _no_horizontal_overflow(page)
    _full_page_screenshot(page, "outlets")

    page.goto(server + "/lexicon")
    page.get_by_text("Active lexicons").wait_for()
    page.locator('[data-testid="stDataFrame"]').first.wait_for(state="visible")
    _wait_idle(page)
    _no_horizontal_overflow(page)
    assert page.locator('[data-testid="stDialog"]').count() == 0
    _full_page_screenshot(page, "lexicon")


def test_distinctive_terms_page(server, page):
    page.goto(server + "/terms")
    page.get_by_text("Frequency against distinctiveness").wait_for()
    page.locator('[data-testid="stImage"] img').first.wait_for(state="visible")
    page.get_by_role("tab", name="teleSUR English").wait_for()
    page.locator('[data-testid="stCode"]').first.wait_for(state="visible")  # keyword-in-context lines
    assert "==" in page.locator('[data-testid="stCode"]').first.inner_text()
    page.get_by_role("button", name="Download all terms (CSV)").wait_for(state="visible")
    page.get_by_text("Add to a lexicon").wait_for()
    _wait_idle(page)
    _no_horizontal_overflow(page)
    assert page.locator('img[src="x"]').count() == 0 and not page.dialogs
    _full_page_screenshot(page, "terms")


def _pick_story(page, name: str) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=name, exact=True).click()
    _wait_idle(page)


def test_two_stories_with_colliding_concepts_in_the_browser(app_server, page):
    """A second story whose lexicon also has a concept ``events``: picked in the
    sidebar, every page shows its articles with its lexicon only, and back."""
    make_vorsk_story(app_server.db)

    page.goto(app_server.base + "/")
    page.locator("mark.fr-term").first.wait_for(state="visible")
    _pick_story(page, "vorsk")
    page.get_by_text("2 articles from 2 outlets").wait_for()
    page.get_by_text("The Vorsk crisis of 2031").wait_for()
    page.locator('mark.fr-term[data-lexicon="vorsk-2031"]').first.wait_for(state="visible")
    _wait_idle(page)
    # The previous run's elements go when the new run ends: wait for them, do not poll once.
    page.wait_for_function("() => !document.querySelector('mark.fr-term[data-lexicon=\"venezuela-2019\"]')")
    table = page.locator("table.fr-concepts").first
    table.wait_for(state="visible")
    assert "The events in Vorsk" in table.inner_text() and "30 April" not in table.inner_text()
    _no_horizontal_overflow(page)
    for width, height in ((1400, 900), (1024, 768)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / f"stories-compare-{width}.png"))

    page.locator('[data-testid="stSidebarNav"]').get_by_text("Outlets", exact=True).click()
    charts = page.locator('[data-testid="stImage"] img')
    charts.nth(3).wait_for(state="visible")
    _wait_idle(page)
    assert charts.count() == 4  # the Vorsk axis, loaded, voices, readability (no dates: no timeline)
    page.get_by_text("Vorsk Times").first.wait_for()
    for width, height in ((1400, 900), (1024, 768)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / f"stories-outlets-{width}.png"))
    page.set_viewport_size({"width": WIDTH, "height": 900})

    _pick_story(page, "venezuela-2019-04-30")
    charts.nth(4).wait_for(state="visible")  # the sample has dates: five charts again
    page.locator('[data-testid="stSidebar"]').get_by_text("Lexicons: venezuela").wait_for()
    assert not page.dialogs
