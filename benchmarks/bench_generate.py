"""Speed and memory of ``crmsim generate``: 10k, 50k and 100k people over two years.

Each size runs as its own ``python -m crmsim generate`` process with two jobs,
writing Parquet into a temporary folder. Wall time is measured around the
process; peak memory is the largest sum of resident memory (RSS) over the
process and its worker processes, sampled every 0.1 s from ``/proc`` (Linux).
Targets: 100,000 people in at most 60 s and 2 GB; time should grow linearly
with the number of people (a straight-line fit: start-up cost plus seconds per
10,000 people).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import numpy as np

from benchmarks.process_tree import run_sampled

SIZES = (10_000, 50_000, 100_000)
TARGET_S = 60.0
TARGET_GB = 2.0


def measure(people: int, jobs: int = 2, years: int = 2) -> tuple[float, float]:
    """Run one generation; return (wall seconds, peak memory in GB)."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "crmsim", "generate", "--customers", str(people)]
        command += ["--years", str(years), "--seed", "1", "--jobs", str(jobs), "--quiet"]
        command += ["--format", "parquet", "--out", str(Path(folder) / "out")]
        run = run_sampled(command)
    return run.seconds, run.peak_gb


def main() -> None:
    """Print time and peak memory per size, seconds per 10,000 people, and the targets."""
    print(f"crmsim generate, 2 years, --jobs 2, Parquet; {os.cpu_count()} CPU cores")
    try:
        load = os.getloadavg()[0]
        print(f"load average before the run: {load:.1f} (other work on the machine slows it)")
    except OSError:
        pass
    print(f"{'people':>9} {'seconds':>9} {'s per 10k':>10} {'peak GB':>8}")
    results = []
    for people in SIZES:
        seconds, gigabytes = measure(people)
        results.append((people, seconds, gigabytes))
        print(f"{people:>9,} {seconds:>9.1f} {seconds / people * 1e4:>10.2f} {gigabytes:>8.2f}")
    people, seconds, gigabytes = results[-1]
    print(
        f"100k target: ≤ {TARGET_S:.0f} s and ≤ {TARGET_GB:.0f} GB → "
        f"{seconds:.1f} s ({seconds / TARGET_S:.2f} of target), "
        f"{gigabytes:.2f} GB ({gigabytes / TARGET_GB:.2f} of target)"
    )
    # Linear growth: time = fixed start-up cost + slope × people; report the fit.
    sizes = np.array([r[0] for r in results], dtype=float)
    times = np.array([r[1] for r in results])
    slope, intercept = np.polyfit(sizes, times, 1)
    fitted = intercept + slope * sizes
    r_squared = 1 - ((times - fitted) ** 2).sum() / ((times - times.mean()) ** 2).sum()
    print(
        f"linear fit: {intercept:.1f} s start-up + {slope * 1e4:.2f} s per 10,000 people "
        f"(R² = {r_squared:.3f}); 100k / 50k time = {times[-1] / times[-2]:.2f} (2.0 = linear)"
    )


if __name__ == "__main__":
    main()
