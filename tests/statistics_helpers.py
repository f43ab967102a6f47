"""Statistics for checking the simulator against queueing theory (Warteschlangentheorie).

Plain functions shared by the validation tests:

* independent replications: distinct, reproducible seeds and a table of
  per-replication estimates (:func:`replication_seeds`, :func:`replicate`);
* the decision rule: mean across replications within ``k`` standard errors of
  the theoretical value (:func:`compare_with_theory`);
* the window estimates of one run that the theory talks about (P(wait), ASA,
  service level, abandonment, time-average queue length), computed from the
  contact table (:func:`window_estimates`, :func:`time_average_waiting`);
* Cobham's formula for non-preemptive priority classes in M/M/c
  (:func:`cobham_waits_min`).

Times are minutes unless a name says otherwise (``_s`` seconds).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmsim.queueing.priority import priority_waits
from crmsim.sim.timeline import minutes_per_interval

#: Slack for floating-point rounding only; the statistical tolerance is the standard error.
FLOAT_EPSILON = 1e-9


def replication_seeds(base_seed: int, replications: int) -> list[np.random.SeedSequence]:
    """Independent seeds for ``replications`` runs, spawned from one base seed.

    Spawned seed sequences give statistically independent random streams, so
    the runs are independent replications, and the same ``base_seed`` always
    gives the same runs.
    """
    return np.random.SeedSequence(base_seed).spawn(replications)


def replicate(
    estimate: Callable[[np.random.SeedSequence], dict[str, float]],
    base_seed: int,
    replications: int,
) -> pd.DataFrame:
    """Run ``estimate`` once per independent seed and collect the results.

    Returns
    -------
    pandas.DataFrame
        One row per replication, one column per key of the dicts ``estimate`` returns.
    """
    rows = [estimate(seed) for seed in replication_seeds(base_seed, replications)]
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Comparison:
    """Mean of independent replication estimates next to a theoretical value.

    Attributes
    ----------
    mean:
        Mean of the per-replication estimates.
    standard_error:
        Sample standard deviation of the estimates ÷ √(replications).
    theory:
        The value the estimates should scatter around.
    replications:
        Number of estimates.
    """

    mean: float
    standard_error: float
    theory: float
    replications: int

    @property
    def z(self) -> float:
        """Distance between mean and theory in standard errors."""
        if self.standard_error == 0:
            return 0.0 if abs(self.mean - self.theory) <= FLOAT_EPSILON else np.inf
        return (self.mean - self.theory) / self.standard_error

    def agrees(self, k: float = 3.0) -> bool:
        """True if |mean − theory| ≤ k · SE (plus :data:`FLOAT_EPSILON`)."""
        return abs(self.mean - self.theory) <= k * self.standard_error + FLOAT_EPSILON

    def __str__(self) -> str:
        return (
            f"mean {self.mean:.6g} ± {self.standard_error:.3g} (SE, n={self.replications}), "
            f"theory {self.theory:.6g}, z = {self.z:+.2f}"
        )


def compare_with_theory(estimates: Sequence[float] | pd.Series, theory: float) -> Comparison:
    """Summarise replication estimates as mean and standard error against ``theory``.

    Examples
    --------
    >>> c = compare_with_theory([1.0, 2.0, 3.0], theory=2.5)
    >>> round(c.standard_error, 6), c.agrees()
    (0.57735, True)
    """
    values = np.asarray(estimates, dtype=float)
    if values.size < 2 or not np.all(np.isfinite(values)):
        raise ValueError(f"need at least two finite estimates, got {values.tolist()}")
    return Comparison(
        mean=float(values.mean()),
        standard_error=float(values.std(ddof=1) / np.sqrt(values.size)),
        theory=float(theory),
        replications=int(values.size),
    )


def window_estimates(
    contacts: pd.DataFrame,
    start_min: float,
    end_min: float,
    sl_threshold_s: float,
) -> dict[str, float]:
    """The queueing-theory figures of the contacts that arrived in [start_min, end_min).

    The definitions are those of the analytic formulas: ``p_wait`` share of
    offered contacts that waited at all; ``asa_s`` mean wait of answered ones
    (seconds); ``service_level`` answered within the threshold ÷ offered;
    ``abandon_rate`` abandoned ÷ offered. Every contact in the window must be
    decided (answered or abandoned): choose ``end_min`` well before the end of the run.

    Returns
    -------
    dict
        ``offered``, ``p_wait``, ``asa_s``, ``service_level``, ``abandon_rate``.
    """
    arrival = contacts["arrival_min"]
    window = contacts[(arrival >= start_min) & (arrival < end_min)]
    answered = (window["agent_id"] >= 0).to_numpy()
    abandoned = (window["outcome"] == "abandoned").to_numpy()
    undecided = int((~answered & ~abandoned).sum())
    if undecided:
        raise ValueError(f"{undecided} contacts in the window were neither answered nor abandoned")
    wait = window["wait_min"].to_numpy()
    offered = len(window)
    within = answered & (wait <= sl_threshold_s / 60.0 + FLOAT_EPSILON)
    return {
        "offered": float(offered),
        "p_wait": float((wait > 0).mean()),
        "asa_s": float(wait[answered].mean() * 60.0),
        "service_level": float(within.sum() / offered),
        "abandon_rate": float(abandoned.sum() / offered),
    }


def waiting_spells(contacts: pd.DataFrame, horizon_min: float) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (minutes) of every contact's time in the queue.

    A contact waits from its arrival until it is answered, abandons or the run
    ends; contacts that never queue (blocked, self-service) give empty spells.
    """
    start = contacts["arrival_min"].to_numpy()
    wait = contacts["wait_min"].to_numpy()
    end = np.where(np.isnan(wait), horizon_min, start + np.nan_to_num(wait))
    queued = contacts["channel"].ne("self_service").to_numpy()
    return start, np.where(queued, end, start)


def time_average_waiting(
    contacts: pd.DataFrame, start_min: float, end_min: float, horizon_min: float
) -> float:
    """Time-average number of contacts in the queue over [start_min, end_min).

    The area under the queue-length curve, built from the waiting spells with
    :func:`crmsim.sim.timeline.minutes_per_interval`, divided by the window length.
    """
    starts, ends = waiting_spells(contacts, horizon_min)
    area = minutes_per_interval(starts, ends, np.array([start_min, end_min]))
    return float(area[0] / (end_min - start_min))


def cobham_waits_min(
    agents: int, calls_per_hour_by_class: Sequence[float], aht_min: float
) -> list[float]:
    """Mean wait (minutes) per priority class from Cobham's formula in crmsim.queueing."""
    return [w.mean_wait_min for w in priority_waits(agents, calls_per_hour_by_class, aht_min)]
