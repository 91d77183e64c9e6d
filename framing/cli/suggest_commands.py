"""``framing lexicon suggest``: a draft lexicon of concepts two groups word differently.

See :mod:`framing.discover.suggest` for the method (log-odds z of Monroe,
Colaresi & Quinn 2008; substitutes by PPMI + SVD context vectors, Levy,
Goldberg & Dagan 2015) and :mod:`framing.discover.suggest_draft` for the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.cli.common import CliError, add_source_arguments, corpus_for, corpus_label
from framing.lexicon.model import LexiconError, parse_lexicon


def run_suggest(args: argparse.Namespace) -> int:
    """Suggest concepts and print (or write) the draft lexicon; nothing is written on an error."""
    # Imported here, not at the top: every ``framing`` command builds this parser,
    # and the suggestion stage (NLTK's sentences, scipy's SVD) is only for this one.
    from framing.discover.suggest import suggest_concepts
    from framing.discover.suggest_draft import suggestion_toml

    if args.top < 1:
        raise CliError(f"--top must be 1 or more, got {args.top}")
    if args.output and Path(args.output).suffix != ".toml":
        raise CliError(f"--output {args.output!r} must be a .toml file")
    articles = corpus_for(args)
    try:
        concepts = suggest_concepts(articles, by=args.by, negative=args.negative, positive=args.positive,
                                    top=args.top, keep_boilerplate=args.keep_boilerplate)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if not concepts:
        raise CliError(f"no concept found whose wordings {args.negative!r} and {args.positive!r} choose "
                       "differently (the groups may be too small or too alike); nothing written")
    label = corpus_label(args)
    source = label if isinstance(label, str) else ", ".join(map(str, label))
    name = args.name or f"suggested-{args.negative}-{args.positive}".lower().replace(" ", "-")
    text = suggestion_toml(concepts, by=args.by, negative=args.negative, positive=args.positive, name=name,
                           source=source)
    try:
        parse_lexicon(text, file=args.output or "<draft>")  # never hand out a draft validate would refuse
    except LexiconError as exc:
        raise CliError(f"internal error: the draft is not a valid lexicon: {exc}") from exc
    if args.output:
        try:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise CliError(f"cannot write {args.output}: {exc.strerror}") from exc
        print(f"wrote {len(concepts)} suggested concepts to {args.output}; check it with "
              f"'framing lexicon validate {args.output}'", file=sys.stderr)
    else:
        print(text)
    return 0


def register(actions: argparse._SubParsersAction) -> None:
    """Add ``suggest`` to the ``lexicon`` actions."""
    suggest = actions.add_parser(
        "suggest",
        help="draft a lexicon: concepts whose wordings two groups choose differently",
        description="Find wordings of one thing that two groups of articles choose differently (substitutes by "
        "PPMI + SVD context vectors, preference by log-odds z) and write a draft lexicon with one axis, "
        "negative group at -1, positive at +1, each term's evidence in a comment. Boilerplate is removed first.",
    )
    add_source_arguments(suggest)
    suggest.add_argument("--by", required=True, metavar="COLUMN", help="the grouping field (alignment, outlet, ...)")
    suggest.add_argument("--negative", required=True, metavar="GROUP", help="the group at weight -1")
    suggest.add_argument("--positive", required=True, metavar="GROUP", help="the group at weight +1")
    suggest.add_argument("--top", type=int, default=15, metavar="N", help="concepts to suggest (default: 15)")
    suggest.add_argument("--output", metavar="FILE.toml", help="write the draft here (default: print it)")
    suggest.add_argument("--name", metavar="NAME", help="the draft lexicon's name (default: suggested-NEG-POS)")
    suggest.add_argument("--keep-boilerplate", action="store_true", help="do not remove boilerplate first")
    suggest.set_defaults(handler=run_suggest)
