"""Browsing on the company website: the web server log of one shard, drawn after its run.

The click-stream is derived from what the shard's people did: it reads the event
log (orders, campaign contacts and responses, churn), the interaction center's
contacts and the people, and draws the page views around them from a random
stream of its own. That stream is spawned from the run's seed with a key no other
stream uses, so adding the click-stream changed none of the other tables.

Visits (Besuche, sessions) come from six sources:

- **web orders**: a visit that ends on ``/checkout`` at the moment of the order;
- **research** before orders placed in a store, by phone or in the app (sometimes);
- **browsing without buying** by customers while active, and by prospects
  (Interessenten) before they become customers (never logged in);
- **service**: FAQ or order-tracking pages shortly before some service contacts,
  the FAQ visit that *is* a self-service contact (solved there, or escalated via the
  contact page ``/faq/contact``), order tracking after some online orders, and the
  call-back form ``/callback`` (Rückruf-Button) that starts some phone contacts: its
  request enters the phone queue at once, so the form is sent at the moment the phone
  contact arrives;
- **campaign clicks** from email (``newsletter``), mobile messages and web offers
  (``campaign``), more often and closer to the response for responders;
- **anonymous visitors** outside the customer database (mostly one-page visits).

Every visitor has one address from the documentation ranges of RFC 5737
(192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24); the ranges hold 762 addresses,
so several visitors share one, as behind a carrier's address translation.

The sources are drawn for all records at once with array operations:
:mod:`crmsim.lifecycle.web_orders` (orders and service contacts) and
:mod:`crmsim.lifecycle.web_browsing` (browsing, campaign clicks, anonymous visitors)
hold their rates and shares; :mod:`crmsim.lifecycle.web_site` picks the pages and
:mod:`crmsim.lifecycle.web_pages` turns the planned visits into page views.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.lifecycle.campaigns import Campaign
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.state import EventLog
from crmsim.lifecycle.web_browsing import (
    ANONYMOUS_VISITORS_PER_PERSON,
    anonymous_visits,
    browsing_visits,
    campaign_visits,
)
from crmsim.lifecycle.web_orders import order_visits, service_visits
from crmsim.lifecycle.web_pages import DEVICES, Visits, page_views
from crmsim.lifecycle.web_site import Site

#: Second element of the spawn key of the click-stream's random stream (shard index first).
WEB_STREAM_KEY = 1_000_001
#: The three /24 networks reserved for documentation (RFC 5737).
DOCUMENTATION_NETWORKS = ("192.0.2", "198.51.100", "203.0.113")
#: Every address of the documentation networks (hosts 1 to 254 of each), by slot.
DOCUMENTATION_ADDRESSES = np.asarray(
    [f"{net}.{host}" for net in DOCUMENTATION_NETWORKS for host in range(1, 255)], dtype=object
)
#: Shares of the visitors' usual devices (desktop, mobile, tablet).
USUAL_DEVICE_SHARES = (0.5, 0.4, 0.1)


def web_stream(seed: int, shard_index: int) -> np.random.Generator:
    """The click-stream's own random stream for one shard."""
    return np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(shard_index, WEB_STREAM_KEY))
    )


def simulate_web_visits(
    shard_index: int,
    people: pd.DataFrame,
    log: EventLog,
    contacts: pd.DataFrame,
    products: pd.DataFrame,
    campaigns: list[Campaign],
    params: LifecycleParameters,
    seed: int,
) -> pd.DataFrame:
    """The shard's page views, one row per line of the web server log.

    Parameters
    ----------
    shard_index, seed
        Select the click-stream's random stream (:func:`web_stream`).
    people
        The shard's people after the run (``acquired_min`` filled in).
    log, contacts
        The shard's event log and its interaction center's contact table.
    products, campaigns
        The catalogue (``dim_product`` rows) and the campaign plan.
    params
        Model parameters (the horizon).

    Returns
    -------
    pandas.DataFrame
        ``visit`` (local number), ``t_min`` (minutes since the start), ``visitor_ip``,
        ``customer_id`` (−1: not logged in), ``url``, ``referrer`` (search, newsletter,
        campaign, direct; internal after the first page), ``status_code``, ``bytes_sent``,
        ``campaign_id`` (−1: none) and ``device``; in visit order, pages in time order.
    """
    rng = web_stream(seed, shard_index)
    site = Site(products, campaigns)
    ids = people["customer_id"].to_numpy(dtype=np.int64)
    anonymous = round(len(people) * ANONYMOUS_VISITORS_PER_PERSON)
    slots = rng.integers(0, len(DOCUMENTATION_ADDRESSES), len(people) + anonymous)
    device_of = rng.choice(len(DEVICES), len(people) + anonymous, p=USUAL_DEVICE_SHARES)
    horizon = params.horizon_min
    visits = Visits.joined(
        [
            order_visits(log, ids, site, rng),
            browsing_visits(people, log, site, horizon, rng),
            service_visits(contacts, ids, site, rng),
            campaign_visits(log, ids, site, rng),
            anonymous_visits(anonymous, site, horizon, rng),
        ]
    )
    return page_views(visits, site, ids, DOCUMENTATION_ADDRESSES[slots], device_of, horizon, rng)
