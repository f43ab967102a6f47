"""Tests for ``crmsim erlang``: in-process through ``main`` plus one real subprocess run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crmsim.cli import main
from crmsim.queueing import erlang_a_metrics, erlang_c_metrics

REPO_ROOT = Path(__file__).resolve().parents[1]
PINNED = ["erlang", "--calls-per-hour", "200", "--aht-min", "3"]
REQUIRED_KEYS = {
    "offered",
    "answered",
    "abandoned",
    "p_wait",
    "asa_s",
    "service_level",
    "abandon_rate",
    "occupancy",
    "offered_load_erl",
    "agents",
    "model",
}


def run_json(capsys, *extra: str) -> dict:
    assert main([*PINNED, *extra, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return json.loads(captured.out)


def test_text_table_shows_the_pinned_erlang_c_figures(capsys):
    assert main([*PINNED, "--agents", "14"]) == 0
    out = capsys.readouterr().out
    assert "Erlang C" in out
    assert "10.000 Erlang" in out
    for shown in ("17.41%", "7.84 s", "88.84%", "71.43%", "200.0 / 200.0 / 0.0"):
        assert shown in out
    assert "Servicegrad" in out and "Auslastung" in out


def test_json_erlang_c_matches_the_library(capsys):
    report = run_json(capsys, "--agents", "14", "--hours", "2")
    assert report.keys() >= REQUIRED_KEYS
    expected = erlang_c_metrics(14, 200, 3)
    assert report["model"] == "erlang_c" and report["agents"] == 14
    for key in ("p_wait", "asa_s", "service_level", "occupancy", "offered_load_erl"):
        assert report[key] == pytest.approx(getattr(expected, key), rel=1e-12)
    assert (report["offered"], report["answered"], report["abandoned"]) == (400.0, 400.0, 0.0)
    assert report["patience_min"] is None


def test_json_erlang_a_counts_abandoned_calls_over_the_hours(capsys):
    report = run_json(capsys, "--agents", "14", "--patience-min", "5", "--hours", "8")
    assert report["model"] == "erlang_a"
    assert round(report["abandon_rate"], 6) == 0.013984
    assert round(report["service_level"], 5) == 0.91679
    assert report["offered"] == pytest.approx(1600.0)
    assert report["abandoned"] == pytest.approx(1600.0 * report["abandon_rate"])
    assert report["answered"] + report["abandoned"] == pytest.approx(1600.0)
    expected = erlang_a_metrics(14, 200, 3, 5)
    assert report["asa_s"] == pytest.approx(expected.asa_s, rel=1e-12)


def test_sl_threshold_option_changes_the_service_level(capsys):
    strict = run_json(capsys, "--agents", "14", "--sl-threshold-s", "0")
    assert strict["service_level"] == pytest.approx(1 - strict["p_wait"])
    assert strict["sl_threshold_s"] == 0.0


def test_target_sl_prints_the_agents_needed(capsys):
    report = run_json(capsys, "--target-sl", "0.8")
    assert report["agents_needed"] == 14 == report["agents"]
    assert report["scheduled_headcount"] == 14
    assert report["limited_by"] == "service_level"
    assert round(report["service_level"], 5) == 0.88835
    assert report.keys() >= REQUIRED_KEYS


def test_target_sl_with_shrinkage_and_occupancy_cap(capsys):
    report = run_json(capsys, "--target-sl", "0.8", "--shrinkage", "0.3")
    assert (report["agents_needed"], report["scheduled_headcount"]) == (14, 20)
    capped = run_json(capsys, "--target-sl", "0.8", "--max-occupancy", "0.7")
    assert capped["agents_needed"] == 15
    assert capped["limited_by"] == "max_occupancy"
    assert capped["occupancy"] <= 0.7


def test_target_sl_text_names_phones_and_roster(capsys):
    argv = [*PINNED, "--target-sl", "0.8", "--shrinkage", "0.3", "--patience-min", "5"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    first_line = out.splitlines()[0]
    assert first_line.startswith("agents needed for 80% within 20 s: 13 on the phones")
    assert "19 scheduled with 30% shrinkage" in first_line
    assert "Erlang A" in out and "5 min" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--agents", "0"], "argument --agents: must be a whole number from 1 to 10,000, got 0"),
        (["--agents", "14", "--aht-min", "0"], "argument --aht-min: must be a number > 0"),
        (
            ["--agents", "9"],
            "offered load 10 Erlang needs more than 10 agents for Erlang C (got 9)",
        ),
        (
            ["--agents", "14", "--patience-min", "-1"],
            "argument --patience-min: must be a number > 0",
        ),
        (
            ["--agents", "14", "--calls-per-hour", "nan"],
            "argument --calls-per-hour: must be a finite number, got 'nan'",
        ),
        (["--agents", "14", "--hours", "0"], "argument --hours: must be a number > 0"),
        (["--target-sl", "1.5"], "argument --target-sl: must be a number > 0 and ≤ 1, got 1.5"),
        (["--target-sl", "0.8", "--shrinkage", "1"], '"shrinkage" must be a number with 0 ≤'),
        (["--agents", "14", "--shrinkage", "0.2"], "--shrinkage only applies together with"),
        (["--agents", "14", "--max-occupancy", "0.8"], "--max-occupancy only applies together"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, extra, message):
    # Later options win, so "--aht-min 0" after the defaults replaces "3".
    assert main([*PINNED, *extra]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("crmsim erlang: error: ")
    assert message in lines[0]


@pytest.mark.parametrize(
    "extra",
    [[], ["--agents", "14", "--target-sl", "0.8"], ["--agents", "2.5"]],
    ids=["neither agents nor target", "both agents and target", "fractional agents"],
)
def test_usage_errors_exit_2_with_one_line(capsys, extra):
    assert main([*PINNED, *extra]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "error" in lines[0]


def test_real_subprocess_run():
    argv = [*PINNED, "--agents", "14", "--patience-min", "5", "--json"]
    done = subprocess.run(
        [sys.executable, "-m", "crmsim", *argv],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["model"] == "erlang_a"
    assert round(report["abandon_rate"], 6) == 0.013984
