"""The scaling benchmark's choice of runs and its load figure (nothing timed is asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.bench_scale import (  # noqa: E402
    LoadSampler,
    Measurement,
    default_runs,
    format_table,
    parse_runs,
)


def test_sizes_give_the_default_runs_and_run_flags_give_exactly_those_runs() -> None:
    assert parse_runs(["100000", "300000"]) == default_runs((100_000, 300_000))
    assert default_runs((100_000, 300_000))[:4] == [
        ("rfm-copies", 1_000_000),
        ("partitioned", 100_000),
        ("partitioned", 300_000),
        ("dask", 300_000),
    ]
    assert parse_runs(["--run", "partitioned:1000000", "--run", "dask:300000"]) == [
        ("partitioned", 1_000_000),
        ("dask", 300_000),
    ]
    assert parse_runs([]) == []


@pytest.mark.parametrize("value", ["gpu:100", "dask:many", "dask"])
def test_a_run_of_an_unknown_kind_or_size_is_refused_by_name(value: str) -> None:
    with pytest.raises(SystemExit, match=f"KIND:CUSTOMERS .* got {value}"):
        parse_runs(["--run", value])


def test_load_is_sampled_during_the_run_and_shown_in_the_table() -> None:
    with LoadSampler(interval=0.01) as load:
        sum(range(200_000))
    assert len(load.samples) >= 2 and load.mean >= 0.0
    row = Measurement("partitioned", 100_000, 60.0, 55.0, 0.7, 52.0, load=3.25)
    header, line = format_table([row]).splitlines()
    assert header.split()[-7] == "load" and line.split()[-1] == "3.2"
