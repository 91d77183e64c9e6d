#!/usr/bin/env python3
"""Build samples/lexicons/loaded-language.toml from the curated terms and two open word lists.

Run by hand when a rule or a source changes (``pip install -e ".[lexicon-build]"`` first);
the TOML it writes is committed, so nothing here is needed at run time::

    python tools/build_loaded_language.py            # writes samples/lexicons/loaded-language.toml
    python tools/build_loaded_language.py --check    # exit 1 if the committed file is stale

Sources (licences in samples/lexicons/README.md):

* ``tools/loaded_language_curated.toml``: the project's own curation (lexicon 1.0.0's
  attribution verbs, delegitimising labels and emotive intensifiers, partisan labels,
  ``except`` phrases, context rules). Copied first, comments and all.
* VADER's ``vader_lexicon.txt`` (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model
  for Sentiment Analysis of Social Media Text", ICWSM; MIT), as shipped by the
  ``vaderSentiment`` package: mean valence -4 .. +4 of each entry from ten raters.
* Pattern's English adjective lexicon ``en-sentiment.xml`` (De Smedt & Daelemans 2012,
  "Pattern for Python", JMLR 13; the file is released under PDDL), as shipped by ``textblob``:
  polarity -1 .. +1 and subjectivity 0 .. 1 per word sense.
* ``wordfreq`` (Speer 2022; code Apache-2.0, data CC-BY-SA 4.0), used only as a filter: how
  common a word is in English (Zipf scale). None of its data goes into the lexicon.

Selection rules (the constants below; each is a reason, not a list of words):

1. VADER: single words (letters, inner hyphens or apostrophes) with |valence| >= VADER_MIN.
2. Pattern: words whose most subjective sense has subjectivity >= PATTERN_SUBJECTIVITY and
   whose strongest sense has |polarity| >= PATTERN_POLARITY.
3. Common words are left out (Zipf frequency >= ZIPF_MAX, about one in 30,000 words and
   up): the most frequent evaluative words ("like", "support", "free", "death", "war") are
   mostly used plainly in news, and their loaded uses need context a word list lacks.
   VADER words with |valence| >= STRONG_VALENCE are kept however common ("evil", "liar").
4. Abstract nouns naming a harm or an issue (suffix -ism, -ity, -tion, ...: "racism",
   "brutality", "injustice") name what the news is about, not how it is told; VADER words
   with such a suffix are kept only at |valence| >= STRONG_VALENCE.
5. A word the curated part already has (as a term, a form or an automatic plural) keeps
   its curated entry; a word in both VADER and Pattern goes to VADER's concept.

6. VADER words in EVENT_WORDS (crime, conflict, disaster, court and illness vocabulary)
   are left out. Positive words need more: VADER valence >= POSITIVE_MIN, Pattern polarity
   >= PATTERN_POSITIVE_MIN (in news, most praise words describe: "peaceful", "prominent").

Weights (0.5 .. 1, rounded to 0.05): VADER 0.5 + 0.5 * (|valence| - VADER_MIN) / (4 - VADER_MIN);
Pattern 0.5 + 0.5 * subjectivity * |polarity|. Concepts: VADER negative valence -> negative_emotive,
positive -> positive_emotive; Pattern -> evaluative. Each generated term records its source
and the score it was selected by in ``source``.
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "tools" / "loaded_language_curated.toml"
OUTPUT = ROOT / "samples" / "lexicons" / "loaded-language.toml"
VERSION = "2.0.0"

VADER_MIN = 1.8
POSITIVE_MIN = 3.0
PATTERN_SUBJECTIVITY = 0.6
PATTERN_POLARITY = 0.3
PATTERN_POSITIVE_MIN = 0.8
# Words that name an event, a crime, a harm or a legal step (what happened, not how it is
# told): strongly valenced in VADER, plain in news. Written from the vocabulary of crime,
# conflict, disaster and court reporting, inflections included.
EVENT_WORDS = frozenset("""
abduct abducted abduction arrest arrested arrests assault assaulted assaults bomb bombed bombing
bombings casualties casualty convict convicted crash crashed crashes dead death deaths die died
dies drown drowned execute executed execution fire fired flood floods homicide hostage hostages
injure injured injuries injury jail jailed kidnap kidnapped kill killed killing killings
manslaughter massacre mourn mourned mourners mourning murder murdered murders prison prisoner
prisoners rape raped rapes rapist riot rioters riots shooting shootings stab stabbed stabbing
suicide suicides theft victim victims war wars wound wounded
cancer disease illness sick sickness pain pandemic epidemic outbreak
""".split())
ZIPF_MAX = 4.5
WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
ABSTRACT_NOUN = re.compile(r"(?:ism|ity|ice|tion|sion|ery|ment|ness|ence|ance|dom|hood)$")

# Plain senses of generated words: phrases in which the word names a legal or official
# category, not a judgement (written into the term's ``except``).
PLAIN_SENSES = {
    "violent": ["violent crime", "violent offender", "non-violent", "violent extremism"],
    "terrorist": ["terrorist group", "terrorist organization", "terrorist organisation",
                  "designated terrorist", "terrorist attack"],
}

CONCEPTS = {
    "negative_emotive": ("Negative emotive words", "negative emotive (VADER)"),
    "positive_emotive": ("Praise and positive emotive words", "positive emotive (VADER)"),
    "evaluative": ("Subjective evaluative adjectives", "subjective adjective (Pattern)"),
}


def read_vader() -> dict[str, float]:
    """Word -> mean valence, from the vaderSentiment package's copy of the lexicon."""
    path = importlib.resources.files("vaderSentiment") / "vader_lexicon.txt"
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and WORD.fullmatch(fields[0]):
            out[fields[0]] = float(fields[1])
    return out


