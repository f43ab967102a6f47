"""The campaign and service facts built from the shard logs."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.shard import ShardResult
from crmsim.warehouse.dimensions import channel_ids, date_keys
from crmsim.warehouse.keys import (
    lookup,
    offsets,
    records,
    string_values,
    time_order,
    timestamps,
)


def campaign_facts(
    results: list[ShardResult],
    params: LifecycleParameters,
    order_keys: np.ndarray,
    order_offsets: dict[int, int],
) -> dict[str, pd.DataFrame]:
    """``fact_campaign_contact`` and ``fact_campaign_response``."""
    contacts = records(results, "campaign_contacts")
    contacts_sorted, keys = time_order(contacts, "t_min")
    contact_offsets = offsets(contacts, [r.shard_index for r in results])
    ts = timestamps(contacts_sorted["t_min"].to_numpy(), params)
    contact_table = pd.DataFrame(
        {
            "campaign_contact_id": np.arange(1, len(contacts_sorted) + 1),
            "campaign_id": contacts_sorted["campaign_id"].to_numpy(),
            "customer_id": contacts_sorted["customer_id"].to_numpy(),
            "date_key": date_keys(ts),
            "channel_id": channel_ids(contacts_sorted["channel"]).to_numpy(),
            "is_control": contacts_sorted["is_control"].astype(bool).to_numpy(),
            "cost_eur": contacts_sorted["cost_eur"].to_numpy(),
        }
    )
    responses = records(results, "campaign_responses")
    responses["campaign_contact_id"] = lookup(
        keys, contact_offsets, responses["shard"], responses["contact_index"]
    )
    responses["order_id"] = lookup(
        order_keys, order_offsets, responses["shard"], responses["order_index"]
    )
    responses_sorted, _ = time_order(responses, "t_min")
    ts = timestamps(responses_sorted["t_min"].to_numpy(), params)
    response_table = pd.DataFrame(
        {
            "campaign_response_id": np.arange(1, len(responses_sorted) + 1),
            "campaign_contact_id": responses_sorted["campaign_contact_id"].to_numpy(),
            "campaign_id": responses_sorted["campaign_id"].to_numpy(),
            "customer_id": responses_sorted["customer_id"].to_numpy(),
            "date_key": date_keys(ts),
            "response_ts": ts.to_numpy(),
            "response_type": string_values(responses_sorted["response_type"]),
            "order_id": responses_sorted["order_id"].to_numpy(),
            "incentive_cost_eur": responses_sorted["incentive_cost_eur"].to_numpy(),
        }
    )
    return {"fact_campaign_contact": contact_table, "fact_campaign_response": response_table}


def service_facts(
    results: list[ShardResult],
    params: LifecycleParameters,
    order_keys: np.ndarray,
    order_offsets: dict[int, int],
    contact_key: Callable[[pd.Series, pd.Series], pd.Series],
) -> dict[str, pd.DataFrame]:
    """``fact_complaint`` and ``fact_survey_response``."""
    complaints = records(results, "complaints")
    complaints["interaction_id"] = contact_key(complaints["shard"], complaints["contact_id"])
    complaints["order_id"] = lookup(
        order_keys, order_offsets, complaints["shard"], complaints["order_index"]
    )
    complaints, _ = time_order(complaints, "t_min")
    ts = timestamps(complaints["t_min"].to_numpy(), params)
    product = complaints["product_id"].to_numpy(dtype=np.int64)
    complaint_table = pd.DataFrame(
        {
            "complaint_id": np.arange(1, len(complaints) + 1),
            "customer_id": complaints["customer_id"].to_numpy(),
            "interaction_id": complaints["interaction_id"].to_numpy(),
            "date_key": date_keys(ts),
            "complaint_ts": ts.to_numpy(),
            "trigger": string_values(complaints["trigger"]),
            "order_id": complaints["order_id"].to_numpy(),
            "product_id": pd.Series(product, dtype="Int64").where(product > 0).to_numpy(),
            "handling_policy": string_values(complaints["handling_policy"]),
            "handling_cost_eur": complaints["handling_cost_eur"].to_numpy(),
            "compensation_eur": complaints["compensation_eur"].to_numpy(),
            "resolved": complaints["resolved"].astype(bool).to_numpy(),
            "resolution_days": complaints["resolution_days"].astype(float).to_numpy(),
        }
    )
    surveys = records(results, "surveys")
    surveys["interaction_id"] = contact_key(surveys["shard"], surveys["contact_id"])
    surveys, _ = time_order(surveys, "t_min")
    ts = timestamps(surveys["t_min"].to_numpy(), params)
    survey_table = pd.DataFrame(
        {
            "survey_response_id": np.arange(1, len(surveys) + 1),
            "customer_id": surveys["customer_id"].to_numpy(),
            "date_key": date_keys(ts),
            "response_ts": ts.to_numpy(),
            "survey_type": string_values(surveys["survey_type"]),
            "score": surveys["score"].to_numpy(),
            "interaction_id": surveys["interaction_id"].to_numpy(),
        }
    )
    return {"fact_complaint": complaint_table, "fact_survey_response": survey_table}
