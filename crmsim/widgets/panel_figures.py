"""The control panel's key figures of a run, with their labels and on-screen formats.

The figures are computed in :func:`crmsim.analytics.panel_kpis`; labels and
formats come from the glossary (:mod:`crmsim.analytics.glossary`).
"""

from __future__ import annotations

from crmsim.analytics.contact_center_panel import PANEL_KPIS, SELF_SERVICE_COST_EUR
from crmsim.analytics.contact_center_panel import panel_kpis as _panel_kpis
from crmsim.analytics.glossary import format_value, label
from crmsim.sim.results import SimulationResult

__all__ = ["KPI_LABELS", "SELF_SERVICE_COST_EUR", "format_kpi", "panel_kpis"]

#: KPI keys in display order, with their labels (English with the German term).
KPI_LABELS = {key: label(key) for key in PANEL_KPIS}


def panel_kpis(result: SimulationResult, agent_cost_eur_per_hour: float = 30.0) -> dict[str, float]:
    """The panel's KPIs of a run as a plain dict (see :func:`crmsim.analytics.panel_kpis`)."""
    figures = _panel_kpis(result.contacts, result.duty, result.kpis(), agent_cost_eur_per_hour)
    return figures.to_dict()


def format_kpi(key: str, value: float) -> str:
    """A KPI as shown on screen: shares in percent, times in seconds, money in EUR."""
    return format_value(key, value)
