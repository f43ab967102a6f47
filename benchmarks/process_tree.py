"""Memory and CPU of a command's whole process tree, sampled while it runs (Linux /proc).

The generator's workers are child processes, so the peak memory that matters is that
of the whole tree: :func:`run_sampled` adds up the resident memory of a command and
all its descendants every 0.1 s and keeps the largest sum.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from typing import NamedTuple


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    tree, total, pending = _children(), 0, [root]
    while pending:
        pid = pending.pop()
        total += _rss_bytes(pid)
        pending.extend(tree.get(pid, []))
    return total


class Sampled(NamedTuple):
    """Wall and CPU seconds, peak memory of the process tree (GB) and standard output."""

    seconds: float
    cpu_s: float
    peak_gb: float
    output: str


def children_cpu_s() -> float:
    """CPU seconds (user + system) used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_sampled(command: list[str]) -> Sampled:
    """Run ``command`` while sampling its process tree's memory every 0.1 s."""
    cpu_before = children_cpu_s()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output, _ = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} ... failed with status {process.returncode}")
    return Sampled(elapsed, children_cpu_s() - cpu_before, peak / 1e9, output)
