"""Quotations marked in the text (escaped, one anchor each) and the who-is-quoted chart."""

from __future__ import annotations

import re

import pytest

from framing.article import Article
from framing.discover.sources import quote_table, speaker_counts
from framing.present.quote_html import quotation_anchor, quotation_link_html, quoted_text_html
from framing.present.source_plots import speaker_chart

PAYLOAD = Article("x<1>", "Evil <b>Outlet</b>",
                  "Intro <script>alert(1)</script> here.\n\n"
                  "“<img src=x onerror=alert(1)> is what they painted, and we will remove it,” said Ana Ruiz.")


def test_quotations_are_marked_escaped_and_anchored():
    quotes = quote_table([PAYLOAD])
    body = quoted_text_html(PAYLOAD.text, quotes)
    assert "<script" not in body and "<img" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    anchor = quotation_anchor(PAYLOAD.id, int(quotes.loc[0, "start"]))
    assert re.fullmatch(r"q-[A-Za-z0-9_-]+", anchor)  # the odd id cannot break out of the attribute
    assert f'<mark class="fr-quote" id="{anchor}"' in body
    assert '<span class="fr-speaker">Ana Ruiz</span>' in body
    assert body.count("<p ") == 2  # paragraphs kept


def test_link_label_is_escaped():
    link = quotation_link_html("a b", 7, "<script>x</script> “said”")
    assert link == '<a class="fr-q-link" href="#q-a-b-7">&lt;script&gt;x&lt;/script&gt; “said”</a>'


def test_unattributed_quotation_is_shown_as_such():
    text = "UPDATE 1:52 pm\n\n“I was there when the shots came, and then silence fell.”"
    body = quoted_text_html(text, quote_table([Article("u", "Live", text)]))
    assert 'class="fr-quote fr-nospeaker"' in body and "no speaker found" in body


def test_speaker_chart_has_a_panel_per_outlet_with_quotations(sample):
    counts = speaker_counts(quote_table(list(sample.values())), top=4)
    figure = speaker_chart(counts)
    titles = [ax.get_title(loc="left") for ax in figure.axes]
    assert titles == ["ZeroHedge", "teleSUR English"]  # RT quotes no one directly
    labels = [t.get_text() for t in figure.axes[1].get_yticklabels()]
    assert labels[-1] == "Samuel Moncada" and any(label.startswith("others (") for label in labels)
    with pytest.raises(ValueError, match="no rows"):
        speaker_chart(counts.iloc[0:0])
