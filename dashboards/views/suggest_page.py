"""Suggest concepts: competing wordings found in the story's own articles, reviewed and saved as a lexicon.

Thin over :func:`framing.discover.suggest.suggest_concepts` (log-odds z of
Monroe, Colaresi & Quinn 2008; substitutes by PPMI + SVD context vectors,
Levy, Goldberg & Dagan 2015; boilerplate removed first). Each proposed
concept shows its evidence (counts per group, z, an example sentence from
each side); the reader accepts, edits (renames, drops a term, changes a
weight) or leaves it out, and the accepted ones are written as one lexicon
(:func:`framing.lexicon.draft.draft_toml`), validated, saved in the store and
made active for the current story at once.
"""

from __future__ import annotations

import streamlit as st
from framing._dashboards import cached, state, style

from framing.article import KNOWN_FIELDS, Article
from framing.discover.suggest import SuggestedConcept, suggest_concepts
from framing.discover.term_counts import group_of
from framing.lexicon.draft import DraftConcept, DraftTerm, draft_toml
from framing.lexicon.edit import concept_id_from_label, next_version
from framing.lexicon.model import LexiconError, parse_lexicon

FLASH = "fr_suggest_flash"
RESULT = "fr_suggest_result"
#: Widths of a concept's columns: keep, wording, weight, evidence. The wording
#: column fits "undocumented immigrants" word by word at 1024 px wide, and the
#: keep column its header, so neither breaks mid-word on a projector.
COLUMNS = (0.75, 2.5, 1.3, 4.45)


def _fields(articles: tuple[Article, ...]) -> list[str]:
    """Fields that split the articles into at least two groups."""
    fields = ["alignment", "outlet", *(f for f in KNOWN_FIELDS if f not in ("outlet", "alignment", "text", "id"))]
    if articles:
        fields += sorted(set(articles[0].meta).intersection(*(a.meta for a in articles[1:])))
    return [f for f in dict.fromkeys(fields) if len({group_of(a, f) for a in articles}) >= 2]


@st.cache_data(show_spinner="Finding competing wordings…", max_entries=8)
def _suggest(ckey: tuple, params: tuple, _articles: tuple[Article, ...]) -> list[SuggestedConcept]:
    by, negative, positive, top = params
    return suggest_concepts(_articles, by=by, negative=negative, positive=positive, top=top)


def _evidence(term, negative: str, positive: str) -> str:
    parts = [f"{negative} {term.count_neg} · {positive} {term.count_pos} · z {term.z:+.2f} · "
             f"similarity {term.similarity:.2f}"]
    if term.example_neg:
        parts.append(f"{negative}: “{term.example_neg}”")
    if term.example_pos:
        parts.append(f"{positive}: “{term.example_pos}”")
    return "  \n".join(style.md_escape(p) for p in parts)


def _review(concepts: list[SuggestedConcept], negative: str, positive: str, key: str) -> list[DraftConcept]:
    """One box per concept: accept, rename, keep or drop each term, change its weight."""
    accepted = []
    for i, concept in enumerate(concepts):
        with st.container(border=True):
            top = st.columns([0.8, 3, 1.2])
            take = top[0].checkbox("Accept", key=f"sg_{key}_{i}_take")
            label = top[1].text_input("Concept", concept.label, key=f"sg_{key}_{i}_label",
                                      label_visibility="collapsed")
            top[2].caption(f"divides by {concept.score:.2f}")
            terms = []
            head = st.columns(COLUMNS)
            for column, text in zip(head, ("keep", "wording", "weight", "evidence: counts, z, an example a side")):
                column.caption(text)
            for j, term in enumerate(concept.terms):
                row = st.columns(COLUMNS)
                keep = row[0].checkbox(f"keep {term.term}", True, key=f"sg_{key}_{i}_{j}_keep",
                                       label_visibility="collapsed")
                row[1].markdown(f"**{style.md_escape(term.term)}**")
                weight = row[2].number_input("weight", -1.0, 1.0, float(term.weight), step=0.05,
                                             key=f"sg_{key}_{i}_{j}_weight", label_visibility="collapsed")
                row[3].caption(_evidence(term, negative, positive))
                if keep:
                    terms.append(DraftTerm(term.term, round(float(weight), 3),
                                           (f"{negative} {term.count_neg}, {positive} {term.count_pos}, z {term.z:+.2f}",)))
            if take and terms:
                accepted.append(DraftConcept(id=concept_id_from_label(label or concept.id), label=label or concept.id,
                                             terms=tuple(terms)))
    return accepted


