"""The complaint-policy experiment and the service-recovery test on a tiny hand-made warehouse."""

from __future__ import annotations

import doctest
import importlib

import pandas as pd
import pytest

from crmsim.analytics.complaint_recovery import service_recovery
from crmsim.analytics.complaints import (
    complaint_outcomes,
    complaint_policy_comparison,
    months_between,
)


def _months(customer: int, keys: list[int], churn_key: int | None, sat: float) -> list[dict]:
    return [
        {
            "customer_id": customer,
            "month_key": key,
            "is_active": churn_key is None or key < churn_key,
            "churned": key == churn_key,
            "satisfaction_index": sat,
        }
        for key in keys
        if churn_key is None or key <= churn_key
    ]


KEYS = [20240101 + 100 * m for m in range(12)] + [20250101 + 100 * m for m in range(12)]


def tiny_warehouse() -> dict[str, pd.DataFrame]:
    """Four complainers (customers 1-4) and two customers without a problem (5, 6)."""
    complaints = pd.DataFrame(
        {
            "complaint_id": [1, 2, 3, 4, 5],
            "customer_id": [1, 2, 3, 4, 1],
            "interaction_id": [11, 12, 13, 14, 15],
            "complaint_ts": pd.to_datetime(
                ["2024-02-10", "2024-03-05", "2024-03-20", "2024-06-01", "2024-09-01"]
            ),
            "trigger": ["product_failure"] * 5,
            "handling_policy": ["none", "personal", "personal", "standardised", "personal"],
            "handling_cost_eur": [2.0, 55.0, 55.0, 18.0, 55.0],
            "compensation_eur": [0.0, 30.0, 30.0, 0.0, 30.0],
            "resolved": [False, True, True, False, True],
        }
    )
    contacts = pd.DataFrame(
        {
            "interaction_id": [11, 12, 13, 14, 15, 16, 17],
            "customer_id": [1, 2, 3, 4, 1, 5, 6],
            "value_class": ["A", "A", "C", "B", "A", "C", "C"],
            "outcome": ["resolved"] * 7,
        }
    )
    months = pd.DataFrame(
        _months(1, KEYS, 20240501, 3.0)  # churns 3 months after its first complaint
        + _months(2, KEYS, None, 8.0)
        + _months(3, KEYS, 20250601, 7.0)  # churns 15 months after: outside a 12-month window
        + _months(4, KEYS, None, 6.0)
        + _months(5, KEYS, 20240301, 9.0)
        + _months(6, KEYS, None, 9.0)
    )
    return {
        "fact_complaint": complaints,
        "fact_interaction": contacts,
        "fact_customer_month": months,
    }


def test_months_between_counts_calendar_months() -> None:
    first = pd.Series([20241101, 20240101])
    later = pd.Series([20250201, 20240101])
    assert months_between(first, later).tolist() == [3, 0]


def test_first_complaint_per_customer_with_its_outcomes() -> None:
    outcomes = complaint_outcomes(tiny_warehouse(), followup_months=12).set_index("customer_id")
    # Customer 1 counts once, with the first complaint (none), not the later personal one.
    assert outcomes.loc[1, "policy"] == "none" and outcomes.loc[1, "value_class"] == "A"
    assert outcomes["churned_later"].to_dict() == {1: True, 2: False, 3: False, 4: False}
    assert outcomes.loc[2, "cost_eur"] == 85.0
    assert outcomes.loc[1, "satisfaction_after"] == 3.0
    # Until the end of the period customer 3's churn counts as later churn.
    whole = complaint_outcomes(tiny_warehouse(), followup_months=None).set_index("customer_id")
    assert whole.loc[3, "churned_later"]
    # Data end in 2025-12: an 18-month window keeps complaints up to 2024-07, 20 months up
    # to 2024-05 (customer 4's complaint of June drops out).
    assert len(complaint_outcomes(tiny_warehouse(), followup_months=18)) == 4
    assert len(complaint_outcomes(tiny_warehouse(), followup_months=20)) == 3


def test_policy_table_by_hand() -> None:
    table = complaint_policy_comparison(tiny_warehouse()).set_index("policy")
    assert table.index.tolist() == ["none", "standardised", "personal"]
    assert table["customers"].tolist() == [1, 1, 2]
    assert table.loc["personal", "cost_eur"] == 85.0
    assert table.loc["personal", "resolved"] == 1.0
    assert table.loc["personal", "satisfaction_after"] == 7.5
    assert table.loc["none", "churned_later"] == 1.0
    assert table.loc["personal", "churned_later_low"] == 0.0
    assert table.loc["personal", "resolved_low"] < 1.0  # two cases prove little
    by_class = complaint_policy_comparison(tiny_warehouse(), by=("value_class", "policy"))
    assert by_class[["value_class", "policy"]].values.tolist() == [
        ["A", "none"],
        ["A", "personal"],
        ["B", "standardised"],
        ["C", "personal"],
    ]


def test_service_recovery_groups_by_hand() -> None:
    table = service_recovery(tiny_warehouse()).set_index("group")
    # No problem: customers 5 (churns in its 3rd month) and 6 (24 months): 1 churn in 27 months.
    assert table.loc["no problem", "customers"] == 2
    assert table.loc["no problem", "customer_months"] == 27
    assert table.loc["no problem", "churn_per_year"] == pytest.approx(1 - (1 - 1 / 27) ** 12)
    # Resolved personally: customers 2 (from 2024-03, 22 months) and 3 (2024-03 to 2025-06, 16).
    assert table.loc["complaint resolved, personal", "customer_months"] == 22 + 16
    assert table.loc["complaint resolved, personal", "satisfaction"] == pytest.approx(7.5)
    assert table.loc["complaint not resolved", "customers"] == 2  # customers 1 and 4
    assert table.loc["complaint resolved, standardised", "customers"] == 0


def test_service_recovery_docstring() -> None:
    # The package exports the function of the same name; test the module itself.
    module = importlib.import_module("crmsim.analytics.complaint_recovery")
    failures, tried = doctest.testmod(module, verbose=False)
    assert tried > 0 and failures == 0


def test_policy_table_as_text() -> None:
    from crmsim.analytics.complaints import policy_table_text

    text = policy_table_text(complaint_policy_comparison(tiny_warehouse()))
    assert text.loc["personal", "cost per complaint (EUR)"] == "85 [85, 85]"
    assert text.loc["none", "churned later"].startswith("100% [")
    assert text.loc["personal", "customers"] == 2


def test_pooling_counts_customers_of_each_warehouse_apart() -> None:
    from crmsim.analytics import pooled_complaint_outcomes, pooled_service_recovery

    warehouses = {1: tiny_warehouse(), 2: tiny_warehouse()}
    outcomes = pooled_complaint_outcomes(warehouses)
    assert outcomes["seed"].tolist() == [1, 1, 1, 1, 2, 2, 2, 2]
    single = service_recovery(tiny_warehouse()).set_index("group")
    pooled = pooled_service_recovery(warehouses).set_index("group")
    assert pooled.loc["no problem", "customers"] == 2 * single.loc["no problem", "customers"]
    assert pooled.loc["no problem", "churn_per_year"] == pytest.approx(
        single.loc["no problem", "churn_per_year"]
    )
    assert pooled.loc["complaint resolved, personal", "satisfaction"] == pytest.approx(7.5)
