"""Checks for the exercises of chapter 03 (operational CRM in the contact center).

Each ``task_*`` object checks the student's answer against a value it computes
itself with ``crmsim`` (nothing is stored) and returns a verdict that displays as
one feedback line. The parameters of the tasks are those of the active variant
(:func:`parameters`, see :mod:`crmsim.exercises.variants`); the class variant's are
the constants below, which the exercise notebook states in its text. The understanding tasks 7–12
(pooling, scale, the ADAC Friday, German terms) live in
:mod:`crmsim.exercises.contact_center_ideas` and are available here too.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from crmsim.analytics import panel_kpis
from crmsim.exercises.contact_center_ideas import (
    TASKS as UNDERSTANDING_TASKS,
)
from crmsim.exercises.contact_center_ideas import (
    adac_friday_half_hours,
    adac_run,
    task_7_pooling_agents,
    task_8_pooling_reason,
    task_9_large_center,
    task_10_worst_half_hour,
    task_11_friday_cause,
    task_12_terms,
)
from crmsim.exercises.contact_center_variants import (
    CLASS_PARAMETERS,
    ContactCenterParameters,
    parameters,
)
from crmsim.exercises.numeric import Mistake, NumericTask
from crmsim.queueing import agents_for_service_level, erlang_b, erlang_c, erlang_c_metrics
from crmsim.scenario.classroom import classroom_scenario
from crmsim.sim import simulate

#: Tasks 1–3 of the class variant: a service hotline in its busiest hour (AHT = talk +
#: after-contact work).
CALLS_PER_HOUR = CLASS_PARAMETERS.calls_per_hour
AHT_MIN = CLASS_PARAMETERS.aht_min
AGENTS = CLASS_PARAMETERS.agents
TARGET_SL = CLASS_PARAMETERS.target_sl
OFFERED_LOAD = CLASS_PARAMETERS.offered_load
#: Tasks 5–6 of the class variant: the classroom contact center.
CALLBACK_AGENTS = CLASS_PARAMETERS.callback_agents
VIP_AGENTS = CLASS_PARAMETERS.vip_agents
CLASSROOM_SEED = CLASS_PARAMETERS.classroom_seed

task_1_offered_load = NumericTask(
    "Task 1 · Offered load",
    expected=lambda: parameters().offered_load,
    tolerance=0.01,
    what="the offered load in Erlang",
    hint="offered load = calls per hour × AHT in hours (calls per hour × minutes / 60)",
    mistakes=(
        Mistake(
            lambda: parameters().offered_load * 60.0,
            "calls per hour × minutes mixes units: turn the AHT into hours first",
            tolerance=0.5,
        ),
        Mistake(
            lambda: parameters().offered_load / 60.0,
            "the AHT is in minutes, not seconds: divide by 60, not 3600",
        ),
    ),
)


def _agents_advice(value: float) -> str | None:
    agents = int(value)
    hotline = parameters()
    if agents < 1:
        return "agents come in whole numbers ≥ 1"
    if agents <= hotline.offered_load:
        return (
            f"{agents} agents cannot even carry the offered load of {hotline.offered_load:g} "
            "Erlang: the queue has no steady state and waits grow without limit"
        )
    level = erlang_c_metrics(agents, hotline.calls_per_hour, hotline.aht_min).service_level
    if agents < _agents_needed(hotline):
        return f"with {agents} agents only {level:.1%} are answered within 20 seconds"
    target = f"{hotline.target_sl * 100:g} %"
    return f"{agents} agents reach {level:.1%}; fewer agents already reach {target}"


def _agents_needed(hotline: ContactCenterParameters) -> int:
    return agents_for_service_level(hotline.calls_per_hour, hotline.aht_min, hotline.target_sl)


task_2_p_wait = NumericTask(
    "Task 2 · Erlang C waiting probability",
    expected=lambda: erlang_c(parameters().agents, parameters().offered_load),
    tolerance=0.002,
    what="the waiting probability",
    hint="use crmsim.erlang_c(agents, offered_load) with the agents of task 2 and the load of "
    "task 1",
    mistakes=(
        Mistake(
            lambda: erlang_b(parameters().agents, parameters().offered_load),
            "that is Erlang B (calls lost when all are busy); waiting callers need Erlang C",
        ),
    ),
    bounds=(0.0, 1.0),
)

task_3_agents_for_80_20 = NumericTask(
    "Task 3 · Agents for 80/20",
    expected=lambda: _agents_needed(parameters()),
    tolerance=0.0,
    what="a number of agents",
    hint="try crmsim.erlang_c_metrics(agents, calls_per_hour, aht_min) for a few staffing levels",
    whole=True,
    advise=_agents_advice,
)


def adac_week() -> Any:
    """Key figures of the phone channel in the simulated ADAC week of the active variant
    (seed 3 in the class variant; a pandas Series)."""
    return adac_run(parameters().adac_seed).kpis().loc["phone"]


task_4_abandon_rate = NumericTask(
    "Task 4 · Reading a simulation result",
    expected=lambda: float(adac_week()["abandon_rate"]),
    tolerance=0.000001,
    what="the abandonment rate as a share",
    hint='read result.kpis().loc["phone", "abandon_rate"] of the week you simulated',
    mistakes=(
        Mistake(
            lambda: float(adac_week()["abandoned"]),
            "that is the number of abandoned calls; divide it by the calls offered",
            tolerance=0.5,
        ),
        Mistake(
            lambda: float(adac_week()["abandon_rate"]) * 100,
            "give the rate as a share (0.05), not in percent (5)",
            tolerance=0.0001,
        ),
        Mistake(
            lambda: 1 - float(adac_week()["service_level"]),
            "1 − service level counts late answers too; look for the abandonment rate",
        ),
    ),
)


@cache
def classroom_kpis(agents: int, seed: int = CLASSROOM_SEED, **switches: bool) -> dict[str, float]:
    """The panel's key figures of the classroom center's day (seed ``CLASSROOM_SEED``)."""
    scenario = classroom_scenario(agents=agents, **switches)
    result = simulate(scenario, seed=seed)
    return panel_kpis(result.contacts, result.duty, result.kpis()).to_dict()


def _callback_effect() -> float:
    center = parameters()
    before = classroom_kpis(center.callback_agents, center.classroom_seed)["abandon_rate"]
    offer = classroom_kpis(center.callback_agents, center.classroom_seed, callback=True)
    after = offer["abandon_rate"]
    return (before - after) * 100


task_5_callback_effect = NumericTask(
    "Task 5 · The effect of call-back",
    expected=_callback_effect,
    tolerance=0.005,
    what="a difference in percentage points",
    hint="compare abandon_rate without and with callback=True at the same seed",
    mistakes=(
        Mistake(
            lambda: -_callback_effect(),
            "the sign is reversed: give how much the rate falls (without minus)",
        ),
        Mistake(
            lambda: _callback_effect() / 100,
            "give percentage points (2.5 for 0.025), not a share",
            tolerance=0.00005,
        ),
    ),
)


def _vip_gap() -> float:
    center = parameters()
    kpis = classroom_kpis(center.vip_agents, center.classroom_seed, vip_routing=True)
    return kpis["asa_c_s"] - kpis["asa_a_s"]


task_6_vip_gap = NumericTask(
    "Task 6 · The effect of VIP routing",
    expected=_vip_gap,
    tolerance=0.005,
    what="a difference in seconds",
    hint="subtract the ASA of A customers from the ASA of C customers (asa_c_s − asa_a_s)",
    mistakes=(
        Mistake(
            lambda: -_vip_gap(),
            "the sign is reversed: C customers wait longer, so ASA(C) − ASA(A) is positive",
        ),
        Mistake(lambda: _vip_gap() / 60, "give seconds, not minutes", tolerance=0.0001),
    ),
)

#: Every task of chapter 03, in the notebook's order.
TASKS = (
    task_1_offered_load,
    task_2_p_wait,
    task_3_agents_for_80_20,
    task_4_abandon_rate,
    task_5_callback_effect,
    task_6_vip_gap,
    *UNDERSTANDING_TASKS,
)

__all__ = [
    "TASKS",
    "adac_friday_half_hours",
    "adac_week",
    "classroom_kpis",
    "parameters",
    "task_1_offered_load",
    "task_2_p_wait",
    "task_3_agents_for_80_20",
    "task_4_abandon_rate",
    "task_5_callback_effect",
    "task_6_vip_gap",
    "task_7_pooling_agents",
    "task_8_pooling_reason",
    "task_9_large_center",
    "task_10_worst_half_hour",
    "task_11_friday_cause",
    "task_12_terms",
]
