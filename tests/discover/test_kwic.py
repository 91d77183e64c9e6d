"""Keyword in context."""

from __future__ import annotations

import pytest

from framing.article import Article

from framing.corpus import load_sample_corpus
from framing.discover.kwic import KWIC_COLUMNS, format_lines, kwic
from framing.scoring.scores import match_table

TEXT = 'The coup failed. Officials called it a “coup” while Lopez said: "this coup is over, friends."'


def test_kwic_centres_term_and_marks_voice_from_quotes():
    table = kwic([Article(id="a", outlet="X", text=TEXT)], "Coup", width=12)
    assert list(table.columns) == KWIC_COLUMNS
    assert list(table["voice"]) == ["authorial", "scare_quoted", "quoted"]
    assert set(table["voice_source"]) == {"quotes"}
    first = table.iloc[0]
    assert TEXT[first["start"]:first["end"]] == "coup"
    assert first["left"] == "The " and first["right"] == " failed. Off"
    lines = format_lines(table, width=12)
    assert lines[0] == "== X (3) =="
    assert len({line.index("[") for line in lines[1:]}) == 1  # keyword column aligned


def test_kwic_uses_match_table_voice_and_folds_accents():
    articles = load_sample_corpus()
    matches = match_table(articles)
    table = kwic(articles, "coup", matches=matches)
    assert set(table["outlet"]) == {"teleSUR English", "ZeroHedge", "RT"}
    assert (table["voice_source"] == "lexicon").all()
    accented = kwic([Article(id="b", outlet="Y", text="Juan Guaidó’s call")], "guaido's")
    assert list(accented["keyword"]) == ["Guaidó’s"]


def test_kwic_whole_words_only_and_phrases():
    table = kwic([Article(id="c", outlet="Z", text="coups and a coup-plotter; interim\npresident")], "coup")
    assert list(table["keyword"]) == ["coup"]
    phrase = kwic([Article(id="c", outlet="Z", text="the interim\npresident spoke")], "interim president")
    assert list(phrase["keyword"]) == ["interim president"]  # whitespace flattened


@pytest.mark.parametrize("kwargs, bad", [({"width": 0}, "0"), ({"term": "..."}, r"'\.\.\.'")])
def test_kwic_bad_arguments(kwargs, bad):
    args = {"term": "coup", **kwargs}
    with pytest.raises(ValueError, match=bad):
        kwic(load_sample_corpus(), args.pop("term"), **args)
