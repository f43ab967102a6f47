"""The simulated M/M/c queue agrees with Erlang C, the M/M/c+M queue with Erlang A,
and limited phone lines with Erlang B and the M/M/c/K queue.

Method: independent replications (distinct spawned seeds, fixed in the test),
each run started empty; contacts arriving in the first hour (warm-up,
Einschwingphase) and in the last hour (still undecided when the run stops) are
left out. Per replication we estimate P(wait), ASA, service level and
abandonment rate from the contacts in the window; across replications the
mean must lie within 3 standard errors of the formula. A sanity test shows that
the same check rejects a wrong formula, so the tolerance is tight enough to
matter.

Service-level definitions: the formulas give "answered within t ÷ offered"; the
simulator's KPI table uses "answered within t ÷ (answered + abandoned)". In
these scenarios nothing is blocked and the window holds no open contacts, so
both denominators are the offered contacts and the two are compared directly.
"""

from __future__ import annotations

import doctest
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pytest
from statistics_helpers import (
    compare_with_theory,
    replicate,
    replication_seeds,
    window_estimates,
)

from crmsim.queueing import QueueMetrics, erlang_a_metrics, erlang_b, erlang_c_metrics
from crmsim.queueing.limited_lines import mmck_metrics
from crmsim.scenario import mmc_scenario, scenario_from_dict
from crmsim.sim import simulate

WARMUP_MIN = 60.0
COOLDOWN_MIN = 60.0
REPLICATIONS = 16
THRESHOLDS_S = (10.0, 20.0, 60.0)
KPI_COLUMNS = ("p_wait", "asa_s", "service_level", "abandon_rate", "occupancy")


@dataclass(frozen=True)
class QueueCase:
    """One textbook queue: ``patience_min=None`` is M/M/c, a number M/M/c+M."""

    agents: int
    calls_per_hour: float
    aht_min: float
    patience_min: float | None
    horizon_min: float
    base_seed: int

    def theory(self, sl_threshold_s: float = 20.0, agents: int | None = None) -> QueueMetrics:
        """The formula's figures, optionally for a different number of agents."""
        c = self.agents if agents is None else agents
        if self.patience_min is None:
            return erlang_c_metrics(c, self.calls_per_hour, self.aht_min, sl_threshold_s)
        return erlang_a_metrics(
            c, self.calls_per_hour, self.aht_min, self.patience_min, sl_threshold_s
        )


ERLANG_C_CASES = {
    "14 agents, 10 Erlang": QueueCase(14, 200.0, 3.0, None, 2880.0, 101),
    "5 agents, 4 Erlang": QueueCase(5, 60.0, 4.0, None, 4320.0, 102),
}
ERLANG_A_CASES = {
    "14 agents, patient callers": QueueCase(14, 200.0, 3.0, 5.0, 2880.0, 201),
    "8 agents, overloaded, impatient": QueueCase(8, 200.0, 3.0, 2.0, 1440.0, 202),
}


@cache
def replications(case: QueueCase) -> pd.DataFrame:
    """Per-replication window estimates (``<figure>_<threshold>`` for the service
    levels) and the simulator's own KPI table figures (``kpi_<figure>``)."""
    scenario = mmc_scenario(case.agents, case.calls_per_hour, case.aht_min, case.patience_min)

    def estimate(seed: np.random.SeedSequence) -> dict[str, float]:
        result = simulate(scenario, seed=seed, horizon_min=case.horizon_min)
        window = (WARMUP_MIN, case.horizon_min - COOLDOWN_MIN)
        row = window_estimates(result.contacts, *window, sl_threshold_s=20.0)
        for threshold in THRESHOLDS_S:
            level = window_estimates(result.contacts, *window, sl_threshold_s=threshold)
            row[f"service_level_{threshold:g}"] = level["service_level"]
        kpis = result.kpis(warmup_min=WARMUP_MIN).loc["phone"]
        row.update({f"kpi_{name}": float(kpis[name]) for name in KPI_COLUMNS})
        return row

    return replicate(estimate, case.base_seed, REPLICATIONS)


