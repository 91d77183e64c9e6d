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

_ENCRYPTED = "encrypted PDF, not supported; save a copy without the password or encryption first"


def _text_operators(page: object) -> int:
    """Text-showing operators in a page's content stream (an upper bound: strings may hold "Tj" too)."""
    contents = page.get_contents()  # type: ignore[attr-defined]
    if contents is None:
        return 0
    data = contents.get_data()
    return data.count(b"Tj") + data.count(b"TJ") + data.count(b"'") + data.count(b'"')


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
    :data:`MAX_OPERATORS` in all, and reading stops once the text is over
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
