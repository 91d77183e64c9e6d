"""Distinctive terms: what sets a group's wording apart, found without a lexicon.

Fightin' Words log-odds with an informative Dirichlet prior
(:func:`framing.discover.logodds.distinctive_terms`, Monroe, Colaresi & Quinn 2008):
a Scattertext-style scatter (:func:`framing.present.term_plots.term_scatter`) and a
table per group; a chosen term's keyword-in-context lines per outlet with
their voices (:mod:`framing.discover.kwic`); and "add to lexicon", which grows a user
lexicon (:func:`framing.lexicon.edit.add_term_to_lexicon_toml`), saves it in
the store and makes it active at once.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from framing._dashboards import cached, state, style

from framing.article import KNOWN_FIELDS, Article
from framing.discover.kwic import DEFAULT_WIDTH, format_lines, kwic
from framing.lexicon.model import Axis, LexiconError, parse_lexicon
from framing.lexicon.edit import add_term_to_lexicon_toml, concept_id_from_label
from framing.discover.logodds import DEFAULT_MIN_COUNT, PRIORS, distinctive_terms, top_terms
from framing.present.plots import figure_png
from framing.present.term_plots import term_scatter
from framing.provenance import to_csv_with_provenance
from framing.discover.term_counts import group_of

MODE_REST, MODE_PAIR = "Each group against the rest", "One group against another"
NEW_LEXICON, NEW_CONCEPT, NO_AXIS = "(new user lexicon)", "(new concept)", "none (plain loaded)"
TOP = 15  # terms per side in the tables, labelled in the scatter
TABLE_COLUMNS = {"term": "term", "count_a": "count", "count_b": "count (other side)", "z": "z", "delta": "log-odds"}
FLASH = "fr_terms_flash"
PICK = "fr_terms_pick_lexicon"


def _group_fields(articles: tuple[Article, ...]) -> list[str]:
    """Fields every article has and that split the corpus into at least two groups."""
    fields = ["outlet", "alignment", *(f for f in KNOWN_FIELDS if f not in ("outlet", "alignment", "text", "id"))]
    if articles:
        common = set(articles[0].meta).intersection(*(a.meta for a in articles[1:]))
        fields += sorted(common)
    usable = []
    for field in dict.fromkeys(fields):
        try:
            if len({group_of(a, field) for a in articles}) >= 2:
                usable.append(field)
        except ValueError:
            continue
    return usable


@st.cache_data(show_spinner="Counting terms…", max_entries=16)
def _terms(ckey: tuple, params: tuple, _articles: tuple[Article, ...]) -> list[pd.DataFrame]:
    by, group, vs, ngram_range, min_count, prior = params
    return distinctive_terms(_articles, by=by, group=group, vs=vs, ngram_range=ngram_range,
                             min_count=min_count, prior=prior)


@st.cache_data(show_spinner="Drawing the scatter…", max_entries=32)
def _scatter_png(ckey: tuple, lkey: tuple, params: tuple, index: int, _result: pd.DataFrame, _prov: dict) -> bytes:
    return figure_png(term_scatter(_result, top=TOP), _prov)


@st.cache_data(show_spinner=False, max_entries=64)
def _kwic(ckey: tuple, lkey: tuple, term: str, width: int, _articles, _matches: pd.DataFrame) -> pd.DataFrame:
    return kwic(_articles, term, width=width, matches=_matches)


def _controls(articles: tuple[Article, ...]) -> tuple | None:
    """The comparison chosen: (by, group, vs, ngram_range, min_count, prior), or None."""
    fields = _group_fields(articles)
    if not fields:
        st.info("Every article has the same outlet and alignment: there are no two groups to compare. "
                "Add articles of another outlet on the Add articles page.")
        return None
    c1, c2, c3, c4, c5 = st.columns([1.3, 2.2, 1.3, 1, 1.2])
    by = c1.selectbox("Group by", fields, key="terms_by", help="An outlet, an alignment label or any metadata column.")
    mode = c2.radio("Compare", [MODE_REST, MODE_PAIR], key="terms_mode")
    ngram_range = c3.slider("Words per term", 1, 3, (1, 3), key="terms_ngram",
                            help="1 = single words; up to 3 = phrases of three words.")
    min_count = c4.number_input("Min count", 1, 100, DEFAULT_MIN_COUNT, key="terms_min_count",
                                help="Leave out terms seen fewer times in the two sides together.")
    prior = c5.radio("Prior", list(PRIORS), key="terms_prior",
                     help="Informative: the whole corpus's frequencies (Monroe et al. 2008); uniform: every term alike.")
    groups = list(dict.fromkeys(group_of(a, by) for a in articles))
    group = vs = None
    if mode == MODE_PAIR:
        g1, g2, _ = st.columns([2, 2, 3])
        group = g1.selectbox("Group", groups, key="terms_group")
        others = [g for g in groups if g != group]
        vs = g2.selectbox("against", others, key="terms_vs")
        if vs is None:
            return None
    return by, group, vs, tuple(int(n) for n in ngram_range), int(min_count), prior


def _tables(results: list[pd.DataFrame], pair: bool) -> None:
    tabs = st.tabs([str(r.attrs.get("group_a", "?")) for r in results])
    for tab, result in zip(tabs, results):
        a, b = result.attrs.get("group_a"), result.attrs.get("group_b")
        sides = [("a", a)] + ([("b", b)] if pair else [])
        with tab:
            columns = st.columns(len(sides), gap="large")
            for column, (side, name) in zip(columns, sides):
                table = top_terms(result, TOP, side=side)
                if side == "b":  # counts and z from the point of view of the side shown
                    table = table.rename(columns={"count_a": "count_b", "count_b": "count_a"})
                    table = table.assign(z=-table["z"], delta=-table["delta"])
                column.markdown(f"**{style.md_escape(name)}** against {style.md_escape(b if side == 'a' else a)}")
                if table.empty:
                    column.caption("No term is more frequent here than on the other side.")
                    continue
                column.dataframe(
                    table[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS), hide_index=True, width="stretch",
                    height=38 + 35 * len(table),
                    column_config={"z": st.column_config.NumberColumn(format="%.2f"),
                                   "log-odds": st.column_config.NumberColumn(format="%.3f")},
                )


def _kwic_section(articles, lexicons, results: list[pd.DataFrame], ckey, lkey) -> str | None:
    st.subheader("Keyword in context", anchor=False)
    ranked = pd.concat([r[["term", "z"]].assign(abs_z=r["z"].abs()) for r in results], ignore_index=True)
    ranked = ranked[ranked["abs_z"] > 0].sort_values("abs_z", ascending=False, kind="stable")
    options = list(dict.fromkeys(ranked["term"].head(300)))
    left, right = st.columns([3, 1])
    term = left.selectbox("Term", options, key="terms_term", accept_new_options=True,
                          help="The most distinctive terms first; type any word or phrase to look it up.")
    width = right.slider("Context (characters)", 20, 80, DEFAULT_WIDTH, step=5, key="terms_kwic_width")
    if not term:
        return None
    try:
        lines = _kwic(ckey, lkey, term, int(width), articles, cached.matches(articles, lexicons))
    except ValueError as exc:
        st.error(style.md_escape(str(exc)))
        return None
    if lines.empty:
        st.info(f"{style.md_escape(term)} does not occur in the articles.")
        return term
    voices = lines.groupby(["outlet", "voice"], sort=False).size()
    summary = "; ".join(
        f"{outlet}: " + ", ".join(f"{n} {voice.replace('_', '-')}" for (_, voice), n in group.items())
        for outlet, group in voices.groupby(level=0, sort=False)
    )
    st.caption(f"{len(lines)} occurrences. Voice per outlet — {style.md_escape(summary)}. "
               "authorial = the outlet's own words, quoted = someone it quotes, scare-quoted = set off in quotes.")
    st.code("\n".join(format_lines(lines, width=int(width))), language=None, height=min(420, 40 + 22 * (len(lines) + 4)))
    return term


def _weight_input(axis: Axis | None) -> float:
    if axis is None:
        return st.number_input("Weight (0 … 1: how loaded)", 0.0, 1.0, 0.5, step=0.1, key="terms_weight_plain")
    return st.number_input(f"Weight (−1 {axis.negative} … +1 {axis.positive})", -1.0, 1.0, 0.5, step=0.1,
                           key="terms_weight_axis")


def _add_to_lexicon(term: str | None, lexicons) -> None:
    st.subheader("Add to a lexicon", anchor=False)
    if not term:
        st.caption("Choose a term above first.")
        return
    custom = {lex.name: lex for lex in state.all_lexicons() if state.custom_lexicon_toml(lex.name) is not None}
    if PICK in st.session_state:  # the lexicon just created: chosen before its widget exists
        st.session_state["terms_lexicon"] = st.session_state.pop(PICK)
    c1, c2 = st.columns(2)
    choice = c1.selectbox("User lexicon", [*custom, NEW_LEXICON], key="terms_lexicon")
    lexicon = custom.get(choice)
    if lexicon is None:
        name = c2.text_input("Name of the new lexicon", key="terms_new_lexicon", placeholder="e.g. my-terms")
        concepts = {}
    else:
        name = lexicon.name
        concepts = {c.id: c for c in lexicon.concepts}
        c2.caption(f"{style.md_escape(lexicon.name)} {style.md_escape(lexicon.version)}: "
                   f"{len(lexicon.concepts)} concepts, {sum(len(c.terms) for c in lexicon.concepts)} terms")
    c3, c4, c5, c6 = st.columns(4)
    concept_id = c3.selectbox("Concept", [*concepts, NEW_CONCEPT], key="terms_concept",
                              format_func=lambda c: concepts[c].label if c in concepts else c)
    axes = {axis.id: axis for lex in lexicons for axis in lex.axes}
    if lexicon is not None:
        axes.update({axis.id: axis for axis in lexicon.axes})
    if concept_id in concepts:
        label = concepts[concept_id].label
        axis = axes.get(concepts[concept_id].axis) if concepts[concept_id].axis else None
        c4.caption("Axis: " + (style.md_escape(axis.label) if axis else "none (a plain loaded category)"))
        with c5:
            weight = _weight_input(axis)
    else:
        label = c4.text_input("New concept's label", key="terms_new_concept", placeholder="e.g. Street protest")
        axis_id = c5.selectbox("Axis", [NO_AXIS, *axes], key="terms_axis",
                               format_func=lambda a: axes[a].label if a in axes else a)
        axis = axes.get(axis_id)
        concept_id = concept_id_from_label(label) if label.strip() else ""
        with c6:
            weight = _weight_input(axis)
    if not st.button(f"Add “{term}” to the lexicon", key="terms_add", type="primary", icon=":material/add:"):
        return
    name = (name or "").strip()
    if not name:
        st.error("Give the new lexicon a name.")
        return
    if lexicon is None and any(lex.name == name for lex in state.all_lexicons()):
        st.error(f"A lexicon is already named {style.md_escape(name)}; choose it above or give another name.")
        return
    if not concept_id:
        st.error("Give the new concept a label.")
        return
    try:
        text = add_term_to_lexicon_toml(
            state.custom_lexicon_toml(name) if lexicon is not None else None,
            lexicon_name=name, concept_id=concept_id, concept_label=label, axis=axis, term=term,
            weight=round(float(weight), 3),
        )
        new = parse_lexicon(text, file=f"<user lexicon {name}>")
    except LexiconError as exc:
        for problem in exc.problems or [str(exc)]:
            st.error(style.md_escape(str(problem)))
        return
    error = state.add_custom_lexicon(new, text)
    if error:
        st.error(style.md_escape(error))
        return
    st.session_state[FLASH] = (f"Added “{style.md_escape(term)}” to {style.md_escape(new.name)} "
                               f"{style.md_escape(new.version)}; the lexicon is saved and active.")
    st.session_state[PICK] = new.name
    st.rerun()


def render() -> None:
    st.title("Distinctive terms", anchor=False)
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH))
    st.caption("Terms one group uses more than another, found without any lexicon: log-odds ratios with an "
               "informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, “Fightin' Words”). "
               "|z| above 1.96 is the rough 5 % threshold. Read the terms in context before calling them framing.")
    articles = state.corpus()
    lexicons = state.active_lexicons()
    params = _controls(articles)
    if params is None:
        return
    by, group, vs, ngram_range, min_count, prior = params
    ckey, lkey = cached.corpus_key(articles), cached.lexicon_key(lexicons)
    try:
        results = _terms(ckey, params, articles)
    except (ValueError, OverflowError) as exc:  # OverflowError: see termcounts with ngram_range (1, 1)
        st.error(f"Could not count the terms: {style.md_escape(str(exc) or type(exc).__name__)}")
        return
    prov = cached.prov(lexicons, by=by, comparison="each vs rest" if vs is None else f"{group} vs {vs}",
                      prior=prior, strength="n_a + n_b (default)", ngram_range=list(ngram_range),
                      min_count=min_count, top=TOP)

    report = results[0].attrs.get("boilerplate") or [] if results else []
    removed = sum(int(r["lines_removed"]) for r in report)
    st.caption(f"Boilerplate removal is on: {removed} lines that outlets repeat across their articles (newsletter "
               "prompts, captions, copyright lines), page furniture, bylines and outlets' own names were left out "
               "before counting.")
    st.subheader("Per group", anchor=False)
    _tables(results, pair=vs is not None)
    everything = pd.concat(results, ignore_index=True)
    st.download_button("Download all terms (CSV)", to_csv_with_provenance(everything, prov),
                       file_name=f"framing-terms-by-{by}.csv", mime="text/csv", key="terms_csv",
                       icon=":material/download:", on_click="ignore")

    st.subheader("Frequency against distinctiveness", anchor=False)
    names = [f"{r.attrs.get('group_a')} vs {r.attrs.get('group_b')}" for r in results]
    index = 0
    if len(results) > 1:
        index = st.selectbox("Comparison", range(len(results)), format_func=names.__getitem__, key="terms_plot")
    png = _scatter_png(ckey, lkey, params, index, results[index], prov)
    st.image(png, width="stretch")
    st.download_button("Download PNG", png, file_name=f"framing-terms-{index}.png", mime="image/png",
                       key="terms_png", icon=":material/download:", on_click="ignore")

    term = _kwic_section(articles, lexicons, results, ckey, lkey)
    _add_to_lexicon(term, lexicons)


render()
