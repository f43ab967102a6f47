"""The contact-center simulator: SimPy processes for customers, channels and agents."""

from __future__ import annotations

from crmsim.sim.arrivals import interval_rates
from crmsim.sim.center import ContactCenter
from crmsim.sim.contact import OUTCOMES, ContactOutcome
from crmsim.sim.results import SimulationResult
from crmsim.sim.run import collect, simulate

__all__ = [
    "OUTCOMES",
    "ContactCenter",
    "ContactOutcome",
    "SimulationResult",
    "collect",
    "interval_rates",
    "simulate",
]
