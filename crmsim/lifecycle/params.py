"""Parameters of the customer lifecycle model, with defaults that give a plausible base.

All rates are per year unless a name says otherwise; money is in EUR; waits and
patience are in minutes. The defaults are the model a student meets in the
default dataset; every figure can be overridden by building a new
:class:`LifecycleParameters` with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from crmsim.errors import require
from crmsim.time_units import MINUTES_PER_DAY

#: Complaint handling policies from the lecture: do nothing, a standardised
#: procedure, or a personal procedure that takes the customer seriously.
COMPLAINT_POLICIES = ("none", "standardised", "personal")


@dataclass(frozen=True)
class LifecycleParameters:
    """Every figure of the lifecycle model.

    Attributes
    ----------
    start_date
        First day of the simulated period (an absolute date, so output never
        depends on the day the generator runs).
    years
        Length of the simulated period in years (the end is the same calendar
        day ``years`` later).
    prospect_share
        Share of generated people who are prospects (Interessenten) at the start
        and can be won by acquisition campaigns or come on their own.
    business_share
        Share of business customers (Geschäftskunden) among all people.
    purchase_rate_shape, purchase_rate_mean
        Gamma heterogeneity of purchase rates (orders per year) across
        customers, as in the BG/NBD model; a small shape means a few heavy buyers.
    dropout_a, dropout_b
        Beta distribution of the probability of silently dropping out after
        each purchase (BG/NBD); dissatisfied customers lapse sooner (the
        probability grows by ``dropout_satisfaction_effect`` per point below 8).
    dropout_satisfaction_effect
        Log-multiplier of the dropout probability per satisfaction point below 8.
    spend_shape, spend_mean_eur
        Gamma heterogeneity of the mean order value across customers
        (gamma-gamma model), in EUR.
    organic_acquisition_rate
        Yearly rate at which a prospect becomes a customer without a campaign.
    service_contact_rate
        Yearly rate of contacts not caused by an order (billing, general questions).
    order_contact_probability
        Probability that an order leads to a contact (order status, product question).
    product_failure_probability
        Probability that an order line of a device fails or arrives damaged.
    complaint_policy_mix
        Shares of complaints handled under each policy in ``COMPLAINT_POLICIES``
        (the company runs a controlled trial of its complaint handling).
    base_churn_rate
        Yearly churn hazard (explicit cancellation) of a fully satisfied customer.
    satisfaction_churn_effect
        Multiplier of the churn hazard per point of satisfaction below 10.
    long_wait_churn_effect, open_complaint_churn_effect
        Multipliers of the churn hazard per recent long wait and per unresolved complaint.
    satisfaction_recovery_per_year
        Speed (per year) at which satisfaction drifts back to a customer's own baseline.
    survey_probability
        Probability that a service contact is followed by a CSAT survey answer.
    nps_sample_share
        Share of active customers who answer the yearly NPS survey.
    agents_per_1000_customers
        Agents of the interaction center per 1,000 people in a shard.
    """

    start_date: dt.date = dt.date(2024, 1, 1)
    years: int = 2
    prospect_share: float = 0.25
    business_share: float = 0.15
    purchase_rate_shape: float = 0.9
    purchase_rate_mean: float = 3.0
    dropout_a: float = 1.0
    dropout_b: float = 40.0
    dropout_satisfaction_effect: float = 0.35
    spend_shape: float = 4.0
    spend_mean_eur: float = 180.0
    organic_acquisition_rate: float = 0.08
    service_contact_rate: float = 0.6
    order_contact_probability: float = 0.25
    product_failure_probability: float = 0.05
    complaint_policy_mix: tuple[float, float, float] = (0.25, 0.45, 0.30)
    base_churn_rate: float = 0.04
    satisfaction_churn_effect: float = 0.6
    long_wait_churn_effect: float = 4.0
    open_complaint_churn_effect: float = 2.5
    satisfaction_recovery_per_year: float = 0.7
    survey_probability: float = 0.2
    nps_sample_share: float = 0.3
    agents_per_1000_customers: float = 0.6
    channel_names: tuple[str, ...] = field(
        default=("phone", "email", "chat", "web", "letter", "mobile"), repr=False
    )

    def __post_init__(self) -> None:
        require(1 <= self.years <= 20, f'"years" must be an integer from 1 to 20, got {self.years}')
        require(
            self.start_date.day == 1,
            f'"start_date" must be the first day of a month, got {self.start_date}',
        )
        for name in (
            "prospect_share",
            "business_share",
            "order_contact_probability",
            "product_failure_probability",
            "survey_probability",
            "nps_sample_share",
        ):
            value = getattr(self, name)
            require(0.0 <= value <= 1.0, f'"{name}" must be a share from 0 to 1, got {value}')
        for name in (
            "purchase_rate_shape",
            "purchase_rate_mean",
            "dropout_a",
            "dropout_b",
            "spend_shape",
            "spend_mean_eur",
            "agents_per_1000_customers",
        ):
            value = getattr(self, name)
            require(value > 0, f'"{name}" must be > 0, got {value}')
        mix = self.complaint_policy_mix
        require(
            len(mix) == 3 and min(mix) >= 0 and abs(sum(mix) - 1.0) < 1e-9,
            f'"complaint_policy_mix" must be three shares summing to 1, got {mix}',
        )

    @cached_property
    def end_date(self) -> dt.date:
        """The first day after the simulated period."""
        try:
            return self.start_date.replace(year=self.start_date.year + self.years)
        except ValueError:  # 29 February into a year without it
            return dt.date(self.start_date.year + self.years, 3, 1)

    @cached_property
    def horizon_days(self) -> int:
        """Length of the simulated period in days."""
        return (self.end_date - self.start_date).days

    @cached_property
    def horizon_min(self) -> float:
        """Length of the simulated period in minutes."""
        return self.horizon_days * MINUTES_PER_DAY
