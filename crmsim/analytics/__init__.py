"""The analytics layer: key figures computed from simulation results and the warehouse.

Data flows one way: scenario → simulation → event log → warehouse → **analytics** →
notebooks. Every key figure a notebook, widget, exercise check or command prints is
computed here, once. Functions take pandas DataFrames and return DataFrames with
documented columns; each module holds one family of analyses (contact-center KPIs,
customer analytics, satisfaction, acquisition and retention).
"""

from __future__ import annotations

from crmsim.analytics.abc_analysis import (
    ShareInterval,
    abc_classes,
    customer_value,
    gini,
    lorenz_curve,
    top_share,
    top_share_interval,
)
from crmsim.analytics.acquisition_retention import (
    CostComparison,
    acquisition_vs_retention,
    cost_comparison,
    cost_ratio_over_seeds,
)
from crmsim.analytics.basket_rules import cross_selling_rules, order_baskets
from crmsim.analytics.campaign_policies import compare_policies, policy_summary
from crmsim.analytics.campaign_results import campaign_outcomes, campaign_results
from crmsim.analytics.churn_features import FEATURE_MEANINGS, churn_features, churn_labels
from crmsim.analytics.churn_model import (
    AucInterval,
    ChurnModels,
    auc_with_interval,
    effects_in_words,
    fit_churn_models,
    gains_table,
    top_decile_lift,
)
from crmsim.analytics.clickstream import (
    conversion_funnel,
    faq_to_contact,
    log_summary,
    page_type,
    paths_to_purchase,
    referrer_mix,
    session_agreement,
    sessionize,
    visit_table,
)
from crmsim.analytics.clv import (
    BgNbdParameters,
    ClvResult,
    GammaGammaParameters,
    customer_lifetime_values,
    fit_bgnbd,
    holdout_purchases,
    probability_alive,
    purchase_summary,
)
from crmsim.analytics.clv_simulation import CDNOW_PARAMETERS, simulate_bgnbd
from crmsim.analytics.complaints import (
    complaint_outcomes,
    complaint_outcomes_over_seeds,
    complaint_policy_comparison,
    policy_table_text,
    pooled_complaint_outcomes,
    summarise_policies,
)
from crmsim.analytics.contact_center import (
    agent_summary,
    channel_targets,
    interval_table,
    kpi_summary,
)
from crmsim.analytics.contact_center_panel import PANEL_KPIS, panel_kpis
from crmsim.analytics.contact_center_staffing import staffing_curve
from crmsim.analytics.customer360 import Customer360, customer_360
from crmsim.analytics.customer_base import (
    BucketSettings,
    bucket_settings_from_warehouse,
    leaky_bucket,
    lever_comparison,
)
from crmsim.analytics.deflection import deflection_comparison
from crmsim.analytics.estimates import Estimate, mean_estimate, share_estimate
from crmsim.analytics.glossary import GLOSSARY, GlossaryEntry, format_value, glossary_table, label
from crmsim.analytics.group_differences import mean_difference, share_difference
from crmsim.analytics.media_pooling import (
    PoolingResult,
    design_summary,
    pooling_comparison,
    pooling_scenarios,
)
from crmsim.analytics.nps import NpsResult, csat_top2_box, net_promoter_score, survey_summary
from crmsim.analytics.policy_mix import (
    CustomerBase,
    PolicyEffect,
    break_even_by_class,
    break_even_handling_cost,
    break_even_margin,
    effects_from_comparison,
    simulate_policy_mix,
)
from crmsim.analytics.portfolio import (
    PortfolioField,
    portfolio_summary,
    satisfaction_per_customer,
    value_satisfaction_portfolio,
)
from crmsim.analytics.profiling import (
    PROFILING_CYCLE,
    about_to_churn,
    campaign_performance,
    direct_marketing_classes,
    most_and_least_profitable,
    products_for_groups,
)
from crmsim.analytics.recommendations import (
    ItemSimilarity,
    fit_item_similarity,
    hit_rate_at_k,
    next_best_offers,
    purchase_matrix,
)
from crmsim.analytics.replications import (
    measure_over_seeds,
    simulate_warehouse,
    simulate_warehouses,
)
from crmsim.analytics.rfm import SEGMENT_RULES, SegmentRule, rfm_scores, rfm_table, segment_sizes
from crmsim.analytics.satisfaction import (
    csat_by_service,
    satisfaction_model_effects,
    self_assessment_gaps,
)
from crmsim.analytics.service_recovery import pooled_service_recovery, service_recovery
from crmsim.analytics.share_of_wallet import share_of_wallet, share_of_wallet_by_segment, tier_moves
from crmsim.analytics.uplift import (
    CUSTOMER_TYPES,
    TwoModelUplift,
    customer_type,
    fit_two_model_uplift,
    qini_coefficient,
    qini_curve,
)
from crmsim.analytics.value_classes import value_class_economics

