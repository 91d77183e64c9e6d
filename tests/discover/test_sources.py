"""The quotation table and the per-outlet sources table, on the sample and on tiny contrasting corpora."""

from __future__ import annotations

import math

import pytest

from framing.article import Article
from framing.discover.sources import QUOTE_COLUMNS, quote_table, source_table, speaker_counts, verb_weights

# Two outlets quote the same minister: one with "said", one with "claimed" and "bragged".
PLAIN = Article("plain-1", "Plain Post", "“The talks went well and we will meet again next week,” "
                "Minister Ana Ruiz said.\n\n“We made progress on every point of the agenda,” Ruiz said.")
LOADED = Article("loaded-1", "Loaded Daily", "“The talks went well and we will meet again next week,” "
                 "Minister Ana Ruiz claimed.\n\n“We made progress on every point of the agenda,” Ruiz bragged. "
                 "The regime's propaganda continues.")


def test_quote_table_columns_and_merged_speakers():
    table = quote_table([PLAIN, LOADED])
    assert list(table.columns) == QUOTE_COLUMNS
    assert set(table["speaker"]) == {"Ana Ruiz"}  # "Minister Ana Ruiz" and "Ruiz" are one speaker
    assert list(table["verb"]) == ["said", "said", "claimed", "bragged"]


def test_verb_loadedness_from_the_attribution_concept(lexicons):
    weights = verb_weights(lexicons)
    assert weights["said"] == 0 and weights["bragged"] > weights["claimed"] > 0
    table = source_table([PLAIN, LOADED], lexicons).set_index("outlet")
    assert table.loc["Plain Post", "verb_loadedness"] == 0
    assert table.loc["Loaded Daily", "verb_loadedness"] == (weights["claimed"] + weights["bragged"]) / 2
    assert table.loc["Loaded Daily", "loaded_verbs"] == 2
    assert "bragged ×1 (1)" in table.loc["Loaded Daily", "verbs"]


def test_sample_sources_table(sample, lexicons, sample_matches):
    articles = list(sample.values())
    table = source_table(articles, lexicons, matches=sample_matches, top=2).set_index("outlet")
    tele = table.loc["teleSUR English"]
    assert tele["quotations"] == 36 and tele["attributed"] == 34
    assert tele["top_speakers"].count("×") == 2
    # The share of the text inside direct quotations, from the spans themselves.
    quotes = quote_table(articles)
    own = quotes[quotes["outlet"] == "teleSUR English"]
    assert tele["quoted_share"] == pytest.approx((own["end"] - own["start"]).sum()
                                                 / len(sample["telesur-2019-04-30"].text))
    rt = table.loc["RT"]
    assert rt["quotations"] == 0 and math.isnan(rt["verb_loadedness"])
    loaded = sample_matches[sample_matches["weight"] != 0].drop_duplicates(["article", "start", "end"])
    zh = loaded[loaded["outlet"] == "ZeroHedge"]
    assert table.loc["ZeroHedge", "loaded_in_quotes"] == (zh["voice"] == "quoted").sum()


def test_speaker_counts_top_and_others(sample):
    counts = speaker_counts(quote_table(list(sample.values())), top=3)
    tele = counts[counts["outlet"] == "teleSUR English"]
    assert len(tele) == 5  # three speakers, the others, no speaker found
    assert tele["quotations"].sum() == 36
    assert tele.iloc[0]["quotations"] >= tele.iloc[1]["quotations"] >= tele.iloc[2]["quotations"]


@pytest.mark.parametrize("options", [{"top": 0}, {"top": "3"}, {"by": "speaker"}])
def test_bad_options_name_the_value(options, lexicons):
    with pytest.raises(ValueError, match="top|by") as info:
        source_table([PLAIN], lexicons, **options)
    assert repr(next(iter(options.values()))) in str(info.value)
