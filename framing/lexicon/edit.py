"""Grow a user lexicon one term at a time, as valid TOML.

:func:`add_term_to_lexicon_toml` takes a lexicon's TOML text (or ``None`` for
a new lexicon), adds one term under a concept, and returns the new TOML text,
checked by :func:`framing.lexicon.model.parse_lexicon`. It is what the dashboard's
*Distinctive terms* page uses to put a distinctive term in a lexicon, and it
works the same from a script::

    toml = add_term_to_lexicon_toml(None, lexicon_name="my-terms", concept_id="streets",
                                    concept_label="Street protest", axis=None,
                                    term="streets", weight=0.5)

Every change makes a **new version** (the last number of ``version`` goes up
by one: ``1.0.0`` -> ``1.0.1``), so results computed before and after the
change name different lexicon versions in their provenance.

The text is rewritten from the parsed data, so comments in the original text
are not kept.
"""

from __future__ import annotations

import math
import re
import tomllib
from typing import Any

from framing.lexicon.model import Axis, Lexicon, LexiconError, LexiconProblem, parse_lexicon

#: Version of a lexicon made by :func:`add_term_to_lexicon_toml` from nothing.
FIRST_VERSION = "1.0.0"
DEFAULT_DESCRIPTION = "User lexicon grown from distinctive terms in the framing dashboard."
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_LAST_NUMBER = re.compile(r"^(.*?)(\d+)$")


def _problem(file: str, message: str, concept: str = "", term: str = "") -> LexiconError:
    return LexiconError([LexiconProblem(file, message, concept, term)])


def next_version(version: str) -> str:
    """The version after ``version``: its last number plus one (``1.2`` -> ``1.3``).

    A version not ending in a number gets ``.1`` appended (``2019a`` -> ``2019a.1``).
    """
    found = _LAST_NUMBER.match(version.strip())
    if not found:
        return f"{version.strip()}.1"
    return f"{found.group(1)}{int(found.group(2)) + 1}"


def concept_id_from_label(label: str) -> str:
    """A TOML-friendly concept id from a label: lower case, ``_`` between words."""
    slug = re.sub(r"[^0-9a-z]+", "_", label.strip().lower()).strip("_")
    return slug[:60] or "concept"


# -- a small TOML writer (tomllib only reads) -----------------------------------


