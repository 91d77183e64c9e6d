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
from itertools import accumulate, islice
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
_OPENERS = _OPEN_DOUBLE + _OPEN_SINGLE
_CLOSE_SINGLE = "’›"
# Quote marks, leaving out apostrophes between two letters or digits
# (Guaido’s, don't) in the regex itself: they are most of the ’ and ' in
# news text, and skipping them here keeps the Python loop short.
_QUOTE_CHARS = re.compile("[\"“”„«»‟‘‚‹›‛'’](?<![^\\W_]['’](?=[^\\W_]))")
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


def _paragraph_ends(text: str) -> list[int]:
    """Offsets where paragraphs end (the last one at ``len(text)``)."""
    pattern = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    return [brk.start() for brk in pattern.finditer(text)] + [len(text)]


def classify_quotation(text: str, start: int, end: int) -> str:
    """Return ``scare_quoted`` for a short quoted label, else ``quoted``."""
    inner = text[start:end].strip()
    # Count no further than one word past the limit: an unclosed quotation
    # runs to the end of its paragraph, which may be long.
    words = len(list(islice(_WORD.finditer(inner), SCARE_MAX_WORDS + 1)))
    # Punctuation just inside the closing mark is typographic convention
    # (“fake news.”), not a sign of a quoted clause; punctuation inside is.
    core = inner.rstrip("’'\"”.,;:!?… ")
    if words <= SCARE_MAX_WORDS and not _CLAUSE_PUNCTUATION.search(core):
        return SCARE_QUOTED
    return QUOTED


def quotation_spans(text: str) -> list[tuple[int, int, bool]]:
    """Return ``(start, end, closed)`` of every quotation, sorted by start.

    The fast core of :func:`find_quotations`: one pass over the quote marks
    (apostrophes inside words are skipped by the regex), no classification.
    """
    spans: list[tuple[int, int, bool]] = []
    paragraph_ends = _paragraph_ends(text)
    paragraph = 0
    paragraph_end = paragraph_ends[0]
    paragraph_start = 0
    stack: list[tuple[bool, int]] = []  # (is double quote, content start)
    for mark in _QUOTE_CHARS.finditer(text):
        pos = mark.start()
        if pos >= paragraph_end:
            # Quotations left open end with their paragraph.
            spans.extend((content_start, paragraph_end, False) for _, content_start in stack)
            stack.clear()
            while pos >= paragraph_ends[paragraph]:
                paragraph += 1
            paragraph_start = paragraph_ends[paragraph - 1]
            paragraph_end = paragraph_ends[paragraph]
        ch = mark.group()
        if ch in _OPENERS:
            stack.append((ch in _OPEN_DOUBLE, pos + 1))
            continue
        double = ch in _CLOSE_DOUBLE or ch == '"'
        if ch in "\"'":
            before = text[pos - 1] if pos > paragraph_start else " "
            after = text[pos + 1] if pos + 1 < paragraph_end else " "
            if before in _OPENING_CONTEXT and not after.isspace():
                stack.append((double, pos + 1))
                continue
        # A closing mark closes the nearest open quote of its family; with
        # none open it is a stray mark or an apostrophe (soldiers’ ).
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == double:
                spans.append((stack[depth][1], pos, True))
                del stack[depth:]
                break
    spans.extend((content_start, paragraph_end, False) for _, content_start in stack)
    spans.sort(key=lambda span: (span[0], -span[1]))
    return spans


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
    return [Quotation(s, e, classify_quotation(text, s, e), closed) for s, e, closed in quotation_spans(text)]


class VoiceIndex:
    """Answer "in which voice is the span [start, end)?" for one text.

    Built once per text from :func:`quotation_spans`; lookups bisect, and a
    quotation is classified only when a lookup falls inside it.
    """

    def __init__(self, text: str):
        self.text = text
        self.spans = quotation_spans(text)
        self.starts = [span[0] for span in self.spans]
        self._kinds: dict[int, str] = {}
        # starts: quotation starts; max_end[i]: the furthest end among
        # quotations 0..i. A span starting after starts[i] and ending after
        # max_end[i] is outside every quotation: authorial (the matcher
        # inlines this test).
        self.max_end = list(accumulate((span[1] for span in self.spans), max))
        self.parents = _parents(self.spans)

    def _kind(self, i: int) -> str:
        kind = self._kinds.get(i)
        if kind is None:
            start, end, _ = self.spans[i]
            kind = self._kinds[i] = classify_quotation(self.text, start, end)
        return kind

    def voice(self, start: int, end: int) -> str:
        """Return ``authorial``, ``quoted`` or ``scare_quoted`` for a span."""
        # The quotations holding the span's start are the last one starting
        # at or before it, or its enclosing ones: a walk up the nesting, not
        # back over every earlier quotation (an unclosed one early in a
        # paragraph would make that every quotation after it).
        i = bisect_right(self.starts, start) - 1
        voice = AUTHORIAL
        spans, parents = self.spans, self.parents
        while i >= 0:
            q_start, q_end, _ = spans[i]
            if q_start <= start and end <= q_end:
                if self._kind(i) == QUOTED:
                    return QUOTED  # the outermost direct quotation wins
                voice = SCARE_QUOTED
            i = parents[i]
        return voice


def _parents(spans: list[tuple[int, int, bool]]) -> list[int]:
    """For each quotation, the index of the nearest quotation holding it, or -1.

    :func:`quotation_spans` yields nested or disjoint spans (a closing mark
    drops the quotations opened after its own; an unclosed one ends with its
    paragraph), sorted by start, the outer first: one stack pass finds them.
    """
    parents: list[int] = []
    open_spans: list[int] = []
    for index, (start, end, _) in enumerate(spans):
        while open_spans and spans[open_spans[-1]][1] < end:
            open_spans.pop()
        parents.append(open_spans[-1] if open_spans else -1)
        open_spans.append(index)
    return parents
