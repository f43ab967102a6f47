"""Targeting policies compared on the same customers: quarter by quarter, over seeds.

Each policy runs on the same base with the same seed
(:func:`crmsim.lifecycle.run_with_policy`); the response draws are common random
numbers, so a difference between two policies on one seed is mostly the
policies' doing. One seed is still one market: the comparison is repeated over
seeds and the mean difference to a baseline gets a Student-t interval over the
seeds (paired: both policies of a pair see the same seed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from crmsim.analytics.estimates import mean_estimate
from crmsim.lifecycle.policies import ready_made_policies
from crmsim.lifecycle.policy_run import Policy, run_with_policy

COMPARISON_COLUMNS = [
    "policy",
    "seed",
    "quarter",
    "contacted",
    "cost_eur",
    "incremental_contribution_eur",
    "cumulative_incremental_eur",
    "contribution_eur",
    "cumulative_contribution_eur",
]
"""Columns of :func:`compare_policies`."""


def compare_policies(
    policies: Sequence[str] | Callable[[], dict[str, Policy]],
    seeds: Iterable[int],
    customers: int = 1500,
    years: int = 1,
) -> pd.DataFrame:
    """Run every policy on every seed; one row per policy, seed and quarter.

    Parameters
    ----------
    policies
        Names of ready-made policies
        (:func:`~crmsim.lifecycle.policies.ready_made_policies`), or a function that
        returns fresh policies by name (learning policies must start empty on each seed).
    seeds
        Seeds of the runs.
    customers, years
        Size of the base and length of each run.

    Returns
    -------
    pandas.DataFrame
        The columns :data:`COMPARISON_COLUMNS` (money in EUR): the quarter's
        contacts and campaign cost, the true incremental contribution of its
        campaigns and the company's contribution (margin − campaign, incentive
        and complaint cost), each with its running total.
    """
    if callable(policies):
        make_policies = policies
    else:
        names = tuple(policies)

        def make_policies() -> dict[str, Policy]:
            return ready_made_policies(names)

    frames = []
    for seed in seeds:
        for name, policy in make_policies().items():
            run = run_with_policy(policy, customers, years, seed)
            frames.append(run.quarters.assign(policy=name, seed=seed))
    return pd.concat(frames, ignore_index=True)[COMPARISON_COLUMNS]


def policy_summary(
    comparison: pd.DataFrame, baseline: str, value: str = "cumulative_incremental_eur"
) -> pd.DataFrame:
    """Per policy: the final ``value`` over seeds, and the paired difference to ``baseline``.

    Returns
    -------
    pandas.DataFrame
        One row per policy (index): ``seeds``, ``mean_eur``, ``low_eur``,
        ``high_eur`` (95 % interval of the mean over seeds), ``vs_baseline_eur``
        with ``vs_baseline_low_eur`` and ``vs_baseline_high_eur``, sorted by the mean.
    """
    if baseline not in set(comparison["policy"]):
        raise ValueError(f"baseline {baseline!r} is not among the policies")
    last = comparison[comparison["quarter"] == comparison["quarter"].max()]
    final = last.pivot(index="seed", columns="policy", values=value)
    rows = {}
    for policy in final.columns:
        level = mean_estimate(final[policy].to_numpy())
        gap = mean_estimate((final[policy] - final[baseline]).to_numpy())
        rows[policy] = {
            "seeds": level.n,
            "mean_eur": level.value,
            "low_eur": level.low,
            "high_eur": level.high,
            "vs_baseline_eur": gap.value,
            "vs_baseline_low_eur": gap.low,
            "vs_baseline_high_eur": gap.high,
        }
    table = pd.DataFrame.from_dict(rows, orient="index").sort_values("mean_eur", ascending=False)
    table.index.name = "policy"
    return table
