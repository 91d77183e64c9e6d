"""Scatter of distinctive terms and timeline chart."""

from __future__ import annotations

import itertools

from matplotlib.figure import Figure

from framing.corpus import load_sample_corpus
from framing.discover.logodds import distinctive_terms
from framing.present.term_plots import term_scatter, timeline_chart
from framing.discover.timeline import axis_timeline


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


def test_timeline_ticks_are_the_days_not_clock_times():
    # The sample spans 30 April and 1 May 2019: two daily periods, two ticks.
    fig = timeline_chart(axis_timeline(load_sample_corpus()))
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert labels == ["2019-04-30", "2019-05-01"]
    low, high = fig.axes[0].get_xlim()
    points = [x for line in fig.axes[0].get_lines()[:-1] for x in line.get_xdata(orig=False)]
    assert low < min(points) and max(points) < high  # no point sits on the frame


def test_labels_pushed_from_their_point_get_a_leader_line():
    result = distinctive_terms(load_sample_corpus(), group="ZeroHedge", min_count=2)[0]
    fig = term_scatter(result, top=15)
    texts = fig.axes[0].texts
    labels = {t.xy: t for t in texts if t.get_text() in fig.framing_labels}
    leaders = [t for t in texts if t.get_text() == "" and t.arrow_patch is not None]
    assert leaders, "the sample's crowded low-z region pushes some labels out"
    for leader in leaders:
        label = labels[leader.xy]  # a leader starts at a labelled point...
        assert leader.xyann == label.xyann  # ...and ends at that label's anchor
    near = [t for t in labels.values() if max(abs(v) for v in t.xyann) <= 6]
    assert near and not {t.xy for t in near} & {leader.xy for leader in leaders}  # labels beside their point need none
