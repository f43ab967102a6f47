"""Contact-center KPIs from a run's tables: per channel, per interval, per agent.

The functions take the tables of a :class:`~crmsim.sim.SimulationResult` (the
contact table and the duty log, documented in :mod:`crmsim.sim.results`) and
the channels' targets (:func:`channel_targets`), and return DataFrames. Every
KPI is defined once, in :data:`crmsim.analytics.glossary.GLOSSARY`:

* offered: contacts that arrived (including blocked ones and call-back requests);
* answered: contacts an agent took; handled: contacts an agent worked on
  (resolved, unresolved or transferred; :data:`crmsim.sim.contact.HANDLED`);
* service level: answered within the threshold ÷ (answered + abandoned) on live
  channels; handled within the response-time target ÷ handled for email and
  letter/fax; answered within the response-time target ÷ answered for call-backs;
* ASA (average speed of answer): mean wait of answered contacts (seconds);
* ``p_wait``: share of offered live (not blocked) contacts that had to wait;
* abandonment rate: abandoned ÷ offered;
* AHT (average handling time): handling plus after-contact work of handled
  contacts (minutes);
* occupancy: busy minutes (handling or after-contact work, overlapping chats
  merged) ÷ minutes logged on, over the agents who serve the channel (all agents
  when no agent table is given; undefined for self-service, which no agent serves);
* open, in hand: contacts still waiting, or still being handled (a running
  self-service session included), when the run ended; for email and letter/fax
  the open ones are the backlog (Rückstand), and ``oldest_open_h`` says how long
  its oldest contact has waited;
* first-contact resolution (FCR): resolved ÷ handled;
* call-back share: phone calls that took a call-back offer ÷ phone offered;
* self-service share: sessions solved in self-service ÷ self-service sessions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.analytics.agent_busy_time import (
    busy_share,
    busy_spells,
    logged_and_busy,
    serving_agents,
)
from crmsim.analytics.contact_rates import (
    channel_target,
    contact_columns,
    contact_rates,
    share,
)
from crmsim.scenario.model import BACKLOG_CHANNELS, Scenario
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_HOUR


def channel_targets(scenario: Scenario, channels: list[str]) -> pd.DataFrame:
    """The service targets of each channel of a run.

    Parameters
    ----------
    scenario
        The scenario that was run.
    channels
        The channels to report, in order (:attr:`crmsim.sim.SimulationResult.channels`).

    Returns
    -------
    pandas.DataFrame
        Index ``channel``; columns ``sl_threshold_s`` (seconds), ``sl_target``
        (share) and ``response_target_h`` (hours); NaN where the scenario does
        not configure the channel (the call-back channel) or sets no response target.
    """
    rows = []
    for channel in channels:
        config = scenario.channels.get(channel)
        rows.append(
            {
                "channel": channel,
                "sl_threshold_s": config.sl_threshold_s if config else np.nan,
                "sl_target": config.sl_target if config else np.nan,
                "response_target_h": (config.response_target_h if config else None) or np.nan,
            }
        )
    columns = ["channel", "sl_threshold_s", "sl_target", "response_target_h"]
    return pd.DataFrame(rows, columns=columns).set_index("channel")


def kpi_summary(
    contacts: pd.DataFrame,
    duty: pd.DataFrame,
    targets: pd.DataFrame,
    horizon_min: float,
    warmup_min: float = 0.0,
    agents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per channel with the standard KPIs (see the module documentation).

    Parameters
    ----------
    contacts, duty
        The run's contact table and duty log.
    targets
        The channels' targets (:func:`channel_targets`); its index gives the rows.
    horizon_min
        Simulated time (minutes).
    warmup_min
        Leave out contacts that arrived before this time (minutes), so that the
        empty start of a run does not flatter the figures.
    agents
        The agent table (``agent_id``, ``channels``): occupancy is then that of the
        agents serving each channel (NaN where none does); None: all agents in every row.

    Returns
    -------
    pandas.DataFrame
        Index ``channel``; columns ``offered``, ``answered``, ``abandoned``,
        ``blocked``, ``callback_requested``, ``self_served``, ``open``, ``in_hand``
        (contacts); ``oldest_open_h`` (hours);
        ``sl_threshold_s``, ``sl_target``, ``service_level``, ``asa_s``,
        ``p_wait``, ``abandon_rate``, ``aht_min``, ``fcr``, ``callback_share``,
        ``self_service_share``, ``response_time_h`` (backlog channels),
        ``occupancy`` (serving agents, after the warm-up); units as in the glossary.
    """
    spells = busy_spells(contacts, horizon_min)
    bounds = np.array([warmup_min, horizon_min])
    arrived = contacts[contacts["arrival_min"] >= warmup_min]
    rows = []
    for channel in targets.index:
        frame = arrived[arrived["channel"] == channel]
        outcome = frame["outcome"]
        columns = contact_columns(frame)
        handled = columns.handled
        in_system = outcome == "open"  # a self-service session runs without an agent
        in_hand = in_system & ((frame["agent_id"] >= 0) | (channel == "self_service"))
        waiting = in_system & ~in_hand
        ids = None if agents is None else serving_agents(agents, channel)
        rows.append(
            {
                "channel": channel,
                "offered": len(frame),
                "answered": int((frame["agent_id"] >= 0).sum()),
                "abandoned": int((outcome == "abandoned").sum()),
                "blocked": int((outcome == "blocked").sum()),
                "callback_requested": int((outcome == "callback_requested").sum()),
                "self_served": int((outcome == "self_served").sum()),
                "open": int(waiting.sum()),
                "in_hand": int(in_hand.sum()),
                "oldest_open_h": float(horizon_min - frame.loc[waiting, "arrival_min"].min())
                / MINUTES_PER_HOUR
                if waiting.any()
                else np.nan,
                "sl_threshold_s": targets.loc[channel, "sl_threshold_s"],
                "sl_target": targets.loc[channel, "sl_target"],
                **contact_rates(columns, channel_target(channel, targets)),
                "fcr": share((outcome == "resolved").sum(), handled.sum()),
                "callback_share": share((outcome == "callback_requested").sum(), len(frame))
                if channel == "phone"
                else np.nan,
                "self_service_share": share((outcome == "self_served").sum(), len(frame))
                if channel == "self_service"
                else np.nan,
                "response_time_h": float(
                    (frame["end_min"] - frame["arrival_min"])[handled].mean() / MINUTES_PER_HOUR
                )
                if channel in BACKLOG_CHANNELS and handled.any()
                else np.nan,
                "occupancy": float(busy_share(spells, duty, bounds, ids)[0])
                if ids is None or ids.size
                else np.nan,
            }
        )
    return pd.DataFrame(rows).set_index("channel")


