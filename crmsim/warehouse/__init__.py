"""The synthetic CRM data warehouse: star schema, table building, writers, data dictionary."""

from __future__ import annotations

from crmsim.warehouse.dictionary import data_dictionary
from crmsim.warehouse.economics import acquisition_vs_retention
from crmsim.warehouse.generation import generate
from crmsim.warehouse.reading import read_table, read_tables
from crmsim.warehouse.tables import TABLES

__all__ = [
    "TABLES",
    "acquisition_vs_retention",
    "data_dictionary",
    "generate",
    "read_table",
    "read_tables",
]
