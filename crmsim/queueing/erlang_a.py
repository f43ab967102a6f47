"""Erlang A: the M/M/c+M queue, in which waiting callers hang up.

Model (Palm's queue with impatience, Mandelbaum & Zeltyn's "Erlang A"):
calls arrive as a Poisson stream with rate λ, handling times are exponential
with rate μ = 1 / AHT, and every waiting caller hangs up after an exponential
patience with rate θ = 1 / patience. All rates are per minute. Because
abandonment empties the queue, a steady state exists for every load, also
when the offered load a = λ / μ exceeds the c agents.

Derivation used here. The number of calls in the system is a birth-death
process; with x = c·μ/θ and y = λ/θ its stationary probabilities, relative
to π_c (all agents busy, nobody waiting), are

* π_n / π_c for n < c: the Erlang B terms, which add up to 1/B(c, a) - 1,
* π_{c+j} / π_c = t_j = ∏_{k=1..j} y / (x + k) for j ≥ 0 waiting calls,

so π_c = 1 / (1/B(c, a) - 1 + Σ_j t_j). Arrivals see these probabilities
(Poisson arrivals see time averages), so P(wait) = Σ_j π_{c+j}.

A call that finds j callers waiting moves up one place at rate c·μ + k·θ
while k callers are ahead of it; it needs j + 1 such steps, with rates
θ·(x + j), ..., θ·x. Racing each step against its own patience (rate θ) gives,
given j:

* P(answered) = x / (x + j + 1) and P(abandon) = (j + 1) / (x + j + 1),
* P(answered with wait ≤ t) = x / (x + j + 1) · (1 - I_p(x + 1, j + 1)) with
  p = exp(-θ·t) and I the regularised incomplete beta function; for a whole
  number m, I_p(m, b) is the chance that at least m of m + b - 1 independent
  exponential lifetimes with rate θ outlast t,
* E[wait · 1{answered}] = x / (x + j + 1) · (ψ(x + j + 2) - ψ(x + 1)) / θ with
  ψ the digamma function.

Summed over j with weights π_{c+j}, plus 1 - P(wait) for calls answered at
once, these give the abandon rate, the service level (calls answered within
t over all offered calls, so early hang-ups count as missed) and the ASA
(mean wait of the answered calls).

The sums over j run in log space over the window of j that carries the
probability mass, so heavily overloaded centres and very patient callers
(where Erlang A approaches Erlang C) stay finite.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import betainc, digamma, gammaln, logsumexp

from crmsim.queueing import _checks
from crmsim.queueing.metrics import MODEL_ERLANG_A, QueueMetrics
from crmsim.time_units import MINUTES_PER_HOUR, SECONDS_PER_MINUTE

# Half-width of the summation window in standard deviations of the queue length,
# plus a fixed margin for small queues: terms outside are below exp(-90) of the peak.
_WINDOW_SDS = 14.0
_WINDOW_MARGIN = 40
_NEGLIGIBLE_LOG = 90.0


def erlang_a_metrics(
    agents: int,
    calls_per_hour: float,
    aht_min: float,
    patience_min: float,
    sl_threshold_s: float = 20.0,
) -> QueueMetrics:
    """Key figures of the M/M/c+M queue with abandonment (Erlang A).

    Parameters
    ----------
    agents : int
        Agents on the phones, ≥ 1 (may be below the offered load).
    calls_per_hour : float
        Arrival rate in calls per hour, ≥ 0.
    aht_min : float
        Average handling time in minutes, > 0.
    patience_min : float
        Mean patience of a waiting caller in minutes, > 0 (θ = 1 / patience_min).
    sl_threshold_s : float
        Service-level threshold in seconds, ≥ 0 (default 20).

    Returns
    -------
    QueueMetrics
        ``p_wait``: share of calls that find every agent busy;
        ``abandon_rate``: share of offered calls that hang up;
        ``asa_s``: mean wait of the answered calls (those answered at once
        count with 0 s), in seconds;
        ``service_level``: answered within ``sl_threshold_s`` divided by all
        offered calls (abandoned calls count as missed, however early they
        hung up);
        ``occupancy``: answered load / agents = a · (1 - abandon_rate) / c.

    Examples
    --------
    >>> m = erlang_a_metrics(14, calls_per_hour=200, aht_min=3, patience_min=5)
    >>> round(m.abandon_rate, 6), round(m.service_level, 5)
    (0.013984, 0.91679)
    """
    servers = _checks.agent_count("agents", agents)
    rate_per_h = _checks.calls_per_hour(calls_per_hour)
    handling_min = _checks.aht_min(aht_min)
    patience = _checks.patience_min(patience_min)
    threshold_s = _checks.sl_threshold_s(sl_threshold_s)

    arrival_rate = rate_per_h / MINUTES_PER_HOUR  # calls per minute
    load = arrival_rate * handling_min
    figures = {"p_wait": 0.0, "asa_s": 0.0, "service_level": 1.0, "abandon_rate": 0.0}
    if arrival_rate > 0.0:
        figures = _busy_queue_figures(
            servers, load, arrival_rate, handling_min, patience, threshold_s
        )
    return QueueMetrics(
        model=MODEL_ERLANG_A,
        agents=servers,
        calls_per_hour=rate_per_h,
        aht_min=handling_min,
        patience_min=patience,
        sl_threshold_s=threshold_s,
        offered_load_erl=load,
        occupancy=min(1.0, load * (1.0 - figures["abandon_rate"]) / servers),
        **figures,
    )


def _busy_queue_figures(
    servers: int,
    load: float,
    arrival_rate: float,
    handling_min: float,
    patience: float,
    threshold_s: float,
) -> dict[str, float]:
    """P(wait), ASA, service level and abandon rate for a positive arrival rate."""
    abandon_rate_per_min = 1.0 / patience
    x = servers / handling_min / abandon_rate_per_min
    y = arrival_rate / abandon_rate_per_min
    waiting, weights = _waiting_distribution(servers, load, x, y)
    p_wait = _probability(weights.sum())

    answered_share = x / (x + waiting + 1.0)
    p_abandon = _probability(np.sum(weights * (waiting + 1.0) / (x + waiting + 1.0)))
    within = 1.0 - betainc(x + 1.0, waiting + 1.0, math.exp(-threshold_s / 60.0 / patience))
    service_level = _probability((1.0 - p_wait) + np.sum(weights * answered_share * within))
    steps_min = (digamma(x + waiting + 2.0) - digamma(x + 1.0)) * patience
    wait_answered_min = float(np.sum(weights * answered_share * steps_min))
    return {
        "p_wait": p_wait,
        "asa_s": wait_answered_min / (1.0 - p_abandon) * SECONDS_PER_MINUTE,
        "service_level": service_level,
        "abandon_rate": p_abandon,
    }


def _probability(value: float) -> float:
    """``value`` as float, with rounding noise outside [0, 1] removed."""
    return min(1.0, max(0.0, float(value)))


def _waiting_distribution(
    servers: int, load: float, x: float, y: float
) -> tuple[np.ndarray, np.ndarray]:
    """Queue lengths j seen on arrival and their probabilities π_{c+j} (window only)."""
    peak = max(0.0, math.floor(y - x))
    half_width = math.ceil(_WINDOW_SDS * math.sqrt(x + peak + 1.0)) + _WINDOW_MARGIN
    if y < x + 1.0:
        # Every ratio t_{j+1} / t_j is at most y / (x + 1) < 1: geometric decay from j = 0.
        geometric = math.ceil(_NEGLIGIBLE_LOG / math.log((x + 1.0) / y)) + _WINDOW_MARGIN
        half_width = min(half_width, geometric)
    first = int(max(0.0, peak - half_width))
    waiting = np.arange(first, int(peak) + half_width + 1, dtype=float)

    # Logs relative to t_first keep the exponents small, so no precision is lost.
    log_y = math.log(y)
    log_first = first * log_y - (gammaln(x + first + 1.0) - gammaln(x + 1.0))
    steps = log_y - np.log(x + waiting[1:])
    log_relative = np.concatenate(([0.0], np.cumsum(steps)))

    log_idle_states = _log_inverse_erlang_b_minus_one(servers, load) - log_first
    log_norm = np.logaddexp(log_idle_states, logsumexp(log_relative))
    return waiting, np.exp(log_relative - log_norm)


def _log_inverse_erlang_b_minus_one(servers: int, load: float) -> float:
    """log(1/B(c, a) - 1) = log(Σ_{n<c} π_n / π_c), computed without overflow.

    Uses 1/B(n, a) = 1 + (n / a) · 1/B(n - 1, a) in log space.
    """
    log_inverse = 0.0
    for n in range(1, servers + 1):
        s = math.log(n / load) + log_inverse
        log_inverse = s + math.log1p(math.exp(-s)) if s > 0.0 else math.log1p(math.exp(s))
    return log_inverse + math.log(-math.expm1(-log_inverse))
