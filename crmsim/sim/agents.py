"""Agents, their skills and their working hours.

An :class:`Agent` is a plain record the communication server reads and
updates. Its shift plan comes from :func:`duty_plan`; the SimPy process
:func:`agent_shift` walks through the plan, bringing the agent on duty, sending
them on breaks and home, each time only after the contact in hand is finished.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

import simpy

from crmsim.scenario.model import AgentGroup, Channel, Scenario
from crmsim.time_units import MINUTES_PER_DAY

if TYPE_CHECKING:
    from crmsim.sim.router import CommunicationServer

# States in the agent duty log.
ON_DUTY = "on_duty"
ON_BREAK = "break"


class DutyRecord(NamedTuple):
    """One spell of the duty log: an agent on duty or on a break (minutes since the start)."""

    agent_id: int
    state: str  # ON_DUTY or ON_BREAK
    start_min: float
    end_min: float


class Agent:
    """One agent: skills, capacity and what they are doing right now."""

    __slots__ = (
        "channels",
        "chat_queues",
        "chats",
        "group",
        "id",
        "leave",
        "max_chats",
        "name",
        "on_duty",
        "queues",
        "since",
        "skills",
        "voice",
    )

    def __init__(
        self, id: int, name: str, group: str, skills: frozenset[tuple[str, int]], max_chats: int
    ) -> None:
        self.id = id
        self.name = name
        self.group = group
        #: (channel, reason index) pairs the agent may take.
        self.skills = skills
        self.channels = frozenset(channel for channel, _ in skills)
        #: Queues the agent serves, filled in by the communication server.
        self.queues: list[list[Any]] = []
        self.chat_queues: list[list[Any]] = []
        self.max_chats = max_chats
        self.on_duty = False
        #: Busy with a phone call, call-back, email or letter (including after-contact work).
        self.voice = False
        #: Chats in hand.
        self.chats = 0
        #: Event to fire once the agent has finished the work in hand (break or end of shift).
        self.leave: simpy.Event | None = None
        #: When the current duty spell began (minutes); ``None`` while off duty or on a break.
        self.since: float | None = None

    @property
    def is_free(self) -> bool:
        """No work in hand."""
        return not self.voice and self.chats == 0


def duty_plan(
    group: AgentGroup, member: int, start_weekday: int, horizon_min: float
) -> list[tuple[float, float, list[tuple[float, float]]]]:
    """Working spans of one agent over the horizon, with their breaks.

    A shift whose end hour is not after its start hour runs overnight into the
    next day. Consecutive shifts that touch (for example 0–24 h every day) are
    merged into one span. Breaks are staggered: odd-numbered members of a group take each break
    right after the even-numbered ones, so the group is never away all at once.

    Returns
    -------
    list of (start_min, end_min, breaks)
        ``breaks`` lists (start_min, duration_min) inside the span.
    """
    spans: list[tuple[float, float, list[tuple[float, float]]]] = []
    days = int(horizon_min // MINUTES_PER_DAY) + 1
    overnight = group.shift_end_h <= group.shift_start_h
    # An overnight shift that began the evening before the run covers its first hours.
    for day in range(-1 if overnight else 0, days):
        if (start_weekday + day) % 7 not in group.workdays:
            continue
        base = day * MINUTES_PER_DAY
        start = max(base + group.shift_start_h * 60.0, 0.0)
        end = min(base + (group.shift_end_h + 24.0 * overnight) * 60.0, horizon_min)
        if start >= horizon_min:
            break
        breaks = [
            (
                base
                + (b.start_h + 24.0 * (b.start_h < group.shift_start_h)) * 60.0
                + (member % 2) * b.duration_min,
                b.duration_min,
            )
            for b in group.breaks
        ]
        breaks = sorted((s, d) for s, d in breaks if start <= s < end)
        if spans and spans[-1][1] == start:
            previous = spans[-1]
            spans[-1] = (previous[0], end, previous[2] + breaks)
        else:
            spans.append((start, end, breaks))
    return spans


def agent_shift(
    env: simpy.Environment,
    agent: Agent,
    server: CommunicationServer,
    plan: list[tuple[float, float, list[tuple[float, float]]]],
    duty_log: list[DutyRecord],
) -> Generator[simpy.Event, Any, None]:
    """The agent's working day(s): log on, take breaks, log off (a SimPy process)."""
    for start, end, breaks in plan:
        if start > env.now:
            yield env.timeout(start - env.now)
        agent.since = env.now
        server.come_on_duty(agent)
        for break_start, duration in breaks:
            if break_start > env.now:
                yield env.timeout(break_start - env.now)
            yield server.go_off_duty(agent)
            duty_log.append(DutyRecord(agent.id, ON_DUTY, agent.since, env.now))
            agent.since = None
            away_since = env.now
            yield env.timeout(duration)
            duty_log.append(DutyRecord(agent.id, ON_BREAK, away_since, env.now))
            agent.since = env.now
            server.come_on_duty(agent)
        if end > env.now:
            yield env.timeout(end - env.now)
        yield server.go_off_duty(agent)
        duty_log.append(DutyRecord(agent.id, ON_DUTY, agent.since, env.now))
        agent.since = None


def with_callback_channel(channels: dict[str, Channel]) -> dict[str, Channel]:
    """The channels, plus a call-back channel modelled on the phone when call-backs are offered."""
    phone = channels.get("phone")
    if phone is None or phone.callback is None or "callback" in channels:
        return dict(channels)
    callback = Channel(
        name="callback",
        aht_min=phone.aht_min,
        handle_time_cv=phone.handle_time_cv,
        acw_min=phone.acw_min,
        sl_threshold_s=phone.sl_threshold_s,
        response_target_h=1.0,
        priority=2,
    )
    return {**channels, "callback": callback}


def group_members(scenario: Scenario) -> Iterator[tuple[AgentGroup, int]]:
    """Every agent of the scenario as (group, position in the group), in scenario order."""
    for group in scenario.agents:
        for member in range(group.count):
            yield group, member


def build_agents(scenario: Scenario, channels: dict[str, Channel]) -> list[Agent]:
    """Agents with their skills; agents who take phone calls also dial call-backs."""
    agents: list[Agent] = []
    chat = channels.get("chat")
    for group, member in group_members(scenario):
        skill_channels = set(group.channels) - {"self_service"}
        if "phone" in skill_channels and "callback" in channels:
            skill_channels.add("callback")
        reasons: Any = range(len(scenario.reasons))
        if group.reasons is not None:
            reasons = [i for i, r in enumerate(scenario.reasons) if r.name in group.reasons]
        skills = frozenset((ch, r) for ch in skill_channels for r in reasons)
        max_chats = chat.max_concurrent if chat is not None else 1
        agents.append(
            Agent(len(agents), f"{group.name}-{member + 1}", group.name, skills, max_chats)
        )
    return agents


def open_duty(agents: list[Agent], now_min: float) -> list[DutyRecord]:
    """Duty spells of agents still logged on when the run stops at ``now_min``."""
    return [
        DutyRecord(agent.id, ON_DUTY, agent.since, now_min)
        for agent in agents
        if agent.since is not None and agent.since < now_min
    ]
