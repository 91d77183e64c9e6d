"""The Lexicon page lists the loaded-language detector's entries with their source and category."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"


pytestmark = pytest.mark.usefixtures("own_store")  # a fresh store per test (conftest.py)


def test_lexicon_page_shows_source_category_and_except():
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("views/lexicon_page.py").run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    assert {"category", "source", "except"} <= set(table.columns)
    loaded = table[table["lexicon"] == "loaded-language"].set_index("term")
    assert loaded.loc["violent", "source"].startswith("VADER valence")
    assert loaded.loc["violent", "category"] == "negative emotive (VADER)"
    assert "violent crime" in loaded.loc["violent", "except"]
    assert loaded.loc["leftist", "category"] == "pejorative label"
    # The filter searches every column, source included.
    at.text_input(key="lexicon_filter").input("Pattern subjectivity").run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert len(shown) > 100 and shown["source"].str.startswith("Pattern").all()
