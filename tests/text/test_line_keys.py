"""Line keys computed fast: the same keys and the same cleaned texts as line by line."""

from __future__ import annotations

import pickle
import re
import string
import sys
from dataclasses import replace

import pytest

from framing.article import Article
from framing.corpus import load_sample_corpus
from framing.text.boilerplate import detect_boilerplate
from framing.text.furniture import CASE_ALIASES, strip_inline
from framing.text.line_keys import _SEGMENT_RE, article_keys, line_table, normal_lines, segment_key, segments

# Texts where normalising pieces together could go wrong: accents and combining marks at
# cuts, ligatures, digits either side of a cut, dashes, lone surrogates, other line breaks.
TRICKY = [
    "Guaidó’s “Coup” — ÉLAN 12 ς Σ ß ﬁ x. " * 8 + "A\u0301b. \u0300Foo – bar" * 5,
    "a\u2028b\u00a0c. D\re\x85f " * 20,
    "— " + "word " * 40 + " — ... — " + "ﬁve six seven eight nine. " * 3,
    "Ⅻ ① ² ³ 12. " * 30 + "\n" + "Short line, 2019.",
    "x\ud800y. Abc def ghi jkl mno. " * 9,
    "The vote was 52-48. The Senate adjourned; Members left — some early — for the recess. " * 4,
    "",
]
# The passage cut as first written (a lookbehind first); _SEGMENT_RE is the same cut, faster.
FIRST_SEGMENT_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"“‘'(\[])|\s+[–—]\s+")


def texts() -> list[str]:
    return [a.text for a in load_sample_corpus()] + TRICKY


def line_by_line(text: str) -> list[tuple[str, str, list[str], list[int | None]]]:
    table = []
    for line, norm in zip(*normal_lines(text)):
        parts = segments(line)
        cut = len(parts) > 1
        table.append((line, norm, parts if cut else [], [segment_key(p) for p in parts] if cut else []))
    return table


@pytest.mark.parametrize("text", texts())
def test_line_table_is_the_line_by_line_normalisation(text):
    assert line_table(text) == line_by_line(text)


def test_article_keys_count_every_line_and_passage():
    text = TRICKY[5]
    lines, prefixes = article_keys(text)
    passages = {k for row in line_by_line(text) for k in row[3] if k is not None}
    assert passages and passages < lines and not prefixes  # one long line: no template opening


@pytest.mark.parametrize("text", texts())
def test_passage_cut_unchanged(text):
    for line in text.splitlines():
        assert _SEGMENT_RE.split(line) == FIRST_SEGMENT_RE.split(line)


def test_case_aliases_are_every_non_ascii_match_of_an_ascii_letter():
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if letter.match(chr(c)))
    assert found == CASE_ALIASES
    assert all(not re.match(re.escape(c), chr(o), re.IGNORECASE)
               for c in string.digits + string.punctuation + " " for o in range(128, 0x3000))


def test_inline_labels_through_case_aliases_still_go():
    assert strip_inline("Storm h\u0130de caption here") == "Storm ; here"
    assert strip_inline("Storm \u212aeep photo: here") == "Storm \u212aeep ; here"
    assert strip_inline("We watch the river. Photographs later") == "We watch the river. Photographs later"


def gazette(i: int, story: str, outlet: str = "Daily Ledger") -> Article:
    return Article(id=f"{outlet}{i}", outlet=outlet, text="\n".join([
        f"{story} The Da\u0131ly Ledger and the DAILY LEDGER said so, the ledger noted.",
        "Subscribe to the Ledger for more",
        f"{story} " * 3 + "Photos: The flood The flood – the county reopened roads.",
    ]))


STORIES = ["Taxes rose again this spring", "Roads were repaired by the county", "Schools reopened after the storm",
           "Parks stayed closed all winter"]


def test_cleaning_with_remembered_keys_is_cleaning_afresh():
    articles = [gazette(i, s) for i, s in enumerate(STORIES)] + load_sample_corpus()
    model = detect_boilerplate(articles)
    assert model.memo  # the first pass remembered texts ...
    afresh = replace(model, memo={}, removed=type(model.removed)())
    assert [a.text for a in model.clean(articles)] == [a.text for a in afresh.clean(articles)]
    assert model.removed == afresh.removed and model.removed["Daily Ledger"] > 0
    text = next(model.clean(articles)).text
    assert "Ledger" not in text and "Da\u0131ly" not in text and "the ledger noted" in text


def test_remembered_keys_stay_in_the_counting_process():
    model = detect_boilerplate([gazette(i, s) for i, s in enumerate(STORIES)])
    assert model.memo and pickle.loads(pickle.dumps(model)).memo == {}
