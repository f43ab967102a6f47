"""Contact-center KPIs from a run: per channel, per interval, per agent.

Definitions (the same in every table):

* offered: contacts that arrived (including blocked ones and call-back requests);
* answered: contacts an agent took, ``p_wait``: share of offered live contacts
  that found no free agent;
* service level: answered within the threshold ÷ (answered + abandoned), the
  usual contact-center convention (queueing formulas: P(answered within t));
  for email and letter/fax: share of handled contacts whose response was
  sent within the response-time target; for call-backs: share dialled within
  the response-time target;
* ASA (average speed of answer): mean wait of answered contacts (seconds); for
  email and letter/fax see the response time instead;
* abandonment rate: abandoned ÷ offered (live channels);
* AHT (average handling time): handling plus after-contact work (minutes);
* occupancy: busy minutes (handling or after-contact work) ÷ minutes logged on,
  over all agents;
* first-contact resolution (FCR): resolved ÷ handled;
* call-back share: phone calls that took a call-back offer ÷ phone offered;
* self-service share: sessions solved in self-service ÷ self-service sessions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crmsim.scenario.model import BACKLOG_CHANNELS
from crmsim.sim.timeline import merge_spells, minutes_per_interval

if TYPE_CHECKING:
    from crmsim.sim.results import SimulationResult


def _busy_spells(result: SimulationResult) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Agent id, start and end of every busy spell, overlapping chats merged (minutes)."""
    handled = result.contacts[result.contacts["agent_id"] >= 0]
    end = handled["end_min"].fillna(result.horizon_min).to_numpy()
    stop = np.minimum(end + handled["acw_min"].to_numpy(), result.horizon_min)
    agents = handled["agent_id"].to_numpy()
    start = handled["answer_min"].to_numpy()
    is_chat = (handled["channel"] == "chat").to_numpy()
    ids, starts, stops = [agents[~is_chat]], [start[~is_chat]], [stop[~is_chat]]
    for agent in np.unique(agents[is_chat]):
        mask = is_chat & (agents == agent)
        s, e = merge_spells(start[mask], stop[mask])
        ids.append(np.full(s.size, agent))
        starts.append(s)
        stops.append(e)
    return np.concatenate(ids), np.concatenate(starts), np.concatenate(stops)


def _rates(result: SimulationResult, frame: pd.DataFrame, channel: str) -> dict[str, float]:
    """The rate KPIs of one channel's contacts."""
    config = result.scenario.channels.get(channel)
    answered = frame["agent_id"] >= 0
    abandoned = frame["outcome"] == "abandoned"
    handled = frame["outcome"].isin(["resolved", "unresolved", "transferred"])
    offered = len(frame)
    threshold_min = (config.sl_threshold_s if config else 20.0) / 60.0
    if channel in BACKLOG_CHANNELS:
        target_min = (config.response_target_h or 24.0) * 60.0 if config else 1440.0
        response = frame["end_min"] - frame["arrival_min"]
        sl = _share((response[handled] <= target_min).sum(), handled.sum())
    elif channel == "callback":
        target_min = (config.response_target_h or 1.0) * 60.0 if config else 60.0
        sl = _share((frame.loc[answered, "wait_min"] <= target_min).sum(), answered.sum())
    else:
        within = (answered & (frame["wait_min"] <= threshold_min + 1e-9)).sum()
        sl = _share(within, answered.sum() + abandoned.sum())
    live = frame["outcome"] != "blocked"
    return {
        "service_level": sl,
        "asa_s": float(frame.loc[answered, "wait_min"].mean() * 60.0)
        if answered.any() and channel not in BACKLOG_CHANNELS
        else np.nan,
        "p_wait": _share((frame.loc[live, "wait_min"] > 1e-12).sum(), live.sum()),
        "abandon_rate": _share(abandoned.sum(), offered),
        "aht_min": float((frame.loc[handled, "handle_min"] + frame.loc[handled, "acw_min"]).mean())
        if handled.any()
        else np.nan,
    }


def _share(part: float, whole: float) -> float:
    return float(part) / float(whole) if whole else np.nan


