"""Checks for the exercises of chapter 03 (operational CRM in the contact center).

Each ``task_*`` function takes the student's answer, compares it with a value it
computes itself with ``crmsim`` (nothing is stored), and returns a verdict that
displays as one feedback line. The parameters of the tasks are the constants below; the exercise
notebook states the same numbers in its text.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from crmsim.exercises.feedback import Verdict, as_number, close, judge
from crmsim.queueing import agents_for_service_level, erlang_b, erlang_c, erlang_c_metrics
from crmsim.scenario import SCENARIO_FOLDER, load_scenario
from crmsim.scenario.classroom import classroom_scenario
from crmsim.sim import simulate
from crmsim.widgets.panel_kpis import panel_kpis

#: Tasks 1–3: a service hotline in its busiest hour.
CALLS_PER_HOUR = 240
AHT_MIN = 4.5
AGENTS = 20
TARGET_SL = 0.8
#: Task 4: one week of the ADAC telematics center.
ADAC_FILE = SCENARIO_FOLDER / "adac-telematics.yaml"
ADAC_SEED = 3
ADAC_DAYS = 7
#: Tasks 5–6: the classroom contact center.
CALLBACK_AGENTS = 11
VIP_AGENTS = 12
CLASSROOM_SEED = 1

TITLES = {
    "task_1_offered_load": "Task 1 · offered load",
    "task_2_p_wait": "Task 2 · Erlang C waiting probability",
    "task_3_agents_for_80_20": "Task 3 · agents for 80/20",
    "task_4_abandon_rate": "Task 4 · reading a simulation result",
    "task_5_callback_effect": "Task 5 · the effect of call-back",
    "task_6_vip_gap": "Task 6 · the effect of VIP routing",
}


def task_1_offered_load(answer: Any) -> Verdict:
    """Offered load in Erlang for ``CALLS_PER_HOUR`` calls of ``AHT_MIN`` minutes."""
    expected = CALLS_PER_HOUR * AHT_MIN / 60.0

    def evaluate(value: Any) -> str | None:
        value = as_number(value, "the offered load in Erlang")
        if close(value, expected, 0.01):
            return None
        if close(value, CALLS_PER_HOUR * AHT_MIN, 0.5):
            return "calls per hour times minutes mixes units: turn the AHT into hours first"
        if close(value, CALLS_PER_HOUR * AHT_MIN / 3600.0, 0.01):
            return "the AHT is in minutes, not seconds: divide by 60, not 3600"
        return "offered load = calls per hour × AHT in hours (calls per hour × minutes / 60)"

    return _report("task_1_offered_load", answer, evaluate)


def task_2_p_wait(answer: Any) -> Verdict:
    """P(wait) by Erlang C with ``AGENTS`` agents at the load of task 1."""
    load = CALLS_PER_HOUR * AHT_MIN / 60.0
    expected = erlang_c(AGENTS, load)

    def evaluate(value: Any) -> str | None:
        value = as_number(value, "the waiting probability")
        if not 0 <= value <= 1:
            return "a probability lies between 0 and 1 (write 0.25, not 25)"
        if close(value, expected, 0.002):
            return None
        if close(value, erlang_b(AGENTS, load), 0.002):
            return "that is Erlang B (calls lost when all are busy); waiting callers need Erlang C"
        return (
            f"use crmsim.erlang_c(agents, offered_load) with {AGENTS} agents and the load of task 1"
        )

    return _report("task_2_p_wait", answer, evaluate)


def task_3_agents_for_80_20(answer: Any) -> Verdict:
    """Fewest agents for 80 % of the calls of task 1 answered within 20 seconds."""
    expected = agents_for_service_level(CALLS_PER_HOUR, AHT_MIN, TARGET_SL)

    def evaluate(value: Any) -> str | None:
        value = as_number(value, "a number of agents")
        if value != int(value) or value < 1:
            return "agents come in whole numbers ≥ 1"
        agents = int(value)
        if agents == expected:
            return None
        load = CALLS_PER_HOUR * AHT_MIN / 60.0
        if agents <= load:
            return f"{agents} agents cannot even carry the offered load of {load:g} Erlang"
        level = erlang_c_metrics(agents, CALLS_PER_HOUR, AHT_MIN).service_level
        if agents < expected:
            return f"with {agents} agents only {level:.1%} are answered within 20 seconds"
        return f"{agents} agents reach {level:.1%}; fewer agents already reach 80 %"

    return _report("task_3_agents_for_80_20", answer, evaluate)


@cache
def _adac_week() -> Any:
    return simulate(load_scenario(ADAC_FILE), seed=ADAC_SEED, days=ADAC_DAYS).kpis().loc["phone"]


def task_4_abandon_rate(answer: Any) -> Verdict:
    """Abandonment rate (share) of the ADAC week simulated with ``ADAC_SEED``."""
    week = _adac_week()
    expected = float(week["abandon_rate"])

    def evaluate(value: Any) -> str | None:
        value = as_number(value, "the abandonment rate as a share")
        if close(value, expected, 0.0005):
            return None
        if close(value, float(week["abandoned"]), 0.5):
            return "that is the number of abandoned calls; divide it by the calls offered"
        if close(value, expected * 100, 0.05):
            return "give the rate as a share (0.05), not in percent (5)"
        if close(value, 1 - float(week["service_level"]), 0.0005):
            return "1 − service level counts late answers too; look for the abandonment rate"
        return 'read result.kpis().loc["phone", "abandon_rate"] of the week you simulated'

    return _report("task_4_abandon_rate", answer, evaluate)


@cache
def _classroom(agents: int, **switches: bool) -> dict[str, float]:
    scenario = classroom_scenario(agents=agents, **switches)
    return panel_kpis(simulate(scenario, seed=CLASSROOM_SEED))


def task_5_callback_effect(answer: Any) -> Verdict:
    """Percentage points by which call-back lowers the abandonment rate (classroom center)."""
    before = _classroom(CALLBACK_AGENTS)["abandon_rate"]
    after = _classroom(CALLBACK_AGENTS, callback=True)["abandon_rate"]
    expected = (before - after) * 100

    def evaluate(value: Any) -> str | None:
        value = as_number(value, "a difference in percentage points")
        if close(value, expected, 0.05):
            return None
        if close(value, -expected, 0.05):
            return "the sign is reversed: give how much the rate falls (without minus)"
        if close(value, expected / 100, 0.0005):
            return "give percentage points (2.5 for 0.025), not a share"
        return "compare abandon_rate without and with callback=True at the same seed"

    return _report("task_5_callback_effect", answer, evaluate)


def task_6_vip_gap(answer: Any) -> Verdict:
    """Seconds by which C customers wait longer than A customers under VIP routing."""
    kpis = _classroom(VIP_AGENTS, vip_routing=True)
    expected = kpis["asa_c_s"] - kpis["asa_a_s"]

    def evaluate(value: Any) -> str | None:
        value = as_number(value, "a difference in seconds")
        if close(value, expected, 0.05):
            return None
        if close(value, -expected, 0.05):
            return "the sign is reversed: C customers wait longer, so ASA(C) − ASA(A) is positive"
        if close(value, expected / 60, 0.005):
            return "give seconds, not minutes"
        return "subtract the ASA of A customers from the ASA of C customers (asa_c_s − asa_a_s)"

    return _report("task_6_vip_gap", answer, evaluate)


def _report(name: str, answer: Any, evaluate: Any) -> Verdict:
    return judge(TITLES[name], answer, evaluate)
