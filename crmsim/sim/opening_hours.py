"""Opening hours: when a live channel (or a store) is open, as flags per slot of one week.

One model serves both simulators. The contact center derives a channel's
hours from its arrival profile (:meth:`OpeningHours.of_channel`: open wherever
the intraday share and the weekday factor are above zero); the customer
lifecycle uses fixed hours on fixed weekdays (:meth:`OpeningHours.daily`).
Times are minutes since the start of day 0 of the run, whose weekday is given.
"""

from __future__ import annotations

import numpy as np

from crmsim.scenario.model import Channel, Scenario
from crmsim.time_units import DAYS_PER_WEEK, MINUTES_PER_DAY, MINUTES_PER_HOUR


class OpeningHours:
    """Open or closed for each slot of a week that starts at day 0 of the run.

    Parameters
    ----------
    week
        One flag per slot (``True``: open), ``7 × slots per day`` of them, the
        first slot starting at minute 0 of day 0.
    slot_min
        Width of one slot (minutes).

    Examples
    --------
    >>> hours = OpeningHours.daily(8.0, 20.0, weekdays=(0, 1, 2, 3, 4), start_weekday=0)
    >>> hours.is_open(9 * 60.0), hours.is_open(21 * 60.0)
    (True, False)
    >>> hours.next_opening_min(21 * 60.0) / 60.0  # Tuesday 08:00
    32.0
    """

    __slots__ = ("slot_min", "slots", "week")

    def __init__(self, week: np.ndarray, slot_min: float) -> None:
        self.week = np.asarray(week, dtype=bool)
        self.slot_min = float(slot_min)
        # Plain bools: looked up one at a time in the simulators' loops.
        self.slots: list[bool] = self.week.tolist()

    @classmethod
    def daily(
        cls,
        open_h: float,
        close_h: float,
        weekdays: tuple[int, ...],
        start_weekday: int,
        slot_min: float = MINUTES_PER_HOUR,
    ) -> OpeningHours:
        """Open from ``open_h`` to ``close_h`` (hours) on each of ``weekdays`` (0 = Monday).

        The hours must fall on slot boundaries (whole hours with the default slot).
        """
        per_day = int(MINUTES_PER_DAY // slot_min)
        starts_h = np.arange(per_day) * slot_min / MINUTES_PER_HOUR
        day = (starts_h >= open_h) & (starts_h < close_h)
        week = [
            day & ((start_weekday + d) % DAYS_PER_WEEK in weekdays) for d in range(DAYS_PER_WEEK)
        ]
        return cls(np.concatenate(week), slot_min)

    @classmethod
    def of_channel(cls, channel: Channel, start_weekday: int) -> OpeningHours:
        """Open in every planning interval with a positive share on a day with a positive factor."""
        shares = np.asarray(channel.intraday_profile) > 0
        weekdays = [(start_weekday + d) % DAYS_PER_WEEK for d in range(DAYS_PER_WEEK)]
        week = [shares & (channel.weekday_factors[w] > 0) for w in weekdays]
        return cls(np.concatenate(week), channel.interval_min)

    @property
    def always_open(self) -> bool:
        """Open in every slot of the week."""
        return bool(self.week.all())

    @property
    def never_open(self) -> bool:
        """Closed in every slot of the week."""
        return not self.week.any()

    def is_open(self, t_min: float) -> bool:
        """Whether the slot containing ``t_min`` is open."""
        slots = self.slots
        return slots[int(t_min // self.slot_min) % len(slots)]

    def next_opening_min(self, t_min: float) -> float:
        """Start of the first open slot after the slot containing ``t_min`` (minutes).

        ``t_min`` itself when its slot is open or the channel is never open.
        """
        slots = self.slots
        now_slot = int(t_min // self.slot_min)
        for ahead in range(len(slots)):
            if slots[(now_slot + ahead) % len(slots)]:
                return t_min if ahead == 0 else (now_slot + ahead) * self.slot_min
        return t_min


def live_channel_hours(scenario: Scenario) -> dict[str, OpeningHours]:
    """Opening hours of the scenario's phone and chat lines that close at some time of the week.

    Channels without volume, and lines open all week or never, are left out:
    contacts on them never wait for an opening.
    """
    hours = {}
    for name in ("phone", "chat"):
        channel = scenario.channels.get(name)
        if channel is None or channel.daily_volume == 0:
            continue
        week = OpeningHours.of_channel(channel, scenario.start_weekday)
        if not week.always_open and not week.never_open:
            hours[name] = week
    return hours
