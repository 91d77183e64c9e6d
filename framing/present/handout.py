"""A printable classroom handout as PDF, laid out with ReportLab.

Page 1 puts the chosen passages side by side with every term marked for
black-and-white print (:mod:`framing.present.handout_passages`); then come
the key to the marks, the concept table, "how to read this" and the
discussion questions; the answer key starts on a page of its own, so a
teacher can keep it back. Provenance (framing's version, each lexicon with
its version and SHA-256, the story, the articles, the date) goes in the
PDF's document information: Author, Subject, Keywords and Creator.

ReportLab (the ReportLab Toolkit, https://docs.reportlab.com/) is used for
its flowing layout: paragraphs that wrap inside table cells, tables that
split across pages, and Unicode TrueType fonts (DejaVu Sans, which
matplotlib ships, so no font is downloaded).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Sequence

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from framing import __version__
from framing.article import Article
from framing.lexicon.model import Lexicon
from framing.present.handout_content import DEFAULT_EXCERPT_CHARS, HandoutContent, Passage, handout_content
from framing.present.handout_passages import legend_lines, mark_label, passage_markup, text_markup

_FONT = "FramingSans"
_VOICE_WORDS = {"authorial": "own words", "quoted": "quoted source", "scare_quoted": "scare quotes"}
#: Variants shown per cell of the concept table; the rest are counted.
CELL_VARIANTS = 4
HOW_TO_READ = (
    "Each outlet names the same events, people and actors in its own words. The marked words come from a "
    "lexicon: for each concept (\u201cthe events of 30 April\u201d, \u201cMaduro's standing\u201d) it lists the "
    "wordings in use, each with a weight from \u22121 to +1 on the axis, 0 for the neutral wording. A word in an "
    "outlet's own voice counts as written; a word inside a quotation is the source's, not the outlet's, and "
    "counts 0; a word in scare quotes is held at a distance and counts for the other side. The table below "
    "shows which wording each outlet chose for each concept, and how often, in the whole article."
)


def _register_fonts() -> str:
    """Register DejaVu Sans (matplotlib's copy) as a family; fall back to Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _FONT in pdfmetrics.getRegisteredFontNames():
        return _FONT
    try:
        import matplotlib

        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        faces = {"": "DejaVuSans.ttf", "-Bold": "DejaVuSans-Bold.ttf", "-Italic": "DejaVuSans-Oblique.ttf",
                 "-BoldItalic": "DejaVuSans-BoldOblique.ttf"}
        for suffix, file in faces.items():
            pdfmetrics.registerFont(TTFont(_FONT + suffix, str(folder / file)))
    except (ImportError, OSError):  # without the font the standard one still prints Latin-1 text
        return "Helvetica"
    pdfmetrics.registerFontFamily(_FONT, normal=_FONT, bold=_FONT + "-Bold", italic=_FONT + "-Italic",
                                  boldItalic=_FONT + "-BoldItalic")
    return _FONT


def _styles(font: str, columns: int) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    size = 9.0 if columns <= 2 else 8.5 if columns == 3 else 7.8
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=font, fontSize=16, leading=19, spaceAfter=2),
        "sub": ParagraphStyle("sub", parent=base["Normal"], fontName=font, fontSize=8.5, leading=11,
                              textColor=colors.black, alignment=1, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=font, fontSize=12, leading=15, spaceBefore=6),
        "head": ParagraphStyle("head", parent=base["Normal"], fontName=font, fontSize=size + 2, leading=size + 4),
        "meta": ParagraphStyle("meta", parent=base["Normal"], fontName=font, fontSize=size - 1, leading=size + 1.5,
                               spaceAfter=3),
        "text": ParagraphStyle("text", parent=base["Normal"], fontName=font, fontSize=size, leading=size * 1.32,
                               spaceAfter=3),
        "body": ParagraphStyle("body", parent=base["Normal"], fontName=font, fontSize=9.5, leading=12.5,
                               spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base["Normal"], fontName=font, fontSize=7.8, leading=9.6),
        "legend": ParagraphStyle("legend", parent=base["Normal"], fontName=font, fontSize=8, leading=10),
    }


