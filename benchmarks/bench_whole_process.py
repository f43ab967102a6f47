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
time).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

AGENTS = 20
CALLS_PER_HOUR = 360.0
AHT_MIN = 3.0
HOURS = 840.0  # 360 calls per hour × 840 hours = 302,400 calls
REPEATS = 3
TARGET_RATIO = 1.0
REPOSITORY = Path(__file__).resolve().parents[1]


class ProcessTiming(NamedTuple):
    """Median wall time of one command over the repeats (seconds)."""

    label: str
    median_s: float


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


def measure(label: str, command: list[str], repeats: int = REPEATS) -> ProcessTiming:
    """Run ``command`` ``repeats`` times and return the median wall time."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=REPOSITORY)
        times.append(time.perf_counter() - started)
    return ProcessTiming(label, statistics.median(times))


def format_report(crmsim: ProcessTiming, raw: ProcessTiming) -> str:
    """Both times and the ratio raw ÷ crmsim against the target."""
    ratio = raw.median_s / crmsim.median_s
    verdict = "met" if ratio >= TARGET_RATIO else "missed"
    return "\n".join(
        [
            f"{crmsim.label:<36} {crmsim.median_s:>7.2f} s",
            f"{raw.label:<36} {raw.median_s:>7.2f} s",
            f"ratio raw ÷ crmsim {ratio:.2f} (target ≥ {TARGET_RATIO:g}: {verdict})",
        ]
    )


def main(hours: float = HOURS, repeats: int = REPEATS) -> None:
    """Print the whole-process comparison."""
    timings = [measure(label, command, repeats) for label, command in commands(hours).items()]
    print(format_report(*timings))


if __name__ == "__main__":
    main()
