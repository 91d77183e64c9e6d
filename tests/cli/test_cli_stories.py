"""``framing story`` and ``--story``: two events in one store, scored apart; bad input changes nothing."""

from __future__ import annotations

import io
import json
import sqlite3

import pandas as pd
import pytest

from framing.cli import main
from tests.story_fixtures import VORSK_ARTICLES, VORSK_LEXICON

VORSK = VORSK_LEXICON
VORSK_TIMES = VORSK_ARTICLES["Vorsk Times"]
FREE_VORSK = VORSK_ARTICLES["Free Vorsk"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "framing.db"
    monkeypatch.setenv("FRAMING_DB", str(path))
    return path


@pytest.fixture
def files(tmp_path):
    (tmp_path / "vorsk.toml").write_text(VORSK, encoding="utf-8")
    (tmp_path / "bad.toml").write_text(VORSK.replace('"takeover" = 0.7', '"takeover" = 7'), encoding="utf-8")
    folder = tmp_path / "vorsk"
    folder.mkdir()
    (folder / "vorsk-times_2031.txt").write_text(VORSK_TIMES, encoding="utf-8")
    (folder / "free-vorsk_2031.txt").write_text(FREE_VORSK, encoding="utf-8")
    return tmp_path


@pytest.fixture
def two_stories(capsys, db, files):
    assert run(capsys, "story", "create", "vorsk", "--lexicon", str(files / "vorsk.toml"),
               "--description", "The Vorsk crisis")[0] == 0
    assert run(capsys, "add", str(files / "vorsk"), "--story", "vorsk")[0] == 0
    return files


def csv_table(out: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(out), comment="#")


def snapshot(path) -> list:
    with sqlite3.connect(path) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(t, conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()) for t in tables]


def test_two_stories_with_colliding_concept_ids_score_independently(capsys, two_stories):
    code, out, _ = run(capsys, "score", "--story", "vorsk", "--outlets", "--format", "csv")
    vorsk = csv_table(out).set_index("outlet")
    assert code == 0 and set(vorsk.index) == {"vorsk times", "free vorsk"}
    assert [c for c in vorsk.columns if c.startswith(("concept:", "score_"))] == ["score_vorsk", "concept:vorsk-2031/events"]
    # vorsk times: coup +0.9, takeover +0.7 -> +0.8; free vorsk: liberation -0.8, transition 0, coup +0.9
    assert vorsk.loc["vorsk times", "score_vorsk"] == pytest.approx(0.8)
    assert vorsk.loc["free vorsk", "score_vorsk"] == pytest.approx((-0.8 + 0 + 0.9) / 3)
    assert vorsk.loc["free vorsk", "prefers:vorsk-2031/events"] in {"coup", "liberation", "transition"}
    # the default story is still the sample, scored as the bundled sample alone
    _, default_out, _ = run(capsys, "score", "--outlets", "--format", "csv")
    _, sample_out, _ = run(capsys, "score", "--sample", "--outlets", "--format", "csv")
    pd.testing.assert_frame_equal(csv_table(default_out), csv_table(sample_out))
    sample = csv_table(default_out)
    assert "concept:venezuela-2019/events" in sample and "concept:vorsk-2031/events" not in sample
    assert "score_vorsk" not in sample and "vorsk times" not in set(sample["outlet"])
    # the sample story by name gives the same, with the story in its provenance
    code, named, _ = run(capsys, "score", "--story", "venezuela-2019-04-30", "--outlets", "--format", "csv")
    assert '"story": "venezuela-2019-04-30"' in named
    pd.testing.assert_frame_equal(csv_table(named), sample)


