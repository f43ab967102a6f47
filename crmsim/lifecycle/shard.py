"""One shard: a block of customers simulated in its own SimPy environment.

A shard has its own interaction center, staffed for its people, and its own
random streams spawned from the run's seed by shard index. Shards never talk
to each other, so they can run in separate processes (or machines) and the
result does not depend on how many run at once.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import simpy

from crmsim.lifecycle.behaviour import customer, prospect
from crmsim.lifecycle.buying import line_preferences
from crmsim.lifecycle.campaign_run import campaign_manager
from crmsim.lifecycle.campaigns import Campaign, plan_campaigns
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.population import draw_population
from crmsim.lifecycle.products import TASTE_GROUPS, build_catalogue
from crmsim.lifecycle.records import SurveyRecord
from crmsim.lifecycle.satisfaction import nps_answer
from crmsim.lifecycle.service import shard_scenario
from crmsim.lifecycle.state import EventLog, ShardState
from crmsim.lifecycle.web_visits import simulate_web_visits
from crmsim.sim import ContactCenter, collect
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_YEAR

STREAMS = ("population", "buying", "service", "complaint", "campaign", "churn", "survey", "center")
#: Day of each year on which the relationship NPS survey runs.
NPS_DAY_OF_YEAR = 150


@dataclass
class ShardResult:
    """What one shard hands back (plain data, cheap to send between processes).

    Attributes
    ----------
    shard_index
        Position of the shard.
    people
        Population with hidden parameters, plus ``acquired_min`` (NaN: never,
        -inf: before the start) and ``acquisition_channel`` filled in for
        people acquired during the run.
    log
        The shard's event log.
    contacts
        The center's contact table (see :mod:`crmsim.sim.results`).
    agents
        The center's agent table (agent_id, agent, group, channels).
    month_satisfaction
        Latent satisfaction per month end: shape (months, people).
    products
        The product catalogue the shard sold from (``dim_product`` rows, see
        :class:`~crmsim.lifecycle.products.Catalogue`).
    campaigns
        The campaign plan the shard ran.
    web_visits
        The shard's web server log, drawn after the run from its own stream
        (see :mod:`crmsim.lifecycle.web_visits`).
    """

    shard_index: int
    people: pd.DataFrame
    log: EventLog
    contacts: pd.DataFrame
    agents: pd.DataFrame
    month_satisfaction: np.ndarray
    products: pd.DataFrame
    campaigns: list[Campaign]
    web_visits: pd.DataFrame


def shard_seed(seed: int, shard_index: int) -> np.random.SeedSequence:
    """The seed sequence of one shard: child ``shard_index`` of the run's seed."""
    return np.random.SeedSequence(seed, spawn_key=(shard_index,))


def month_ends_min(params: LifecycleParameters) -> list[float]:
    """Minutes (since the start) of the end of every calendar month in the period."""
    months = pd.date_range(params.start_date, params.end_date, freq="MS", inclusive="both")
    ends = [
        (month - pd.Timestamp(params.start_date)).days * MINUTES_PER_DAY for month in months[1:]
    ]
    if not ends or ends[-1] < params.horizon_min:
        ends.append(params.horizon_min)
    return ends


