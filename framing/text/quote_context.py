"""One text prepared for quotation attribution: quotations blanked, tokens, names, paragraphs.

Names and reporting verbs are looked for outside quotations only (a name
inside a quotation is the speaker talking about someone), so the quoted
content is replaced by spaces, keeping every offset; the prepared text is
tokenised and its name candidates found once (:mod:`framing.text.names`), and
paragraphs follow the rule of :mod:`framing.text.quotes`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from framing.text.cues import PERSON, Cues
from framing.text.names import Candidate, Token, find_candidates, tokenize
from framing.text.quotes import _paragraph_ends, quotation_spans
from framing.text.sentences import SentenceIndex

#: Words that may stand before a name without being its subject ("from El Salvador").
PREPOSITIONS = frozenset("from of in at to with by on for about against regarding near".split())


def _full_or_titled(c: Candidate) -> bool:
    """"Dmitry Peskov" or "Minister Padrino", not a lone "Syria" or "the Syria"."""
    words = c.text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return len(c.core.split()) >= 2 or len(words) > len(c.core.split())


class QuoteContext:
    """One text prepared for attribution: quotations blanked, tokens, names."""

    def __init__(self, text: str, cues: Cues):
        self.text = text
        self.cues = cues
        self.spans = quotation_spans(text)
        chars = list(text)
        for start, end, _ in self.spans:
            chars[start:end] = " " * (end - start)
        # Names and verbs are looked for outside quotations only: a name inside
        # a quotation is the speaker talking about someone.
        self.blank = "".join(chars)
        self.tokens: list[Token] = tokenize(self.blank)
        self.token_starts = [t.start for t in self.tokens]
        self.candidates = find_candidates(self.blank, self.tokens, cues)
        self.by_last = {c.last: c for c in self.candidates}
        self.by_first = {c.first: c for c in self.candidates}
        self.candidate_ends = [c.end for c in self.candidates]
        self.paragraph_ends = _paragraph_ends(text)
        # Pronouns and role nouns already resolved, by their start: what they refer to.
        self.resolved: dict[int, Candidate] = {}
        self.sentences = SentenceIndex(text)
        # Surnames of people named in full or with a title: a lone "Moncada" is a person.
        self.surnames = {c.core.split()[-1].lower() for c in self.candidates
                         if c.kind == PERSON and _full_or_titled(c)}

    def token_range(self, start: int, end: int) -> range:
        return range(bisect_left(self.token_starts, start), bisect_left(self.token_starts, end))

    def paragraph_index(self, pos: int) -> int:
        return min(bisect_right(self.paragraph_ends, pos), len(self.paragraph_ends) - 1)

    def paragraph(self, pos: int, back: int = 0) -> tuple[int, int]:
        """``(start, end)`` of the paragraph holding ``pos``, or of the one ``back`` paragraphs before."""
        i = max(self.paragraph_index(pos) - back, 0)
        start = self.paragraph_ends[i - 1] if i else 0
        # The paragraph begins after its break's blank line.
        while start < self.paragraph_ends[i] and self.text[start].isspace():
            start += 1
        return start, self.paragraph_ends[i]

    def verb_at(self, i: int) -> tuple[str, int] | None:
        """The reporting verb starting at token ``i`` and its length in tokens."""
        for size in range(self.cues.longest_verb, 0, -1):
            words = tuple(t.text.lower() for t in self.tokens[i:i + size])
            if len(words) == size and words in self.cues.verbs:
                return self.cues.verbs[words], size
        return None

    def is_person(self, c: Candidate) -> bool:
        """A person for pronouns: a full name, a titled one, or a surname of one."""
        return c.kind == PERSON and (_full_or_titled(c) or c.core.lower() in self.surnames)

    def after_preposition(self, c: Candidate) -> bool:
        """"on Climate Change Communication", "to Enroll America": not a subject."""
        return c.first > 0 and self.tokens[c.first - 1].text.lower() in PREPOSITIONS
