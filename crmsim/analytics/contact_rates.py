"""The rate KPIs of a set of contacts (service level, ASA, p_wait, abandonment, AHT).

:mod:`crmsim.analytics.contact_center` reports them per channel and per interval.
An interval table of a simulated week has hundreds of rows, so the contact table is
turned into plain numpy columns once (:class:`ContactColumns`) and every row works
on a slice of them. Means are taken as pandas takes them (missing values left out,
the rest summed in their original order), so a row's figures are those that the
same contacts give as a pandas Series.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from crmsim.scenario.model import BACKLOG_CHANNELS
from crmsim.sim.contact import HANDLED
from crmsim.time_units import MINUTES_PER_HOUR, SECONDS_PER_MINUTE

#: Threshold of the service level where a channel sets none (seconds).
DEFAULT_SL_THRESHOLD_S = 20.0
#: Response-time target where a channel sets none (hours): a day for written media,
#: an hour for call-backs.
DEFAULT_RESPONSE_TARGET_H = {"backlog": 24.0, "callback": 1.0}
_HANDLED = sorted(HANDLED)


class ContactColumns(NamedTuple):
    """The columns of contacts that the rate KPIs read, as numpy arrays of equal length.

    ``answered``, ``abandoned``, ``handled`` and ``live`` (not blocked) are flags;
    ``wait_min``, ``work_min`` (handling plus after-contact work) and ``response_min``
    (end minus arrival) are minutes, NaN where not defined.
    """

    answered: np.ndarray
    abandoned: np.ndarray
    handled: np.ndarray
    live: np.ndarray
    wait_min: np.ndarray
    work_min: np.ndarray
    response_min: np.ndarray

    def take(self, rows: slice | np.ndarray) -> ContactColumns:
        """The same columns for a subset of the contacts (a slice keeps their order)."""
        return ContactColumns(*(column[rows] for column in self))


def contact_columns(contacts: pd.DataFrame) -> ContactColumns:
    """Read the flags and durations of a contact table (see :mod:`crmsim.sim.results`)."""
    outcome = contacts["outcome"]
    return ContactColumns(
        answered=(contacts["agent_id"] >= 0).to_numpy(),
        abandoned=(outcome == "abandoned").to_numpy(),
        handled=outcome.isin(_HANDLED).to_numpy(),
        live=(outcome != "blocked").to_numpy(),
        wait_min=contacts["wait_min"].to_numpy(dtype=float),
        work_min=(contacts["handle_min"] + contacts["acw_min"]).to_numpy(dtype=float),
        response_min=(contacts["end_min"] - contacts["arrival_min"]).to_numpy(dtype=float),
    )


class ChannelTarget(NamedTuple):
    """What a channel's service level is measured against.

    ``threshold_min``: answer within this many minutes (live channels);
    ``response_min``: handle or answer within this many minutes (written media and
    call-backs).
    """

    channel: str
    threshold_min: float
    response_min: float


def channel_target(channel: str, targets: pd.DataFrame) -> ChannelTarget:
    """The target of ``channel`` out of a targets table, defaults filled in."""
    threshold_s = float(targets.loc[channel, "sl_threshold_s"])
    if np.isnan(threshold_s):
        threshold_s = DEFAULT_SL_THRESHOLD_S
    response_h = float(targets.loc[channel, "response_target_h"])
    if np.isnan(response_h):
        kind = "backlog" if channel in BACKLOG_CHANNELS else "callback"
        response_h = DEFAULT_RESPONSE_TARGET_H[kind]
    return ChannelTarget(channel, threshold_s / SECONDS_PER_MINUTE, response_h * MINUTES_PER_HOUR)


def share(part: float, whole: float) -> float:
    """``part`` ÷ ``whole``, NaN when ``whole`` is zero."""
    return float(part) / float(whole) if whole else np.nan


def mean_of(values: np.ndarray) -> float:
    """The mean of the values that are not NaN, summed as pandas sums them; NaN if none."""
    missing = np.isnan(values)
    count = values.size - int(missing.sum())
    if count == 0:
        return np.nan
    if count < values.size:
        values = np.where(missing, 0.0, values)
    return float(values.sum() / count)


def contact_rates(columns: ContactColumns, target: ChannelTarget) -> dict[str, float]:
    """Service level, ASA (seconds), p_wait, abandonment rate and AHT (minutes).

    Parameters
    ----------
    columns
        The contacts of one channel (all of a run, or those of one interval).
    target
        The channel's target (:func:`channel_target`).

    Returns
    -------
    dict
        ``service_level``, ``asa_s``, ``p_wait``, ``abandon_rate`` and ``aht_min``, as
        defined in :mod:`crmsim.analytics.contact_center`.
    """
    answered, abandoned, handled = columns.answered, columns.abandoned, columns.handled
    wait = columns.wait_min
    backlog = target.channel in BACKLOG_CHANNELS
    if backlog:
        on_time = columns.response_min[handled] <= target.response_min
        service_level = share(on_time.sum(), handled.sum())
    elif target.channel == "callback":
        on_time = wait[answered] <= target.response_min
        service_level = share(on_time.sum(), answered.sum())
    else:
        within = (answered & (wait <= target.threshold_min + 1e-9)).sum()
        service_level = share(within, answered.sum() + abandoned.sum())
    any_answered = bool(answered.any())
    any_handled = bool(handled.any())
    return {
        "service_level": service_level,
        "asa_s": float(mean_of(wait[answered]) * SECONDS_PER_MINUTE)
        if any_answered and not backlog
        else np.nan,
        "p_wait": share((wait[columns.live] > 1e-12).sum(), columns.live.sum()),
        "abandon_rate": share(abandoned.sum(), answered.size),
        "aht_min": mean_of(columns.work_min[handled]) if any_handled else np.nan,
    }
