"""``framing dashboard`` starts Streamlit through the preloading launcher, with the Deploy button hidden."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from framing.cli import main


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def test_dashboard_runs_the_preloading_launcher_in_viewer_mode(monkeypatch, tmp_path):
    seen = {}
    port = str(_free_port())

    def fake_execv(path, args):
        seen["args"] = args
        raise SystemExit(0)

    monkeypatch.setattr("os.execv", fake_execv)
    # run_dashboard sets $FRAMING_DB for the server it starts: restore it afterwards.
    monkeypatch.setenv("FRAMING_DB", str(tmp_path / "f.db"))
    with pytest.raises(SystemExit):
        main(["dashboard", "--db", str(tmp_path / "f.db"), "--port", port])
    args = seen["args"]
    assert args[1:4] == ["-m", "framing._dashboards.serve", "run"]
    assert args[args.index("--client.toolbarMode") + 1] == "viewer"
    assert args[args.index("--server.port") + 1] == port


def test_dashboard_on_a_port_in_use_says_so_in_one_line_and_starts_nothing(monkeypatch, tmp_path, capsys):
    def fake_execv(path, args):
        raise AssertionError("Streamlit was started on a port in use")

    monkeypatch.setattr("os.execv", fake_execv)
    monkeypatch.setenv("FRAMING_DB", str(tmp_path / "f.db"))
    with socket.create_server(("localhost", 0)) as server:  # another server, listening
        port = server.getsockname()[1]
        assert main(["dashboard", "--db", str(tmp_path / "f.db"), "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"framing: error: port {port} on localhost is in use (another dashboard?); stop it, "
                   f"or pick another port: framing dashboard --port {port + 1}"]
    with pytest.raises(SystemExit):
        main(["dashboard", "--port", "70000"])
    assert "port out of range: 70000 (allowed: 1 to 65535)" in capsys.readouterr().err


def test_preload_imports_the_slow_libraries_and_no_dashboard_module():
    code = ("import sys; from framing._dashboards.serve import preload; preload(); "
            "from framing.lexicon.model import bundled_lexicon; "
            "print('nltk' in sys.modules, 'pandas' in sys.modules, bundled_lexicon.cache_info().currsize > 0, "
            "any(m.startswith('framing._dashboards.') and m != 'framing._dashboards.serve' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True", "True", "False"]