def disagreements(table: pd.DataFrame, theory: dict[str, float]) -> list[str]:
    """Columns whose replication mean lies more than 3 SE from theory, described."""
    found = []
    for column, value in theory.items():
        comparison = compare_with_theory(table[column], value)
        if not comparison.agrees():
            found.append(f"{column}: {comparison}")
    return found


def window_theory(case: QueueCase, agents: int | None = None) -> dict[str, float]:
    """Theory for the window estimates of :func:`replications`."""
    main = case.theory(agents=agents)
    figures = {
        "p_wait": main.p_wait,
        "asa_s": main.asa_s,
        "abandon_rate": main.abandon_rate,
    }
    for threshold in THRESHOLDS_S:
        figures[f"service_level_{threshold:g}"] = case.theory(threshold, agents).service_level
    return figures


@pytest.mark.slow
@pytest.mark.parametrize("case", ERLANG_C_CASES.values(), ids=ERLANG_C_CASES.keys())
def test_mmc_matches_erlang_c(case: QueueCase) -> None:
    table = replications(case)
    assert (table["abandon_rate"] == 0).all()
    assert disagreements(table, window_theory(case)) == []


@pytest.mark.slow
@pytest.mark.parametrize("case", ERLANG_A_CASES.values(), ids=ERLANG_A_CASES.keys())
def test_mmc_with_abandonment_matches_erlang_a(case: QueueCase) -> None:
    table = replications(case)
    assert (table["abandon_rate"] > 0).all()
    assert disagreements(table, window_theory(case)) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "case",
    [*ERLANG_C_CASES.values(), *ERLANG_A_CASES.values()],
    ids=[*ERLANG_C_CASES.keys(), *ERLANG_A_CASES.keys()],
)
def test_kpi_table_matches_the_formulas(case: QueueCase) -> None:
    """The KPI table (warm-up left out, run end included) agrees with the formula too."""
    table = replications(case)
    theory = case.theory()
    expected = {f"kpi_{name}": getattr(theory, name) for name in KPI_COLUMNS}
    assert disagreements(table, expected) == []


@pytest.mark.slow
def test_the_check_rejects_a_wrong_formula() -> None:
    """One agent fewer, or ignoring abandonment, is detected by the same 3-SE rule."""
    for case in ERLANG_C_CASES.values():
        wrong = window_theory(case, agents=case.agents + 1)
        rejected = disagreements(replications(case), wrong)
        assert {"p_wait", "asa_s", "service_level_20"} <= {r.split(":")[0] for r in rejected}
    for case in ERLANG_A_CASES.values():
        wrong = window_theory(case, agents=case.agents - 1)
        rejected = disagreements(replications(case), wrong)
        expected = {"p_wait", "asa_s", "abandon_rate", "service_level_20"}
        assert expected <= {r.split(":")[0] for r in rejected}
    patient = ERLANG_A_CASES["14 agents, patient callers"]
    as_if_nobody_hangs_up = erlang_c_metrics(
        patient.agents, patient.calls_per_hour, patient.aht_min, 20.0
    )
    table = replications(patient)
    assert not compare_with_theory(table["p_wait"], as_if_nobody_hangs_up.p_wait).agrees()
    assert not compare_with_theory(table["asa_s"], as_if_nobody_hangs_up.asa_s).agrees()


# ------------------------------------------------ limited phone lines: Erlang B and M/M/c/K
def mmck_figures(agents: int, lines: int, load_erl: float, aht_min: float) -> dict[str, float]:
    """Blocking, P(wait) and ASA of M/M/c/K (c agents, K ≥ c lines), from crmsim.queueing."""
    metrics = mmck_metrics(agents, lines, load_erl / aht_min * 60.0, aht_min)
    return {"blocked": metrics.blocked, "p_wait": metrics.p_wait, "asa_s": metrics.asa_s}


LINE_CASES = {
    "8 lines for 8 agents (Erlang B)": (8, 8, 1.0, 501),
    "Erlang B, handling times not exponential": (8, 8, 0.4, 502),
    "12 lines for 8 agents (M/M/8/12)": (8, 12, 1.0, 503),
}
LINE_CALLS_PER_HOUR = 120.0
LINE_AHT_MIN = 3.0


