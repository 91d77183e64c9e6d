"""Compare's handout download and Reframe's table of effective weights (AppTest, no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
pytest.importorskip("reportlab")
from streamlit.testing.v1 import AppTest

from framing._dashboards.handout_download import file_name

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"


pytestmark = pytest.mark.usefixtures("own_store")  # a fresh store per test (conftest.py)


def page(name: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page(name).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_compare_offers_the_handout_without_a_rerun():
    at = page("views/compare_page.py")
    buttons = [b for b in at.get("download_button") if b.proto.label == "Download handout (PDF)"]
    assert len(buttons) == 1
    # Made on click (deferred), and the click does not rerun the page.
    assert buttons[0].proto.deferred_file_id and not buttons[0].proto.url
    assert buttons[0].proto.ignore_rerun


def test_file_names_are_safe():
    assert file_name("venezuela-2019-04-30") == "venezuela-2019-04-30-handout.pdf"
    assert file_name("../x <y>") == "x-y-handout.pdf"
    assert file_name(None) == "framing-handout.pdf"


def test_reframe_table_shows_effective_weights_after_voice():
    at = page("views/reframe_page.py")
    table = at.dataframe[0].value
    assert {"Effective weight before", "Effective weight after", "Voice"} <= set(table.columns)
    # Every change flips the sign of what the term counts (towards the other pole).
    loaded = table[table["Effective weight before"] != 0]
    assert len(loaded) and (loaded["Effective weight before"] * loaded["Effective weight after"] <= 0).all()
