"""Making contacts: numbering, routing priority, and the chance draws of a follow-up.

Contacts from the scenario's own arrival streams bring everything chance decides
about them from :mod:`crmsim.sim.arrivals` (drawn up front per channel). Contacts
created during the run (repeats, transfers, escalations, call-backs, contacts
submitted from outside) draw the same attributes from the run's follow-up stream
instead, in a fixed order: handling time, patience, then one uniform number per
entry of :data:`~crmsim.sim.arrivals.DECISIONS`.
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any

import simpy

from crmsim.random_draws import DrawBuffer
from crmsim.scenario.model import Channel, Scenario
from crmsim.sim.arrivals import DECISIONS
from crmsim.sim.contact import Contact

_NORMAL = NormalDist()
#: Routing priority = channel tier × this + value rank (lower is served first).
TIER_WEIGHT = 1000


class ContactFactory:
    """Numbers contacts and customers and builds :class:`~crmsim.sim.contact.Contact` objects.

    Parameters
    ----------
    env
        The run's environment (its clock gives the arrival time).
    scenario
        The scenario (reasons, value classes, VIP routing).
    channels
        The open channels, the call-back channel included.
    draws
        The follow-up stream.
    """

    def __init__(
        self,
        env: simpy.Environment,
        scenario: Scenario,
        channels: dict[str, Channel],
        draws: DrawBuffer,
    ) -> None:
        self.env = env
        self.channels = channels
        self.draws = draws
        self.reasons = scenario.reasons
        self.ranks = [
            value_class.rank if scenario.vip_routing else 0
            for value_class in scenario.value_classes
        ]
        self.last_contact_id = 0
        self.last_customer_id = 0

    def contact(
        self,
        channel: str,
        reason: int,
        value_class: int,
        kind: str,
        parent_id: int,
        handle_min: float,
        patience_min: float,
        decisions: Any,
        customer_id: int | None = None,
    ) -> Contact:
        """A contact arriving now with the given attributes and the next contact id.

        ``customer_id`` ``None``: a customer who gets in touch for the first time.
        """
        self.last_contact_id += 1
        if customer_id is None:
            self.last_customer_id += 1
            customer_id = self.last_customer_id
        return Contact(
            self.last_contact_id,
            customer_id,
            channel,
            reason,
            value_class,
            self.channels[channel].priority * TIER_WEIGHT + self.ranks[value_class],
            kind,
            parent_id,
            self.env.now,
            handle_min,
            patience_min,
            decisions,
        )

    def follow_up(
        self,
        channel: str,
        reason: int,
        value_class: int,
        kind: str,
        parent_id: int,
        customer_id: int,
    ) -> Contact:
        """A contact created during the run, its attributes drawn from the follow-up stream."""
        draw = self.draws
        ch = self.channels[channel]
        mean = ch.aht_min * self.reasons[reason].aht_factor
        handle = mean * unit_variate(ch.handle_time_cv, draw.uniform())
        patience = (
            math.inf if ch.patience_min is None else draw.exponential_from_uniform(ch.patience_min)
        )
        decisions = [draw.uniform() for _ in DECISIONS]
        return self.contact(
            channel, reason, value_class, kind, parent_id, handle, patience, decisions, customer_id
        )


def unit_variate(cv: float, u: float) -> float:
    """One positive variate with mean 1 and coefficient of variation ``cv`` from a uniform ``u``.

    ``cv = 1``: exponential; ``cv = 0``: the constant 1; otherwise lognormal
    (the scalar counterpart of :func:`crmsim.sim.arrivals.unit_mean_times`).

    Examples
    --------
    >>> unit_variate(0.0, 0.3)
    1.0
    >>> round(unit_variate(1.0, 1 - math.exp(-2.0)), 12)
    2.0
    """
    if cv == 1.0:
        return -math.log(1.0 - u)
    if cv == 0.0:
        return 1.0
    sigma2 = math.log1p(cv * cv)
    z = _NORMAL.inv_cdf(min(max(u, 1e-12), 1 - 1e-12))
    return math.exp(-sigma2 / 2.0 + math.sqrt(sigma2) * z)
