"""``--format partitioned``: Parquet files per table and customer block, in flat memory."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from crmsim.cli import main
from crmsim.errors import InputError
from crmsim.warehouse import read_table
from crmsim.warehouse.generation import generate
from crmsim.warehouse.parquet_partitions import (
    BLOCK_KEYS,
    KEY_STRIDE,
    SHARED_TABLES,
    ShardTask,
    check_complete,
    globalise_keys,
    partition_path,
    remove_unfinished,
    write_atomically,
    write_shard,
)
from crmsim.warehouse.partition_database import duckdb_tables, partitions_to_duckdb
from crmsim.warehouse.tables import TABLES
from crmsim.warehouse.target_folder import MANIFEST_NAME

CUSTOMERS, BLOCK, SEED = 150, 50, 7


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path (the manifest's command excluded)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST_NAME
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same base as partitions (one process), as partitions (two) and as Parquet files."""
    root = tmp_path_factory.mktemp("scale")
    for name, formats, jobs in (
        ("partitioned", "partitioned", 1),
        ("partitioned_jobs2", "partitioned", 2),
        ("single", "parquet", 1),
    ):
        generate(CUSTOMERS, 1, SEED, root / name, formats, jobs=jobs, shard_size=BLOCK)
    return {name: root / name for name in ("partitioned", "partitioned_jobs2", "single")}


def test_one_parquet_file_per_table_and_block_and_a_manifest(runs: dict[str, Path]) -> None:
    folder = runs["partitioned"]
    manifest = json.loads((folder / MANIFEST_NAME).read_text())
    assert manifest["layout"] == "partitioned" and manifest["blocks"] == 3
    for name in TABLES:
        parts = sorted(path.name for path in (folder / name).iterdir())
        expected = 1 if name in SHARED_TABLES else 3
        assert parts == [f"part-{index:06d}.parquet" for index in range(expected)], name
        assert manifest["tables"][name] == len(read_table(name, folder))
    assert not list(folder.rglob(".*.tmp"))


def test_partitions_are_the_same_bytes_with_two_worker_processes(runs: dict[str, Path]) -> None:
    assert folder_bytes(runs["partitioned"]) == folder_bytes(runs["partitioned_jobs2"])


@pytest.mark.parametrize("name", sorted(TABLES))
def test_partitions_hold_the_rows_of_the_single_file_dataset(
    runs: dict[str, Path], name: str
) -> None:
    """Only the block-numbered keys differ; every other value is the same."""
    keys = list(BLOCK_KEYS.get(name, ()))
    frames = []
    for run in ("partitioned", "single"):
        frame = read_table(name, runs[run]).drop(columns=keys)
        frames.append(frame.sort_values(list(frame.columns), ignore_index=True))
    pd.testing.assert_frame_equal(frames[0], frames[1])


def test_pandas_duckdb_and_read_table_read_the_same_table(runs: dict[str, Path]) -> None:
    folder = runs["partitioned"]
    typed = read_table("fact_order", folder)
    plain = pd.read_parquet(folder / "fact_order")
    pattern = folder / "fact_order" / "*.parquet"
    queried = duckdb.sql(f"SELECT * FROM read_parquet('{pattern}') ORDER BY order_line_id").df()
    assert len(typed) == len(plain) == len(queried) > 200
    assert typed["order_line_id"].tolist() == plain["order_line_id"].tolist()
    assert typed["order_line_id"].tolist() == queried["order_line_id"].tolist()
    assert typed["revenue_eur"].sum() == pytest.approx(queried["revenue_eur"].sum())


