"""``framing dashboard`` starts Streamlit through the preloading launcher, with the Deploy button hidden."""

from __future__ import annotations

import subprocess
import sys

import pytest

from framing.cli import main


def test_dashboard_runs_the_preloading_launcher_in_viewer_mode(monkeypatch, tmp_path):
    seen = {}

    def fake_execv(path, args):
        seen["args"] = args
        raise SystemExit(0)

    monkeypatch.setattr("os.execv", fake_execv)
    # run_dashboard sets $FRAMING_DB for the server it starts: restore it afterwards.
    monkeypatch.setenv("FRAMING_DB", str(tmp_path / "f.db"))
    with pytest.raises(SystemExit):
        main(["dashboard", "--db", str(tmp_path / "f.db"), "--port", "8765"])
    args = seen["args"]
    assert args[1:4] == ["-m", "framing._dashboards.serve", "run"]
    assert args[args.index("--client.toolbarMode") + 1] == "viewer"
    assert args[args.index("--server.port") + 1] == "8765"


def test_preload_imports_the_slow_libraries_and_no_dashboard_module():
    code = ("import sys; from framing._dashboards.serve import preload; preload(); "
            "from framing.lexicon.model import bundled_lexicon; "
            "print('nltk' in sys.modules, 'pandas' in sys.modules, bundled_lexicon.cache_info().currsize > 0, "
            "any(m.startswith('framing._dashboards.') and m != 'framing._dashboards.serve' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True", "True", "False"]
