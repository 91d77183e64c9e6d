"""``framing lexicon validate`` and ``framing lexicon show``."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

import pandas as pd

from framing.cli.common import CliError, lexicons_from_args
from framing.cli.suggest_commands import register as register_suggest
from framing.lexicon.model import Lexicon, load_lexicon, validate_lexicon_file
from framing.lexicon.table import lexicon_terms
from framing.scoring.match_counts import concept_key


def shared_concept_warnings(lexicons: Sequence[tuple[str, Lexicon]]) -> list[str]:
    """One line per concept id (and per axis id) that several of the lexicons define.

    Scores keep them apart (``concept:<lexicon>/<concept>``), but readers of
    a table that names concepts by id alone would mix them up, and it often
    means a template was copied without renaming its concepts.
    """
    owners: dict[str, list[tuple[str, str]]] = {}
    for file, lexicon in lexicons:
        for concept in lexicon.concepts:
            owners.setdefault(concept.id, []).append((lexicon.name, file))
    return [
        f"warning: concept id {concept!r} is in {len(where)} lexicons: "
        f"{', '.join(f'{name} ({file})' for name, file in where)}; "
        f"scores name it {', '.join(sorted({f'concept:{concept_key(name, concept)}' for name, _ in where}))}"
        for concept, where in owners.items()
        if len(where) > 1
    ] + [
        # An axis id is one scale: lexicons sharing it add to the same score_<axis>, on purpose or not.
        f"warning: axis id {axis!r} is in {len(where)} lexicons: {', '.join(where)}; "
        f"their matches make one score_{axis} (rename an axis to keep them apart)"
        for axis, where in _axis_owners(lexicons).items()
        if len(where) > 1
    ]


def _axis_owners(lexicons: Sequence[tuple[str, Lexicon]]) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = {}
    for _, lexicon in lexicons:
        for axis in lexicon.axes:
            owners.setdefault(axis.id, []).append(lexicon.name)
    return owners


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem of each file, and warn of concept ids that files share; exit 2 if any problem."""
    status = 0
    valid: list[tuple[str, Lexicon]] = []
    for file in args.files:
        problems = validate_lexicon_file(file)
        if problems:
            status = 2
            for problem in problems:
                print(problem)
        else:
            print(f"{file}: ok")
            valid.append((file, load_lexicon(file)))
    for line in shared_concept_warnings(valid):
        print(line, file=sys.stderr)
    return status


def run_show(args: argparse.Namespace) -> int:
    """Print the terms of the lexicons as a table."""
    lexicons = lexicons_from_args(args.files or None)
    table = lexicon_terms(lexicons)
    if args.format == "csv":
        print(table.to_csv(index=False), end="")
    else:
        shown = table.drop(columns=["version", "concept_label"]).assign(
            # The whole lists are in --format csv.
            forms=table["forms"].str.slice(0, 30), source=table["source"].str.slice(0, 40),
            **{"except": table["except"].str.slice(0, 30)},
        )
        with pd.option_context("display.width", 200, "display.max_rows", None):
            print(shown.to_string(index=False))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the lexicon subcommands."""
    lexicon = subparsers.add_parser("lexicon", help="check and list lexicon files")
    actions = lexicon.add_subparsers(dest="lexicon_command", metavar="ACTION")
    validate = actions.add_parser(
        "validate",
        help="list every problem in lexicon files (exit status 2 if any)",
        description="Check lexicon TOML files: syntax (with line), duplicate terms, weights out of range, "
        "unknown axes, empty phrases. Prints one line per problem with file, concept and term.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(handler=run_validate)
    show = actions.add_parser(
        "show", help="list concepts, terms, weights, poles, categories and sources (default: bundled lexicons)",
        description="One row per term: lexicon, concept, axis, term, weight, pole, category, source (where the "
        "term comes from: own curation, or the word list and score it was selected by), forms and except "
        "phrases. --format csv gives every column in full.",
    )
    show.add_argument("files", nargs="*", metavar="FILE")
    show.add_argument("--format", choices=("table", "csv"), default="table")
    show.set_defaults(handler=run_show)
    register_suggest(actions)

    def _need_action(args: argparse.Namespace) -> int:
        raise CliError("say what to do: 'framing lexicon validate FILE' or 'framing lexicon show [FILE]'")

    lexicon.set_defaults(handler=_need_action)
