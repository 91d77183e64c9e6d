"""The article: the unit every score is computed for.

An :class:`Article` is one text of one outlet with its metadata; a corpus is
a plain ``list[Article]``. This module imports nothing else of framing, so
every stage can use the type: the importers make articles, the corpus loader
reads folders of them, the scorers score them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Metadata fields every article has; any other field lives in ``Article.meta``.
KNOWN_FIELDS = ("id", "outlet", "alignment", "date", "title", "url", "source_note")


@dataclass(frozen=True)
class Article:
    """One article of one outlet.

    Attributes
    ----------
    id : str
        Stable identifier (the manifest's ``id``, else the file stem, else a
        content hash).
    outlet : str
        Name of the outlet that published it.
    text : str
        The article text, exactly as read.
    alignment : str
        A researcher's label for the outlet's alignment (free text, from data).
    title, date, url, source_note : str
        Descriptive metadata; empty when unknown. ``date`` is ISO ``YYYY-MM-DD``.
    meta : dict
        Any further manifest columns, usable to group articles.
    """

    id: str
    outlet: str
    text: str
    alignment: str = ""
    title: str = ""
    date: str = ""
    url: str = ""
    source_note: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def field_value(self, name: str) -> str:
        """Return a metadata field by name, looking in ``meta`` last.

        Raises
        ------
        KeyError
            If the article has no such field.
        """
        if name in KNOWN_FIELDS:
            return getattr(self, name)
        if name in self.meta:
            return self.meta[name]
        raise KeyError(name)


def content_id(text: str) -> str:
    """Return a short, stable id derived from the text (SHA-256 prefix)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def outlet_from_filename(path: Path) -> str:
    """Guess an outlet name from a file name: ``bbc-news_2019.txt`` -> ``bbc news``."""
    stem = re.split(r"[_]", path.stem, maxsplit=1)[0]
    return re.sub(r"[-.]+", " ", stem).strip() or path.stem
