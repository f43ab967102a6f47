"""Complaint management (Beschwerdemanagement): triggers and the three handling policies.

The lecture names three ways to react to a complaint: do nothing, a
standardised procedure, or a personal procedure that takes the customer
seriously and offers a solution. They differ in cost, in how often the problem
is solved, how fast, and in what that does to satisfaction (see
:data:`crmsim.lifecycle.satisfaction.COMPLAINT_EFFECTS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from crmsim.random_draws import DrawBuffer


@dataclass(frozen=True)
class ComplaintPolicy:
    """How one policy handles a complaint.

    Attributes
    ----------
    name
        ``none``, ``standardised`` or ``personal``.
    handling_cost_eur
        Staff and process cost per complaint, in EUR.
    compensation_eur
        Voucher or goodwill payment given with a resolved complaint, in EUR.
    resolve_probability
        Chance that the customer's problem is solved.
    resolution_days
        Range (min, max) of days until the problem is solved.
    """

    name: str
    handling_cost_eur: float
    compensation_eur: float
    resolve_probability: float
    resolution_days: tuple[float, float]


POLICIES: dict[str, ComplaintPolicy] = {
    "none": ComplaintPolicy("none", 2.0, 0.0, 0.15, (10.0, 40.0)),
    "standardised": ComplaintPolicy("standardised", 18.0, 10.0, 0.70, (4.0, 14.0)),
    "personal": ComplaintPolicy("personal", 55.0, 30.0, 0.92, (1.0, 5.0)),
}

#: Complaint triggers (Beschwerdeanlässe).
TRIGGERS = ("product_failure", "service_failure", "long_wait")


class ComplaintOutcome(NamedTuple):
    """The handling of one complaint: policy, cost (EUR), compensation (EUR), resolution."""

    policy: str
    handling_cost_eur: float
    compensation_eur: float
    resolved: bool
    resolution_days: float


def handle_complaint(policy_name: str, draws: DrawBuffer) -> ComplaintOutcome:
    """Handle one complaint under the named policy.

    Parameters
    ----------
    policy_name
        One of :data:`POLICIES`.
    draws
        Random numbers of the shard's complaint stream.

    Returns
    -------
    ComplaintOutcome
        ``resolution_days`` is NaN when the problem stays unresolved.
    """
    policy = POLICIES[policy_name]
    resolved = draws.uniform() < policy.resolve_probability
    low, high = policy.resolution_days
    days = low + (high - low) * draws.uniform() if resolved else float("nan")
    compensation = policy.compensation_eur if resolved else 0.0
    return ComplaintOutcome(policy.name, policy.handling_cost_eur, compensation, resolved, days)


def will_complain(propensity: float, trigger: str, u: float) -> bool:
    """Whether a customer voices a bad experience as a complaint.

    Most people complain about a broken product; fewer about poor service;
    many dissatisfied customers never complain at all (they just leave).
    """
    base = {"product_failure": 0.45, "service_failure": 0.15, "long_wait": 0.08}[trigger]
    return u < base + 0.5 * propensity * (1.0 if trigger == "product_failure" else 0.4)
