"""The numbers of the chapter 04 exercises, per variant (class variant or a student's).

A student's variant changes the shop's mouse baskets (tasks 1–2: how many of the
20 baskets hold a mouse, and how many a laptop and a mouse) and the customer of the
share-of-wallet task (12: revenue over two years, wallet per year). The laptop and
cable baskets stay as printed, so the comparison of task 3 (laptop → cable has lift
1.0, laptop → mouse about 2) holds in every variant. The class variant holds the
numbers printed in the exercise text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from crmsim.exercises.variants import Variant, active_variant

#: (baskets with a mouse, baskets with a laptop and a mouse): each gives laptop → mouse a
#: lift of about 2 and a confidence below laptop → cable's 0.75, as task 3 says.
MOUSE_CHOICES = ((4, 3), (5, 4), (6, 5))
#: Revenue over two years (EUR) and wallet per year (EUR) a student's customer may have.
REVENUE_EUR_CHOICES = tuple(float(value) for value in range(600, 1401, 100))
WALLET_EUR_CHOICES = tuple(float(value) for value in range(1200, 2001, 100))


@dataclass(frozen=True)
class CollaborativeParameters:
    """The numbers of one variant of the chapter 04 exercises.

    Attributes
    ----------
    mouse : int
        Baskets (of 20) with a mouse (tasks 1–2).
    laptop_and_mouse : int
        Baskets with a laptop and a mouse (of the 8 with a laptop).
    revenue_eur : float
        The customer's revenue with us over two years, in EUR (task 12).
    wallet_eur_per_year : float
        What such a customer spends on the product range at all sellers, EUR per year.
    """

    mouse: int
    laptop_and_mouse: int
    revenue_eur: float
    wallet_eur_per_year: float

    def as_dict(self) -> dict[str, float]:
        """The parameters by name, for tables and the lecturer's key."""
        return asdict(self)

    def _repr_markdown_(self) -> str:
        rows = [
            ("Tasks 1–2: baskets with a mouse (of 20)", f"{self.mouse}"),
            ("Tasks 1–2: baskets with a laptop and a mouse", f"{self.laptop_and_mouse}"),
            ("Task 12: revenue over two years", f"{self.revenue_eur:,.0f} EUR"),
            ("Task 12: wallet per year", f"{self.wallet_eur_per_year:,.0f} EUR"),
        ]
        lines = ["| Your numbers | |", "|:--|--:|"]
        lines += [f"| {name} | {value} |" for name, value in rows]
        return "\n".join(lines)


#: The class variant: the numbers printed in the exercise text.
CLASS_PARAMETERS = CollaborativeParameters(
    mouse=6, laptop_and_mouse=5, revenue_eur=1_200.0, wallet_eur_per_year=1_500.0
)


@cache
def parameters_of(variant: Variant) -> CollaborativeParameters:
    """The chapter 04 numbers of ``variant`` (the class variant's are :data:`CLASS_PARAMETERS`)."""
    if variant.is_class_variant:
        return CLASS_PARAMETERS
    rng = variant.rng("collaborative")
    mouse, both = MOUSE_CHOICES[int(rng.integers(len(MOUSE_CHOICES)))]
    return CollaborativeParameters(
        mouse=mouse,
        laptop_and_mouse=both,
        revenue_eur=float(rng.choice(REVENUE_EUR_CHOICES)),
        wallet_eur_per_year=float(rng.choice(WALLET_EUR_CHOICES)),
    )


def parameters() -> CollaborativeParameters:
    """The chapter 04 numbers of the active variant (see :func:`crmsim.exercises.start`)."""
    return parameters_of(active_variant())
