"""Generate a partitioned dataset: every block writes its own Parquet files, then one rename.

The blocks run in this process (``jobs=1``), in a pool of worker processes
(``jobs>1``) or on a Dask cluster (``dask=ADDRESS`` or ``"local"``). They all write
into one staging folder beside the target, which is renamed into place only when
every partition is there: an interrupted run leaves no half-written dataset, and
the manifest lists the table folders and the number of blocks. This process only
adds up each block's row counts and totals, so its memory does not grow with the
customer count either.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.warehouse.parquet_partitions import (
    PARTITIONED,
    ShardFunction,
    ShardOutcome,
    ShardTask,
    check_complete,
    remove_unfinished,
    write_shard,
)
from crmsim.warehouse.tables import TABLE_LIST
from crmsim.warehouse.target_folder import (
    check_target,
    claim_staging,
    clean_stale_staging,
    replace_folder,
    write_manifest,
)

if TYPE_CHECKING:
    from crmsim.warehouse.generation import GenerationSummary


def run_blocks(
    tasks: list[ShardTask],
    params: LifecycleParameters,
    seed: int,
    folder: Path,
    jobs: int = 1,
    dask: str | None = None,
    on_shard_done: Callable[[], None] | None = None,
    shard_function: ShardFunction = write_shard,
) -> list[ShardOutcome]:
    """Write every block into ``folder``: here, in ``jobs`` processes, or on Dask.

    ``shard_function`` is what each block runs (default
    :func:`~crmsim.warehouse.parquet_partitions.write_shard`); it must be picklable.
    """
    from crmsim.warehouse.generation import die_with_parent

    if dask is not None:
        from crmsim.warehouse.dask_runner import run_on_dask

        return run_on_dask(
            dask,
            tasks,
            params,
            seed,
            folder,
            workers=max(jobs, 1),
            on_shard_done=on_shard_done,
            shard_function=shard_function,
        )
    outcomes: list[ShardOutcome] = []
    if jobs <= 1 or len(tasks) == 1:
        for task in tasks:
            outcomes.append(shard_function(task, params, seed, str(folder)))
            if on_shard_done:
                on_shard_done()
        return outcomes
    with ProcessPoolExecutor(
        min(jobs, len(tasks)), initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        futures = [pool.submit(shard_function, task, params, seed, str(folder)) for task in tasks]
        for future in as_completed(futures):
            outcomes.append(future.result())
            if on_shard_done:
                on_shard_done()
    return sorted(outcomes, key=lambda outcome: outcome.shard_index)


def generate_partitions(
    customers: int,
    years: int,
    seed: int,
    out: Path,
    jobs: int = 1,
    dask: str | None = None,
    force: bool = False,
    params: LifecycleParameters | None = None,
    shard_size: int | None = None,
    progress: bool = False,
    readme: str | None = None,
    command: str | None = None,
    shard_function: ShardFunction = write_shard,
) -> GenerationSummary:
    """Simulate ``customers`` people over ``years`` years into Parquet partitions in ``out``.

    The parameters are those of :func:`crmsim.warehouse.generation.generate`, plus
    ``dask``: ``None`` (local processes, ``jobs`` of them), ``"local"`` (a Dask
    ``LocalCluster`` of ``jobs`` workers) or a scheduler address; and ``shard_function``,
    what each block runs. The files are the same bytes whichever way the blocks run.
    """
    from tqdm import tqdm

    from crmsim.warehouse.generation import SHARD_SIZE, shard_plan

    out = Path(out)
    check_target(out, force)
    params = dataclasses.replace(params or LifecycleParameters(), years=years)
    tasks = [ShardTask(*block) for block in shard_plan(customers, shard_size or SHARD_SIZE)]
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(out)
    # An absolute path: Dask workers may run in another working folder (or on another machine).
    staging = Path(
        tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    ).absolute()
    staging.chmod(0o755)  # mkdtemp makes it private; the dataset is meant to be shared
    started = time.perf_counter()
    try:
        claim_staging(staging)
        bar = tqdm(
            total=len(tasks),
            desc="simulating and writing customer blocks",
            unit="block",
            file=sys.stderr,
            disable=not (progress and sys.stderr.isatty()),
        )
        with bar:
            outcomes = run_blocks(
                tasks, params, seed, staging, jobs, dask, lambda: bar.update(1), shard_function
            )
        simulated = time.perf_counter()
        remove_unfinished(staging)
        check_complete(staging, len(tasks))
        names = [f"{table.name}/" for table in TABLE_LIST]
        if readme is not None:
            (staging / "README.md").write_text(readme, encoding="utf-8")
            names.append("README.md")
        rows = {
            table.name: sum(o.rows.get(table.name, 0) for o in outcomes) for table in TABLE_LIST
        }
        layout = {"layout": PARTITIONED, "blocks": len(tasks)}
        write_manifest(staging, command or "", rows, names, layout)
        check_target(out, force)  # again: the folder may have appeared while simulating
        replace_folder(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return summarise(out, names, rows, outcomes, simulated - started, simulated)


def summarise(
    out: Path,
    names: list[str],
    rows: dict[str, int],
    outcomes: list[ShardOutcome],
    simulate_s: float,
    simulated_at: float,
) -> GenerationSummary:
    """The run's summary from the blocks' totals (revenue, churn, acquisition vs retention)."""
    from crmsim.analytics.acquisition_retention import CostComparison
    from crmsim.warehouse.generation import GenerationSummary
    from crmsim.warehouse.target_folder import MANIFEST_NAME

    active_years = sum(o.active_months for o in outcomes) / 12.0
    won = sum(o.customers_won for o in outcomes)
    costs = CostComparison(
        sum(o.acquisition_spend_eur for o in outcomes) / max(won, 1),
        sum(o.retention_spend_eur for o in outcomes) / max(active_years, 1e-9),
        won,
        active_years,
    )
    return GenerationSummary(
        out,
        tuple(out / name.rstrip("/") for name in [*names, MANIFEST_NAME]),
        rows,
        simulate_s,
        time.perf_counter() - simulated_at,
        sum(o.revenue_eur for o in outcomes),
        sum(o.churned for o in outcomes) / max(active_years, 1.0),
        costs.ratio,
    )
