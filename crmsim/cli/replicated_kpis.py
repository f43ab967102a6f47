"""KPIs over several seeds: the mean per KPI and channel with its 95 % confidence interval.

One simulated day is one draw of chance; a lecturer who compares two settings
needs to know how far a figure moves between seeds. ``crmsim callcenter
--replications N`` runs the same scenario with the seeds ``seed, seed + 1, …``
and reports each KPI as the mean with its Student-t interval
(:func:`crmsim.analytics.mean_estimate`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import pandas as pd

    from crmsim.sim import SimulationResult

#: Confidence level of the intervals.
CONFIDENCE = 0.95


class ReplicatedKpis(NamedTuple):
    """The KPIs of one scenario over one or more seeds.

    Attributes
    ----------
    mean
        KPIs per channel (:func:`crmsim.analytics.kpi_summary` columns); with one seed the
        run's own figures, otherwise their means over the seeds.
    low, high
        Bounds of the 95 % confidence interval of each mean (same shape as ``mean``),
        ``None`` for a single run; NaN where a KPI is undefined in all but one run; a KPI
        that is the same in every run has the interval [value, value].
    seeds
        The seeds run, in order.
    first
        The run of the first seed (its tables go into ``--out``); the other runs are
        not kept, only their KPIs.
    runs
        The KPI summary of each seed, in the order of ``seeds``.
    """

    mean: pd.DataFrame
    low: pd.DataFrame | None
    high: pd.DataFrame | None
    seeds: list[int]
    first: SimulationResult
    runs: list[pd.DataFrame]


def replicate(
    run_one: Callable[[int], tuple[SimulationResult, pd.DataFrame]], seed: int, replications: int
) -> ReplicatedKpis:
    """Run ``run_one`` for ``replications`` seeds from ``seed`` and summarise the KPIs.

    Parameters
    ----------
    run_one
        Simulates one seed and returns the run and its KPI summary.
    seed
        The first seed; the others follow as ``seed + 1``, ``seed + 2``, …
    replications
        Number of runs (≥ 1).
    """
    seeds = [seed + r for r in range(replications)]
    first, first_kpis = run_one(seeds[0])
    tables = [first_kpis] + [run_one(s)[1] for s in seeds[1:]]  # later runs: KPIs only
    if replications == 1:
        return ReplicatedKpis(first_kpis, None, None, seeds, first, tables)
    mean, low, high = _estimates(tables)
    return ReplicatedKpis(mean, low, high, seeds, first, tables)


def _estimates(tables: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Mean, low and high bound of each cell over ``tables`` (rows and columns of the first)."""
    from crmsim.analytics.estimates import mean_estimate

    template = tables[0].astype(float)
    mean, low, high = (template * math.nan for _ in range(3))
    for channel in template.index:
        for key in template.columns:
            values = [
                float(t.loc[channel, key]) if channel in t.index else math.nan for t in tables
            ]
            estimate = mean_estimate(values, CONFIDENCE)
            mean.loc[channel, key] = estimate.value
            low.loc[channel, key], high.loc[channel, key] = estimate.low, estimate.high
    return mean, low, high


def paired_difference(
    first: ReplicatedKpis, second: ReplicatedKpis
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``second − first`` per seed, then its mean and 95 % interval over the seeds.

    Both runs of a seed saw the same customers (common random numbers), so the
    difference varies far less between seeds than either run: the paired interval is
    the honest measure of "one more agent". Only channels and KPIs of both are kept.

    Returns
    -------
    tuple of pandas.DataFrame
        Mean difference, low and high bound; rows the shared channels.
    """
    channels = [c for c in first.mean.index if c in second.mean.index]
    keys = [k for k in first.mean.columns if k in second.mean.columns]
    differences = [
        b.loc[channels, keys].astype(float) - a.loc[channels, keys].astype(float)
        for a, b in zip(first.runs, second.runs, strict=True)
    ]
    return _estimates(differences)


def plain(value: Any) -> Any:
    """A JSON-ready Python number (NaN becomes None, whole floats become int)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if math.isnan(number):
            return None
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return value


def per_channel(kpis: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """KPIs per channel as plain Python numbers."""
    return {
        str(channel): {str(key): plain(value) for key, value in row.items()}
        for channel, row in kpis.iterrows()
    }


def intervals(summary: ReplicatedKpis) -> dict[str, dict[str, list[Any]]]:
    """``{channel: {kpi: [low, high]}}`` of the replicated KPIs (empty for a single run)."""
    if summary.low is None or summary.high is None:
        return {}
    return {
        str(channel): {
            str(key): [plain(summary.low.loc[channel, key]), plain(summary.high.loc[channel, key])]
            for key in summary.mean.columns
        }
        for channel in summary.mean.index
    }
