"""The shared random-draw helper and opening-hours model give the numbers the models always drew."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmsim.lifecycle.service import CLOSE_HOUR, OPEN_HOUR, OPEN_WEEKDAYS, service_hours
from crmsim.random_draws import DrawBuffer
from crmsim.scenario import load_scenario
from crmsim.sim.opening_hours import OpeningHours, live_channel_hours
from crmsim.sim.streams import FOLLOW_UP_BLOCK, RandomStreams
from crmsim.time_units import MINUTES_PER_DAY


def forward_uniforms(rng: np.random.Generator, count: int, block: int) -> list[float]:
    """The contact center's original sequence: blocks handed out first to last."""
    out: list[float] = []
    while len(out) < count:
        out.extend(rng.random(block).tolist())
    return out[:count]


def last_first(draw, count: int, block: int) -> list[float]:
    """The lifecycle model's original sequence: each block handed out last to first."""
    out: list[float] = []
    while len(out) < count:
        out.extend(reversed(draw(block).tolist()))
    return out[:count]


def test_the_contact_center_stream_is_numpy_order_in_blocks_of_4096():
    count = 2 * FOLLOW_UP_BLOCK + 17
    draws = RandomStreams(11).follow_ups
    reference = np.random.default_rng(np.random.SeedSequence(11).spawn(13)[-1])
    assert [draws.uniform() for _ in range(count)] == forward_uniforms(
        reference, count, FOLLOW_UP_BLOCK
    )


def test_exponential_from_uniform_inverts_the_next_uniform():
    draws, twin = (DrawBuffer(np.random.default_rng(5), 64, last_first=False) for _ in range(2))
    for _ in range(200):
        assert draws.exponential_from_uniform(3.0) == -3.0 * math.log(1.0 - twin.uniform())


def test_the_lifecycle_streams_are_each_block_last_first():
    count = 8192 + 100
    draws = DrawBuffer(np.random.default_rng(21))
    uniforms = [draws.uniform() for _ in range(count)]
    exponentials = [draws.standard_exponential() for _ in range(count)]
    normals = [draws.normal() for _ in range(count)]
    # One generator feeds the blocks in the order they were needed.
    rng = np.random.default_rng(21)
    assert uniforms == last_first(rng.random, count, 8192)
    assert exponentials == last_first(rng.standard_exponential, count, 8192)
    assert normals == last_first(rng.standard_normal, count, 8192)


def test_choice_follows_the_cumulative_shares():
    draws = DrawBuffer(np.random.default_rng(2))
    counts = np.bincount([draws.choice([0.1, 0.6, 1.0]) for _ in range(20_000)]) / 20_000
    assert counts == pytest.approx([0.1, 0.5, 0.4], abs=0.015)


def original_is_open(t_min: float, start_weekday: int) -> bool:
    """The lifecycle's opening rule before the shared model (hours of the day)."""
    day = int(t_min // MINUTES_PER_DAY)
    hour = (t_min - day * MINUTES_PER_DAY) / 60.0
    return (start_weekday + day) % 7 in OPEN_WEEKDAYS and OPEN_HOUR <= hour < CLOSE_HOUR


@given(
    t_min=st.floats(min_value=0.0, max_value=400 * MINUTES_PER_DAY),
    weekday=st.integers(min_value=0, max_value=6),
)
def test_service_hours_match_the_lifecycle_rule(t_min, weekday):
    assert service_hours(weekday).is_open(t_min) == original_is_open(t_min, weekday)


def test_service_hours_at_every_quarter_hour_of_two_weeks():
    for weekday in range(7):
        hours = service_hours(weekday)
        for t in np.arange(0.0, 14 * MINUTES_PER_DAY, 15.0).tolist():
            assert hours.is_open(t) == original_is_open(t, weekday)


def test_the_next_opening_is_the_start_of_the_next_open_slot():
    hours = OpeningHours.daily(8.0, 20.0, (0, 1, 2, 3, 4), start_weekday=0)
    assert hours.next_opening_min(9 * 60.0) == 9 * 60.0  # open now
    assert hours.next_opening_min(5 * 60.0) == 8 * 60.0  # Monday early morning
    assert hours.next_opening_min(4 * MINUTES_PER_DAY + 21 * 60.0) == 7 * MINUTES_PER_DAY + 480.0
    never = OpeningHours(np.zeros(7 * 24, dtype=bool), 60.0)
    assert never.never_open and never.next_opening_min(100.0) == 100.0


def test_a_channel_is_open_where_its_profile_and_weekday_factor_are_positive():
    assert live_channel_hours(load_scenario("adac-telematics")) == {}  # open around the clock
    scenario = load_scenario("multichannel-cic")
    hours = live_channel_hours(scenario)
    assert set(hours) == {"phone", "chat"}
    phone = scenario.channels["phone"]
    width = phone.interval_min
    for slot in range(7 * len(phone.intraday_profile)):
        day, within = divmod(slot, len(phone.intraday_profile))
        weekday = (scenario.start_weekday + day) % 7
        expected = phone.intraday_profile[within] > 0 and phone.weekday_factors[weekday] > 0
        assert hours["phone"].is_open(slot * width + width / 2) == expected
