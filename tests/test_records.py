"""Named records: each log's writer and reader share one declaration, and records round-trip."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest
import simpy

from crmsim.lifecycle.records import (
    LOG_RECORDS,
    CampaignContactRecord,
    CampaignResponseRecord,
    ChurnRecord,
    ComplaintRecord,
    OrderLineRecord,
    OrderRecord,
    SurveyRecord,
    WinBackRecord,
    log_columns,
    log_frame,
)
from crmsim.lifecycle.state import EventLog
from crmsim.scenario import mmc_scenario
from crmsim.scenario.model import CHANNELS
from crmsim.sim import ContactCenter, collect
from crmsim.sim.agents import DutyRecord, open_duty
from crmsim.sim.arrivals import DECISIONS
from crmsim.sim.center import CALLBACK_ACCEPT, CALLBACK_REACH, RESOLVE, SELF_SERVICE, TRANSFER
from crmsim.sim.contact import KINDS, OUTCOMES, Contact
from crmsim.sim.contact_log import ContactRecord, contact_record, contacts_frame, open_records
from crmsim.warehouse.keys import records as warehouse_records

SAMPLES = {
    "orders": OrderRecord(7, 12.5, "web", -1),
    "order_lines": OrderLineRecord(0, 3, 2, 19.99, 1.5),
    "complaints": ComplaintRecord(7, 4, 30.0, "defect", 0, 3, "personal", 12.0, 5.0, True, 2.5),
    "surveys": SurveyRecord(7, 31.0, "csat", 4, 4),
    "campaign_contacts": CampaignContactRecord(2, 7, 40.0, "email", False, 0.35),
    "campaign_responses": CampaignResponseRecord(0, 2, 7, 45.0, "order", 1, 3.0),
    "churn_events": ChurnRecord(7, 90.0, "price"),
    "win_backs": WinBackRecord(7, 120.0),
}


def contact_row_to_record(row: pd.Series, reasons: list[str], classes: list[str]) -> ContactRecord:
    """Encode one row of the contact table as a record again (the inverse of contacts_frame)."""
    return ContactRecord(
        contact_id=int(row["contact_id"]),
        customer_id=int(row["customer_id"]),
        channel=CHANNELS.index(row["channel"]),
        reason=reasons.index(row["reason"]),
        value_class=classes.index(row["value_class"]),
        priority=int(row["priority"]),
        kind=KINDS.index(row["kind"]),
        parent_id=int(row["parent_id"]),
        arrival_min=float(row["arrival_min"]),
        answer_min=float(row["answer_min"]),
        end_min=float(row["end_min"]),
        handle_min=float(row["handle_min"]),
        acw_min=float(row["acw_min"]),
        agent_id=int(row["agent_id"]),
        outcome=OUTCOMES.index(row["outcome"]),
    )


def same(a: tuple, b: tuple) -> bool:
    """Field-wise equality in which NaN equals NaN."""
    return all(
        (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))
        or x == y
        for x, y in zip(a, b, strict=True)
    )


def test_a_contact_record_round_trips_through_the_contact_table():
    contact = Contact(5, 9, "chat", 1, 0, 1002, "repeat", 3, 10.0, 4.5, 6.0, [0.1] * 5)
    contact.answer_min, contact.end_min, contact.acw_min = 11.0, 15.5, 0.5
    contact.agent_id, contact.outcome = 1, "resolved"
    record = ContactRecord._make(contact_record(contact))
    assert record.handle_min == 4.5
    frame = contacts_frame([record], ["a", "b"], ["A"], ["anna", "ben"])
    row = frame.iloc[0]
    assert (row["channel"], row["reason"], row["kind"], row["outcome"]) == (
        "chat",
        "b",
        "repeat",
        "resolved",
    )
    assert row["agent"] == "ben" and row["wait_min"] == pytest.approx(1.0)
    assert contact_row_to_record(row, ["a", "b"], ["A"]) == record


def test_the_writer_fills_every_field_of_the_declaration():
    contact = Contact(11, 22, "email", 3, 4, 3005, "transfer", 7, 8.0, 12.0, 99.0, [0.5] * 5)
    contact.answer_min, contact.end_min, contact.acw_min = 9.0, 21.0, 13.0
    contact.agent_id, contact.outcome = 14, "unresolved"
    written = contact_record(contact)
    assert len(written) == len(ContactRecord._fields)
    assert ContactRecord._make(written)._asdict() == {
        "contact_id": 11,
        "customer_id": 22,
        "channel": CHANNELS.index("email"),
        "reason": 3,
        "value_class": 4,
        "priority": 3005,
        "kind": KINDS.index("transfer"),
        "parent_id": 7,
        "arrival_min": 8.0,
        "answer_min": 9.0,
        "end_min": 21.0,
        "handle_min": 12.0,
        "acw_min": 13.0,
        "agent_id": 14,
        "outcome": OUTCOMES.index("unresolved"),
    }


def test_an_unanswered_contact_records_no_handling_time():
    contact = Contact(1, 1, "phone", 0, 0, 1000, "new", -1, 0.0, 3.0, 2.0, [0.5] * 5)
    contact.end_min, contact.outcome = 2.0, "abandoned"
    record = ContactRecord._make(contact_record(contact))
    assert record.handle_min == 0.0 and math.isnan(record.answer_min)
    assert contacts_frame([record], ["a"], ["A"], [])["agent"].tolist() == [""]


def test_every_record_of_a_run_round_trips():
    env = simpy.Environment()
    scenario = mmc_scenario(agents=2, calls_per_hour=40, aht_min=3, patience_min=2)
    center = ContactCenter(env, scenario, seed=4, horizon_min=240.0)
    env.run(until=240.0)
    written = center.records + open_records(center.active.values(), env.now)
    result = collect(center)
    assert len(result.contacts) == len(written) > 100
    by_id = {record.contact_id: record for record in map(ContactRecord._make, written)}
    reasons, classes = center.reason_names, center.class_names
    for _, row in result.contacts.iterrows():
        assert same(contact_row_to_record(row, reasons, classes), by_id[row["contact_id"]])
    assert list(result.duty.columns) == list(DutyRecord._fields)
    duty_back = [DutyRecord(*row) for row in result.duty.itertuples(index=False)]
    assert sorted(duty_back) == sorted(center.duty_log + open_duty(center.agents, env.now))


def test_the_empty_contact_log_gives_the_full_table():
    frame = contacts_frame([], ["a"], ["A"], [])
    assert frame.empty and "wait_min" in frame.columns and "day" in frame.columns


def test_decision_positions_come_from_the_declared_decisions():
    positions = [RESOLVE, TRANSFER, CALLBACK_ACCEPT, CALLBACK_REACH, SELF_SERVICE]
    assert sorted(positions) == list(range(len(DECISIONS)))
    assert DECISIONS[RESOLVE] == "resolve" and DECISIONS[SELF_SERVICE] == "self_service"


def test_every_event_log_has_a_declared_record():
    assert [f.name for f in dataclasses.fields(EventLog)] == list(LOG_RECORDS)
    assert set(SAMPLES) == set(LOG_RECORDS)


@pytest.mark.parametrize("name", list(LOG_RECORDS))
def test_a_lifecycle_record_round_trips_through_its_frame(name):
    record = SAMPLES[name]
    assert type(record) is LOG_RECORDS[name]
    frame = log_frame(name, [record, record])
    assert list(frame.columns) == log_columns(name) == list(record._fields)
    back = [LOG_RECORDS[name](*row) for row in frame.itertuples(index=False)]
    assert back == [record, record]


@pytest.mark.parametrize("name", list(LOG_RECORDS))
def test_the_warehouse_reads_a_log_by_the_record_fields(name):
    @dataclasses.dataclass
    class Shard:  # the two attributes of a shard result the reader uses
        shard_index: int
        log: EventLog

    first, second = EventLog(), EventLog()
    getattr(second, name).append(SAMPLES[name])
    frame = warehouse_records([Shard(0, first), Shard(1, second)], name)
    assert list(frame.columns) == [*log_columns(name), "shard", "local"]
    assert frame["shard"].tolist() == [1] and frame["local"].tolist() == [0]
    values = frame.drop(columns=["shard", "local"]).iloc[0].tolist()
    assert values == list(SAMPLES[name])


def test_an_empty_log_gives_typed_empty_columns():
    frame = log_frame("orders", [])
    assert list(frame.columns) == log_columns("orders") and frame.empty
    assert all(dtype.kind == "O" for dtype in frame.dtypes)
