"""Real-format files for the importer tests, written with the libraries that read them."""

from __future__ import annotations

import io
import zipfile


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, WinAnsi), written by hand.

    Follows the minimal file structure of ISO 32000-1, 7.5: header, objects,
    cross-reference table with exact byte offsets, trailer.
    """
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return pdf_file(objects)


def blank_pdf() -> bytes:
    """A PDF with one empty page and no text layer (like a scan without OCR), via pypdf."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_file(paragraphs: list[str], *, title: str = "", author: str = "", table: list[list[str]] | None = None) -> bytes:
    """A Word document written with python-docx."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.core_properties.title = title
    document.core_properties.author = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(uncompressed: int = 1_000_000_000) -> bytes:
    """A ZIP named like a .docx whose document.xml inflates to ``uncompressed`` bytes.

    Streams zeros through the deflater so building it needs no memory.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 1_000_000
            for _ in range(uncompressed // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def html_page(paragraphs: list[str], *, title: str, site: str, date: str, url: str) -> str:
    """A news page with boilerplate around the article, as a browser would save it."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{date}T08:30:00Z">
<link rel="canonical" href="{url}">
<script>var tracking = "do not import me";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav>
<main><article><h1>{title}</h1>
{body}
</article></main>
<footer><p>Copyright {site}. All rights reserved. Cookie settings.</p></footer>
</body></html>"""


def pdf_file(objects: list[bytes], *, version: bytes = b"1.4", trailer_extra: bytes = b"") -> bytes:
    """A PDF file of the given objects (object 1 the catalog), with an exact cross-reference table.

    The minimal structure of ISO 32000-1, 7.5: header, numbered objects, the
    xref table of their byte offsets, the trailer (plus *trailer_extra*, e.g.
    an ``/Encrypt`` entry).
    """
    out = io.BytesIO()
    out.write(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref))
    return out.getvalue()
