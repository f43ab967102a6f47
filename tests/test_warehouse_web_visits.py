"""The click-stream fact: a web server log that behaves like browsing around what people did."""

from __future__ import annotations

import dataclasses
import ipaddress

import numpy as np
import pandas as pd
import pytest

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.shard import STREAMS, shard_seed
from crmsim.lifecycle.web_visits import DOCUMENTATION_NETWORKS, WEB_STREAM_KEY, web_stream
from crmsim.warehouse.build import build_tables
from crmsim.warehouse.generation import simulate_all
from crmsim.warehouse.writers import conform_all

PARAMS = dataclasses.replace(LifecycleParameters(), years=1)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    frames = build_tables(simulate_all(900, PARAMS, 7, shard_size=300), PARAMS)
    conform_all(frames)  # the declared types and keys accept the new table
    return frames


def test_the_stream_is_its_own_and_not_one_of_the_shards_streams():
    children = shard_seed(5, 2).spawn(len(STREAMS) + 1)
    assert all(child.spawn_key != (2, WEB_STREAM_KEY) for child in children)
    first = web_stream(5, 2).integers(0, 2**62, 4)
    assert (first == web_stream(5, 2).integers(0, 2**62, 4)).all()
    assert (first != web_stream(5, 3).integers(0, 2**62, 4)).any()


def test_addresses_come_from_the_documentation_ranges_one_per_visitor(tables):
    web = tables["fact_web_visit"]
    networks = [ipaddress.ip_network(f"{n}.0/24") for n in DOCUMENTATION_NETWORKS]
    for address in web["visitor_ip"].unique():
        assert any(ipaddress.ip_address(address) in net for net in networks), address
    known = web.dropna(subset=["customer_id"])
    assert (known.groupby("customer_id")["visitor_ip"].nunique() == 1).all()


def test_keys_grow_with_time_and_visits_hold_together(tables):
    web = tables["fact_web_visit"]
    assert web["page_view_id"].tolist() == list(range(1, len(web) + 1))
    assert web["view_ts"].is_monotonic_increasing
    first_seen = web.groupby("visit_id")["page_view_id"].min().sort_values()
    assert first_seen.index.tolist() == sorted(first_seen.index)  # numbered by first view
    per_visit = web.groupby("visit_id").agg(
        ips=("visitor_ip", "nunique"), span=("view_ts", lambda ts: ts.max() - ts.min())
    )
    assert (per_visit["ips"] == 1).all()
    assert per_visit["span"].max() < pd.Timedelta(hours=2)
    entry = web.drop_duplicates("visit_id")
    assert set(entry["referrer"]) <= {"search", "newsletter", "campaign", "direct"}
    assert (web.loc[~web.index.isin(entry.index), "referrer"] == "internal").all()


def test_every_web_order_has_its_checkout_visit(tables):
    orders = tables["fact_order"].drop_duplicates("order_id")
    web_orders = orders[orders["channel_id"] == 9]
    web = tables["fact_web_visit"]
    checkout = web[web["url"] == "/checkout"]
    assert len(checkout) == len(web_orders)
    merged = checkout.merge(web_orders, left_on="view_ts", right_on="order_ts")
    assert len(merged) >= 0.98 * len(web_orders)  # same second (a few share a second)
    assert (merged["customer_id_x"] == merged["customer_id_y"]).mean() > 0.98
    assert checkout["customer_id"].notna().all()


def test_prospects_and_strangers_browse_but_never_log_in(tables):
    web = tables["fact_web_visit"]
    customers = tables["dim_customer"]
    never = customers.loc[customers["acquisition_date"].isna(), "customer_id"]
    assert not web["customer_id"].isin(never).any()
    anonymous_visits = web.loc[web["customer_id"].isna(), "visit_id"].nunique()
    assert anonymous_visits > 0.2 * web["visit_id"].nunique()


def test_self_service_contacts_are_faq_visits_and_escalations_show_the_contact_page(tables):
    web = tables["fact_web_visit"]
    contact_page = web[web["url"] == "/faq/contact"]
    interactions = tables["fact_interaction"]
    self_service = interactions[(interactions["channel_id"] == 6) & (interactions["kind"] == "new")]
    escalated = (self_service["outcome"] == "escalated").sum()
    assert len(contact_page) <= escalated
    assert len(contact_page) >= 0.8 * escalated  # a few fall outside the period or were anonymous
    faq = web[web["url"].str.startswith("/faq/") | (web["url"] == "/order-tracking")]
    assert len(faq) > len(self_service)  # self-service visits plus visits before contacts


def test_campaign_clicks_follow_campaign_contacts_and_responders_click_more(tables):
    web = tables["fact_web_visit"]
    clicks = web.dropna(subset=["campaign_id"])
    assert set(clicks["referrer"]) <= {"newsletter", "campaign"}
    campaigns = tables["dim_campaign"].set_index("campaign_id")
    start = pd.to_datetime(campaigns.loc[clicks["campaign_id"].astype(int), "start_date"])
    assert (clicks["view_ts"].to_numpy() >= start.to_numpy()).all()
    contacts = tables["fact_campaign_contact"]
    contacts = contacts[~contacts["is_control"] & contacts["channel_id"].isin([3, 8, 9])]
    responders = set(
        zip(tables["fact_campaign_response"]["campaign_id"], tables["fact_campaign_response"][
            "customer_id"], strict=True)
    )  # fmt: skip
    known = clicks.dropna(subset=["customer_id"])
    clicked = set(
        zip(known["campaign_id"].astype(int), known["customer_id"].astype(int), strict=True)
    )
    pairs = list(zip(contacts["campaign_id"], contacts["customer_id"], strict=True))
    is_responder = np.array([pair in responders for pair in pairs])
    did_click = np.array([pair in clicked for pair in pairs])
    assert did_click[is_responder].mean() > 3 * did_click[~is_responder].mean()


def test_product_pages_come_shortly_before_store_orders_more_often_than_chance(tables):
    web = tables["fact_web_visit"].dropna(subset=["customer_id"])
    views = web[web["url"].str.startswith("/p/")]
    orders = tables["fact_order"].drop_duplicates("order_id")
    store = orders[orders["channel_id"] == 10][["customer_id", "order_ts"]]
    joined = store.merge(views[["customer_id", "view_ts"]], on="customer_id")
    before = (joined["order_ts"] - joined["view_ts"]).between(pd.Timedelta(0), pd.Timedelta(days=7))
    after = (joined["view_ts"] - joined["order_ts"]).between(pd.Timedelta(0), pd.Timedelta(days=7))
    assert before.sum() > 2 * after.sum()


def test_the_call_back_form_starts_a_phone_contact_at_the_moment_it_is_sent(tables):
    from crmsim.analytics import callback_form_requests

    web, interactions = tables["fact_web_visit"], tables["fact_interaction"]
    requests = callback_form_requests(web, interactions)
    assert len(requests) > 10
    logged_in = requests.dropna(subset=["customer_id"])
    assert 0.4 < len(logged_in) / len(requests) < 0.95  # some visitors are not logged in
    assert logged_in["matched"].all()  # every known sender's call is in the phone queue
    assert (logged_in["delay_min"].abs() < 1.0).all()
    # the form is the last page of its visit: nothing is browsed after asking for a call
    last_page = web.sort_values("view_ts").groupby("visit_id")["url"].last()
    assert (last_page.loc[requests["visit_id"].unique()] == "/callback").all()
    # and a small share of the phone contacts: the button complements the hotline
    phone_new = interactions[(interactions["channel_id"] == 1) & (interactions["kind"] == "new")]
    assert len(requests) < 0.2 * len(phone_new)
