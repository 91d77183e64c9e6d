"""The concept table of Compare: which wording each one chose, in the colour of its effect.

One row per concept (those on an axis first, in lexicon order), one column
per outlet or article; a cell lists the variants with their counts
(:func:`framing.present.compare.concept_summary`) and is tinted with the pole
its terms count for on average: the mean effective weight of its matches
whose voice counts (the axis score's rule, README "Voice, and how scores are
computed"), in that axis's colours (:mod:`framing.present.palette`).

:func:`concept_table_html` returns an escaped HTML fragment; every string
from a lexicon or an article is escaped with :func:`html.escape` first.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from framing.lexicon.model import Lexicon
from framing.present.compare import concept_summary
from framing.present.highlight import escape_text
from framing.present.palette import axis_order, concept_cell_style

CONCEPT_TABLE_CSS = """
table.fr-concepts { border-collapse: collapse; width: 100%; font-size: 0.98rem; table-layout: fixed; }
table.fr-concepts th, table.fr-concepts td { border: 1px solid #ddd; padding: 0.3em 0.5em; vertical-align: top;
  overflow-wrap: anywhere; text-align: left; color: #111; }
table.fr-concepts th { background: #f4f4f4; font-weight: 600; }
table.fr-concepts td.fr-concept-name { font-weight: 600; }
"""


def ordered_concepts(table: pd.DataFrame, lexicons: Sequence[Lexicon]) -> pd.DataFrame:
    """Rows of a :func:`concept_summary` table with the concepts on an axis first, in lexicon order."""
    rank = {(lex.name, c.id): (c.axis is None, i, j)
            for i, lex in enumerate(lexicons) for j, c in enumerate(lex.concepts)}
    order = sorted(range(len(table)), key=lambda k: rank.get(
        (table["lexicon"].iloc[k], table["concept"].iloc[k]), (True, len(rank), k)))
    return table.iloc[order].reset_index(drop=True)


def cell_effects(matches: pd.DataFrame) -> dict[tuple[str, str, str], float]:
    """Mean effective weight per ``(lexicon, concept, outlet)``, over the matches whose voice counts.

    A match whose voice factor is zero (quoted speech by default) has an
    effective weight of 0 while its weight is not; it is left out, as in the
    axis score. Matches on no axis are left out too (they have no pole).
    """
    if matches.empty:
        return {}
    counted = matches[matches["axis"].notna() & (matches["axis"] != "")
                      & ~((matches["effective_weight"] == 0) & (matches["weight"] != 0))]
    means = counted.groupby(["lexicon", "concept", "outlet"])["effective_weight"].mean()
    return {key: float(value) for key, value in means.items()}


def concept_table_html(matches: pd.DataFrame, outlets: Sequence[str], lexicons: Sequence[Lexicon]) -> str:
    """The concept table as an HTML ``<table>``, cells tinted by the pole they count for.

    Parameters
    ----------
    matches : DataFrame
        A :func:`framing.scoring.scores.match_table` whose ``outlet`` column
        holds the column names (outlets, or articles' short names).
    outlets : sequence of str
        The columns, in order.
    lexicons : sequence of Lexicon
        The active lexicons: concept order and each axis's colour pair.

    Returns
    -------
    str
        ``<table class="fr-concepts">``; each cell's ``title`` gives the mean
        effective weight, and ``data-effect`` its sign (``+``, ``-`` or empty).
    """
    table = ordered_concepts(concept_summary(matches, outlets=outlets), lexicons)
    effects = cell_effects(matches)
    axes = axis_order(lexicons)
    concept_axis = {(lex.name, c.id): c.axis for lex in lexicons for c in lex.concepts}
    head = "".join(f"<th>{escape_text(o)}</th>" for o in outlets)
    rows = [f'<table class="fr-concepts"><thead><tr><th>Concept</th>{head}</tr></thead><tbody>']
    for row in table.to_dict("records"):
        axis = concept_axis.get((row["lexicon"], row["concept"]))
        cells = [f'<td class="fr-concept-name">{escape_text(row["concept_label"])}</td>']
        for outlet in outlets:
            effect = effects.get((row["lexicon"], row["concept"], outlet))
            style = concept_cell_style(effect, axes.get(axis) if axis else None)
            sign = "" if not effect else ("+" if effect > 0 else "-")
            title = f"mean effective weight {effect:+.2f}" if effect is not None else "no counted term"
            cells.append(f'<td style="{escape_text(style)}" data-effect="{sign}" title="{escape_text(title)}">'
                         f"{escape_text(row[outlet])}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append("</tbody></table>")
    return "".join(rows)
