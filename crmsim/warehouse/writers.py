"""Write the warehouse tables as CSV, Parquet or one DuckDB database, typed by the schema.

:func:`to_arrow` turns a DataFrame into an Arrow table with exactly the
declared columns, types and rounding; all writers start from it, so the three
formats hold the same values. CSV and Parquet files are byte-identical for
the same seed (with the same pyarrow version). The DuckDB file declares
primary and foreign keys; its bytes depend on DuckDB's storage layout, so
compare its table contents, not the file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from crmsim.warehouse.schema import Column, Table
from crmsim.warehouse.tables import TABLE_LIST, TABLES

FORMATS = ("csv", "parquet", "duckdb", "all")
ARROW_TYPES = {
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "string": pa.string(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("s"),
}
DUCKDB_TYPES = {
    "int32": "INTEGER",
    "int64": "BIGINT",
    "float64": "DOUBLE",
    "bool": "BOOLEAN",
    "string": "VARCHAR",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
}
DUCKDB_FILE = "crm.duckdb"


def _missing(values: pd.Series) -> np.ndarray | None:
    """Where ``values`` is missing; None for numpy integers and booleans (never missing)."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype):
        if dtype.kind in "iub":
            return None
        if dtype.kind == "f":
            return np.isnan(values.to_numpy())
        if dtype.kind == "M":
            return np.isnat(values.to_numpy())
    return values.isna().to_numpy()


def _array(values: pd.Series, column: Column) -> pa.Array:
    kind = column.dtype
    if kind == "string" and isinstance(values.dtype, pd.StringDtype):
        strings = pa.array(values, type=pa.string())  # str or missing: Arrow converts at once
        if isinstance(strings, pa.ChunkedArray):
            strings = strings.combine_chunks()
        if strings.null_count and not column.nullable:
            raise ValueError(f"column {column.name} has missing values but is not nullable")
        return strings
    found = _missing(values)
    mask = found if found is not None and found.any() else None
    if mask is not None and not column.nullable:
        raise ValueError(f"column {column.name} has missing values but is not nullable")
    if kind == "float64":
        data = values.to_numpy(dtype=float, na_value=np.nan)
        if column.decimals is not None:
            data = np.round(data, column.decimals)
        return pa.array(data, type=pa.float64(), mask=mask)
    if kind in ("date", "timestamp"):
        if values.dtype == np.dtype("datetime64[s]"):
            stamps = values.to_numpy()
        else:
            stamps = pd.to_datetime(values).astype("datetime64[s]").to_numpy()
        array = pa.array(stamps, type=pa.timestamp("s"), mask=mask)
        return array.cast(pa.date32()) if kind == "date" else array
    if kind == "string":
        missing = found if found is not None else np.zeros(len(values), dtype=bool)
        return pa.array(
            [None if m else str(v) for v, m in zip(values.tolist(), missing.tolist(), strict=True)],
            pa.string(),
        )
    if kind == "bool":
        if values.dtype == np.bool_:  # numpy booleans have no missing values
            return pa.array(values.to_numpy(), pa.bool_())
        data = values.to_numpy(dtype=object)
        missing = found if found is not None else np.zeros(len(values), dtype=bool)
        return pa.array(
            [None if m else bool(v) for v, m in zip(data, missing.tolist(), strict=True)],
            pa.bool_(),
        )
    if mask is None and isinstance(values.dtype, np.dtype) and values.dtype.kind in "iu":
        return pa.array(values.to_numpy(), type=ARROW_TYPES[kind])
    data = values.to_numpy(dtype="float64" if mask is not None else "int64", na_value=np.nan)
    if mask is not None:
        data = np.nan_to_num(data).astype(np.int64)
    return pa.array(data, type=ARROW_TYPES[kind], mask=mask)


def to_arrow(frame: pd.DataFrame, table: Table) -> pa.Table:
    """The frame as an Arrow table with the declared columns, types and rounding."""
    missing = [name for name in table.column_names if name not in frame.columns]
    if missing:
        raise ValueError(f"{table.name} lacks columns {missing}")
    arrays = [_array(frame[column.name], column) for column in table.columns]
    schema = pa.schema(
        [pa.field(c.name, ARROW_TYPES[c.dtype], nullable=c.nullable) for c in table.columns]
    )
    return pa.Table.from_arrays(arrays, schema=schema)


def to_frame(arrow: pa.Table) -> pd.DataFrame:
    """An Arrow table as a DataFrame with nullable integer and boolean columns where needed."""
    return arrow.to_pandas(
        types_mapper={pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int32Dtype()}.get
    )


def write_csv(arrow: pa.Table, path: Path) -> None:
    """One table as UTF-8 CSV with a header; empty fields are missing values."""
    pa_csv.write_csv(arrow, path, pa_csv.WriteOptions(include_header=True, quoting_style="needed"))


def write_parquet(arrow: pa.Table, path: Path) -> None:
    """One table as a Parquet file (zstd-compressed)."""
    pq.write_table(arrow, path, compression="zstd", store_schema=True)


def create_statement(table: Table) -> str:
    """``CREATE TABLE`` with the declared types, primary key and foreign keys."""
    lines = [
        f"    {c.name} {DUCKDB_TYPES[c.dtype]}{'' if c.nullable else ' NOT NULL'}"
        for c in table.columns
    ]
    lines.append(f"    PRIMARY KEY ({', '.join(table.primary_key)})")
    for column, target, target_column in table.foreign_keys:
        if target == table.name:
            continue
        lines.append(f"    FOREIGN KEY ({column}) REFERENCES {target} ({target_column})")
    return f"CREATE TABLE {table.name} (\n" + ",\n".join(lines) + "\n)"


def write_duckdb(arrows: dict[str, pa.Table], path: Path) -> None:
    """All tables into one DuckDB database file, in load order, with keys declared."""
    import duckdb

    connection = duckdb.connect(str(path))
    try:
        for table in TABLE_LIST:
            connection.execute(create_statement(table))
            data = arrows[table.name]  # noqa: F841  (read by DuckDB through its name)
            connection.execute(f"INSERT INTO {table.name} SELECT * FROM data")
        connection.execute("CHECKPOINT")
    finally:
        connection.close()


def write_tables(arrows: dict[str, pa.Table], folder: Path, formats: list[str]) -> list[Path]:
    """Write every table in each of ``formats`` (csv, parquet, duckdb) into ``folder``.

    Returns
    -------
    list of pathlib.Path
        The files written, in order.
    """
    written = []
    for table in TABLE_LIST:
        if "csv" in formats:
            path = folder / f"{table.name}.csv"
            write_csv(arrows[table.name], path)
            written.append(path)
        if "parquet" in formats:
            path = folder / f"{table.name}.parquet"
            write_parquet(arrows[table.name], path)
            written.append(path)
    if "duckdb" in formats:
        path = folder / DUCKDB_FILE
        write_duckdb(arrows, path)
        written.append(path)
    return written


def conform_all(frames: dict[str, pd.DataFrame]) -> dict[str, pa.Table]:
    """Every table as Arrow, typed by the schema."""
    return {name: to_arrow(frames[name], TABLES[name]) for name in TABLES}
