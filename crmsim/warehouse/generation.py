"""Generate the whole dataset: simulate the customer blocks (in parallel), build, write, move.

Customers are split into blocks of about ``shard_size`` people; each block is
simulated on its own with random streams spawned from the seed by block
index, so the output is the same whatever the number of worker processes.
Files are written into a temporary folder next to the target and renamed
into place at the very end: an interrupted run leaves no half-written dataset.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import math
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from crmsim.errors import require
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.shard import ShardResult, simulate_shard
from crmsim.warehouse.build import build_tables
from crmsim.warehouse.economics import acquisition_vs_retention
from crmsim.warehouse.parquet_partitions import PARTITIONED
from crmsim.warehouse.target_folder import (
    check_target,
    claim_staging,
    clean_stale_staging,
    replace_folder,
    write_manifest,
)
from crmsim.warehouse.writers import FORMATS, conform_all, write_tables

SHARD_SIZE = 2500
PR_SET_PDEATHSIG = 1
"""Linux prctl option: the signal a process receives when its parent dies."""


@dataclass(frozen=True)
class GenerationSummary:
    """What a run produced: folder, files, row counts, timings (seconds) and key figures.

    ``churn_per_customer_year`` is churn events per active customer-year;
    ``acquisition_to_retention_cost`` how many times dearer winning a customer is
    than keeping one for a year (see :mod:`crmsim.warehouse.economics`).
    """

    out: Path
    files: tuple[Path, ...]
    rows: dict[str, int]
    simulate_s: float
    write_s: float
    revenue_eur: float
    churn_per_customer_year: float
    acquisition_to_retention_cost: float


def shard_plan(customers: int, shard_size: int = SHARD_SIZE) -> list[tuple[int, int, int]]:
    """Blocks of nearly equal size: (shard index, first customer id, people)."""
    shards = max(1, math.ceil(customers / shard_size))
    base, extra = divmod(customers, shards)
    plan, first = [], 1
    for index in range(shards):
        size = base + (1 if index < extra else 0)
        plan.append((index, first, size))
        first += size
    return plan


def simulate_all(
    customers: int,
    params: LifecycleParameters,
    seed: int,
    jobs: int = 1,
    shard_size: int = SHARD_SIZE,
    on_shard_done: Callable[[], None] | None = None,
) -> list[ShardResult]:
    """Simulate every block, with ``jobs`` worker processes; results in block order."""
    plan = shard_plan(customers, shard_size)
    results: list[ShardResult] = []
    if jobs <= 1 or len(plan) == 1:
        for index, first, size in plan:
            results.append(simulate_shard(index, first, size, params, seed))
            if on_shard_done:
                on_shard_done()
    else:
        workers = min(jobs, len(plan))
        with ProcessPoolExecutor(
            workers, initializer=die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            futures = [pool.submit(simulate_shard, i, f, s, params, seed) for i, f, s in plan]
            for future in as_completed(futures):
                results.append(future.result())
                if on_shard_done:
                    on_shard_done()
    return sorted(results, key=lambda result: result.shard_index)


def die_with_parent(parent_pid: int) -> None:
    """Worker start-up: end this process as soon as the parent ``parent_pid`` is gone.

    A parent killed with ``kill -9`` cannot stop its workers, which would otherwise
    simulate on (at ~180 MB each) for ever. On Linux the kernel sends the worker
    SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere a daemon
    thread also checks once a second whether the parent is still there.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the line above ran
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def check_request(
    customers: int, years: int, jobs: int, formats: str, out: Path, force: bool
) -> None:
    """Validate the options of a generation run (raises :class:`~crmsim.errors.InputError`)."""
    require(customers >= 1, f"--customers must be a whole number ≥ 1, got {customers}")
    require(1 <= years <= 20, f"--years must be a whole number from 1 to 20, got {years}")
    require(jobs >= 1, f"--jobs must be a whole number ≥ 1, got {jobs}")
    known = (*FORMATS, PARTITIONED)
    require(formats in known, f"--format must be one of {', '.join(known)}, got {formats!r}")
    check_target(out, force)


