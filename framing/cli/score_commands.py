"""``framing score``, ``framing matches`` and ``framing compare``."""

from __future__ import annotations

import argparse
import gc
import json
import sys

import pandas as pd

from framing.cli.common import (
    CliError, add_corpus_arguments, add_stream_arguments, add_stream_input_argument,
    check_engine_arguments, check_stream_arguments, corpus_for, json_records, lexicons_for, require_dask, story_param,
    stream_column_map, write_export,
)
from framing.cli.terminal import terminal_text
from framing.present.compare import render_compare
from framing.provenance import provenance, provenance_lines, to_csv_with_provenance
from framing.text.quotes import VOICES
from framing.scoring.scores import JSONL_KEYS, article_scores, check_voice_factors, match_table, outlet_scores, score_matches

TABLE_COLUMNS = ["words", "loaded", "loaded_per_1000", "loaded_authorial_per_1000", "authorial", "quoted",
                 "scare_quoted", "flesch_reading_ease", "flesch_kincaid_grade"]


def _voice_factor(text: str) -> tuple[str, float]:
    voice, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected VOICE=NUMBER, got {text!r}")
    if voice not in VOICES:
        raise argparse.ArgumentTypeError(f"unknown voice {voice!r}; allowed: {', '.join(VOICES)}")
    try:
        return voice, float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None


def _add_voice_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--voice-factor",
        action="append",
        type=_voice_factor,
        default=[],
        metavar="VOICE=X",
        help="factor applied to a voice's weights (defaults: authorial=1 quoted=0 scare_quoted=-1); repeatable",
    )


def _inputs(args: argparse.Namespace):
    articles = corpus_for(args)
    lexicons = lexicons_for(args)
    try:
        factors = check_voice_factors(dict(args.voice_factor))
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    return articles, lexicons, factors


def run_score(args: argparse.Namespace) -> int:
    """Print the per-article (or per-outlet) score table."""
    check_stream_arguments(args)
    if args.input:
        if args.strip_boilerplate:
            raise CliError("--strip-boilerplate reads the corpus into memory; it does not apply to --input")
        return run_stream(args)
    if args.format is None:
        args.format = "table"
    articles, lexicons, factors = _inputs(args)
    if args.strip_boilerplate:
        from framing.text.boilerplate import strip_boilerplate

        articles, model = strip_boilerplate(articles)
        removed = sum(int(r["lines_removed"]) for r in model.report())
        print(f"boilerplate: {removed} lines removed before scoring (--strip-boilerplate)", file=sys.stderr)
    matches = score_matches(articles, lexicons, voice_factors=factors)
    if args.outlets:
        table = outlet_scores(articles, lexicons, voice_factors=factors, matches=matches)
    else:
        table = article_scores(articles, lexicons, voice_factors=factors, matches=matches)
    prov = provenance(lexicons, voice_factors=factors, level="outlet" if args.outlets else "article",
                      boilerplate="removed" if args.strip_boilerplate else "kept", **story_param(args))
    if not write_export(table, prov, args.format):
        key = "outlet" if args.outlets else "article"
        axis_columns = [c for c in table.columns if c.startswith(("score_", "n_"))]
        shown = table.set_index(key)[[c for c in (*TABLE_COLUMNS[:7], *axis_columns, *TABLE_COLUMNS[7:]) if c in table]]
        with pd.option_context("display.width", 200, "display.max_columns", 50, "display.float_format", "{:.3f}".format):
            print(shown.T.to_string())
        print()
        print("\n".join(f"{line}" for line in _provenance_note(prov)))
    return 0


def run_stream(args: argparse.Namespace) -> int:
    """Score a large corpus file or folder in chunks into ``--output`` (``framing score --input``)."""
    if not args.input or not args.output:
        raise CliError("--input and --output go together: framing score --input CORPUS --output scores.parquet")
    if args.paths:
        raise CliError(f"give the corpus either as PATH or as --input, not both (PATH: {' '.join(args.paths)})")
    if args.outlets or args.format is not None:
        raise CliError("--outlets and --format do not apply to --input: both tables are written "
                       "(--output and --outlets-output; the suffix picks CSV or Parquet)")
    check_engine_arguments(args)
    lexicons = lexicons_for(args)
    column_map = stream_column_map(args)
    options = dict(
        outlets_output=args.outlets_output, lexicons=lexicons, voice_factors=dict(args.voice_factor),
        chunk_size=args.chunk_size, column_map=column_map, max_text_chars=args.max_text_chars, resume=args.resume,
        progress=True,
    )
    try:
        if args.engine == "dask":
            require_dask()
            from framing.scale.dask_engine import dask_scores

            run = dask_scores(args.input, args.output, scheduler=args.scheduler, n_workers=args.workers, **options)
        else:
            from framing.scale.streaming import stream_scores

            # What start-up made (modules, pandas, the lexicons) lives as long
            # as the process: moved out of the collector's sight, so its full
            # collections during the run (several per 50 MB) skip it; about
            # 3 % of a long run. Only here, at the edge, and given back after
            # (a caller running main() again, as the tests do, collects as before).
            gc.freeze()
            try:
                run = stream_scores(args.input, args.output, **options)
            finally:
                gc.unfreeze()
    except (ValueError, OSError) as exc:
        raise CliError(str(exc)) from exc
    except KeyboardInterrupt:
        print("framing: finished chunks are saved; rerun with --resume to continue", file=sys.stderr)
        raise
    resumed = f" ({run.articles - run.scored:,} from the checkpoint)" if run.articles > run.scored else ""
    rate = run.scored / run.seconds if run.seconds else 0.0
    print(f"scored {run.articles:,} articles{resumed} in {run.seconds:.1f} s ({rate:,.0f} articles/s); "
          f"wrote {run.output} and {run.outlets_output}")
    return 0


