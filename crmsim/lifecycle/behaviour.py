"""SimPy processes of one customer: buying, getting in touch, complaining, churning.

Each customer runs :func:`customer`: between purchases (Poisson at the
customer's own rate) and spontaneous service contacts it waits; after every
purchase it may silently drop out (BG/NBD); meanwhile the churn hazard
accumulates and the customer cancels once it passes a personal threshold.
Orders start :func:`after_order` (questions and product failures); bad
experiences may become complaints (:func:`complaint`), handled under one of
the three policies.
"""

from __future__ import annotations

import math
from collections.abc import Generator
from typing import Any

import simpy

from crmsim.lifecycle.churn import (
    DROPOUT_REASON,
    RECHECK_DAYS,
    SATISFACTION_REFERENCE,
    churn_reason,
    hazard_per_min,
    hazard_terms,
)
from crmsim.lifecycle.complaints import handle_complaint, will_complain
from crmsim.lifecycle.params import COMPLAINT_POLICIES
from crmsim.lifecycle.records import ComplaintRecord, SurveyRecord
from crmsim.lifecycle.satisfaction import (
    COMPLAINT_EFFECTS,
    EXPERIENCE_EFFECTS,
    csat_answer,
    wait_penalty,
)
from crmsim.lifecycle.service import (
    LIVE,
    SPONTANEOUS_CUMULATIVE,
    SPONTANEOUS_REASONS,
    TOLERANCE_FACTOR,
    choose_channel,
    next_open_minute,
)
from crmsim.lifecycle.state import ShardState
from crmsim.sim.contact import ContactOutcome
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_YEAR

Process = Generator[simpy.Event, Any, Any]
FAILED_OUTCOMES = frozenset({"abandoned", "blocked", "not_reached"})


def customer(env: simpy.Environment, shard: ShardState, index: int) -> Process:
    """The life of one customer from now until churn or the end of the period."""
    params = shard.params
    draws = shard.draws["buying"]
    churn_draws = shard.draws["churn"]
    contact_rate = params.service_contact_rate / MINUTES_PER_YEAR
    recheck = RECHECK_DAYS * MINUTES_PER_DAY
    rate = shard.rate_per_min[index]
    effects = (
        params.base_churn_rate,
        params.satisfaction_churn_effect,
        params.long_wait_churn_effect,
        params.open_complaint_churn_effect,
    )
    horizon = shard.horizon_min
    # Bound methods and per-customer lists looked up once (the loop runs for every event).
    alive, timeout = shard.alive, env.timeout
    buy_gap, contact_gap = draws.standard_exponential, churn_draws.standard_exponential
    score, long_waits = shard.satisfaction.score, shard.recent_long_waits
    open_complaints = shard.recent_open_complaints
    retained_until, resistance, accumulated = (
        shard.retained_until_min,
        shard.resistance,
        shard.accumulated,
    )
    while alive[index]:
        now = env.now
        t_buy = now + buy_gap() / rate
        t_contact = now + contact_gap() / contact_rate
        terms = hazard_terms(
            score(index, now), long_waits(index, now), open_complaints(index, now), *effects
        )
        hazard = hazard_per_min(terms, retained_until[index] > now)
        t_churn = now + (resistance[index] - accumulated[index]) / hazard
        t_next = min(t_buy, t_contact, t_churn, now + recheck, horizon)
        yield timeout(t_next - now)
        accumulated[index] += hazard * (t_next - now)
        if t_next >= horizon or not alive[index]:
            return
        if t_next == t_churn:
            shard.end_relationship(index, churn_reason(terms, churn_draws.uniform()))
            return
        if t_next == t_buy:
            order_index, _, devices = shard.place_order(index)
            after_order(env, shard, index, order_index, devices)
            gap = max(0.0, SATISFACTION_REFERENCE - score(index, env.now))
            lapse = shard.dropout[index] * math.exp(params.dropout_satisfaction_effect * gap)
            if draws.uniform() < lapse:
                shard.end_relationship(index, DROPOUT_REASON)
                return
        elif t_next == t_contact:
            reason = SPONTANEOUS_REASONS[churn_draws.choice(SPONTANEOUS_CUMULATIVE)]
            env.process(service_contact(env, shard, index, reason, 0.0))


def prospect(env: simpy.Environment, shard: ShardState, index: int, organic_min: float) -> Process:
    """A prospect who becomes a customer on their own at ``organic_min`` unless won earlier."""
    if organic_min >= shard.horizon_min:
        return
    yield env.timeout(organic_min)
    if shard.acquired[index]:
        return
    shard.acquire(index, "web" if shard.draws["buying"].uniform() < 0.6 else "store")
    order_index, _, devices = shard.place_order(index)
    after_order(env, shard, index, order_index, devices)
    env.process(customer(env, shard, index))


def after_order(
    env: simpy.Environment,
    shard: ShardState,
    index: int,
    order_index: int,
    devices: list[tuple[int, int]],
) -> None:
    """Start what follows an order: a question some days later, failures of its devices.

    Decided at once, so that processes are only started for what really happens.
    """
    draws = shard.draws["service"]
    if draws.uniform() < shard.params.order_contact_probability:
        reason = "order_status" if draws.uniform() < 0.6 else "product_question"
        delay = (0.5 + 4.0 * draws.uniform()) * MINUTES_PER_DAY
        env.process(service_contact(env, shard, index, reason, delay))
    for line, product_id in devices:
        if draws.uniform() < shard.failure_probability(line):
            delay = (2.0 + 40.0 * draws.uniform()) * MINUTES_PER_DAY
            env.process(product_failure(env, shard, index, order_index, product_id, delay))


