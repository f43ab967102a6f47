"""Arrival schedules: when contacts come in, and what each contact brings along.

Arrivals follow a non-homogeneous Poisson process whose rate is constant
within each planning interval: the day's volume times the weekday factor, the
intraday share of the interval and any campaign spike. For each interval the
number of arrivals is drawn from a Poisson distribution and the arrival times
are spread uniformly inside it, which is exact for a piecewise-constant rate.

Every arriving contact also draws, at once and from its channel's own stream,
everything that chance decides about it (reason, value class, handling time,
patience, and the uniform numbers for resolution, transfer and call-back
decisions). Keeping these draws aligned per contact is what makes common
random numbers work across scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crmsim.scenario.model import Channel, Scenario
from crmsim.time_units import MINUTES_PER_DAY

#: Columns of :attr:`ArrivalBatch.decisions`: uniforms for the decisions below.
DECISIONS = ("resolve", "transfer", "callback_accept", "callback_reach", "self_service")


def interval_rates(channel: Channel, scenario: Scenario, horizon_min: float) -> pd.DataFrame:
    """Expected arrivals per planning interval over the horizon.

    Returns
    -------
    pandas.DataFrame
        Columns ``start_min`` (interval start, minutes since day 0 00:00),
        ``day`` (0-based), ``weekday`` (0 = Monday), ``expected`` (mean number of
        arrivals in the interval) and ``rate_per_hour`` (contacts per hour).
    """
    interval = channel.interval_min
    per_day = len(channel.intraday_profile)
    count = int(np.ceil(horizon_min / interval))
    index = np.arange(count)
    day = index // per_day
    weekday = (day + scenario.start_weekday) % 7
    shares = np.asarray(channel.intraday_profile)[index % per_day]
    factors = np.asarray(channel.weekday_factors)[weekday]
    expected = channel.daily_volume * factors * shares
    start = index * interval
    for spike in scenario.campaign_spikes:
        if spike.channel != channel.name:
            continue
        begin = spike.day * MINUTES_PER_DAY + spike.start_h * 60
        end = spike.day * MINUTES_PER_DAY + spike.end_h * 60
        expected = np.where((start >= begin) & (start < end), expected * spike.factor, expected)
    # The last interval may be cut short by the horizon.
    covered = np.clip(horizon_min - start, 0, interval) / interval
    expected = expected * covered
    return pd.DataFrame(
        {
            "start_min": start.astype(float),
            "day": day,
            "weekday": weekday,
            "expected": expected,
            "rate_per_hour": np.divide(
                expected * 60.0, interval * covered, out=np.zeros(count), where=covered > 0
            ),
        }
    )


@dataclass(frozen=True)
class ArrivalBatch:
    """All arrivals of one channel over a run, with their pre-drawn attributes.

    Attributes
    ----------
    channel:
        Channel name.
    times_min:
        Arrival times (minutes since the start), sorted.
    reasons, value_classes:
        Index into the scenario's reasons and value classes.
    handle_min:
        Handling time of each contact (minutes), reason factor applied.
    patience_min:
        Patience of each contact (minutes); ``inf`` where customers never abandon.
    decisions:
        Uniform numbers, one column per entry of :data:`DECISIONS`.
    """

    channel: str
    times_min: np.ndarray
    reasons: np.ndarray
    value_classes: np.ndarray
    handle_min: np.ndarray
    patience_min: np.ndarray
    decisions: np.ndarray


def draw_arrivals(
    channel: Channel,
    scenario: Scenario,
    horizon_min: float,
    arrival_rng: np.random.Generator,
    attribute_rng: np.random.Generator,
) -> ArrivalBatch:
    """Draw every arrival of ``channel`` in [0, horizon_min) with its attributes."""
    rates = interval_rates(channel, scenario, horizon_min)
    counts = arrival_rng.poisson(rates["expected"].to_numpy())
    begin = rates["start_min"].to_numpy()
    # The last interval may be cut short by the horizon: spread its arrivals over what is left.
    widths = np.minimum(channel.interval_min, horizon_min - begin)
    starts = np.repeat(begin, counts)
    offsets = arrival_rng.random(starts.size) * np.repeat(widths, counts)
    times = np.sort(starts + offsets)
    return draw_attributes(channel, scenario, times, attribute_rng)


def draw_attributes(
    channel: Channel, scenario: Scenario, times_min: np.ndarray, rng: np.random.Generator
) -> ArrivalBatch:
    """Draw reason, value class, handling time, patience and decisions per contact."""
    n = times_min.size
    reason_cdf = np.cumsum([r.share for r in scenario.reasons])
    class_cdf = np.cumsum([c.share for c in scenario.value_classes])
    reasons = np.minimum(
        np.searchsorted(reason_cdf, rng.random(n), side="right"), len(reason_cdf) - 1
    )
    classes = np.minimum(
        np.searchsorted(class_cdf, rng.random(n), side="right"), len(class_cdf) - 1
    )
    factors = np.asarray([r.aht_factor for r in scenario.reasons])[reasons]
    handle = channel.aht_min * factors * unit_mean_times(channel.handle_time_cv, n, rng)
    exp_patience = rng.exponential(1.0, n)
    patience = (
        np.full(n, np.inf) if channel.patience_min is None else exp_patience * channel.patience_min
    )
    decisions = rng.random((n, len(DECISIONS)))
    return ArrivalBatch(channel.name, times_min, reasons, classes, handle, patience, decisions)


def unit_mean_times(cv: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` positive variates with mean 1 and coefficient of variation ``cv``.

    ``cv = 1`` gives the exponential distribution, ``cv = 0`` the constant 1,
    other values a lognormal distribution with that mean and spread.
    """
    if cv == 1.0:
        return rng.exponential(1.0, n)
    if cv == 0.0:
        rng.random(n)  # keep the stream aligned with the other cases
        return np.ones(n)
    sigma2 = np.log1p(cv * cv)
    return np.exp(rng.normal(-sigma2 / 2.0, np.sqrt(sigma2), n))


def merge_batches(
    batches: list[ArrivalBatch],
) -> tuple[list[float], list[int], list[int], list[tuple[Any, ...]]]:
    """All channels' arrivals in time order, as plain lists for the simulator's loop.

    Returns
    -------
    tuple
        ``times`` (minutes, sorted; ties keep channel order), ``batch`` and
        ``row`` (where each arrival's attributes are), and per batch its
        columns as lists: (channel, reasons, value classes, handling times,
        patiences, decisions).
    """
    times = np.concatenate([b.times_min for b in batches])
    which = np.concatenate([np.full(b.times_min.size, i) for i, b in enumerate(batches)])
    row = np.concatenate([np.arange(b.times_min.size) for b in batches])
    order = np.argsort(times, kind="stable")
    columns = [
        (
            b.channel,
            b.reasons.tolist(),
            b.value_classes.tolist(),
            b.handle_min.tolist(),
            b.patience_min.tolist(),
            b.decisions.tolist(),
        )
        for b in batches
    ]
    return times[order].tolist(), which[order].tolist(), row[order].tolist(), columns
