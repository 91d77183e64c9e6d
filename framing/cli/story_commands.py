"""``framing story``: list, create, show, add to, remove, export and import stories.

A story is a named set of stored articles about one event, scored with its
own lexicons (:mod:`framing.store.stories`). Every other command reads a
story with ``--story NAME`` (:func:`framing.cli.common.corpus_for`). Bad input
(a name taken, no lexicon, a lexicon that does not validate, an unknown
story or article id) is one line and exit 2, and the store is left as it was.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from framing.cli.common import CliError, add_db_argument, store_from_args
from framing.lexicon.model import LexiconError
from framing.store.article_store import StoreError
from framing.store.stories import (
    LexiconSpec, LexiconText, add_to_story, create_story, get_story, list_stories, remove_story,
    set_default_story, story_articles, story_lexicon_texts,
)
from framing.store.story_files import export_story, import_story


def _lexicon_error(exc: LexiconError, file: str) -> CliError:
    first = exc.problems[0] if exc.problems else exc
    more = f" (and {len(exc.problems) - 1} more; run 'framing lexicon validate {file}')" if len(exc.problems) > 1 else ""
    return CliError(f"{first}{more}")


def lexicon_spec(value: str) -> LexiconSpec:
    """``--lexicon`` of ``story create``: a TOML file's text, else a bundled or stored lexicon's name."""
    path = Path(value)
    if path.is_file():
        try:
            return LexiconText(path.read_bytes().decode("utf-8"), str(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"{path}: cannot read the lexicon ({exc})") from exc
    if path.suffix.lower() == ".toml" or "/" in value:
        raise CliError(f"{value}: no such lexicon file")
    return value


def _run(action, *, file: str = ""):
    """Run a store action; its StoreError, LexiconError or ValueError becomes one CliError line."""
    try:
        return action()
    except LexiconError as exc:
        raise _lexicon_error(exc, file) from exc
    except (StoreError, ValueError) as exc:
        raise CliError(str(exc)) from exc


def _list(args: argparse.Namespace) -> int:
    stories = _run(lambda: list_stories(store_from_args(args.db)))
    if not stories:
        print("No stories; create one with 'framing story create NAME --lexicon FILE'.")
        return 0
    width = max(len(s.name) for s in stories)
    print(f"  {'STORY':<{width}}  {'ARTICLES':>8}  LEXICONS")
    for story in stories:
        mark = "*" if story.default else " "
        lexicons = ", ".join(ref.name for ref in story.lexicons)
        about = f"  ({story.description})" if story.description else ""
        print(f"{mark} {story.name:<{width}}  {story.articles:>8}  {lexicons}{about}")
    print("* the default story (used without PATH or --story)")
    return 0


def _create(args: argparse.Namespace) -> int:
    specs = [lexicon_spec(value) for value in args.lexicon or []]
    files = " ".join(s.file for s in specs if isinstance(s, LexiconText))
    store = store_from_args(args.db)
    story = _run(lambda: create_story(store, args.name, specs, description=args.description or ""), file=files)
    if args.default:
        set_default_story(store, story.name)
    lexicons = ", ".join(f"{ref.name}" + (f"@{ref.version}" if ref.version else " (bundled)") for ref in story.lexicons)
    print(f"created story {story.name} with {lexicons}; add articles with "
          f"'framing add PATH --story {story.name}' or 'framing story add {story.name} ID ...'")
    return 0


def _show(args: argparse.Namespace) -> int:
    store = store_from_args(args.db)
    story = _run(lambda: get_story(store, args.name))
    articles = _run(lambda: story_articles(store, args.name))
    lexicons = _run(lambda: story_lexicon_texts(store, args.name))
    print(f"story {story.name}" + (" (default)" if story.default else ""))
    if story.description:
        print(f"  {story.description}")
    print(f"  created {story.created_at}")
    print("lexicons:")
    for (lexicon, _), ref in zip(lexicons, story.lexicons):
        where = "bundled" if ref.bundled else "stored"
        print(f"  {lexicon.name} {lexicon.version} ({where}) sha256={lexicon.sha256}  {len(lexicon.concepts)} concepts")
    outlets = Counter(a.outlet for a in articles)
    print(f"outlets: {', '.join(f'{o} ({n})' for o, n in outlets.most_common()) or 'none'}")
    print(f"articles: {len(articles)}")
    for article in articles:
        title = article.title if len(article.title) <= 60 else article.title[:59] + "…"
        print(f"  {article.id}  {article.outlet}  {article.date or '-'}  {title}")
    return 0


def _add(args: argparse.Namespace) -> int:
    store = store_from_args(args.db)
    joined = _run(lambda: add_to_story(store, args.name, args.ids))
    already = len(set(args.ids)) - joined
    print(f"{joined} article{'s' if joined != 1 else ''} added to {args.name}"
          + (f", {already} already in it" if already else "") + f"; it holds {get_story(store, args.name).articles}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    store = store_from_args(args.db)
    _run(lambda: remove_story(store, args.name))
    print(f"removed story {args.name} (its articles stay in the store; 'framing list' shows them)")
    return 0


def _default(args: argparse.Namespace) -> int:
    store = store_from_args(args.db)
    _run(lambda: set_default_story(store, args.name))
    print(f"{args.name} is now the default story")
    return 0


def _export(args: argparse.Namespace) -> int:
    store = store_from_args(args.db)
    path = _run(lambda: export_story(store, args.name, args.output))
    print(f"story {args.name} ({get_story(store, args.name).articles} articles) written to {path.parent}; "
          f"'framing story import {path.parent}' reads it back")
    return 0


def _import(args: argparse.Namespace) -> int:
    store = store_from_args(args.db)
    story, result, warnings = _run(lambda: import_story(store, args.folder, name=args.name), file=args.folder)
    for line in warnings:
        print(f"framing: warning: {line}", file=sys.stderr)
    print(f"imported story {story.name}: {len(result.added)} articles added, "
          f"{len(result.already_stored)} already stored; {story.articles} in the story")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``framing story`` and its actions."""
    story = subparsers.add_parser(
        "story", help="stories: named sets of articles about one event, each with its own lexicons",
        description="A story is a named set of stored articles about one event or topic, scored with its own "
        "lexicons. Other commands read one with --story NAME.",
    )
    actions = story.add_subparsers(dest="story_command", metavar="ACTION")

    def action(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help_text, description=help_text)
        add_db_argument(parser)
        parser.set_defaults(handler=handler)
        return parser

    action("list", _list, "list the stories (* marks the default)")
    create = action("create", _create, "create a story with its lexicons")
    create.add_argument("name", metavar="NAME", help="letters, digits, '.', '_' or '-'")
    create.add_argument("--lexicon", action="append", metavar="FILE_OR_NAME",
                        help="a lexicon TOML file (validated and stored), or a bundled or stored lexicon's name; "
                        "repeat for several (at least one)")
    create.add_argument("--description", default="", metavar="TEXT", help="what the story is about")
    create.add_argument("--default", action="store_true", help="make it the default story")
    show = action("show", _show, "a story's lexicons (versions, hashes), outlets and articles")
    show.add_argument("name", metavar="NAME")
    add = action("add", _add, "put stored articles into a story (by id, as 'framing list' shows them)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("ids", nargs="+", metavar="ARTICLE_ID")
    remove = action("remove", _remove, "delete a story (its articles and lexicons stay stored)")
    remove.add_argument("name", metavar="NAME")
    default = action("default", _default, "make a story the default (used without PATH or --story)")
    default.add_argument("name", metavar="NAME")
    export = action("export", _export, "write a story's articles, manifest and lexicons into a new folder")
    export.add_argument("name", metavar="NAME")
    export.add_argument("--output", "-o", required=True, metavar="DIR", help="a new (or empty) folder")
    imported = action("import", _import, "create a story from a folder written by 'framing story export'")
    imported.add_argument("folder", metavar="DIR")
    imported.add_argument("--name", default=None, metavar="NEW", help="the story's name here (default: the exported one)")
    def _need_action(args: argparse.Namespace) -> int:
        raise CliError("say what to do: 'framing story list|create|show|add|remove|default|export|import' "
                       "('framing story --help' explains each)")

    story.set_defaults(handler=_need_action)
