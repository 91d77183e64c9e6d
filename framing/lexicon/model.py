"""Lexicons: the loaded terms to look for, as data files people edit.

A lexicon is a TOML file (read with the standard library's :mod:`tomllib`)::

    name = "venezuela-2019"
    version = "1.0.0"
    description = "Framing of the Venezuelan crisis of 2019."

    [[axes]]
    id = "gov_opp"
    label = "Venezuelan crisis"
    negative = "pro-opposition framing"   # pole of weight -1
    positive = "pro-government framing"   # pole of weight +1

    [concepts.events]
    label = "The events of 30 April"
    axis = "gov_opp"
    [concepts.events.terms]
    "coup" = 0.8                                   # weight on the axis, -1 .. +1
    "uprising" = { weight = -0.6, forms = ["uprisings"] }
    "events" = 0                                   # 0: the neutral reference wording

    [concepts.attribution]                         # no axis: a plain "loaded" category
    label = "Attribution verbs"
    [concepts.attribution.terms]
    "said" = 0                                     # 0: neutral reference
    "claimed" = 1                                  # > 0: loaded (0 .. 1, no sign)

Matching rules (see :mod:`framing.scoring.matcher`): case-insensitive, accents and
typographic variants folded, punctuation inside a phrase equals a space, whole
words only. Inflections are *explicit*: the regular plural of a phrase's last
word is added automatically (coup -> coups, dictatorship -> dictatorships,
ally -> allies), every other form is listed in ``forms``. We chose explicit
forms over a stemmer because a stemmer merges words that frame differently
("government" and "governed", "administration" and "administrative").

:func:`parse_lexicon` checks everything and raises :class:`LexiconError` with
the full list of problems; :func:`validate_lexicon_file` returns that list.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from framing.lexicon.term import Term, parse_term
from framing.resources import BUNDLED_LEXICONS, bundled_lexicon_path

__all__ = ["Axis", "Concept", "Lexicon", "LexiconError", "LexiconProblem", "Term", "bundled_lexicon",
           "bundled_lexicons", "load_lexicon", "parse_lexicon", "validate_lexicon_file"]

#: Rules a lexicon's top-level ``[context_rules]`` table may switch on, and what each takes.
CONTEXT_RULES = {"negation": "a list of term categories (or concept ids) the rule applies to"}

MAX_LEXICON_BYTES = 2_000_000


@dataclass(frozen=True)
class Axis:
    """A framing axis with two poles: weight -1 is ``negative``, +1 ``positive``."""

    id: str
    label: str
    negative: str
    positive: str


@dataclass(frozen=True)
class Concept:
    """A thing that can be named in several ways (the events, a person's standing)."""

    id: str
    label: str
    axis: str | None
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Lexicon:
    """A named, versioned set of concepts and axes, with its content hash."""

    name: str
    version: str
    description: str
    axes: tuple[Axis, ...]
    concepts: tuple[Concept, ...]
    sha256: str
    source: str = ""
    context_rules: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def context_rule(self, name: str) -> tuple[str, ...]:
        """The categories a context rule applies to in this lexicon (empty: rule off)."""
        return dict(self.context_rules).get(name, ())

    def axis(self, axis_id: str) -> Axis:
        """Return the axis with this id (``KeyError`` if there is none)."""
        for axis in self.axes:
            if axis.id == axis_id:
                return axis
        raise KeyError(axis_id)

    def concept(self, concept_id: str) -> Concept:
        """Return the concept with this id (``KeyError`` if there is none)."""
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        raise KeyError(concept_id)

    @property
    def label(self) -> str:
        """``name@version#hash`` for provenance lines."""
        return f"{self.name}@{self.version}#{self.sha256[:12]}"


@dataclass(frozen=True)
class LexiconProblem:
    """One thing wrong with a lexicon file, located as precisely as possible."""

    file: str
    message: str
    concept: str = ""
    term: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.concept:
            parts.append(f"concept {self.concept!r}")
        if self.term:
            parts.append(f"term {self.term!r}")
        return ": ".join(parts) + ": " + self.message


class LexiconError(ValueError):
    """A lexicon file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[LexiconProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems) if problems else "invalid lexicon")


def _as_str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


#: Levels of arrays and tables a lexicon may nest; its schema needs five.
MAX_NESTING = 32


def nesting_depth(value: object) -> int:
    """Levels of lists and dicts in a parsed TOML value, counted without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def parse_lexicon(source: str | bytes, *, file: str = "<lexicon>") -> Lexicon:
    """Parse and validate lexicon TOML.

    Parameters
    ----------
    source : str or bytes
        The TOML text.
    file : str
        Name used in problem messages.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        With every problem found (not only the first).
    """
    data_bytes = source.encode("utf-8") if isinstance(source, str) else source
    if len(data_bytes) > MAX_LEXICON_BYTES:
        raise LexiconError([LexiconProblem(file, f"file too large ({len(data_bytes):,} bytes; limit {MAX_LEXICON_BYTES:,})")])
    try:
        text = data_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError([LexiconProblem(file, f"not UTF-8 text (byte {exc.start})")]) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python < 3.14 has no exc.lineno: read the line from the message
        # ("Invalid value (at line 3, column 5)").
        found = re.search(r"line (\d+)", str(exc))
        line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else text.count("\n") + 1)
        raise LexiconError([LexiconProblem(file, f"TOML syntax error: {exc}", line=line)]) from exc
    except RecursionError as exc:  # tomllib parses nested arrays and inline tables recursively
        raise LexiconError([LexiconProblem(file, f"nested too deeply (more than {MAX_NESTING} levels of arrays "
                                                 "or tables)")]) from exc
    if nesting_depth(data) > MAX_NESTING:
        raise LexiconError([LexiconProblem(file, f"nested too deeply (more than {MAX_NESTING} levels of arrays "
                                                 "or tables)")])
    # Imported here: the matcher imports this module for the data classes.
    from framing.text.phrase_keys import surface_keys, term_key

    problems: list[LexiconProblem] = []
    name, version = _as_str(data.get("name")), _as_str(data.get("version"))
    if not name:
        problems.append(LexiconProblem(file, "missing 'name' (a short name for the lexicon)"))
    if not version:
        problems.append(LexiconProblem(file, "missing 'version' (for example \"1.0.0\")"))
    axes: list[Axis] = []
    raw_axes = data.get("axes", [])
    if not isinstance(raw_axes, list):
        problems.append(LexiconProblem(file, "'axes' must be an array of tables ([[axes]])"))
        raw_axes = []
    for i, raw in enumerate(raw_axes, start=1):
        if not isinstance(raw, dict) or not _as_str(raw.get("id")):
            problems.append(LexiconProblem(file, f"axis #{i} needs an id"))
            continue
        fields = {k: _as_str(raw.get(k)) for k in ("id", "label", "negative", "positive")}
        for pole in ("negative", "positive"):
            if not fields[pole]:
                problems.append(LexiconProblem(file, f"axis {fields['id']!r} needs a label for its {pole} pole"))
        if any(a.id == fields["id"] for a in axes):
            problems.append(LexiconProblem(file, f"axis id {fields['id']!r} defined twice"))
        axes.append(Axis(fields["id"], fields["label"] or fields["id"], fields["negative"], fields["positive"]))
    axis_ids = {a.id for a in axes}

    concepts: list[Concept] = []
    raw_concepts = data.get("concepts", {})
    if not isinstance(raw_concepts, dict) or not raw_concepts:
        problems.append(LexiconProblem(file, "no concepts: add at least one [concepts.ID] table with terms"))
        raw_concepts = {}
    owner: dict[str, tuple[str, str]] = {}  # folded key -> (concept, term) that claimed it
    for concept_id, raw in raw_concepts.items():
        if not isinstance(raw, dict):
            problems.append(LexiconProblem(file, "must be a table with label, axis and terms", concept_id))
            continue
        axis = raw.get("axis")
        if axis is not None and (not isinstance(axis, str) or axis not in axis_ids):
            known = ", ".join(sorted(axis_ids)) or "none defined"
            problems.append(LexiconProblem(file, f"unknown axis {axis!r}; axes: {known}", concept_id))
            axis = None
        raw_terms = raw.get("terms")
        if isinstance(raw_terms, list):  # a plain loaded category: every term weight 1
            raw_terms = {t: 1 for t in raw_terms} if all(isinstance(t, str) for t in raw_terms) else None
        if not isinstance(raw_terms, dict) or not raw_terms:
            problems.append(LexiconProblem(file, "needs a non-empty terms table (term = weight)", concept_id))
            continue
        terms: list[Term] = []
        for term_text, term_raw in raw_terms.items():
            term = parse_term(
                term_text, term_raw, has_axis=axis is not None,
                add_problem=lambda message, text, c=concept_id: problems.append(LexiconProblem(file, message, c, text)),
            )
            if term is None:
                continue
            _check_exceptions(term, concept_id, file, problems)
            for surface in (term.text, *term.forms):
                # Every key the matcher will look for, not only the folded
                # text: "U.S.-backed" and "US-backed" fold to different keys
                # ("u s backed", "us backed") but each also matches the other,
                # so listing them in two concepts is the same term twice.
                # Automatic plurals are left out: the matcher lets a term
                # listed in its own right win over another term's plural.
                base = term_key(surface)
                keys = [base, *sorted(surface_keys(surface, add_plural=False) - {base})]
                reported = False
                for key in keys:
                    if key in owner and owner[key] != (concept_id, term.text) and not reported:
                        other_concept, other_term = owner[key]
                        where = "this concept" if other_concept == concept_id else f"concept {other_concept!r}"
                        problems.append(
                            LexiconProblem(file, f"same term as {other_term!r} in {where} (both match {key!r})", concept_id, surface)
                        )
                        reported = True  # one problem per surface, however many keys clash
                    owner.setdefault(key, (concept_id, term.text))
            terms.append(term)
        label = _as_str(raw.get("label")) or concept_id
        concepts.append(Concept(id=concept_id, label=label, axis=axis, terms=tuple(terms)))
    context_rules = _parse_context_rules(data.get("context_rules", {}), file, problems)
    if problems:
        raise LexiconError(problems)
    return Lexicon(
        name=name,
        version=version,
        description=_as_str(data.get("description")),
        axes=tuple(axes),
        concepts=tuple(concepts),
        sha256=hashlib.sha256(data_bytes).hexdigest(),
        source=file,
        context_rules=context_rules,
    )


