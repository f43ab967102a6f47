"""Global keys for records numbered per shard, and time conversion.

Shards number their records locally (position in the shard's log). Facts are
ordered by time (ties by shard and local position) and numbered 1, 2, … in
that order, so keys grow with time and do not depend on how shards were run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.records import log_columns, log_frame
from crmsim.lifecycle.shard import ShardResult


def timestamps(t_min: np.ndarray, params: LifecycleParameters) -> pd.Series:
    """Timestamps (second precision) for times in minutes since the start date."""
    seconds = np.round(np.asarray(t_min, dtype=float) * 60.0).astype("int64")
    return pd.Series(pd.Timestamp(params.start_date) + pd.to_timedelta(seconds, unit="s")).astype(
        "datetime64[s]"
    )


def records(results: list[ShardResult], name: str) -> pd.DataFrame:
    """One log of every shard as a frame, with ``shard`` and ``local`` (position) columns.

    The columns are the fields of the log's record (:data:`crmsim.lifecycle.records.LOG_RECORDS`).
    """
    frames = []
    for result in results:
        entries = getattr(result.log, name)
        if entries:  # empty logs are left out: they would turn every column into objects
            frame = log_frame(name, entries)
            frame["shard"] = result.shard_index
            frame["local"] = np.arange(len(frame))
            frames.append(frame)
    if not frames:
        columns = [*log_columns(name), "shard", "local"]
        return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
    return pd.concat(frames, ignore_index=True)


def time_order(frame: pd.DataFrame, time_column: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Sort by time, shard and local position; return the frame and new 1-based keys by old row."""
    order = np.lexsort(
        (
            frame["local"].to_numpy(),
            frame["shard"].to_numpy(),
            frame[time_column].to_numpy(dtype=float),
        )
    )
    keys = np.empty(len(frame), dtype=np.int64)
    keys[order] = np.arange(1, len(frame) + 1)
    return frame.iloc[order].reset_index(drop=True), keys


def lookup(
    keys_by_row: np.ndarray, offsets: dict[int, int], shard: pd.Series, local: pd.Series
) -> pd.Series:
    """Global keys for (shard, local position) pairs; local −1 gives a missing value."""
    local = local.to_numpy(dtype=np.int64)
    base = shard.map(offsets).to_numpy(dtype=np.int64)
    found = local >= 0
    out = np.zeros(len(local), dtype=np.int64)
    out[found] = keys_by_row[base[found] + local[found]]
    return pd.Series(out, dtype="Int64").where(found)


def offsets(frame: pd.DataFrame, shards: list[int]) -> dict[int, int]:
    """Row of each shard's first record in a frame grouped by shard in ascending order."""
    starts = np.searchsorted(frame["shard"].to_numpy(dtype=np.int64), shards, side="left")
    return dict(zip(shards, starts.tolist(), strict=True))
