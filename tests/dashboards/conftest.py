"""Fixtures shared by the dashboard tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def own_store(tmp_path, monkeypatch) -> Path:
    """A fresh article store for each test (the app reads ``$FRAMING_DB`` at every run).

    AppTest modules apply it to every test with
    ``pytestmark = pytest.mark.usefixtures("own_store")``; a test that needs
    the path asks for ``own_store`` by name.
    """
    path = tmp_path / "framing.db"
    monkeypatch.setenv("FRAMING_DB", str(path))
    return path
