"""The analytics layer: key figures computed from simulation results and the warehouse.

Data flows one way: scenario → simulation → event log → warehouse → **analytics** →
notebooks. Every key figure a notebook, widget, exercise check or command prints is
computed here, once. Functions take pandas DataFrames and return DataFrames with
documented columns; each module holds one family of analyses (contact-center KPIs,
customer analytics, satisfaction, acquisition and retention).
"""

from __future__ import annotations

from crmsim.analytics.acquisition_retention import (
    CostComparison,
    acquisition_vs_retention,
    cost_comparison,
)
from crmsim.analytics.complaints import complaint_policy_comparison, summarise_policies
from crmsim.analytics.contact_center import (
    agent_summary,
    channel_targets,
    interval_table,
    kpi_summary,
)
from crmsim.analytics.contact_center_panel import PANEL_KPIS, panel_kpis
from crmsim.analytics.contact_center_staffing import staffing_curve
from crmsim.analytics.customer_base import BucketSettings, leaky_bucket
from crmsim.analytics.estimates import Estimate, mean_estimate, share_estimate
from crmsim.analytics.glossary import GLOSSARY, GlossaryEntry, format_value, glossary_table, label
from crmsim.analytics.nps import NpsResult, csat_top2_box, net_promoter_score, survey_summary
from crmsim.analytics.satisfaction import csat_by_service, self_assessment_gaps
from crmsim.analytics.service_recovery import service_recovery
from crmsim.analytics.value_classes import value_class_economics

__all__: list[str] = [
    "GLOSSARY",
    "PANEL_KPIS",
    "BucketSettings",
    "CostComparison",
    "Estimate",
    "GlossaryEntry",
    "NpsResult",
    "acquisition_vs_retention",
    "agent_summary",
    "channel_targets",
    "complaint_policy_comparison",
    "cost_comparison",
    "csat_by_service",
    "csat_top2_box",
    "format_value",
    "glossary_table",
    "interval_table",
    "kpi_summary",
    "label",
    "leaky_bucket",
    "mean_estimate",
    "net_promoter_score",
    "panel_kpis",
    "self_assessment_gaps",
    "service_recovery",
    "share_estimate",
    "staffing_curve",
    "summarise_policies",
    "survey_summary",
    "value_class_economics",
]
