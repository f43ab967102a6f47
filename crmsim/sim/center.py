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
later) or transferred to another reason's agents. Every contact ends as one
record of the contact log (:mod:`crmsim.sim.contact_log`). Contacts are made in
:mod:`~crmsim.sim.contact_factory`, follow-ups scheduled in
:mod:`~crmsim.sim.follow_ups`. The scenario is valid by construction.
"""

from __future__ import annotations

import math
from collections.abc import Generator
from typing import Any, NamedTuple, cast

import numpy as np
import simpy

from crmsim.errors import InputError
from crmsim.scenario.model import Scenario
from crmsim.sim import contact as oc
from crmsim.sim.agents import (
    Agent,
    DutyRecord,
    agent_shift,
    build_agents,
    duty_plan,
    group_members,
    with_callback_channel,
)
from crmsim.sim.arrivals import DECISIONS, draw_arrivals, merge_batches
from crmsim.sim.contact import Contact, ContactOutcome, outcome_of
from crmsim.sim.contact_factory import ContactFactory
from crmsim.sim.contact_log import ContactRow, contact_record
from crmsim.sim.follow_ups import FollowUps
from crmsim.sim.opening_hours import live_channel_hours
from crmsim.sim.router import CommunicationServer
from crmsim.sim.streams import RandomStreams
from crmsim.time_units import MINUTES_PER_DAY

#: Time an agent spends on a call-back the customer does not answer (minutes).
DIAL_ATTEMPT_MIN = 0.5
#: Positions of the decision numbers in a contact's ``decisions`` (see arrivals.DECISIONS).
RESOLVE = DECISIONS.index("resolve")
TRANSFER = DECISIONS.index("transfer")
CALLBACK_ACCEPT = DECISIONS.index("callback_accept")
CALLBACK_REACH = DECISIONS.index("callback_reach")
SELF_SERVICE = DECISIONS.index("self_service")


class OutcomeRule(NamedTuple):
    """What may happen at the end of a contact for one reason (shares 0–1, hours)."""

    transfer_share: float
    transfer_to: int  # position of the reason a transfer goes to, −1 when there is none
    fcr: float
    repeat_share: float
    repeat_after_h: float


class ContactCenter:
    """A customer interaction center running in a SimPy environment.

    Parameters
    ----------
    env:
        The environment to run in.
    scenario:
        The scenario (valid by construction).
    seed:
        Integer or :class:`numpy.random.SeedSequence` for the random streams.
    horizon_min:
        Length of the run (minutes); arrivals and shifts are planned up to it.
        Default: the scenario's days.
    external_only:
        Do not generate the scenario's own arrivals; contacts come only through
        :meth:`submit`.

    Attributes
    ----------
    records:
        The contact log: one record per contact that has ended, laid out as
        :class:`~crmsim.sim.contact_log.ContactRecord`.
    duty_log:
        Duty and break spells that have ended.
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
        self.horizon_min = float(horizon_min or scenario.days * MINUTES_PER_DAY)
        self.seed = seed
        self.streams = RandomStreams(seed)
        self.channels = with_callback_channel(scenario.channels)
        self.reason_names = [r.name for r in scenario.reasons]
        self.class_names = [c.name for c in scenario.value_classes]
        self._reason_index = {name: i for i, name in enumerate(self.reason_names)}
        self._class_index = {name: i for i, name in enumerate(self.class_names)}
        # Looked up once per handled contact: plain tuples and dicts keep the loop fast.
        self._outcome_rules = [
            OutcomeRule(
                r.transfer_share,
                self._reason_index.get(str(r.transfer_to), -1),
                r.fcr,
                r.repeat_share,
                r.repeat_after_h,
            )
            for r in scenario.reasons
        ]
        self._acw_min = {name: channel.acw_min for name, channel in self.channels.items()}
        self.records: list[ContactRow] = []
        self.duty_log: list[DutyRecord] = []
        self.active: dict[int, Contact] = {}
        self.phone_in_system = 0
        self.factory = ContactFactory(env, scenario, self.channels, self.streams.follow_ups)
        self.follow_ups = FollowUps(
            env,
            self.factory,
            live_channel_hours(scenario),
            self.streams.follow_ups,
            self.horizon_min,
            self._arrive,
        )
        self.agents = build_agents(scenario, self.channels)
        keys = [(ch, r) for ch in self.channels for r in range(len(scenario.reasons))]
        self.server = CommunicationServer(env, self.agents, keys, self._start_work)
        for agent, (group, member) in zip(self.agents, group_members(scenario), strict=True):
            plan = duty_plan(group, member, scenario.start_weekday, self.horizon_min)
            env.process(agent_shift(env, agent, self.server, plan, self.duty_log))
        if not external_only:
            env.process(self._arrival_stream())

    # -- arrivals -------------------------------------------------------------------
    def _arrival_stream(self) -> Generator[simpy.Event, Any, None]:
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
        times, which, rows, columns = merge_batches(batches)
        env = self.env
        factory = self.factory
        for t, i, j in zip(times, which, rows, strict=True):
            yield env.timeout(t - env.now)
            channel, reasons, classes, handles, patiences, decisions = columns[i]
            contact = factory.contact(
                channel,
                reasons[j],
                classes[j],
                "new",
                -1,
                handles[j],
                patiences[j],
                decisions[j],
            )
            self._arrive(contact)

    def submit(self, channel: str, reason: str, customer_id: int, value_class: str) -> simpy.Event:
        """A contact from a customer simulated elsewhere, arriving now.

        Returns an event whose value is a :class:`~crmsim.sim.contact.ContactOutcome`
        once the contact is over (including transfers, escalations and call-backs).
        """
        if channel not in self.channels:
            raise InputError(f"channel {channel!r} is not open; open: {', '.join(self.channels)}")
        if reason not in self._reason_index:
            raise InputError(f"unknown reason {reason!r}; known: {', '.join(self.reason_names)}")
        if value_class not in self._class_index:
            raise InputError(
                f"unknown value class {value_class!r}; known: {', '.join(self.class_names)}"
            )
        contact = self.factory.follow_up(
            channel,
            self._reason_index[reason],
            self._class_index[value_class],
            "new",
            -1,
            customer_id,
        )
        done = contact.notify = self.env.event()
        self._arrive(contact)
        return done

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
                and contact.decisions[CALLBACK_ACCEPT] < policy.accept_share
            ):
                self._close(contact, oc.CALLBACK_REQUESTED, keep_notify=True)
                self.follow_ups.spawn(contact, "callback", contact.reason, "callback")
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
        contact = cast(Contact, event.value)
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
            if contact.decisions[CALLBACK_REACH] >= reach:
                contact.outcome = oc.NOT_REACHED
                duration = DIAL_ATTEMPT_MIN
        contact.handle_min = duration
        timer = self.env.timeout(duration, value=(agent, contact))
        timer.callbacks.append(self._handled)

    def _handled(self, event: simpy.Event) -> None:
        agent, contact = cast("tuple[Agent, Contact]", event.value)
        channel = contact.channel
        if channel == "phone":
            self.phone_in_system -= 1
        rule = self._outcome_rules[contact.reason]
        decisions = contact.decisions
        if contact.outcome == oc.NOT_REACHED:
            self._close(contact, oc.NOT_REACHED)
        elif decisions[TRANSFER] < rule.transfer_share:
            self._close(contact, oc.TRANSFERRED, keep_notify=True)
            self.follow_ups.spawn(contact, channel, rule.transfer_to, "transfer")
        elif decisions[RESOLVE] < rule.fcr:
            self._close(contact, oc.RESOLVED)
        else:
            self._close(contact, oc.UNRESOLVED)
            self.follow_ups.maybe_repeat(contact, rule.repeat_share, rule.repeat_after_h)
        acw = self._acw_min[channel]
        if acw > 0:
            timer = self.env.timeout(acw, value=(agent, contact))
            timer.callbacks.append(self._after_contact_work_done)
        else:
            self.server.finished(agent, contact)

    def _after_contact_work_done(self, event: simpy.Event) -> None:
        agent, contact = cast("tuple[Agent, Contact]", event.value)
        self.server.finished(agent, contact)

    def _self_service_done(self, event: simpy.Event) -> None:
        contact = cast(Contact, event.value)
        contact.answer_min = contact.arrival_min
        config = self.channels["self_service"].self_service
        assert config is not None  # a self-service channel always has its configuration
        if contact.decisions[SELF_SERVICE] < config.solve_share:
            self._close(contact, oc.SELF_SERVED)
            return
        self._close(contact, oc.ESCALATED, keep_notify=True)
        self.follow_ups.escalate(contact, config.escalate_to)

    # -- the log --------------------------------------------------------------------------
    def _close(self, contact: Contact, outcome: str, keep_notify: bool = False) -> None:
        """Write the contact's record; tell a waiting customer unless the contact goes on."""
        contact.outcome = outcome
        contact.end_min = self.env.now
        contact.acw_min = self._acw_min[contact.channel] if contact.agent_id >= 0 else 0.0
        self.active.pop(contact.id, None)
        self.records.append(contact_record(contact))
        if contact.notify is not None and not keep_notify:
            contact.notify.succeed(self.outcome_of(contact))
            contact.notify = None

    def outcome_of(self, contact: Contact) -> ContactOutcome:
        """The customer's view of a finished contact."""
        return outcome_of(contact, self.reason_names[contact.reason])
