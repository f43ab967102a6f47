"""Campaign success: uplift against the control group, incremental contribution, ROI."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from crmsim.analytics.campaign_success import campaign_outcomes, campaign_results
from crmsim.analytics.group_differences import mean_difference, share_difference


def _tiny() -> dict[str, pd.DataFrame]:
    """One campaign, 4 contacted (customers 1-4) and 2 held back (5, 6), window 1-10 March."""
    campaigns = pd.DataFrame(
        {
            "campaign_id": [7],
            "campaign_name": ["2024-Q1 retention"],
            "campaign_type": ["retention"],
            "end_date": [dt.date(2024, 3, 10)],
        }
    )
    contacts = pd.DataFrame(
        {
            "campaign_id": [7] * 6,
            "customer_id": [1, 2, 3, 4, 5, 6],
            "date_key": [20240301] * 6,
            "is_control": [False] * 4 + [True] * 2,
            "cost_eur": [2.0] * 4 + [0.0] * 2,
        }
    )
    orders = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3, 5, 6],
            # 1 buys twice inside; 2 inside; 3 after the window; 5 inside; 6 before the contact
            "date_key": [20240302, 20240310, 20240305, 20240311, 20240304, 20240228],
            "revenue_eur": [100.0, 50.0, 80.0, 500.0, 60.0, 70.0],
            "cost_eur": [60.0, 30.0, 40.0, 300.0, 40.0, 40.0],
        }
    )
    responses = pd.DataFrame(
        {
            "campaign_id": [7, 7],
            "customer_id": [1, 4],
            "order_id": [11.0, np.nan],  # 4 accepted an offer without an order
            "incentive_cost_eur": [5.0, 20.0],
        }
    )
    months = pd.DataFrame(
        {
            "customer_id": [4, 6, 2],
            "month_key": [20240301, 20240301, 20240501],
            "churned": [True, True, True],
        }
    )
    return {
        "campaigns": campaigns,
        "contacts": contacts,
        "orders": orders,
        "responses": responses,
        "months": months,
    }


def test_outcomes_count_only_the_response_window():
    data = _tiny()
    out = campaign_outcomes(data["contacts"], data["campaigns"], data["orders"], data["months"])
    assert out["bought"].tolist() == [True, True, False, False, True, False]
    assert out["revenue_eur"].tolist() == [150.0, 80.0, 0.0, 0.0, 60.0, 0.0]
    assert out["contribution_eur"].tolist() == [60.0, 40.0, 0.0, 0.0, 20.0, 0.0]
    assert out["churned"].tolist() == [0.0, 0.0, 0.0, 1.0, 0.0, 1.0]  # 2 churns in May


def test_results_by_hand():
    data = _tiny()
    out = campaign_outcomes(data["contacts"], data["campaigns"], data["orders"], data["months"])
    (row,) = campaign_results(out, data["campaigns"], data["contacts"], data["responses"]).to_dict(
        "records"
    )
    assert (row["treated"], row["control"]) == (4, 2)
    assert row["response_rate"] == pytest.approx(2 / 4)  # responses only exist for the contacted
    assert row["buy_rate_treatment"] == pytest.approx(0.5)
    assert row["buy_rate_control"] == pytest.approx(0.5)
    assert row["uplift"] == pytest.approx(0.0)
    assert row["uplift_low"] < 0 < row["uplift_high"]
    # contribution per head: treatment (60 + 40) / 4 = 25, control 20 / 2 = 10 → 4 × 15 = 60 EUR
    assert row["incremental_contribution_eur"] == pytest.approx(60.0)
    assert row["cost_eur"] == pytest.approx(8.0 + 20.0)  # contacts + incentive without an order
    assert row["roi"] == pytest.approx((60.0 - 28.0) / 28.0)
    assert row["churn_change"] == pytest.approx(0.25 - 0.5)
    assert row["campaign_type"] == "retention"


def test_results_split_by_segment():
    data = _tiny()
    out = campaign_outcomes(data["contacts"], data["campaigns"], data["orders"])
    segments = pd.Series({1: "A", 2: "A", 5: "A", 3: "B", 4: "B", 6: "B"})
    table = campaign_results(out, data["campaigns"], data["contacts"], data["responses"], segments)
    by = table.set_index("segment")
    assert by.loc["A", "treated"] == 2 and by.loc["A", "control"] == 1
    assert by.loc["A", "uplift"] == pytest.approx(1.0 - 1.0)
    assert by.loc["B", "uplift"] == pytest.approx(0.0 - 0.0)
    assert by.loc["B", "cost_eur"] == pytest.approx(4.0 + 20.0)
    assert table["churn_change"].isna().all()  # no customer months given


def test_share_difference_interval_is_newcombes():
    # Newcombe (1998), example (a), method 10: 56/70 − 48/80 = 0.2 with interval 0.0524 .. 0.3339
    d = share_difference(56, 70, 48, 80)
    assert d.value == pytest.approx(0.2)
    assert d.low == pytest.approx(0.0524, abs=1e-4) and d.high == pytest.approx(0.3339, abs=1e-4)
    assert np.isnan(share_difference(0, 0, 1, 3).value)  # an empty group: unknown


def test_mean_difference_matches_welch():
    from scipy import stats

    rng = np.random.default_rng(3)
    a, b = rng.normal(10, 2, 40), rng.normal(9, 4, 25)
    d = mean_difference(a, b)
    welch = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    assert d.low == pytest.approx(welch.low) and d.high == pytest.approx(welch.high)


def test_on_the_default_dataset_retention_effects_are_small_and_uncertain(crm_tables):
    t = crm_tables
    out = campaign_outcomes(
        t["fact_campaign_contact"], t["dim_campaign"], t["fact_order"], t["fact_customer_month"]
    )
    table = campaign_results(
        out, t["dim_campaign"], t["fact_campaign_contact"], t["fact_campaign_response"]
    )
    assert len(table) == t["dim_campaign"].shape[0]
    assert (table["treated"] + table["control"]).sum() == len(t["fact_campaign_contact"])
    acquisition = table[table["campaign_type"] == "acquisition"]
    assert (acquisition["buy_rate_treatment"] > acquisition["buy_rate_control"]).mean() > 0.7
    assert (table["uplift_low"] <= table["uplift"]).all()
    assert (table["uplift"] <= table["uplift_high"]).all()
