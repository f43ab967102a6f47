"""The classroom contact center behind the notebooks' control panel.

One phone queue during an opening day, optionally with a self-service portal in
front of it, a call-back offer and VIP routing for A customers. Every parameter
a lecturer may want to turn in class is an argument, and the scenario is small
enough to simulate in a few hundredths of a second.
"""

from __future__ import annotations

from crmsim.errors import InputError
from crmsim.scenario.model import (
    AgentGroup,
    CallbackPolicy,
    Channel,
    Scenario,
    SelfServiceConfig,
    ValueClass,
)

#: Customer value classes from an ABC analysis: few A customers, many C customers.
VALUE_CLASSES = (ValueClass("A", 0.2, 0), ValueClass("B", 0.3, 1), ValueClass("C", 0.5, 2))
#: Share of self-service sessions that solve the concern without an agent.
SELF_SERVICE_SOLVE_SHARE = 0.6
#: Call-back offer: when the announced wait exceeds 1 minute, half the callers accept.
CALLBACK_POLICY = CallbackPolicy(offer_when_wait_min=1.0, accept_share=0.5, reach_share=0.9)


def classroom_scenario(
    agents: int = 14,
    calls_per_hour: float = 200.0,
    aht_min: float = 3.0,
    patience_min: float | None = 3.0,
    callback: bool = False,
    self_service_share: float = 0.0,
    vip_routing: bool = False,
    open_hours: float = 8.0,
    sl_threshold_s: float = 20.0,
) -> Scenario:
    """A one-queue contact center for a day of ``open_hours`` hours from 8:00.

    Parameters
    ----------
    agents:
        Agents on the phones all day.
    calls_per_hour:
        Customers who get in touch per hour (before self-service takes its share).
    aht_min:
        Mean handling time of a call (minutes, exponential).
    patience_min:
        Mean patience of waiting callers (minutes), ``None`` for callers who never hang up.
    callback:
        Offer waiting callers a call-back when the wait is long.
    self_service_share:
        Share of customers who try the self-service portal first (0 to 0.9); 60 % of
        them solve their concern there, the others call.
    vip_routing:
        Serve A customers before B before C.
    open_hours:
        Opening hours from 8:00 (1 to 16).
    sl_threshold_s:
        Service-level threshold (seconds).

    Examples
    --------
    >>> scenario = classroom_scenario(agents=10, self_service_share=0.5)
    >>> sorted(scenario.channels), scenario.channels["phone"].daily_volume
    (['phone', 'self_service'], 800.0)
    """
    if isinstance(agents, bool) or not isinstance(agents, int) or agents < 1:
        raise InputError(f'"agents" must be an integer ≥ 1, got {agents}')
    if not calls_per_hour > 0 or not aht_min > 0:
        raise InputError(
            f'"calls_per_hour" and "aht_min" must be > 0, got {calls_per_hour} and {aht_min}'
        )
    if patience_min is not None and not patience_min > 0:
        raise InputError(f'"patience_min" must be > 0 minutes or None, got {patience_min}')
    if not 0 <= self_service_share <= 0.9:
        raise InputError(
            f'"self_service_share" must be between 0 and 0.9, got {self_service_share}'
        )
    if not 1 <= open_hours <= 16:
        raise InputError(f'"open_hours" must be between 1 and 16, got {open_hours}')
    profile = tuple(1.0 if 8 <= hour < 8 + open_hours else 0.0 for hour in range(24))
    total = sum(profile)
    profile = tuple(weight / total for weight in profile)
    daily = calls_per_hour * open_hours
    channels = {
        "phone": Channel(
            name="phone",
            daily_volume=daily * (1.0 - self_service_share),
            intraday_profile=profile,
            aht_min=aht_min,
            patience_min=patience_min,
            sl_threshold_s=sl_threshold_s,
            callback=CALLBACK_POLICY if callback else None,
        )
    }
    if self_service_share > 0:
        channels["self_service"] = Channel(
            name="self_service",
            daily_volume=daily * self_service_share,
            intraday_profile=profile,
            aht_min=2.0,
            self_service=SelfServiceConfig(SELF_SERVICE_SOLVE_SHARE, (("phone", 1.0),)),
        )
    return Scenario(
        name="Classroom contact center",
        description=f"{calls_per_hour:g} customers an hour, AHT {aht_min:g} min, {agents} agents",
        channels=channels,
        agents=(
            AgentGroup(
                "agent", agents, ("phone",), shift_start_h=8.0, shift_end_h=8.0 + open_hours
            ),
        ),
        value_classes=VALUE_CLASSES,
        vip_routing=vip_routing,
    )