def _provenance_note(prov: dict) -> list[str]:
    lexicons = ", ".join(f"{lex['name']} {lex['version']} ({lex['sha256'][:12]})" for lex in prov["lexicons"])
    return [f"framing {prov['version']}; lexicons: {lexicons}", "score_*: mean effective weight on the axis (+ = positive pole); --format csv for every column"]


def run_matches(args: argparse.Namespace) -> int:
    """Print every match, as JSON lines or CSV."""
    articles, lexicons, factors = _inputs(args)
    matches = match_table(articles, lexicons, voice_factors=factors)
    prov = provenance(lexicons, voice_factors=factors, **story_param(args))
    if args.format == "jsonl":
        # Each line holds exactly the documented keys, so the provenance goes
        # to standard error as comment lines (CSV output carries it inline).
        sys.stderr.write("\n".join(provenance_lines(prov)) + "\n")
        for record in json_records(matches[JSONL_KEYS]):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(to_csv_with_provenance(matches, prov))
    return 0


def run_compare(args: argparse.Namespace) -> int:
    """Print the side-by-side comparison of variants per concept."""
    articles, lexicons, factors = _inputs(args)
    matches = match_table(articles, lexicons, voice_factors=factors)
    if args.concept:
        # A concept is named ID (in every lexicon that has it) or LEXICON/ID.
        keys = matches["lexicon"] + "/" + matches["concept"]
        known = sorted(set(keys))
        wanted = [(matches["concept"] == c) | (keys == c) for c in args.concept]
        unknown = [c for c, hit in zip(args.concept, wanted) if not hit.any()]
        if unknown:
            raise CliError(f"unknown concept {unknown[0]!r}; concepts with matches: {', '.join(known)}")
        matches = matches[pd.concat(wanted, axis=1).any(axis=1)]
    outlets = list(dict.fromkeys(a.outlet for a in articles))
    print(terminal_text(render_compare(matches, width=args.width, outlets=outlets)))
    print("\n".join(_provenance_note(provenance(lexicons))[:1]))
    return 0


def _add_stream_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "large corpora", "stream a corpus file or folder in chunks into files, with bounded memory "
        "(see 'Large corpora' in the README)")
    add_stream_input_argument(group)
    group.add_argument("--output", metavar="FILE", help="per-article scores: .parquet or .csv")
    group.add_argument("--outlets-output", metavar="FILE",
                       help="per-outlet scores: .csv or .parquet (default: <output stem>.outlets.csv)")
    group.add_argument("--resume", action="store_true", help="continue an interrupted run from its checkpoint")
    add_stream_arguments(group)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the scoring subcommands."""
    score = subparsers.add_parser(
        "score",
        help="per-article (or per-outlet) scores: loaded-term rates, axis scores, voices, readability",
        description="Score articles for loaded terminology. With no PATH: the articles in the store (at first, the bundled sample) and both bundled lexicons.",
    )
    add_corpus_arguments(score)
    _add_voice_option(score)
    score.add_argument("--format", choices=("table", "csv", "json"), default=None, help="output format (default: table)")
    score.add_argument("--outlets", action="store_true", help="one row per outlet instead of per article")
    score.add_argument("--strip-boilerplate", action="store_true",
                       help="remove each outlet's boilerplate (lines it repeats across its articles, page furniture, "
                            "its own name) before scoring, as 'framing terms' does (default: score the texts as they are)")
    _add_stream_options(score)
    score.set_defaults(handler=run_score)

    matches = subparsers.add_parser(
        "matches",
        help="every match with span, sentence and voice",
        description="List every lexicon match. JSONL keys: " + ", ".join(JSONL_KEYS) + ".",
    )
    add_corpus_arguments(matches)
    _add_voice_option(matches)
    matches.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default: jsonl)")
    matches.set_defaults(handler=run_matches)

    compare = subparsers.add_parser(
        "compare",
        help="side by side in the terminal: the variant each outlet chose per concept, with examples",
        description="For each concept, a row per outlet with the variants it used and their counts, "
        "and one example sentence per outlet with the term in [brackets].",
    )
    add_corpus_arguments(compare)
    _add_voice_option(compare)
    compare.add_argument("--concept", action="append", metavar="ID",
                         help="only this concept: ID or LEXICON/ID when lexicons share an id (repeatable)")
    compare.add_argument("--width", type=int, default=100, help="line width (default: 100)")
    compare.set_defaults(handler=run_compare)
