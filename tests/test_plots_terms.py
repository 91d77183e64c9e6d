"""Scatter of distinctive terms and timeline chart."""

from __future__ import annotations

import itertools

from matplotlib.figure import Figure

from framing.corpus import load_sample_corpus
from framing.logodds import distinctive_terms
from framing.plots_terms import term_scatter, timeline_chart
from framing.timeline import axis_timeline


def test_scatter_labels_do_not_overlap():
    result = distinctive_terms(load_sample_corpus(), group="teleSUR English", min_count=1)[0]
    fig = term_scatter(result, top=20)
    assert isinstance(fig, Figure)
    assert fig.framing_labels
    renderer = fig.canvas.get_renderer()
    texts = [t for t in fig.axes[0].texts if t.get_text() in fig.framing_labels]
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))


def test_timeline_chart_has_a_line_per_outlet():
    fig = timeline_chart(axis_timeline(load_sample_corpus()))
    assert len(fig.axes[0].get_lines()) == 3 + 1  # three outlets and the zero line