def _check_exceptions(term: Term, concept_id: str, file: str, problems: list[LexiconProblem]) -> None:
    """Each ``except`` phrase must hold the term or one of its forms, or it could never apply."""
    from framing.text.phrase_keys import phrase_key, surface_keys

    keys = {k for surface in (term.text, *term.forms) for k in surface_keys(surface)}
    for phrase in term.exceptions:
        padded = f" {phrase_key(phrase)} "
        if not any(f" {key} " in padded for key in keys):
            problems.append(LexiconProblem(file, f"except phrase {phrase!r} does not contain the term or its forms",
                                           concept_id, term.text))


def _parse_context_rules(raw: Any, file: str, problems: list[LexiconProblem]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(raw, dict):
        problems.append(LexiconProblem(file, "'context_rules' must be a table ([context_rules])"))
        return ()
    rules = []
    for name, value in raw.items():
        if name not in CONTEXT_RULES:
            problems.append(LexiconProblem(file, f"unknown context rule {name!r}; known: {', '.join(CONTEXT_RULES)}"))
        elif not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(LexiconProblem(file, f"context rule {name!r} takes {CONTEXT_RULES[name]}"))
        else:
            rules.append((name, tuple(v.strip() for v in value)))
    return tuple(rules)


def load_lexicon(path: str | Path) -> Lexicon:
    """Read and validate a lexicon file.

    Raises
    ------
    LexiconError
        If the file cannot be read or is invalid (every problem listed).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError([LexiconProblem(str(path), f"cannot read ({exc.strerror or exc})")]) from exc
    return parse_lexicon(data, file=str(path))


def validate_lexicon_file(path: str | Path) -> list[LexiconProblem]:
    """Return every problem in a lexicon file (an empty list when it is valid)."""
    try:
        load_lexicon(path)
    except LexiconError as exc:
        return exc.problems
    return []


@lru_cache(maxsize=None)
def bundled_lexicon(name: str) -> Lexicon:
    """Return a bundled lexicon by short name (``venezuela-2019``, ``loaded-language``)."""
    return load_lexicon(bundled_lexicon_path(name))


def bundled_lexicons() -> tuple[Lexicon, ...]:
    """Return every bundled lexicon, the default set for the CLI and dashboard."""
    return tuple(bundled_lexicon(name) for name in BUNDLED_LEXICONS)
