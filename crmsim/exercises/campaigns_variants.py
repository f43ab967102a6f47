"""The numbers of the chapter 05 exercises, per variant (class variant or a student's).

A student's variant changes the cross-selling letter of tasks 1–3: how many customers
were contacted and held back, how many of each bought, their mean contribution (EUR)
and the letter's cost (EUR). Group sizes are drawn to the customer, buy rates and
contributions to the cent, so that two students rarely share an uplift or an ROI. The
class variant holds the numbers printed in the text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from crmsim.exercises.variants import Variant, active_variant


@dataclass(frozen=True)
class CampaignParameters:
    """The numbers of one variant of the chapter 05 exercises (tasks 1–3).

    Attributes
    ----------
    treated, treated_buyers : int
        Customers who got the letter, and the buyers among them in the response window.
    control, control_buyers : int
        Customers held back at random, and the buyers among them.
    mean_treated_eur, mean_control_eur : float
        Mean contribution per person in the window (revenue − cost of goods), EUR.
    cost_per_letter_eur : float
        Cost of one letter, EUR.
    """

    treated: int
    treated_buyers: int
    control: int
    control_buyers: int
    mean_treated_eur: float
    mean_control_eur: float
    cost_per_letter_eur: float

    def as_dict(self) -> dict[str, float]:
        """The parameters by name, for tables and the lecturer's key."""
        return asdict(self)

    def _repr_markdown_(self) -> str:
        rows = [
            ("Tasks 1–3: customers contacted", f"{self.treated:,}"),
            ("Tasks 1–2: buyers among them", f"{self.treated_buyers}"),
            ("Tasks 1–2: customers held back", f"{self.control}"),
            ("Tasks 1–2: buyers among them", f"{self.control_buyers}"),
            ("Task 3: mean contribution, contacted", f"{self.mean_treated_eur:.2f} EUR"),
            ("Task 3: mean contribution, held back", f"{self.mean_control_eur:.2f} EUR"),
            ("Task 3: cost per letter", f"{self.cost_per_letter_eur:.2f} EUR"),
        ]
        lines = ["| Your numbers | |", "|:--|--:|"]
        lines += [f"| {name} | {value} |" for name, value in rows]
        return "\n".join(lines)


#: The class variant: the numbers printed in the exercise text.
CLASS_PARAMETERS = CampaignParameters(
    treated=1200,
    treated_buyers=96,
    control=300,
    control_buyers=15,
    mean_treated_eur=14.50,
    mean_control_eur=11.00,
    cost_per_letter_eur=1.20,
)


@cache
def parameters_of(variant: Variant) -> CampaignParameters:
    """The chapter 05 numbers of ``variant`` (the class variant's are :data:`CLASS_PARAMETERS`)."""
    if variant.is_class_variant:
        return CLASS_PARAMETERS
    rng = variant.rng("campaigns")
    treated = int(rng.integers(800, 2001))
    control = int(rng.integers(200, 601))
    control_rate = float(rng.uniform(0.03, 0.07))
    uplift = float(rng.uniform(0.01, 0.05))
    mean_control = int(rng.integers(900, 1251)) / 100
    return CampaignParameters(
        treated=treated,
        treated_buyers=round(treated * (control_rate + uplift)),
        control=control,
        control_buyers=round(control * control_rate),
        mean_treated_eur=round(mean_control + int(rng.integers(200, 501)) / 100, 2),
        mean_control_eur=mean_control,
        cost_per_letter_eur=int(rng.integers(80, 161)) / 100,
    )


def parameters() -> CampaignParameters:
    """The chapter 05 numbers of the active variant (see :func:`crmsim.exercises.start`)."""
    return parameters_of(active_variant())
