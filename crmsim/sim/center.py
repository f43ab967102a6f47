"""The customer interaction center: channels, agents and the rules of each medium.

:class:`ContactCenter` puts a scenario into a SimPy environment. Contacts come
from the scenario's own arrival streams, or from outside through
:meth:`ContactCenter.submit` (customers simulated elsewhere). What happens per
medium:

* phone: a busy signal when all lines are taken; a call-back offer when the
  expected wait is long; otherwise the caller waits until answered or out of
  patience (abandons);
* chat: like the phone, but an agent may hold several chats at once;
* email and letter/fax: a backlog worked off in routing-tier order;
* call-back: an agent dials the customer, who may not answer;
* self-service: no agent; a share of sessions solves the concern, the rest
  escalates to chat or phone.

Handled contacts are resolved, unresolved (the customer may get in touch again
later) or transferred to another reason's agents. Every contact ends as one row
of the contact log (:data:`CONTACT_FIELDS`). A follow-up that would arrive after
the end of the run (a repeat contact, or an escalation waiting for a closed line
to open) is not part of the run and has no row.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from statistics import NormalDist
from typing import Any

import numpy as np
import simpy

from crmsim.errors import InputError
from crmsim.scenario.model import CHANNELS, Channel, Scenario
from crmsim.sim import contact as oc
from crmsim.sim.agents import Agent, agent_shift, duty_plan
from crmsim.sim.arrivals import draw_arrivals
from crmsim.sim.contact import Contact, ContactOutcome
from crmsim.sim.router import CommunicationServer
from crmsim.sim.streams import RandomStreams

#: Fields of one contact-log record, in order.
CONTACT_FIELDS = (
    "contact_id",
    "customer_id",
    "channel",
    "reason",
    "value_class",
    "priority",
    "kind",
    "parent_id",
    "arrival_min",
    "answer_min",
    "end_min",
    "handle_min",
    "acw_min",
    "agent_id",
    "outcome",
)
#: Integer codes of the text fields in contact-log records (positions in the tuples).
CHANNEL_CODES = {name: code for code, name in enumerate(CHANNELS)}
KIND_CODES = {name: code for code, name in enumerate(oc.KINDS)}
OUTCOME_CODES = {name: code for code, name in enumerate(oc.OUTCOMES)}
#: Time an agent spends on a call-back the customer does not answer (minutes).
DIAL_ATTEMPT_MIN = 0.5
_RESOLVE, _TRANSFER, _CB_ACCEPT, _CB_REACH, _SELF = range(5)
_NORMAL = NormalDist()


class ContactCenter:
    """A customer interaction center running in a SimPy environment.

    Parameters
    ----------
    env:
        The environment to run in.
    scenario:
        The validated scenario.
    seed:
        Integer or :class:`numpy.random.SeedSequence` for the random streams.
    horizon_min:
        Length of the run (minutes); arrivals and shifts are planned up to it.
        Default: the scenario's days.
    external_only:
        Do not generate the scenario's own arrivals; contacts come only through
        :meth:`submit`.
    """

    def __init__(
        self,
        env: simpy.Environment,
        scenario: Scenario,
        seed: int | np.random.SeedSequence = 0,
        horizon_min: float | None = None,
        external_only: bool = False,
    ) -> None:
        self.env = env
        self.scenario = scenario
        self.horizon_min = float(horizon_min or scenario.days * 1440.0)
        self.seed = seed
        self.streams = RandomStreams(seed)
        self.channels = _with_callback_channel(scenario.channels)
        self.reason_names = [r.name for r in scenario.reasons]
        self.class_names = [c.name for c in scenario.value_classes]
        self.records: list[tuple[Any, ...]] = []
        self.duty_log: list[tuple[int, str, float, float]] = []
        self.active: dict[int, Contact] = {}
        self.phone_in_system = 0
        self._next_contact_id = 0
        self._next_customer_id = 0
        self._opening = _opening_slots(scenario)
        self.agents = _build_agents(scenario, self.channels)
        keys = [(ch, r) for ch in self.channels for r in range(len(scenario.reasons))]
        self.server = CommunicationServer(env, self.agents, keys, self._start_work)
        _check_coverage(self.agents, self.channels, self.reason_names)
        for agent, (group, member) in zip(self.agents, _members(scenario), strict=True):
            plan = duty_plan(group, member, scenario.start_weekday, self.horizon_min)
            env.process(agent_shift(env, agent, self.server, plan, self.duty_log))
        if not external_only:
            env.process(self._arrival_stream())

    # -- arrivals -------------------------------------------------------------------
    def _arrival_stream(self) -> Iterator[simpy.Event]:
        """All the scenario's own arrivals, merged over channels (a SimPy process)."""
        batches = [
            draw_arrivals(
                ch,
                self.scenario,
                self.horizon_min,
                self.streams.arrivals[name],
                self.streams.attributes[name],
            )
            for name, ch in self.scenario.channels.items()
            if ch.daily_volume > 0
        ]
        if not batches:
            return
        times = np.concatenate([b.times_min for b in batches])
        which = np.concatenate([np.full(b.times_min.size, i) for i, b in enumerate(batches)])
        row = np.concatenate([np.arange(b.times_min.size) for b in batches])
        order = np.argsort(times, kind="stable")
        columns = [
            (
                b.channel,
                b.reasons.tolist(),
                b.value_classes.tolist(),
                b.handle_min.tolist(),
                b.patience_min.tolist(),
                b.decisions.tolist(),
            )
            for b in batches
        ]
        env = self.env
        schedule = zip(
            times[order].tolist(), which[order].tolist(), row[order].tolist(), strict=True
        )
        for t, i, j in schedule:
            yield env.timeout(t - env.now)
            channel, reasons, classes, handles, patiences, decisions = columns[i]
            self._next_customer_id += 1
            contact = self._new_contact(
                channel, reasons[j], classes[j], "new", -1, handles[j], patiences[j], decisions[j]
            )
            self._arrive(contact)

    def submit(self, channel: str, reason: str, customer_id: int, value_class: str) -> simpy.Event:
        """A contact from a customer simulated elsewhere, arriving now.

        Returns an event whose value is a :class:`~crmsim.sim.contact.ContactOutcome`
        once the contact is over (including transfers, escalations and call-backs).
        """
        if channel not in self.channels:
            raise InputError(f"channel {channel!r} is not open; open: {', '.join(self.channels)}")
        if reason not in self.reason_names:
            raise InputError(f"unknown reason {reason!r}; known: {', '.join(self.reason_names)}")
        if value_class not in self.class_names:
            raise InputError(f"unknown value class {value_class!r}")
        reason_index = self.reason_names.index(reason)
        contact = self._follow_up(
            channel, reason_index, self.class_names.index(value_class), "new", -1, customer_id
        )
        done = contact.notify = self.env.event()
        self._arrive(contact)
        return done

    # -- building contacts ------------------------------------------------------------
    def _new_contact(
        self,
        channel: str,
        reason: int,
        value_class: int,
        kind: str,
        parent_id: int,
        handle_min: float,
        patience_min: float,
        decisions: list[float],
        customer_id: int | None = None,
    ) -> Contact:
        self._next_contact_id += 1
        ch = self.channels[channel]
        rank = self.scenario.value_classes[value_class].rank if self.scenario.vip_routing else 0
        return Contact(
            self._next_contact_id,
            self._next_customer_id if customer_id is None else customer_id,
            channel,
            reason,
            value_class,
            ch.priority * 1000 + rank,
            kind,
            parent_id,
            self.env.now,
            handle_min,
            patience_min,
            decisions,
        )

    def _follow_up(
        self,
        channel: str,
        reason: int,
        value_class: int,
        kind: str,
        parent_id: int,
        customer_id: int,
    ) -> Contact:
        """A contact created during the run, its attributes drawn from the follow-up stream."""
        draw = self.streams.follow_ups
        ch = self.channels[channel]
        mean = ch.aht_min * self.scenario.reasons[reason].aht_factor
        handle = mean * _unit_variate(ch.handle_time_cv, draw.uniform())
        patience = math.inf if ch.patience_min is None else draw.exponential(ch.patience_min)
        decisions = [draw.uniform() for _ in range(5)]
        return self._new_contact(
            channel, reason, value_class, kind, parent_id, handle, patience, decisions, customer_id
        )

    # -- the media's rules ------------------------------------------------------------------
    def _arrive(self, contact: Contact) -> None:
        channel = self.channels[contact.channel]
        self.active[contact.id] = contact
        if contact.channel == "self_service":
            timer = self.env.timeout(contact.handle_min, value=contact)
            timer.callbacks.append(self._self_service_done)
            return
        if contact.channel == "phone":
            if channel.lines is not None and self.phone_in_system >= channel.lines:
                self._close(contact, oc.BLOCKED)
                return
            policy = channel.callback
            if (
                policy is not None
                and self._expected_wait_min("phone") > policy.offer_when_wait_min
                and contact.decisions[_CB_ACCEPT] < policy.accept_share
            ):
                self._close(contact, oc.CALLBACK_REQUESTED, keep_notify=True)
                self._spawn(contact, "callback", contact.reason, "callback")
                return
            self.phone_in_system += 1
        if not self.server.offer(contact) and contact.patience_min != math.inf:
            timer = self.env.timeout(contact.patience_min, value=contact)
            timer.callbacks.append(self._patience_over)

    def _expected_wait_min(self, channel: str) -> float:
        """The estimate a system would announce: 0 with a free agent, else queue × AHT / agents."""
        if any(channel in agent.channels for agent in self.server.free):
            return 0.0
        agents = self.server.on_duty.get(channel, 0)
        waiting = self.server.waiting.get(channel, 0)
        if agents == 0:
            return math.inf
        return (waiting + 1) * self.channels[channel].aht_min / agents

    def _patience_over(self, event: simpy.Event) -> None:
        contact: Contact = event.value
        if contact.agent_id >= 0 or contact.outcome:
            return
        self.server.withdraw(contact)
        if contact.channel == "phone":
            self.phone_in_system -= 1
        self._close(contact, oc.ABANDONED)

    def _start_work(self, agent: Agent, contact: Contact) -> None:
        contact.answer_min = self.env.now
        contact.agent_id = agent.id
        duration = contact.handle_min
        if contact.channel == "callback":
            policy = self.channels["phone"].callback
            reach = policy.reach_share if policy is not None else 1.0
            if contact.decisions[_CB_REACH] >= reach:
                contact.outcome = oc.NOT_REACHED
                duration = DIAL_ATTEMPT_MIN
        contact.handle_min = duration
        timer = self.env.timeout(duration, value=(agent, contact))
        timer.callbacks.append(self._handled)

    def _handled(self, event: simpy.Event) -> None:
        agent, contact = event.value
        if contact.channel == "phone":
            self.phone_in_system -= 1
        reason = self.scenario.reasons[contact.reason]
        if contact.outcome == oc.NOT_REACHED:
            self._close(contact, oc.NOT_REACHED)
        elif contact.decisions[_TRANSFER] < reason.transfer_share:
            self._close(contact, oc.TRANSFERRED, keep_notify=True)
            target = self.reason_names.index(reason.transfer_to)  # type: ignore[arg-type]
            self._spawn(contact, contact.channel, target, "transfer")
        elif contact.decisions[_RESOLVE] < reason.fcr:
            self._close(contact, oc.RESOLVED)
        else:
            self._close(contact, oc.UNRESOLVED)
            self._maybe_repeat(contact, reason.repeat_share, reason.repeat_after_h)
        acw = self.channels[contact.channel].acw_min
        if acw > 0:
            timer = self.env.timeout(acw, value=(agent, contact))
            timer.callbacks.append(self._after_contact_work_done)
        else:
            self.server.finished(agent, contact)

    def _after_contact_work_done(self, event: simpy.Event) -> None:
        agent, contact = event.value
        self.server.finished(agent, contact)

    def _self_service_done(self, event: simpy.Event) -> None:
        contact: Contact = event.value
        contact.answer_min = contact.arrival_min
        config = self.channels["self_service"].self_service
        assert config is not None
        if contact.decisions[_SELF] < config.solve_share:
            self._close(contact, oc.SELF_SERVED)
            return
        self._close(contact, oc.ESCALATED, keep_notify=True)
        u = self.streams.follow_ups.uniform()
        target = config.escalate_to[-1][0]
        for name, share in config.escalate_to:
            if u < share:
                target = name
                break
            u -= share
        self._spawn(contact, target, contact.reason, "escalation")

    def _maybe_repeat(self, contact: Contact, share: float, after_h: float) -> None:
        if contact.notify is not None or self.streams.follow_ups.uniform() >= share:
            return
        delay = self.streams.follow_ups.exponential(after_h * 60.0)
        if self.env.now + delay >= self.horizon_min:
            return
        channel = "phone" if contact.channel == "callback" else contact.channel
        timer = self.env.timeout(delay, value=contact)
        timer.callbacks.append(lambda e: self._spawn(e.value, channel, e.value.reason, "repeat"))

    def _spawn(self, parent: Contact, channel: str, reason: int, kind: str) -> None:
        """A contact that follows from ``parent``; on a closed live channel it waits for opening."""
        delay = self._until_open(channel)
        if delay > 0:
            timer = self.env.timeout(delay, value=(parent, channel, reason, kind))
            timer.callbacks.append(lambda e: self._spawn(*e.value))
            return
        child = self._follow_up(
            channel, reason, parent.value_class, kind, parent.id, parent.customer_id
        )
        if kind != "repeat":
            child.notify, parent.notify = parent.notify, None
        self._arrive(child)

    def _until_open(self, channel: str) -> float:
        """Minutes until a live channel opens (0 when open now or not a live channel).

        A customer sent from self-service to a closed phone line, or who wants to
        call again at night, gets in touch at a random time within the first hour
        after opening.
        """
        week = self._opening.get(channel)
        if week is None:
            return 0.0
        slots, width = week
        now_slot = int(self.env.now // width)
        for ahead in range(slots.size):
            if slots[(now_slot + ahead) % slots.size]:
                if ahead == 0:
                    return 0.0
                opens = (now_slot + ahead) * width
                return opens - self.env.now + self.streams.follow_ups.uniform() * 60.0
        return 0.0

    # -- the log --------------------------------------------------------------------------
    def _close(self, contact: Contact, outcome: str, keep_notify: bool = False) -> None:
        """Write the contact's row; tell a waiting customer unless the contact goes on."""
        contact.outcome = outcome
        contact.end_min = self.env.now
        handled = contact.agent_id >= 0
        acw = self.channels[contact.channel].acw_min if handled else 0.0
        contact.acw_min = acw
        self.active.pop(contact.id, None)
        self.records.append(self._row(contact, handled))
        if contact.notify is not None and not keep_notify:
            contact.notify.succeed(self.outcome_of(contact))
            contact.notify = None

    def _row(self, contact: Contact, handled: bool) -> tuple[Any, ...]:
        """The contact-log record: text fields as integer codes (see :data:`CONTACT_FIELDS`)."""
        return (
            contact.id,
            contact.customer_id,
            CHANNEL_CODES[contact.channel],
            contact.reason,
            contact.value_class,
            contact.priority,
            KIND_CODES[contact.kind],
            contact.parent_id,
            contact.arrival_min,
            contact.answer_min,
            contact.end_min,
            contact.handle_min if handled or contact.channel == "self_service" else 0.0,
            contact.acw_min,
            contact.agent_id,
            OUTCOME_CODES[contact.outcome],
        )

    def outcome_of(self, contact: Contact) -> ContactOutcome:
        """The customer's view of a finished contact."""
        waited = contact.answer_min if contact.agent_id >= 0 else contact.end_min
        return ContactOutcome(
            contact.id,
            contact.channel,
            self.reason_names[contact.reason],
            contact.outcome,
            contact.outcome in (oc.RESOLVED, oc.SELF_SERVED),
            contact.arrival_min,
            contact.answer_min,
            contact.end_min,
            waited - contact.arrival_min,
            contact.handle_min if contact.agent_id >= 0 else 0.0,
            contact.agent_id,
        )

    def open_rows(self) -> list[tuple[Any, ...]]:
        """Rows for contacts still waiting or in hand when the run stops (outcome ``open``)."""
        rows = []
        for contact in sorted(self.active.values(), key=lambda c: c.id):
            handled = contact.agent_id >= 0
            contact.outcome = oc.OPEN
            contact.handle_min = self.env.now - contact.answer_min if handled else 0.0
            rows.append(self._row(contact, handled))
        return rows

    def open_duty(self) -> list[tuple[int, str, float, float]]:
        """Duty spells of agents still logged on when the run stops."""
        return [
            (agent.id, "on_duty", agent.since, self.env.now)
            for agent in self.agents
            if agent.since is not None and agent.since < self.env.now
        ]


def _unit_variate(cv: float, u: float) -> float:
    """One positive variate with mean 1 and coefficient of variation ``cv`` from a uniform."""
    if cv == 1.0:
        return -math.log(1.0 - u)
    if cv == 0.0:
        return 1.0
    sigma2 = math.log1p(cv * cv)
    z = _NORMAL.inv_cdf(min(max(u, 1e-12), 1 - 1e-12))
    return math.exp(-sigma2 / 2.0 + math.sqrt(sigma2) * z)


def _with_callback_channel(channels: dict[str, Channel]) -> dict[str, Channel]:
    """Add a call-back channel modelled on the phone when call-backs are offered."""
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


def _opening_slots(scenario: Scenario) -> dict[str, tuple[np.ndarray, float]]:
    """For each live channel: open flags per interval over one week from day 0, and the width."""
    opening = {}
    for name in ("phone", "chat"):
        channel = scenario.channels.get(name)
        if channel is None or channel.daily_volume == 0:
            continue
        shares = np.asarray(channel.intraday_profile) > 0
        weekdays = [(scenario.start_weekday + d) % 7 for d in range(7)]
        week = np.concatenate([shares & (channel.weekday_factors[w] > 0) for w in weekdays])
        if week.any() and not week.all():
            opening[name] = (week, channel.interval_min)
    return opening


def _members(scenario: Scenario) -> Iterator[tuple[Any, int]]:
    for group in scenario.agents:
        for member in range(group.count):
            yield group, member


def _build_agents(scenario: Scenario, channels: dict[str, Channel]) -> list[Agent]:
    """Agents with their skills; agents who take phone calls also dial call-backs."""
    agents = []
    chat = channels.get("chat")
    for group, member in _members(scenario):
        skill_channels = set(group.channels) - {"self_service"}
        if "phone" in skill_channels and "callback" in channels:
            skill_channels.add("callback")
        reasons = range(len(scenario.reasons))
        if group.reasons is not None:
            reasons = [i for i, r in enumerate(scenario.reasons) if r.name in group.reasons]
        skills = frozenset((ch, r) for ch in skill_channels for r in reasons)
        max_chats = chat.max_concurrent if chat is not None else 1
        agents.append(
            Agent(len(agents), f"{group.name}-{member + 1}", group.name, skills, max_chats)
        )
    return agents


def _check_coverage(agents: list[Agent], channels: dict[str, Channel], reasons: list[str]) -> None:
    covered = set().union(*(agent.skills for agent in agents)) if agents else set()
    for channel in channels:
        if channel == "self_service":
            continue
        for index, reason in enumerate(reasons):
            if (channel, index) not in covered:
                raise InputError(
                    f'"agents": no agent group handles reason "{reason}" on channel "{channel}"; '
                    "add the reason (or leave out 'reasons' for all) in a group with that channel"
                )
