"""Media-neutral routing (medienneutrale Verteilung) against separate queues per medium.

A communication server such as the one in the INCCA case distributes every
contact, whatever its medium, to the next free agent who can handle it. The
alternative is one team and one queue per medium. With the same agents the
pooled design serves faster: an agent of the phone team never idles while chats
wait. :func:`pooling_comparison` simulates both designs with the contact-center
simulator over several seeds. The same seed gives both designs the same
customers (common random numbers), so the difference per seed is a paired
measurement, and its mean gets a confidence interval across seeds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import pandas as pd

from crmsim.analytics.estimates import Estimate, mean_estimate
from crmsim.scenario.model import AgentGroup, Channel, Scenario, ValueClass
from crmsim.sim.run import simulate

DESIGNS = ("separate", "pooled")
RUN_COLUMNS = ["seed", "design", "offered", "service_level", "asa_s", "abandon_rate"]
"""Columns of :attr:`PoolingResult.runs`."""


class PoolingResult(NamedTuple):
    """Both designs over several seeds.

    Attributes
    ----------
    runs
        One row per seed and design (:data:`RUN_COLUMNS`): live contacts offered,
        service level (answered within 20 s ÷ answered and abandoned, 0 … 1),
        average speed of answer in seconds, abandonment rate.
    service_level_gain
        Pooled minus separate service level (points of 1), mean over seeds with interval.
    asa_reduction_s
        Separate minus pooled average speed of answer (seconds), with interval.
    """

    runs: pd.DataFrame
    service_level_gain: Estimate
    asa_reduction_s: Estimate


def pooling_scenarios(
    phone_per_hour: float = 60.0,
    chat_per_hour: float = 24.0,
    phone_agents: int = 5,
    chat_agents: int = 4,
    phone_aht_min: float = 4.0,
    chat_aht_min: float = 8.0,
    patience_min: float = 3.0,
) -> dict[str, Scenario]:
    """The two designs with the same contacts and the same number of agents.

    Parameters
    ----------
    phone_per_hour, chat_per_hour
        Poisson arrival rates around the clock (contacts per hour).
    phone_agents, chat_agents
        Team sizes of the separate design; the pool has their sum.
    phone_aht_min, chat_aht_min
        Mean handling times (minutes, exponential); one chat per agent at a time.
    patience_min
        Mean patience of a waiting customer (minutes, exponential).

    Returns
    -------
    dict
        ``{"separate": Scenario, "pooled": Scenario}``.

    Examples
    --------
    >>> designs = pooling_scenarios()
    >>> [group.channels for group in designs["separate"].agents]
    [('phone',), ('chat',)]
    >>> designs["pooled"].agents[0].count, designs["pooled"].agents[0].channels
    (9, ('phone', 'chat'))
    """
    channels = {
        "phone": Channel("phone", phone_per_hour * 24.0, aht_min=phone_aht_min,
                         patience_min=patience_min),
        "chat": Channel("chat", chat_per_hour * 24.0, aht_min=chat_aht_min,
                        patience_min=patience_min),
    }  # fmt: skip
    classes = (ValueClass("A", 1.0, 0),)
    separate = (
        AgentGroup("phone-team", phone_agents, ("phone",)),
        AgentGroup("chat-team", chat_agents, ("chat",)),
    )
    pooled = (AgentGroup("media-neutral", phone_agents + chat_agents, ("phone", "chat")),)
    return {
        design: Scenario(
            name=f"{design} queues",
            description="phone and chat, one queue per medium or one media-neutral pool",
            channels=channels,
            agents=agents,
            value_classes=classes,
        )
        for design, agents in zip(DESIGNS, (separate, pooled), strict=True)
    }


def live_kpis(contacts: pd.DataFrame, threshold_s: float = 20.0) -> dict[str, float]:
    """Service level, average speed of answer (s) and abandonment over all live contacts."""
    answered = contacts["answer_min"].notna().to_numpy()
    abandoned = (contacts["outcome"].astype(str) == "abandoned").to_numpy()
    wait_s = contacts["wait_min"].to_numpy(dtype=float) * 60.0
    decided = answered | abandoned
    fast = answered & (wait_s <= threshold_s)
    return {
        "offered": float(len(contacts)),
        "service_level": float(fast.sum() / max(decided.sum(), 1)),
        "asa_s": float(wait_s[answered].mean()) if answered.any() else float("nan"),
        "abandon_rate": float(abandoned.sum() / max(decided.sum(), 1)),
    }


def pooling_comparison(
    seeds: Iterable[int] = range(10), days: int = 1, **design: Any
) -> PoolingResult:
    """Simulate both designs for every seed and compare them (paired by seed).

    Parameters
    ----------
    seeds
        Seeds; each gives both designs the same contacts.
    days
        Simulated days per run.
    **design
        Keyword arguments of :func:`pooling_scenarios`.
    """
    scenarios = pooling_scenarios(**design)
    rows = []
    for seed in seeds:
        for name in DESIGNS:
            contacts = simulate(scenarios[name], seed=seed, days=days).contacts
            rows.append({"seed": seed, "design": name, **live_kpis(contacts)})
    runs = pd.DataFrame(rows, columns=RUN_COLUMNS)
    wide = runs.pivot(index="seed", columns="design")
    sl_gain = wide["service_level"]["pooled"] - wide["service_level"]["separate"]
    asa_cut = wide["asa_s"]["separate"] - wide["asa_s"]["pooled"]
    return PoolingResult(
        runs, mean_estimate(sl_gain.to_numpy(dtype=float)), mean_estimate(asa_cut.to_numpy())
    )


def design_summary(runs: pd.DataFrame) -> pd.DataFrame:
    """Mean of each KPI per design over the seeds (the table to show)."""
    return (
        runs.groupby("design")[["service_level", "asa_s", "abandon_rate"]]
        .mean()
        .reindex(list(DESIGNS))
    )
