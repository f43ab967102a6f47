"""Building blocks of the warehouse schema: columns, tables and logical types.

The tables themselves are declared once in :mod:`crmsim.warehouse.tables`,
with every column's type, unit and meaning. The writers (CSV, Parquet,
DuckDB), the type casts and the data dictionary ``data/README.md`` are all
derived from these declarations.

Logical types: ``int32``, ``int64``, ``float64``, ``bool``, ``string``,
``date`` and ``timestamp`` (second precision, no time zone). Money is in EUR,
durations in minutes unless the name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPES = ("int32", "int64", "float64", "bool", "string", "date", "timestamp")


@dataclass(frozen=True)
class Column:
    """One column: name, logical type, meaning, and its constraints.

    Attributes
    ----------
    name, dtype, description
        Column name, logical type (one of :data:`TYPES`) and documentation.
    nullable
        Whether the column may hold missing values.
    references
        ``"table.column"`` this column refers to (a foreign key), or ``None``.
    decimals
        Decimal places floats are rounded to (money: 2).
    """

    name: str
    dtype: str
    description: str
    nullable: bool = False
    references: str | None = None
    decimals: int | None = None


@dataclass(frozen=True)
class Table:
    """One table of the warehouse.

    Attributes
    ----------
    name
        Table name (``dim_…`` dimensions, ``fact_…`` facts, ``truth_…`` hidden truth).
    description
        What one row is and what the table is for.
    columns
        The columns in order.
    primary_key
        Names of the primary-key columns.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        """Column names in order."""
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def foreign_keys(self) -> list[tuple[str, str, str]]:
        """(column, referenced table, referenced column) for every foreign key."""
        keys = []
        for column in self.columns:
            if column.references:
                table, target = column.references.split(".")
                keys.append((column.name, table, target))
        return keys


def money(name: str, description: str, nullable: bool = False) -> Column:
    """A EUR amount rounded to cents."""
    return Column(name, "float64", description + " (EUR)", nullable, decimals=2)


def minutes(name: str, description: str, nullable: bool = False) -> Column:
    """A duration in minutes rounded to 0.001 min."""
    return Column(name, "float64", description + " (minutes)", nullable, decimals=3)
