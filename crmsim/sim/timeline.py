"""Time arithmetic on spells: how many minutes of many [start, end) spells fall in each interval."""

from __future__ import annotations

import numpy as np


def minutes_per_interval(
    starts: np.ndarray, ends: np.ndarray, boundaries: np.ndarray
) -> np.ndarray:
    """Total minutes that the spells [start, end) spend in each interval.

    Parameters
    ----------
    starts, ends:
        Spell starts and ends (minutes); ``ends >= starts``.
    boundaries:
        Increasing interval boundaries (minutes); ``len(boundaries) - 1`` intervals.

    Returns
    -------
    numpy.ndarray
        Minutes per interval, summed over all spells.

    Examples
    --------
    >>> minutes_per_interval(np.array([5.0]), np.array([25.0]), np.array([0.0, 15.0, 30.0]))
    array([10., 10.])
    """
    starts = np.sort(np.asarray(starts, dtype=float))
    ends = np.sort(np.asarray(ends, dtype=float))
    boundaries = np.asarray(boundaries, dtype=float)
    return np.diff(_integral(starts, boundaries) - _integral(ends, boundaries))


def _integral(points: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Σ max(0, t − p) over sorted points p, for each t in ``at``."""
    before = np.searchsorted(points, at, side="right")
    prefix = np.concatenate(([0.0], np.cumsum(points)))
    return before * at - prefix[before]


def merge_spells(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Merge overlapping spells into disjoint ones (for an agent holding several chats).

    Examples
    --------
    >>> merge_spells(np.array([0.0, 2.0, 10.0]), np.array([5.0, 4.0, 12.0]))
    (array([ 0., 10.]), array([ 5., 12.]))
    """
    if starts.size == 0:
        return starts, ends
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    new_block = np.concatenate(([True], starts[1:] > reach[:-1]))
    block = np.cumsum(new_block) - 1
    merged_starts = starts[new_block]
    merged_ends = np.zeros(merged_starts.size)
    np.maximum.at(merged_ends, block, ends)
    return merged_starts, merged_ends
