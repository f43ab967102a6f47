"""Interactive panels (ipywidgets) for the notebooks and the live dashboard."""

from __future__ import annotations

from crmsim.widgets.agent_desktop import AgentDesktopPanel
from crmsim.widgets.campaign_planner import CampaignPlannerPanel, CampaignSummary, campaign_summary
from crmsim.widgets.complaint_policy import ComplaintPolicyPanel
from crmsim.widgets.contact_center import ContactCenterPanel
from crmsim.widgets.customer_views import Customer360Panel, PortfolioPanel
from crmsim.widgets.dashboard_campaign import CampaignDashboard
from crmsim.widgets.dashboard_panel import StaffingDashboard
from crmsim.widgets.leaky_bucket import LeakyBucketPanel
from crmsim.widgets.panel_figures import KPI_LABELS, format_kpi, panel_kpis
from crmsim.widgets.self_service import SelfServiceCase, SelfServicePanel, self_service_break_even

__all__ = [
    "KPI_LABELS",
    "AgentDesktopPanel",
    "CampaignDashboard",
    "CampaignPlannerPanel",
    "CampaignSummary",
    "ComplaintPolicyPanel",
    "ContactCenterPanel",
    "Customer360Panel",
    "LeakyBucketPanel",
    "PortfolioPanel",
    "SelfServiceCase",
    "SelfServicePanel",
    "StaffingDashboard",
    "campaign_summary",
    "format_kpi",
    "panel_kpis",
    "self_service_break_even",
]
