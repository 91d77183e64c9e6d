"""Importers on real-format files the tests write with the same libraries that read them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from framing.article import content_id
from framing.importers import SUPPORTED_SUFFIXES, ImportProblem, import_bytes, import_file
from tests.importer_files import docx_file, html_page, text_pdf

PROSE = (
    "Le président a déclaré « c’est un coup d’État » – selon les témoins, l’armée était présente.\n"
    "El niño comió piña; ¿qué pasó? Señor Müller sagte: „Es ist vorbei“.\n"
)
STORY = [
    "Opposition leader Juan Guaido called on the military to rise up on Tuesday morning in Caracas.",
    "Government officials said the attempt had failed by the evening, and witnesses told reporters so.",
    "Leopoldo Lopez, freed from house arrest, later sought refuge in the Chilean embassy with his family.",
]


# -- text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
        ("utf-16-be", b"\xfe\xff", "utf-16"),
        ("cp1252", b"", "cp1252"),
    ],
)
def test_text_encodings_are_detected(tmp_path, encoding, prefix, expected):
    path = tmp_path / "el-pais_2019.txt"
    path.write_bytes(prefix + PROSE.encode(encoding))
    [article] = import_file(path)
    assert article.text == PROSE.strip()
    assert article.meta["encoding"] == expected
    assert article.outlet == "el pais"
    assert article.id == content_id(PROSE.strip())
    assert article.meta["source_file"] == "el-pais_2019.txt"


def test_latin1_text_without_curly_quotes_decodes():
    text = "Le président a déclaré que l'armée était présente. Señor Müller, à Genève, a dit non.\n" * 3
    [article] = import_bytes(text.encode("latin-1"), "x.txt")
    assert article.text == text.strip()


def test_utf8_file_with_stray_cp1252_bytes_keeps_both_right(tmp_path):
    # Written as UTF-8, then a paragraph pasted in from a Windows-1252 editor.
    data = "Guaidó’s “coup” failed.\n".encode("utf-8") + "The caf\u00e9 owner said \u201cenough\u201d.\n".encode("cp1252")
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    [article] = import_file(path)
    assert article.text == "Guaidó’s “coup” failed.\nThe café owner said “enough”."
    assert article.meta["encoding"] == "utf-8+cp1252"
    # A plain Windows-1252 file (no valid UTF-8 sequence) is still read as cp1252.
    [plain] = import_bytes("The caf\u00e9 owner said \u201cenough\u201d.".encode("cp1252"), "plain.txt")
    assert plain.text == "The café owner said “enough”." and plain.meta["encoding"] != "utf-8+cp1252"


def test_utf16_without_bom_is_recognised():
    [article] = import_bytes("Plain ASCII text in UTF-16.".encode("utf-16-le"), "x.txt")
    assert article.text == "Plain ASCII text in UTF-16."


def test_markdown_heading_becomes_title_and_options_override():
    data = "# The uprising that was not\n\nSome body text.\n".encode()
    [article] = import_bytes(data, "notes.md", outlet="My Notes", alignment="left", date="30 April 2019")
    assert article.title == "The uprising that was not"
    assert (article.outlet, article.alignment, article.date) == ("My Notes", "left", "2019-04-30")


def test_import_bytes_matches_import_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(PROSE, encoding="utf-8")
    assert import_file(path) == import_bytes(path.read_bytes(), "a.txt")


# -- html ------------------------------------------------------------------------


def test_html_main_text_and_metadata():
    page = html_page(STORY, title="Coup attempt fails", site="Example News", date="2019-04-30", url="https://news.example.com/a/1")
    [article] = import_bytes(page.encode("utf-8"), "page.html")
    for paragraph in STORY:
        assert paragraph in article.text
    for boilerplate in ("Subscribe now", "All rights reserved", "do not import me"):
        assert boilerplate not in article.text
    assert article.title == "Coup attempt fails"
    assert article.outlet == "Example News"
    assert article.date == "2019-04-30"
    assert article.url == "https://news.example.com/a/1"
    assert article.meta["extraction"] == "trafilatura"


def test_html_outlet_option_wins_and_declared_charset_is_used():
    page = html_page(STORY, title="Café", site="Le Site", date="2019-04-30", url="https://x.fr/1")
    page = page.replace("utf-8", "windows-1252")
    [article] = import_bytes(page.encode("cp1252"), "page.htm", outlet="Le Monde")
    assert article.outlet == "Le Monde"
    assert article.title == "Café"


def test_html_without_article_markup_falls_back_to_visible_text():
    page = "<html><head><title>Tiny</title><style>p{color:red}</style></head><body><p>Short note.</p></body></html>"
    [article] = import_bytes(page.encode(), "tiny.html")
    assert "Short note." in article.text
    assert "color" not in article.text


# -- docx and pdf ------------------------------------------------------------------


def test_docx_paragraphs_tables_and_core_properties():
    data = docx_file(STORY, title="Coup attempt fails", author="A. Reporter", table=[["Casualties", "0"], ["Arrests", "12"]])
    [article] = import_bytes(data, "story.docx", outlet="Wire")
    assert article.text.split("\n\n")[:3] == STORY
    assert "Arrests\t12" in article.text
    assert article.title == "Coup attempt fails"
    assert article.meta["author"] == "A. Reporter"
    assert article.outlet == "Wire"


def test_pdf_text_layer_is_read(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(text_pdf(["Guaido (the opposition leader) spoke.", "Maduro said the coup had failed."]))
    [article] = import_file(path)
    assert "Guaido (the opposition leader) spoke." in article.text
    assert "Maduro said the coup had failed." in article.text
    assert article.meta["pages"] == "1"


# -- tables -----------------------------------------------------------------------


def _csv(rows: list[dict[str, str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


MEDIA_CLOUD_ROWS = [
    {
        "id": "mc-1", "indexed_date": "2019-05-01 02:00:00", "language": "en", "media_name": "nytimes.com",
        "media_url": "nytimes.com", "publish_date": "2019-04-30 18:03:00", "title": "Uprising falters",
        "url": "https://nytimes.com/1", "text": STORY[0],
    },
    {
        "id": "mc-2", "indexed_date": "2019-05-01 02:10:00", "language": "en", "media_name": "rt.com",
        "media_url": "rt.com", "publish_date": "2019-04-30", "title": "Coup is a farce",
        "url": "https://rt.com/2", "text": STORY[1],
    },
    {  # exports list stories whose text could not be fetched: skipped
        "id": "mc-3", "indexed_date": "", "language": "en", "media_name": "x.com", "media_url": "",
        "publish_date": "", "title": "No text", "url": "", "text": "",
    },
]  # fmt: skip


def test_media_cloud_like_csv_imports_with_defaults():
    articles = import_bytes(_csv(MEDIA_CLOUD_ROWS), "mediacloud-export.csv")
    assert [a.id for a in articles] == ["mc-1", "mc-2"]
    first = articles[0]
    assert (first.outlet, first.title, first.date, first.url) == ("nytimes.com", "Uprising falters", "2019-04-30", "https://nytimes.com/1")
    assert first.text == STORY[0]
    assert first.meta["language"] == "en" and first.meta["media_url"] == "nytimes.com"
    assert "text" not in first.meta and "media_name" not in first.meta
    assert first.source_note == "mediacloud-export.csv, line 2"


def test_csv_column_map_semicolons_and_long_fields():
    long_text = "word " * 60_000  # 300,000 characters: over the csv module's default field limit
    rows = [{"story": long_text, "paper": "Daily", "lean": "right", "headline": "H"}]
    [article] = import_bytes(
        _csv(rows, delimiter=";"), "x.csv", column_map={"text": "story", "outlet": "paper", "alignment": "lean"}
    )
    assert article.text == long_text.strip()
    assert (article.outlet, article.alignment, article.title) == ("Daily", "right", "H")
    assert article.id == content_id(long_text.strip())
    assert csv.field_size_limit() == 131072  # restored


def test_csv_row_with_more_cells_than_the_header_is_refused_not_cut():
    # An unquoted comma in a text: keeping the header's cells would drop the rest of the story.
    data = ("outlet,title,text\n"
            "AP,Calm,The city was calm.\n"
            "RT,Coup,Guaido's coup is a farce, said the minister, and the army stayed loyal.\n").encode()
    with pytest.raises(ImportProblem, match=r"x.csv, row 3: 5 cells but the header has 3; .*must be quoted"):
        import_bytes(data, "x.csv")
    # Empty trailing cells (a trailing delimiter) lose nothing and are accepted.
    [article] = import_bytes(b"outlet,title,text\nAP,Calm,The city was calm.,,\n", "y.csv")
    assert article.text == "The city was calm."


def test_tsv_and_column_names_case_insensitive():
    data = _csv([{"Source": "AP", "Body": STORY[2], "Bias": "center"}], delimiter="\t")
    [article] = import_bytes(data, "x.tsv")
    assert (article.outlet, article.alignment, article.text) == ("AP", "center", STORY[2])


def test_jsonl_with_nested_values_and_mapping():
    lines = [
        {"maintext": STORY[0], "source_domain": "bbc.co.uk", "authors": ["A", "B"], "date_publish": "2019-04-30 10:00:00"},
        {"maintext": STORY[1], "source_domain": "cnn.com", "authors": [], "date_publish": None},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode() + b"\n\n"
    articles = import_bytes(data, "newsplease.jsonl", column_map={"outlet": "source_domain"})
    assert [a.text for a in articles] == STORY[:2]
    assert [a.outlet for a in articles] == ["bbc.co.uk", "cnn.com"]
    assert articles[0].date == "2019-04-30" and articles[1].date == ""
    assert json.loads(articles[0].meta["authors"]) == ["A", "B"]


def test_duplicate_rows_get_the_same_content_id():
    rows = [{"text": STORY[0], "outlet": "a"}, {"text": STORY[0], "outlet": "b"}]
    articles = import_bytes(_csv(rows), "x.csv")
    assert articles[0].id == articles[1].id == content_id(STORY[0])


def test_supported_suffixes_are_all_dispatched():
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".csv", ".jsonl"} <= set(SUPPORTED_SUFFIXES)
    with pytest.raises(ImportProblem, match="unsupported"):
        import_bytes(b"x", "x.doc")


@pytest.mark.parametrize("bad", [{"max_bytes": 0}, {"max_text_chars": -1}, {"max_bytes": True}, {"column_map": {"body": "x"}}])
def test_invalid_options_raise_value_error_naming_them(bad):
    with pytest.raises(ValueError, match=next(iter(bad)) if "column_map" not in bad else "body"):
        import_bytes(b"text", "x.txt", **bad)
