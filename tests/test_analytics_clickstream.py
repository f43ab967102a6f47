"""Log-file analysis of the click-stream on a tiny hand-made log and on the committed data."""

from __future__ import annotations

import pandas as pd
import pytest

from crmsim.analytics.clickstream import (
    conversion_funnel,
    faq_to_contact,
    log_summary,
    paths_to_purchase,
    referrer_mix,
    session_agreement,
    sessionize,
    visit_table,
)
from crmsim.warehouse import read_tables


def _log() -> pd.DataFrame:
    rows = [  # visit, ip, customer, time, url, referrer, campaign
        (1, "192.0.2.1", 7, "2024-03-01 10:00", "/search?q=tv", "search", None),
        (1, "192.0.2.1", 7, "2024-03-01 10:02", "/p/tv_plus", "internal", None),
        (1, "192.0.2.1", 7, "2024-03-01 10:05", "/checkout", "internal", None),
        (2, "192.0.2.1", 7, "2024-03-03 09:00", "/faq/billing", "direct", None),
        (3, "198.51.100.4", None, "2024-03-01 10:01", "/", "direct", None),
        (4, "203.0.113.9", 8, "2024-03-02 18:00", "/p/phone_case", "newsletter", 5),
        (4, "203.0.113.9", 8, "2024-03-02 18:01", "/p/smartphone_plus", "internal", None),
        (5, "203.0.113.9", 8, "2024-03-04 08:00", "/order-tracking", "direct", None),
    ]
    frame = pd.DataFrame(
        rows, columns=["visit_id", "visitor_ip", "customer_id", "view_ts", "url", "referrer",
                       "campaign_id"]
    )  # fmt: skip
    return frame.assign(
        view_ts=pd.to_datetime(frame["view_ts"]), device="desktop", status_code=200, bytes_sent=1000
    )


def test_visits_funnel_and_paths_by_hand():
    visits = visit_table(_log()).set_index("visit_id")
    assert visits["pages"].tolist() == [3, 1, 1, 2, 1]
    assert visits.loc[1, "path"] == "search > product > checkout"
    assert visits.loc[1, "duration_min"] == 5.0
    assert visits["checked_out"].tolist() == [True, False, False, False, False]
    assert visits["used_service"].tolist() == [False, True, False, False, True]
    funnel = conversion_funnel(visits.reset_index())
    assert funnel["visits"].tolist() == [5, 2, 2, 1]
    assert funnel["step_rate"].tolist() == [1.0, 0.4, 1.0, 0.5]
    paths = paths_to_purchase(visits.reset_index())
    assert paths[["path", "visits", "share"]].values.tolist() == [
        ["search > product > checkout", 1, 1.0]
    ]
    mix = referrer_mix(visits.reset_index()).set_index("referrer")
    assert mix.loc["direct", "visits"] == 3 and mix.loc["direct", "share"] == 0.6
    assert mix.loc["newsletter", "conversion"] == 0.0 and mix.loc["search", "conversion"] == 1.0
    summary = log_summary(_log())
    assert summary["visits"] == 5 and summary["addresses"] == 3
    assert summary["campaign_visit_share"] == pytest.approx(0.2)
    assert summary["logged_in_share"] == pytest.approx(7 / 8)


def test_sessions_rebuilt_from_address_and_pauses():
    log = _log()
    sessions = sessionize(log, gap_min=30)
    # visits 1 and 3 come from different addresses; every visit is separated by days
    assert session_agreement(log, sessions) == 1.0
    merged = log.assign(visitor_ip="192.0.2.1")  # everyone behind one address
    assert session_agreement(merged, sessionize(merged, gap_min=30)) == pytest.approx(3 / 5)


def test_faq_visits_followed_by_an_assisted_contact():
    interactions = pd.DataFrame(
        {
            "customer_id": [7, 8],
            "channel_id": [1, 6],  # 7 phones after the FAQ; 8's contact is self-service
            "arrival_ts": pd.to_datetime(["2024-03-03 09:40", "2024-03-04 08:01"]),
        }
    )
    table = faq_to_contact(_log(), interactions, window_hours=24).set_index("topic")
    assert table.loc["/faq/billing", "followed"] == 1
    assert table.loc["/order-tracking", "followed"] == 0
    assert table.loc["all", "visits"] == 2
    assert table.loc["all", "self_service_enough"] == 0.5


def test_the_committed_log_reads_like_browsing():
    tables = read_tables("data")
    web = tables["fact_web_visit"]
    visits = visit_table(web)
    mix = referrer_mix(visits).set_index("referrer")
    assert set(mix.index) == {"direct", "search", "newsletter", "campaign"}
    funnel = conversion_funnel(visits)
    assert funnel["visits"].is_monotonic_decreasing
    checkouts = int(funnel["visits"].iloc[-1])
    web_orders = tables["fact_order"].query("channel_id == 9")["order_id"].nunique()
    assert checkouts == web_orders
    assert session_agreement(web, sessionize(web)) > 0.95
    faq = faq_to_contact(web, tables["fact_interaction"]).set_index("topic")
    # order tracking mostly answers the question; FAQ pages are visited before many calls
    assert (
        faq.loc["/order-tracking", "self_service_enough"]
        > faq.loc["/faq/billing", "self_service_enough"]
    )


def test_call_back_requests_in_the_committed_log_are_matched_to_their_calls():
    from crmsim.analytics import callback_form_requests

    tables = read_tables("data")
    requests = callback_form_requests(tables["fact_web_visit"], tables["fact_interaction"])
    assert len(requests) > 100
    assert requests["matched"].sum() == requests["customer_id"].notna().sum()
    visits = visit_table(tables["fact_web_visit"]).set_index("visit_id")
    assert visits.loc[requests["visit_id"], "used_service"].all()


def test_a_request_without_a_call_in_the_window_stays_unmatched():
    from crmsim.analytics import callback_form_requests

    web = pd.DataFrame(
        {"visit_id": [1], "customer_id": [7.0], "url": ["/callback"],
         "view_ts": pd.to_datetime(["2024-03-01 10:00"])}
    )  # fmt: skip
    calls = pd.DataFrame(
        {"interaction_id": [1, 2, 3], "customer_id": [7, 7, 8], "channel_id": [1, 3, 1],
         "arrival_ts": pd.to_datetime(["2024-03-01 10:09", "2024-03-01 10:01",
                                       "2024-03-01 10:00"])}
    )  # fmt: skip
    requests = callback_form_requests(web, calls, window_min=5.0)
    assert not requests["matched"].iloc[0]  # too late, an email, another customer
    assert callback_form_requests(web, calls, window_min=10.0)["interaction_id"].iloc[0] == 1
