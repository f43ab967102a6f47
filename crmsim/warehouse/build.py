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
from crmsim.lifecycle.shard import ShardResult
from crmsim.sim.contact import RESOLVING
from crmsim.warehouse.dimensions import (
    channel_ids,
    date_keys,
    dim_campaign,
    dim_channel,
    dim_date,
    dim_product,
)
from crmsim.warehouse.event_facts import campaign_facts, service_facts
from crmsim.warehouse.keys import (
    category_strings,
    lookup,
    offsets,
    records,
    shard_values,
    time_order,
    timestamps,
)
from crmsim.warehouse.people import agents_table, customers_table, truth_table
from crmsim.warehouse.snapshot import customer_months
from crmsim.warehouse.web_facts import web_visit_fact


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
    shards = [r.shard_index for r in results]
    products = results[0].products  # every shard sells from the same catalogue
    tables: dict[str, pd.DataFrame] = {
        "dim_date": dim_date(params),
        "dim_channel": dim_channel(),
        "dim_product": dim_product(products),
        "dim_campaign": dim_campaign(results[0].campaigns, params),
    }
    people = pd.concat([r.people for r in results], ignore_index=True)
    tables["dim_customer"] = customers_table(people, params)
    tables["dim_agent"], agent_offset = agents_table(results)

    # Orders and their lines.
    orders = records(results, "orders")
    orders_sorted, order_keys = time_order(orders, "t_min")
    order_offsets = offsets(orders, shards)
    lines = records(results, "order_lines")
    line_order = lookup(order_keys, order_offsets, lines["shard"], lines["order_index"]).to_numpy(
        dtype=np.int64
    )
    lines = lines.assign(order_id=line_order).sort_values(["order_id", "local"], kind="stable")
    head = orders_sorted.assign(order_id=np.arange(1, len(orders_sorted) + 1)).set_index("order_id")
    on = head.loc[lines["order_id"].to_numpy()]
    unit_cost = np.asarray([0.0, *products["unit_cost_eur"].tolist()])
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
            "channel_id": channel_ids(on["channel"]).to_numpy(),
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
    contacts_sorted, contact_keys = time_order(contacts, "arrival_min")
    contact_offsets = offsets(contacts, shards)
    for result in results:  # the center numbers its contacts 1, 2, … in its log
        assert (
            result.contacts["contact_id"].to_numpy() == np.arange(1, len(result.contacts) + 1)
        ).all()

    def contact_key(shard: pd.Series, contact_id: pd.Series) -> pd.Series:
        local = contact_id.to_numpy(dtype=np.int64)
        return lookup(
            contact_keys, contact_offsets, shard, pd.Series(np.where(local > 0, local - 1, -1))
        )

    ts = timestamps(contacts_sorted["arrival_min"].to_numpy(), params)
    agent = contacts_sorted["agent_id"].to_numpy()
    agent_global = shard_values(contacts_sorted["shard"], agent_offset) + agent + 1
    outcome = category_strings(contacts_sorted["outcome"])
    tables["fact_interaction"] = pd.DataFrame(
        {
            "interaction_id": np.arange(1, len(contacts_sorted) + 1),
            "customer_id": contacts_sorted["customer_id"].to_numpy(),
            "date_key": date_keys(ts),
            "arrival_ts": ts.to_numpy(),
            "channel_id": channel_ids(contacts_sorted["channel"]).to_numpy(),
            "reason": category_strings(contacts_sorted["reason"]),
            "kind": category_strings(contacts_sorted["kind"]),
            "parent_interaction_id": contact_key(
                contacts_sorted["shard"], contacts_sorted["parent_id"]
            ).to_numpy(),
            "value_class": category_strings(contacts_sorted["value_class"]),
            "outcome": outcome,
            "resolved": pd.Series(outcome).isin(RESOLVING).to_numpy(),
            "wait_min": contacts_sorted["wait_min"].fillna(0.0).to_numpy(),
            "handle_min": contacts_sorted["handle_min"].to_numpy(),
            "acw_min": contacts_sorted["acw_min"].to_numpy(),
            "agent_id": pd.Series(agent_global, dtype="Int64").where(agent >= 0).to_numpy(),
        }
    )
    tables.update(campaign_facts(results, params, order_keys, order_offsets))
    tables.update(service_facts(results, params, order_keys, order_offsets, contact_key))
    tables["fact_customer_month"] = customer_months(results, tables, params)
    tables["fact_web_visit"] = web_visit_fact(results, params)
    tables["truth_customer"] = truth_table(people, results, params)
    return tables
