"""One speaker per person or organisation in an article, however it is named.

"Venezuela’s Defense Minister Vladimir Padrino", "Minister Padrino" and "he"
(resolved) are the same speaker. People are merged by surname within an
article and named by the fullest form the article gives anywhere
("Maduro" is "Nicolas Maduro" when the article names him so once): the
within-document surname rule of the Stanford coreference sieve's
"relaxed string match" pass (Lee et al. 2013, "Deterministic coreference
resolution based on entity-centric, precision-ranked rules", Computational
Linguistics 39(4)). Organisations merge by their folded name, and with an
acronym given in brackets after their name ("The Communist Party of Kenya
(CPK)" and "The CPK").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from framing.text.attribution import Attribution
from framing.text.cues import GROUP, ORGANISATION, PERSON, Cues, default_cues
from framing.text.names import find_candidates, tokenize
from framing.text.tokens import fold

_THE = re.compile(r"^the\s+", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*\(\s*([^\W\d_]{2,10})\s*\)")


def _org_key(name: str) -> str:
    return fold(_THE.sub("", name)).strip()


def _fullest(core: str, full: set[str]) -> str:
    """The fullest name the article gives that ends with ``core`` ("Padrino" → "Vladimir Padrino").

    Two different people of one surname ("Rob Smith", "Sam Smith") keep their
    own names, and a lone "Smith" between them stays "Smith" rather than guess.
    """
    words = [fold(w) for w in core.split()]
    fits = [name for name in full if [fold(w) for w in name.split()][-len(words):] == words]
    if not fits:
        return core
    firsts = {fold(name.split()[0]) for name in fits}
    if len(words) == 1 and len(firsts) > 1:
        return core
    return max(fits, key=lambda name: (len(name.split()), len(name)))


def speaker_names(text: str, attributions: Sequence[Attribution], *, cues: Cues | None = None) -> list[str]:
    """The merged name of each attribution's speaker ("" where none was found).

    Parameters
    ----------
    text : str
        The article the attributions come from.
    attributions : sequence of Attribution
        From :func:`framing.text.attribution.attribute_quotations` on ``text``.
    cues : Cues, optional
        Word lists (the shipped ones by default).

    Returns
    -------
    list of str
        One name per attribution: for a person the fullest name the article
        gives them, for an organisation the name as first written (without a
        leading "the"), for a group the words as written.
    """
    cues = cues or default_cues()
    candidates = find_candidates(text, tokenize(text), cues)
    full_names: dict[str, set[str]] = {}
    acronyms: dict[str, str] = {}
    org_names: dict[str, str] = {}
    for c in candidates:
        if c.kind == PERSON and len(c.core.split()) >= 2:
            full_names.setdefault(fold(c.core.split()[-1]), set()).add(c.core)
        elif c.kind == ORGANISATION:
            key = _org_key(c.core)
            org_names.setdefault(key, _THE.sub("", c.text))
            bracket = _BRACKETED.match(text, c.end)
            if bracket and bracket.group(1).isupper():
                acronyms.setdefault(fold(bracket.group(1)), key)
    names: list[str] = []
    for a in attributions:
        if not a.speaker:
            names.append("")
        elif a.kind == PERSON:
            names.append(_fullest(a.core, full_names.get(fold(a.core.split()[-1]), set())))
        elif a.kind == ORGANISATION:
            key = _org_key(a.core)
            key = acronyms.get(key, key)
            names.append(org_names.get(key, _THE.sub("", a.speaker)))
        elif a.kind == GROUP:
            names.append(a.speaker)
        else:
            names.append(a.speaker)
    return names
