"""Tests for crmsim.queueing: pinned textbook values, independent re-derivations,
invariants (hypothesis) and the error messages at the edge."""

from __future__ import annotations

import dataclasses
import doctest
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import expm
from scipy.stats import poisson

import crmsim.queueing
from crmsim.errors import InputError
from crmsim.queueing import (
    STAFFING_TABLE_COLUMNS,
    QueueMetrics,
    agents_for_service_level,
    erlang_a_metrics,
    erlang_b,
    erlang_c,
    erlang_c_metrics,
    staffing_for_service_level,
    staffing_table,
)
from crmsim.queueing import erlang_a as erlang_a_module
from crmsim.queueing import erlang_bc as erlang_bc_module
from crmsim.queueing import metrics as metrics_module
from crmsim.queueing import staffing as staffing_module

FAST = settings(max_examples=40, deadline=None)


# ---------------------------------------------------------------- independent references
def birth_death_probabilities(agents, calls_per_min, aht_min, patience_min, states=600):
    """Stationary distribution of M/M/c+M by brute force over a truncated state space."""
    weights = np.empty(states)
    weights[0] = 1.0
    for n in range(1, states):
        departures = min(n, agents) / aht_min + max(n - agents, 0) / patience_min
        weights[n] = weights[n - 1] * calls_per_min / departures
    return weights / weights.sum()


def tagged_caller(agents, calls_per_min, aht_min, patience_min, threshold_min, states=400):
    """P(answered within threshold) and E[wait; answered] from the caller's own Markov chain.

    Transient state k = callers ahead in the queue; from k the caller moves to k - 1 at
    rate c/AHT + k/patience (to "answered" from k = 0) and abandons at rate 1/patience.
    """
    pi = birth_death_probabilities(agents, calls_per_min, aht_min, patience_min, states)
    found_waiting = pi[agents:]
    size = len(found_waiting)
    generator = np.zeros((size, size))
    to_answered = np.zeros(size)
    for k in range(size):
        move_up = agents / aht_min + k / patience_min
        if k == 0:
            to_answered[k] = move_up
        else:
            generator[k, k - 1] = move_up
        generator[k, k] = -(move_up + 1.0 / patience_min)
    answered_by = found_waiting @ np.linalg.solve(
        generator, (expm(generator * threshold_min) - np.eye(size)) @ to_answered
    )
    inverse = np.linalg.inv(-generator)
    wait_if_answered = found_waiting @ inverse @ inverse @ to_answered
    answered = pi[:agents].sum() + found_waiting @ inverse @ to_answered
    return pi[:agents].sum() + answered_by, wait_if_answered / answered


# ---------------------------------------------------------------- pinned values
def test_erlang_c_pinned_case_10_erlang_14_agents():
    metrics = erlang_c_metrics(14, calls_per_hour=200, aht_min=3, sl_threshold_s=20)
    assert metrics.offered_load_erl == pytest.approx(10.0)
    assert round(metrics.p_wait, 5) == 0.17413
    assert round(metrics.asa_s, 2) == 7.84
    assert round(metrics.service_level, 5) == 0.88835
    assert round(metrics.occupancy, 4) == 0.7143
    assert metrics.abandon_rate == 0.0
    assert metrics.model == "erlang_c"
    assert erlang_c(14, 10.0) == pytest.approx(metrics.p_wait, rel=1e-15)


def test_erlang_a_pinned_case_patience_5_min():
    metrics = erlang_a_metrics(14, calls_per_hour=200, aht_min=3, patience_min=5)
    assert round(metrics.abandon_rate, 6) == 0.013984
    assert round(metrics.service_level, 5) == 0.91679
    assert metrics.model == "erlang_a"
    assert metrics.occupancy == pytest.approx(10 * (1 - metrics.abandon_rate) / 14)


@pytest.mark.parametrize(
    ("agents", "load", "expected"),
    [(5, 3.0, 0.11005), (1, 1.0, 0.5), (2, 1.0, 0.2), (10, 5.0, 0.01838)],
)
def test_erlang_b_known_values(agents, load, expected):
    assert round(erlang_b(agents, load), 5) == expected


def test_numpy_numbers_are_accepted():
    assert erlang_b(np.int64(5), np.float64(3.0)) == pytest.approx(erlang_b(5, 3.0))
    assert erlang_c_metrics(np.int32(14), np.float32(200), 3).agents == 14


