"""What a printed classroom handout holds: passages, marks, concept table, questions.

The content is built here as plain data (no PDF library): for each chosen
article the excerpt a class can read on one page (its most loaded
paragraphs), every lexicon match in it with the frame it has *in the score*
(its effective weight: a scare-quoted term counts for the other pole, a
quoted source's words count zero), the concept table of the whole articles
(:func:`framing.present.compare.concept_summary`), and discussion questions
drawn from where the outlets' wordings differ. :mod:`framing.present.handout`
lays it out. Discussion prompts follow the comparison exercise of Entman
(1993), "Framing: toward clarification of a fractured paradigm",
J. Communication 43(4): what is made salient, and how it is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

import pandas as pd

from framing.article import Article
from framing.lexicon.model import Lexicon
from framing.present.compare import concept_summary, variant_counts
from framing.text.quotes import QUOTED, SCARE_QUOTED

#: Pole marks printed after a term: the frame it counts for, readable without colour.
POSITIVE, NEGATIVE, NEUTRAL, SOURCE, LOADED = "+", "\u2212", "0", "q", "L"
#: Characters of each article's excerpt, so that the passages fit side by side on one page.
DEFAULT_EXCERPT_CHARS = 1100
_PARAGRAPHS = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")


@dataclass(frozen=True)
class Mark:
    """One marked term of an excerpt, offsets relative to its paragraph."""

    start: int
    end: int
    surface: str
    canonical: str
    concept_label: str
    weight: float
    voice: str
    effective: float
    pole: str
    pole_label: str


@dataclass(frozen=True)
class Passage:
    """One article's excerpt: paragraphs (text and marks), with "[…]" where text was left out."""

    article: Article
    name: str
    paragraphs: tuple[tuple[str, tuple[Mark, ...]], ...]
    score: float | None

    @property
    def marks(self) -> list[Mark]:
        return [m for _, marks in self.paragraphs for m in marks]


@dataclass(frozen=True)
class HandoutContent:
    """Everything the handout prints, in order."""

    title: str
    story: str
    passages: list[Passage]
    concepts: pd.DataFrame
    questions: list[str]
    axis_labels: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def pole_of(weight: float, effective: float, voice: str, axis: object) -> str:
    """The mark of a match: which pole it counts for after its voice, or why it counts for none."""
    if axis is None or (isinstance(axis, float) and pd.isna(axis)) or axis == "":
        return LOADED if weight else NEUTRAL
    if effective > 0:
        return POSITIVE
    if effective < 0:
        return NEGATIVE
    return SOURCE if weight and voice == QUOTED else NEUTRAL


def _pole_label(pole: str, lexicon: Lexicon | None, axis: object) -> str:
    found = next((a for a in lexicon.axes if a.id == axis), None) if lexicon else None
    return {
        POSITIVE: found.positive if found else "positive pole",
        NEGATIVE: found.negative if found else "negative pole",
        SOURCE: "a source's words (count 0)",
        LOADED: "loaded, no side",
        NEUTRAL: "neutral wording",
    }[pole]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for found in _PARAGRAPHS.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def excerpt_spans(text: str, matches: pd.DataFrame, *, limit: int = DEFAULT_EXCERPT_CHARS) -> list[tuple[int, int]]:
    """The paragraphs to print: most loaded first until ``limit`` characters, in text order.

    A paragraph longer than ``limit`` on its own is cut after its last whole
    sentence within the limit.
    """
    # The outlet's own framing: loaded words that count (not a source's quoted words).
    loaded = matches[(matches["weight"] != 0) & (matches["effective_weight"] != 0)]
    scored = []
    for start, end in _paragraph_spans(text):
        inside = loaded[(loaded["start"] >= start) & (loaded["end"] <= end)]
        scored.append((-len(inside), start, end))
    chosen: list[tuple[int, int]] = []
    used = 0
    for n, start, end in sorted(scored):
        if n == 0 and chosen:
            break
        if used + (end - start) > limit:
            if chosen:
                continue
            cut = [m.end() for m in _SENTENCE_END.finditer(text, start, start + limit)]
            end = cut[-1] if cut else start + limit
        chosen.append((start, end))
        used += end - start
    return sorted(chosen)


