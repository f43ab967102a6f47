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
    by_order = np.lexsort((lines["local"].to_numpy(), line_order))  # lines of order 1, 2, …
    order_id = line_order[by_order]
    on = order_id - 1  # row of the line's order in orders_sorted
    product = lines["product_id"].to_numpy()[by_order]
    quantity = lines["quantity"].to_numpy()[by_order]
    unit_price = lines["unit_price_eur"].to_numpy()[by_order]
    campaign = orders_sorted["campaign_id"].to_numpy()[on]
    unit_cost = np.asarray([0.0, *products["unit_cost_eur"].tolist()])
    ts = timestamps(orders_sorted["t_min"].to_numpy()[on], params)
    discount = (quantity * lines["discount_eur"].to_numpy()[by_order]).round(2)
    tables["fact_order"] = pd.DataFrame(
        {
            "order_line_id": np.arange(1, len(lines) + 1),
            "order_id": order_id,
            "customer_id": orders_sorted["customer_id"].to_numpy()[on],
            "product_id": product,
            "date_key": date_keys(ts),
            "order_ts": ts.to_numpy(),
            "channel_id": channel_ids(orders_sorted["channel"].take(on)).to_numpy(),
            "campaign_id": pd.Series(campaign, dtype="Int64").where(campaign > 0),
            "quantity": quantity,
            "unit_price_eur": unit_price,
            "discount_eur": discount,
            "revenue_eur": (quantity * unit_price - discount).round(2),
            "cost_eur": (quantity * unit_cost[product]).round(2),
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