@cache
def line_replications(agents: int, lines: int, handle_time_cv: float, seed: int) -> pd.DataFrame:
    """Per replication the KPI table's blocking share, P(wait) and ASA after the warm-up."""
    scenario = scenario_from_dict(
        {
            "name": "limited lines",
            "channels": {
                "phone": {
                    "daily_volume": LINE_CALLS_PER_HOUR * 24,
                    "aht_min": LINE_AHT_MIN,
                    "handle_time_cv": handle_time_cv,
                    "lines": lines,
                }
            },
            "agents": [{"name": "desk", "count": agents}],
        }
    )

    def estimate(run_seed: np.random.SeedSequence) -> dict[str, float]:
        kpis = simulate(scenario, seed=run_seed, days=1).kpis(warmup_min=WARMUP_MIN)
        row = kpis.loc["phone"]
        return {
            "blocked": float(row["blocked"] / row["offered"]),
            "p_wait": float(row["p_wait"]),
            "asa_s": float(row["asa_s"]),
        }

    return replicate(estimate, seed, REPLICATIONS)


@pytest.mark.slow
@pytest.mark.parametrize("case", LINE_CASES.values(), ids=LINE_CASES.keys())
def test_limited_lines_match_erlang_b_and_mmck(case: tuple[int, int, float, int]) -> None:
    """Busy signals (Besetztzeichen) as the loss system predicts. Erlang B depends on the
    handling times only through their mean, so it holds for lognormal times too."""
    agents, lines, cv, _ = case
    table = line_replications(*case)
    load = LINE_CALLS_PER_HOUR * LINE_AHT_MIN / 60.0
    theory = mmck_figures(agents, lines, load, LINE_AHT_MIN)
    if lines == agents:
        assert theory["blocked"] == pytest.approx(erlang_b(agents, load), rel=1e-12)
        assert (table["p_wait"] == 0).all()
        wrong = erlang_b(agents - 1, load)
    else:
        wrong = mmck_figures(agents, lines - 1, load, LINE_AHT_MIN)["blocked"]
    figures = theory if cv == 1.0 else {"blocked": theory["blocked"]}
    assert disagreements(table, figures) == []
    assert not compare_with_theory(table["blocked"], wrong).agrees()


def test_replication_seeds_are_distinct_and_reproducible() -> None:
    first = [seed.generate_state(2).tolist() for seed in replication_seeds(7, REPLICATIONS)]
    again = [seed.generate_state(2).tolist() for seed in replication_seeds(7, REPLICATIONS)]
    assert first == again
    assert len({tuple(state) for state in first}) == REPLICATIONS


def test_comparison_rule() -> None:
    """Mean and SE as documented; the 3-SE rule accepts and rejects as it should."""
    comparison = compare_with_theory([1.0, 2.0, 3.0, 6.0], theory=3.0)
    assert comparison.mean == 3.0
    assert comparison.standard_error == pytest.approx(np.std([1, 2, 3, 6], ddof=1) / 2)
    assert comparison.agrees()
    far = compare_with_theory([1.0, 1.1, 0.9, 1.0], theory=2.0)
    assert not far.agrees()
    assert far.z < -3
    assert compare_with_theory([5.0, 5.0], theory=5.0).agrees()
    with pytest.raises(ValueError, match="at least two"):
        compare_with_theory([1.0], theory=1.0)


def test_documented_examples_of_the_statistics_module() -> None:
    import statistics_helpers

    outcome = doctest.testmod(statistics_helpers)
    assert outcome.attempted >= 2
    assert outcome.failed == 0


def test_erlang_c_service_level_at_zero_threshold_is_one_minus_p_wait() -> None:
    """Sanity of the definitions compared: SL(0) = 1 − P(wait) in the formula."""
    theory = erlang_c_metrics(14, 200.0, 3.0, 0.0)
    assert theory.service_level == pytest.approx(1.0 - theory.p_wait, abs=1e-12)
