"""Priority classes in one queue: Cobham's formula for M/M/c with non-preemptive priority.

VIP routing lets premium callers jump the queue; a call already in conversation
is not interrupted (non-preemptive). With classes listed from highest to lowest
priority, arrival rates λ_k, one exponential handling time (μ = 1/AHT) for all,
c agents, ρ = λ/(c·μ) and σ_k = Σ_{i≤k} λ_i/(c·μ), Cobham (1954) gives the mean
wait of class k, all its callers included:

.. math::

    W_k = \\frac{C(c, a)}{c\\mu\\,(1 - \\sigma_{k-1})(1 - \\sigma_k)}

where C(c, a) is Erlang C. The first factor, C(c, a)/(c·μ), is the mean time until
the next agent frees up as seen by a caller who must wait; the denominators add the
work of higher classes that arrives meanwhile. Every class waits with the same
probability C(c, a): priority changes who waits *how long*, not who waits. The
load-weighted mean of the W_k equals the first-come-first-served ASA (conservation).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from crmsim.errors import InputError
from crmsim.queueing import _checks
from crmsim.queueing.erlang_bc import erlang_c


class PriorityClassWait(NamedTuple):
    """Mean wait of one priority class.

    Attributes
    ----------
    priority
        1 for the highest class, then 2, 3, …
    calls_per_hour
        Arrival rate of the class.
    mean_wait_min
        Mean wait in minutes over all callers of the class (those answered at once
        count with 0).
    """

    priority: int
    calls_per_hour: float
    mean_wait_min: float


def priority_waits(
    agents: int, calls_per_hour_by_class: Sequence[float], aht_min: float
) -> list[PriorityClassWait]:
    """Mean wait per priority class in M/M/c with non-preemptive priority (Cobham).

    Parameters
    ----------
    agents : int
        Agents c, ≥ 1.
    calls_per_hour_by_class : sequence of float
        Arrival rate of each class in calls per hour, highest priority first.
    aht_min : float
        Average handling time in minutes, the same for every class.

    Returns
    -------
    list of PriorityClassWait
        One record per class, in the given order.

    Raises
    ------
    InputError
        No class given, a negative rate, or an offered load ≥ agents (no steady
        state: waits grow without limit).

    Examples
    --------
    >>> [round(w.mean_wait_min, 3) for w in priority_waits(2, [30, 30], aht_min=1.5)]
    [0.771, 3.086]
    """
    servers = _checks.agent_count("agents", agents)
    handle = _checks.aht_min(aht_min)
    if len(calls_per_hour_by_class) == 0:
        raise InputError("calls_per_hour_by_class must name at least one class")
    rates = [_checks.calls_per_hour(rate) / 60.0 for rate in calls_per_hour_by_class]
    total = sum(rates)
    service_rate = servers / handle
    if total >= service_rate:
        raise InputError(
            f"offered load {total * handle:.2f} Erlang must be below the {servers} agents: "
            "otherwise there is no steady state and waits grow without limit"
        )
    first = erlang_c(servers, total * handle) / service_rate
    waits, sigma_before = [], 0.0
    for index, rate in enumerate(rates):
        sigma = sigma_before + rate / service_rate
        wait = first / ((1.0 - sigma_before) * (1.0 - sigma))
        waits.append(PriorityClassWait(index + 1, rate * 60.0, wait))
        sigma_before = sigma
    return waits
