"""Broken and hostile files: each is refused with one clear line, or imported intact."""

from __future__ import annotations

import io
import json
import random
import time
import tracemalloc
import zipfile

import pytest

from framing.importers import ImportProblem, import_bytes, import_file
from framing.importers import docx as docx_importer
from framing.lexicon.model import parse_lexicon
from framing.scoring.matcher import TermMatcher
from framing.store.article_store import ArticleStore
from tests.importer_files import blank_pdf, docx_file, zip_bomb_docx

RTL_EMOJI = "قال الرئيس ‏«انقلاب»‎ — הממשלה אמרה 👩🏽‍⚕️🇻🇪 ✊🏿 done."


def problem(data: bytes, filename: str, **options) -> str:
    """The message of the ImportProblem the import raises; it must be one line."""
    with pytest.raises(ImportProblem) as info:
        import_bytes(data, filename, **options)
    message = str(info.value)
    assert "\n" not in message and message.startswith(filename)
    return message


# -- the error cases, one line each ------------------------------------------------


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.docx", "a.pdf", "a.csv", "a.jsonl"])
def test_empty_file(name):
    assert problem(b"", name).endswith("empty file")
    assert "empty file" in problem(b" \n\t\r\n", name)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 500, "executable"),
        (random.Random(0).randbytes(5000), "binary"),
    ],
)
def test_binary_file(data, kind):
    message = problem(data, "notes.txt")
    assert "binary file" in message and kind in message


def test_unsupported_type_names_the_supported_ones():
    message = problem(b"{\\rtf1 hello}", "letter.rtf")
    assert "unsupported file type '.rtf'" in message
    for suffix in (".txt", ".md", ".html", ".docx", ".pdf", ".csv", ".jsonl"):
        assert suffix in message


@pytest.mark.parametrize(
    "data",
    [
        bytes(b | 0x80 for b in random.Random(1).randbytes(3000)),  # no encoding makes sense of it
        b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8",  # UTF-16 with a lone surrogate at the end
    ],
)
def test_undecodable_text(data):
    assert "undecodable text" in problem(data, "a.txt")


def test_pdf_without_text_layer():
    message = problem(blank_pdf(), "scan.pdf")
    assert "no text layer" in message and "OCR" in message


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj garbage", b"not a pdf at all"])
def test_corrupt_pdf(data):
    assert "corrupt PDF" in problem(data, "broken.pdf")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 this is not really a zip",
        docx_file(["A paragraph."])[:2000],  # truncated download
        _zip({"hello.txt": b"a zip, not a Word file"}),
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not-closed"}),
        b"plain text named .docx",
    ],
)
def test_corrupt_docx(data):
    assert "corrupt .docx" in problem(data, "report.docx")


def test_zip_bomb_named_docx_is_refused_from_the_directory(monkeypatch):
    bomb = zip_bomb_docx(50_000_000)
    assert len(bomb) < 100_000
    opened = []
    import docx

    monkeypatch.setattr(docx, "Document", lambda *a: opened.append(a))
    assert "zip bomb" in problem(bomb, "invoice.docx")
    # the total-size check, separately from the ratio check
    monkeypatch.setattr(docx_importer, "MAX_UNCOMPRESSED", 10_000_000)
    monkeypatch.setattr(docx_importer, "MAX_RATIO", 10**9)
    assert "unpacks to 50 MB" in problem(bomb, "invoice.docx")
    assert opened == []  # python-docx never saw it


def test_csv_without_the_mapped_column_names_the_columns():
    data = b"headline,body_text,site\nH,Some text,S\n"
    message = problem(data, "export.csv", column_map={"text": "content"})
    assert "no column 'content'" in message
    assert "'headline', 'body_text', 'site'" in message
    message = problem(data, "export.csv")  # no default text column either
    assert "no text column" in message and "--text-column" in message and "'body_text'" in message


def test_jsonl_without_the_mapped_column_and_bad_lines():
    assert "no column 'story'" in problem(b'{"text": "a", "src": "b"}\n', "x.jsonl", column_map={"text": "story"})
    assert "line 2: not JSON" in problem(b'{"text": "a"}\n{oops\n', "x.jsonl")
    assert "line 1: a JSON list" in problem(b"[1, 2]\n", "x.jsonl")
    assert "line 1: not JSON" in problem(b"[" * 100_000 + b"\n", "x.jsonl")  # nesting past the recursion limit


