"""Find quotations in text, and tell direct quotation from scare quotes.

A match's *voice* depends on whether the outlet speaks in its own words, gives
voice to a source (a direct quotation), or distances itself from a term with
scare quotes (a short quoted span: ‘Attempted Coup’, “interim president”).

The rules, applied per paragraph (a paragraph ends at a blank line, or at a
line break in text that has no blank lines):

* Curly quotes say which way they face; a straight ``"`` or ``'`` opens when
  it follows a space, an opening bracket or a dash, and closes otherwise.
* An apostrophe between two letters (Guaido’s, don't) is not a quote mark; a
  ``’`` with no open single quote is an apostrophe (soldiers’ rights).
* A quotation left unclosed ends at the end of its paragraph.
* A span of at most :data:`SCARE_MAX_WORDS` words with no clause punctuation
  inside (a final full stop or comma before the closing mark does not count)
  is a scare quote; anything longer is a direct quotation. The
  threshold follows the usage described by Predelli (2003), "Scare quotes and
  their relation to other semantic issues", Linguistics and Philosophy 26.

Nested quotes take the voice of the outermost direct quotation: a scare quote
inside a source's words is the source's, not the outlet's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

AUTHORIAL = "authorial"
QUOTED = "quoted"
SCARE_QUOTED = "scare_quoted"
VOICES = (AUTHORIAL, QUOTED, SCARE_QUOTED)

#: Longest quoted span, in words, still read as a scare quote.
SCARE_MAX_WORDS = 4

_OPEN_DOUBLE = "“„«‟"
_CLOSE_DOUBLE = "”»"
_OPEN_SINGLE = "‘‚‹‛"
_CLOSE_SINGLE = "’›"
_QUOTE_CHARS = re.compile("[\"'“”„«»‟‘’‚‹›‛]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Clause punctuation inside a short quote marks a quoted utterance
# (“for calm and peace,”), not a distancing label.
_CLAUSE_PUNCTUATION = re.compile(r"[.,;:!?…]")
_OPENING_CONTEXT = set(" \t\r\n([{<—–-/")


@dataclass(frozen=True)
class Quotation:
    """A quoted span: ``start``/``end`` index the text between the marks."""

    start: int
    end: int
    kind: str  # QUOTED or SCARE_QUOTED
    closed: bool = True


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    pattern = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    bounds = []
    start = 0
    for brk in pattern.finditer(text):
        bounds.append((start, brk.start()))
        start = brk.end()
    bounds.append((start, len(text)))
    return bounds


def _classify(text: str, start: int, end: int) -> str:
    inner = text[start:end].strip()
    words = len(_WORD.findall(inner))
    # Punctuation just inside the closing mark is typographic convention
    # (“fake news.”), not a sign of a quoted clause; punctuation inside is.
    core = inner.rstrip("’'\"”.,;:!?… ")
    if words <= SCARE_MAX_WORDS and not _CLAUSE_PUNCTUATION.search(core):
        return SCARE_QUOTED
    return QUOTED


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def find_quotations(text: str) -> list[Quotation]:
    """Return every quotation in a text, sorted by start.

    Parameters
    ----------
    text : str
        Original text (quote characters are read as they are).

    Returns
    -------
    list of Quotation
        Spans of the quoted content (without the marks), nested ones included.
    """
    quotations: list[Quotation] = []
    for p_start, p_end in _paragraph_bounds(text):
        stack: list[tuple[str, int]] = []  # (family 'd' or 's', content start)
        for mark in _QUOTE_CHARS.finditer(text, p_start, p_end):
            ch = mark.group()
            pos = mark.start()
            before = text[pos - 1] if pos > p_start else " "
            after = text[pos + 1] if pos + 1 < p_end else " "
            if ch in "'’" and _is_letter(before) and _is_letter(after):
                continue  # an apostrophe inside a word
            if ch in _OPEN_DOUBLE or ch in _OPEN_SINGLE:
                stack.append(("d" if ch in _OPEN_DOUBLE else "s", pos + 1))
                continue
            family = "d" if ch in _CLOSE_DOUBLE or ch == '"' else "s"
            opening = ch in "\"'" and (before in _OPENING_CONTEXT) and not after.isspace()
            if opening:
                stack.append((family, pos + 1))
                continue
            # A closing mark: close the nearest open quote of its family.
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == family:
                    content_start = stack[depth][1]
                    del stack[depth:]
                    quotations.append(Quotation(content_start, pos, _classify(text, content_start, pos)))
                    break
            # No open quote of that family: a stray closing mark or an
            # apostrophe (soldiers’ ); nothing to record.
        for _family, content_start in stack:  # unclosed: end at the paragraph's end
            end = p_end
            quotations.append(Quotation(content_start, end, _classify(text, content_start, end), closed=False))
    quotations.sort(key=lambda q: (q.start, -q.end))
    return quotations


class VoiceIndex:
    """Answer "in which voice is the span [start, end)?" for one text.

    Built once per text from :func:`find_quotations`; lookups bisect.
    """

    def __init__(self, text: str):
        self.quotations = find_quotations(text)
        self._starts = [q.start for q in self.quotations]
        # Longest quotation end so far: lets a lookup stop scanning early.
        self._max_end: list[int] = []
        running = -1
        for q in self.quotations:
            running = max(running, q.end)
            self._max_end.append(running)

    def voice(self, start: int, end: int) -> str:
        """Return ``authorial``, ``quoted`` or ``scare_quoted`` for a span."""
        i = bisect_right(self._starts, start) - 1
        voice = AUTHORIAL
        while i >= 0 and self._max_end[i] >= end:
            q = self.quotations[i]
            if q.start <= start and end <= q.end:
                if q.kind == QUOTED:
                    return QUOTED  # the outermost direct quotation wins
                voice = SCARE_QUOTED
            i -= 1
        return voice
