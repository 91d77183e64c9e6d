"""PDF documents, read with pypdf.

Only a PDF's text layer can be read: a scanned document without one is an
image and is rejected with a hint to run OCR first (e.g. ``ocrmypdf``).

References
----------
.. [1] pypdf documentation, "Extract Text from a PDF",
   https://pypdf.readthedocs.io/en/stable/user/extract-text.html
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from framing.article import Article
from framing.importers.base import ImportOptions, ImportProblem, make_article

#: Pages read at most; beyond this a PDF is a book, not an article.
MAX_PAGES = 2_000
#: Text-showing operators (``Tj``, ``TJ``, ``'``, ``"``) read per page and per
#: document. pypdf's extraction of one page grows faster than its operators
#: (20,000 in one page: 0.8 s; 200,000: 65 s), about 40 µs each in pages of
#: normal size; a dense page of prose has a few hundred to a few thousand.
MAX_PAGE_OPERATORS = 20_000
MAX_OPERATORS = 250_000
#: Form XObjects drawn inside forms, at most this deep (a real page has one or two levels).
MAX_FORM_DEPTH = 32

#: ``/Name Do``: a content stream drawing the XObject called Name (ISO 32000-1,
#: 8.8); a comment may stand between the two, as a parser reads it.
_DRAW = re.compile(rb"/([^\s/\[\]<>(){}%]*)(?:\s|%[^\r\n]*)+Do(?![^\s/\[\]<>(){}%])")
#: ``#xx`` in a name is the byte xx (ISO 32000-1, 7.3.5): ``/Fm#31`` is ``/Fm1``.
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

_ENCRYPTED = "encrypted PDF, not supported; save a copy without the password or encryption first"


def _stream_operators(data: bytes) -> int:
    """Text-showing operators in one content stream (an upper bound: strings may hold "Tj" too)."""
    return data.count(b"Tj") + data.count(b"TJ") + data.count(b"'") + data.count(b'"')


def _drawn_names(data: bytes) -> Counter[str]:
    """How often a content stream draws each XObject name (``/Fm1 Do``), names unescaped."""
    names = (_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw) for raw in _DRAW.findall(data))
    return Counter("/" + name.decode("utf-8", errors="replace") for name in names)


def _forms(resources: Any) -> dict[str, Any]:
    """The Form XObjects of a resource dictionary, by name (images draw no text)."""
    xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    if not hasattr(xobjects, "items"):
        return {}
    found = {}
    for name, value in xobjects.items():
        value = value.get_object()
        if hasattr(value, "get") and value.get("/Subtype") == "/Form" and hasattr(value, "get_data"):
            found[str(name)] = value
    return found


def _drawn_operators(data: bytes, resources: Any, memo: dict[int, int], active: tuple[int, ...] = ()) -> int:
    """Text operators a content stream shows: its own, and for each ``Do`` of a form, the form's.

    pypdf's extraction runs a form's content each time the form is drawn, so
    a page of a few bytes (``/Fm1 Do`` repeated) can show millions of
    operators held once in a form; counting only the page's own stream would
    let such a page through. A name that is not among the forms (an
    escaped byte read otherwise, say) is charged as the largest form.
    """
    total = _stream_operators(data)
    drawn = _drawn_names(data)
    forms = _forms(resources) if drawn else {}
    if not forms:
        return total
    if len(active) >= MAX_FORM_DEPTH:
        raise ValueError(f"Form XObjects nested more than {MAX_FORM_DEPTH} deep")

    def shown(form: Any) -> int:
        key = id(form)  # pypdf keeps one object per reference, and skips a form drawn inside itself
        if key in active:
            return 0
        if key not in memo:
            inner = form.get("/Resources")
            memo[key] = _drawn_operators(form.get_data(), inner.get_object() if inner is not None else resources,
                                         memo, (*active, key))
        return memo[key]

    largest = None
    for name, times in drawn.items():
        form = forms.get(name)
        if form is not None:
            total += times * shown(form)
        else:
            largest = max(shown(f) for f in forms.values()) if largest is None else largest
            total += times * largest
    return total


def _text_operators(page: Any) -> int:
    """Text-showing operators a page shows, those of the Form XObjects it draws included."""
    contents = page.get_contents()
    if contents is None:
        return 0
    resources = page.get("/Resources")
    return _drawn_operators(contents.get_data(), resources.get_object() if resources is not None else {}, {})


def _open(data: bytes, filename: str):  # -> pypdf.PdfReader
    """Open a PDF, decrypting it with the empty password (many only restrict printing)."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            result = reader.decrypt("")
        except DependencyError as exc:  # AES needs the cryptography package, which framing does not use
            raise ImportProblem(f"{filename}: {_ENCRYPTED} (AES)") from exc
        except Exception as exc:  # pypdf raises many types for a damaged encryption dictionary
            raise ImportProblem(f"{filename}: {_ENCRYPTED} ({type(exc).__name__}: {exc})") from exc
        if result == PasswordType.NOT_DECRYPTED:
            raise ImportProblem(f"{filename}: {_ENCRYPTED} (it needs a password)")
    return reader


def import_pdf(data: bytes, filename: str, options: ImportOptions) -> list[Article]:
    """Import a ``.pdf`` document as one article (its text layer, page by page).

    The work is bounded before each page is read: at most :data:`MAX_PAGES`
    pages, :data:`MAX_PAGE_OPERATORS` text operators per page and
    :data:`MAX_OPERATORS` in all (each Form XObject's counted as often as the
    page draws it), and reading stops once the text is over
    the text limit. Encrypted documents that the empty password does not
    open, and AES-encrypted ones, are refused as encrypted.
    """
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    if not data.lstrip()[:5] == b"%PDF-":
        raise ImportProblem(f"{filename}: corrupt PDF (no %PDF- header)")
    try:
        reader = _open(data, filename)
        if len(reader.pages) > MAX_PAGES:
            raise ImportProblem(f"{filename}: {len(reader.pages):,} pages, over the {MAX_PAGES:,}-page limit")
        pages = []
        chars = operators = 0
        for number, page in enumerate(reader.pages, start=1):
            count = _text_operators(page)
            operators += count
            if count > MAX_PAGE_OPERATORS or operators > MAX_OPERATORS:
                raise ImportProblem(
                    f"{filename}: page {number} brings the text operators to {operators:,}, over the limit of "
                    f"{MAX_PAGE_OPERATORS:,} per page and {MAX_OPERATORS:,} per document (an article has a few thousand)"
                )
            page_text = page.extract_text() or ""
            pages.append(page_text)
            chars += len(page_text)
            if chars > options.max_text_chars:
                break  # make_article reports it; no need to read the rest
        info = reader.metadata
        title = str(info.title or "") if info else ""
        author = str(info.author or "") if info else ""
    except ImportProblem:
        raise
    except DependencyError as exc:  # AES needs the cryptography package, which framing does not use
        raise ImportProblem(f"{filename}: {_ENCRYPTED} (AES)") from exc
    except FileNotDecryptedError as exc:
        raise ImportProblem(f"{filename}: {_ENCRYPTED}") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        raise ImportProblem(f"{filename}: corrupt PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise ImportProblem(
            f"{filename}: PDF with no text layer (a scan?); run OCR on it first, e.g. with ocrmypdf"
        )
    meta = {"author": author, "pages": str(len(reader.pages))} if author else {"pages": str(len(reader.pages))}
    return [make_article(filename, text, options, title=title, meta=meta)]
