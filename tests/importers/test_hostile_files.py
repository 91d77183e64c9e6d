"""Issue 19's hostile files: each ends in one clear line, or in the same articles as a well-formed file.

The worst cases (P1-P3) are built full size by tests/hostile_files.py; how
long they take is measured by benchmarks/bench_hostile.py, not here.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tracemalloc
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from framing.cli import main
from framing.importers import SUPPORTED_SUFFIXES, ImportProblem, import_bytes
from framing.importers.html_limits import MAX_ATTRIBUTES, limit_attributes
from framing.scale.chunk_readers import iter_chunks
from framing.store.article_store import ArticleStore
from tests.hostile_files import encrypted_pdf, form_xobject_pdf, lying_docx, many_attributes_html, many_operators_pdf
from tests.importer_files import text_pdf

TEXT = "The coup failed, said the minister, and the regime called it an uprising."


def problem(data: bytes, filename: str, **options) -> str:
    with pytest.raises(ImportProblem) as info:
        import_bytes(data, filename, **options)
    message = str(info.value)
    assert "\n" not in message and message.startswith(filename)
    return message


def streamed(path) -> list:
    return [a for chunk in iter_chunks(path, chunk_size=10) for a in chunk.articles]


# -- S3, S4: one CSV reader, one set of rules -----------------------------------------

BAD_CSVS = [
    ("text,outlet\nThe coup, which failed, was bad,RT\n", "row 2: 4 cells but the header has 2"),
    ('text,outlet\n"fine",A\n"The coup failed,RT\nanother,B\n', "row 3: a quote is never closed"),
    ('text,outlet\n"quoted" then more,A\n', "row 2: malformed CSV"),
]


@pytest.mark.parametrize(("content", "message"), BAD_CSVS)
def test_csv_refused_alike_by_add_and_by_the_streamed_reader(content, message, tmp_path):
    assert message in problem(content.encode(), "corpus.csv")
    path = tmp_path / "corpus.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportProblem) as info:
        streamed(path)
    assert str(info.value).startswith("corpus.csv") and message in str(info.value)


def test_csv_read_alike_when_well_formed(tmp_path):
    content = 'text,outlet\n"The coup, which failed, was bad",RT\n"Two\nlines ""quoted""",B\n,empty\n'
    path = tmp_path / "corpus.csv"
    path.write_text(content, encoding="utf-8")
    added = import_bytes(content.encode(), "corpus.csv")
    assert [(a.text, a.outlet) for a in added] == [(a.text, a.outlet) for a in streamed(path)]
    assert added[0].text == "The coup, which failed, was bad" and added[1].text == 'Two\nlines "quoted"'


def test_a_huge_csv_cell_names_the_text_limit():
    message = problem(("text\n" + "x" * 5000 + "\n").encode(), "big.csv", max_text_chars=1000)
    assert "line 2: extracted text too large" in message and "--max-text-chars" in message
    message = problem(("text\n" + "x" * 300_000 + "\n").encode(), "big.csv", max_text_chars=1000)
    assert "row 2: a cell far longer than the text limit" in message and "--max-text-chars" in message


# -- S5, T3: cells that are not strings ----------------------------------------------


@pytest.mark.parametrize("value", ["NaN", "123", "[1, 2]", '{"a": 1}', "true", "-Infinity"])
def test_jsonl_text_that_is_not_a_string_is_refused(value, tmp_path):
    content = f'{{"text": "{TEXT}"}}\n{{"text": {value}}}\n'
    message = problem(content.encode(), "x.jsonl")
    assert "line 2: the text column 'text' holds" in message
    path = tmp_path / "x.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportProblem, match="line 2: the text column 'text' holds"):
        streamed(path)


def test_jsonl_metadata_numbers_become_text_and_nan_is_refused():
    [article] = import_bytes(f'{{"text": "{TEXT}", "id": 123, "extra": [1, "a"]}}\n'.encode(), "x.jsonl")
    assert article.id == "123" and article.meta["extra"] == '[1, "a"]'
    assert "column 'outlet' holds nan" in problem(f'{{"text": "{TEXT}", "outlet": NaN}}\n'.encode(), "x.jsonl")


