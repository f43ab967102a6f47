"""The campaign planner: one campaign from a cached quarter start, fast and within budget."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from crmsim.analytics.campaign_policies import policy_summary
from crmsim.errors import InputError
from crmsim.lifecycle.policies import fixed_plan
from crmsim.lifecycle.policy_snapshot import CampaignPlan, market_snapshot, simulate_campaign
from crmsim.widgets.campaign_planner import CampaignPlannerPanel, campaign_summary


@pytest.fixture(scope="module")
def snapshot():
    return market_snapshot(fixed_plan, customers=800, years=1, seed=4, quarter=2)


def test_the_snapshot_knows_only_the_past_and_holds_every_propensity(snapshot):
    assert snapshot.quarter == 2
    assert snapshot.knowledge.as_of == pd.Timestamp("2024-01-01") + pd.Timedelta(days=182, hours=9)
    people = snapshot.people
    assert len(people) == 800
    for column in ("respond_retention_phone", "leave_phone", "buy_without_cross_sell"):
        assert people[column].between(0, 1).all()
    assert people["eligible_acquisition"].sum() == (people["status"] == "prospect").sum()


def test_a_campaign_stays_within_budget_and_the_control_group_never_responds(snapshot):
    plan = CampaignPlan("retention", "letter", 20.0, budget_eur=100.0, control_share=0.3)
    rows = simulate_campaign(snapshot, plan)
    assert rows["cost_eur"].sum() <= 100.0
    assert rows.loc[~rows["is_control"], "cost_eur"].eq(1.2).all()
    assert not rows.loc[rows["is_control"], "responded"].any()
    assert 0.15 < rows["is_control"].mean() < 0.45
    again = simulate_campaign(snapshot, plan)
    pd.testing.assert_frame_equal(rows, again)


def test_consent_channels_reach_only_people_who_opted_in(snapshot):
    rows = simulate_campaign(snapshot, CampaignPlan("cross_sell", "email", 0.15, 10_000.0))
    consent = snapshot.people.set_index("customer_id")["consent"]
    assert consent.loc[rows["customer_id"]].all()


def test_a_bigger_offer_wins_more_responses_from_the_same_people(snapshot):
    small = simulate_campaign(snapshot, CampaignPlan("up_sell", "letter", 0.02, 5000.0, 0.2))
    large = simulate_campaign(snapshot, CampaignPlan("up_sell", "letter", 0.30, 5000.0, 0.2))
    assert (small["customer_id"].to_numpy() == large["customer_id"].to_numpy()).all()
    assert large["responded"].sum() > small["responded"].sum()
    assert (large["responded"] >= small["responded"]).all()  # common random numbers


def test_the_summary_puts_control_beside_treatment(snapshot):
    rows = simulate_campaign(snapshot, CampaignPlan("retention", "phone", 20.0, 3000.0, 0.3))
    s = campaign_summary(rows)
    assert s.treated + s.control == len(rows)
    assert s.cost_eur == pytest.approx(6.5 * s.treated)
    assert s.uplift.low <= s.uplift.value <= s.uplift.high
    assert s.uplift.value == pytest.approx(s.buy_rate_treatment - s.buy_rate_control)
    assert s.roi == pytest.approx((s.incremental_contribution_eur - s.cost_eur) / s.cost_eur)


def test_the_panel_answers_within_a_fraction_of_a_second(snapshot):
    panel = CampaignPlannerPanel(snapshot)
    timings = []
    for kind, channel in (("retention", "phone"), ("cross_sell", "mobile"), ("win_back", "letter")):
        start = time.perf_counter()
        panel.set(campaign_type=kind, channel=channel, budget_eur=2000.0)
        timings.append(time.perf_counter() - start)
        assert "treatment" in panel.result_html.value and "control" in panel.result_html.value
    assert max(timings) < 1.0
    panel.set(campaign_type="retention", offer=0.2)
    assert panel.plan.offer == pytest.approx(20.0)
    with pytest.raises(KeyError, match="unknown control"):
        panel.set(colour="red")


def test_bad_plans_are_refused_with_one_line(snapshot):
    with pytest.raises(InputError, match="channel must be one of"):
        simulate_campaign(snapshot, CampaignPlan(channel="fax"))
    with pytest.raises(InputError, match="budget_eur must be >= 0"):
        simulate_campaign(snapshot, CampaignPlan(budget_eur=-1.0))
    with pytest.raises(InputError, match='"quarter" must be from 1'):
        market_snapshot(fixed_plan, 200, 1, 1, quarter=0)


def test_policy_summary_pairs_each_policy_with_the_baseline_on_the_same_seed():
    rows = []
    for seed, base, better in ((1, 100.0, 150.0), (2, 300.0, 330.0), (3, 200.0, 240.0)):
        for policy, value in (("everybody", base), ("model", better)):
            rows.append({"policy": policy, "seed": seed, "quarter": 3, "final": value})
    table = policy_summary(pd.DataFrame(rows), "everybody", value="final")
    assert table.index[0] == "model"
    assert table.loc["model", "vs_baseline_eur"] == pytest.approx(40.0)
    assert table.loc["model", "vs_baseline_low_eur"] > 0  # paired: the seeds' spread cancels
    assert table.loc["model", "low_eur"] < 100.0
    assert np.isclose(table.loc["everybody", "vs_baseline_eur"], 0.0)
    with pytest.raises(ValueError, match="baseline"):
        policy_summary(pd.DataFrame(rows), "nobody", value="final")
