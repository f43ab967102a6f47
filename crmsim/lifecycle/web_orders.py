"""Visits around orders and service contacts, drawn for all of a shard's records at once.

- Every **web order** is a visit that ends on ``/checkout`` at the moment of the
  order: an entry page, the first one or two products ordered, sometimes one more
  product page of the line.
- Orders placed in a store, by phone or in the app are preceded by a **research**
  visit with the share ``RESEARCH_BEFORE`` of their sales channel, up to a week before.
- Some online orders are followed by an **order-tracking** visit one to four days later.
- **Service**: a self-service contact *is* a FAQ visit (escalated ones end on the
  contact page ``/faq/contact``); some phone contacts start with the call-back form,
  sent at the moment the phone contact arrives; a share of the other new contacts is
  preceded by a visit to the FAQ page of their reason, 2 to 120 minutes before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.lifecycle.state import EventLog
from crmsim.lifecycle.web_pages import Visits, by_value, rows_of
from crmsim.lifecycle.web_site import (
    CALLBACK_FORM,
    CAMPAIGN,
    DEFAULT_FAQ_PAGE,
    DIRECT,
    FAQ_PAGE,
    NEWSLETTER,
    NO_PAGE,
    SEARCH,
    Site,
)
from crmsim.time_units import MINUTES_PER_DAY

#: Referrer of a click from a campaign contact, by campaign channel.
CAMPAIGN_REFERRER = {"email": "newsletter", "mobile": "campaign", "web": "campaign"}
CAMPAIGN_REFERRER_CODE = {"newsletter": NEWSLETTER, "campaign": CAMPAIGN}
#: Chance of a research visit before an order placed outside the web shop, by sales channel.
RESEARCH_BEFORE = {"store": 0.3, "phone": 0.25, "mobile": 0.2}
#: Share of orders that come in directly (else from a search engine) unless a campaign led there.
DIRECT_ORDER_SHARE = 0.55
#: Chance that the second product ordered is shown too; of one more product page in a web order.
SECOND_PRODUCT_SHOWN = 0.4
EXTRA_PRODUCT_PAGE = 0.3
TRACKING_AFTER_ORDER = 0.2
FAQ_BEFORE_CONTACT = 0.3  # share of assisted contacts preceded by a visit to the FAQ
#: Share of new phone contacts requested with the website's call-back form.
CALLBACK_FORM_SHARE = 0.1
#: Logged-in shares: research visits, self-service visits, call-back forms, FAQ before a contact.
RESEARCH_LOGGED_IN = 0.5
SELF_SERVICE_LOGGED_IN = 0.6
CALLBACK_LOGGED_IN = 0.7
FAQ_LOGGED_IN = 0.5
#: Chance that the call-back form follows the FAQ page of the contact's reason.
FAQ_BEFORE_CALLBACK = 0.5


def campaign_referrers(site: Site, campaign_ids: np.ndarray) -> np.ndarray:
    """Referrer code of a click on each campaign's link, −1 for none or a campaign without one."""
    table = np.full(max(site.campaigns, default=0) + 1, -1, dtype=np.int64)
    for campaign_id, campaign in site.campaigns.items():
        if campaign.channel in CAMPAIGN_REFERRER:
            table[campaign_id] = CAMPAIGN_REFERRER_CODE[CAMPAIGN_REFERRER[campaign.channel]]
    valid = (campaign_ids >= 0) & (campaign_ids < len(table))
    return np.where(valid, table[np.where(valid, campaign_ids, 0)], -1)


