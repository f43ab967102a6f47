"""The result of a run: the contact log and the agent log as DataFrames.

Contact table (:attr:`SimulationResult.contacts`), one row per contact:

=================  ==========================================================
contact_id         running number of the contact (int)
customer_id        the customer; repeat contacts keep it (int)
channel            phone, chat, email, letter_fax, callback, self_service
reason             contact reason (Kontaktanlass)
value_class        customer value class (A/B/C)
priority           routing priority: channel tier × 1000 + value rank (lower first)
kind               new, repeat, transfer, escalation, callback
parent_id          the contact this one follows from, −1 for none
arrival_min        arrival, minutes since the start of day 0
answer_min         when an agent took the contact (NaN if never)
end_min            end of handling, abandonment or self-service (NaN if open)
wait_min           answer − arrival, or end − arrival if never answered (minutes)
handle_min         handling time, talk or writing time (minutes)
acw_min            after-contact work (minutes)
agent_id           agent who handled it, −1 for none
agent              the agent's name ("" for none)
outcome            resolved, unresolved, transferred, abandoned, blocked,
                   callback_requested, not_reached, self_served, escalated, open
day                day of arrival (0-based)
=================  ==========================================================

Agent-state table (:meth:`SimulationResult.agent_states`), one row per spell:
``agent_id``, ``agent``, ``group``, ``state`` (``on_duty``: logged on and
available; ``break``; ``handling``; ``after_contact_work``), ``start_min``,
``end_min``, ``contact_id`` (−1 for duty and break spells). An agent is idle
while on duty and neither handling nor in after-contact work.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from crmsim.scenario.model import CHANNELS, Scenario

AGENT_STATES = ("on_duty", "break", "handling", "after_contact_work")


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Everything a run produced. Build it with :func:`crmsim.sim.simulate`.

    Attributes
    ----------
    scenario:
        The scenario that was run.
    seed:
        The seed of the run.
    horizon_min:
        Simulated time (minutes).
    contacts:
        The contact table (see the module documentation).
    agents:
        One row per agent: ``agent_id``, ``agent``, ``group``, ``channels``.
    duty:
        Duty and break spells: ``agent_id``, ``state``, ``start_min``, ``end_min``.
    """

    scenario: Scenario
    seed: Any
    horizon_min: float
    contacts: pd.DataFrame
    agents: pd.DataFrame
    duty: pd.DataFrame

    @cached_property
    def channels(self) -> list[str]:
        """Channels that appear in this run, in the standard order."""
        present = set(self.contacts["channel"].unique()) | set(self.scenario.channels)
        return [c for c in CHANNELS if c in present]

    def agent_states(self) -> pd.DataFrame:
        """Agent spells: on duty, breaks, handling and after-contact work."""
        handled = self.contacts[self.contacts["agent_id"] >= 0]
        end = handled["end_min"].fillna(self.horizon_min).to_numpy()
        handling = pd.DataFrame(
            {
                "agent_id": handled["agent_id"].to_numpy(),
                "state": "handling",
                "start_min": handled["answer_min"].to_numpy(),
                "end_min": end,
                "contact_id": handled["contact_id"].to_numpy(),
            }
        )
        with_acw = handled["acw_min"].to_numpy() > 0
        acw = pd.DataFrame(
            {
                "agent_id": handled["agent_id"].to_numpy()[with_acw],
                "state": "after_contact_work",
                "start_min": end[with_acw],
                "end_min": np.minimum(
                    end[with_acw] + handled["acw_min"].to_numpy()[with_acw], self.horizon_min
                ),
                "contact_id": handled["contact_id"].to_numpy()[with_acw],
            }
        )
        duty = self.duty.assign(contact_id=-1)
        table = pd.concat([duty, handling, acw], ignore_index=True)
        table = table.merge(self.agents[["agent_id", "agent", "group"]], on="agent_id")
        table["state"] = pd.Categorical(table["state"], categories=AGENT_STATES)
        table = table.sort_values(["agent_id", "start_min", "state"], kind="stable")
        columns = ["agent_id", "agent", "group", "state", "start_min", "end_min", "contact_id"]
        return table[columns].reset_index(drop=True)

    def channel_targets(self) -> pd.DataFrame:
        """Service targets of this run's channels; see :func:`crmsim.analytics.channel_targets`."""
        from crmsim.analytics.contact_center import channel_targets

        return channel_targets(self.scenario, self.channels)

    def agent_summary(self) -> pd.DataFrame:
        """Per agent: minutes on duty, on break, busy, contacts, occupancy.

        See :func:`crmsim.analytics.agent_summary`.
        """
        from crmsim.analytics.contact_center import agent_summary

        return agent_summary(self.contacts, self.duty, self.agents, self.horizon_min)

    def intervals(self, interval_min: float = 30.0) -> pd.DataFrame:
        """KPIs per interval and channel; see :func:`crmsim.analytics.interval_table`."""
        from crmsim.analytics.contact_center import interval_table

        return interval_table(
            self.contacts,
            self.duty,
            self.channel_targets(),
            self.horizon_min,
            interval_min,
            agents=self.agents,
        )

    def kpis(self, warmup_min: float = 0.0) -> pd.DataFrame:
        """KPI summary per channel; see :func:`crmsim.analytics.kpi_summary`."""
        from crmsim.analytics.contact_center import kpi_summary

        return kpi_summary(
            self.contacts,
            self.duty,
            self.channel_targets(),
            self.horizon_min,
            warmup_min,
            agents=self.agents,
        )
