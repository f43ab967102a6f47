"""Interactive panels (ipywidgets) for the notebooks and the live dashboard."""

from __future__ import annotations

from crmsim.widgets.contact_center import ContactCenterPanel
from crmsim.widgets.panel_kpis import KPI_LABELS, format_kpi, panel_kpis

__all__ = ["KPI_LABELS", "ContactCenterPanel", "format_kpi", "panel_kpis"]