def test_erlang_b_and_c_without_traffic_are_zero():
    assert erlang_b(3, 0.0) == 0.0
    assert erlang_c(3, 0.0) == 0.0


@pytest.mark.parametrize(("agents", "load"), [(600, 550.0), (1000, 1200.0), (5000, 4900.0)])
def test_erlang_b_large_centres_match_poisson_ratio(agents, load):
    # B(c, a) = P(N = c) / P(N ≤ c) for N ~ Poisson(a).
    expected = math.exp(poisson.logpmf(agents, load) - poisson.logcdf(agents, load))
    assert erlang_b(agents, load) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(("agents", "load"), [(3, 2.0), (14, 10.0), (700, 680.0)])
def test_erlang_c_matches_direct_stationary_sum(agents, load):
    # C = P(N=c)·c/(c-a) / (P(N<c) + P(N=c)·c/(c-a)), Poisson terms in log space.
    waiting = math.exp(poisson.logpmf(agents, load)) * agents / (agents - load)
    expected = waiting / (poisson.cdf(agents - 1, load) + waiting)
    assert erlang_c(agents, load) == pytest.approx(expected, rel=1e-9)


# ---------------------------------------------------------------- Erlang A against references
@pytest.mark.parametrize(
    ("agents", "calls_per_hour", "aht_min", "patience_min"),
    [(14, 200, 3, 5), (3, 90, 4, 1.5), (10, 400, 2, 2), (2, 30, 6, 20)],
)
def test_erlang_a_matches_birth_death_chain(agents, calls_per_hour, aht_min, patience_min):
    metrics = erlang_a_metrics(agents, calls_per_hour, aht_min, patience_min)
    pi = birth_death_probabilities(agents, calls_per_hour / 60, aht_min, patience_min)
    queue_lengths = np.maximum(np.arange(len(pi)) - agents, 0)
    mean_waiting = float(pi @ queue_lengths)
    assert metrics.p_wait == pytest.approx(pi[agents:].sum(), rel=1e-10)
    assert metrics.mean_calls_waiting == pytest.approx(mean_waiting, rel=1e-10)
    # Abandonment flow θ·L_q equals λ·P(abandon).
    assert metrics.abandon_rate == pytest.approx(
        mean_waiting / patience_min / (calls_per_hour / 60), rel=1e-10
    )


@pytest.mark.parametrize(
    ("agents", "calls_per_hour", "aht_min", "patience_min", "threshold_s"),
    [(14, 200, 3, 5, 20), (3, 90, 4, 1.5, 30), (10, 400, 2, 2, 15), (4, 40, 5, 10, 60)],
)
def test_erlang_a_service_level_and_asa_match_tagged_caller_chain(
    agents, calls_per_hour, aht_min, patience_min, threshold_s
):
    metrics = erlang_a_metrics(agents, calls_per_hour, aht_min, patience_min, threshold_s)
    within, wait_answered_min = tagged_caller(
        agents, calls_per_hour / 60, aht_min, patience_min, threshold_s / 60
    )
    assert metrics.service_level == pytest.approx(within, rel=1e-8)
    assert metrics.asa_s == pytest.approx(wait_answered_min * 60, rel=1e-8)


@pytest.mark.parametrize(("agents", "calls_per_hour"), [(14, 200), (50, 950), (500, 9800)])
def test_erlang_a_tends_to_erlang_c_as_patience_grows(agents, calls_per_hour):
    patient = erlang_a_metrics(agents, calls_per_hour, 3, patience_min=1e8)
    classic = erlang_c_metrics(agents, calls_per_hour, 3)
    assert patient.abandon_rate < 1e-6
    for field in ("p_wait", "asa_s", "service_level", "occupancy"):
        assert getattr(patient, field) == pytest.approx(getattr(classic, field), rel=1e-5)
    assert patient.mean_calls_waiting == pytest.approx(classic.mean_calls_waiting, rel=1e-5)


@pytest.mark.parametrize("patience_min", [0.5, 5.0, 1e5])
def test_erlang_a_stays_finite_when_overloaded(patience_min):
    metrics = erlang_a_metrics(14, calls_per_hour=2000, aht_min=3, patience_min=patience_min)
    assert 0.999 < metrics.p_wait <= 1.0
    # With 100 Erlang offered and 14 agents at most 14 % can be answered.
    assert 0.86 - 1e-12 <= metrics.abandon_rate <= 1.0
    assert 0.99 < metrics.occupancy <= 1.0
    assert 0.0 <= metrics.service_level < 0.14
    assert math.isfinite(metrics.asa_s) and metrics.asa_s > 0


