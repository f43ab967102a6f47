"""Little's law (Littles Gesetz) L = λ · W in the simulated contact center.

Two kinds of checks:

* on one sample path, with no statistics involved: over a window [T1, T2) the
  area under the queue-length curve equals the sum of the waits of the
  contacts that arrived in the window, corrected by the waiting time that
  crosses the window's edges; so the time-average queue length equals arrival
  rate × mean wait up to that edge term;
* against the formulas, over independent replications: the time-average number
  waiting (L_q) and the time-average number of busy agents agree with what
  Erlang C and Erlang A predict, within 3 standard errors.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest
from statistics_helpers import (
    compare_with_theory,
    replicate,
    time_average_waiting,
    waiting_spells,
)

from crmsim.queueing import erlang_a_metrics, erlang_c_metrics
from crmsim.scenario import mmc_scenario, scenario_from_dict
from crmsim.sim import SimulationResult, simulate
from crmsim.sim.timeline import minutes_per_interval

WARMUP_MIN = 60.0
HORIZON_MIN = 2880.0
REPLICATIONS = 12
ERLANG_C = {"agents": 14, "calls_per_hour": 200.0, "aht_min": 3.0}
ERLANG_A = {"agents": 12, "calls_per_hour": 200.0, "aht_min": 3.0, "patience_min": 3.0}

MIXED_CENTER = {
    "name": "phone and chat with shifts",
    "interval_min": 30,
    "channels": {
        "phone": {
            "daily_volume": 900,
            "intraday_profile": "business_day",
            "aht_min": 4,
            "acw_min": 1,
            "patience_min": 3,
            "handle_time_cv": 0.7,
        },
        "chat": {"daily_volume": 300, "aht_min": 8, "max_concurrent": 2, "patience_min": 5},
    },
    "agents": [
        {
            "name": "early",
            "count": 6,
            "shift_h": [6, 15],
            "breaks": [{"start_h": 11, "duration_min": 30}],
        },
        {"name": "late", "count": 5, "shift_h": [11, 22], "channels": ["phone", "chat"]},
        {"name": "chat", "count": 2, "channels": ["chat"]},
    ],
}


def edge_terms(
    starts: np.ndarray, ends: np.ndarray, window_start: float, window_end: float
) -> tuple[float, float]:
    """Queue time that crosses into the window at its start and out of it at its end.

    Returns
    -------
    (carried_in, carried_out)
        Minutes spent inside the window by spells that began before it, and
        minutes spent after the window by spells that began inside it.
    """
    before = starts < window_start
    carried_in = np.clip(np.minimum(ends[before], window_end) - window_start, 0, None).sum()
    inside = (starts >= window_start) & (starts < window_end)
    carried_out = np.clip(ends[inside] - window_end, 0, None).sum()
    return float(carried_in), float(carried_out)


def check_little_on_sample_path(
    result: SimulationResult, channel: str, window_start: float, window_end: float
) -> tuple[float, float]:
    """Assert the exact sample-path identity; return (L, λ·W) for the window."""
    contacts = result.contacts[result.contacts["channel"] == channel]
    starts, ends = waiting_spells(contacts, result.horizon_min)
    length = window_end - window_start
    area = minutes_per_interval(starts, ends, np.array([window_start, window_end]))[0]
    inside = (starts >= window_start) & (starts < window_end)
    waits = ends[inside] - starts[inside]
    carried_in, carried_out = edge_terms(starts, ends, window_start, window_end)
    assert area == pytest.approx(waits.sum() + carried_in - carried_out, abs=1e-6)
    arrival_rate = inside.sum() / length
    return area / length, arrival_rate * waits.mean()


def test_little_holds_on_one_path_of_an_mmc_queue() -> None:
    result = simulate(mmc_scenario(**ERLANG_A), seed=11, horizon_min=HORIZON_MIN)
    queue_length, rate_times_wait = check_little_on_sample_path(
        result, "phone", WARMUP_MIN, HORIZON_MIN
    )
    assert queue_length > 0.3
    assert queue_length == pytest.approx(rate_times_wait, rel=0.01)
    # time_average_waiting, used by the statistical tests, computes the same area.
    assert time_average_waiting(
        result.contacts, WARMUP_MIN, HORIZON_MIN, result.horizon_min
    ) == pytest.approx(queue_length, rel=1e-12)


@pytest.mark.parametrize("channel", ["phone", "chat"])
def test_little_holds_per_channel_in_a_mixed_center(channel: str) -> None:
    """No Poisson or exponential assumption needed: Little holds with shifts, ACW, chats."""
    scenario = scenario_from_dict(MIXED_CENTER)
    result = simulate(scenario, seed=5, days=2)
    assert result.contacts.loc[result.contacts["channel"] == channel, "wait_min"].max() > 1
    for day in (0, 1):
        start, end = day * 1440.0 + 480.0, day * 1440.0 + 1080.0
        queue_length, rate_times_wait = check_little_on_sample_path(result, channel, start, end)
        assert queue_length == pytest.approx(rate_times_wait, rel=0.05)


def test_edge_terms_of_a_hand_made_queue() -> None:
    """Three spells around a window [10, 20): one reaches in, one lies inside, one reaches out."""
    starts = np.array([5.0, 12.0, 18.0])
    ends = np.array([14.0, 15.0, 26.0])
    assert edge_terms(starts, ends, 10.0, 20.0) == (4.0, 6.0)
    frame = pd.DataFrame(
        {
            "arrival_min": starts,
            "wait_min": ends - starts,
            "channel": ["phone"] * 3,
        }
    )
    # Area inside: 4 + 3 + 2 = 9 contact-minutes over 10 minutes.
    assert time_average_waiting(frame, 10.0, 20.0, horizon_min=30.0) == pytest.approx(0.9)


def busy_agents(result: SimulationResult, start: float, end: float) -> float:
    """Time-average number of agents handling a contact over [start, end)."""
    states = result.agent_states()
    handling = states[states["state"] == "handling"]
    area = minutes_per_interval(
        handling["start_min"].to_numpy(), handling["end_min"].to_numpy(), np.array([start, end])
    )
    return float(area[0] / (end - start))


@cache
def replications(abandonment: bool) -> pd.DataFrame:
    """Per replication: L_q, busy agents, and λ·W for the queue after the warm-up."""
    parameters = ERLANG_A if abandonment else ERLANG_C
    scenario = mmc_scenario(**parameters)

    def estimate(seed: np.random.SeedSequence) -> dict[str, float]:
        result = simulate(scenario, seed=seed, horizon_min=HORIZON_MIN)
        contacts = result.contacts
        after = contacts[contacts["arrival_min"] >= WARMUP_MIN]
        length = HORIZON_MIN - WARMUP_MIN
        return {
            "queue_length": time_average_waiting(contacts, WARMUP_MIN, HORIZON_MIN, HORIZON_MIN),
            "busy_agents": busy_agents(result, WARMUP_MIN, HORIZON_MIN),
            "rate_times_wait": len(after) / length * after["wait_min"].fillna(0).mean(),
            "abandoned_per_min": float((after["outcome"] == "abandoned").sum() / length),
        }

    return replicate(estimate, 301 if abandonment else 302, REPLICATIONS)


@pytest.mark.slow
def test_queue_length_and_busy_agents_match_erlang_c() -> None:
    theory = erlang_c_metrics(sl_threshold_s=20.0, **ERLANG_C)
    table = replications(abandonment=False)
    checks = {
        "queue_length": theory.mean_calls_waiting,
        "rate_times_wait": theory.mean_calls_waiting,
        "busy_agents": theory.offered_load_erl,
    }
    results = {name: compare_with_theory(table[name], value) for name, value in checks.items()}
    assert all(c.agrees() for c in results.values()), results
    # The same check tells a wrong staffing level apart.
    wrong = erlang_c_metrics(ERLANG_C["agents"] + 1, ERLANG_C["calls_per_hour"], 3.0, 20.0)
    assert not compare_with_theory(table["queue_length"], wrong.mean_calls_waiting).agrees()


@pytest.mark.slow
def test_queue_length_and_busy_agents_match_erlang_a() -> None:
    """With abandonment L_q = λ · P(abandon) · patience, busy agents = a · (1 − P(abandon))."""
    theory = erlang_a_metrics(sl_threshold_s=20.0, **ERLANG_A)
    table = replications(abandonment=True)
    calls_per_min = ERLANG_A["calls_per_hour"] / 60.0
    checks = {
        "queue_length": theory.mean_calls_waiting,
        "rate_times_wait": theory.mean_calls_waiting,
        "busy_agents": theory.occupancy * ERLANG_A["agents"],
        "abandoned_per_min": calls_per_min * theory.abandon_rate,
    }
    results = {name: compare_with_theory(table[name], value) for name, value in checks.items()}
    assert all(c.agrees() for c in results.values()), results
    # Each waiting caller hangs up at rate 1/patience: abandonments per minute = L_q / patience.
    per_replication = table["queue_length"] / ERLANG_A["patience_min"]
    assert compare_with_theory(table["abandoned_per_min"] - per_replication, 0.0).agrees(), (
        "abandonment flow differs from L_q / patience"
    )
    # Ignoring abandonment (Erlang C) is rejected.
    erlang_c = erlang_c_metrics(ERLANG_A["agents"], ERLANG_A["calls_per_hour"], 3.0, 20.0)
    assert not compare_with_theory(table["queue_length"], erlang_c.mean_calls_waiting).agrees()
