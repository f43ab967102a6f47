"""The numbers of the chapter 01 exercises, per variant (class variant or a student's).

A student's variant changes the retailer's year of task 4: what it spent on
acquisition and on retention (EUR), how many customers it won and how many
customer-years its existing customers stayed; and the customer base whose two levers
task 7 compares (start customers, churn rate, new customers a year and their
acquisition cost, drawn so that halving churn always pays more). The leaky bucket of
tasks 5–6 stays as printed, because task 6 asks about its level of 600 customers. The
class variant holds the numbers printed in the exercise text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from crmsim.analytics import BucketSettings
from crmsim.exercises.variants import Variant, active_variant


@dataclass(frozen=True)
class FoundationsParameters:
    """The numbers of one variant of the chapter 01 exercises (tasks 4 and 7).

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
    lever_start_customers : int
        Task 7: customers at the start of the five years.
    lever_churn_rate : float
        Task 7: share of the customers lost per year.
    lever_new_customers_per_year : int
        Task 7: customers won per year.
    lever_acquisition_cost_eur : float
        Task 7: cost of winning one customer, EUR.
    """

    acquisition_spend_eur: float
    customers_won: int
    retention_spend_eur: float
    customer_years_kept: float
    lever_start_customers: int = 1000
    lever_churn_rate: float = 0.2
    lever_new_customers_per_year: int = 200
    lever_acquisition_cost_eur: float = 300.0

    @property
    def lever_settings(self) -> BucketSettings:
        """The customer base of task 7 (the other figures as in ``BucketSettings()``)."""
        return BucketSettings(
            start_customers=self.lever_start_customers,
            churn_rate=self.lever_churn_rate,
            new_customers_per_year=self.lever_new_customers_per_year,
            acquisition_cost_eur=self.lever_acquisition_cost_eur,
        )

    def as_dict(self) -> dict[str, float]:
        """The parameters by name, for tables and the lecturer's key."""
        return asdict(self)

    def _repr_markdown_(self) -> str:
        rows = [
            ("Task 4: acquisition spend", f"{self.acquisition_spend_eur:,.0f} EUR"),
            ("Task 4: new customers won", f"{self.customers_won}"),
            ("Task 4: retention spend", f"{self.retention_spend_eur:,.0f} EUR"),
            ("Task 4: customer-years kept", f"{self.customer_years_kept:,.0f}"),
            ("Task 7: customers at the start", f"{self.lever_start_customers:,}"),
            ("Task 7: churn rate", f"{self.lever_churn_rate:.0%} a year"),
            ("Task 7: new customers", f"{self.lever_new_customers_per_year} a year"),
            ("Task 7: acquisition cost", f"{self.lever_acquisition_cost_eur:,.0f} EUR each"),
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
    levers = variant.rng("foundations-levers")
    return FoundationsParameters(
        acquisition_spend_eur=float(rng.integers(20, 31)) * 2_000.0,
        customers_won=int(rng.integers(12, 21)) * 10,
        retention_spend_eur=float(rng.integers(15, 22)) * 2_000.0,
        customer_years_kept=float(rng.integers(10, 16)) * 100.0,
        # In these ranges halving churn beats halving the acquisition cost by 30,000 EUR
        # or more, so task 7's lesson holds in every variant.
        lever_start_customers=int(levers.integers(16, 25)) * 50,
        lever_churn_rate=int(levers.integers(15, 31)) / 100,
        lever_new_customers_per_year=int(levers.integers(15, 26)) * 10,
        lever_acquisition_cost_eur=float(levers.integers(20, 33)) * 10.0,
    )


def parameters() -> FoundationsParameters:
    """The chapter 01 numbers of the active variant (see :func:`crmsim.exercises.start`)."""
    return parameters_of(active_variant())
