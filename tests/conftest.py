"""Shared test fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


# --- flashcards: keep learning progress out of the real user's data folder -----------------
@pytest.fixture(autouse=True, scope="session")
def isolated_flashcard_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point ``CRMSIM_DATA_DIR`` at a temporary folder for the whole test run.

    Flashcard progress (``crmsim.learn.store``) and anything started from the tests,
    notebook kernels and ``crmsim`` subprocesses included, inherit the variable.
    """
    previous = os.environ.get("CRMSIM_DATA_DIR")
    os.environ["CRMSIM_DATA_DIR"] = str(tmp_path_factory.mktemp("crmsim-data"))
    yield
    if previous is None:
        os.environ.pop("CRMSIM_DATA_DIR", None)
    else:
        os.environ["CRMSIM_DATA_DIR"] = previous


# --- the generated CRM data warehouse: made once per test session ---------------------------
@pytest.fixture(scope="session")
def crm_warehouse(tmp_path_factory: pytest.TempPathFactory):
    """The default dataset (3,000 people, two years, seed 2024) in every format, generated once.

    Returns the folder; it holds the CSV and Parquet files of every table, ``crm.duckdb``
    and ``README.md``, exactly as ``crmsim generate ... --format all`` writes them with the
    command that made ``data/``.
    """
    from crmsim.warehouse.dictionary import DEFAULT_COMMAND, data_dictionary
    from crmsim.warehouse.generation import generate

    out = tmp_path_factory.mktemp("warehouse") / "crm"
    generate(
        3000, 2, 2024, out, "all", readme=data_dictionary(DEFAULT_COMMAND), command=DEFAULT_COMMAND
    )
    return out


@pytest.fixture(scope="session")
def crm_tables(crm_warehouse):
    """Every table of :func:`crm_warehouse` as a DataFrame (read from Parquet, types kept)."""
    import pandas as pd

    from crmsim.warehouse.tables import TABLES

    return {name: pd.read_parquet(crm_warehouse / f"{name}.parquet") for name in TABLES}
