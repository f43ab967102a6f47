"""The state of one shard while it runs: per-customer arrays, the event log, and shared actions.

Customer-level state lives in numpy arrays indexed by the customer's position
in the shard (``index``); the event log is a set of lists of named records
(:mod:`crmsim.lifecycle.records`), turned into DataFrames once at the end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import simpy

from crmsim.lifecycle.buying import (
    ORDER_CHANNEL_CUMULATIVE,
    ORDER_CHANNELS,
    OrderLine,
    compose_order,
    discounted,
)
from crmsim.lifecycle.churn import DROPOUT_REASON, decayed
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.products import Catalogue
from crmsim.lifecycle.records import (
    CampaignContactRecord,
    CampaignResponseRecord,
    ChurnRecord,
    ComplaintRecord,
    OrderLineRecord,
    OrderRecord,
    SurveyRecord,
    WinBackRecord,
)
from crmsim.lifecycle.satisfaction import SatisfactionBook
from crmsim.lifecycle.service import VALUE_CLASS_BY_SEGMENT, service_hours
from crmsim.random_draws import DrawBuffer
from crmsim.sim import ContactCenter
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_YEAR


@dataclass
class EventLog:
    """Append-only records of one shard, one list per log (see :mod:`crmsim.lifecycle.records`).

    Times are minutes since the start date, money EUR. ``order_lines``,
    ``complaints`` and ``campaign_responses`` point to an order by its position
    in ``orders``; ``campaign_responses`` to its contact by position in
    ``campaign_contacts``.
    """

    orders: list[OrderRecord] = field(default_factory=list)
    order_lines: list[OrderLineRecord] = field(default_factory=list)
    complaints: list[ComplaintRecord] = field(default_factory=list)
    surveys: list[SurveyRecord] = field(default_factory=list)
    campaign_contacts: list[CampaignContactRecord] = field(default_factory=list)
    campaign_responses: list[CampaignResponseRecord] = field(default_factory=list)
    churn_events: list[ChurnRecord] = field(default_factory=list)
    win_backs: list[WinBackRecord] = field(default_factory=list)


class ShardState:
    """Everything the processes of one shard share.

    Parameters
    ----------
    env
        The shard's SimPy environment.
    people
        The shard's population (see :func:`~crmsim.lifecycle.population.draw_population`).
    preferences
        Cumulative device-line preferences per person.
    params, catalogue, center
        Model parameters, product catalogue and the shard's interaction center.
    streams
        Generators for the buying, service, complaint, campaign, churn and survey draws.
    """

    def __init__(
        self,
        env: simpy.Environment,
        people: pd.DataFrame,
        preferences: np.ndarray,
        params: LifecycleParameters,
        catalogue: Catalogue,
        center: ContactCenter,
        streams: dict[str, np.random.Generator],
    ) -> None:
        n = len(people)
        self.env = env
        self.params = params
        self.catalogue = catalogue
        self.device_line = catalogue.device_line
        self.center = center
        self.horizon_min = params.horizon_min
        self.start_weekday = params.start_date.weekday()
        self.hours = service_hours(self.start_weekday)
        self.log = EventLog()
        self.draws = {name: DrawBuffer(rng) for name, rng in streams.items()}
        self.rng = streams
        self.ids = people["customer_id"].to_numpy()
        self.id_list = self.ids.tolist()
        self.preferences = preferences
        self.preference_lists: list[list[float]] = preferences.tolist()
        self.is_business = people["is_business"].to_numpy()
        self.business_quantity = np.where(
            self.is_business, 0.4 + 0.8 * people["company_size_class"].isin(["50-249", "250+"]), 0.0
        ).tolist()
        self.segment = people["segment"].tolist()
        self.customer_type = people["customer_type"].tolist()
        self.age_band = people["age_band"].tolist()
        self.preferred = people["preferred_channel"].tolist()
        self.consent = people["marketing_consent"].to_numpy()
        rate = people["purchase_rate_per_year"].to_numpy() / MINUTES_PER_YEAR
        self.rate_per_min = rate.tolist()
        self.mean_rate_per_min = float(rate.mean())
        self.dropout = people["dropout_probability"].tolist()
        self.spend = people["mean_order_value_eur"].tolist()
        self.patience = people["patience_min"].tolist()
        self.propensity = people["complaint_propensity"].tolist()
        self.satisfaction = SatisfactionBook(
            people["baseline_satisfaction"].to_numpy(), params.satisfaction_recovery_per_year
        )
        self.owned_tier = np.zeros((n, catalogue.line_count), dtype=np.int8)
        self.acquired = (people["initial_status"] == "customer").to_numpy().copy()
        self.acquired_min = np.where(self.acquired, -np.inf, np.nan)
        self.acquisition_channel: list[str | None] = people["acquisition_channel"].tolist()
        self.alive = self.acquired.copy()
        self.cancelled_min = np.full(n, np.nan)
        self.last_purchase_min = np.full(n, -np.inf)
        self.retained_until_min = [-math.inf] * n
        self.long_waits = [0.0] * n
        self.long_waits_min = [0.0] * n
        self.open_complaints = [0.0] * n
        self.open_complaints_min = [0.0] * n
        # Scalar-only state is kept in lists: indexing numpy arrays one item at a time is slow.
        self.resistance = streams["churn"].standard_exponential(n).tolist()
        self.accumulated = [0.0] * n
        self.reason_draw = DrawBuffer(streams["churn"])

    # -- counters -------------------------------------------------------------------------
    def recent_long_waits(self, index: int, now: float) -> float:
        """Decayed count of the customer's recent long waits."""
        return decayed(self.long_waits[index], self.long_waits_min[index], now)

    def recent_open_complaints(self, index: int, now: float) -> float:
        """Decayed count of the customer's unresolved complaints."""
        return decayed(self.open_complaints[index], self.open_complaints_min[index], now)

    def add_long_wait(self, index: int, now: float) -> None:
        """Remember one more long wait."""
        self.long_waits[index] = self.recent_long_waits(index, now) + 1.0
        self.long_waits_min[index] = now

    def add_open_complaint(self, index: int, now: float) -> None:
        """Remember one more unresolved complaint."""
        self.open_complaints[index] = self.recent_open_complaints(index, now) + 1.0
        self.open_complaints_min[index] = now

    # -- life events ------------------------------------------------------------------------
    def acquire(self, index: int, channel: str) -> None:
        """A prospect becomes a customer now."""
        self.acquired[index] = True
        self.alive[index] = True
        self.acquired_min[index] = self.env.now
        self.acquisition_channel[index] = channel

    def end_relationship(self, index: int, reason: str) -> None:
        """The customer churns now, silently (dropout) or by cancelling."""
        self.alive[index] = False
        now = self.env.now
        if reason != DROPOUT_REASON:
            self.cancelled_min[index] = now
        self.log.churn_events.append(ChurnRecord(self.id_list[index], now, reason))

    def revive(self, index: int) -> None:
        """A cancelled customer comes back (win-back): a fresh start of the churn clock."""
        self.alive[index] = True
        self.cancelled_min[index] = np.nan
        self.accumulated[index] = 0.0
        self.resistance[index] = self.reason_draw.standard_exponential()
        self.log.win_backs.append(WinBackRecord(self.id_list[index], self.env.now))

    def place_order(
        self,
        index: int,
        campaign_id: int = -1,
        lines: list[OrderLine] | None = None,
        discount_share: float = 0.0,
    ) -> tuple[int, list[OrderLine], list[tuple[int, int]]]:
        """Record an order now; draw its lines unless given; apply a campaign discount.

        Returns
        -------
        tuple
            The order's index in the log, its lines, and its devices as
            (line, product_id) pairs.
        """
        draws = self.draws["buying"]
        if lines is None:
            lines = compose_order(
                self.catalogue,
                self.preference_lists[index],
                self.owned_tier[index],
                self.spend[index],
                self.business_quantity[index],
                draws,
            )
        if discount_share:
            lines = discounted(lines, discount_share)
        device_line = self.device_line
        devices = [
            (device_line[line.product_id], line.product_id)
            for line in lines
            if line.product_id in device_line
        ]
        now = self.env.now
        channel = ORDER_CHANNELS[draws.choice(ORDER_CHANNEL_CUMULATIVE[self.customer_type[index]])]
        if channel in ("store", "phone") and not self.hours.is_open(now):
            channel = "web"  # stores and the order line are closed: the customer orders online
        log = self.log
        order_index = len(log.orders)
        log.orders.append(OrderRecord(self.id_list[index], now, channel, campaign_id))
        log.order_lines.extend(
            OrderLineRecord(order_index, *line)  # product, quantity, unit price, discount
            for line in lines
        )
        self.last_purchase_min[index] = now
        return order_index, lines, devices

    def known_active(self) -> np.ndarray:
        """Customers the company counts as active: acquired and not cancelled (bool array)."""
        return self.acquired & np.isnan(self.cancelled_min)

    def value_class(self, index: int) -> str:
        """The customer's value class for VIP routing."""
        return VALUE_CLASS_BY_SEGMENT[self.segment[index]]

    def days_since_purchase(self, now: float) -> np.ndarray:
        """Days since each customer's last purchase (inf when none in the period)."""
        return (now - self.last_purchase_min) / MINUTES_PER_DAY

    def failure_probability(self, line: int) -> float:
        """Chance that a device of the line fails or arrives damaged."""
        return self.params.product_failure_probability * self.catalogue.failure_weight[line]