def product_failure(
    env: simpy.Environment,
    shard: ShardState,
    index: int,
    order_index: int,
    product_id: int,
    delay_min: float,
) -> Process:
    """A device breaks after ``delay_min``: satisfaction drops; the customer may complain."""
    yield env.timeout(delay_min)
    now = env.now
    if now >= shard.horizon_min:
        return
    shard.satisfaction.shift(index, now, EXPERIENCE_EFFECTS["product_failure"])
    u = shard.draws["complaint"].uniform()
    if will_complain(shard.propensity[index], "product_failure", u):
        yield from complaint(env, shard, index, "product_failure", order_index, product_id)


def service_contact(
    env: simpy.Environment, shard: ShardState, index: int, reason: str, delay_min: float
) -> Process:
    """One contact with the interaction center and what it does to the customer.

    Returns the :class:`~crmsim.sim.contact.ContactOutcome`, or ``None`` when the
    contact would fall after the end of the period.
    """
    draws = shard.draws["service"]
    channel = choose_channel(shard.preferred[index], reason, draws)
    t = env.now + delay_min
    if channel in LIVE:
        t = next_open_minute(t, shard.hours, draws)
    if t >= shard.horizon_min - MINUTES_PER_DAY:
        return None
    if t > env.now:
        yield env.timeout(t - env.now)
    outcome: ContactOutcome = yield shard.center.submit(
        channel, reason, shard.id_list[index], shard.value_class(index)
    )
    experience(shard, index, outcome, reason)
    if reason != "complaint" and _bad(outcome, shard.patience[index]):
        trigger = "service_failure" if not outcome.resolved else "long_wait"
        if will_complain(shard.propensity[index], trigger, shard.draws["complaint"].uniform()):
            env.process(complaint(env, shard, index, trigger, -1, -1))
    return outcome


def _bad(outcome: ContactOutcome, patience: float) -> bool:
    tolerance = patience * TOLERANCE_FACTOR.get(outcome.channel, 1.0)
    return (
        outcome.outcome in FAILED_OUTCOMES
        or outcome.outcome == "unresolved"
        or outcome.wait_min > 3 * tolerance
    )


def experience(shard: ShardState, index: int, outcome: ContactOutcome, reason: str) -> None:
    """Update satisfaction and the long-wait memory after a contact; maybe answer a CSAT survey."""
    now = shard.env.now
    kind = outcome.outcome
    if outcome.resolved:
        points = EXPERIENCE_EFFECTS["contact_resolved"]
    elif kind in FAILED_OUTCOMES:
        points = EXPERIENCE_EFFECTS["contact_abandoned"]
    else:
        points = EXPERIENCE_EFFECTS["contact_unresolved"]
    tolerance = shard.patience[index] * TOLERANCE_FACTOR.get(outcome.channel, 1.0)
    points -= wait_penalty(outcome.wait_min, tolerance)
    if outcome.wait_min > tolerance or kind == "abandoned":
        shard.add_long_wait(index, now)
    score = shard.satisfaction.shift(index, now, points)
    draws = shard.draws["survey"]
    if kind not in FAILED_OUTCOMES and draws.uniform() < shard.params.survey_probability:
        answer = csat_answer(score, draws.normal())
        shard.log.surveys.append(
            SurveyRecord(shard.id_list[index], now, "csat", answer, outcome.contact_id)
        )


def complaint(
    env: simpy.Environment,
    shard: ShardState,
    index: int,
    trigger: str,
    order_index: int,
    product_id: int,
) -> Process:
    """A complaint: the customer gets in touch (retrying once) and the company handles it."""
    draws = shard.draws["complaint"]
    outcome = yield from service_contact(env, shard, index, "complaint", 0.0)
    if outcome is not None and outcome.outcome in FAILED_OUTCOMES and draws.uniform() < 0.6:
        outcome = yield from service_contact(env, shard, index, "complaint", MINUTES_PER_DAY)
    if outcome is None:
        return
    now = env.now
    if outcome.outcome in FAILED_OUTCOMES:
        shard.satisfaction.shift(index, now, EXPERIENCE_EFFECTS["complaint_unreached"])
        shard.add_open_complaint(index, now)
        return
    policy = COMPLAINT_POLICIES[draws.choice(_cumulative(shard.params.complaint_policy_mix))]
    handled = handle_complaint(policy, draws)
    shard.log.complaints.append(
        ComplaintRecord(
            customer_id=shard.id_list[index],
            contact_id=outcome.contact_id,
            t_min=now,
            trigger=trigger,
            order_index=order_index,
            product_id=product_id,
            handling_policy=handled.policy,
            handling_cost_eur=handled.handling_cost_eur,
            compensation_eur=handled.compensation_eur,
            resolved=handled.resolved,
            resolution_days=handled.resolution_days,
        )
    )
    shard.satisfaction.shift(index, now, COMPLAINT_EFFECTS[(policy, handled.resolved)])
    if not handled.resolved:
        shard.add_open_complaint(index, now)


def _cumulative(shares: tuple[float, ...]) -> list[float]:
    total, out = 0.0, []
    for share in shares:
        total += share
        out.append(total)
    out[-1] = 1.0
    return out
