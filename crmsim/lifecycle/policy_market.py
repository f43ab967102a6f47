"""How the market answers a targeted campaign: hidden propensities and common random numbers.

For every selected person and campaign three hidden propensities are worked out
at the moment of the campaign (none is shown to the company):

- ``p_respond``: chance to respond if contacted (the generator's response model,
  :func:`~crmsim.lifecycle.campaign_run.response_probability`, scaled by the offer);
- ``p_leave``: chance that the contact itself makes the customer cancel (a
  "sleeping dog" woken by an unwelcome call or letter): grows with unresolved
  complaints and low satisfaction and with how intrusive the channel is;
- ``p_buy_without``: chance to buy in the response window anyway (the
  customer's own purchase rate, if still truly active).

Common random numbers: each person's draws for a campaign come from a hash of
(seed, quarter, campaign type, customer id, purpose), not from a shared stream,
so whether a person responds does not depend on who else was selected. Two
policies that contact the same person in the same quarter see the same answer.

.. math::

    P(\\text{buy}\\mid\\text{contact}) = (1-p_{\\text{leave}})
        \\bigl(1-(1-p_{\\text{buy without}})(1-p_{\\text{respond}})\\bigr)
"""

from __future__ import annotations

import math

import numpy as np

from crmsim.lifecycle.campaign_run import LEAD_SHARE, response_probability
from crmsim.lifecycle.campaigns import CAMPAIGN_TYPES, OFFER, RESPONSE_WINDOW_DAYS, Campaign
from crmsim.lifecycle.churn import (
    RETENTION_EFFECT_DAYS,
    RETENTION_HAZARD_FACTOR,
    hazard_per_min,
    hazard_terms,
)
from crmsim.lifecycle.state import ShardState
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_YEAR

#: How unwelcome a contact over each channel is (multiplies the chance to wake a sleeping dog).
INTRUSIVENESS = {"phone": 1.0, "mobile": 0.4, "letter": 0.3, "email": 0.2, "web": 0.1}
#: Chance that an unwelcome phone call makes a satisfied customer without complaints cancel.
BASE_LEAVE_PROBABILITY = 0.01
#: Churn reason recorded when a contact wakes a sleeping dog.
CONTACT_FATIGUE_REASON = "annoyed_by_campaign"
#: Purposes of the hashed draws: one independent uniform per purpose.
PURPOSES = ("control", "respond", "leave", "delay", "buy_without")

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: a well-spread 64-bit hash of each value."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return (x ^ (x >> np.uint64(31))) & _MASK


