"""Article text as HTML with every lexicon match highlighted by pole and voice.

The dashboard shows texts side by side with each loaded term coloured by the
pole it leans to, so :func:`highlight_html` returns an HTML *fragment* (``p``,
``br``, ``mark`` and nothing else) that a page places inside its own layout,
and :data:`HIGHLIGHT_CSS` styles it.

Safety comes first: every piece of article text and every lexicon string is
escaped with :func:`html.escape` (``quote=True``) *before* markup is added,
and the only tags written are fixed strings of this module, so pasted text
such as ``<script>`` shows as text and never runs (OWASP Cross Site Scripting
Prevention Cheat Sheet, rules #1 and #2: escape element content and attribute
values).

A mark's colour is the frame it has in the score, after voice
(:mod:`framing.present.palette`): the pole of its effective weight, in its
axis's own pair of colours (the first axis blue and orange), grey for the
neutral reference wording, reddish purple for loaded terms on no axis. A
scare-quoted term whose quotes invert it is shown on the pole it counts for,
with a dashed outline, a ‘’ badge and a ⇄ marker saying it was flipped;
quoted speech (which counts for nobody) keeps the source's frame, in italics.
The pole also has a cue that is not colour: a solid underline for the
positive pole, a dashed one for the negative.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Mapping, Sequence

import pandas as pd

from framing.lexicon.model import Lexicon
from framing.present.palette import AXIS_PAIRS, FLIPPED_MARKER, LOADED, NEUTRAL, axis_order, palette_css
from framing.scoring.scores import DEFAULT_VOICE_FACTORS
from framing.text.quotes import AUTHORIAL, QUOTED, SCARE_QUOTED, VOICES

#: Okabe-Ito colours shared with :mod:`framing.present.plots` (strong, for borders and bars).
NEGATIVE_COLOUR = AXIS_PAIRS[0].negative.strong  # blue
POSITIVE_COLOUR = AXIS_PAIRS[0].positive.strong  # orange
NEUTRAL_COLOUR = NEUTRAL.strong  # grey
LOADED_COLOUR = LOADED.strong  # reddish purple
CHANGED_COLOUR = "#009E73"  # bluish green

#: Columns :func:`highlight_html` needs in its match table.
REQUIRED_COLUMNS = ("start", "end", "lexicon", "concept", "concept_label", "axis", "canonical", "weight", "voice")

HIGHLIGHT_CSS = f"""
p.fr-p {{ font-size: 1.2rem; line-height: 1.75; color: #111; margin: 0 0 0.9em 0; }}
mark.fr-term {{ color: #111; border-radius: 3px; padding: 0.05em 0.15em;
  border-bottom: 3px solid transparent; cursor: help; }}
.fr-legend-note {{ font-size: 0.95rem; color: #333; }}
{palette_css()}
mark.fr-v-scare_quoted {{ outline: 2px dashed #222; outline-offset: 1px; }}
mark.fr-v-scare_quoted::after {{ content: "\u2018\u2019"; font-family: Georgia, serif;
  font-size: 1.25em; font-weight: 900; font-style: normal; color: #000; line-height: 1;
  margin-left: 0.12em; vertical-align: -0.15em; }}
mark.fr-v-quoted {{ font-style: italic; }}
mark.fr-flipped::before {{ content: "{FLIPPED_MARKER}"; font-weight: 700; font-style: normal; color: #000;
  margin-right: 0.15em; }}
mark.fr-changed {{ outline: 3px solid {CHANGED_COLOUR}; outline-offset: 1px; margin: 0 0.15em; }}
mark.fr-changed:not(.fr-term) {{ color: #111; background: #BDEBDB; border-radius: 3px;
  padding: 0.05em 0.15em; }}
.fr-legend {{ font-size: 1.05rem; line-height: 2.2; color: #111; margin: 0.3em 0 1em 0; }}
.fr-legend .fr-legend-item {{ margin-right: 1.2em; white-space: nowrap; }}
.fr-legend .fr-legend-axis {{ font-weight: 700; margin-right: 0.6em; }}
"""

_VOICE_LABELS = {AUTHORIAL: "authorial", QUOTED: "quoted", SCARE_QUOTED: "scare-quoted"}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def escape_text(text: str) -> str:
    """Escape text for HTML element content or a quoted attribute value.

    ``&``, ``<``, ``>``, ``"`` and ``'`` are replaced (:func:`html.escape`
    with ``quote=True``), so the result is safe in both places.
    """
    return html.escape(str(text), quote=True)


def _attrs(attributes: Mapping[str, str]) -> str:
    # Names are fixed strings of this module; only values can come from users.
    return "".join(f' {name}="{escape_text(value)}"' for name, value in attributes.items())


def _content(text: str) -> str:
    """Escape a stretch of a paragraph; its line breaks become ``<br>``."""
    escaped = escape_text(text).replace("\r\n", "\n").replace("\r", "\n")
    return escaped.replace("\n", "<br>\n")


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs (blank-line separated), surrounding space trimmed."""
    bounds = []
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            bounds.append((s, e))
        if brk:
            start = brk.end()
    return bounds


def spans_html(text: str, spans: Iterable[tuple[int, int, Mapping[str, str]]]) -> str:
    """Render text as ``<p>`` paragraphs with ``<mark>`` around the given spans.

    Parameters
    ----------
    text : str
        The plain text (escaped here).
    spans : iterable of (start, end, attributes)
        Non-overlapping spans of ``text``; ``attributes`` become the mark's
        attributes, their values escaped. A span that crosses a paragraph
        break is split into one mark per paragraph, so the markup stays well
        formed.

    Raises
    ------
    ValueError
        If a span is empty, lies outside the text or overlaps another.
    """
    ordered = sorted(spans, key=lambda s: (s[0], s[1]))
    previous_end = 0
    for start, end, _ in ordered:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span ({start}, {end}) is not inside the text of length {len(text)}")
        if start < previous_end:
            raise ValueError(f"span ({start}, {end}) overlaps the span before it (ending at {previous_end})")
        previous_end = end
    out = []
    for p_start, p_end in paragraph_bounds(text):
        pieces = ['<p class="fr-p">']
        pos = p_start
        for start, end, attributes in ordered:
            s, e = max(start, p_start), min(end, p_end)
            if s >= e:
                continue
            pieces.append(_content(text[pos:s]))
            pieces.append(f"<mark{_attrs(attributes)}>{_content(text[s:e])}</mark>")
            pos = e
        pieces.append(_content(text[pos:p_end]))
        pieces.append("</p>")
        out.append("".join(pieces))
    return "\n".join(out)


def _format_weight(weight: float) -> str:
    # A real minus sign: "-0.80" is easy to miss on a projector.
    return f"{weight:+.2f}".replace("-", "\u2212")


def _pole(lexicons: Mapping[str, Lexicon], lexicon: str, axis: str | None, weight: float) -> str:
    if weight == 0:
        return "neutral"
    if axis is None:
        return "loaded"
    try:
        found = lexicons[lexicon].axis(axis)
    except KeyError:  # a match table from a lexicon not passed in
        return "positive pole" if weight > 0 else "negative pole"
    return found.positive if weight > 0 else found.negative


def _pole_class(axis: str | None, weight: float) -> str:
    if weight == 0:
        return "fr-neu"
    if axis is None:
        return "fr-loaded"
    return "fr-pos" if weight > 0 else "fr-neg"


def effective_weight(row: Mapping) -> float:
    """The weight a match has in the score: its ``effective_weight`` column, else weight × default voice factor."""
    value = row.get("effective_weight")
    if value is None or pd.isna(value):
        return float(row["weight"]) * DEFAULT_VOICE_FACTORS.get(row["voice"], 1.0)
    return float(value)


def shown_weight(row: Mapping) -> float:
    """The weight whose pole colours a mark: the effective one, or the source's own where it counts nothing.

    Quoted speech has factor 0 by default: it is the source's frame, not the
    outlet's, so it keeps that frame's colour (and is set in italics).
    """
    effective = effective_weight(row)
    return effective if effective != 0 else float(row["weight"])


def is_flipped(row: Mapping) -> bool:
    """True when the voice turned the term's frame to the other pole (scare quotes)."""
    return float(row["weight"]) * effective_weight(row) < 0


def _row_title(row: Mapping, lexicons: Mapping[str, Lexicon]) -> str:
    parts = [row["concept_label"], row["canonical"], _format_weight(row["weight"]),
             _VOICE_LABELS[row["voice"]], _pole(lexicons, row["lexicon"], row["axis"], row["weight"])]
    effective = effective_weight(row)
    if effective != row["weight"]:
        counts = f"counts {_format_weight(effective)}"
        if effective != 0 and row["weight"] != 0:
            counts += f": {_pole(lexicons, row['lexicon'], row['axis'], effective)}"
        parts.append(counts)
    return " · ".join(str(p) for p in parts)


def _clusters(rows: list[dict]) -> list[list[dict]]:
    """Group matches whose spans overlap (transitively) into one cluster each."""
    clusters: list[list[dict]] = []
    cluster_end = -1
    for row in sorted(rows, key=lambda r: (r["start"], -r["end"])):
        if clusters and row["start"] < cluster_end:
            clusters[-1].append(row)
            cluster_end = max(cluster_end, row["end"])
        else:
            clusters.append([row])
            cluster_end = row["end"]
    return clusters


def _truthy(value: object) -> bool:
    # A missing value (NaN after a merge) is not a change.
    return value is not None and not pd.isna(value) and bool(value)


def _primary(cluster: list[dict]) -> dict:
    # The colour comes from an axis match if there is one (the axis is what the
    # page compares), then from the longest span, then the most loaded term.
    return max(cluster, key=lambda r: (r["axis"] is not None, r["end"] - r["start"], abs(r["weight"])))


def _check_matches(text: str, matches: pd.DataFrame) -> list[dict]:
    missing = [c for c in REQUIRED_COLUMNS if c not in matches.columns]
    if missing:
        raise ValueError(f"matches lacks column(s) {', '.join(missing)}; needed: {', '.join(REQUIRED_COLUMNS)}")
    rows = []
    for row in matches.to_dict("records"):
        start, end = int(row["start"]), int(row["end"])
        if not 0 <= start < end <= len(text):
            raise ValueError(
                f"match span ({start}, {end}) of {row['canonical']!r} is outside the text "
                f"(length {len(text)}): pass the matches of this text only"
            )
        if row["voice"] not in VOICES:
            raise ValueError(f"unknown voice {row['voice']!r}; allowed: {', '.join(VOICES)}")
        axis = row["axis"]
        rows.append({**row, "start": start, "end": end, "weight": float(row["weight"]),
                     "axis": None if axis is None or pd.isna(axis) or axis == "" else str(axis)})
    return rows


def highlight_html(text: str, matches: pd.DataFrame, lexicons: Sequence[Lexicon], *, changed: bool = False) -> str:
    """Return a text as an HTML fragment with its lexicon matches highlighted.

    Parameters
    ----------
    text : str
        The article text, exactly as matched (spans index it).
    matches : DataFrame
        The :func:`framing.scoring.scores.match_table` rows of this text only (columns
        ``start, end, lexicon, concept, concept_label, axis, canonical,
        weight, voice`` and optionally ``effective_weight`` and ``changed``).
    lexicons : sequence of Lexicon
        Used for the pole labels in the hover titles.
    changed : bool
        If True, marks of rows whose boolean ``changed`` column is true also
        get the class ``fr-changed`` (a green outline), as on the reframed
        side of :mod:`framing.present.reframe`; without that column every mark does.

    Returns
    -------
    str
        ``<p class="fr-p">`` paragraphs (blank lines), ``<br>`` (single line
        breaks) and, per match, ``<mark class="fr-term fr-pos|fr-neg|fr-neu|
        fr-loaded fr-v-<voice> [fr-axN] [fr-flipped]" title="concept label ·
        canonical · weight · voice · pole · counts ..." data-concept=...
        data-canonical=... data-weight=... data-effective=...>``: the pole
        class from the effective weight (quoted speech, which counts
        nothing, from its own weight), ``fr-axN`` for the N-th axis of
        ``lexicons`` after the first, ``fr-flipped`` where scare quotes
        turned the term to the other pole. Where matches
        overlap (the same words in two lexicons, or "self-proclaimed
        president" and "self-proclaimed"), one mark covers them all: its
        colour from the axis match, its title one line per match. Everything
        from the text or a lexicon is escaped first (module docstring).

    Raises
    ------
    ValueError
        If a column is missing, a span lies outside ``text`` or a voice is unknown.
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, got {type(text).__name__}")
    by_name = {lexicon.name: lexicon for lexicon in lexicons}
    axes = axis_order(lexicons)
    rows = _check_matches(text, matches)
    mark_all_changed = changed and "changed" not in matches.columns
    spans = []
    for cluster in _clusters(rows):
        primary = _primary(cluster)
        ordered = [primary, *(r for r in cluster if r is not primary)]
        shown = shown_weight(primary)
        classes = ["fr-term", _pole_class(primary["axis"], shown), f"fr-v-{primary['voice']}"]
        if primary["axis"] is not None and axes.get(primary["axis"], 0) % len(AXIS_PAIRS):
            classes.append(f"fr-ax{axes[primary['axis']] % len(AXIS_PAIRS)}")
        if is_flipped(primary):
            classes.append("fr-flipped")
        if changed and (mark_all_changed or any(_truthy(r.get("changed")) for r in cluster)):
            classes.append("fr-changed")
        attributes = {
            "class": " ".join(classes),
            # One line per match: a browser shows newlines in a title tooltip.
            "title": "\n".join(dict.fromkeys(_row_title(r, by_name) for r in ordered)),
            "data-concept": primary["concept"],
            "data-canonical": primary["canonical"],
            "data-lexicon": primary["lexicon"],
            "data-weight": f"{primary['weight']:g}",
            "data-effective": f"{effective_weight(primary):g}",
            "data-voice": primary["voice"],
        }
        spans.append((min(r["start"] for r in cluster), max(r["end"] for r in cluster), attributes))
    return spans_html(text, spans)


def _legend_item(classes: str, label: str) -> str:
    return f'<span class="fr-legend-item"><mark class="{classes}">{escape_text(label)}</mark></span>'


#: The legend's one line on what the colours mean.
LEGEND_NOTE = ("Colour: the side a term counts for in the score "
               f"({FLIPPED_MARKER}\u2018\u2019 scare quotes flip a term to the other side; "
               "italics: quoted speech, not counted; underline solid: right side, dashed: left side).")


def legend_html(lexicons: Sequence[Lexicon]) -> str:
    """Return the legend of :func:`highlight_html`'s marks as an HTML fragment.

    One line per axis with its two pole labels in that axis's colours, one
    line with the neutral wording, loaded terms on no axis and the voices,
    and one line (:data:`LEGEND_NOTE`) saying that colour is the effect in
    the score. Lexicon strings are escaped.
    """
    lines = []
    for axis_id, index in axis_order(lexicons).items():
        axis = next(a for lex in lexicons for a in lex.axes if a.id == axis_id)
        extra = f" fr-ax{index % len(AXIS_PAIRS)}" if index % len(AXIS_PAIRS) else ""
        lines.append(
            f'<div class="fr-legend-line"><span class="fr-legend-axis">{escape_text(axis.label)}:</span>'
            + _legend_item(f"fr-term fr-neg fr-v-authorial{extra}", f"\u2190 {axis.negative}")
            + _legend_item(f"fr-term fr-pos fr-v-authorial{extra}", f"{axis.positive} \u2192")
            + "</div>"
        )
    lines.append(
        '<div class="fr-legend-line">'
        + _legend_item("fr-term fr-neu fr-v-authorial", "neutral wording")
        + _legend_item("fr-term fr-loaded fr-v-authorial", "loaded (no axis)")
        + _legend_item("fr-term fr-pos fr-v-scare_quoted fr-flipped", "scare-quoted")
        + _legend_item("fr-term fr-neu fr-v-quoted", "quoted speech")
        + "</div>"
    )
    lines.append(f'<div class="fr-legend-note">{escape_text(LEGEND_NOTE)}</div>')
    return '<div class="fr-legend">' + "".join(lines) + "</div>"
