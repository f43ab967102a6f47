"""Customer analytics on tiny hand-checkable cases: ABC, Lorenz, RFM, portfolio, 360°, profiling."""

from __future__ import annotations

import doctest
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmsim.analytics import (
    abc_analysis,
    customer360,
    portfolio,
    profiling,
    rfm,
)
from crmsim.errors import InputError
from crmsim.warehouse import read_tables

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return read_tables(ROOT / "data")


@pytest.mark.parametrize("module", [abc_analysis, rfm, portfolio, profiling, customer360])
def test_docstring_examples(module, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    failures, tried = doctest.testmod(module, verbose=False)
    assert tried > 0
    assert failures == 0


# -- ABC, Lorenz, Gini ---------------------------------------------------------------------------
def test_abc_classes_by_hand() -> None:
    # shares 50, 30, 10, 6, 4 %: cumulative before = 0, 50, 80, 90, 96
    value = pd.Series({"a": 50.0, "b": 30.0, "c": 10.0, "d": 6.0, "e": 4.0})
    table = abc_analysis.abc_classes(value)
    assert table["abc_class"].tolist() == ["A", "A", "B", "B", "C"]
    assert table["cumulative_share"].round(2).tolist() == [0.5, 0.8, 0.9, 0.96, 1.0]
    stricter = abc_analysis.abc_classes(value, thresholds=(0.5, 0.9))
    assert stricter["abc_class"].tolist() == ["A", "B", "B", "C", "C"]


def test_abc_refuses_bad_thresholds_and_negative_values() -> None:
    with pytest.raises(InputError, match="0 < A < B < 1"):
        abc_analysis.abc_classes(pd.Series([1.0]), thresholds=(0.9, 0.8))
    with pytest.raises(InputError, match="must not be negative"):
        abc_analysis.abc_classes(pd.Series([5.0, -1.0]))


def test_gini_equals_twice_the_area_above_the_lorenz_curve() -> None:
    rng = np.random.default_rng(4)
    value = pd.Series(rng.gamma(0.7, 100.0, 400))
    curve = abc_analysis.lorenz_curve(value)
    area = np.trapezoid(curve["value_share"], curve["customer_share"])
    assert abc_analysis.gini(value) == pytest.approx(1.0 - 2.0 * area, abs=1e-9)
    assert abc_analysis.gini(pd.Series([1.0, 1.0])) == 0.0


def test_top_share_by_hand() -> None:
    value = pd.Series([40.0, 30.0, 10.0, 10.0, 5.0, 5.0, 0.0, 0.0, 0.0, 0.0])
    assert abc_analysis.top_share(value, 0.2) == pytest.approx(0.7)
    assert abc_analysis.top_share(value, 1.0) == pytest.approx(1.0)
    with pytest.raises(InputError, match="top must be a share"):
        abc_analysis.top_share(value, 20)


def test_the_warehouse_is_not_80_20(tables) -> None:
    value = abc_analysis.customer_value(tables["fact_order"])
    share = abc_analysis.top_share(value, 0.2)
    assert 0.5 < share < 0.65  # the chapter's lesson: about 58 %, not 80 %


# -- RFM ------------------------------------------------------------------------------------------
def test_rfm_table_by_hand() -> None:
    lines = pd.DataFrame(
        {
            "order_id": [1, 1, 2, 3, 4],
            "customer_id": [7, 7, 7, 8, 8],
            "order_ts": pd.to_datetime(
                ["2024-01-01", "2024-01-01", "2024-03-01", "2024-02-01", "2024-05-01"]
            ),
            "revenue_eur": [100.0, 20.0, 30.0, 500.0, 999.0],
        }
    )
    table = rfm.rfm_table(lines, "2024-04-01")  # order 4 is after the cut-off
    assert table.loc[7].tolist() == [31.0, 2.0, 150.0]
    assert table.loc[8].tolist() == [60.0, 1.0, 500.0]


def test_every_score_pair_has_exactly_one_first_segment() -> None:
    for r in range(1, 6):
        for fm in range(1, 6):
            matching = [
                rule.name
                for rule in rfm.SEGMENT_RULES
                if rule.r_range[0] <= r <= rule.r_range[1]
                and rule.fm_range[0] <= fm <= rule.fm_range[1]
            ]
            assert matching, (r, fm)
            assert rfm.segment_of(r, fm) == matching[0]
    with pytest.raises(InputError, match="integers from 1 to 5"):
        rfm.segment_of(0, 3)


def test_segment_sizes_add_up(tables) -> None:
    scored = rfm.rfm_scores(rfm.rfm_table(tables["fact_order"], "2026-01-01"))
    sizes = rfm.segment_sizes(scored)
    assert sizes["customers"].sum() == len(scored)
    assert sizes["revenue_share"].sum() == pytest.approx(1.0)
    champions = scored[scored["segment"] == "champions"]
    assert (champions["r_score"] >= 4).all() and (champions["fm_score"] >= 4).all()


# -- portfolio ------------------------------------------------------------------------------------
def test_portfolio_thresholds_are_inclusive() -> None:
    value = pd.Series({1: 500.0, 2: 499.99})
    satisfaction = pd.Series({1: 6.0, 2: 5.99})
    table = portfolio.value_satisfaction_portfolio(value, satisfaction, 500.0, 6.0)
    assert table["field"].tolist() == ["key", "critical"]
    assert "over-servicing" in portfolio.FIELDS[2].action


def test_portfolio_counts_follow_the_thresholds(tables) -> None:
    value = abc_analysis.customer_value(tables["fact_order"])
    satisfaction = portfolio.satisfaction_per_customer(tables["fact_survey_response"])
    low = portfolio.portfolio_summary(
        portfolio.value_satisfaction_portfolio(value, satisfaction, 100.0, 5.0)
    )
    high = portfolio.portfolio_summary(
        portfolio.value_satisfaction_portfolio(value, satisfaction, 5000.0, 5.0)
    )
    assert low["customers"].sum() == high["customers"].sum()
    assert high.loc["key", "customers"] < low.loc["key", "customers"]
    with pytest.raises(InputError, match="0-10 scale"):
        portfolio.value_satisfaction_portfolio(value, satisfaction, 100.0, 60.0)


def test_satisfaction_rejects_an_unknown_survey() -> None:
    surveys = pd.DataFrame({"customer_id": [1], "survey_type": ["ces"], "score": [3]})
    with pytest.raises(InputError, match="unknown survey_type"):
        portfolio.satisfaction_per_customer(surveys)


# -- 360° and profiling ---------------------------------------------------------------------------
def test_customer_360_matches_the_fact_tables(tables) -> None:
    orders = tables["fact_order"]
    customer = int(orders["customer_id"].value_counts().index[0])
    view = customer360.customer_360(tables, customer)
    assert view.key_figures["revenue_eur"] == pytest.approx(
        orders.loc[orders["customer_id"] == customer, "revenue_eur"].sum(), abs=0.01
    )
    assert len(view.orders) == orders.loc[orders["customer_id"] == customer, "order_id"].nunique()
    assert "truth" not in " ".join(view.master) + " ".join(view.potential)
    with pytest.raises(InputError, match="not in dim_customer"):
        customer360.customer_360(tables, 10**9)


def test_profiling_answers(tables) -> None:
    extremes = profiling.most_and_least_profitable(tables["fact_order"], 5)
    most = extremes[extremes["rank_group"] == "most"]["contribution_eur"]
    least = extremes[extremes["rank_group"] == "least"]["contribution_eur"]
    assert most.min() >= least.max()
    performance = profiling.campaign_performance(tables)
    assert set(performance.index) <= {
        "acquisition",
        "cross_sell",
        "up_sell",
        "retention",
        "win_back",
    }
    assert performance["buy_rate_contacted"].between(0, 1).all()
    assert performance.loc["cross_sell", "uplift"] > 0
    index = profiling.products_for_groups(
        tables["fact_order"], tables["dim_product"], tables["dim_customer"], "segment"
    )
    assert (index > 0).all().all()
    assert [step.name for step in profiling.PROFILING_CYCLE] == [
        "select",
        "prepare",
        "analyse",
        "act",
        "results",
        "feedback",
    ]


def test_widgets_answer_quickly(tables) -> None:
    import time

    from crmsim.widgets.customer_views import Customer360Panel, PortfolioPanel

    panel = Customer360Panel(tables, 5)
    started = time.perf_counter()
    panel.picker.value = 17
    assert time.perf_counter() - started < 0.3
    assert "Customer 17" in panel.page.value
    value = abc_analysis.customer_value(tables["fact_order"])
    satisfaction = portfolio.satisfaction_per_customer(tables["fact_survey_response"])
    board = PortfolioPanel(value, satisfaction, 1000.0, 7.0)
    before = board.portfolio["field"].value_counts()
    started = time.perf_counter()
    board.value_slider.value = 3000.0
    assert time.perf_counter() - started < 0.3
    after = board.portfolio["field"].value_counts()
    assert after["key"] < before["key"]
    assert "over-servicing" in board.table.value
