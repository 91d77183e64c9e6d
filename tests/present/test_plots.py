"""Tests of the outlet charts: they build on the sample, show what they should, export PNG."""

from __future__ import annotations

import json
import zlib

import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from framing.corpus import load_sample_corpus
from framing.lexicon.model import bundled_lexicons
from framing.present.plots import axis_score_chart, figure_png, loaded_rate_chart, readability_chart, voice_chart
from framing.provenance import provenance
from framing.scoring.scores import outlet_scores

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def sample():
    lexicons = bundled_lexicons()
    outlets = outlet_scores(load_sample_corpus(), lexicons)
    axis = next(axis for lexicon in lexicons for axis in lexicon.axes)
    return lexicons, outlets, axis


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def ytick_labels(ax) -> list[str]:
    return [label.get_text() for label in ax.get_yticklabels()]


def all_font_sizes(fig: Figure) -> list[float]:
    return [t.get_fontsize() for t in fig.findobj(Text) if t.get_text().strip()]


def test_axis_score_chart(sample):
    _, outlets, axis = sample
    fig = axis_score_chart(outlets, axis)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(bars(ax)) == outlets[f"score_{axis.id}"].notna().sum() == len(outlets)
    assert ytick_labels(ax) == list(outlets["outlet"])
    assert ax.get_xlim() == (-1, 1)
    texts = " ".join(t.get_text() for t in fig.findobj(Text))
    assert axis.negative in texts and axis.positive in texts
    for n in outlets[f"n_{axis.id}"]:
        assert f"n={n}" in texts
    # Bars point the way of the score.
    widths = [b.get_width() for b in bars(ax)]
    assert [w > 0 for w in widths] == [s > 0 for s in outlets[f"score_{axis.id}"]]
    assert min(all_font_sizes(fig)) >= 11
    width, height = fig.get_size_inches()
    assert width == 8 and height >= 0.6 * len(outlets) + 1.5


def test_axis_score_chart_intervals_and_missing_scores(sample):
    _, outlets, axis = sample
    intervals = pd.DataFrame({"outlet": [outlets["outlet"].iloc[0]], "low": [-0.5], "high": [0.2]})
    fig = axis_score_chart(outlets, axis, intervals=intervals)
    assert len(fig.axes[0].collections) == 1  # one error bar
    gap = outlets.copy()
    gap.loc[0, f"score_{axis.id}"] = float("nan")
    fig = axis_score_chart(gap, axis)
    assert len(bars(fig.axes[0])) == len(outlets) - 1
    with pytest.raises(ValueError, match="intervals lacks column"):
        axis_score_chart(outlets, axis, intervals=pd.DataFrame({"outlet": ["x"]}))
    with pytest.raises(ValueError, match="lacks column"):
        axis_score_chart(outlets.drop(columns=[f"score_{axis.id}"]), axis)


def test_loaded_voice_and_readability_charts(sample):
    _, outlets, _ = sample
    n = len(outlets)
    fig = loaded_rate_chart(outlets)
    assert len(bars(fig.axes[0])) == 2 * n
    assert ytick_labels(fig.axes[0]) == list(outlets["outlet"])
    fig = voice_chart(outlets)
    assert len(bars(fig.axes[0])) == 3 * n
    stacked = sum(b.get_width() for b in bars(fig.axes[0]))
    assert stacked == outlets[["authorial", "quoted", "scare_quoted"]].to_numpy().sum()
    fig = readability_chart(outlets)
    assert len(fig.axes) == 2 and all(len(bars(ax)) == n for ax in fig.axes)
    for fig in (loaded_rate_chart(outlets), voice_chart(outlets), readability_chart(outlets)):
        assert min(all_font_sizes(fig)) >= 11
    with pytest.raises(ValueError, match="no rows"):
        voice_chart(outlets.iloc[:0])


def _text_chunks(png: bytes) -> dict[str, str]:
    chunks, pos = {}, len(PNG_SIGNATURE)
    while pos < len(png):
        length = int.from_bytes(png[pos:pos + 4], "big")
        kind, data = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
        if kind == b"tEXt":
            key, _, value = data.partition(b"\0")
            chunks[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"iTXt":
            key, _, rest = data.partition(b"\0")
            compressed, _method, rest = rest[0], rest[1], rest[2:]
            _lang, _, rest = rest.partition(b"\0")
            _translated, _, value = rest.partition(b"\0")
            chunks[key.decode("latin-1")] = (zlib.decompress(value) if compressed else value).decode("utf-8")
        pos += 12 + length
    return chunks


def test_figure_png_carries_provenance(sample):
    lexicons, outlets, axis = sample
    prov = provenance(lexicons, chart="axis")
    png = figure_png(axis_score_chart(outlets, axis), prov)
    assert png.startswith(PNG_SIGNATURE)
    chunks = _text_chunks(png)
    assert chunks["Software"].startswith("framing ")
    described = json.loads(chunks["Description"])
    assert described["params"] == {"chart": "axis"}
    assert {lex["name"] for lex in described["lexicons"]} == {lex.name for lex in lexicons}
    with pytest.raises(ValueError, match="dpi must be"):
        figure_png(Figure(), prov, dpi=5)


def test_long_outlet_names_keep_every_text_inside_the_figure(sample):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from framing.present.plots import MAX_LABEL_CHARS, outlet_label

    _, outlets, axis = sample
    long_name = "Payload <img src=x onerror=alert(1)> News of the World Service"
    outlets = outlets.copy()
    outlets.loc[0, "outlet"] = long_name
    assert outlet_label(long_name) == long_name[: MAX_LABEL_CHARS - 1] + "\u2026"
    assert outlet_label("RT") == "RT"
    for fig in (axis_score_chart(outlets, axis), loaded_rate_chart(outlets), voice_chart(outlets),
                readability_chart(outlets)):
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        frame = fig.bbox
        # Titles, axis labels, outlet names, value labels and legends (tick
        # labels outside the view limits are never drawn, so not checked).
        texts = [*fig.texts, *(t for legend in fig.legends for t in legend.get_texts())]
        for ax in fig.axes:
            texts += [ax.title, ax.xaxis.label, *ax.texts, *ax.get_yticklabels()]
        for text in texts:
            if not text.get_text().strip() or not text.get_visible():
                continue
            box = text.get_window_extent(renderer)
            assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, f"{text.get_text()!r} runs off the figure"
        assert outlet_label(long_name) in ytick_labels(fig.axes[0])
