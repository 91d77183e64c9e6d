"""An article as HTML with its direct quotations marked, each one a link target.

The Sources page lists quotations; clicking one jumps to its place in the
text, where it is marked and labelled with its speaker. :func:`quoted_text_html`
returns a fragment of ``p``, ``br``, ``mark`` and ``span`` elements, with one
``id`` per quotation (:func:`quotation_anchor`), and :func:`quotation_link_html`
the link to it.

As in :mod:`framing.present.highlight`, every piece of article text and every
speaker name is escaped with :func:`html.escape` (``quote=True``) before any
markup is added; the only tags are fixed strings of this module, so pasted
``<script>`` shows as text (OWASP Cross Site Scripting Prevention Cheat
Sheet, rules #1 and #2).
"""

from __future__ import annotations

import html
import re

import pandas as pd

from framing.present.highlight import NEGATIVE_COLOUR, NEUTRAL_COLOUR

#: Columns :func:`quoted_text_html` reads from a :func:`framing.discover.sources.quote_table`.
REQUIRED_COLUMNS = ("article", "start", "end", "speaker", "verb", "how")

QUOTE_CSS = f"""
p.fr-q-p {{ font-size: 1.1rem; line-height: 1.7; color: #111; margin: 0 0 0.9em 0; }}
mark.fr-quote {{ background: #DCEEFB; color: #111; border-bottom: 2px solid {NEGATIVE_COLOUR};
  padding: 0.05em 0.1em; scroll-margin-top: 5rem; }}
mark.fr-quote.fr-nospeaker {{ background: #EDEDED; border-bottom: 2px dashed {NEUTRAL_COLOUR}; }}
mark.fr-quote:target {{ outline: 3px solid #D55E00; outline-offset: 2px; }}
span.fr-speaker {{ font-size: 0.8em; font-weight: 700; color: #0B3C5D; background: #FFFFFF;
  border: 1px solid #9CC3E0; border-radius: 3px; padding: 0 0.3em; margin-right: 0.25em; }}
a.fr-q-link {{ color: #0B3C5D; }}
"""

_ANCHOR_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def quotation_anchor(article: str, start: int) -> str:
    """The ``id`` of a quotation's mark: letters, digits, ``-`` and ``_`` only."""
    return f"q-{_ANCHOR_SAFE.sub('-', article)}-{int(start)}"


def quotation_link_html(article: str, start: int, label: str) -> str:
    """A link to a quotation's place in the text (the label escaped)."""
    return (f'<a class="fr-q-link" href="#{quotation_anchor(article, start)}">'
            f"{html.escape(label, quote=True)}</a>")


def _paragraphs(fragment: str) -> str:
    """Escaped text with marks to ``<p>`` paragraphs (blank lines) and ``<br>`` line breaks."""
    parts = [p for p in re.split(r"\n[ \t]*\n", fragment) if p.strip()]
    return "".join(f'<p class="fr-q-p">{p.strip().replace(chr(10), "<br>")}</p>' for p in parts)


def quoted_text_html(text: str, quotes: pd.DataFrame) -> str:
    """An article's text with its direct quotations marked and labelled with their speakers.

    Parameters
    ----------
    text : str
        The article text.
    quotes : pandas.DataFrame
        That article's rows of :func:`framing.discover.sources.quote_table`.

    Returns
    -------
    str
        An HTML fragment; each quotation is a ``mark`` with ``id`` :func:`quotation_anchor`,
        preceded by its speaker (or "no speaker found"), and a ``title`` giving verb and rule.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in quotes.columns]
    if missing:
        raise ValueError(f"quotation table lacks column(s) {', '.join(missing)}; needed: {', '.join(REQUIRED_COLUMNS)}")
    pieces: list[str] = []
    pos = 0
    for row in quotes.sort_values("start").itertuples():
        start, end = int(row.start), int(row.end)
        if start < pos or end > len(text):
            continue  # quotations never overlap; a stale row for another text is skipped
        pieces.append(html.escape(text[pos:start], quote=True))
        speaker = row.speaker or "no speaker found"
        title = f"{speaker}" + (f" · {row.verb}" if row.verb else "") + f" · {row.how}"
        css = "fr-quote" if row.speaker else "fr-quote fr-nospeaker"
        # The mark stops at a paragraph break, so it never swallows the markup of the next paragraph.
        inner = html.escape(text[start:end], quote=True).replace("\n", " ")
        pieces.append(f'<span class="fr-speaker">{html.escape(speaker, quote=True)}</span>'
                      f'<mark class="{css}" id="{quotation_anchor(row.article, start)}" '
                      f'title="{html.escape(title, quote=True)}">{inner}</mark>')
        pos = end
    pieces.append(html.escape(text[pos:], quote=True))
    return _paragraphs("".join(pieces))
