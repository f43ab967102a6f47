"""Scaling of ``crmsim generate --format partitioned``: time, memory and size per customer count.

Each size runs as its own ``python -m crmsim generate`` process (two years, seed 1,
``--jobs 2``) writing Parquet partitions into a temporary folder. Measured:

- wall time around the process, and its CPU time (user + system seconds of the
  process and its workers, from ``getrusage``): on a shared machine the wall time
  depends on the other work, the CPU time hardly;
- peak memory of the whole process tree: the largest sum of resident memory (RSS)
  over the process and its workers, sampled every 0.1 s from ``/proc`` (Linux);
- output size (bytes of all files);
- RFM over the result in DuckDB (:func:`crmsim.analytics.duckdb_rfm_scores`), in its
  own process: the query's seconds and the process tree's peak memory.

One size also runs through a local Dask cluster (``--dask local --jobs 2``), and the
smallest sizes also with the single-file ``--format parquet`` for comparison (its
memory grows with the customer count). Targets (2 cores): 1M customers in ≤ 5 min,
≤ 2 GB at every size, RFM over 1M in ≤ 10 s.

``make bench`` runs the quick mode (:data:`QUICK_SIZES`). The full scaling table::

    BENCH_SCALE=full .venv/bin/python -m benchmarks bench_scale
    .venv/bin/python -m benchmarks.bench_scale 100000 300000 1000000

Single runs, in the order given (``KIND:CUSTOMERS``, kinds ``partitioned``, ``dask``,
``parquet`` and ``rfm-copies``)::

    .venv/bin/python -m benchmarks.bench_scale --run partitioned:1000000 --run dask:300000

Every row also gives the machine's load during the run (the mean of the one-minute
load average, sampled every 5 s): with the two cores shared, a load above 2 means the
run got less than two cores, and its wall time is longer than its CPU time allows.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

from benchmarks.process_tree import run_sampled

QUICK_SIZES = (5_000, 20_000)
FULL_SIZES = (100_000, 300_000, 1_000_000)
TARGET_1M_S = 300.0
TARGET_GB = 2.0
TARGET_RFM_S = 10.0
CUTOFF = "2025-07-01"


class Measurement(NamedTuple):
    """One run: what ran, wall and CPU seconds, peak memory (GB), output (MB), RFM figures.

    ``load`` is the mean one-minute load average of the machine during the run.
    """

    label: str
    customers: int
    seconds: float
    cpu_s: float
    peak_gb: float
    output_mb: float
    rfm_s: float | None = None
    rfm_cpu_s: float | None = None
    rfm_peak_gb: float | None = None
    load: float | None = None


class LoadSampler:
    """The one-minute load average, sampled every ``interval`` seconds while in a ``with`` block."""

    def __init__(self, interval: float = 5.0) -> None:
        self.interval = interval
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            self.samples.append(os.getloadavg()[0])
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(os.getloadavg()[0])

    @property
    def mean(self) -> float:
        """Mean of the samples."""
        return sum(self.samples) / len(self.samples)


def folder_megabytes(folder: Path) -> float:
    """Size of all files under ``folder`` in MB (10⁶ bytes)."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6


