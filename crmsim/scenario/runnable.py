"""Checks that a valid scenario can also be run: size limits, and shifts that meet contacts.

A scenario whose every field is in range can still be useless or dangerous: two
years of a million contacts a day would run for days, and agents whose shift
lies wholly outside the hours in which their calls arrive never take one.
These checks run after the fields are read, and again for ``--days`` given on
the command line.
"""

from __future__ import annotations

from crmsim.errors import InputError
from crmsim.limits import MAX_DAYS, MAX_SIMULATED_CONTACTS
from crmsim.scenario.fields import FieldReader
from crmsim.scenario.model import LIVE_CHANNELS, Channel, Scenario
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_HOUR


def expected_contacts(scenario: Scenario, days: int) -> float:
    """An upper estimate of the contacts a run of ``days`` days brings (busiest weekday)."""
    per_day = sum(c.daily_volume * max(c.weekday_factors) for c in scenario.channels.values())
    spikes = max((s.factor for s in scenario.campaign_spikes), default=1.0)
    return per_day * max(spikes, 1.0) * days


def check_run_size(scenario: Scenario, days: int, source: str = "") -> None:
    """Refuse a run longer than :data:`~crmsim.limits.MAX_DAYS` or with too many contacts."""
    place = f"{source}: " if source else ""
    if not 1 <= days <= MAX_DAYS:
        raise InputError(
            f"{place}days must be from 1 to {MAX_DAYS} (the limit of crmsim), got {days}"
        )
    contacts = expected_contacts(scenario, days)
    if contacts > MAX_SIMULATED_CONTACTS:
        raise InputError(
            f"{place}{days} days of this scenario bring up to {contacts:,.0f} contacts; one run "
            f"simulates at most {MAX_SIMULATED_CONTACTS:,} (the limit of crmsim): "
            "simulate fewer days or lower the volumes"
        )


def check_shift_meets_opening_hours(
    r: FieldReader, shift: list[float], skills: list[str], channels: dict[str, Channel]
) -> None:
    """Refuse a shift that lies wholly outside the hours in which its live contacts arrive.

    Written media (email, letter/fax) and call-backs wait in a backlog, so a group
    that handles any of them may work at any hour.
    """
    if not skills or not set(skills) <= LIVE_CHANNELS:
        return
    start, end = float(shift[0]) * MINUTES_PER_HOUR, float(shift[1]) * MINUTES_PER_HOUR
    windows = [(start, end)] if end > start else [(start, MINUTES_PER_DAY), (0.0, end)]
    open_minutes = []
    for skill in skills:
        profile = channels[skill].intraday_profile
        width = MINUTES_PER_DAY / len(profile)
        open_minutes += [(i * width, (i + 1) * width) for i, share in enumerate(profile) if share]
    if not open_minutes:
        return
    if not any(a < d and c < b for a, b in windows for c, d in open_minutes):
        first = min(c for c, _ in open_minutes) / 60
        last = max(d for _, d in open_minutes) / 60
        raise r.fail(
            "shift_h",
            f"{shift} lies entirely outside the hours in which {', '.join(skills)} contacts "
            f"arrive ({first:g}-{last:g} h): this group would never take a contact",
        )
