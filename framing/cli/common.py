"""Shared pieces of the command line: errors, corpus and lexicon options."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from framing.article import Article

from framing.corpus import CorpusError, load_corpus, load_sample_corpus
from framing.importers.base import DEFAULT_MAX_TEXT_CHARS
from framing.lexicon.model import Lexicon, LexiconError, bundled_lexicons, load_lexicon
from framing.scale.input_files import is_gzipped

if TYPE_CHECKING:
    import pandas as pd
    from framing.store.article_store import ArticleStore


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
    add_story_argument(parser)


def add_story_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--story NAME``: a story of the store, its articles and its lexicons."""
    parser.add_argument(
        "--story", metavar="NAME", default=None,
        help="a story of the store: its articles, scored with its lexicons (default without PATH: the store's "
        "default story; 'framing story list' shows them)",
    )


def corpus_from_args(paths: Sequence[str]) -> list[Article]:
    """Load the corpus named on the command line, or the bundled sample."""
    for path in map(Path, paths):
        if is_gzipped(path) and not path.is_dir():
            # The chunked reader decompresses as it reads; PATH is read whole, within --max-bytes.
            raise CliError(f"{path.name}: unsupported file type '.gz' as PATH; give a gzipped .jsonl/.csv "
                           "corpus as --input FILE, which reads it in chunks")
    try:
        return load_corpus(paths) if paths else load_sample_corpus()
    except CorpusError as exc:
        raise CliError(str(exc)) from exc


def _outside_store(args: argparse.Namespace) -> bool:
    """Whether the articles come from PATHs or ``--sample`` (not the store); rejects them with ``--story``."""
    outside = bool(getattr(args, "paths", None) or getattr(args, "sample", False))
    if outside and getattr(args, "story", None):
        given = " ".join(args.paths) if getattr(args, "paths", None) else "--sample"
        raise CliError(f"give either --story {args.story} or PATH/--sample, not both ({given})")
    return outside


def story_for(args: argparse.Namespace, store: ArticleStore) -> str | None:
    """The story a command reads: ``--story``, else the store's default (None when it has no story).

    Raises
    ------
    CliError
        For an unknown ``--story`` (the line lists the stories).
    """
    from framing.store.article_store import StoreError
    from framing.store.stories import default_story, get_story

    try:
        if getattr(args, "story", None):
            return get_story(store, args.story).name
        return default_story(store)
    except StoreError as exc:
        raise CliError(str(exc)) from exc


def corpus_for(args: argparse.Namespace) -> list[Article]:
    """The articles a command works on: its PATHs, else the bundled sample
    (``--sample``), else the articles of ``--story`` or of the store's default
    story (the store is created with the sample's story on first use)."""
    if _outside_store(args):
        return corpus_from_args(args.paths)
    from framing.store.article_store import StoreError
    from framing.store.stories import story_articles

    store = store_from_args(getattr(args, "db", None))
    name = story_for(args, store)
    try:
        articles = story_articles(store, name) if name is not None else store.articles()
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    if not articles:
        if name is not None:
            raise CliError(f"the story {name!r} holds no articles; add some with 'framing add PATH --story {name}' "
                           f"or 'framing story add {name} ID ...', or pass PATH")
        raise CliError("the store holds no articles; add some with 'framing add PATH' or pass PATH")
    return articles


def story_param(args: argparse.Namespace) -> dict[str, str]:
    """``{"story": NAME}`` for provenance when ``--story`` was given, else nothing (outputs stay as before)."""
    return {"story": args.story} if getattr(args, "story", None) else {}


def corpus_label(args: argparse.Namespace) -> list[str] | str:
    """What :func:`corpus_for` read, for provenance: the PATHs, ``bundled sample`` or ``story NAME``."""
    if getattr(args, "paths", None):
        return list(args.paths)
    if getattr(args, "sample", False):
        return "bundled sample"
    return f"story {args.story}" if getattr(args, "story", None) else "store (default story)"


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


def lexicons_for(args: argparse.Namespace) -> tuple[Lexicon, ...]:
    """The lexicons a command scores with: its ``--lexicon`` files, else the story's
    (``--story``, or the default story when the articles come from the store),
    else the bundled ones (PATHs, ``--sample``, ``--input``).

    Every command that reads articles with :func:`corpus_for` takes its
    lexicons from here, so the two always describe the same selection.
    """
    if getattr(args, "lexicon", None):
        return lexicons_from_args(args.lexicon)
    if _outside_store(args) or (getattr(args, "input", None) and not getattr(args, "story", None)):
        return bundled_lexicons()
    from framing.store.article_store import StoreError
    from framing.store.stories import story_lexicons

    store = store_from_args(getattr(args, "db", None))
    name = story_for(args, store)
    if name is None:
        return bundled_lexicons()
    try:
        return story_lexicons(store, name)
    except StoreError as exc:
        raise CliError(str(exc)) from exc


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
    from framing.store.article_store import ArticleStore, StoreError  # imported here: most commands never open the store

    try:
        return ArticleStore(db)
    except StoreError as exc:
        raise CliError(str(exc)) from exc


#: Fields whose column ``--<field>-column`` names for ``--input`` tables.
STREAM_COLUMNS = ("text", "outlet", "title", "date", "url", "alignment", "id")

