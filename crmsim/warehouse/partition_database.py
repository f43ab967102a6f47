"""Read partitioned datasets with DuckDB, and make one DuckDB database file from them.

:func:`duckdb_tables` opens every table of a generated folder as a DuckDB relation
(a lazy query, nothing is loaded): the partition folders of ``--format partitioned``
through ``read_parquet('fact_order/*.parquet')``, and the single Parquet or CSV
files of the other formats too, so that the analytics in
:mod:`crmsim.analytics.duckdb_customers` and :mod:`crmsim.analytics.duckdb_campaigns`
run on any dataset. :func:`partitions_to_duckdb` copies the partitions into one
database file with the primary and foreign keys declared, table by table and out of
core (DuckDB streams the Parquet files and spills to disk under its memory limit).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crmsim.errors import InputError
from crmsim.warehouse.tables import TABLE_LIST, TABLES
from crmsim.warehouse.writers import DUCKDB_TYPES, create_statement

if TYPE_CHECKING:
    import duckdb


def _quoted(text: str | Path) -> str:
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def table_source(folder: str | Path, name: str) -> str:
    """The DuckDB table function that reads table ``name`` of the dataset in ``folder``."""
    if name not in TABLES:
        raise InputError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    folder = Path(folder)
    if (folder / name).is_dir():
        return f"read_parquet({_quoted(folder / name / '*.parquet')})"
    if (folder / f"{name}.parquet").is_file():
        return f"read_parquet({_quoted(folder / f'{name}.parquet')})"
    if (folder / f"{name}.csv").is_file():
        types = ", ".join(
            f"{_quoted(c.name)}: {_quoted(DUCKDB_TYPES[c.dtype])}" for c in TABLES[name].columns
        )
        return f"read_csv({_quoted(folder / f'{name}.csv')}, header = true, columns = {{{types}}})"
    raise InputError(f"no {name}/ folder, {name}.parquet or {name}.csv in {folder}")


def duckdb_tables(
    folder: str | Path, connection: duckdb.DuckDBPyConnection | None = None
) -> dict[str, duckdb.DuckDBPyRelation]:
    """Every table of a generated dataset as a DuckDB relation, by name.

    Parameters
    ----------
    folder
        A folder written by ``crmsim generate`` (any format but ``duckdb``).
    connection
        The DuckDB connection to use; a new in-memory one by default. Keep it open
        while the relations are used.

    Returns
    -------
    dict of str to duckdb.DuckDBPyRelation
        Lazy relations; ``relation.df()`` loads one, SQL over them runs in DuckDB.
    """
    import duckdb

    connection = connection or duckdb.connect()
    return {name: connection.sql(f"SELECT * FROM {table_source(folder, name)}") for name in TABLES}


def partitions_to_duckdb(folder: str | Path, path: str | Path, memory_limit: str = "1GB") -> Path:
    """Copy every table of ``folder`` into a new DuckDB file with keys declared.

    Parameters
    ----------
    folder
        A dataset folder (partitioned or single files).
    path
        The database file to create; it must not exist.
    memory_limit
        DuckDB's memory limit while copying (it spills to a temporary folder beyond it).

    Returns
    -------
    Path
        The database file.
    """
    import duckdb

    path = Path(path)
    if path.exists():
        raise InputError(f"{path} exists; choose a new file for the DuckDB database")
    connection = duckdb.connect(str(path))
    try:
        connection.execute(f"SET memory_limit = {_quoted(memory_limit)}")
        for table in TABLE_LIST:
            connection.execute(create_statement(table))
            columns = ", ".join(table.column_names)
            connection.execute(
                f"INSERT INTO {table.name} SELECT {columns} FROM {table_source(folder, table.name)}"
            )
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
    return path
