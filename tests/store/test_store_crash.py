"""The store under SIGKILL and under two writers at once.

A child process imports generated articles, one transaction each, and is
killed with SIGKILL midway; the database must then pass ``PRAGMA
integrity_check`` and hold every article it reported as added, each whole.
Two ``framing add`` processes writing at once must lose nothing and never
show "database is locked".
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.corpus import load_sample_corpus
from framing.store.article_store import ArticleStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# Shared by the child (as source) and the test (exec'd below): article i's text,
# 60 bytes to ~60 kB so that some span many overflow pages.
GENERATOR = '''
def generated_text(i):
    words = ["coup", "uprising", "regime", "government", "said", "claimed", "ü", "😀", "مرحبا"]
    body = " ".join(words[(i * 7 + k) % len(words)] for k in range((i * 37) % 9000 + 10))
    return f"article {i} begins. {body} article {i} ends."
'''
_namespace: dict = {}
exec(GENERATOR, _namespace)
generated_text = _namespace["generated_text"]

CHILD = GENERATOR + '''
import sys
from framing.article import Article
from framing.store.article_store import ArticleStore

store = ArticleStore(sys.argv[1])
print("ready", flush=True)
for i in range(int(sys.argv[2])):
    store.add([Article(id=f"gen-{i:05d}", outlet="gen", text=generated_text(i))])
    print(i, flush=True)  # printed only after the transaction committed
'''

TOTAL = 2_000


def test_sigkill_midway_leaves_a_sound_database(tmp_path):
    db = tmp_path / "crash.db"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(TOTAL)], stdout=subprocess.PIPE, text=True, cwd=tmp_path
    )
    committed: list[int] = []
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    try:
        for line in child.stdout:
            committed.append(int(line))
            if len(committed) >= TOTAL // 4:
                break
        time.sleep(0.05)  # let it start more transactions; the kill lands inside one
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    for line in child.stdout:  # lines written before the kill
        committed.append(int(line))
    assert TOTAL // 4 <= len(committed) < TOTAL, "the child was not killed midway"

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT id, text FROM articles WHERE id LIKE 'gen-%'").fetchall()
    stored = {int(id_[4:]): text for id_, text in rows}
    for i, text in stored.items():
        assert text == generated_text(i), f"article {i} is not whole"
    assert set(committed) <= set(stored), "an article reported as added was lost"
    assert len(stored) <= len(committed) + 1  # at most the one in flight committed unreported

    store = ArticleStore(db)  # reopens, recovers the log, accepts writes
    assert store.count() == len(load_sample_corpus()) + len(stored)
    assert store.add([store.get("gen-00000")]).already_stored == ["gen-00000"]


def _write_files(folder: Path, prefix: str, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"{prefix}_{i:03d}.txt").write_text(f"{prefix} article {i}: " + "text " * (i % 50), encoding="utf-8")


def test_two_processes_importing_at_once_lose_nothing(tmp_path):
    per_process = 150
    _write_files(tmp_path / "a", "alpha", per_process)
    _write_files(tmp_path / "b", "beta", per_process)
    db = tmp_path / "shared.db"  # created by whichever process gets there first
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "framing.cli", "add", str(tmp_path / name), "--db", str(db)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        for name in ("a", "b")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert "locked" not in (out + err).lower()
        assert proc.returncode == 0, err
        assert f"{per_process} articles added" in out
    articles = ArticleStore(db).articles()
    outlets = [a.outlet for a in articles]
    assert outlets.count("alpha") == per_process and outlets.count("beta") == per_process
    assert len(articles) == len(load_sample_corpus()) + 2 * per_process  # the sample loaded exactly once
