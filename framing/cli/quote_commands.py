"""``framing quotes`` and ``framing sources``: who speaks in each outlet.

``quotes`` lists every direct quotation with its speaker, reporting verb and
how the speaker was found (:mod:`framing.text.attribution`); ``sources``
counts them per outlet (or per article) beside the loaded terms
(:func:`framing.discover.sources.source_table`).
"""

from __future__ import annotations

import argparse
import textwrap

from framing.cli.common import (
    CliError, add_corpus_arguments, corpus_for, corpus_label, lexicons_for, story_param, write_export,
)
from framing.provenance import provenance

FORMATS = ("table", "csv", "json")
_METHOD = "rules over the text (framing.text.attribution); speakers merged per article (framing.text.speakers)"


def _short(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" …")


def run_quotes(args: argparse.Namespace) -> int:
    """Print one row per direct quotation."""
    # Imported here: the sources stage splits sentences with NLTK (0.2-0.4 s
    # to import), which every other command's start-up would pay.
    from framing.discover.sources import quote_table

    articles = corpus_for(args)
    quotes = quote_table(articles)
    prov = provenance((), method=_METHOD, corpus=corpus_label(args), **story_param(args))
    if write_export(quotes, prov, args.format):
        return 0
    if quotes.empty:
        print("no direct quotations found")
        return 0
    for (outlet, article), group in quotes.groupby(["outlet", "article"], sort=False):
        print(f"== {outlet} ({article}): {len(group)} quotations ==")
        for row in group.itertuples():
            speaker = row.speaker or "(no speaker found)"
            verb = f" {row.verb}" if row.verb else ""
            open_end = "" if row.closed else ", runs to the paragraph's end"
            how = f"  [{row.how}{open_end}]" if row.speaker else (f"  [{open_end[2:]}]" if open_end else "")
            print(f"  {row.start:>6}-{row.end:<6} {speaker}{verb}{how}")
            print(f"      “{_short(row.quotation, args.width - 7)}”")
    unattributed = int((quotes["speaker"] == "").sum())
    print(f"\n{len(quotes)} direct quotations, {unattributed} with no speaker found; --format csv for every column")
    return 0


def run_sources(args: argparse.Namespace) -> int:
    """Print the sources table per outlet (``--outlets``, the default) or per article."""
    if args.top < 1:
        raise CliError(f"--top must be 1 or more, got {args.top}")
    from framing.discover.sources import source_table  # imported here, as in run_quotes

    articles = corpus_for(args)
    lexicons = lexicons_for(args)
    by = "article" if args.articles else "outlet"
    try:
        table = source_table(articles, lexicons, top=args.top, by=by)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    prov = provenance(lexicons, method=_METHOD, level=by, corpus=corpus_label(args), **story_param(args))
    if write_export(table, prov, args.format):
        return 0
    for row in table.to_dict(orient="records"):
        print(f"== {row.pop(by)} ==")
        for key, value in row.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            # A no-break space keeps "Maduro ×2" on one line.
            lines = textwrap.wrap(shown.replace(" ×", "\u00a0×"), width=max(args.width - 23, 20)) or [""]
            print(f"  {key:20s} " + ("\n" + " " * 23).join(lines))
    print("\nverbs: count (loadedness from the lexicons' attribution concept); loaded_*: loaded terms inside "
          "direct quotations and in the outlet's own voice; --format csv for every column")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``quotes`` and ``sources``."""
    quotes = subparsers.add_parser(
        "quotes",
        help="every direct quotation with its speaker, reporting verb and how the speaker was found",
        description="One row per direct quotation: outlet, article, speaker, verb, start, end, the quotation "
        "and how the speaker was found (the same sentence, the sentence or paragraph before, the sentence "
        "after, a pronoun), or 'no speaker found'.",
    )
    add_corpus_arguments(quotes)
    quotes.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    quotes.add_argument("--width", type=int, default=100, help="line width of the table (default: 100)")
    quotes.set_defaults(handler=run_quotes)

    sources = subparsers.add_parser(
        "sources",
        help="who each outlet quotes: quotations, share quoted, speakers, reporting verbs, loaded terms in quotes",
        description="The sources table: per outlet (--outlets, the default) or per article (--articles).",
    )
    add_corpus_arguments(sources)
    group = sources.add_mutually_exclusive_group()
    group.add_argument("--outlets", action="store_true", help="one row per outlet (the default)")
    group.add_argument("--articles", action="store_true", help="one row per article")
    sources.add_argument("--top", type=int, default=5, help="top speakers listed per row (default: 5)")
    sources.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    sources.add_argument("--width", type=int, default=100, help="line width of the table (default: 100)")
    sources.set_defaults(handler=run_sources)
