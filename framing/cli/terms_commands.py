"""``framing terms`` and ``framing kwic``: distinctive terms and their contexts.

``terms`` ranks the n-grams that distinguish groups of articles by the z-score
of the log-odds ratio with informative Dirichlet prior (Monroe, Colaresi &
Quinn 2008, "Fightin' Words", *Political Analysis* 16(4)); see
:mod:`framing.discover.logodds`. ``kwic`` shows a term's lines per outlet, voice marked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from framing.cli.terminal import terminal_text
from framing.cli.common import (
    CliError, add_source_arguments, add_stream_arguments, add_stream_input_argument, check_engine_arguments,
    check_stream_arguments, corpus_for, corpus_from_args, corpus_label, lexicons_for, require_dask, stream_column_map,
    write_export,
)
from framing.discover.blockwise import top_log_odds
from framing.discover.kwic import DEFAULT_WIDTH, format_lines, kwic
from framing.discover.logodds import (
    DEFAULT_MIN_COUNT, PRIORS, check_options, compare_groups, comparisons, distinctive_terms, top_terms,
)
from framing.provenance import provenance
from framing.scoring.scores import match_table
from framing.discover.term_counts import count_terms
from framing.text.tokens import TokenOptions


def _selected(tables: list[pd.DataFrame], top: int) -> pd.DataFrame:
    """Top terms of each comparison: side a always, side b when it is one group."""
    parts = []
    for table in tables:
        if table.empty:
            continue
        chosen = top_terms(table, top, side="a").assign(favours=table["group_a"].iloc[0])
        parts.append(chosen)
        if table["group_b"].iloc[0] != "rest":
            parts.append(top_terms(table, top, side="b").assign(favours=table["group_b"].iloc[0]))
    if not parts:
        return pd.DataFrame(columns=[*tables[0].columns, "favours"] if tables else ["favours"])
    return pd.concat(parts, ignore_index=True)


def _check_comparison_flags(args: argparse.Namespace) -> None:
    """Reject conflicting --group/--vs/--pairs before counting, with the messages
    :func:`framing.discover.logodds.comparisons` gives after it (the groups are not known yet:
    two stand-in names complete the list, so only the flags themselves are judged)."""
    named = [g for g in (args.group, args.vs) if g is not None]
    comparisons([*dict.fromkeys(named), "\x00a", "\x00b"], group=args.group, vs=args.vs, pairs=args.pairs)


def _input_tables(args: argparse.Namespace, options: TokenOptions) -> tuple[list[pd.DataFrame], dict]:
    """Log-odds tables of ``--input``, counted chunk by chunk or on Dask; and its provenance params."""
    if args.paths or args.sample or args.db:
        given = " ".join(args.paths) or ("--sample" if args.sample else f"--db {args.db}")
        raise CliError(f"give the corpus either as PATH, --sample or --db, or as --input, not both ({given})")
    check_engine_arguments(args)
    if args.engine == "dask":
        require_dask()
    try:
        _check_comparison_flags(args)
        # The background is read into memory, as without --input; read it before the long count.
        background = corpus_from_args(args.background) if args.background else None
        bg = count_terms(background, by=None, options=options) if background is not None else None
        settings = dict(by=args.by, options=options, min_total=args.min_count, chunk_size=args.chunk_size,
                        column_map=stream_column_map(args), max_text_chars=args.max_text_chars, progress=True)
        if not args.keep_boilerplate:
            from framing.scale.boilerplate_pass import stream_boilerplate

            # First pass: each outlet's repeated lines; the count below removes them.
            settings["boilerplate"] = stream_boilerplate(args.input, chunk_size=args.chunk_size,
                                                         column_map=settings["column_map"],
                                                         max_text_chars=args.max_text_chars)
        if args.engine == "dask":
            from framing.scale.dask_terms import dask_term_counts

            counts = dask_term_counts(args.input, scheduler=args.scheduler, n_workers=args.workers, **settings)
        elif args.top > 0:
            # Only the top terms are shown: no full table per comparison is built.
            from framing.scale.top_terms import stream_top_terms

            settings["min_count"] = settings.pop("min_total")
            tables = stream_top_terms(args.input, top=args.top, group=args.group, vs=args.vs, pairs=args.pairs,
                                      prior=args.prior, strength=args.strength, background=bg, **settings)
            return _with_report(tables, settings), _input_params(args)
        else:
            from framing.scale.term_partials import stream_term_counts

            counts = stream_term_counts(args.input, **settings)
        chosen = dict(group=args.group, vs=args.vs, pairs=args.pairs, prior=args.prior, strength=args.strength,
                      background=bg, min_count=args.min_count)
        if args.top > 0:  # the counts in one block, and only each comparison's top terms
            block = (counts.table.index.to_numpy(dtype=object), counts.table.to_numpy(dtype="int64"))
            tables = top_log_odds([block], groups=counts.groups, totals=counts.totals.to_numpy(),
                                  comparisons=comparisons(counts.groups, group=args.group, vs=args.vs,
                                                          pairs=args.pairs),
                                  top=args.top, vocabulary_size=counts.vocabulary_size,
                                  **{k: chosen[k] for k in ("prior", "strength", "background", "min_count")})
        else:
            tables = compare_groups(counts, **chosen)
    except (ValueError, OSError) as exc:
        raise CliError(str(exc)) from exc
    return _with_report(tables, settings), _input_params(args)


def _with_report(tables: list[pd.DataFrame], settings: dict) -> list[pd.DataFrame]:
    """The tables, each with the boilerplate report (empty with --keep-boilerplate) in its attrs."""
    report = settings["boilerplate"].report() if "boilerplate" in settings else []
    for table in tables:
        table.attrs["boilerplate"] = report
    return tables


def _input_params(args: argparse.Namespace) -> dict:
    """Provenance params of an ``--input`` run."""
    name = Path(args.input).name
    params = {"corpus": name, "input": name, "engine": args.engine, "chunk_size": args.chunk_size}
    if args.engine == "dask":
        params["workers"] = args.workers
    return params


def _corpus_tables(args: argparse.Namespace) -> tuple[list[pd.DataFrame], dict]:
    """Log-odds tables of the corpus read into memory (PATH, --sample or the store)."""
    articles = corpus_for(args)
    background = corpus_from_args(args.background) if args.background else None
    low, high = args.ngram
    try:
        tables = distinctive_terms(
            articles, by=args.by, group=args.group, vs=args.vs, pairs=args.pairs, ngram_range=(low, high),
            keep_stopwords=args.keep_stopwords, apostrophes=args.apostrophes, prior=args.prior,
            strength=args.strength, background=background, min_count=args.min_count,
            keep_boilerplate=args.keep_boilerplate,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    return tables, {"corpus": corpus_label(args)}


def run_terms(args: argparse.Namespace) -> int:
    """Print the distinctive terms of each comparison."""
    check_stream_arguments(args)
    low, high = args.ngram
    if args.top < 0:
        raise CliError(f"--top must be 0 (all terms) or more, got {args.top}")
    try:
        check_options(args.prior, args.strength, args.min_count)
        options = TokenOptions(ngram_range=(low, high), keep_stopwords=args.keep_stopwords,
                               apostrophes=args.apostrophes)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    tables, source = _input_tables(args, options) if args.input else _corpus_tables(args)
    params = {
        "method": "log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)",
        "by": args.by, "group": args.group, "vs": args.vs, "pairs": args.pairs, "prior": args.prior,
        "strength": args.strength if args.strength is not None else "n_a + n_b",
        "min_count": args.min_count, "ngram_range": [low, high], "keep_stopwords": args.keep_stopwords,
        "apostrophes": args.apostrophes, "background": list(args.background or []) or "the corpus itself",
        "top": args.top, "boilerplate": "kept" if args.keep_boilerplate else "removed (framing.text.boilerplate)",
        **source,
    }
    _print_boilerplate(tables)
    prov = provenance((), **params)
    rows = _selected(tables, args.top)
    comparisons = [{k: t.attrs[k] for k in ("group_a", "group_b", "n_a", "n_b", "a0")} for t in tables]
    if not write_export(rows, prov, args.format, comparisons=comparisons):
        _print_tables(rows, tables)
        print(f"framing {prov['version']}; prior {args.prior}, strength a0 = "
              f"{'n_a + n_b' if args.strength is None else args.strength}, min count {args.min_count}, "
              f"n-grams {low}-{high}; |z| > 1.96 ~ 5% level; --format csv for provenance and all columns")
    return 0


def _print_boilerplate(tables: list[pd.DataFrame]) -> None:
    """One line on stderr: how many lines of boilerplate were removed, from which outlets most."""
    report = tables[0].attrs.get("boilerplate") if tables else None
    if not report:
        return
    total = sum(int(r["lines_removed"]) for r in report)
    top = ", ".join(f"{r['outlet']} {r['lines_removed']}" for r in report[:5] if r["lines_removed"])
    print(f"boilerplate: {total} lines removed before counting ({top or 'none'}); --keep-boilerplate keeps them",
          file=sys.stderr)


def _print_tables(rows: pd.DataFrame, tables: list[pd.DataFrame]) -> None:
    shown = ["term", "count_a", "count_b", "delta", "z"]
    for table in tables:
        a, b = table.attrs["group_a"], table.attrs["group_b"]
        mine = rows[(rows["group_a"] == a) & (rows["group_b"] == b)]
        print(f"== {a} vs {b} (n_a={table.attrs['n_a']:.0f}, n_b={table.attrs['n_b']:.0f}, a0={table.attrs['a0']:.0f}) ==")
        if mine.empty:
            print("   (no term with a count of at least --min-count)")
        for favours, part in mine.groupby("favours", sort=False):
            print(f"-- distinctive of {favours}")
            with pd.option_context("display.width", 200, "display.float_format", "{:.3f}".format):
                print(part[shown].to_string(index=False))
        print()


def run_kwic(args: argparse.Namespace) -> int:
    """Print a term's keyword-in-context lines per outlet."""
    articles = corpus_for(args)
    lexicons = lexicons_for(args)
    matches = match_table(articles, lexicons)
    try:
        table = kwic(articles, args.term, width=args.width, matches=matches)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    prov = provenance(lexicons, term=args.term, width=args.width, corpus=corpus_label(args))
    if write_export(table, prov, args.format):
        return 0
    if table.empty:
        print(f"no occurrence of {args.term!r}")
    else:
        print(terminal_text("\n".join(format_lines(table, width=args.width))))
    return 0


