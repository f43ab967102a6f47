"""Start-up time of the command line: ``crmsim --help`` beside a bare ``python -c pass``.

Each command runs as its own process, ``REPEATS`` times; the median wall time is
reported. The difference to the bare interpreter is what crmsim itself costs
before doing any work. Target: ``crmsim --help`` within 0.3 s, which holds only
while the command line imports nothing heavy (pandas, SciPy, pyarrow, …) until
a command needs it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from typing import NamedTuple

REPEATS = 7
TARGET_HELP_S = 0.3
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "crmsim --help": [sys.executable, "-m", "crmsim", "--help"],
    "crmsim erlang (Erlang C)": [
        sys.executable, "-m", "crmsim", "erlang",
        "--agents", "14", "--calls-per-hour", "200", "--aht-min", "3",
    ],
}  # fmt: skip


class StartupTiming(NamedTuple):
    """Median and fastest wall time of one command (seconds)."""

    label: str
    median_s: float
    best_s: float


def measure(label: str, command: list[str], repeats: int = REPEATS) -> StartupTiming:
    """Run ``command`` ``repeats`` times (after one warm-up run) and time each run."""
    subprocess.run(command, capture_output=True, check=True)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return StartupTiming(label, statistics.median(times), min(times))


def format_report(timings: list[StartupTiming]) -> str:
    """One line per command, with the cost above the bare interpreter."""
    bare = timings[0].median_s
    lines = [f"{'command':<28} {'median':>8} {'best':>8} {'above python':>13}"]
    for timing in timings:
        lines.append(
            f"{timing.label:<28} {timing.median_s:>7.3f}s {timing.best_s:>7.3f}s "
            f"{timing.median_s - bare:>+12.3f}s"
        )
    help_s = next(t.median_s for t in timings if t.label == "crmsim --help")
    verdict = "met" if help_s <= TARGET_HELP_S else "missed"
    lines.append(f"target: crmsim --help within {TARGET_HELP_S:g} s: {verdict} ({help_s:.3f} s)")
    return "\n".join(lines)


def main() -> None:
    """Print the start-up timings."""
    timings = [measure(label, command) for label, command in COMMANDS.items()]
    print(format_report(timings))


if __name__ == "__main__":
    main()
