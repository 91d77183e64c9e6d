"""Tokenising for term counts."""

from __future__ import annotations

from collections import Counter

import pytest

from framing.article import Article

from framing.corpus import load_sample_corpus
from framing.discover.term_counts import count_terms
from framing.text.tokens import BREAK, TokenOptions, fold, ngrams, phrase_tokens, segments, stopwords_en


def test_fold_lowercases_and_strips_accents():
    assert fold("Guaidó’s CAFÉ İstanbul") == "guaido's cafe istanbul"


def test_apostrophes_kept_or_split():
    assert phrase_tokens("Guaidó’s don't 'coup'") == ["guaido's", "don't", "coup"]
    assert phrase_tokens("Guaidó’s don't", apostrophes="split") == ["guaido", "s", "don", "t"]


def test_phrase_breaks_and_abbreviations():
    tokens = phrase_tokens("Mr. Guaido spoke. The U.S.-backed coup failed! Next: 3.5 more\nLine")
    assert tokens == ["mr", "guaido", "spoke", BREAK, "the", "us", "backed", "coup", "failed", BREAK,
                      "next", BREAK, "3", "5", "more", BREAK, "line"]
    assert segments("One two. Three") == [["one", "two"], ["three"]]


def test_ngrams_do_not_cross_sentences_and_respect_stopwords():
    grams = ngrams("The state of emergency. Coup failed")
    assert "state of emergency" in grams  # inner stopword allowed
    assert "of emergency" not in grams and "the" not in grams
    assert "emergency coup" not in grams  # crosses a sentence break
    assert "coup failed" in grams


def test_keep_stopwords_and_ngram_range():
    grams = ngrams("The coup", TokenOptions(keep_stopwords=True, ngram_range=(2, 2)))
    assert grams == ["the coup"]


def test_stopword_list_shipped():
    words = stopwords_en()
    assert 150 <= len(words) <= 300
    assert {"the", "of", "and", "don't"} <= words
    assert "said" not in words and "us" not in words


@pytest.mark.parametrize(
    "kwargs, bad",
    [({"ngram_range": (0, 2)}, r"\(0, 2\)"), ({"ngram_range": (1, 4)}, r"\(1, 4\)"), ({"apostrophes": "drop"}, "drop")],
)
def test_bad_options(kwargs, bad):
    with pytest.raises(ValueError, match=bad):
        TokenOptions(**kwargs)


@pytest.mark.parametrize(
    "options",
    [TokenOptions(), TokenOptions(keep_stopwords=True, apostrophes="split"), TokenOptions(ngram_range=(2, 3))],
)
def test_coded_counts_equal_reference_ngrams(options):
    articles = load_sample_corpus()
    counts = count_terms(articles, by="outlet", options=options)
    for article in articles:
        expected = Counter(ngrams(article.text, options))
        column = counts.table[article.outlet]
        assert dict(column[column > 0]) == dict(expected)
        assert counts.totals[article.outlet] == sum(expected.values())


def test_min_total_prunes_rows_not_totals():
    articles = load_sample_corpus()
    full = count_terms(articles)
    pruned = count_terms(articles, min_total=3)
    assert (pruned.table.sum(axis=1) >= 3).all()
    assert pruned.totals.equals(full.totals)
    assert pruned.vocabulary_size == full.vocabulary_size == len(full.table)


def test_coded_counts_equal_reference_ngrams_when_the_vocabulary_grows_in_steps():
    # One short article per paragraph: the vocabulary grows a few words at a
    # time, so new words land in the stopword table's spare room (they were
    # once left unflagged, letting "the", "of the", ... through).
    paragraphs = [p for a in load_sample_corpus() for p in a.text.split("\n") if p.strip()]
    articles = [Article(id=f"p{i}", outlet="ab"[i % 2], text=p) for i, p in enumerate(paragraphs)]
    counts = count_terms(articles, by="outlet")
    for outlet in "ab":
        expected = Counter(g for a in articles if a.outlet == outlet for g in ngrams(a.text, TokenOptions()))
        column = counts.table[outlet]
        assert dict(column[column > 0]) == dict(expected)
        assert counts.totals[outlet] == sum(expected.values())
    assert not set(counts.table.index) & stopwords_en()
