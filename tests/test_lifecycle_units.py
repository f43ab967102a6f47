"""Behaviour of the lifecycle model's parts on small, hand-checkable cases."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmsim.errors import InputError
from crmsim.lifecycle.buying import compose_order, discounted, line_preferences
from crmsim.lifecycle.campaigns import (
    CAMPAIGN_TYPES,
    CONTROL_SHARE,
    RESPONSE_WINDOW_DAYS,
    channel_fit,
    plan_campaigns,
    split_control,
)
from crmsim.lifecycle.churn import (
    CHURN_REASONS,
    churn_reason,
    decayed,
    hazard_per_min,
    hazard_terms,
)
from crmsim.lifecycle.complaints import POLICIES, handle_complaint, will_complain
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.products import TASTE_GROUPS, build_catalogue, known_cross_sell_pairs
from crmsim.lifecycle.satisfaction import SatisfactionBook, csat_answer, nps_answer, wait_penalty
from crmsim.lifecycle.service import next_open_minute, service_hours, shard_scenario
from crmsim.random_draws import DrawBuffer
from crmsim.warehouse.generation import shard_plan

CATALOGUE = build_catalogue()


def test_draw_buffer_is_reproducible_and_in_range():
    first, second = DrawBuffer(np.random.default_rng(3)), DrawBuffer(np.random.default_rng(3))
    values = [first.uniform() for _ in range(20000)]
    assert values == [second.uniform() for _ in range(20000)]
    assert min(values) >= 0.0 and max(values) < 1.0
    exponentials = [first.standard_exponential() for _ in range(20000)]
    assert np.mean(exponentials) == pytest.approx(1.0, abs=0.05)
    counts = np.bincount([first.choice([0.2, 0.5, 1.0]) for _ in range(20000)]) / 20000
    assert counts == pytest.approx([0.2, 0.3, 0.5], abs=0.02)


def test_catalogue_has_tiers_with_rising_prices_and_known_pairs():
    products = CATALOGUE.products
    assert products["product_id"].tolist() == list(range(1, len(products) + 1))
    for ids in CATALOGUE.device_ids:
        prices = [CATALOGUE.price[i] for i in ids]
        assert prices == sorted(prices) and len(ids) == 3
    pairs = known_cross_sell_pairs()
    assert set(pairs["product_code"]) <= set(products["product_code"])
    assert pairs["same_order_probability"].between(0, 1, inclusive="neither").all()


def test_a_repeat_buyer_of_a_line_often_moves_up_a_tier():
    draws = DrawBuffer(np.random.default_rng(5))
    only_laptops = np.array([0, 0, 1.0, 1.0, 1.0, 1.0, 1.0])  # cumulative: always line 2
    owned_plus, tiers = [], []
    for _ in range(2000):
        owned = np.zeros(7, dtype=np.int8)
        owned[2] = 1  # owns a basic laptop
        lines = compose_order(CATALOGUE, only_laptops, owned, 250.0, 0.0, draws)
        device = lines[0].product_id
        if device in CATALOGUE.device_ids[2]:
            tiers.append(CATALOGUE.device_ids[2].index(device))
            owned_plus.append(owned[2])
    # A 250 EUR budget alone picks the basic laptop; upgrades lift about a third to "plus".
    assert 0.2 < np.mean(np.array(tiers) >= 1) < 0.5
    assert min(owned_plus) >= 1


def test_business_orders_have_more_units_and_discounts_apply_per_unit():
    draws = DrawBuffer(np.random.default_rng(6))
    cumulative = line_preferences(TASTE_GROUPS[[0]], np.random.default_rng(1))[0]
    quantities = [
        compose_order(CATALOGUE, cumulative, np.zeros(7, np.int8), 500.0, 2.0, draws)[0].quantity
        for _ in range(500)
    ]
    assert np.mean(quantities) > 2
    line = compose_order(CATALOGUE, cumulative, np.zeros(7, np.int8), 500.0, 0.0, draws)[0]
    assert discounted([line], 0.1)[0].discount_eur == round(line.unit_price_eur * 0.1, 2)


def test_complaint_policies_differ_in_cost_and_success():
    draws = DrawBuffer(np.random.default_rng(7))
    solved = {}
    for name in POLICIES:
        outcomes = [handle_complaint(name, draws) for _ in range(4000)]
        solved[name] = np.mean([o.resolved for o in outcomes])
        unresolved = [o for o in outcomes if not o.resolved]
        assert all(math.isnan(o.resolution_days) and o.compensation_eur == 0 for o in unresolved)
    assert solved["none"] < solved["standardised"] < solved["personal"]
    costs = [POLICIES[n].handling_cost_eur for n in ("none", "standardised", "personal")]
    assert costs == sorted(costs)
    assert will_complain(0.0, "product_failure", 0.1) and not will_complain(0.0, "long_wait", 0.5)


def test_churn_hazard_rises_with_every_driver_and_falls_under_retention():
    def hazard(satisfaction=9.0, waits=0.0, complaints=0.0, retained=False):
        terms = hazard_terms(satisfaction, waits, complaints, 0.05, 0.6, 0.8, 2.5)
        return hazard_per_min(terms, retained)

    base = hazard()
    assert hazard(satisfaction=5.0) > base
    assert hazard(waits=2.0) > base and hazard(complaints=1.0) > base
    assert hazard(retained=True) < base
    assert base * 525960 == pytest.approx(0.05)  # yearly rate of a satisfied customer
    quiet = hazard_terms(9.0, 0.0, 0.0, 0.05, 0.6, 0.8, 2.5)
    assert churn_reason(quiet, 0.99) == CHURN_REASONS[0]
    unhappy = hazard_terms(2.0, 0.0, 0.0, 0.05, 0.6, 0.8, 2.5)
    assert churn_reason(unhappy, 0.99) == "dissatisfaction"
    assert decayed(2.0, 0.0, 240 * 1440.0) == pytest.approx(1.0)  # half-life of 240 days


def test_satisfaction_returns_to_its_baseline_and_stays_in_range():
    book = SatisfactionBook(np.array([7.0, 9.0]), recovery_per_year=1.0)
    assert book.shift(0, 0.0, -5.0) == 2.0
    assert book.shift(1, 0.0, +5.0) == 10.0
    one_year = 525960.0
    assert book.score(0, one_year) == pytest.approx(7.0 - 5.0 * math.exp(-1.0))
    assert book.scores(100 * one_year) == pytest.approx([7.0, 9.0])
    assert wait_penalty(3.0, 5.0) == 0.0 < wait_penalty(10.0, 5.0) <= wait_penalty(100.0, 5.0)
    assert csat_answer(0.0, 0.0) == 1 and csat_answer(10.0, 0.0) == 5
    assert nps_answer(10.0, 2.0) == 10 and nps_answer(0.0, -2.0) == 0


def test_live_contacts_wait_for_opening_hours():
    draws = DrawBuffer(np.random.default_rng(8))
    monday = service_hours(0)  # the period starts on a Monday
    assert next_open_minute(9 * 60.0, monday, draws) == 9 * 60.0
    night = next_open_minute(22 * 60.0, monday, draws)  # Monday 22:00 → Tuesday 8-20
    assert 1440 + 8 * 60 <= night < 1440 + 20 * 60
    sunday = next_open_minute(6 * 1440 + 10 * 60.0, monday, draws)  # Sunday → Monday
    assert 7 * 1440 + 8 * 60 <= sunday < 7 * 1440 + 20 * 60


def test_the_shard_center_is_staffed_in_proportion_to_its_people():
    params = LifecycleParameters()
    assert shard_scenario(1000, params).agent_count == 2  # at least one per shift
    assert shard_scenario(20000, params).agent_count == 12
    assert shard_scenario(1000, params).days == params.horizon_days


def test_campaign_plan_runs_every_type_each_quarter_inside_the_period():
    params = LifecycleParameters(years=2)
    plan = plan_campaigns(params, CATALOGUE.line_count)
    assert [c.campaign_id for c in plan] == list(range(1, len(plan) + 1))
    assert {c.campaign_type for c in plan} == set(CAMPAIGN_TYPES)
    assert all(c.start_day + RESPONSE_WINDOW_DAYS < params.horizon_days for c in plan)
    assert 35 <= len(plan) <= 40
    assert channel_fit("email", "phone", False, "30-44") == 0.0  # no consent, no email
    assert channel_fit("phone", "phone", True, None) > channel_fit("letter", "phone", True, None)


def test_control_groups_are_random_disjoint_and_of_the_planned_size():
    candidates = np.arange(20000)
    treatment, control = split_control(candidates, 1.0, np.random.default_rng(9))
    assert not set(treatment) & set(control)
    assert len(treatment) + len(control) == 20000
    assert len(control) / 20000 == pytest.approx(CONTROL_SHARE, abs=0.01)


def test_blocks_are_balanced_and_cover_every_customer_once():
    plan = shard_plan(3000, 2500)
    assert plan == [(0, 1, 1500), (1, 1501, 1500)]
    plan = shard_plan(10001, 2500)
    assert sum(size for _, _, size in plan) == 10001 and len(plan) == 5
    assert all(a[1] + a[2] == b[1] for a, b in itertools.pairwise(plan))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"years": 0}, '"years"'),
        ({"prospect_share": 1.5}, '"prospect_share"'),
        ({"purchase_rate_mean": 0.0}, '"purchase_rate_mean"'),
        ({"complaint_policy_mix": (0.5, 0.5, 0.5)}, '"complaint_policy_mix"'),
        ({"start_date": dt.date(2024, 1, 15)}, '"start_date"'),
    ],
)
def test_parameters_are_validated_with_the_field_named(change, message):
    with pytest.raises(InputError, match=message):
        dataclasses.replace(LifecycleParameters(), **change)


def test_end_date_is_the_same_day_years_later():
    params = LifecycleParameters(start_date=dt.date(2023, 3, 1), years=3)
    assert params.end_date == dt.date(2026, 3, 1)
    assert params.horizon_days == 1096


@given(
    t_min=st.floats(min_value=0.0, max_value=60 * 1440.0),
    weekday=st.integers(min_value=0, max_value=6),
    seed=st.integers(min_value=0, max_value=2**16),
)
def test_live_contacts_never_go_back_in_time_and_land_in_opening_hours(t_min, weekday, seed):
    hours = service_hours(weekday)
    moved = next_open_minute(t_min, hours, DrawBuffer(np.random.default_rng(seed)))
    assert moved >= t_min
    assert hours.is_open(moved)
    assert moved - t_min < 3 * 1440.0  # at most a Saturday night and a Sunday to wait


@settings(deadline=None)  # up to 50,000 one-person blocks: slow on a busy machine, not wrong
@given(customers=st.integers(min_value=1, max_value=50_000), size=st.integers(1, 5000))
def test_blocks_partition_the_customers(customers, size):
    plan = shard_plan(customers, size)
    sizes = [people for _, _, people in plan]
    assert sum(sizes) == customers and max(sizes) - min(sizes) <= 1
    assert max(sizes) <= size or len(plan) == 1
    assert [index for index, _, _ in plan] == list(range(len(plan)))


def test_the_packages_export_what_notebooks_use():
    import crmsim.lifecycle as lifecycle
    import crmsim.warehouse as warehouse

    for package in (lifecycle, warehouse):
        assert sorted(package.__all__) == package.__all__
        for name in package.__all__:
            assert getattr(package, name) is not None
    assert callable(warehouse.generate) and "fact_order" in warehouse.TABLES
