"""The numbers of the chapter 03 exercises, per variant (class variant or a student's).

The class variant holds the numbers printed in the exercise text (240 calls an hour
of 4.5 minutes, 20 agents, seed 1 for the classroom center, seed 3 for the ADAC
week). A student's variant draws its own numbers from the seed of the student id,
within ranges where every task still makes sense: enough agents for a steady
queue in task 2, an understaffed classroom center in task 5. The two product
hotlines of task 7 (their calls an hour and handle time) and the yearly cost of an
agent position come from a stream of their own, so the numbers of tasks 1–6 did not
change when they were added.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from functools import cache

from crmsim.exercises.variants import Variant, active_variant

#: Calls per hour a student's hotline may get (tasks 1–3): from a small team's hotline to a
#: large one's, so that the agents needed for 80/20 (task 3, a whole number) take about a
#: hundred different values and two students share one in about one pair of eighty.
CALLS_PER_HOUR_CHOICES = tuple(range(120, 901, 10))
#: Average handle times a student's hotline may get, in minutes.
AHT_MIN_CHOICES = tuple(3.0 + 0.25 * step for step in range(17))
#: Calls per hour of each of task 7's two product hotlines.
HOTLINE_CALLS_CHOICES = tuple(range(60, 241, 10))
#: Handle times of task 7's hotlines, in minutes.
HOTLINE_AHT_CHOICES = (3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0)
#: Yearly cost of one agent position (salary, overheads, seat), EUR, in steps of 250 EUR.
AGENT_COST_CHOICES = tuple(float(cost) for cost in range(38_000, 56_001, 250))


@dataclass(frozen=True)
class ContactCenterParameters:
    """The numbers of one variant of the chapter 03 exercises.

    Attributes
    ----------
    calls_per_hour : int
        Calls in the hotline's busiest hour (tasks 1–3).
    aht_min : float
        Average handle time, talk plus after-contact work, in minutes (tasks 1–3).
    agents : int
        Agents on the phones in task 2 (always more than the offered load).
    target_sl : float
        Service-level target of task 3 (share answered within 20 seconds).
    adac_seed : int
        Seed of the simulated ADAC week (tasks 4, 10 and 11).
    callback_agents : int
        Agents of the understaffed classroom center in task 5.
    vip_agents : int
        Agents of the classroom center with VIP routing in task 6.
    classroom_seed : int
        Seed of the classroom center's day (tasks 5 and 6).
    hotline_calls_per_hour : int
        Calls an hour of each of the two product hotlines of task 7.
    hotline_aht_min : float
        Their average handle time, in minutes.
    agent_cost_eur_per_year : float
        What one agent position costs a year (task 7), EUR.
    """

    calls_per_hour: int
    aht_min: float
    agents: int
    target_sl: float
    adac_seed: int
    callback_agents: int
    vip_agents: int
    classroom_seed: int
    hotline_calls_per_hour: int = 120
    hotline_aht_min: float = 4.5
    agent_cost_eur_per_year: float = 45_000.0

    @property
    def offered_load(self) -> float:
        """Offered load of the hotline in Erlang (calls per hour × AHT in hours)."""
        return self.calls_per_hour * self.aht_min / 60.0

    def as_dict(self) -> dict[str, float]:
        """The parameters by name, for tables and the lecturer's key."""
        return asdict(self)

    def _repr_markdown_(self) -> str:
        rows = [
            ("Tasks 1–3: calls in the busiest hour", f"{self.calls_per_hour}"),
            ("Tasks 1–3: AHT (talk + after-contact work)", f"{self.aht_min:g} minutes"),
            ("Task 2: agents on the phones", f"{self.agents}"),
            ("Task 3: service-level target", f"{self.target_sl:.0%} within 20 seconds"),
            ("Tasks 4, 10, 11: seed of the ADAC week", f"{self.adac_seed}"),
            ("Task 5: agents of the understaffed classroom center", f"{self.callback_agents}"),
            ("Task 6: agents with VIP routing", f"{self.vip_agents}"),
            ("Tasks 5–6: seed of the classroom center", f"{self.classroom_seed}"),
            ("Task 7: calls an hour of each product hotline", f"{self.hotline_calls_per_hour}"),
            ("Task 7: AHT of the product hotlines", f"{self.hotline_aht_min:g} minutes"),
            (
                "Task 7: cost of an agent position",
                f"{self.agent_cost_eur_per_year:,.0f} EUR a year",
            ),
        ]
        lines = ["| Your numbers | |", "|:--|--:|"]
        lines += [f"| {name} | {value} |" for name, value in rows]
        return "\n".join(lines)


#: The class variant: the numbers printed in the exercise text.
CLASS_PARAMETERS = ContactCenterParameters(
    calls_per_hour=240,
    aht_min=4.5,
    agents=20,
    target_sl=0.8,
    adac_seed=3,
    callback_agents=11,
    vip_agents=12,
    classroom_seed=1,
)


@cache
def parameters_of(variant: Variant) -> ContactCenterParameters:
    """The chapter 03 numbers of ``variant`` (the class variant's are :data:`CLASS_PARAMETERS`)."""
    if variant.is_class_variant:
        return CLASS_PARAMETERS
    rng = variant.rng("contact_center")
    calls = int(rng.choice(CALLS_PER_HOUR_CHOICES))
    aht = float(rng.choice(AHT_MIN_CHOICES))
    load = calls * aht / 60.0
    pooling = variant.rng("contact_center-pooling")
    return ContactCenterParameters(
        calls_per_hour=calls,
        aht_min=aht,
        agents=math.floor(load) + int(rng.integers(1, 4)),
        target_sl=0.8,
        adac_seed=int(rng.integers(10, 10_000)),
        callback_agents=int(rng.choice((10, 11))),
        vip_agents=int(rng.choice((12, 13))),
        classroom_seed=int(rng.integers(10, 10_000)),
        hotline_calls_per_hour=int(pooling.choice(HOTLINE_CALLS_CHOICES)),
        hotline_aht_min=float(pooling.choice(HOTLINE_AHT_CHOICES)),
        agent_cost_eur_per_year=float(pooling.choice(AGENT_COST_CHOICES)),
    )


def parameters() -> ContactCenterParameters:
    """The chapter 03 numbers of the active variant (see :func:`crmsim.exercises.start`)."""
    return parameters_of(active_variant())
