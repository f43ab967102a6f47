"""Understanding tasks of chapter 03: pooling, scale, the ADAC Friday, German terms.

These tasks ask *why*, not only *how much*: a number paired with a multiple
choice on its cause, a prediction compared with the model, and a matching of
German and English terms. Expected values are computed with ``crmsim`` when a
check runs; the parameters are the constants below, which the exercise notebook
states in its text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pandas as pd

from crmsim.exercises.choice import MultipleChoice, Option
from crmsim.exercises.contact_center_variants import CLASS_PARAMETERS, parameters
from crmsim.exercises.feedback import Verdict, judge
from crmsim.exercises.matching import Matching
from crmsim.exercises.numeric import Mistake, NumericTask
from crmsim.exercises.prediction import PredictThenSimulate
from crmsim.queueing import agents_for_service_level
from crmsim.scenario import SCENARIO_FOLDER, load_scenario
from crmsim.sim import SimulationResult, simulate

#: Tasks 7–8 of the class variant: two product hotlines, each with this traffic (AHT = talk +
#: after-contact work), and the yearly cost of an agent position (EUR); a student's own are
#: in :func:`parameters`.
HOTLINE_CALLS_PER_HOUR = CLASS_PARAMETERS.hotline_calls_per_hour
HOTLINE_AHT_MIN = CLASS_PARAMETERS.hotline_aht_min
AGENT_COST_EUR_PER_YEAR = CLASS_PARAMETERS.agent_cost_eur_per_year
#: Task 9: a large center of 100 Erlang (2,000 calls an hour of 3 minutes).
LARGE_CALLS_PER_HOUR = 2000
LARGE_AHT_MIN = 3.0
#: Tasks 10–11: the Friday (day 4) of the simulated ADAC week (seed 3 in the class variant).
ADAC_FILE = SCENARIO_FOLDER / "adac-telematics.yaml"
ADAC_SEED = 3
ADAC_DAYS = 7
ADAC_FRIDAY = 4
HALF_HOUR_MIN = 30


def _separate() -> int:
    hotline = parameters()
    return 2 * agents_for_service_level(
        hotline.hotline_calls_per_hour, hotline.hotline_aht_min, 0.8
    )


def _shared() -> int:
    hotline = parameters()
    return agents_for_service_level(
        2 * hotline.hotline_calls_per_hour, hotline.hotline_aht_min, 0.8
    )


def pooling_saving() -> int:
    """Agents two separate hotlines need beyond one shared hotline, both at 80/20."""
    return _separate() - _shared()


def pooling_saving_eur() -> float:
    """What the agents saved by pooling cost a year (EUR), at the active variant's cost."""
    return pooling_saving() * parameters().agent_cost_eur_per_year


def _eur(agents: float) -> float:
    return agents * parameters().agent_cost_eur_per_year


task_7_pooling_agents = NumericTask(
    "Task 7 · Pooling: what does sharing save?",
    expected=pooling_saving_eur,
    tolerance=0.5,
    what="the yearly saving in EUR",
    hint="agents for one hotline × 2, minus agents for one shared hotline with both flows, "
    "times the cost of an agent position",
    mistakes=(
        Mistake(pooling_saving, "that is the number of agents saved; multiply it by the cost "
                "of an agent position a year"),
        Mistake(lambda: _eur(_separate()),
                "that is what the two separate hotlines cost together; subtract the shared one"),
        Mistake(lambda: _eur(_shared()),
                "that is what the shared hotline costs; compare it with two separate ones"),
        Mistake(0.0, "the offered load is the same, but the agents needed are not: compute both"),
        Mistake(lambda: -pooling_saving_eur(), "the sign is reversed: separate minus shared"),
    ),
)  # fmt: skip

task_8_pooling_reason = MultipleChoice(
    "Task 8 · Pooling: why does sharing save agents?",
    {
        "a": Option(
            "In a shared hotline the agents handle each call faster.",
            "the handle time is the same in both set-ups; only the queue is different",
        ),
        "b": Option(
            "Random peaks of two flows rarely coincide, so one queue needs less spare capacity.",
            "right: the spare capacity grows with the square root of the load, not with the load",
        ),
        "c": Option(
            "The shared hotline carries less offered load than the two hotlines together.",
            "the load is the same, twice one hotline's; what shrinks is the spare capacity",
        ),
        "d": Option(
            "Separate hotlines must keep each agent at exactly 80 % occupancy.",
            "80/20 is a service level, not an occupancy; occupancy follows from staffing",
        ),
    },
    correct="b",
)


def large_center_occupancy() -> float:
    """Occupancy of a 100-Erlang center staffed with the fewest agents for 80/20 (a share)."""
    agents = agents_for_service_level(LARGE_CALLS_PER_HOUR, LARGE_AHT_MIN, 0.8)
    return LARGE_CALLS_PER_HOUR * LARGE_AHT_MIN / 60.0 / agents