def order_visits(log: EventLog, ids: np.ndarray, site: Site, rng: np.random.Generator) -> Visits:
    """The checkout visit of every web order, research visits before others, order tracking."""
    n = len(log.orders)
    customer = np.fromiter((order.customer_id for order in log.orders), np.int64, n)
    t = np.fromiter((order.t_min for order in log.orders), float, n)
    channel = np.asarray([order.channel for order in log.orders], dtype=object)
    campaign = np.fromiter((order.campaign_id for order in log.orders), np.int64, n)
    order_of = np.fromiter((line.order_index for line in log.order_lines), np.int64)
    product = np.fromiter((line.product_id for line in log.order_lines), np.int64)
    sort = np.argsort(order_of, kind="stable")
    product = np.append(product[sort], -1)  # -1: the guard for orders without lines
    count = np.bincount(order_of, minlength=n)[:n]
    start = np.where(count > 0, np.cumsum(count) - count, len(product) - 1)
    first = product[start]
    second = np.where(count > 1, product[np.minimum(start + 1, len(product) - 1)], -1)
    row = rows_of(ids, customer)

    via = campaign_referrers(site, campaign)
    referrer = np.where(rng.random(n) < DIRECT_ORDER_SHARE, DIRECT, SEARCH)
    referrer = np.where(via >= 0, via, referrer)
    campaign = np.where(via >= 0, campaign, -1)
    line = np.where(first >= 0, site.product_line[np.maximum(first, 0)], 0)
    line = np.where(line >= 0, line, site.random_lines(rng, n))
    shown_two = rng.random(n) < SECOND_PRODUCT_SHOWN
    entry = site.landing(referrer, line, rng)
    first_page = np.where(first >= 0, site.product_page[np.maximum(first, 0)], NO_PAGE)
    second_page = np.where(
        shown_two & (second >= 0), site.product_page[np.maximum(second, 0)], NO_PAGE
    )
    one_more = site.random_devices(line, rng)
    u_web, u_research, u_logged, u_tracking = rng.random((4, n))
    days_before = rng.uniform(0.05, 7.0, n)
    days_after = rng.uniform(1.0, 4.0, n)

    web = channel == "web"
    one_more = np.where(~web | (u_web < EXTRA_PRODUCT_PAGE), one_more, NO_PAGE)
    research = ~web & (u_research < by_value(channel, RESEARCH_BEFORE, 0.0))
    chosen = web | research
    checkout = np.where(web, site.page_of["/checkout"], NO_PAGE)
    planned = Visits.planned(
        row[chosen],
        np.where(web, t, t - days_before * MINUTES_PER_DAY)[chosen],
        web[chosen],
        (web | (u_logged < RESEARCH_LOGGED_IN))[chosen],
        referrer[chosen],
        campaign[chosen],
        [column[chosen] for column in (entry, first_page, second_page, one_more, checkout)],
    )
    tracked = (web | (channel == "mobile")) & (u_tracking < TRACKING_AFTER_ORDER)
    tracking = Visits.planned(
        row[tracked],
        (t + days_after * MINUTES_PER_DAY)[tracked],
        False,
        np.ones(int(tracked.sum()), dtype=bool),
        DIRECT,
        -1,
        [np.asarray(site.page_of["/order-tracking"])],
    )
    return Visits.joined([planned, tracking])


def service_visits(
    contacts: pd.DataFrame, ids: np.ndarray, site: Site, rng: np.random.Generator
) -> Visits:
    """FAQ and order tracking before service contacts; self-service visits; call-back forms."""
    new = contacts[(contacts["kind"] == "new").to_numpy(dtype=bool)]
    row = rows_of(ids, new["customer_id"].to_numpy(dtype=np.int64))
    new, row = new[row >= 0], row[row >= 0]
    n = len(new)
    pages = {reason: site.page_of[page] for reason, page in FAQ_PAGE.items()}
    faq = by_value(new["reason"], pages, site.page_of[DEFAULT_FAQ_PAGE])
    channel = new["channel"]
    arrival = new["arrival_min"].to_numpy(dtype=float)
    escalated = (new["outcome"] == "escalated").to_numpy(dtype=bool)
    u_callback, u_faq, u_logged, u_faq_first = rng.random((4, n))
    minutes_before = rng.uniform(2.0, 120.0, n)

    self_service = (channel == "self_service").to_numpy(dtype=bool)
    callback = (channel == "phone").to_numpy(dtype=bool) & (u_callback < CALLBACK_FORM_SHARE)
    faq_first = ~self_service & ~callback & (u_faq < FAQ_BEFORE_CONTACT)
    chosen = self_service | callback | faq_first
    logged_in = np.where(
        self_service,
        u_logged < SELF_SERVICE_LOGGED_IN,
        np.where(callback, u_logged < CALLBACK_LOGGED_IN, u_logged < FAQ_LOGGED_IN),
    )
    entry = np.where(~callback | (u_faq_first < FAQ_BEFORE_CALLBACK), faq, NO_PAGE)
    second = np.where(self_service & escalated, site.page_of["/faq/contact"], NO_PAGE)
    second = np.where(callback, site.page_of[CALLBACK_FORM], second)
    return Visits.planned(
        row[chosen],
        np.where(faq_first, arrival - minutes_before, arrival)[chosen],
        callback[chosen],
        logged_in[chosen],
        DIRECT,
        -1,
        [entry[chosen], second[chosen]],
    )
