"""The numbers of the chapter 04 exercises, per variant (class variant or a student's).

A student's variant changes the shop's baskets of tasks 1–2 (how many orders, how
many with a laptop, a mouse, both, a cable), the cut-off date of the hold-out test of
task 4, the self-service case of task 7, the weeks of the web log that task 8 counts
and the customer of the share-of-wallet task 12 (revenue over two years, wallet per
year). The baskets are drawn so that the comparison of task 3 holds in every variant:
laptop → cable has confidence 0.75 and lift 1.0, laptop → mouse a lower confidence
and a lift of about 2. The class variant holds the numbers printed in the exercise
text.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

import numpy as np

from crmsim.exercises.variants import Variant, active_variant

#: Revenue over two years (EUR) and wallet per year (EUR) a student's customer may have.
REVENUE_EUR_CHOICES = tuple(float(value) for value in range(600, 1401, 10))
WALLET_EUR_CHOICES = tuple(float(value) for value in range(1200, 2001, 10))
#: First and last cut-off date a student's hold-out test of task 4 may have.
FIRST_CUTOFF, LAST_CUTOFF = dt.date(2025, 2, 1), dt.date(2025, 10, 31)
#: How many recommendations task 4 may count (the k of the hit rate at k).
K_CHOICES = (3, 4, 5)
#: Task 8: a student counts the visits of this many days of the web log (13 weeks).
VISIT_WINDOW_DAYS = 91
#: The web log's first and last day (the committed dataset covers 2024 and 2025).
LOG_FIRST_DAY, LOG_LAST_DAY = dt.date(2024, 1, 1), dt.date(2025, 12, 31)


@dataclass(frozen=True)
class CollaborativeParameters:
    """The numbers of one variant of the chapter 04 exercises.

    Attributes
    ----------
    baskets : int
        Orders (baskets) of the shop in tasks 1–3.
    laptop : int
        Baskets with a laptop.
    mouse : int
        Baskets with a mouse.
    laptop_and_mouse : int
        Baskets with a laptop and a mouse.
    cable : int
        Baskets with a cable (three quarters of all baskets).
    laptop_and_cable : int
        Baskets with a laptop and a cable (three quarters of the laptop baskets).
    cutoff : datetime.date
        Task 4: the hold-out test learns from the orders before this day.
    k : int
        Task 4: recommendations per customer (the k of the hit rate at k).
    requests, tried, assisted_cost_eur, session_cost_eur, upkeep_eur, licence_eur : float
        Task 7: service requests a year, share that starts in self-service, cost of an
        agent contact and of a self-service session (EUR), yearly upkeep of the knowledge
        base and licence of the virtual assistant (EUR).
    visits_from, visits_until : datetime.date
        Task 8: the first and last day (inclusive) of the visits to count.
    revenue_eur : float
        The customer's revenue with us over two years, in EUR (task 12).
    wallet_eur_per_year : float
        What such a customer spends on the product range at all sellers, EUR per year.
    """

    baskets: int
    laptop: int
    mouse: int
    laptop_and_mouse: int
    cable: int
    laptop_and_cable: int
    cutoff: dt.date
    k: int
    requests: float
    tried: float
    assisted_cost_eur: float
    session_cost_eur: float
    upkeep_eur: float
    licence_eur: float
    visits_from: dt.date
    visits_until: dt.date
    revenue_eur: float
    wallet_eur_per_year: float

    @property
    def self_service_case(self) -> Any:
        """Task 7's case as a ``SelfServiceCase`` (solve share 0.5; the question is its
        break-even)."""
        from crmsim.widgets.self_service import SelfServiceCase

        return SelfServiceCase(
            requests=self.requests,
            tried=self.tried,
            solve=0.5,
            assisted_cost_eur=self.assisted_cost_eur,
            session_cost_eur=self.session_cost_eur,
            upkeep_eur=self.upkeep_eur,
            licence_eur=self.licence_eur,
        )

    def as_dict(self) -> dict[str, Any]:
        """The parameters by name, for tables and the lecturer's key."""
        return asdict(self)

    def _repr_markdown_(self) -> str:
        rows = [
            ("Tasks 1–3: baskets (orders)", f"{self.baskets}"),
            ("Tasks 1–3: baskets with a laptop", f"{self.laptop}"),
            ("Tasks 1–3: baskets with a mouse", f"{self.mouse}"),
            ("Tasks 1–3: baskets with a laptop and a mouse", f"{self.laptop_and_mouse}"),
            ("Tasks 1–3: baskets with a cable", f"{self.cable}"),
            ("Tasks 1–3: baskets with a laptop and a cable", f"{self.laptop_and_cable}"),
            ("Task 4: cut-off date of the hold-out test", f"{self.cutoff}"),
            ("Task 4: recommendations per customer (k)", f"{self.k}"),
            ("Task 7: service requests a year", f"{self.requests:,.0f}"),
            ("Task 7: share that starts in self-service", f"{self.tried:.0%}"),
            ("Task 7: cost of an agent contact", f"{self.assisted_cost_eur:.2f} EUR"),
            ("Task 7: cost of a self-service session", f"{self.session_cost_eur:.2f} EUR"),
            ("Task 7: upkeep of the knowledge base", f"{self.upkeep_eur:,.0f} EUR a year"),
            ("Task 7: licence of the virtual assistant", f"{self.licence_eur:,.0f} EUR a year"),
            ("Task 8: visits from (first day)", f"{self.visits_from}"),
            ("Task 8: visits until (last day)", f"{self.visits_until}"),
            ("Task 12: revenue over two years", f"{self.revenue_eur:,.0f} EUR"),
            ("Task 12: wallet per year", f"{self.wallet_eur_per_year:,.0f} EUR"),
        ]
        lines = ["| Your numbers | |", "|:--|--:|"]
        lines += [f"| {name} | {value} |" for name, value in rows]
        return "\n".join(lines)


