"""One simulated day of a preset: its KPIs, its course over the day, and Erlang beside it.

The dashboard simulates one day (day 0 of the scenario) with a fixed seed. Beside
the simulated service level it puts the Erlang value of the same day: for every
slot of the phone's intraday profile, Erlang C (callers who never hang up) or
Erlang A (with the patience knob) at the slot's planned arrival rate and the
phone agents the simulation logged on in that slot, weighted by the slot's calls.
For the textbook M/M/14 this is the exact Erlang C figure; for centers with shifts
and peaks it is the usual interval-by-interval approximation, which ignores the
queue carried from one slot into the next.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from crmsim.analytics.agent_busy_time import busy_spells
from crmsim.queueing import erlang_a_metrics, erlang_c_metrics
from crmsim.scenario.model import Scenario
from crmsim.sim.results import SimulationResult
from crmsim.sim.run import simulate
from crmsim.sim.timeline import minutes_per_interval
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_HOUR
from crmsim.widgets.dashboard_presets import Knobs, apply_knobs
from crmsim.widgets.panel_figures import panel_kpis

__all__ = [
    "DayRun",
    "curve_levels",
    "curve_points",
    "day_timeline",
    "erlang_service_level",
    "handling_time_min",
    "run_day",
    "staffing_points",
]

#: Timeline columns: slot start (hour of the day), mean callers waiting, mean phone agents
#: busy (handling or after-call work, any channel) and mean phone agents logged on.
TIMELINE_COLUMNS = ("hour", "queue_length", "agents_busy", "agents_on_duty")


class DayRun(NamedTuple):
    """A simulated day with the figures the dashboard shows.

    Attributes
    ----------
    knobs:
        The settings of the run.
    seed:
        Seed of the run.
    result:
        The simulation result (one day).
    kpis:
        The panel KPIs (:func:`crmsim.widgets.panel_figures.panel_kpis`) plus
        ``sl_erlang``, the Erlang service level of the same day (share).
    timeline:
        :func:`day_timeline` of the run.
    """

    knobs: Knobs
    seed: int
    result: SimulationResult
    kpis: dict[str, float]
    timeline: pd.DataFrame


def handling_time_min(scenario: Scenario) -> float:
    """Mean phone handling time (minutes): talk time × mean reason factor + after-call work.

    Examples
    --------
    >>> from crmsim.scenario import mmc_scenario
    >>> handling_time_min(mmc_scenario(agents=3, calls_per_hour=20, aht_min=6))
    6.0
    """
    phone = scenario.channels["phone"]
    total_share = sum(reason.share for reason in scenario.reasons)
    factor = sum(reason.share * reason.aht_factor for reason in scenario.reasons) / total_share
    return phone.aht_min * factor + phone.acw_min


def _phone_agent_ids(result: SimulationResult) -> np.ndarray:
    phone_groups = [g.name for g in result.scenario.agents if "phone" in g.channels]
    return result.agents.loc[result.agents["group"].isin(phone_groups), "agent_id"].to_numpy()


def _on_duty_per_slot(result: SimulationResult, edges: np.ndarray) -> np.ndarray:
    duty = result.duty
    on = duty[(duty["state"] == "on_duty") & duty["agent_id"].isin(_phone_agent_ids(result))]
    minutes = minutes_per_interval(on["start_min"].to_numpy(), on["end_min"].to_numpy(), edges)
    return minutes / np.diff(edges)


def day_timeline(result: SimulationResult, interval_min: float = 30.0) -> pd.DataFrame:
    """Queue length and agents busy over the day, as means per interval.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TIMELINE_COLUMNS`: ``hour`` (start of the interval, hours since
        midnight of day 0), ``queue_length`` (phone callers waiting, time average),
        ``agents_busy`` and ``agents_on_duty`` (phone agents, time averages).
    """
    edges = np.arange(0.0, result.horizon_min + interval_min / 2, interval_min)
    widths = np.diff(edges)
    phone = result.contacts[result.contacts["channel"] == "phone"]
    wait_start = phone["arrival_min"].to_numpy()
    wait_end = np.minimum(wait_start + phone["wait_min"].fillna(0.0).to_numpy(), edges[-1])
    waiting = minutes_per_interval(wait_start, np.maximum(wait_end, wait_start), edges)
    ids, start, stop = busy_spells(result.contacts, result.horizon_min)
    mine = np.isin(ids, _phone_agent_ids(result))
    busy = minutes_per_interval(start[mine], stop[mine], edges)
    return pd.DataFrame(
        {
            "hour": edges[:-1] / MINUTES_PER_HOUR,
            "queue_length": waiting / widths,
            "agents_busy": busy / widths,
            "agents_on_duty": _on_duty_per_slot(result, edges),
        },
        columns=list(TIMELINE_COLUMNS),
    )


@lru_cache(maxsize=4096)
def _slot_service_level(
    agents: int, calls_per_hour: float, aht_min: float, patience_min: float, threshold_s: float
) -> float:
    if agents < 1:
        return 0.0
    if patience_min > 0:
        metrics = erlang_a_metrics(agents, calls_per_hour, aht_min, patience_min, threshold_s)
        return metrics.service_level
    if calls_per_hour * aht_min / MINUTES_PER_HOUR >= agents:
        return 0.0
    return erlang_c_metrics(agents, calls_per_hour, aht_min, threshold_s).service_level


def erlang_service_level(result: SimulationResult) -> float:
    """The Erlang C/A service level of the simulated day, slot by slot, weighted by calls.

    Each slot of the phone's intraday profile gets its planned arrival rate (calls per
    hour) and the phone agents logged on in the simulation (time average, rounded).

    Examples
    --------
    >>> from crmsim.scenario import load_scenario
    >>> day = simulate(load_scenario("mmc-textbook"), seed=1, days=1)
    >>> round(erlang_service_level(day), 4)
    0.8884
    """
    scenario = result.scenario
    phone = scenario.channels["phone"]
    profile = np.asarray(phone.intraday_profile, dtype=float)
    slot_min = MINUTES_PER_DAY / profile.size
    edges = np.arange(profile.size + 1) * slot_min
    factor = phone.weekday_factors[scenario.start_weekday % 7]
    calls = phone.daily_volume * factor * profile / profile.sum()
    rate_per_h = calls * MINUTES_PER_HOUR / slot_min
    agents = np.rint(_on_duty_per_slot(result, edges)).astype(int)
    aht = handling_time_min(scenario)
    patience = phone.patience_min or 0.0
    levels = [
        _slot_service_level(int(c), round(float(rate), 6), aht, patience, phone.sl_threshold_s)
        for c, rate in zip(agents, rate_per_h, strict=True)
    ]
    return float(np.dot(levels, calls) / calls.sum()) if calls.sum() > 0 else float("nan")


def run_day(
    scenario: Scenario, knobs: Knobs, seed: int, agent_cost_eur_per_hour: float = 30.0
) -> DayRun:
    """Simulate day 0 of ``scenario`` turned by ``knobs``, and compute what the dashboard shows."""
    result = simulate(apply_knobs(scenario, knobs), seed=seed, days=1)
    kpis = panel_kpis(result, agent_cost_eur_per_hour)
    kpis["sl_erlang"] = erlang_service_level(result)
    return DayRun(knobs, seed, result, kpis, day_timeline(result))


def curve_levels(agents: int, minimum: int = 1, count: int = 7) -> list[int]:
    """``count`` staffing levels around ``agents``, none below ``minimum``.

    Examples
    --------
    >>> curve_levels(14)
    [11, 12, 13, 14, 15, 16, 17]
    >>> curve_levels(2, minimum=1, count=5)
    [1, 2, 3, 4, 5]
    """
    low = max(minimum, agents - count // 2)
    return list(range(low, low + count))


def curve_points(runs: list[DayRun]) -> pd.DataFrame:
    """The staffing curve's points from days simulated at several staffing levels.

    Returns
    -------
    pandas.DataFrame
        Columns ``agents``, ``sl_simulated`` and ``sl_erlang`` (shares), one row per run,
        sorted by agents.
    """
    rows = [(run.knobs.agents, run.kpis["service_level"], run.kpis["sl_erlang"]) for run in runs]
    table = pd.DataFrame(rows, columns=["agents", "sl_simulated", "sl_erlang"])
    return table.sort_values("agents", ignore_index=True)


def staffing_points(scenario: Scenario, knobs: Knobs, levels: list[int], seed: int) -> pd.DataFrame:
    """Simulated and Erlang service level of the day for several staffing levels.

    Every level is simulated with the same seed (the same callers), so the curve shows
    the effect of the staffing, not of chance.

    Returns
    -------
    pandas.DataFrame
        :func:`curve_points` of the runs.
    """
    return curve_points([run_day(scenario, replace(knobs, agents=n), seed) for n in levels])
