"""Latent satisfaction: a score from 0 to 10 that moves with experiences and drifts back.

Each customer has a baseline (how satisfied they are when nothing happens).
Experiences push the score up or down at once; between experiences it returns
to the baseline exponentially. CSAT and NPS surveys sample the score with noise.
The score is stored lazily as (value, time of last update) per customer.
"""

from __future__ import annotations

import math

import numpy as np

from crmsim.time_units import MINUTES_PER_YEAR

#: Immediate change of the score (points on 0..10) per experience.
EXPERIENCE_EFFECTS: dict[str, float] = {
    "contact_resolved": 0.25,
    "contact_unresolved": -0.7,
    "contact_abandoned": -0.9,
    "contact_blocked": -0.9,
    "product_failure": -2.0,
    "complaint_unreached": -0.6,
    "retention_offer_accepted": 0.8,
}
#: Change of the score when a complaint is handled, by policy and outcome (resolved?).
COMPLAINT_EFFECTS: dict[tuple[str, bool], float] = {
    ("none", True): 0.0,
    ("none", False): -1.2,
    ("standardised", True): 0.6,
    ("standardised", False): -0.8,
    ("personal", True): 1.4,
    ("personal", False): -0.4,
}
#: Points lost per multiple of the customer's patience spent waiting beyond it (capped).
WAIT_PENALTY_PER_PATIENCE = 0.5
WAIT_PENALTY_CAP = 1.5


class SatisfactionBook:
    """Latent satisfaction of every customer of a shard.

    Parameters
    ----------
    baseline
        Baseline score per customer (0..10).
    recovery_per_year
        Rate of the exponential return to the baseline, per year.
    """

    def __init__(self, baseline: np.ndarray, recovery_per_year: float) -> None:
        # Python lists: one customer's score is read and written thousands of times per
        # shard, and indexing a list is several times cheaper than a numpy array.
        self.baseline: list[float] = baseline.astype(float).tolist()
        self.value: list[float] = list(self.baseline)
        self.updated_min: list[float] = [0.0] * len(self.baseline)
        self.rate_per_min = recovery_per_year / MINUTES_PER_YEAR

    def score(self, index: int, now_min: float) -> float:
        """Current score of one customer at ``now_min`` (minutes)."""
        base = self.baseline[index]
        decay = math.exp(-self.rate_per_min * (now_min - self.updated_min[index]))
        return base + (self.value[index] - base) * decay

    def scores(self, now_min: float) -> np.ndarray:
        """Current scores of all customers at ``now_min`` (minutes)."""
        baseline = np.asarray(self.baseline)
        decay = np.exp(-self.rate_per_min * (now_min - np.asarray(self.updated_min)))
        return baseline + (np.asarray(self.value) - baseline) * decay

    def shift(self, index: int, now_min: float, points: float) -> float:
        """Move one customer's score by ``points`` (clipped to 0..10); return the new score."""
        new = min(10.0, max(0.0, self.score(index, now_min) + points))
        self.value[index] = new
        self.updated_min[index] = now_min
        return new


def wait_penalty(wait_min: float, patience_min: float) -> float:
    """Points lost for waiting ``wait_min`` minutes with a tolerance of ``patience_min``."""
    if wait_min <= patience_min:
        return 0.0
    return min(WAIT_PENALTY_CAP, WAIT_PENALTY_PER_PATIENCE * (wait_min / patience_min))


def csat_answer(score: float, noise: float) -> int:
    """CSAT answer (1 = very dissatisfied .. 5 = very satisfied) for a latent score."""
    return int(min(5, max(1, round(1.0 + 0.42 * score + 0.6 * noise - 0.6))))


def nps_answer(score: float, noise: float) -> int:
    """NPS answer (0..10, likelihood to recommend) for a latent score."""
    return int(min(10, max(0, round(score + 0.3 + 1.1 * noise))))
