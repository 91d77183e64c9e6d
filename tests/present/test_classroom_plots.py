"""Charts a user found hard to read: a timeline over years, loaded-term rates with their intervals."""

from __future__ import annotations

import itertools

from matplotlib.backends.backend_agg import FigureCanvasAgg

from framing.article import Article
from framing.corpus import load_sample_corpus
from framing.discover.intervals import bootstrap_intervals
from framing.discover.timeline import axis_timeline
from framing.lexicon.model import bundled_lexicons
from framing.present.plots import loaded_rate_chart
from framing.present.term_plots import timeline_chart
from framing.scoring.scores import outlet_scores

TEXTS = {"Left Daily": "The coup failed and the regime held on.",
         "Right Wire": "The uprising of the interim president against the usurper went on."}


def _years_corpus() -> list[Article]:
    articles = []
    for year, month in itertools.product(range(2016, 2021), (1, 4, 7, 10)):
        for outlet, text in TEXTS.items():
            articles.append(Article(id=f"{outlet}-{year}-{month}", outlet=outlet, text=text,
                                    date=f"{year}-{month:02d}-15"))
    return articles


def _boxes_overlap(labels) -> bool:
    boxes = [t.get_window_extent() for t in labels if t.get_text()]
    return any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))


def test_a_timeline_over_years_has_apart_labels_a_title_and_pole_names():
    lexicons = bundled_lexicons()
    timeline = axis_timeline(_years_corpus(), lexicons, freq="week")
    assert timeline["period"].nunique() > 15
    axis = lexicons[0].axes[0]
    fig = timeline_chart(timeline, axis=axis.id, axes=lexicons[0].axes)
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    labels = ax.get_xticklabels()
    assert len([t for t in labels if t.get_text()]) >= 3
    assert not _boxes_overlap(labels)
    assert fig.get_suptitle().startswith(axis.label)
    assert axis.negative in ax.get_ylabel() and axis.positive in ax.get_ylabel() and axis.id not in ax.get_ylabel()


def test_loaded_rates_have_intervals_and_labels_clear_of_them():
    lexicons = bundled_lexicons()
    corpus = load_sample_corpus()
    outlets = outlet_scores(corpus, lexicons)
    intervals = bootstrap_intervals(corpus, lexicons, by="outlet", n_resamples=200, seed=0)
    fig = loaded_rate_chart(outlets, intervals=intervals)
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    bars = [c for c in ax.containers if c.__class__.__name__ == "ErrorbarContainer"]
    rated = intervals[intervals["measure"].isin(["loaded_per_1000", "loaded_authorial_per_1000"])
                      & intervals["low"].notna()]
    assert len(bars) == len(rated) > 0
    renderer = fig.canvas.get_renderer()
    texts = [t for t in ax.texts if t.get_text().strip()]
    for bar in bars:
        # The caps mark each interval's ends (a LineCollection has no finite extent to compare).
        line_boxes = [line.get_window_extent(renderer) for line in bar.lines[1]]
        assert len(line_boxes) == 2
        for text in texts:
            box = text.get_window_extent(renderer)
            assert not any(box.overlaps(lb) for lb in line_boxes), text.get_text()
    assert "interval" in ax.get_xlabel()
