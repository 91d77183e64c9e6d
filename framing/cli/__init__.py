"""The ``framing`` command line.

Each subcommand group lives in its own module with a ``register(subparsers)``
function; handlers raise :class:`CliError` for anything the user can fix, and
:func:`main` prints it as one line and exits 2 (never a traceback).

The top stage: it may import every other; nothing in framing imports it.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from typing import NoReturn, Sequence

from framing import __version__
from framing.cli.common import CliError

#: Modules contributing subcommands, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "framing.cli.score_commands",
    "framing.cli.lexicon_commands",
    "framing.cli.store_commands",
    "framing.cli.story_commands",
    "framing.cli.terms_commands",
    "framing.cli.quote_commands",
    "framing.cli.dashboard_command",
    "framing.cli.handout_command",
)


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (no usage block), exit status 2.

    Subcommand parsers are of the same class (``add_subparsers`` makes them
    of its parser's type); ``framing COMMAND --help`` still shows the usage.
    """

    def error(self, message: str) -> NoReturn:
        message = " ".join(message.split())
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every available subcommand."""
    parser = OneLineParser(
        prog="framing",
        description=(
            "Compare how differently aligned outlets frame the same story: score loaded "
            "terminology with voice-aware matching (authorial, quoted, scare-quoted). "
            "With no PATH, commands use the articles in the store, which starts with the bundled sample (Venezuela, 30 April 2019), "
            "and both bundled lexicons."
        ),
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command group not written yet
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `framing matches | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