def test_erlang_a_large_centre_is_finite_and_consistent():
    metrics = erlang_a_metrics(600, calls_per_hour=22000, aht_min=1.5, patience_min=2)
    assert metrics.offered_load_erl == pytest.approx(550.0)
    assert 0.0 < metrics.p_wait < 0.2
    assert metrics.service_level > 0.9
    counts = metrics.expected_calls(hours=2)
    assert counts["answered"] + counts["abandoned"] == pytest.approx(counts["offered"])


def test_zero_calls_mean_nobody_waits():
    for metrics in (
        erlang_c_metrics(2, calls_per_hour=0, aht_min=3),
        erlang_a_metrics(2, calls_per_hour=0, aht_min=3, patience_min=1),
    ):
        assert (metrics.p_wait, metrics.asa_s, metrics.abandon_rate) == (0.0, 0.0, 0.0)
        assert (metrics.service_level, metrics.occupancy) == (1.0, 0.0)


def test_zero_threshold_service_level_is_share_answered_without_waiting():
    classic = erlang_c_metrics(14, 200, 3, sl_threshold_s=0)
    assert classic.service_level == pytest.approx(1 - classic.p_wait)
    impatient = erlang_a_metrics(14, 200, 3, patience_min=5, sl_threshold_s=0)
    assert impatient.service_level == pytest.approx(1 - impatient.p_wait)


# ---------------------------------------------------------------- invariants
agents_st = st.integers(min_value=1, max_value=60)
calls_st = st.floats(min_value=1.0, max_value=1500.0)
aht_st = st.floats(min_value=0.5, max_value=10.0)
patience_st = st.floats(min_value=0.2, max_value=60.0)
threshold_st = st.floats(min_value=0.0, max_value=120.0)


@FAST
@given(agents=agents_st, load=st.floats(min_value=0.0, max_value=80.0))
def test_erlang_c_is_at_least_erlang_b(agents, load):
    if load < agents:
        assert erlang_c(agents, load) >= erlang_b(agents, load)


@FAST
@given(agents=agents_st, calls=calls_st, aht=aht_st, patience=patience_st, t=threshold_st)
def test_erlang_a_improves_with_every_agent(agents, calls, aht, patience, t):
    fewer = erlang_a_metrics(agents, calls, aht, patience, t)
    more = erlang_a_metrics(agents + 1, calls, aht, patience, t)
    tol = 1e-12
    assert more.p_wait <= fewer.p_wait + tol
    assert more.abandon_rate <= fewer.abandon_rate + tol
    assert more.service_level >= fewer.service_level - tol
    assert more.asa_s <= fewer.asa_s + tol
    assert more.occupancy <= fewer.occupancy + tol
    for value in (more.p_wait, more.abandon_rate, more.service_level, more.occupancy):
        assert 0.0 <= value <= 1.0


@FAST
@given(agents=agents_st, calls=calls_st, aht=aht_st, t=threshold_st)
def test_erlang_c_improves_with_every_agent(agents, calls, aht, t):
    if calls / 60 * aht >= agents:
        return
    fewer = erlang_c_metrics(agents, calls, aht, t)
    more = erlang_c_metrics(agents + 1, calls, aht, t)
    assert more.p_wait <= fewer.p_wait
    assert more.service_level >= fewer.service_level
    assert more.asa_s <= fewer.asa_s
    assert more.occupancy < fewer.occupancy


@FAST
@given(agents=agents_st, calls=calls_st, aht=aht_st, patience=patience_st)
def test_abandonment_makes_waiting_shorter_than_erlang_c(agents, calls, aht, patience):
    if calls / 60 * aht >= agents:
        return
    impatient = erlang_a_metrics(agents, calls, aht, patience)
    classic = erlang_c_metrics(agents, calls, aht)
    assert impatient.p_wait <= classic.p_wait + 1e-12
    assert impatient.asa_s <= classic.asa_s + 1e-9


