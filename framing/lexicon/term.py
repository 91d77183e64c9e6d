"""One wording of a concept, and how a lexicon file writes it.

A term is ``"wording" = weight`` or a table::

    "critical" = { weight = 0.6, forms = ["critically"], category = "emotive intensifier",
                   source = "VADER valence -1.8", except = ["critical condition"] }

``forms`` are further surface forms (the plural of the last word is added by the matcher);
``category`` a finer label than the concept's; ``source`` where the term comes from;
``except`` phrases holding the term in which it is not loaded: a match of the term inside
an occurrence of one of them is dropped (:mod:`framing.scoring.context_rules`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

TERM_KEYS = ("weight", "forms", "category", "source", "except")


@dataclass(frozen=True)
class Term:
    """One wording of a concept.

    Attributes
    ----------
    text : str
        The canonical wording, as written in the lexicon.
    weight : float
        On an axis: -1 .. +1, 0 = neutral reference. Without an axis: 0 .. 1,
        0 = neutral reference, above 0 = loaded.
    forms : tuple of str
        Further surface forms that count as this term (inflections, spellings).
    category : str
        A finer label than the concept's ("pejorative label"); "" when the concept says it all.
    source : str
        Where the term comes from ("VADER valence -2.5"); "" for the lexicon's own curation.
    exceptions : tuple of str
        Phrases (each holding the term or one of its forms) in which the term is not loaded.
    """

    text: str
    weight: float
    forms: tuple[str, ...] = ()
    category: str = ""
    source: str = ""
    exceptions: tuple[str, ...] = ()

    @property
    def loaded(self) -> bool:
        """True unless this is the neutral reference wording (weight 0)."""
        return self.weight != 0


def _string_list(raw: Any, key: str, add_problem) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(f, str) for f in raw):
        add_problem(f"{key} must be a list of strings")
        return ()
    for item in raw:
        if not any(ch.isalnum() for ch in item):
            add_problem(f"empty {'form' if key == 'forms' else 'phrase'} {item!r} in {key}")
    return tuple(f.strip() for f in raw if any(ch.isalnum() for ch in f))


def parse_term(raw_text: str, raw: Any, *, has_axis: bool, add_problem) -> Term | None:
    """Read one ``"wording" = ...`` entry; report problems through ``add_problem(message, term)``.

    Parameters
    ----------
    raw_text : str
        The key as written in the file.
    raw : Any
        The value: a number or a table with the keys in ``TERM_KEYS``.
    has_axis : bool
        Whether the concept is on an axis (weights -1 .. +1) or not (0 .. 1).
    add_problem : callable
        Called as ``add_problem(message, term_text)`` for each problem.

    Returns
    -------
    Term or None
        None when the entry cannot be used (its problems are reported).
    """
    text = raw_text.strip() if isinstance(raw_text, str) else ""
    if not text or not any(ch.isalnum() for ch in text):
        add_problem("empty phrase (a term needs at least one letter or digit)", raw_text)
        return None

    def problem(message: str) -> None:
        add_problem(message, text)

    fields: dict[str, Any] = {}
    if isinstance(raw, dict):
        unknown = sorted(set(raw) - set(TERM_KEYS))
        if unknown:
            problem(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(TERM_KEYS)}")
        weight = raw.get("weight")
        fields["forms"] = _string_list(raw.get("forms", []), "forms", problem)
        fields["exceptions"] = _string_list(raw.get("except", []), "except", problem)
        for key in ("category", "source"):
            value = raw.get(key, "")
            if not isinstance(value, str):
                problem(f"{key} must be a string, got {value!r}")
                value = ""
            fields[key] = value.strip()
    else:
        weight = raw
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight):
        problem(f"weight must be a number, got {weight!r}")
        return None
    low = -1.0 if has_axis else 0.0
    if not low <= weight <= 1.0:
        allowed = "-1 to +1 on an axis" if has_axis else "0 to 1 without an axis"
        problem(f"weight {weight} out of range ({allowed})")
        return None
    return Term(text=text, weight=float(weight), **fields)
