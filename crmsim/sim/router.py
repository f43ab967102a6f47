"""The communication server: media-neutral routing of contacts to agents.

Like the communication server of a customer interaction center (the lecture's
iNCCA example), it sees every medium at once. There is one queue per
(channel, reason) pair. The rule is simple and the same for every medium:

* a new contact goes to the agent who has been free longest among those with
  the skill; chats first go to an agent who already chats and has room;
* an agent who becomes free takes the contact at the head of all their queues:
  lowest priority number first (the channel's routing tier, then the customer's
  value rank under VIP routing), oldest first within the same priority.

Contacts that abandon stay in their queue and are skipped when reached.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from typing import Any

import simpy

from crmsim.sim.agents import Agent
from crmsim.sim.contact import Contact

QueueEntry = tuple[int, float, int, Contact]


class CommunicationServer:
    """Queues, free agents, and the matching of the two.

    Parameters
    ----------
    env:
        The simulation environment.
    agents:
        Every agent of the center.
    keys:
        Every (channel, reason index) pair that contacts may carry.
    start_work:
        Called as ``start_work(agent, contact)`` when an agent takes a contact.
    """

    def __init__(
        self,
        env: simpy.Environment,
        agents: Iterable[Agent],
        keys: Iterable[tuple[str, int]],
        start_work: Callable[[Agent, Contact], None],
    ) -> None:
        self.env = env
        self.start_work = start_work
        self.queues: dict[tuple[str, int], list[QueueEntry]] = {key: [] for key in keys}
        self.agents = list(agents)
        #: Agents with nothing in hand, longest free first (a dict used as an ordered set).
        self.free: dict[Agent, None] = {}
        #: Chat agents with at least one chat and room for more.
        self.chat_room: dict[Agent, None] = {}
        #: Contacts waiting, per channel (abandoned ones excluded).
        self.waiting: dict[str, int] = {}
        #: Agents on duty per channel skill.
        self.on_duty: dict[str, int] = {}
        self._sequence = 0
        for agent in self.agents:
            agent.queues = [self.queues[key] for key in sorted(agent.skills)]
            agent.chat_queues = [
                self.queues[key] for key in sorted(agent.skills) if key[0] == "chat"
            ]

    # -- contacts -----------------------------------------------------------------
    def offer(self, contact: Contact) -> bool:
        """Route a new contact: hand it to a free agent (True) or queue it (False)."""
        key = (contact.channel, contact.reason)
        if contact.channel == "chat":
            for agent in self.chat_room:
                if key in agent.skills:
                    self._assign(agent, contact)
                    return True
        for agent in self.free:
            if key in agent.skills:
                self._assign(agent, contact)
                return True
        self._sequence += 1
        heapq.heappush(
            self.queues[key], (contact.priority, contact.arrival_min, self._sequence, contact)
        )
        self.waiting[contact.channel] = self.waiting.get(contact.channel, 0) + 1
        return False

    def withdraw(self, contact: Contact) -> None:
        """Note that a queued contact left (it stays in the heap and is skipped later)."""
        self.waiting[contact.channel] -= 1

    def finished(self, agent: Agent, contact: Contact) -> None:
        """The agent is done with ``contact`` (after-contact work included)."""
        if contact.channel == "chat":
            agent.chats -= 1
        else:
            agent.voice = False
        self._refill(agent)

    def waiting_contacts(self) -> list[Contact]:
        """Contacts still queued (abandoned ones excluded), oldest first."""
        entries = [entry for heap in self.queues.values() for entry in heap if not entry[3].outcome]
        return [entry[3] for entry in sorted(entries, key=lambda e: e[2])]

    # -- agents -------------------------------------------------------------------
    def come_on_duty(self, agent: Agent) -> None:
        """The agent logs on (start of shift or end of a break) and looks for work."""
        agent.on_duty = True
        for channel in agent.channels:
            self.on_duty[channel] = self.on_duty.get(channel, 0) + 1
        self._refill(agent)

    def go_off_duty(self, agent: Agent) -> simpy.Event:
        """An event that fires once the agent has finished the work in hand and left."""
        event = self.env.event()
        agent.on_duty = False
        for channel in agent.channels:
            self.on_duty[channel] -= 1
        self.free.pop(agent, None)
        self.chat_room.pop(agent, None)
        if agent.is_free:
            event.succeed()
        else:
            agent.leave = event
        return event

    # -- matching -----------------------------------------------------------------
    def _assign(self, agent: Agent, contact: Contact) -> None:
        if contact.channel == "chat":
            agent.chats += 1
            self.free.pop(agent, None)
            if agent.chats < agent.max_chats:
                self.chat_room[agent] = None
            else:
                self.chat_room.pop(agent, None)
        else:
            agent.voice = True
            self.free.pop(agent, None)
            self.chat_room.pop(agent, None)
        self.start_work(agent, contact)

    def _refill(self, agent: Agent) -> None:
        """Give a free (or partly free) agent as much waiting work as they can take."""
        if not agent.on_duty:
            if agent.leave is not None and agent.is_free:
                agent.leave.succeed()
                agent.leave = None
            return
        while not agent.voice:
            contact = self._next_for(agent)
            if contact is None:
                break
            self.waiting[contact.channel] -= 1
            self._assign(agent, contact)
            if contact.channel != "chat" or agent.chats >= agent.max_chats:
                return
        if agent.voice:
            return
        if agent.chats == 0:
            self.free.pop(agent, None)
            self.free[agent] = None
        elif agent.chats < agent.max_chats:
            self.chat_room[agent] = None

    def _next_for(self, agent: Agent) -> Contact | None:
        """Pop the best waiting contact the agent may take, or return ``None``."""
        best: Any = None
        best_heap: list[QueueEntry] | None = None
        for heap in agent.chat_queues if agent.chats else agent.queues:
            while heap and heap[0][3].outcome:
                heapq.heappop(heap)
            if heap and (best is None or heap[0] < best):
                best = heap[0]
                best_heap = heap
        if best_heap is None:
            return None
        return heapq.heappop(best_heap)[3]
