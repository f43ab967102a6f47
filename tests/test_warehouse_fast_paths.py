"""The column-at-a-time helpers of the warehouse give what the straightforward versions give."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.lifecycle.records import (
    ComplaintRecord,
    OrderRecord,
    WinBackRecord,
    log_frame,
)
from crmsim.warehouse.dimensions import date_keys
from crmsim.warehouse.keys import typed_log_frame


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
    named = [OrderRecord(1, 2.0, 3, -1)]  # type: ignore[arg-type]  (a number as channel)
    pd.testing.assert_frame_equal(typed_log_frame("orders", named), log_frame("orders", named))


def test_date_keys_match_the_calendar_fields_of_pandas() -> None:
    stamps = pd.Series(pd.date_range("1968-02-27", "2032-03-02", freq="17h")).astype(
        "datetime64[s]"
    )
    index = pd.DatetimeIndex(stamps)
    expected = (index.year * 10000 + index.month * 100 + index.day).to_numpy()
    keys = date_keys(stamps)
    assert keys.dtype == np.int32
    np.testing.assert_array_equal(keys, expected)
    np.testing.assert_array_equal(date_keys(index), expected)
