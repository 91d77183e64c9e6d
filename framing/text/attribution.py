"""Who speaks: each direct quotation with its speaker, reporting verb and how it was found.

Rules over the text, in the order of the quote-attribution sieves of Muzny
et al. (2017), "A two-stage sieve approach for quote attribution" (EACL),
and the syntactic patterns of Pouliquen et al. (2007), "Automatic detection
of quotations in multilingual news" (RANLP):

1. the same sentence, after the quotation: "“...,” X said", "“...,” said X",
   "“...,” according to X";
2. the same sentence, before it: "X said that “...”", "according to X, “...”",
   a colon lead-in "X: “...”";
3. the sentence before, in the same paragraph (a reporting verb with its subject);
4. for a paragraph that is all quotation, the last sentence of the
   paragraph before (a reporting verb with its subject, or the subject of
   the sentence: "Mexico’s Communist Party spoke ...");
5. the sentence after, in the same paragraph ("“...” Maduro said.").

A pronoun ("he said") or a role noun after "the" ("the diplomat", "the text")
is resolved to the nearest person (or organisation) named earlier outside
quotations, in its paragraph or the one before (paragraphs that are all
quotation skipped). A quotation whose speaker is
not found this way says so (:data:`NOT_FOUND`) rather than guessing. Only
direct quotations are attributed, the outermost ones: scare quotes are the
outlet's own distancing, and a quotation inside a quotation is the outer
speaker's.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from framing.text.cues import GROUP, ORGANISATION, PERSON, Cues, default_cues
from framing.text.names import DESCRIPTOR, PRONOUN, Candidate
from framing.text.quote_context import PREPOSITIONS, QuoteContext
from framing.text.quotes import QUOTED, classify_quotation, quotation_spans

AFTER_X_SAID = "same sentence: X said"
AFTER_SAID_X = "same sentence: said X"
ACCORDING_TO = "same sentence: according to X"
LEAD_IN = "same sentence: X said that"
COLON = "same sentence: X: quotation"
SENTENCE_BEFORE = "sentence before"
PARAGRAPH_BEFORE = "paragraph before"
SENTENCE_AFTER = "sentence after"
NOT_FOUND = "no speaker found"
HOW = (AFTER_X_SAID, AFTER_SAID_X, ACCORDING_TO, LEAD_IN, COLON, SENTENCE_BEFORE, PARAGRAPH_BEFORE,
       SENTENCE_AFTER, NOT_FOUND)

# Words that may stand between a speaker and the verb ("Padrino also
# mentioned", "has categorically called").
_BETWEEN = frozenset("also has have had was were is are will would then further again once later".split())
_SENTENCE_END = ".!?…"


@dataclass(frozen=True)
class Attribution:
    """A direct quotation and who said it.

    Attributes
    ----------
    start, end : int
        Offsets of the quoted content (without the marks).
    closed : bool
        False when the quotation runs to the end of its paragraph.
    speaker : str
        The speaker as written where found ("Kremlin Spokesman Dmitry
        Peskov"); for a pronoun, the person it refers to; "" when not found.
    speaker_start, speaker_end : int
        Offsets of that span (-1 when not found).
    kind : str
        ``person``, ``organisation``, ``group`` or "" (not found).
    core : str
        The speaker's name without titles ("Dmitry Peskov"), used to merge speakers.
    verb : str
        The reporting verb ("said", "pointed out", "according to"), or "".
    how : str
        One of :data:`HOW`.
    via : str
        ``name``, ``pronoun`` (he, she) or ``descriptor`` (the diplomat), or "".
    """

    start: int
    end: int
    closed: bool
    speaker: str
    speaker_start: int
    speaker_end: int
    kind: str
    core: str
    verb: str
    how: str
    via: str


def _subject_before(doc: QuoteContext, verb_index: int, floor: int) -> Candidate | None:
    """The speaker standing before a verb: adverbs, appositions and "from X" skipped.

    "Gary Rosenblatt, the editor of The Jewish Week, said": after a comma, a
    phrase that is not a name, or a name after a preposition, is an
    apposition, and the speaker stands before it.
    """
    i = verb_index - 1
    after_comma = False
    appositions = 0
    while i >= floor:
        word = doc.tokens[i].text
        if word.lower() in _BETWEEN or word.endswith("ly") and word.islower():
            i -= 1
            continue
        if word == ")":
            while i >= floor and doc.tokens[i].text != "(":
                i -= 1
            i -= 1
            continue
        if word == ",":
            after_comma = True
            i -= 1
            continue
        found = doc.by_last.get(i)
        if found is not None and found.first >= floor:
            before = found.first - 1
            if before >= floor and doc.tokens[before].text.lower() in PREPOSITIONS:
                i = before - 1  # "The Front (FMLN) from El Salvador has released"
                continue
            if found.kind == DESCRIPTOR and found.first - 2 >= floor and doc.tokens[found.first - 1].text == ",":
                named = doc.by_last.get(found.first - 2)
                if named is not None and named.kind in (PERSON, ORGANISATION) and named.first >= floor:
                    return named  # "Ruiz, the leader of the council, responded": the name, not the role
            if not (after_comma and _inside_phrase(doc, found, floor)):
                return found
            # "McConnell, the leader of GOP-controlled Senate, responded": a name
            # after other words of an apposition is not its subject.
        if not after_comma or appositions >= 3:
            return None
        while i >= floor and doc.tokens[i].text not in ",.;:!?":
            i -= 1
        if i < floor or doc.tokens[i].text != ",":
            return None
        appositions += 1
        i -= 1
    return None


def _inside_phrase(doc: QuoteContext, c: Candidate, floor: int) -> bool:
    """Does a lowercase word (other than "the", "a") stand just before the candidate?"""
    i = c.first - 1
    while i >= floor and doc.tokens[i].text.lower() in ("the", "a", "an"):
        i -= 1
    return i >= floor and doc.tokens[i].text.isalpha() and doc.tokens[i].text.islower() \
        and doc.tokens[i].text not in _BETWEEN


def _verbs(doc: QuoteContext, tokens: range):
    i = tokens.start
    while i < tokens.stop:
        hit = doc.verb_at(i)
        if hit is not None and i + hit[1] <= tokens.stop:
            yield i, hit
            i += hit[1]
        else:
            i += 1


def _in_clause(doc: QuoteContext, start: int, end: int) -> tuple[Candidate, str] | None:
    """A reporting verb and its speaker anywhere in ``[start, end)``: "X said", "said X"."""
    tokens = doc.token_range(start, end)
    for i, (verb, size) in _verbs(doc, tokens):
        if verb == "according to":
            found = doc.by_first.get(i + size)
        else:
            found = _subject_before(doc, i, tokens.start)
            if found is None and i + size < tokens.stop:
                after = doc.by_first.get(i + size)
                if after is not None and after.kind != PRONOUN and (i == tokens.start or not doc.tokens[i - 1].text.isalpha()):
                    found = after  # "“...,” said Bolton"
        if found is not None and found.end <= end:
            return found, verb
    return None


def _trailer(doc: QuoteContext, start: int, end: int) -> tuple[Candidate, str, str] | None:
    """"“...,” X said", "said X" or "according to X" right after a closing mark."""
    tokens = doc.token_range(start, end)
    i = tokens.start
    while i < tokens.stop and not doc.tokens[i].text[0].isalnum():
        i += 1
    if i >= tokens.stop:
        return None
    hit = doc.verb_at(i)
    if hit is not None:
        found = doc.by_first.get(i + hit[1])
        if found is not None and found.end <= end:
            return found, hit[0], ACCORDING_TO if hit[0] == "according to" else AFTER_SAID_X
        return None
    found = doc.by_first.get(i)
    if found is None or found.end > end:
        return None
    j = found.last + 1
    if j < tokens.stop and doc.tokens[j].text.lower() in ("of", "from", "at") and j + 1 in doc.by_first:
        j = doc.by_first[j + 1].last + 1  # "Rita Khan of ShelterNow said"
    elif j < tokens.stop and doc.tokens[j].text == ",":
        k = j + 1  # "Paul Reyes, a welder, said"
        while k < tokens.stop and doc.tokens[k].text not in ",.;:!?":
            k += 1
        if k < tokens.stop and doc.tokens[k].text == ",":
            named = doc.by_first.get(j + 1)
            if found.kind == DESCRIPTOR and named is not None and named.last == k - 1 and named.kind == PERSON:
                found = named  # "the mayor, Ana Diaz, said": the name, not the role
            j = k + 1
    while j < tokens.stop and (doc.tokens[j].text.lower() in _BETWEEN or doc.tokens[j].text.endswith("ly")):
        j += 1
    hit = doc.verb_at(j) if j < tokens.stop else None
    return (found, hit[0], AFTER_X_SAID) if hit is not None else None


def _resolve(doc: QuoteContext, found: Candidate) -> tuple[Candidate, str] | None:
    """A speaker candidate as a speaker: pronouns and "the diplomat" refer back."""
    if found.kind in (PERSON, ORGANISATION, GROUP):
        return found, "name"
    wanted = found.core  # person or organisation
    # Its paragraph and the one before; a paragraph that is all quotation
    # names no one outside it, so the search goes on past it.
    back = 1
    while back < 4 and not any(ch.isalnum() for ch in doc.blank[slice(*doc.paragraph(found.start, back=back))]):
        back += 1
    floor = doc.paragraph(found.start, back=back)[0]
    i = bisect_right(doc.candidate_ends, found.start) - 1
    while i >= 0 and doc.candidates[i].start >= floor:
        c = doc.candidates[i]
        if c.start in doc.resolved and c.core == wanted:
            c = doc.resolved[c.start]  # "the diplomat" after "the official", already resolved
        if ((wanted == PERSON and doc.is_person(c)) or (wanted == ORGANISATION and c.kind == ORGANISATION)) \
                and not doc.after_preposition(c):
            doc.resolved[found.start] = c
            return c, PRONOUN if found.kind == PRONOUN else DESCRIPTOR
        i -= 1
    return None


def _find(doc: QuoteContext, start: int, end: int, prev_close: int, next_open: int) -> tuple[Candidate, str, str] | None:
    """The first rule that names a speaker for the quotation ``[start, end)``."""
    p_start, p_end = doc.paragraph(start)
    s_start = max(doc.sentences.sentence_at(max(start - 1, 0))[0], p_start, prev_close)
    inner = doc.text[start:end].rstrip(" ’'\"”")
    ends_sentence = inner[-1:] in _SENTENCE_END
    if end < p_end:  # closed: the text after the closing mark
        close_sentence = doc.sentences.sentence_at(end + 1)
        stop = min(next_open, p_end, close_sentence[1] if close_sentence[1] > end + 1 else p_end)
        if not ends_sentence:
            hit = _trailer(doc, end + 1, stop)
            if hit is not None:
                return hit
    # The clause nearest the quotation first: in "Carpenter says he wanted more,
    # but town officials said “...”" the speaker is the officials.
    lead = None
    clause = _last_clause(doc, s_start, start)
    if clause > s_start:
        lead = _in_clause(doc, clause, start)
    if lead is None:
        lead = _in_clause(doc, s_start, start)
    if lead is not None:
        return lead[0], lead[1], ACCORDING_TO if lead[1] == "according to" else LEAD_IN
    tokens = doc.token_range(s_start, start - 1)  # without the opening mark
    words = [doc.tokens[i].text for i in tokens]
    if len(words) >= 2 and words[-1] == ":" and doc.by_last.get(tokens.stop - 2) is not None:
        found = doc.by_last[tokens.stop - 2]
        if found.first == tokens.start:
            return found, "", COLON
    if s_start > p_start and s_start > prev_close:
        before = doc.sentences.sentence_at(s_start - 1)
        hit = _in_clause(doc, max(before[0], p_start, prev_close), s_start)
        if hit is not None:
            return hit[0], hit[1], SENTENCE_BEFORE
    elif p_start > 0 and not any(ch.isalnum() for ch in doc.blank[p_start:p_end]):
        # A paragraph that is all quotation: its speaker was introduced just before.
        hit = _paragraph_before(doc, p_start)
        if hit is not None:
            return hit
    if end < p_end and ends_sentence:
        after = doc.sentences.sentence_at(end + 2)
        stop = min(next_open, p_end, after[1])
        hit = _trailer(doc, end + 1, stop)
        # Only a short sentence of attribution ("Maduro said on Tuesday."),
        # not a new statement that happens to start with a name and a verb.
        if hit is not None and len(doc.token_range(hit[0].end, stop)) <= 6:
            return hit[0], hit[1], SENTENCE_AFTER
    return None


_CLAUSE_LINKS = frozenset("but while as although though whereas yet".split())


def _last_clause(doc: QuoteContext, start: int, end: int) -> int:
    """Where the last clause of ``[start, end)`` begins (after "; " or ", but"), else ``start``."""
    tokens = doc.token_range(start, end)
    for i in range(tokens.stop - 1, tokens.start, -1):
        word = doc.tokens[i].text
        if word == ";" or (doc.tokens[i - 1].text == "," and word.lower() in _CLAUSE_LINKS):
            return doc.tokens[i].end
    return start


def _paragraph_before(doc: QuoteContext, p_start: int) -> tuple[Candidate, str, str] | None:
    """The last sentence of the paragraph before: a verb and its subject, or its subject alone."""
    q_start, q_end = doc.paragraph(p_start, back=1)
    body = doc.blank[q_start:q_end].strip()
    tokens = doc.token_range(q_start, q_end)
    if not body or (body[-1] not in _SENTENCE_END + "”’\"" and len(tokens) < 12):
        return None  # nothing outside quotations, or a header ("UPDATE: 1:52 pm")
    last = doc.sentences.sentence_at(q_end - 1)
    s_start = max(last[0], q_start)
    hit = _in_clause(doc, s_start, q_end)
    if hit is not None:
        return hit[0], hit[1], PARAGRAPH_BEFORE
    first = doc.token_range(s_start, q_end)
    if first:
        found = doc.by_first.get(first.start)
        if found is not None and found.kind != PRONOUN and (found.kind != PERSON or doc.is_person(found)):
            return found, "", PARAGRAPH_BEFORE
    return None


def direct_quotations(text: str) -> list[tuple[int, int, bool]]:
    """The outermost direct quotations of a text (scare quotes and nested ones left out)."""
    outer: list[tuple[int, int, bool]] = []
    for start, end, closed in quotation_spans(text):
        if outer and start < outer[-1][1]:
            continue  # inside a direct quotation: the outer speaker's words
        if classify_quotation(text, start, end) == QUOTED:
            outer.append((start, end, closed))
    return outer


def attribute_quotations(text: str, *, cues: Cues | None = None) -> list[Attribution]:
    """Attribute every direct quotation of a text to its speaker.

    Parameters
    ----------
    text : str
        The article text.
    cues : Cues, optional
        Word lists; the shipped ones (:func:`framing.text.cues.default_cues`) by default.

    Returns
    -------
    list of Attribution
        One per outermost direct quotation, in order; ``how`` is
        :data:`NOT_FOUND` and ``speaker`` "" where no rule names a speaker.
    """
    doc = QuoteContext(text, cues or default_cues())
    quotes = direct_quotations(text)
    found: list[Attribution] = []
    for n, (start, end, closed) in enumerate(quotes):
        prev_close = quotes[n - 1][1] + 1 if n else 0
        next_open = quotes[n + 1][0] - 1 if n + 1 < len(quotes) else len(text)
        hit = _find(doc, start, end, prev_close, next_open)
        resolved = _resolve(doc, hit[0]) if hit is not None else None
        if hit is None or resolved is None:
            found.append(Attribution(start, end, closed, "", -1, -1, "", "", hit[1] if hit else "", NOT_FOUND, ""))
            continue
        speaker, via = resolved
        found.append(Attribution(start, end, closed, speaker.text, speaker.start, speaker.end, speaker.kind,
                                 speaker.core, hit[1], hit[2], via))
    return found
