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

from importlib import import_module
from typing import TYPE_CHECKING, Any

from crmsim.errors import InputError

if TYPE_CHECKING:
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

# Imported on first use, so that ``crmsim --help`` starts without pandas, SciPy and friends.
_LAZY = {
    "agents_for_service_level": ("crmsim.queueing", "agents_for_service_level"),
    "erlang_a_metrics": ("crmsim.queueing", "erlang_a_metrics"),
    "erlang_b": ("crmsim.queueing", "erlang_b"),
    "erlang_c": ("crmsim.queueing", "erlang_c"),
    "erlang_c_metrics": ("crmsim.queueing", "erlang_c_metrics"),
    "staffing_table": ("crmsim.queueing", "staffing_table"),
    "Scenario": ("crmsim.scenario", "Scenario"),
    "load_scenario": ("crmsim.scenario", "load_scenario"),
    "mmc_scenario": ("crmsim.scenario", "mmc_scenario"),
    "scenario_from_dict": ("crmsim.scenario", "scenario_from_dict"),
    "ContactCenter": ("crmsim.sim", "ContactCenter"),
    "SimulationResult": ("crmsim.sim", "SimulationResult"),
    "simulate": ("crmsim.sim", "simulate"),
    "generate_warehouse": ("crmsim.warehouse", "generate"),
    "read_table": ("crmsim.warehouse", "read_table"),
    "read_tables": ("crmsim.warehouse", "read_tables"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'crmsim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
    "plots",
    "read_table",
    "read_tables",
    "scenario_from_dict",
    "simulate",
    "staffing_table",
]
