"""Which complaint policy pays? A customer base under a policy mix, simulated over two years.

The complaint-policy experiment in the warehouse says, per policy, what a
complaint costs (handling plus compensation, EUR) and how many complainers
churn within the next twelve months. :func:`simulate_policy_mix` lets a base of
customers of one value class live month by month: each month a customer may
complain; the complaint is handled under a policy drawn from the mix, costs
that policy's price, and for twelve months replaces the customer's usual churn
risk by the policy's. Customers bring their margin every month they stay.
Every run uses the same random numbers (common random numbers), so two mixes
differ only by the policy, not by chance.

Because the random draws do not depend on the margin, profit is linear in the
margin, and the **break-even margin** at which a dearer policy starts to pay is

.. math::

    m^* = 12 \\cdot \\frac{\\Delta\\,\\text{complaint cost}}
    {\\Delta\\,\\text{customer-months kept}}

(EUR per customer-year). The panel :class:`crmsim.widgets.ComplaintPolicyPanel` puts
the mix and the value class on controls; the simulation is vectorised and answers at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple, cast

import numpy as np
import pandas as pd

POLICIES = ("none", "standardised", "personal")


@dataclass(frozen=True)
class PolicyEffect:
    """What one policy does: cost per complaint (EUR) and churn within 12 months after it (0..1)."""

    cost_eur: float
    churn_within_year: float


@dataclass(frozen=True)
class CustomerBase:
    """A base of customers of one value class.

    Attributes
    ----------
    customers
        Customers at the start.
    margin_per_customer_year_eur
        Gross margin per customer and year (EUR).
    complaints_per_customer_year
        Complaints per customer and year.
    churn_per_year
        Probability of churning within a year for a customer without a recent complaint.
    years
        Length of the simulation in years.
    """

    customers: int = 2000
    margin_per_customer_year_eur: float = 300.0
    complaints_per_customer_year: float = 0.15
    churn_per_year: float = 0.18
    years: int = 2


class MixResult(NamedTuple):
    """Totals of one simulated run (money in EUR)."""

    profit_eur: float
    margin_eur: float
    complaint_cost_eur: float
    complaints: int
    customers_lost: int
    customer_months: int


def effects_from_comparison(table: pd.DataFrame) -> dict[str, PolicyEffect]:
    """Policy effects from the experiment table (columns ``policy``, ``cost_eur``,
    ``churned_later``, as :func:`crmsim.analytics.complaints.summarise_policies` gives with
    a 12-month follow-up)."""
    rows = table.set_index("policy")
    missing = [policy for policy in POLICIES if policy not in rows.index]
    if missing:
        raise ValueError(f"the table lacks the policies {missing}; it needs {list(POLICIES)}")
    return {
        policy: PolicyEffect(
            float(rows.loc[policy, "cost_eur"]), float(rows.loc[policy, "churned_later"])
        )
        for policy in POLICIES
    }


def _monthly(share_per_year: float) -> float:
    return float(1.0 - (1.0 - share_per_year) ** (1.0 / 12.0))


def _check_mix(mix: tuple[float, float, float]) -> np.ndarray:
    shares = np.asarray(mix, dtype=float)
    if len(shares) != 3 or (shares < 0).any() or abs(shares.sum() - 1.0) > 1e-6:
        raise ValueError(f"the policy mix must be three shares ≥ 0 summing to 1, got {mix}")
    return np.cumsum(shares)


def simulate_policy_mix(
    mix: tuple[float, float, float],
    effects: dict[str, PolicyEffect],
    base: CustomerBase,
    seed: int = 1,
) -> MixResult:
    """Simulate the customer base month by month under a mix of (none, standardised, personal).

    Examples
    --------
    >>> effects = {"none": PolicyEffect(2.0, 0.5), "standardised": PolicyEffect(25.0, 0.4),
    ...            "personal": PolicyEffect(85.0, 0.3)}
    >>> base = CustomerBase(customers=1000, margin_per_customer_year_eur=600.0)
    >>> cheap = simulate_policy_mix((1.0, 0.0, 0.0), effects, base)
    >>> careful = simulate_policy_mix((0.0, 0.0, 1.0), effects, base)
    >>> careful.customers_lost < cheap.customers_lost
    True
    >>> careful.complaint_cost_eur > cheap.complaint_cost_eur
    True
    """
    cumulative = _check_mix(mix)
    months = 12 * base.years
    rng = np.random.default_rng(seed)
    draws = rng.random((3, months, base.customers))
    costs = np.array([effects[p].cost_eur for p in POLICIES])
    hazards = np.array([_monthly(effects[p].churn_within_year) for p in POLICIES])
    usual = _monthly(base.churn_per_year)
    complaint_chance = base.complaints_per_customer_year / 12.0
    alive = np.ones(base.customers, dtype=bool)
    hazard = np.full(base.customers, usual)
    until = np.full(base.customers, -1)
    served = complaints = 0
    cost = 0.0
    for month in range(months):
        served += int(alive.sum())
        complain = alive & (draws[0, month] < complaint_chance)
        chosen = np.minimum(np.searchsorted(cumulative, draws[1, month][complain], "right"), 2)
        cost += float(costs[chosen].sum())
        complaints += int(complain.sum())
        hazard[until < month] = usual
        hazard[complain] = hazards[chosen]
        until[complain] = month + 11
        alive &= ~(draws[2, month] < hazard)
    margin = base.margin_per_customer_year_eur / 12.0 * served
    lost = base.customers - int(alive.sum())
    return MixResult(margin - cost, margin, cost, complaints, lost, served)


def pure_policy_table(
    effects: dict[str, PolicyEffect], base: CustomerBase, seed: int = 1
) -> pd.DataFrame:
    """Each policy alone: profit, complaint cost, customers lost (index: policy)."""
    results = {
        policy: simulate_policy_mix(
            cast(tuple[float, float, float], tuple(float(p == policy) for p in POLICIES)),
            effects,
            base,
            seed,
        )
        for policy in POLICIES
    }
    return pd.DataFrame(results, index=MixResult._fields).T


def break_even_margin(
    effects: dict[str, PolicyEffect],
    base: CustomerBase,
    challenger: str = "personal",
    incumbent: str = "standardised",
    seed: int = 1,
) -> float:
    """Margin per customer-year (EUR) above which ``challenger`` earns more than ``incumbent``.

    Returns ``inf`` when the challenger keeps no more customer-months than the incumbent.
    """
    table = pure_policy_table(effects, base, seed)
    extra_cost = (
        table.loc[challenger, "complaint_cost_eur"] - table.loc[incumbent, "complaint_cost_eur"]
    )
    extra_months = (
        table.loc[challenger, "customer_months"] - table.loc[incumbent, "customer_months"]
    )
    return 12.0 * float(extra_cost) / float(extra_months) if extra_months > 0 else math.inf


def break_even_by_class(
    effects: dict[str, PolicyEffect],
    classes: pd.DataFrame,
    customers: int = 2000,
    years: int = 2,
    seed: int = 1,
) -> pd.DataFrame:
    """Break-even margins and the best pure policy for each value class.

    Parameters
    ----------
    effects
        Policy effects (see :func:`effects_from_comparison`).
    classes
        One row per class as :func:`crmsim.analytics.value_classes.value_class_economics`
        gives (``value_class``, ``margin_per_customer_year_eur``,
        ``complaints_per_customer_year``, ``churn_per_customer_year``).

    Returns
    -------
    pandas.DataFrame
        ``value_class``, ``margin_per_customer_year_eur``, ``break_even_standardised_eur``
        (standardised against none), ``break_even_personal_eur`` (personal against
        standardised), ``best_policy`` and ``profit_per_customer_eur`` of each pure policy.
    """
    rows = []
    for _, row in classes.iterrows():
        base = class_base(row, customers, years)
        table = pure_policy_table(effects, base, seed)
        rows.append(
            {
                "value_class": row["value_class"],
                "margin_per_customer_year_eur": base.margin_per_customer_year_eur,
                "break_even_standardised_eur": break_even_margin(
                    effects, base, "standardised", "none", seed
                ),
                "break_even_personal_eur": break_even_margin(
                    effects, base, "personal", "standardised", seed
                ),
                "best_policy": str(table["profit_eur"].idxmax()),
            }
            | {
                f"profit_{p}_per_customer_eur": table.loc[p, "profit_eur"] / customers
                for p in POLICIES
            }
        )
    return pd.DataFrame(rows)


def class_base(row: pd.Series, customers: int = 2000, years: int = 2) -> CustomerBase:
    """The :class:`CustomerBase` of one row of the value-class economics table."""
    return CustomerBase(
        customers=customers,
        margin_per_customer_year_eur=float(row["margin_per_customer_year_eur"]),
        complaints_per_customer_year=float(row["complaints_per_customer_year"]),
        churn_per_year=1.0 - math.exp(-float(row["churn_per_customer_year"])),
        years=years,
    )


def break_even_handling_cost(
    incumbent_cost_eur: float,
    incumbent_churn: float,
    challenger_churn: float,
    customer_value_eur: float,
) -> float:
    """Highest cost per complaint (EUR) at which a policy that keeps more customers pays off.

    A complaint handled by the challenger instead of the incumbent keeps
    ``incumbent_churn - challenger_churn`` more customers, each worth ``customer_value_eur``.

    Examples
    --------
    >>> round(break_even_handling_cost(25.0, 0.39, 0.28, 800.0), 2)
    113.0
    """
    return incumbent_cost_eur + (incumbent_churn - challenger_churn) * customer_value_eur
