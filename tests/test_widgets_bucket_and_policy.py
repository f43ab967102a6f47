"""The leaky-bucket and complaint-policy models on hand-checkable cases, and their panels."""

from __future__ import annotations

import doctest
import math
import time

import pandas as pd
import pytest

from crmsim.analytics import customer_base, policy_mix, value_classes
from crmsim.analytics.customer_base import BucketSettings, leaky_bucket, lever_comparison
from crmsim.analytics.policy_mix import (
    CustomerBase,
    PolicyEffect,
    break_even_by_class,
    break_even_handling_cost,
    break_even_margin,
    effects_from_comparison,
    pure_policy_table,
    simulate_policy_mix,
)
from crmsim.widgets import ComplaintPolicyPanel, LeakyBucketPanel

EFFECTS = {
    "none": PolicyEffect(2.0, 0.5),
    "standardised": PolicyEffect(25.0, 0.4),
    "personal": PolicyEffect(85.0, 0.3),
}
CLASSES = pd.DataFrame(
    {
        "value_class": ["A", "C"],
        "margin_per_customer_year_eur": [2000.0, 100.0],
        "complaints_per_customer_year": [0.3, 0.3],
        "churn_per_customer_year": [0.2, 0.2],
    }
)


@pytest.mark.parametrize("module", [customer_base, policy_mix, value_classes])
def test_docstring_examples(module) -> None:
    failures, tried = doctest.testmod(module, verbose=False)
    assert tried > 0 and failures == 0


def test_bucket_without_churn_only_fills() -> None:
    table = leaky_bucket(
        BucketSettings(start_customers=100, churn_rate=0.0, new_customers_per_year=10)
    )
    assert table["customers"].tolist() == [100, 110, 120, 130, 140, 150]
    assert (table["lost"] == 0).all()


def test_bucket_two_years_by_hand() -> None:
    settings = BucketSettings(
        start_customers=1000,
        churn_rate=0.5,
        acquisition_cost_eur=100.0,
        new_customers_per_year=100,
        margin_per_customer_year_eur=10.0,
        retention_cost_per_customer_year_eur=0.0,
        discount_rate=0.0,
        years=2,
    )
    table = leaky_bucket(settings)
    # Year 1: lose 500, win 100 → 600; served 1000 - 250 + 50 = 800 years; profit 8000 - 10000.
    assert table.loc[1, ["customers", "customer_years", "profit_eur"]].tolist() == [600, 800, -2000]
    # Year 2: lose 300, win 100 → 400; served 600 - 150 + 50 = 500; profit 5000 - 10000.
    assert table.loc[2, "cumulative_profit_eur"] == -7000
    # Value of the base: 400 customers × 10 / (0 + 0.5) EUR.
    assert table.loc[2, "base_value_eur"] == 8000


def test_the_base_drifts_to_won_over_churn() -> None:
    table = leaky_bucket(BucketSettings(start_customers=0, churn_rate=0.25, years=50))
    assert table["customers"].iloc[-1] == pytest.approx(200 / 0.25, rel=1e-4)


def test_halving_churn_beats_halving_acquisition_cost_for_the_defaults() -> None:
    levers = lever_comparison(BucketSettings())
    assert (
        levers.loc["churn halved", "base_value_eur"]
        > levers.loc["acquisition cost halved", "base_value_eur"]
    )
    assert levers.loc["acquisition cost halved", "customers"] == levers.loc["as set", "customers"]


def test_bucket_settings_refuse_impossible_values() -> None:
    with pytest.raises(ValueError, match='"churn_rate" must be a share from 0 to 1, got 1.5'):
        BucketSettings(churn_rate=1.5)
    with pytest.raises(ValueError, match='"years" must be a whole number from 1 to 50'):
        BucketSettings(years=0)


def test_policy_mix_is_checked_and_common_random_numbers_hold() -> None:
    base = CustomerBase(customers=500)
    with pytest.raises(ValueError, match="three shares ≥ 0 summing to 1"):
        simulate_policy_mix((0.5, 0.6, 0.0), EFFECTS, base)
    first = simulate_policy_mix((0.2, 0.3, 0.5), EFFECTS, base, seed=4)
    assert first == simulate_policy_mix((0.2, 0.3, 0.5), EFFECTS, base, seed=4)
    table = pure_policy_table(EFFECTS, base, seed=4)
    # Same draws: a policy with lower churn never loses more customers.
    assert table.loc["personal", "customers_lost"] <= table.loc["standardised", "customers_lost"]
    assert table.loc["standardised", "customers_lost"] <= table.loc["none", "customers_lost"]