def rfm_seconds(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one DuckDB RFM over ``folder`` (run in this process)."""
    import duckdb

    from crmsim.analytics import duckdb_rfm_scores
    from crmsim.warehouse.partition_database import table_source

    orders = duckdb.connect().sql(f"SELECT * FROM {table_source(folder, 'fact_order')}")
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    scores = duckdb_rfm_scores(orders, CUTOFF)
    elapsed = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    assert len(scores) > 0
    cpu = cpu_after.ru_utime - cpu_before.ru_utime + cpu_after.ru_stime - cpu_before.ru_stime
    return elapsed, cpu


def replicate_orders(source: Path, out: Path, copies: int) -> int:
    """Write ``copies`` of a dataset's order lines as partitions, ids shifted; return customers.

    A stand-in for the orders of a base ``copies`` times larger with the same buying
    behaviour, for timing DuckDB at a size the generator would need long to make.
    """
    from crmsim.warehouse import read_table
    from crmsim.warehouse.parquet_partitions import KEY_STRIDE, partition_path
    from crmsim.warehouse.tables import TABLES
    from crmsim.warehouse.writers import to_arrow, write_parquet

    orders = read_table("fact_order", source)
    people = int(read_table("dim_customer", source)["customer_id"].max())
    for copy in range(copies):
        shifted = orders.assign(
            customer_id=orders["customer_id"] + copy * people,
            order_id=orders["order_id"] + copy * KEY_STRIDE,
            order_line_id=orders["order_line_id"] + copy * KEY_STRIDE,
        )
        path = partition_path(out, "fact_order", copy)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_parquet(to_arrow(shifted, TABLES["fact_order"]), path)
    return copies * people


def measure_rfm_replicated(customers: int = 1_000_000) -> Measurement:
    """RFM in DuckDB over the committed dataset's orders replicated to ``customers`` people."""
    source = Path(__file__).resolve().parents[1] / "data"
    with tempfile.TemporaryDirectory(prefix="crmsim-rfm-") as temporary:
        copies = -(-customers // 3000)
        people = replicate_orders(source, Path(temporary), copies)
        size = folder_megabytes(Path(temporary))
        rfm = run_sampled([sys.executable, "-m", "benchmarks.bench_scale", "--rfm", temporary])
        timing = json.loads(rfm.output)
        return Measurement(
            "rfm copies", people, 0.0, 0.0, 0.0, size, timing["seconds"], timing["cpu_s"],
            rfm.peak_gb,
        )  # fmt: skip


def measure(customers: int, formats: str = "partitioned", dask: bool = False) -> Measurement:
    """Generate one dataset in a child process; time RFM over it when partitioned."""
    label = "dask local" if dask else formats
    with tempfile.TemporaryDirectory(prefix="crmsim-scale-") as temporary:
        out = Path(temporary) / "out"
        command = [sys.executable, "-m", "crmsim", "generate", "--customers", str(customers)]
        command += ["--years", "2", "--seed", "1", "--jobs", "2", "--quiet"]
        command += ["--format", formats, "--out", str(out)]
        command += ["--dask", "local"] if dask else []
        with LoadSampler() as load:
            run = run_sampled(command)
        size = folder_megabytes(out)
        if formats != "partitioned" or dask:
            return Measurement(
                label, customers, run.seconds, run.cpu_s, run.peak_gb, size, load=load.mean
            )
        rfm = run_sampled([sys.executable, "-m", "benchmarks.bench_scale", "--rfm", str(out)])
        timing = json.loads(rfm.output)
        return Measurement(
            label, customers, run.seconds, run.cpu_s, run.peak_gb, size,
            timing["seconds"], timing["cpu_s"], rfm.peak_gb, load.mean,
        )  # fmt: skip


def format_table(rows: list[Measurement]) -> str:
    """The scaling table with the cost per customer."""
    lines = [
        f"{'run':<12} {'customers':>10} {'seconds':>8} {'CPU s':>8} {'CPU ms/c':>8} {'peak GB':>8} "
        f"{'MB out':>8} {'KB/cust':>8} {'load':>5} {'RFM s':>6} {'RFM CPU':>7} {'RFM GB':>7}"
    ]
    for row in rows:
        rfm = (
            f"{row.rfm_s:>6.2f} {row.rfm_cpu_s:>7.2f} {row.rfm_peak_gb:>7.2f}"
            if row.rfm_s is not None
            else ""
        )
        load = f"{row.load:>5.1f}" if row.load is not None else f"{'':>5}"
        lines.append(
            f"{row.label:<12} {row.customers:>10,} {row.seconds:>8.1f} {row.cpu_s:>8.1f} "
            f"{row.cpu_s / row.customers * 1e3:>8.3f} {row.peak_gb:>8.2f} "
            f"{row.output_mb:>8.1f} {row.output_mb / row.customers * 1e3:>8.2f} {load} {rfm}"
        )
    return "\n".join(lines)


def verdicts(rows: list[Measurement]) -> list[str]:
    """PASS/MISS against the targets, for the sizes that ran."""
    lines = []
    generated = [row.peak_gb for row in rows if row.label in ("partitioned", "dask local")]
    if generated:
        lines.append(
            f"peak memory ≤ {TARGET_GB:.0f} GB at every size: {max(generated):.2f} GB "
            f"{'PASS' if max(generated) <= TARGET_GB else 'MISS'}"
        )
    for row in rows:
        if row.customers == 1_000_000 and row.label == "partitioned":
            lines.append(
                f"1M in ≤ {TARGET_1M_S:.0f} s: {row.seconds:.0f} s "
                f"{'PASS' if row.seconds <= TARGET_1M_S else 'MISS'}"
            )
        if row.rfm_s is not None and row.customers >= 1_000_000:
            source = " (replicated orders)" if row.label == "rfm copies" else ""
            lines.append(
                f"RFM over {row.customers:,} customers{source} in ≤ {TARGET_RFM_S:.0f} s: "
                f"{row.rfm_s:.1f} s ({row.rfm_cpu_s:.1f} CPU s) "
                f"{'PASS' if row.rfm_s <= TARGET_RFM_S else 'MISS'}"
            )
    return lines


RUN_KINDS = ("partitioned", "dask", "parquet", "rfm-copies")
"""Kinds of run ``--run KIND:CUSTOMERS`` accepts."""


def default_runs(sizes: tuple[int, ...]) -> list[tuple[str, int]]:
    """The runs of a size list: RFM over copies, every size, Dask at the second, single files."""
    runs = [("rfm-copies", 1_000_000)]
    runs += [("partitioned", customers) for customers in sizes]
    runs.append(("dask", sizes[1] if len(sizes) > 1 else sizes[0]))
    runs += [("parquet", customers) for customers in sizes if customers <= 100_000][:2]
    return runs


def parse_runs(arguments: list[str]) -> list[tuple[str, int]]:
    """``--run KIND:CUSTOMERS`` pairs, or sizes (the default runs of them), from the arguments."""
    if "--run" not in arguments:
        return default_runs(tuple(int(size) for size in arguments)) if arguments else []
    runs = []
    for flag, value in zip(arguments[::2], arguments[1::2], strict=True):
        kind, _, customers = value.partition(":")
        if flag != "--run" or kind not in RUN_KINDS or not customers.isdigit():
            raise SystemExit(f"expected --run KIND:CUSTOMERS with KIND in {RUN_KINDS}, got {value}")
        runs.append((kind, int(customers)))
    return runs


def run_one(kind: str, customers: int) -> Measurement:
    """One run of :data:`RUN_KINDS`."""
    if kind == "rfm-copies":
        return measure_rfm_replicated(customers)
    if kind == "dask":
        return measure(customers, "partitioned", dask=True)
    return measure(customers, kind)


def interpreter() -> str:
    """Which Python runs the simulation: the speed of pure-Python code depends on its build."""
    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.path.realpath(sys.executable)}"
    )


def main(runs: list[tuple[str, int]] | None = None) -> None:
    """Measure every run (the quick sizes unless BENCH_SCALE=full); print table and verdicts."""
    if not runs:
        full = os.environ.get("BENCH_SCALE") == "full"
        runs = default_runs(FULL_SIZES if full else QUICK_SIZES)
    print(f"crmsim generate --format partitioned, 2 years, --jobs 2; {os.cpu_count()} CPU cores")
    print(f"load average before the run: {os.getloadavg()[0]:.1f}")
    print(f"interpreter: {interpreter()}")
    print(format_table([]), flush=True)
    rows: list[Measurement] = []
    for kind, customers in runs:
        rows.append(run_one(kind, customers))
        print(format_table(rows[-1:]).splitlines()[-1], flush=True)
    print()
    print(format_table(rows))
    for line in verdicts(rows):
        print(line)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rfm"]:
        wall, cpu = rfm_seconds(Path(sys.argv[2]))
        print(json.dumps({"seconds": wall, "cpu_s": cpu}))
    else:
        main(parse_runs(sys.argv[1:]))
