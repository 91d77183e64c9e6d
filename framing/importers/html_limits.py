"""Bound the work of parsing an HTML page before lxml sees it.

libxml2's HTML parser checks each new attribute of an element against the
ones before it, so an element with *n* attributes costs *n²*: a 3.2 MB page
whose one ``<p>`` holds 200,000 attributes did not finish in 300 s inside
trafilatura (20,000 attributes: 10 s). No real element has more than a few
dozen attributes, so :func:`limit_attributes` keeps the first
:data:`MAX_ATTRIBUTES` of each start tag and drops the rest, in one linear
scan that only rewrites the tags over the limit (every other byte of the
page is kept as it is).

The scan finds each ``<`` followed by a letter and walks to the tag's ``>``,
jumping over quoted attribute values (a ``>`` inside quotes does not end a
tag, as in the HTML tokenizer's attribute-value states [1]_) and counts an
attribute at each name outside quotes, with or without a value.

trafilatura's own work grows with the number of elements, about 40 µs
each (100,000 elements: 4 s), so :func:`framing.importers.html.import_html`
reads a page of more than :data:`MAX_EXTRACTOR_ELEMENTS` with its linear
fallback (9 µs each) and refuses one of more than :data:`MAX_ELEMENTS` (a
news page has a few thousand, a long encyclopaedia article tens of
thousands).

References
----------
.. [1] WHATWG, HTML Living Standard, 13.2.5 "Tokenization",
   https://html.spec.whatwg.org/multipage/parsing.html#tokenization
"""

from __future__ import annotations

import re

#: Attributes kept per start tag; beyond this an element is hostile, not a page's.
MAX_ATTRIBUTES = 1_000
#: Elements (start tags) of a page given to trafilatura; more go to the fallback reader.
MAX_EXTRACTOR_ELEMENTS = 100_000
#: Elements accepted per page (the fallback reads 1,000,000 in about 9 s).
MAX_ELEMENTS = 500_000

_TAG_START = re.compile(r"<[A-Za-z]")
#: A tag's end, a quote opening a value, or the first character of a name
#: (after white space or a closing quote).
_IN_TAG = re.compile(r"""[>"']|(?<=[\s"'])[^\s>"'=/]""")


def _tag_end(html: str, start: int, limit: int) -> tuple[int, int | None]:
    """End of the start tag at ``start`` (after its ``>``), and where to cut it (None: keep it whole)."""
    position = start + 1
    count = 0
    cut: int | None = None
    while True:
        found = _IN_TAG.search(html, position)
        if found is None:
            return len(html), cut
        char = found.group()
        if char == ">":
            return found.end(), cut
        if char not in "\"'":
            count += 1
            if count > limit and cut is None:
                cut = found.start()  # before this attribute's name
            position = found.end()
            continue
        close = html.find(char, found.end())  # a quoted value: a ">" inside does not end the tag
        if close < 0:
            return len(html), cut
        position = close + 1


def limit_attributes(html: str, limit: int = MAX_ATTRIBUTES) -> tuple[str, int]:
    """Drop the attributes of each start tag beyond the first ``limit``.

    Returns
    -------
    html : str
        The page, unchanged when no tag is over the limit.
    tags : int
        The number of tags cut.
    """
    pieces: list[str] = []
    kept = 0
    cut_tags = 0
    position = 0
    while True:
        found = _TAG_START.search(html, position)
        if found is None:
            break
        end, cut = _tag_end(html, found.start(), limit)
        if cut is not None:
            pieces.append(html[kept:cut])
            pieces.append(">")
            kept = end
            cut_tags += 1
        position = max(end, found.start() + 1)
    if not cut_tags:
        return html, 0
    pieces.append(html[kept:])
    return "".join(pieces), cut_tags


def count_elements(html: str) -> int:
    """The start tags of a page (``<`` followed by a letter), counted in one pass of the regex engine."""
    return sum(1 for _ in _TAG_START.finditer(html))
