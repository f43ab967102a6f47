"""The generation benchmark runs on a tiny size (no timing asserted; `make bench` reports it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks import bench_generate, process_tree  # noqa: E402


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="memory is read from /proc")
def test_memory_of_a_process_tree_includes_this_process():
    assert process_tree.tree_rss(os.getpid()) > 10_000_000  # an interpreter with pandas: > 10 MB


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="memory is read from /proc")
def test_one_measurement_runs_the_command_and_reports_time_and_memory():
    seconds, gigabytes = bench_generate.measure(150, jobs=1, years=1)
    assert seconds > 0
    assert 0.01 < gigabytes < 2.0
