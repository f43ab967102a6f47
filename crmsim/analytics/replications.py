"""Warehouses simulated in memory, for measurements repeated over several seeds.

One dataset is one draw of chance. A figure such as the ratio of acquisition to
retention cost is a finding only when it holds across seeds, so the notebooks
simulate a few small warehouses, measure the figure in each, and report the
mean with its interval. The tables come back with the same column types as
:func:`crmsim.warehouse.read_table` gives for the files in ``data/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from crmsim.analytics.estimates import Estimate, mean_estimate
from crmsim.lifecycle.params import LifecycleParameters


def simulate_warehouse(
    customers: int,
    years: int,
    seed: int,
    params: LifecycleParameters | None = None,
) -> dict[str, pd.DataFrame]:
    """Simulate a customer base and return every warehouse table, without writing files.

    Parameters
    ----------
    customers
        People simulated (customers and prospects).
    years
        Length of the period in years.
    seed
        Seed of every random stream (the same seed gives the same tables).
    params
        Model parameters; the defaults of :class:`LifecycleParameters` (with ``years``).

    Returns
    -------
    dict of str to pandas.DataFrame
        The tables by name, typed as :func:`crmsim.warehouse.read_table` types them.
    """
    # Imported here: the warehouse package imports crmsim.analytics itself.
    from crmsim.warehouse.build import build_tables
    from crmsim.warehouse.generation import simulate_all
    from crmsim.warehouse.tables import TABLES
    from crmsim.warehouse.writers import conform_all, to_frame

    if customers < 1:
        raise ValueError(f'"customers" must be a whole number ≥ 1, got {customers}')
    if params is None:
        params = LifecycleParameters(years=years)
    frames = build_tables(simulate_all(customers, params, seed), params)
    tables = {}
    for name, arrow in conform_all(frames).items():
        frame = to_frame(arrow)
        for column in TABLES[name].columns:
            if column.dtype in ("date", "timestamp"):
                frame[column.name] = pd.to_datetime(frame[column.name]).astype("datetime64[s]")
        tables[name] = frame
    return tables


def simulate_warehouses(
    seeds: Iterable[int], customers: int = 3000, years: int = 2
) -> dict[int, dict[str, pd.DataFrame]]:
    """One warehouse per seed (see :func:`simulate_warehouse`), keyed by seed."""
    return {seed: simulate_warehouse(customers, years, seed) for seed in seeds}


def measure_over_seeds(
    measure: Callable[[dict[str, pd.DataFrame]], float],
    seeds: Iterable[int],
    customers: int = 3000,
    years: int = 2,
) -> tuple[pd.DataFrame, Estimate]:
    """Apply ``measure`` to one simulated warehouse per seed.

    Parameters
    ----------
    measure
        Takes the tables of one warehouse and returns one number.
    seeds
        One warehouse per seed.
    customers, years
        Size and length of every warehouse.

    Returns
    -------
    tuple of (pandas.DataFrame, Estimate)
        One row per seed (columns ``seed`` and ``value``), and the mean over seeds with
        its 95 % t-interval.
    """
    rows = [
        {"seed": seed, "value": float(measure(simulate_warehouse(customers, years, seed)))}
        for seed in seeds
    ]
    table = pd.DataFrame(rows, columns=["seed", "value"])
    return table, mean_estimate(table["value"])
