"""M/M/c/K (limited lines) and Cobham's priority formula against their limiting cases."""

from __future__ import annotations

import math

import pytest

from crmsim.errors import InputError
from crmsim.queueing import erlang_b, erlang_c, erlang_c_metrics
from crmsim.queueing.limited_lines import mmck_metrics
from crmsim.queueing.priority import priority_waits


@pytest.mark.parametrize(("agents", "calls", "aht"), [(1, 10, 3), (8, 120, 3), (30, 900, 2.5)])
def test_as_many_lines_as_agents_is_erlang_b(agents, calls, aht):
    metrics = mmck_metrics(agents, agents, calls, aht)
    assert metrics.blocked == pytest.approx(erlang_b(agents, calls / 60 * aht), rel=1e-12)
    assert metrics.p_wait == 0 and metrics.asa_s == 0 and metrics.service_level == 1


@pytest.mark.parametrize(("agents", "calls", "aht"), [(14, 200, 3), (3, 50, 3), (100, 1900, 3)])
def test_many_lines_tend_to_erlang_c(agents, calls, aht):
    limited = mmck_metrics(agents, agents + 5000, calls, aht, sl_threshold_s=20)
    patient = erlang_c_metrics(agents, calls, aht, sl_threshold_s=20)
    assert limited.blocked < 1e-12
    assert limited.p_wait == pytest.approx(patient.p_wait, rel=1e-9)
    assert limited.asa_s == pytest.approx(patient.asa_s, rel=1e-9)
    assert limited.service_level == pytest.approx(patient.service_level, rel=1e-9)


def test_one_agent_two_lines_by_hand():
    # M/M/1/2 with a = 1: pi = (1, 1, 1) / 3. Blocked 1/3; of accepted, half wait.
    metrics = mmck_metrics(1, 2, calls_per_hour=20, aht_min=3, sl_threshold_s=0)
    assert metrics.blocked == pytest.approx(1 / 3)
    assert metrics.p_wait == pytest.approx(0.5)
    # L_q = pi_2 = 1/3; accepted rate = 20/60 * 2/3 per minute; wait = 1.5 min = 90 s.
    assert metrics.asa_s == pytest.approx(90.0)
    assert metrics.service_level == pytest.approx(0.5)  # at t = 0: those who need not wait
    later = mmck_metrics(1, 2, 20, 3, sl_threshold_s=180)  # one exponential of mean 3 min
    assert later.service_level == pytest.approx(1 - 0.5 * math.exp(-1.0))


def test_overload_is_finite_with_lines_and_blocks_the_excess():
    metrics = mmck_metrics(5, 10, calls_per_hour=1000, aht_min=3)
    assert metrics.blocked == pytest.approx(0.9, abs=1e-3)
    assert metrics.occupancy == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((8, 7, 100, 3), "lines must be ≥ agents"),
        ((8, 10**6, 100, 3), "lines must be ≤ 100,000"),
        ((0, 4, 100, 3), "agents"),
        ((2, 4, -1, 3), "calls_per_hour"),
    ],
)
def test_limited_lines_refuse_bad_input(arguments, message):
    with pytest.raises(InputError, match=message):
        mmck_metrics(*arguments)


@pytest.mark.parametrize("agents", [1, 4, 20])
def test_one_priority_class_is_erlang_c(agents):
    calls, aht = agents * 15.0, 3.0  # a = 0.75 c
    (only,) = priority_waits(agents, [calls], aht)
    patient = erlang_c_metrics(agents, calls, aht)
    assert only.mean_wait_min * 60 == pytest.approx(patient.asa_s, rel=1e-12)


def test_priority_conserves_the_fifo_mean_wait_and_orders_the_classes():
    rates, agents, aht = [20.0, 50.0, 30.0], 6, 3.0
    waits = priority_waits(agents, rates, aht)
    mean = sum(w.calls_per_hour * w.mean_wait_min for w in waits) / sum(rates)
    assert mean * 60 == pytest.approx(erlang_c_metrics(agents, sum(rates), aht).asa_s)
    assert [w.priority for w in waits] == [1, 2, 3]
    assert waits[0].mean_wait_min < waits[1].mean_wait_min < waits[2].mean_wait_min


def test_the_mm1_priority_queue_by_hand():
    # M/M/1, mu = 1/min, two classes of 0.25/min each: W1 = rho/(mu(1-s1)) = 0.5/0.75.
    waits = priority_waits(1, [15, 15], aht_min=1)
    assert waits[0].mean_wait_min == pytest.approx(0.5 / 0.75)
    assert waits[1].mean_wait_min == pytest.approx(0.5 / (0.75 * 0.5))
    assert erlang_c(1, 0.5) == pytest.approx(0.5)


def test_priority_refuses_an_unstable_queue_and_no_classes():
    with pytest.raises(InputError, match="no steady state"):
        priority_waits(2, [60, 60], aht_min=1)
    with pytest.raises(InputError, match="at least one class"):
        priority_waits(2, [], aht_min=1)
