"""From the event logs of all shards to the warehouse tables.

Shards number their records locally; here every record gets a global key.
Facts are ordered by time (ties by shard and local order), so keys grow with
time. Times in minutes since the start become timestamps (to the second) and
``date_key`` values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.products import build_catalogue
from crmsim.lifecycle.shard import ShardResult
from crmsim.warehouse.dimensions import (
    CHANNEL_ID,
    date_keys,
    dim_campaign,
    dim_channel,
    dim_date,
    dim_product,
)
from crmsim.warehouse.people import agents_table, customers_table, truth_table
from crmsim.warehouse.snapshot import customer_months


def timestamps(t_min: np.ndarray, params: LifecycleParameters) -> pd.Series:
    """Timestamps (second precision) for times in minutes since the start date."""
    seconds = np.round(np.asarray(t_min, dtype=float) * 60.0).astype("int64")
    return pd.Series(pd.Timestamp(params.start_date) + pd.to_timedelta(seconds, unit="s")).astype(
        "datetime64[s]"
    )


def _records(results: list[ShardResult], name: str, columns: list[str]) -> pd.DataFrame:
    """One log list of every shard as a frame, with ``shard`` and ``local`` (position) columns."""
    frames = []
    for result in results:
        records = getattr(result.log, name)
        frame = (
            pd.DataFrame.from_records(records, columns=columns)
            if records
            else pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
        )
        frame["shard"] = result.shard_index
        frame["local"] = np.arange(len(frame))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _time_order(frame: pd.DataFrame, time_column: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Sort by time, shard and local position; return the frame and new 1-based keys by old row."""
    order = np.lexsort(
        (
            frame["local"].to_numpy(),
            frame["shard"].to_numpy(),
            frame[time_column].to_numpy(dtype=float),
        )
    )
    keys = np.empty(len(frame), dtype=np.int64)
    keys[order] = np.arange(1, len(frame) + 1)
    return frame.iloc[order].reset_index(drop=True), keys


def _lookup(
    keys_by_row: np.ndarray, offsets: dict[int, int], shard: pd.Series, local: pd.Series
) -> pd.Series:
    """Global keys for (shard, local position) pairs; local −1 gives a missing value."""
    local = local.to_numpy(dtype=np.int64)
    base = shard.map(offsets).to_numpy(dtype=np.int64)
    found = local >= 0
    out = np.zeros(len(local), dtype=np.int64)
    out[found] = keys_by_row[base[found] + local[found]]
    return pd.Series(out, dtype="Int64").where(found)


def _offsets(frame: pd.DataFrame) -> dict[int, int]:
    counts = frame.groupby("shard", sort=True).size()
    starts = np.concatenate([[0], np.cumsum(counts.to_numpy())[:-1]])
    return dict(zip(counts.index.tolist(), starts.tolist(), strict=True))


