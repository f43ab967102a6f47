"""Erlang B (blocked calls lost) and Erlang C (blocked calls wait forever).

Notation: c agents, offered load a = λ · AHT in Erlang, traffic intensity
ρ = a / c.

* Erlang B, B(c, a), is the share of calls that find all c lines busy when
  there is no queue (Verlustsystem M/M/c/c). It is computed with the
  recursion B(0, a) = 1, B(n, a) = a · B(n-1, a) / (n + a · B(n-1, a)),
  whose terms stay between 0 and 1, so 500 or 50,000 agents never overflow.
* Erlang C, C(c, a), is the probability that a call has to wait in M/M/c
  with an unlimited queue and callers who never hang up (Wartesystem).
  It follows from Erlang B as C = B / (1 - ρ · (1 - B)) and needs a < c.
* With the waiting time W of M/M/c under first-come-first-served:
  P(W > t) = C · exp(-(c - a) · t / AHT), so the service level is
  SL(t) = 1 - C · exp(-(c - a) · t / AHT) and the mean wait (ASA) is
  E[W] = C · AHT / (c - a).
"""

from __future__ import annotations

import math

from crmsim.errors import InputError
from crmsim.queueing import _checks
from crmsim.queueing.metrics import MODEL_ERLANG_C, QueueMetrics
from crmsim.time_units import MINUTES_PER_HOUR, SECONDS_PER_MINUTE


def erlang_b(agents: int, offered_load_erl: float) -> float:
    """Blocking probability (Blockierwahrscheinlichkeit) of the loss system M/M/c/c.

    Parameters
    ----------
    agents : int
        Number of lines or agents, ≥ 1.
    offered_load_erl : float
        Offered load in Erlang, ≥ 0.

    Returns
    -------
    float
        Share of calls rejected because every line is busy.

    Examples
    --------
    >>> round(erlang_b(5, 3.0), 5)
    0.11005
    """
    servers = _checks.agent_count("agents", agents)
    load = _checks.offered_load_erl(offered_load_erl)
    return _erlang_b(servers, load)


def _erlang_b(servers: int, load: float) -> float:
    blocking = 1.0
    for n in range(1, servers + 1):
        blocking = load * blocking / (n + load * blocking)
    return blocking


def erlang_c(agents: int, offered_load_erl: float) -> float:
    """Probability of waiting (Wartewahrscheinlichkeit) in M/M/c, Erlang C formula.

    Parameters
    ----------
    agents : int
        Number of agents, ≥ 1 and greater than the offered load.
    offered_load_erl : float
        Offered load in Erlang, ≥ 0.

    Returns
    -------
    float
        Probability that an arriving call finds every agent busy and waits.

    Raises
    ------
    InputError
        If the offered load is not below the number of agents: without
        abandonment the queue then grows without bound.

    Examples
    --------
    >>> round(erlang_c(14, 10.0), 5)
    0.17413
    """
    servers = _checks.agent_count("agents", agents)
    load = _checks.offered_load_erl(offered_load_erl)
    _require_stable(servers, load)
    return _erlang_c(servers, load)


def _require_stable(servers: int, load: float) -> None:
    if load >= servers:
        raise InputError(
            f"offered load {load:.4g} Erlang needs more than {math.floor(load)} agents "
            f"for Erlang C (got {servers}); without abandonment the queue grows without "
            "bound: add agents, or give patience_min to use Erlang A"
        )


def _erlang_c(servers: int, load: float) -> float:
    blocking = _erlang_b(servers, load)
    return blocking / (1.0 - load / servers * (1.0 - blocking))


def erlang_c_metrics(
    agents: int, calls_per_hour: float, aht_min: float, sl_threshold_s: float = 20.0
) -> QueueMetrics:
    """Key figures of an M/M/c queue without abandonment (Erlang C).

    Parameters
    ----------
    agents : int
        Agents on the phones, ≥ 1 and above the offered load.
    calls_per_hour : float
        Arrival rate in calls per hour, ≥ 0.
    aht_min : float
        Average handling time in minutes, > 0.
    sl_threshold_s : float
        Service-level threshold in seconds, ≥ 0 (default 20).

    Returns
    -------
    QueueMetrics
        ``p_wait`` = C(c, a); ``asa_s`` = C · AHT / (c - a) in seconds (every
        call is answered, so this is also the mean wait of all calls);
        ``service_level`` = 1 - C · exp(-(c - a) · t / AHT);
        ``abandon_rate`` = 0; ``occupancy`` = a / c.

    Examples
    --------
    >>> m = erlang_c_metrics(14, calls_per_hour=200, aht_min=3)
    >>> round(m.p_wait, 5), round(m.asa_s, 2), round(m.service_level, 5)
    (0.17413, 7.84, 0.88835)
    """
    servers = _checks.agent_count("agents", agents)
    rate_per_h = _checks.calls_per_hour(calls_per_hour)
    handling_min = _checks.aht_min(aht_min)
    threshold_s = _checks.sl_threshold_s(sl_threshold_s)
    load = rate_per_h / MINUTES_PER_HOUR * handling_min
    _require_stable(servers, load)
    p_wait = _erlang_c(servers, load)
    spare = servers - load
    threshold_min = threshold_s / SECONDS_PER_MINUTE
    return QueueMetrics(
        model=MODEL_ERLANG_C,
        agents=servers,
        calls_per_hour=rate_per_h,
        aht_min=handling_min,
        patience_min=None,
        sl_threshold_s=threshold_s,
        offered_load_erl=load,
        p_wait=p_wait,
        asa_s=p_wait * handling_min / spare * SECONDS_PER_MINUTE,
        service_level=1.0 - p_wait * math.exp(-spare * threshold_min / handling_min),
        abandon_rate=0.0,
        occupancy=load / servers,
    )