@FAST
@given(
    calls=calls_st,
    aht=aht_st,
    target=st.floats(min_value=0.05, max_value=0.99),
    patience=st.none() | patience_st,
)
def test_staffing_is_the_fewest_agents_that_meet_the_target(calls, aht, target, patience):
    plan = staffing_for_service_level(calls, aht, target, patience_min=patience)
    assert plan.metrics.agents == plan.agents_on_phones
    assert plan.metrics.service_level >= target
    if plan.agents_on_phones > 1:
        fewer = plan.agents_on_phones - 1
        if patience is None and fewer <= calls / 60 * aht:
            return  # unstable without abandonment: misses any target
        below = (
            erlang_c_metrics(fewer, calls, aht)
            if patience is None
            else erlang_a_metrics(fewer, calls, aht, patience)
        )
        assert below.service_level < target


# ---------------------------------------------------------------- staffing
def test_staffing_80_20_for_the_pinned_case():
    assert agents_for_service_level(200, 3, 0.8, sl_threshold_s=20) == 14
    plan = staffing_for_service_level(200, 3, 0.8)
    assert (plan.agents_on_phones, plan.scheduled_headcount) == (14, 14)
    assert plan.limited_by == "service_level"
    assert erlang_c_metrics(13, 200, 3).service_level < 0.8


def test_staffing_with_shrinkage_rounds_the_headcount_up():
    plan = staffing_for_service_level(200, 3, 0.8, shrinkage=0.3)
    assert (plan.agents_on_phones, plan.scheduled_headcount) == (14, 20)
    assert agents_for_service_level(200, 3, 0.8, shrinkage=0.3) == 20
    assert agents_for_service_level(200, 3, 0.8, shrinkage=0.5) == 28
    # 21 agents on the phones: 21 / (1 - 0.3) = 30.000000000000004 in floating point,
    # yet exactly 30 agents on the roster suffice.
    roster = staffing_for_service_level(330, 3, 0.8, shrinkage=0.3)
    assert (roster.agents_on_phones, roster.scheduled_headcount) == (21, 30)


def test_staffing_respects_a_binding_max_occupancy():
    plan = staffing_for_service_level(200, 3, 0.8, max_occupancy=0.7)
    assert plan.agents_on_phones == 15  # 10/14 = 0.714 is too busy
    assert plan.limited_by == "max_occupancy"
    assert plan.metrics.occupancy <= 0.7
    loose = staffing_for_service_level(200, 3, 0.8, max_occupancy=0.9)
    assert (loose.agents_on_phones, loose.limited_by) == (14, "service_level")


def test_staffing_with_patience_uses_erlang_a():
    plan = staffing_for_service_level(200, 3, 0.8, patience_min=5)
    assert plan.metrics.model == "erlang_a"
    assert plan.agents_on_phones == 13
    assert erlang_a_metrics(12, 200, 3, 5).service_level < 0.8 <= plan.metrics.service_level


def test_staffing_an_empty_hour_keeps_one_agent():
    plan = staffing_for_service_level(0, 3, 0.8, shrinkage=0.25)
    assert (plan.agents_on_phones, plan.scheduled_headcount) == (1, 2)
    assert plan.limited_by == "minimum of one agent"


def test_staffing_a_large_centre():
    plan = staffing_for_service_level(20000, 3, 0.8)
    assert 1000 < plan.agents_on_phones < 1100
    assert erlang_c_metrics(plan.agents_on_phones - 1, 20000, 3).service_level < 0.8


def test_staffing_table_rows_equal_the_single_formulas():
    table = staffing_table(200, 3, range(9, 17))
    assert tuple(table.columns) == STAFFING_TABLE_COLUMNS
    assert table["agents"].dtype == np.int64
    assert table["agents"].tolist() == list(range(9, 17))
    unstable = table[table["agents"] <= 10]
    assert (unstable["p_wait"] == 1.0).all() and unstable["asa_s"].isna().all()
    assert (unstable["service_level"] == 0.0).all() and (unstable["occupancy"] == 1.0).all()
    row = table.set_index("agents").loc[14]
    metrics = erlang_c_metrics(14, 200, 3)
    for column in STAFFING_TABLE_COLUMNS[1:]:
        assert row[column] == pytest.approx(getattr(metrics, column))


def test_staffing_table_with_patience_and_a_list():
    table = staffing_table(200, 3, [8, 14], patience_min=5, sl_threshold_s=30)
    expected = pd.DataFrame(
        [
            {col: getattr(erlang_a_metrics(n, 200, 3, 5, 30), col) for col in table.columns}
            for n in (8, 14)
        ]
    )
    pd.testing.assert_frame_equal(table, expected)


