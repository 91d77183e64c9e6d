"""Provenance: what produced a table, so a result can be cited and repeated.

Every export names the tool version, each lexicon with its version and the
SHA-256 of its file, and the parameters of the computation. CSV files carry
it as ``#`` comment lines before the header (read back with
``pandas.read_csv(path, comment="#")``); JSON carries a ``provenance`` field;
PNG files carry it as text metadata.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

import pandas as pd

from framing import __version__
from framing.lexicon.model import Lexicon


def provenance(lexicons: Iterable[Lexicon] = (), **params: Any) -> dict[str, Any]:
    """Describe how a result was made.

    Parameters
    ----------
    lexicons : iterable of Lexicon
        The lexicons used (may be empty for lexicon-free results).
    **params
        Parameters of the computation (voice factors, prior, seed, ...);
        values must be JSON-serialisable.

    Returns
    -------
    dict
        ``{"tool": "framing", "version": ..., "lexicons": [...], "params": {...}}``.
    """
    return {
        "tool": "framing",
        "version": __version__,
        "lexicons": [
            {"name": lex.name, "version": lex.version, "sha256": lex.sha256} for lex in lexicons
        ],
        "params": params,
    }


def provenance_lines(prov: dict[str, Any]) -> list[str]:
    """Render provenance as ``# key: value`` lines (without newlines)."""
    lines = [f"# {prov['tool']} {prov['version']}"]
    for lex in prov["lexicons"]:
        lines.append(f"# lexicon: {lex['name']} {lex['version']} sha256={lex['sha256']}")
    if prov["params"]:
        lines.append("# params: " + json.dumps(prov["params"], sort_keys=True, ensure_ascii=False))
    return lines


def to_csv_with_provenance(frame: pd.DataFrame, prov: dict[str, Any], *, index: bool = False) -> str:
    """Return CSV text with provenance comment lines before the header."""
    return "\n".join(provenance_lines(prov)) + "\n" + frame.to_csv(index=index, lineterminator="\n")


def png_metadata(prov: dict[str, Any]) -> dict[str, str]:
    """Return provenance as PNG text chunks for ``Figure.savefig(metadata=...)``."""
    return {
        "Software": f"{prov['tool']} {prov['version']}",
        "Description": json.dumps(prov, sort_keys=True, ensure_ascii=False),
    }
