"""``framing add``, ``list``, ``remove`` and ``export``: the article store from the shell.

``framing add`` imports each file in its own transaction, so a batch killed
midway keeps the files finished before; a file that cannot be imported is
reported on one line and skipped, and the exit status is 1 when any was.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from framing.cli.common import CliError, add_db_argument, store_from_args, story_for, text_char_limit
from framing.cli.terminal import terminal_text

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}


#: Largest --max-bytes: a file is read into memory whole, and 2 GB is what one read returns.
MAX_SIZE = 2_000_000_000


def parse_size(value: str) -> int:
    """Parse ``20000000``, ``20MB``, ``500k`` into bytes (for ``--max-bytes``), from 1 byte to :data:`MAX_SIZE`."""
    match = _SIZE.match(value)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (examples: 20000000, 50MB, 500kB)")
    number = float(match.group(1)) * _UNITS[match.group(2).lower()]  # inf for 400 digits: caught below
    if not 1 <= number <= MAX_SIZE:
        raise argparse.ArgumentTypeError(f"size out of range: {value[:40]!r} (allowed: 1 byte to 2GB)")
    return int(number)


def expand_paths(paths: list[str]) -> list[Path]:
    """Files named, plus the supported files inside folders named (recursively, sorted).

    Hidden files and folders (``.git``) are skipped; a path that does not exist
    is kept, so its import reports it.
    """
    from framing.importers import SUPPORTED_SUFFIXES

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise CliError(f"{path}: no files of a supported type ({', '.join(SUPPORTED_SUFFIXES)}) in this folder")
            files.extend(found)
        else:
            files.append(path)
    return files


def _where(text: str) -> tuple[str, str]:
    """``--where FIELD=VALUE``: keep only the rows whose field (or extra column) equals the value."""
    field, sep, value = text.partition("=")
    if not sep or not field.strip():
        raise argparse.ArgumentTypeError(f"expected FIELD=VALUE, e.g. topic=healthcare; got {text!r}")
    return field.strip(), value.strip()


def _matches_where(article, conditions: list[tuple[str, str]]) -> bool:
    for field, value in conditions:
        found = getattr(article, field) if field in _ARTICLE_FIELDS else article.meta.get(field, "")
        if str(found).strip() != value:
            return False
    return True


_ARTICLE_FIELDS = ("id", "outlet", "alignment", "title", "date", "url", "source_note")


def _add(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from framing.importers import MAPPABLE_FIELDS, ImportProblem, import_file

    from framing.store.stories import add_articles_to_story, get_story

    column_map = {name: getattr(args, f"{name}_column") for name in MAPPABLE_FIELDS if getattr(args, f"{name}_column")}
    if args.date:
        args.date = _checked_date(args.date)
    store = store_from_args(args.db)
    story = story_for(args, store)  # checked before any file is read: an unknown story stores nothing
    files = expand_paths(args.paths)
    added = already = conflicts = 0
    failed: list[str] = []
    # disable=None: a bar on a terminal, nothing when output is piped or logged
    with tqdm(files, desc="importing", unit="file", disable=None if len(files) > 1 else True, file=sys.stderr) as bar:
        for path in bar:
            try:
                articles = import_file(
                    path,
                    max_bytes=args.max_bytes,
                    max_text_chars=args.max_text_chars,
                    outlet=args.outlet,
                    alignment=args.alignment,
                    title=args.title,
                    date=args.date,
                    column_map=column_map,
                )
            except ImportProblem as exc:
                failed.append(str(path))
                message = str(exc)
                if message.startswith(path.name + ":"):  # name the file as the user did: folders may repeat names
                    message = f"{path}{message[len(path.name):]}"
                bar.write(f"framing: skipped {message}", file=sys.stderr)
                continue
            except ValueError as exc:  # an invalid option: the same for every file
                raise CliError(str(exc)) from exc
            if args.where:
                articles = [a for a in articles if _matches_where(a, args.where)]
            result = store.add(articles) if story is None else add_articles_to_story(store, story, articles)
            added += len(result.added)
            already += len(result.already_stored)
            conflicts += len(result.conflicts)
            parts = [f"{len(result.added)} added"]
            if result.already_stored:
                parts.append(f"{len(result.already_stored)} already stored")
            if result.conflicts:
                shown = ", ".join(result.conflicts[:3]) + (" ..." if len(result.conflicts) > 3 else "")
                parts.append(f"{len(result.conflicts)} not stored: id already used by another text ({shown})")
            ids = f" ({result.added[0]})" if len(articles) == 1 and result.added else ""
            bar.write(f"{path}: {', '.join(parts)}{ids}")
    summary = f"{added} article{'s' if added != 1 else ''} added, {already} already stored"
    if conflicts:
        summary += f", {conflicts} with a conflicting id"
    if failed:
        summary += f"; {len(failed)} of {len(files)} file{'s' if len(files) != 1 else ''} failed"
    where = f" The story {story} holds {get_story(store, story).articles} of them." if story else ""
    if story and not args.story:
        where += " (--story NAME puts articles into another story)"
    print(f"{summary}. The store {store.path} holds {store.count()} articles.{where}")
    return 1 if failed else 0


def _list(args: argparse.Namespace) -> int:
    store = store_from_args(args.db)
    table = store.list()
    if table.empty:
        print(f"The store {store.path} is empty.")
        return 0
    width = max(len(str(i)) for i in table["id"])
    outlet_width = min(24, max(len(str(o)) for o in table["outlet"]))
    print(f"{'ID':<{width}}  {'OUTLET':<{outlet_width}}  {'DATE':<10}  {'CHARS':>7}  TITLE")
    for row in table.itertuples(index=False):
        title = row.title or f"[{row.source_file}]"
        title = title if len(title) <= 60 else title[:59] + "…"
        outlet = row.outlet if len(row.outlet) <= outlet_width else row.outlet[: outlet_width - 1] + "…"
        print(terminal_text(f"{row.id:<{width}}  {outlet:<{outlet_width}}  {row.date:<10}  {row.chars:>7}  {title}", one_line=True))
    print(f"{len(table)} articles in {store.path}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    store = store_from_args(args.db)
    missing = []
    for article_id in args.ids:
        if store.remove(article_id):
            print(f"removed {article_id}")
        else:
            missing.append(article_id)
    if missing:
        raise CliError(f"no article with id {', '.join(missing)} in {store.path}; 'framing list' shows the ids")
    return 0


def _export(args: argparse.Namespace) -> int:
    from framing.store.story_files import export_story_table

    store = store_from_args(args.db)
    # Without --story, every stored article (as before stories); with it, the story's.
    story = story_for(args, store) if args.story else None

    def write(out) -> int:
        return store.export(args.format, out) if story is None else export_story_table(store, story, args.format, out)

    if args.output in (None, "-"):
        write(sys.stdout)
        return 0
    if Path(args.output).resolve() == store.path.resolve() or (
            Path(args.output).exists() and os.path.samefile(args.output, store.path)):
        raise CliError(f"{args.output}: is the store itself; writing the export there would replace it")
    try:
        count = write(Path(args.output))
    except OSError as exc:
        raise CliError(f"{args.output}: cannot write ({exc.strerror or exc})") from exc
    print(f"{count} articles written to {args.output}", file=sys.stderr)
    return 0


def _checked_date(value: str) -> str:
    from framing.store.article_edit import check_date

    try:
        return check_date(value)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def _edit(args: argparse.Namespace) -> int:
    from framing.store.article_edit import EDITABLE_FIELDS, edit_article
    from framing.store.article_store import StoreError

    store = store_from_args(args.db)
    changes = {name: getattr(args, name) for name in EDITABLE_FIELDS}
    try:
        article = edit_article(store, args.id, **changes)
    except (StoreError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    print(f"{article.id}: outlet {article.outlet!r}, alignment {article.alignment!r}, "
          f"title {article.title!r}, date {article.date!r}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the store commands to the ``framing`` parser."""
    from framing.importers import DEFAULT_COLUMNS, DEFAULT_MAX_BYTES, DEFAULT_MAX_TEXT_CHARS, MAPPABLE_FIELDS

    add = subparsers.add_parser(
        "add",
        help="import articles into the store (.txt .md .html .docx .pdf .csv .tsv .jsonl)",
        description="Import articles into the store. Files of any supported type, or folders of them; "
        "tables (.csv, .tsv, .jsonl) give one article per row. The same text added twice is stored once.",
    )
    add.add_argument("paths", nargs="+", metavar="PATH", help="a file, or a folder of files")
    for name in ("outlet", "alignment", "title", "date"):
        add.add_argument(f"--{name}", default=None, help=f"the {name} of every article imported (overrides the file)")
    group = add.add_argument_group("columns of .csv/.tsv/.jsonl files")
    for name in MAPPABLE_FIELDS:
        defaults = ", ".join(DEFAULT_COLUMNS[name][:4])
        group.add_argument(
            f"--{name}-column", metavar="NAME", default=None, help=f"column with the {name} (default: first of {defaults}, ...)"
        )
    add.add_argument(
        "--max-bytes", type=parse_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
        help=f"largest file accepted (default {DEFAULT_MAX_BYTES // 1_000_000}MB)",
    )  # fmt: skip
    add.add_argument(
        "--max-text-chars", type=text_char_limit, default=DEFAULT_MAX_TEXT_CHARS, metavar="N",
        help=f"longest text accepted per article (default {DEFAULT_MAX_TEXT_CHARS:,})",
    )  # fmt: skip
    add_db_argument(add)
    add.add_argument("--where", action="append", type=_where, default=[], metavar="FIELD=VALUE",
                     help="only the rows (of a table) whose field or column equals the value, e.g. topic=healthcare; "
                     "repeatable, all must hold")
    add.add_argument("--story", metavar="NAME", default=None,
                     help="put the articles into this story (default: the store's default story)")
    add.set_defaults(handler=_add)

    lister = subparsers.add_parser("list", help="list the articles in the store")
    add_db_argument(lister)
    lister.set_defaults(handler=_list)

    remove = subparsers.add_parser("remove", help="delete articles from the store by id")
    remove.add_argument("ids", nargs="+", metavar="ID", help="an article id, as 'framing list' shows it")
    add_db_argument(remove)
    remove.set_defaults(handler=_remove)

    export = subparsers.add_parser("export", help="write every stored article as CSV or JSON Lines")
    export.add_argument("--format", required=True, choices=("csv", "jsonl"), help="output format")
    export.add_argument("-o", "--output", metavar="FILE", default=None, help="file to write (default: standard output)")
    add_db_argument(export)
    export.add_argument("--story", metavar="NAME", default=None, help="only this story's articles (default: every stored article)")
    export.set_defaults(handler=_export)

    edit = subparsers.add_parser("edit", help="correct a stored article's outlet, alignment, title or date",
                                 description="Correct a stored article's metadata (the text never changes). "
                                 "Dates are ISO 8601: 2019-04-30, 2019-04 or 2019-04-30T14:05:00+00:00.")
    edit.add_argument("id", metavar="ID", help="the article's id, as 'framing list' shows it")
    for name in ("outlet", "alignment", "title", "date"):
        edit.add_argument(f"--{name}", default=None, help=f"the new {name}")
    add_db_argument(edit)
    edit.set_defaults(handler=_edit)
