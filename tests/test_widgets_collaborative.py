"""Chapter 04 panels and the pooling experiment: hand-checked figures and quick answers."""

from __future__ import annotations

import time

import pytest

from crmsim.analytics.deflection import deflection_comparison, with_solve_share
from crmsim.analytics.media_pooling import design_summary, pooling_comparison, pooling_scenarios
from crmsim.errors import InputError
from crmsim.scenario import SCENARIO_FOLDER, load_scenario
from crmsim.warehouse import read_tables
from crmsim.widgets.agent_desktop import AgentDesktopPanel, call_list
from crmsim.widgets.self_service import (
    SelfServiceCase,
    SelfServicePanel,
    self_service_break_even,
)


def test_break_even_by_hand():
    # 100,000 requests, 20 % try self-service, 50 % solved: 10,000 kept from agents at 4 EUR
    case = SelfServiceCase(100_000, 0.2, 0.5, 4.0, 0.5, 20_000.0, 5_000.0)
    result = self_service_break_even(case)
    assert result.deflected == 10_000
    assert result.cost_without_eur == 400_000
    # 90,000 × 4 + 20,000 × 0.5 + 25,000 = 395,000
    assert result.cost_with_eur == 395_000
    assert result.saving_eur == 5_000
    assert result.break_even_solve == pytest.approx((25_000 / 20_000 + 0.5) / 4.0)
    # per request the margin is 0.2 × (0.5 × 4 − 0.5) = 0.3 EUR: 25,000 / 0.3 requests
    assert result.break_even_requests == pytest.approx(25_000 / 0.3)
    never = self_service_break_even(SelfServiceCase(solve=0.05, session_cost_eur=0.5))
    assert never.break_even_requests == float("inf") and never.saving_eur < 0
    with pytest.raises(ValueError, match="solve must be a share"):
        self_service_break_even(SelfServiceCase(solve=1.5))


def test_the_self_service_panel_answers_at_once():
    panel = SelfServicePanel()
    started = time.perf_counter()
    panel.set(solve=0.2, upkeep_eur=300_000.0)
    assert time.perf_counter() - started < 0.3
    assert panel.result == self_service_break_even(panel.case)
    assert "never" in panel.figures.value or panel.result.break_even_solve <= 1
    with pytest.raises(KeyError, match="unknown control"):
        panel.set(wallet=3)


def test_the_agent_desktop_shows_the_caller_and_answers_at_once():
    tables = read_tables("data")
    panel = AgentDesktopPanel(tables, calls=4)
    callers = call_list(tables, 4)
    assert [value for _, value in panel.picker.options] == callers
    for customer in callers:
        started = time.perf_counter()
        panel.pick(customer)
        assert time.perf_counter() - started < 0.3
        view = panel.view
        assert view.customer_id == customer
        assert not view.open_complaints["resolved"].any()
        bought = set(
            tables["fact_order"]
            .query("customer_id == @customer")["product_id"]
            .map(tables["dim_product"].set_index("product_id")["product_code"])
        )
        assert not bought & set(view.offers["product_code"])  # offers are not owned yet
        assert str(customer) in panel.screen.value


def test_one_media_neutral_pool_serves_better_than_separate_queues():
    designs = pooling_scenarios(phone_agents=5, chat_agents=4)
    assert designs["separate"].agent_count == designs["pooled"].agent_count == 9
    result = pooling_comparison(range(3), days=1)
    summary = design_summary(result.runs)
    assert summary.loc["pooled", "service_level"] > summary.loc["separate", "service_level"]
    assert result.service_level_gain.low > 0
    assert result.asa_reduction_s.value > 0
    offered = result.runs.pivot(index="seed", columns="design", values="offered")
    assert (offered["pooled"] == offered["separate"]).all()  # same customers in both designs


def test_a_weaker_faq_sends_more_contacts_to_the_agents():
    center = load_scenario(SCENARIO_FOLDER / "multichannel-cic.yaml")
    table = deflection_comparison(center, solve_shares=(0.75, 0.45), seeds=range(2))
    strong, weak = table.iloc[0], table.iloc[1]
    sessions = center.channels["self_service"].daily_volume
    # about 30 % more of the sessions escalate: within a fifth of that arithmetic
    assert weak["live_contacts"] - strong["live_contacts"] == pytest.approx(0.3 * sessions, rel=0.2)
    assert weak["service_level"] < strong["service_level"]
    assert with_solve_share(center, 0.1).channels["self_service"].self_service.solve_share == 0.1
    with pytest.raises(InputError, match="solve_share must be a share"):
        with_solve_share(center, 1.5)
    with pytest.raises(InputError, match="has no self-service channel"):
        with_solve_share(pooling_scenarios()["pooled"], 0.5)