def _save(accepted: list[DraftConcept], name: str, by: str, negative: str, positive: str) -> None:
    if not accepted:
        st.error("Accept at least one concept (with at least one term kept) first.")
        return
    if not name.strip():
        st.error("Give the lexicon a name.")
        return
    ids: set[str] = set()
    unique = []
    for concept in accepted:  # two labels may give the same id
        cid, n = concept.id, 2
        while cid in ids:
            cid, n = f"{concept.id}_{n}", n + 1
        ids.add(cid)
        unique.append(DraftConcept(id=cid, label=concept.label, terms=concept.terms))
    axis_id = concept_id_from_label(f"{negative} {positive}")
    # Saving again under the same name makes the next version, as the terms page's edits do.
    previous = next((lex for lex in state.all_lexicons() if lex.name == name.strip()), None)
    version = next_version(previous.version) if previous is not None else "0.1.0"
    try:
        text = draft_toml(name=name.strip(), description=f"Concepts suggested from the story's articles by {by}, "
                          f"{negative} vs {positive}, reviewed on the dashboard.", axis_id=axis_id,
                          axis_label=f"{negative} vs {positive} usage", negative=f"{negative} usage",
                          positive=f"{positive} usage", concepts=unique, version=version)
        lexicon = parse_lexicon(text, file=f"<user lexicon {name}>")
    except (LexiconError, ValueError) as exc:
        for problem in getattr(exc, "problems", None) or [str(exc)]:
            st.error(style.md_escape(str(problem)))
        return
    if any(lex.name == lexicon.name for lex in state.all_lexicons()) and state.custom_lexicon_toml(lexicon.name) is None:
        st.error(f"A lexicon is already named {style.md_escape(lexicon.name)}; give another name.")
        return
    error = state.add_custom_lexicon(lexicon, text)
    if error:
        st.error(style.md_escape(error))
        return
    st.session_state[FLASH] = (f"Saved {style.md_escape(lexicon.name)} {style.md_escape(lexicon.version)} "
                               f"with {len(unique)} concepts; "
                               "it is active for this story now.")
    st.rerun()


def render() -> None:
    st.title("Suggest concepts", anchor=False)
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH))
    st.caption("Wordings of one thing that two groups choose differently, found in the articles alone: "
               "terms used in the same contexts (PPMI vectors reduced with SVD, Levy, Goldberg & Dagan 2015) whose "
               "use differs by group (log-odds z, Monroe, Colaresi & Quinn 2008); weight = tanh(z / 4), "
               "|z| < 1.96 neutral. Boilerplate (lines an outlet repeats, page furniture, its own name) is removed "
               "first. Read each suggestion before accepting it.")
    articles = state.corpus()
    fields = _fields(articles)
    if not fields:
        st.info("The articles do not split into two groups (outlet, alignment, ...). Add articles of another outlet.")
        return
    c1, c2, c3, c4 = st.columns([1.2, 1.5, 1.5, 1])
    by = c1.selectbox("Group by", fields, key="sg_by")
    groups = list(dict.fromkeys(group_of(a, by) for a in articles))
    negative = c2.selectbox("Weight −1", groups, key="sg_negative")
    positive = c3.selectbox("Weight +1", [g for g in groups if g != negative], key="sg_positive")
    top = int(c4.number_input("Concepts", 1, 50, 15, key="sg_top"))
    if st.button("Suggest concepts", key="sg_run", type="primary", icon=":material/auto_awesome:"):
        st.session_state[RESULT] = (by, negative, positive, top)
    params = st.session_state.get(RESULT)
    if not params or params[0] != by:
        return
    by, negative, positive, top = params
    try:
        concepts = _suggest(cached.corpus_key(articles), params, articles)
    except ValueError as exc:
        st.error(style.md_escape(str(exc)))
        return
    if not concepts:
        st.info("No concept found: the two groups may be too small or word things alike.")
        return
    key = f"{abs(hash(params)) % 10**8}"
    accepted = _review(concepts, negative, positive, key)
    st.subheader("Save the accepted concepts", anchor=False)
    story = state.current_story() or "corpus"
    name = st.text_input("Lexicon name", f"suggested-{story}-{negative}-{positive}".lower().replace(" ", "-"),
                         key="sg_name")
    if st.button(f"Save {len(accepted)} accepted concepts as a lexicon", key="sg_save", icon=":material/save:"):
        _save(accepted, name, by, negative, positive)


render()
