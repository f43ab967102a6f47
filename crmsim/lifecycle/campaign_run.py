"""Running the campaign plan inside a shard: select, split off a control group, contact, respond.

Selection uses only what the company knows (purchases, cancellations,
complaints, consent), never the hidden truth, so a silently lapsed customer
still gets offers. Responses depend on the customer's fit to the offer, the
channel, consent, satisfaction and on being truly active.
"""

from __future__ import annotations

import numpy as np
import simpy

from crmsim.lifecycle.behaviour import Process, after_order, customer
from crmsim.lifecycle.buying import OrderLine
from crmsim.lifecycle.campaigns import (
    AT_RISK_DAYS,
    BASE_RESPONSE,
    CONSENT_CHANNELS,
    COST_PER_CONTACT_EUR,
    OFFER,
    REACH,
    RESPONSE_WINDOW_DAYS,
    Campaign,
    channel_fit,
    split_control,
)
from crmsim.lifecycle.churn import DECAY_PER_MIN, RETENTION_EFFECT_DAYS
from crmsim.lifecycle.records import CampaignContactRecord, CampaignResponseRecord
from crmsim.lifecycle.satisfaction import EXPERIENCE_EFFECTS
from crmsim.lifecycle.state import ShardState
from crmsim.time_units import MINUTES_PER_DAY

CAMPAIGN_HOUR = 9.0
#: Share of cross- and up-selling responses that are leads (interest without an order).
LEAD_SHARE = 0.25


def campaign_manager(env: simpy.Environment, shard: ShardState, plan: list[Campaign]) -> Process:
    """Execute every campaign of the plan on its start day (a SimPy process)."""
    for campaign in plan:
        start = campaign.start_day * MINUTES_PER_DAY + CAMPAIGN_HOUR * 60.0
        if start > env.now:
            yield env.timeout(start - env.now)
        execute(env, shard, campaign)


def targets(shard: ShardState, campaign: Campaign) -> np.ndarray:
    """Local indices of the people eligible for a campaign (the segment, Zielgruppe)."""
    now = shard.env.now
    active = shard.known_active()
    kind = campaign.campaign_type
    if kind == "acquisition":
        eligible = ~shard.acquired
    elif kind == "cross_sell":
        eligible = active & (shard.owned_tier[:, campaign.line] > 0)
        eligible &= shard.days_since_purchase(now) < 365
    elif kind == "up_sell":
        tier = shard.owned_tier[:, campaign.line]
        eligible = active & (tier > 0) & (tier < 3)
    elif kind == "retention":
        memory = np.exp(-DECAY_PER_MIN * (now - np.asarray(shard.open_complaints_min)))
        complained = np.asarray(shard.open_complaints) * memory > 0.3  # unresolved, recently
        eligible = active & ((shard.days_since_purchase(now) > AT_RISK_DAYS) | complained)
    else:  # win_back
        since = (now - shard.cancelled_min) / MINUTES_PER_DAY
        eligible = shard.acquired & (since <= 365)
    if campaign.channel in CONSENT_CHANNELS:
        eligible &= shard.consent
    return np.flatnonzero(eligible)


def execute(env: simpy.Environment, shard: ShardState, campaign: Campaign) -> None:
    """Select, split, contact the treatment group and start the responders."""
    rng = shard.rng["campaign"]
    draws = shard.draws["campaign"]
    treatment, control = split_control(targets(shard, campaign), REACH[campaign.campaign_type], rng)
    now = env.now
    cost = COST_PER_CONTACT_EUR[campaign.channel]
    log = shard.log.campaign_contacts
    for index in control.tolist():
        log.append(
            CampaignContactRecord(
                campaign.campaign_id, shard.id_list[index], now, campaign.channel, True, 0.0
            )
        )
    for index in treatment.tolist():
        contact_index = len(log)
        log.append(
            CampaignContactRecord(
                campaign.campaign_id, shard.id_list[index], now, campaign.channel, False, cost
            )
        )
        if draws.uniform() < response_probability(shard, campaign, index):
            delay = (0.5 + (RESPONSE_WINDOW_DAYS - 1.0) * draws.uniform() ** 2) * MINUTES_PER_DAY
            env.process(responder(env, shard, campaign, index, contact_index, delay))


