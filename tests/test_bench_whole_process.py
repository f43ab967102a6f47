"""The whole-process benchmark runs both commands and reports the ratio."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks import bench_whole_process  # noqa: E402


def test_both_commands_run_and_the_report_names_the_ratio(capsys: pytest.CaptureFixture[str]):
    bench_whole_process.main(hours=3, repeats=1)
    report = capsys.readouterr().out
    assert "crmsim callcenter (whole process)" in report and "raw SimPy script" in report
    assert "ratio raw ÷ crmsim" in report and "target ≥ 1" in report
    assert "CPU time" in report  # both commands' CPU time was measured


def test_the_full_run_simulates_302400_calls():
    command = bench_whole_process.commands()["crmsim callcenter (whole process)"]
    hours = float(command[command.index("--hours") + 1])
    assert hours * bench_whole_process.CALLS_PER_HOUR == 302_400


def test_the_verdict_follows_the_ratio():
    timing = bench_whole_process.ProcessTiming
    met = bench_whole_process.format_report(timing("a", 1.0), timing("b", 1.5))
    missed = bench_whole_process.format_report(timing("a", 2.0), timing("b", 1.0))
    assert "ratio raw ÷ crmsim 1.50" in met and ": met)" in met
    assert "ratio raw ÷ crmsim 0.50" in missed and ": missed)" in missed


def test_the_ratio_is_taken_on_cpu_time_when_it_is_known():
    timing = bench_whole_process.ProcessTiming
    report = bench_whole_process.format_report(timing("a", 4.0, 2.0), timing("b", 2.0, 2.2))
    assert "ratio raw ÷ crmsim 1.10 (CPU time; wall time 0.50" in report and ": met)" in report