def test_story_option_on_matches_compare_terms_kwic_and_export(capsys, two_stories):
    code, out, _ = run(capsys, "matches", "--story", "vorsk", "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and {r["lexicon"] for r in records} == {"vorsk-2031"}
    assert {r["outlet"] for r in records} == {"vorsk times", "free vorsk"}
    code, out, _ = run(capsys, "compare", "--story", "vorsk", "--concept", "vorsk-2031/events")
    assert code == 0 and "The events in Vorsk (vorsk-2031: events)" in out and "30 April" not in out
    code, out, _ = run(capsys, "kwic", "coup", "--story", "vorsk")
    assert code == 0 and "vorsk times" in out and "teleSUR" not in out
    code, out, _ = run(capsys, "terms", "--story", "vorsk", "--by", "outlet", "--format", "csv", "--min-count", "1")
    assert code == 0 and "story vorsk" in out
    code, out, _ = run(capsys, "export", "--story", "vorsk", "--format", "jsonl")
    assert code == 0 and sorted(json.loads(line)["outlet"] for line in out.splitlines()) == ["free vorsk", "vorsk times"]


def test_story_list_show_default_remove(capsys, two_stories):
    code, out, _ = run(capsys, "story", "list")
    assert code == 0 and "* venezuela-2019-04-30" in out and "vorsk-2031" in out and "The Vorsk crisis" in out
    code, out, _ = run(capsys, "story", "show", "vorsk")
    assert code == 0 and "vorsk-2031 1.0.0 (stored) sha256=" in out and "free vorsk (1)" in out
    code, out, _ = run(capsys, "story", "show", "venezuela-2019-04-30")
    assert "venezuela-2019 1.0.0 (bundled)" in out and "zerohedge-2019-05-01" in out
    assert run(capsys, "story", "default", "vorsk")[0] == 0
    _, out, _ = run(capsys, "score", "--format", "csv")
    assert set(csv_table(out)["outlet"]) == {"vorsk times", "free vorsk"}
    assert run(capsys, "story", "remove", "vorsk")[0] == 0
    _, out, _ = run(capsys, "list")
    assert "vorsk times" in out  # the articles stay stored
    _, out, _ = run(capsys, "score", "--format", "csv")  # the default falls back to the oldest story
    assert "zerohedge-2019-05-01" in set(csv_table(out)["article"])


def test_story_add_puts_stored_articles_into_a_story(capsys, db):
    assert run(capsys, "story", "create", "zh", "--lexicon", "venezuela-2019")[0] == 0
    code, out, _ = run(capsys, "story", "add", "zh", "zerohedge-2019-05-01")
    assert code == 0 and "1 article added to zh" in out
    _, out, _ = run(capsys, "score", "--story", "zh", "--format", "csv")
    table = csv_table(out)
    assert list(table["article"]) == ["zerohedge-2019-05-01"]
    assert not any(c.startswith("concept:loaded-language/") for c in table.columns)


def test_export_and_import_a_story_folder(capsys, two_stories, tmp_path, monkeypatch):
    code, out, _ = run(capsys, "story", "export", "vorsk", "--output", str(tmp_path / "export"))
    assert code == 0 and (tmp_path / "export" / "story.json").is_file()
    _, before, _ = run(capsys, "score", "--story", "vorsk", "--format", "csv")
    monkeypatch.setenv("FRAMING_DB", str(tmp_path / "elsewhere.db"))
    code, out, err = run(capsys, "story", "import", str(tmp_path / "export"))
    assert code == 0 and "imported story vorsk: 2 articles added" in out and err == ""
    _, after, _ = run(capsys, "score", "--story", "vorsk", "--format", "csv")
    pd.testing.assert_frame_equal(csv_table(after), csv_table(before))
    # the exported folder is also a corpus PATH
    code, out, _ = run(capsys, "score", str(tmp_path / "export"), "--lexicon", str(tmp_path / "export" / "lexicons" / "vorsk-2031.toml"), "--format", "csv")
    assert code == 0 and set(csv_table(out)["outlet"]) == {"vorsk times", "free vorsk"}


@pytest.mark.parametrize(
    "argv, message",
    [
        (["story", "create", "vorsk", "--lexicon", "venezuela-2019"], "a story named 'vorsk' already exists"),
        (["story", "create", "nothing"], "needs at least one lexicon"),
        (["story", "create", "broken", "--lexicon", "{files}/bad.toml"], "bad.toml"),
        (["story", "create", "nofile", "--lexicon", "{files}/missing.toml"], "no such lexicon file"),
        (["story", "remove", "nope"], "no story named 'nope'; stories: venezuela-2019-04-30, vorsk"),
        (["story", "add", "vorsk", "zerohedge-2019-05-01", "not-stored"], "no stored article with id not-stored"),
        (["story", "add", "nope", "zerohedge-2019-05-01"], "no story named 'nope'"),
        (["story", "show", "nope"], "no story named 'nope'; stories: venezuela-2019-04-30, vorsk"),
        (["score", "--story", "nope"], "no story named 'nope'; stories: venezuela-2019-04-30, vorsk"),
        (["add", "{files}/vorsk", "--story", "nope"], "no story named 'nope'"),
        (["score", "{files}/vorsk", "--story", "vorsk"], "not both"),
        (["dashboard", "--story", "nope"], "no story named 'nope'"),
        (["edit", "zerohedge-2019-05-01", "--date", "March 5"], "not a date: 'March 5' (use ISO 8601"),
        (["edit", "not-stored", "--outlet", "X"], "no stored article with id 'not-stored'"),
        (["edit", "zerohedge-2019-05-01"], "nothing to change"),
        (["story", "import", "{files}"], "not a story export"),
        (["story"], "say what to do"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(capsys, two_stories, argv, message):
    before = snapshot(two_stories / "framing.db")
    code, out, err = run(capsys, *[a.format(files=two_stories) for a in argv])
    assert code == 2
    assert err.count("\n") == 1 and message in err, err
    assert snapshot(two_stories / "framing.db") == before


def test_edit_corrects_metadata(capsys, db):
    code, out, _ = run(capsys, "edit", "rt-2019-04-30", "--outlet", "RT English", "--date", "2019-04-30T18:00:00Z")
    assert code == 0 and "'RT English'" in out
    _, out, _ = run(capsys, "score", "--outlets", "--format", "csv")
    assert "RT English" in set(csv_table(out)["outlet"])


def test_lexicon_validate_warns_of_shared_concept_ids(capsys, files):
    from framing.resources import bundled_lexicon_path

    code, out, err = run(capsys, "lexicon", "validate", str(bundled_lexicon_path("venezuela-2019")), str(files / "vorsk.toml"))
    assert code == 0 and out.count(": ok") == 2
    assert "warning: concept id 'events' is in 2 lexicons" in err
    assert "concept:venezuela-2019/events, concept:vorsk-2031/events" in err
    code, _, err = run(capsys, "lexicon", "validate", str(files / "vorsk.toml"))
    assert code == 0 and err == ""


def test_a_published_export_loads_into_one_story_per_topic(capsys, db, tmp_path):
    """Columns named as in Baly et al.'s release (content, source, bias_text, ID), split by topic with --where."""
    rows = [
        {"ID": "h1", "source": "Left Daily", "bias_text": "left", "bias": 0, "topic": "healthcare", "content": "The regime of insurers claimed victory."},
        {"ID": "h2", "source": "Right Daily", "bias_text": "right", "bias": 2, "topic": "healthcare", "content": "Officials said the plan works."},
        {"ID": "e1", "source": "Left Daily", "bias_text": "left", "bias": 0, "topic": "environment", "content": "The coup against the climate bill failed."},
    ]
    export = tmp_path / "articles.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for topic in ("healthcare", "environment"):
        assert run(capsys, "story", "create", topic, "--lexicon", "loaded-language")[0] == 0
        code, out, _ = run(capsys, "add", str(export), "--story", topic, "--where", f"topic={topic}",
                           "--text-column", "content", "--alignment-column", "bias_text")
        assert code == 0
    _, out, _ = run(capsys, "score", "--story", "healthcare", "--outlets", "--format", "csv")
    table = csv_table(out).set_index("outlet")
    assert list(table.index) == ["Left Daily", "Right Daily"]
    assert table.loc["Left Daily", "alignment"] == "left" and table.loc["Right Daily", "articles"] == 1
    assert table.loc["Left Daily", "prefers:loaded-language/delegitimising"] == "regime"
    _, out, _ = run(capsys, "score", "--story", "environment", "--format", "csv")
    assert list(csv_table(out)["article"]) == ["e1"]


def test_lexicon_validate_warns_of_shared_axis_ids(capsys, files):
    (files / "vorsk-b.toml").write_text(VORSK.replace('name = "vorsk-2031"', 'name = "vorsk-b"')
                                        .replace("[concepts.events", "[concepts.deeds"), encoding="utf-8")
    code, _, err = run(capsys, "lexicon", "validate", str(files / "vorsk.toml"), str(files / "vorsk-b.toml"))
    assert code == 0
    assert "warning: axis id 'vorsk' is in 2 lexicons: vorsk-2031, vorsk-b; their matches make one score_vorsk" in err
    assert "concept id" not in err
