"""``framing lexicon validate`` and ``framing lexicon show``."""

from __future__ import annotations

import argparse

import pandas as pd

from framing.cli.common import CliError, lexicons_from_args
from framing.lexicon.model import validate_lexicon_file
from framing.lexicon.table import lexicon_terms


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem of each file; exit 2 if any."""
    status = 0
    for file in args.files:
        problems = validate_lexicon_file(file)
        if problems:
            status = 2
            for problem in problems:
                print(problem)
        else:
            print(f"{file}: ok")
    return status


def run_show(args: argparse.Namespace) -> int:
    """Print the terms of the lexicons as a table."""
    lexicons = lexicons_from_args(args.files or None)
    table = lexicon_terms(lexicons)
    if args.format == "csv":
        print(table.to_csv(index=False), end="")
    else:
        shown = table.drop(columns=["version", "concept_label"]).assign(
            forms=table["forms"].str.slice(0, 30)  # the whole list is in --format csv
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
    show = actions.add_parser("show", help="list concepts, terms, weights and poles (default: bundled lexicons)")
    show.add_argument("files", nargs="*", metavar="FILE")
    show.add_argument("--format", choices=("table", "csv"), default="table")
    show.set_defaults(handler=run_show)

    def _need_action(args: argparse.Namespace) -> int:
        raise CliError("say what to do: 'framing lexicon validate FILE' or 'framing lexicon show [FILE]'")

    lexicon.set_defaults(handler=_need_action)
