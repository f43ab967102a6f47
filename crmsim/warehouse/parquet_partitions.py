"""One customer block at a time into Parquet partitions: flat memory for any customer count.

``--format partitioned`` writes a folder per table with one Parquet file per customer
block (shard)::

    out/fact_order/part-000000.parquet
    out/fact_order/part-000001.parquet
    ...
    out/dim_date/part-000000.parquet        (tables shared by every block: one part)

Each block is simulated, built into tables, typed by the schema and written on its
own, so a process holds one block (about 2,500 people) at a time, whatever the
customer count. The folder reads as one dataset with ``pd.read_parquet(out /
"fact_order")``, DuckDB's ``read_parquet('out/fact_order/*.parquet')`` and
:func:`crmsim.warehouse.read_table`.

Keys. The single-file formats number facts 1, 2, … in time order over all blocks,
which needs every block at once. Here a block numbers its records 1, 2, … in its own
time order and adds ``block × KEY_STRIDE``: order 17 of block 3 is
3,000,000,017. Keys stay unique, foreign keys stay valid, and a block's files do not
depend on any other block, so they are the same bytes however the blocks are run
(one process, a process pool or a Dask cluster).

Every file is written under a temporary name (starting with a dot, which pyarrow,
pandas and DuckDB skip) and renamed into place: a block that fails or whose worker
dies leaves at most such a temporary file, which :func:`remove_unfinished` deletes;
a retried block writes the same bytes again.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.shard import collector_paused, simulate_shard
from crmsim.warehouse.build import build_tables
from crmsim.warehouse.tables import TABLE_LIST, TABLES
from crmsim.warehouse.writers import to_arrow, write_parquet

PARTITIONED = "partitioned"
"""The value of ``--format`` that writes Parquet partitions."""
KEY_STRIDE = 1_000_000_000
"""Keys of block b run from b × KEY_STRIDE + 1; a block may hold up to KEY_STRIDE − 1 rows."""
SHARED_TABLES = ("dim_date", "dim_channel", "dim_product", "dim_campaign")
"""Tables that do not depend on the customers: written once, by block 0."""
BLOCK_KEYS: dict[str, tuple[str, ...]] = {
    "dim_agent": ("agent_id",),
    "fact_order": ("order_line_id", "order_id"),
    "fact_interaction": ("interaction_id", "parent_interaction_id", "agent_id"),
    "fact_campaign_contact": ("campaign_contact_id",),
    "fact_campaign_response": ("campaign_response_id", "campaign_contact_id", "order_id"),
    "fact_complaint": ("complaint_id", "interaction_id", "order_id"),
    "fact_survey_response": ("survey_response_id", "interaction_id"),
    "fact_web_visit": ("page_view_id", "visit_id"),
}
"""Per table the columns that hold keys numbered within a block (they get the block offset)."""
PART_DIGITS = 6


class ShardTask(NamedTuple):
    """One customer block: its index, the id of its first person, and its size (people)."""

    shard_index: int
    first_customer_id: int
    people: int


class ShardOutcome(NamedTuple):
    """What one block wrote: rows per table and the totals the run summary adds up.

    Money in EUR; ``active_months`` counts customer-months with an active customer.
    """

    shard_index: int
    rows: dict[str, int]
    revenue_eur: float
    churned: int
    active_months: int
    acquisition_spend_eur: float
    customers_won: int
    retention_spend_eur: float


ShardFunction = Callable[[ShardTask, LifecycleParameters, int, str], ShardOutcome]
"""What a block runs: (block, parameters, seed, folder) → outcome; :func:`write_shard`."""


def block_tables(shard_index: int) -> list[str]:
    """The tables block ``shard_index`` writes (block 0 also writes the shared ones)."""
    return [
        table.name for table in TABLE_LIST if shard_index == 0 or table.name not in SHARED_TABLES
    ]


def partition_path(folder: Path, table: str, shard_index: int) -> Path:
    """The Parquet file of ``table`` written by block ``shard_index``."""
    return Path(folder) / table / f"part-{shard_index:0{PART_DIGITS}d}.parquet"


def globalise_keys(frames: dict[str, pd.DataFrame], shard_index: int) -> None:
    """Add the block offset to every block-local key column (in place)."""
    offset = shard_index * KEY_STRIDE
    for table, columns in BLOCK_KEYS.items():
        frame = frames[table]
        for column in columns:
            values = frame[column]
            numeric = isinstance(values.dtype, np.dtype) and values.dtype.kind in "iuf"
            if numeric:  # numpy arrays: no missing-value bookkeeping of pandas
                data = values.to_numpy()
                present = data[~np.isnan(data)] if data.dtype.kind == "f" else data
                largest = present.max() if len(present) else None
            else:
                largest = values.max() if len(values) else None
            if largest is not None and pd.notna(largest) and largest >= KEY_STRIDE:
                raise ValueError(
                    f"{table}.{column}: block {shard_index} has more than {KEY_STRIDE - 1:,} "
                    "keys; choose a smaller shard size"
                )
            frame[column] = data + offset if numeric else values + offset


def write_atomically(frame: pd.DataFrame, table: str, path: Path) -> int:
    """Write one table of one block under a temporary name, then rename it; return its rows."""
    arrow = to_arrow(frame, TABLES[table])
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write_parquet(arrow, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return int(arrow.num_rows)


def outcome_of(index: int, frames: dict[str, pd.DataFrame], rows: dict[str, int]) -> ShardOutcome:
    """The summary totals of one block from its tables."""
    campaigns = frames["dim_campaign"]
    campaign_ids = pd.Index(campaigns["campaign_id"].to_numpy())
    campaign_type = np.asarray([*campaigns["campaign_type"].tolist(), None], dtype=object)
    contacts, responses = frames["fact_campaign_contact"], frames["fact_campaign_response"]
    contact_kind = campaign_type[campaign_ids.get_indexer(contacts["campaign_id"].to_numpy())]
    response_kind = campaign_type[campaign_ids.get_indexer(responses["campaign_id"].to_numpy())]
    contact_cost = contacts["cost_eur"].to_numpy(dtype=float)
    incentive = responses["incentive_cost_eur"].to_numpy(dtype=float)

    def spend(kinds: tuple[str, ...]) -> float:
        return float(
            _total(contact_cost[np.isin(contact_kind, kinds)])
            + _total(incentive[np.isin(response_kind, kinds)])
        )

    complaints = frames["fact_complaint"]
    months = frames["fact_customer_month"]
    handling = _total(complaints["handling_cost_eur"].to_numpy(dtype=float))
    compensation = _total(complaints["compensation_eur"].to_numpy(dtype=float))
    return ShardOutcome(
        index,
        rows,
        float(_total(frames["fact_order"]["revenue_eur"].to_numpy(dtype=float))),
        int(np.count_nonzero(months["churned"].to_numpy(dtype=bool))),
        int(np.count_nonzero(months["is_active"].to_numpy(dtype=bool))),
        spend(("acquisition",)),
        int(
            np.count_nonzero(responses["response_type"].to_numpy(dtype=object) == "became_customer")
        ),
        spend(("retention", "win_back")) + float(handling + compensation),
    )


def _total(values: np.ndarray) -> float:
    """Sum of the values that are not missing (0.0 for none), added as pandas adds them."""
    return float(np.sum(np.where(np.isnan(values), 0.0, values)))


def write_shard(
    task: ShardTask, params: LifecycleParameters, seed: int, folder: str | Path
) -> ShardOutcome:
    """Simulate one block and write its partitions into ``folder``.

    Parameters
    ----------
    task
        The block (index, first customer id, people).
    params
        Model parameters of the run (``years`` already set).
    seed
        The run's seed.
    folder
        The dataset (staging) folder; on a cluster a folder every worker can write.

    Returns
    -------
    ShardOutcome
        Rows per table written and the block's totals.
    """
    # The collector stays paused for the whole block and runs once at its end, when the
    # block's records and tables are gone: it then walks only the little garbage left.
    with collector_paused():
        result = simulate_shard(task.shard_index, task.first_customer_id, task.people, params, seed)
        frames = build_tables([result], params)
        del result
        globalise_keys(frames, task.shard_index)
        rows = {
            name: write_atomically(
                frames[name], name, partition_path(Path(folder), name, task.shard_index)
            )
            for name in block_tables(task.shard_index)
        }
        outcome = outcome_of(task.shard_index, frames, rows)
        del frames
    return outcome


def remove_unfinished(folder: Path) -> list[Path]:
    """Delete temporary files that failed or killed attempts left in the table folders."""
    removed = []
    for table in TABLES:
        for leftover in (Path(folder) / table).glob(".part-*.tmp"):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def check_complete(folder: Path, shards: int) -> list[str]:
    """The relative paths of every partition a run of ``shards`` blocks wrote.

    Raises
    ------
    RuntimeError
        A partition is missing (a block did not finish).
    """
    paths = [
        partition_path(Path(folder), name, index)
        for index in range(shards)
        for name in block_tables(index)
    ]
    missing = [str(path.relative_to(folder)) for path in paths if not path.is_file()]
    if missing:
        raise RuntimeError(f"{len(missing)} partitions are missing, e.g. {missing[0]}")
    return [str(path.relative_to(folder)) for path in paths]


def is_partitioned(folder: str | Path, table: str) -> bool:
    """Whether ``folder`` holds ``table`` as a folder of Parquet partitions."""
    return (Path(folder) / table).is_dir()
