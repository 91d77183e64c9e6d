"""Labels from the data are drawn as written: no mathtext from outlet names, titles or terms."""

from __future__ import annotations

import dataclasses
import io

import pytest
from matplotlib.cbook import is_math_text
from matplotlib.text import Text

from framing.corpus import load_sample_corpus
from framing.discover.logodds import distinctive_terms
from framing.discover.timeline import axis_timeline
from framing.lexicon.model import bundled_lexicons
from framing.present.literal import literal
from framing.present.plots import axis_score_chart, loaded_rate_chart, readability_chart, voice_chart
from framing.present.term_plots import term_scatter, timeline_chart
from framing.scoring.scores import outlet_scores

#: Names matplotlib would read as math, or choke on: a balanced pair, an unbalanced one, TeX commands.
HOSTILE = ["$x^$ News", "$5 Daily", r"a_b\c $\alpha$", "$$", r"\$ already escaped"]


@pytest.fixture(scope="module")
def renamed():
    """The sample with each outlet renamed to a hostile name."""
    articles = load_sample_corpus()
    outlets = list(dict.fromkeys(a.outlet for a in articles))
    names = dict(zip(outlets, HOSTILE))
    return [dataclasses.replace(a, outlet=names[a.outlet], title="$T_1^$ " + a.title) for a in articles]


def _drawn(fig) -> list[str]:
    """Every text of the figure after drawing it to PNG (drawing is where mathtext fails)."""
    fig.savefig(io.BytesIO(), format="png")
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_literal_escapes_dollars_only():
    assert literal("$x^$ News") == r"\$x^\$ News"
    assert literal(r"a_b\c") == r"a_b\c" and not is_math_text(literal("$x^$"))


def test_outlet_charts_draw_hostile_names_as_written(renamed):
    lexicon = next(lex for lex in bundled_lexicons() if lex.axes)
    axis = dataclasses.replace(lexicon.axes[0], label="$axis^$", negative="$neg_", positive="pos\\")
    table = outlet_scores(renamed, [lexicon])
    for chart in (lambda t: axis_score_chart(t, axis), loaded_rate_chart, voice_chart, readability_chart):
        texts = _drawn(chart(table))
        assert not any(is_math_text(t) for t in texts)
        for name in set(table["outlet"]):
            assert literal(name) in texts  # drawn without its backslashes: matplotlib removes them
    assert "$axis^$" in [t.replace("\\$", "$") for t in _drawn(axis_score_chart(table, axis))]


def test_term_charts_draw_hostile_names_and_terms_as_written(renamed):
    result = distinctive_terms(renamed, group=HOSTILE[1], min_count=1)[0]
    result = result.assign(term=result["term"].where(result.index % 3 != 0, "$" + result["term"] + "^$"))
    fig = term_scatter(result, top=10, title="$title_$")
    texts = _drawn(fig)
    assert not any(is_math_text(t) for t in texts)
    assert any(label.startswith("$") and label.endswith("^$") for label in fig.framing_labels)
    timeline = axis_timeline(renamed)
    assert not any(is_math_text(t) for t in _drawn(timeline_chart(timeline)))
