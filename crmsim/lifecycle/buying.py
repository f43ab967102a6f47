"""What a customer buys in one order: line by taste, tier by spend, add-ons by affinity.

The mean order value of a customer is a hidden gamma-distributed parameter
(the gamma-gamma spend model); each order draws a target value around it and
the tier whose price fits best. Customers who already own a tier of a line
tend to buy a higher one (up-selling); accessories and services join a device
in the same order at the rates in :mod:`crmsim.lifecycle.products`
(cross-selling).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from crmsim.lifecycle.products import TIERS, Catalogue
from crmsim.random_draws import DrawBuffer

#: Share of orders without a device (add-ons for a line the customer owns).
ADD_ON_ONLY_SHARE = 0.25
#: Chance that a repeat buyer of a line moves one tier up (Up-Selling).
UPGRADE_PROBABILITY = 0.3
#: Where orders are placed (sales channels), for private and business customers.
ORDER_CHANNELS = ("store", "web", "mobile", "phone")
#: Chance that an order adds the extended warranty, by the device's tier.
WARRANTY_PROBABILITY = (0.05, 0.12, 0.25)
ORDER_CHANNEL_CUMULATIVE = {
    "private": [0.40, 0.80, 0.95, 1.0],
    "business": [0.15, 0.65, 0.70, 1.0],
}


class OrderLine(NamedTuple):
    """One line of an order: product, quantity, unit list price and discount (EUR per unit)."""

    product_id: int
    quantity: int
    unit_price_eur: float
    discount_eur: float


def line_preferences(taste_weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Cumulative line preferences per customer, drawn around their taste group.

    Parameters
    ----------
    taste_weights
        Rows of :data:`~crmsim.lifecycle.products.TASTE_GROUPS`, one per customer.
    rng
        Generator of the population stream.

    Returns
    -------
    numpy.ndarray
        Shape (customers, lines); each row increases to 1.
    """
    weights = rng.gamma(taste_weights * 2.0, 1.0)
    weights /= weights.sum(axis=1, keepdims=True)
    cumulative = weights.cumsum(axis=1)
    cumulative[:, -1] = 1.0
    return cumulative


def pick_tier(catalogue: Catalogue, line: int, target_eur: float, draws: DrawBuffer) -> int:
    """Tier index (0 basic, 1 plus, 2 premium) whose price is closest to the target in log terms."""
    wish = math.log(target_eur) + 0.35 * draws.normal()
    distances = [abs(log_price - wish) for log_price in catalogue.device_log_prices[line]]
    return distances.index(min(distances))


def compose_order(
    catalogue: Catalogue,
    preferences: Sequence[float],
    owned_tier: np.ndarray,
    mean_order_value_eur: float,
    business_quantity: float,
    draws: DrawBuffer,
) -> list[OrderLine]:
    """Draw the lines of one order.

    Parameters
    ----------
    catalogue
        The product catalogue.
    preferences
        The customer's cumulative line preferences (a list is fastest).
    owned_tier
        Highest tier owned per line (0 none, 1 basic .. 3 premium); updated in place.
    mean_order_value_eur
        The customer's hidden mean order value (EUR).
    business_quantity
        Mean extra units per device line for business customers (0 for private).
    draws
        Random numbers of the shard's buying stream.

    Returns
    -------
    list of OrderLine
        The order's lines, the device (if any) first.
    """
    owned: list[int] = owned_tier.tolist()
    uniform, price = draws.uniform, catalogue.price
    owned_lines = [line for line, tier in enumerate(owned) if tier > 0]
    if owned_lines and uniform() < ADD_ON_ONLY_SHARE:
        line = owned_lines[int(uniform() * len(owned_lines))]
        add_ons = catalogue.add_ons[line]
        if add_ons:
            product_id, _ = add_ons[int(uniform() * len(add_ons))]
            return [OrderLine(product_id, 1, price[product_id], 0.0)]
    line = draws.choice(preferences)
    # Gamma(3) order value around the customer's mean (gamma-gamma spend model).
    exponential = draws.standard_exponential
    target = mean_order_value_eur * (exponential() + exponential() + exponential()) / 3.0
    tier = pick_tier(catalogue, line, max(target, 1.0), draws)
    if owned[line] > 0 and uniform() < UPGRADE_PROBABILITY:
        tier = max(tier, min(len(TIERS) - 1, owned[line]))
    owned_tier[line] = max(owned[line], tier + 1)
    quantity = 1 + int(business_quantity * exponential()) if business_quantity else 1
    device_id = catalogue.device_ids[line][tier]
    lines = [OrderLine(device_id, quantity, price[device_id], 0.0)]
    for product_id, probability in catalogue.add_ons[line]:
        if uniform() < probability:
            lines.append(OrderLine(product_id, quantity, price[product_id], 0.0))
    if uniform() < WARRANTY_PROBABILITY[tier]:
        warranty = catalogue.warranty_id
        lines.append(OrderLine(warranty, quantity, price[warranty], 0.0))
    return lines


def discounted(lines: list[OrderLine], share: float) -> list[OrderLine]:
    """The same lines with a discount of ``share`` of the list price (rounded to cents)."""
    return [line._replace(discount_eur=round(line.unit_price_eur * share, 2)) for line in lines]
