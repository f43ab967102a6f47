"""The click-stream drawn with arrays: its building blocks, its shares and its contract."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmsim.lifecycle import web_browsing, web_orders
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.shard import ShardResult, simulate_shard
from crmsim.lifecycle.web_pages import Visits, by_value, page_views, rows_of, text_column
from crmsim.lifecycle.web_site import DIRECT, INTERNAL, NEWSLETTER, NO_PAGE, SEARCH, Site
from crmsim.lifecycle.web_visits import ANONYMOUS_VISITORS_PER_PERSON, simulate_web_visits
from crmsim.time_units import MINUTES_PER_YEAR

PARAMS = LifecycleParameters()  # two years
SEED = 11
PEOPLE = 2000


@pytest.fixture(scope="module")
def shard() -> ShardResult:
    return simulate_shard(3, 1 + 3 * PEOPLE, PEOPLE, PARAMS, SEED)


@pytest.fixture(scope="module")
def site(shard: ShardResult) -> Site:
    return Site(shard.products, shard.campaigns)


def within(share: float, expected: float, n: int, sigmas: float = 4.0) -> bool:
    """Whether an observed share of ``n`` trials lies within a few standard errors."""
    return abs(share - expected) <= sigmas * np.sqrt(expected * (1 - expected) / n) + 1e-9


def redraw(shard: ShardResult, seed: int = SEED) -> pd.DataFrame:
    return simulate_web_visits(
        shard.shard_index, shard.people, shard.log, shard.contacts, shard.products,
        shard.campaigns, PARAMS, seed,
    )  # fmt: skip


# --- building blocks ---------------------------------------------------------------------------


def test_rows_and_looked_up_values():
    ids = np.array([30, 10, 20])
    assert rows_of(ids, np.array([10, 20, 30, 40])).tolist() == [1, 2, 0, -1]
    assert rows_of(ids, np.array([], dtype=np.int64)).tolist() == []
    looked = by_value(np.array(["a", "b", "a", "c"], dtype=object), {"a": 1.0, "b": 2.0}, 0.0)
    assert looked.tolist() == [1.0, 2.0, 1.0, 0.0]
    assert by_value(np.array([], dtype=object), {"a": 1.0}, 0.0).tolist() == []
    reasons = pd.Series(["b", "a", "z"], dtype="category")
    assert by_value(reasons, {"a": 3, "b": 4}, -1).tolist() == [4, 3, -1]
    texts = np.array(["/", "/checkout", "/faq/billing"], dtype=object)
    index = np.array([2, 0, 0, 1])
    column = text_column(texts, index)
    assert column.dtype == pd.Series(["x"]).dtype
    assert pd.Series(column).equals(pd.Series(texts[index].tolist()))


def test_planned_visits_drop_empty_positions_and_keep_the_page_order():
    visits = Visits.planned(
        np.array([0, 1, 2]),
        np.array([5.0, 6.0, 7.0]),
        True,
        np.array([True, False, True]),
        DIRECT,
        -1,
        [np.array([3, NO_PAGE, 4]), np.array([NO_PAGE, 8, 9]), np.asarray(1)],
    )
    assert visits.page_count.tolist() == [2, 2, 3]
    assert visits.pages.tolist() == [3, 1, 8, 1, 4, 9, 1]
    assert visits.ends_at_anchor.all() and (visits.referrer == DIRECT).all()
    both = Visits.joined([visits, visits])
    assert both.page_count.tolist() == [2, 2, 3] * 2 and len(both.pages) == 14


def test_page_views_spread_pages_from_the_start_or_up_to_the_end(site):
    home, checkout = site.page_of["/"], site.page_of["/checkout"]
    visits = Visits(
        person=np.array([0, 1, -1, 0]),
        anchor_min=np.array([100.0, 200.0, 300.0, 999.5]),
        ends_at_anchor=np.array([False, True, False, False]),
        logged_in=np.array([True, True, True, False]),
        referrer=np.array([SEARCH, NEWSLETTER, DIRECT, DIRECT]),
        campaign_id=np.array([-1, 7, -1, -1]),
        page_count=np.array([3, 2, 1, 3]),
        pages=np.array([home, home, home, home, checkout, home, home, home, home]),
    )
    ids = np.array([501, 502])
    addresses = np.array(["192.0.2.1", "192.0.2.2", "192.0.2.3"], dtype=object)
    frame = page_views(
        visits, site, ids, addresses, np.array([0, 1, 2]), 1000.0, np.random.default_rng(0)
    )
    by_visit = frame.groupby("visit")
    assert by_visit["t_min"].first().loc[0] == 100.0  # starts at its anchor
    assert by_visit["t_min"].last().loc[1] == 200.0  # the checkout visit ends at its anchor
    assert frame.loc[frame["visit"] == 1, "url"].tolist() == ["/", "/checkout"]
    assert (by_visit["t_min"].diff().dropna() >= 0.05).all()  # at least 3 seconds apart
    assert frame["t_min"].lt(1000.0).all() and len(frame.query("visit == 3")) < 3  # cut off
    assert frame.groupby("visit")["customer_id"].first().tolist() == [501, 502, -1, -1]
    assert frame.groupby("visit")["visitor_ip"].first().tolist()[:3] == [
        "192.0.2.1", "192.0.2.2", "192.0.2.3"
    ]  # fmt: skip
    entry = frame.drop_duplicates("visit")
    assert entry["referrer"].tolist()[:3] == ["search", "newsletter", "direct"]
    assert entry["campaign_id"].tolist()[:2] == [-1, 7]
    later = frame[frame.duplicated("visit")]
    assert (later["referrer"] == "internal").all() and (later["campaign_id"] == -1).all()
    assert INTERNAL == 4


def test_landing_pages_follow_the_referrer_shares(site):
    rng = np.random.default_rng(1)
    n = 40_000
    lines = site.random_lines(rng, n)
    for referrer, page, share in ((SEARCH, site.search_page[lines], 0.4),
                                  (DIRECT, np.full(n, site.page_of["/"]), 0.35)):  # fmt: skip
        landing = site.landing(np.full(n, referrer), lines, rng)
        shown = landing != NO_PAGE
        assert within(shown.mean(), share, n)
        assert (landing[shown] == page[shown]).all()
    assert (site.landing(np.full(n, NEWSLETTER), lines, rng) == NO_PAGE).all()


def test_browsing_shows_one_to_three_products_of_the_line_and_sometimes_the_configurator(site):
    rng = np.random.default_rng(2)
    n = 40_000
    lines = site.random_lines(rng, n)
    browsed = site.browse(lines, rng)
    products = (browsed[:, :3] != NO_PAGE).sum(axis=1)
    assert (products >= 1).all()
    assert within((products >= 2).mean(), 0.35, n)
    assert within((products == 3).mean(), 0.35**2, n)
    assert within((browsed[:, 3] != NO_PAGE).mean(), 0.15, n)
    for column in range(3):  # every product page is a device of the visit's line
        shown = browsed[:, column] != NO_PAGE
        urls = site.urls[browsed[shown, column]]
        line_names = np.asarray(site.lines, dtype=object)[lines[shown]]
        pairs = zip(urls, line_names, strict=True)
        assert all(url.startswith(f"/p/{line}_") for url, line in pairs)
    picks = pd.Series(site.urls[site.random_devices(np.zeros(n, dtype=np.int64), rng)])
    shares = picks.value_counts(normalize=True)
    assert len(shares) == len(site.devices[0]) and (abs(shares - 1 / len(shares)) < 0.02).all()


# --- the sources on a simulated shard ----------------------------------------------------------


def test_the_same_inputs_give_the_same_bytes_and_the_seed_matters(shard):
    again = redraw(shard)
    pd.testing.assert_frame_equal(again, shard.web_visits)
    assert not redraw(shard, SEED + 1).equals(shard.web_visits)


def test_the_log_keeps_its_columns_types_and_order(shard):
    web = shard.web_visits
    assert web.columns.tolist() == [
        "visit", "t_min", "visitor_ip", "customer_id", "url", "referrer", "status_code",
        "bytes_sent", "campaign_id", "device",
    ]  # fmt: skip
    for column in ("visit", "customer_id", "status_code", "bytes_sent", "campaign_id"):
        assert web[column].dtype == np.int64
    assert web["t_min"].dtype == float
    for column in ("visitor_ip", "url", "referrer", "device"):  # pandas' default text type
        assert web[column].dtype == pd.Series(["x"]).dtype
    assert web["visit"].is_monotonic_increasing
    assert (web.groupby("visit")["t_min"].diff().dropna() > 0).all()  # pages in time order
    assert web["t_min"].between(0.0, PARAMS.horizon_min, inclusive="left").all()
    assert set(web["status_code"]) <= {200, 304, 404, 500}
    assert (web.loc[web["status_code"] == 304, "bytes_sent"] == 0).all()
    assert set(web["device"]) == {"desktop", "mobile", "tablet"}


def test_every_web_order_ends_a_visit_on_the_checkout_at_its_moment(shard):
    web = shard.web_visits
    orders = pd.DataFrame(shard.log.orders)
    web_orders_ = orders[orders["channel"] == "web"]
    checkout = web[web["url"] == "/checkout"]
    assert len(checkout) == len(web_orders_)
    assert np.allclose(np.sort(checkout["t_min"]), np.sort(web_orders_["t_min"]))
    assert sorted(checkout["customer_id"]) == sorted(web_orders_["customer_id"])
    last = web.groupby("visit")["url"].last()
    assert (last.loc[checkout["visit"]] == "/checkout").all()


def test_call_back_forms_are_sent_when_their_phone_contact_arrives(shard):
    web, contacts = shard.web_visits, shard.contacts
    new_phone = contacts[
        (contacts["kind"].astype(str) == "new") & (contacts["channel"].astype(str) == "phone")
    ]
    forms = web[web["url"] == "/callback"]
    assert within(len(forms) / len(new_phone), web_orders.CALLBACK_FORM_SHARE, len(new_phone))
    arrival = new_phone["arrival_min"].to_numpy()
    assert all(np.isclose(arrival, t).any() for t in forms["t_min"])
    logged_in = forms[forms["customer_id"] > 0].reset_index()
    known = logged_in.merge(new_phone[["customer_id", "arrival_min"]], on="customer_id")
    same = known.assign(same=np.isclose(known["t_min"], known["arrival_min"]))
    matched = same.groupby("index")["same"].any()
    assert len(matched) == len(logged_in) > 0 and matched.all()


def test_escalated_self_service_ends_on_the_contact_page(shard):
    web, contacts = shard.web_visits, shard.contacts
    new = contacts[contacts["kind"].astype(str) == "new"]
    self_service = new[new["channel"].astype(str) == "self_service"]
    escalated = self_service[self_service["outcome"].astype(str) == "escalated"]
    contact_page = web[web["url"] == "/faq/contact"]
    assert 0.9 * len(escalated) <= len(contact_page) <= len(escalated)
    first = web.groupby("visit")["url"].first()
    assert first.loc[contact_page["visit"]].str.match("/(faq|order-tracking)").all()


def test_browsing_and_anonymous_visits_follow_their_shares(shard, site):
    rng = np.random.default_rng(5)
    horizon = PARAMS.horizon_min
    browsing = web_browsing.browsing_visits(shard.people, shard.log, site, horizon, rng)
    n = len(browsing.person)
    assert within((browsing.referrer == SEARCH).mean(), web_browsing.BROWSING_FROM_SEARCH, n)
    first = np.cumsum(browsing.page_count) - browsing.page_count
    product_pages = pd.Series(site.urls[browsing.pages]).str.startswith("/p/").to_numpy()
    has_product = np.add.reduceat(product_pages, first) > 0
    assert within(has_product.mean(), 1 - web_browsing.BOUNCE_SHARE, n)
    assert ((browsing.anchor_min >= 0) & (browsing.anchor_min <= horizon)).all()
    anonymous = round(len(shard.people) * ANONYMOUS_VISITORS_PER_PERSON)
    strangers = web_browsing.anonymous_visits(anonymous, site, horizon, rng)
    k = len(strangers.person)
    assert (strangers.person < 0).all() and not strangers.logged_in.any()
    expected = anonymous * web_browsing.ANONYMOUS_VISITS_PER_YEAR * horizon / MINUTES_PER_YEAR
    assert abs(k - expected) < 4 * np.sqrt(expected)
    assert within((strangers.referrer == SEARCH).mean(), web_browsing.ANONYMOUS_FROM_SEARCH, k)
    assert within((strangers.page_count == 2).mean(), web_browsing.ANONYMOUS_SECOND_PAGE, k)


def test_order_referrers_and_research_visits_follow_their_shares(shard, site):
    rng = np.random.default_rng(6)
    ids = shard.people["customer_id"].to_numpy()
    visits = web_orders.order_visits(shard.log, ids, site, rng)
    orders = pd.DataFrame(shard.log.orders)
    web = (orders["channel"] == "web").to_numpy()
    checkout = visits.ends_at_anchor
    assert checkout.sum() == web.sum()
    plain = checkout & (visits.campaign_id < 0)
    assert within(
        (visits.referrer[plain] == DIRECT).mean(), web_orders.DIRECT_ORDER_SHARE, plain.sum()
    )
    research = ~checkout & (visits.page_count > 0)
    research &= site.urls[visits.pages[np.cumsum(visits.page_count) - 1]] != "/order-tracking"
    expected = sum(web_orders.RESEARCH_BEFORE.get(c, 0.0) for c in orders["channel"])
    assert abs(research.sum() - expected) < 4 * np.sqrt(expected)
    tracking = (site.urls[visits.pages] == "/order-tracking").sum()
    online = orders["channel"].isin(["web", "mobile"]).sum()
    assert within(tracking / online, web_orders.TRACKING_AFTER_ORDER, online)


def test_campaign_clicks_come_from_contacted_people_most_from_responders(shard, site):
    ids = shard.people["customer_id"].to_numpy()
    responses = pd.DataFrame(shard.log.campaign_responses)
    contacts = pd.DataFrame(shard.log.campaign_contacts)
    web_ready = contacts[
        ~contacts["is_control"] & contacts["channel"].isin(["email", "mobile", "web"])
    ]
    no_order = responses[
        (responses["order_index"] < 0) & responses["contact_index"].isin(web_ready.index)
    ]
    responders = list(zip(no_order["campaign_id"], no_order["customer_id"], strict=True))
    others = list(zip(web_ready["campaign_id"], web_ready["customer_id"], strict=True))
    assert len(responders) > 10
    responder_hits, other_hits = [], []
    for seed in range(20):  # independent redraws of the same contacts
        clicks = web_browsing.campaign_visits(shard.log, ids, site, np.random.default_rng(seed))
        assert (clicks.person >= 0).all() and set(clicks.referrer.tolist()) <= {NEWSLETTER, 2}
        clicked = set(zip(clicks.campaign_id.tolist(), ids[clicks.person].tolist(), strict=True))
        responder_hits += [pair in clicked for pair in responders]
        other_hits += [pair in clicked for pair in others]
    # 90 % of the responders click, the rest like everybody else (6 to 12 %)
    assert within(np.mean(responder_hits), 0.9 + 0.1 * 0.1, len(responder_hits), sigmas=5)
    assert 0.05 < np.mean(other_hits) < 0.2
