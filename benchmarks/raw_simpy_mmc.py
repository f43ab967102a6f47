"""The M/M/c queue as a beginner writes it in plain SimPy: the speed baseline.

One :class:`simpy.Resource` with ``agents`` places, one source process that
creates calls with exponential gaps, one customer process per call that
requests an agent, notes the wait (Wartezeit) and holds the agent for an
exponential handling time. Nothing else is recorded: no contact table, no
agent log, no KPIs. This is the lower bound of what a SimPy-based simulator
costs per contact, and the yardstick for ``crmsim``'s full logging.

Random numbers come from one :class:`random.Random` instance seeded from the
``seed`` argument (no global state); its ``expovariate`` is the cheapest
exponential draw in plain Python, so the baseline is as fast as it fairly gets.
"""

from __future__ import annotations

import random
from collections.abc import Generator
from typing import Any

import simpy


def caller(
    env: simpy.Environment,
    agents: simpy.Resource,
    handle_min: float,
    waits_min: list[float],
) -> Generator[simpy.Event, Any, None]:
    """One call: wait for a free agent, note the wait, talk for ``handle_min`` minutes."""
    arrived = env.now
    with agents.request() as request:
        yield request
        waits_min.append(env.now - arrived)
        yield env.timeout(handle_min)


def call_source(
    env: simpy.Environment,
    agents: simpy.Resource,
    calls_per_min: float,
    aht_min: float,
    rng: random.Random,
    waits_min: list[float],
) -> Generator[simpy.Event, Any, None]:
    """Poisson arrivals: exponential gaps with mean ``1 / calls_per_min`` minutes."""
    while True:
        yield env.timeout(rng.expovariate(calls_per_min))
        env.process(caller(env, agents, rng.expovariate(1.0 / aht_min), waits_min))


def run_raw_simpy_mmc(
    agents: int, calls_per_min: float, aht_min: float, horizon_min: float, seed: int
) -> list[float]:
    """Simulate the M/M/c queue for ``horizon_min`` minutes in plain SimPy.

    Parameters
    ----------
    agents:
        Servers c (agents on duty all the time).
    calls_per_min:
        Arrival rate λ (calls per minute).
    aht_min:
        Mean exponential handling time 1/μ (minutes).
    horizon_min:
        Simulated time (minutes).
    seed:
        Seed of the run's own random generator.

    Returns
    -------
    list of float
        Waits in the queue (minutes) of the calls answered before the horizon,
        in order of answering.

    Examples
    --------
    >>> waits = run_raw_simpy_mmc(2, 1.0, 1.0, 600.0, seed=3)
    >>> 500 < len(waits) < 700 and min(waits) == 0.0
    True
    """
    env = simpy.Environment()
    resource = simpy.Resource(env, capacity=agents)
    waits_min: list[float] = []
    rng = random.Random(seed)
    env.process(call_source(env, resource, calls_per_min, aht_min, rng, waits_min))
    env.run(until=horizon_min)
    return waits_min