task_9_large_center = PredictThenSimulate(
    "Task 9 · Predict, then compute: occupancy at 100 Erlang",
    "the occupancy as a share",
    large_center_occupancy,
    tolerance=0.002,
    bounds=(0.0, 1.0),
)


@cache
def adac_run(seed: int = ADAC_SEED) -> SimulationResult:
    """The simulated ADAC week (seed ``ADAC_SEED`` by default), shared by tasks 4, 10 and 11."""
    return simulate(load_scenario(ADAC_FILE), seed=seed, days=ADAC_DAYS)


@cache
def _friday(seed: int) -> pd.DataFrame:
    table = adac_run(seed).intervals(HALF_HOUR_MIN)
    friday = table[(table["channel"] == "phone") & (table["day"] == ADAC_FRIDAY)]
    return friday[["time", "offered", "service_level", "agents_on_duty"]].reset_index(drop=True)


def adac_friday_half_hours() -> pd.DataFrame:
    """Phone key figures per half hour of the Friday of the active variant's ADAC week:
    ``time`` (HH:MM), ``offered``, ``service_level`` (share), ``agents_on_duty`` (mean
    agents logged on)."""
    return _friday(parameters().adac_seed).copy()


def worst_half_hour() -> str:
    """Start (HH:MM) of the Friday's half hour with the lowest service level."""
    friday = adac_friday_half_hours().dropna(subset=["service_level"])
    return str(friday.loc[friday["service_level"].idxmin(), "time"])


def _half_hour_hint(answer: Any) -> str | None:
    if not isinstance(answer, str) or not re.fullmatch(r"\d\d:\d\d", answer.strip()):
        raise ValueError(
            f'give the start of the half hour as "HH:MM", e.g. "08:30"; got {answer!r}'
        )
    answer = answer.strip()
    if answer == worst_half_hour():
        return None
    friday = adac_friday_half_hours().set_index("time")
    if answer not in friday.index:
        return f"{answer} is not the start of a half hour (use :00 or :30)"
    level = friday.loc[answer, "service_level"]
    if pd.isna(level) or level >= 0.8:
        return f"at {answer} the service level is on target; look for the lowest bar"
    return (
        f"{answer} misses the target too ({level:.0%}), but one half hour is worse: "
        "find the minimum of service_level"
    )


class _HalfHourTask:
    """The failing half hour, answered as ``"HH:MM"``."""

    title = "Task 10 · The ADAC Friday: which half hour fails worst?"

    def check(self, answer: Any) -> Verdict:
        """Judge the answer; ``...`` is "not answered yet"."""
        return judge(self.title, answer, _half_hour_hint)

    __call__ = check

    def answer(self) -> str:
        """The right answer, for the lecturer's key."""
        return worst_half_hour()


task_10_worst_half_hour = _HalfHourTask()

task_11_friday_cause = MultipleChoice(
    "Task 11 · The ADAC Friday: what causes it?",
    {
        "a": Option(
            "Too few agents in the late shift.",
            "the late shift has three agents, as many as the day shift; the hole opens when "
            "the day shift leaves at 18:00 and the late shift's break starts at 19:00",
        ),
        "b": Option(
            "Callers are less patient in the evening, so more of them hang up after 18:00.",
            "patience is the same all day in the scenario (3 minutes on average)",
        ),
        "c": Option(
            "The day shift ends at 18:00 and the late shift's break at 19:00 falls into the peak.",
            "right: agents logged on drop from six to three at 18:00 and to about one at 19:00",
        ),
        "d": Option(
            "Evening calls take much longer to handle than daytime calls.",
            "the handle times do not depend on the time of day in the scenario",
        ),
    },
    correct="c",
)

task_12_terms = Matching(
    "Task 12 · German and English terms",
    {
        "1": "Verkehrsangebot",
        "2": "Servicegrad",
        "3": "Auslastung",
        "4": "Abbruchquote",
        "5": "Nachbearbeitungszeit",
    },
    {
        "a": "abandonment rate",
        "b": "after-contact work",
        "c": "offered load",
        "d": "occupancy",
        "e": "service level",
        "f": "first-contact resolution",
    },
    {"1": "c", "2": "e", "3": "d", "4": "a", "5": "b"},
    {
        "1": "the average number of calls in progress at once, in Erlang",
        "2": "the share of calls answered within the threshold, e.g. 80/20",
        "3": "the share of logged-on time agents spend on contacts",
        "4": "the share of callers who hang up before being answered",
        "5": "the work after the call (notes, follow-up), on top of talk time",
    },
)

#: The understanding tasks, in the notebook's order.
TASKS = (
    task_7_pooling_agents,
    task_8_pooling_reason,
    task_9_large_center,
    task_10_worst_half_hour,
    task_11_friday_cause,
    task_12_terms,
)