def interval_table(
    contacts: pd.DataFrame,
    duty: pd.DataFrame,
    targets: pd.DataFrame,
    horizon_min: float,
    interval_min: float = 30.0,
    agents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """KPIs per interval and channel, contacts assigned to the interval they arrived in.

    Parameters
    ----------
    contacts, duty, targets, horizon_min
        As for :func:`kpi_summary`.
    interval_min
        Length of an interval (minutes).
    agents
        The agent table (``agent_id``, ``channels``): staffing and occupancy of a
        channel's rows then count the agents who serve that channel; None: all agents.

    Returns
    -------
    pandas.DataFrame
        Columns ``interval_start_min``, ``day``, ``time`` (hh:mm of the day),
        ``channel``, ``offered``, ``answered``, ``abandoned``, ``blocked``,
        ``service_level``, ``asa_s``, ``p_wait``, ``abandon_rate``, ``aht_min``,
        ``agents_on_duty`` (mean agents logged on) and ``occupancy`` (of those
        agents); empty when no contact arrived.
    """
    edges = np.arange(0.0, horizon_min + interval_min, interval_min)
    edges[-1] = min(edges[-1], horizon_min) if edges.size > 1 else edges[-1]
    spells = busy_spells(contacts, horizon_min)
    widths = np.diff(edges)
    slot_of = np.minimum(
        (contacts["arrival_min"] // interval_min).astype(int).to_numpy(), widths.size - 1
    )
    rows = []
    for channel in targets.index:
        in_channel = (contacts["channel"] == channel).to_numpy()
        channel_slots = slot_of[in_channel]
        order = np.argsort(channel_slots, kind="stable")
        columns = contact_columns(contacts[in_channel]).take(order)
        slots, starts = np.unique(channel_slots[order], return_index=True)
        stops = np.append(starts[1:], order.size)
        target = channel_target(channel, targets)
        ids = None if agents is None else serving_agents(agents, channel)
        logged, busy = logged_and_busy(spells, duty, edges, ids)
        for slot, start, stop in zip(slots.tolist(), starts.tolist(), stops.tolist(), strict=True):
            group = columns.take(slice(start, stop))
            rows.append(
                {
                    "slot": slot,
                    "channel": channel,
                    "offered": stop - start,
                    "answered": int(group.answered.sum()),
                    "abandoned": int(group.abandoned.sum()),
                    "blocked": int((~group.live).sum()),
                    **contact_rates(group, target),
                    "agents_on_duty": logged[slot] / widths[slot],
                    "occupancy": busy[slot] / logged[slot] if logged[slot] > 0 else np.nan,
                }
            )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    slots = table["slot"].to_numpy()
    table.insert(0, "interval_start_min", edges[slots])
    table.insert(1, "day", (edges[slots] // MINUTES_PER_DAY).astype(int))
    minutes = (edges[slots] % MINUTES_PER_DAY).astype(int)
    table.insert(2, "time", [f"{m // 60:02d}:{m % 60:02d}" for m in minutes])
    return table.drop(columns="slot").reset_index(drop=True)


def agent_summary(
    contacts: pd.DataFrame, duty: pd.DataFrame, agents: pd.DataFrame, horizon_min: float
) -> pd.DataFrame:
    """Per agent: time on duty, on break and busy, contacts taken, occupancy.

    Returns
    -------
    pandas.DataFrame
        Columns ``agent_id``, ``agent``, ``group``, ``on_duty_min``, ``break_min``,
        ``busy_min`` (minutes), ``contacts`` (answered), ``occupancy`` (busy ÷ on duty).
    """
    spells = duty.assign(minutes=duty["end_min"] - duty["start_min"])
    per_state = spells.pivot_table(
        index="agent_id", columns="state", values="minutes", aggfunc="sum", fill_value=0.0
    )
    ids, start, stop = busy_spells(contacts, horizon_min)
    busy = pd.Series(stop - start, index=ids).groupby(level=0).sum()
    counts = contacts[contacts["agent_id"] >= 0].groupby("agent_id").size()
    table = agents[["agent_id", "agent", "group"]].set_index("agent_id")
    table["on_duty_min"] = per_state.get("on_duty", pd.Series(dtype=float))
    table["break_min"] = per_state.get("break", pd.Series(dtype=float))
    table["busy_min"] = busy
    table["contacts"] = counts
    table = table.fillna({"on_duty_min": 0.0, "break_min": 0.0, "busy_min": 0.0, "contacts": 0})
    table["contacts"] = table["contacts"].astype("int64")
    table["occupancy"] = np.divide(
        table["busy_min"],
        table["on_duty_min"],
        out=np.full(len(table), np.nan),
        where=table["on_duty_min"].to_numpy() > 0,
    )
    return table.reset_index()
