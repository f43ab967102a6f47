"""Dimensions: calendar and channels (fixed lists), products and campaigns (from the shards).

The product catalogue and the campaign plan are what the shards used; the
warehouse takes them from the shard results instead of building them again.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from crmsim.lifecycle.campaigns import Campaign
from crmsim.lifecycle.campaigns import campaign_table as _campaign_rows
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.products import DEVICE_LINES

#: (code, English name, German name, service, campaign, sales, needs consent)
CHANNELS: tuple[tuple[str, str, str, bool, bool, bool, bool], ...] = (
    ("phone", "Phone", "Telefon", True, True, True, True),
    ("chat", "Chat", "Chat", True, False, False, False),
    ("email", "Email", "E-Mail", True, True, False, True),
    ("letter_fax", "Letter or fax (inbound)", "Brief/Fax (eingehend)", True, False, False, False),
    ("callback", "Call-back", "Rückruf", True, False, False, False),
    (
        "self_service",
        "Self-service (FAQ, assistant)",
        "Self-Service (FAQ, Assistent)",
        True,
        False,
        False,
        False,
    ),
    ("letter", "Letter (mailing)", "Brief (Mailing)", False, True, False, False),
    ("mobile", "Mobile (SMS, app)", "Mobil (SMS, App)", False, True, True, True),
    ("web", "Website and online shop", "Website und Online-Shop", False, True, True, False),
    ("store", "Store", "Filiale", False, False, True, False),
)
CHANNEL_ID: dict[str, int] = {code: number for number, (code, *_) in enumerate(CHANNELS, start=1)}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def date_keys(timestamps: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    """YYYYMMDD integers (int32) for timestamps (without missing values).

    Timestamps span few days compared with their number, so the key of every day from
    the first to the last is computed once and looked up.
    """
    days = np.asarray(timestamps, dtype="datetime64[D]").astype(np.int64)
    if len(days) == 0:
        return np.zeros(0, dtype=np.int32)
    first = int(days.min())
    span = int(days.max()) - first + 1
    if span > len(days):
        return _day_keys(days)
    return _day_keys(np.arange(first, first + span))[days - first]


def _day_keys(days: np.ndarray) -> np.ndarray:
    """YYYYMMDD integers (int32) for day numbers (days since 1970-01-01), with numpy's calendar."""
    dates = days.astype("datetime64[D]")
    months = dates.astype("datetime64[M]")
    month_number = months.astype(np.int64)  # months since January 1970
    day = (dates - months).astype(np.int64) + 1
    return ((month_number // 12 + 1970) * 10_000 + (month_number % 12 + 1) * 100 + day).astype(
        np.int32
    )


def channel_ids(codes: pd.Series) -> pd.Series:
    """``channel_id`` of channel codes: ``codes.map(CHANNEL_ID)``, looking up each code once.

    Unknown or missing codes give missing values (then the ids are floats, as with ``map``).
    """
    if isinstance(codes.dtype, pd.CategoricalDtype):
        if len(codes) == 0:
            return codes.astype(str).map(CHANNEL_ID)
        positions = codes.cat.codes.to_numpy()
        uniques = codes.cat.categories.astype(str).tolist()
    else:
        if len(codes) == 0:
            return codes.map(CHANNEL_ID)
        positions, found = pd.factorize(codes)
        uniques = list(found)
    ids = [CHANNEL_ID.get(code) for code in uniques]
    if None in ids or (positions < 0).any():
        known = [np.nan if number is None else number for number in ids]
        values = np.asarray([*known, np.nan], dtype=float)[positions]  # position −1: the NaN
    else:
        values = np.asarray(ids, dtype=np.int64)[positions]
    return pd.Series(values, index=codes.index)


def dim_date(params: LifecycleParameters) -> pd.DataFrame:
    """``dim_date``: every day from the start date to the last day of the period."""
    return _calendar(params.start_date, params.end_date).copy()


@functools.lru_cache(maxsize=4)
def _calendar(start_date: dt.date, end_date: dt.date) -> pd.DataFrame:
    """The days from ``start_date`` to the day before ``end_date`` (kept: every block needs it)."""
    days = pd.date_range(start_date, end_date - dt.timedelta(days=1), freq="D")
    weekday = days.day_of_week.to_numpy()
    return pd.DataFrame(
        {
            "date_key": date_keys(days),
            "date": days,
            "year": days.year,
            "quarter": days.quarter,
            "month": days.month,
            "year_month": days.strftime("%Y-%m"),
            "iso_week": days.isocalendar().week.to_numpy(),
            "day_of_month": days.day,
            "weekday": weekday,
            "weekday_name": np.asarray(WEEKDAY_NAMES)[weekday],
            "is_weekend": weekday >= 5,
            "is_month_start": days.day == 1,
        }
    )


def dim_channel() -> pd.DataFrame:
    """``dim_channel``: the fixed list of channels."""
    frame = pd.DataFrame(
        CHANNELS,
        columns=[
            "channel_code",
            "channel_name",
            "channel_name_de",
            "is_service_channel",
            "is_campaign_channel",
            "is_sales_channel",
            "needs_consent",
        ],
    )
    frame.insert(0, "channel_id", np.arange(1, len(frame) + 1))
    return frame


def dim_product(products: pd.DataFrame) -> pd.DataFrame:
    """``dim_product``: the product catalogue the shards sold from (their ``products``)."""
    return products.copy()


def dim_campaign(campaigns: list[Campaign], params: LifecycleParameters) -> pd.DataFrame:
    """``dim_campaign``: the campaign plan the shards ran (their ``campaigns``)."""
    lines = [name for name, *_ in DEVICE_LINES]
    frame = _campaign_rows(campaigns, params, lines)
    channel = channel_ids(frame.pop("channel_code"))
    frame.insert(3, "channel_id", channel)
    return frame
