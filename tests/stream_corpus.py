"""Generated corpora for the streaming and Dask tests, and the comparison they share."""

from __future__ import annotations

import gzip
import json
import random
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from framing.article import Article

from framing.corpus import load_sample_corpus
from framing.scoring.scores import article_scores, outlet_scores

OUTLETS = (("Alpha", "left"), ("Beta", "right"), ("Gamma", ""), ("Delta", "centre"), ("Epsilon", "right"))


def make_articles(n: int = 300, seed: int = 6) -> list[Article]:
    """``n`` articles recombining paragraphs of the bundled sample (quotes, scare quotes, terms)."""
    paragraphs = [p for a in load_sample_corpus() for p in a.text.split("\n") if p.strip()]
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        outlet, alignment = OUTLETS[rng.randrange(len(OUTLETS))]
        text = "\n".join(rng.sample(paragraphs, rng.randint(1, 5)))
        if i % 97 == 5:
            text = "Nothing loaded here: the weather was mild and the markets were calm."
        articles.append(Article(id=f"art{i:05d}", outlet=outlet, alignment=alignment, title=f"Story {i}",
                                date=f"2019-05-{1 + i % 28:02d}", text=text))
    return articles


def _record(article: Article) -> dict[str, str]:
    return {"id": article.id, "outlet": article.outlet, "alignment": article.alignment,
            "title": article.title, "date": article.date, "text": article.text}


def write_jsonl(articles: list[Article], path: Path, *, empty_row: bool = True) -> Path:
    """JSON Lines, with a blank line and a row without text that readers skip."""
    with path.open("w", encoding="utf-8") as handle:
        for number, article in enumerate(articles):
            handle.write(json.dumps(_record(article), ensure_ascii=False) + "\n")
            if empty_row and number == 10:
                handle.write("\n" + json.dumps({"id": "empty", "outlet": "Alpha", "text": "  "}) + "\n")
    return path


def write_csv(articles: list[Article], path: Path) -> Path:
    """CSV with other column names (``body``, ``source``) mapped by option."""
    frame = pd.DataFrame([_record(a) for a in articles]).rename(columns={"text": "body", "outlet": "source"})
    frame.to_csv(path, index=False)
    return path


def gzip_copy(path: Path) -> Path:
    """A gzipped copy of a corpus file beside it (``corpus.jsonl`` -> ``corpus.jsonl.gz``)."""
    target = path.with_name(path.name + ".gz")
    with path.open("rb") as source, gzip.open(target, "wb") as out:
        shutil.copyfileobj(source, out)
    return target


def write_parquet(articles: list[Article], path: Path, *, row_group_size: int = 50) -> Path:
    pq.write_table(pa.Table.from_pylist([_record(a) for a in articles]), path, row_group_size=row_group_size)
    return path


def write_folder(articles: list[Article], folder: Path) -> Path:
    """One ``<outlet>_<id>.txt`` file per article (outlet taken from the file name)."""
    folder.mkdir()
    for article in articles:
        (folder / f"{article.outlet.lower()}_{article.id}.txt").write_text(article.text, encoding="utf-8")
    return folder


def expected_outlets(articles: list[Article]) -> pd.DataFrame:
    """:func:`framing.scoring.scores.outlet_scores`, with the loaded counts summed over articles.

    ``outlet_scores`` pools the spans of all of an outlet's articles by
    ``(outlet, start, end)``, so two articles with a loaded term at the same
    offsets count once; the streamed counts are per-article sums, which is
    what ``loaded`` means, so these columns are checked against those sums.
    """
    expected = outlet_scores(articles).set_index("outlet")
    sums = article_scores(articles).groupby("outlet", sort=False)[["loaded", "loaded_authorial"]].sum()
    for column in ("loaded", "loaded_authorial"):
        expected[column] = sums[column].reindex(expected.index).astype(int)
        expected[f"{column}_per_1000"] = 1000 * expected[column] / expected["words"].replace(0, float("nan"))
    return expected.reset_index()


def assert_same_scores(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal tables; readability and axis means may differ in the last bits (see framing.scoring.partials)."""
    assert list(got.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=0, check_dtype=False)
