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
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.lifecycle.campaigns import Campaign
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.state import EventLog
from crmsim.lifecycle.web_pages import DEVICES, Visit, page_views
from crmsim.lifecycle.web_site import CALLBACK_FORM, FAQ_PAGE, Site
from crmsim.random_draws import ScalarDraws
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_YEAR

#: Second element of the spawn key of the click-stream's random stream (shard index first).
WEB_STREAM_KEY = 1_000_001
#: The three /24 networks reserved for documentation (RFC 5737).
DOCUMENTATION_NETWORKS = ("192.0.2", "198.51.100", "203.0.113")
#: Referrer of a click from a campaign contact, by campaign channel.
CAMPAIGN_REFERRER = {"email": "newsletter", "mobile": "campaign", "web": "campaign"}
#: Chance that a contacted person who does not respond still clicks, by campaign channel.
CLICK_WITHOUT_RESPONSE = {"email": 0.12, "mobile": 0.06, "web": 0.12}
#: Chance of a research visit before an order placed outside the web shop, by sales channel.
RESEARCH_BEFORE = {"store": 0.3, "phone": 0.25, "mobile": 0.2}
BROWSE_PER_ORDER_RATE = 0.3  # visits without buying per expected order
PROSPECT_BROWSE_PER_YEAR = 0.4
ANONYMOUS_VISITORS_PER_PERSON = 0.15
ANONYMOUS_VISITS_PER_YEAR = 1.0
FAQ_BEFORE_CONTACT = 0.3  # share of assisted contacts preceded by a visit to the FAQ
TRACKING_AFTER_ORDER = 0.2
#: Share of new phone contacts requested with the website's call-back form.
CALLBACK_FORM_SHARE = 0.1


def web_stream(seed: int, shard_index: int) -> np.random.Generator:
    """The click-stream's own random stream for one shard."""
    return np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(shard_index, WEB_STREAM_KEY))
    )