def _ngram(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if not 1 <= value <= 3:
        raise argparse.ArgumentTypeError(f"{value} is not an n-gram length from 1 to 3")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``terms`` and ``kwic``."""
    terms = subparsers.add_parser(
        "terms",
        help="distinctive terms per group: log-odds with informative Dirichlet prior (Fightin' Words)",
        description="Rank the words and phrases that distinguish groups of articles by the z-score of the "
        "log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008). Default: each "
        "group against the rest. With no PATH: the articles in the store (at first, the bundled sample).",
    )
    add_source_arguments(terms)
    terms.add_argument("--by", default="outlet", metavar="COLUMN",
                       help="group by outlet, alignment or any manifest column (default: outlet)")
    terms.add_argument("--group", metavar="GROUP", help="only this group against the rest (or against --vs)")
    terms.add_argument("--vs", metavar="GROUP", help="compare each other group (or --group) against GROUP")
    terms.add_argument("--pairs", action="store_true", help="compare every pair of groups")
    terms.add_argument("--top", type=int, default=20, help="terms shown per side (default: 20; 0: all)")
    terms.add_argument("--ngram", type=_ngram, nargs=2, default=[1, 3], metavar=("MIN", "MAX"),
                       help="n-gram lengths (default: 1 3)")
    terms.add_argument("--prior", choices=PRIORS, default="informative", help="prior (default: informative)")
    terms.add_argument("--strength", type=float, metavar="A0",
                       help="total prior pseudo-count a0 (default: n_a + n_b, the size of the two sides)")
    terms.add_argument("--background", action="append", metavar="PATH",
                       help="background corpus shaping the informative prior, read into memory "
                            "(repeatable; default: the corpus)")
    terms.add_argument("--min-count", type=int, default=DEFAULT_MIN_COUNT, metavar="N",
                       help=f"leave out terms seen fewer than N times in the two sides (default: {DEFAULT_MIN_COUNT})")
    terms.add_argument("--keep-stopwords", action="store_true", help="keep stopwords (default: drop them)")
    terms.add_argument("--keep-boilerplate", action="store_true",
                       help="count the texts as they are (default: remove the lines each outlet repeats across its "
                            "articles, page furniture, bylines, datelines and the outlet's own name first)")
    terms.add_argument("--apostrophes", choices=("keep", "split"), default="keep",
                       help="keep guaido's as one word, or split it (default: keep)")
    terms.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
    group = terms.add_argument_group(
        "large corpora", "count a corpus file or folder in chunks (or on Dask) and merge the counts, "
        "with bounded memory; the results equal those of the corpus read whole (see 'Large corpora' in the README)")
    add_stream_input_argument(group)
    add_stream_arguments(group)
    terms.set_defaults(handler=run_terms)

    kw = subparsers.add_parser(
        "kwic",
        help="keyword in context: a term's lines per outlet, voice marked",
        description="Show every occurrence of TERM centred, with its voice (authorial, quoted, scare_quoted). "
        "With no PATH: the articles in the store (at first, the bundled sample) and both bundled lexicons.",
    )
    kw.add_argument("term", metavar="TERM", help="word or phrase (case and accents are ignored)")
    add_source_arguments(kw)
    kw.add_argument("--lexicon", action="append", metavar="FILE", default=None,
                    help="lexicon TOML file whose matches give voices; repeatable (default: both bundled lexicons)")
    kw.add_argument("--width", type=int, default=DEFAULT_WIDTH, help=f"characters each side (default: {DEFAULT_WIDTH})")
    kw.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
    kw.set_defaults(handler=run_kwic)
