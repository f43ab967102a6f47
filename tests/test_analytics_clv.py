"""CLV: fit_bgnbd recovers known parameters; summaries and predictions on hand-checkable cases."""

from __future__ import annotations

import doctest
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmsim.analytics import clv, clv_simulation
from crmsim.analytics.clv import BgNbdParameters, fit_bgnbd, purchase_summary
from crmsim.analytics.clv_simulation import CDNOW_PARAMETERS, simulate_bgnbd
from crmsim.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


def test_docstring_examples() -> None:
    for module in (clv, clv_simulation):
        failures, tried = doctest.testmod(module, verbose=False)
        assert tried > 0
        assert failures == 0


def test_purchase_summary_by_hand() -> None:
    lines = pd.DataFrame(
        {
            "order_id": [1, 1, 2, 3, 4, 5],
            "customer_id": [1, 1, 1, 1, 2, 2],
            "order_ts": pd.to_datetime(
                ["2024-01-01", "2024-01-01", "2024-01-08", "2024-01-22", "2024-01-15", "2024-03-01"]
            ),
            "revenue_eur": [10.0, 5.0, 20.0, 40.0, 99.0, 1.0],
        }
    )
    summary = purchase_summary(lines, "2024-01-29").set_index("customer_id")
    # customer 1: first order day 0, repeats on days 7 and 21, end day 28 (weeks: 1, 3, 4)
    assert summary.loc[1].tolist() == [2.0, 3.0, 4.0, 30.0]
    # customer 2: one order on day 14 of the period; its clock starts then
    assert summary.loc[2].tolist() == [0.0, 0.0, 2.0, 0.0]


def test_simulated_histories_follow_the_model() -> None:
    data = simulate_bgnbd(CDNOW_PARAMETERS, 20000, seed=5)
    assert (data["recency"] <= data["T"]).all()
    assert ((data["frequency"] == 0) == (data["recency"] == 0)).all()
    # E[p] = a/(a+b) and E[λ] = r/alpha
    assert data["true_dropout"].mean() == pytest.approx(0.793 / (0.793 + 2.426), rel=0.03)
    assert data["true_rate"].mean() == pytest.approx(0.243 / 4.414, rel=0.06)
    # CDNOW: about 60 % of the cohort never bought again in 39 weeks; the model gives similar
    assert 0.5 < (data["frequency"] == 0).mean() < 0.7


@pytest.mark.slow
def test_fit_bgnbd_recovers_the_cdnow_parameters() -> None:
    """Fader, Hardie & Lee (2005): r=0.243, alpha=4.414, a=0.793, b=2.426 (weeks).

    Data of 10,000 customers drawn from exactly these parameters; averaged over three
    seeds the estimates must lie close to the truth (a and b are the least precise).
    """
    fits = [fit_bgnbd(simulate_bgnbd(CDNOW_PARAMETERS, 10000, seed)) for seed in (11, 12, 13)]
    mean = BgNbdParameters(*np.mean(np.array(fits), axis=0))
    assert mean.r == pytest.approx(0.243, rel=0.08)
    assert mean.alpha == pytest.approx(4.414, rel=0.10)
    assert mean.a == pytest.approx(0.793, rel=0.20)
    assert mean.b == pytest.approx(2.426, rel=0.25)
    assert mean.mean_dropout_probability == pytest.approx(0.246, abs=0.02)


def test_fit_bgnbd_refuses_a_bad_summary() -> None:
    with pytest.raises(InputError, match="lacks column"):
        fit_bgnbd(pd.DataFrame({"frequency": [1], "recency": [2.0]}))
    with pytest.raises(InputError, match="recency must not exceed T"):
        fit_bgnbd(pd.DataFrame({"frequency": [1], "recency": [5.0], "T": [2.0]}))


@pytest.mark.slow
def test_predictions_on_the_warehouse_track_the_holdout_and_the_truth() -> None:
    from crmsim.warehouse import read_tables

    tables = read_tables(ROOT / "data")
    orders = tables["fact_order"]
    summary = purchase_summary(orders, "2025-01-01", "2024-01-01")
    result = clv.customer_lifetime_values(summary, horizon_weeks=365.0 / 7.0)
    customers = result.customers.set_index("customer_id")
    actual = clv.holdout_purchases(orders, "2025-01-01", "2026-01-01").reindex(
        customers.index, fill_value=0
    )
    # the total of the hold-out year within 15 % of the prediction
    assert customers["expected_purchases"].sum() == pytest.approx(actual.sum(), rel=0.15)
    truth = tables["truth_customer"].set_index("customer_id").reindex(customers.index)
    # P(alive) separates the customers alive at the end of the calibration year
    alive = truth["churn_date"].isna() | (truth["churn_date"] >= pd.Timestamp("2025-01-01"))
    assert customers.loc[alive, "p_alive"].mean() > customers.loc[~alive, "p_alive"].mean() + 0.1
    # the fitted mean purchase rate per year near the hidden one of these customers
    per_year = result.bgnbd.mean_purchase_rate * 365.25 / 7.0
    assert per_year == pytest.approx(truth["purchase_rate_per_year"].mean(), rel=0.25)
    assert (customers["clv_eur"] >= 0).all()
    # the closed form of P(alive) agrees with PyMC-Marketing's
    for row in customers.head(20).itertuples():
        closed = clv.probability_alive(result.bgnbd, row.frequency, row.recency, row.T)
        assert closed == pytest.approx(row.p_alive, abs=1e-6)
    assert result.gamma_gamma.q > 1
