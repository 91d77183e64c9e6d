"""Shared pieces of the command line: errors, corpus and lexicon options."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from framing.corpus import Article, CorpusError, load_corpus, load_sample_corpus
from framing.lexicon import Lexicon, LexiconError, bundled_lexicons, load_lexicon

if TYPE_CHECKING:
    import pandas as pd
    from framing.store import ArticleStore


class CliError(Exception):
    """An error the user can fix; printed as one line, exit status 2."""


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``PATH ...``, ``--db``, ``--sample`` and ``--lexicon FILE ...`` to a subcommand."""
    add_source_arguments(parser)
    parser.add_argument(
        "--lexicon",
        action="append",
        metavar="FILE",
        default=None,
        help="lexicon TOML file; repeat for several (default: both bundled lexicons)",
    )


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``PATH ...``, ``--db`` and ``--sample``: where the articles come from."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a file (.txt .md .html .docx .pdf .csv .jsonl), a folder with manifest.csv, or a folder of "
        "such files (default: the articles in the store, which starts with the bundled sample)",
    )
    add_db_argument(parser)
    parser.add_argument(
        "--sample", action="store_true", help="use the bundled Venezuela sample only (not the store)"
    )


def corpus_from_args(paths: Sequence[str]) -> list[Article]:
    """Load the corpus named on the command line, or the bundled sample."""
    try:
        return load_corpus(paths) if paths else load_sample_corpus()
    except CorpusError as exc:
        raise CliError(str(exc)) from exc


def corpus_for(args: argparse.Namespace) -> list[Article]:
    """The articles a command works on: its PATHs, else the bundled sample
    (``--sample``), else the store (created with the sample on first use)."""
    if args.paths or getattr(args, "sample", False):
        return corpus_from_args(args.paths)
    from framing.store import StoreError

    try:
        articles = store_from_args(getattr(args, "db", None)).articles()
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    if not articles:
        raise CliError("the store holds no articles; add some with 'framing add PATH' or pass PATH")
    return articles


def lexicons_from_args(files: Sequence[str] | None) -> tuple[Lexicon, ...]:
    """Load the lexicons named on the command line, or the bundled ones."""
    if not files:
        return bundled_lexicons()
    lexicons = []
    for file in files:
        try:
            lexicons.append(load_lexicon(Path(file)))
        except LexiconError as exc:
            first = exc.problems[0] if exc.problems else exc
            more = f" (and {len(exc.problems) - 1} more; run 'framing lexicon validate {file}')" if len(exc.problems) > 1 else ""
            raise CliError(f"{first}{more}") from exc
    return tuple(lexicons)


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--db PATH`` (the article store) to a subcommand."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help="the article store (default: $FRAMING_DB, else ~/.local/share/framing/framing.db)",
    )


def store_from_args(db: str | None) -> ArticleStore:
    """Open the store named by ``--db`` (or the default one); errors become :class:`CliError`."""
    from framing.store import ArticleStore, StoreError  # imported here: most commands never open the store

    try:
        return ArticleStore(db)
    except StoreError as exc:
        raise CliError(str(exc)) from exc


def _json_value(value: object) -> object:
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN
    return value


def json_records(frame: "pd.DataFrame") -> list[dict]:
    """Rows of a DataFrame as JSON-ready dicts (numpy scalars unwrapped, NaN as null)."""
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def write_export(frame: "pd.DataFrame", prov: dict, fmt: str, **json_fields: object) -> bool:
    """Write ``frame`` to standard output as CSV or JSON, with its provenance.

    CSV gets ``#`` provenance lines before the header; JSON is one object with
    ``provenance``, any ``json_fields`` and ``rows``. Returns False, writing
    nothing, for any other format (the caller prints its own table).
    """
    import json
    import sys

    from framing.provenance import to_csv_with_provenance

    if fmt == "csv":
        sys.stdout.write(to_csv_with_provenance(frame, prov))
    elif fmt == "json":
        json.dump({"provenance": prov, **json_fields, "rows": json_records(frame)}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        return False
    return True
