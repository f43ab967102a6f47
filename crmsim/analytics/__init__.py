"""The analytics layer: key figures computed from simulation results and the warehouse.

Data flows one way: scenario → simulation → event log → warehouse → **analytics** →
notebooks. Every key figure a notebook, widget, exercise check or command prints is
computed here, once. Functions take pandas DataFrames and return DataFrames with
documented columns; each module holds one family of analyses (contact-center KPIs,
customer analytics, satisfaction, acquisition and retention).

Every name is imported on first use (PEP 562), so that a command or a notebook that
needs the contact-center KPIs does not also load scikit-learn, mlxtend or PyMC.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from crmsim.analytics.campaign_success import campaign_outcomes, campaign_results
    from crmsim.analytics.churn_data import FEATURE_MEANINGS, churn_features, churn_labels
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
    from crmsim.analytics.complaint_recovery import pooled_service_recovery, service_recovery
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
    from crmsim.analytics.duckdb_campaigns import duckdb_campaign_results, welch_difference
    from crmsim.analytics.duckdb_customers import (
        duckdb_abc_classes,
        duckdb_customer_months,
        duckdb_rfm_scores,
    )
    from crmsim.analytics.estimates import Estimate, mean_estimate, share_estimate
    from crmsim.analytics.glossary import (
        GLOSSARY,
        GlossaryEntry,
        format_value,
        glossary_table,
        label,
    )
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
    from crmsim.analytics.rfm import (
        SEGMENT_RULES,
        SegmentRule,
        rfm_scores,
        rfm_table,
        segment_sizes,
    )
    from crmsim.analytics.satisfaction import (
        csat_by_service,
        satisfaction_model_effects,
        self_assessment_gaps,
    )
    from crmsim.analytics.uplift import (
        CUSTOMER_TYPES,
        TwoModelUplift,
        customer_type,
        fit_two_model_uplift,
        qini_coefficient,
        qini_curve,
    )
    from crmsim.analytics.value_classes import value_class_economics
    from crmsim.analytics.wallet_share import (
        share_of_wallet,
        share_of_wallet_by_segment,
        tier_moves,
    )
    from crmsim.analytics.web_callbacks import callback_form_requests

#: The module that defines each exported name.
_MODULE_OF = {
    "ShareInterval": "crmsim.analytics.abc_analysis",
    "abc_classes": "crmsim.analytics.abc_analysis",
    "customer_value": "crmsim.analytics.abc_analysis",
    "gini": "crmsim.analytics.abc_analysis",
    "lorenz_curve": "crmsim.analytics.abc_analysis",
    "top_share": "crmsim.analytics.abc_analysis",
    "top_share_interval": "crmsim.analytics.abc_analysis",
    "CostComparison": "crmsim.analytics.acquisition_retention",
    "acquisition_vs_retention": "crmsim.analytics.acquisition_retention",
    "cost_comparison": "crmsim.analytics.acquisition_retention",
    "cost_ratio_over_seeds": "crmsim.analytics.acquisition_retention",
    "cross_selling_rules": "crmsim.analytics.basket_rules",
    "order_baskets": "crmsim.analytics.basket_rules",
    "compare_policies": "crmsim.analytics.campaign_policies",
    "policy_summary": "crmsim.analytics.campaign_policies",
    "callback_form_requests": "crmsim.analytics.web_callbacks",
    "campaign_outcomes": "crmsim.analytics.campaign_success",
    "campaign_results": "crmsim.analytics.campaign_success",
    "FEATURE_MEANINGS": "crmsim.analytics.churn_data",
    "churn_features": "crmsim.analytics.churn_data",
    "churn_labels": "crmsim.analytics.churn_data",
    "AucInterval": "crmsim.analytics.churn_model",
    "ChurnModels": "crmsim.analytics.churn_model",
    "auc_with_interval": "crmsim.analytics.churn_model",
    "effects_in_words": "crmsim.analytics.churn_model",
    "fit_churn_models": "crmsim.analytics.churn_model",
    "gains_table": "crmsim.analytics.churn_model",
    "top_decile_lift": "crmsim.analytics.churn_model",
    "conversion_funnel": "crmsim.analytics.clickstream",
    "faq_to_contact": "crmsim.analytics.clickstream",
    "log_summary": "crmsim.analytics.clickstream",
    "page_type": "crmsim.analytics.clickstream",
    "paths_to_purchase": "crmsim.analytics.clickstream",
    "referrer_mix": "crmsim.analytics.clickstream",
    "session_agreement": "crmsim.analytics.clickstream",
    "sessionize": "crmsim.analytics.clickstream",
    "visit_table": "crmsim.analytics.clickstream",
    "BgNbdParameters": "crmsim.analytics.clv",
    "ClvResult": "crmsim.analytics.clv",
    "GammaGammaParameters": "crmsim.analytics.clv",
    "customer_lifetime_values": "crmsim.analytics.clv",
    "fit_bgnbd": "crmsim.analytics.clv",
    "holdout_purchases": "crmsim.analytics.clv",
    "probability_alive": "crmsim.analytics.clv",
    "purchase_summary": "crmsim.analytics.clv",
    "CDNOW_PARAMETERS": "crmsim.analytics.clv_simulation",
    "simulate_bgnbd": "crmsim.analytics.clv_simulation",
    "complaint_outcomes": "crmsim.analytics.complaints",
    "complaint_outcomes_over_seeds": "crmsim.analytics.complaints",
    "complaint_policy_comparison": "crmsim.analytics.complaints",
    "policy_table_text": "crmsim.analytics.complaints",
    "pooled_complaint_outcomes": "crmsim.analytics.complaints",
    "summarise_policies": "crmsim.analytics.complaints",
    "agent_summary": "crmsim.analytics.contact_center",
    "channel_targets": "crmsim.analytics.contact_center",
    "interval_table": "crmsim.analytics.contact_center",
    "kpi_summary": "crmsim.analytics.contact_center",
    "PANEL_KPIS": "crmsim.analytics.contact_center_panel",
    "panel_kpis": "crmsim.analytics.contact_center_panel",
    "staffing_curve": "crmsim.analytics.contact_center_staffing",
    "Customer360": "crmsim.analytics.customer360",
    "customer_360": "crmsim.analytics.customer360",
    "BucketSettings": "crmsim.analytics.customer_base",
    "bucket_settings_from_warehouse": "crmsim.analytics.customer_base",
    "leaky_bucket": "crmsim.analytics.customer_base",
    "lever_comparison": "crmsim.analytics.customer_base",
    "deflection_comparison": "crmsim.analytics.deflection",
    "duckdb_campaign_results": "crmsim.analytics.duckdb_campaigns",
    "welch_difference": "crmsim.analytics.duckdb_campaigns",
    "duckdb_abc_classes": "crmsim.analytics.duckdb_customers",
    "duckdb_customer_months": "crmsim.analytics.duckdb_customers",
    "duckdb_rfm_scores": "crmsim.analytics.duckdb_customers",
    "Estimate": "crmsim.analytics.estimates",
    "mean_estimate": "crmsim.analytics.estimates",
    "share_estimate": "crmsim.analytics.estimates",
    "GLOSSARY": "crmsim.analytics.glossary",
    "GlossaryEntry": "crmsim.analytics.glossary",
    "format_value": "crmsim.analytics.glossary",
    "glossary_table": "crmsim.analytics.glossary",
    "label": "crmsim.analytics.glossary",
    "mean_difference": "crmsim.analytics.group_differences",
    "share_difference": "crmsim.analytics.group_differences",
    "PoolingResult": "crmsim.analytics.media_pooling",
    "design_summary": "crmsim.analytics.media_pooling",
    "pooling_comparison": "crmsim.analytics.media_pooling",
    "pooling_scenarios": "crmsim.analytics.media_pooling",
    "NpsResult": "crmsim.analytics.nps",
    "csat_top2_box": "crmsim.analytics.nps",
    "net_promoter_score": "crmsim.analytics.nps",
    "survey_summary": "crmsim.analytics.nps",
    "CustomerBase": "crmsim.analytics.policy_mix",
    "PolicyEffect": "crmsim.analytics.policy_mix",
    "break_even_by_class": "crmsim.analytics.policy_mix",
    "break_even_handling_cost": "crmsim.analytics.policy_mix",
    "break_even_margin": "crmsim.analytics.policy_mix",
    "effects_from_comparison": "crmsim.analytics.policy_mix",
    "simulate_policy_mix": "crmsim.analytics.policy_mix",
    "PortfolioField": "crmsim.analytics.portfolio",
    "portfolio_summary": "crmsim.analytics.portfolio",
    "satisfaction_per_customer": "crmsim.analytics.portfolio",
    "value_satisfaction_portfolio": "crmsim.analytics.portfolio",
    "PROFILING_CYCLE": "crmsim.analytics.profiling",
    "about_to_churn": "crmsim.analytics.profiling",
    "campaign_performance": "crmsim.analytics.profiling",
    "direct_marketing_classes": "crmsim.analytics.profiling",
    "most_and_least_profitable": "crmsim.analytics.profiling",
    "products_for_groups": "crmsim.analytics.profiling",
    "ItemSimilarity": "crmsim.analytics.recommendations",
    "fit_item_similarity": "crmsim.analytics.recommendations",
    "hit_rate_at_k": "crmsim.analytics.recommendations",
    "next_best_offers": "crmsim.analytics.recommendations",
    "purchase_matrix": "crmsim.analytics.recommendations",
    "measure_over_seeds": "crmsim.analytics.replications",
    "simulate_warehouse": "crmsim.analytics.replications",
    "simulate_warehouses": "crmsim.analytics.replications",
    "SEGMENT_RULES": "crmsim.analytics.rfm",
    "SegmentRule": "crmsim.analytics.rfm",
    "rfm_scores": "crmsim.analytics.rfm",
    "rfm_table": "crmsim.analytics.rfm",
    "segment_sizes": "crmsim.analytics.rfm",
    "csat_by_service": "crmsim.analytics.satisfaction",
    "satisfaction_model_effects": "crmsim.analytics.satisfaction",
    "self_assessment_gaps": "crmsim.analytics.satisfaction",
    "pooled_service_recovery": "crmsim.analytics.complaint_recovery",
    "service_recovery": "crmsim.analytics.complaint_recovery",
    "share_of_wallet": "crmsim.analytics.wallet_share",
    "share_of_wallet_by_segment": "crmsim.analytics.wallet_share",
    "tier_moves": "crmsim.analytics.wallet_share",
    "CUSTOMER_TYPES": "crmsim.analytics.uplift",
    "TwoModelUplift": "crmsim.analytics.uplift",
    "customer_type": "crmsim.analytics.uplift",
    "fit_two_model_uplift": "crmsim.analytics.uplift",
    "qini_coefficient": "crmsim.analytics.uplift",
    "qini_curve": "crmsim.analytics.uplift",
    "value_class_economics": "crmsim.analytics.value_classes",
}


def __getattr__(name: str) -> Any:
    if name in _MODULE_OF:
        value = getattr(import_module(_MODULE_OF[name]), name)
        globals()[name] = value
        return value
    try:
        return import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{name}":
            raise  # the submodule exists but needs something missing
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))


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
    "callback_form_requests",
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
    "duckdb_abc_classes",
    "duckdb_campaign_results",
    "duckdb_customer_months",
    "duckdb_rfm_scores",
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
    "welch_difference",
]
