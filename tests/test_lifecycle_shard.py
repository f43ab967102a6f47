"""One customer block simulated end to end: reproducible, consistent, fed by the contact center."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.shard import month_ends_min, simulate_shard

PARAMS = LifecycleParameters(years=1)


@pytest.fixture(scope="module")
def block():
    return simulate_shard(2, 401, 400, PARAMS, seed=99)


def test_the_same_seed_and_block_give_the_same_run(block):
    again = simulate_shard(2, 401, 400, PARAMS, seed=99)
    for name in ("orders", "order_lines", "complaints", "surveys", "campaign_contacts"):
        # As frames, because missing resolution days (NaN) never compare equal in tuples.
        mine, theirs = getattr(again.log, name), getattr(block.log, name)
        assert pd.DataFrame(mine).equals(pd.DataFrame(theirs)), name
    assert again.log.churn_events == block.log.churn_events
    pd.testing.assert_frame_equal(again.contacts, block.contacts)
    pd.testing.assert_frame_equal(again.people, block.people)
    np.testing.assert_array_equal(again.month_satisfaction, block.month_satisfaction)


def test_other_blocks_get_other_streams(block):
    other = simulate_shard(3, 401, 400, PARAMS, seed=99)
    assert other.log.orders != block.log.orders
    assert other.people["name"].tolist() != block.people["name"].tolist()


def test_records_belong_to_the_block_and_come_in_time_order(block):
    ids = set(range(401, 801))
    log = block.log
    for records in (log.orders, log.complaints, log.campaign_contacts, log.churn_events):
        assert records, "every kind of record occurs in a year of 400 people"
        times = [record.t_min for record in records]
        assert times == sorted(times)
        assert {record.customer_id for record in records} <= ids
    assert set(block.contacts["customer_id"]) <= ids
    assert block.contacts["arrival_min"].max() < PARAMS.horizon_min


def test_service_contacts_come_from_the_contact_center(block):
    contacts = block.contacts
    assert {"phone", "email", "chat", "self_service"} <= set(contacts["channel"].astype(str))
    assert {"resolved", "unresolved"} <= set(contacts["outcome"].astype(str))
    complaint_contacts = set(contacts.loc[contacts["reason"] == "complaint", "contact_id"])
    assert {record.contact_id for record in block.log.complaints} <= complaint_contacts
    surveyed = {record.contact_id for record in block.log.surveys if record.survey_type == "csat"}
    assert surveyed <= set(contacts["contact_id"])


def test_only_customers_buy_and_churn(block):
    people = block.people.set_index("customer_id")
    acquired = set(people.index[people["acquired_min"].notna()])
    assert {record.customer_id for record in block.log.orders} <= acquired
    assert {record.customer_id for record in block.log.churn_events} <= acquired
    assert people.loc[people["initial_status"] == "prospect", "acquired_min"].pipe(
        lambda s: (s.isna() | (s >= 0)).all()
    )


def test_satisfaction_is_recorded_at_every_month_end(block):
    assert block.month_satisfaction.shape == (len(month_ends_min(PARAMS)), 400) == (12, 400)
    assert block.month_satisfaction.min() >= 0 and block.month_satisfaction.max() <= 10
