"""Visits that do not end in an order: browsing, campaign clicks and anonymous visitors.

- **Browsing without buying**: customers while active (``BROWSE_PER_ORDER_RATE``
  visits per expected order, 60 % logged in) and prospects (Interessenten) before
  they are won (``PROSPECT_BROWSE_PER_YEAR``, never logged in); a fifth of these
  visits leave after the first page (bounce).
- **Campaign clicks** from email (``newsletter``), mobile messages and web offers
  (``campaign``): 90 % of the responders who did not order click shortly before
  their response, other contacted people with the share ``CLICK_WITHOUT_RESPONSE``
  of their channel, on average 0.6 days after the contact.
- **Anonymous visitors** outside the customer database: ``ANONYMOUS_VISITS_PER_YEAR``
  visits each, mostly from a search engine and of one or two pages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.lifecycle.state import EventLog
from crmsim.lifecycle.web_orders import campaign_referrers
from crmsim.lifecycle.web_pages import Visits, by_value, rows_of
from crmsim.lifecycle.web_site import DIRECT, NO_PAGE, SEARCH, Site
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_YEAR

BROWSE_PER_ORDER_RATE = 0.3  # visits without buying per expected order
PROSPECT_BROWSE_PER_YEAR = 0.4
#: Logged-in share of customers' browsing visits, search share of browsing referrers.
BROWSING_LOGGED_IN = 0.6
BROWSING_FROM_SEARCH = 0.6
BOUNCE_SHARE = 0.2  # browsing visits that leave after the first page
#: Chance that a contacted person who does not respond still clicks, by campaign channel.
CLICK_WITHOUT_RESPONSE = {"email": 0.12, "mobile": 0.06, "web": 0.12}
RESPONDER_CLICKS = 0.9
#: Minutes before the response of a responder's click, mean days after the contact of others.
RESPONDER_CLICK_BEFORE_MIN = (1.0, 60.0)
CLICK_AFTER_CONTACT_DAYS = 0.6
CAMPAIGN_EXTRA_PAGE = 0.4  # one more product page of the offered line
CAMPAIGN_LOGGED_IN = 0.5
ANONYMOUS_VISITORS_PER_PERSON = 0.15
ANONYMOUS_VISITS_PER_YEAR = 1.0
ANONYMOUS_FROM_SEARCH = 0.75
ANONYMOUS_SECOND_PAGE = 0.3


def browsing_visits(
    people: pd.DataFrame, log: EventLog, site: Site, horizon: float, rng: np.random.Generator
) -> Visits:
    """Visits without buying: customers while active, prospects before they are won.

    ``horizon`` is the length of the period in minutes.
    """
    ids = people["customer_id"].to_numpy(dtype=np.int64)
    acquired = people["acquired_min"].to_numpy(dtype=float)
    start = np.where(np.isnan(acquired), horizon, np.clip(acquired, 0.0, horizon))
    end = np.full(len(people), horizon)
    churned = np.fromiter((record.customer_id for record in log.churn_events), np.int64)
    churn_min = np.fromiter((record.t_min for record in log.churn_events), float)
    np.minimum.at(end, rows_of(ids, churned), churn_min)
    rate = people["purchase_rate_per_year"].to_numpy(dtype=float) * BROWSE_PER_ORDER_RATE
    spans = [  # (from, to, visits per year, logged-in share)
        (start, np.maximum(end, start), rate, BROWSING_LOGGED_IN),
        (np.zeros(len(people)), start, np.full(len(people), PROSPECT_BROWSE_PER_YEAR), 0.0),
    ]
    parts = []
    for begin, finish, per_year, logged_in_share in spans:
        counts = rng.poisson(per_year * (finish - begin) / MINUTES_PER_YEAR)
        row = np.repeat(np.arange(len(people)), counts)
        n = len(row)
        line = site.random_lines(rng, n)
        u_referrer, u_bounce, u_time, u_logged = rng.random((4, n))
        referrer = np.where(u_referrer < BROWSING_FROM_SEARCH, SEARCH, DIRECT)
        entry = site.landing(referrer, line, rng)
        browsed = np.where((u_bounce >= BOUNCE_SHARE)[:, None], site.browse(line, rng), NO_PAGE)
        empty = (entry == NO_PAGE) & (browsed == NO_PAGE).all(axis=1)
        home = np.where(empty, site.page_of["/"], NO_PAGE)
        parts.append(
            Visits.planned(
                row,
                begin[row] + u_time * (finish - begin)[row],
                False,
                u_logged < logged_in_share,
                referrer,
                -1,
                [home, entry, *browsed.T],
            )
        )
    return Visits.joined(parts)


def campaign_visits(log: EventLog, ids: np.ndarray, site: Site, rng: np.random.Generator) -> Visits:
    """Clicks on campaign links: most responders, a few of the other contacted people."""
    contacts = log.campaign_contacts
    n = len(contacts)
    campaign = np.fromiter((contact.campaign_id for contact in contacts), np.int64, n)
    customer = np.fromiter((contact.customer_id for contact in contacts), np.int64, n)
    contact_min = np.fromiter((contact.t_min for contact in contacts), float, n)
    channel = np.asarray([contact.channel for contact in contacts], dtype=object)
    control = np.fromiter((contact.is_control for contact in contacts), bool, n)
    responses = log.campaign_responses
    response_of = np.full(n, -1, dtype=np.int64)
    response_of[np.fromiter((r.contact_index for r in responses), np.int64)] = np.arange(
        len(responses)
    )
    response_min = np.append(np.fromiter((r.t_min for r in responses), float), np.nan)
    ordered = np.append(np.fromiter((r.order_index >= 0 for r in responses), bool), False)
    responded = response_of >= 0
    # The order's own visit carries the campaign (or it was ordered elsewhere).
    via = campaign_referrers(site, campaign)
    eligible = ~control & (via >= 0) & ~ordered[response_of]
    u_responder, u_other = rng.random((2, n))
    before = rng.uniform(*RESPONDER_CLICK_BEFORE_MIN, n)
    after = rng.exponential(CLICK_AFTER_CONTACT_DAYS * MINUTES_PER_DAY, n)
    as_responder = responded & (u_responder < RESPONDER_CLICKS)
    as_other = ~as_responder & (u_other < by_value(channel, CLICK_WITHOUT_RESPONSE, 0.0))
    chosen = eligible & (as_responder | as_other)
    start = np.where(as_responder, response_min[response_of] - before, contact_min + after)

    campaign = campaign[chosen]
    k = len(campaign)
    line_of = {cid: c.line for cid, c in site.campaigns.items()}
    line = by_value(campaign, line_of, -1).astype(np.int64)
    landing = site.campaign_pages(campaign, rng)
    u_extra, u_logged = rng.random((2, k))
    extra = site.random_devices(np.maximum(line, 0), rng)
    extra = np.where((u_extra < CAMPAIGN_EXTRA_PAGE) & (line >= 0), extra, NO_PAGE)
    return Visits.planned(
        rows_of(ids, customer[chosen]),
        np.maximum(start[chosen], 0.0),
        False,
        u_logged < CAMPAIGN_LOGGED_IN,
        via[chosen],
        campaign,
        [landing, extra],
    )


def anonymous_visits(
    anonymous: int, site: Site, horizon: float, rng: np.random.Generator
) -> Visits:
    """Visitors outside the customer database: mostly a single page from a search engine.

    ``anonymous`` is the number of such visitors, ``horizon`` the period in minutes.
    """
    counts = rng.poisson(ANONYMOUS_VISITS_PER_YEAR * horizon / MINUTES_PER_YEAR, anonymous)
    visitor = np.repeat(np.arange(anonymous), counts)
    n = len(visitor)
    line = site.random_lines(rng, n)
    u_referrer, u_second, u_time = rng.random((3, n))
    referrer = np.where(u_referrer < ANONYMOUS_FROM_SEARCH, SEARCH, DIRECT)
    entry = site.landing(referrer, line, rng)
    entry = np.where(entry != NO_PAGE, entry, site.random_devices(line, rng))
    second = np.where(u_second < ANONYMOUS_SECOND_PAGE, site.random_devices(line, rng), NO_PAGE)
    return Visits.planned(
        -1 - visitor,
        u_time * horizon,
        False,
        np.zeros(n, dtype=bool),
        referrer,
        -1,
        [entry, second],
    )