def simulate_shard(
    shard_index: int,
    first_customer_id: int,
    people_count: int,
    params: LifecycleParameters,
    seed: int,
    campaign_process: Callable[[simpy.Environment, ShardState, list[Campaign]], Any] | None = None,
) -> ShardResult:
    """Simulate one block of ``people_count`` people with ids from ``first_customer_id``.

    Parameters
    ----------
    shard_index
        Position of the shard; selects its random streams.
    first_customer_id
        Id of the shard's first person; the others follow consecutively.
    people_count
        People in the shard (customers and prospects).
    params
        Model parameters.
    seed
        The run's seed.
    campaign_process
        The SimPy process that runs the campaigns of the plan; the default is
        :func:`~crmsim.lifecycle.campaign_run.campaign_manager` (the fixed plan).
        :mod:`crmsim.lifecycle.policy_run` passes one that asks a targeting policy.
    """
    with collector_paused():
        return _simulate(
            shard_index, first_customer_id, people_count, params, seed, campaign_process
        )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration (restored afterwards).

    A shard allocates hundreds of thousands of short-lived objects (events, records);
    each 700 allocations would start a collection that walks them all again, about a
    tenth of the shard's time. Reference counting still frees almost everything; the
    few cycles (finished SimPy processes) are collected after the shard.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _simulate(
    shard_index: int,
    first_customer_id: int,
    people_count: int,
    params: LifecycleParameters,
    seed: int,
    campaign_process: Callable[[simpy.Environment, ShardState, list[Campaign]], Any] | None,
) -> ShardResult:
    """The body of :func:`simulate_shard` (same parameters)."""
    children = shard_seed(seed, shard_index).spawn(len(STREAMS) + 1)
    streams = {
        name: np.random.default_rng(child) for name, child in zip(STREAMS, children, strict=False)
    }
    faker_seed = int(children[-1].generate_state(1)[0])
    ids = np.arange(first_customer_id, first_customer_id + people_count, dtype=np.int64)
    people = draw_population(ids, params, streams["population"], faker_seed)
    preferences = line_preferences(
        TASTE_GROUPS[people["taste_group"].to_numpy()], streams["population"]
    )
    catalogue = build_catalogue()
    env = simpy.Environment()
    center = ContactCenter(
        env,
        shard_scenario(people_count, params),
        children[STREAMS.index("center")],
        horizon_min=params.horizon_min,
        external_only=True,
    )
    shard = ShardState(env, people, preferences, params, catalogue, center, streams)
    organic = (
        streams["population"].standard_exponential(people_count) / params.organic_acquisition_rate
    )
    for index in range(people_count):
        if shard.acquired[index]:
            env.process(customer(env, shard, index))
        elif organic[index] * MINUTES_PER_YEAR < params.horizon_min:
            env.process(prospect(env, shard, index, float(organic[index] * MINUTES_PER_YEAR)))
    campaigns = plan_campaigns(params, catalogue.line_count)
    env.process((campaign_process or campaign_manager)(env, shard, campaigns))
    month_ends = month_ends_min(params)
    satisfaction: list[np.ndarray] = []
    env.process(month_end_snapshots(env, shard, month_ends, satisfaction))
    env.process(nps_surveys(env, shard))
    env.run(until=params.horizon_min)

    people = people.assign(
        acquired_min=shard.acquired_min, acquisition_channel=shard.acquisition_channel
    )
    result = collect(center)
    return ShardResult(
        shard_index,
        people,
        shard.log,
        result.contacts,
        result.agents,
        np.vstack(satisfaction).astype(np.float32),
        catalogue.products,
        campaigns,
        simulate_web_visits(
            shard_index, people, shard.log, result.contacts, catalogue.products, campaigns,
            params, seed,
        ),
    )  # fmt: skip


def month_end_snapshots(
    env: simpy.Environment, shard: ShardState, month_ends: list[float], out: list[np.ndarray]
) -> Generator[simpy.Event, Any, None]:
    """Record everyone's latent satisfaction at each month end (a SimPy process)."""
    for end in month_ends:
        if end > env.now:
            yield env.timeout(end - env.now - 1e-6)
        out.append(shard.satisfaction.scores(env.now))


def nps_surveys(env: simpy.Environment, shard: ShardState) -> Generator[simpy.Event, Any, None]:
    """The yearly relationship survey (Net Promoter Score) of a sample of active customers."""
    draws = shard.draws["survey"]
    year = 0
    while (day := year * 365 + NPS_DAY_OF_YEAR) * MINUTES_PER_DAY < shard.horizon_min:
        yield env.timeout(day * MINUTES_PER_DAY + 10 * 60.0 - env.now)
        scores = shard.satisfaction.scores(env.now)
        for index in np.flatnonzero(shard.alive).tolist():
            if draws.uniform() < shard.params.nps_sample_share:
                answer = nps_answer(float(scores[index]), draws.normal())
                shard.log.surveys.append(
                    SurveyRecord(shard.id_list[index], env.now, "nps", answer, -1)
                )
        year += 1
