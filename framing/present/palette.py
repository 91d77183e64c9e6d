"""Colours and non-colour cues of the highlighted poles, one pair of colours per axis.

A mark is coloured by the frame it has in the score: the sign of its
*effective* weight (weight × voice factor), so a scare-quoted "interim
president" (weight −0.8, factor −1) is shown on the pro-government pole it
counts for, and the quote style (a ‘’ badge and a ⇄ marker) says the frame
was flipped. Quoted speech (factor 0) keeps the colour of the source's
frame, in italics, since it is the source's word and counts for nobody.

Each axis of the active lexicons gets its own pair, so with two axes on a
page a blue term of one never reads as the other's. The pairs come from the
Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design") and Paul
Tol's qualitative schemes (Tol 2021, "Colour Schemes", SRON/EPS/TN/09-002),
chosen so that within a pair the colours differ in lightness as well as hue:
``tests/present/test_palette.py`` simulates protanopia, deuteranopia and
tritanopia (Machado, Oliveira & Fernandes 2009, through ``colorspacious``)
and checks the CAM02-UCS distance between the two poles of each pair.
Colour is never the only cue: the positive pole is underlined solid, the
negative pole dashed (:data:`POLE_UNDERLINES`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from framing.lexicon.model import Lexicon


@dataclass(frozen=True)
class Swatch:
    """One pole's colours: ``strong`` for underlines and bars, ``tint`` behind black text."""

    strong: str
    tint: str


@dataclass(frozen=True)
class PolePair:
    """The colours of one axis: its negative and its positive pole."""

    negative: Swatch
    positive: Swatch


#: One pair per axis, in the order axes appear in the active lexicons; the
#: first is the Okabe-Ito blue and orange used since the first dashboard.
AXIS_PAIRS: tuple[PolePair, ...] = (
    PolePair(Swatch("#0072B2", "#B5DDF7"), Swatch("#E69F00", "#FFD98A")),  # blue / orange
    PolePair(Swatch("#332288", "#BBB1EA"), Swatch("#999933", "#EEEEB4")),  # indigo / olive (Tol)
    PolePair(Swatch("#882255", "#DCA5C4"), Swatch("#DDAA33", "#F7E8B2")),  # wine / sand (Tol)
)
NEUTRAL = Swatch("#6B6B6B", "#E4E4E4")
LOADED = Swatch("#CC79A7", "#F4D2E6")  # reddish purple: loaded terms on no axis

#: The non-colour cue of each pole: CSS ``border-bottom-style`` of the mark.
POLE_UNDERLINES = {"positive": "solid", "negative": "dashed", "neutral": "dotted"}

#: Shown after a scare-quoted mark whose frame the quotes inverted.
FLIPPED_MARKER = "\u21c4"  # ⇄


def axis_order(lexicons: Sequence[Lexicon]) -> dict[str, int]:
    """Index of each axis id among the lexicons' axes (first seen first)."""
    order: dict[str, int] = {}
    for lexicon in lexicons:
        for axis in lexicon.axes:
            order.setdefault(axis.id, len(order))
    return order


def axis_pair(index: int) -> PolePair:
    """The colour pair of the axis at ``index`` (pairs repeat past :data:`AXIS_PAIRS`).

    Raises
    ------
    ValueError
        If ``index`` is negative.
    """
    if index < 0:
        raise ValueError(f"axis index must be 0 or more, got {index}")
    return AXIS_PAIRS[index % len(AXIS_PAIRS)]


def pole_of(weight: float) -> str:
    """``positive``, ``negative`` or ``neutral`` for a (possibly effective) weight."""
    if weight > 0:
        return "positive"
    if weight < 0:
        return "negative"
    return "neutral"


def palette_css() -> str:
    """CSS for the pole classes: ``fr-pos``/``fr-neg`` (axis 0) and ``fr-axN`` for the others.

    Every axis index of :data:`AXIS_PAIRS` gets a class ``fr-axN``; marks of
    axis 0 need none, so a fragment made for one axis reads the same as before.
    """
    rules = [
        f"mark.fr-pos {{ background: {AXIS_PAIRS[0].positive.tint}; border-bottom: 3px {POLE_UNDERLINES['positive']} "
        f"{AXIS_PAIRS[0].positive.strong}; }}",
        f"mark.fr-neg {{ background: {AXIS_PAIRS[0].negative.tint}; border-bottom: 3px {POLE_UNDERLINES['negative']} "
        f"{AXIS_PAIRS[0].negative.strong}; }}",
        f"mark.fr-neu {{ background: {NEUTRAL.tint}; border-bottom: 2px {POLE_UNDERLINES['neutral']} {NEUTRAL.strong}; }}",
        f"mark.fr-loaded {{ background: {LOADED.tint}; border-bottom: 3px solid {LOADED.strong}; }}",
    ]
    for index, pair in enumerate(AXIS_PAIRS[1:], start=1):
        rules.append(f"mark.fr-ax{index}.fr-pos {{ background: {pair.positive.tint}; "
                     f"border-bottom-color: {pair.positive.strong}; }}")
        rules.append(f"mark.fr-ax{index}.fr-neg {{ background: {pair.negative.tint}; "
                     f"border-bottom-color: {pair.negative.strong}; }}")
    return "\n".join(rules)


def concept_cell_style(effective_mean: float | None, axis_index: int | None) -> str:
    """CSS for a concept-table cell: the tint of the pole its terms count for, on average.

    ``None`` (no counted term, or a concept on no axis) leaves the cell plain.
    """
    if effective_mean is None or axis_index is None or effective_mean == 0:
        return ""
    pair = axis_pair(axis_index)
    swatch = pair.positive if effective_mean > 0 else pair.negative
    style = POLE_UNDERLINES[pole_of(effective_mean)]
    return f"background-color: {swatch.tint}; border-bottom: 3px {style} {swatch.strong}; color: #111"