# ---------------------------------------------------------------- result object
def test_queue_metrics_is_frozen_and_exports_plain_values():
    metrics = erlang_a_metrics(14, 200, 3, 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        metrics.agents = 15  # type: ignore[misc]
    data = metrics.as_dict()
    assert list(data) == [field.name for field in dataclasses.fields(QueueMetrics)]
    assert data["patience_min"] == 5.0 and data["agents"] == 14
    counts = metrics.expected_calls(hours=3)
    assert counts["offered"] == pytest.approx(600)
    assert counts["abandoned"] == pytest.approx(600 * metrics.abandon_rate)
    assert counts["answered"] == pytest.approx(600 - counts["abandoned"])


def test_mean_calls_waiting_follows_littles_law_under_erlang_c():
    metrics = erlang_c_metrics(14, 200, 3)
    pi = birth_death_probabilities(14, 200 / 60, 3, patience_min=1e300)
    expected = float(pi @ np.maximum(np.arange(len(pi)) - 14, 0))
    assert metrics.mean_calls_waiting == pytest.approx(expected, rel=1e-9)


# ---------------------------------------------------------------- errors at the edge
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: erlang_b(0, 3.0), '"agents" must be an integer ≥ 1, got 0'),
        (lambda: erlang_b(2.5, 3.0), '"agents" must be an integer ≥ 1, got 2.5'),
        (lambda: erlang_b(True, 3.0), '"agents" must be an integer ≥ 1, got True'),
        (lambda: erlang_b(3, -1.0), '"offered_load_erl" must be a number ≥ 0, got -1.0'),
        (lambda: erlang_c(3, math.nan), '"offered_load_erl" must be a finite number ≥ 0'),
        (lambda: erlang_c_metrics(3, -5, 3), '"calls_per_hour" must be a number ≥ 0'),
        (lambda: erlang_c_metrics(3, "60", 3), '"calls_per_hour" must be a number ≥ 0'),
        (lambda: erlang_c_metrics(3, 60, 0), '"aht_min" must be a number > 0, got 0'),
        (lambda: erlang_c_metrics(3, 60, False), '"aht_min" must be a number > 0, got False'),
        (lambda: erlang_c_metrics(3, 60, 1, -1), '"sl_threshold_s" must be a number ≥ 0'),
        (lambda: erlang_a_metrics(3, 60, 1, 0), '"patience_min" must be a number > 0, got 0'),
        (
            lambda: erlang_a_metrics(3, 60, 1, math.inf),
            '"patience_min" must be a finite number > 0, got inf',
        ),
        (
            lambda: agents_for_service_level(60, 1, 1.0),
            '"target_sl" must be a number with 0 < value < 1, got 1.0',
        ),
        (
            lambda: agents_for_service_level(60, 1, 0.8, shrinkage=1.0),
            '"shrinkage" must be a number with 0 ≤ value < 1, got 1.0',
        ),
        (
            lambda: agents_for_service_level(60, 1, 0.8, max_occupancy=0),
            '"max_occupancy" must be a number with 0 < value ≤ 1, got 0',
        ),
        (lambda: staffing_table(60, 1, []), '"agents" must contain at least one staffing level'),
        (lambda: staffing_table(60, 1, [3, 0]), '"agents\\[1\\]" must be an integer ≥ 1, got 0'),
        (lambda: staffing_table(60, 1, 5), '"agents" must be a range or a sequence of integers'),
        (lambda: erlang_c_metrics(14, 200, 3).expected_calls(0), '"hours" must be a number > 0'),
    ],
)
def test_bad_input_names_the_parameter_and_range(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_erlang_c_without_enough_agents_explains_the_fix():
    expected = (
        r"offered load 15 Erlang needs more than 15 agents for Erlang C \(got 14\); .*"
        r"give patience_min to use Erlang A"
    )
    with pytest.raises(InputError, match=expected):
        erlang_c_metrics(14, calls_per_hour=300, aht_min=3)
    with pytest.raises(InputError, match="needs more than 3 agents for Erlang C"):
        erlang_c(3, 3.5)
    assert issubclass(InputError, ValueError)


# ---------------------------------------------------------------- documentation
@pytest.mark.parametrize(
    "module", [erlang_bc_module, erlang_a_module, metrics_module, staffing_module]
)
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_public_api_is_exported():
    for name in crmsim.queueing.__all__:
        assert hasattr(crmsim.queueing, name)
    assert "erlang_a_metrics" in crmsim.queueing.__all__
