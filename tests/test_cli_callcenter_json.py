"""``crmsim callcenter --json``: its inputs, truthful hours, and intervals over replications."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from scipy import stats

from crmsim.cli import main
from crmsim.queueing import erlang_c_metrics

ROOT = Path(__file__).resolve().parents[1]
ADAC = str(ROOT / "scenarios" / "adac-telematics.yaml")
QUICK = ["callcenter", "--agents", "14", "--calls-per-hour", "200", "--aht-min", "3"]


def run_json(capsys, argv: list[str]) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_quick_run_reports_its_inputs(capsys) -> None:
    report = run_json(capsys, [*QUICK, "--patience-min", "4", "--hours", "10"])
    assert report["calls_per_hour"] == 200 and report["aht_min"] == 3
    assert report["patience_min"] == 4 and report["sl_threshold_s"] == 20
    assert report["offered_load_erl"] == pytest.approx(200 * 3 / 60)
    assert (report["model"], report["agents"]) == ("erlang_a", 14)


def test_hours_are_the_measured_hours_and_the_warmup_comes_on_top(tmp_path, capsys) -> None:
    folder = tmp_path / "run"
    argv = [*QUICK, "--hours", "30", "--warmup-min", "90", "--out", str(folder)]
    report = run_json(capsys, argv)
    assert (report["hours"], report["warmup_min"], report["simulated_hours"]) == (30, 90, 31.5)
    contacts = pd.read_csv(folder / "contacts.csv")
    assert contacts["arrival_min"].max() < 31.5 * 60
    measured = (contacts["arrival_min"] >= 90).sum()
    assert report["offered"] == measured
    assert abs(measured - 200 * 30) < 4 * (200 * 30) ** 0.5  # 200 calls in each of the 30 hours


def test_the_default_run_measures_500_hours(capsys) -> None:
    """500 measured hours after a 60-minute warm-up: 501 simulated, and the JSON says so."""
    report = run_json(capsys, ["callcenter", "--agents", "2", "--calls-per-hour", "2",
                               "--aht-min", "3"])  # fmt: skip
    assert (report["hours"], report["simulated_hours"]) == (500, 501)


def test_replications_give_the_mean_and_its_t_interval_over_the_seeds(capsys) -> None:
    argv = [*QUICK, "--hours", "20"]
    single = [run_json(capsys, [*argv, "--seed", str(seed)]) for seed in (5, 6, 7, 8)]
    assert all("ci95" not in one for one in single)
    report = run_json(capsys, [*argv, "--seed", "5", "--replications", "4"])
    assert (report["seed"], report["replications"]) == (5, 4)
    for key in ("service_level", "asa_s", "occupancy", "offered"):
        values = [one[key] for one in single]
        mean = sum(values) / 4
        half = stats.t.ppf(0.975, 3) * pd.Series(values).std() / 2
        assert report[key] == pytest.approx(mean)
        assert report["ci95"][key] == pytest.approx([mean - half, mean + half])
    low, high = report["ci95"]["service_level"]
    assert low < erlang_c_metrics(14, 200, 3).service_level < high
    assert report["ci95"]["abandoned"] == [0, 0]  # the same in every run


def test_scenario_replications_give_an_interval_per_channel(capsys) -> None:
    report = run_json(capsys, ["callcenter", ADAC, "--days", "1", "--replications", "3"])
    low, high = report["ci95"]["phone"]["service_level"]
    assert low <= report["kpis"]["phone"]["service_level"] <= high and low < high
    assert report["inputs"]["phone"]["patience_min"] > 0
    assert main(["callcenter", ADAC, "--days", "1", "--replications", "3"]) == 0
    out = capsys.readouterr().out
    assert "seeds 1-3 (mean [95 % confidence interval] over 3 runs)" in out.splitlines()[0]
    row = next(line for line in out.splitlines() if line.startswith("Service level"))
    assert row.count("[") == 1 and row.count("%") == 3


def test_scenario_inputs_state_the_load_offered_over_the_run(capsys) -> None:
    """The CIC phone line on a Monday: 2,000 calls × 1.2 over the 14 open hours, each
    handled for 3.2 min × the reasons' mean AHT factor 0.985 + 0.5 min after-contact work."""
    report = run_json(capsys, ["callcenter", "multichannel-cic", "--days", "1"])
    phone = report["inputs"]["phone"]
    assert (phone["daily_volume"], phone["aht_min"], phone["patience_min"]) == (2000, 3.2, 3)
    assert phone["lines"] == 90
    assert phone["calls_per_hour"] == pytest.approx(2000 * 1.2 / 14)
    assert phone["handle_min"] == pytest.approx(3.2 * 0.985 + 0.5)
    assert phone["offered_load_erl"] == pytest.approx(2000 * 1.2 / 14 * 3.652 / 60)
    assert phone["peak_calls_per_hour"] > phone["calls_per_hour"]
    assert phone["peak_offered_load_erl"] == pytest.approx(
        phone["peak_calls_per_hour"] * phone["handle_min"] / 60
    )
