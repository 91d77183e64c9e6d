"""Every dashboard page with outlet names, titles and texts holding ``$``, ``^``, ``_`` and ``\\``: no exception.

matplotlib reads ``$...$`` in a label as mathtext, and an unbalanced one
raises when the figure is drawn (issue 19, T4); the Outlets page draws
outlet names on its charts' axes.
"""

from __future__ import annotations

import pytest

pytest.importorskip("streamlit")

from framing.cli import main  # noqa: E402
from tests.dashboards.test_dashboard_apptest import PAGES, goto, new_app  # noqa: E402

HOSTILE = {
    "$x^$ News": "The coup failed, said $x^$ News. The regime spoke of an uprising and a putsch.",
    r"a_b\c $\alpha$ Daily": "The interim president called it an uprising. The coup was a farce, the regime said.",
}


@pytest.fixture()
def hostile_store(tmp_path, monkeypatch):
    path = tmp_path / "framing.db"
    monkeypatch.setenv("FRAMING_DB", str(path))
    for number, (outlet, text) in enumerate(HOSTILE.items()):
        file = tmp_path / f"hostile{number}.txt"
        file.write_text(text, encoding="utf-8")
        assert main(["add", str(file), "--db", str(path), "--outlet", outlet, "--title", f"$T_{number}^$ \\ title"]) == 0
    return path


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_mathtext_in_the_data(page, hostile_store):
    at = goto(new_app(), page)
    assert not at.exception, [e.value for e in at.exception]
