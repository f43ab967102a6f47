"""The contact log: one record per finished contact, and the contact table built from them.

While a run goes on, every contact that ends is written as one record laid out
as :class:`ContactRecord`, with its text fields (channel, kind, outcome) as
integer codes; reason and value class are positions in the scenario's lists.
:func:`contacts_frame` turns the records into the contact table once, at the end
(its columns are described in :mod:`crmsim.sim.results`), reading each column by
its field name. Writer (:func:`contact_record`) and reader share the declaration,
and both live here.

The log holds plain tuples in :class:`ContactRecord`'s field order rather than
:class:`ContactRecord` objects: building a tuple subclass costs about a
microsecond more per contact, a few per cent of the simulator's throughput.
``ContactRecord._make(record)`` gives the named view of any record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from crmsim.scenario.model import CHANNELS
from crmsim.sim.contact import KINDS, OPEN, OUTCOMES, Contact
from crmsim.time_units import MINUTES_PER_DAY


class ContactRecord(NamedTuple):
    """One row of the contact log (times in minutes since the start of the run)."""

    contact_id: int
    customer_id: int
    channel: int  # code: position in CHANNELS
    reason: int  # position in the scenario's reasons
    value_class: int  # position in the scenario's value classes
    priority: int
    kind: int  # code: position in KINDS
    parent_id: int
    arrival_min: float
    answer_min: float
    end_min: float
    handle_min: float
    acw_min: float
    agent_id: int
    outcome: int  # code: position in OUTCOMES


#: Integer codes of the text fields in contact records.
CHANNEL_CODES = {name: code for code, name in enumerate(CHANNELS)}
KIND_CODES = {name: code for code, name in enumerate(KINDS)}
OUTCOME_CODES = {name: code for code, name in enumerate(OUTCOMES)}

#: A contact record as stored in the log: a plain tuple in ContactRecord's field order.
ContactRow = tuple[
    int, int, int, int, int, int, int, int, float, float, float, float, float, int, int
]


def contact_record(contact: Contact) -> ContactRow:
    """The record of a finished (or, at the end of a run, open) contact, in ContactRecord order.

    Handling time counts only for contacts an agent took and for self-service
    sessions; a contact nobody answered has ``handle_min`` 0.
    """
    handled = contact.agent_id >= 0
    return (  # the fields of ContactRecord, in order
        contact.id,
        contact.customer_id,
        CHANNEL_CODES[contact.channel],
        contact.reason,
        contact.value_class,
        contact.priority,
        KIND_CODES[contact.kind],
        contact.parent_id,
        contact.arrival_min,
        contact.answer_min,
        contact.end_min,
        contact.handle_min if handled or contact.channel == "self_service" else 0.0,
        contact.acw_min,
        contact.agent_id,
        OUTCOME_CODES[contact.outcome],
    )


def open_records(active: Iterable[Contact], now_min: float) -> list[ContactRow]:
    """Records of the contacts still waiting or in hand when the run stops at ``now_min``.

    Their outcome is ``open``; a contact in hand counts its handling time so far.
    """
    records = []
    for contact in sorted(active, key=lambda c: c.id):
        handled = contact.agent_id >= 0
        contact.outcome = OPEN
        contact.handle_min = now_min - contact.answer_min if handled else 0.0
        records.append(contact_record(contact))
    return records


def contacts_frame(
    records: list[ContactRow],
    reason_names: list[str],
    class_names: list[str],
    agent_names: list[str],
) -> pd.DataFrame:
    """Turn contact records into the contact table, ordered by ``contact_id``.

    Parameters
    ----------
    records
        The contact log.
    reason_names, class_names
        The scenario's reasons and value classes, in order (the records hold positions).
    agent_names
        Agent names by agent id.
    """
    fields = ContactRecord._fields
    # One C-level pass turns the log into a matrix, one column per field; every integer
    # field (ids, codes, positions) is far below 2**53, so float64 holds it exactly.
    table = np.array(records, dtype=np.float64) if records else np.empty((0, len(fields)))
    table = table[np.argsort(table[:, 0], kind="stable")]
    column = {name: table[:, position] for position, name in enumerate(fields)}

    def integers(field: str) -> np.ndarray:
        return column[field].astype(np.int64)

    def category(field: str, names: Any) -> pd.Categorical:
        return pd.Categorical.from_codes(integers(field), categories=list(names))

    agent_id = integers("agent_id")
    arrival, answer, end = column["arrival_min"], column["answer_min"], column["end_min"]
    return pd.DataFrame(
        {
            "contact_id": integers("contact_id"),
            "customer_id": integers("customer_id"),
            "channel": category("channel", CHANNELS),
            "reason": category("reason", reason_names),
            "value_class": category("value_class", class_names),
            "priority": integers("priority"),
            "kind": category("kind", KINDS),
            "parent_id": integers("parent_id"),
            "arrival_min": arrival,
            "answer_min": answer,
            "end_min": end,
            "wait_min": np.where(agent_id >= 0, answer - arrival, end - arrival),
            "handle_min": column["handle_min"],
            "acw_min": column["acw_min"],
            "agent_id": agent_id,
            "agent": np.asarray([*agent_names, ""], dtype=object)[agent_id],
            "outcome": category("outcome", OUTCOMES),
            "day": (arrival // MINUTES_PER_DAY).astype(np.int64),
        }
    )
