"""Service contacts: the shard's interaction center, contact reasons and channel choice.

Each shard runs its own :class:`~crmsim.sim.ContactCenter` with only
external arrivals: every contact comes from a simulated customer. The center
is staffed in proportion to the shard's people, with an early and a late
shift from Monday to Saturday. Customers pick a channel by preference and age
and call or chat only while the center is open; emails, letters and
self-service sessions may come at any time.
"""

from __future__ import annotations

import functools
import math

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.random_draws import DrawBuffer
from crmsim.scenario import (
    AgentGroup,
    Break,
    CallbackPolicy,
    Channel,
    Reason,
    Scenario,
    SelfServiceConfig,
    ValueClass,
)
from crmsim.sim.opening_hours import OpeningHours
from crmsim.time_units import MINUTES_PER_DAY

#: Contact reasons (Kontaktanlässe) and how the center handles them.
REASONS = (
    Reason("order_status", share=0.25, fcr=0.92, aht_factor=0.7, repeat_share=0.3),
    Reason("product_question", share=0.25, fcr=0.82, aht_factor=1.1, repeat_share=0.3),
    Reason("billing", share=0.2, fcr=0.85, aht_factor=1.0, repeat_share=0.4),
    Reason("technical_issue", share=0.15, fcr=0.65, aht_factor=1.5, repeat_share=0.5),
    Reason("complaint", share=0.15, fcr=0.75, aht_factor=1.6, repeat_share=0.5),
)
REASON_NAMES = tuple(reason.name for reason in REASONS)
#: Reasons of contacts not caused by an order, with cumulative probabilities.
SPONTANEOUS_REASONS = ("billing", "product_question", "technical_issue")
SPONTANEOUS_CUMULATIVE = [0.5, 0.75, 1.0]
#: Channels a customer may choose for a new contact (call-backs are offered by the center).
CUSTOMER_CHANNELS = ("phone", "email", "chat", "self_service", "letter_fax")
LIVE = frozenset({"phone", "chat"})
OPEN_HOUR, CLOSE_HOUR = 8.0, 20.0
OPEN_WEEKDAYS = (0, 1, 2, 3, 4, 5)
#: Value class (for VIP routing) by segment.
VALUE_CLASS_BY_SEGMENT = {
    "business_key": "A",
    "private_premium": "A",
    "business_small": "B",
    "private_standard": "C",
}
#: How much longer than on the phone a customer accepts to wait on each channel.
TOLERANCE_FACTOR = {
    "phone": 1.0,
    "callback": 1.0,
    "chat": 1.5,
    "self_service": math.inf,
    "email": 240.0,
    "letter_fax": 720.0,
}


def shard_scenario(people: int, params: LifecycleParameters) -> Scenario:
    """The interaction center of a shard with ``people`` customers and prospects.

    Each of the two shifts gets ``people × agents_per_1000_customers / 2000``
    agents (at least one), skilled for every channel and reason.
    """
    per_shift = max(1, round(people * params.agents_per_1000_customers / 2000.0))
    channels = {
        "phone": Channel(
            "phone",
            aht_min=6.0,
            handle_time_cv=0.8,
            acw_min=1.0,
            patience_min=4.0,
            callback=CallbackPolicy(offer_when_wait_min=4.0, accept_share=0.4, reach_share=0.85),
        ),
        "chat": Channel(
            "chat", aht_min=9.0, handle_time_cv=0.8, patience_min=6.0, max_concurrent=2
        ),
        "email": Channel(
            "email", aht_min=7.0, handle_time_cv=0.8, priority=3, response_target_h=24.0
        ),
        "letter_fax": Channel("letter_fax", aht_min=10.0, handle_time_cv=0.8, priority=3),
        "self_service": Channel(
            "self_service",
            aht_min=4.0,
            self_service=SelfServiceConfig(0.55, (("chat", 0.5), ("phone", 0.5))),
        ),
    }
    skills = ("phone", "chat", "email", "letter_fax")
    # Overlapping shifts with breaks while the other shift is on duty: always someone on the phone.
    agents = (
        AgentGroup(
            "early", per_shift, skills, None, OPEN_HOUR, 16.0, OPEN_WEEKDAYS, (Break(13.0, 30.0),)
        ),
        AgentGroup(
            "late", per_shift, skills, None, 12.0, CLOSE_HOUR, OPEN_WEEKDAYS, (Break(15.0, 30.0),)
        ),
    )
    return Scenario(
        name="service center",
        description=f"interaction center for {people} customers and prospects",
        channels=channels,
        agents=agents,
        reasons=REASONS,
        value_classes=(ValueClass("A", 0.2, 0), ValueClass("B", 0.3, 1), ValueClass("C", 0.5, 2)),
        days=params.horizon_days,
        start_weekday=params.start_date.weekday(),
        vip_routing=True,
    )


def choose_channel(preferred: str, reason: str, draws: DrawBuffer) -> str:
    """The channel a customer uses: mostly the preferred one, complaints more often by phone."""
    u = draws.uniform()
    if reason == "complaint" and u < 0.35:
        return (
            "phone"
            if draws.uniform() < 0.6
            else ("email" if draws.uniform() < 0.7 else "letter_fax")
        )
    if u < 0.75:
        return preferred
    return CUSTOMER_CHANNELS[int(draws.uniform() * len(CUSTOMER_CHANNELS))]


@functools.cache
def service_hours(start_weekday: int) -> OpeningHours:
    """Opening hours of the center and the stores: 8:00 to 20:00, Monday to Saturday.

    ``start_weekday`` is the weekday of the first simulated day (0 = Monday).
    """
    return OpeningHours.daily(OPEN_HOUR, CLOSE_HOUR, OPEN_WEEKDAYS, start_weekday)


def next_open_minute(t_min: float, hours: OpeningHours, draws: DrawBuffer) -> float:
    """The first minute at or after ``t_min`` when the center is open (a random time that day).

    Times inside opening hours are kept; otherwise the contact moves to a random
    time within the opening hours of the next opening day, as a customer who
    waits for the center to open.
    """
    if hours.is_open(t_min):
        return t_min
    day = int(hours.next_opening_min(t_min) // MINUTES_PER_DAY)
    return day * MINUTES_PER_DAY + (OPEN_HOUR + (CLOSE_HOUR - OPEN_HOUR) * draws.uniform()) * 60.0
