"""Interactive panels (ipywidgets) for the notebooks and the live dashboard."""

from __future__ import annotations

from crmsim.widgets.complaint_policy import ComplaintPolicyPanel
from crmsim.widgets.contact_center import ContactCenterPanel
from crmsim.widgets.customer_views import Customer360Panel, PortfolioPanel
from crmsim.widgets.leaky_bucket import LeakyBucketPanel
from crmsim.widgets.panel_kpis import KPI_LABELS, format_kpi, panel_kpis

__all__ = [
    "KPI_LABELS",
    "ComplaintPolicyPanel",
    "ContactCenterPanel",
    "Customer360Panel",
    "LeakyBucketPanel",
    "PortfolioPanel",
    "format_kpi",
    "panel_kpis",
]