def build_tables(
    results: list[ShardResult], params: LifecycleParameters
) -> dict[str, pd.DataFrame]:
    """Every warehouse table (not yet cast to the schema's types).

    Parameters
    ----------
    results
        Shard results in shard order.
    params
        Model parameters of the run.
    """
    results = sorted(results, key=lambda r: r.shard_index)
    catalogue = build_catalogue()
    tables: dict[str, pd.DataFrame] = {
        "dim_date": dim_date(params),
        "dim_channel": dim_channel(),
        "dim_product": dim_product(),
        "dim_campaign": dim_campaign(params),
    }
    people = pd.concat([r.people for r in results], ignore_index=True)
    tables["dim_customer"] = customers_table(people, params)
    tables["dim_agent"], agent_offset = agents_table(results)

    # Orders and their lines.
    orders = _records(results, "orders", ["customer_id", "t_min", "channel", "campaign_id"])
    orders_sorted, order_keys = _time_order(orders, "t_min")
    order_offsets = _offsets(orders)
    lines = _records(
        results,
        "order_lines",
        ["order_index", "product_id", "quantity", "unit_price_eur", "discount_eur"],
    )
    line_order = _lookup(order_keys, order_offsets, lines["shard"], lines["order_index"]).to_numpy(
        dtype=np.int64
    )
    lines = lines.assign(order_id=line_order).sort_values(["order_id", "local"], kind="stable")
    head = orders_sorted.assign(order_id=np.arange(1, len(orders_sorted) + 1)).set_index("order_id")
    on = head.loc[lines["order_id"].to_numpy()]
    unit_cost = np.asarray([0.0, *catalogue.products["unit_cost_eur"].tolist()])
    ts = timestamps(on["t_min"].to_numpy(), params)
    quantity = lines["quantity"].to_numpy()
    discount = (quantity * lines["discount_eur"].to_numpy()).round(2)
    tables["fact_order"] = pd.DataFrame(
        {
            "order_line_id": np.arange(1, len(lines) + 1),
            "order_id": lines["order_id"].to_numpy(),
            "customer_id": on["customer_id"].to_numpy(),
            "product_id": lines["product_id"].to_numpy(),
            "date_key": date_keys(ts),
            "order_ts": ts.to_numpy(),
            "channel_id": on["channel"].map(CHANNEL_ID).to_numpy(),
            "campaign_id": pd.Series(on["campaign_id"].to_numpy(), dtype="Int64").where(
                on["campaign_id"].to_numpy() > 0
            ),
            "quantity": quantity,
            "unit_price_eur": lines["unit_price_eur"].to_numpy(),
            "discount_eur": discount,
            "revenue_eur": (quantity * lines["unit_price_eur"].to_numpy() - discount).round(2),
            "cost_eur": (quantity * unit_cost[lines["product_id"].to_numpy()]).round(2),
        }
    )

    # Service contacts from the shards' interaction centers.
    contacts = pd.concat(
        [r.contacts.assign(shard=r.shard_index, local=np.arange(len(r.contacts))) for r in results],
        ignore_index=True,
    )
    contacts_sorted, contact_keys = _time_order(contacts, "arrival_min")
    contact_offsets = _offsets(contacts)
    for result in results:  # the center numbers its contacts 1, 2, … in its log
        assert (
            result.contacts["contact_id"].to_numpy() == np.arange(1, len(result.contacts) + 1)
        ).all()

    def contact_key(shard: pd.Series, contact_id: pd.Series) -> pd.Series:
        local = contact_id.to_numpy(dtype=np.int64)
        return _lookup(
            contact_keys, contact_offsets, shard, pd.Series(np.where(local > 0, local - 1, -1))
        )

    ts = timestamps(contacts_sorted["arrival_min"].to_numpy(), params)
    agent = contacts_sorted["agent_id"].to_numpy()
    agent_global = contacts_sorted["shard"].map(agent_offset).to_numpy() + agent + 1
    tables["fact_interaction"] = pd.DataFrame(
        {
            "interaction_id": np.arange(1, len(contacts_sorted) + 1),
            "customer_id": contacts_sorted["customer_id"].to_numpy(),
            "date_key": date_keys(ts),
            "arrival_ts": ts.to_numpy(),
            "channel_id": contacts_sorted["channel"].astype(str).map(CHANNEL_ID).to_numpy(),
            "reason": contacts_sorted["reason"].astype(str).to_numpy(),
            "kind": contacts_sorted["kind"].astype(str).to_numpy(),
            "parent_interaction_id": contact_key(
                contacts_sorted["shard"], contacts_sorted["parent_id"]
            ).to_numpy(),
            "value_class": contacts_sorted["value_class"].astype(str).to_numpy(),
            "outcome": contacts_sorted["outcome"].astype(str).to_numpy(),
            "resolved": contacts_sorted["outcome"]
            .astype(str)
            .isin(["resolved", "self_served"])
            .to_numpy(),
            "wait_min": contacts_sorted["wait_min"].fillna(0.0).to_numpy(),
            "handle_min": contacts_sorted["handle_min"].to_numpy(),
            "acw_min": contacts_sorted["acw_min"].to_numpy(),
            "agent_id": pd.Series(agent_global, dtype="Int64").where(agent >= 0).to_numpy(),
        }
    )
    tables.update(_campaign_facts(results, params, order_keys, order_offsets))
    tables.update(_service_facts(results, params, order_keys, order_offsets, contact_key))
    tables["fact_customer_month"] = customer_months(results, tables, params)
    tables["truth_customer"] = truth_table(people, results, params)
    return tables


