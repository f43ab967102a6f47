"""``crmsim generate --dask``: a real scheduler and two workers on 127.0.0.1, same bytes.

The cluster is started as the documentation says, with the ``dask scheduler`` and
``dask worker`` commands as subprocesses. The workers find this module on their
``PYTHONPATH``, so a block function defined here can make one worker die in the
middle of writing and another block fail once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crmsim.cli import main
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.warehouse.generation import shard_plan
from crmsim.warehouse.parquet_partitions import (
    ShardOutcome,
    ShardTask,
    check_complete,
    partition_path,
    remove_unfinished,
    write_shard,
)
from crmsim.warehouse.partition_generation import generate_partitions, run_blocks
from crmsim.warehouse.target_folder import MANIFEST_NAME

pytest.importorskip("distributed", reason="the optional extra crmsim[scale] is not installed")

HERE = Path(__file__).resolve().parent
START_TIMEOUT_S = 120


def table_bytes(folder: Path) -> dict[str, bytes]:
    """Every partition file under ``folder`` by relative path."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*.parquet"))
    }


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """End the cluster's processes (workers first), each by its own id."""
    for process in reversed(processes):
        if process.poll() is None:
            process.terminate()
    for process in reversed(processes):
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a Dask scheduler on 127.0.0.1 with two single-threaded workers."""
    from distributed import Client

    folder = tmp_path_factory.mktemp("dask-cluster")
    dask = str(Path(sys.executable).with_name("dask"))
    scheduler_file = folder / "scheduler.json"
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    log = (folder / "cluster.log").open("wb")
    processes = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(scheduler_file)],
            stdout=log, stderr=subprocess.STDOUT, env=environment,
        )
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not scheduler_file.exists() and time.monotonic() < deadline:
            assert processes[0].poll() is None, (folder / "cluster.log").read_text()
            time.sleep(0.2)
        time.sleep(0.2)  # the file is written whole, but give the writer a moment
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for name in ("worker-a", "worker-b"):
            processes.append(
                subprocess.Popen(
                    [dask, "worker", address, "--name", name, "--nthreads", "1",
                     "--host", "127.0.0.1", "--no-dashboard",
                     "--preload", "crmsim.warehouse.parquet_partitions",
                     "--local-directory", str(folder / name)],
                    stdout=log, stderr=subprocess.STDOUT, env=environment,
                )
            )  # fmt: skip
        with Client(address, timeout=f"{START_TIMEOUT_S}s") as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT_S)
        yield address
    finally:
        stop(processes)
        log.close()


def faulty_block(
    task: ShardTask, params: LifecycleParameters, seed: int, folder: str
) -> ShardOutcome:
    """Block 1's first attempt kills its worker half-way through a file; block 2's first raises."""
    attempts = Path(folder).parent / f"attempts-{task.shard_index}"
    with attempts.open("a") as record:
        record.write(f"{os.getpid()}\n")
    first = len(attempts.read_text().splitlines()) == 1
    if first and task.shard_index == 1:
        half = partition_path(Path(folder), "fact_order", 1)
        half.parent.mkdir(parents=True, exist_ok=True)
        half.with_name(f".{half.name}.killed.tmp").write_bytes(b"PAR1 half a partition")
        os._exit(1)  # the worker process dies; the scheduler gives the block to another
    if first and task.shard_index == 2:
        raise RuntimeError("a passing failure")
    return write_shard(task, params, seed, folder)


def test_generate_through_the_scheduler_gives_the_bytes_of_one_process(
    scheduler: str, tmp_path: Path
) -> None:
    common = ["generate", "--customers", "60", "--years", "1", "--seed", "11", "--quiet"]
    assert main([*common, "--format", "partitioned", "--out", str(tmp_path / "one")]) == 0
    assert main([*common, "--dask", scheduler, "--out", str(tmp_path / "dask")]) == 0
    assert table_bytes(tmp_path / "dask") == table_bytes(tmp_path / "one") != {}
    manifest = json.loads((tmp_path / "dask" / MANIFEST_NAME).read_text())
    assert manifest["layout"] == "partitioned" and manifest["tables"]["dim_customer"] == 60


def test_a_dead_worker_and_a_failed_block_are_retried_without_half_files(
    scheduler: str, tmp_path: Path
) -> None:
    params = LifecycleParameters(years=1)
    tasks = [ShardTask(*block) for block in shard_plan(90, 30)]
    reference = generate_partitions(90, 1, 5, tmp_path / "reference", shard_size=30)
    staging = tmp_path / "run" / "staging"
    staging.mkdir(parents=True)
    finished: list[int] = []
    outcomes = run_blocks(
        tasks, params, 5, staging, dask=scheduler,
        on_shard_done=lambda: finished.append(1), shard_function=faulty_block,
    )  # fmt: skip
    assert [outcome.shard_index for outcome in outcomes] == [0, 1, 2] and len(finished) == 3
    for index, tries in ((0, 1), (1, 2), (2, 2)):
        assert len((tmp_path / "run" / f"attempts-{index}").read_text().splitlines()) == tries
    assert [path.name for path in remove_unfinished(staging)] == [".part-000001.parquet.killed.tmp"]
    check_complete(staging, 3)
    assert table_bytes(staging) == table_bytes(reference.out)
