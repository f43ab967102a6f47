"""The M/M/c queue in Ciw, a queueing-network simulation library: the peer benchmark.

Ciw describes a queue by its distributions and number of servers and
simulates it with its own event loop (not SimPy). Its records
(:meth:`ciw.Simulation.get_all_records`) are a log of every finished service
with arrival, wait, service start and end: comparable to ``crmsim``'s
contact table, so the comparison is logging against logging.

Ciw draws from a random generator kept at module level and seeded only
through :func:`ciw.seed`. That is global state, which the ``crmsim`` package
itself never uses; in a benchmark that runs one simulation at a time it is
harmless, so it is accepted here.
"""

from __future__ import annotations

import ciw


def run_ciw_mmc(
    agents: int, calls_per_min: float, aht_min: float, horizon_min: float, seed: int
) -> list[float]:
    """Simulate the M/M/c queue for ``horizon_min`` minutes in Ciw.

    Parameters
    ----------
    agents:
        Servers c.
    calls_per_min:
        Arrival rate λ (calls per minute).
    aht_min:
        Mean exponential handling time 1/μ (minutes).
    horizon_min:
        Simulated time (minutes).
    seed:
        Seed passed to :func:`ciw.seed` (global to Ciw, see the module notes).

    Returns
    -------
    list of float
        Waits in the queue (minutes) of the calls whose service ended before the
        horizon, in order of leaving.

    Examples
    --------
    >>> waits = run_ciw_mmc(2, 1.0, 1.0, 600.0, seed=3)
    >>> 500 < len(waits) < 700 and min(waits) == 0.0
    True
    """
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=calls_per_min)],
        service_distributions=[ciw.dists.Exponential(rate=1.0 / aht_min)],
        number_of_servers=[agents],
    )
    ciw.seed(seed)
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_time(horizon_min)
    return [record.waiting_time for record in simulation.get_all_records()]
