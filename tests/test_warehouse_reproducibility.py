"""Same seed, same files: whatever the number of jobs; and the committed default dataset."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from crmsim.errors import InputError
from crmsim.warehouse import generation
from crmsim.warehouse.generation import generate, shard_plan
from crmsim.warehouse.tables import TABLES
from crmsim.warehouse.target_folder import MANIFEST_NAME

REPOSITORY = Path(__file__).resolve().parents[1]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in sorted(folder.iterdir())
        if path.suffix != ".duckdb"
    }


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("jobs")
    serial, parallel = base / "serial", base / "parallel"
    generate(600, 1, 11, serial, "all", jobs=1, shard_size=150)
    generate(600, 1, 11, parallel, "all", jobs=2, shard_size=150)
    return serial, parallel


def test_the_number_of_jobs_does_not_change_a_byte(two_runs):
    serial, parallel = two_runs
    assert len(shard_plan(600, 150)) == 4
    first, second = _files(serial), _files(parallel)
    tables = [f"{n}.csv" for n in TABLES] + [f"{n}.parquet" for n in TABLES]
    assert sorted(first) == sorted([*tables, "crmsim-dataset.json"])
    for name, content in first.items():
        assert content == second[name], name


def test_duckdb_holds_the_same_contents_as_parquet(two_runs):
    serial, parallel = two_runs
    for folder in (serial, parallel):
        connection = duckdb.connect(str(folder / "crm.duckdb"), read_only=True)
        try:
            for name in ("dim_customer", "fact_order", "fact_customer_month", "truth_customer"):
                stored = connection.sql(f"SELECT * FROM {name}").to_arrow_table()
                expected = pq.read_table(serial / f"{name}.parquet")
                # Parquet keeps timestamps in ms, DuckDB in µs: compare values, not units.
                pd.testing.assert_frame_equal(
                    stored.to_pandas(), expected.to_pandas(), check_dtype=False
                )
        finally:
            connection.close()


def test_another_seed_gives_other_data(two_runs, tmp_path):
    serial, _ = two_runs
    generate(600, 1, 12, tmp_path / "other", "csv", shard_size=150)
    assert (tmp_path / "other" / "fact_order.csv").read_bytes() != (
        serial / "fact_order.csv"
    ).read_bytes()


def test_the_committed_default_dataset_is_regenerated_byte_for_byte(crm_warehouse):
    data = REPOSITORY / "data"
    committed = {
        p.name: p.read_bytes() for p in sorted(data.iterdir()) if p.suffix in (".csv", ".md")
    }
    assert len(committed) == len(TABLES) + 1
    for name, content in committed.items():
        assert (crm_warehouse / name).read_bytes() == content, f"data/{name} differs; regenerate it"


def test_an_interrupted_run_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(generation, "write_tables", broken)
    with pytest.raises(KeyboardInterrupt):
        generate(50, 1, 1, tmp_path / "out", "csv")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_kept_even_when_forced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="--force"):
        generate(50, 1, 1, out, "csv")
    with pytest.raises(InputError, match="only folders written by crmsim generate"):
        generate(50, 1, 1, out, "csv", force=True)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_force_replaces_a_generated_dataset(tmp_path):
    out = tmp_path / "out"
    generate(50, 1, 1, out, "csv")
    (out / "stale.csv").write_text("from before")
    generate(50, 1, 2, out, "csv", force=True)
    assert not (out / "stale.csv").exists()
    assert (out / "fact_order.csv").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_tiny_blocks_with_empty_logs_still_build(tmp_path):
    # One person per block: most blocks have no complaints, some no orders or contacts at all.
    generate(6, 1, 4, tmp_path / "a", "csv", jobs=1, shard_size=1)
    generate(6, 1, 4, tmp_path / "b", "csv", jobs=2, shard_size=1)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    customers = pd.read_csv(tmp_path / "a" / "dim_customer.csv")
    assert customers["customer_id"].tolist() == [1, 2, 3, 4, 5, 6]
    for name in ("fact_order", "fact_interaction", "fact_complaint", "fact_customer_month"):
        frame = pd.read_csv(tmp_path / "a" / f"{name}.csv")
        assert frame["customer_id"].isin(customers["customer_id"]).all()


def test_the_committed_dataset_carries_the_manifest_its_command_writes(crm_warehouse):
    data = REPOSITORY / "data"
    committed = json.loads((data / MANIFEST_NAME).read_text(encoding="utf-8"))
    regenerated = json.loads((crm_warehouse / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert committed["command"] == regenerated["command"]
    assert committed["tables"] == regenerated["tables"]
    assert committed["files"] == sorted(p.name for p in data.iterdir() if p.name != MANIFEST_NAME)
