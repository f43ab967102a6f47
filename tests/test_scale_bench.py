"""The scaling benchmark's measuring and reporting parts, on tiny inputs (no timing asserted)."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.bench_scale import (  # noqa: E402
    Measurement,
    folder_megabytes,
    format_table,
    interpreter,
    replicate_orders,
    rfm_seconds,
    verdicts,
)
from benchmarks.process_tree import run_sampled  # noqa: E402


def test_a_child_process_is_measured_with_its_output() -> None:
    code = "import json; data = bytearray(50_000_000); print(json.dumps({'seconds': 0.5}))"
    run = run_sampled([sys.executable, "-c", code])
    assert json.loads(run.output) == {"seconds": 0.5}
    assert run.seconds > 0 and run.cpu_s > 0
    assert 0.0 <= run.peak_gb < 1.0


def test_output_size_counts_every_file_below_the_folder(tmp_path: Path) -> None:
    (tmp_path / "fact_order").mkdir()
    (tmp_path / "fact_order" / "part-000000.parquet").write_bytes(b"x" * 1_500_000)
    (tmp_path / "README.md").write_bytes(b"y" * 500_000)
    assert folder_megabytes(tmp_path) == 2.0


def test_table_gives_cost_per_customer_and_verdicts_name_the_targets() -> None:
    rows = [
        Measurement("partitioned", 1_000_000, 280.0, 520.0, 0.9, 600.0, 4.0, 6.5, 0.8),
        Measurement("dask local", 300_000, 100.0, 160.0, 1.2, 180.0),
        Measurement("parquet", 100_000, 60.0, 110.0, 2.5, 60.0),
    ]
    table = format_table(rows).splitlines()
    assert table[0].split()[:3] == ["run", "customers", "seconds"]
    assert "1,000,000" in table[1] and "0.520" in table[1] and "0.60" in table[1]
    assert table[3].split()[0] == "parquet" and "RFM" not in table[3]
    lines = verdicts(rows)
    assert lines[0] == "peak memory ≤ 2 GB at every size: 1.20 GB PASS"  # parquet is not counted
    assert lines[1] == "1M in ≤ 300 s: 280 s PASS"
    assert lines[2] == "RFM over 1,000,000 customers in ≤ 10 s: 4.0 s (6.5 CPU s) PASS"
    replicated = Measurement("rfm copies", 1_002_000, 0.0, 0.0, 0.0, 90.0, 12.0, 4.0, 0.6)
    assert verdicts([replicated]) == [
        "RFM over 1,002,000 customers (replicated orders) in ≤ 10 s: 12.0 s (4.0 CPU s) MISS"
    ]


def test_replicated_orders_make_a_larger_base_that_rfm_reads(tmp_path: Path) -> None:
    people = replicate_orders(REPO_ROOT / "data", tmp_path, 2)
    assert people == 6000
    assert sorted(path.name for path in (tmp_path / "fact_order").iterdir()) == [
        "part-000000.parquet",
        "part-000001.parquet",
    ]
    wall, cpu = rfm_seconds(tmp_path)
    assert wall > 0 and cpu > 0


def test_the_report_names_the_interpreter_that_ran_it() -> None:
    line = interpreter()
    assert line.startswith(f"{platform.python_implementation()} {platform.python_version()}, ")
    assert line.endswith(os.path.realpath(sys.executable))
