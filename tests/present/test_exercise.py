"""Spot the frame: words of a passage, and picks scored against the lexicon's matches."""

from __future__ import annotations

import pytest

from framing.article import Article
from framing.corpus import load_sample_corpus
from framing.lexicon.model import bundled_lexicons
from framing.present.exercise import answer_terms, score_picks, words
from framing.present.passages import article_passages, passage_matches, screens
from framing.scoring.scores import match_table

TEXT = ("The Maduro regime said the coup failed.\n\n"
        "Opposition leader Guaidó spoke of an uprising, and the self-proclaimed president waved.")


@pytest.fixture(scope="module")
def passage():
    lexicons = bundled_lexicons()
    article = Article(id="ex", outlet="Test", text=TEXT)
    matches = match_table([article], lexicons)
    return article, matches


def _index(found, word):
    return next(w.index for w in found if w.text == word)


def test_words_keep_their_spans_and_inner_hyphens():
    found = words("Guaidó's self-proclaimed 'interim' president.")
    assert [w.text for w in found] == ["Guaidó's", "self-proclaimed", "interim", "president"]
    text = "Guaidó's self-proclaimed 'interim' president."
    assert all(text[w.start:w.end] == w.text for w in found)


def test_hits_misses_and_extra_picks(passage):
    article, matches = passage
    first = article_passages(article, matches)[0]
    mine = passage_matches(first, matches)
    found = words(first.text)
    terms = answer_terms(first.text, mine)
    canon = {t.canonical for t in terms}
    assert {"Maduro regime", "coup"} <= canon and "said" not in canon  # "said" is the neutral wording
    picked = [_index(found, "regime"), _index(found, "The")]
    result = score_picks(first.text, mine, picked)
    assert [t.canonical for t in result.hits] == ["Maduro regime"]
    assert "coup" in {t.canonical for t in result.misses}
    assert [w.text for w in result.extra] == ["The"]
    assert result.counts == {"hits": 1, "misses": len(terms) - 1, "extra picks": 1}
    everything = score_picks(first.text, mine, [i for t in terms for i in t.words])
    assert everything.counts == {"hits": len(terms), "misses": 0, "extra picks": 0}


def test_a_pick_outside_the_passage_is_refused(passage):
    article, matches = passage
    first = article_passages(article, matches)[0]
    with pytest.raises(ValueError, match="99"):
        score_picks(first.text, passage_matches(first, matches), [99])


def test_passages_with_loaded_terms_and_screens():
    lexicons = bundled_lexicons()
    corpus = load_sample_corpus()
    matches = match_table(corpus, lexicons)
    telesur = next(a for a in corpus if a.outlet.startswith("teleSUR"))
    every = article_passages(telesur, matches)
    loaded = article_passages(telesur, matches, loaded_only=True)
    assert 0 < len(loaded) < len(every)
    for p in loaded:
        assert telesur.text[p.start:p.end] == p.text
        local = passage_matches(p, matches)
        assert (local["weight"] != 0).any()
        assert all(p.text[s:e].lower().startswith(t.lower()[:3]) for s, e, t in
                   zip(local["start"], local["end"], local["term"]))
    rt = next(a for a in corpus if a.outlet == "RT")
    rt_passages = article_passages(rt, matches, loaded_only=True)
    cut = screens([loaded, rt_passages], per_screen=2)
    assert len(cut) == -(-max(len(loaded), len(rt_passages)) // 2)
    assert cut[0][0] == loaded[:2] and all(len(column) <= 2 for screen in cut for column in screen)
    assert [p for screen in cut for p in screen[1]] == rt_passages
    with pytest.raises(ValueError, match="per_screen"):
        screens([loaded], per_screen=0)
    with pytest.raises(ValueError, match="matches="):
        article_passages(rt, loaded_only=True)
