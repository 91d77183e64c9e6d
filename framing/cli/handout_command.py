"""``framing handout``: a printable PDF of 2 to 4 articles side by side, for a class."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from framing.article import Article
from framing.cli.common import CliError, add_corpus_arguments, corpus_for, lexicons_for, store_from_args, story_for
from framing.scoring.scores import match_table

MAX_ARTICLES = 4


def _pick(articles: list[Article], wanted: list[str] | None) -> list[Article]:
    """The articles named by ``--articles``, in that order; by default the first of each outlet."""
    by_id = {a.id: a for a in articles}
    if wanted:
        unknown = [i for i in wanted if i not in by_id]
        if unknown:
            shown = ", ".join(list(by_id)[:12]) + (", …" if len(by_id) > 12 else "")
            raise CliError(f"unknown article id {unknown[0]!r}; articles: {shown}")
        picked = [by_id[i] for i in dict.fromkeys(wanted)]
    else:
        first: dict[str, Article] = {}
        for article in articles:
            first.setdefault(article.outlet, article)
        picked = list(first.values())[:MAX_ARTICLES]
    if not 2 <= len(picked) <= MAX_ARTICLES:
        raise CliError(f"a handout compares 2 to {MAX_ARTICLES} articles, got {len(picked)}"
                       + ("" if wanted else "; name them with --articles ID ..."))
    return picked


def _story_name(args: argparse.Namespace) -> str:
    if getattr(args, "paths", None) or getattr(args, "sample", False):
        return "bundled sample" if args.sample else ""
    return story_for(args, store_from_args(getattr(args, "db", None))) or ""


def run_handout(args: argparse.Namespace) -> int:
    """Write the handout PDF and say where it went."""
    output = Path(args.output)
    if output.suffix.lower() != ".pdf":
        raise CliError(f"--output must name a .pdf file, got {args.output!r}")
    if output.is_dir():
        raise CliError(f"cannot write {args.output}: it is a folder")
    if not output.parent.exists():
        raise CliError(f"cannot write {args.output}: no folder {str(output.parent)!r}")
    articles = _pick(corpus_for(args), args.articles)
    lexicons = lexicons_for(args)
    story = _story_name(args)
    # Imported here: ReportLab is needed by this command only.
    from framing.present.handout import handout_pdf

    pdf = handout_pdf(articles, match_table(articles, lexicons), lexicons, story=story, title=args.title or "",
                      today=dt.date.today())
    try:
        output.write_bytes(pdf)
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    print(f"wrote {output} ({len(pdf):,} bytes): {', '.join(a.id for a in articles)}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``framing handout``."""
    parser = subparsers.add_parser(
        "handout", help="a printable PDF handout: passages side by side, concept table, questions, answer key",
        description="Write a PDF for a class: the chosen articles' most loaded passages side by side with the "
        "terms marked for black-and-white print, the concept table, how to read it, discussion questions, and "
        "an answer key on its own page. Provenance (lexicon versions, story, date) is in the PDF's metadata.",
    )
    add_corpus_arguments(parser)
    parser.add_argument("--articles", nargs="+", metavar="ID",
                        help=f"2 to {MAX_ARTICLES} article ids, in column order (default: the first article "
                        "of each outlet; 'framing list' shows the ids)")
    parser.add_argument("--title", default=None, help="the heading (default: from the story)")
    parser.add_argument("--output", required=True, metavar="FILE.pdf", help="where to write the PDF")
    parser.set_defaults(handler=run_handout)
