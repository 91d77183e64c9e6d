"""Corpora: articles read from files and folders, and the bundled sample.

A corpus is a plain ``list[Article]`` (:mod:`framing.article`);
:func:`load_corpus` reads one from a text file, a folder with a
``manifest.csv`` or a folder of files the importers read
(:mod:`framing.importers`).
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from framing.article import KNOWN_FIELDS, Article, outlet_from_filename
from framing.importers import SUPPORTED_SUFFIXES, ImportProblem, import_file
from framing.importers.text import decode_text
from framing.resources import sample_corpus_dir

MANIFEST_NAME = "manifest.csv"
#: Columns the manifest must have; any other column is kept in ``Article.meta``.
MANIFEST_REQUIRED = ("file",)


class CorpusError(ValueError):
    """A corpus could not be read; the message says which file and why."""


def read_text_file(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is dropped) with a clear error otherwise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 text (byte {exc.start}); convert it or use 'framing add'") from exc


def load_manifest_folder(folder: Path) -> list[Article]:
    """Read a folder holding ``manifest.csv`` and the text files it names."""
    manifest = folder / MANIFEST_NAME
    try:
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CorpusError(f"{manifest}: cannot read the manifest ({exc})") from exc
    if not rows:
        raise CorpusError(f"{manifest}: the manifest has no rows")
    missing = [c for c in MANIFEST_REQUIRED if c not in rows[0]]
    if missing:
        raise CorpusError(f"{manifest}: missing column(s) {', '.join(missing)}; columns are {', '.join(rows[0])}")
    articles = []
    for line_no, row in enumerate(rows, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            raise CorpusError(f"{manifest}, line {line_no}: empty 'file'")
        path = folder / name
        text = load_text_file(path).text if path.suffix.lower() in (".txt", ".md") else read_text_file(path)
        known = {k: (row.get(k) or "").strip() for k in KNOWN_FIELDS}
        meta = {k: (v or "") for k, v in row.items() if k not in KNOWN_FIELDS and k != "file" and k is not None}
        articles.append(
            Article(
                id=known["id"] or path.stem,
                outlet=known["outlet"] or outlet_from_filename(path),
                text=text,
                alignment=known["alignment"],
                title=known["title"],
                date=known["date"],
                url=known["url"],
                source_note=known["source_note"],
                meta=meta,
            )
        )
    return articles


def load_text_file(path: Path) -> Article:
    """Read one text file as an article; the outlet comes from its file name.

    The encoding is detected (UTF-8 with or without BOM, UTF-16, cp1252...)
    by :func:`framing.importers.text.decode_text`.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        text, _encoding = decode_text(data, path.name)
    except ImportProblem as exc:
        raise CorpusError(str(exc)) from exc
    return Article(id=path.stem, outlet=outlet_from_filename(path), text=text, source_note=path.name)


def load_file(path: Path) -> list[Article]:
    """Read one file: text as one article, other formats through :mod:`framing.importers`.

    HTML, Word, PDF, CSV and JSON Lines files are read by the importers (a
    table gives one article per row); an article without an outlet takes
    the file name's.
    """
    if path.suffix.lower() in (".txt", ".md"):
        return [load_text_file(path)]
    try:
        articles = import_file(path)
    except ImportProblem as exc:
        raise CorpusError(str(exc)) from exc
    fallback = outlet_from_filename(path)
    return [a if a.outlet else replace(a, outlet=fallback) for a in articles]


def corpus_suffixes() -> tuple[str, ...]:
    """File suffixes :func:`load_corpus` reads from a folder without a manifest."""
    return SUPPORTED_SUFFIXES


def load_corpus(paths: Iterable[str | Path]) -> list[Article]:
    """Load articles from files and folders.

    Parameters
    ----------
    paths : iterable of str or Path
        Each one a file (text, HTML, Word, PDF, CSV, JSON Lines), a folder
        with ``manifest.csv``, or a folder of such files (the outlet of a text
        file is taken from its name: ``bbc-news_2019-04-30.txt`` -> ``bbc news``).

    Returns
    -------
    list of Article

    Raises
    ------
    CorpusError
        If a path does not exist, holds no articles or cannot be read, or two
        articles share an id.
    """
    articles: list[Article] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if (path / MANIFEST_NAME).is_file():
                articles.extend(load_manifest_folder(path))
            else:
                suffixes = corpus_suffixes()
                files = sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes and p.is_file())
                if not files:
                    raise CorpusError(f"{path}: no manifest.csv and no readable files ({', '.join(suffixes)}) in this folder")
                for file in files:
                    articles.extend(load_file(file))
        elif path.is_file():
            articles.extend(load_file(path))
        else:
            raise CorpusError(f"{path}: no such file or folder")
    if not articles:
        raise CorpusError("no articles in " + ", ".join(str(p) for p in paths))
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise CorpusError(f"two articles share the id {article.id!r}; give them distinct ids in a manifest")
        seen.add(article.id)
    return articles


def load_sample_corpus(name: str | None = None) -> list[Article]:
    """Return the bundled sample corpus (by default Venezuela, 30 April 2019)."""
    folder = sample_corpus_dir(name) if name else sample_corpus_dir()
    return load_manifest_folder(folder)
