"""A story as a folder: its articles, a manifest and its lexicons, to move it to another store.

:func:`export_story` writes::

    DIR/story.json        name, description, framing version, lexicons (name, version, SHA-256, bundled)
    DIR/manifest.csv      file, id, outlet, alignment, date, title, url, source_note, source_file, meta keys ...
    DIR/texts/NNNN.txt    one UTF-8 text per article
    DIR/lexicons/*.toml   every lexicon's TOML, bundled ones included

The folder is itself a corpus (``framing score DIR`` reads its manifest), and
:func:`import_story` turns it back into a story: user lexicons are checked
against their recorded SHA-256 and stored, bundled ones are used by name
(with a warning when this framing bundles another version), and the
articles are stored (a text already stored is not stored twice), all in one
transaction.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import IO

from framing import __version__
from framing.article import Article
from framing.corpus import CorpusError, load_manifest_folder
from framing.lexicon.model import bundled_lexicon, parse_lexicon
from framing.resources import BUNDLED_LEXICONS, bundled_lexicon_path
from framing.store.article_store import AddResult, ArticleStore, StoreError, _now
from framing.store.stories import LexiconText, Story, _require, _resolve_specs, get_story, story_articles, story_lexicon_texts
from framing.store.story_rows import check_story_name, insert_story, link_articles, story_id

STORY_FILE = "story.json"
FORMAT = "framing-story"
_MANIFEST_FIELDS = ("file", "id", "outlet", "alignment", "date", "title", "url", "source_note", "source_file")


def _cell(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def export_story(store: ArticleStore, name: str, folder: str | Path) -> Path:
    """Write a story's articles, manifest and lexicons into ``folder`` (created; must be empty).

    Returns
    -------
    pathlib.Path
        The ``story.json`` written.

    Raises
    ------
    StoreError
        If the folder exists and is not empty, or cannot be written.
    """
    story = get_story(store, name)
    articles = story_articles(store, name)
    lexicons = story_lexicon_texts(store, name)
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StoreError(f"{folder}: exists and is not an empty folder; give a new folder")
    try:
        (folder / "texts").mkdir(parents=True, exist_ok=True)
        (folder / "lexicons").mkdir(exist_ok=True)
        entries = []
        for (lexicon, text), ref in zip(lexicons, story.lexicons):
            file = f"lexicons/{lexicon.name}.toml"
            data = bundled_lexicon_path(lexicon.name).read_bytes() if text is None else text.encode("utf-8")
            (folder / file).write_bytes(data)
            entries.append({"name": lexicon.name, "version": lexicon.version, "sha256": lexicon.sha256,
                            "bundled": ref.bundled, "file": file})
        meta_keys = sorted({k for a in articles for k in a.meta if k not in _MANIFEST_FIELDS})
        with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([*_MANIFEST_FIELDS, *meta_keys])
            for number, article in enumerate(articles, start=1):
                file = f"texts/{number:04d}.txt"
                (folder / file).write_bytes(article.text.encode("utf-8"))
                known = [file, article.id, article.outlet, article.alignment, article.date, article.title,
                         article.url, article.source_note, _cell(article.meta.get("source_file", ""))]
                writer.writerow([*known, *(_cell(article.meta.get(k, "")) for k in meta_keys)])
        record = {"format": FORMAT, "framing": __version__, "name": story.name, "description": story.description,
                  "articles": len(articles), "lexicons": entries}
        path = folder / STORY_FILE
        path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{folder}: cannot write ({exc.strerror or exc})") from exc
    return path


def _read_record(folder: Path) -> dict:
    path = folder / STORY_FILE
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: not a story export ({exc}); 'framing story export' writes one") from exc
    if not isinstance(record, dict) or record.get("format") != FORMAT or not isinstance(record.get("lexicons"), list):
        raise StoreError(f"{path}: not a framing story export (no 'format': {FORMAT!r} and 'lexicons' list)")
    return record


def _lexicon_specs(folder: Path, record: dict, warnings: list[str]) -> list[str | LexiconText]:
    specs: list[str | LexiconText] = []
    for entry in record["lexicons"]:
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("file"):
            raise StoreError(f"{folder / STORY_FILE}: a lexicon entry lacks 'name' or 'file'")
        path = folder / str(entry["file"])
        if entry.get("bundled") and entry["name"] in BUNDLED_LEXICONS:
            here = bundled_lexicon(entry["name"])
            if here.sha256 != entry.get("sha256"):
                warnings.append(f"lexicon {entry['name']}: the story was made with version {entry.get('version')}, "
                                f"this framing bundles {here.version}; scores may differ")
            specs.append(entry["name"])
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"{path}: cannot read the lexicon ({exc})") from exc
        lexicon = parse_lexicon(text, file=str(path))
        if entry.get("sha256") and lexicon.sha256 != entry["sha256"]:
            raise StoreError(f"{path}: SHA-256 differs from the one in {STORY_FILE}; the lexicon was changed")
        specs.append(LexiconText(text, str(path)))
    return specs


def import_story(store: ArticleStore, folder: str | Path, *, name: str | None = None) -> tuple[Story, AddResult, list[str]]:
    """Create a story from a folder written by :func:`export_story`.

    Parameters
    ----------
    name : str, optional
        The new story's name (default: the exported one).

    Returns
    -------
    story : Story
    added : AddResult
        What happened to each article (stored now, already stored, id taken).
    warnings : list of str
        For instance a bundled lexicon of another version.

    Raises
    ------
    StoreError
        Not an export, a story of that name exists, a lexicon was changed or
        clashes with a stored one; nothing is stored then.
    LexiconError
        A lexicon that does not validate.
    """
    folder = Path(folder)
    record = _read_record(folder)
    new_name = check_story_name(name or str(record.get("name", "")))
    warnings: list[str] = []
    specs = _lexicon_specs(folder, record, warnings)
    try:
        articles: list[Article] = load_manifest_folder(folder)
    except CorpusError as exc:
        raise StoreError(str(exc)) from exc

    def write(conn: sqlite3.Connection) -> AddResult:
        if story_id(conn, new_name) is not None:
            raise StoreError(f"a story named {new_name!r} already exists; import under another with --name NEW")
        now = _now()
        new_id = insert_story(conn, new_name, str(record.get("description", "")), _resolve_specs(conn, specs, now), now)
        result = store._insert(conn, articles)  # noqa: SLF001
        link_articles(conn, new_id, [*result.added, *result.already_stored], now)
        return result

    result = store._write(write)  # noqa: SLF001
    if result.conflicts:
        warnings.append(f"{len(result.conflicts)} article(s) not imported: their id is used by another text "
                        f"({', '.join(result.conflicts[:3])})")
    return get_story(store, new_name), result, warnings


def export_story_table(store: ArticleStore, name: str, fmt: str, out: str | Path | IO[str]) -> int:
    """Write a story's articles as CSV or JSON Lines, as :meth:`ArticleStore.export` writes the store's.

    Returns the number of articles written; :class:`UnknownStory` if there is no such story.
    """
    from framing.store.article_store import EXPORT_FORMATS, LIST_COLUMNS

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
    columns = [c for c in LIST_COLUMNS if c != "chars"] + ["text", "meta"]
    sql = (f"SELECT {', '.join('a.' + c for c in columns)} FROM articles AS a JOIN story_articles AS m "
           "ON m.article_id = a.id WHERE m.story_id = ? ORDER BY a.seq")
    rows = store._retry(lambda conn: conn.execute(sql, (_require(conn, name),)).fetchall())  # noqa: SLF001
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return store._write_export(fmt, columns, rows, handle)  # noqa: SLF001
    return store._write_export(fmt, columns, rows, out)  # noqa: SLF001