__all__: list[str] = [
    "CDNOW_PARAMETERS",
    "CUSTOMER_TYPES",
    "FEATURE_MEANINGS",
    "GLOSSARY",
    "PANEL_KPIS",
    "PROFILING_CYCLE",
    "SEGMENT_RULES",
    "AucInterval",
    "BgNbdParameters",
    "BucketSettings",
    "ChurnModels",
    "ClvResult",
    "CostComparison",
    "Customer360",
    "CustomerBase",
    "Estimate",
    "GammaGammaParameters",
    "GlossaryEntry",
    "ItemSimilarity",
    "NpsResult",
    "PolicyEffect",
    "PoolingResult",
    "PortfolioField",
    "SegmentRule",
    "ShareInterval",
    "TwoModelUplift",
    "abc_classes",
    "about_to_churn",
    "acquisition_vs_retention",
    "agent_summary",
    "auc_with_interval",
    "break_even_by_class",
    "break_even_handling_cost",
    "break_even_margin",
    "bucket_settings_from_warehouse",
    "campaign_outcomes",
    "campaign_performance",
    "campaign_results",
    "channel_targets",
    "churn_features",
    "churn_labels",
    "compare_policies",
    "complaint_outcomes",
    "complaint_outcomes_over_seeds",
    "complaint_policy_comparison",
    "conversion_funnel",
    "cost_comparison",
    "cost_ratio_over_seeds",
    "cross_selling_rules",
    "csat_by_service",
    "csat_top2_box",
    "customer_360",
    "customer_lifetime_values",
    "customer_type",
    "customer_value",
    "deflection_comparison",
    "design_summary",
    "direct_marketing_classes",
    "effects_from_comparison",
    "effects_in_words",
    "faq_to_contact",
    "fit_bgnbd",
    "fit_churn_models",
    "fit_item_similarity",
    "fit_two_model_uplift",
    "format_value",
    "gains_table",
    "gini",
    "glossary_table",
    "hit_rate_at_k",
    "holdout_purchases",
    "interval_table",
    "kpi_summary",
    "label",
    "leaky_bucket",
    "lever_comparison",
    "log_summary",
    "lorenz_curve",
    "mean_difference",
    "mean_estimate",
    "measure_over_seeds",
    "most_and_least_profitable",
    "net_promoter_score",
    "next_best_offers",
    "order_baskets",
    "page_type",
    "panel_kpis",
    "paths_to_purchase",
    "policy_summary",
    "policy_table_text",
    "pooled_complaint_outcomes",
    "pooled_service_recovery",
    "pooling_comparison",
    "pooling_scenarios",
    "portfolio_summary",
    "probability_alive",
    "products_for_groups",
    "purchase_matrix",
    "purchase_summary",
    "qini_coefficient",
    "qini_curve",
    "referrer_mix",
    "rfm_scores",
    "rfm_table",
    "satisfaction_model_effects",
    "satisfaction_per_customer",
    "segment_sizes",
    "self_assessment_gaps",
    "service_recovery",
    "session_agreement",
    "sessionize",
    "share_difference",
    "share_estimate",
    "share_of_wallet",
    "share_of_wallet_by_segment",
    "simulate_bgnbd",
    "simulate_policy_mix",
    "simulate_warehouse",
    "simulate_warehouses",
    "staffing_curve",
    "summarise_policies",
    "survey_summary",
    "tier_moves",
    "top_decile_lift",
    "top_share",
    "top_share_interval",
    "value_class_economics",
    "value_satisfaction_portfolio",
    "visit_table",
]
