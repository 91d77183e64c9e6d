"""The SQLite article store: location, sample, dedup, round trips, lexicons, CLI."""

from __future__ import annotations

import io
import json
import sqlite3
import time
from pathlib import Path

import pytest

from framing.cli import main
from framing.article import Article, content_id
from framing.corpus import load_sample_corpus
from framing.importers import import_bytes, import_file
from framing.lexicon.model import LexiconError
from framing.store.article_store import ArticleStore, StoreError, default_db_path

SAMPLE_IDS = [a.id for a in load_sample_corpus()]
LEXICON = """
name = "mine"
version = "1.0.0"
[concepts.labels]
label = "Labels"
[concepts.labels.terms]
"regime" = 0.8
"government" = 0
"""


@pytest.fixture
def store(tmp_path) -> ArticleStore:
    return ArticleStore(tmp_path / "framing.db")


def article(text: str, **kw) -> Article:
    return Article(id=kw.pop("id", content_id(text)), outlet=kw.pop("outlet", "Outlet"), text=text, **kw)


def test_default_location_env_and_explicit_path(tmp_path, monkeypatch):
    monkeypatch.delenv("FRAMING_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "framing" / "framing.db"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")  # the spec says relative paths are invalid
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_db_path() == tmp_path / "home" / ".local" / "share" / "framing" / "framing.db"
    monkeypatch.setenv("FRAMING_DB", str(tmp_path / "env.db"))
    assert ArticleStore().path == tmp_path / "env.db"
    assert (tmp_path / "env.db").is_file()
    assert ArticleStore(tmp_path / "arg.db").path == tmp_path / "arg.db"


def test_new_store_has_the_sample_schema_and_wal(store):
    assert [a.id for a in store.articles()] == SAMPLE_IDS
    assert store.get(SAMPLE_IDS[0]).text == load_sample_corpus()[0].text
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(1,), (2,)]


def test_sample_is_loaded_once_and_removal_persists(store):
    store.remove(SAMPLE_IDS[0])
    reopened = ArticleStore(store.path)  # a restart
    assert [a.id for a in reopened.articles()] == SAMPLE_IDS[1:]


def test_add_dedup_conflict_and_persistence(store):
    text = "Right-to-left ‏مرحبا بالعالم‎ and emoji 👩🏽‍⚕️🇻🇪 kept intact."
    first = store.add([article(text, title="T", date="2019-04-30", meta={"source_file": "a.txt", "k": "v"})])
    assert first.added == [content_id(text)] and not first.already_stored
    again = store.add([article(text, id="other-id"), article("A new one.")])
    assert again.already_stored == [content_id(text)]
    assert again.added == [content_id("A new one.")]
    clash = store.add([article("Different text.", id=content_id(text))])
    assert clash.conflicts == [content_id(text)] and not clash.added
    got = ArticleStore(store.path).get(content_id(text))
    assert got.text == text and got.title == "T" and got.date == "2019-04-30"
    assert got.meta == {"source_file": "a.txt", "k": "v"}
    assert store.count() == len(SAMPLE_IDS) + 2


def test_duplicate_within_one_batch_is_stored_once(store):
    result = store.add([article("Same."), article("Same.", outlet="Elsewhere")])
    assert result.added == [content_id("Same.")]
    assert result.already_stored == [content_id("Same.")]


def test_failed_batch_is_rolled_back_whole(store):
    class Boom(Exception):
        pass

    def articles():
        yield article("one")
        raise Boom

    with pytest.raises(Boom):
        store.add(articles())
    # the batch is materialised before the transaction, so nothing was written
    assert store.count() == len(SAMPLE_IDS)
    bad_meta = Article(id="x", outlet="o", text="two", meta={"k": object()})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        store.add([article("three"), bad_meta])
    with pytest.raises(KeyError):
        store.get(content_id("three"))  # inserted before the failure, rolled back with it


def test_list_get_remove(store):
    store.add([article("Body text.", title="Title", url="https://x")])
    table = store.list()
    assert "text" not in table.columns
    row = table[table["id"] == content_id("Body text.")].iloc[0]
    assert (row["title"], row["url"], row["chars"]) == ("Title", "https://x", len("Body text."))
    assert store.remove(content_id("Body text.")) is True
    assert store.remove(content_id("Body text.")) is False
    with pytest.raises(KeyError):
        store.get(content_id("Body text."))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_imports_back_identically(store, tmp_path, fmt):
    text = "Multi-line\ntext, with \"quotes\", commas; and ‏עברית 😀."
    store.add(import_bytes(text.encode(), "in.txt", outlet="O", alignment="A", title="T", date="2019-04-30"))
    out = tmp_path / f"export.{fmt}"
    assert store.export(fmt, out) == len(SAMPLE_IDS) + 1
    back = {a.id: a for a in import_file(out)}
    original = {a.id: a for a in store.articles()}
    assert back.keys() == original.keys()
    for id_, a in original.items():
        b = back[id_]
        assert (b.text, b.outlet, b.alignment, b.title, b.date) == (a.text, a.outlet, a.alignment, a.title, a.date)
    fresh = ArticleStore(tmp_path / "other.db")
    result = fresh.add(back.values())
    assert sorted(result.already_stored) == sorted(SAMPLE_IDS) and len(result.added) == 1


