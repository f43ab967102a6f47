"""Limited phone lines: the M/M/c/K queue (busy signal when every line is taken).

A center with c agents and K ≥ c telephone lines (Leitungen) accepts at most K
calls at once: c in conversation and K − c waiting. A call that finds all K lines
taken hears the busy signal (Besetztzeichen) and is lost. With Poisson arrivals
(rate λ), exponential handling times (mean AHT) and callers who do not hang up,
the number of calls in the system is a birth-death chain whose stationary
distribution is

.. math::

    \\pi_n \\propto \\frac{a^n}{n!} \\; (n \\le c), \\qquad
    \\pi_n \\propto \\frac{a^c}{c!} \\left(\\frac{a}{c}\\right)^{n-c} \\; (c < n \\le K),

with the offered load a = λ · AHT in Erlang. Arrivals see π (PASTA), so
P(busy signal) = π_K, a call that gets a line waits when it finds n ≥ c calls, and
the mean wait of accepted calls is L_q / (λ · (1 − π_K)) (Little's law). With
K = c this is Erlang B; as K grows it tends to Erlang C.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from crmsim.errors import InputError
from crmsim.queueing import _checks

MAX_LINES = 100_000
"""Largest number of lines accepted (far above any contact center)."""


class LimitedLinesMetrics(NamedTuple):
    """Key figures of M/M/c/K.

    Attributes
    ----------
    agents, lines
        c and K.
    offered_load_erl
        a = λ · AHT in Erlang.
    blocked
        Share of calls that hear the busy signal (π_K).
    p_wait
        Share of accepted calls that wait (find every agent busy).
    asa_s
        Mean wait of accepted calls, in seconds.
    service_level
        Share of accepted calls answered within ``sl_threshold_s``.
    sl_threshold_s
        The threshold of the service level, in seconds.
    occupancy
        Share of agent time spent handling: a · (1 − π_K) / c.
    """

    agents: int
    lines: int
    offered_load_erl: float
    blocked: float
    p_wait: float
    asa_s: float
    service_level: float
    sl_threshold_s: float
    occupancy: float


def _stationary(agents: int, lines: int, load: float) -> list[float]:
    """π_0 … π_K, computed in logarithms so that large loads do not overflow."""
    logs = [0.0]
    for n in range(1, lines + 1):
        logs.append(logs[-1] + (math.log(load) - math.log(min(n, agents)) if load > 0 else -1e300))
    top = max(logs)
    weights = [math.exp(value - top) for value in logs]
    total = sum(weights)
    return [weight / total for weight in weights]


def _late_shares(ahead_max: int, rate_per_min: float, threshold_min: float) -> list[float]:
    """P(Gamma(k, rate) > t) for k = 1 … ``ahead_max``: a caller with k departures ahead waits
    longer than t exactly when fewer than k agents free up by t, P(Poisson(rate · t) < k).

    The Poisson terms are computed from their logarithms, one step per k, so that long
    queues and large rates neither overflow nor cost quadratic time.
    """
    x = rate_per_min * threshold_min
    if x <= 0:
        return [1.0] * ahead_max
    shares, total = [], 0.0
    for j in range(ahead_max):
        total += math.exp(-x + j * math.log(x) - math.lgamma(j + 1))
        shares.append(min(total, 1.0))
    return shares


def mmck_metrics(
    agents: int,
    lines: int,
    calls_per_hour: float,
    aht_min: float,
    sl_threshold_s: float = 20.0,
) -> LimitedLinesMetrics:
    """Busy-signal share, waiting and service level of M/M/c/K.

    Parameters
    ----------
    agents : int
        Agents c, ≥ 1.
    lines : int
        Telephone lines K, c ≤ K ≤ 100,000.
    calls_per_hour : float
        Offered calls per hour λ.
    aht_min : float
        Average handling time in minutes (talk plus after-contact work).
    sl_threshold_s : float
        Threshold of the service level in seconds.

    Returns
    -------
    LimitedLinesMetrics
        Blocking, waiting and service level; unlike Erlang C, the figures exist
        for every load, also a ≥ c, because the lines cap the queue.

    Examples
    --------
    Eight lines for eight agents is Erlang B:

    >>> from crmsim.queueing import erlang_b
    >>> m = mmck_metrics(8, 8, calls_per_hour=120, aht_min=3)
    >>> round(m.blocked, 4) == round(erlang_b(8, 6.0), 4), m.p_wait
    (True, 0.0)
    >>> round(mmck_metrics(8, 12, 120, 3).blocked, 4)
    0.0309
    """
    servers = _checks.agent_count("agents", agents)
    capacity = _checks.agent_count("lines", lines)
    if capacity < servers:
        raise InputError(f"lines must be ≥ agents ({servers}), got {capacity}")
    if capacity > MAX_LINES:
        raise InputError(f"lines must be ≤ {MAX_LINES:,}, got {capacity:,}")
    rate = _checks.calls_per_hour(calls_per_hour) / 60.0
    handle = _checks.aht_min(aht_min)
    threshold_min = _checks.sl_threshold_s(sl_threshold_s) / 60.0
    load = rate * handle
    pi = _stationary(servers, capacity, load)
    accepted = 1.0 - pi[-1]
    queue_length = sum((n - servers) * pi[n] for n in range(servers + 1, capacity + 1))
    waiting = sum(pi[servers:capacity])
    exceeds = _late_shares(capacity - servers, servers / handle, threshold_min)
    late = sum(pi[n] * exceeds[n - servers] for n in range(servers, capacity))
    return LimitedLinesMetrics(
        agents=servers,
        lines=capacity,
        offered_load_erl=load,
        blocked=pi[-1],
        p_wait=waiting / accepted if accepted > 0 else 1.0,
        asa_s=queue_length / (rate * accepted) * 60.0 if rate * accepted > 0 else 0.0,
        service_level=1.0 - late / accepted if accepted > 0 else 0.0,
        sl_threshold_s=threshold_min * 60.0,
        occupancy=load * accepted / servers,
    )
