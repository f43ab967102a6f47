"""The textbook queue as a scenario: one phone line, c agents, Poisson arrivals.

:func:`mmc_scenario` builds the M/M/c model (Erlang C) or, with a patience time,
the M/M/c+M model (Erlang A) that queueing theory solves exactly. It is what
``crmsim callcenter --agents …`` simulates and what the validation tests use.
"""

from __future__ import annotations

import math

from crmsim.errors import InputError
from crmsim.scenario.model import AgentGroup, Channel, Scenario, ValueClass


def mmc_scenario(
    agents: int,
    calls_per_hour: float,
    aht_min: float,
    patience_min: float | None = None,
    sl_threshold_s: float = 20.0,
    class_shares: dict[str, float] | None = None,
) -> Scenario:
    """A single phone queue open around the clock with ``agents`` identical agents.

    Parameters
    ----------
    agents:
        Agents on duty all the time (≥ 1).
    calls_per_hour:
        Poisson arrival rate (calls per hour, > 0).
    aht_min:
        Mean of the exponential handling time (minutes, > 0), no after-contact work.
    patience_min:
        Mean of the exponential patience (minutes) or ``None`` for no abandonment.
    sl_threshold_s:
        Service-level threshold (seconds).
    class_shares:
        Customer value classes and their shares; with more than one class, VIP
        routing serves them in the given order (non-preemptive priority).

    Examples
    --------
    >>> scenario = mmc_scenario(agents=14, calls_per_hour=200, aht_min=3)
    >>> scenario.channels["phone"].daily_volume, scenario.agent_count
    (4800.0, 14)
    """
    _check_whole("agents", agents, 1)
    _check_positive("calls_per_hour", calls_per_hour)
    _check_positive("aht_min", aht_min)
    if patience_min is not None:
        _check_positive("patience_min", patience_min)
    if not (isinstance(sl_threshold_s, int | float) and sl_threshold_s >= 0):
        raise InputError(f'"sl_threshold_s" must be a number ≥ 0 (seconds), got {sl_threshold_s}')
    shares = class_shares or {"A": 1.0}
    if any(s < 0 for s in shares.values()) or abs(sum(shares.values()) - 1) > 1e-9:
        raise InputError(f'"class_shares" must be shares ≥ 0 summing to 1, got {shares}')
    phone = Channel(
        name="phone",
        daily_volume=float(calls_per_hour) * 24.0,
        aht_min=float(aht_min),
        patience_min=None if patience_min is None else float(patience_min),
        sl_threshold_s=float(sl_threshold_s),
    )
    classes = tuple(
        ValueClass(name, share, rank) for rank, (name, share) in enumerate(shares.items())
    )
    return Scenario(
        name=f"M/M/{agents}{'+M' if patience_min else ''}",
        description=f"{calls_per_hour:g} calls per hour, AHT {aht_min:g} min, {agents} agents",
        channels={"phone": phone},
        agents=(AgentGroup("agent", agents, ("phone",)),),
        value_classes=classes,
        vip_routing=len(classes) > 1,
    )


def _check_whole(name: str, value: object, low: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InputError(f'"{name}" must be an integer ≥ {low}, got {value}')


def _check_positive(name: str, value: object) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise InputError(f'"{name}" must be a number > 0, got {value}')
