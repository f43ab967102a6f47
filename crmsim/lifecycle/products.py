"""The product catalogue: device lines in three tiers, accessories, services and affinities.

Devices come in product lines with a basic, plus and premium tier (for
up-selling, Up-Selling); accessories and services belong to a line and are
bought together with its devices at known rates (for cross-selling,
Cross-Selling). The affinities are the truth that association rules and
collaborative filtering should find again in ``fact_order``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

TIERS = ("basic", "plus", "premium")

#: Device lines: (line, category, German name, prices of basic/plus/premium in EUR,
#: probability that a device of the line fails or arrives damaged, relative to 1).
DEVICE_LINES: tuple[tuple[str, str, str, tuple[float, float, float], float], ...] = (
    ("smartphone", "phones", "Smartphone", (249.0, 549.0, 999.0), 1.0),
    ("tablet", "phones", "Tablet", (199.0, 399.0, 799.0), 0.8),
    ("laptop", "computers", "Laptop", (499.0, 899.0, 1499.0), 1.4),
    ("monitor", "computers", "Monitor", (149.0, 299.0, 599.0), 0.6),
    ("tv", "home_entertainment", "Fernseher", (399.0, 799.0, 1599.0), 1.2),
    ("headphones", "home_entertainment", "Kopfhörer", (59.0, 149.0, 299.0), 0.7),
    ("camera", "photo", "Kamera", (349.0, 699.0, 1299.0), 1.1),
)

#: Accessories and services: (name, German name, category, line it belongs to,
#: price in EUR, probability of being bought in the same order as a device of the line).
ADD_ONS: tuple[tuple[str, str, str, str, float, float], ...] = (
    ("phone_case", "Handyhülle", "accessories", "smartphone", 19.0, 0.45),
    ("screen_protector", "Displayschutz", "accessories", "smartphone", 12.0, 0.30),
    ("tablet_cover", "Tablet-Hülle", "accessories", "tablet", 29.0, 0.40),
    ("laptop_bag", "Laptoptasche", "accessories", "laptop", 39.0, 0.35),
    ("wireless_mouse", "Funkmaus", "accessories", "laptop", 25.0, 0.40),
    ("office_suite", "Office-Paket (1 Jahr)", "services", "laptop", 99.0, 0.30),
    ("monitor_cable", "Monitorkabel", "accessories", "monitor", 15.0, 0.35),
    ("soundbar", "Soundbar", "home_entertainment", "tv", 199.0, 0.25),
    ("hdmi_cable", "HDMI-Kabel", "accessories", "tv", 15.0, 0.40),
    ("wall_mount", "Wandhalterung", "accessories", "tv", 49.0, 0.25),
    ("ear_tips", "Ersatz-Ohrpolster", "accessories", "headphones", 9.0, 0.15),
    ("memory_card", "Speicherkarte", "accessories", "camera", 19.0, 0.50),
    ("camera_bag", "Kameratasche", "accessories", "camera", 35.0, 0.35),
    ("tripod", "Stativ", "accessories", "camera", 45.0, 0.20),
)

#: Extended warranty (Garantieverlängerung), offered with every device; bought
#: more often with expensive tiers.
WARRANTY = ("extended_warranty", "Garantieverlängerung", "services", 79.0, (0.05, 0.12, 0.25))

#: Taste groups (Interessenprofile) as weights over the device lines, in the
#: order of ``DEVICE_LINES``; customers draw their own weights around one of them.
TASTE_GROUPS = np.array(
    [
        [4.0, 2.0, 1.0, 0.5, 0.5, 3.0, 0.3],  # mobile people: phones, tablets, headphones
        [1.0, 0.5, 4.0, 3.0, 0.5, 0.8, 0.3],  # office workers: laptops and monitors
        [0.8, 1.0, 0.5, 0.3, 4.0, 2.0, 0.5],  # home entertainment: TV and audio
        [1.0, 0.5, 0.8, 0.5, 0.5, 0.5, 4.0],  # photographers
    ]
)


@dataclass(frozen=True)
class Catalogue:
    """The catalogue in the shapes the simulation needs.

    Attributes
    ----------
    products
        ``dim_product`` rows: product_id, product_code, product_name, product_name_de,
        category, product_line, tier, tier_rank, list_price_eur, unit_cost_eur.
    device_ids
        ``device_ids[line][tier]``: product id of each device (lines and tiers
        in catalogue order).
    add_ons
        ``add_ons[line]``: list of (product id, probability in the same order).
    warranty_id
        Product id of the extended warranty.
    failure_weight
        Relative failure probability per line.
    price
        List price in EUR by product id (index 0 unused).
    """

    products: pd.DataFrame
    device_ids: list[list[int]]
    add_ons: list[list[tuple[int, float]]]
    warranty_id: int
    failure_weight: list[float]
    price: list[float]

    @property
    def device_line(self) -> dict[int, int]:
        """Device line index by product id (devices only)."""
        return {pid: line for line, ids in enumerate(self.device_ids) for pid in ids}

    @property
    def line_count(self) -> int:
        """Number of device lines."""
        return len(self.device_ids)

    @cached_property
    def device_log_prices(self) -> list[list[float]]:
        """``device_log_prices[line][tier]``: natural log of each device's list price (EUR)."""
        return [[math.log(self.price[pid]) for pid in ids] for ids in self.device_ids]


