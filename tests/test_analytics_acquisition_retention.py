"""The acquisition/retention cost measure on a tiny hand-made warehouse, and its old import path."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

from crmsim.analytics import acquisition_retention
from crmsim.analytics.acquisition_retention import acquisition_vs_retention, cost_comparison


def tiny_tables() -> dict[str, pd.DataFrame]:
    campaigns = pd.DataFrame(
        {"campaign_id": [1, 2, 3], "campaign_type": ["acquisition", "retention", "cross_sell"]}
    )
    contacts = pd.DataFrame(
        {"campaign_id": [1, 1, 1, 1, 2, 2, 3], "cost_eur": [50.0] * 4 + [5.0, 5.0, 99.0]}
    )
    responses = pd.DataFrame(
        {
            "campaign_id": [1, 1, 2, 3],
            "response_type": ["became_customer", "became_customer", "offer_accepted", "order"],
            "incentive_cost_eur": [10.0, 10.0, 20.0, 7.0],
        }
    )
    complaints = pd.DataFrame({"handling_cost_eur": [18.0, 2.0], "compensation_eur": [10.0, 0.0]})
    months = pd.DataFrame({"is_active": [True] * 24 + [False] * 3})
    return {
        "dim_campaign": campaigns,
        "fact_campaign_contact": contacts,
        "fact_campaign_response": responses,
        "fact_complaint": complaints,
        "fact_customer_month": months,
    }


def test_costs_by_hand() -> None:
    costs = acquisition_vs_retention(tiny_tables())
    # Acquisition: 4 × 50 + 2 × 10 = 220 EUR for 2 customers → 110 EUR each.
    assert costs.acquisition_cost_per_customer_eur == pytest.approx(110.0)
    # Keeping: retention 2 × 5 + 20, complaints 18 + 10 + 2 → 60 EUR over 24 months = 2 years.
    assert costs.retention_cost_per_customer_year_eur == pytest.approx(30.0)
    assert costs.customers_acquired == 2 and costs.customer_years_kept == 2.0
    assert costs.ratio == pytest.approx(110 / 30)


def test_cost_comparison_refuses_empty_denominators() -> None:
    assert cost_comparison(700.0, 7, 100.0, 10.0).ratio == pytest.approx(10.0)
    with pytest.raises(ValueError, match="at least one customer won"):
        cost_comparison(700.0, 0, 100.0, 10.0)


def test_old_import_path_still_works() -> None:
    from crmsim.warehouse.economics import acquisition_vs_retention as old

    assert old is acquisition_vs_retention


def test_docstring_examples() -> None:
    failures, tried = doctest.testmod(acquisition_retention, verbose=False)
    assert tried > 0 and failures == 0


def test_ratio_over_seeds_simulates_one_small_warehouse_per_seed() -> None:
    from crmsim.analytics import cost_ratio_over_seeds, simulate_warehouse

    small = simulate_warehouse(300, 1, seed=5)
    again = simulate_warehouse(300, 1, seed=5)
    pd.testing.assert_frame_equal(small["fact_order"], again["fact_order"])
    assert str(small["fact_complaint"]["complaint_ts"].dtype) == "datetime64[s]"
    per_seed, mean = cost_ratio_over_seeds([5, 6], customers=300, years=1)
    assert per_seed["seed"].tolist() == [5, 6]
    assert mean.n == 2 and mean.value == pytest.approx(per_seed["value"].mean())
    with pytest.raises(ValueError, match='"customers" must be a whole number'):
        simulate_warehouse(0, 1, seed=1)
