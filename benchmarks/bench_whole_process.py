"""Whole-process time of ``crmsim callcenter`` on M/M/20 beside a raw-SimPy script.

A student types one command and waits: what counts is the time from the shell's
Enter to the printed table, start-up and imports included. Both sides run as a
fresh process:

* ``crmsim callcenter --agents 20 --calls-per-hour 360 --aht-min 3 --hours 840
  --warmup-min 0`` (``--hours`` counts after the warm-up, so none keeps the run at 840 h):
  302,400 calls, full contact log, KPI table printed;
* ``python -m benchmarks.raw_simpy_mmc`` with the same queue: the minimal SimPy
  loop of :mod:`benchmarks.raw_simpy_mmc`, recording only the waits.

Target: crmsim at least as fast as the raw script (ratio ≥ 1.0, raw time ÷ crmsim
time). The two commands run in turns, so that a change in the machine's load hits
both alike, and the ratio is taken on CPU time (user + system of the process): on
a shared or virtual machine, wall time also counts the time the process waited
for a core. Wall times are printed beside it.
"""

from __future__ import annotations

import math
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

from benchmarks.process_tree import children_cpu_s

AGENTS = 20
CALLS_PER_HOUR = 360.0
AHT_MIN = 3.0
HOURS = 840.0  # 360 calls per hour × 840 hours = 302,400 calls
REPEATS = 5
TARGET_RATIO = 1.0
REPOSITORY = Path(__file__).resolve().parents[1]


class ProcessTiming(NamedTuple):
    """Median wall time and CPU time of one command over the repeats (seconds)."""

    label: str
    median_s: float
    median_cpu_s: float = math.nan


def commands(hours: float = HOURS) -> dict[str, list[str]]:
    """The two commands, simulating ``hours`` hours of the M/M/20 queue."""
    crmsim = [
        sys.executable, "-m", "crmsim", "callcenter", "--agents", str(AGENTS),
        "--calls-per-hour", f"{CALLS_PER_HOUR:g}", "--aht-min", f"{AHT_MIN:g}",
        "--hours", f"{hours:g}", "--warmup-min", "0",
    ]  # fmt: skip
    raw = [
        sys.executable, "-c",
        "from benchmarks.raw_simpy_mmc import run_raw_simpy_mmc; "
        f"waits = run_raw_simpy_mmc({AGENTS}, {CALLS_PER_HOUR / 60:g}, {AHT_MIN:g}, "
        f"{hours * 60:g}, 1); print(len(waits), sum(waits) / len(waits))",
    ]  # fmt: skip
    return {"crmsim callcenter (whole process)": crmsim, "raw SimPy script": raw}


def run_once(command: list[str]) -> tuple[float, float]:
    """Run ``command`` once; return its wall and CPU seconds."""
    cpu_before = children_cpu_s()
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, cwd=REPOSITORY)
    return time.perf_counter() - started, children_cpu_s() - cpu_before


def measure_in_turns(
    commands_by_label: dict[str, list[str]], repeats: int = REPEATS
) -> list[ProcessTiming]:
    """Run the commands in turns ``repeats`` times; median wall and CPU time of each."""
    runs: dict[str, list[tuple[float, float]]] = {label: [] for label in commands_by_label}
    for _ in range(repeats):
        for label, command in commands_by_label.items():
            runs[label].append(run_once(command))
    return [
        ProcessTiming(
            label,
            statistics.median(wall for wall, _ in times),
            statistics.median(cpu for _, cpu in times),
        )
        for label, times in runs.items()
    ]


def format_report(crmsim: ProcessTiming, raw: ProcessTiming) -> str:
    """Both times and the ratio raw ÷ crmsim against the target (CPU time when known)."""
    wall_ratio = raw.median_s / crmsim.median_s
    cpu_ratio = raw.median_cpu_s / crmsim.median_cpu_s
    on_cpu = math.isfinite(cpu_ratio)
    ratio = cpu_ratio if on_cpu else wall_ratio
    verdict = "met" if ratio >= TARGET_RATIO else "missed"
    basis = f"CPU time; wall time {wall_ratio:.2f}" if on_cpu else "wall time"

    def line(timing: ProcessTiming) -> str:
        cpu = f", CPU {timing.median_cpu_s:>6.2f} s" if on_cpu else ""
        return f"{timing.label:<36} wall {timing.median_s:>6.2f} s{cpu}"

    return "\n".join(
        [
            line(crmsim),
            line(raw),
            f"ratio raw ÷ crmsim {ratio:.2f} ({basis}; target ≥ {TARGET_RATIO:g}: {verdict})",
        ]
    )


def main(hours: float = HOURS, repeats: int = REPEATS) -> None:
    """Print the whole-process comparison."""
    print(format_report(*measure_in_turns(commands(hours), repeats)))


if __name__ == "__main__":
    main()
