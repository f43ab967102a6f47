"""Customer lifecycle simulation: population, buying, service, complaints, campaigns, churn.

:func:`simulate_shard` runs one block of customers in its own SimPy
environment with its own interaction center; :mod:`crmsim.warehouse` turns
the blocks' event logs into the star schema.
"""

from __future__ import annotations

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.policy_knowledge import CompanyKnowledge
from crmsim.lifecycle.policy_run import (
    CampaignDecision,
    Policy,
    PolicyRunResult,
    QuarterView,
    run_with_policy,
)
from crmsim.lifecycle.products import build_catalogue, known_cross_sell_pairs
from crmsim.lifecycle.shard import ShardResult, simulate_shard

__all__ = [
    "CampaignDecision",
    "CompanyKnowledge",
    "LifecycleParameters",
    "Policy",
    "PolicyRunResult",
    "QuarterView",
    "ShardResult",
    "build_catalogue",
    "known_cross_sell_pairs",
    "run_with_policy",
    "simulate_shard",
]
