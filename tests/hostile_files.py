"""The worst-case files of issue 19 (P1-P3, T1), built here so tests and benchmarks share them.

Nothing is copied from elsewhere: each file is written from the format's
own rules (ZIP: APPNOTE 4.3.7/4.3.12; PDF: ISO 32000-1, 7.5 and 7.6).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from tests.importer_files import docx_file, pdf_file


def many_attributes_html(attributes: int = 200_000) -> bytes:
    """P1: a page whose one element has ``attributes`` attributes (200,000: 3.2 MB)."""
    attrs = " ".join(f'data-a{i}="v{i % 10}"' for i in range(attributes))
    return (f"<html><head><title>Attrs</title></head><body><p {attrs}>The coup failed, said the minister.</p>"
            "<p>The regime called it an uprising.</p></body></html>").encode("ascii")


def lying_docx(inflated: int = 1_000_000_000, declared: int = 2_000) -> bytes:
    """P2: a real .docx whose ``word/document.xml`` declares ``declared`` bytes but inflates to ``inflated``.

    The deflate stream is of ``inflated`` bytes (the real document.xml, then
    zeros), and both the local header and the central directory claim
    ``declared`` bytes with the CRC-32 of the first ``declared`` bytes, so a
    reader that trusts the declared size finds no fault until it has
    inflated everything.
    """
    source = zipfile.ZipFile(io.BytesIO(docx_file(["The coup failed."])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, source.read(info.filename))
    body = source.read("word/document.xml")
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = [compressor.compress(body)]
    zeros = b"\0" * 1_000_000
    for _ in range(max(inflated - len(body), 0) // len(zeros)):
        stream.append(compressor.compress(zeros))
    stream.append(compressor.flush())
    data = b"".join(stream)
    crc = zlib.crc32((body + zeros)[:declared])
    name = b"word/document.xml"
    archive_bytes = out.getvalue()
    # Split the archive written above at its central directory and add the lying member.
    end = archive_bytes.rindex(b"PK\x05\x06")
    entries, cd_size, cd_offset = struct.unpack("<HII", archive_bytes[end + 10:end + 20])
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), declared, len(name), 0) + name
    offset = cd_offset
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), declared,
                          len(name), 0, 0, 0, 0, 0, offset) + name
    head = archive_bytes[:cd_offset] + local + data
    directory = archive_bytes[cd_offset:cd_offset + cd_size] + central
    tail = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries + 1, entries + 1, len(directory), len(head), 0)
    return head + directory + tail


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    return pdf_file(objects, version=b"1.6", trailer_extra=trailer_extra)


def _page_objects(stream: bytes, *, compress: bool) -> list[bytes]:
    data = zlib.compress(stream, 9) if compress else stream
    filters = b"/Filter /FlateDecode " if compress else b""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d %s>>\nstream\n" % (len(data), filters) + data + b"\nendstream",
    ]


def many_operators_pdf(operators: int = 200_000) -> bytes:
    """P3: a one-page PDF (about 27 kB, compressed) whose content stream holds ``operators`` text operators."""
    stream = b"BT /F1 12 Tf 72 720 Td " + b"(coup uprising regime ) Tj " * operators + b"ET"
    return _pdf(_page_objects(stream, compress=True))


def form_xobject_pdf(uses: int = 1_000, operators: int = 200, *, nested: bool = False, drawn_as: bytes = b"/Fm1",
                     self_drawing: bool = False) -> bytes:
    """P4: a one-page PDF whose content draws one Form XObject ``uses`` times (ISO 32000-1, 8.10).

    The form holds ``operators`` text operators, so the page shows
    ``uses * operators`` of them while its own content stream has none: a
    reader that counts only the page's stream sees nothing to bound. With
    ``nested``, the page draws a form that draws the text form ``uses`` times.
    ``drawn_as`` is the name the page writes (``/Fm#31`` is ``/Fm1`` escaped);
    with ``self_drawing`` the form also draws itself, a cycle.
    """
    text = b"BT /F1 12 Tf 72 720 Td " + b"(coup uprising regime ) Tj " * operators + b"ET"
    font = b"/Font << /F1 4 0 R >>"
    own = b" /XObject << /Fm1 6 0 R >>" if self_drawing else b""
    text += b" /Fm1 Do" if self_drawing else b""
    form = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << %s%s >> /Length %d >>\nstream\n"
            % (font, own, len(text)) + text + b"\nendstream")
    draws = b"q " + drawn_as + b" Do " + (drawn_as + b" Do ") * (uses - 1) + b"Q"
    if nested:
        page_content = b"/Fm2 Do"
        outer = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Fm1 6 0 R >> >>"
                 b" /Length %d >>\nstream\n" % len(draws) + draws + b"\nendstream")
        xobjects = b"/XObject << /Fm2 7 0 R >>"
    else:
        page_content, outer, xobjects = draws, None, b"/XObject << /Fm1 6 0 R >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << %s %s >> /Contents 5 0 R >>"
        % (font, xobjects),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(page_content) + page_content + b"\nendstream",
        form,
    ]
    if outer is not None:
        objects.append(outer)
    return _pdf(objects)


def encrypted_pdf(*, aes: bool) -> bytes:
    """T1: an encrypted PDF (standard security handler, ISO 32000-1, 7.6.3).

    ``aes=True``: AES-128 (``/V 4 /R 4``, ``/CFM /AESV2``) with an empty
    user password, so that a reader opens it and needs AES for the page;
    ``aes=False``: RC4 (``/V 2 /R 3``) with the user password ``secret``.
    The O and U entries are computed with pypdf's implementation of
    Algorithms 2, 3 and 5 of the standard.
    """
    from pypdf._encryption import AlgV4

    user = b"" if aes else b"secret"
    rev, key_size, permissions = (4 if aes else 3), 128, -1028  # key size in bits, as pypdf takes it
    file_id = b"\xab" * 16
    o_value = AlgV4.compute_O_value(AlgV4.compute_O_value_key(b"owner", rev, key_size), user, rev)
    key = AlgV4.compute_key(user, rev, key_size, o_value, permissions & 0xFFFFFFFF, file_id, True)
    u_value = AlgV4.compute_U_value(key, rev, file_id)
    objects = _page_objects(b"\x00" * 32, compress=False)  # the "encrypted" content: never decrypted here
    crypt = b"/V 4 /R 4 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF" \
        if aes else b"/V 2 /R 3"
    objects.append(b"<< /Filter /Standard %s /Length 128 /O <%s> /U <%s> /P %d >>"
                   % (crypt, o_value.hex().encode(), u_value.hex().encode(), permissions))
    hex_id = b"<" + file_id.hex().encode() + b">"
    return _pdf(objects, b"/Encrypt 6 0 R /ID [%s %s] " % (hex_id, hex_id))
