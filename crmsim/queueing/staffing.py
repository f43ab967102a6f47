"""Staffing (Personalbedarfsplanung): how many agents a service-level target needs."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crmsim.errors import InputError
from crmsim.queueing import _checks
from crmsim.queueing.erlang_bc import erlang_c_metrics
from crmsim.queueing.metrics import QueueMetrics
from crmsim.time_units import MINUTES_PER_HOUR

if TYPE_CHECKING:  # pandas and SciPy load on first use: `crmsim erlang` starts fast
    import pandas as pd

STAFFING_TABLE_COLUMNS = (
    "agents",
    "offered_load_erl",
    "p_wait",
    "asa_s",
    "service_level",
    "abandon_rate",
    "occupancy",
)


@dataclass(frozen=True)
class StaffingPlan:
    """The agents a target needs, on the phones and on the roster.

    Attributes
    ----------
    agents_on_phones : int
        Fewest agents logged in and taking calls that meet every target.
    scheduled_headcount : int
        Agents to schedule so that, after shrinkage, ``agents_on_phones``
        remain: ceil(agents_on_phones / (1 - shrinkage)).
    shrinkage : float
        Share of paid time not available for calls (Ausfallquote: breaks,
        training, sickness), 0 ≤ shrinkage < 1.
    limited_by : str
        The target that the next smaller number of agents would miss:
        ``"service_level"``, ``"max_occupancy"``, both joined by ``" and "``,
        or ``"minimum of one agent"`` when a single agent already meets both.
    metrics : QueueMetrics
        Key figures with ``agents_on_phones`` agents.
    """

    agents_on_phones: int
    scheduled_headcount: int
    shrinkage: float
    limited_by: str
    metrics: QueueMetrics


def staffing_for_service_level(
    calls_per_hour: float,
    aht_min: float,
    target_sl: float,
    sl_threshold_s: float = 20.0,
    patience_min: float | None = None,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
) -> StaffingPlan:
    """Fewest agents that reach ``target_sl`` within ``sl_threshold_s``, with the reasons.

    Uses Erlang C, or Erlang A when ``patience_min`` is given. At least one
    agent is always on the phones, also for an empty hour.

    Parameters
    ----------
    calls_per_hour : float
        Arrival rate in calls per hour, ≥ 0.
    aht_min : float
        Average handling time in minutes, > 0.
    target_sl : float
        Required service level, 0 < target_sl < 1 (0.8 for "80/20").
    sl_threshold_s : float
        Service-level threshold in seconds, ≥ 0 (20 for "80/20").
    patience_min : float or None
        Mean caller patience in minutes (> 0) for Erlang A; ``None`` for Erlang C.
    max_occupancy : float or None
        Highest acceptable occupancy, 0 < max_occupancy ≤ 1; ``None`` for no limit.
    shrinkage : float
        Share of paid time not spent on the phones, 0 ≤ shrinkage < 1.

    Returns
    -------
    StaffingPlan

    Examples
    --------
    >>> plan = staffing_for_service_level(200, 3, 0.8, shrinkage=0.3)
    >>> plan.agents_on_phones, plan.scheduled_headcount
    (14, 20)
    """
    rate_per_h = _checks.calls_per_hour(calls_per_hour)
    handling_min = _checks.aht_min(aht_min)
    target = _checks.real_number(
        "target_sl", target_sl, low=0.0, high=1.0, low_open=True, high_open=True
    )
    threshold_s = _checks.sl_threshold_s(sl_threshold_s)
    patience = None if patience_min is None else _checks.patience_min(patience_min)
    occupancy_cap = 1.0
    if max_occupancy is not None:
        occupancy_cap = _checks.real_number(
            "max_occupancy", max_occupancy, low=0.0, high=1.0, low_open=True
        )
    off_phone = _checks.real_number("shrinkage", shrinkage, low=0.0, high=1.0, high_open=True)

    load = rate_per_h / MINUTES_PER_HOUR * handling_min

    def missed(agents: int) -> list[str]:
        return _missed_targets(
            agents, rate_per_h, handling_min, threshold_s, patience, target, occupancy_cap
        )

    # A number known to miss the target: Erlang C needs more agents than the load, and
    # under Erlang A the service level is at most the answered share ≤ agents / load.
    too_few = math.floor(load) if patience is None else max(0, math.ceil(target * load) - 2)
    # Service level rises and occupancy falls with every added agent, so double the
    # step until the targets are met, then bisect between a miss and a hit.
    enough = too_few + 1
    while missed(enough):
        too_few, enough = enough, enough + max(1, enough - too_few) * 2
    while enough - too_few > 1:
        middle = (too_few + enough) // 2
        if missed(middle):
            too_few = middle
        else:
            enough = middle
    limited_by = " and ".join(missed(enough - 1)) if enough > 1 else "minimum of one agent"
    return StaffingPlan(
        agents_on_phones=enough,
        scheduled_headcount=_headcount(enough, off_phone),
        shrinkage=off_phone,
        limited_by=limited_by,
        metrics=_metrics(enough, rate_per_h, handling_min, threshold_s, patience),
    )


def agents_for_service_level(
    calls_per_hour: float,
    aht_min: float,
    target_sl: float,
    sl_threshold_s: float = 20.0,
    patience_min: float | None = None,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
) -> int:
    """Agents to schedule for a service-level target (the headcount as a plain int).

    Same parameters as :func:`staffing_for_service_level`; returns its
    ``scheduled_headcount``, which equals the agents on the phones when
    ``shrinkage`` is 0.

    Examples
    --------
    >>> agents_for_service_level(200, 3, 0.8)
    14
    """
    return staffing_for_service_level(
        calls_per_hour,
        aht_min,
        target_sl,
        sl_threshold_s=sl_threshold_s,
        patience_min=patience_min,
        max_occupancy=max_occupancy,
        shrinkage=shrinkage,
    ).scheduled_headcount


def staffing_table(
    calls_per_hour: float,
    aht_min: float,
    agents: range | Sequence[int],
    sl_threshold_s: float = 20.0,
    patience_min: float | None = None,
) -> pd.DataFrame:
    """Key figures for several staffing levels, one row per number of agents.

    Parameters
    ----------
    calls_per_hour, aht_min, sl_threshold_s, patience_min
        As in :func:`staffing_for_service_level`.
    agents : range or sequence of int
        Staffing levels to evaluate, each ≥ 1, at least one.

    Returns
    -------
    pandas.DataFrame
        Columns ``agents`` (int), ``offered_load_erl`` (Erlang), ``p_wait``,
        ``asa_s`` (seconds, mean wait of answered calls), ``service_level``,
        ``abandon_rate`` and ``occupancy`` (shares 0–1), in the given order.
        Under Erlang C a row with agents ≤ offered load has no steady state;
        it shows the long-run limit of that growing queue: ``p_wait`` 1,
        ``service_level`` 0, ``occupancy`` 1, ``abandon_rate`` 0 and
        ``asa_s`` NaN (the mean wait is unbounded).
    """
    if isinstance(agents, str | bytes) or not isinstance(agents, range | Sequence):
        raise InputError(f'"agents" must be a range or a sequence of integers, got {agents!r}')
    levels = [_checks.agent_count(f"agents[{i}]", n) for i, n in enumerate(agents)]
    if not levels:
        raise InputError('"agents" must contain at least one staffing level, got none')
    rate_per_h = _checks.calls_per_hour(calls_per_hour)
    handling_min = _checks.aht_min(aht_min)
    threshold_s = _checks.sl_threshold_s(sl_threshold_s)
    patience = None if patience_min is None else _checks.patience_min(patience_min)
    load = rate_per_h / MINUTES_PER_HOUR * handling_min

    rows = []
    for n in levels:
        if patience is None and n <= load:
            rows.append((n, load, 1.0, math.nan, 0.0, 0.0, 1.0))
            continue
        m = _metrics(n, rate_per_h, handling_min, threshold_s, patience)
        rows.append((n, load, m.p_wait, m.asa_s, m.service_level, m.abandon_rate, m.occupancy))
    import pandas as pd

    table = pd.DataFrame(rows, columns=list(STAFFING_TABLE_COLUMNS))
    return table.astype({"agents": "int64"})


def _metrics(
    agents: int,
    calls_per_hour: float,
    aht_min: float,
    sl_threshold_s: float,
    patience_min: float | None,
) -> QueueMetrics:
    if patience_min is None:
        return erlang_c_metrics(agents, calls_per_hour, aht_min, sl_threshold_s)
    from crmsim.queueing.erlang_a import erlang_a_metrics

    return erlang_a_metrics(agents, calls_per_hour, aht_min, patience_min, sl_threshold_s)


def _missed_targets(
    agents: int,
    calls_per_hour: float,
    aht_min: float,
    sl_threshold_s: float,
    patience_min: float | None,
    target: float,
    occupancy_cap: float,
) -> list[str]:
    """Targets that ``agents`` agents miss (an unstable Erlang C queue misses both)."""
    load = calls_per_hour / MINUTES_PER_HOUR * aht_min
    if patience_min is None and agents <= load:
        return ["service_level", "max_occupancy"] if occupancy_cap < 1.0 else ["service_level"]
    metrics = _metrics(agents, calls_per_hour, aht_min, sl_threshold_s, patience_min)
    missed = []
    if metrics.service_level < target:
        missed.append("service_level")
    if metrics.occupancy > occupancy_cap:
        missed.append("max_occupancy")
    return missed


def _headcount(agents_on_phones: int, shrinkage: float) -> int:
    """ceil(agents / (1 - shrinkage)), robust to rounding such as 7 / 0.7 = 10.000000000000002."""
    exact = agents_on_phones / (1.0 - shrinkage)
    return math.ceil(round(exact, 9))