def visitor_address(slot: np.ndarray) -> np.ndarray:
    """Dotted addresses for slots 0 … 761 of the three documentation networks."""
    network = np.asarray(DOCUMENTATION_NETWORKS, dtype=object)[slot // 254]
    return np.asarray([f"{net}.{host}" for net, host in zip(network, slot % 254 + 1, strict=True)])


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
        campaign, direct; internal after the first page), ``campaign_id`` (−1: none),
        ``status_code``, ``bytes_sent`` and ``device``; in visit order, pages in time order.
    """
    rng = web_stream(seed, shard_index)
    draws = ScalarDraws(rng)
    site = Site(products, campaigns)
    ids = people["customer_id"].to_numpy(dtype=np.int64)
    row_of = {customer: row for row, customer in enumerate(ids.tolist())}
    anonymous = round(len(people) * ANONYMOUS_VISITORS_PER_PERSON)
    slots = rng.integers(0, 254 * len(DOCUMENTATION_NETWORKS), len(people) + anonymous)
    device_of = rng.choice(len(DEVICES), len(people) + anonymous, p=[0.5, 0.4, 0.1])
    horizon = params.horizon_min
    visits = [
        *order_visits(log, row_of, site, draws),
        *browsing_visits(people, log, row_of, site, horizon, draws),
        *service_visits(contacts, row_of, draws),
        *campaign_visits(log, row_of, site, draws),
        *anonymous_visits(anonymous, site, horizon, draws),
    ]
    return page_views(visits, ids, visitor_address(slots), device_of, horizon, draws)


def order_visits(
    log: EventLog, row_of: dict[int, int], site: Site, draws: ScalarDraws
) -> list[Visit]:
    """The checkout visit of every web order and research visits before other orders."""
    bought: dict[int, list[int]] = {}
    for line_record in log.order_lines:
        bought.setdefault(line_record.order_index, []).append(line_record.product_id)
    random, uniform = draws.random, draws.uniform
    campaigns, line_of, lines, devices = site.campaigns, site.line_of, site.lines, site.devices
    code = site.code
    visits = []
    for index, (customer_id, t_min, channel, campaign_id) in enumerate(log.orders):
        products = bought.get(index, [])
        campaign = campaigns.get(campaign_id)
        referrer = "direct" if random() < 0.55 else "search"
        campaign_id = -1
        if campaign is not None and campaign.channel in CAMPAIGN_REFERRER:
            referrer, campaign_id = CAMPAIGN_REFERRER[campaign.channel], campaign.campaign_id
        line = line_of[products[0]] if products else lines[0]
        line = line if line in devices else lines[draws.integers(len(lines))]
        shown = products[:2] if random() < 0.4 else products[:1]
        pages = site.landing(referrer, line, draws) + tuple(
            f"/p/{code[product]}" for product in shown
        )
        row = row_of[customer_id]
        if channel in ("web", "mobile") and random() < TRACKING_AFTER_ORDER:
            later = t_min + uniform(1.0, 4.0) * MINUTES_PER_DAY
            visits.append(Visit(row, later, False, True, "direct", -1, ("/order-tracking",)))
        if channel == "web":
            if random() < 0.3:
                pages += site.browse(line, draws)[:1]
            visits.append(
                Visit(row, t_min, True, True, referrer, campaign_id, (*pages, "/checkout"))
            )
        elif random() < RESEARCH_BEFORE.get(channel, 0.0):
            start = t_min - uniform(0.05, 7.0) * MINUTES_PER_DAY
            visits.append(
                Visit(row, start, False, random() < 0.5, referrer, campaign_id,
                      pages + site.browse(line, draws)[:1])
            )  # fmt: skip
    return visits


def browsing_visits(
    people: pd.DataFrame,
    log: EventLog,
    row_of: dict[int, int],
    site: Site,
    horizon: float,
    draws: ScalarDraws,
) -> list[Visit]:
    """Visits without buying: customers while active, prospects before they are won.

    ``horizon`` is the length of the period in minutes.
    """
    acquired = people["acquired_min"].to_numpy(dtype=float)
    start = np.where(np.isnan(acquired), horizon, np.clip(acquired, 0.0, horizon))
    end = np.full(len(people), horizon)
    for record in log.churn_events:
        row = row_of[record.customer_id]
        end[row] = min(end[row], record.t_min)
    rate = people["purchase_rate_per_year"].to_numpy(dtype=float) * BROWSE_PER_ORDER_RATE
    spans = [  # (rows, from, to, visits per year, logged-in share)
        (start, np.maximum(end, start), rate, 0.6),
        (np.zeros(len(people)), start, np.full(len(people), PROSPECT_BROWSE_PER_YEAR), 0.0),
    ]
    random, uniform, lines = draws.random, draws.uniform, site.lines
    visits = []
    for begin, finish, per_year, logged_in_share in spans:
        counts = draws.rng.poisson(per_year * (finish - begin) / MINUTES_PER_YEAR)
        begins, finishes = begin.tolist(), finish.tolist()
        for row in np.flatnonzero(counts).tolist():
            low, high = begins[row], finishes[row]
            for _ in range(int(counts[row])):
                line = lines[draws.integers(len(lines))]
                referrer = "search" if random() < 0.6 else "direct"
                pages = site.landing(referrer, line, draws)
                if random() > 0.2:  # a fifth leave after the first page (bounce)
                    pages += site.browse(line, draws)
                visits.append(
                    Visit(row, uniform(low, high), False, random() < logged_in_share, referrer,
                          -1, pages or ("/",))
                )  # fmt: skip
    return visits


def service_visits(
    contacts: pd.DataFrame, row_of: dict[int, int], draws: ScalarDraws
) -> list[Visit]:
    """FAQ and order tracking before service contacts; the self-service visits themselves."""
    random, uniform = draws.random, draws.uniform
    visits = []
    new = contacts[contacts["kind"].astype(str) == "new"]
    columns = ("customer_id", "reason", "channel", "outcome", "arrival_min")
    for customer_id, reason, channel, outcome, arrival in zip(
        *(new[column].tolist() for column in columns), strict=True
    ):
        row = row_of.get(int(customer_id))
        if row is None:
            continue
        page = FAQ_PAGE.get(str(reason), "/faq/product-help")
        channel = str(channel)
        arrival = float(arrival)
        if channel == "self_service":  # the visit is the self-service contact
            escalated = str(outcome) == "escalated"
            pages = (page,) + (("/faq/contact",) if escalated else ())
            visits.append(Visit(row, arrival, False, random() < 0.6, "direct", -1, pages))
        elif channel == "phone" and random() < CALLBACK_FORM_SHARE:
            # The call-back button: the form is sent as the phone contact arrives,
            # after the FAQ page in half of the cases.
            pages = ((page,) if random() < 0.5 else ()) + (CALLBACK_FORM,)
            visits.append(Visit(row, arrival, True, random() < 0.7, "direct", -1, pages))
        elif random() < FAQ_BEFORE_CONTACT:  # tried the FAQ first, not enough
            start = arrival - uniform(2.0, 120.0)
            visits.append(Visit(row, start, False, random() < 0.5, "direct", -1, (page,)))
    return visits


def campaign_visits(
    log: EventLog, row_of: dict[int, int], site: Site, draws: ScalarDraws
) -> list[Visit]:
    """Clicks on campaign links: most responders, a few of the other contacted people."""
    responded = {record.contact_index: record for record in log.campaign_responses}
    random, uniform = draws.random, draws.uniform
    exponential = draws.rng.exponential
    visits = []
    for index, contact in enumerate(log.campaign_contacts):
        if contact.is_control or contact.channel not in CAMPAIGN_REFERRER:
            continue
        campaign = site.campaigns[contact.campaign_id]
        response = responded.get(index)
        if response is not None and response.order_index >= 0:
            continue  # the order's own visit carries the campaign (or it was ordered elsewhere)
        if response is not None and random() < 0.9:
            start = response.t_min - uniform(1.0, 60.0)
        elif random() < CLICK_WITHOUT_RESPONSE[contact.channel]:
            start = contact.t_min + exponential(0.6 * MINUTES_PER_DAY)
        else:
            continue
        pages = site.campaign_pages(campaign, draws)
        if random() < 0.4 and campaign.line >= 0:
            pages += site.browse(site.lines[campaign.line], draws)[:1]
        visits.append(
            Visit(row_of[contact.customer_id], max(start, 0.0), False, random() < 0.5,
                  CAMPAIGN_REFERRER[contact.channel], contact.campaign_id, pages)
        )  # fmt: skip
    return visits


def anonymous_visits(anonymous: int, site: Site, horizon: float, draws: ScalarDraws) -> list[Visit]:
    """Visitors outside the customer database: mostly a single page from a search engine.

    ``anonymous`` is the number of such visitors, ``horizon`` the period in minutes.
    """
    counts = draws.rng.poisson(ANONYMOUS_VISITS_PER_YEAR * horizon / MINUTES_PER_YEAR, anonymous)
    random, uniform, lines = draws.random, draws.uniform, site.lines
    visits = []
    for visitor in np.flatnonzero(counts).tolist():
        for _ in range(int(counts[visitor])):
            line = lines[draws.integers(len(lines))]
            referrer = "search" if random() < 0.75 else "direct"
            pages = site.landing(referrer, line, draws) or site.browse(line, draws)[:1]
            if random() < 0.3:
                pages += site.browse(line, draws)[:1]
            visits.append(
                Visit(-1 - visitor, uniform(0.0, horizon), False, False, referrer, -1, pages)
            )
    return visits