def _marks(text: str, start: int, end: int, matches: pd.DataFrame, lexicons: dict[str, Lexicon]) -> tuple[Mark, ...]:
    inside = matches[(matches["start"] >= start) & (matches["end"] <= end)]
    rows = sorted(inside.to_dict("records"),
                  key=lambda r: (r["start"], pd.isna(r["axis"]) or r["axis"] is None, -(r["end"] - r["start"])))
    marks: list[Mark] = []
    last_end = -1
    for r in rows:
        if r["start"] < last_end:
            continue  # overlapping matches (two lexicons): the axis one, then the longest, is shown
        pole = pole_of(float(r["weight"]), float(r["effective_weight"]), r["voice"], r["axis"])
        marks.append(Mark(int(r["start"]) - start, int(r["end"]) - start, text[int(r["start"]):int(r["end"])],
                          str(r["canonical"]), str(r["concept_label"]), float(r["weight"]), str(r["voice"]),
                          float(r["effective_weight"]), pole, _pole_label(pole, lexicons.get(r["lexicon"]), r["axis"])))
        last_end = int(r["end"])
    return tuple(marks)


def _score(marks: list[Mark]) -> float | None:
    # As the axis score: the mean effective weight of the axis matches whose voice counts.
    counted = [m.effective for m in marks if m.pole in (POSITIVE, NEGATIVE, NEUTRAL) and m.voice != QUOTED]
    return sum(counted) / len(counted) if counted else None


