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
from crmsim.analytics.estimates import Estimate, mean_estimate, share_estimate
from crmsim.analytics.nps import NpsResult, csat_top2_box, net_promoter_score, survey_summary
from crmsim.analytics.satisfaction import csat_by_service, self_assessment_gaps
from crmsim.analytics.service_recovery import service_recovery

__all__: list[str] = [
    "CostComparison",
    "Estimate",
    "NpsResult",
    "acquisition_vs_retention",
    "complaint_policy_comparison",
    "cost_comparison",
    "csat_by_service",
    "csat_top2_box",
    "mean_estimate",
    "net_promoter_score",
    "self_assessment_gaps",
    "service_recovery",
    "share_estimate",
    "summarise_policies",
    "survey_summary",
]
