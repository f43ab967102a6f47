"""The click-stream fact ``fact_web_visit``: its declaration and its build from the shard logs.

One row is one line of the web server log (Logfile): a page view. Page views get
global keys in time order (ties by shard and local position) like every other
fact; visits are numbered by their first page view.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.shard import ShardResult
from crmsim.warehouse.dimensions import date_keys
from crmsim.warehouse.keys import timestamps
from crmsim.warehouse.schema import Column, Table

FACT_WEB_VISIT = Table(
    "fact_web_visit",
    "One row per page view on the company website: one line of the web server log "
    "(log-file analysis, personalisation). Visitors are customers, prospects and anonymous "
    "people; a row names the customer only when the visit was logged in.",
    (
        Column("page_view_id", "int64", "Page-view key in time order (primary key)"),
        Column("visit_id", "int64", "The visit (session) the page view belongs to"),
        Column(
            "visitor_ip",
            "string",
            "Visitor's IP address, one per visitor, from the documentation ranges of "
            "RFC 5737 (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24); visitors may share one",
        ),
        Column(
            "customer_id",
            "int64",
            "The customer when the visit was logged in (checkout always is); empty otherwise",
            nullable=True,
            references="dim_customer.customer_id",
        ),
        Column(
            "date_key", "int32", "Day of the page view as YYYYMMDD", references="dim_date.date_key"
        ),
        Column("view_ts", "timestamp", "Time the server sent the page"),
        Column(
            "url",
            "string",
            "Path requested: /, /search?q=<line>, /p/<product_code>, /configurator/<line>, "
            "/checkout (an order in the web shop), /faq/<topic>, /faq/contact, /order-tracking, "
            "/callback (the call-back form)",
        ),
        Column(
            "referrer",
            "string",
            "Where the visitor came from: search, newsletter (email campaign), campaign "
            "(mobile or web campaign link), direct; internal for later pages of a visit",
        ),
        Column(
            "campaign_id",
            "int64",
            "Campaign of a newsletter or campaign link (first page of the visit only)",
            nullable=True,
            references="dim_campaign.campaign_id",
        ),
        Column("status_code", "int32", "HTTP status: 200 OK, 304 not modified, 404, 500"),
        Column("bytes_sent", "int64", "Size of the response in bytes (0 for 304)"),
        Column("device", "string", "Device class from the user agent: desktop, mobile, tablet"),
    ),
    ("page_view_id",),
)


def web_visit_fact(results: list[ShardResult], params: LifecycleParameters) -> pd.DataFrame:
    """``fact_web_visit`` from the page views of every shard (shards in index order).

    Parameters
    ----------
    results
        Shard results; each carries its page views in ``web_visits``
        (see :func:`crmsim.lifecycle.web_visits.simulate_web_visits`).
    params
        Model parameters (the start date).
    """
    ordered = sorted(results, key=lambda r: r.shard_index)
    parts = [r.web_visits for r in ordered]
    views = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)

    def numbers(column: str, dtype: type = np.int64) -> np.ndarray:
        return views[column].to_numpy(dtype=dtype)[order]

    def texts(column: str) -> ExtensionArray:
        return views[column].astype(str).array.take(order)

    t = views["t_min"].to_numpy(dtype=float)
    shard = np.concatenate(
        [
            np.full(len(part), r.shard_index, dtype=np.int64)
            for r, part in zip(ordered, parts, strict=True)
        ]
    )
    local = np.concatenate([np.arange(len(part), dtype=np.int64) for part in parts])
    order = np.lexsort((local, shard, t))
    # Visits are numbered by their first page view: the first appearance in time order.
    visit = shard[order] * (1 << 32) + numbers("visit")
    _, first, inverse = np.unique(visit, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(1, len(first) + 1)
    ts = timestamps(t[order], params)
    customer = numbers("customer_id")
    campaign = numbers("campaign_id")
    return pd.DataFrame(
        {
            "page_view_id": np.arange(1, len(views) + 1),
            "visit_id": rank[inverse.reshape(-1)],
            "visitor_ip": texts("visitor_ip"),
            "customer_id": pd.Series(customer, dtype="Int64").where(customer > 0).to_numpy(),
            "date_key": date_keys(ts),
            "view_ts": ts.to_numpy(),
            "url": texts("url"),
            "referrer": texts("referrer"),
            "campaign_id": pd.Series(campaign, dtype="Int64").where(campaign > 0).to_numpy(),
            "status_code": numbers("status_code"),
            "bytes_sent": numbers("bytes_sent"),
            "device": texts("device"),
        }
    )
