"""crmsim: the simulation engine of the CRM Workbook.

The names most notebooks need, in one place::

    import crmsim
    scenario = crmsim.load_scenario("scenarios/adac-telematics.yaml")
    result = crmsim.simulate(scenario, seed=1)
    result.kpis()
    orders = crmsim.read_table("fact_order")   # the default CRM dataset in data/

Sub-packages hold the rest: :mod:`crmsim.scenario`, :mod:`crmsim.sim`,
:mod:`crmsim.queueing`, :mod:`crmsim.learn` (flashcards), :mod:`crmsim.lifecycle`
and :mod:`crmsim.warehouse` (synthetic CRM data).
"""

from __future__ import annotations

from crmsim.errors import InputError
from crmsim.queueing import (
    agents_for_service_level,
    erlang_a_metrics,
    erlang_b,
    erlang_c,
    erlang_c_metrics,
    staffing_table,
)
from crmsim.scenario import Scenario, load_scenario, mmc_scenario, scenario_from_dict
from crmsim.sim import ContactCenter, SimulationResult, simulate
from crmsim.warehouse import generate as generate_warehouse
from crmsim.warehouse import read_table, read_tables

__version__ = "0.1.0"

__all__ = [
    "ContactCenter",
    "InputError",
    "Scenario",
    "SimulationResult",
    "__version__",
    "agents_for_service_level",
    "erlang_a_metrics",
    "erlang_b",
    "erlang_c",
    "erlang_c_metrics",
    "generate_warehouse",
    "load_scenario",
    "mmc_scenario",
    "read_table",
    "read_tables",
    "scenario_from_dict",
    "simulate",
    "staffing_table",
]
