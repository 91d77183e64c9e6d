"""``framing lexicon suggest``: a draft that validate accepts; bad input exits 2 with nothing written."""

from __future__ import annotations

import json
import re

import pytest

from framing.cli import main
from tests.discover.test_suggest import make_corpus


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("suggest") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for a in make_corpus():
            handle.write(json.dumps({"id": a.id, "outlet": a.outlet, "alignment": a.alignment, "text": a.text}) + "\n")
    return path


def test_suggest_writes_a_draft_that_validates(capsys, corpus_file, tmp_path):
    output = tmp_path / "draft.toml"
    code, _, err = run(capsys, "lexicon", "suggest", str(corpus_file), "--by", "alignment", "--negative", "left",
                       "--positive", "right", "--top", "5", "--output", str(output))
    assert code == 0 and "wrote" in err
    text = output.read_text(encoding="utf-8")
    assert '"illegal aliens" = 0.9' in text and '"undocumented immigrants" = -0.9' in text
    code, out, _ = run(capsys, "lexicon", "validate", str(output))
    assert code == 0 and out.strip().endswith(": ok")


def test_suggest_prints_the_draft_without_output(capsys, corpus_file):
    code, out, _ = run(capsys, "lexicon", "suggest", str(corpus_file), "--by", "alignment", "--negative", "left",
                       "--positive", "right", "--top", "1")
    assert code == 0 and len(re.findall(r"^\[concepts\.\w+\]$", out, flags=re.M)) == 1 and "[[axes]]" in out


@pytest.mark.parametrize("extra, message", [
    (["--negative", "centre", "--positive", "right"], "group 'centre' is not in 'alignment'; groups are: 'left', 'right'"),
    (["--negative", "left", "--positive", "left"], "both 'left'"),
    (["--negative", "left", "--positive", "right", "--top", "0"], "--top must be 1 or more"),
])
def test_bad_input_is_one_line_exit_2_nothing_written(capsys, corpus_file, tmp_path, extra, message):
    output = tmp_path / "draft.toml"
    code, out, err = run(capsys, "lexicon", "suggest", str(corpus_file), "--by", "alignment", *extra,
                         "--output", str(output))
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not output.exists()


def test_too_small_a_group_exits_2(capsys, tmp_path):
    output = tmp_path / "draft.toml"
    code, _, err = run(capsys, "lexicon", "suggest", "--sample", "--by", "outlet", "--negative", "RT",
                       "--positive", "teleSUR English", "--output", str(output))
    assert code == 2 and "too few" in err and not output.exists()


def test_suggest_reads_a_story_of_the_store(capsys, tmp_path):
    from framing.store.article_store import ArticleStore
    from framing.store.stories import add_articles_to_story, create_story

    db = tmp_path / "framing.db"
    store = ArticleStore(db)
    create_story(store, "border", ["loaded-language"])
    add_articles_to_story(store, "border", make_corpus())
    code, out, _ = run(capsys, "lexicon", "suggest", "--db", str(db), "--story", "border", "--by", "alignment",
                       "--negative", "left", "--positive", "right", "--top", "2")
    assert code == 0 and "\"death tax\" = 0.9" in out and "border" in out.splitlines()[0]  # the header names the story
