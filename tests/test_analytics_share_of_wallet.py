"""Share of wallet per customer and segment, and who moved up a tier."""

from __future__ import annotations

import pandas as pd
import pytest

from crmsim.analytics.wallet_share import (
    share_of_wallet,
    share_of_wallet_by_segment,
    tier_moves,
)
from crmsim.warehouse import read_tables

CUSTOMERS = pd.DataFrame(
    {
        "customer_id": [1, 2, 3],
        "segment": ["private_standard", "private_standard", "business_small"],
        "estimated_wallet_eur": [730.5, 365.25, 1000.0],
        "acquisition_date": pd.to_datetime(["2019-05-01", "2024-07-02", None]),
    }
)


def test_share_of_wallet_by_hand():
    orders = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 1],
            "order_ts": pd.to_datetime(["2024-03-01", "2025-06-01", "2024-08-01", "2026-01-05"]),
            "revenue_eur": [400.0, 330.5, 109.4, 999.0],
        }
    )
    table = share_of_wallet(orders, CUSTOMERS, "2024-01-01", "2025-12-31").set_index("customer_id")
    assert list(table.index) == [1, 2]  # 3 was never won; the order after the end is left out
    # 2024-01-01 … 2025-12-31 are 730 days = 730 / 365.25 years; wallet 730.5 EUR a year.
    assert table.loc[1, "years"] == pytest.approx(730 / 365.25)
    assert table.loc[1, "revenue_eur"] == 730.5
    assert table.loc[1, "share_of_wallet"] == pytest.approx(730.5 / (730.5 * 730 / 365.25), 1e-4)
    # customer 2 from 2024-07-02: 547 days of a 365.25 EUR wallet = 547 EUR
    assert table.loc[2, "wallet_eur"] == pytest.approx(547.0)
    assert table.loc[2, "share_of_wallet"] == pytest.approx(109.4 / 547.0)
    with pytest.raises(ValueError, match="must end after it starts"):
        share_of_wallet(orders, CUSTOMERS, "2025-01-01", "2024-01-01")


def test_segment_shares_pool_revenue_over_wallet():
    table = pd.DataFrame(
        {
            "segment": ["a", "a", "a", "b"],
            "revenue_eur": [100.0, 0.0, 500.0, 30.0],
            "wallet_eur": [200.0, 100.0, 300.0, 60.0],
            "share_of_wallet": [0.5, 0.0, 500 / 300, 0.5],
        }
    )
    result = share_of_wallet_by_segment(table).set_index("segment")
    assert result.loc["a", "pooled_share"] == pytest.approx(1.0)  # 600 / 600
    assert result.loc["a", "median_share"] == 0.5
    assert result.loc["a", "above_wallet"] == pytest.approx(1 / 3)
    assert result.loc["a", "pooled_low"] <= 1.0 <= result.loc["a", "pooled_high"]
    assert result.loc["b", "pooled_low"] == result.loc["b", "pooled_high"] == 0.5


def test_tier_moves_compare_the_first_order_with_later_ones():
    products = pd.DataFrame(
        {
            "product_id": [1, 2, 3, 4],
            "product_line": ["laptop", "laptop", "laptop", "laptop"],
            "tier": ["basic", "plus", "premium", "add_on"],
            "tier_rank": [1, 2, 3, 0],
        }
    )
    orders = pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 2, 2, 3],
            "order_id": [10, 11, 12, 20, 21, 30],
            "order_ts": pd.to_datetime(
                ["2024-01-01", "2024-05-01", "2024-09-01", "2024-01-01", "2024-02-01", "2024-01-01"]
            ),
            "product_id": [2, 4, 3, 3, 1, 1],
        }
    )
    moves = tier_moves(orders, products).set_index("customer_id")
    assert list(moves.index) == [1, 2]  # customer 1's add-on order is no device; 3 bought once
    assert moves.loc[1, "first_tier"] == "plus" and moves.loc[1, "highest_later_tier"] == "premium"
    assert bool(moves.loc[1, "moved_up"]) and not bool(moves.loc[2, "moved_up"])


def test_observed_shares_follow_the_hidden_spending_in_the_committed_data():
    tables = read_tables("data")
    table = share_of_wallet(
        tables["fact_order"], tables["dim_customer"], "2024-01-01", "2026-01-01"
    )
    truth = tables["truth_customer"].set_index("customer_id")
    expected_spend = truth["purchase_rate_per_year"] * truth["mean_order_value_eur"]
    wallet_per_year = table["wallet_eur"] / table["years"]
    expected_share = table["customer_id"].map(expected_spend) / wallet_per_year
    assert table["share_of_wallet"].corr(expected_share, method="spearman") > 0.15
    segments = share_of_wallet_by_segment(table)
    assert segments["pooled_share"].between(0.2, 1.2).all()
    assert (tier_moves(tables["fact_order"], tables["dim_product"])["moved_up"].mean()) > 0.3