def test_keys_are_unique_carry_the_block_and_foreign_keys_hold(runs: dict[str, Path]) -> None:
    connection = duckdb.connect()
    tables = duckdb_tables(runs["partitioned"], connection)
    orders, complaints = tables["fact_order"], tables["fact_complaint"]  # noqa: F841
    interactions, responses = tables["fact_interaction"], tables["fact_campaign_response"]  # noqa: F841
    agents = tables["dim_agent"]  # noqa: F841
    lines = connection.sql("SELECT order_line_id, customer_id FROM orders").df()
    assert lines["order_line_id"].is_unique
    block = (lines["customer_id"] - 1) // BLOCK
    assert (lines["order_line_id"] // KEY_STRIDE == block).all()
    orphans = connection.sql(
        """
        SELECT
          (SELECT count(*) FROM complaints WHERE order_id IS NOT NULL
             AND order_id NOT IN (SELECT order_id FROM orders)) AS complaint_orders,
          (SELECT count(*) FROM complaints
             WHERE interaction_id NOT IN (SELECT interaction_id FROM interactions)) AS contacts,
          (SELECT count(*) FROM responses WHERE order_id IS NOT NULL
             AND order_id NOT IN (SELECT order_id FROM orders)) AS response_orders,
          (SELECT count(*) FROM interactions WHERE agent_id IS NOT NULL
             AND agent_id NOT IN (SELECT agent_id FROM agents)) AS agents
        """
    ).fetchall()
    assert orphans == [(0, 0, 0, 0)]


def test_a_duckdb_file_with_keys_is_made_from_the_partitions(
    runs: dict[str, Path], tmp_path: Path
) -> None:
    path = partitions_to_duckdb(runs["partitioned"], tmp_path / "crm.duckdb")
    connection = duckdb.connect(str(path), read_only=True)
    try:
        assert connection.sql("SELECT count(*) FROM fact_order").fetchall() == [
            (len(read_table("fact_order", runs["partitioned"])),)
        ]
        constraints = connection.sql(
            "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'FOREIGN KEY'"
        ).fetchall()
        assert constraints[0][0] > 10
    finally:
        connection.close()
    with pytest.raises(InputError, match="exists"):
        partitions_to_duckdb(runs["partitioned"], path)


def test_a_failed_write_leaves_no_partition_and_no_temporary_file(
    runs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crmsim.warehouse.parquet_partitions as partitions

    def broken(arrow: object, path: Path) -> None:
        path.write_bytes(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(partitions, "write_parquet", broken)
    frame = read_table("dim_channel", runs["partitioned"])
    target = partition_path(tmp_path, "dim_channel", 0)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(frame, "dim_channel", target)
    assert list(target.parent.iterdir()) == []


def test_leftovers_of_a_killed_attempt_are_removed_and_gaps_are_found(tmp_path: Path) -> None:
    table = tmp_path / "fact_order"
    table.mkdir()
    leftover = table / ".part-000001.parquet.0123abcd.tmp"
    leftover.write_bytes(b"PAR1")
    assert remove_unfinished(tmp_path) == [leftover] and not leftover.exists()
    with pytest.raises(RuntimeError, match="partitions are missing"):
        check_complete(tmp_path, 2)


def test_an_interrupted_run_leaves_no_dataset_and_no_staging_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crmsim.warehouse.partition_generation as generation

    def second_block_fails(task: ShardTask, params: object, seed: int, folder: str) -> object:
        if task.shard_index == 1:
            raise RuntimeError("worker lost")
        return write_shard(task, params, seed, folder)  # type: ignore[arg-type]

    monkeypatch.setattr(generation, "write_shard", second_block_fails)
    with pytest.raises(RuntimeError, match="worker lost"):
        generation.generate_partitions(
            40, 1, SEED, tmp_path / "out", shard_size=20, shard_function=second_block_fails
        )
    assert list(tmp_path.iterdir()) == []


def test_block_keys_that_overflow_the_stride_are_refused() -> None:
    frames = {name: pd.DataFrame({c: pd.Series([], dtype="int64") for c in cols})
              for name, cols in BLOCK_KEYS.items()}  # fmt: skip
    frames["fact_order"] = pd.DataFrame({"order_line_id": [KEY_STRIDE], "order_id": [1]})
    with pytest.raises(ValueError, match="smaller shard size"):
        globalise_keys(frames, 2)


def test_every_block_numbered_key_is_listed() -> None:
    """An int64 key column is either global (customers, products, ...) or gets the block offset."""
    global_keys = {"customer_id", "product_id", "campaign_id"}
    for table in TABLES.values():
        if table.name in SHARED_TABLES:
            continue
        for column in table.columns:
            if column.name.endswith("_id") and column.dtype == "int64":
                listed = column.name in BLOCK_KEYS.get(table.name, ())
                assert listed != (column.name in global_keys), (table.name, column.name)


def test_cli_writes_partitions(tmp_path: Path) -> None:
    options = ["--customers", "30", "--years", "1", "--format", "partitioned", "--quiet"]
    assert main(["generate", *options, "--out", str(tmp_path / "p")]) == 0
    assert "Parquet files per table and block" in (tmp_path / "p" / "README.md").read_text()
    assert len(pd.read_parquet(tmp_path / "p" / "dim_customer")) == 30


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--format", "csv", "--dask", "local"], "use --format partitioned, not csv"),
        (["--dask", "127.0.0.1"], "a scheduler address like tcp://127.0.0.1:8786, got '127.0.0.1'"),
        (["--dask", "tcp://host:port"], "'local' or a scheduler address"),
    ],
)
def test_cli_refuses_a_bad_dask_option_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    status = main(["generate", "--customers", "30", "--out", str(tmp_path / "q"), *options])
    error = capsys.readouterr().err
    assert status == 2 and message in error and len(error.strip().splitlines()) == 1
    assert not (tmp_path / "q").exists()
