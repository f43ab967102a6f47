"""Purchase histories drawn from the BG/NBD model itself, for checking a fit.

If data come from BG/NBD with known parameters, a correct fit must recover
them (up to sampling noise). The CDNOW estimates of Fader, Hardie & Lee (2005),
in weeks, are :data:`CDNOW_PARAMETERS`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.analytics.clv import BgNbdParameters

#: Published BG/NBD estimates for the CDNOW cohort (time unit: weeks).
CDNOW_PARAMETERS = BgNbdParameters(r=0.243, alpha=4.414, a=0.793, b=2.426)


def simulate_bgnbd(
    params: BgNbdParameters,
    customers: int,
    seed: int,
    first_week: float = 27.0,
    last_week: float = 39.0,
) -> pd.DataFrame:
    """Draw ``frequency``, ``recency`` and ``T`` for customers who follow BG/NBD exactly.

    Every customer gets λ ~ Gamma(r, rate alpha) and p ~ Beta(a, b), is alive at
    the first purchase (time 0), buys at rate λ and after each repeat purchase
    drops out with probability p. ``T`` is uniform between ``first_week`` and
    ``last_week`` (as in CDNOW, where customers joined over 12 weeks and were
    observed up to week 39).

    Parameters
    ----------
    params
        The true parameters (time unit: weeks).
    customers
        Number of customers.
    seed
        Seed of the random numbers.
    first_week, last_week
        Range of the observation length T (weeks).

    Returns
    -------
    pandas.DataFrame
        ``customer_id``, ``frequency``, ``recency``, ``T`` (weeks), plus the drawn
        ``true_rate`` (per week) and ``true_dropout``.

    Examples
    --------
    >>> data = simulate_bgnbd(CDNOW_PARAMETERS, 5, seed=3)
    >>> list(data.columns[:4]), bool((data["recency"] <= data["T"]).all())
    (['customer_id', 'frequency', 'recency', 'T'], True)
    """
    rng = np.random.default_rng(seed)
    rate = rng.gamma(params.r, 1.0 / params.alpha, customers)
    dropout = rng.beta(params.a, params.b, customers)
    horizon = rng.uniform(first_week, last_week, customers)
    frequency = np.zeros(customers, dtype=np.int64)
    recency = np.zeros(customers)
    clock = np.zeros(customers)
    active = rate > 0
    while active.any():
        index = np.flatnonzero(active)
        clock[index] += rng.exponential(1.0, index.size) / rate[index]
        bought = clock[index] <= horizon[index]
        buyers = index[bought]
        frequency[buyers] += 1
        recency[buyers] = clock[buyers]
        lapsed = rng.random(buyers.size) < dropout[buyers]
        active[index[~bought]] = False
        active[buyers[lapsed]] = False
    return pd.DataFrame(
        {
            "customer_id": np.arange(customers),
            "frequency": frequency,
            "recency": recency,
            "T": horizon,
            "true_rate": rate,
            "true_dropout": dropout,
        }
    )