def read_pattern() -> dict[str, tuple[float, float]]:
    """Word -> (strongest polarity, max subjectivity) over its senses, from textblob's en-sentiment.xml."""
    path = importlib.resources.files("textblob") / "en" / "en-sentiment.xml"
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for element in ET.fromstring(path.read_bytes()):
        form = (element.get("form") or "").lower()
        if WORD.fullmatch(form):
            senses[form].append((float(element.get("polarity", 0)), float(element.get("subjectivity", 0))))
    return {w: (max((p for p, _ in v), key=abs), max(s for _, s in v)) for w, v in senses.items()}


def taken_keys(curated_text: str) -> set[str]:
    """Every key the curated terms match (forms and automatic plurals included)."""
    from framing.lexicon.model import parse_lexicon
    from framing.text.phrase_keys import surface_keys

    lexicon = parse_lexicon(curated_text, file=str(CURATED))
    keys: set[str] = set()
    for concept in lexicon.concepts:
        for term in concept.terms:
            for surface in (term.text, *term.forms):
                keys |= surface_keys(surface)
    return keys


def _weight(x: float) -> float:
    return round(min(1.0, max(0.5, x)) * 20) / 20


def select(vader: dict[str, float], pattern: dict[str, tuple[float, float]], taken: set[str],
           zipf) -> dict[str, list[tuple[str, float, str]]]:
    """Concept id -> [(word, weight, source)] by the module's rules."""
    from framing.text.phrase_keys import surface_keys

    chosen: dict[str, list[tuple[str, float, str]]] = defaultdict(list)
    claimed = set(taken)

    def claim(word: str) -> bool:
        keys = surface_keys(word, add_plural=False)
        if keys & claimed:
            return False
        claimed.update(keys)
        return True

    for word in sorted(vader):
        valence = vader[word]
        if abs(valence) < (VADER_MIN if valence < 0 else POSITIVE_MIN):
            continue
        if zipf(word) >= ZIPF_MAX or ABSTRACT_NOUN.search(word) or word in EVENT_WORDS:
            continue
        if claim(word):
            weight = _weight(0.5 + 0.5 * (abs(valence) - VADER_MIN) / (4 - VADER_MIN))
            concept = "negative_emotive" if valence < 0 else "positive_emotive"
            chosen[concept].append((word, weight, f"VADER valence {valence:+.1f}"))
    for word in sorted(pattern):
        polarity, subjectivity = pattern[word]
        if subjectivity < PATTERN_SUBJECTIVITY or zipf(word) >= ZIPF_MAX or word in EVENT_WORDS:
            continue
        if polarity > -PATTERN_POLARITY and polarity < PATTERN_POSITIVE_MIN:
            continue
        if claim(word):
            weight = _weight(0.5 + 0.5 * subjectivity * abs(polarity))
            chosen["evaluative"].append(
                (word, weight, f"Pattern subjectivity {subjectivity:.2f}, polarity {polarity:.2f}"))
    return chosen


def render(curated_text: str, chosen: dict[str, list[tuple[str, float, str]]]) -> str:
    """The output TOML: the curated file with the new version, then one table per generated concept."""
    total = sum(len(v) for v in chosen.values())
    text = re.sub(r'(?m)^version = ".*"$', f'version = "{VERSION}"', curated_text, count=1)
    header = (
        "# GENERATED by tools/build_loaded_language.py from tools/loaded_language_curated.toml,\n"
        "# VADER (MIT) and Pattern's en-sentiment.xml (PDDL); see samples/lexicons/README.md.\n"
        "# Edits here are kept until the next build; lasting edits go in the curated file.\n"
    )
    parts = [header, text.rstrip("\n"), ""]
    for concept, (label, category) in CONCEPTS.items():
        terms = chosen.get(concept, [])
        parts += [
            "",
            "# " + "-" * 75,
            f"# {len(terms)} of {total} generated terms: {category}.",
            f"[concepts.{concept}]",
            f'label = "{label}"',
            f"[concepts.{concept}.terms]",
        ]
        for word, weight, source in terms:
            exceptions = "".join(f', except = {json.dumps(PLAIN_SENSES[word])}' if word in PLAIN_SENSES else "")
            parts.append(f'"{word}" = {{ weight = {weight}, category = "{category}", source = "{source}"{exceptions} }}')
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check compare) the generated lexicon."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        print("needs the lexicon-build extra: pip install -e '.[lexicon-build]'", file=sys.stderr)
        return 2
    curated_text = CURATED.read_text(encoding="utf-8")
    chosen = select(read_vader(), read_pattern(), taken_keys(curated_text), lambda w: zipf_frequency(w, "en"))
    out = render(curated_text, chosen)
    from framing.lexicon.model import parse_lexicon

    parse_lexicon(out, file=str(args.output))  # raises with every problem if the rules made a bad file
    if args.check:
        same = args.output.is_file() and args.output.read_text(encoding="utf-8") == out
        print("up to date" if same else f"{args.output} is stale: run tools/build_loaded_language.py")
        return 0 if same else 1
    args.output.write_text(out, encoding="utf-8")
    print(f"wrote {args.output}: {sum(len(v) for v in chosen.values())} generated terms "
          + ", ".join(f"{k} {len(v)}" for k, v in chosen.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