def test_export_to_stream_and_bad_format(store):
    stream = io.StringIO()
    store.export("jsonl", stream)
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [r["id"] for r in records] == SAMPLE_IDS
    assert isinstance(records[0]["meta"], dict)
    with pytest.raises(ValueError, match="'xml'.*csv, jsonl|csv, jsonl.*'xml'"):
        store.export("xml", stream)


def test_lexicons_are_validated_stored_and_versioned(store):
    lexicon, added = store.add_lexicon(LEXICON)
    assert added and lexicon.name == "mine"
    assert store.add_lexicon(LEXICON)[1] is False
    assert [lx.sha256 for lx in ArticleStore(store.path).lexicons()] == [lexicon.sha256]
    with pytest.raises(StoreError, match="mine@1.0.0"):
        store.add_lexicon(LEXICON.replace("0.8", "0.9"))
    with pytest.raises(LexiconError):
        store.add_lexicon('name = "broken"\n[concepts.x.terms]\n"a" = 7\n')
    assert store.remove_lexicon("mine", "1.0.0") and store.lexicons() == []


def test_newer_schema_and_non_database_files_are_refused(tmp_path):
    store = ArticleStore(tmp_path / "a.db")
    with sqlite3.connect(store.path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'future')")
    with pytest.raises(StoreError, match="newer"):
        ArticleStore(store.path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        ArticleStore(junk)
    with pytest.raises(StoreError, match="folder"):
        ArticleStore(tmp_path)


# -- command line --------------------------------------------------------------------


def test_cli_add_list_remove_export(tmp_path, capsys):
    db = str(tmp_path / "cli.db")
    good = tmp_path / "good.txt"
    good.write_text("A good article about the events.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["add", str(good), str(empty), "--outlet", "Mine", "--db", db]) == 1
    out, err = capsys.readouterr()
    assert "1 article added" in out
    assert err.strip().splitlines() == [f"framing: skipped {empty}: empty file"]
    assert main(["add", str(good), "--db", db]) == 0
    assert "already stored" in capsys.readouterr().out
    assert main(["list", "--db", db]) == 0
    listing = capsys.readouterr().out
    new_id = content_id("A good article about the events.")
    assert new_id in listing and "Mine" in listing and SAMPLE_IDS[0] in listing
    assert main(["export", "--format", "jsonl", "--db", db]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(SAMPLE_IDS) + 1
    assert main(["remove", new_id, "--db", db]) == 0
    assert main(["remove", new_id, "--db", db]) == 2
    assert "no article with id" in capsys.readouterr().err


def test_cli_add_folder_with_columns(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "export.csv").write_text("story,paper\nFirst story.,P1\nSecond story.,P2\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    db = tmp_path / "f.db"
    assert main(["add", str(folder), "--text-column", "story", "--outlet-column", "paper", "--db", str(db)]) == 0
    outlets = {a.text: a.outlet for a in ArticleStore(db).articles()}
    assert outlets["First story."] == "P1" and outlets["Second story."] == "P2" and "hidden" not in outlets


def test_cli_max_bytes_accepts_units(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text("x" * 2_000, encoding="utf-8")
    assert main(["add", str(big), "--max-bytes", "1kB", "--db", str(tmp_path / "d.db")]) == 1
    assert "file too large (2 kB; the limit is 1 kB" in capsys.readouterr().err


def test_module_docstring_documents_the_location():
    import framing.store.article_store

    doc = framing.store.article_store.__doc__ or ""
    assert "FRAMING_DB" in doc and "~/.local/share/framing/framing.db" in doc
    assert Path(default_db_path()).name == "framing.db"


def test_locked_database_is_retried_not_reported(store, monkeypatch):
    import threading

    import framing.store.article_store

    monkeypatch.setattr(framing.store.article_store, "BUSY_TIMEOUT_S", 0.02)  # SQLite gives up at once; the retry loop must not
    monkeypatch.setattr(framing.store.article_store, "LOCK_PATIENCE", 10.0)
    blocker = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock for 0.5 s
    threading.Timer(0.5, lambda: blocker.execute("COMMIT")).start()
    try:
        assert store.add([article("Written after the wait.")]).added == [content_id("Written after the wait.")]
    finally:
        time.sleep(0.6)
        blocker.close()

    monkeypatch.setattr(framing.store.article_store, "LOCK_PATIENCE", 0.2)
    blocker = sqlite3.connect(store.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="still busy"):
            store.add([article("Never written.")])
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
