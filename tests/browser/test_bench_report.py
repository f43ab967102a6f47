"""The slider-latency benchmark's report: medians, maxima and the verdict. No browser."""

from __future__ import annotations

import sys

import pytest
from servers import REPO_ROOT

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.bench_browser import LatencySample, format_report


def sample(to_dom_ms: float, to_frame_ms: float, wall_ms: float) -> LatencySample:
    return LatencySample(to_dom_ms, to_frame_ms, wall_ms, "92.0 %", "94.5 %")


def test_report_gives_median_and_max_and_passes_within_target():
    samples = [sample(40, 50, 80), sample(60, 70, 100), sample(100, 120, 150)]
    report = format_report(samples, first_page_s=3.84, target_ms=300)
    lines = report.splitlines()
    assert "first page" in lines[1] and "3.8 s" in lines[1]
    assert "3 moves" in lines[2]
    dom = next(line for line in lines if "(DOM)" in line).split()
    frame = next(line for line in lines if "next frame" in line).split()
    assert dom[-2:] == ["60", "100"]
    assert frame[-2:] == ["70", "120"]
    assert lines[-1].endswith("PASS")


def test_one_slow_move_misses_the_target():
    samples = [sample(40, 50, 80), sample(290, 301, 330)]
    assert format_report(samples, first_page_s=4.0, target_ms=300).endswith("MISS")


def test_report_needs_samples():
    with pytest.raises(ValueError, match="at least one slider move"):
        format_report([], first_page_s=1.0)
