"""Compare's handout download in headless Chromium: two quick clicks give two complete PDFs.

The PDF is made on click (Streamlit's deferred download) and the click does
not rerun the page, so the second download is not cancelled by a rerun.
Uses the server and browser fixtures of test_dashboard_browser.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
from pypdf import PdfReader

from tests.dashboards.test_dashboard_browser import (  # noqa: F401 - fixtures
    ARTIFACTS, _wait_idle, app_server, browser, chromium_path, page, server,
)


def test_two_quick_handout_downloads(server, page, tmp_path):
    page.goto(server + "/")
    page.locator("mark.fr-term").first.wait_for()
    _wait_idle(page)
    button = page.get_by_role("button", name="Download handout (PDF)")
    button.scroll_into_view_if_needed()
    files: list[Path] = []
    for n in range(2):
        with page.expect_download(timeout=60_000) as info:
            button.click()
        download = info.value
        assert download.failure() is None
        assert download.suggested_filename == "venezuela-2019-04-30-handout.pdf"
        path = tmp_path / f"handout-{n}.pdf"
        download.save_as(path)
        files.append(path)
    for path in files:
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        first = reader.pages[0].extract_text()
        assert all(outlet in first for outlet in ("ZeroHedge", "teleSUR English", "RT"))
        assert any("Answer key" in p.extract_text() for p in reader.pages[1:])
    # The page is still there, not reloaded: its highlighted passages are still shown.
    assert page.locator("mark.fr-term").count() > 0
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(files[1]),
                        str(ARTIFACTS / "handout-downloaded")], check=True)
