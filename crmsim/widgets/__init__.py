"""Interactive panels (ipywidgets) for the notebooks and the live dashboard.

Every name is imported on first use (PEP 562): a notebook that needs one panel does
not also load the others' libraries (scikit-learn for the agent desktop, the
dashboards' figures), which keeps a fresh kernel and an exercise check quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crmsim.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from crmsim.widgets.agent_desktop import AgentDesktopPanel
    from crmsim.widgets.campaign_planner import (
        CampaignPlannerPanel,
        CampaignSummary,
        campaign_summary,
    )
    from crmsim.widgets.complaint_policy import ComplaintPolicyPanel
    from crmsim.widgets.contact_center import ContactCenterPanel
    from crmsim.widgets.customer_views import Customer360Panel, PortfolioPanel
    from crmsim.widgets.dashboard_campaign import CampaignDashboard
    from crmsim.widgets.dashboard_panel import StaffingDashboard
    from crmsim.widgets.leaky_bucket import LeakyBucketPanel
    from crmsim.widgets.panel_figures import KPI_LABELS, format_kpi, panel_kpis
    from crmsim.widgets.self_service import (
        SelfServiceCase,
        SelfServicePanel,
        self_service_break_even,
    )

#: Module of each exported name.
_MODULE_OF: dict[str, str] = {
    "AgentDesktopPanel": "crmsim.widgets.agent_desktop",
    "CampaignDashboard": "crmsim.widgets.dashboard_campaign",
    "CampaignPlannerPanel": "crmsim.widgets.campaign_planner",
    "CampaignSummary": "crmsim.widgets.campaign_planner",
    "ComplaintPolicyPanel": "crmsim.widgets.complaint_policy",
    "ContactCenterPanel": "crmsim.widgets.contact_center",
    "Customer360Panel": "crmsim.widgets.customer_views",
    "KPI_LABELS": "crmsim.widgets.panel_figures",
    "LeakyBucketPanel": "crmsim.widgets.leaky_bucket",
    "PortfolioPanel": "crmsim.widgets.customer_views",
    "SelfServiceCase": "crmsim.widgets.self_service",
    "SelfServicePanel": "crmsim.widgets.self_service",
    "StaffingDashboard": "crmsim.widgets.dashboard_panel",
    "campaign_summary": "crmsim.widgets.campaign_planner",
    "format_kpi": "crmsim.widgets.panel_figures",
    "panel_kpis": "crmsim.widgets.panel_figures",
    "self_service_break_even": "crmsim.widgets.self_service",
}


__getattr__, __dir__ = lazy_exports(__name__, _MODULE_OF, globals())


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
