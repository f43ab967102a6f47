"""Customer blocks on a Dask cluster: ``crmsim generate --format partitioned --dask ADDRESS``.

Each block is one Dask task that simulates the block and writes its Parquet
partitions (:func:`crmsim.warehouse.parquet_partitions.write_shard`); it returns only
its row counts and totals, so neither the scheduler nor this process ever holds the
data. ``ADDRESS`` is a scheduler such as ``tcp://10.0.0.5:8786``, started with
``dask scheduler`` and joined by ``dask worker tcp://10.0.0.5:8786`` on each machine;
``local`` starts a ``LocalCluster`` of worker processes on this machine instead.
On a cluster of several machines the output folder must be one every worker can
write under the same path (a shared file system).

A task that raises is retried (:data:`RETRIES` times); a task whose worker dies is
moved to another worker by the scheduler. Both rewrite the same bytes, and a
partition is only ever renamed into place complete. Dask is the optional extra
``crmsim[scale]``.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crmsim.errors import InputError
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.warehouse.parquet_partitions import (
    ShardFunction,
    ShardOutcome,
    ShardTask,
    write_shard,
)

LOCAL = "local"
"""The ``--dask`` value that starts a cluster on this machine."""
RETRIES = 2
"""Further attempts for a block whose task raised."""
CONNECT_TIMEOUT_S = 20
"""Seconds to wait for the scheduler at ``--dask ADDRESS``."""
WORKER_PROFILE = "distributed.worker.profile.enabled"
"""Dask setting of the workers' statistical profiler (off for ``--dask local``)."""


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise InputError(
            "--dask needs Dask distributed, the optional extra of crmsim: "
            "pip install 'crmsim[scale]'"
        ) from None
    return distributed


def dask_config() -> Any:
    """Dask's configuration module (``dask.config``); Dask is installed with distributed."""
    import dask.config

    return dask.config


def check_address(address: str) -> str:
    """``local`` or a scheduler address ``tcp://host:port`` (raises InputError otherwise)."""
    if address == LOCAL:
        return address
    scheme, _, rest = address.partition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("tcp", "tls") or not host or not port.isdigit():
        raise InputError(
            f"--dask must be 'local' or a scheduler address like tcp://127.0.0.1:8786, "
            f"got {address!r}"
        )
    return address


def run_on_dask(
    address: str,
    tasks: list[ShardTask],
    params: LifecycleParameters,
    seed: int,
    folder: Path,
    workers: int = 2,
    on_shard_done: Callable[[], None] | None = None,
    shard_function: ShardFunction = write_shard,
) -> list[ShardOutcome]:
    """Run every block as a task on the Dask cluster at ``address``; outcomes in block order.

    Parameters
    ----------
    address
        ``local`` or the scheduler's address, e.g. ``tcp://127.0.0.1:8786``.
    tasks
        The blocks.
    params, seed
        Model parameters and seed of the run.
    folder
        The staging folder the workers write into.
    workers
        Worker processes of a ``local`` cluster (one thread each).
    on_shard_done
        Called once per finished block (the progress bar).
    shard_function
        What a task runs; :func:`~crmsim.warehouse.parquet_partitions.write_shard`.

    Raises
    ------
    InputError
        Dask is not installed, or the scheduler cannot be reached.
    """
    distributed = _import_distributed()
    check_address(address)
    run_id = uuid.uuid4().hex[:12]  # task keys unique per run: a scheduler caches by key
    with contextlib.ExitStack() as stack:
        if address == LOCAL:
            # Dask samples every worker's stack 100 times a second for its profile page;
            # nobody reads it here, and it costs several per cent of the workers' CPU.
            stack.enter_context(dask_config().set({WORKER_PROFILE: False}))
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        else:
            try:
                client = stack.enter_context(
                    distributed.Client(address, timeout=f"{CONNECT_TIMEOUT_S}s")
                )
            except (OSError, TimeoutError) as error:
                raise InputError(
                    f"--dask {address}: cannot reach a Dask scheduler there ({error})"
                ) from None
        futures = [
            client.submit(
                shard_function,
                task,
                params,
                seed,
                str(folder),
                key=f"crmsim-block-{task.shard_index}-{run_id}",
                retries=RETRIES,
                pure=False,
            )
            for task in tasks
        ]
        outcomes: list[ShardOutcome] = []
        for future in distributed.as_completed(futures):
            outcomes.append(future.result())
            if on_shard_done:
                on_shard_done()
    return sorted(outcomes, key=lambda outcome: outcome.shard_index)
