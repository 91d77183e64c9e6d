"""What every importer shares: the error type, the options, the limits.

Each format module (:mod:`~framing.importers.text`, ``html``, ``docx``,
``pdf``, ``tabular``) turns the bytes of one file into articles through
:func:`make_article`, so limits, NUL handling and ids are the same for all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Mapping

from framing.article import Article, content_id

DEFAULT_MAX_BYTES = 20_000_000
#: About 300 pages of prose; far beyond any article, small enough to score quickly.
DEFAULT_MAX_TEXT_CHARS = 2_000_000
#: The metadata fields a column mapping can fill; ``text`` is the only one required.
MAPPABLE_FIELDS = ("text", "outlet", "title", "date", "url", "alignment", "id")
#: Key of ``Article.meta`` holding the name of the file an article came from.
SOURCE_FILE_KEY = "source_file"

# Magic numbers of common binary formats, so "photo.txt" gets a precise message
# (file(1)'s magic database lists these signatures).
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
    (b"SQLite format 3\x00", "a SQLite database"),
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# C0 control characters that never occur in text files (tab, LF, VT, FF, CR and
# ESC do); a few are tolerated, many mean binary data.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


class ImportProblem(ValueError):
    """A file could not be imported; the message is one line naming the file and why."""


@dataclass(frozen=True)
class ImportOptions:
    """Options shared by every importer (see :func:`framing.importers.import_file`)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    outlet: str | None = None
    alignment: str | None = None
    title: str | None = None
    date: str | None = None
    column_map: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_text_chars"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        for key, column in self.column_map.items():
            if key not in MAPPABLE_FIELDS:
                raise ValueError(f"column_map: unknown field {key!r}; allowed: {', '.join(MAPPABLE_FIELDS)}")
            if not isinstance(column, str) or not column.strip():
                raise ValueError(f"column_map[{key!r}] must be a column name, got {column!r}")


def human_bytes(n: int) -> str:
    """Format a byte count for messages: ``20 MB``, ``52.4 MB``, ``900 bytes``."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}".removesuffix(".0") + " MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f}".removesuffix(".0") + " kB"
    return f"{n} bytes"


def check_size(filename: str, size: int, options: ImportOptions) -> None:
    """Reject an empty file or one over ``max_bytes`` before anything parses it."""
    if size == 0:
        raise ImportProblem(f"{filename}: empty file")
    if size > options.max_bytes:
        raise ImportProblem(
            f"{filename}: file too large ({human_bytes(size)}; the limit is "
            f"{human_bytes(options.max_bytes)}, raise it with --max-bytes / max_bytes)"
        )


def binary_kind(data: bytes) -> str | None:
    """Say what binary data looks like, or ``None`` if it may be text.

    Text files with a byte-order mark are text (UTF-16 is full of NUL bytes).
    Otherwise a known magic number, or more than 5 % control bytes other than
    NUL in the first 8 kB (the idea of ``git``'s and ``file``'s tests), means
    binary. Stray NUL bytes alone do not: text that is valid UTF-8 once they
    are removed is text, and :func:`clean_text` drops them.
    """
    if data.startswith(_BOMS):
        return None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if utf16_without_bom(head):
        return None
    controls = sum(head.count(bytes([c])) for c in _CONTROL if c != 0)
    if controls > len(head) / 20:
        return "binary data"
    if b"\x00" in head:
        stripped = head.replace(b"\x00", b"")
        try:
            stripped.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(stripped) - 4:  # not merely a character cut by the 8 kB slice
                return "binary data (NUL bytes in text that is not UTF-8)"
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """Return ``utf-16-le``/``-be`` if ``head`` is BOM-less UTF-16 of mostly ASCII text.

    ASCII in UTF-16 puts a NUL in every other byte, always on the same side.
    """
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def clean_text(text: str) -> str:
    """Drop NUL characters (they end C strings in SQLite tools and terminals).

    Everything else, right-to-left marks and emoji included, is kept as is.
    """
    return text.replace("\x00", "")


def normalize_date(value: str) -> str:
    """Return an ISO ``YYYY-MM-DD`` date when ``value`` is recognisably one.

    Accepts ISO dates and datetimes (``2019-04-30T12:00:00Z``) and RFC 2822
    dates (RSS feeds); anything else is kept as written rather than guessed.
    """
    value = (value or "").strip()
    if not value:  # most rows of a corpus file without dates: no parser to try (each raises)
        return value
    match = _ISO_DATE.match(value)
    if match:
        return match.group(1)
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return value


def make_article(
    filename: str,
    text: str,
    options: ImportOptions,
    *,
    where: str = "",
    id: str = "",
    outlet: str = "",
    alignment: str = "",
    title: str = "",
    date: str = "",
    url: str = "",
    meta: Mapping[str, str] | None = None,
) -> Article:
    """Build an article with the limits checked and the caller's overrides applied.

    Values given in ``options`` (``--outlet`` and so on) win over what the file
    says: the user asked for them explicitly.

    Raises
    ------
    ImportProblem
        If the text is empty or longer than ``options.max_text_chars``.
    """
    label = f"{filename}{where}"
    text = clean_text(text).strip()
    if not text:
        raise ImportProblem(f"{label}: no text found")
    if len(text) > options.max_text_chars:
        raise ImportProblem(
            f"{label}: extracted text too large ({len(text):,} characters; the limit is "
            f"{options.max_text_chars:,}, raise it with --max-text-chars / max_text_chars)"
        )
    all_meta = {k: clean_text(str(v)) for k, v in (meta or {}).items()}
    all_meta[SOURCE_FILE_KEY] = filename
    return Article(
        id=clean_text(id).strip() or content_id(text),
        outlet=clean_text(options.outlet or outlet).strip() or "unknown",
        text=text,
        alignment=clean_text(options.alignment or alignment).strip(),
        title=clean_text(options.title or title).strip(),
        date=normalize_date(clean_text(options.date or date)),
        url=clean_text(url).strip(),
        source_note=label,
        meta=all_meta,
    )
