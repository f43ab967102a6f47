"""Building blocks of targeting policies: who is eligible, features, and what happened.

Everything here reads only the company's tables
(:class:`~crmsim.lifecycle.policy_knowledge.CompanyKnowledge`), as a real
marketing department would.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.lifecycle.campaigns import AT_RISK_DAYS
from crmsim.lifecycle.policy_knowledge import CompanyKnowledge

#: Feature columns of :func:`customer_features` (all numeric, known before a campaign).
FEATURES = [
    "recency_days",
    "frequency",
    "monetary_eur",
    "open_complaints",
    "is_business",
    "age_rank",
    "prefers_channel",
    "consent",
]
AGE_RANK = {"18-29": 0, "30-44": 1, "45-59": 2, "60+": 3}
#: Recency (days) given to people without an order.
NO_ORDER_DAYS = 400.0


def eligible_customers(
    knowledge: CompanyKnowledge,
    campaign_type: str,
    product_line: str | None,
    products: pd.DataFrame,
) -> np.ndarray:
    """Customer ids the campaign type is meant for (the segment, Zielgruppe), as known now.

    - acquisition: prospects (never customers);
    - cross-selling and up-selling: active customers who bought a device of the line;
    - retention: active customers without an order for 240 days or with an open complaint;
    - win-back: customers who cancelled.
    """
    customers = knowledge.customers
    active = customers["status"] == "active"
    if campaign_type == "acquisition":
        chosen = customers["status"] == "prospect"
    elif campaign_type in ("cross_sell", "up_sell"):
        devices = products.loc[
            (products["product_line"] == product_line) & products["tier"].notna()
        ].set_index("product_id")["tier_rank"]
        bought = knowledge.orders[knowledge.orders["product_id"].isin(devices.index)]
        top_tier = bought["product_id"].map(devices).groupby(bought["customer_id"]).max()
        if campaign_type == "up_sell":  # premium owners have nothing to upgrade to
            top_tier = top_tier[top_tier < 3]
        chosen = active & customers["customer_id"].isin(top_tier.index)
    elif campaign_type == "retention":
        idle = customers["days_since_order"].fillna(np.inf) > AT_RISK_DAYS
        chosen = active & (idle | (customers["open_complaints"] > 0))
    elif campaign_type == "win_back":
        chosen = customers["status"] == "cancelled"
    else:
        raise ValueError(f"unknown campaign type {campaign_type!r}")
    return customers.loc[chosen, "customer_id"].to_numpy(dtype=np.int64)


def customer_features(knowledge: CompanyKnowledge, channel: str) -> pd.DataFrame:
    """The :data:`FEATURES` of every person (index customer_id) for a contact over ``channel``."""
    customers = knowledge.customers.set_index("customer_id")
    return pd.DataFrame(
        {
            "recency_days": customers["days_since_order"].fillna(NO_ORDER_DAYS).clip(upper=400),
            "frequency": customers["orders"].astype(float),
            "monetary_eur": customers["revenue_eur"].astype(float),
            "open_complaints": customers["open_complaints"].astype(float),
            "is_business": (customers["customer_type"] == "business").astype(float),
            "age_rank": customers["age_band"].map(AGE_RANK).fillna(1.5).astype(float),
            "prefers_channel": (customers["preferred_channel"] == channel).astype(float),
            "consent": customers["marketing_consent"].astype(float),
        }
    )


def campaign_outcomes_known(knowledge: CompanyKnowledge, campaign_id: int) -> pd.DataFrame:
    """What the company saw after one campaign, per selected person.

    Returns
    -------
    pandas.DataFrame
        customer_id, treated (bool), responded (bool: a response was recorded),
        bought (an order in the response window), stayed (not cancelled as far
        as the company knows now) and success (``stayed`` for retention, otherwise
        ``bought and stayed``).
    """
    campaign = knowledge.campaigns.set_index("campaign_id").loc[campaign_id]
    contacts = knowledge.campaign_contacts
    selected = contacts[contacts["campaign_id"] == campaign_id]
    ids = selected["customer_id"].to_numpy(dtype=np.int64)
    start_key = int(selected["date_key"].min()) if len(selected) else 0
    end = pd.Timestamp(campaign["end_date"])
    end_key = end.year * 10000 + end.month * 100 + end.day
    orders = knowledge.orders
    in_window = orders[(orders["date_key"] >= start_key) & (orders["date_key"] <= end_key)]
    answers = knowledge.campaign_responses
    answered = answers.loc[answers["campaign_id"] == campaign_id, "customer_id"]
    bought = np.isin(ids, in_window["customer_id"].to_numpy())
    status = knowledge.customers.set_index("customer_id")["status"]
    stayed = status.reindex(ids).to_numpy() != "cancelled"
    success = stayed if campaign["campaign_type"] == "retention" else bought & stayed
    return pd.DataFrame(
        {
            "customer_id": ids,
            "treated": ~selected["is_control"].astype(bool).to_numpy(),
            "responded": np.isin(ids, answered.to_numpy()),
            "bought": bought,
            "stayed": stayed,
            "success": success,
        }
    )