def _concept_table(matches: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """concept_summary with the pole of each wording after it ("coup ×8 [+]"), for print without colour."""
    if matches.empty:
        return pd.DataFrame(columns=["lexicon", "concept", "concept_label", *names])
    table = concept_summary(matches, outlets=names)
    signs = {}
    for r in matches[["lexicon", "concept", "canonical", "weight", "axis"]].drop_duplicates().itertuples():
        no_axis = r.axis is None or (isinstance(r.axis, float) and pd.isna(r.axis))
        sign = "" if r.weight == 0 else " [L]" if no_axis else " [+]" if r.weight > 0 else f" [{NEGATIVE}]"
        signs[(r.lexicon, r.concept, r.canonical)] = sign
    for name in names:
        table[name] = [
            ", ".join(f"{part}{signs.get((lx, c, part.rsplit(' ×', 1)[0]), '')}" for part in str(cell).split(", "))
            if cell != "—" else cell
            for lx, c, cell in zip(table["lexicon"], table["concept"], table[name])]
    return table


def unit_names(articles: Sequence[Article]) -> list[str]:
    """Column names: the outlet, or "outlet (id)" where two articles share an outlet."""
    outlets = [a.outlet for a in articles]
    return [a.outlet if outlets.count(a.outlet) == 1 else f"{a.outlet} ({a.id})" for a in articles]


def _signed(value: float) -> str:
    # A real minus sign: "-0.90" is easy to misread on paper.
    return f"{value:+.2f}".replace("-", "\u2212")


def _questions(counts: pd.DataFrame, names: list[str], passages: list[Passage],
               axis_concepts: set) -> tuple[list[str], list[str]]:
    """Discussion questions, and the notes the answer key gives on them."""
    questions: list[str] = []
    notes: list[str] = []
    own = counts[counts["authorial"] > 0]
    for (lexicon, concept, label), group in own.groupby(["lexicon", "concept", "concept_label"], sort=False):
        if (lexicon, concept) not in axis_concepts:
            continue
        top = {o: g.sort_values(["authorial", "canonical"], ascending=[False, True])["canonical"].iloc[0]
               for o in names if not (g := group[group["outlet"] == o]).empty}
        if len(top) >= 2 and len(set(top.values())) >= 2:
            said = ", ".join(f"{o} writes “{v}”" for o, v in top.items() if o in names)
            questions.append(f"{label}: {said}. What does each wording suggest about who acted, "
                             "and whether it was legitimate?")
        if len(questions) == 2:
            break
    for passage in passages:
        scare = next((m for m in passage.marks if m.voice == SCARE_QUOTED and m.pole in (POSITIVE, NEGATIVE)), None)
        if scare:
            questions.append(f"{passage.name} puts “{scare.surface}” in quotation marks. Why would a writer "
                             "do that, and which side does the quoted word then favour?")
            notes.append(f"“{scare.surface}” on its own is {scare.canonical} ({_signed(scare.weight)}); in scare "
                         f"quotes it counts {_signed(scare.effective)}, for {scare.pole_label}: the writer keeps "
                         "the word at a distance.")
            break
    if any(m.voice == QUOTED and m.weight for p in passages for m in p.marks):
        questions.append("Find a loaded word inside a quotation of a source. Whose words are they, "
                         "and does the outlet make them its own?")
    questions.append("Rewrite one sentence of a passage in the other side's words. Which facts changed, "
                     "and which did not?")
    questions.append("Which passage reads as the most neutral to you? Compare your answer with the scores "
                     "in the answer key.")
    scored = [(abs(p.score), p) for p in passages if p.score is not None]
    if scored:
        closest = min(scored, key=lambda s: s[0])[1]
        notes.append(f"By the score, the excerpt closest to 0 is {closest.name}'s ({_signed(closest.score)}); "
                     "a score counts only the lexicon's words, not what a passage leaves out.")
    return questions, notes


def handout_content(
    articles: Sequence[Article],
    matches: pd.DataFrame,
    lexicons: Sequence[Lexicon],
    *,
    story: str = "",
    title: str = "",
    excerpt_chars: int = DEFAULT_EXCERPT_CHARS,
) -> HandoutContent:
    """Assemble the handout of 2 to 4 articles.

    Parameters
    ----------
    articles : sequence of Article
        The articles, in the order of the columns.
    matches : DataFrame
        Their :func:`framing.scoring.scores.match_table` (others' rows are ignored).
    lexicons : sequence of Lexicon
        The lexicons the matches come from (for the pole names).
    story, title : str
        Printed in the heading; the title defaults to the story's name.
    excerpt_chars : int
        Characters of each excerpt (at least 200).

    Returns
    -------
    HandoutContent

    Raises
    ------
    ValueError
        If fewer than 2 or more than 4 articles are given, or ``excerpt_chars`` is below 200.
    """
    if not 2 <= len(articles) <= 4:
        raise ValueError(f"a handout compares 2 to 4 articles, got {len(articles)}")
    if isinstance(excerpt_chars, bool) or not isinstance(excerpt_chars, int) or excerpt_chars < 200:
        raise ValueError(f"excerpt_chars must be an int of at least 200, got {excerpt_chars!r}")
    by_name = {lex.name: lex for lex in lexicons}
    names = unit_names(articles)
    passages = []
    for article, name in zip(articles, names):
        mine = matches[matches["article"] == article.id]
        paragraphs = []
        previous_end = None
        for start, end in excerpt_spans(article.text, mine, limit=excerpt_chars):
            skipped = article.text[previous_end or 0:start].strip()
            if skipped:
                paragraphs.append(("[…]", ()))
            paragraphs.append((article.text[start:end].strip("\n"), _marks(article.text, start, end, mine, by_name)))
            previous_end = end
        if previous_end is not None and article.text[previous_end:].strip():
            paragraphs.append(("[…]", ()))
        marks = [m for _, ms in paragraphs for m in ms]
        passages.append(Passage(article, name, tuple(paragraphs), _score(marks)))
    chosen = matches[matches["article"].isin([a.id for a in articles])]
    ids = dict(zip([a.id for a in articles], names))
    chosen = chosen.assign(outlet=chosen["article"].map(ids))
    axis_concepts = {(lex.name, c.id) for lex in lexicons for c in lex.concepts if c.axis}
    concepts = _concept_table(chosen, names)
    if not concepts.empty:
        # Axis concepts first: they are what the passages are compared on.
        concepts = concepts.assign(_axis=[(lx, c) in axis_concepts for lx, c in zip(concepts["lexicon"],
                                                                                 concepts["concept"])])
        concepts = concepts.sort_values("_axis", ascending=False, kind="stable").drop(columns="_axis")
    axes = [(a.label, a.negative, a.positive) for lex in lexicons for a in lex.axes]
    questions, notes = _questions(variant_counts(chosen), names, passages, axis_concepts)
    count = {2: "two", 3: "three", 4: "four"}[len(articles)]
    kind = "outlets" if len({a.outlet for a in articles}) == len(articles) else "articles"
    heading = title or (f"How {count} {kind} tell it: {story}" if story else f"How {count} {kind} tell it")
    return HandoutContent(heading, story, passages, concepts.reset_index(drop=True), questions, axes, notes)


__all__ = ["Mark", "Passage", "HandoutContent", "handout_content", "excerpt_spans", "pole_of", "unit_names",
           "POSITIVE", "NEGATIVE", "NEUTRAL", "SOURCE", "LOADED"]
