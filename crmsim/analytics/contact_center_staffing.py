"""Staffing curves: how the service level moves with staffing, simulated beside Erlang C or A.

Each staffing level is simulated several times with common random numbers; the
KPIs of each run come from :func:`crmsim.analytics.contact_center.kpi_summary`
(through :meth:`crmsim.sim.SimulationResult.kpis`), and the curve reports their
mean with its standard error next to the queueing formula.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmsim.errors import InputError
from crmsim.queueing import erlang_a_metrics, erlang_c_metrics
from crmsim.scenario.quick import mmc_scenario
from crmsim.sim.run import simulate


def staffing_curve(
    calls_per_hour: float,
    aht_min: float,
    agents: Sequence[int],
    patience_min: float | None = None,
    hours: float = 8.0,
    replications: int = 5,
    sl_threshold_s: float = 20.0,
    seed: int = 1,
) -> pd.DataFrame:
    """Service level against staffing: simulated (mean of replications) beside Erlang C or A.

    Each staffing level is simulated ``replications`` times with the same seeds
    (common random numbers), so the curve is smooth and differences between
    levels come from the staffing, not from chance.

    Parameters
    ----------
    calls_per_hour, aht_min:
        Arrival rate (calls per hour) and mean handling time (minutes).
    agents:
        Staffing levels to try.
    patience_min:
        Mean patience (minutes); ``None`` compares with Erlang C, otherwise Erlang A.
    hours:
        Simulated hours per replication (after a 30-minute warm-up).
    replications:
        Independent runs per staffing level (≥ 2).
    sl_threshold_s:
        Service-level threshold (seconds).
    seed:
        Seed of the first replication; replication ``r`` uses ``seed + r``.

    Returns
    -------
    pandas.DataFrame
        One row per staffing level: ``agents``, ``offered_load_erl``,
        ``sl_simulated`` (mean), ``sl_se`` (standard error of the mean),
        ``sl_erlang``, ``asa_s_simulated``, ``asa_s_erlang``,
        ``abandon_rate_simulated``, ``abandon_rate_erlang`` (NaN under Erlang C
        when the queue is unstable).
    """
    if replications < 2:
        raise InputError(f'"replications" must be at least 2, got {replications}')
    load = calls_per_hour * aht_min / 60.0
    warmup_min = 30.0
    rows = []
    for count in agents:
        scenario = mmc_scenario(count, calls_per_hour, aht_min, patience_min, sl_threshold_s)
        runs = [
            simulate(scenario, seed=seed + r, horizon_min=warmup_min + hours * 60.0).kpis(
                warmup_min
            )
            for r in range(replications)
        ]
        sl = np.array([run.loc["phone", "service_level"] for run in runs])
        asa = np.array([run.loc["phone", "asa_s"] for run in runs])
        abandon = np.array([run.loc["phone", "abandon_rate"] for run in runs])
        theory = _theory(count, calls_per_hour, aht_min, patience_min, sl_threshold_s, load)
        rows.append(
            {
                "agents": count,
                "offered_load_erl": load,
                "sl_simulated": sl.mean(),
                "sl_se": sl.std(ddof=1) / np.sqrt(replications),
                "sl_erlang": theory[0],
                "asa_s_simulated": asa.mean(),
                "asa_s_erlang": theory[1],
                "abandon_rate_simulated": abandon.mean(),
                "abandon_rate_erlang": theory[2],
            }
        )
    return pd.DataFrame(rows)


def _theory(
    agents: int,
    calls_per_hour: float,
    aht_min: float,
    patience_min: float | None,
    sl_threshold_s: float,
    load: float,
) -> tuple[float, float, float]:
    if patience_min is not None:
        m = erlang_a_metrics(agents, calls_per_hour, aht_min, patience_min, sl_threshold_s)
        return m.service_level, m.asa_s, m.abandon_rate
    if load >= agents:
        return np.nan, np.nan, np.nan
    m = erlang_c_metrics(agents, calls_per_hour, aht_min, sl_threshold_s)
    return m.service_level, m.asa_s, 0.0
