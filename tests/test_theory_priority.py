"""VIP routing (Priorisierung nach Kundenwert) agrees with Cobham's formula.

With value classes and VIP routing the simulator serves the better class
first, first-come-first-served within a class, and never interrupts a call in
progress: the M/M/c queue with non-preemptive priority. For identical
exponential handling times Cobham's formula gives the mean wait per class
(:func:`statistics_helpers.cobham_waits_min`). First the formula itself is
checked (one class is Erlang C, one agent is the textbook M/M/1 result, the
average over classes is the FIFO wait), then the simulation is compared with
it over independent replications.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pytest
from statistics_helpers import cobham_waits_min, compare_with_theory, replicate

from crmsim.queueing import erlang_c, erlang_c_metrics
from crmsim.scenario import mmc_scenario
from crmsim.sim import simulate

WARMUP_MIN = 120.0
COOLDOWN_MIN = 120.0
HORIZON_MIN = 6 * 1440.0
REPLICATIONS = 16


@dataclass(frozen=True)
class PriorityCase:
    """An M/M/c queue whose callers belong to value classes served in the listed order."""

    agents: int
    calls_per_hour: float
    aht_min: float
    class_shares: tuple[tuple[str, float], ...]
    base_seed: int

    @property
    def rates_per_hour(self) -> list[float]:
        return [self.calls_per_hour * share for _, share in self.class_shares]

    @property
    def load_erl(self) -> float:
        return self.calls_per_hour * self.aht_min / 60.0


CASES = {
    "two classes, 85 % busy": PriorityCase(10, 170.0, 3.0, (("A", 0.3), ("B", 0.7)), 401),
    "three classes, 80 % busy": PriorityCase(
        10, 160.0, 3.0, (("A", 0.2), ("B", 0.3), ("C", 0.5)), 402
    ),
}


# ------------------------------------------------------------------ the formula itself
@pytest.mark.parametrize("agents, load", [(1, 0.5), (3, 2.2), (14, 10.0), (40, 37.5)])
def test_cobham_with_one_class_is_erlang_c(agents: int, load: float) -> None:
    aht_min = 4.0
    calls_per_hour = load / aht_min * 60.0
    (wait,) = cobham_waits_min(agents, [calls_per_hour], aht_min)
    expected = erlang_c_metrics(agents, calls_per_hour, aht_min, 20.0).asa_s / 60.0
    assert wait == pytest.approx(expected, rel=1e-12)


def test_cobham_with_one_agent_is_the_mm1_priority_queue() -> None:
    """M/M/1 non-preemptive: W_k = (ρ/μ) / ((1 − σ_{k−1})(1 − σ_k)), mean residual work ρ/μ."""
    aht_min = 2.0
    rates = [6.0, 9.0, 12.0]  # calls per hour: λ = 0.45 per minute, ρ = 0.9
    mu = 1.0 / aht_min
    lam = np.array(rates) / 60.0
    rho = lam.sum() / mu
    sigma = np.concatenate(([0.0], np.cumsum(lam) / mu))
    expected = [(rho / mu) / ((1 - sigma[k]) * (1 - sigma[k + 1])) for k in range(3)]
    assert cobham_waits_min(1, rates, aht_min) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_cobham_conserves_the_fifo_mean_wait(case: PriorityCase) -> None:
    """Priorities move waiting time between classes, the arrival-weighted mean stays (Kleinrock)."""
    waits = cobham_waits_min(case.agents, case.rates_per_hour, case.aht_min)
    weights = np.array(case.rates_per_hour) / case.calls_per_hour
    fifo = erlang_c_metrics(case.agents, case.calls_per_hour, case.aht_min, 20.0).asa_s / 60.0
    assert float(np.dot(weights, waits)) == pytest.approx(fifo, rel=1e-12)
    assert waits == sorted(waits)
    assert waits[0] < fifo < waits[-1]


def test_cobham_rejects_an_unstable_queue() -> None:
    with pytest.raises(ValueError, match="no steady state"):
        cobham_waits_min(2, [30.0, 31.0], 2.0)


# ------------------------------------------------------------------ simulation vs formula
@cache
def replications(case: PriorityCase) -> pd.DataFrame:
    """Per replication and class: mean wait (``wait_<class>``) and P(wait) (``p_wait_<class>``)."""
    scenario = mmc_scenario(
        case.agents, case.calls_per_hour, case.aht_min, class_shares=dict(case.class_shares)
    )

    def estimate(seed: np.random.SeedSequence) -> dict[str, float]:
        contacts = simulate(scenario, seed=seed, horizon_min=HORIZON_MIN).contacts
        arrival = contacts["arrival_min"]
        window = contacts[(arrival >= WARMUP_MIN) & (arrival < HORIZON_MIN - COOLDOWN_MIN)]
        assert (window["agent_id"] >= 0).all(), "a contact in the window was never answered"
        row = {"wait_all": float(window["wait_min"].mean())}
        for name, _ in case.class_shares:
            waits = window.loc[window["value_class"] == name, "wait_min"]
            row[f"wait_{name}"] = float(waits.mean())
            row[f"p_wait_{name}"] = float((waits > 0).mean())
        return row

    return replicate(estimate, case.base_seed, REPLICATIONS)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_mean_wait_per_class_matches_cobham(case: PriorityCase) -> None:
    table = replications(case)
    waits = cobham_waits_min(case.agents, case.rates_per_hour, case.aht_min)
    results = {
        name: compare_with_theory(table[f"wait_{name}"], wait)
        for (name, _), wait in zip(case.class_shares, waits, strict=True)
    }
    assert all(c.agrees() for c in results.values()), results


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_every_class_waits_with_the_erlang_c_probability(case: PriorityCase) -> None:
    """Whether a caller waits depends on busy agents only, not on the order of service."""
    table = replications(case)
    p_wait = erlang_c(case.agents, case.load_erl)
    results = {
        name: compare_with_theory(table[f"p_wait_{name}"], p_wait) for name, _ in case.class_shares
    }
    assert all(c.agrees() for c in results.values()), results
    fifo_wait = erlang_c_metrics(case.agents, case.calls_per_hour, case.aht_min, 20.0).asa_s / 60
    overall = compare_with_theory(table["wait_all"], fifo_wait)
    assert overall.agrees(), overall


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_check_rejects_fifo_waits_for_the_classes(case: PriorityCase) -> None:
    """Pretending there were no priorities (every class with the FIFO wait) is rejected."""
    table = replications(case)
    fifo_wait = erlang_c_metrics(case.agents, case.calls_per_hour, case.aht_min, 20.0).asa_s / 60
    best, worst = case.class_shares[0][0], case.class_shares[-1][0]
    assert not compare_with_theory(table[f"wait_{best}"], fifo_wait).agrees()
    assert not compare_with_theory(table[f"wait_{worst}"], fifo_wait).agrees()


def test_priority_order_within_one_run() -> None:
    """Once agents are all busy, a waiting class-A caller is always answered before any
    class-B caller who is waiting at that moment (non-preemptive: calls in progress go on)."""
    scenario = mmc_scenario(3, 50.0, 3.0, class_shares={"A": 0.4, "B": 0.6})
    contacts = simulate(scenario, seed=3, horizon_min=1440.0).contacts
    answered = contacts[contacts["agent_id"] >= 0]
    a = answered[answered["value_class"] == "A"]
    b = answered[answered["value_class"] == "B"]
    # A B caller answered at time t while an A caller was waiting (arrived before t,
    # answered after t) would break the rule.
    a_arrival = a["arrival_min"].to_numpy()[:, None]
    a_answer = a["answer_min"].to_numpy()[:, None]
    b_answer = b["answer_min"].to_numpy()[None, :]
    overtaken = (a_arrival < b_answer) & (a_answer > b_answer)
    assert not overtaken.any()
    # Within a class callers are served first come, first served.
    for group in (a, b):
        waited = group[group["wait_min"] > 0].sort_values("arrival_min")
        assert waited["answer_min"].is_monotonic_increasing
    assert (b["wait_min"] > 0).sum() > 50
