"""Follow-up contacts: repeat contacts, transfers, escalations and call-backs, and when they come.

A follow-up is a new contact that stems from an earlier one (its ``parent_id``):

* a *repeat* comes after an unresolved contact, an exponential time later;
* a *transfer* goes to the agents of another reason at once;
* an *escalation* leaves self-service for chat or phone at once;
* a *call-back* replaces a phone call whose caller took the call-back offer.

Follow-ups that find their live channel closed wait for it to open and then
come at a random time within its first hour. A follow-up due after the end of
the run is not part of the run.
"""

from __future__ import annotations

from collections.abc import Callable

import simpy

from crmsim.random_draws import DrawBuffer
from crmsim.sim.contact import Contact
from crmsim.sim.contact_factory import ContactFactory
from crmsim.sim.opening_hours import OpeningHours
from crmsim.time_units import MINUTES_PER_HOUR


class FollowUps:
    """Schedules the follow-ups of a run and hands them to the center when they arrive.

    Parameters
    ----------
    env
        The run's environment.
    factory
        Makes the follow-up contacts.
    opening
        Opening hours of the live channels that close at times
        (:func:`~crmsim.sim.opening_hours.live_channel_hours`).
    draws
        The follow-up stream.
    horizon_min
        End of the run (minutes).
    arrive
        The center's entry point for an arriving contact.
    """

    def __init__(
        self,
        env: simpy.Environment,
        factory: ContactFactory,
        opening: dict[str, OpeningHours],
        draws: DrawBuffer,
        horizon_min: float,
        arrive: Callable[[Contact], None],
    ) -> None:
        self.env = env
        self.factory = factory
        self.opening = opening
        self.draws = draws
        self.horizon_min = horizon_min
        self.arrive = arrive

    def maybe_repeat(self, contact: Contact, share: float, after_h: float) -> None:
        """With probability ``share`` the customer comes back, on average ``after_h`` hours later.

        Contacts whose outcome someone outside the center waits for (submitted
        contacts) are not repeated here: the outside model decides.
        """
        if contact.notify is not None or self.draws.uniform() >= share:
            return
        delay = self.draws.exponential_from_uniform(after_h * MINUTES_PER_HOUR)
        if self.env.now + delay >= self.horizon_min:
            return
        channel = "phone" if contact.channel == "callback" else contact.channel
        timer = self.env.timeout(delay, value=contact)
        timer.callbacks.append(lambda e: self.spawn(e.value, channel, e.value.reason, "repeat"))

    def escalate(self, contact: Contact, escalate_to: tuple[tuple[str, float], ...]) -> None:
        """Send a self-service session on to a live channel drawn by the given shares."""
        u = self.draws.uniform()
        target = escalate_to[-1][0]
        for name, share in escalate_to:
            if u < share:
                target = name
                break
            u -= share
        self.spawn(contact, target, contact.reason, "escalation")

    def spawn(self, parent: Contact, channel: str, reason: int, kind: str) -> None:
        """A contact that follows from ``parent``; on a closed live channel it waits for opening.

        Except for repeats, the follow-up carries on the parent's notification:
        whoever waits for the parent learns how the follow-up ended.
        """
        delay = self.until_open(channel)
        if delay > 0:
            timer = self.env.timeout(delay, value=(parent, channel, reason, kind))
            timer.callbacks.append(lambda e: self.spawn(*e.value))
            return
        child = self.factory.follow_up(
            channel, reason, parent.value_class, kind, parent.id, parent.customer_id
        )
        if kind != "repeat":
            child.notify, parent.notify = parent.notify, None
        self.arrive(child)

    def until_open(self, channel: str) -> float:
        """Minutes until a live channel opens (0 when open now or not a live channel).

        A customer sent from self-service to a closed phone line, or who wants to
        call again at night, gets in touch at a random time within the first hour
        after opening.
        """
        hours = self.opening.get(channel)
        now = self.env.now
        if hours is None or hours.is_open(now):
            return 0.0
        return hours.next_opening_min(now) - now + self.draws.uniform() * MINUTES_PER_HOUR