def test_file_too_large_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # a sparse 50 MB file: cheap to make, costly to read
        handle.truncate(50_000_000)
    tracemalloc.start()
    try:
        with pytest.raises(ImportProblem) as info:
            import_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(info.value) == "huge.txt: file too large (50 MB; the limit is 20 MB, raise it with --max-bytes / max_bytes)"
    assert peak < 5_000_000  # it was never read into memory


def test_bytes_over_the_limit_and_text_over_the_limit():
    assert "the limit is 1 kB" in problem(b"x" * 1001, "a.txt", max_bytes=1000)
    message = problem(b"word " * 300, "a.txt", max_text_chars=1000)
    assert "extracted text too large (1,499 characters; the limit is 1,000" in message
    rows = "text\n" + "short\n" + "y" * 2000 + "\n"
    assert "a.csv, line 3: extracted text too large" in problem(rows.encode(), "a.csv", max_text_chars=1000)


# -- hostile content that must import intact ---------------------------------------------


def test_nul_bytes_are_stripped_everywhere():
    [text] = import_bytes(b"Before\x00 and\x00\x00 after.", "a.txt")
    assert text.text == "Before and after."
    [row] = import_bytes(b"text,outlet\nA\x00B,O\x00P\n", "a.csv")
    assert (row.text, row.outlet) == ("AB", "OP")
    page = b"<html><body><article><p>Visible \x00text of a page with a NUL byte in it.</p></article></body></html>"
    [html] = import_bytes(page, "a.html")
    assert "\x00" not in html.text and "Visible text" in html.text


def test_deeply_nested_html_does_not_crash():
    deep = "<html><body>" + "<div>" * 100_000 + "<p>deep text here</p>" + "</div>" * 100_000 + "</body></html>"
    start = time.perf_counter()
    [article] = import_bytes(deep.encode(), "deep.html")
    assert "deep text here" in article.text
    assert time.perf_counter() - start < 10


def test_recursion_error_in_the_extractor_falls_back(monkeypatch):
    import trafilatura

    def overflow(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "extract", overflow)
    [article] = import_bytes(b"<html><body><p>Still imported.</p></body></html>", "a.html")
    assert article.text == "Still imported." and article.meta["extraction"] == "all visible text"


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "csv", "jsonl"])
def test_right_to_left_and_emoji_survive_import_and_store(tmp_path, fmt):
    data = {
        "txt": RTL_EMOJI.encode("utf-8"),
        "html": f"<html><head><meta charset='utf-8'></head><body><p>{RTL_EMOJI}</p></body></html>".encode(),
        "docx": docx_file([RTL_EMOJI]),
        "csv": ("text\n" + RTL_EMOJI + "\n").encode("utf-8"),
        "jsonl": (json.dumps({"text": RTL_EMOJI}, ensure_ascii=True) + "\n").encode(),
    }[fmt]
    [article] = import_bytes(data, f"a.{fmt}")
    assert article.text == RTL_EMOJI
    store = ArticleStore(tmp_path / "s.db")
    store.add([article])
    assert ArticleStore(store.path).get(article.id).text == RTL_EMOJI


def test_regex_metacharacter_soup_lexicon_term_is_literal(tmp_path):
    soup = r"a.*b+(c)?[d]{2}|e\\ ^$"
    toml = f'name = "soup"\nversion = "1"\n[concepts.c]\nlabel = "C"\n[concepts.c.terms]\n{json.dumps(soup)} = 1\n'
    store = ArticleStore(tmp_path / "s.db")
    lexicon, _ = store.add_lexicon(toml)
    [stored] = store.lexicons()
    assert stored.sha256 == lexicon.sha256 == parse_lexicon(toml).sha256
    # as a regular expression the term would match this text; as a term it must not
    assert TermMatcher([stored])("aXXXbbbcdd and e plus more words") == []


def test_format_characters_survive_trafilatura():
    from tests.importer_files import html_page

    persian = "می‌خواهم"  # the zero-width non-joiner is part of the spelling
    paragraphs = [f"Paragraph {i} of a long enough article: {RTL_EMOJI} {persian}." for i in range(4)]
    page = html_page(paragraphs, title=f"Title {persian}", site="Site", date="2019-04-30", url="https://x.ir/1")
    [article] = import_bytes(page.encode(), "fa.html")
    assert article.meta["extraction"] == "trafilatura"
    for paragraph in paragraphs:
        assert paragraph in article.text
    assert article.title == f"Title {persian}"
    assert "fq0q" not in article.text
