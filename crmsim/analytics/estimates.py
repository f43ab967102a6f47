"""Estimates with their uncertainty: a share or a mean, and a 95 % confidence interval.

A key figure from a sample is an estimate; the interval says how far the truth
may plausibly lie from it. Shares get the Wilson score interval, which stays
inside 0..1 and behaves well for small samples and shares near 0 or 1; means
get the usual Student-t interval.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
from scipy import stats


class Estimate(NamedTuple):
    """A point estimate with the bounds of its confidence interval (same unit as the value)."""

    value: float
    low: float
    high: float
    n: int

    def __str__(self) -> str:
        return f"{self.value:.3g} [{self.low:.3g}, {self.high:.3g}] (n = {self.n})"


def _z(confidence: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f'"confidence" must lie strictly between 0 and 1, got {confidence}')
    return float(stats.norm.ppf(0.5 + confidence / 2.0))


def share_estimate(successes: int, n: int, confidence: float = 0.95) -> Estimate:
    """A share (successes / n) with its Wilson score interval.

    Parameters
    ----------
    successes
        Number of cases with the property (e.g. resolved complaints).
    n
        Number of cases; with ``n = 0`` the share is unknown (NaN).
    confidence
        Confidence level of the interval, e.g. 0.95.

    Returns
    -------
    Estimate
        ``value``, ``low`` and ``high`` as shares from 0 to 1.

    Examples
    --------
    >>> share = share_estimate(8, 10)
    >>> round(share.value, 2), round(share.low, 3), round(share.high, 3)
    (0.8, 0.49, 0.943)
    """
    if n < 0 or successes < 0 or successes > n:
        raise ValueError(f"need 0 ≤ successes ≤ n, got successes={successes}, n={n}")
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    z = _z(confidence)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half), n)


def mean_estimate(values: Iterable[float], confidence: float = 0.95) -> Estimate:
    """A mean with its Student-t interval (NaN values are left out).

    Parameters
    ----------
    values
        The observations, in any unit (EUR, points, minutes ...).
    confidence
        Confidence level of the interval.

    Returns
    -------
    Estimate
        Mean and bounds in the unit of ``values``; with one observation the bounds are NaN.

    Examples
    --------
    >>> est = mean_estimate([10.0, 12.0, 14.0])
    >>> est.value, round(est.low, 2), round(est.high, 2)
    (12.0, 7.03, 16.97)
    """
    array = np.asarray(list(values), dtype=float)
    array = array[~np.isnan(array)]
    n = len(array)
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    mean = float(array.mean())
    if n == 1:
        return Estimate(mean, math.nan, math.nan, 1)
    _z(confidence)
    half = float(stats.t.ppf(0.5 + confidence / 2.0, n - 1)) * float(array.std(ddof=1)) / n**0.5
    return Estimate(mean, mean - half, mean + half, n)
