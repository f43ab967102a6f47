"""Differences between two groups (treatment − control) with confidence intervals.

Campaign success, complaint policies and other experiments compare two groups.
A difference of shares gets Newcombe's hybrid score interval (built from the two
Wilson intervals), a difference of means Welch's t interval (no equal variances
assumed).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from crmsim.analytics.estimates import Estimate, share_estimate


def share_difference(
    successes_a: int, n_a: int, successes_b: int, n_b: int, confidence: float = 0.95
) -> Estimate:
    """Difference of two shares, a − b, with Newcombe's hybrid score interval.

    The interval combines the Wilson intervals of both shares (Newcombe 1998), so
    it stays sensible for small groups and shares near 0 or 1.

    Parameters
    ----------
    successes_a, n_a
        Cases with the property and group size of group a (e.g. treatment).
    successes_b, n_b
        The same for group b (e.g. control).
    confidence
        Confidence level of the interval.

    Returns
    -------
    Estimate
        Difference in share points (−1 … 1) with its bounds; ``n`` is n_a + n_b.

    Examples
    --------
    >>> d = share_difference(30, 100, 20, 100)
    >>> round(d.value, 2), round(d.low, 3), round(d.high, 3)
    (0.1, -0.02, 0.217)
    """
    a = share_estimate(successes_a, n_a, confidence)
    b = share_estimate(successes_b, n_b, confidence)
    if n_a == 0 or n_b == 0:
        return Estimate(math.nan, math.nan, math.nan, n_a + n_b)
    value = a.value - b.value
    low = value - math.hypot(a.value - a.low, b.high - b.value)
    high = value + math.hypot(a.high - a.value, b.value - b.low)
    return Estimate(value, low, high, n_a + n_b)


def mean_difference(a: np.ndarray, b: np.ndarray, confidence: float = 0.95) -> Estimate:
    """Difference of two means, mean(a) − mean(b), with Welch's t interval.

    Parameters
    ----------
    a, b
        Observations of the two groups (e.g. contribution per person in EUR).
    confidence
        Confidence level of the interval.

    Returns
    -------
    Estimate
        Difference in the unit of the observations; NaN bounds when a group has
        fewer than two observations.

    Examples
    --------
    >>> d = mean_difference(np.array([3.0, 5.0, 7.0]), np.array([1.0, 2.0, 3.0]))
    >>> d.value, round(d.low, 2), round(d.high, 2)
    (3.0, -1.16, 7.16)
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(a) == 0 or len(b) == 0:
        return Estimate(math.nan, math.nan, math.nan, len(a) + len(b))
    value = float(a.mean() - b.mean())
    if len(a) < 2 or len(b) < 2:
        return Estimate(value, math.nan, math.nan, len(a) + len(b))
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    spread = math.sqrt(va + vb)
    if spread == 0:
        return Estimate(value, value, value, len(a) + len(b))
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = float(stats.t.ppf(0.5 + confidence / 2, df)) * spread
    return Estimate(value, value - half, value + half, len(a) + len(b))