def response_probability(shard: ShardState, campaign: Campaign, index: int) -> float:
    """Chance that one contacted person responds (fit × channel × satisfaction × base rate)."""
    kind = campaign.campaign_type
    now = shard.env.now
    if kind != "acquisition" and kind != "win_back" and not shard.alive[index]:
        return 0.0
    fit = channel_fit(
        campaign.channel, shard.preferred[index], bool(shard.consent[index]), shard.age_band[index]
    )
    satisfaction = shard.satisfaction.score(index, now)
    if kind == "acquisition":
        fit *= min(3.0, max(0.3, shard.rate_per_min[index] / shard.mean_rate_per_min))
    elif kind == "cross_sell":
        cumulative = shard.preferences[index]
        share = cumulative[campaign.line] - (
            cumulative[campaign.line - 1] if campaign.line else 0.0
        )
        fit *= min(3.0, max(0.3, share * len(cumulative))) * satisfaction / 7.5
    elif kind == "up_sell":
        tier = int(shard.owned_tier[index, campaign.line])
        price = shard.catalogue.price[shard.catalogue.device_ids[campaign.line][tier]]
        fit *= min(2.0, max(0.2, 2.0 * shard.spend[index] / price)) * satisfaction / 7.5
    elif kind == "win_back":
        fit *= satisfaction / 7.5
    return min(0.95, BASE_RESPONSE[kind] * fit)


def responder(
    env: simpy.Environment,
    shard: ShardState,
    campaign: Campaign,
    index: int,
    contact_index: int,
    delay_min: float,
    offer: float | None = None,
) -> Process:
    """A person who reacts to a campaign some days after the contact.

    ``offer`` is the discount share (or the voucher in EUR for retention); the
    default is the plan's offer for the campaign type (:data:`OFFER`).
    """
    yield env.timeout(delay_min)
    kind = campaign.campaign_type
    offer = OFFER[kind][1] if offer is None else offer
    catalogue = shard.catalogue
    order_index, incentive, response_type = -1, 0.0, "order"
    if kind == "acquisition":
        if shard.acquired[index]:
            return
        shard.acquire(index, campaign.channel)
        env.process(customer(env, shard, index))
        response_type = "became_customer"
    elif kind == "win_back":
        if shard.alive[index] or np.isnan(shard.cancelled_min[index]):
            return
        shard.revive(index)
        env.process(customer(env, shard, index))
        response_type = "came_back"
    elif not shard.alive[index]:
        return
    if kind in ("cross_sell", "up_sell") and shard.draws["campaign"].uniform() < LEAD_SHARE:
        response_type = "lead"  # interested, asks for advice: a lead for sales, no order yet
    elif kind == "retention":
        shard.satisfaction.shift(index, env.now, EXPERIENCE_EFFECTS["retention_offer_accepted"])
        shard.retained_until_min[index] = env.now + RETENTION_EFFECT_DAYS * MINUTES_PER_DAY
        incentive, response_type = float(offer), "offer_accepted"
    else:
        lines = None
        if kind == "cross_sell":
            add_ons = catalogue.add_ons[campaign.line]
            product_id, _ = add_ons[int(shard.draws["campaign"].uniform() * len(add_ons))]
            lines = [OrderLine(product_id, 1, catalogue.price[product_id], 0.0)]
        elif kind == "up_sell":
            tier = min(2, int(shard.owned_tier[index, campaign.line]))
            shard.owned_tier[index, campaign.line] = tier + 1
            product_id = catalogue.device_ids[campaign.line][tier]
            lines = [OrderLine(product_id, 1, catalogue.price[product_id], 0.0)]
        order_index, lines, devices = shard.place_order(index, campaign.campaign_id, lines, offer)
        incentive = round(sum(line.quantity * line.discount_eur for line in lines), 2)
        after_order(env, shard, index, order_index, devices)
    shard.log.campaign_responses.append(
        CampaignResponseRecord(
            contact_index,
            campaign.campaign_id,
            shard.id_list[index],
            env.now,
            response_type,
            order_index,
            incentive,
        )
    )
