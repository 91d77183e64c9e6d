"""Sources: who each outlet quotes, with which verbs, and where.

The sources table and the quotation list come from
:mod:`framing.discover.sources` (rules over the text, no model), the chart
from :mod:`framing.present.source_plots`, the marked article text from
:mod:`framing.present.quote_html` (escaped before any markup). Each quotation
in the list links to its place in the article shown beside it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from framing._dashboards import cached, state

from framing.discover.sources import quote_table, source_table, speaker_counts
from framing.present.plots import figure_png
from framing.present.quote_html import QUOTE_CSS, quotation_link_html, quoted_text_html
from framing.present.source_plots import speaker_chart
from framing.provenance import to_csv_with_provenance

TOP_SPEAKERS = 8
METHOD = "rules over the text (framing.text.attribution); speakers merged per article"


@st.cache_data(show_spinner="Finding who is quoted…", max_entries=32)
def _quotes(ckey: tuple, _articles) -> pd.DataFrame:
    return quote_table(_articles)


@st.cache_data(show_spinner=False, max_entries=32)
def _sources(ckey: tuple, lkey: tuple, _articles, _lexicons, _quotes: pd.DataFrame, _matches) -> pd.DataFrame:
    return source_table(_articles, _lexicons, quotes=_quotes, matches=_matches)


@st.cache_data(show_spinner=False, max_entries=32)
def _chart_png(ckey: tuple, _quotes: pd.DataFrame, _prov: dict) -> bytes:
    return figure_png(speaker_chart(speaker_counts(_quotes, top=TOP_SPEAKERS)), _prov)


def _link_label(row) -> str:
    words = " ".join(row.quotation.split())
    head = words if len(words) <= 70 else words[:68].rstrip() + "…"
    who = row.speaker or "no speaker found"
    return f"{who}{' · ' + row.verb if row.verb else ''}: “{head}”"


def _quotation_browser(articles, quotes: pd.DataFrame) -> None:
    """Pick an article: its quotations as links, and its text with each one marked."""
    with_quotes = [a for a in articles if (quotes["article"] == a.id).any()]
    if not with_quotes:
        st.info("None of these articles holds a direct quotation.")
        return
    # Plain labels as options (unique: the id is added to a repeated one), mapped back to articles.
    labels: dict[str, object] = {}
    for a in with_quotes:
        label = f"{a.outlet} — {a.title or a.id} ({int((quotes['article'] == a.id).sum())} quotations)"
        labels[label if label not in labels else f"{label} [{a.id}]"] = a
    picked = st.selectbox("Article", list(labels), key="sources_article")
    article = labels[picked]
    rows = quotes[quotes["article"] == article.id]
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.markdown("**Quotations** (click one to see it in the text)")
        items = "".join(f"<li>{quotation_link_html(article.id, row.start, _link_label(row))}</li>"
                        for row in rows.itertuples())
        st.html(f'<ol class="fr-q-list">{items}</ol>')
    with right:
        st.html(f'<div class="fr-text fr-q-text">{quoted_text_html(article.text, rows)}</div>')


def render() -> None:
    st.title("Sources", anchor=False)
    st.html(f"<style>{QUOTE_CSS}</style>")
    st.caption("Who each outlet quotes: every direct quotation with its speaker, the verb that introduces it "
               "and how the speaker was found (the same sentence, the sentence or paragraph before or after, "
               "or a pronoun resolved to the person named before). Short quoted labels are scare quotes, "
               "not quotations, and are left out; a quotation whose speaker the text does not name says so.")
    articles = state.corpus()
    if not articles:
        st.info("No articles: add some on the Add articles page.")
        return
    lexicons = state.active_lexicons()
    ckey, lkey = cached.corpus_key(articles), cached.lexicon_key(lexicons)
    quotes = _quotes(ckey, articles)
    table = _sources(ckey, lkey, articles, lexicons, quotes, cached.matches(articles, lexicons))
    prov = cached.prov(lexicons, method=METHOD)

    st.subheader("Per outlet", anchor=False)
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "quoted_share": st.column_config.NumberColumn("quoted share", format="%.3f",
                                                      help="share of the text inside direct quotations"),
        "verb_loadedness": st.column_config.NumberColumn("verb loadedness", format="%.2f",
                                                         help="mean weight of the reporting verbs in the "
                                                              "lexicons' attribution concept (said = 0)"),
        "loaded_quoted_share": st.column_config.NumberColumn(
            "loaded terms quoted", format="%.3f", help="share of the loaded terms that sit inside quotations"),
    })
    st.download_button("Download sources CSV", to_csv_with_provenance(table, prov), file_name="framing-sources.csv",
                       mime="text/csv", key="sources_csv", icon=":material/download:")

    st.subheader("Who each outlet quotes", anchor=False)
    if quotes.empty:
        st.info("No direct quotations in these articles.")
        return
    silent = [o for o in dict.fromkeys(a.outlet for a in articles) if not (quotes["outlet"] == o).any()]
    if silent:
        st.caption("No direct quotations: " + ", ".join(silent))
    png = _chart_png(ckey, quotes, prov)
    st.image(png, width="stretch")
    st.download_button("Download PNG", png, file_name="framing-speakers.png", mime="image/png",
                       key="sources_png", icon=":material/download:")

    st.subheader("Quotations", anchor=False)
    _quotation_browser(articles, quotes)
    st.download_button("Download quotations CSV", to_csv_with_provenance(quotes, prov),
                       file_name="framing-quotations.csv", mime="text/csv", key="sources_quotes_csv",
                       icon=":material/download:")


render()
