"""Lexicons: what to look for, as TOML files people edit.

:mod:`~framing.lexicon.model` holds the types (axes, concepts, terms with
signed weights), parses a TOML file and validates it, listing every problem;
:mod:`~framing.lexicon.edit` grows a lexicon one term at a time as valid
TOML; :mod:`~framing.lexicon.table` lays a lexicon's terms out as a table.

May import: :mod:`framing.text` (a term's keys) and the base modules
(:mod:`framing.article`, :mod:`framing.resources`).
"""
