"""Self-service deflection: how the solve share of an FAQ or assistant moves load onto agents.

Every self-service session that does not solve the concern escalates to a live
channel (chat or phone). :func:`deflection_comparison` simulates one scenario with
several solve shares over several seeds (the same seed gives every variant the
same customers) and reports, per solve share, the contacts that reached agents
and the service level of the live channels, each as a mean over seeds with an
interval.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import pandas as pd

from crmsim.analytics.estimates import mean_estimate
from crmsim.errors import InputError
from crmsim.scenario.model import Scenario
from crmsim.sim.run import simulate

LIVE = ("phone", "chat")
DEFLECTION_COLUMNS = [
    "solve_share", "seeds", "live_contacts", "live_low", "live_high",
    "service_level", "service_level_low", "service_level_high",
]  # fmt: skip
"""Columns of :func:`deflection_comparison`."""


def with_solve_share(scenario: Scenario, solve_share: float) -> Scenario:
    """The scenario with its self-service channel solving ``solve_share`` of the sessions."""
    channel = scenario.channels.get("self_service")
    if channel is None or channel.self_service is None:
        raise InputError(f"scenario {scenario.name!r} has no self-service channel")
    if not 0.0 <= solve_share <= 1.0:
        raise InputError(f"solve_share must be a share from 0 to 1, got {solve_share}")
    config = dataclasses.replace(channel.self_service, solve_share=solve_share)
    channels = {
        **scenario.channels,
        "self_service": dataclasses.replace(channel, self_service=config),
    }
    return dataclasses.replace(scenario, channels=channels)


def deflection_comparison(
    scenario: Scenario, solve_shares: Iterable[float], seeds: Iterable[int], days: int = 1
) -> pd.DataFrame:
    """Live contacts and live service level per solve share, mean over seeds with interval.

    Parameters
    ----------
    scenario
        A scenario with a self-service channel and phone and chat.
    solve_shares
        Solve shares to compare (0 … 1).
    seeds
        Seeds; each variant runs with every seed.
    days
        Simulated days per run.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DEFLECTION_COLUMNS`: ``live_contacts`` per run (phone and chat,
        escalations included) and ``service_level`` of phone and chat together
        (answered within each channel's threshold ÷ answered and abandoned), with
        95 % intervals over the seeds.
    """
    seeds = list(seeds)
    rows = []
    for share in solve_shares:
        variant = with_solve_share(scenario, share)
        contacts, levels = [], []
        for seed in seeds:
            kpis = simulate(variant, seed=seed, days=days).kpis().reindex(list(LIVE))
            contacts.append(float(kpis["offered"].sum()))
            decided = kpis["answered"] + kpis["abandoned"]
            levels.append(float((kpis["service_level"] * decided).sum() / decided.sum()))
        live, level = mean_estimate(contacts), mean_estimate(levels)
        rows.append(
            (share, len(seeds), live.value, live.low, live.high, level.value, level.low, level.high)
        )
    return pd.DataFrame(rows, columns=DEFLECTION_COLUMNS)
