"""Bootstrap intervals and the timeline of axis scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.article import Article

from framing.corpus import load_sample_corpus
from framing.discover.intervals import INTERVAL_COLUMNS, bootstrap_intervals
from framing.scoring.scores import outlet_scores
from framing.discover.timeline import axis_timeline


@pytest.fixture(scope="module")
def sample():
    return load_sample_corpus()


def test_seeded_runs_repeat_and_seeds_differ(sample):
    one = bootstrap_intervals(sample, n_resamples=300, seed=7)
    two = bootstrap_intervals(sample, n_resamples=300, seed=7)
    other = bootstrap_intervals(sample, n_resamples=300, seed=8)
    pd.testing.assert_frame_equal(one, two)
    assert not np.allclose(one["low"], other["low"], equal_nan=True)


def test_intervals_contain_estimates_and_name_method(sample):
    table = bootstrap_intervals(sample, n_resamples=500, seed=1)
    assert list(table.columns) == ["outlet", *INTERVAL_COLUMNS[1:]]
    assert set(table["measure"]) == {"loaded_per_1000", "loaded_authorial_per_1000", "score_gov_opp"}
    # One article per outlet in the sample: sentences are resampled.
    assert set(table["method"]) == {"percentile bootstrap over sentences"}
    assert (table["n_resamples"] == 500).all()
    defined = table.dropna(subset=["low", "high"])
    assert ((defined["low"] <= defined["estimate"]) & (defined["estimate"] <= defined["high"])).all()


def test_point_estimates_equal_outlet_scores(sample):
    table = bootstrap_intervals(sample, n_resamples=50).set_index(["outlet", "measure"])
    scores = outlet_scores(sample).set_index("outlet")
    for outlet in scores.index:
        assert table.loc[(outlet, "loaded_per_1000"), "estimate"] == pytest.approx(scores.loc[outlet, "loaded_per_1000"])
        assert table.loc[(outlet, "score_gov_opp"), "estimate"] == pytest.approx(scores.loc[outlet, "score_gov_opp"])


def test_articles_are_resampled_when_a_group_has_several(sample):
    two = [Article(id=f"{a.id}-{i}", outlet="all", text=a.text) for i, a in enumerate(sample)]
    table = bootstrap_intervals(two, n_resamples=100)
    assert set(table["method"]) == {"percentile bootstrap over articles"}
    assert (table["n_units"] == 3).all()


@pytest.mark.parametrize(
    "kwargs, bad", [({"n_resamples": 5}, "5"), ({"confidence": 1.5}, "1.5"), ({"seed": -1}, "-1")]
)
def test_bad_options(sample, kwargs, bad):
    with pytest.raises(ValueError, match=bad):
        bootstrap_intervals(sample, **kwargs)


def test_timeline_by_day_and_week(sample):
    daily = axis_timeline(sample)
    assert set(daily["outlet"]) == {"ZeroHedge", "teleSUR English", "RT"}
    assert {str(p.date()) for p in daily["period"]} == {"2019-04-30", "2019-05-01"}
    weekly = axis_timeline(sample, freq="week")
    assert {str(p.date()) for p in weekly["period"]} == {"2019-04-29"}  # the Monday
    scores = outlet_scores(sample).set_index("outlet")["score_gov_opp"]
    assert dict(zip(weekly["outlet"], weekly["score"])) == pytest.approx(scores.to_dict())
    with pytest.raises(ValueError, match="month"):
        axis_timeline(sample, freq="month")


def test_timeline_without_dates_is_empty():
    table = axis_timeline([Article(id="x", outlet="X", text="a coup")])
    assert table.empty and table.attrs["undated"] == 1
