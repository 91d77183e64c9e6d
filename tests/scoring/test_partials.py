"""Tests for framing.scoring.partials: exact, mergeable outlet sums."""

from __future__ import annotations

import math
import sys
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.scoring.partials import _exact_sums

# Values whose float sum depends on the order: 1e16 + 1 - 1e16 is 0.0 or 1.0.
ORDER_SENSITIVE = [1e16, 1.0, -1e16, 0.1, 5e-324, sys.float_info.max, -sys.float_info.max]


def test_exact_sums_equal_fraction_sums_and_count_nan():
    keys = ["a", "b", "a", "a", "b", "a", "a", "b"]
    values = [*ORDER_SENSITIVE, math.nan]
    totals, missing = _exact_sums(keys, values)
    assert totals["a"] == sum(map(Fraction, [1e16, -1e16, 0.1, sys.float_info.max, -sys.float_info.max]), Fraction(0))
    assert totals["a"] == Fraction(0.1)  # the huge values cancel exactly
    assert totals["b"] == Fraction(1.0) + Fraction(5e-324)
    assert missing == {"b": 1}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=30))
def test_exact_sums_match_fractions_on_random_floats(values):
    totals, missing = _exact_sums(["k"] * len(values), values)
    assert totals.get("k", Fraction(0)) == sum(map(Fraction, values), Fraction(0))
    assert not missing
