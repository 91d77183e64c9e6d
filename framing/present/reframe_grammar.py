"""Surface grammar for reframing: articles, number, capitals, possessives, word kinds.

When :func:`framing.present.reframe.reframe` swaps one wording for another,
the words around it were written for the old one. These small rules repair
what a swap breaks most often in news prose:

* the indefinite article goes by the first *sound* of the new wording ("a
  coup" -> "an uprising", "an uprising" -> "a union", "a" before "hour" ->
  "an"): the letter rule with the usual exceptions, and letter names for
  capitalised initialisms ("an FBI agent", "a US envoy");
* number: a wording that is plural by itself ("events", "opposition
  supporters") drops a preceding "a"/"an", and a possessive "'s" after a
  plural becomes a bare apostrophe ("the protesters' demands");
* capitals: ALL CAPS and Title Case headlines are copied, a sentence start
  keeps its capital, the lexicon's proper nouns keep theirs;
* possessives inside a wording ("Maduro's regime" -> "Maduro's government");
* the *kind* of a wording (a noun, a verb form ending in -ed or -ing, a base
  verb, a hyphenated modifier such as "U.S.-backed"), so that a verb is never
  replaced by a noun ("to destabilize the regime" must not become "to
  Russia-backed the regime").

The rules follow the descriptions of the indefinite article and of the
genitive in Huddleston & Pullum (2002), *The Cambridge Grammar of the English
Language*, ch. 5 §6 and ch. 5 §16; they are heuristics for swapped phrases,
not a parser.
"""

from __future__ import annotations

import re

from framing.text.phrase_keys import plural

# "a" or "an", then the space (and an opening quote mark: a ‘coup’) before
# the term; that the article starts a word is checked in code.
_ARTICLE_BEFORE = re.compile(r"(?<!\w)(an|a)(\s+[\"'“‘«]?)$", re.IGNORECASE)
# Vowel letters that sound like consonants, and silent h: "a union", "an hour".
_A_DESPITE_VOWEL = ("uni", "use", "usu", "uti", "uk", "eu", "ewe", "one", "once", "u.s", "us-", "ukr", "uru", "ura")
_AN_DESPITE_CONSONANT = ("hour", "honest", "honor", "honour", "heir")
# Letters whose English name starts with a vowel sound: "an FBI", "an MP".
_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")
# Endings of a last word that is singular though it ends in "s".
_SINGULAR_S = ("ss", "us", "is", "os", "ics")
# Suffixes that make a word a noun even in a family with verb forms
# ("destabilization" beside "destabilized", "defector" beside "defected").
_NOUN_SUFFIXES = ("tion", "sion", "ence", "ance", "ism", "ment", "ity", "cy", "ony", "or", "ist", "acy")
# Suffixes of nouns that are rarely plural ("opposition", "imperialism").
MASS_SUFFIXES = ("tion", "sion", "ism", "ity", "cy", "ence", "ance")
# Nouns of the news vocabulary that take no "a"/"an" ("called for unrest").
_MASS_NOUNS = frozenset({"unrest", "chaos", "violence", "aggression", "interference", "sovereignty", "propaganda",
                         "usurpation", "hegemony", "domination", "sedition", "meddling", "bloodshed", "democracy",
                         "self-determination", "imperialism", "chavismo", "news"})
_MODIFIER = re.compile(r"(-(backed|back|wing|right|left)$)|(^(pro|anti|far|ultra)-)")
_POSSESSIVE = re.compile(r"^(\w[\w.-]*)['’]s$")
_APOSTROPHE_S_AFTER = re.compile(r"^(['’])s(?!\w)")

NOUN, MODIFIER, VERB, VERB_S, VERB_ED, VERB_ING = "noun", "modifier", "verb", "verb_s", "verb_ed", "verb_ing"


def wants_an(phrase: str) -> bool:
    """True if ``phrase`` takes "an": its first sound is a vowel sound.

    A capitalised initialism ("FBI", "U.S.") is read letter by letter, so it
    goes by the name of its first letter.
    """
    word = phrase.lstrip("\"'“‘«(").split(" ", 1)[0]
    letters = word.replace(".", "").split("-", 1)[0]
    if 1 < len(letters) <= 5 and letters.isupper() and letters.isalpha():
        return letters[0] in _VOWEL_SOUND_LETTERS
    lower = word.lower()
    if lower.startswith(_AN_DESPITE_CONSONANT):
        return True
    if lower.startswith(_A_DESPITE_VOWEL):
        return False
    return lower[:1] in "aeiou"


def _head_words(phrase: str) -> list[str]:
    # The head of "restoration of democracy" is "restoration".
    return phrase.lower().split(" of ", 1)[0].split()


def is_plural_phrase(phrase: str) -> bool:
    """True if a wording is plural as written ("events", "armed gangs"), by its last word."""
    last = (_head_words(phrase)[-1:] or [""])[0]
    return len(last) > 3 and last.endswith("s") and not last.endswith(_SINGULAR_S) and "'" not in last


def is_mass_noun(phrase: str) -> bool:
    """True if a wording's head is a noun that takes no indefinite article ("unrest", "imperialism")."""
    last = (_head_words(phrase)[-1:] or [""])[0]
    return last in _MASS_NOUNS or last.endswith(("ism", "ity", "cy"))


def pluralise(phrase: str) -> str:
    """The regular plural of a phrase's last word ("coup attempt" -> "coup attempts")."""
    head, space, last = phrase.rpartition(" ")
    return head + space + plural(last)


