"""Side by side: which wording each outlet chose for each concept.

These functions take a :func:`framing.scoring.scores.match_table` and return tables
and text for the terminal and the dashboard: the variants each outlet used
per concept with counts ("the events of 30 April: teleSUR coup ×12,
ZeroHedge uprising ×3"), and example sentences with the term marked.
"""

from __future__ import annotations

import textwrap
from typing import Sequence

import pandas as pd

from framing.text.quotes import AUTHORIAL, VOICES

VOICE_MARKS = {AUTHORIAL: "", "quoted": " (quoted)", "scare_quoted": " (scare-quoted)"}


def variant_counts(matches: pd.DataFrame) -> pd.DataFrame:
    """Count each variant per concept and outlet, split by voice.

    Returns
    -------
    DataFrame
        Columns ``lexicon, concept, concept_label, outlet, canonical, weight,
        count, authorial, quoted, scare_quoted``, most used variant first.
    """
    columns = ["lexicon", "concept", "concept_label", "outlet", "canonical", "weight"]
    if matches.empty:
        return pd.DataFrame(columns=[*columns, "count", *VOICES])
    by_voice = matches.groupby([*columns, "voice"]).size().unstack("voice", fill_value=0)
    for voice in VOICES:
        if voice not in by_voice:
            by_voice[voice] = 0
    table = by_voice[list(VOICES)].reset_index()
    table.insert(len(columns), "count", table[list(VOICES)].sum(axis=1))
    table.columns.name = None
    return table.sort_values(["lexicon", "concept", "outlet", "count", "canonical"],
                             ascending=[True, True, True, False, True]).reset_index(drop=True)


def concept_summary(matches: pd.DataFrame, outlets: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per concept, one column per outlet: ``"coup ×12, coup attempt ×8"``.

    Parameters
    ----------
    matches : DataFrame
        A match table.
    outlets : sequence of str, optional
        Column order; default the order outlets first appear in ``matches``.
    """
    counts = variant_counts(matches)
    if outlets is None:
        outlets = list(dict.fromkeys(matches["outlet"])) if not matches.empty else []
    rows = []
    for (lexicon, concept, label), group in counts.groupby(["lexicon", "concept", "concept_label"], sort=False):
        row = {"lexicon": lexicon, "concept": concept, "concept_label": label}
        for outlet in outlets:
            mine = group[group["outlet"] == outlet]
            row[outlet] = ", ".join(f"{r.canonical} ×{r.count}" for r in mine.itertuples()) or "—"
        rows.append(row)
    return pd.DataFrame(rows, columns=["lexicon", "concept", "concept_label", *outlets])


def mark_term(sentence: str, start: int, end: int, *, left: str = "[", right: str = "]") -> str:
    """Return ``sentence`` with ``[start, end)`` (sentence offsets) wrapped in markers."""
    return sentence[:start] + left + sentence[start:end] + right + sentence[end:]


def example_sentences(matches: pd.DataFrame, *, left: str = "[", right: str = "]") -> pd.DataFrame:
    """One example per concept and outlet: the outlet's most used variant, own voice first.

    Returns
    -------
    DataFrame
        Columns ``lexicon, concept, outlet, canonical, voice, sentence`` with
        the term marked in ``sentence``.
    """
    if matches.empty:
        return pd.DataFrame(columns=["lexicon", "concept", "outlet", "canonical", "voice", "sentence"])
    frequency = matches.groupby(["lexicon", "concept", "outlet", "canonical"]).size().rename("frequency")
    ranked = matches.join(frequency, on=["lexicon", "concept", "outlet", "canonical"]).assign(
        own_voice=lambda f: f["voice"] != AUTHORIAL
    )
    best = ranked.sort_values(["own_voice", "frequency", "start"], ascending=[True, False, True]).drop_duplicates(
        ["lexicon", "concept", "outlet"]
    )
    rows = []
    for r in best.itertuples():
        offset = r.start - r.sentence_start
        rows.append(
            {
                "lexicon": r.lexicon,
                "concept": r.concept,
                "outlet": r.outlet,
                "canonical": r.canonical,
                "voice": r.voice,
                "sentence": mark_term(r.sentence, offset, offset + (r.end - r.start), left=left, right=right),
            }
        )
    return pd.DataFrame(rows)


def _voice_note(quoted: int, scare_quoted: int) -> str:
    parts = [f"{quoted} quoted"] if quoted else []
    parts += [f"{scare_quoted} scare-quoted"] if scare_quoted else []
    return f" ({', '.join(parts)})" if parts else ""


def render_compare(matches: pd.DataFrame, *, width: int = 100, outlets: Sequence[str] | None = None) -> str:
    """Render the side-by-side comparison as plain text for a terminal.

    For each concept: a line per outlet with the variants it used and their
    counts, then one example sentence per outlet with the term in brackets.
    """
    if matches.empty:
        return "No lexicon term matched in these articles.\n"
    counts = variant_counts(matches)
    examples = example_sentences(matches).set_index(["lexicon", "concept", "outlet"])
    if outlets is None:
        outlets = list(dict.fromkeys(matches["outlet"]))
    name_width = max(len(o) for o in outlets) + 2
    lines: list[str] = []
    for (lexicon, concept, label), group in counts.groupby(["lexicon", "concept", "concept_label"], sort=False):
        lines.append(f"== {label} ({lexicon}: {concept}) ==")
        for outlet in outlets:
            mine = group[group["outlet"] == outlet]
            variants = ", ".join(f"{r.canonical} ×{r.count}{_voice_note(r.quoted, r.scare_quoted)}" for r in mine.itertuples())
            lines.append(f"  {outlet:<{name_width}}{variants or '—'}")
        for outlet in outlets:
            key = (lexicon, concept, outlet)
            if key in examples.index:
                ex = examples.loc[key]
                text = " ".join(str(ex["sentence"]).split())
                wrapped = textwrap.fill(
                    f"{outlet}{VOICE_MARKS[ex['voice']]}: {text}",
                    width=width, initial_indent="    ", subsequent_indent="      ",
                )
                lines.append(wrapped)
        lines.append("")
    return "\n".join(lines)
