"""``framing score``, ``framing matches`` and ``framing compare``."""

from __future__ import annotations

import argparse
import json
import math
import sys

import pandas as pd

from framing.cli.common import CliError, add_corpus_arguments, corpus_for, lexicons_from_args
from framing.compare import render_compare
from framing.provenance import provenance, to_csv_with_provenance
from framing.quotes import VOICES
from framing.scores import MATCH_COLUMNS, article_scores, check_voice_factors, match_table, outlet_scores

#: Keys of one ``framing matches --format jsonl`` object, in order.
JSONL_KEYS = MATCH_COLUMNS[:11]
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
    lexicons = lexicons_from_args(args.lexicon)
    try:
        factors = check_voice_factors(dict(args.voice_factor))
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    return articles, lexicons, factors


def _json_value(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return _json_value(value.item())
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def run_score(args: argparse.Namespace) -> int:
    """Print the per-article (or per-outlet) score table."""
    articles, lexicons, factors = _inputs(args)
    matches = match_table(articles, lexicons, voice_factors=factors)
    if args.outlets:
        table = outlet_scores(articles, lexicons, voice_factors=factors, matches=matches)
    else:
        table = article_scores(articles, lexicons, voice_factors=factors, matches=matches)
    prov = provenance(lexicons, voice_factors=factors, level="outlet" if args.outlets else "article")
    if args.format == "csv":
        sys.stdout.write(to_csv_with_provenance(table, prov))
    elif args.format == "json":
        json.dump({"provenance": prov, "rows": _records(table)}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        key = "outlet" if args.outlets else "article"
        axis_columns = [c for c in table.columns if c.startswith(("score_", "n_"))]
        shown = table.set_index(key)[[c for c in (*TABLE_COLUMNS[:7], *axis_columns, *TABLE_COLUMNS[7:]) if c in table]]
        with pd.option_context("display.width", 200, "display.max_columns", 50, "display.float_format", "{:.3f}".format):
            print(shown.T.to_string())
        print()
        print("\n".join(f"{line}" for line in _provenance_note(prov)))
    return 0


def _provenance_note(prov: dict) -> list[str]:
    lexicons = ", ".join(f"{lex['name']} {lex['version']} ({lex['sha256'][:12]})" for lex in prov["lexicons"])
    return [f"framing {prov['version']}; lexicons: {lexicons}", "score_*: mean effective weight on the axis (+ = positive pole); --format csv for every column"]


def run_matches(args: argparse.Namespace) -> int:
    """Print every match, as JSON lines or CSV."""
    articles, lexicons, factors = _inputs(args)
    matches = match_table(articles, lexicons, voice_factors=factors)
    prov = provenance(lexicons, voice_factors=factors)
    if args.format == "jsonl":
        for record in _records(matches[JSONL_KEYS]):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(to_csv_with_provenance(matches, prov))
    return 0


def run_compare(args: argparse.Namespace) -> int:
    """Print the side-by-side comparison of variants per concept."""
    articles, lexicons, factors = _inputs(args)
    matches = match_table(articles, lexicons, voice_factors=factors)
    if args.concept:
        known = sorted(set(matches["concept"]))
        unknown = [c for c in args.concept if c not in known]
        if unknown:
            raise CliError(f"unknown concept {unknown[0]!r}; concepts with matches: {', '.join(known)}")
        matches = matches[matches["concept"].isin(args.concept)]
    outlets = list(dict.fromkeys(a.outlet for a in articles))
    print(render_compare(matches, width=args.width, outlets=outlets))
    print("\n".join(_provenance_note(provenance(lexicons))[:1]))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the scoring subcommands."""
    score = subparsers.add_parser(
        "score",
        help="per-article (or per-outlet) scores: loaded-term rates, axis scores, voices, readability",
        description="Score articles for loaded terminology. With no PATH: the articles in the store (at first, the bundled sample) and both bundled lexicons.",
    )
    add_corpus_arguments(score)
    _add_voice_option(score)
    score.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
    score.add_argument("--outlets", action="store_true", help="one row per outlet instead of per article")
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
    compare.add_argument("--concept", action="append", metavar="ID", help="only this concept (repeatable)")
    compare.add_argument("--width", type=int, default=100, help="line width (default: 100)")
    compare.set_defaults(handler=run_compare)