def _string(value: str) -> str:
    """A TOML basic string: quote, backslash and control characters escaped."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write the number {value!r} in a lexicon")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items()) + " }"
    return _string(str(value))  # dates and times read by tomllib: kept as text


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def dumps(data: dict[str, Any]) -> str:
    """Write lexicon data (as :func:`tomllib.loads` returns it) as TOML text.

    Tables become ``[a.b]`` sections and arrays of tables ``[[a]]``; inside a
    ``terms`` table a term with options becomes an inline table
    (``"uprising" = { weight = -0.6, forms = ["uprisings"] }``).
    """
    lines: list[str] = []

    def table(path: list[str], body: dict[str, Any]) -> None:
        inline = bool(path) and path[-1] == "terms"
        nested = []
        for key, value in body.items():
            if not inline and (isinstance(value, dict) or _is_table_array(value)):
                nested.append((key, value))
            else:
                lines.append(f"{_key(str(key))} = {_value(value)}")
        for key, value in nested:
            dotted = ".".join(_key(p) for p in [*path, str(key)])
            if isinstance(value, dict):
                lines.extend(["", f"[{dotted}]"])
                table([*path, str(key)], value)
            else:
                for item in value:
                    lines.extend(["", f"[[{dotted}]]"])
                    table([*path, str(key)], item)

    table([], data)
    return "\n".join(lines).lstrip("\n") + "\n"


# -- adding a term ---------------------------------------------------------------


def add_term_to_lexicon_toml(
    toml_text: str | None,
    *,
    lexicon_name: str,
    concept_id: str,
    concept_label: str,
    axis: Axis | None,
    term: str,
    weight: float,
) -> str:
    """Return the TOML of a lexicon with one more term.

    Parameters
    ----------
    toml_text : str or None
        The lexicon's current TOML; ``None`` starts a new lexicon
        (version :data:`FIRST_VERSION`).
    lexicon_name : str
        The lexicon's name; must equal the ``name`` in ``toml_text``.
    concept_id : str
        The concept to add the term to; created when the lexicon has none of
        this id.
    concept_label : str
        Label of a new concept (ignored for an existing one; default its id).
    axis : Axis or None
        The axis of a new concept (its definition is copied into the lexicon
        when the lexicon does not define this axis id yet), or None for a
        plain loaded category. For an existing concept it must be the
        concept's own axis (or None when it has none).
    term : str
        The wording to add.
    weight : float
        -1 .. +1 on an axis, 0 .. 1 without one.

    Returns
    -------
    str
        The new TOML text; its version is the next one.

    Raises
    ------
    LexiconError
        When the result would not be a valid lexicon (a weight out of range, a
        term the lexicon already has, a name that does not match, ...), with
        every problem listed.
    """
    file = f"<lexicon {lexicon_name or '?'}>"
    name = (lexicon_name or "").strip()
    term = (term or "").strip()
    concept_id = (concept_id or "").strip()
    if not name:
        raise _problem(file, "the lexicon needs a name")
    if not concept_id:
        raise _problem(file, "the concept needs an id")
    if toml_text is None:
        data: dict[str, Any] = {"name": name, "version": FIRST_VERSION, "description": DEFAULT_DESCRIPTION}
    else:
        try:
            data = tomllib.loads(toml_text)
        except tomllib.TOMLDecodeError as exc:
            raise _problem(file, f"TOML syntax error: {exc}") from exc
        except RecursionError as exc:  # tomllib parses nested arrays and inline tables recursively
            raise _problem(file, "nested too deeply") from exc
        if str(data.get("name", "")).strip() != name:
            raise _problem(file, f"the TOML is of lexicon {data.get('name')!r}, not {name!r}")
        data["version"] = next_version(str(data.get("version") or "0"))
    concepts = data.setdefault("concepts", {})
    if not isinstance(concepts, dict):
        raise _problem(file, "'concepts' must be a table")
    concept = concepts.get(concept_id)
    if concept is None:
        concept = {"label": (concept_label or "").strip() or concept_id}
        if axis is not None:
            concept["axis"] = axis.id
        concept["terms"] = {}
        concepts[concept_id] = concept
    elif not isinstance(concept, dict):
        raise _problem(file, "must be a table with label, axis and terms", concept_id)
    else:
        own_axis = concept.get("axis")
        wanted = axis.id if axis is not None else None
        if own_axis != wanted:
            where = f"on axis {own_axis!r}" if own_axis else "on no axis (a plain loaded category)"
            raise _problem(file, f"the concept is {where}; choose that, or another concept", concept_id, term)
    if axis is not None:
        axes = data.setdefault("axes", [])
        if not isinstance(axes, list):
            raise _problem(file, "'axes' must be an array of tables ([[axes]])")
        if not any(isinstance(a, dict) and a.get("id") == axis.id for a in axes):
            axes.append({"id": axis.id, "label": axis.label, "negative": axis.negative, "positive": axis.positive})
    terms = concept.get("terms")
    if isinstance(terms, list):  # the plain-category list form: every term weight 1
        terms = {t: 1 for t in terms}
    if not isinstance(terms, dict):
        terms = {}
    folded = {str(t).strip().casefold() for t in terms}
    if term.casefold() in folded:
        raise _problem(file, "the concept already has this term", concept_id, term)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)):
        raise _problem(file, f"weight must be a number, got {weight!r}", concept_id, term)
    terms[term] = weight
    concept["terms"] = terms
    # Top-level values first, then axes, then concepts: the usual file layout.
    ordered = {k: v for k, v in data.items() if k not in ("axes", "concepts")}
    if data.get("axes"):
        ordered["axes"] = data["axes"]
    ordered["concepts"] = concepts
    try:
        text = dumps(ordered)
    except ValueError as exc:
        raise _problem(file, str(exc), concept_id, term) from exc
    parse_lexicon(text, file=file)  # raises LexiconError listing every problem
    return text