def test_without_complaints_the_policy_does_not_matter() -> None:
    base = CustomerBase(customers=300, complaints_per_customer_year=0.0, churn_per_year=0.0)
    result = simulate_policy_mix((0.0, 0.0, 1.0), EFFECTS, base)
    assert result.customers_lost == 0 and result.complaint_cost_eur == 0
    assert result.profit_eur == pytest.approx(300 * 300.0 * 2)
    assert math.isinf(break_even_margin(EFFECTS, base))


def test_break_even_margin_makes_profits_equal() -> None:
    base = CustomerBase(customers=3000, complaints_per_customer_year=0.3)
    margin = break_even_margin(EFFECTS, base)
    at = CustomerBase(
        customers=3000, complaints_per_customer_year=0.3, margin_per_customer_year_eur=margin
    )
    table = pure_policy_table(EFFECTS, at)
    assert table.loc["personal", "profit_eur"] == pytest.approx(
        table.loc["standardised", "profit_eur"]
    )


def test_break_even_by_class_picks_personal_only_for_valuable_customers() -> None:
    table = break_even_by_class(EFFECTS, CLASSES, customers=2000).set_index("value_class")
    assert table.loc["A", "best_policy"] == "personal"
    assert table.loc["C", "best_policy"] == "none"


def test_break_even_handling_cost_and_effects_from_a_table() -> None:
    assert break_even_handling_cost(20.0, 0.4, 0.3, 500.0) == pytest.approx(70.0)
    table = pd.DataFrame(
        {
            "policy": ["none", "standardised", "personal"],
            "cost_eur": [1.0, 2.0, 3.0],
            "churned_later": [0.3, 0.2, 0.1],
        }
    )
    assert effects_from_comparison(table)["personal"] == PolicyEffect(3.0, 0.1)
    with pytest.raises(ValueError, match="lacks the policies"):
        effects_from_comparison(table.iloc[:2])


def test_leaky_bucket_panel_updates_fast() -> None:
    panel = LeakyBucketPanel(show_plot=False)
    before = panel.kpis["customers"]
    started = time.perf_counter()
    panel.set(churn_rate=0.4)
    assert time.perf_counter() - started < 0.5
    assert panel.kpis["customers"] < before
    assert 'data-kpi="steady_state">500<' in panel.kpi_html.value
    with pytest.raises(KeyError, match="unknown control"):
        panel.set(margin=1)
    panel = LeakyBucketPanel()
    assert panel.plot.outputs[0]["data"]["image/png"]
    assert repr(panel).startswith("LeakyBucketPanel(customers=")


def test_complaint_policy_panel_caps_the_mix_and_answers_fast() -> None:
    panel = ComplaintPolicyPanel(EFFECTS, CLASSES, mix=(0.2, 0.3, 0.5))
    started = time.perf_counter()
    panel.set(personal=0.9)
    assert time.perf_counter() - started < 0.5
    assert panel.mix == pytest.approx((0.0, 0.1, 0.9))
    panel.set(value_class="C")
    assert panel.base.margin_per_customer_year_eur == 100.0
    assert 'data-kpi="break_even"' in panel.result_html.value
    assert "ComplaintPolicyPanel(mix=" in repr(panel)


def test_bucket_settings_measured_in_the_default_dataset() -> None:
    from pathlib import Path

    from crmsim.analytics.customer_base import bucket_settings_from_warehouse
    from crmsim.warehouse import read_tables

    tables = read_tables(Path(__file__).resolve().parents[1] / "data")
    settings = bucket_settings_from_warehouse(tables)
    customers = tables["dim_customer"]
    assert settings.start_customers == int((customers["initial_status"] == "customer").sum())
    # Non-contractual retail loses roughly 10-25 % of its customers a year.
    assert 0.1 < settings.churn_rate < 0.25
    assert settings.acquisition_cost_eur > settings.retention_cost_per_customer_year_eur > 0
    assert 100 < settings.margin_per_customer_year_eur < 1000
