"""HTML pages: the main text and metadata, extracted with trafilatura.

trafilatura [1]_ drops navigation, comments and boilerplate and reads the
title, date, URL and site name from the page's metadata. Pages it cannot
handle (no main text found, or nesting so deep that a recursive parser gives
up) fall back to every visible text node, collected with the standard
library's event-driven :class:`html.parser.HTMLParser`, which keeps no stack
and so cannot overflow one.

References
----------
.. [1] A. Barbaresi, "Trafilatura: A Web Scraping Library and Command-Line
   Tool for Text Discovery and Extraction", ACL 2021 System Demonstrations,
   https://aclanthology.org/2021.acl-demo.15
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

from framing.article import Article
from framing.importers.base import ImportOptions, ImportProblem, make_article
from framing.importers.html_limits import MAX_ELEMENTS, MAX_EXTRACTOR_ELEMENTS, count_elements, limit_attributes
from framing.importers.text import decode_text

# Elements whose content is never article text.
_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "article", "section", "pre"}
# Zero-width (non-)joiners, direction marks, embeddings and isolates, word joiner.
_FORMAT_CHARS = "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


class _VisibleText(HTMLParser):
    """Collect visible text nodes, with a paragraph break at each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _INVISIBLE:
            self._hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _INVISIBLE and self._hidden:
            self._hidden -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._hidden:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = (" ".join(line.split()) for line in joined.split("\n"))
        return "\n".join(line for line in lines if line)


def fallback_text(html: str) -> tuple[str, str]:
    """Return ``(text, title)`` of every visible text node of a page."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.text(), " ".join(parser.title.split())


def decode_html(data: bytes, filename: str) -> str:
    """Decode a page, trusting a ``<meta charset>`` before detection."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; detect instead
    return decode_text(data, filename)[0]


def _protect_format_chars(html: str) -> tuple[str, dict[str, str]]:
    """Swap invisible format characters for ASCII tokens trafilatura keeps.

    trafilatura deletes them, which breaks emoji sequences (the joiner of
    👩🏽‍⚕️), Persian words (the non-joiner) and right-to-left marks. Each
    token holds a nonce absent from the page, so restoring is exact.
    """
    present = [c for c in _FORMAT_CHARS if c in html]
    if not present:
        return html, {}
    nonce = 0
    while f"fq{nonce}q" in html:
        nonce += 1
    tokens = {f"fq{nonce}q{i}qf": char for i, char in enumerate(present)}
    for token, char in tokens.items():
        html = html.replace(char, token)
    return html, tokens


def _restore(value: Any, tokens: dict[str, str]) -> Any:
    if not isinstance(value, str):
        return value
    for token, char in tokens.items():
        value = value.replace(token, char)
    return value


def _trafilatura(html: str) -> dict[str, Any] | None:
    """Run trafilatura; ``None`` when it finds no main text or the page is too deep."""
    import trafilatura  # imported here: it takes a second, and most commands never need it

    try:
        result = trafilatura.extract(
            html, output_format="json", with_metadata=True, include_comments=False, deduplicate=False
        )
    except RecursionError:
        return None
    return json.loads(result) if result else None


def _extract(html: str) -> dict[str, Any] | None:
    """trafilatura's result with the format characters of the page put back."""
    protected, tokens = _protect_format_chars(html)
    extracted = _trafilatura(protected)
    if extracted is None or not tokens:
        return extracted
    return {key: _restore(value, tokens) for key, value in extracted.items()}


def import_html(data: bytes, filename: str, options: ImportOptions) -> list[Article]:
    """Import an ``.html`` page as one article (main text, title, date, URL, site name)."""
    html = decode_html(data, filename)
    if "\x00" in html:  # lxml stops at a NUL; the text around it is still wanted
        html = html.replace("\x00", "")
    elements = count_elements(html)
    if elements > MAX_ELEMENTS:
        raise ImportProblem(f"{filename}: HTML page of {elements:,} elements, over the limit of {MAX_ELEMENTS:,} "
                            "(a news page has a few thousand)")
    html, _ = limit_attributes(html)  # lxml's work grows with the square of an element's attributes
    # trafilatura's work grows with the elements: a page of very many is read by the linear fallback.
    extracted = _extract(html) if elements <= MAX_EXTRACTOR_ELEMENTS else None
    if extracted and (extracted.get("text") or "").strip():
        meta = {"extraction": "trafilatura"}
        if extracted.get("author"):
            meta["author"] = extracted["author"]
        return [
            make_article(
                filename,
                extracted["text"],
                options,
                outlet=extracted.get("sitename") or extracted.get("source-hostname") or extracted.get("hostname") or "",
                title=extracted.get("title") or "",
                date=extracted.get("date") or "",
                url=extracted.get("source") or extracted.get("url") or "",
                meta=meta,
            )
        ]
    try:
        text, title = fallback_text(html)
    except RecursionError as exc:  # not expected from HTMLParser; kept so no page can crash an import
        raise ImportProblem(f"{filename}: HTML too deeply nested to read") from exc
    if not text:
        raise ImportProblem(f"{filename}: no text found in the HTML page")
    return [make_article(filename, text, options, title=title, meta={"extraction": "all visible text"})]
