"""The numbers of the chapter 02 exercises, per variant (class variant or a student's).

Every student works on a warehouse of their own (``checks.DATA``, see
:mod:`crmsim.exercises.student_data`) and asks it about other customers and other
numbers: the customer whose ABC class is asked (task 4, drawn from the customers with
orders), the two CDNOW customers of the P(alive) tasks (8–9: the same
number of repeat purchases and age, A bought recently, B long ago) and the seed of
the churn model's train/test split (task 10). The class variant holds the numbers
printed in the exercise text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from crmsim.exercises.variants import Variant, active_variant


@dataclass(frozen=True)
class CustomerDatabaseParameters:
    """The numbers of one variant of the chapter 02 exercises.

    Attributes
    ----------
    abc_customer : int
        The ``customer_id`` whose ABC class task 4 asks (a customer with orders).
    frequency : int
        Repeat purchases of both CDNOW customers A and B (tasks 8–9).
    recency_a, recency_b : float
        Week of the last purchase of customer A (recent) and B (long ago).
    age_t : float
        Age of both customers in weeks (time since their first purchase).
    churn_seed : int
        Seed of the churn model's train/test split (task 10).
    """

    abc_customer: int
    frequency: int
    recency_a: float
    recency_b: float
    age_t: float
    churn_seed: int

    def as_dict(self) -> dict[str, float]:
        """The parameters by name, for tables and the lecturer's key."""
        return asdict(self)

    def _repr_markdown_(self) -> str:
        rows = [
            ("Task 4: the customer whose ABC class you find", f"{self.abc_customer}"),
            ("Tasks 8–9: repeat purchases of A and B", f"{self.frequency}"),
            ("Tasks 8–9: week of A's last purchase", f"{self.recency_a:g}"),
            ("Tasks 8–9: week of B's last purchase", f"{self.recency_b:g}"),
            ("Tasks 8–9: age of A and B in weeks", f"{self.age_t:g}"),
            ("Task 10: seed of the churn model", f"{self.churn_seed}"),
        ]
        lines = ["| Your numbers | |", "|:--|--:|"]
        lines += [f"| {name} | {value} |" for name, value in rows]
        return "\n".join(lines)


#: The class variant: the numbers printed in the exercise text.
CLASS_PARAMETERS = CustomerDatabaseParameters(
    abc_customer=1738, frequency=4, recency_a=32.0, recency_b=8.0, age_t=39.0, churn_seed=1
)


@cache
def _buyers(variant: Variant) -> tuple[int, ...]:
    """The ids of the customers with at least one order in ``variant``'s warehouse, sorted."""
    from crmsim.exercises.student_data import student_dataset
    from crmsim.warehouse.reading import read_table

    orders = read_table("fact_order", student_dataset(variant))
    return tuple(sorted(int(customer) for customer in orders["customer_id"].unique()))


@cache
def parameters_of(variant: Variant) -> CustomerDatabaseParameters:
    """The chapter 02 numbers of ``variant`` (the class variant's are :data:`CLASS_PARAMETERS`)."""
    if variant.is_class_variant:
        return CLASS_PARAMETERS
    rng = variant.rng("customer_database")
    age = float(rng.integers(30, 53))
    return CustomerDatabaseParameters(
        abc_customer=int(rng.choice(_buyers(variant))),
        frequency=int(rng.integers(3, 8)),
        recency_a=age - float(rng.integers(1, 8)),
        recency_b=float(rng.integers(4, 13)),
        age_t=age,
        churn_seed=int(rng.integers(2, 1000)),
    )


def parameters() -> CustomerDatabaseParameters:
    """The chapter 02 numbers of the active variant (see :func:`crmsim.exercises.start`)."""
    return parameters_of(active_variant())
