"""Smoke tests for the call-center benchmark: it runs on a tiny model, and the three
implementations it times (crmsim, a raw SimPy loop, Ciw) simulate the same queue.

No timing is asserted; speed is reported by ``make bench`` only.

The tiny model is M/M/5 with 3.5 calls per minute and a mean handling time of
1 minute (occupancy 70 %), run for one day (1,440 minutes, about 5,040 calls).
Erlang C gives P(wait) = 0.3778 and a mean wait of 15.11 s. Calibration: over 40
seeds, one day's mean wait had a standard deviation of 2.6–3.1 s and its share
of callers who waited 0.026–0.029, in each of the three implementations. The
statistical test averages ``REPLICATIONS`` independent days per implementation
and allows four of those standard deviations (scaled by 1/√REPLICATIONS)
around Erlang C, and four times √2 of them between any two implementations;
a correct implementation fails such a check far less than once in a thousand
seeds, while one agent too few (M/M/4: mean wait 89 s) fails it by far.
"""

from __future__ import annotations

import doctest
import math
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

# The benchmarks folder is not part of the installed package: import it from the checkout.
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks import bench_callcenter, ciw_mmc, day_scenarios, raw_simpy_mmc  # noqa: E402
from benchmarks.bench_callcenter import (  # noqa: E402
    DayTiming,
    Measurement,
    MmcModel,
    answered_waits_s,
    format_report,
    measure_day,
    measure_mmc,
    ratios,
)
from crmsim.sim import simulate  # noqa: E402

TINY = MmcModel(agents=5, calls_per_min=3.5, aht_min=1.0, contacts=5040)
REPLICATIONS = 3
#: Standard deviation of one day's mean wait (s) and P(wait), from the calibration above.
SD_MEAN_WAIT_S = 3.1
SD_P_WAIT = 0.029
LABELS = ["crmsim simulate()", "crmsim simulate() + kpis()", "raw SimPy loop", "Ciw"]


def waits_by_implementation(model: MmcModel, seed: int) -> dict[str, np.ndarray]:
    """Waits (seconds) of answered calls for one seed, per implementation."""
    args = (model.agents, model.calls_per_min, model.aht_min, model.horizon_min, seed)
    result = simulate(model.scenario(), seed=seed, horizon_min=model.horizon_min)
    return {
        "crmsim": np.asarray(answered_waits_s(result)),
        "raw SimPy": np.asarray(raw_simpy_mmc.run_raw_simpy_mmc(*args)) * 60.0,
        "Ciw": np.asarray(ciw_mmc.run_ciw_mmc(*args)) * 60.0,
    }


@pytest.fixture(scope="module")
def replications() -> dict[str, list[np.ndarray]]:
    runs = [waits_by_implementation(TINY, seed) for seed in range(11, 11 + REPLICATIONS)]
    return {name: [run[name] for run in runs] for name in runs[0]}


@pytest.fixture(scope="module")
def tiny_measurements() -> list[Measurement]:
    return measure_mmc(TINY, repeats=1)


def test_tiny_model_is_whole_days_and_matches_erlang_c_numbers() -> None:
    assert TINY.horizon_min == pytest.approx(1440.0)
    assert TINY.erlang_c_wait_s() == pytest.approx(15.1135, abs=1e-3)


def test_mean_wait_agrees_with_erlang_c(replications: dict[str, list[np.ndarray]]) -> None:
    tolerance = 4 * SD_MEAN_WAIT_S / math.sqrt(REPLICATIONS)
    means = {name: np.mean([w.mean() for w in runs]) for name, runs in replications.items()}
    for name, mean in means.items():
        assert abs(mean - TINY.erlang_c_wait_s()) < tolerance, (name, mean)
    for (a, mean_a), (b, mean_b) in combinations(means.items(), 2):
        assert abs(mean_a - mean_b) < math.sqrt(2) * tolerance, (a, mean_a, b, mean_b)


def test_share_of_waiting_calls_agrees_with_erlang_c(
    replications: dict[str, list[np.ndarray]],
) -> None:
    tolerance = 4 * SD_P_WAIT / math.sqrt(REPLICATIONS)
    shares = {name: np.mean([(w > 0).mean() for w in runs]) for name, runs in replications.items()}
    for name, share in shares.items():
        assert abs(share - 0.377838) < tolerance, (name, share)
    for (a, share_a), (b, share_b) in combinations(shares.items(), 2):
        assert abs(share_a - share_b) < math.sqrt(2) * tolerance, (a, share_a, b, share_b)


def test_answered_calls_match_the_arrival_rate(
    replications: dict[str, list[np.ndarray]],
) -> None:
    # Answered calls of one day are Poisson(λT) less the few still queued at the end.
    expected = TINY.calls_per_min * TINY.horizon_min
    for name, runs in replications.items():
        for waits in runs:
            assert abs(waits.size - expected) < 4.5 * math.sqrt(expected), (name, waits.size)


def test_every_wait_is_a_finite_non_negative_number(
    replications: dict[str, list[np.ndarray]],
) -> None:
    for name, runs in replications.items():
        for waits in runs:
            assert np.all(np.isfinite(waits)) and waits.min() == 0.0, name
            assert np.all(waits >= 0.0), name


@pytest.mark.parametrize("run", [raw_simpy_mmc.run_raw_simpy_mmc, ciw_mmc.run_ciw_mmc])
def test_peers_repeat_themselves_for_a_seed(run) -> None:
    first = run(3, 2.0, 1.0, 300.0, 5)
    assert run(3, 2.0, 1.0, 300.0, 5) == first
    assert run(3, 2.0, 1.0, 300.0, 6) != first


