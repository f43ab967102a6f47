"""Association rules: hand-checked figures, and the planted cross-selling affinities recovered."""

from __future__ import annotations

import pandas as pd
import pytest

from crmsim.analytics.basket_rules import RULE_COLUMNS, cross_selling_rules, order_baskets
from crmsim.lifecycle.products import known_cross_sell_pairs


def test_support_confidence_and_lift_by_hand():
    # 10 baskets: laptop in 5, mouse in 4 (3 of them with a laptop), cable in 8 (4 with a laptop)
    baskets = pd.DataFrame(
        {
            "laptop": [1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
            "mouse": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
            "cable": [1, 1, 1, 1, 0, 1, 1, 1, 1, 0],
        }
    ).astype(bool)
    rules = cross_selling_rules(baskets, min_support=0.1, min_confidence=0.0)
    assert list(rules.columns) == RULE_COLUMNS
    rule = rules.set_index(["antecedent", "consequent"]).loc[("laptop", "mouse")]
    assert rule["support"] == pytest.approx(0.3)
    assert rule["confidence"] == pytest.approx(3 / 5)
    assert rule["lift"] == pytest.approx((3 / 5) / (4 / 10))
    assert rule["baskets"] == 3
    cable = rules.set_index(["antecedent", "consequent"]).loc[("laptop", "cable")]
    # cable is in almost every basket: high confidence, but lift below 1 — nothing to act on
    assert cable["confidence"] == pytest.approx(0.8) and cable["lift"] == pytest.approx(1.0)
    assert rules["lift"].is_monotonic_decreasing


def test_no_frequent_pairs_gives_an_empty_table():
    baskets = pd.DataFrame({"a": [1, 0, 0], "b": [0, 1, 0]}).astype(bool)
    assert cross_selling_rules(baskets, min_support=0.3).empty
    with pytest.raises(ValueError, match="min_support"):
        cross_selling_rules(baskets, min_support=0)


def test_baskets_name_devices_by_line_or_product_and_refuse_unknown_products():
    orders = pd.DataFrame({"order_id": [1, 1, 2], "product_id": [1, 22, 2]})
    products = pd.DataFrame(
        {
            "product_id": [1, 2, 22],
            "product_code": ["smartphone_basic", "smartphone_plus", "phone_case"],
            "product_line": ["smartphone"] * 3,
            "tier": ["basic", "plus", "add_on"],
        }
    )
    assert list(order_baskets(orders, products).columns) == ["phone_case", "smartphone"]
    by_product = order_baskets(orders, products, devices_as="product")
    assert list(by_product.columns) == ["phone_case", "smartphone_basic", "smartphone_plus"]
    with pytest.raises(ValueError, match="product_id 99"):
        order_baskets(pd.DataFrame({"order_id": [3], "product_id": [99]}), products)


def test_the_planted_affinities_are_recovered(crm_tables):
    baskets = order_baskets(crm_tables["fact_order"], crm_tables["dim_product"])
    rules = cross_selling_rules(baskets)
    truth = known_cross_sell_pairs()
    found = truth.merge(
        rules,
        left_on=["product_line", "product_code"],
        right_on=["antecedent", "consequent"],
        how="left",
    )
    assert found["confidence"].notna().all(), "every planted device → add-on rule is found"
    # confidence of line → add-on estimates the planted same-order probability
    error = (found["confidence"] - found["same_order_probability"]).abs()
    assert error.max() < 0.05
    assert (found["lift"] > 2).all()
    # and the strongest rules by lift are planted pairs, not chance
    top = rules.head(10)
    planted = set(zip(truth["product_line"], truth["product_code"], strict=True))
    pairs = {tuple(sorted(p)) for p in planted}
    assert all(
        tuple(sorted((a, c))) in pairs
        for a, c in zip(top["antecedent"], top["consequent"], strict=True)
    )
