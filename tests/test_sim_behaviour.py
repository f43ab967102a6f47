"""Hand-checkable behaviour of the contact center: tiny scenarios, contacts at known times."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import simpy

from crmsim.scenario import scenario_from_dict
from crmsim.sim import ContactCenter, collect

# One phone agent, fixed 5-minute calls (cv 0), nobody hangs up, open around the clock.
BASE: dict[str, Any] = {
    "name": "tiny",
    "channels": {"phone": {"aht_min": 5.0, "handle_time_cv": 0.0}},
    "agents": [{"name": "a", "count": 1, "channels": ["phone"]}],
}


def scenario_with(**changes: Any) -> Any:
    data = {**BASE, **changes}
    return scenario_from_dict(data)


def run_contacts(
    scenario: Any,
    arrivals: list[tuple[float, str, str, str]],
    horizon_min: float = 600.0,
    seed: int = 0,
) -> tuple[Any, list[Any]]:
    """Inject (time, channel, reason, value class) contacts; return the result and outcomes."""
    env = simpy.Environment()
    center = ContactCenter(env, scenario, seed, horizon_min=horizon_min, external_only=True)
    outcomes: list[Any] = []

    def customer(at: float, channel: str, reason: str, value_class: str) -> Iterator[Any]:
        yield env.timeout(at)
        outcome = yield center.submit(
            channel, reason, customer_id=len(outcomes), value_class=value_class
        )
        outcomes.append(outcome)

    for at, channel, reason, value_class in arrivals:
        env.process(customer(at, channel, reason, value_class))
    env.run(until=horizon_min)
    return collect(center), outcomes


def phone(
    at: float, value_class: str = "A", reason: str = "general"
) -> tuple[float, str, str, str]:
    return (at, "phone", reason, value_class)


def test_second_caller_waits_for_the_only_agent() -> None:
    result, outcomes = run_contacts(scenario_with(), [phone(0), phone(1)])
    contacts = result.contacts.set_index("contact_id")
    assert list(contacts["answer_min"]) == [0.0, 5.0]
    assert list(contacts["wait_min"]) == [0.0, 4.0]
    assert list(contacts["end_min"]) == [5.0, 10.0]
    assert [o.outcome for o in outcomes] == ["resolved", "resolved"]
    assert outcomes[1].wait_min == pytest.approx(4.0)


def test_vip_routing_serves_class_a_before_an_older_class_b_caller() -> None:
    scenario = scenario_with(
        value_classes={"A": {"share": 0.5}, "B": {"share": 0.5}}, vip_routing=True
    )
    result, _ = run_contacts(scenario, [phone(0, "B"), phone(1, "B"), phone(2, "A")])
    answered = result.contacts.sort_values("answer_min")["value_class"].tolist()
    assert answered == ["B", "A", "B"]


def test_without_vip_routing_the_oldest_caller_goes_first() -> None:
    scenario = scenario_with(value_classes={"A": {"share": 0.5}, "B": {"share": 0.5}})
    result, _ = run_contacts(scenario, [phone(0, "B"), phone(1, "B"), phone(2, "A")])
    assert result.contacts.sort_values("answer_min")["value_class"].tolist() == ["B", "B", "A"]


def test_busy_signal_when_all_lines_are_taken() -> None:
    channels = {"phone": {"aht_min": 5.0, "handle_time_cv": 0.0, "lines": 2}}
    _result, outcomes = run_contacts(
        scenario_with(channels=channels), [phone(0), phone(1), phone(2), phone(6)]
    )
    assert [o.outcome for o in sorted(outcomes, key=lambda o: o.contact_id)] == [
        "resolved",
        "resolved",
        "blocked",
        "resolved",
    ]


def test_impatient_caller_abandons_before_the_agent_is_free() -> None:
    channels = {"phone": {"aht_min": 60.0, "handle_time_cv": 0.0, "patience_min": 0.01}}
    result, outcomes = run_contacts(scenario_with(channels=channels), [phone(0), phone(1)])
    second = result.contacts.iloc[1]
    assert second["outcome"] == "abandoned"
    assert second["agent_id"] == -1
    assert 0 < second["wait_min"] < 1
    assert outcomes[0].outcome == "abandoned"  # it finished first


def test_chat_agent_holds_up_to_max_concurrent_chats() -> None:
    scenario = scenario_with(
        channels={"chat": {"aht_min": 10.0, "handle_time_cv": 0.0, "max_concurrent": 2}},
        agents=[{"name": "a", "count": 1, "channels": ["chat"]}],
    )
    chats = [(0.0, "chat", "general", "A")] * 3
    result, _ = run_contacts(scenario, chats)
    assert sorted(result.contacts["answer_min"]) == [0.0, 0.0, 10.0]
    assert result.agent_summary().loc[0, "busy_min"] == pytest.approx(20.0)


def test_agent_takes_the_live_call_before_an_older_email() -> None:
    scenario = scenario_with(
        channels={
            "phone": {"aht_min": 5.0, "handle_time_cv": 0.0},
            "email": {"aht_min": 5.0, "handle_time_cv": 0.0},
        },
        agents=[{"name": "a", "count": 1, "channels": ["phone", "email"]}],
    )
    arrivals = [phone(0), (1.0, "email", "general", "A"), phone(2)]
    result, _ = run_contacts(scenario, arrivals)
    order = result.contacts.sort_values("answer_min")["channel"].astype(str).tolist()
    assert order == ["phone", "phone", "email"]


def test_caller_facing_a_long_wait_takes_a_call_back() -> None:
    channels = {
        "phone": {
            "aht_min": 30.0,
            "handle_time_cv": 0.0,
            "callback": {"offer_when_wait_min": 1.0, "accept_share": 1.0, "reach_share": 1.0},
        }
    }
    result, outcomes = run_contacts(scenario_with(channels=channels), [phone(0), phone(1)])
    rows = result.contacts.set_index("contact_id")
    assert rows.loc[2, "outcome"] == "callback_requested"
    callback = rows[rows["kind"] == "callback"].iloc[0]
    assert callback["parent_id"] == 2
    assert callback["answer_min"] == pytest.approx(30.0)  # dialled when the agent is free
    assert {o.channel for o in outcomes} == {"phone", "callback"}


def test_unanswered_call_back_is_a_short_attempt() -> None:
    channels = {
        "phone": {
            "aht_min": 30.0,
            "handle_time_cv": 0.0,
            "callback": {"offer_when_wait_min": 1.0, "accept_share": 1.0, "reach_share": 0.0},
        }
    }
    result, _ = run_contacts(scenario_with(channels=channels), [phone(0), phone(1)])
    callback = result.contacts[result.contacts["kind"] == "callback"].iloc[0]
    assert callback["outcome"] == "not_reached"
    assert callback["handle_min"] == pytest.approx(0.5)


def test_unsolved_self_service_escalates_to_a_live_channel() -> None:
    scenario = scenario_with(
        channels={
            "phone": {"aht_min": 5.0, "handle_time_cv": 0.0},
            "self_service": {"aht_min": 2.0, "handle_time_cv": 0.0, "solve_share": 0.0,
                             "escalate_to": {"phone": 1.0}},
        }
    )  # fmt: skip
    result, outcomes = run_contacts(scenario, [(0.0, "self_service", "general", "A")])
    rows = result.contacts
    assert rows["outcome"].astype(str).tolist() == ["escalated", "resolved"]
    assert rows.iloc[1]["arrival_min"] == pytest.approx(2.0)
    assert outcomes[0].channel == "phone"


def test_self_service_that_solves_needs_no_agent() -> None:
    scenario = scenario_with(
        channels={
            "phone": {"aht_min": 5.0},
            "self_service": {"aht_min": 2.0, "handle_time_cv": 0.0, "solve_share": 1.0},
        }
    )
    result, outcomes = run_contacts(scenario, [(0.0, "self_service", "general", "A")])
    assert outcomes[0].outcome == "self_served" and outcomes[0].resolved
    assert result.contacts.iloc[0]["agent_id"] == -1


def test_transfer_creates_a_second_leg_for_the_target_reason() -> None:
    scenario = scenario_with(
        reasons={
            "billing": {"share": 0.5, "transfer_share": 1.0, "transfer_to": "complaint"},
            "complaint": {"share": 0.5},
        }
    )
    result, outcomes = run_contacts(scenario, [phone(0, reason="billing")])
    rows = result.contacts
    assert rows["outcome"].astype(str).tolist() == ["transferred", "resolved"]
    assert rows["reason"].astype(str).tolist() == ["billing", "complaint"]
    assert rows.iloc[1]["parent_id"] == rows.iloc[0]["contact_id"]
    assert outcomes[0].reason == "complaint"


def run_days(scenario: Any, seed: int = 1, days: int = 1) -> Any:
    from crmsim.sim import simulate

    return simulate(scenario, seed=seed, days=days)


def test_unresolved_contacts_come_back_as_repeats() -> None:
    scenario = scenario_with(
        channels={"phone": {"daily_volume": 50, "aht_min": 2.0}},
        reasons={"general": {"fcr": 0.0, "repeat_share": 1.0, "repeat_after_h": 1.0}},
        agents=[{"name": "a", "count": 3, "channels": ["phone"]}],
    )
    contacts = run_days(scenario).contacts
    repeats = contacts[contacts["kind"] == "repeat"]
    assert len(repeats) > 10
    parents = contacts.set_index("contact_id").loc[repeats["parent_id"]]
    assert (parents["outcome"] == "unresolved").all()
    assert (parents["customer_id"].to_numpy() == repeats["customer_id"].to_numpy()).all()


def test_agents_take_no_contacts_during_breaks_or_off_shift() -> None:
    scenario = scenario_with(
        channels={"phone": {"daily_volume": 400, "aht_min": 3.0}},
        agents=[
            {"name": "a", "count": 4, "channels": ["phone"], "shift_h": [8, 16],
             "breaks": [{"start_h": 12, "duration_min": 30}]},
        ],
    )  # fmt: skip
    result = run_days(scenario)
    states = result.agent_states()
    handled = result.contacts[result.contacts["agent_id"] >= 0]
    assert handled["answer_min"].between(8 * 60, 16 * 60).all()
    for agent_id, spells in states.groupby("agent_id"):
        breaks = spells[spells["state"] == "break"]
        assert len(breaks) == 1
        start, end = breaks.iloc[0][["start_min", "end_min"]]
        assert end - start == pytest.approx(30.0)
        mine = handled[handled["agent_id"] == agent_id]
        assert not mine["answer_min"].between(start, end, inclusive="neither").any()


def test_staggered_breaks_keep_half_the_group_on_the_phones() -> None:
    scenario = scenario_with(
        agents=[
            {"name": "a", "count": 4, "channels": ["phone"], "shift_h": [8, 16],
             "breaks": [{"start_h": 12, "duration_min": 30}]},
        ],
    )  # fmt: skip
    duty = run_days(scenario).duty
    starts = sorted(duty.loc[duty["state"] == "break", "start_min"])
    assert starts == [720.0, 720.0, 750.0, 750.0]


def test_night_shift_covers_the_first_hours_of_the_run() -> None:
    scenario = scenario_with(
        agents=[{"name": "night", "count": 1, "channels": ["phone"], "shift_h": [22, 6]}],
    )
    duty = run_days(scenario, days=2).duty
    assert duty[["start_min", "end_min"]].values.tolist() == [
        [0.0, 360.0],
        [1320.0, 1800.0],
        [2760.0, 2880.0],
    ]


def test_follow_up_on_a_closed_phone_line_waits_for_opening() -> None:
    scenario = scenario_with(
        channels={
            "phone": {"daily_volume": 100, "aht_min": 2.0, "open_h": [8, 18]},
            "self_service": {"daily_volume": 200, "aht_min": 2.0, "solve_share": 0.0,
                             "escalate_to": {"phone": 1.0}},
        },
    )  # fmt: skip
    contacts = run_days(scenario, days=2).contacts
    phone_calls = contacts[contacts["channel"] == "phone"]
    minute_of_day = phone_calls["arrival_min"] % 1440
    assert minute_of_day.between(8 * 60, 19 * 60).all()