def build_catalogue() -> Catalogue:
    """The fixed product catalogue (it does not depend on the seed)."""
    rows: list[tuple] = []
    device_ids: list[list[int]] = []
    for line, category, name_de, prices, _ in DEVICE_LINES:
        ids = []
        for rank, (tier, price) in enumerate(zip(TIERS, prices, strict=True), start=1):
            product_id = len(rows) + 1
            ids.append(product_id)
            rows.append(
                (
                    product_id,
                    f"{line}_{tier}",
                    f"{line.replace('_', ' ').title()} {tier.title()}",
                    f"{name_de} {tier.title()}",
                    category,
                    line,
                    tier,
                    rank,
                    price,
                    round(price * 0.72, 2),
                )
            )
        device_ids.append(ids)
    lines = [entry[0] for entry in DEVICE_LINES]
    add_ons: list[list[tuple[int, float]]] = [[] for _ in lines]
    for code, name_de, category, line, price, probability in ADD_ONS:
        product_id = len(rows) + 1
        add_ons[lines.index(line)].append((product_id, probability))
        name = code.replace("_", " ").title()
        rows.append(
            (
                product_id,
                code,
                name,
                name_de,
                category,
                line,
                "add_on",
                0,
                price,
                round(price * 0.45, 2),
            )
        )
    code, name_de, category, price, _ = WARRANTY
    warranty_id = len(rows) + 1
    rows.append(
        (warranty_id, code, "Extended Warranty", name_de, category, "all", "add_on", 0, price, 20.0)
    )
    products = pd.DataFrame(
        rows,
        columns=[
            "product_id",
            "product_code",
            "product_name",
            "product_name_de",
            "category",
            "product_line",
            "tier",
            "tier_rank",
            "list_price_eur",
            "unit_cost_eur",
        ],
    )
    price_by_id = [0.0, *products["list_price_eur"].tolist()]
    return Catalogue(
        products=products,
        device_ids=device_ids,
        add_ons=add_ons,
        warranty_id=warranty_id,
        failure_weight=[entry[4] for entry in DEVICE_LINES],
        price=price_by_id,
    )


def known_cross_sell_pairs() -> pd.DataFrame:
    """The planted cross-selling affinities as (anchor line, add-on product code, probability).

    Returns
    -------
    pandas.DataFrame
        Columns ``product_line`` (the device line), ``product_code`` (the add-on)
        and ``same_order_probability`` (chance it is in the same order as a device).
    """
    return pd.DataFrame(
        [(line, code, probability) for code, _, _, line, _, probability in ADD_ONS],
        columns=["product_line", "product_code", "same_order_probability"],
    )
