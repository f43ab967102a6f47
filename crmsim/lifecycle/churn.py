"""Churn (Abwanderung): a hazard that rises with dissatisfaction, long waits and open complaints.

A customer cancels when the hazard accumulated since the start of the
relationship exceeds a personal exponential threshold (the usual way to draw
an event from a time-varying hazard). The hazard is re-evaluated whenever
something happens to the customer and at least every ``RECHECK_DAYS``.
Decaying counters remember recent long waits and unresolved complaints.
"""

from __future__ import annotations

import math

from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_YEAR

RECHECK_DAYS = 180.0
#: Satisfaction level at which dissatisfaction starts to raise the hazard.
SATISFACTION_REFERENCE = 8.0
#: Half-life of the memory of long waits and of unresolved complaints, in days.
MEMORY_HALF_LIFE_DAYS = 240.0
#: Hazard multiplier while a retention offer (Kundenbindungsangebot) is in force.
RETENTION_HAZARD_FACTOR = 0.35
RETENTION_EFFECT_DAYS = 180.0

CHURN_REASONS = (
    "competitor_or_life_change",
    "dissatisfaction",
    "long_waits",
    "unresolved_complaint",
)
DROPOUT_REASON = "silent_dropout"

#: Decay rate (per minute) of the memory of long waits and unresolved complaints.
DECAY_PER_MIN = math.log(2.0) / (MEMORY_HALF_LIFE_DAYS * MINUTES_PER_DAY)


def decayed(count: float, since_min: float, now_min: float) -> float:
    """A counter last set at ``since_min`` as seen at ``now_min`` (both minutes)."""
    if not count:  # most customers: nothing to remember (0 × the decay is 0 anyway)
        return 0.0
    return count * math.exp(-DECAY_PER_MIN * (now_min - since_min))


def hazard_terms(
    satisfaction: float,
    long_waits: float,
    open_complaints: float,
    base_rate: float,
    satisfaction_effect: float,
    wait_effect: float,
    complaint_effect: float,
) -> tuple[float, float, float, float]:
    """Log-contributions of each churn driver, in the order of ``CHURN_REASONS``.

    The yearly hazard is ``exp(sum of the four terms)``; the first term holds
    the base rate, the others are zero for a satisfied customer without problems.
    """
    return (
        math.log(base_rate),
        satisfaction_effect * max(0.0, SATISFACTION_REFERENCE - satisfaction),
        math.log1p(wait_effect * long_waits),
        math.log1p(complaint_effect * open_complaints),
    )


def hazard_per_min(terms: tuple[float, float, float, float], retained: bool) -> float:
    """Churn hazard per minute from the log-contributions."""
    yearly = math.exp(sum(terms)) * (RETENTION_HAZARD_FACTOR if retained else 1.0)
    return yearly / MINUTES_PER_YEAR


def churn_reason(terms: tuple[float, float, float, float], u: float) -> str:
    """Pick the recorded reason in proportion to each driver's share of the hazard.

    The base term counts with weight 1 (reasons outside the company's reach);
    the others with their log-contribution.
    """
    weights = (1.0, *terms[1:])
    total = sum(weights)
    bound = 0.0
    for reason, weight in zip(CHURN_REASONS, weights, strict=True):
        bound += weight / total
        if u < bound:
            return reason
    return CHURN_REASONS[-1]
