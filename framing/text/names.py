"""Name spans by capitalisation: people, organisations, pronouns and role nouns.

No tagger and no model: a name is a run of capitalised words, with the
connectors of titles and organisations inside it ("Communist Party of
Kenya", "ambassador to the United Nations Samuel Moncada"), possessives
("Russia’s Foreign Affairs spokeswoman Maria Zakharova") and lowercase titles
before a capitalised word. This is the capitalisation heuristic of Mikheev
(1999), "A knowledge-free method for capitalized word disambiguation" (ACL):
a sentence-initial word that also appears in lowercase elsewhere in the text
is a common word, not a name.

A span is a **person** when a trailing run of capitalised words follows a
title or stands alone ("Minister Padrino", "Dmitry Peskov"), an
**organisation** when an organisation word ends it or all its words are
initials ("The Russian Foreign Ministry", "FMLN"), and a **descriptor** when
it ends in a role noun ("the diplomat", "Russian diplomats").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from framing.text.cues import GROUP, ORGANISATION, PERSON, Cues

PRONOUN = "pronoun"
DESCRIPTOR = "descriptor"

# Dotted initials (U.S., U.N.) are one token; a word keeps its inner
# apostrophes and hyphens (Russia’s, Jean-Luc); anything else is one character.
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., U.N.
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Prof|Rev|Adm)\.(?=\s)"  # titles with their dot
    r"|[A-Z]\.(?=\s+[A-Z])"  # a middle initial: Charles E. Schumer
    r"|[^\W_]+(?:['’\-][^\W_]+)*|[^\w\s]"
)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Z]\.$")
_PARTY_TAG = re.compile(r"^[DRI]-[A-Z]")
_CONNECTORS = frozenset({"of", "and", "for", "de", "del", "la", "el", "y", "to"})
_PRONOUNS = frozenset({"he", "she"})
#: Capitalised words that are not names where they stand (headers, days, months, adverbs).
NOT_NAMES = frozenset(
    """
    update updated updates video photo photos live breaking watch read listen please continue
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december today yesterday tomorrow tonight
    meanwhile still however now then also here there late according regarding facing yet so
    but and or if when while although though because since as after before during
    """.split()
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark: ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that may name a speaker.

    Attributes
    ----------
    start, end : int
        Character offsets of the span in the text.
    first, last : int
        Indices of its first and last token.
    text : str
        The span as written.
    kind : str
        ``person``, ``organisation``, ``group`` (a plural role noun, a
        speaker as written), ``descriptor`` (a role noun after "the",
        referring back) or ``pronoun``.
    core : str
        For a person, the name without titles ("Padrino" for "Minister
        Padrino"); for an organisation, the span without a leading "the";
        for a descriptor, its noun's kind (``person`` or ``organisation``).
    """

    start: int
    end: int
    first: int
    last: int
    text: str
    kind: str
    core: str


def tokenize(text: str) -> list[Token]:
    """Split a text into words and punctuation marks, with offsets."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word).lower().rstrip(".").replace("’", "'")


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _capitalised(word: str) -> bool:
    """Begins with a capital, or with a letter of a script without case (王毅, محمد)."""
    first = word[:1]
    return first.isupper() or (first.isalpha() and not first.islower())


def _is_capital(word: str, cues: Cues) -> bool:
    """A capitalised word that can be part of a name (not "Guaido-led", not "During")."""
    if _INITIAL.match(word):
        return True  # the middle initial of "Scott A. Weiner"
    if not _capitalised(word) or _bare(word) in NOT_NAMES:
        return False
    if _is_acronym(word):
        return True
    if "-" in word and not word.rsplit("-", 1)[1][:1].isupper():
        return False  # Guaido-led, U.S.-backed
    if _PARTY_TAG.match(word):
        return False  # "Sen. Chuck Grassley, R-Iowa, said": a party and state, not the speaker
    bare = _bare(word)
    return bare not in cues.stopwords and bare not in NOT_NAMES


def _person_before(tokens: list[Token], first: int, of: int, cues: Cues) -> bool:
    """Do the words before "of" end in a person's name ("Harjeet Singh of ActionAid")?"""
    words = [t.text for t in tokens[first:of]]
    run = 0
    for w in reversed(words):
        if not _is_capital(w, cues) or _bare(w) in cues.titles or w.lower() in cues.organisation_words:
            break
        run += 1
    return run >= 2


