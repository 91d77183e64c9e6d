"""Passages of a handout as ReportLab paragraph markup, marked for black-and-white print.

A photocopy loses colour, so each marked term carries two cues that survive
it: a type style and a bracketed pole mark after the word.

======================  ==================  ===========================
counts for               style               mark
======================  ==================  ===========================
the positive pole        **bold**            ``[+]``
the negative pole        underlined          ``[−]``
a source's words (0)     *italic*            ``[q]``
loaded, no side          bold italic         ``[L]``
neutral wording          *italic*            none
======================  ==================  ===========================

A scare-quoted term is marked by the pole it *counts* for (its effective
weight: the quote marks invert it) with ``s`` added to its mark (``[+s]``),
so a reader sees both that it was flipped and where it ended up.

ReportLab's :class:`~reportlab.platypus.Paragraph` parses an XML-like markup
(``<b>``, ``<u>``, ``<font>``), so every piece of article text is escaped with
:func:`xml.sax.saxutils.escape` before it is wrapped in tags: a ``<script>``
or a bare ``&`` in an article prints as written.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from framing.present.handout_content import LOADED, NEGATIVE, NEUTRAL, POSITIVE, SOURCE, Mark
from framing.text.quotes import SCARE_QUOTED

_STYLE = {
    POSITIVE: ("<b>", "</b>"),
    NEGATIVE: ("<u>", "</u>"),
    SOURCE: ("<i>", "</i>"),
    LOADED: ("<b><i>", "</i></b>"),
    NEUTRAL: ("<i>", "</i>"),
}


def text_markup(text: str) -> str:
    """Escape article text for a Paragraph, keeping its line breaks."""
    return escape(text).replace("\n", "<br/>")


def mark_label(mark: Mark) -> str:
    """The bracketed mark printed after a term ("[+]", "[−s]"), or "" for a neutral wording."""
    if mark.pole == NEUTRAL:
        return ""
    flipped = "s" if mark.voice == SCARE_QUOTED and mark.pole in (POSITIVE, NEGATIVE) else ""
    return f"[{mark.pole}{flipped}]"


def passage_markup(text: str, marks: tuple[Mark, ...] | list[Mark]) -> str:
    """One paragraph as Paragraph markup with every mark styled and labelled.

    Parameters
    ----------
    text : str
        The paragraph as printed.
    marks : sequence of Mark
        Its marks, offsets relative to ``text``, not overlapping.

    Returns
    -------
    str
        Escaped text with ``<b>``/``<u>``/``<i>`` around the terms and a
        superscript mark after each.
    """
    pieces = []
    pos = 0
    for mark in sorted(marks, key=lambda m: m.start):
        if mark.start < pos:
            continue
        pieces.append(text_markup(text[pos:mark.start]))
        opening, closing = _STYLE[mark.pole]
        label = mark_label(mark)
        pieces.append(f"{opening}{text_markup(text[mark.start:mark.end])}{closing}")
        if label:
            pieces.append(f"<super><font size=\"6\">{escape(label)}</font></super>")
        pos = mark.end
    pieces.append(text_markup(text[pos:]))
    return "".join(pieces)


def legend_lines(axis_labels: list[tuple[str, str, str]]) -> list[str]:
    """The key to the marks, as Paragraph markup lines (one per cue)."""
    if axis_labels:
        label, negative, positive = axis_labels[0]
        named = f" on “{escape(label)}”"
    else:
        named, negative, positive = "", "negative pole", "positive pole"
    return [
        f"<b>bold</b> [+]: counts for {escape(positive)}{named}",
        f"<u>underlined</u> [\u2212]: counts for {escape(negative)}",
        "<i>italic</i> [q]: a loaded word in a source's quotation (counts 0); <i>italic</i> alone: a neutral wording",
        "<b><i>bold italic</i></b> [L]: a loaded word that takes no side",
        "s in the mark ([+s], [\u2212s]): in scare quotes, which turn the word round: "
        "it counts for the other side",
    ]


__all__ = ["text_markup", "mark_label", "passage_markup", "legend_lines"]
