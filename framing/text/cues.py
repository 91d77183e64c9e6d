"""The word lists that attribute quotations: reporting verbs, titles, organisation words.

They ship as plain text files in :mod:`framing.data` (one entry a line, ``#``
comments), so a user can read and extend them, and are read once per process
with :mod:`importlib.resources`. The verb list follows the speech-act verbs of
Bergler (1992), "Evidential analysis of reported speech", and the verbs of the
Gender Gap Tracker's quote extractor (Asr et al. 2021, "The Gender Gap
Tracker", PLOS ONE 16(1)), limited to those common in news prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

PERSON = "person"
ORGANISATION = "organisation"
GROUP = "group"
DESCRIPTOR_KINDS = (PERSON, ORGANISATION, GROUP)


@dataclass(frozen=True)
class Cues:
    """The attribution word lists, lowercase.

    Attributes
    ----------
    verbs : dict
        Each form of a reporting verb, as a tuple of words (``("pointed", "out")``),
        to the form shown in tables (its first form: ``"pointed out"``).
    longest_verb : int
        Words in the longest verb form.
    titles : frozenset of str
        Titles and roles that may stand before a name.
    organisation_words : frozenset of str
        Words that make a name an organisation's.
    descriptors : dict
        Common nouns standing for a speaker, to their kind
        (``person``, ``organisation`` or ``group``).
    stopwords : frozenset of str
        Function words, which never start a name ("During", "Meanwhile").
    """

    verbs: dict[tuple[str, ...], str]
    longest_verb: int
    titles: frozenset[str]
    organisation_words: frozenset[str]
    descriptors: dict[str, str]
    stopwords: frozenset[str]


def _lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a shipped word list."""
    text = resources.files("framing.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def parse_verbs(lines: list[str]) -> dict[tuple[str, ...], str]:
    """Read verb lines (forms separated by spaces, words of a form joined by ``_``)."""
    verbs: dict[tuple[str, ...], str] = {}
    for line in lines:
        forms = [tuple(form.lower().split("_")) for form in line.split()]
        shown = " ".join(forms[0])
        for form in forms:
            verbs.setdefault(form, shown)
    return verbs


def parse_descriptors(lines: list[str]) -> dict[str, str]:
    """Read ``kind: words`` lines; an unknown kind is a ``ValueError``."""
    descriptors: dict[str, str] = {}
    for line in lines:
        kind, _, words = line.partition(":")
        kind = kind.strip()
        if kind not in DESCRIPTOR_KINDS:
            raise ValueError(f"unknown descriptor kind {kind!r}; allowed: {', '.join(DESCRIPTOR_KINDS)}")
        for word in words.split():
            descriptors.setdefault(word.lower(), kind)
    return descriptors


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    """Return the shipped word lists (read once; :class:`Cues` is immutable)."""
    verbs = parse_verbs(_lines("reporting-verbs.txt"))
    words = lambda name: frozenset(w.lower() for line in _lines(name) for w in line.split())  # noqa: E731
    return Cues(
        verbs=verbs,
        longest_verb=max(len(form) for form in verbs),
        titles=words("titles.txt"),
        organisation_words=words("organisation-words.txt"),
        descriptors=parse_descriptors(_lines("descriptor-nouns.txt")),
        stopwords=words("stopwords-en.txt"),
    )
