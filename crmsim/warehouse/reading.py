"""Read a generated warehouse back with the declared types (CSV or Parquet).

``pandas.read_csv`` alone guesses: dates stay text, integer keys with gaps
become floats. :func:`read_table` reads with the schema's types instead, so a
notebook gets the same DataFrame from CSV as from Parquet.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from crmsim.errors import InputError
from crmsim.warehouse.tables import TABLES
from crmsim.warehouse.writers import ARROW_TYPES, to_frame


def read_table(name: str, folder: str | Path = "data") -> pd.DataFrame:
    """One table from ``folder``: its partition folder, ``.parquet`` file or ``.csv`` file.

    Parameters
    ----------
    name
        A table name such as ``"fact_order"``.
    folder
        The folder ``crmsim generate`` wrote.

    Returns
    -------
    pandas.DataFrame
        Columns typed as declared: integers as ``int64``/``int32`` (``Int64``/
        ``Int32`` where values may be missing), dates and timestamps as
        ``datetime64[s]``, booleans as ``bool``.
    """
    if name not in TABLES:
        raise InputError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    table = TABLES[name]
    folder = Path(folder)
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if (folder / name).is_dir():  # Parquet partitions, one file per block, read in order
        arrow = pq.read_table(folder / name)
    elif parquet.exists():
        arrow = pq.read_table(parquet)
    elif csv.exists():
        types = {column.name: ARROW_TYPES[column.dtype] for column in table.columns}
        options = pa_csv.ConvertOptions(column_types=types, strings_can_be_null=True)
        arrow = pa_csv.read_csv(csv, convert_options=options)
    else:
        raise InputError(f"no {name}.parquet or {name}.csv in {folder}")
    frame = to_frame(arrow)
    for column in table.columns:
        if column.dtype in ("date", "timestamp"):
            frame[column.name] = pd.to_datetime(frame[column.name]).astype("datetime64[s]")
        elif column.dtype in ("int32", "int64") and not column.nullable:
            frame[column.name] = frame[column.name].astype(column.dtype)
    return frame


def read_tables(folder: str | Path = "data") -> dict[str, pd.DataFrame]:
    """Every table of a generated warehouse, by name."""
    return {name: read_table(name, folder) for name in TABLES}
