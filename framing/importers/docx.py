"""Word ``.docx`` documents, read with python-docx.

A .docx file is a ZIP archive of XML parts (ECMA-376 Part 2, Open Packaging
Conventions). Before python-docx opens one we check the ZIP central
directory: a hostile file can declare gigabytes of uncompressed XML in a few
kilobytes (a "zip bomb"). Declared sizes are not enough: :mod:`zipfile`
reads a whole member with one ``decompress(data, 2**31 - 1)`` call and only
then cuts it to its declared size, so a member declaring 2,000 bytes that
inflates to 2 GB took the process to 2.2 GB. :func:`check_inflated_sizes`
therefore inflates every member itself, 64 kB at a time, and refuses one
that inflates past its declared size; python-docx then never inflates more
than the declared sizes, which are bounded.

References
----------
.. [1] python-docx documentation, "Working with Documents",
   https://python-docx.readthedocs.io/en/latest/user/documents.html
.. [2] D. Fifield, "A better zip bomb", WOOT 2019, https://www.bamsoftware.com/hacks/zipbomb/
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from framing.article import Article
from framing.importers.base import ImportOptions, ImportProblem, human_bytes, make_article

#: Largest total uncompressed size accepted; a long illustrated report is ~50 MB.
MAX_UNCOMPRESSED = 200_000_000
#: Compression ratio above which a large member is treated as a bomb (XML
#: compresses ~10:1, repeated filler 1000:1).
MAX_RATIO = 200
MAX_MEMBERS = 10_000


def check_zip(data: bytes, filename: str) -> None:
    """Reject a corrupt ZIP or a zip bomb from its central directory alone.

    Raises
    ------
    ImportProblem
        If the archive cannot be read, has too many members, or declares too
        much uncompressed data or an implausible compression ratio.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportProblem(f"{filename}: corrupt .docx (not a readable ZIP archive: {exc})") from exc
    if len(members) > MAX_MEMBERS:
        raise ImportProblem(f"{filename}: corrupt .docx ({len(members):,} parts; a document has dozens)")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise ImportProblem(
            f"{filename}: corrupt .docx (a zip bomb? it unpacks to {human_bytes(total)}, "
            f"over the {human_bytes(MAX_UNCOMPRESSED)} limit)"
        )
    for member in members:
        if member.file_size > 1_000_000 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise ImportProblem(
                f"{filename}: corrupt .docx (a zip bomb? part {member.filename} is compressed "
                f"{member.file_size // max(member.compress_size, 1):,}:1)"
            )
    if "word/document.xml" not in {m.filename for m in members}:
        raise ImportProblem(f"{filename}: corrupt .docx (no word/document.xml; is it really a Word file?)")


#: Output of one inflate step: what is held at once while checking a member.
INFLATE_STEP = 65_536
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")


def check_inflated_sizes(data: bytes, filename: str) -> None:
    """Inflate each member in steps of :data:`INFLATE_STEP`; refuse one that inflates past its declared size.

    Only stored and deflated members are accepted (Word writes deflate):
    :mod:`zipfile` inflates bzip2 and LZMA members in one unbounded call.

    Raises
    ------
    ImportProblem
        For another compression method, a damaged deflate stream or local
        header, or a member whose data inflate to more (or fewer) bytes than
        it declares.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    for member in members:
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ImportProblem(f"{filename}: corrupt .docx (part {member.filename} uses compression method "
                                f"{member.compress_type}; Word writes deflate)")
        offset = member.header_offset
        header = data[offset:offset + _LOCAL_HEADER.size]
        if len(header) < _LOCAL_HEADER.size or _LOCAL_HEADER.unpack(header)[0] != 0x04034B50:
            raise ImportProblem(f"{filename}: corrupt .docx (no local header for part {member.filename})")
        name_length, extra_length = _LOCAL_HEADER.unpack(header)[9:11]
        start = offset + _LOCAL_HEADER.size + name_length + extra_length
        raw = data[start:start + member.compress_size]
        if member.compress_type == zipfile.ZIP_STORED:
            inflated = len(raw)
        else:
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            inflated = 0
            try:
                while raw and not inflater.eof:
                    inflated += len(inflater.decompress(raw, INFLATE_STEP))
                    raw = inflater.unconsumed_tail
                    if inflated > member.file_size:
                        break
            except zlib.error as exc:
                raise ImportProblem(f"{filename}: corrupt .docx (part {member.filename}: {exc})") from exc
        if inflated > member.file_size:
            raise ImportProblem(
                f"{filename}: corrupt .docx (a zip bomb? part {member.filename} declares "
                f"{human_bytes(member.file_size)} but inflates to more)"
            )
        if inflated < member.file_size:
            raise ImportProblem(f"{filename}: corrupt .docx (part {member.filename} is cut short)")


def import_docx(data: bytes, filename: str, options: ImportOptions) -> list[Article]:
    """Import a ``.docx`` document as one article.

    The body paragraphs, then each table row (cells joined by tabs), separated
    by blank lines; the core properties give title and author.
    """
    check_zip(data, filename)
    check_inflated_sizes(data, filename)
    import docx  # imported here: only .docx imports need it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                paragraphs.append("\t".join(cell.text for cell in row.cells))
        props = document.core_properties
        title, author = props.title or "", props.author or ""
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, AttributeError, OSError, EOFError) as exc:
        raise ImportProblem(f"{filename}: corrupt .docx ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and other parser errors of a damaged part
        if type(exc).__module__.startswith(("lxml", "docx", "zipfile")):
            raise ImportProblem(f"{filename}: corrupt .docx ({type(exc).__name__}: {exc})") from exc
        raise
    text = "\n\n".join(p for p in paragraphs if p.strip())
    if not text.strip():
        raise ImportProblem(f"{filename}: the .docx has no text")
    meta = {"author": author} if author else {}
    return [make_article(filename, text, options, title=title, meta=meta)]
