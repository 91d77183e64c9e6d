"""Stories in the store: the sample's story, creating, adding, removing, exporting, migrating."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from framing.article import Article, content_id
from framing.corpus import load_sample_corpus
from framing.lexicon.model import LexiconError, bundled_lexicons
from framing.store.article_edit import check_date, edit_article
from framing.store.article_store import ArticleStore, StoreError
from framing.store.stories import (
    LexiconText, UnknownStory, add_articles_to_story, add_to_story, create_story, default_story, get_story,
    list_stories, remove_from_story, remove_story, set_default_story, stories_using, story_articles, story_lexicons,
)
from framing.store.story_files import export_story, import_story
from tests.story_fixtures import VORSK_LEXICON

SAMPLE = load_sample_corpus()
SAMPLE_IDS = [a.id for a in SAMPLE]

VORSK = VORSK_LEXICON
VORSK_TEXT = "The takeover in Vorsk was called a liberation by the council. The transition went on."


@pytest.fixture
def store(tmp_path) -> ArticleStore:
    return ArticleStore(tmp_path / "framing.db")


def vorsk_article(**kw) -> Article:
    return Article(id=kw.pop("id", content_id(VORSK_TEXT)), outlet=kw.pop("outlet", "Vorsk Daily"), text=VORSK_TEXT, **kw)


def snapshot(store: ArticleStore) -> list:
    """Every row of every table, to show that a refused change changed nothing."""
    with sqlite3.connect(store.path) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(t, conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()) for t in tables]


def test_a_new_store_holds_the_sample_story_as_default(store):
    (story,) = list_stories(store)
    assert story.name == "venezuela-2019-04-30" and story.default and story.articles == 3
    assert [(ref.name, ref.version) for ref in story.lexicons] == [("venezuela-2019", None), ("loaded-language", None)]
    assert [a.id for a in story_articles(store, story.name)] == SAMPLE_IDS
    assert story_lexicons(store, story.name) == bundled_lexicons()
    assert default_story(store) == story.name


def test_create_add_and_score_inputs_of_a_second_story(store):
    create_story(store, "vorsk", [LexiconText(VORSK, "vorsk.toml")], description="The Vorsk crisis")
    result = add_articles_to_story(store, "vorsk", [vorsk_article()])
    assert result.added == [content_id(VORSK_TEXT)]
    story = get_story(store, "vorsk")
    assert (story.description, story.articles, story.default) == ("The Vorsk crisis", 1, False)
    assert [lex.name for lex in story_lexicons(store, "vorsk")] == ["vorsk-2031"]
    assert [a.text for a in story_articles(store, "vorsk")] == [VORSK_TEXT]
    # the sample story is untouched by the other story's articles
    assert [a.id for a in story_articles(store, "venezuela-2019-04-30")] == SAMPLE_IDS
    # an article can be in two stories
    assert add_to_story(store, "vorsk", [SAMPLE_IDS[0]]) == 1
    assert add_to_story(store, "vorsk", [SAMPLE_IDS[0]]) == 0
    assert stories_using(store, "venezuela-2019") == ["venezuela-2019-04-30"]
    assert stories_using(store, "vorsk-2031") == ["vorsk"]
    assert remove_from_story(store, "vorsk", [SAMPLE_IDS[0]]) == 1
    set_default_story(store, "vorsk")
    assert default_story(store) == "vorsk"
    remove_story(store, "vorsk")
    assert default_story(store) == "venezuela-2019-04-30"  # falls back to the oldest story
    assert store.get(content_id(VORSK_TEXT)).text == VORSK_TEXT  # the articles stay stored


def test_a_stored_user_lexicon_is_named_again_by_its_name(store):
    create_story(store, "vorsk", [LexiconText(VORSK)])
    create_story(store, "vorsk-again", ["vorsk-2031", "loaded-language"])
    assert [lex.name for lex in story_lexicons(store, "vorsk-again")] == ["vorsk-2031", "loaded-language"]


@pytest.mark.parametrize(
    "action, message",
    [
        (lambda s: create_story(s, "venezuela-2019-04-30", ["venezuela-2019"]), "already exists"),
        (lambda s: create_story(s, "empty", []), "at least one lexicon"),
        (lambda s: create_story(s, "bad", [LexiconText(VORSK.replace("0.7", "7"), "bad.toml")]), "bad.toml"),
        (lambda s: create_story(s, "nope", ["no-such-lexicon"]), "no lexicon named 'no-such-lexicon'"),
        (lambda s: create_story(s, "twice", ["venezuela-2019", "venezuela-2019"]), "given twice"),
        (lambda s: create_story(s, "ids", [LexiconText(VORSK)], article_ids=["nope"]), "no stored article"),
        (lambda s: create_story(s, "a b", ["venezuela-2019"]), "not a story name"),
        (lambda s: remove_story(s, "missing"), "no story named 'missing'; stories: venezuela-2019-04-30"),
        (lambda s: add_to_story(s, "venezuela-2019-04-30", [SAMPLE_IDS[0], "not-stored"]), "not-stored"),
        (lambda s: add_to_story(s, "missing", [SAMPLE_IDS[0]]), "no story named"),
        (lambda s: add_articles_to_story(s, "missing", [vorsk_article()]), "no story named"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(store, action, message):
    before = snapshot(store)
    with pytest.raises((StoreError, LexiconError, ValueError)) as caught:
        action(store)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value).strip()
    assert snapshot(store) == before


def test_unknown_story_lists_the_stories(store):
    with pytest.raises(UnknownStory, match=r"stories: venezuela-2019-04-30$"):
        story_articles(store, "elsewhere")


def test_export_and_import_reproduce_a_story(store, tmp_path):
    create_story(store, "vorsk", [LexiconText(VORSK), "loaded-language"], description="Vorsk")
    add_articles_to_story(store, "vorsk", [vorsk_article(date="2031-05-01", meta={"section": "world"})])
    export_story(store, "vorsk", tmp_path / "out")
    record = json.loads((tmp_path / "out" / "story.json").read_text())
    assert [(e["name"], e["bundled"]) for e in record["lexicons"]] == [("vorsk-2031", False), ("loaded-language", True)]
    assert record["lexicons"][0]["sha256"] == hashlib.sha256(VORSK.encode()).hexdigest()
    other = ArticleStore(tmp_path / "other.db")
    story, result, warnings = import_story(other, tmp_path / "out")
    assert (story.name, story.description, story.articles, warnings) == ("vorsk", "Vorsk", 1, [])
    assert story_lexicons(other, "vorsk") == story_lexicons(store, "vorsk")
    (article,) = story_articles(other, "vorsk")
    assert (article.text, article.date, article.meta["section"]) == (VORSK_TEXT, "2031-05-01", "world")
    with pytest.raises(StoreError, match="already exists"):
        import_story(other, tmp_path / "out")
    (tmp_path / "out" / "lexicons" / "vorsk-2031.toml").write_text(VORSK.replace("0.7", "0.6"))
    before = snapshot(other)
    with pytest.raises(StoreError, match="SHA-256 differs"):
        import_story(other, tmp_path / "out", name="vorsk-2")
    assert snapshot(other) == before
    with pytest.raises(StoreError, match="not an empty folder"):
        export_story(store, "vorsk", tmp_path / "out")


def test_edit_corrects_metadata_and_checks_the_date(store):
    edited = edit_article(store, SAMPLE_IDS[0], outlet="ZH", date="2019-05-01", title="New title")
    assert (edited.outlet, edited.date, edited.title, edited.text) == ("ZH", "2019-05-01", "New title", SAMPLE[0].text)
    before = snapshot(store)
    with pytest.raises(ValueError, match="ISO 8601"):
        edit_article(store, SAMPLE_IDS[0], date="March 5")
    with pytest.raises(StoreError, match="no stored article"):
        edit_article(store, "missing", outlet="X")
    with pytest.raises(ValueError, match="may not be empty"):
        edit_article(store, SAMPLE_IDS[0], outlet=" ")
    assert snapshot(store) == before
    assert [check_date(d) for d in ("2019", "2019-04", "2019-04-30T10:00:00Z", "")] == ["2019", "2019-04", "2019-04-30T10:00:00Z", ""]
    for bad in ("5 March 2019", "2019-13", "30/04/2019", "20190430"):
        with pytest.raises(ValueError):
            check_date(bad)


#: The schema before stories (migration 1 as shipped), to build a store as today's framing leaves it.
SCHEMA_V1 = (
    """CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        text_sha256 TEXT NOT NULL UNIQUE,
        outlet TEXT NOT NULL,
        alignment TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        source_file TEXT NOT NULL DEFAULT '',
        source_note TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
        added_at TEXT NOT NULL
    )""",
    "CREATE INDEX articles_outlet ON articles (outlet)",
    """CREATE TABLE lexicons (
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        toml TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (name, version)
    )""",
)


def build_v1_store(path, articles):
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        for statement in SCHEMA_V1:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00+00:00')")
        for a in articles:
            conn.execute(
                "INSERT INTO articles (id, text_sha256, outlet, alignment, title, date, text, meta, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00+00:00')",
                (a.id, hashlib.sha256(a.text.encode()).hexdigest(), a.outlet, a.alignment, a.title, a.date, a.text,
                 json.dumps(a.meta)),
            )
        conn.execute("INSERT INTO lexicons VALUES ('vorsk-2031', '1.0.0', ?, ?, '2026-01-01')",
                     (VORSK, hashlib.sha256(VORSK.encode()).hexdigest()))
    return path


def test_migration_puts_existing_articles_in_my_articles_and_loses_nothing(tmp_path):
    articles = [*SAMPLE, vorsk_article(meta={"k": "v"})]
    path = build_v1_store(tmp_path / "old.db", articles)
    store = ArticleStore(path)
    assert [(a.id, a.text, a.outlet, a.meta) for a in store.articles()] == [(a.id, a.text, a.outlet, a.meta) for a in articles]
    assert [lex.name for lex in store.lexicons()] == ["vorsk-2031"]
    stories = {s.name: s for s in list_stories(store)}
    assert set(stories) == {"my-articles", "venezuela-2019-04-30"}
    assert stories["my-articles"].default and stories["my-articles"].articles == 4
    assert [a.id for a in story_articles(store, "my-articles")] == [a.id for a in articles]
    assert story_lexicons(store, "my-articles") == bundled_lexicons()
    assert [a.id for a in story_articles(store, "venezuela-2019-04-30")] == SAMPLE_IDS
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(1,), (2,)]
    ArticleStore(path)  # opening again migrates nothing twice
    assert len(list_stories(store)) == 2


def test_migration_of_an_empty_old_store_makes_no_empty_story(tmp_path):
    store = ArticleStore(build_v1_store(tmp_path / "empty.db", []))
    assert [s.name for s in list_stories(store)] == ["venezuela-2019-04-30"]
    assert get_story(store, "venezuela-2019-04-30").articles == 0  # the sample was never stored there
    assert default_story(store) == "venezuela-2019-04-30"


def test_removing_an_article_takes_it_out_of_every_story(store):
    create_story(store, "zh", ["venezuela-2019"], article_ids=[SAMPLE_IDS[0]])
    assert store.remove(SAMPLE_IDS[0])
    assert get_story(store, "zh").articles == 0
    assert [a.id for a in story_articles(store, "venezuela-2019-04-30")] == SAMPLE_IDS[1:]
