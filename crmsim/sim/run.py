"""Run a scenario from start to end and collect the result tables."""

from __future__ import annotations

import gc

import numpy as np
import pandas as pd
import simpy

from crmsim.errors import InputError
from crmsim.scenario.model import Scenario
from crmsim.sim.agents import DutyRecord, open_duty
from crmsim.sim.center import ContactCenter
from crmsim.sim.contact_log import contacts_frame, open_records
from crmsim.sim.results import SimulationResult
from crmsim.time_units import MINUTES_PER_DAY


def simulate(
    scenario: Scenario,
    seed: int | np.random.SeedSequence = 0,
    days: int | None = None,
    horizon_min: float | None = None,
    progress: bool = False,
) -> SimulationResult:
    """Simulate the interaction center of ``scenario``.

    Parameters
    ----------
    scenario:
        A validated scenario (:func:`crmsim.scenario.load_scenario`).
    seed:
        Seed of all random streams; the same seed gives the same result.
    days:
        Days to simulate (default: the scenario's ``days``).
    horizon_min:
        Simulated time in minutes; overrides ``days`` (for runs of a few hours).
    progress:
        Show a progress bar (one step per simulated day) on standard error.

    Returns
    -------
    SimulationResult
        The contact, duty and agent tables with KPI methods.

    Examples
    --------
    >>> from crmsim.scenario import mmc_scenario
    >>> result = simulate(mmc_scenario(agents=3, calls_per_hour=20, aht_min=6), seed=1, days=1)
    >>> int(result.kpis().loc["phone", "offered"]) > 400
    True
    """
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 1):
        raise InputError(f'"days" must be an integer ≥ 1, got {days}')
    if horizon_min is not None and not horizon_min > 0:
        raise InputError(f'"horizon_min" must be > 0 minutes, got {horizon_min}')
    if horizon_min is None:
        horizon_min = (days or scenario.days) * MINUTES_PER_DAY
    env = simpy.Environment()
    center = ContactCenter(env, scenario, seed, horizon_min)
    steps = np.append(np.arange(MINUTES_PER_DAY, horizon_min, MINUTES_PER_DAY), horizon_min)
    bar = steps
    if progress:  # imported only when asked for: tqdm.auto probes for a notebook front end
        from tqdm.auto import tqdm

        bar = tqdm(steps, desc="simulating", unit="day", leave=False)
    # The run creates many small objects that live until the end; the cyclic garbage
    # collector would only scan them again and again (about 15 % of the run time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for until in bar:
            env.run(until=float(until))
    finally:
        if collecting:
            gc.enable()
    return collect(center)


def collect(center: ContactCenter) -> SimulationResult:
    """Build the result tables from a center whose environment has run."""
    names = [agent.name for agent in center.agents]
    contacts = contacts_frame(
        center.records + open_records(center.active.values(), center.env.now),
        center.reason_names,
        center.class_names,
        names,
    )
    duty = pd.DataFrame.from_records(
        center.duty_log + open_duty(center.agents, center.env.now), columns=list(DutyRecord._fields)
    )
    duty = duty.astype({"agent_id": "int64", "start_min": float, "end_min": float})
    duty = duty.sort_values(["agent_id", "start_min"], kind="stable").reset_index(drop=True)
    agents = pd.DataFrame(
        {
            "agent_id": [a.id for a in center.agents],
            "agent": names,
            "group": [a.group for a in center.agents],
            "channels": [",".join(sorted(a.channels)) for a in center.agents],
        }
    )
    return SimulationResult(
        scenario=center.scenario,
        seed=center.seed,
        horizon_min=center.horizon_min,
        contacts=contacts,
        agents=agents,
        duty=duty,
    )