#: Destinations of the options that only mean something with ``--input``, in the
#: order error messages name them; a command checks those of them it has.
STREAM_ONLY_OPTIONS = (
    "output", "outlets_output", "resume", "chunk_size", "engine", "scheduler", "workers", "max_text_chars",
    *(f"{name}_column" for name in STREAM_COLUMNS),
)

#: Defaults of ``--chunk-size``, ``--engine`` and ``--max-text-chars``, whose parser default is None.
STREAM_DEFAULTS = {"chunk_size": 1000, "engine": "local", "max_text_chars": DEFAULT_MAX_TEXT_CHARS}


def positive_int(text: str) -> int:
    """Argument type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


#: Largest --max-text-chars (also the CSV reader's cell limit, a C long on every platform).
MAX_TEXT_CHARS = 1_000_000_000


def text_char_limit(value: str) -> int:
    """Argument type of ``--max-text-chars``: 1 to :data:`MAX_TEXT_CHARS`, ``2_000_000`` and ``2,000,000`` too."""
    try:
        number = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    if number > MAX_TEXT_CHARS:
        raise argparse.ArgumentTypeError(f"out of range: {value!r} (allowed: 1 to {MAX_TEXT_CHARS:,})")
    return number


def add_stream_input_argument(group: argparse._ArgumentGroup) -> None:
    """Add ``--input CORPUS``: a corpus file or folder read in chunks (``framing score``, ``framing terms``)."""
    group.add_argument("--input", metavar="CORPUS",
                       help="a .jsonl, .csv/.tsv (either may be gzipped: .jsonl.gz) or .parquet file, "
                       "or a folder of .txt files")


def add_stream_arguments(group: argparse._ArgumentGroup) -> None:
    """Add what goes with ``--input``: ``--chunk-size``, ``--engine``, ``--scheduler``,
    ``--workers``, ``--max-text-chars`` and ``--<field>-column`` for each of :data:`STREAM_COLUMNS`."""
    # default=None, filled in by check_stream_arguments: an option given is told from one left out.
    group.add_argument("--chunk-size", type=positive_int, default=None, metavar="N",
                       help=f"articles held in memory at once (default: {STREAM_DEFAULTS['chunk_size']})")
    group.add_argument("--engine", choices=("local", "dask"), default=None,
                       help=f"local: this process; dask: a Dask cluster (default: {STREAM_DEFAULTS['engine']})")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster of --workers workers)")
    group.add_argument("--workers", type=positive_int, default=None, metavar="N",
                       help="Dask workers: the size of the local cluster or, with --scheduler, of that cluster, "
                            "so each worker gets as many input shards (default: 2)")
    group.add_argument("--max-text-chars", type=text_char_limit, default=None, metavar="N",
                       help=f"longest text accepted per article; a longer one stops the run naming its row "
                            f"(default: {STREAM_DEFAULTS['max_text_chars']:,})")
    for name in STREAM_COLUMNS:
        group.add_argument(f"--{name}-column", metavar="NAME", help=f"column holding the {name} (tabular inputs)")


def stream_column_map(args: argparse.Namespace) -> dict[str, str]:
    """Field -> column name from the ``--<field>-column`` options given."""
    return {name: value for name in STREAM_COLUMNS if (value := getattr(args, f"{name}_column"))}


def require_dask() -> None:
    """Fail with an install hint when Dask is missing (it is the optional ``scale`` extra)."""
    from importlib.util import find_spec

    missing = [name for name in ("dask", "distributed") if find_spec(name) is None]
    if missing:
        raise CliError(f"--engine dask needs Dask ({', '.join(missing)} not installed): pip install 'framing[scale]'")


def stream_options_given(args: argparse.Namespace) -> list[str]:
    """The ``--input``-only options given on the command line.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line, before :func:`check_stream_arguments` fills in defaults.

    Returns
    -------
    list of str
        Their flags (``--chunk-size``, ...) in the order of :data:`STREAM_ONLY_OPTIONS`.
    """
    values = {dest: getattr(args, dest, None) for dest in STREAM_ONLY_OPTIONS}
    return [f"--{dest.replace('_', '-')}" for dest, value in values.items() if value is not None and value is not False]


def check_stream_arguments(args: argparse.Namespace) -> None:
    """Reject ``--input``-only options given without ``--input``; with it, fill in their defaults.

    Commands with ``--input`` (``framing score``, ``framing terms``) call this
    first, before reading anything.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line; ``chunk_size`` and ``engine`` are set from
        :data:`STREAM_DEFAULTS` when ``--input`` is given and they are not.

    Raises
    ------
    CliError
        When any of :data:`STREAM_ONLY_OPTIONS` is given without ``--input``.
    """
    if not args.input:
        given = stream_options_given(args)
        if given:
            verb = "applies" if len(given) == 1 else "apply"
            raise CliError(f"{', '.join(given)} {verb} only to --input CORPUS")
        return
    for dest, value in STREAM_DEFAULTS.items():
        if getattr(args, dest) is None:
            setattr(args, dest, value)


def check_engine_arguments(args: argparse.Namespace) -> None:
    """Reject Dask options with the local engine; default ``--workers`` to 2.

    Call it after :func:`check_stream_arguments`, which sets ``args.engine``.
    """
    if args.engine == "local" and (args.scheduler or args.workers is not None):
        raise CliError("--scheduler and --workers need --engine dask")
    if args.workers is None:
        args.workers = 2


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