def generate(
    customers: int,
    years: int,
    seed: int,
    out: Path,
    formats: str = "parquet",
    jobs: int = 1,
    force: bool = False,
    params: LifecycleParameters | None = None,
    shard_size: int = SHARD_SIZE,
    progress: bool = False,
    readme: str | None = None,
    command: str | None = None,
    dask: str | None = None,
) -> GenerationSummary:
    """Simulate ``customers`` people over ``years`` years and write the warehouse into ``out``.

    Parameters
    ----------
    customers
        People in the customer database (customers and prospects at the start).
    years
        Length of the period in years.
    seed
        Seed of every random stream; the same seed gives the same files.
    out
        Target folder; it must not exist unless ``force``, and ``force`` replaces only a
        folder that an earlier run wrote (see :mod:`crmsim.warehouse.target_folder`).
    formats
        ``csv``, ``parquet``, ``duckdb``, ``all``, or ``partitioned`` (Parquet files per
        table and customer block, in flat memory: :mod:`crmsim.warehouse.parquet_partitions`).
    jobs
        Worker processes for the simulation (for ``dask="local"``: Dask workers).
    force
        Replace an existing target folder.
    params
        Model parameters; ``years`` overrides theirs.
    shard_size
        People per block (changing it changes the data; the number of jobs does not).
    progress
        Show a progress bar on stderr (only when it is a terminal).
    readme
        Text of a ``README.md`` (the data dictionary) to write beside the tables.
    command
        The command line that reproduces the run, recorded in the manifest.
    dask
        ``partitioned`` only: run the blocks on a Dask cluster, ``"local"`` or a
        scheduler address (:mod:`crmsim.warehouse.dask_runner`).
    """
    out = Path(out)
    check_request(customers, years, jobs, formats, out, force)
    require(
        dask is None or formats == PARTITIONED,
        f"--dask writes Parquet partitions: use --format {PARTITIONED}, not {formats}",
    )
    if formats == PARTITIONED:
        from crmsim.warehouse.partition_generation import generate_partitions

        return generate_partitions(
            customers, years, seed, out, jobs, dask, force, params, shard_size, progress, readme,
            command,
        )  # fmt: skip
    params = dataclasses.replace(params or LifecycleParameters(), years=years)
    chosen = ["csv", "parquet", "duckdb"] if formats == "all" else [formats]
    started = time.perf_counter()
    from tqdm import tqdm

    bar = tqdm(
        total=len(shard_plan(customers, shard_size)),
        desc="simulating customer blocks",
        unit="block",
        file=sys.stderr,
        disable=not (progress and sys.stderr.isatty()),
    )
    with bar:
        results = simulate_all(customers, params, seed, jobs, shard_size, lambda: bar.update(1))
    simulated = time.perf_counter()
    frames = build_tables(results, params)
    del results
    arrows = conform_all(frames)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(out)
    check_target(out, force)  # again: the folder may have appeared while simulating
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the dataset is meant to be shared
    try:
        claim_staging(staging)
        written = write_tables(arrows, staging, chosen)
        if readme is not None:
            (staging / "README.md").write_text(readme, encoding="utf-8")
            written.append(staging / "README.md")
        rows = {name: arrow.num_rows for name, arrow in arrows.items()}
        manifest = write_manifest(staging, command or "", rows, [path.name for path in written])
        written.append(manifest)
        replace_folder(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = tuple(out / path.name for path in written)
    months = frames["fact_customer_month"]
    churn_rate = float(months["churned"].sum()) / max(float(months["is_active"].sum()) / 12, 1.0)
    return GenerationSummary(
        out,
        files,
        rows,
        simulated - started,
        time.perf_counter() - simulated,
        float(frames["fact_order"]["revenue_eur"].sum()),
        churn_rate,
        acquisition_vs_retention(frames).ratio,
    )
