"""Invariants of every simulation run, checked on varied small scenarios (hypothesis).

Whatever the scenario (several channels, call-backs, self-service, limited
phone lines, impatient customers, shifts with breaks, transfers, repeat
contacts, VIP routing), a run must keep its books straight:

* time runs forward: arrival ≤ answer ≤ end, handling lasts end − answer;
* conservation: every offered contact ends in exactly one outcome, and the KPI
  table's counts add up to the offered contacts; every transfer, escalation
  and call-back request leads to exactly one follow-up contact;
* agents: a contact is taken only by an agent on duty and skilled for it; an
  agent never handles two phone calls, e-mails or letters at once and never
  more chats than allowed; the phone lines are never over-booked;
* the same seed gives identical tables, and the same customers under another
  staffing level (common random numbers), none of whom waits longer when an
  agent is added.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from crmsim.scenario import mmc_scenario, scenario_from_dict
from crmsim.sim import SimulationResult, simulate
from crmsim.sim.contact import ANSWERED, OPEN

TOLERANCE_MIN = 1e-7
FEW = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
UNANSWERED_OUTCOMES = {"abandoned", "blocked", "callback_requested", "self_served", "escalated"}


# ------------------------------------------------------------------ scenarios
@st.composite
def scenarios(draw: st.DrawFn, max_volume: int = 160) -> dict[str, Any]:
    """A small but varied scenario as the dict that scenario_from_dict reads.

    ``max_volume`` bounds each channel's contacts per day.
    """
    live = draw(st.sets(st.sampled_from(["phone", "chat"]), min_size=1))
    backlog = draw(st.sets(st.sampled_from(["email", "letter_fax"])))
    self_service = draw(st.booleans())
    volume = st.integers(min_value=20, max_value=max_volume)
    patience = st.one_of(st.none(), st.floats(min_value=0.5, max_value=8))
    cv = st.sampled_from([0.0, 0.5, 1.0, 1.5])
    channels: dict[str, Any] = {}
    if "phone" in live:
        phone = {
            "daily_volume": draw(volume),
            "intraday_profile": draw(st.sampled_from(["flat", "business_day"])),
            "aht_min": draw(st.floats(min_value=1, max_value=8)),
            "acw_min": draw(st.sampled_from([0.0, 0.5, 2.0])),
            "handle_time_cv": draw(cv),
        }
        if (p := draw(patience)) is not None:
            phone["patience_min"] = p
        if draw(st.booleans()):
            phone["lines"] = draw(st.integers(min_value=1, max_value=6))
        if draw(st.booleans()):
            phone["callback"] = {
                "offer_when_wait_min": draw(st.floats(min_value=0, max_value=3)),
                "accept_share": draw(st.floats(min_value=0, max_value=1)),
                "reach_share": draw(st.floats(min_value=0, max_value=1)),
            }
        channels["phone"] = phone
    if "chat" in live:
        chat = {
            "daily_volume": draw(volume),
            "aht_min": draw(st.floats(min_value=2, max_value=12)),
            "acw_min": draw(st.sampled_from([0.0, 1.0])),
            "max_concurrent": draw(st.integers(min_value=1, max_value=3)),
            "handle_time_cv": draw(cv),
        }
        if (p := draw(patience)) is not None:
            chat["patience_min"] = p
        channels["chat"] = chat
    for name in sorted(backlog):
        channels[name] = {
            "daily_volume": draw(volume),
            "aht_min": draw(st.floats(min_value=2, max_value=10)),
        }
    if self_service:
        targets = sorted(live)
        first = draw(st.floats(min_value=0, max_value=1)) if len(targets) == 2 else 1.0
        shares = {targets[0]: first, **({targets[1]: 1.0 - first} if len(targets) == 2 else {})}
        channels["self_service"] = {
            "daily_volume": draw(volume),
            "aht_min": draw(st.floats(min_value=0.5, max_value=4)),
            "solve_share": draw(st.floats(min_value=0, max_value=1)),
            "escalate_to": shares,
        }
    two_reasons = draw(st.booleans())
    reasons = {
        "billing": {
            "share": 0.6 if two_reasons else 1.0,
            "fcr": draw(st.floats(min_value=0, max_value=1)),
            "repeat_share": draw(st.floats(min_value=0, max_value=1)),
            "repeat_after_h": draw(st.floats(min_value=0.2, max_value=6)),
        }
    }
    if two_reasons:
        reasons["technical"] = {
            "share": 0.4,
            "aht_factor": draw(st.floats(min_value=0.5, max_value=2)),
            "transfer_share": draw(st.floats(min_value=0, max_value=0.5)),
            "transfer_to": "billing",
        }
        reasons["billing"]["transfer_share"] = draw(st.floats(min_value=0, max_value=0.3))
        reasons["billing"]["transfer_to"] = "technical"
    staffed = sorted(set(channels) - {"self_service"})
    groups = [_agent_group(draw, "all", staffed, None)]
    for index in range(draw(st.integers(min_value=0, max_value=2))):
        skills = draw(st.lists(st.sampled_from(staffed), min_size=1, unique=True))
        only = draw(st.sampled_from([None, ["billing"]]))
        groups.append(_agent_group(draw, f"team{index}", skills, only))
    value_classes = {"A": {"share": 0.3}, "B": {"share": 0.7}} if draw(st.booleans()) else {"A": {}}
    return {
        "name": "generated",
        "days": draw(st.integers(min_value=1, max_value=2)),
        "start_weekday": draw(st.sampled_from(["mon", "fri", "sun"])),
        "interval_min": draw(st.sampled_from([15, 30, 60])),
        "vip_routing": len(value_classes) > 1 and draw(st.booleans()),
        "value_classes": value_classes,
        "channels": channels,
        "reasons": reasons,
        "agents": groups,
    }


def _agent_group(
    draw: st.DrawFn, name: str, skills: list[str], reasons: list[str] | None
) -> dict[str, Any]:
    """A group with a day, late or overnight shift (end before start), some days off, breaks."""
    start = draw(st.integers(min_value=0, max_value=23))
    length = draw(st.integers(min_value=4, max_value=24))
    end = (start + length) % 24 or 24
    if end == start:  # a 24-hour shift is written [0, 24]
        start, end = 0, 24
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    group: dict[str, Any] = {
        "name": name,
        "count": draw(st.integers(min_value=1, max_value=4)),
        "channels": skills,
        "shift_h": [start, end],
        "workdays": draw(st.sampled_from([days, days[:5], days[1:]])),
    }
    if reasons is not None:
        group["reasons"] = reasons
    if draw(st.booleans()):
        group["breaks"] = [
            {"start_h": (start + 1.5) % 24, "duration_min": draw(st.sampled_from([10, 30, 90]))},
            {"start_h": (start + 3) % 24, "duration_min": 15},
        ]
    return group


def run(data: dict[str, Any], seed: int, cut: bool) -> SimulationResult:
    """Simulate the scenario, over its days or up to a horizon inside the last day."""
    scenario = scenario_from_dict(data)
    horizon = scenario.days * 1440.0 - 317.0 if cut else None
    return simulate(scenario, seed=seed, horizon_min=horizon)


# ------------------------------------------------------------------ the checks
def check_time_order(result: SimulationResult) -> None:
    c = result.contacts
    horizon = result.horizon_min
    assert (c["arrival_min"] >= 0).all() and (c["arrival_min"] < horizon).all()
    answered = c["agent_id"] >= 0
    assert c.loc[answered, "answer_min"].notna().all()
    early = c.loc[answered, "answer_min"] < c.loc[answered, "arrival_min"] - TOLERANCE_MIN
    assert not early.any(), "answered before arrival"
    closed = c["outcome"] != OPEN
    assert c.loc[closed, "end_min"].notna().all()
    assert c.loc[~closed, "end_min"].isna().all()
    assert (c.loc[closed, "end_min"] <= horizon + TOLERANCE_MIN).all()
    done = answered & closed
    assert (c.loc[done, "end_min"] >= c.loc[done, "answer_min"]).all()
    took = c.loc[done, "end_min"] - c.loc[done, "answer_min"]
    assert np.allclose(took, c.loc[done, "handle_min"], atol=TOLERANCE_MIN)
    in_hand = answered & ~closed
    assert np.allclose(
        horizon - c.loc[in_hand, "answer_min"], c.loc[in_hand, "handle_min"], atol=TOLERANCE_MIN
    )
    waited = c["wait_min"].dropna()
    assert (waited >= -TOLERANCE_MIN).all()
    instant = c["outcome"].isin(["blocked", "callback_requested"])
    assert (c.loc[instant, "end_min"] == c.loc[instant, "arrival_min"]).all()
    gave_up = c["outcome"] == "abandoned"
    assert (c.loc[gave_up, "end_min"] > c.loc[gave_up, "arrival_min"]).all()
    session = c["outcome"].isin(["self_served", "escalated"])
    length = c.loc[session, "end_min"] - c.loc[session, "arrival_min"]
    assert np.allclose(length, c.loc[session, "handle_min"], atol=TOLERANCE_MIN)


def check_conservation(result: SimulationResult) -> None:
    c = result.contacts
    answered = c["agent_id"] >= 0
    assert c.loc[answered, "outcome"].isin(ANSWERED | {OPEN}).all()
    assert c.loc[~answered, "outcome"].isin(UNANSWERED_OUTCOMES | {OPEN}).all()
    kpis = result.kpis()
    escalated = c[c["outcome"] == "escalated"].groupby("channel", observed=False).size()
    for channel, row in kpis.iterrows():
        parts = ["answered", "abandoned", "blocked", "callback_requested", "self_served", "open"]
        total = sum(int(row[p]) for p in parts) + int(escalated.get(channel, 0))
        if channel == "self_service":  # a session still running has no agent: not answered
            total += int(row["in_hand"])
        assert total == row["offered"] == int((c["channel"] == channel).sum()), channel
    assert int(kpis["offered"].sum()) == len(c)
    # The interval table splits the same contacts by interval of arrival.
    intervals = result.intervals(60.0)
    if len(c):
        per_channel = intervals.groupby("channel", observed=True)[["offered", "answered"]].sum()
        for channel, row in per_channel.iterrows():
            assert row["offered"] == kpis.loc[channel, "offered"]
            assert row["answered"] == kpis.loc[channel, "answered"]
    assert c["contact_id"].is_unique
    # Every hand-over leads to at most one follow-up, which starts when the parent ends or,
    # if the target channel is closed then, within an hour after it opens. Only a
    # follow-up that would start after the end of the run may be missing.
    children = c[c["parent_id"] >= 0]
    assert children["parent_id"].isin(c["contact_id"]).all()
    assert children["parent_id"].is_unique
    by_id = c.set_index("contact_id")
    kinds = {"transferred": "transfer", "escalated": "escalation"}
    kinds["callback_requested"] = "callback"
    for outcome, kind in kinds.items():
        parents = c[c["outcome"] == outcome].set_index("contact_id")
        mine = children[children["kind"] == kind].set_index("parent_id")
        assert mine.index.is_unique, f"two follow-ups for one {outcome} contact"
        assert mine.index.isin(parents.index).all(), f"{kind} without a {outcome} parent"
        for parent_id, parent in parents.iterrows():
            targets = _targets(result, parent)
            if parent_id in mine.index:
                child = mine.loc[parent_id]
                assert child["channel"] in targets
                check_deferred_start(
                    result, child["channel"], parent["end_min"], child["arrival_min"]
                )
            else:
                assert any(
                    _opens_after(result, t, parent["end_min"]) > result.horizon_min - 60.0
                    for t in targets
                ), f"{outcome} contact {parent_id} lost its follow-up"
    repeats = children[children["kind"] == "repeat"]
    parents = by_id.loc[repeats["parent_id"]]
    assert (parents["outcome"] == "unresolved").all()
    assert (repeats["arrival_min"].to_numpy() > parents["end_min"].to_numpy()).all()
    assert (c.loc[c["outcome"] == "not_reached", "channel"] == "callback").all()
    if not any(ch.lines for ch in result.scenario.channels.values()):
        assert not (c["outcome"] == "blocked").any()


def _open_at(result: SimulationResult, channel: str, t: float) -> bool:
    """Whether arrivals are planned on ``channel`` at time ``t`` (minutes)."""
    config = result.scenario.channels[channel]
    shares = config.intraday_profile
    weekday = (result.scenario.start_weekday + int(t // 1440)) % 7
    slot = int(t % 1440 // config.interval_min)
    return shares[slot] > 0 and config.weekday_factors[weekday] > 0


def _opens_after(result: SimulationResult, channel: str, t: float) -> float:
    """The first time ≥ t at which ``channel`` is open (``t`` itself when open then)."""
    if channel not in {"phone", "chat"} or _open_at(result, channel, t):
        return t
    width = result.scenario.channels[channel].interval_min
    start = (t // width + 1) * width
    for step in range(int(8 * 1440 / width)):
        if _open_at(result, channel, start + step * width):
            return start + step * width
    return np.inf


def check_deferred_start(
    result: SimulationResult, channel: str, ended: float, arrived: float
) -> None:
    """A follow-up starts at once, or within the first hour after its channel opens."""
    opens = _opens_after(result, channel, ended)
    if opens == ended:
        assert arrived == ended
    else:
        assert opens <= arrived < opens + 60.0 + 1e-9


def _targets(result: SimulationResult, parent: pd.Series) -> list[str]:
    """Channels a hand-over from ``parent`` may lead to."""
    if parent["outcome"] == "callback_requested":
        return ["callback"]
    if parent["outcome"] == "escalated":
        config = result.scenario.channels["self_service"].self_service
        return [name for name, share in config.escalate_to if share > 0]
    return [parent["channel"]]


def _busy_until(contacts: pd.DataFrame, horizon: float) -> np.ndarray:
    end = contacts["end_min"].fillna(horizon).to_numpy()
    return np.minimum(end + contacts["acw_min"].to_numpy(), horizon)


def max_overlap(starts: np.ndarray, ends: np.ndarray) -> int:
    """Largest number of the spells [start, end) that are in progress at the same moment."""
    events = np.concatenate(
        [
            np.column_stack([ends, -np.ones_like(ends)]),
            np.column_stack([starts, np.ones_like(starts)]),
        ]
    )
    # At equal times ends (−1) come before starts (+1): a spell ending at t frees its place.
    order = np.lexsort((events[:, 1], events[:, 0]))
    return int(np.cumsum(events[order, 1]).max(initial=0))


def check_agents(result: SimulationResult) -> None:
    c = result.contacts
    horizon = result.horizon_min
    handled = c[c["agent_id"] >= 0]
    duty = result.duty
    on = duty[duty["state"] == "on_duty"]
    groups = {g.name: g for g in result.scenario.agents}
    skills = {row.agent_id: groups[row.group] for row in result.agents.itertuples(index=False)}
    until = _busy_until(handled, horizon)
    for _, spells in duty.groupby("agent_id"):
        ordered = spells.sort_values("start_min")
        assert (ordered["end_min"] >= ordered["start_min"]).all()
        assert (
            ordered["start_min"].to_numpy()[1:] >= ordered["end_min"].to_numpy()[:-1] - 1e-9
        ).all()
    for agent_id, work in handled.assign(until=until).groupby("agent_id"):
        group = skills[agent_id]
        allowed = set(group.channels) | ({"callback"} if "phone" in group.channels else set())
        assert set(work["channel"]) <= allowed
        if group.reasons is not None:
            assert set(work["reason"]) <= set(group.reasons)
        mine = on[on["agent_id"] == agent_id]
        starts, ends = mine["start_min"].to_numpy(), mine["end_min"].to_numpy()
        for answer, busy_end in zip(work["answer_min"], work["until"], strict=True):
            inside = (starts <= answer + 1e-9) & (busy_end <= ends + 1e-9)
            assert inside.any(), f"agent {agent_id} busy {answer}–{busy_end} while off duty"
        is_chat = (work["channel"] == "chat").to_numpy()
        begin, stop = work["answer_min"].to_numpy(), work["until"].to_numpy()
        if is_chat.any():
            limit = result.scenario.channels["chat"].max_concurrent
            assert max_overlap(begin[is_chat], stop[is_chat]) <= limit
        # A phone call, call-back, e-mail or letter has the agent's full attention.
        for s, e in zip(begin[~is_chat], stop[~is_chat], strict=True):
            others = (begin < e - 1e-9) & (stop > s + 1e-9) & ~((begin == s) & (stop == e))
            assert not others.any(), f"agent {agent_id} double-booked at {s}"
    summary = result.agent_summary()
    assert summary["contacts"].sum() == len(handled)
    assert (summary["busy_min"] <= summary["on_duty_min"] + 1e-6).all(), "busy while off duty"
    assert (summary["occupancy"].dropna() <= 1 + 1e-9).all()
    phone = result.scenario.channels.get("phone")
    if phone is not None and phone.lines is not None:
        calls = c[(c["channel"] == "phone") & ~c["outcome"].isin(["blocked", "callback_requested"])]
        in_system = calls["end_min"].fillna(horizon).to_numpy()
        assert max_overlap(calls["arrival_min"].to_numpy(), in_system) <= phone.lines


# ------------------------------------------------------------------ the tests
@FEW
@given(data=scenarios(), seed=st.integers(min_value=0, max_value=2**32 - 1), cut=st.booleans())
def test_every_run_keeps_its_books(data: dict[str, Any], seed: int, cut: bool) -> None:
    result = run(data, seed, cut)
    for outcome in result.contacts["outcome"].unique():
        event(f"outcome {outcome}")  # shown by pytest --hypothesis-show-statistics
    check_time_order(result)
    check_conservation(result)
    check_agents(result)


@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=scenarios(), seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_same_seed_same_tables(data: dict[str, Any], seed: int) -> None:
    first, second = run(data, seed, cut=False), run(data, seed, cut=False)
    pd.testing.assert_frame_equal(first.contacts, second.contacts)
    pd.testing.assert_frame_equal(first.duty, second.duty)
    pd.testing.assert_frame_equal(first.kpis(), second.kpis())


def test_the_checks_catch_broken_tables() -> None:
    """The checks are not vacuous: tampered results are rejected."""
    data = {
        "name": "busy desk",
        "channels": {
            "phone": {"daily_volume": 400, "aht_min": 6, "patience_min": 3, "lines": 6},
            "chat": {"daily_volume": 200, "aht_min": 10, "max_concurrent": 2},
        },
        "reasons": {"billing": {"fcr": 0.5, "transfer_share": 0.2, "transfer_to": "billing"}},
        "agents": [
            {"count": 3, "shift_h": [6, 20], "breaks": [{"start_h": 12, "duration_min": 30}]}
        ],
    }
    result = run(data, seed=4, cut=False)
    check_time_order(result)
    check_conservation(result)
    check_agents(result)
    contacts = result.contacts
    first_answered = contacts.index[contacts["agent_id"] >= 0][5]
    # Move agent 0's second phone call to start right after the first one.
    calls = contacts[(contacts["agent_id"] == 0) & (contacts["channel"] == "phone")]
    first_call, second_call = calls.index[:2]
    shift = contacts.loc[second_call, "answer_min"] - contacts.loc[first_call, "answer_min"] - 0.01
    moved = contacts.index == second_call
    assert (contacts["kind"] == "transfer").sum() > 5
    tampered = [
        (
            contacts.assign(
                answer_min=contacts["answer_min"].mask(
                    contacts.index == first_answered, contacts["arrival_min"] - 1
                )
            ),
            check_time_order,
            "answered before arrival",
        ),
        (contacts[contacts["kind"] != "transfer"], check_conservation, "lost its follow-up"),
        (
            contacts.assign(
                answer_min=contacts["answer_min"].mask(moved, contacts["answer_min"] - shift),
                end_min=contacts["end_min"].mask(moved, contacts["end_min"] - shift),
            ),
            check_agents,
            "double-booked",
        ),
    ]
    for frame, check, message in tampered:
        broken = SimulationResult(
            scenario=result.scenario,
            seed=result.seed,
            horizon_min=result.horizon_min,
            contacts=frame.reset_index(drop=True),
            agents=result.agents,
            duty=result.duty,
        )
        with pytest.raises(AssertionError, match=message):
            check(broken)


def test_max_overlap_counts_touching_spells_once() -> None:
    starts = np.array([0.0, 1.0, 2.0, 5.0])
    ends = np.array([2.0, 3.0, 4.0, 6.0])
    assert max_overlap(starts, ends) == 2
    assert max_overlap(np.array([]), np.array([])) == 0


def test_common_random_numbers_across_staffing_levels() -> None:
    """The same seed brings the same customers whatever the staffing (common random numbers);
    under first-come-first-served an extra agent never makes any caller wait longer."""
    runs = {
        agents: simulate(mmc_scenario(agents, 180.0, 3.0), seed=21, days=1).contacts
        for agents in (10, 11, 13)
    }
    base = runs[10]
    for agents in (11, 13):
        other = runs[agents]
        np.testing.assert_array_equal(other["arrival_min"], base["arrival_min"])
        both = (base["outcome"] != OPEN) & (other["outcome"] != OPEN)
        np.testing.assert_array_equal(other.loc[both, "handle_min"], base.loc[both, "handle_min"])
    waits = [runs[a]["wait_min"].fillna(np.inf).to_numpy() for a in (10, 11, 13)]
    assert np.all(waits[1] <= waits[0] + 1e-9)
    assert np.all(waits[2] <= waits[1] + 1e-9)
    answered_in_all = np.isfinite(waits[0])
    assert waits[0][answered_in_all].mean() > waits[2][answered_in_all].mean()