#: The class variant: the numbers printed in the exercise text (task 8 counts the whole log).
CLASS_PARAMETERS = CollaborativeParameters(
    baskets=20,
    laptop=8,
    mouse=6,
    laptop_and_mouse=5,
    cable=15,
    laptop_and_cable=6,
    cutoff=dt.date(2025, 7, 1),
    k=3,
    requests=300_000.0,
    tried=0.3,
    assisted_cost_eur=4.5,
    session_cost_eur=0.4,
    upkeep_eur=150_000.0,
    licence_eur=60_000.0,
    visits_from=LOG_FIRST_DAY,
    visits_until=LOG_LAST_DAY,
    revenue_eur=1_200.0,
    wallet_eur_per_year=1_500.0,
)


def _baskets(rng: np.random.Generator) -> dict[str, int]:
    # Baskets and laptop baskets are multiples of 4, so the cable is in exactly three
    # quarters of both (confidence 0.75, lift 1.0); laptop → mouse gets a confidence of
    # 0.40–0.70 and a lift of 1.8–2.3.
    while True:
        baskets = 4 * int(rng.integers(40, 91))
        laptop = 4 * int(rng.integers(5, 26))
        both = int(rng.integers(math.ceil(0.4 * laptop), math.floor(0.7 * laptop) + 1))
        mouse = round(baskets * both / laptop / float(rng.uniform(1.8, 2.3)))
        if mouse > both and 1.8 <= (both / laptop) / (mouse / baskets) <= 2.3:
            break
    return {
        "baskets": baskets,
        "laptop": laptop,
        "mouse": mouse,
        "laptop_and_mouse": both,
        "cable": 3 * baskets // 4,
        "laptop_and_cable": 3 * laptop // 4,
    }


def _self_service(rng: np.random.Generator) -> dict[str, Any]:
    # Drawn until the break-even solve share lies between 0.3 and 0.9: self-service can pay.
    while True:
        case = {
            "requests": float(rng.integers(20, 51)) * 10_000.0,
            "tried": int(rng.integers(20, 41)) / 100,
            "assisted_cost_eur": int(rng.integers(35, 61)) / 10,
            "session_cost_eur": int(rng.integers(4, 13)) * 5 / 100,
            "upkeep_eur": float(rng.integers(20, 41)) * 5_000.0,
            "licence_eur": float(rng.integers(8, 17)) * 5_000.0,
        }
        sessions = case["requests"] * case["tried"]
        fixed = case["upkeep_eur"] + case["licence_eur"]
        break_even = (fixed / sessions + case["session_cost_eur"]) / case["assisted_cost_eur"]
        if 0.3 <= break_even <= 0.9:
            return case


@cache
def parameters_of(variant: Variant) -> CollaborativeParameters:
    """The chapter 04 numbers of ``variant`` (the class variant's are :data:`CLASS_PARAMETERS`)."""
    if variant.is_class_variant:
        return CLASS_PARAMETERS
    rng = variant.rng("collaborative")
    cutoffs = (LAST_CUTOFF - FIRST_CUTOFF).days + 1
    last_start = (LOG_LAST_DAY - LOG_FIRST_DAY).days + 1 - VISIT_WINDOW_DAYS
    visits_from = LOG_FIRST_DAY + dt.timedelta(days=int(rng.integers(0, last_start + 1)))
    return CollaborativeParameters(
        **_baskets(rng),
        cutoff=FIRST_CUTOFF + dt.timedelta(days=int(rng.integers(0, cutoffs))),
        k=int(rng.choice(K_CHOICES)),
        **_self_service(rng),
        visits_from=visits_from,
        visits_until=visits_from + dt.timedelta(days=VISIT_WINDOW_DAYS - 1),
        revenue_eur=float(rng.choice(REVENUE_EUR_CHOICES)),
        wallet_eur_per_year=float(rng.choice(WALLET_EUR_CHOICES)),
    )


def parameters() -> CollaborativeParameters:
    """The chapter 04 numbers of the active variant (see :func:`crmsim.exercises.start`)."""
    return parameters_of(active_variant())
