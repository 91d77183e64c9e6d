"""Readable column names for score tables shown to people."""

from __future__ import annotations

from framing.corpus import load_sample_corpus
from framing.lexicon.model import bundled_lexicons
from framing.present.column_labels import column_label, column_labels
from framing.scoring.scores import outlet_scores


def test_every_outlet_column_gets_a_readable_unique_name():
    lexicons = bundled_lexicons()
    table = outlet_scores(load_sample_corpus(), lexicons)
    labels = column_labels(table.columns, lexicons)
    assert len(set(labels.values())) == len(table.columns)
    assert labels["score_gov_opp"] == "Score: Venezuelan crisis, 2019"
    assert labels["concept:venezuela-2019/events"] == "Mentions: The events of 30 April (venezuela-2019)"
    assert labels["prefers:venezuela-2019/events"].startswith("Preferred wording: The events of 30 April")
    assert labels["loaded_per_1000"] == "Loaded per 1,000 words"
    # No id with an underscore or a colon is left on screen.
    assert not [v for v in labels.values() if "_" in v or v.startswith(("concept:", "prefers:"))]


def test_unknown_columns_keep_their_id_and_clashes_are_told_apart():
    assert column_label("my_extra") == "my_extra"
    assert column_label("score_nope") == "score_nope"
    labels = column_labels(["Outlet", "outlet"])
    assert labels == {"Outlet": "Outlet", "outlet": "Outlet [outlet]"}
