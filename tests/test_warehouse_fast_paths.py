"""The column-at-a-time helpers of the warehouse give what the straightforward versions give."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from crmsim.lifecycle.records import (
    ChurnRecord,
    ComplaintRecord,
    OrderRecord,
    WinBackRecord,
    log_frame,
)
from crmsim.warehouse.dimensions import CHANNEL_ID, channel_ids, date_keys
from crmsim.warehouse.keys import (
    category_strings,
    python_strings,
    shard_values,
    string_values,
    typed_log_frame,
)
from crmsim.warehouse.people import last_event
from crmsim.warehouse.schema import Column, Table
from crmsim.warehouse.snapshot import _status_events
from crmsim.warehouse.writers import to_arrow


def test_typed_log_frame_equals_the_row_wise_frame() -> None:
    orders = [OrderRecord(7, 30.5, "mobile", -1), OrderRecord(8, 31.0, "web", 4)]
    complaints = [
        ComplaintRecord(3, 12, 99.5, "late_delivery", 0, 5, "personal", 55.0, 30.0, True, 3.5),
        ComplaintRecord(4, -1, 120.0, "defect", -1, -1, "standard", 20.0, 0.0, False, np.nan),
    ]
    for name, entries in (("orders", orders), ("complaints", complaints)):
        pd.testing.assert_frame_equal(typed_log_frame(name, entries), log_frame(name, entries))


def test_typed_log_frame_falls_back_when_a_value_does_not_fit_its_field() -> None:
    odd = [WinBackRecord(None, 5.0), WinBackRecord(2, 6.0)]  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(typed_log_frame("win_backs", odd), log_frame("win_backs", odd))
    # A number where the channel code belongs.
    named = [OrderRecord(1, 2.0, 3, -1)]  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(typed_log_frame("orders", named), log_frame("orders", named))
    whole = [WinBackRecord(1, 5), WinBackRecord(2, 6)]  # whole numbers: pandas makes integers
    pd.testing.assert_frame_equal(
        typed_log_frame("win_backs", whole), log_frame("win_backs", whole)
    )
    missing = [ChurnRecord(1, 5.0, None), ChurnRecord(2, 6.0, "price")]  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(
        typed_log_frame("churn_events", missing), log_frame("churn_events", missing)
    )


def test_date_keys_match_the_calendar_fields_of_pandas() -> None:
    dense = pd.date_range("1968-02-27", "2032-03-02", freq="17h")  # looked up in a day table
    sparse = pd.date_range("1600-02-28", "2400-03-01", freq="97D")  # computed one by one
    for days in (dense, sparse):
        stamps = pd.Series(days).sample(frac=1.0, random_state=3).astype("datetime64[s]")
        index = pd.DatetimeIndex(stamps)
        expected = (index.year * 10000 + index.month * 100 + index.day).to_numpy()
        keys = date_keys(stamps)
        assert keys.dtype == np.int32
        np.testing.assert_array_equal(keys, expected)
        np.testing.assert_array_equal(date_keys(index), expected)
    assert len(date_keys(pd.Series([], dtype="datetime64[s]"))) == 0


def test_channel_ids_match_a_dictionary_lookup() -> None:
    codes = pd.Series(["web", "phone", "web", "store"], index=[5, 6, 7, 8])
    pd.testing.assert_series_equal(channel_ids(codes), codes.map(CHANNEL_ID))
    odd = pd.Series(["web", "fax_machine", None], dtype="str")
    pd.testing.assert_series_equal(channel_ids(odd), odd.map(CHANNEL_ID))
    categories = pd.Series(["chat", "email", "chat"], dtype="category")
    pd.testing.assert_series_equal(channel_ids(categories), categories.astype(str).map(CHANNEL_ID))


def test_last_event_finds_the_last_position_of_each_person() -> None:
    ids = np.array([10, 11, 12, 13])
    events = [12, 10, 12, 99, 10, 12]  # 99 is nobody in the block
    np.testing.assert_array_equal(last_event(ids, events), [4, -1, 5, -1])
    np.testing.assert_array_equal(last_event(ids, []), [-1, -1, -1, -1])


def _status_reference(
    events: list[tuple[int, float, float]], ends: np.ndarray
) -> dict[tuple[int, int], float]:
    """Person and month to status, by applying the events one after another."""
    state = {}
    for person, t_min, alive in sorted(events, key=lambda event: (event[0], event[1])):
        month = int(np.searchsorted(ends, t_min, side="right"))
        if month < len(ends):
            state[(person, month)] = alive
    return state


def test_status_events_keep_the_last_change_of_a_person_in_a_month() -> None:
    ends = np.array([100.0, 200.0, 300.0])
    acquired_min = np.array([-np.inf, 50.0, np.nan, 150.0])
    churns = [
        ChurnRecord(1, 60.0, "price"),
        ChurnRecord(4, 150.0, "service"),
        ChurnRecord(1, 400.0, "x"),
    ]
    backs = [WinBackRecord(1, 90.0), WinBackRecord(4, 250.0)]
    result = SimpleNamespace(log=SimpleNamespace(churn_events=churns, win_backs=backs))
    found = _status_events([result], acquired_min, 1, ends)  # type: ignore[list-item]
    events = [(0, 0.0, 1.0), (1, 50.0, 1.0), (3, 150.0, 1.0)]
    events += [(c.customer_id - 1, c.t_min, 0.0) for c in churns]
    events += [(b.customer_id - 1, b.t_min, 1.0) for b in backs]
    expected = _status_reference(events, ends)
    keys = zip(found.person.tolist(), found.month.tolist(), strict=True)
    got = dict(zip(keys, found.alive.tolist(), strict=True))
    assert got == expected
    assert got[(3, 1)] == 0.0  # acquired and churned at the same minute: churn is later in order


def test_string_helpers_give_the_frames_pandas_gives() -> None:
    values = ("phone", None, "web", float("nan"))
    pd.testing.assert_extension_array_equal(python_strings(values), pd.array(values, dtype="str"))
    codes = pd.Series(["late", "early", "late"], dtype="category")
    expected = pd.Series(codes.astype(str).to_numpy())
    pd.testing.assert_series_equal(pd.Series(category_strings(codes)), expected)
    missing = pd.Series(["late", None], dtype="category")  # converted as astype(str) does
    pd.testing.assert_series_equal(
        pd.Series(category_strings(missing)), pd.Series(missing.astype(str).to_numpy())
    )
    plain = pd.Series(["a", "b"])
    pd.testing.assert_series_equal(pd.Series(string_values(plain)), plain)


def test_shard_values_match_a_dictionary_lookup_and_refuse_unknown_shards() -> None:
    shard = pd.Series([3, 1, 3, 7])
    offsets = {1: 0, 3: 120, 7: 455}
    np.testing.assert_array_equal(shard_values(shard, offsets), shard.map(offsets).to_numpy())
    assert len(shard_values(pd.Series([], dtype=object), {})) == 0
    with pytest.raises(ValueError, match="without a value"):
        shard_values(pd.Series([2]), offsets)


def test_to_arrow_keeps_missing_strings_and_refuses_them_where_not_allowed() -> None:
    table = Table(
        "t",
        "test table",
        (
            Column("key", "int32", "Key"),
            Column("label", "string", "Label", nullable=True),
            Column("code", "string", "Code"),
        ),
        ("key",),
    )
    frame = pd.DataFrame({"key": [1, 2], "label": ["a", None], "code": ["x", "y"]})
    for strings in ("str", object):
        typed = frame.astype({"label": strings, "code": strings})
        arrow = to_arrow(typed, table)
        assert arrow.column("label").to_pylist() == ["a", None]
        assert arrow.column("code").to_pylist() == ["x", "y"]
        assert arrow.schema.field("key").type == "int32"
        with pytest.raises(ValueError, match="code has missing values"):
            to_arrow(typed.assign(code=pd.Series(["x", None], dtype=strings)), table)
