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


def import_pdf(data: bytes, filename: str, options: ImportOptions) -> list[Article]:
    """Import a ``.pdf`` document as one article (its text layer, page by page)."""
    from pypdf import PdfReader  # imported here: only PDF imports need it
    from pypdf.errors import PyPdfError

    if not data.lstrip()[:5] == b"%PDF-":
        raise ImportProblem(f"{filename}: corrupt PDF (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")  # many "protected" PDFs only restrict printing
            except Exception as exc:
                raise ImportProblem(f"{filename}: encrypted PDF; remove the password first") from exc
        if len(reader.pages) > MAX_PAGES:
            raise ImportProblem(f"{filename}: {len(reader.pages):,} pages, over the {MAX_PAGES:,}-page limit")
        pages = []
        chars = 0
        for page in reader.pages:
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
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        raise ImportProblem(f"{filename}: corrupt PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise ImportProblem(
            f"{filename}: PDF with no text layer (a scan?); run OCR on it first, e.g. with ocrmypdf"
        )
    meta = {"author": author, "pages": str(len(reader.pages))} if author else {"pages": str(len(reader.pages))}
    return [make_article(filename, text, options, title=title, meta=meta)]