def _number(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "\u2014"
    return "0" if value == 0 else f"{value:+.2f}".replace("-", "\u2212")


def _passage_cell(passage: Passage, styles: dict[str, ParagraphStyle]) -> list[Paragraph]:
    article = passage.article
    meta = " · ".join(text_markup(s) for s in (article.title, article.date, article.alignment) if s)
    cell = [Paragraph(f"<b>{text_markup(passage.name)}</b>", styles["head"]), Paragraph(meta, styles["meta"])]
    cell += [Paragraph(passage_markup(text, marks), styles["text"]) for text, marks in passage.paragraphs]
    return cell


def _grid(data: list[list], widths: list[float], *, header: bool = True, tight: bool = False) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    if tight:
        commands += [("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    if header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black))
    table.setStyle(TableStyle(commands))
    return table


def _short_cell(value: object) -> str:
    parts = [p for p in str(value).split(", ") if p]
    shown = ", ".join(parts[:CELL_VARIANTS])
    return shown + (f", … (+{len(parts) - CELL_VARIANTS})" if len(parts) > CELL_VARIANTS else "")


def _story(content: HandoutContent, styles: dict[str, ParagraphStyle], width: float, made: str) -> list:
    names = [p.name for p in content.passages]
    flow: list = [Paragraph(text_markup(content.title), styles["title"]),
                  Paragraph(text_markup(f"{' · '.join(names)}" + (f" — story {content.story}" if content.story
                                                                   else "") + f" — {made}"), styles["sub"])]
    legend = [Paragraph(line, styles["legend"]) for line in legend_lines(content.axis_labels)]
    flow.append(_grid([[legend]], [width], header=False))
    flow.append(Spacer(1, 3 * mm))
    column = width / len(content.passages)
    flow.append(_grid([[_passage_cell(p, styles) for p in content.passages]], [column] * len(names), header=False))
    flow += [PageBreak(), Paragraph("How to read this", styles["h2"]),
             Paragraph(text_markup(HOW_TO_READ), styles["body"])]
    if not content.concepts.empty:
        flow.append(Paragraph("Which words each outlet chose (whole articles)", styles["h2"]))
        header = [Paragraph("<b>Concept</b>", styles["cell"])] + [
            Paragraph(f"<b>{text_markup(n)}</b>", styles["cell"]) for n in names]
        rows = [header] + [[Paragraph(text_markup(str(r["concept_label"])), styles["cell"])]
                           + [Paragraph(text_markup(_short_cell(r[n])), styles["cell"]) for n in names]
                           for _, r in content.concepts.iterrows()]
        first = width * 0.18
        flow.append(_grid(rows, [first] + [(width - first) / len(names)] * len(names)))
    flow.append(Paragraph("Discussion questions", styles["h2"]))
    flow += [Paragraph(f"{i}. {text_markup(q)}", styles["body"]) for i, q in enumerate(content.questions, 1)]
    flow += [PageBreak(), Paragraph("Answer key", styles["title"]),
             Paragraph(text_markup("Every marked word of the passages: the concept it names, the weight of the "
                                   "wording, its voice, and what it counts in the score (weight × voice factor)."),
                       styles["sub"])]
    if content.notes:
        flow.append(Paragraph("Notes on the questions", styles["h2"]))
        flow += [Paragraph(f"• {text_markup(note)}", styles["body"]) for note in content.notes]
    for passage in content.passages:
        block = [Paragraph(f"{text_markup(passage.name)} — score of the excerpt {_number(passage.score)} "
                           "(mean of what the axis words count)", styles["h2"])]
        rows = [[Paragraph(f"<b>{h}</b>", styles["cell"]) for h in
                 ("Word as written", "Mark", "Concept", "Wording (weight)", "Voice", "Counts", "Frame")]]
        for m in passage.marks:
            cells = (text_markup(m.surface), mark_label(m) or "\u2014", text_markup(m.concept_label),
                     text_markup(f"{m.canonical} ({_number(m.weight)})"), _VOICE_WORDS.get(m.voice, m.voice),
                     _number(m.effective), text_markup(m.pole_label))
            rows.append([Paragraph(cell, styles["cell"]) for cell in cells])
        if len(rows) == 1:
            rows.append([Paragraph("No lexicon word in this excerpt.", styles["cell"])] + [""] * 6)
        shares = [0.17, 0.06, 0.2, 0.2, 0.1, 0.07, 0.2]
        block.append(_grid(rows, [width * s for s in shares], tight=True))
        flow.append(KeepTogether(block[:1]) if len(rows) > 30 else KeepTogether(block))
        if len(rows) > 30:
            flow.append(block[1])
    return flow


def _first_page_fits(head: list, width: float, height: float) -> bool:
    """True if the heading, the key and the passages (the first flowables) fit on one page."""
    used = 0.0
    for flowable in head:
        _, h = flowable.wrap(width, height)
        used += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return used <= height


def _info(lexicons: Sequence[Lexicon], articles: Sequence[Article], story: str, made: str) -> dict[str, str]:
    lexicon_words = "; ".join(f"lexicon {lex.name} {lex.version} sha256={lex.sha256}" for lex in lexicons)
    return {
        "author": f"framing {__version__}",
        "creator": f"framing {__version__} handout",
        "subject": f"story: {story or '(none)'}; articles: {', '.join(a.id for a in articles)}; made: {made}",
        "keywords": f"framing {__version__}; {lexicon_words}",
    }


def handout_pdf(
    articles: Sequence[Article],
    matches: pd.DataFrame,
    lexicons: Sequence[Lexicon],
    *,
    story: str = "",
    title: str = "",
    today: dt.date | None = None,
) -> bytes:
    """Lay out a handout of 2 to 4 articles and return the PDF.

    Parameters
    ----------
    articles, matches, lexicons, story, title
        As for :func:`framing.present.handout_content.handout_content`.
    today : date, optional
        The date printed and stored (default today; tests pass one).

    Returns
    -------
    bytes
        The PDF document.

    Raises
    ------
    ValueError
        As :func:`~framing.present.handout_content.handout_content` does.

    Notes
    -----
    The passages must fit on the first page (a table cell cannot break across
    pages anyway), so while they do not, the excerpts are shortened by a
    quarter and the layout is tried again.
    """
    made = (today or dt.date.today()).isoformat()
    font = _register_fonts()
    styles = _styles(font, len(articles))
    size = landscape(A4)
    margin = 12 * mm
    width = size[0] - 2 * margin
    chars = DEFAULT_EXCERPT_CHARS if len(articles) <= 3 else DEFAULT_EXCERPT_CHARS * 3 // 4
    while True:
        content = handout_content(articles, matches, lexicons, story=story, title=title, excerpt_chars=chars)
        out = io.BytesIO()
        doc = SimpleDocTemplate(out, pagesize=size, leftMargin=margin, rightMargin=margin, topMargin=margin,
                                bottomMargin=margin, title=content.title, **_info(lexicons, articles, story, made))
        flow = _story(content, styles, width, made)
        if chars > 300 and not _first_page_fits(flow[:5], width - 12, size[1] - 2 * margin - 12):
            chars = max(300, chars * 3 // 4)
            continue
        try:
            doc.build(flow)
            return out.getvalue()
        except LayoutError:
            if chars <= 300:
                raise
            chars = max(300, chars * 3 // 4)


__all__ = ["handout_pdf", "HOW_TO_READ", "CELL_VARIANTS"]