def find_candidates(text: str, tokens: list[Token], cues: Cues) -> list[Candidate]:
    """Every name, role-noun phrase and subject pronoun in a tokenised text, in order.

    Parameters
    ----------
    text : str
        The text the tokens index (quotations may be blanked out).
    tokens : list of Token
        From :func:`tokenize`.
    cues : Cues
        Titles, organisation words, role nouns and stopwords.

    Returns
    -------
    list of Candidate
        Non-overlapping spans; a span never crosses a line break or a punctuation mark.
    """
    lowercase_words = {t.text for t in tokens if t.text[:1].islower()}
    roles = cues.titles | cues.descriptors.keys()
    found: list[Candidate] = []
    n = len(tokens)
    i = 0

    def joined(j: int) -> bool:  # token j follows token j-1 on the same line
        return "\n" not in text[tokens[j - 1].end:tokens[j].start]

    while i < n:
        word = tokens[i].text
        lower = word.lower()
        if lower in _PRONOUNS:
            found.append(Candidate(tokens[i].start, tokens[i].end, i, i, word, PRONOUN, PERSON))
            i += 1
            continue
        if _is_acronym(word) and lower in lowercase_words:
            i += 1  # "JUST WATCHED", "READ MORE": a shouted common word, not initials
            continue
        starts = _is_capital(word, cues) or lower.rstrip(".") in cues.titles or cues.descriptors.get(lower) == GROUP or (
            lower == "the" and i + 1 < n and joined(i + 1)
            and (_is_capital(tokens[i + 1].text, cues) or tokens[i + 1].text.lower() in roles))
        if not starts:
            i += 1
            continue
        j = i + 1
        while j < n and joined(j):
            nxt = tokens[j].text
            low = nxt.lower()
            if (_is_capital(nxt, cues) and not (_is_acronym(nxt) and low in lowercase_words)) or (
                    nxt[:1].islower() and low in roles):
                j += 1
            elif low in _CONNECTORS and j + 1 < n and joined(j + 1):
                previous = tokens[j - 1].text
                k = j + 2 if tokens[j + 1].text.lower() == "the" and low in ("of", "to") else j + 1
                # "to" only after a title (ambassador to the United Nations), the
                # others only after a capitalised word (Party of Kenya).
                if (k < n and joined(k) and _is_capital(tokens[k].text, cues)
                        and (previous.lower() in cues.titles if low == "to" else previous[:1].isupper())
                        and not (low == "of" and _person_before(tokens, i, j, cues))):
                    j = k + 1
                else:
                    break
            else:
                break
        candidate = _classify(text, tokens, i, j - 1, cues, lowercase_words)
        if candidate is not None:
            found.append(candidate)
        i = j
    return found


def _classify(text: str, tokens: list[Token], first: int, last: int, cues: Cues,
              lowercase_words: set[str]) -> Candidate | None:
    """Name the kind of the span ``tokens[first..last]``, or drop it."""
    words = [t.text for t in tokens[first:last + 1]]
    if words[0].lower() == "the":
        body = words[1:]
    else:
        body = words
    span_text = text[tokens[first].start:tokens[last].end]
    make = lambda kind, core: Candidate(tokens[first].start, tokens[last].end, first, last,  # noqa: E731
                                        span_text, kind, core)
    final = words[-1]
    if final[:1].islower():  # ends in a role noun: a descriptor or a group
        if any(_is_capital(w, cues) for w in body) or words[0].lower() != "the":
            if cues.descriptors.get(final.lower()) == GROUP:
                return make(GROUP, span_text)
            if words[0].lower() != "the":
                return None  # "opposition leader", with no name after it
            if all(_is_acronym(w) for w in body[:-1]):
                return make(ORGANISATION, span_text[4:])  # the U.S. government
        kind = cues.descriptors.get(final.lower(), PERSON)
        if kind == GROUP:
            return make(GROUP, span_text)  # "the officials": a speaker as written
        return make(DESCRIPTOR, ORGANISATION if kind == ORGANISATION else PERSON)
    # After a possessive, the name proper: "Russia’s [Foreign Affairs spokeswoman Maria Zakharova]".
    cut = max((k + 1 for k, w in enumerate(body) if _POSSESSIVE.search(w)), default=0)
    proper = body[cut:]
    if not proper:
        return None
    if all(_is_acronym(w) for w in proper):
        return make(ORGANISATION, " ".join(body))
    run: list[str] = []
    for w in reversed(proper):
        if _bare(w) in cues.titles or w.lower() in cues.organisation_words or not _capitalised(w):
            break
        run.insert(0, w)
    before_run = proper[len(proper) - len(run) - 1] if len(run) < len(proper) else ""
    has_org = any(w.lower() in cues.organisation_words for w in proper)
    if has_org and not (run and _bare(before_run) in cues.titles | cues.organisation_words and len(run) >= 2):
        return make(ORGANISATION, " ".join(body))
    if not run:
        return make(DESCRIPTOR, PERSON)  # "the President"
    titled = len(run) < len(proper)
    if words[0].lower() == "the" and not titled:
        return make(ORGANISATION, " ".join(body))  # The Daily Beast, the Miraflores: not a person
    at_sentence_start = first == 0 or tokens[first - 1].text in ".!?:…" or "\n" in text[
        tokens[first - 1].end:tokens[first].start]
    if len(words) == 1 and not titled and at_sentence_start and words[0].lower() in lowercase_words:
        return None  # a common word capitalised at the start of a sentence
    return make(PERSON, " ".join(run))