def common_uniforms(
    seed: int, quarter: int, campaign_type: str, customer_ids: np.ndarray, purpose: str
) -> np.ndarray:
    """One uniform number in [0, 1) per customer, fixed by (seed, quarter, type, id, purpose).

    Examples
    --------
    >>> a = common_uniforms(1, 2, "cross_sell", np.array([5, 6, 7]), "respond")
    >>> b = common_uniforms(1, 2, "cross_sell", np.array([7, 5]), "respond")
    >>> bool(a[2] == b[0] and a[0] == b[1])
    True
    """
    key = np.uint64(seed & 0xFFFFFFFF)
    for part in (quarter, CAMPAIGN_TYPES.index(campaign_type), PURPOSES.index(purpose)):
        key = _mix(np.asarray([key ^ np.uint64(part + 0x9E3779B9)], dtype=np.uint64))[0]
    ids = np.asarray(customer_ids, dtype=np.int64).astype(np.uint64)
    with np.errstate(over="ignore"):
        hashed = _mix(_mix(ids + key) ^ key)
    return (hashed >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def offer_factor(campaign_type: str, offer: float) -> float:
    """How the offer scales the response chance: 0.25 without an offer, 1 at the plan's offer.

    The factor grows linearly with the offer (discount share, or voucher in EUR
    for retention) and is capped at 2.

    Examples
    --------
    >>> offer_factor("cross_sell", 0.15), offer_factor("cross_sell", 0.0)
    (1.0, 0.25)
    """
    if offer < 0:
        raise ValueError(f"the offer must be >= 0, got {offer} for {campaign_type}")
    standard = OFFER[campaign_type][1]
    return min(2.0, 0.25 + 0.75 * offer / standard)


def leave_probability(shard: ShardState, channel: str, index: int) -> float:
    """Chance that contacting a truly active customer over ``channel`` makes them cancel."""
    if not shard.alive[index]:
        return 0.0
    now = shard.env.now
    grievance = 1.0 + 6.0 * shard.recent_open_complaints(index, now)
    mood = math.exp(0.6 * max(0.0, 7.0 - shard.satisfaction.score(index, now)))
    return min(0.6, BASE_LEAVE_PROBABILITY * INTRUSIVENESS[channel] * grievance * mood)


def buy_without_contact(shard: ShardState, campaign_type: str, index: int) -> float:
    """Chance to buy (or, for a prospect, to come on their own) in the response window anyway."""
    window = RESPONSE_WINDOW_DAYS * MINUTES_PER_DAY
    if campaign_type == "acquisition":
        if shard.acquired[index]:
            return 0.0
        return 1.0 - math.exp(-shard.params.organic_acquisition_rate * window / MINUTES_PER_YEAR)
    if not shard.alive[index]:
        return 0.0
    return 1.0 - math.exp(-shard.rate_per_min[index] * window)


def propensities(
    shard: ShardState, campaign: Campaign, offer: float, indices: np.ndarray
) -> dict[str, np.ndarray]:
    """The three hidden propensities of each selected person (local ``indices``) right now.

    Returns
    -------
    dict of numpy.ndarray
        ``p_respond``, ``p_leave`` and ``p_buy_without``, one value per index.
    """
    factor = offer_factor(campaign.campaign_type, offer)
    index_list = indices.tolist()
    kind = campaign.campaign_type
    respond = [
        0.0
        if kind == "up_sell"
        and not 0 < shard.owned_tier[i, campaign.line] < 3  # nothing to upgrade
        else min(0.95, response_probability(shard, campaign, i) * factor)
        for i in index_list
    ]
    leave = [
        0.0 if kind == "acquisition" else leave_probability(shard, campaign.channel, i)
        for i in index_list
    ]
    without = [buy_without_contact(shard, kind, i) for i in index_list]
    return {
        "p_respond": np.asarray(respond, dtype=float),
        "p_leave": np.asarray(leave, dtype=float),
        "p_buy_without": np.asarray(without, dtype=float),
    }


def margin_share(shard: ShardState) -> float:
    """Mean gross margin share of the catalogue's devices ((price − unit cost) / price)."""
    products = shard.catalogue.products
    devices = products[products["tier"].notna()]
    price = devices["list_price_eur"].to_numpy()
    return float(np.mean((price - devices["unit_cost_eur"].to_numpy()) / price))


def customer_value(shard: ShardState, index: int, years_left: float, share: float) -> float:
    """Expected contribution (EUR) of a customer over ``years_left`` years if they stay.

    Purchase rate × years × mean order value × margin share, from the hidden parameters.
    """
    rate_per_year = shard.rate_per_min[index] * MINUTES_PER_YEAR
    return rate_per_year * max(0.0, years_left) * shard.spend[index] * share


def prevented_churn(shard: ShardState, index: int) -> float:
    """Chance that an accepted retention offer prevents a cancellation during its effect."""
    now = shard.env.now
    params = shard.params
    terms = hazard_terms(
        shard.satisfaction.score(index, now),
        shard.recent_long_waits(index, now),
        shard.recent_open_complaints(index, now),
        params.base_churn_rate,
        params.satisfaction_churn_effect,
        params.long_wait_churn_effect,
        params.open_complaint_churn_effect,
    )
    yearly = hazard_per_min(terms, False) * MINUTES_PER_YEAR
    effect_years = RETENTION_EFFECT_DAYS / 365.0
    return 1.0 - math.exp(-(1.0 - RETENTION_HAZARD_FACTOR) * yearly * effect_years)


def unit_costs(shard: ShardState) -> np.ndarray:
    """Unit cost of goods (EUR) by product id (index 0 unused)."""
    products = shard.catalogue.products
    costs = np.zeros(len(shard.catalogue.price))
    costs[products["product_id"].to_numpy()] = products["unit_cost_eur"].to_numpy()
    return costs


def response_value(
    shard: ShardState,
    campaign: Campaign,
    index: int,
    offer: float,
    years_left: float,
    share: float,
    costs: np.ndarray,
) -> float:
    """Expected contribution (EUR) of one response, from the hidden parameters.

    - cross-selling: an add-on of the line at the offer (the mean over the add-ons),
      up-selling: the next tier at the offer; a quarter of these responses are
      leads without an order;
    - acquisition and win-back: a first order at the offer plus the customer's
      purchases until the end of the run;
    - retention: the purchases of the cancellations it prevents, minus the voucher.
    """
    kind = campaign.campaign_type
    catalogue = shard.catalogue
    if kind in ("acquisition", "win_back"):
        first_order = shard.spend[index] * (share - offer)
        return first_order + customer_value(shard, index, years_left, share)
    if kind == "retention":
        return prevented_churn(shard, index) * customer_value(shard, index, years_left, share) - (
            offer
        )
    if kind == "cross_sell":
        items = [product_id for product_id, _ in catalogue.add_ons[campaign.line]]
    else:
        tier = int(shard.owned_tier[index, campaign.line])
        if not 0 < tier < 3:
            return 0.0
        items = [catalogue.device_ids[campaign.line][tier]]
    margins = [catalogue.price[item] * (1.0 - offer) - costs[item] for item in items]
    return (1.0 - LEAD_SHARE) * float(np.mean(margins)) if margins else 0.0