def test_huge_json_integer_names_the_file_and_line_and_the_batch_goes_on(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text('{"text": "x", "n": ' + "9" * 5000 + "}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    assert main(["add", str(tmp_path), "--db", str(tmp_path / "s.db")]) == 1
    err = capsys.readouterr().err
    assert "a.jsonl, line 1: not JSON" in err and "Traceback" not in err
    assert [a.text for a in ArticleStore(tmp_path / "s.db").articles() if a.text == TEXT]


def test_parquet_cells_of_other_arrow_types_are_converted_or_refused(tmp_path):
    table = pa.table({
        "text": [TEXT, TEXT + " Again."],
        "date": pa.array([dt.datetime(2019, 4, 30, 12, 0, tzinfo=dt.timezone.utc)] * 2, pa.timestamp("us", "UTC")),
        "blob": pa.array([b"raw", "ünï".encode()], pa.binary()),
        "price": pa.array([Decimal("1.50"), None], pa.decimal128(5, 2)),
        "day": pa.array([dt.date(2019, 5, 1)] * 2, pa.date32()),
    })
    pq.write_table(table, tmp_path / "x.parquet")
    articles = streamed(tmp_path / "x.parquet")
    assert articles[0].date == "2019-04-30" and articles[0].meta["blob"] == "raw" and articles[1].meta["blob"] == "ünï"
    assert articles[0].meta["price"] == "1.50" and articles[0].meta["day"] == "2019-05-01"
    pq.write_table(pa.table({"text": pa.array([b"\xff\xfe"], pa.binary())}), tmp_path / "bad.parquet")
    with pytest.raises(ImportProblem, match="bad.parquet, row 1: column 'text' holds bytes that are not UTF-8"):
        streamed(tmp_path / "bad.parquet")


# -- P1-P3: bounded work -------------------------------------------------------------


def test_html_with_200000_attributes_keeps_its_text():
    [article] = import_bytes(many_attributes_html(200_000), "p1.html")
    assert "The coup failed" in article.text and "uprising" in article.text


def test_attribute_limit_cuts_only_tags_over_it():
    page = '<p a="1>2" b=\'x\' c>' + "<b " + " ".join(f"k{i}=v" for i in range(MAX_ATTRIBUTES + 5)) + ">t</b>"
    cut, tags = limit_attributes(page)
    assert tags == 1 and cut.startswith('<p a="1>2" b=\'x\' c>') and f"k{MAX_ATTRIBUTES - 1}=v" in cut
    assert f"k{MAX_ATTRIBUTES}=" not in cut and cut.endswith(">t</b>")
    assert limit_attributes("<p a=1 b=2>x</p>") == ("<p a=1 b=2>x</p>", 0)


def test_docx_inflating_past_its_declared_size_is_refused_in_bounded_memory():
    data = lying_docx(inflated=200_000_000)
    tracemalloc.start()
    try:
        message = problem(data, "p2.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "declares 2 kB but inflates to more" in message
    assert peak < 30_000_000  # the member inflates 64 kB at a time, never whole (200 MB)


def test_pdf_with_200000_text_operators_is_refused_before_extraction():
    message = problem(many_operators_pdf(200_000), "p3.pdf")
    assert "200,000" in message and "text operators" in message


def test_pdf_text_drawn_through_a_form_counts_each_time_it_is_drawn():
    # 100 draws of a 200-operator form: 20,000 shown, the page limit, and read.
    (article,) = import_bytes(form_xobject_pdf(100, 200), "forms.pdf")
    assert article.text.count("coup uprising regime") == 100 * 200
    # 400 draws: 80,000 shown by a page whose own stream holds none, refused before pypdf runs them.
    assert "text operators to 80,000" in problem(form_xobject_pdf(400, 200), "p4.pdf")
    # A form drawing the text form, and a name written with an escaped byte, are counted the same.
    assert "text operators to 20,200" in problem(form_xobject_pdf(101, 200, nested=True), "p4.pdf")
    assert "text operators to 2,000,000,000" in problem(form_xobject_pdf(100_000, 20_000, nested=True), "p4.pdf")
    assert "text operators to 80,000" in problem(form_xobject_pdf(400, 200, drawn_as=b"/Fm#31"), "p4.pdf")


def test_pdf_form_drawing_itself_is_read_once_not_forever():
    (article,) = import_bytes(form_xobject_pdf(50, 200, self_drawing=True), "cycle.pdf")
    assert article.text.count("coup uprising regime") == 50 * 200


@pytest.mark.parametrize(("aes", "detail"), [(True, "(AES)"), (False, "(it needs a password)")])
def test_encrypted_pdf_says_encrypted(aes, detail):
    message = problem(encrypted_pdf(aes=aes), "locked.pdf")
    assert "encrypted PDF, not supported" in message and message.endswith(detail)


def test_add_folder_goes_on_after_an_encrypted_pdf(tmp_path, capsys):
    (tmp_path / "a.pdf").write_bytes(encrypted_pdf(aes=True))
    (tmp_path / "b.pdf").write_bytes(text_pdf([TEXT]))
    (tmp_path / "c.txt").write_text("The uprising went on. " + TEXT, encoding="utf-8")
    assert main(["add", str(tmp_path), "--db", str(tmp_path / "s.db")]) == 1
    err = capsys.readouterr().err
    assert "a.pdf: encrypted PDF, not supported" in err and "Traceback" not in err
    sources = {a.meta["source_file"] for a in ArticleStore(tmp_path / "s.db").articles()}
    assert {"b.pdf", "c.txt"} <= sources


# -- property: random bytes never raise anything but ImportProblem ---------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(min_size=1, max_size=600), suffix=st.sampled_from(SUPPORTED_SUFFIXES),
       prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><p ", b"text,outlet\n", b'{"text": ']))
def test_random_bytes_give_articles_or_one_line(data, suffix, prefix):
    try:
        articles = import_bytes(prefix + data, "random" + suffix)
    except ImportProblem as exc:
        assert "\n" not in str(exc)
    else:
        assert all(a.text.strip() for a in articles)


def test_random_bytes_leave_the_stored_articles_unchanged(tmp_path):
    db = tmp_path / "s.db"
    store = ArticleStore(db)
    before = {a.id: a for a in store.articles()}
    rng = __import__("random").Random(19)
    for number, suffix in enumerate(SUPPORTED_SUFFIXES):
        (tmp_path / f"junk{number}{suffix}").write_bytes(rng.randbytes(400))
    main(["add", str(tmp_path), "--db", str(db)])
    after = {a.id: a for a in ArticleStore(db).articles()}
    assert all(after[key] == article for key, article in before.items())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=400), suffix=st.sampled_from([".jsonl", ".csv", ".tsv", ".parquet"]),
       prefix=st.sampled_from([b"", b"PAR1", b"text,outlet\n", b'{"text": ']))
def test_random_bytes_to_the_streamed_readers_give_one_line(data, suffix, prefix, tmp_path):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(prefix + data + (b"PAR1" if suffix == ".parquet" else b""))
    try:
        streamed(path)
    except ImportProblem as exc:
        assert "\n" not in str(exc) and str(exc).startswith(path.name)
