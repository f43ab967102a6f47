"""Busy time of agents: spells of work, who serves a channel, and occupancy (Auslastung).

An agent is busy from answering a contact to the end of its after-contact work;
overlapping chats of one agent count once. Occupancy is busy minutes ÷ minutes
logged on (on duty, breaks left out), over all agents or over the agents whose
skills include one channel.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.sim.timeline import merge_spells, minutes_per_interval


def busy_spells(
    contacts: pd.DataFrame, horizon_min: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Agent id, start and end (minutes) of every busy spell, overlapping chats merged.

    A spell runs from the answer to the end of after-contact work, cut at the horizon.
    """
    handled = contacts[contacts["agent_id"] >= 0]
    end = handled["end_min"].fillna(horizon_min).to_numpy()
    stop = np.minimum(end + handled["acw_min"].to_numpy(), horizon_min)
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


def serving_agents(agents: pd.DataFrame, channel: str) -> np.ndarray:
    """Ids of the agents whose skills include ``channel`` (agent table column ``channels``)."""
    skills = agents["channels"].astype(str).str.split(",")
    ids: np.ndarray = agents.loc[[channel in names for names in skills], "agent_id"].to_numpy()
    return ids


def logged_and_busy(
    spells: tuple[np.ndarray, np.ndarray, np.ndarray],
    duty: pd.DataFrame,
    edges: np.ndarray,
    ids: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Minutes logged on and minutes busy per interval, summed over a set of agents.

    Parameters
    ----------
    spells
        Agent id, start and end of the busy spells (:func:`busy_spells`).
    duty
        The duty log (``agent_id``, ``state``, ``start_min``, ``end_min``).
    edges
        Interval bounds (minutes), ascending.
    ids
        The agents counted; None for all.

    Returns
    -------
    tuple of numpy.ndarray
        Logged-on minutes and busy minutes, one value per interval each.
    """
    agent, start, stop = spells
    on = duty[duty["state"] == "on_duty"]
    if ids is not None:
        keep = np.isin(agent, ids)
        start, stop = start[keep], stop[keep]
        on = on[on["agent_id"].isin(ids)]
    logged = minutes_per_interval(on["start_min"].to_numpy(), on["end_min"].to_numpy(), edges)
    return logged, minutes_per_interval(start, stop, edges)


def busy_share(
    spells: tuple[np.ndarray, np.ndarray, np.ndarray],
    duty: pd.DataFrame,
    edges: np.ndarray,
    ids: np.ndarray | None,
) -> np.ndarray:
    """Busy ÷ logged-on minutes per interval (see :func:`logged_and_busy`); NaN where
    none of the agents was logged on."""
    logged, busy = logged_and_busy(spells, duty, edges, ids)
    shares: np.ndarray = np.divide(busy, logged, out=np.full(busy.size, np.nan), where=logged > 0)
    return shares


def occupancy(
    contacts: pd.DataFrame,
    duty: pd.DataFrame,
    horizon_min: float,
    since_min: float = 0.0,
    agent_ids: np.ndarray | None = None,
) -> float:
    """Busy minutes ÷ logged-on minutes from ``since_min`` to the horizon.

    Over the agents ``agent_ids`` (e.g. :func:`serving_agents`), or all agents for None.
    """
    bounds = np.array([since_min, horizon_min])
    spells = busy_spells(contacts, horizon_min)
    return float(busy_share(spells, duty, bounds, agent_ids)[0])
