"""A draft lexicon as TOML text: suggested concepts a person reviews and edits.

The draft has one axis whose poles are the two groups' usage and one
``[concepts.ID]`` table per concept, each term preceded by a comment with its
evidence, so a reader sees why it is there. The text is written by hand
(the standard library reads TOML but does not write it); strings are
escaped as TOML basic strings (:mod:`framing.lexicon.edit`'s writer), and :func:`framing.lexicon.model.parse_lexicon`
accepts the result (the tests check it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from framing.lexicon.edit import _string as _toml_string

#: Longest comment line of evidence, in characters.
COMMENT_WIDTH = 200


@dataclass(frozen=True)
class DraftTerm:
    """A term of a draft concept: its text, weight and evidence comment lines."""

    text: str
    weight: float
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftConcept:
    """A draft concept: its id (``[a-z0-9_]``), label, comment lines and terms."""

    id: str
    label: str
    terms: tuple[DraftTerm, ...]
    comments: tuple[str, ...] = field(default_factory=tuple)


def _string(text: str) -> str:
    """A TOML basic string, escaped by the lexicon editor's writer."""
    return _toml_string(text)


def _comment(text: str) -> str:
    line = " ".join(str(text).split())
    if len(line) > COMMENT_WIDTH:
        line = line[: COMMENT_WIDTH - 1] + "…"
    return f"# {line}"


def draft_toml(
    *, name: str, description: str, axis_id: str, axis_label: str, negative: str, positive: str,
    concepts: Sequence[DraftConcept], header: Sequence[str] = (), version: str = "0.1.0",
) -> str:
    """The text of a draft lexicon.

    Parameters
    ----------
    name, description : str
        The lexicon's name and description.
    axis_id, axis_label, negative, positive : str
        The one axis: its id, label, and the labels of its -1 and +1 poles.
    concepts : sequence of DraftConcept
        In the order to write them.
    header : sequence of str
        Comment lines at the top (how the draft was made).
    version : str
        The lexicon's version (a draft starts at 0.1.0).

    Raises
    ------
    ValueError
        For an axis or concept id that is not ``[a-z0-9_]+``, or no concepts.
    """
    ident = re.compile(r"[a-z0-9_]+")
    for value in (axis_id, *(c.id for c in concepts)):
        if not ident.fullmatch(value):
            raise ValueError(f"id {value!r} is not allowed; use lowercase letters, digits and '_'")
    if not concepts:
        raise ValueError("no concepts to write")
    lines = [_comment(h) for h in header]
    lines += [
        f"name = {_string(name)}", f"version = {_string(version)}", f"description = {_string(description)}", "",
        "[[axes]]", f"id = {_string(axis_id)}", f"label = {_string(axis_label)}",
        f"negative = {_string(negative)}   # weight -1", f"positive = {_string(positive)}   # weight +1", "",
    ]
    for concept in concepts:
        lines += [_comment(c) for c in concept.comments]
        lines += [f"[concepts.{concept.id}]", f"label = {_string(concept.label)}", f"axis = {_string(axis_id)}",
                  f"[concepts.{concept.id}.terms]"]
        for term in concept.terms:
            lines += [_comment(c) for c in term.comments]
            lines.append(f"{_string(term.text)} = {term.weight:g}")
        lines.append("")
    return "\n".join(lines)
