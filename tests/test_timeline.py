"""Spell arithmetic against a brute-force count minute by minute."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from crmsim.sim.timeline import merge_spells, minutes_per_interval

spells = st.lists(st.tuples(st.integers(0, 100), st.integers(0, 30)), min_size=0, max_size=20).map(
    lambda pairs: (
        np.array([s for s, _ in pairs], float),
        np.array([s + d for s, d in pairs], float),
    )
)


@settings(max_examples=60, deadline=None)
@given(spells, st.sampled_from([5, 10, 25]))
def test_minutes_per_interval_matches_a_minute_by_minute_count(data, width) -> None:
    starts, ends = data
    bounds = np.arange(0, 150, width, dtype=float)
    minutes = np.zeros(150)
    for s, e in zip(starts.astype(int), ends.astype(int), strict=True):
        minutes[s:e] += 1
    expected = [minutes[int(a) : int(b)].sum() for a, b in itertools.pairwise(bounds)]
    assert np.allclose(minutes_per_interval(starts, ends, bounds), expected)


@settings(max_examples=60, deadline=None)
@given(spells)
def test_merged_spells_cover_the_same_minutes_without_overlap(data) -> None:
    starts, ends = data
    merged_starts, merged_ends = merge_spells(starts, ends)
    covered = np.zeros(150, bool)
    for s, e in zip(starts.astype(int), ends.astype(int), strict=True):
        covered[s:e] = True
    again = np.zeros(150, bool)
    for s, e in zip(merged_starts.astype(int), merged_ends.astype(int), strict=True):
        again[s:e] = True
    assert (covered == again).all()
    assert (merged_starts[1:] > merged_ends[:-1]).all()