def kpi_summary(result: SimulationResult, warmup_min: float = 0.0) -> pd.DataFrame:
    """One row per channel with the standard KPIs (see the module documentation).

    Parameters
    ----------
    warmup_min:
        Leave out contacts that arrived before this time (minutes), so that the
        empty start of a run does not flatter the figures.

    Returns
    -------
    pandas.DataFrame
        Index ``channel``; columns ``offered``, ``answered``, ``abandoned``,
        ``blocked``, ``callback_requested``, ``self_served``, ``open``,
        ``service_level``, ``sl_threshold_s``, ``sl_target``, ``asa_s``, ``p_wait``,
        ``abandon_rate``, ``aht_min``, ``fcr``, ``callback_share``,
        ``self_service_share``, ``response_time_h`` (backlog channels), ``occupancy``.
    """
    contacts = result.contacts[result.contacts["arrival_min"] >= warmup_min]
    occupancy = _occupancy(result, warmup_min)
    rows = []
    for channel in result.channels:
        frame = contacts[contacts["channel"] == channel]
        outcome = frame["outcome"]
        config = result.scenario.channels.get(channel)
        handled = outcome.isin(["resolved", "unresolved", "transferred"])
        row = {
            "channel": channel,
            "offered": len(frame),
            "answered": int((frame["agent_id"] >= 0).sum()),
            "abandoned": int((outcome == "abandoned").sum()),
            "blocked": int((outcome == "blocked").sum()),
            "callback_requested": int((outcome == "callback_requested").sum()),
            "self_served": int((outcome == "self_served").sum()),
            "open": int(((outcome == "open") & (frame["agent_id"] < 0)).sum()),
            "sl_threshold_s": config.sl_threshold_s if config else np.nan,
            "sl_target": config.sl_target if config else np.nan,
            **_rates(result, frame, channel),
            "fcr": _share((outcome == "resolved").sum(), handled.sum()),
            "callback_share": _share((outcome == "callback_requested").sum(), len(frame))
            if channel == "phone"
            else np.nan,
            "self_service_share": _share((outcome == "self_served").sum(), len(frame))
            if channel == "self_service"
            else np.nan,
            "response_time_h": float((frame["end_min"] - frame["arrival_min"])[handled].mean() / 60)
            if channel in BACKLOG_CHANNELS and handled.any()
            else np.nan,
            "occupancy": occupancy,
        }
        rows.append(row)
    return pd.DataFrame(rows).set_index("channel")


def _occupancy(result: SimulationResult, since_min: float = 0.0) -> float:
    """Busy minutes ÷ logged-on minutes over all agents, from ``since_min`` on."""
    bounds = np.array([since_min, result.horizon_min])
    _, start, stop = _busy_spells(result)
    busy = minutes_per_interval(start, stop, bounds).sum()
    on = result.duty[result.duty["state"] == "on_duty"]
    logged = minutes_per_interval(on["start_min"].to_numpy(), on["end_min"].to_numpy(), bounds)
    return _share(busy, logged.sum())


def interval_table(result: SimulationResult, interval_min: float = 30.0) -> pd.DataFrame:
    """KPIs per interval and channel, contacts assigned to the interval they arrived in.

    Returns
    -------
    pandas.DataFrame
        Columns ``interval_start_min``, ``day``, ``time`` (hh:mm of the day),
        ``channel``, ``offered``, ``answered``, ``abandoned``, ``blocked``,
        ``service_level``, ``asa_s``, ``aht_min``, ``p_wait``, ``abandon_rate``,
        ``agents_on_duty`` (mean agents logged on) and ``occupancy`` (all agents).
    """
    edges = np.arange(0.0, result.horizon_min + interval_min, interval_min)
    edges[-1] = min(edges[-1], result.horizon_min) if edges.size > 1 else edges[-1]
    _, start, stop = _busy_spells(result)
    busy = minutes_per_interval(start, stop, edges)
    on = result.duty[result.duty["state"] == "on_duty"]
    logged = minutes_per_interval(on["start_min"].to_numpy(), on["end_min"].to_numpy(), edges)
    widths = np.diff(edges)
    contacts = result.contacts.assign(
        slot=np.minimum(
            (result.contacts["arrival_min"] // interval_min).astype(int), widths.size - 1
        )
    )
    rows = []
    for channel in result.channels:
        frame = contacts[contacts["channel"] == channel]
        for slot, group in frame.groupby("slot", sort=True):
            rows.append(
                {
                    "slot": slot,
                    "channel": channel,
                    "offered": len(group),
                    "answered": int((group["agent_id"] >= 0).sum()),
                    "abandoned": int((group["outcome"] == "abandoned").sum()),
                    "blocked": int((group["outcome"] == "blocked").sum()),
                    **_rates(result, group, channel),
                }
            )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    slots = table["slot"].to_numpy()
    table.insert(0, "interval_start_min", edges[slots])
    table.insert(1, "day", (edges[slots] // 1440).astype(int))
    minutes = (edges[slots] % 1440).astype(int)
    table.insert(2, "time", [f"{m // 60:02d}:{m % 60:02d}" for m in minutes])
    table["agents_on_duty"] = logged[slots] / widths[slots]
    table["occupancy"] = np.divide(
        busy[slots], logged[slots], out=np.full(slots.size, np.nan), where=logged[slots] > 0
    )
    return table.drop(columns="slot").reset_index(drop=True)


def agent_summary(result: SimulationResult) -> pd.DataFrame:
    """Per agent: ``on_duty_min``, ``break_min``, ``busy_min``, ``contacts``, ``occupancy``."""
    duty = result.duty.assign(minutes=result.duty["end_min"] - result.duty["start_min"])
    per_state = duty.pivot_table(
        index="agent_id", columns="state", values="minutes", aggfunc="sum", fill_value=0.0
    )
    ids, start, stop = _busy_spells(result)
    busy = pd.Series(stop - start, index=ids).groupby(level=0).sum()
    counts = result.contacts[result.contacts["agent_id"] >= 0].groupby("agent_id").size()
    table = result.agents[["agent_id", "agent", "group"]].set_index("agent_id")
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
