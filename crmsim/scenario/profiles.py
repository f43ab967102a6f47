"""Intraday arrival curves: how a day's contacts spread over its intervals.

Contact centers plan in 15- or 30-minute intervals. A profile gives the share of
the daily volume that arrives in each interval. Named profiles describe typical
shapes by hour of the day; :func:`intraday_profile` expands them to the chosen
interval length and restricts them to the opening hours.
"""

from __future__ import annotations

import numpy as np

from crmsim.errors import InputError
from crmsim.time_units import MINUTES_PER_DAY

#: Relative arrivals per hour of the day (0–23) for typical days.
NAMED_PROFILES: dict[str, tuple[float, ...]] = {
    # The same rate around the clock: the textbook M/M/c assumption.
    "flat": (1.0,) * 24,
    # Office hours with the classic double hump: a peak late in the morning,
    # a dip at lunch, a smaller peak in the early afternoon.
    "business_day": (
        0,
        0,
        0,
        0,
        0,
        0,
        0.2,
        0.5,
        1.1,
        1.6,
        1.8,
        1.7,
        1.3,
        1.2,
        1.5,
        1.4,
        1.2,
        1.0,
        0.7,
        0.5,
        0.3,
        0.1,
        0,
        0,
    ),
    # A consumer line: busy evenings after work.
    "consumer_evening": (
        0.1,
        0.05,
        0.05,
        0.05,
        0.05,
        0.1,
        0.3,
        0.6,
        0.9,
        1.0,
        1.0,
        1.0,
        1.1,
        1.0,
        1.0,
        1.0,
        1.1,
        1.3,
        1.6,
        1.8,
        1.6,
        1.1,
        0.6,
        0.3,
    ),
    # Road-side assistance: a commuter peak in the morning, a larger one in the
    # evening rush hour and some traffic through the night.
    "roadside_assistance": (
        0.2,
        0.15,
        0.1,
        0.1,
        0.15,
        0.4,
        0.9,
        1.5,
        1.4,
        1.0,
        0.9,
        1.0,
        1.1,
        1.0,
        1.1,
        1.3,
        1.7,
        1.8,
        1.4,
        1.0,
        0.7,
        0.5,
        0.4,
        0.3,
    ),
}

ALLOWED_INTERVALS_MIN = (15, 30, 60)


def intraday_profile(
    shape: str | list[float] | tuple[float, ...],
    interval_min: int = 15,
    open_h: tuple[float, float] = (0.0, 24.0),
    where: str = "intraday_profile",
) -> tuple[float, ...]:
    """Shares of the daily volume per interval, summing to 1.

    Parameters
    ----------
    shape:
        A name from :data:`NAMED_PROFILES`, or relative weights: 24 hourly values or
        one value per interval of the day.
    interval_min:
        Interval length in minutes: 15, 30 or 60.
    open_h:
        Opening hours (start, end); no contacts arrive outside them.
    where:
        Field name used in error messages.

    Returns
    -------
    tuple of float
        One share per interval (96 for 15-minute intervals).

    Examples
    --------
    >>> shares = intraday_profile("flat", interval_min=60, open_h=(8, 20))
    >>> round(sum(shares), 6), shares[7], round(shares[8], 4)
    (1.0, 0.0, 0.0833)
    """
    if interval_min not in ALLOWED_INTERVALS_MIN:
        raise InputError(f'"interval_min" must be one of 15, 30, 60 (minutes), got {interval_min}')
    per_day = int(MINUTES_PER_DAY) // interval_min
    if isinstance(shape, str):
        if shape not in NAMED_PROFILES:
            names = ", ".join(sorted(NAMED_PROFILES))
            raise InputError(f'"{where}": unknown profile "{shape}"; choose one of {names}')
        weights = np.asarray(NAMED_PROFILES[shape], dtype=float)
    else:
        weights = np.asarray(list(shape), dtype=float)
        if weights.size not in (24, per_day) or not np.all(np.isfinite(weights)):
            raise InputError(
                f'"{where}" must list 24 hourly weights or {per_day} interval weights '
                f"(finite numbers), got {weights.size} values"
            )
        if np.any(weights < 0):
            raise InputError(f'"{where}": weights must be ≥ 0')
    if weights.size == 24:
        weights = np.repeat(weights, 60 // interval_min) if interval_min < 60 else weights
    start_h, end_h = open_h
    if not 0 <= start_h < end_h <= 24:
        raise InputError(f'"open_h" must be two hours 0 ≤ start < end ≤ 24, got {list(open_h)}')
    starts_h = np.arange(per_day) * interval_min / 60.0
    weights = np.where((starts_h >= start_h) & (starts_h < end_h), weights, 0.0)
    total = weights.sum()
    if total <= 0:
        raise InputError(f'"{where}" has no arrivals inside the opening hours {list(open_h)}')
    return tuple(float(w) for w in weights / total)