def _campaign_facts(
    results: list[ShardResult],
    params: LifecycleParameters,
    order_keys: np.ndarray,
    order_offsets: dict[int, int],
) -> dict[str, pd.DataFrame]:
    """``fact_campaign_contact`` and ``fact_campaign_response``."""
    contacts = _records(
        results,
        "campaign_contacts",
        ["campaign_id", "customer_id", "t_min", "channel", "is_control", "cost_eur"],
    )
    contacts_sorted, keys = _time_order(contacts, "t_min")
    offsets = _offsets(contacts)
    ts = timestamps(contacts_sorted["t_min"].to_numpy(), params)
    contact_table = pd.DataFrame(
        {
            "campaign_contact_id": np.arange(1, len(contacts_sorted) + 1),
            "campaign_id": contacts_sorted["campaign_id"].to_numpy(),
            "customer_id": contacts_sorted["customer_id"].to_numpy(),
            "date_key": date_keys(ts),
            "channel_id": contacts_sorted["channel"].map(CHANNEL_ID).to_numpy(),
            "is_control": contacts_sorted["is_control"].astype(bool).to_numpy(),
            "cost_eur": contacts_sorted["cost_eur"].to_numpy(),
        }
    )
    responses = _records(
        results,
        "campaign_responses",
        [
            "contact_index",
            "campaign_id",
            "customer_id",
            "t_min",
            "response_type",
            "order_index",
            "incentive_cost_eur",
        ],
    )
    responses["campaign_contact_id"] = _lookup(
        keys, offsets, responses["shard"], responses["contact_index"]
    )
    responses["order_id"] = _lookup(
        order_keys, order_offsets, responses["shard"], responses["order_index"]
    )
    responses_sorted, _ = _time_order(responses, "t_min")
    ts = timestamps(responses_sorted["t_min"].to_numpy(), params)
    response_table = pd.DataFrame(
        {
            "campaign_response_id": np.arange(1, len(responses_sorted) + 1),
            "campaign_contact_id": responses_sorted["campaign_contact_id"].to_numpy(),
            "campaign_id": responses_sorted["campaign_id"].to_numpy(),
            "customer_id": responses_sorted["customer_id"].to_numpy(),
            "date_key": date_keys(ts),
            "response_ts": ts.to_numpy(),
            "response_type": responses_sorted["response_type"].to_numpy(),
            "order_id": responses_sorted["order_id"].to_numpy(),
            "incentive_cost_eur": responses_sorted["incentive_cost_eur"].to_numpy(),
        }
    )
    return {"fact_campaign_contact": contact_table, "fact_campaign_response": response_table}


def _service_facts(
    results: list[ShardResult],
    params: LifecycleParameters,
    order_keys: np.ndarray,
    order_offsets: dict[int, int],
    contact_key,
) -> dict[str, pd.DataFrame]:
    """``fact_complaint`` and ``fact_survey_response``."""
    complaints = _records(
        results,
        "complaints",
        [
            "customer_id",
            "contact_id",
            "t_min",
            "trigger",
            "order_index",
            "product_id",
            "handling_policy",
            "handling_cost_eur",
            "compensation_eur",
            "resolved",
            "resolution_days",
        ],
    )
    complaints["interaction_id"] = contact_key(complaints["shard"], complaints["contact_id"])
    complaints["order_id"] = _lookup(
        order_keys, order_offsets, complaints["shard"], complaints["order_index"]
    )
    complaints, _ = _time_order(complaints, "t_min")
    ts = timestamps(complaints["t_min"].to_numpy(), params)
    product = complaints["product_id"].to_numpy(dtype=np.int64)
    complaint_table = pd.DataFrame(
        {
            "complaint_id": np.arange(1, len(complaints) + 1),
            "customer_id": complaints["customer_id"].to_numpy(),
            "interaction_id": complaints["interaction_id"].to_numpy(),
            "date_key": date_keys(ts),
            "complaint_ts": ts.to_numpy(),
            "trigger": complaints["trigger"].to_numpy(),
            "order_id": complaints["order_id"].to_numpy(),
            "product_id": pd.Series(product, dtype="Int64").where(product > 0).to_numpy(),
            "handling_policy": complaints["handling_policy"].to_numpy(),
            "handling_cost_eur": complaints["handling_cost_eur"].to_numpy(),
            "compensation_eur": complaints["compensation_eur"].to_numpy(),
            "resolved": complaints["resolved"].astype(bool).to_numpy(),
            "resolution_days": complaints["resolution_days"].astype(float).to_numpy(),
        }
    )
    surveys = _records(
        results, "surveys", ["customer_id", "t_min", "survey_type", "score", "contact_id"]
    )
    surveys["interaction_id"] = contact_key(surveys["shard"], surveys["contact_id"])
    surveys, _ = _time_order(surveys, "t_min")
    ts = timestamps(surveys["t_min"].to_numpy(), params)
    survey_table = pd.DataFrame(
        {
            "survey_response_id": np.arange(1, len(surveys) + 1),
            "customer_id": surveys["customer_id"].to_numpy(),
            "date_key": date_keys(ts),
            "response_ts": ts.to_numpy(),
            "survey_type": surveys["survey_type"].to_numpy(),
            "score": surveys["score"].to_numpy(),
            "interaction_id": surveys["interaction_id"].to_numpy(),
        }
    )
    return {"fact_complaint": complaint_table, "fact_survey_response": survey_table}