def word_kind(form: str, family: tuple[str, ...]) -> str:
    """The kind of a wording: noun, modifier, or a verb form.

    Parameters
    ----------
    form : str
        One wording (the canonical text or a listed form).
    family : tuple of str
        All wordings of the same term: a family with a form ending in "-ed"
        is a verb's, so its base ("destabilize") and its "-ing" and "-s" forms
        are verbs too, unless a noun suffix says otherwise.

    Returns
    -------
    str
        One of ``noun``, ``modifier``, ``verb``, ``verb_s``, ``verb_ed``,
        ``verb_ing``; a multi-word verb form gets its word count appended
        ("restore democracy" is ``verb:2``, which a one-word verb cannot
        replace without leaving the old object behind).
    """
    words = form.lower().replace("’", "'").split()
    if not words:
        return NOUN
    last = words[-1]
    if _MODIFIER.search(last):
        return MODIFIER
    # A verb's family lists its inflections; a lone phrase such as
    # "attempted coup" is a noun phrase whatever its first word. In a verb
    # phrase the verb comes first ("restore democracy"), so the first word
    # says whether a form is a noun ("restoration of democracy").
    verbal = len(family) > 1 and any(w.endswith(("ed", "ing")) for f in family for w in f.lower().split())
    if last.endswith("ed") and len(last) > 4:
        kind = VERB_ED
    elif not verbal or words[0].endswith(_NOUN_SUFFIXES):
        return NOUN
    elif any(w.endswith("ed") for w in words):
        kind = VERB_ED
    elif any(w.endswith("ing") for w in words):
        kind = VERB_ING
    elif words[0].endswith("s") and not words[0].endswith("ss"):
        kind = VERB_S
    else:
        kind = VERB
    return kind if len(words) == 1 else f"{kind}:{len(words)}"


def title_case(phrase: str) -> str:
    """Capitalise after spaces and hyphens ("Civic-Military Uprising"), keeping other capitals ("U.S.")."""
    return re.sub(r"(^|[\s-])(\w)", lambda m: m.group(1) + m.group(2).upper(), phrase)


def at_sentence_start(text: str, start: int) -> bool:
    """True if ``start`` opens a sentence, a line or a quotation after a colon."""
    before = text[:start].rstrip(" \t\"'“‘(«")
    return not before or before[-1] in ".!?:\n"


def match_case(surface: str, canonical: str, replacement: str, sentence_start: bool) -> str:
    """Give the replacement the capitals the writer gave the matched words.

    Capitals the lexicon itself writes ("Maduro regime", "Operation
    Liberty") are a proper noun's, not the writer's, and are not copied.
    """
    letters = [c for c in surface if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not canonical.isupper():
        return replacement.upper()
    words = [w for w in surface.split() if any(c.isalpha() for c in w)]
    canonical_words = canonical.split()
    if (len(words) > 1 and all(w[0].isupper() for w in words)
            and not all(w[:1].isupper() for w in canonical_words)):
        return title_case(replacement)
    if sentence_start or (surface[:1].isupper() and not canonical[:1].isupper()):
        return replacement[:1].upper() + replacement[1:]
    return replacement


def keep_possessive(surface: str, replacement: str) -> str:
    """Carry a possessive of the matched words over: "Maduro's regime" -> "Maduro's government".

    A word written "X's" in the surface whose bare form "X" stands in the
    replacement gets its "'s" (with the writer's apostrophe) back.
    """
    owners = {}
    for word in surface.split():
        found = _POSSESSIVE.match(word)
        if found:
            owners[found.group(1).lower()] = word[len(found.group(1))]
    if not owners:
        return replacement
    return " ".join(f"{w}{owners[w.lower()]}s" if w.lower() in owners else w for w in replacement.split(" "))


def possessive_after(text: str, end: int) -> tuple[str, int] | None:
    """The apostrophe of an "'s" right after ``end`` ("the regime's army"), and its length."""
    found = _APOSTROPHE_S_AFTER.match(text[end:end + 3])
    return (found.group(1), found.end()) if found else None


def article_before(text: str, low: int, start: int) -> tuple[int, str, str] | None:
    """Start, word and what follows it (space, quote mark) of an "a"/"an" just before ``start``."""
    # A short window: the article is at most a few characters back.
    window = max(low, start - 40)
    found = _ARTICLE_BEFORE.search(text, window, start)
    if not found:
        return None
    begin = found.start(1)
    if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "_"):
        return None  # the tail of a longer word ("Panama coup")
    return begin, found.group(1), found.group(2)


def fix_article(article: str, replacement: str) -> str:
    """The indefinite article for ``replacement``, in the capitals ``article`` had; "" before a plural or mass noun."""
    if is_plural_phrase(replacement) or is_mass_noun(replacement):
        return ""
    new = "an" if wants_an(replacement) else "a"
    if article.isupper() and (len(article) > 1 or replacement.isupper()):
        return new.upper()
    if article[:1].isupper():
        return new.capitalize()
    return new


def word_before(text: str, start: int) -> str:
    """The word just before ``start`` (after at most one space), or ""."""
    found = re.search(r"(\w[\w.-]*)\s$", text[max(0, start - 40):start])
    return found.group(1) if found else ""


__all__ = [
    "NOUN", "MODIFIER", "VERB", "VERB_S", "VERB_ED", "VERB_ING",
    "wants_an", "is_plural_phrase", "is_mass_noun", "pluralise", "word_kind", "title_case", "at_sentence_start",
    "match_case", "keep_possessive", "possessive_after", "article_before", "fix_article", "word_before",
]
