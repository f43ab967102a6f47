"""The numbers of the chapter 01 exercises, per variant (class variant or a student's).

A student's variant changes the retailer's year of task 4: what it spent on
acquisition and on retention (EUR), how many customers it won and how many
customer-years its existing customers stayed. The leaky bucket of tasks 5–7 stays as
printed, because task 6 asks about its level of 600 customers. The class variant
holds the numbers printed in the exercise text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from crmsim.exercises.variants import Variant, active_variant


@dataclass(frozen=True)
class FoundationsParameters:
    """The numbers of one variant of the chapter 01 exercises (task 4).

    Attributes
    ----------
    acquisition_spend_eur : float
        Spent on acquisition campaigns in the year, EUR.
    customers_won : int
        New customers won in the year.
    retention_spend_eur : float
        Spent on retention campaigns and complaint handling, EUR.
    customer_years_kept : float
        Customer-years the existing customers stayed.
    """

    acquisition_spend_eur: float
    customers_won: int
    retention_spend_eur: float
    customer_years_kept: float

    def as_dict(self) -> dict[str, float]:
        """The parameters by name, for tables and the lecturer's key."""
        return asdict(self)

    def _repr_markdown_(self) -> str:
        rows = [
            ("Task 4: acquisition spend", f"{self.acquisition_spend_eur:,.0f} EUR"),
            ("Task 4: new customers won", f"{self.customers_won}"),
            ("Task 4: retention spend", f"{self.retention_spend_eur:,.0f} EUR"),
            ("Task 4: customer-years kept", f"{self.customer_years_kept:,.0f}"),
        ]
        lines = ["| Your numbers | |", "|:--|--:|"]
        lines += [f"| {name} | {value} |" for name, value in rows]
        return "\n".join(lines)


#: The class variant: the numbers printed in the exercise text.
CLASS_PARAMETERS = FoundationsParameters(
    acquisition_spend_eur=48_000.0,
    customers_won=160,
    retention_spend_eur=36_000.0,
    customer_years_kept=1_200.0,
)


@cache
def parameters_of(variant: Variant) -> FoundationsParameters:
    """The chapter 01 numbers of ``variant`` (the class variant's are :data:`CLASS_PARAMETERS`)."""
    if variant.is_class_variant:
        return CLASS_PARAMETERS
    rng = variant.rng("foundations")
    return FoundationsParameters(
        acquisition_spend_eur=float(rng.integers(20, 31)) * 2_000.0,
        customers_won=int(rng.integers(12, 21)) * 10,
        retention_spend_eur=float(rng.integers(15, 22)) * 2_000.0,
        customer_years_kept=float(rng.integers(10, 16)) * 100.0,
    )


def parameters() -> FoundationsParameters:
    """The chapter 01 numbers of the active variant (see :func:`crmsim.exercises.start`)."""
    return parameters_of(active_variant())
