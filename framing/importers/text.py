"""Plain text and Markdown, with the encoding detected.

Order of decisions: a byte-order mark (UTF-8, UTF-16, UTF-32) is trusted;
then strict UTF-8, which almost never decodes text written in another
encoding by accident; then BOM-less UTF-16 of mostly ASCII text; then UTF-8
with stray Windows-1252 bytes (a UTF-8 file pasted into from an old editor:
valid multi-byte UTF-8 characters and bytes that are invalid in UTF-8);
then charset-normalizer [1]_, which ranks candidate encodings by how
"chaotic" the decoded text looks.

References
----------
.. [1] charset-normalizer documentation, "Usage",
   https://charset-normalizer.readthedocs.io/en/latest/user/getstarted.html
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from framing.article import Article, outlet_from_filename
from framing.importers.base import ImportOptions, ImportProblem, binary_kind, make_article, utf16_without_bom

_BOM_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte Western encodings charset-normalizer often ties with cp1252 on
# short texts; the tie goes to cp1252, by far the most common of them.
_WESTERN_TIES = {"cp1250", "cp1252", "cp1257", "latin_1", "iso8859_15", "iso8859_13", "cp1254", "mac_latin2"}
# Bytes that are not UTF-8, as surrogateescape decodes them; and a character
# that only a valid multi-byte UTF-8 sequence gives.
_STRAY_BYTE = re.compile("[\udc80-\udcff]")
_UTF8_CHARACTER = re.compile("[^\x00-\x7f\udc80-\udcff]")
_ASCII_BYTES = bytes(range(128))
_MD_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def decode_text(data: bytes, filename: str) -> tuple[str, str]:
    """Decode the bytes of a text file, detecting its encoding.

    Returns
    -------
    text, encoding : str
        The decoded text and the Python name of the encoding used.

    Raises
    ------
    ImportProblem
        If the data look binary or fit no encoding.
    """
    kind = binary_kind(data)
    if kind:
        raise ImportProblem(f"{filename}: binary file ({kind}), not text")
    for bom, encoding in _BOM_ENCODINGS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ImportProblem(
                    f"{filename}: undecodable text (starts like {encoding} but byte {exc.start} is invalid)"
                ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    bomless = utf16_without_bom(data[:8192])
    if bomless:
        try:
            return data.decode(bomless), bomless
        except UnicodeDecodeError:
            pass
    mixed = _utf8_with_cp1252_bytes(data)
    if mixed is not None:
        return mixed, "utf-8+cp1252"
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 files need it

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise ImportProblem(
            f"{filename}: undecodable text (not UTF-8, UTF-16 or any single-byte encoding "
            "charset-normalizer recognises); convert it to UTF-8"
        )
    encoding = best.encoding
    if encoding in _WESTERN_TIES:
        for candidate in results:
            if candidate.encoding == "cp1252" and candidate.chaos <= best.chaos and candidate.coherence >= best.coherence - 0.05:
                encoding = "cp1252"
                break
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:  # the detector's guess can still be wrong
        raise ImportProblem(f"{filename}: undecodable text (best guess {encoding} fails: {exc})") from exc


def _utf8_with_cp1252_bytes(data: bytes) -> str | None:
    """Decode UTF-8 holding stray Windows-1252 bytes, or None when it is not that.

    A file needs at least one valid multi-byte UTF-8 character, and mostly
    ASCII bytes, to count as UTF-8: a Windows-1252 file almost never holds
    one by accident (a lead
    byte followed by the right number of continuation bytes). Each invalid
    byte is then read as Windows-1252 (``\\x93`` -> ``“``, ``\\xe9`` -> ``é``),
    as the whole file would be by a single-encoding guess, which turns every
    UTF-8 character into two or three wrong ones (``â€™`` for ``’``).
    """
    # Western text is mostly ASCII even when mixed; random or binary-like
    # high bytes are not, and form valid UTF-8 pairs by chance.
    if 2 * len(data.translate(None, _ASCII_BYTES)) > len(data):
        return None
    text = data.decode("utf-8", "surrogateescape")
    if not _UTF8_CHARACTER.search(text):
        return None
    return _STRAY_BYTE.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), text)


def import_text(data: bytes, filename: str, options: ImportOptions, *, markdown: bool = False) -> list[Article]:
    """Import a ``.txt`` or ``.md`` file as one article.

    The outlet defaults to the file name (``bbc-news_2019.txt`` -> ``bbc news``),
    as :func:`framing.corpus.load_text_file` does; a Markdown file's first
    ``# heading`` becomes the title.
    """
    text, encoding = decode_text(data, filename)
    title = ""
    if markdown:
        match = _MD_HEADING.search(text)
        title = match.group(1) if match else ""
    return [
        make_article(
            filename,
            text,
            options,
            outlet=outlet_from_filename(Path(filename)),
            title=title,
            meta={"encoding": encoding},
        )
    ]
