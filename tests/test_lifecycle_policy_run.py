"""Campaigns as a policy: reproducible runs, common random numbers, learning policies that pay."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmsim.errors import InputError
from crmsim.lifecycle.policies import (
    UpliftModelPolicy,
    contact_everybody,
    fixed_plan,
    random_targeting,
)
from crmsim.lifecycle.policy_market import common_uniforms, offer_factor
from crmsim.lifecycle.policy_outcomes import SELECTION_COLUMNS
from crmsim.lifecycle.policy_run import CampaignDecision, QuarterView, run_with_policy

PEOPLE, SEED = 1200, 5


@pytest.fixture(scope="module")
def everybody():
    return run_with_policy(contact_everybody, PEOPLE, 1, SEED)


@pytest.fixture(scope="module")
def random_half():
    return run_with_policy(random_targeting(0.5), PEOPLE, 1, SEED)


@pytest.fixture(scope="module")
def uplift():
    return run_with_policy(UpliftModelPolicy(), PEOPLE, 1, SEED)


def test_the_same_policy_and_seed_give_the_same_run(everybody):
    again = run_with_policy(contact_everybody, PEOPLE, 1, SEED)
    pd.testing.assert_frame_equal(again.selections, everybody.selections)
    pd.testing.assert_frame_equal(again.quarters, everybody.quarters)
    pd.testing.assert_frame_equal(again.knowledge.orders, everybody.knowledge.orders)


def test_two_policies_see_the_same_customers_and_the_same_luck(everybody, random_half):
    drawn = everybody.people.columns.drop(["acquired_min", "acquisition_channel"])
    pd.testing.assert_frame_equal(everybody.people[drawn], random_half.people[drawn])
    a, b = everybody.selections, random_half.selections
    # Acquisition follows the plan in both: the first quarter's acquisition is identical.
    first = a["campaign_id"].min()
    pd.testing.assert_frame_equal(
        a[a["campaign_id"] == first].reset_index(drop=True),
        b[b["campaign_id"] == first].reset_index(drop=True),
    )
    # The first campaign in which the two policies select differently (the first quarter's
    # retention): whoever both contacted got the same propensities and the same answer.
    differing = [
        c
        for c in sorted(set(a["campaign_id"]))
        if set(a.loc[a["campaign_id"] == c, "customer_id"])
        != set(b.loc[b["campaign_id"] == c, "customer_id"])
    ]
    mine = a[a["campaign_id"] == differing[0]].set_index("customer_id")
    theirs = b[b["campaign_id"] == differing[0]].set_index("customer_id")
    assert len(theirs) < len(mine)
    both = mine.index.intersection(theirs.index)
    assert len(both) >= 50
    columns = ["p_respond", "p_leave", "p_buy_without", "bought_if_contacted", "is_control"]
    pd.testing.assert_frame_equal(mine.loc[both, columns], theirs.loc[both, columns])


def test_a_persons_draw_does_not_depend_on_who_else_is_selected():
    ids = np.arange(1, 2001)
    alone = common_uniforms(7, 1, "retention", ids[:10], "respond")
    among = common_uniforms(7, 1, "retention", ids, "respond")[:10]
    np.testing.assert_array_equal(alone, among)
    other = common_uniforms(7, 2, "retention", ids, "respond")
    assert abs(np.corrcoef(among, other[:10])[0, 1]) < 0.9
    assert 0.47 < common_uniforms(1, 0, "cross_sell", ids, "leave").mean() < 0.53


def test_the_uplift_model_beats_random_targeting_on_incremental_contribution(uplift, random_half):
    assert uplift.incremental_contribution_eur > random_half.incremental_contribution_eur


def test_selections_carry_the_hidden_truth_and_the_four_customer_types(everybody):
    s = everybody.selections
    assert list(s.columns) == SELECTION_COLUMNS
    assert set(s["customer_type"]) == {"persuadable", "sure thing", "lost cause", "sleeping dog"}
    dogs = s[s["customer_type"] == "sleeping dog"]
    assert (dogs["p_leave"] > 0).all()
    controls = s[s["is_control"]]
    assert (controls["cost_eur"] == 0).all() and not controls["responded"].any()
    assert (controls["incremental_contribution_eur"] == 0).all()
    share = s.groupby("campaign_id")["is_control"].mean()
    assert share.between(0.05, 0.3).all()


def test_the_policy_sees_only_the_past_and_the_quarterly_accounts_add_up(everybody):
    seen: list[pd.Timestamp] = []

    def spy(view: QuarterView) -> list[CampaignDecision]:
        seen.append(view.knowledge.as_of)
        if len(view.knowledge.orders):
            assert view.knowledge.orders["order_ts"].max() <= view.knowledge.as_of
        assert "purchase_rate_per_year" not in view.knowledge.customers
        return []

    run = run_with_policy(spy, 300, 1, 1)
    assert len(seen) == 4 and seen == sorted(seen)
    assert run.selections.empty and run.quarters["cost_eur"].sum() == 0
    q = everybody.quarters
    assert len(q) == 4
    assert q["cumulative_contribution_eur"].iloc[-1] == pytest.approx(q["contribution_eur"].sum())
    assert everybody.total_contribution_eur > 0


def test_the_fixed_plan_is_one_policy_and_contacts_part_of_each_segment(everybody):
    plan = run_with_policy(fixed_plan, 400, 1, 2)
    assert plan.selections["campaign_type"].nunique() == 5
    assert set(plan.selections["campaign_id"]) <= set(plan.knowledge.campaigns["campaign_id"])


def test_bad_decisions_are_refused_with_one_clear_line():
    def shouting(view: QuarterView) -> list[CampaignDecision]:
        first = view.campaigns.iloc[0]
        return [CampaignDecision(int(first["campaign_id"]), np.array([1]), "fax", 0.1)]

    with pytest.raises(InputError, match='channel must be one of .* got "fax"'):
        run_with_policy(shouting, 200, 1, 1)

    def strangers(view: QuarterView) -> list[CampaignDecision]:
        first = view.campaigns.iloc[0]
        return [CampaignDecision(int(first["campaign_id"]), np.array([99_999]), "letter", 0.1)]

    with pytest.raises(InputError, match="not in the base"):
        run_with_policy(strangers, 200, 1, 1)
    with pytest.raises(InputError, match='"customers" must be from 100'):
        run_with_policy(contact_everybody, 10, 1, 1)
    with pytest.raises(ValueError, match="offer must be >= 0"):
        offer_factor("cross_sell", -0.1)


def test_rfm_targeting_contacts_only_the_chosen_segments_and_names_are_checked():
    from crmsim.lifecycle.policies import ready_made_policies, rfm_targeting

    rfm = run_with_policy(rfm_targeting(("champions",)), 500, 1, 2)
    everybody = run_with_policy(contact_everybody, 500, 1, 2)
    kinds = ["cross_sell", "up_sell", "retention"]
    picked = rfm.selections[rfm.selections["campaign_type"].isin(kinds)]
    broad = everybody.selections[everybody.selections["campaign_type"].isin(kinds)]
    assert 0 < len(picked) < len(broad)
    assert set(ready_made_policies(("uplift model", "random half"))) == {
        "uplift model",
        "random half",
    }
    with pytest.raises(ValueError, match="unknown policy 'psychic'"):
        ready_made_policies(("psychic",))
