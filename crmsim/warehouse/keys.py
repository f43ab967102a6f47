"""Global keys for records numbered per shard, and time conversion.

Shards number their records locally (position in the shard's log). Facts are
ordered by time (ties by shard and local position) and numbered 1, 2, … in
that order, so keys grow with time and do not depend on how shards were run.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.api.extensions import ExtensionArray

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.records import LOG_RECORDS, log_columns, log_frame
from crmsim.lifecycle.shard import ShardResult

FIELD_DTYPES: dict[type, type] = {int: np.int64, float: np.float64, bool: np.bool_}
"""numpy type of a record field by its annotation (``str`` fields become pandas strings)."""
INFERRED: dict[type, str] = {int: "integer", float: "floating", bool: "boolean", str: "string"}
"""What pandas infers for a field whose values all have the annotated type (then the
typed column is the column pandas would build)."""
STRINGS = pd.StringDtype("pyarrow", na_value=np.nan)
"""pandas' default string type (``"str"``): Arrow strings, NaN for missing values."""


def python_strings(values: Sequence[Any]) -> ExtensionArray:
    """Python strings (None or NaN for missing) as ``pd.array(values, dtype="str")``.

    Arrow converts the whole sequence at once, without pandas' checks of each element.
    """
    arrow = pa.array(values, type=pa.large_string(), from_pandas=True)
    return pd.arrays.ArrowStringArray(arrow, dtype=STRINGS)


def string_values(values: pd.Series) -> ExtensionArray | np.ndarray:
    """A column's values for a new frame: the Arrow strings themselves for a ``str`` column.

    Handing ``.to_numpy()`` (Python objects) to a new frame would convert them back.
    """
    return values.array if values.dtype == STRINGS else values.to_numpy()


def category_strings(values: pd.Series) -> ExtensionArray | np.ndarray:
    """The values of ``values.astype(str)``, taken from the categories once per code.

    For a categorical column with string categories and no missing values this takes
    the category strings by code in Arrow; otherwise it converts with ``astype(str)``.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        categories = values.cat.categories
        if categories.dtype == STRINGS and not (codes < 0).any():
            return categories.array.take(codes)
    return string_values(values.astype(str))


def timestamps(t_min: np.ndarray, params: LifecycleParameters) -> pd.Series:
    """Timestamps (second precision) for times in minutes since the start date."""
    seconds = np.round(np.asarray(t_min, dtype=float) * 60.0).astype("int64")
    start = np.datetime64(pd.Timestamp(params.start_date).as_unit("s").asm8, "s")
    return pd.Series(start + seconds.astype("timedelta64[s]"))


def typed_log_frame(
    name: str, entries: Sequence[tuple[Any, ...]], extra: dict[str, Any] | None = None
) -> pd.DataFrame:
    """The log ``name`` as a frame, one column per record field, typed by the field annotations.

    The same frame as :func:`crmsim.lifecycle.records.log_frame` for a non-empty log, built
    a column at a time instead of a row at a time, followed by the ``extra`` columns. A
    value that does not fit its annotation (a missing integer, say) falls back to
    ``log_frame``'s inference.
    """
    hints = _field_types(name)
    data: dict[str, Any] = {}
    try:
        for field, values in zip(log_columns(name), zip(*entries, strict=True), strict=True):
            kind = hints[field]
            inferred = pd.api.types.infer_dtype(values, skipna=kind is str)
            if inferred != INFERRED[kind]:  # e.g. whole numbers in a float field
                raise TypeError(f"{name}.{field} holds {inferred} values, not {kind.__name__}")
            if kind is str:
                data[field] = python_strings(values)
            else:
                data[field] = np.fromiter(values, dtype=FIELD_DTYPES[kind], count=len(values))
    except (KeyError, TypeError, ValueError):
        return log_frame(name, entries).assign(**(extra or {}))
    return pd.DataFrame({**data, **(extra or {})})


@functools.cache
def _field_types(name: str) -> dict[str, type]:
    """The annotated type of each field of the log ``name``'s record."""
    return typing.get_type_hints(LOG_RECORDS[name])


def records(results: list[ShardResult], name: str) -> pd.DataFrame:
    """One log of every shard as a frame, with ``shard`` and ``local`` (position) columns.

    The columns are the fields of the log's record (:data:`crmsim.lifecycle.records.LOG_RECORDS`).
    """
    frames = []
    for result in results:
        entries = getattr(result.log, name)
        if entries:  # empty logs are left out: they would turn every column into objects
            local = np.arange(len(entries))
            frames.append(
                typed_log_frame(name, entries, {"shard": result.shard_index, "local": local})
            )
    if not frames:
        columns = [*log_columns(name), "shard", "local"]
        return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


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
    if (np.diff(order) == 1).all():  # already in time order (a center's log): no reordering
        return frame.reset_index(drop=True), keys
    return frame.iloc[order].reset_index(drop=True), keys


def lookup(
    keys_by_row: np.ndarray, offsets: dict[int, int], shard: pd.Series, local: pd.Series
) -> pd.Series:
    """Global keys for (shard, local position) pairs; local −1 gives a missing value."""
    local = local.to_numpy(dtype=np.int64)
    base = shard_values(shard, offsets)
    found = local >= 0
    out = np.zeros(len(local), dtype=np.int64)
    out[found] = keys_by_row[base[found] + local[found]]
    return pd.Series(out, dtype="Int64").where(found)


def shard_values(shard: pd.Series, values: dict[int, int]) -> np.ndarray:
    """``shard.map(values)`` as integers: the value of each row's shard.

    Raises
    ------
    ValueError
        A row's shard has no value.
    """
    shards = shard.to_numpy(dtype=np.int64)
    known = np.asarray(sorted(values), dtype=np.int64)
    position = np.minimum(np.searchsorted(known, shards), max(len(known) - 1, 0))
    if len(shards) and (len(known) == 0 or (known[position] != shards).any()):
        raise ValueError(f"rows of shards without a value; known shards: {known.tolist()}")
    return np.asarray([values[index] for index in known.tolist()], dtype=np.int64)[position]


def offsets(frame: pd.DataFrame, shards: list[int]) -> dict[int, int]:
    """Row of each shard's first record in a frame grouped by shard in ascending order."""
    starts = np.searchsorted(frame["shard"].to_numpy(dtype=np.int64), shards, side="left")
    return dict(zip(shards, starts.tolist(), strict=True))