@pytest.mark.parametrize("module", [raw_simpy_mmc, ciw_mmc])
def test_peer_docstring_examples(module) -> None:
    failures, attempted = doctest.testmod(module)
    assert attempted > 0 and failures == 0


def test_tiny_benchmark_measures_all_four(tiny_measurements: list[Measurement]) -> None:
    assert [m.label for m in tiny_measurements] == LABELS
    expected = TINY.calls_per_min * TINY.horizon_min
    for m in tiny_measurements:
        assert m.best_s > 0 and m.best_cpu_s > 0 and m.peak_mib > 0
        assert abs(m.contacts - expected) < 4.5 * math.sqrt(expected), m
        assert m.contacts_per_s == pytest.approx(m.contacts / m.best_s)
        # One run is a single noisy day: 6 standard deviations around Erlang C.
        assert abs(m.mean_wait_s - TINY.erlang_c_wait_s()) < 6 * SD_MEAN_WAIT_S, m
    crm, crm_kpis = tiny_measurements[:2]
    assert (crm.contacts, crm.mean_wait_s) == (crm_kpis.contacts, crm_kpis.mean_wait_s)


def test_ratios_divide_crmsim_by_each_peer(tiny_measurements: list[Measurement]) -> None:
    rate = {m.label: m.contacts_per_s for m in tiny_measurements}
    cpu_rate = {m.label: m.contacts / m.best_cpu_s for m in tiny_measurements}
    (raw_name, vs_raw, raw_cpu, raw_target), (ciw_name, vs_ciw, ciw_cpu, ciw_target) = ratios(
        tiny_measurements
    )
    assert (raw_name, raw_target) == ("crmsim / raw SimPy", 1.3)
    assert (ciw_name, ciw_target) == ("crmsim / Ciw", 1.3)
    assert vs_raw == pytest.approx(rate["crmsim simulate()"] / rate["raw SimPy loop"])
    assert vs_ciw == pytest.approx(rate["crmsim simulate()"] / rate["Ciw"])
    assert raw_cpu == pytest.approx(cpu_rate["crmsim simulate()"] / cpu_rate["raw SimPy loop"])
    assert ciw_cpu == pytest.approx(cpu_rate["crmsim simulate()"] / cpu_rate["Ciw"])


def test_report_marks_targets_met_and_missed() -> None:
    measurements = [
        Measurement("crmsim simulate()", 1000, 1.0, 0.9, 15.0, 2.0),
        Measurement("crmsim simulate() + kpis()", 1000, 1.1, 1.0, 15.0, 2.0),
        Measurement("raw SimPy loop", 1000, 0.5, 0.4, 15.0, 1.0),  # crmsim at 0.50×: missed
        Measurement("Ciw", 1000, 2.0, 1.9, 15.0, 3.0),  # crmsim at 2.00×: met
    ]
    days = [
        DayTiming("quick day", 300, 12.0, 11.0, 14.0, 50.0),
        DayTiming("slow day", 10_000, 300.0, 200.0, 320.0, 250.0),
    ]
    lines = format_report(TINY, measurements, days).splitlines()
    row = {line.split("  ")[0]: line for line in lines}
    # Wall-clock ratio, CPU-time ratio in brackets, target, verdict (on wall-clock).
    assert row["crmsim / raw SimPy"].split()[-5:] == ["0.50", "(0.44)", "≥", "1.30", "MISS"]
    assert row["crmsim / Ciw"].split()[-5:] == ["2.00", "(2.11)", "≥", "1.30", "PASS"]
    assert row["quick day"].split()[-6:] == ["12.0", "11.0", "14.0", "≤", "50", "PASS"]
    assert row["slow day"].split()[-6:] == ["300.0", "200.0", "320.0", "≤", "250", "MISS"]
    raw_row = row["raw SimPy loop"].split()[-6:]
    assert raw_row == ["1,000", "0.500", "0.400", "2,000", "15.00", "1.0"]


def test_day_timings_run_both_scenarios() -> None:
    for label, scenario in (day_scenarios.adac_day_scenario(), day_scenarios.large_day_scenario()):
        timing = measure_day(label, scenario, 50.0, repeats=1)
        assert timing.contacts > 0 and timing.best_ms > 0 and timing.with_kpis_ms > 0
        assert timing.best_cpu_ms > 0


def test_large_day_scenario_has_the_asked_size() -> None:
    built = day_scenarios.fifty_agent_phone_day()
    assert built.agent_count == 50
    assert day_scenarios.expected_first_day_contacts(built) == pytest.approx(10_000.0)
    assert day_scenarios.fits_fifty_agent_day(built)
    assert day_scenarios.fits_fifty_agent_day(day_scenarios.large_day_scenario()[1])
    assert not day_scenarios.fits_fifty_agent_day(day_scenarios.adac_day_scenario()[1])


def test_main_prints_the_tables(capsys: pytest.CaptureFixture[str]) -> None:
    bench_callcenter.main(MmcModel(agents=2, calls_per_min=1.0, contacts=300), 1, 1)
    out = capsys.readouterr().out
    for label in [*LABELS, "crmsim / raw SimPy", "crmsim / Ciw", "ADAC telematics, 1 day"]:
        assert label in out
    assert out.count("PASS") + out.count("MISS") == 4
    assert "peak resident memory" in out
