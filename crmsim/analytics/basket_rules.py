"""Association rules for cross-selling (Warenkorbanalyse) with mlxtend.

An order is a basket of products. A rule X → Y ("who buys a laptop also buys a
wireless mouse") is judged by three figures over all N baskets:

.. math::

    \\text{support}(X \\to Y) = \\frac{\\#(X \\cup Y)}{N}, \\qquad
    \\text{confidence}(X \\to Y) = \\frac{\\#(X \\cup Y)}{\\#X}, \\qquad
    \\text{lift}(X \\to Y) = \\frac{\\text{confidence}(X \\to Y)}{\\#Y / N}

Support says how often the rule applies, confidence how often it holds when it
applies, and lift how much more often Y is bought with X than on its own: a lift
of 1 means X tells nothing about Y. A cheap add-on bought by almost everybody has
a high confidence with any antecedent but a lift near 1; acting on it gains
nothing. Frequent item sets are found with FP-growth (Han et al. 2000), rules
derived from them with ``mlxtend.frequent_patterns``.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
from mlxtend.frequent_patterns import association_rules, fpgrowth

RULE_COLUMNS = ["antecedent", "consequent", "support", "confidence", "lift", "baskets"]
"""Columns of :func:`cross_selling_rules`."""


def order_baskets(
    orders: pd.DataFrame,
    products: pd.DataFrame,
    devices_as: Literal["line", "product"] = "line",
) -> pd.DataFrame:
    """One row per order, one boolean column per item: the basket matrix.

    Parameters
    ----------
    orders
        ``fact_order`` (order_id, product_id).
    products
        ``dim_product`` (product_id, product_code, product_line, tier).
    devices_as
        ``"line"`` names a device by its line (``"laptop"``), so that the three
        tiers count as one item; ``"product"`` keeps every product apart.
        Accessories and services are always named by their product code.

    Returns
    -------
    pandas.DataFrame
        Boolean matrix indexed by order_id; columns are item names, sorted.

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": [1, 1, 2], "product_id": [7, 26, 8]})
    >>> products = pd.DataFrame({"product_id": [7, 8, 26],
    ...     "product_code": ["laptop_basic", "laptop_plus", "wireless_mouse"],
    ...     "product_line": ["laptop", "laptop", "laptop"], "tier": ["basic", "plus", "add_on"]})
    >>> order_baskets(orders, products).astype(int).to_dict("list")
    {'laptop': [1, 1], 'wireless_mouse': [1, 0]}
    """
    catalogue = products.set_index("product_id")
    is_device = catalogue["tier"] != "add_on"
    if devices_as == "line":
        names = catalogue["product_code"].where(~is_device, catalogue["product_line"])
    elif devices_as == "product":
        names = catalogue["product_code"]
    else:
        raise ValueError(f'"devices_as" must be "line" or "product", got {devices_as!r}')
    items = orders[["order_id"]].assign(item=orders["product_id"].map(names).to_numpy())
    if items["item"].isna().any():
        unknown = orders.loc[items["item"].isna().to_numpy(), "product_id"].iloc[0]
        raise ValueError(f"product_id {unknown} of fact_order is not in dim_product")
    matrix = pd.crosstab(items["order_id"], items["item"]) > 0
    matrix.columns.name = None
    return matrix.sort_index(axis=1)


def cross_selling_rules(
    baskets: pd.DataFrame,
    min_support: float = 0.002,
    min_confidence: float = 0.05,
    max_items: int = 2,
) -> pd.DataFrame:
    """Association rules from a basket matrix, best lift first.

    Parameters
    ----------
    baskets
        Boolean basket matrix (:func:`order_baskets`).
    min_support
        Smallest share of baskets an item set must appear in (0 … 1).
    min_confidence
        Smallest confidence of a reported rule (0 … 1).
    max_items
        Largest item set considered (2: rules with one item on each side).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RULE_COLUMNS`: ``antecedent`` and ``consequent`` (item names
        joined by " + "), ``support``, ``confidence`` and ``lift`` as defined above,
        and ``baskets``, the number of orders containing both sides.

    Examples
    --------
    >>> baskets = pd.DataFrame({"laptop": [1, 1, 1, 0], "mouse": [1, 1, 0, 0],
    ...                         "cable": [0, 1, 0, 1]}).astype(bool)
    >>> rules = cross_selling_rules(baskets, min_support=0.25, min_confidence=0.5)
    >>> best = rules.iloc[0]
    >>> best["antecedent"], best["consequent"], float(best["confidence"])
    ('mouse', 'laptop', 1.0)
    >>> round(float(best["lift"]), 3)
    1.333
    """
    if not 0 < min_support <= 1 or not 0 <= min_confidence <= 1:
        raise ValueError("min_support must lie in (0, 1] and min_confidence in [0, 1]")
    frequent = fpgrowth(
        baskets.astype(bool), min_support=min_support, use_colnames=True, max_len=max_items
    )
    if len(frequent) == 0 or frequent["itemsets"].map(len).max() < 2:
        return pd.DataFrame(columns=RULE_COLUMNS)
    rules = association_rules(frequent, metric="confidence", min_threshold=min_confidence)
    table = pd.DataFrame(
        {
            "antecedent": rules["antecedents"].map(lambda s: " + ".join(sorted(s))),
            "consequent": rules["consequents"].map(lambda s: " + ".join(sorted(s))),
            "support": rules["support"].astype(float),
            "confidence": rules["confidence"].astype(float),
            "lift": rules["lift"].astype(float),
            "baskets": (rules["support"] * len(baskets)).round().astype(int),
        }
    )
    table = table.sort_values(
        ["lift", "confidence", "antecedent", "consequent"], ascending=[False, False, True, True]
    )
    return table.reset_index(drop=True)[RULE_COLUMNS]
