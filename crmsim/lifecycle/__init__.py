"""Customer lifecycle simulation: population, buying, service, complaints, campaigns, churn.

:func:`simulate_shard` runs one block of customers in its own SimPy
environment with its own interaction center; :mod:`crmsim.warehouse` turns
the blocks' event logs into the star schema. :func:`run_with_policy` runs a
base quarter by quarter with a targeting policy supplied by the caller.
"""

from __future__ import annotations

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.policies import (
    ResponseModelPolicy,
    UpliftModelPolicy,
    contact_everybody,
    fixed_plan,
    random_targeting,
    ready_made_policies,
    rfm_targeting,
)
from crmsim.lifecycle.policy_knowledge import CompanyKnowledge
from crmsim.lifecycle.policy_run import (
    CampaignDecision,
    Policy,
    PolicyRunResult,
    QuarterView,
    run_with_policy,
)
from crmsim.lifecycle.policy_snapshot import (
    CampaignPlan,
    MarketSnapshot,
    market_snapshot,
    simulate_campaign,
)
from crmsim.lifecycle.products import build_catalogue, known_cross_sell_pairs
from crmsim.lifecycle.shard import ShardResult, simulate_shard

__all__ = [
    "CampaignDecision",
    "CampaignPlan",
    "CompanyKnowledge",
    "LifecycleParameters",
    "MarketSnapshot",
    "Policy",
    "PolicyRunResult",
    "QuarterView",
    "ResponseModelPolicy",
    "ShardResult",
    "UpliftModelPolicy",
    "build_catalogue",
    "contact_everybody",
    "fixed_plan",
    "known_cross_sell_pairs",
    "market_snapshot",
    "random_targeting",
    "ready_made_policies",
    "rfm_targeting",
    "run_with_policy",
    "simulate_campaign",
    "simulate_shard",
]
